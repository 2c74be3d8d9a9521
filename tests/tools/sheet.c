/* sheet - the sheet of paper in a photo, for inspection and the tests:
 *   sheet [-n N] [-l] IN [OUT.png]
 * prints
 *   found 0|1
 *   corners X0 Y0 X1 Y1 X2 Y2 X3 Y3   (clockwise from top left; if found)
 *   size W H                          (the straightened page; if found)
 *   frac F
 *   why TEXT
 *   ms FIND ALL                       (with -n: mean processor times of a
 *                                      search, and of a search and the
 *                                      straightening)
 * and writes the straightened page to OUT.png (with -l its light evened
 * out, as grey). -n N times N searches (the image already decoded). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "zizhi.h"

/* processor time: the cores may be shared with other work */
static double
cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void
usage(void)
{
	fprintf(stderr, "usage: sheet [-n N] [-l] IN [OUT.png]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	int n = 0, light = 0, c;
	while ((c = getopt(argc, argv, "n:l")) != -1) {
		switch (c) {
		case 'n': n = atoi(optarg); break;
		case 'l': light = 1; break;
		default: usage();
		}
	}
	argv += optind, argc -= optind;
	if (argc < 1 || argc > 2 || n < 0)
		usage();
	PIX *in = pixRead(argv[0]);
	if (!in)
		zz_die(ZZ_EXIT_ITEMS, "cannot read %s", argv[0]);
	zz_sheet s;
	double t0 = cpu_now();
	for (int i = 0; i < n; i++)
		zz_photo_find(in, &s);
	double t1 = cpu_now();
	for (int i = 0; i < n; i++) {
		PIX *p = zz_photo_sheet(in, &s);
		pixDestroy(&p);
	}
	double find_ms = n ? (t1 - t0) * 1000 / n : 0, all_ms = n ? (cpu_now() - t1) * 1000 / n : 0;
	PIX *out = zz_photo_sheet(in, &s);
	printf("found %d\n", s.found);
	if (s.found) {
		printf("corners");
		for (int i = 0; i < 4; i++)
			printf(" %.1f %.1f", s.x[i], s.y[i]);
		printf("\nsize %d %d\n", pixGetWidth(out), pixGetHeight(out));
	}
	printf("frac %.3f\nwhy %s\n", s.frac, s.why);
	if (n)
		printf("ms %.1f %.1f\n", find_ms, all_ms);
	int rc = 0;
	if (out && argc == 2) {
		if (light) {
			PIX *g = pixGetDepth(out) == 32 ? pixConvertRGBToLuminance(out) : pixClone(out);
			PIX *e = zz_even_light(g);
			pixDestroy(&g);
			pixDestroy(&out);
			out = e;
		}
		rc = !out || pixWrite(argv[1], out, IFF_PNG) != 0;
	}
	pixDestroy(&out);
	pixDestroy(&in);
	zz_eclose_stdout();
	return rc ? ZZ_EXIT_IO : s.found ? 0 : 1;
}
