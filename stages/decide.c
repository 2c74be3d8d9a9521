/* zizhi-decide - evaluate the requirements of CONFIG/rules.xml on each
 * case's extracted fields, as of the application date or --as-of, and
 * write CASE/report.xml (verdict, documents, fields with evidence, rules
 * with messages, documents to ask for); prints each case directory. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zizhi.h"

static const char *as_of, *rules_file;

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-decide [-qv] [--as-of YYYY-MM-DD] [--rules file] [-c config]\n"
	        "                    [casedir...]\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	int y, m, d;
	switch (opt) {
	case 'A':
		as_of = arg;
		return strlen(arg) == 10 && sscanf(arg, "%4d-%2d-%2d", &y, &m, &d) == 3 ? 0 : -1;
	case 'R': rules_file = arg; return 0;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"as-of", required_argument, NULL, 'A'}, {"rules", required_argument, NULL, 'R'},
	{NULL, 0, NULL, 0},
};

static int
decide_one(const char *config, const char *casedir)
{
	zz_facts fs;
	zz_decision d;
	char *err = NULL;
	int rc = ZZ_EXIT_ITEMS, lock = zz_lock_case(casedir, 600);
	if (lock < 0) {
		zz_warn("cannot lock '%s': %s", casedir, strerror(errno));
		return rc;
	}
	zz_rmtree_prefixed(casedir, "report.xml.tmp."); /* a killed run's; we hold the lock */
	if (zz_facts_load(&fs, casedir, &err) < 0) {
		zz_warn("%s: %s", casedir, err);
		free(err);
		zz_unlock(&lock);
		return rc;
	}
	if (zz_decide(config, rules_file, &fs, as_of, &d, &err) < 0)
		zz_die(ZZ_EXIT_CONFIG, "bad rules:\n%s", err);
	char *path = zz_easprintf("%s/report.xml", casedir), *id = zz_case_id(casedir);
	if (zz_report_write(path, id, &fs, &d) < 0) {
		zz_warn("cannot write '%s': %s", path, strerror(errno));
		rc = ZZ_EXIT_IO;
	} else {
		printf("%s\n", casedir);
		fflush(stdout);
		rc = ZZ_EXIT_OK;
	}
	free(path), free(id);
	zz_decision_free(&d);
	zz_facts_free(&fs);
	zz_unlock(&lock);
	return rc;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", long_opts, extra, usage);
	zz_items *it = zz_items_open(argc - i, argv + i);
	int status = ZZ_EXIT_OK;
	for (const char *c; (c = zz_items_next(it));) {
		int r = decide_one(st.config, c);
		status = r > status ? r : status;
	}
	zz_items_destroy(&it);
	zz_eclose_stdout();
	return status;
}
