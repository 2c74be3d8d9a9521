/* replay - runs a fuzz harness over files without libFuzzer, so the
 * inputs that once crashed it (tests/fuzz/regressions) and its seeds are
 * checked by every build, gcc and SANITIZE ones included.
 *
 *   replay-HARNESS FILE...    exit 0 when every file went through */
#include <stdio.h>
#include <stdlib.h>

#include "zizhi.h"
#include "fuzz.h"

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		char *p = NULL;
		size_t n = 0;
		if (zz_read_file(argv[i], 64 << 20, &p, &n) < 0)
			zz_die(ZZ_EXIT_IO, "cannot read '%s'", argv[i]);
		LLVMFuzzerTestOneInput((const uint8_t *)p, n);
		free(p);
	}
	return 0;
}
