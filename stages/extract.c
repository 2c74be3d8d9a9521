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

#include "zizhi.h"

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

typedef struct run {
	const zz_doctypes *dt;
	const char *types;
	zz_bounds bounds;
	const char *casedir, *tmp; /* the case in hand, for the child */
} run;

/* extract.xml is up to date when newer than read.xml, the types and
 * case.xml (which a drop of supplementary materials rewrites). */
static int
fresh(void *ctx, const char *casedir)
{
	run *r = ctx;
	char *x = zz_easprintf("%s/extract/extract.xml", casedir);
	char *rd = zz_easprintf("%s/read/read.xml", casedir);
	char *cs = zz_easprintf("%s/case.xml", casedir);
	double tx = mtime(x);
	int ok = !force && tx >= 0 && tx >= mtime(rd) && tx >= mtime(r->types) && tx >= mtime(cs);
	free(x), free(rd), free(cs);
	return ok;
}

enum { CHILD_FAILED = 100 };

/* In a bounded child: the case is extracted into tmp. */
static int
extract_child(void *ctx, int fd)
{
	run *r = ctx;
	char *err = NULL;
	int broken = zz_extract_case(r->dt, r->casedir, r->tmp, &opts, &err);
	if (broken < 0) {
		char *why = zz_bounds_blame(&r->bounds, "extracting it", err);
		zz_warn("%s: %s", r->casedir, why);
		free(err), free(why);
		return CHILD_FAILED;
	}
	if (broken && zz_bounds_near(&r->bounds)) { /* a document failed for want of memory */
		char *oom = zz_bounds_oom(&r->bounds);
		zz_warn("%s: %s while extracting it", r->casedir, oom);
		free(oom);
	}
	return broken ? ZZ_EXIT_ITEMS : ZZ_EXIT_OK;
}

/* Extraction re-reads page images and parses what reading kept of the
 * applicant's files: it runs under the same bounds as reading, and a
 * case that reaches one fails alone (its tmp is removed unpublished). */
static int
work(void *ctx, const char *casedir, const char *tmp)
{
	run *r = ctx;
	r->casedir = casedir, r->tmp = tmp;
	char *out = NULL, *why = NULL;
	size_t n = 0;
	int rc = zz_bounded_run(&r->bounds, extract_child, r, &out, &n, &why);
	free(out);
	if (rc < 0)
		zz_warn("%s: %s while extracting it", casedir, why);
	free(why);
	return rc < 0 || rc == CHILD_FAILED ? -1 : rc;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	zz_keep_heap();
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "f", long_opts, extra, usage);
	char *err = NULL;
	char *types = types_file ? zz_estrdup(types_file) : zz_easprintf("%s/documents.xml", st.config);
	zz_doctypes *dt = zz_doctypes_load(st.config, types, &err);
	if (!dt)
		zz_die(ZZ_EXIT_CONFIG, "bad document types in '%s':\n%s", types, err);
	char *models = zz_easprintf("%s/models", st.config);
	opts.models = models;
	zz_items *it = zz_items_open(argc - i, argv + i);
	int status = ZZ_EXIT_OK;
	run ctx = {dt, types, {0}, NULL, NULL};
	if (zz_config_bounds(st.config, &ctx.bounds, &err) < 0)
		zz_die(ZZ_EXIT_CONFIG, "bad configuration in '%s':\n%s", st.config, err);
	for (const char *c; (c = zz_items_next(it));) {
		int r = zz_stage_case(c, "extract", fresh, work, &ctx, st.verbose);
		status = r > status ? r : status;
	}
	zz_items_destroy(&it);
	zz_doctypes_free(&dt);
	free(types), free(models);
	zz_eclose_stdout();
	return status;
}
