/* masked.c - a person's name masked on the page: web copies of licences
 * leave the surname and hide the given name under a mosaic or a blur
 * (王 and a smudge). Read, the mask gives a name that is not there (吴昌
 * for 吴 and a mosaic); the truth is that the page does not show it.
 *
 * A mask is told from characters by what characters have and it has
 * not: across the middle of the line, a run of columns at least half a
 * line high and at most six characters long that is dark nearly all the
 * way down (a stroke is a line, a character has paper between its
 * strokes), of one tone inside (a mosaic's cells, a blur: two thirds of
 * neighbouring pixels within a few grey levels; a character's run, a
 * third to a half, its strokes' edges tens apart), with paper above and
 * below it and paper again within a character after it (a shadow or a
 * photo's gradient runs on to the box's edge and over the lines above).
 * Dark is darker than the paper class of a three-class Otsu on the box
 * (zz_otsu3). Measured on the development licences and 22 generated
 * ones: mosaics and blurs at 0.72 to 1.00 of one tone, names' characters
 * at 0.36 to 0.52; no name taken for a mask. */
#include <stdlib.h>

#include "read/read.h"

#define DENSE 0.9   /* of a column's middle that is dark, at least */
#define PAPER 0.7   /* of a band that is paper, at least, to be paper */
#define FLAT_STEP 6 /* grey levels between neighbours that are one tone */
#define FLAT 0.65   /* of the steps in a mask that are, at least */

typedef struct area {
	PIX *g;          /* the box grown by half a line above and below, a line right */
	int t2;          /* the first grey of the paper */
	int top, bottom; /* the box's rows in g */
	int cols;        /* g's columns */
} area;

static int
px(const area *a, int x, int y)
{
	l_uint32 v = 255;
	pixGetPixel(a->g, x, y, &v);
	return (int)v;
}

/* The share of rows [y0, y1) of column x that is paper (paper) or not. */
static double
share(const area *a, int x, int y0, int y1, int paper)
{
	int n = 0, k = 0;
	for (int y = y0 < 0 ? 0 : y0; y < y1 && y < (int)pixGetHeight(a->g); y++, n++)
		k += (px(a, x, y) >= a->t2) == paper;
	return n ? (double)k / n : 0;
}

/* The share of the steps between neighbouring pixels of columns
 * [x0, x1) in rows [y0, y1), across and down, of at most FLAT_STEP grey
 * levels. */
static double
flatness(const area *a, int x0, int x1, int y0, int y1)
{
	long flat = 0, n = 0;
	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++) {
			int v = px(a, x, y);
			if (x + 1 < x1)
				flat += abs(px(a, x + 1, y) - v) <= FLAT_STEP, n++;
			if (y + 1 < y1)
				flat += abs(px(a, x, y + 1) - v) <= FLAT_STEP, n++;
		}
	return n ? (double)flat / n : 0;
}

/* Is the run of dark columns [x0, x1) a mask? */
static int
mask_run(const area *a, int x0, int x1, int lh)
{
	int mid0 = a->top + lh / 4, mid1 = a->top + 3 * lh / 4, len = x1 - x0;
	if (2 * len < lh || len > 6 * lh || a->top < lh / 4 ||
	    (int)pixGetHeight(a->g) - a->bottom < lh / 4)
		return 0; /* no room above or below to see paper */
	double above = 0, below = 0;
	for (int x = x0; x < x1; x++) {
		above += share(a, x, 0, a->top - lh / 4, 1);
		below += share(a, x, a->bottom + lh / 4, (int)pixGetHeight(a->g), 1);
	}
	if (above < PAPER * len || below < PAPER * len)
		return 0;
	int after = 0;
	for (int x = x1; x < a->cols && x < x1 + lh && !after; x++)
		after = share(a, x, mid0, mid1, 1) >= PAPER;
	return after && flatness(a, x0, x1, mid0, mid1) >= FLAT;
}

int
zz_region_masked(PIX *page, int x, int y, int w, int h, int *mx, int *mw)
{
	*mx = *mw = 0;
	int pw = pixGetWidth(page), ph = pixGetHeight(page);
	if (w <= 0 || h <= 0 || x >= pw || y >= ph || x + w <= 0 || y + h <= 0)
		return -1;
	int x0 = x < 0 ? 0 : x, y0 = y - h / 2 < 0 ? 0 : y - h / 2;
	int x1 = x + w + h > pw ? pw : x + w + h, y1 = y + h + h / 2 > ph ? ph : y + h + h / 2;
	BOX *box = boxCreate(x0, y0, x1 - x0, y1 - y0);
	area a = {pixClipRectangle(page, box, NULL), -1, y - y0, y + h - y0, x1 - x0};
	boxDestroy(&box);
	/* the paper's bound, from the box itself (not its margins) */
	BOX *own = boxCreate(0, a.top < 0 ? 0 : a.top, (x + w > pw ? pw : x + w) - x0, h);
	PIX *o = a.g ? pixClipRectangle(a.g, own, NULL) : NULL;
	int t1, found = 0;
	if (zz_otsu3_pix(o, &t1, &a.t2) == 0) {
		int mid0 = a.top + h / 4, mid1 = a.top + 3 * h / 4;
		for (int c = 0; c < a.cols && !found;) {
			if (share(&a, c, mid0, mid1, 0) < DENSE) {
				c++;
				continue;
			}
			int start = c;
			while (c < a.cols && share(&a, c, mid0, mid1, 0) >= DENSE)
				c++;
			if (mask_run(&a, start, c, h))
				found = 1, *mx = x0 + start, *mw = c - start;
		}
	}
	pixDestroy(&o);
	boxDestroy(&own);
	pixDestroy(&a.g);
	return found;
}
