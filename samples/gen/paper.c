/* paper.c - what happens to the sheet itself before it is copied: a
 * photocopy (grey, hard, toner specks and streaks, a dark edge where the
 * lid did not close), folds and creases, and a pixelated redaction. All
 * on 32-bpp pages, in place, from gen_rng. */
#include <math.h>
#include <stdlib.h>

#include "licence.h"

static int
clamp8(double v)
{
	return v <= 0 ? 0 : v >= 255 ? 255 : (int)(v + 0.5);
}

static l_uint32
grey(int v)
{
	return px_rgb(v, v, v);
}

static int
lum(l_uint32 v)
{
	int c[3];
	px_split(v, c);
	return (c[0] * 77 + c[1] * 150 + c[2] * 29) >> 8;
}

/* A copier's tone curve: the paper goes to a light grey, the ink to
 * black, colour is lost (a red seal comes out mid grey). */
static void
tone(PIX *pix, gen_rng *r)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	double paper = gen_rng_real(r, 200, 238), gain = gen_rng_real(r, 1.1, 1.5);
	int lut[256];
	for (int i = 0; i < 256; i++)
		lut[i] = clamp8(paper - (255 - i) * gain);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(pix) + (size_t)y * wpl;
		for (int x = 0; x < w; x++)
			line[x] = grey(lut[lum(line[x])]);
	}
}

/* toner where none should be: specks, a streak or two down the page */
static void
specks(PIX *pix, gen_rng *r)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *d = pixGetData(pix);
	long n = (long)w * h / gen_rng_int(r, 2000, 9000);
	for (long i = 0; i < n; i++) {
		int x = gen_rng_int(r, 0, w - 3), y = gen_rng_int(r, 0, h - 3);
		int s = gen_rng_chance(r, 0.85) ? 1 : 2, v = gen_rng_int(r, 20, 120);
		for (int dy = 0; dy < s; dy++)
			for (int dx = 0; dx < s; dx++)
				d[(size_t)(y + dy) * wpl + x + dx] = grey(v);
	}
	for (int k = gen_rng_int(r, 0, 2); k > 0; k--) {
		int x0 = gen_rng_int(r, 0, w - 4), sw = gen_rng_int(r, 1, 3);
		int dark = gen_rng_int(r, 15, 50);
		for (int y = 0; y < h; y++)
			for (int x = x0; x < x0 + sw; x++) {
				l_uint32 *p = d + (size_t)y * wpl + x;
				*p = grey(clamp8(lum(*p) - dark));
			}
	}
}

/* the lid's shadow along one edge */
static void
lid_edge(PIX *pix, gen_rng *r)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	int side = gen_rng_int(r, 0, 3), depth = (int)(gen_rng_real(r, 0.01, 0.04) * w);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(pix) + (size_t)y * wpl;
		for (int x = 0; x < w; x++) {
			int d = side == 0 ? x : side == 1 ? w - 1 - x : side == 2 ? y : h - 1 - y;
			if (d < depth) {
				double t = (double)d / depth;
				line[x] = grey(clamp8(lum(line[x]) * (0.25 + 0.75 * t)));
			}
		}
	}
}

void
gen_photocopy(PIX *pix, gen_rng *r)
{
	tone(pix, r);
	specks(pix, r);
	if (gen_rng_chance(r, 0.5))
		lid_edge(pix, r);
}

/* ---- creases ---- */

struct crease {
	double a, b, c;   /* the line a x + b y = c, a^2 + b^2 = 1 */
	double x0, y0, x1, y1; /* its ends (a fold runs edge to edge) */
	double shade, width;
};

/* the gain of one crease at distance d along its normal: a shadow on one
 * side falling off, a thin bright ridge on the other */
static double
crease_gain(const struct crease *k, double d)
{
	if (d >= 0)
		return 1 - k->shade * exp(-d / k->width);
	return 1 + 0.5 * k->shade * exp(d / (k->width * 0.3));
}

static void
crease_line(struct crease *k, double x0, double y0, double x1, double y1)
{
	double dx = x1 - x0, dy = y1 - y0, len = sqrt(dx * dx + dy * dy);
	k->a = -dy / len, k->b = dx / len;
	k->c = k->a * x0 + k->b * y0;
	k->x0 = x0, k->y0 = y0, k->x1 = x1, k->y1 = y1;
}

/* how far along the segment (0..1) the point's foot falls */
static double
along(const struct crease *k, double x, double y)
{
	double dx = k->x1 - k->x0, dy = k->y1 - k->y0;
	return ((x - k->x0) * dx + (y - k->y0) * dy) / (dx * dx + dy * dy);
}

void
gen_creases(PIX *pix, gen_rng *r)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	struct crease k[8];
	int n = 0;
	/* folds: the sheet folded in two or three, edge to edge */
	for (int f = gen_rng_int(r, 0, 2); f > 0; f--, n++) {
		double at = gen_rng_chance(r, 0.5) ? 0.5 : gen_rng_chance(r, 0.5) ? 1 / 3.0 : 2 / 3.0;
		if (gen_rng_chance(r, 0.5))
			crease_line(&k[n], 0, h * at + gen_rng_real(r, -9, 9), w, h * at);
		else
			crease_line(&k[n], w * at, 0, w * at + gen_rng_real(r, -9, 9), h);
		k[n].shade = gen_rng_real(r, 0.04, 0.12);
		k[n].width = w * gen_rng_real(r, 0.01, 0.04);
	}
	/* crumples: short creases anywhere */
	for (int c = gen_rng_int(r, 1, 5); c > 0 && n < 8; c--, n++) {
		double x = gen_rng_real(r, 0, w);
		double y = gen_rng_real(r, 0, h);
		double len = w * gen_rng_real(r, 0.1, 0.4);
		double a = gen_rng_real(r, 0, M_PI);
		crease_line(&k[n], x, y, x + len * cos(a), y + len * sin(a));
		k[n].shade = gen_rng_real(r, 0.03, 0.08);
		k[n].width = w * gen_rng_real(r, 0.002, 0.006);
	}
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(pix) + (size_t)y * wpl;
		for (int x = 0; x < w; x++) {
			double g = 1;
			for (int i = 0; i < n; i++) {
				double t = along(&k[i], x, y);
				if (t < 0 || t > 1)
					continue;
				double d = k[i].a * x + k[i].b * y - k[i].c;
				if (fabs(d) < k[i].width * 6)
					g *= crease_gain(&k[i], d);
			}
			if (g != 1) {
				int v[3];
				px_split(line[x], v);
				line[x] = px_rgb(clamp8(v[0] * g), clamp8(v[1] * g), clamp8(v[2] * g));
			}
		}
	}
}

/* ---- redaction ---- */

void
gen_blur(PIX *pix, int x0, int y0, int w, int h, int radius)
{
	BOX *b = boxCreate(x0, y0, w, h);
	PIX *c = b ? pixClipRectangle(pix, b, NULL) : NULL;
	PIX *s = c ? pixBlockconv(c, radius, radius) : NULL;
	if (s)
		pixRasterop(pix, b->x, b->y, pixGetWidth(s), pixGetHeight(s), PIX_SRC, s, 0, 0);
	pixDestroy(&s), pixDestroy(&c);
	boxDestroy(&b);
}

void
gen_mosaic(PIX *pix, int x0, int y0, int w, int h, int cell)
{
	int pw = pixGetWidth(pix), ph = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *d = pixGetData(pix);
	if (cell < 2)
		cell = 2;
	for (int cy = y0; cy < y0 + h; cy += cell)
		for (int cx = x0; cx < x0 + w; cx += cell) {
			long s[3] = {0, 0, 0}, n = 0;
			for (int y = cy; y < cy + cell && y < ph; y++)
				for (int x = cx; x < cx + cell && x < pw; x++) {
					if (x < 0 || y < 0)
						continue;
					int rgb[3];
					px_split(d[(size_t)y * wpl + x], rgb);
					s[0] += rgb[0], s[1] += rgb[1], s[2] += rgb[2], n++;
				}
			if (!n)
				continue;
			l_uint32 v = px_rgb((int)(s[0] / n), (int)(s[1] / n), (int)(s[2] / n));
			for (int y = cy; y < cy + cell && y < ph; y++)
				for (int x = cx; x < cx + cell && x < pw; x++)
					if (x >= 0 && y >= 0)
						d[(size_t)y * wpl + x] = v;
		}
}
