/* sharedfs - the verdict on a file system shared by hosts
 * (zz_shared_fs_verdict), for tests/0320-cluster-ssh.t:
 *   sharedfs TYPE [FSTYPE [OPTIONS]]   statfs f_type (0x6969), the mount's
 *                                      type (nfs4) and super options
 *   sharedfs -d DIR                    the file system DIR is on
 * Prints "ok" and exits 0, or "refused: WHY" and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zizhi.h"

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	char *why = NULL;
	int r;
	if (argc == 3 && !strcmp(argv[1], "-d"))
		r = zz_shared_fs_check(argv[2], &why);
	else if (argc >= 2 && argc <= 4 && argv[1][0] != '-')
		r = zz_shared_fs_verdict((uint32_t)strtoul(argv[1], NULL, 0), argc > 2 ? argv[2] : NULL,
		                         argc > 3 ? argv[3] : NULL, &why);
	else {
		fprintf(stderr, "usage: sharedfs TYPE [FSTYPE [OPTIONS]] | sharedfs -d DIR\n");
		return 2;
	}
	if (r < 0)
		printf("refused: %s\n", why);
	else
		printf("ok\n");
	free(why);
	return r < 0;
}
