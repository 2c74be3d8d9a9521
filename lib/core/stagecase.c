/* stagecase.c - what every stage after unpack does with a case: take the
 * case's lock, skip it when its output is up to date, build the output in
 * a temporary directory beside it, and put it in place in one rename, so
 * that readers see the old output or the new one, never half of one, and
 * a killed run leaves only a temporary directory the next run removes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core.h"

/* What a killed run of this stage left (.NAME.XXXXXX, .NAME.old): with
 * the case's lock held, nobody else is building it. */
static void
sweep(const char *casedir, const char *name)
{
	char *prefix = zz_easprintf(".%s.", name);
	zz_rmtree_prefixed(casedir, prefix);
	free(prefix);
}

int
zz_stage_case(const char *casedir, const char *name, zz_stage_fresh_fn fresh,
              zz_stage_work_fn work, void *ctx, int verbose)
{
	char *tmp = zz_easprintf("%s/.%s.XXXXXX", casedir, name);
	int rc = ZZ_EXIT_ITEMS, made = 0, lock = zz_lock_case(casedir, 600);
	if (lock < 0) {
		zz_warn("cannot lock '%s': %s", casedir, strerror(errno));
		goto out;
	}
	sweep(casedir, name);
	if (fresh && fresh(ctx, casedir)) {
		if (verbose)
			zz_warn("%s: %s is up to date", casedir, name);
		rc = ZZ_EXIT_OK;
		goto print;
	}
	if (!mkdtemp(tmp)) {
		zz_warn("cannot create '%s': %s", tmp, strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	made = 1;
	chmod(tmp, 0755);
	int w = work(ctx, casedir, tmp);
	rc = w < 0 ? ZZ_EXIT_ITEMS : w;
	if (w < 0 || rc > ZZ_EXIT_ITEMS)
		goto out; /* nothing to publish */
	char *dst = zz_easprintf("%s/%s", casedir, name), *old = zz_easprintf("%s/.%s.old", casedir, name);
	int r = zz_replace_dir(tmp, dst, old);
	free(dst), free(old);
	if (r < 0) {
		zz_warn("cannot write '%s/%s': %s", casedir, name, strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	made = 0;
print:
	printf("%s\n", casedir);
	fflush(stdout);
out:
	if (made)
		zz_rmtree(tmp);
	zz_unlock(&lock);
	free(tmp);
	return rc;
}
