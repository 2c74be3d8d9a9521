/* fakephoto - synthetic phone photos of a page, for the sheet tests:
 *   fakephoto page OUT.png [W H]
 *       a licence-like page (white, a printed border frame, text-like
 *       blocks, a red seal, a black mark at the top left), W x H (1240 x
 *       1754, A4 at 150 dpi)
 *   fakephoto photo [-s] [-w] [-g] [-o DX,DY] PAGE W H TILTX TILTY TURN SIZE OUT.png
 *       PAGE seen by a pinhole camera (focal length 0.9 times the longest
 *       side, principal point at the centre) on a dark table (-w: light
 *       wood), tilted TILTX degrees about the horizontal axis and TILTY
 *       about the upright one, turned TURN degrees in its plane, SIZE its
 *       height over the photo's when seen square on, its centre moved by
 *       DX, DY times the photo's width and height; -s casts a shadow
 *       across it, -g makes it grey (8 bpp); OUT.jpg is written as a JPEG.
 *       Prints the page's corners in
 *       the photo (pixel centres, clockwise from its top left):
 *       X0 Y0 X1 Y1 X2 Y2 X3 Y3
 *   fakephoto skew PAGE OUT.png DEGREES
 *       PAGE turned, as a scan fed in askew: white brought in at the edges
 *   fakephoto light IMAGE
 *       prints how unevenly the paper of IMAGE is lit: the brightest
 *       less the darkest paper level (the 90th percentile of grey) of the
 *       cells of a 6 x 6 grid
 *   fakephoto grey IN OUT.png
 *       IN as 8-bit grey (luminance), as the sheet tool's -l makes it
 *   fakephoto compare PAGE STRAIGHT.png
 *       prints how well a straightened page matches PAGE: the correlation
 *       of the two, each reduced to 100 pixels wide, grey, less its blur (1:
 *       the same, about 0 for a garbled or upside-down one). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <leptonica/allheaders.h>

#define PI 3.14159265358979323846

static void
usage(void)
{
	fprintf(stderr, "usage: fakephoto page OUT.png [W H]\n"
	                "       fakephoto photo [-s] [-w] [-g] [-o DX,DY] PAGE W H TILTX TILTY TURN "
	                "SIZE OUT.png\n"
	                "       fakephoto compare PAGE STRAIGHT.png\n"
	                "       fakephoto skew PAGE OUT.png DEGREES\n"
	                "       fakephoto light IMAGE\n"
	                "       fakephoto grey IN OUT.png\n");
	exit(2);
}

static void
rect(PIX *pix, double x, double y, double w, double h, l_uint32 val)
{
	int pw = pixGetWidth(pix), ph = pixGetHeight(pix);
	BOX *b = boxCreate((int)(x * pw), (int)(y * ph), (int)(w * pw) + 1, (int)(h * ph) + 1);
	pixSetInRectArbitrary(pix, b, val);
	boxDestroy(&b);
}

static void
ring(PIX *pix, double cx, double cy, double r, double width, l_uint32 val)
{
	int pw = pixGetWidth(pix), ph = pixGetHeight(pix);
	double x0 = cx * pw, y0 = cy * ph, r1 = r * pw, r0 = r1 - width * pw;
	for (int y = (int)(y0 - r1); y <= (int)(y0 + r1); y++)
		for (int x = (int)(x0 - r1); x <= (int)(x0 + r1); x++) {
			double d = hypot(x - x0, y - y0);
			if (d <= r1 && d >= r0 && x >= 0 && y >= 0 && x < pw && y < ph)
				pixSetPixel(pix, x, y, val);
		}
}

/* a page that looks enough like a licence: paper, a patterned border
 * printed inside it, a title, lines of text, a QR code, a red seal, and a
 * black mark at the top left to tell up from down */
static PIX *
page(int w, int h)
{
	PIX *p = pixCreate(w, h, 32);
	pixSetAllArbitrary(p, 0xf8f6f000);
	double m = 0.05, band = 0.025 * (double)w / h;
	/* the border: a band of fine stripes */
	for (int i = 0; i < 12; i++) {
		double t = i * 0.025 / 12;
		l_uint32 c = i % 2 ? 0x90a09000 : 0xc8d0c000;
		rect(p, m + t, m * w / h + t * w / h, 1 - 2 * m - 2 * t, 0.0021, c);
		rect(p, m + t, 1 - m * w / h - t * w / h, 1 - 2 * m - 2 * t, 0.0021, c);
		rect(p, m + t, m * w / h + t * w / h, 0.0021 * h / w, 1 - 2 * m * w / h - 2 * t * w / h, c);
		rect(p, 1 - m - t, m * w / h + t * w / h, 0.0021 * h / w, 1 - 2 * m * w / h - 2 * t * w / h,
		     c);
	}
	(void)band;
	rect(p, 0.12, 0.09, 0.08, 0.08 * w / h, 0x10101000); /* the mark */
	ring(p, 0.5, 0.12, 0.05, 0.05, 0xd0302000);          /* the emblem */
	for (int i = 0; i < 4; i++)                             /* the title */
		rect(p, 0.27 + i * 0.12, 0.2, 0.09, 0.09 * w / h, 0xb0902000);
	unsigned seed = 7;
	for (int line = 0; line < 16; line++) {
		double y = 0.34 + line * 0.032;
		seed = seed * 1103515245 + 12345;
		double len = 0.3 + (seed >> 16) % 40 / 100.0;
		for (double x = 0.14; x < 0.14 + len; x += 0.03)
			rect(p, x, y, 0.022, 0.016, 0x20202000);
	}
	for (int i = 0; i < 8; i++) /* the QR code */
		for (int j = 0; j < 8; j++)
			if ((i * 7 + j * 3 + i * j) % 3)
				rect(p, 0.14 + i * 0.015, 0.88 - 0.12 * w / h + j * 0.015 * w / h, 0.015,
				     0.015 * w / h, 0x10101000);
	ring(p, 0.72, 0.84, 0.09, 0.008, 0xe0303000); /* the seal */
	return p;
}

/* the table: dark, or light wood, with some grain; wave is
 * 4 sin(0.004 x), worked out once a column */
static l_uint32
table(int x, int y, double wave, int wood)
{
	unsigned h = (unsigned)(x * 73856093u) ^ (unsigned)(y * 19349663u);
	h ^= h >> 13, h *= 0x5bd1e995u, h ^= h >> 15;
	double noise = (h % 21) - 10.0;
	double grain = 18 * sin(y * 0.05 + wave) + noise;
	double r = wood ? 150 + grain : 45 + grain / 2, g = wood ? 100 + grain * 0.7 : 42 + grain / 2,
	       b = wood ? 60 + grain * 0.4 : 40 + grain / 2;
	l_uint32 v;
	composeRGBPixel((int)fmax(0, r), (int)fmax(0, g), (int)fmax(0, b), &v);
	return v;
}

static int
photo(int argc, char **argv)
{
	int shadow = 0, wood = 0, grey = 0, i = 0;
	double dx = 0, dy = 0;
	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-s"))
			shadow = 1;
		else if (!strcmp(argv[i], "-w"))
			wood = 1;
		else if (!strcmp(argv[i], "-g"))
			grey = 1;
		else if (!strcmp(argv[i], "-o") && i + 1 < argc && sscanf(argv[i + 1], "%lf,%lf", &dx, &dy) == 2)
			i++;
		else
			usage();
	}
	argv += i, argc -= i;
	if (argc != 8)
		usage();
	PIX *pg0 = pixRead(argv[0]), *pg = pg0 ? pixConvertTo32(pg0) : NULL;
	pixDestroy(&pg0);
	int W = atoi(argv[1]), H = atoi(argv[2]);
	double tx = atof(argv[3]) * PI / 180, ty = atof(argv[4]) * PI / 180, rz = atof(argv[5]) * PI / 180;
	double size = atof(argv[6]);
	if (!pg || W < 16 || H < 16 || size <= 0)
		usage();
	int pw = pixGetWidth(pg), ph = pixGetHeight(pg);
	double f = 0.9 * (W > H ? W : H), a = (double)pw / ph, D = f / (size * H);
	/* R = Rz(turn) Ry(tilty) Rx(tiltx) */
	double cx = cos(tx), sx = sin(tx), cy = cos(ty), sy = sin(ty), cz = cos(rz), sz = sin(rz);
	double R[3][3] = {{cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx},
	                  {sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx},
	                  {-sy, cy * sx, cy * cx}};
	double T[3] = {dx * W * D / f, dy * H * D / f, D};
	const double corner[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
	PTA *ptp = ptaCreate(4), *ptg = ptaCreate(4);
	for (int k = 0; k < 4; k++) {
		double X = (corner[k][0] - 0.5) * a, Y = corner[k][1] - 0.5;
		double Xc = R[0][0] * X + R[0][1] * Y + T[0], Yc = R[1][0] * X + R[1][1] * Y + T[1];
		double Zc = R[2][0] * X + R[2][1] * Y + T[2];
		double u = f * Xc / Zc + W / 2.0, v = f * Yc / Zc + H / 2.0; /* continuous */
		ptaAddPt(ptp, (float)u, (float)v);
		ptaAddPt(ptg, (float)(corner[k][0] * pw), (float)(corner[k][1] * ph));
		printf("%s%.1f %.1f", k ? " " : "", u - 0.5, v - 0.5); /* pixel centres */
	}
	printf("\n");
	l_float32 *vc = NULL;
	if (getProjectiveXformCoeffs(ptp, ptg, &vc) != 0)
		return 1;
	PIX *out = pixCreate(W, H, 32);
	l_uint32 *sd = pixGetData(pg), *od = pixGetData(out);
	int swpl = pixGetWpl(pg), owpl = pixGetWpl(out);
	double *wave = malloc((size_t)W * sizeof *wave);
	for (int x = 0; x < W; x++)
		wave[x] = 4 * sin(x * 0.004);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			double px = x + 0.5, py = y + 0.5, den = vc[6] * px + vc[7] * py + 1;
			double u = (vc[0] * px + vc[1] * py + vc[2]) / den, v = (vc[3] * px + vc[4] * py + vc[5]) / den;
			l_uint32 val;
			if (u >= 0 && v >= 0 && u < pw && v < ph)
				linearInterpolatePixelColor(sd, swpl, pw, ph, (float)(u - 0.5), (float)(v - 0.5),
				                            0xffffff00, &val);
			else
				val = table(x, y, wave[x], wood);
			if (shadow) { /* a soft diagonal shadow, darkest at the bottom right */
				double t = ((double)x / W + (double)y / H - 0.9) / 0.3;
				double k = 1 - 0.45 * fmin(1, fmax(0, t));
				int r, g, b;
				extractRGBValues(val, &r, &g, &b);
				composeRGBPixel((int)(r * k), (int)(g * k), (int)(b * k), &val);
			}
			od[(size_t)y * owpl + x] = val;
		}
	free(wave);
	if (grey) {
		PIX *g = pixConvertRGBToLuminance(out);
		pixDestroy(&out);
		out = g;
	}
	/* OUT.jpg: a JPEG, as phones write, and quicker for 12 megapixels */
	const char *dot = strrchr(argv[7], '.');
	int rc = !out || (dot && !strcmp(dot, ".jpg") ? pixWriteJpeg(argv[7], out, 92, 0)
	                                                : pixWrite(argv[7], out, IFF_PNG)) != 0;
	LEPT_FREE(vc);
	ptaDestroy(&ptp);
	ptaDestroy(&ptg);
	pixDestroy(&out);
	pixDestroy(&pg);
	return rc;
}

/* grey, 100 pixels wide, the height in proportion to PAGE's, less its
 * blur (so that a shadow does not count, only what is printed) plus 128 */
static PIX *
small_grey(PIX *p, int h)
{
	PIX *g = pixConvertTo8(p, 0);
	PIX *s = g ? pixScaleToSize(g, 100, h) : NULL;
	PIX *b = s ? pixBlockconv(s, 6, 6) : NULL;
	PIX *d = b ? pixCreate(100, h, 8) : NULL;
	for (int y = 0; d && y < h; y++)
		for (int x = 0; x < 100; x++) {
			l_uint32 vs, vb;
			pixGetPixel(s, x, y, &vs);
			pixGetPixel(b, x, y, &vb);
			int v = 128 + (int)vs - (int)vb;
			pixSetPixel(d, x, y, (l_uint32)(v < 0 ? 0 : v > 255 ? 255 : v));
		}
	pixDestroy(&g);
	pixDestroy(&s);
	pixDestroy(&b);
	return d;
}

static int
compare(int argc, char **argv)
{
	if (argc != 2)
		usage();
	PIX *a = pixRead(argv[0]), *b = pixRead(argv[1]);
	if (!a || !b)
		return 1;
	int h = (int)lround(100.0 * pixGetHeight(a) / pixGetWidth(a));
	PIX *sa = small_grey(a, h), *sb = small_grey(b, h);
	double ma = 0, mb = 0, ab = 0, aa = 0, bb = 0;
	int n = 100 * h;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < 100; x++) {
			l_uint32 va, vb;
			pixGetPixel(sa, x, y, &va);
			pixGetPixel(sb, x, y, &vb);
			ma += va, mb += vb;
		}
	ma /= n, mb /= n;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < 100; x++) {
			l_uint32 va, vb;
			pixGetPixel(sa, x, y, &va);
			pixGetPixel(sb, x, y, &vb);
			ab += (va - ma) * (vb - mb), aa += (va - ma) * (va - ma), bb += (vb - mb) * (vb - mb);
		}
	printf("%.3f\n", aa > 0 && bb > 0 ? ab / sqrt(aa * bb) : 0);
	pixDestroy(&a);
	pixDestroy(&b);
	pixDestroy(&sa);
	pixDestroy(&sb);
	return 0;
}

static int
skew(int argc, char **argv)
{
	if (argc != 3)
		usage();
	PIX *p = pixRead(argv[0]);
	PIX *r = p ? pixRotate(p, (float)(atof(argv[2]) * PI / 180), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
	                       0, 0)
	           : NULL;
	int rc = !r || pixWrite(argv[1], r, IFF_PNG) != 0;
	pixDestroy(&p);
	pixDestroy(&r);
	return rc;
}

static int
light(int argc, char **argv)
{
	if (argc != 1)
		usage();
	PIX *p = pixRead(argv[0]), *g = p ? pixConvertTo8(p, 0) : NULL;
	if (!g)
		return 1;
	int w = pixGetWidth(g), h = pixGetHeight(g);
	l_uint32 lo = 255, hi = 0;
	for (int i = 0; i < 6; i++)
		for (int j = 0; j < 6; j++) {
			BOX *b = boxCreate(w * i / 6, h * j / 6, w / 6, h / 6);
			PIX *c = pixClipRectangle(g, b, NULL);
			l_uint32 v = 0;
			pixGetRankValue(c, 1, 0.9f, &v);
			v = v > 255 ? 255 : v;
			lo = v < lo ? v : lo, hi = v > hi ? v : hi;
			pixDestroy(&c);
			boxDestroy(&b);
		}
	printf("%u\n", hi - lo);
	pixDestroy(&p);
	pixDestroy(&g);
	return 0;
}

static int
grey(int argc, char **argv)
{
	if (argc != 2)
		usage();
	PIX *p = pixRead(argv[0]);
	PIX *g = !p ? NULL : pixGetDepth(p) == 32 ? pixConvertRGBToLuminance(p) : pixClone(p);
	int rc = !g || pixWrite(argv[1], g, IFF_PNG) != 0;
	pixDestroy(&p);
	pixDestroy(&g);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "page") && (argc == 3 || argc == 5)) {
		PIX *p = page(argc == 5 ? atoi(argv[3]) : 1240, argc == 5 ? atoi(argv[4]) : 1754);
		int rc = !p || pixWrite(argv[2], p, IFF_PNG) != 0;
		pixDestroy(&p);
		return rc;
	}
	if (!strcmp(argv[1], "photo"))
		return photo(argc - 2, argv + 2);
	if (!strcmp(argv[1], "compare"))
		return compare(argc - 2, argv + 2);
	if (!strcmp(argv[1], "skew"))
		return skew(argc - 2, argv + 2);
	if (!strcmp(argv[1], "light"))
		return light(argc - 2, argv + 2);
	if (!strcmp(argv[1], "grey"))
		return grey(argc - 2, argv + 2);
	usage();
	return 2;
}
