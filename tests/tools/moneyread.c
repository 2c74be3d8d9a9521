/* moneyread - boxes of a page image read with the capital-numeral model
 * (zz_money_read), for the tests:
 *   moneyread [-d DIR] IMAGE X Y W H
 *   moneyread [-d DIR] IMAGE <BOXES        one "X Y W H" a line
 * prints TEXT<TAB>CONF for each box. DIR holds zzmoney.traineddata
 * (default: $ZIZHI_CONFIG/models, else config/models). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zizhi.h"

static void
usage(void)
{
	fprintf(stderr, "usage: moneyread [-d DIR] IMAGE [X Y W H]\n");
	exit(2);
}

static int
number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < -100000 || v > 100000)
		usage();
	return (int)v;
}

static void
read_box(zz_money *m, PIX *page, int x, int y, int w, int h)
{
	char *err = NULL;
	float conf = 0;
	char *text = zz_money_read(m, page, x, y, w, h, &conf, &err);
	if (!text)
		zz_die(1, "%s", err);
	printf("%s\t%.2f\n", text, conf);
	free(text);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	char *dir = NULL, *err = NULL;
	int c;
	while ((c = getopt(argc, argv, "d:")) != -1) {
		if (c == 'd')
			dir = zz_estrdup(optarg);
		else
			usage();
	}
	argv += optind, argc -= optind;
	if (argc != 1 && argc != 5)
		usage();
	if (!dir)
		dir = zz_easprintf("%s/models", getenv("ZIZHI_CONFIG") ? getenv("ZIZHI_CONFIG")
		                                                         : "config");
	PIX *page = zz_region_page(NULL, argv[0], NULL, 1, 0, &err);
	if (!page)
		zz_die(1, "%s", err);
	zz_money *m = zz_money_new(dir, &err);
	if (!m)
		zz_die(1, "%s", err);
	if (argc == 5) {
		read_box(m, page, number(argv[1]), number(argv[2]), number(argv[3]), number(argv[4]));
	} else {
		int x, y, w, h;
		char line[256];
		while (fgets(line, sizeof line, stdin)) {
			if (sscanf(line, "%d %d %d %d", &x, &y, &w, &h) != 4)
				zz_die(2, "not a box: %s", line);
			read_box(m, page, x, y, w, h);
		}
	}
	zz_money_destroy(&m);
	pixDestroy(&page);
	free(dir);
	zz_eclose_stdout();
	return 0;
}
