/* zizhi-read - read every file of each case: Word and Excel through their
 * XML, PDF text layers through poppler, scans and image-only pages by OCR
 * in worker processes (one Tesseract engine each, loaded once, pages handed
 * out one at a time, one thread each: omp1.c), with a cache of OCR results by
 * content in SPOOL/ocr-cache. Writes CASE/read/ (read.xml, ALTO and text
 * per page) and prints each case directory. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "zizhi.h"

static int jobs_wanted, force, no_cache, psm = -1;
static const char *langs;

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-read [-fqv] [-j workers] [--no-cache] [--psm mode] [--langs l]\n"
	        "                  [-s spool] [-c config] [casedir...]\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	switch (opt) {
	case 'j': return (jobs_wanted = atoi(arg)) > 0 ? 0 : -1;
	case 'f': force = 1; return 0;
	case 'N': no_cache = 1; return 0;
	case 'P': psm = atoi(arg); return psm >= 0 && psm <= 13 ? 0 : -1;
	case 'L': langs = arg; return 0;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"jobs", required_argument, NULL, 'j'}, {"force", no_argument, NULL, 'f'},
	{"no-cache", no_argument, NULL, 'N'},   {"psm", required_argument, NULL, 'P'},
	{"langs", required_argument, NULL, 'L'}, {NULL, 0, NULL, 0},
};

typedef struct run {
	zz_readcase *rc;
	const zz_readopts *o;
	const int *index; /* pool job -> the case's job */
	long done, total;
	time_t start;
	int tty;
} run;

static void
done(void *ctx, int job, const char *reply)
{
	run *r = ctx;
	zz_readcase_result(r->rc, r->index[job], reply);
	r->done++;
	if (!r->tty)
		return;
	double t = difftime(time(NULL), r->start), rate = t > 0 ? r->done / t : 0;
	fprintf(stderr, "\rzizhi-read: %ld/%ld pages  %.1f pages/s  ETA %.0fs   ", r->done, r->total,
	        rate, rate > 0 ? (r->total - r->done) / rate : 0);
	if (r->done == r->total)
		fputs("\r\033[K", stderr);
}

/* a page of a file past file-seconds is not started */
static char *
skip(void *ctx, int job)
{
	run *r = ctx;
	return zz_readcase_start(r->rc, r->index[job], r->o->file_seconds);
}

static void
report(const zz_readcase *rc, const char *casedir)
{
	char why[600];
	const char *path = NULL;
	for (int i = 0; zz_readcase_problem(rc, i, &path, why, sizeof why) == 0; i++)
		zz_warn("%s: cannot read '%s': %s", casedir, path, why);
}

typedef struct stage {
	zz_pool *pool;
	zz_readopts *o;
} stage;

/* read.xml is up to date when no older than case.xml: a drop of
 * supplementary materials joining the case (zizhi-unpack --into) rewrites
 * case.xml, and its new files must be read. */
static int
fresh(void *ctx, const char *casedir)
{
	char *readxml = zz_easprintf("%s/read/read.xml", casedir);
	char *casexml = zz_easprintf("%s/case.xml", casedir);
	struct stat r, c;
	int ok = !force && stat(readxml, &r) == 0 && stat(casexml, &c) == 0 &&
	         (r.st_mtim.tv_sec > c.st_mtim.tv_sec ||
	          (r.st_mtim.tv_sec == c.st_mtim.tv_sec && r.st_mtim.tv_nsec >= c.st_mtim.tv_nsec));
	free(readxml), free(casexml);
	return ok;
}

/* The pages of the case that need OCR: from the cache when they are in
 * it (no worker, no engine started), else by the pool. */
static void
read_pages(stage *sg, zz_readcase *c)
{
	int n = 0, miss = 0;
	char **lines = zz_readcase_plan(c, sg->o, &n);
	int *index = zz_ecalloc((size_t)n + 1, sizeof *index);
	char **todo = zz_ecalloc((size_t)n + 1, sizeof *todo);
	for (int k = 0; k < n; k++) {
		char *hit = zz_readjob_cached(sg->o, lines[k]);
		if (hit)
			zz_readcase_result(c, k, hit);
		else
			index[miss] = k, todo[miss++] = lines[k];
		free(hit);
	}
	if (miss > 0) {
		if (!sg->pool) {
			sg->pool = zz_pool_new(jobs_wanted, zz_readjob_init, zz_readjob_run, sg->o);
			zz_pool_set_skip(sg->pool, skip);
			zz_pool_set_bounds(sg->pool, &sg->o->bounds);
		}
		run r = {c, sg->o, index, 0, miss, time(NULL), isatty(2) && !getenv("ZIZHI_NO_PROGRESS")};
		zz_pool_run(sg->pool, todo, miss, done, &r);
	}
	free(index);
	free(todo);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* Reads one case into tmp; returns a ZZ_EXIT_* code. */
static int
read_case(void *ctx, const char *casedir, const char *tmp)
{
	char *err = NULL;
	zz_readcase *c = zz_readcase_open(casedir, tmp, &err);
	if (!c) {
		zz_warn("%s", err);
		free(err);
		return -1;
	}
	read_pages(ctx, c);
	int rc = zz_readcase_failures(c) ? ZZ_EXIT_ITEMS : ZZ_EXIT_OK;
	if (zz_readcase_write(c) < 0) {
		zz_warn("cannot write '%s/read': %s", casedir, strerror(errno));
		rc = ZZ_EXIT_IO;
	} else {
		report(c, casedir);
	}
	zz_readcase_destroy(&c);
	return rc;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	zz_keep_heap();
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "j:f", long_opts, extra, usage);
	zz_readconf conf;
	char *err = NULL;
	if (zz_config_read(st.config, &conf, &err) < 0)
		zz_die(ZZ_EXIT_CONFIG, "bad configuration in '%s':\n%s", st.config, err);
	if (jobs_wanted <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs_wanted = n > 0 ? (int)n : 1;
	}
	char *cache = no_cache ? NULL : zz_easprintf("%s/ocr-cache", st.spool);
	zz_readopts o = {langs ? langs : conf.langs, psm >= 0 ? psm : conf.psm, cache,
	                 conf.max_pixels, conf.max_pages, conf.page_seconds,
	                 conf.file_seconds, conf.text_min, conf.text_max, conf.bounds};
	stage sg = {NULL, &o};
	zz_items *it = zz_items_open(argc - i, argv + i);
	int status = ZZ_EXIT_OK;
	for (const char *c; (c = zz_items_next(it));) {
		int r = zz_stage_case(c, "read", fresh, read_case, &sg, st.verbose);
		status = r > status ? r : status;
	}
	zz_pool_destroy(&sg.pool);
	zz_items_destroy(&it);
	free(cache);
	zz_eclose_stdout();
	return status;
}
