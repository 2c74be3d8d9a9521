/* fuzz_documents - config/documents.xml through zz_doctypes_load (the
 * schema, every PCRE2 pattern, cues, fields, tables, records), and the
 * types it gives applied to the fixture case: classification and the
 * extraction of every field, as zizhi-extract --types would. */
#include <stdlib.h>
#include <sys/stat.h>

#include "zizhi.h"
#include "fuzz.h"

static char *dir, *file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	zz_fuzz_init();
	zz_fuzz_config_dir(&dir, &file, "documents.xml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	zz_fuzz_write(file, data, size);
	zz_doctypes *dt = zz_doctypes_load(dir, NULL, &err);
	free(err), err = NULL;
	if (dt) {
		char *out = zz_fuzz_path("out");
		zz_extract_opts o = {.no_reread = 1, .no_crops = 1};
		if (mkdir(out, 0755) < 0)
			abort();
		zz_extract_case(dt, zz_fuzz_case(), out, &o, &err);
		free(err);
		zz_rmtree(out);
		free(out);
		zz_doctypes_free(&dt);
	}
	return 0;
}
