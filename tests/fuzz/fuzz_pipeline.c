/* fuzz_pipeline - config/pipeline.xml through zz_config_limits,
 * zz_config_read and zz_config_inbox: the schema, sizes with suffixes,
 * counts, and what the loaders do with values the schema lets by. */
#include <stdlib.h>

#include "zizhi.h"
#include "fuzz.h"

static char *dir, *file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	zz_fuzz_init();
	zz_fuzz_config_dir(&dir, &file, "pipeline.xml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	zz_fuzz_write(file, data, size);
	zz_limits lim;
	zz_config_limits(dir, &lim, &err);
	free(err), err = NULL;
	zz_readconf rc;
	if (zz_config_read(dir, &rc, &err) == 0)
		ZZ_FUZZ_ASSERT(memchr(rc.langs, '\0', sizeof rc.langs));
	free(err), err = NULL;
	zz_inboxconf ic;
	zz_config_inbox(dir, &ic, &err);
	free(err);
	return 0;
}
