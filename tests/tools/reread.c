/* reread - a box of a page image re-read as one line, for the tests:
 *   reread [-i] [-w WHITELIST] [-s SCALE] [-m MARGIN] [-o CROP.png] IMAGE X Y W H
 *   reread -p PDF -n PAGE [-d DPI] [...] X Y W H
 * prints TEXT<TAB>CONF; -o also writes the box as a PNG (margin MARGIN,
 * default 8), -c writes the crop only; -i reads the box's ink only
 * (zz_reread_ink). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zizhi.h"

static void
usage(void)
{
	fprintf(stderr, "usage: reread [-c] [-i] [-w WHITELIST] [-s SCALE] [-m MARGIN] [-o CROP.png] "
	                "IMAGE X Y W H\n"
	                "       reread -p PDF -n PAGE [-d DPI] [-c] [-w ...] X Y W H\n");
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

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	const char *wl = NULL, *crop = NULL, *pdf = NULL;
	double scale = 2.0;
	int margin = 8, pageno = 1, dpi = 300, only_crop = 0, ink = 0, c;
	while ((c = getopt(argc, argv, "ciw:s:m:o:p:n:d:")) != -1) {
		switch (c) {
		case 'c': only_crop = 1; break;
		case 'i': ink = 1; break;
		case 'w': wl = optarg; break;
		case 's': scale = atof(optarg); break;
		case 'm': margin = number(optarg); break;
		case 'o': crop = optarg; break;
		case 'p': pdf = optarg; break;
		case 'n': pageno = number(optarg); break;
		case 'd': dpi = number(optarg); break;
		default: usage();
		}
	}
	argv += optind, argc -= optind;
	if (argc != (pdf ? 4 : 5) || (only_crop && !crop))
		usage();
	char *err = NULL;
	PIX *page = zz_region_page(NULL, pdf ? NULL : argv[0], pdf, pageno, dpi, &err);
	if (!pdf)
		argv++;
	int x = number(argv[0]), y = number(argv[1]), w = number(argv[2]), h = number(argv[3]);
	if (!page)
		zz_die(1, "%s", err);
	if (crop && zz_region_crop(page, x, y, w, h, margin, crop, &err) < 0)
		zz_die(1, "%s", err);
	if (!only_crop) {
		zz_reread *r = zz_reread_new(getenv("REREAD_LANGS") ? getenv("REREAD_LANGS") : "chi_sim+eng", &err);
		if (!r)
			zz_die(1, "%s", err);
		float conf = 0;
		char *text = (ink ? zz_reread_ink : zz_reread_box)(r, page, x, y, w, h, scale, wl, &conf, &err);
		if (!text)
			zz_die(1, "%s", err);
		printf("%s\t%.2f\n", text, conf);
		free(text);
		zz_reread_destroy(&r);
	}
	pixDestroy(&page);
	zz_eclose_stdout();
	return 0;
}
