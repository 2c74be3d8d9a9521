/* zizhi-extract - classify each document of each case by its content and
 * read the spec's fields from it, with raw text, normalised value,
 * confidence and evidence (file, page, box or cell), as configured in
 * CONFIG/documents.xml. Writes CASE/extract/ (extract.xml and the evidence
 * crops) and prints each case directory. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract.h"

static int force;
static zz_extract_opts opts;
static const char *types_file;

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-extract [-fqv] [--no-reread] [--no-crops] [--types file]\n"
	        "                     [-s spool] [-c config] [casedir...]\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	switch (opt) {
	case 'f': force = 1; return 0;
	case 'R': opts.no_reread = 1; return 0;
	case 'C': opts.no_crops = 1; return 0;
	case 'T': types_file = arg; return 0;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"force", no_argument, NULL, 'f'},        {"no-reread", no_argument, NULL, 'R'},
	{"no-crops", no_argument, NULL, 'C'},     {"types", required_argument, NULL, 'T'},
	{NULL, 0, NULL, 0},
};

static double
mtime(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9 : -1;
}

/* extract.xml is up to date when newer than read.xml and the types. */
static int
fresh(const char *casedir, const char *types)
{
	char *x = zz_easprintf("%s/extract/extract.xml", casedir);
	char *r = zz_easprintf("%s/read/read.xml", casedir);
	double tx = mtime(x);
	int ok = tx >= 0 && tx >= mtime(r) && tx >= mtime(types);
	free(x), free(r);
	return ok;
}

static int
extract_one(const zz_doctypes *dt, const char *casedir, const char *types, int verbose)
{
	char *tmp = zz_easprintf("%s/.extract.XXXXXX", casedir), *err = NULL;
	int rc = ZZ_EXIT_ITEMS, lock = zz_lock_case(casedir, 600);
	if (lock < 0) {
		zz_warn("cannot lock '%s': %s", casedir, strerror(errno));
		goto out;
	}
	if (!force && fresh(casedir, types)) {
		if (verbose)
			zz_warn("%s: already extracted", casedir);
		rc = ZZ_EXIT_OK;
		goto print;
	}
	if (!mkdtemp(tmp)) {
		zz_warn("cannot create '%s': %s", tmp, strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	chmod(tmp, 0755);
	if (zz_extract_case(dt, casedir, tmp, &opts, &err) < 0) {
		zz_warn("%s: %s", casedir, err);
		goto out;
	}
	char *dst = zz_easprintf("%s/extract", casedir), *old = zz_easprintf("%s/.extract.old", casedir);
	int r = zz_replace_dir(tmp, dst, old);
	free(dst), free(old);
	if (r < 0) {
		zz_warn("cannot write '%s/extract': %s", casedir, strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	rc = ZZ_EXIT_OK;
print:
	printf("%s\n", casedir);
	fflush(stdout);
out:
	if (!strstr(tmp, "XXXXXX"))
		zz_rmtree(tmp);
	zz_unlock(&lock);
	free(tmp), free(err);
	return rc;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	/* the re-read engine runs here: one OpenMP thread, as in zizhi-read */
	if (!getenv("OMP_THREAD_LIMIT")) {
		setenv("OMP_THREAD_LIMIT", "1", 1);
		execv("/proc/self/exe", argv);
	}
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "f", long_opts, extra, usage);
	char *err = NULL;
	char *types = types_file ? zz_estrdup(types_file) : zz_easprintf("%s/documents.xml", st.config);
	zz_doctypes *dt = zz_doctypes_load(st.config, types, &err);
	if (!dt)
		zz_die(ZZ_EXIT_CONFIG, "bad document types in '%s':\n%s", types, err);
	zz_items *it = zz_items_open(argc - i, argv + i);
	int status = ZZ_EXIT_OK;
	for (const char *c; (c = zz_items_next(it));) {
		int r = extract_one(dt, c, types, st.verbose);
		status = r > status ? r : status;
	}
	zz_items_destroy(&it);
	zz_doctypes_free(&dt);
	free(types);
	zz_eclose_stdout();
	return status;
}
