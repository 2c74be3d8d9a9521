/* zizhi-load - load each case (its documents, pages, fields with their
 * evidence, certificates, and verdict and rules once decided) into the
 * review database, replacing the case's earlier rows in one transaction
 * and keeping its events and the reviewers' decisions. Prints each case
 * directory loaded. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "zizhi.h"

static void
usage(int code)
{
	fprintf(code ? stderr : stdout, "usage: zizhi-load [-qv] [-d db] [-s spool] [casedir...]\n");
	exit(code);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", NULL, NULL, usage);
	char *err = NULL;
	struct sqlite3 *db = zz_db_open(st.db, &err);
	if (!db)
		zz_die(ZZ_EXIT_IO, "%s", err);
	zz_items *it = zz_items_open(argc - i, argv + i);
	int status = ZZ_EXIT_OK;
	for (const char *c; (c = zz_items_next(it));) {
		if (zz_load_case(db, c, &err) < 0) {
			zz_warn("%s", err);
			free(err);
			status = ZZ_EXIT_ITEMS;
			continue;
		}
		printf("%s\n", c);
		fflush(stdout);
	}
	zz_items_destroy(&it);
	zz_db_close(&db);
	zz_eclose_stdout();
	return status;
}
