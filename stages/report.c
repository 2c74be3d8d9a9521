/* zizhi-report - print the report of each case (its directory, as zizhi run
 * prints it, or its bare id, looked up in the spool): CASE/report.xml, the
 * contract of the spec's §5, as written by zizhi-decide. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zizhi.h"

static void
usage(int code)
{
	fprintf(code ? stderr : stdout, "usage: zizhi-report [-s spool] case...\n");
	exit(code);
}

/* the case directory of a directory or a bare id */
static char *
case_dir(const zz_settings *st, const char *arg)
{
	struct stat sb;
	if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode))
		return zz_estrdup(arg);
	if (strchr(arg, '/') || strspn(arg, "0123456789abcdef") != strlen(arg))
		return NULL;
	return zz_easprintf("%s/cases/%s", st->spool, arg);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", NULL, NULL, usage);
	zz_items *it = zz_items_open(argc - i, argv + i);
	int status = ZZ_EXIT_OK;
	for (const char *c; (c = zz_items_next(it));) {
		char *dir = case_dir(&st, c), *path = dir ? zz_easprintf("%s/report.xml", dir) : NULL;
		char *xml = NULL;
		size_t n = 0;
		if (!path || zz_read_file(path, 1 << 26, &xml, &n) < 0) {
			zz_warn("%s: no report (%s)", c,
			        !dir ? "not a case directory or id" : "run zizhi-decide first");
			status = ZZ_EXIT_ITEMS;
		} else {
			fwrite(xml, 1, n, stdout);
		}
		free(dir), free(path), free(xml);
	}
	zz_items_destroy(&it);
	zz_eclose_stdout();
	return status;
}
