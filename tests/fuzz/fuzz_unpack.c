/* fuzz_unpack - a submission held in memory through zz_unpack_memory:
 * libmagic's guess, ZIP through libzip (GBK names, salvage), ISO, 7z,
 * tar, cpio through libarchive, archives nested in it, safe paths, the
 * limits, and case.xml written from what came out. The limits are small
 * so an input is a few milliseconds and a bomb stops early. */
#include <stdlib.h>
#include <sys/stat.h>

#include "zizhi.h"
#include "fuzz.h"

static const zz_limits lim = {
	.max_total_bytes = 4 << 20,
	.max_file_bytes = 1 << 20,
	.max_entries = 64,
	.ratio_min_bytes = 64 << 10,
	.max_ratio = 200,
	.max_depth = 3,
	.max_path_bytes = 1024,
	.max_refusals_listed = 16,
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	zz_fuzz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *root = zz_fuzz_path("case"), *err = NULL;
	if (mkdir(root, 0755) < 0)
		abort();
	zz_unpack *u = zz_unpack_new(root, &lim, &err);
	if (!u)
		abort(); /* libmagic's database: not the input's fault */
	int r = zz_unpack_memory(u, data, size, "submission.zip", &err);
	free(err);
	if (r >= 0) {
		char *xml = zz_fuzz_path("case/case.xml");
		zz_unpack_write_xml(u, "0123456789abcdef", xml);
		free(xml);
	}
	size_t files, refused, errors;
	zz_unpack_counts(u, &files, &refused, &errors);
	ZZ_FUZZ_ASSERT(files <= lim.max_entries);
	zz_unpack_destroy(&u);
	zz_rmtree(root);
	free(root);
	return 0;
}
