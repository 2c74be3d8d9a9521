/* dbopen - open (and so create or migrate) a review database with
 * zz_db_open, then run each SQL argument and print its rows, columns apart
 * by a tab; exit 1 with the message on the first error. The tests need no
 * sqlite3 command line this way. "dbopen -m N DB" migrates only to schema
 * version N: an old database to migrate. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zizhi.h"

static int
row(void *ctx, int n, char **v, char **names)
{
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "\t" : "", v[i] ? v[i] : "NULL");
	putchar('\n');
	return 0;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	int version = zz_db_version();
	if (argc > 2 && !strcmp(argv[1], "-m"))
		version = atoi(argv[2]), argv += 2, argc -= 2;
	if (argc < 2)
		zz_die(ZZ_EXIT_USAGE, "usage: dbopen [-m version] DB [SQL...]");
	char *err = NULL;
	sqlite3 *db = zz_db_open_at(argv[1], version, &err);
	if (!db)
		zz_die(ZZ_EXIT_ITEMS, "%s", err);
	for (int i = 2; i < argc; i++) {
		char *msg = NULL;
		if (sqlite3_exec(db, argv[i], row, NULL, &msg) != SQLITE_OK)
			zz_die(ZZ_EXIT_ITEMS, "%s: %s", argv[i], msg ? msg : "error");
	}
	zz_db_close(&db);
	zz_eclose_stdout();
	return 0;
}
