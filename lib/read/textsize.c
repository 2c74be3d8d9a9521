/* textsize.c - the height of a page's body text, measured on the page:
 * a photo says 72 dpi or nothing, a scan 150 to 600, and neither says
 * how large the print is. Tesseract reads a character best at a certain
 * height in pixels (measured: bench/licences.sh and the OCR bench), so
 * the reader scales the page by this height, not by its dpi.
 *
 * The page is binarised (Sauvola, which takes uneven lighting), its
 * connected components are joined into runs of text (neighbours of like
 * height closer than a fraction of their height: the pieces of a Chinese
 * character, then characters into words and lines), and the height that
 * carries the most text wins, each run weighing as many characters as it
 * holds (its width over its height). Counting characters, not pixels,
 * keeps a large title or an emblem from outweighing the body text, and
 * asking for runs of two or more pieces keeps speckle and texture out. */
#include <stdlib.h>

#include "read/read.h"

#define ANALYSIS_MAX 2400 /* longest side the measure works at */
#define MAXH 1024

typedef struct run {
	int x0, y0, x1, y1;
} run;

static int
by_x(const void *a, const void *b)
{
	return ((const run *)a)->x0 - ((const run *)b)->x0;
}

static int
root(int *parent, int a)
{
	while (parent[a] != a)
		a = parent[a] = parent[parent[a]];
	return a;
}

/* Components that may be text: not specks, not rules, not the frame. */
static run *
components(PIX *bin, int *n)
{
	BOXA *ba = pixConnCompBB(bin, 8);
	int nb = ba ? boxaGetCount(ba) : 0, w = pixGetWidth(bin), h = pixGetHeight(bin), k = 0;
	run *r = zz_ecalloc((size_t)nb + 1, sizeof *r);
	for (int i = 0; i < nb; i++) {
		l_int32 x, y, bw, bh;
		boxaGetBoxGeometry(ba, i, &x, &y, &bw, &bh);
		if (bw * bh < 9 || bh < 3 || bh > h / 5 || bw > w / 5 || bw > 15 * bh || bh > 15 * bw)
			continue;
		r[k++] = (run){x, y, x + bw, y + bh};
	}
	boxaDestroy(&ba);
	*n = k;
	return r;
}

/* Joins side-by-side neighbours of like height (within 3 times) whose
 * vertical extents overlap by a third of the smaller and whose gap is
 * under 40 % of the taller: characters set solid into words and lines,
 * the lines above and below kept apart. */
static void
join(run *r, int n, int *parent)
{
	if (n > 1) /* qsort wants an array, even of nothing */
		qsort(r, (size_t)n, sizeof *r, by_x);
	for (int i = 0; i < n; i++)
		parent[i] = i;
	for (int i = 0; i < n; i++) {
		int hi = r[i].y1 - r[i].y0;
		for (int j = i + 1; j < n && r[j].x0 <= r[i].x1 + hi; j++) {
			int hj = r[j].y1 - r[j].y0, big = hi > hj ? hi : hj, small = hi + hj - big;
			if (big > 3 * small || (r[j].x0 - r[i].x1) * 10 > big * 4)
				continue;
			int top = r[i].y0 > r[j].y0 ? r[i].y0 : r[j].y0;
			int bot = r[i].y1 < r[j].y1 ? r[i].y1 : r[j].y1;
			if ((bot - top) * 3 >= small)
				parent[root(parent, i)] = root(parent, j);
		}
	}
}

/* The height (in the analysis image's pixels) carrying the most text:
 * the best window of +-1/8 of the height over the histogram. */
static int
best_height(const double *hist, double *weight)
{
	double best = 0;
	int at = 0;
	for (int k = 5; k < MAXH; k++) {
		double s = 0;
		for (int j = k - k / 8; j <= k + k / 8 && j < MAXH; j++)
			s += hist[j];
		if (s > best)
			best = s, at = k;
	}
	*weight = best;
	return at;
}

/* The height carrying the most text in a binarised page, and about how
 * many characters are that tall. */
static int
measure(PIX *bin, double *chars)
{
	int n = 0, ah = pixGetHeight(bin);
	run *r = components(bin, &n);
	int *parent = zz_ecalloc((size_t)n + 1, sizeof *parent);
	join(r, n, parent);
	run *g = zz_ecalloc((size_t)n + 1, sizeof *g);
	int *count = zz_ecalloc((size_t)n + 1, sizeof *count);
	for (int i = 0; i < n; i++) {
		int p = root(parent, i);
		if (!count[p]++) {
			g[p] = r[i];
			continue;
		}
		g[p].x0 = r[i].x0 < g[p].x0 ? r[i].x0 : g[p].x0;
		g[p].y0 = r[i].y0 < g[p].y0 ? r[i].y0 : g[p].y0;
		g[p].x1 = r[i].x1 > g[p].x1 ? r[i].x1 : g[p].x1;
		g[p].y1 = r[i].y1 > g[p].y1 ? r[i].y1 : g[p].y1;
	}
	double *hist = zz_ecalloc(MAXH, sizeof *hist);
	for (int i = 0; i < n; i++) {
		int gw = g[i].x1 - g[i].x0, gh = g[i].y1 - g[i].y0;
		if (count[i] >= 2 && gh >= 5 && gh < MAXH && gh <= ah / 8 && 2 * gw >= 3 * gh)
			hist[gh] += (double)gw / gh;
	}
	int at = best_height(hist, chars);
	free(hist), free(count), free(g), free(parent), free(r);
	return at;
}

double
zz_text_height(PIX *grey, double *chars, int *sideways)
{
	*chars = 0;
	*sideways = 0;
	if (!grey || pixGetDepth(grey) != 8)
		return 0;
	int w = pixGetWidth(grey), h = pixGetHeight(grey), longest = w > h ? w : h;
	float f = longest > ANALYSIS_MAX ? (float)ANALYSIS_MAX / (float)longest : 1.0f;
	PIX *a = f < 1 ? pixScaleAreaMap(grey, f, f) : pixClone(grey), *bin = NULL;
	if (!a || pixSauvolaBinarizeTiled(a, 10, 0.34f, 1, 1, NULL, &bin) != 0 || !bin) {
		pixDestroy(&a);
		return 0;
	}
	/* A page stored sideways has its lines running down: they join only
	 * when the page is turned. Which way round is for Tesseract's
	 * orientation detection to say. */
	double turned = 0;
	PIX *rot = pixRotate90(bin, 1);
	int at = measure(bin, chars), at90 = rot ? measure(rot, &turned) : 0;
	/* measured on the real licences: upright pages carry 2 to 3 times the
	 * text when read across, sideways ones 1.2 to 1.4 times down */
	if (turned > 1.15 * *chars && turned >= 40 && at90 > 0) {
		*sideways = 1;
		*chars = turned;
		at = at90;
	}
	pixDestroy(&rot);
	pixDestroy(&bin);
	pixDestroy(&a);
	return at / f;
}
