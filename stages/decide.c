/* zizhi-decide - evaluate the requirements of a qualification's rules file
 * (the one of CONFIG/rules/ its form declares) on each case's extracted
 * fields, as of the application date or --as-of, and write CASE/report.xml
 * (verdict, documents, fields with evidence, rules with messages,
 * documents to ask for); prints each case directory. */
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
	char *err = NULL;
	int rc = zz_decide_case(config, rules_file, casedir, as_of, 600, &err);
	if (rc == ZZ_EXIT_CONFIG)
		zz_die(rc, "%s", err);
	if (rc == ZZ_EXIT_OK) {
		printf("%s\n", casedir);
		fflush(stdout);
	} else {
		zz_warn("%s", err);
	}
	free(err);
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
