/* photo.c - the sheet of paper in a phone photo, found on a reduced copy
 * of the frame and mapped to an upright rectangle; and the lighting of a
 * grey page evened out.
 *
 * The sheet is the large bright, colourless region of the frame whose
 * outline is four straight sides. On a copy reduced to WORK_SIDE pixels,
 * whiteness (the least of R, G and B: high for paper, low for wood, skin
 * and dark tables) is thresholded at a few levels round its Otsu split;
 * at each, the largest regions are outlined, their convex hull cut down
 * to four corners, each side refitted to the outline's own points, and
 * the quadrilateral judged: how well it covers the region, how much of
 * each side the outline follows, how much brighter it is inside than
 * out. The best one that passes is the sheet. A sheet may run off one
 * edge of the frame; the decorative frame printed on a licence may stand
 * for the sheet when the paper fills the picture, but not when it is a
 * rectangle square to the picture: that is a scan, with nothing to
 * straighten. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

#define ZZ_PI 3.14159265358979323846 /* M_PI is not C17's */

enum {
	WORK_SIDE = 800, /* the reduced copy's longest side */
	MAX_REGIONS = 3, /* regions judged at each level, largest first */
	MAX_JUDGED = 32, /* regions judged in all (the same region recurs) */
	SAMPLES = 64,    /* points along a side where whiteness is read */
};

/* What a sheet must be, measured on the reduced copy (lengths in its
 * pixels at WORK_SIDE, scaled for smaller frames). */
/* share of the frame, at least: a licence photographed from across a desk
 * fills a seventh of a 12-megapixel frame and is still 1300 pixels wide */
#define MIN_FRAC 0.1
#define MAX_FRAC 0.97   /* more is the frame itself: a scan or a close-up */
#define MIN_COVER 0.90  /* region and quadrilateral: intersection over union */
#define MIN_SIDE 0.45   /* share of each side the outline follows, at least */
#define MIN_SIDES 0.70  /* the same over the four sides together */
#define MIN_STEP 24     /* whiteness just inside a side less just outside */
#define MIN_ANGLE 50    /* a corner's angle in degrees, and 180 less it at most */
#define EDGE_TOL 1.5    /* an outline point this near a side is on it */
#define RECT_DEG 2.0    /* corners this near 90 degrees: a rectangle, seen square on */
#define PAPER_TOL 24    /* beyond a side, whiteness this near the sheet's is paper */
#define LOOSE_SHARE 0.6 /* of a region running on past its sheet, the sheet's share */
#define LOOSE_SIDES 0.6 /* such a sheet's sides: followed less, */
#define LOOSE_STEP 40   /* but clearly brighter than what is round them */
#define EDGE_STEP 16    /* whiteness changing this much over 3 pixels: an edge */

typedef struct pt {
	double x, y;
} pt;

/* a straight line: points p with n . p = c, |n| = 1 */
typedef struct line {
	double nx, ny, c;
} line;

/* one quadrilateral judged */
typedef struct quad {
	pt c[4];           /* corners on the reduced copy, clockwise from top left */
	double frac;       /* its share of the frame */
	double cover;      /* region and quadrilateral, intersection over union */
	double sides;      /* share of the sides the outline follows (or the frame cuts) */
	double least;      /* the same for the least followed side */
	double step;       /* the least whiteness step across a side */
	int cut;           /* sides mostly beyond the frame's edge */
	int beyond;        /* sides with paper beyond them */
	int rect;          /* a rectangle: seen square on, nothing to straighten */
	double score;
	const char *fault; /* why it is not the sheet; NULL if it is */
} quad;

static const char fault_cover[] = "not four-sided";
static const char fault_sides[] = "sides not straight";

/* the reduced copy and what it is measured with */
typedef struct work {
	PIX *white;    /* whiteness, 8 bpp */
	PIX *edges;    /* 1 where whiteness changes steeply */
	int w, h;
	double scale;  /* its longest side over WORK_SIDE */
} work;

static double
cross(pt o, pt a, pt b)
{
	return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

static int
pt_cmp(const void *a, const void *b)
{
	const pt *p = a, *q = b;
	return p->x < q->x ? -1 : p->x > q->x ? 1 : p->y < q->y ? -1 : p->y > q->y;
}

/* The convex hull of the n points (sorted here) into h, clockwise on the
 * screen (y down); returns its size. Leptonica has no convex hull. */
static int
hull(pt *p, int n, pt *h)
{
	if (n > 1)
		qsort(p, (size_t)n, sizeof *p, pt_cmp);
	int k = 0;
	for (int i = 0; i < n; i++) { /* Andrew's monotone chain */
		while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0)
			k--;
		h[k++] = p[i];
	}
	for (int i = n - 2, t = k + 1; i >= 0; i--) {
		while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0)
			k--;
		h[k++] = p[i];
	}
	return k > 1 ? k - 1 : k;
}

/* Cuts a convex polygon down to its four most salient corners, dropping
 * each time the vertex whose triangle with its neighbours is smallest
 * (Visvalingam's simplification): a sheet's rounded or clipped corners
 * and a hand's bulge go first, whatever the sheet's angle. */
static int
four_corners(pt *h, int n, pt c[4])
{
	if (n < 4)
		return -1;
	while (n > 4) {
		int best = 0;
		double least = INFINITY;
		for (int i = 0; i < n; i++) {
			double a = fabs(cross(h[(i + n - 1) % n], h[i], h[(i + 1) % n]));
			if (a < least)
				least = a, best = i;
		}
		memmove(h + best, h + best + 1, (size_t)(n - best - 1) * sizeof *h);
		n--;
	}
	memcpy(c, h, 4 * sizeof *c);
	return 0;
}

static line
line_through(pt a, pt b)
{
	double dx = b.x - a.x, dy = b.y - a.y, len = hypot(dx, dy);
	line l = {-dy / len, dx / len, 0};
	l.c = l.nx * a.x + l.ny * a.y;
	return l;
}

static double
dist(line l, pt p)
{
	return l.nx * p.x + l.ny * p.y - l.c;
}

static int
intersect(line a, line b, pt *p)
{
	double d = a.nx * b.ny - a.ny * b.nx;
	if (fabs(d) < 1e-9)
		return 0;
	p->x = (a.c * b.ny - a.ny * b.c) / d;
	p->y = (a.nx * b.c - a.c * b.nx) / d;
	return 1;
}

/* how far p is inside the frame (negative: outside) */
static double
in_frame(const work *wk, pt p)
{
	return fmin(fmin(p.x, p.y), fmin(wk->w - 1 - p.x, wk->h - 1 - p.y));
}

/* The least-squares line of the points in use, in the perpendicular
 * sense (their principal axis): ptaGetLinearLSF fits y on x and so cannot
 * take a sheet's upright sides. 0 when there are too few points. */
static int
fit_line(const pt *p, const unsigned char *use, int n, line *l)
{
	double sx = 0, sy = 0, m = 0;
	for (int i = 0; i < n; i++)
		if (use[i])
			sx += p[i].x, sy += p[i].y, m++;
	if (m < 5)
		return 0;
	double mx = sx / m, my = sy / m, xx = 0, xy = 0, yy = 0;
	for (int i = 0; i < n; i++)
		if (use[i]) {
			double dx = p[i].x - mx, dy = p[i].y - my;
			xx += dx * dx, xy += dx * dy, yy += dy * dy;
		}
	double th = 0.5 * atan2(2 * xy, xx - yy); /* the axis of most spread */
	l->nx = -sin(th), l->ny = cos(th);
	l->c = l->nx * mx + l->ny * my;
	return 1;
}

/* Marks in use the outline's points along the side from a to b, within
 * tol of the line l and away from the corners. Points on the frame's
 * edge are where the region was cut off, not a side of the sheet. */
static void
side_points(const work *wk, const pt *p, int n, pt a, pt b, line l, double tol,
            unsigned char *use)
{
	double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
	for (int i = 0; i < n; i++) {
		double t = ((p[i].x - a.x) * dx + (p[i].y - a.y) * dy) / len2;
		use[i] = in_frame(wk, p[i]) > 0.5 && t > 0.04 && t < 0.96 && fabs(dist(l, p[i])) <= tol;
	}
}

/* Each side of the corners c refitted to the outline points p near it,
 * the corners moved to where the fitted sides meet. A side with no
 * outline along it stays where it is when it lies on the frame's edge
 * (the sheet runs off the picture there). -1 when a side cannot be
 * placed. */
static int
refine(const work *wk, const pt *p, int n, pt c[4])
{
	unsigned char *use = zz_emalloc((size_t)n + 1);
	line ls[4];
	int ok = 0;
	for (int i = 0; i < 4; i++) {
		pt a = c[i], b = c[(i + 1) % 4];
		line l = line_through(a, b);
		double tol = fmax(4 * wk->scale, 0.03 * hypot(b.x - a.x, b.y - a.y));
		/* from the hull's chord to the outline: wide, then close */
		for (int round = 0; round < 4; round++) {
			side_points(wk, p, n, a, b, l, tol, use);
			if (!fit_line(p, use, n, &l)) {
				if (in_frame(wk, a) > 2 * wk->scale || in_frame(wk, b) > 2 * wk->scale)
					goto out;
				l = line_through(a, b);
				break;
			}
			tol = fmax(EDGE_TOL * wk->scale, tol / 2);
		}
		ls[i] = l;
	}
	for (int i = 0; i < 4; i++)
		if (!intersect(ls[(i + 3) % 4], ls[i], &c[i]))
			goto out;
	ok = 1;
out:
	free(use);
	return ok ? 0 : -1;
}

/* How much of the side from a to b the outline follows, in 1-pixel bins
 * of its length away from the corners, and *cut how much of it lies on
 * or beyond the frame's edge (followed by the frame, as it were). */
static double
support(const work *wk, const pt *p, int n, pt a, pt b, double *cut)
{
	double len = hypot(b.x - a.x, b.y - a.y);
	int bins = (int)len + 1, hit = 0, off = 0, looked = 0;
	unsigned char *seen = zz_ecalloc((size_t)bins, 1);
	unsigned char *use = zz_emalloc((size_t)n + 1);
	side_points(wk, p, n, a, b, line_through(a, b), EDGE_TOL * wk->scale, use);
	for (int i = 0; i < n; i++) {
		int k = (int)(((p[i].x - a.x) * (b.x - a.x) + (p[i].y - a.y) * (b.y - a.y)) / len);
		if (use[i] && k >= 0 && k < bins)
			seen[k] = 1;
	}
	for (int k = 0; k < bins; k++) {
		double t = (k + 0.5) / len;
		if (t <= 0.04 || t >= 0.96)
			continue;
		pt q = {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
		looked++;
		if (in_frame(wk, q) <= EDGE_TOL * wk->scale)
			off++;
		else
			hit += seen[k];
	}
	free(use);
	free(seen);
	*cut = looked ? (double)off / looked : 0;
	return looked ? (double)(hit + off) / looked : 0;
}

/* Corners in the order the header promises: clockwise on the screen,
 * from the one nearest the top left as seen from the centre. */
static void
order(pt c[4])
{
	pt m = {(c[0].x + c[1].x + c[2].x + c[3].x) / 4, (c[0].y + c[1].y + c[2].y + c[3].y) / 4};
	double ang[4];
	for (int i = 0; i < 4; i++)
		ang[i] = atan2(c[i].y - m.y, c[i].x - m.x);
	for (int i = 1; i < 4; i++) /* by angle: clockwise with y down */
		for (int j = i; j > 0 && ang[j] < ang[j - 1]; j--) {
			double ta = ang[j];
			ang[j] = ang[j - 1], ang[j - 1] = ta;
			pt tp = c[j];
			c[j] = c[j - 1], c[j - 1] = tp;
		}
	int first = 0;
	double best = INFINITY;
	for (int i = 0; i < 4; i++) {
		double d = fabs(remainder(ang[i] + 0.75 * ZZ_PI, 2 * ZZ_PI));
		if (d < best)
			best = d, first = i;
	}
	pt t[4];
	for (int i = 0; i < 4; i++)
		t[i] = c[(first + i) % 4];
	memcpy(c, t, sizeof t);
}

/* The pixels of the quadrilateral c (convex, clockwise) within the
 * frame into *qarea, and of the region inside it into *both, row by row:
 * each row of a convex quadrilateral is one run. */
static void
cover(PIX *region, const pt c[4], long *qarea, long *both)
{
	int w = pixGetWidth(region), h = pixGetHeight(region), wpl = pixGetWpl(region);
	l_uint32 *data = pixGetData(region);
	*qarea = *both = 0;
	for (int y = 0; y < h; y++) {
		double lo = 0, hi = w - 1;
		for (int i = 0; i < 4 && lo <= hi; i++) {
			/* cross(c[i], c[i+1], (x, y)) >= 0 is A x + B >= 0 */
			pt o = c[i], a = c[(i + 1) % 4];
			double A = -(a.y - o.y), B = (a.x - o.x) * (y - o.y) + (a.y - o.y) * o.x;
			if (A > 1e-12)
				lo = fmax(lo, -B / A);
			else if (A < -1e-12)
				hi = fmin(hi, -B / A);
			else if (B < 0)
				hi = -1;
		}
		int x0 = (int)ceil(lo), x1 = (int)floor(hi);
		if (x0 > x1)
			continue;
		*qarea += x1 - x0 + 1;
		l_uint32 *row = data + (size_t)y * wpl;
		for (int x = x0; x <= x1; x++)
			*both += GET_DATA_BIT(row, x);
	}
}

/* The median whiteness along the line d pixels inward (d < 0: outward)
 * of the side from a to b, away from the corners; -1 when fewer than a
 * quarter of the points are in the frame. */
static int
level(const work *wk, pt a, pt b, pt centre, double d)
{
	line l = line_through(a, b);
	double sgn = dist(l, centre) > 0 ? 1 : -1; /* the normal, inwards */
	int v[SAMPLES], n = 0;
	for (int k = 0; k < SAMPLES; k++) {
		double t = 0.1 + 0.8 * k / (SAMPLES - 1);
		int x = (int)lround(a.x + t * (b.x - a.x) + sgn * d * l.nx);
		int y = (int)lround(a.y + t * (b.y - a.y) + sgn * d * l.ny);
		if (x < 0 || y < 0 || x >= wk->w || y >= wk->h)
			continue;
		l_uint32 val = 0;
		pixGetPixel(wk->white, x, y, &val);
		int j = n++;
		while (j > 0 && v[j - 1] > (int)val) /* kept sorted */
			v[j] = v[j - 1], j--;
		v[j] = (int)val;
	}
	return n < SAMPLES / 4 ? -1 : v[n / 2];
}

/* The region's outline: its pixels next to background or on the frame's
 * edge, as points. */
static pt *
outline(PIX *region, int *n)
{
	PIX *b = pixAddBorder(region, 1, 0); /* so the frame's edge is an edge */
	PTA *pta = b ? ptaGetBoundaryPixels(b, L_BOUNDARY_FG) : NULL;
	pixDestroy(&b);
	*n = pta ? ptaGetCount(pta) : 0;
	pt *p = zz_emalloc(((size_t)*n + 1) * sizeof *p);
	for (int i = 0; i < *n; i++) {
		l_float32 x, y;
		ptaGetPt(pta, i, &x, &y);
		p[i].x = x - 1, p[i].y = y - 1;
	}
	ptaDestroy(&pta);
	return p;
}

/* Whether the quadrilateral has a corner too sharp or turned in, or off
 * the frame by more than a little; *rect whether all its corners are
 * within RECT_DEG of right angles. */
static const char *
shape_fault(const work *wk, const pt c[4], int *rect)
{
	double margin = 0.03 * WORK_SIDE * wk->scale;
	*rect = 1;
	for (int i = 0; i < 4; i++) {
		pt a = c[(i + 3) % 4], b = c[i], d = c[(i + 1) % 4];
		double cosang = ((a.x - b.x) * (d.x - b.x) + (a.y - b.y) * (d.y - b.y)) /
		                (hypot(a.x - b.x, a.y - b.y) * hypot(d.x - b.x, d.y - b.y));
		double deg = acos(fmax(-1, fmin(1, cosang))) * 180 / ZZ_PI;
		*rect &= fabs(deg - 90) <= RECT_DEG;
		if (cross(a, b, d) <= 0 || deg < MIN_ANGLE || deg > 180 - MIN_ANGLE)
			return "not a quadrilateral: a corner too sharp or turned in";
		if (in_frame(wk, b) < -margin)
			return "a corner far off the frame";
	}
	return NULL;
}

/* Up to max straight lines along the outline points p (those on the
 * frame's edge left out), strongest first: the cells of a Hough transform
 * with the most votes, each with its neighbourhood then cleared.
 * Leptonica has no Hough transform. */
static int
hough_lines(const work *wk, const pt *p, int n, line *out, int max)
{
	enum { NTH = 180, DTH = 5 };
	double diag = hypot(wk->w, wk->h), rb = 2 * wk->scale; /* 1 degree by 2 pixels */
	int nr = (int)(2 * diag / rb) + 2, dr = (int)lround(8 * wk->scale / rb) + 1, m = 0;
	int *acc = zz_ecalloc((size_t)NTH * nr, sizeof *acc);
	double cs[NTH], sn[NTH];
	for (int t = 0; t < NTH; t++)
		cs[t] = cos(t * ZZ_PI / NTH), sn[t] = sin(t * ZZ_PI / NTH);
	for (int i = 0; i < n; i++)
		if (in_frame(wk, p[i]) > 0.5)
			for (int t = 0; t < NTH; t++)
				acc[t * nr + (int)((p[i].x * cs[t] + p[i].y * sn[t] + diag) / rb)]++;
	int least = (int)(0.15 * (wk->w < wk->h ? wk->w : wk->h));
	while (m < max) {
		int best = 0;
		for (int k = 1; k < NTH * nr; k++)
			if (acc[k] > acc[best])
				best = k;
		if (acc[best] < least)
			break;
		int t = best / nr, r = best % nr;
		double rho = (r + 0.5) * rb - diag;
		out[m++] = (line){cs[t], sn[t], rho};
		for (int dt = -DTH; dt <= DTH; dt++) {
			/* (theta + 180, -rho) is the same line */
			int tt = t + dt, wrap = tt < 0 || tt >= NTH;
			tt = (tt + NTH) % NTH;
			int rr = wrap ? (int)((-rho + diag) / rb) : r;
			for (int k = rr - dr; k <= rr + dr; k++)
				if (k >= 0 && k < nr)
					acc[tt * nr + k] = 0;
		}
	}
	free(acc);
	return m;
}

/* the angle between two lines, 0 to 90 degrees */
static double
line_angle(line a, line b)
{
	double d = fabs(atan2(a.ny, a.nx) - atan2(b.ny, b.nx)) * 180 / ZZ_PI;
	d = fmod(d, 180);
	return d > 90 ? 180 - d : d;
}

/* The length of the side from a to b on line l that the outline points
 * ps (near l already) follow, in 1-pixel bins away from the corners, or
 * that lies on or beyond the frame's edge. */
static double
followed(const work *wk, const pt *ps, int n, pt a, pt b, unsigned char *bins, int nbins)
{
	double len = hypot(b.x - a.x, b.y - a.y);
	int k0 = (int)(0.04 * len), k1 = (int)(0.96 * len), hit = 0;
	if (k1 >= nbins)
		return 0;
	memset(bins, 0, (size_t)k1 + 1);
	for (int i = 0; i < n; i++) {
		int k = (int)(((ps[i].x - a.x) * (b.x - a.x) + (ps[i].y - a.y) * (b.y - a.y)) / len);
		if (k > k0 && k <= k1)
			bins[k] = 1;
	}
	for (int k = k0 + 1; k <= k1; k++) {
		double t = (k + 0.5) / len;
		pt q = {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
		hit += bins[k] || in_frame(wk, q) <= EDGE_TOL * wk->scale;
	}
	return hit;
}

/* The four lines of the outline that best make a quadrilateral, by the
 * length of outline along its sides, into c (ordered): for a sheet whose
 * region runs on into a white wall or shirt, where its hull is no
 * quadrilateral. -1 when none. */
static int
hough_quad(const work *wk, const pt *p, int n, pt c[4])
{
	enum { MAX_LINES = 10 };
	line l[MAX_LINES];
	int m = hough_lines(wk, p, n, l, MAX_LINES), found = 0;
	double best = 0, apart = 0.2 * (wk->w < wk->h ? wk->w : wk->h);
	pt mid = {wk->w / 2.0, wk->h / 2.0};
	/* each line's own outline points, found once */
	pt *near[MAX_LINES];
	int nnear[MAX_LINES], nbins = (int)hypot(wk->w, wk->h) * 2 + 2;
	unsigned char *bins = zz_emalloc((size_t)nbins);
	for (int i = 0; i < m; i++) {
		near[i] = zz_emalloc(((size_t)n + 1) * sizeof *near[i]);
		nnear[i] = 0;
		for (int j = 0; j < n; j++)
			if (in_frame(wk, p[j]) > 0.5 && fabs(dist(l[i], p[j])) <= 2 * EDGE_TOL * wk->scale)
				near[i][nnear[i]++] = p[j];
	}
	for (int a = 0; a < m; a++)
		for (int b = a + 1; b < m; b++) {
			if (line_angle(l[a], l[b]) > 40 || fabs(dist(l[a], mid) - dist(l[b], mid)) < apart)
				continue;
			for (int e = a + 1; e < m; e++)
				for (int f = e + 1; f < m; f++) {
					if (e == b || f == b || line_angle(l[e], l[f]) > 40 ||
					    line_angle(l[a], l[e]) < 45 ||
					    fabs(dist(l[e], mid) - dist(l[f], mid)) < apart)
						continue;
					/* a, e, b, f round the quadrilateral */
					const int ring[4] = {a, e, b, f};
					pt q[4];
					int ok = 1, rect;
					for (int i = 0; i < 4 && ok; i++)
						ok = intersect(l[ring[i]], l[ring[(i + 1) % 4]], &q[i]);
					double score = 0;
					for (int i = 0; i < 4 && ok; i++) {
						int s = ring[(i + 1) % 4]; /* the line from q[i] to q[i+1] */
						score += followed(wk, near[s], nnear[s], q[i], q[(i + 1) % 4], bins, nbins);
					}
					if (!ok || score <= best)
						continue;
					order(q);
					if (shape_fault(wk, q, &rect))
						continue;
					best = score, found = 1;
					memcpy(c, q, sizeof q);
				}
		}
	for (int i = 0; i < m; i++)
		free(near[i]);
	free(bins);
	return found ? 0 : -1;
}

/* The quadrilateral q->c (ordered) measured against the region (count
 * pixels, outline p) and judged. Loose: the region may run on past the
 * quadrilateral (into a white shirt or wall); the quadrilateral must be
 * filled by it and hold most of it. */
static void
measure(const work *wk, PIX *region, long count, const pt *p, int n, int loose, quad *q)
{
	double area = (double)wk->w * wk->h;
	q->fault = shape_fault(wk, q->c, &q->rect);
	if (q->fault)
		return;
	pt m = {(q->c[0].x + q->c[2].x) / 2, (q->c[0].y + q->c[2].y) / 2};
	double d = 4 * wk->scale, far[3] = {0.02, 0.04, 0.07};
	q->sides = 0, q->least = 1, q->step = 255, q->cut = 0, q->beyond = 0;
	for (int i = 0; i < 4; i++) {
		pt a = q->c[i], b = q->c[(i + 1) % 4];
		double cut = 0, s = support(wk, p, n, a, b, &cut);
		q->sides += s / 4, q->least = fmin(q->least, s), q->cut += cut > 0.5;
		int in = level(wk, a, b, m, d), out = level(wk, a, b, m, -d);
		if (in >= 0 && out >= 0 && cut < 0.5)
			q->step = fmin(q->step, in - out);
		/* the sheet's own whiteness, past a printed border; beyond it,
		 * paper again or not */
		int paper = level(wk, a, b, m, 0.04 * WORK_SIDE * wk->scale), beyond = 0;
		for (int j = 0; j < 3 && paper >= 0; j++) {
			int o = level(wk, a, b, m, -far[j] * WORK_SIDE * wk->scale);
			beyond |= o >= 0 && o >= paper - PAPER_TOL;
		}
		q->beyond += beyond;
	}
	long qarea = 0, both = 0;
	cover(region, q->c, &qarea, &both);
	q->frac = qarea / area;
	q->cover = loose ? (both >= LOOSE_SHARE * count ? (double)both / fmax(qarea, 1) : 0)
	                 : (double)both / fmax(qarea + count - both, 1);
	q->score = q->cover * q->sides;
	if (q->frac < MIN_FRAC)
		q->fault = "too small";
	else if (q->frac > MAX_FRAC)
		q->fault = "fills the frame";
	else if (q->cover < MIN_COVER)
		q->fault = fault_cover;
	else if (q->least < MIN_SIDE || q->sides < (loose ? LOOSE_SIDES : MIN_SIDES))
		q->fault = fault_sides;
	else if (q->cut > 1)
		q->fault = "runs off the frame on more than one side";
	else if (q->step < (loose ? LOOSE_STEP : MIN_STEP))
		q->fault = "no brighter than its surroundings";
	else if (q->rect && q->beyond >= 2)
		q->fault = "a frame printed on a page seen square on: a scan, nothing to straighten";
}

/* The region (count pixels) judged as a sheet into q: its hull cut down
 * to four corners, or failing that, four lines along its outline. */
static void
judge(const work *wk, PIX *region, long count, quad *q)
{
	int n = 0;
	memset(q, 0, sizeof *q);
	q->frac = count / ((double)wk->w * wk->h);
	if (q->frac > MAX_FRAC) {
		q->fault = "the bright region fills the frame";
		return;
	}
	pt *p = outline(region, &n);
	pt *hp = zz_emalloc(((size_t)n + 2) * sizeof *hp);
	pt *sorted = zz_emalloc(((size_t)n + 1) * sizeof *sorted);
	memcpy(sorted, p, (size_t)n * sizeof *p);
	int k = hull(sorted, n, hp);
	free(sorted);
	if (four_corners(hp, k, q->c) < 0 || refine(wk, p, n, q->c) < 0)
		q->fault = "a side with no outline along it";
	else {
		order(q->c);
		measure(wk, region, count, p, n, 0, q);
	}
	quad h = *q;
	if ((q->fault == fault_cover || q->fault == fault_sides) && hough_quad(wk, p, n, h.c) == 0 &&
	    refine(wk, p, n, h.c) == 0) {
		order(h.c);
		measure(wk, region, count, p, n, 1, &h);
		if (!h.fault || h.score > q->score)
			*q = h;
	}
	free(hp);
	free(p);
}

/* A copy of the frame reduced to WORK_SIDE (or as it is when smaller):
 * every k-th pixel first, then averaged over areas, as averaging all of
 * a 12-megapixel photo takes longer than the rest of the search. */
static PIX *
reduced(PIX *pix)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), side = w > h ? w : h;
	if (side <= WORK_SIDE)
		return pixClone(pix);
	int k = side / (2 * WORK_SIDE);
	PIX *s = k >= 2 ? pixScaleByIntSampling(pix, k) : pixClone(pix);
	if (!s)
		return NULL;
	int ss = pixGetWidth(s) > pixGetHeight(s) ? pixGetWidth(s) : pixGetHeight(s);
	float f = (float)WORK_SIDE / (float)ss;
	PIX *r = f < 0.7f ? pixScaleAreaMap(s, f, f) : pixScale(s, f, f);
	pixDestroy(&s);
	return r;
}

/* Whiteness: the least of R, G and B, so that paper is bright and wood,
 * skin and coloured cloth are not; closed, so that text, the seal and the
 * QR code are paper too (a closing keeps a step, as from the sheet to a
 * white shirt in shadow: its edges are the morphological gradient's). */
static int
whiteness(PIX *small, work *wk)
{
	PIX *g = pixGetDepth(small) == 32 ? pixConvertRGBToGrayMinMax(small, L_CHOOSE_MIN)
	                                  : pixClone(small);
	wk->white = g ? pixCloseGray(g, 5, 5) : NULL;
	pixDestroy(&g);
	if (!wk->white)
		return -1;
	PIX *d = pixDilateGray(wk->white, 3, 3), *e = pixErodeGray(wk->white, 3, 3);
	PIX *grad = d && e ? pixSubtractGray(NULL, d, e) : NULL;
	PIX *flat = grad ? pixThresholdToBinary(grad, EDGE_STEP) : NULL;
	wk->edges = flat ? pixInvert(NULL, flat) : NULL;
	pixDestroy(&d);
	pixDestroy(&e);
	pixDestroy(&grad);
	pixDestroy(&flat);
	wk->w = pixGetWidth(wk->white), wk->h = pixGetHeight(wk->white);
	wk->scale = (wk->w > wk->h ? wk->w : wk->h) / (double)WORK_SIDE;
	return wk->edges ? 0 : -1;
}

typedef struct seen {
	long count;
	int x, y, w, h;
} seen;

/* The best quadrilateral over thresholds, openings and regions into
 * best; when none passes, the best that failed (score -1: none at all). */
static void
search(const work *wk, quad *best)
{
	quad failed = {.fault = "no bright region", .score = -1};
	memset(best, 0, sizeof *best);
	best->fault = failed.fault;
	int t0 = 0, njudged = 0;
	if (pixSplitDistributionFgBg(wk->white, 0.0f, 1, &t0, NULL, NULL, NULL) != 0)
		t0 = 128;
	/* at each level: a small opening, which parts specks from the sheet;
	 * a large one, which parts it from a white wall it touches along a
	 * little; and both again with the steep edges cut out first, which
	 * parts it from a white shirt touching it along a whole side */
	int opens[4] = {(int)lround(5 * wk->scale) | 1, (int)lround(17 * wk->scale) | 1,
	                (int)lround(5 * wk->scale) | 1, (int)lround(17 * wk->scale) | 1};
	seen done[MAX_JUDGED];
	for (int d = 0; d < 5; d++) {
		int t = t0 + (d % 2 ? -1 : 1) * 16 * ((d + 1) / 2); /* t0, t0-16, t0+16, ... */
		PIX *dark = t >= 16 && t <= 240 ? pixThresholdToBinary(wk->white, t) : NULL;
		PIX *bright = dark ? pixInvert(NULL, dark) : NULL;
		pixDestroy(&dark);
		for (int o = 0; bright && o < 4; o++) {
			if (o == 2)
				pixSubtract(bright, bright, wk->edges);
			PIX *open = pixOpenBrick(NULL, bright, opens[o], opens[o]);
			PIXA *pa = NULL;
			BOXA *ba = open ? pixConnComp(open, &pa, 8) : NULL;
			NUMA *na = pa ? pixaCountPixels(pa) : NULL;
			NUMA *idx = na && numaGetCount(na) ? numaGetSortIndex(na, L_SORT_DECREASING) : NULL;
			for (int r = 0; idx && r < MAX_REGIONS && r < numaGetCount(idx); r++) {
				int i = 0, cnt = 0, x, y, bw, bh, again = 0;
				numaGetIValue(idx, r, &i);
				numaGetIValue(na, i, &cnt);
				if (cnt < MIN_FRAC * 0.8 * wk->w * wk->h || njudged == MAX_JUDGED)
					break;
				pixaGetBoxGeometry(pa, i, &x, &y, &bw, &bh);
				for (int j = 0; j < njudged && !again; j++)
					again = labs(done[j].count - cnt) <= cnt / 200 && abs(done[j].x - x) <= 2 &&
					        abs(done[j].y - y) <= 2 && abs(done[j].w - bw) <= 2 &&
					        abs(done[j].h - bh) <= 2;
				if (again)
					continue;
				done[njudged++] = (seen){cnt, x, y, bw, bh};
				PIX *comp = pixaGetPix(pa, i, L_CLONE);
				PIX *full = pixCreate(wk->w, wk->h, 1);
				pixRasterop(full, x, y, bw, bh, PIX_SRC | PIX_DST, comp, 0, 0);
				pixDestroy(&comp);
				if (o >= 2) /* back over the edge's own pixels */
					pixDilateBrick(full, full, 3, 3);
				/* the seal, the title, the QR code: holes in the sheet */
				PIX *filled = pixFillClosedBorders(full, 4);
				pixDestroy(&full);
				l_int32 count = 0;
				pixCountPixels(filled, &count, NULL);
				quad q;
				judge(wk, filled, count, &q);
				pixDestroy(&filled);
				/* of two that pass, the larger unless clearly worse: the
				 * paper's edge rather than the frame printed inside it */
				if (!q.fault && (best->fault || q.score > best->score + 0.1 ||
				                 (q.frac > best->frac && q.score > best->score - 0.1)))
					*best = q;
				else if (q.fault && q.score > failed.score)
					failed = q;
			}
			numaDestroy(&idx);
			numaDestroy(&na);
			boxaDestroy(&ba);
			pixaDestroy(&pa);
			pixDestroy(&open);
		}
		pixDestroy(&bright);
	}
	if (best->fault)
		*best = failed;
}

/* The sheet's width over its height. A rectangle seen in perspective
 * shows its aspect only with the camera's focal length, which the four
 * corners give when both pairs of sides converge (Zhang and He,
 * "Whiteboard scanning and image enhancement", 2007; the principal point
 * taken as the frame's centre). An aspect the sides themselves do not
 * allow (a cropped photo's centre is not the camera's) gives way to the
 * mean of opposite sides. */
static double
aspect(const pt c[4], int w, int h)
{
	double top = hypot(c[1].x - c[0].x, c[1].y - c[0].y);
	double bottom = hypot(c[2].x - c[3].x, c[2].y - c[3].y);
	double left = hypot(c[3].x - c[0].x, c[3].y - c[0].y);
	double right = hypot(c[2].x - c[1].x, c[2].y - c[1].y);
	double mean = (top + bottom) / (left + right);
	/* Zhang's m1..m4: top left, top right, bottom left, bottom right */
	double m[4][3];
	const int at[4] = {0, 1, 3, 2};
	for (int i = 0; i < 4; i++)
		m[i][0] = c[at[i]].x - w / 2.0, m[i][1] = c[at[i]].y - h / 2.0, m[i][2] = 1;
#define CROSSDOT(a, b, d) \
	(((a)[1] * (b)[2] - (a)[2] * (b)[1]) * (d)[0] + ((a)[2] * (b)[0] - (a)[0] * (b)[2]) * (d)[1] + \
	 ((a)[0] * (b)[1] - (a)[1] * (b)[0]) * (d)[2])
	double k2 = CROSSDOT(m[0], m[3], m[2]) / CROSSDOT(m[1], m[3], m[2]);
	double k3 = CROSSDOT(m[0], m[3], m[1]) / CROSSDOT(m[2], m[3], m[1]);
#undef CROSSDOT
	double n2[3], n3[3];
	for (int i = 0; i < 3; i++)
		n2[i] = k2 * m[1][i] - m[0][i], n3[i] = k3 * m[2][i] - m[0][i];
	double side = w > h ? w : h;
	/* with a side pair parallel in the picture the focal length cannot be
	 * measured; a phone camera's is about 0.8 times the longest side (a
	 * 26 mm lens for 35 mm film), and when both pairs are parallel it
	 * hardly matters */
	double f2 = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2]);
	if (fabs(n2[2]) * side < 0.02 * hypot(n2[0], n2[1]) ||
	    fabs(n3[2]) * side < 0.02 * hypot(n3[0], n3[1]) || !isfinite(f2) ||
	    f2 < 0.25 * side * side || f2 > 9 * side * side) /* 0.5 to 3 times the side */
		f2 = 0.64 * side * side;
	double r = sqrt((n2[0] * n2[0] + n2[1] * n2[1] + n2[2] * n2[2] * f2) /
	                (n3[0] * n3[0] + n3[1] * n3[1] + n3[2] * n3[2] * f2));
	/* never outside what the sides themselves allow */
	double lo = fmin(top, bottom) / fmax(left, right), hi = fmax(top, bottom) / fmin(left, right);
	return isfinite(r) && r >= lo && r <= hi ? r : mean;
}

/* The quadrilateral of pix mapped onto a w x h rectangle. Leptonica's
 * projective transforms (pixProjectivePta and its kin) give an image of
 * the input's own size: a straightened sheet may be wider than the frame
 * is, and a small one would sit in a frame of white. So the sampling is
 * here, with Leptonica's coefficients and bilinear interpolation. */
static PIX *
warp(PIX *pix, const float *x, const float *y, int w, int h)
{
	PTA *src = ptaCreate(4), *dst = ptaCreate(4);
	for (int i = 0; i < 4; i++)
		ptaAddPt(src, x[i], y[i]);
	ptaAddPt(dst, 0, 0);
	ptaAddPt(dst, (float)(w - 1), 0);
	ptaAddPt(dst, (float)(w - 1), (float)(h - 1));
	ptaAddPt(dst, 0, (float)(h - 1));
	l_float32 *vc = NULL;
	PIX *out = NULL;
	/* from the output's pixels back to the input's */
	if (getProjectiveXformCoeffs(dst, src, &vc) != 0 || !(out = pixCreate(w, h, pixGetDepth(pix))))
		goto out;
	int depth = pixGetDepth(pix), sw = pixGetWidth(pix), sh = pixGetHeight(pix);
	int swpl = pixGetWpl(pix), dwpl = pixGetWpl(out);
	l_uint32 *sdata = pixGetData(pix), *ddata = pixGetData(out);
	for (int v = 0; v < h; v++) {
		l_uint32 *row = ddata + (size_t)v * dwpl;
		for (int u = 0; u < w; u++) {
			double den = vc[6] * u + vc[7] * v + 1;
			float sx = (float)((vc[0] * u + vc[1] * v + vc[2]) / den);
			float sy = (float)((vc[3] * u + vc[4] * v + vc[5]) / den);
			if (depth == 32) {
				l_uint32 val = 0;
				linearInterpolatePixelColor(sdata, swpl, sw, sh, sx, sy, 0xffffff00, &val);
				row[u] = val;
			} else {
				l_int32 val = 255;
				linearInterpolatePixelGray(sdata, swpl, sw, sh, sx, sy, 255, &val);
				SET_DATA_BYTE(row, u, val);
			}
		}
	}
out:
	LEPT_FREE(vc);
	ptaDestroy(&src);
	ptaDestroy(&dst);
	return out;
}

/* The sheet of pix into s (zeroed first), and into *cut how many of its
 * sides run off the frame; returns s->found. */
static int
find(PIX *pix, zz_sheet *s, int *cut)
{
	memset(s, 0, sizeof *s);
	*cut = 0;
	int d = pix ? pixGetDepth(pix) : 0;
	if (!pix || (d != 8 && d != 32) || pixGetColormap(pix)) {
		snprintf(s->why, sizeof s->why, "not an 8 or 32 bpp image without a colour map");
		return 0;
	}
	PIX *small = reduced(pix);
	work wk = {0};
	int bad = !small || whiteness(small, &wk) < 0;
	pixDestroy(&small);
	quad q;
	if (!bad)
		search(&wk, &q);
	pixDestroy(&wk.white);
	pixDestroy(&wk.edges);
	if (bad) {
		snprintf(s->why, sizeof s->why, "cannot reduce the image");
		return 0;
	}
	s->frac = q.frac;
	if (q.fault) {
		if (q.score <= 0)
			snprintf(s->why, sizeof s->why, "%s", q.fault);
		else
			snprintf(s->why, sizeof s->why,
			         "%s (%.0f%% of the frame, cover %.2f, sides %.2f, step %.0f)", q.fault,
			         100 * q.frac, q.cover, q.sides, q.step);
		return 0;
	}
	/* pixel centres of the copy to the frame's */
	double fx = (double)wk.w / pixGetWidth(pix), fy = (double)wk.h / pixGetHeight(pix);
	for (int i = 0; i < 4; i++) {
		s->x[i] = (float)((q.c[i].x + 0.5) / fx - 0.5);
		s->y[i] = (float)((q.c[i].y + 0.5) / fy - 0.5);
	}
	*cut = q.cut;
	s->found = 1;
	snprintf(s->why, sizeof s->why, "sheet: %.0f%% of the frame, cover %.2f, sides %.2f, step %.0f%s",
	         100 * q.frac, q.cover, q.sides, q.step, q.cut ? ", runs off the frame" : "");
	return 1;
}

int
zz_photo_find(PIX *pix, zz_sheet *s)
{
	int cut;
	return find(pix, s, &cut);
}

PIX *
zz_photo_sheet(PIX *pix, zz_sheet *s)
{
	int cut;
	if (!find(pix, s, &cut))
		return NULL;
	int w = pixGetWidth(pix), h = pixGetHeight(pix);
	pt c[4];
	for (int i = 0; i < 4; i++)
		c[i].x = s->x[i], c[i].y = s->y[i];
	double top = hypot(c[1].x - c[0].x, c[1].y - c[0].y);
	double bottom = hypot(c[2].x - c[3].x, c[2].y - c[3].y);
	double left = hypot(c[3].x - c[0].x, c[3].y - c[0].y);
	double right = hypot(c[2].x - c[1].x, c[2].y - c[1].y);
	/* a side on the frame's edge is not the sheet's: no perspective from it */
	double r = cut ? (top + bottom) / (left + right) : aspect(c, w, h);
	/* the resolution of the nearer sides, at the sheet's own aspect, and
	 * no more pixels than the frame had */
	double ow = fmax(fmax(top, bottom), fmax(left, right) * r), oh = ow / r;
	double over = sqrt(ow * oh / ((double)w * h));
	if (over > 1)
		ow /= over, oh /= over;
	PIX *out = warp(pix, s->x, s->y, (int)lround(fmax(ow, 1)), (int)lround(fmax(oh, 1)));
	if (!out) {
		s->found = 0;
		snprintf(s->why, sizeof s->why, "cannot straighten the sheet");
		return NULL;
	}
	/* a camera's dpi is not the sheet's: let the reader guess from the size */
	pixSetResolution(out, 0, 0);
	return out;
}

/* The lighting of a page is uneven when its background (the paper, text
 * closed away) varies by more than this share of its brightest: a clean
 * scan's varies by a few percent, a photo's by a third. Below it the page
 * is left as it is, so clean scans read exactly as before. */
#define UNEVEN 0.12

PIX *
zz_even_light(PIX *grey)
{
	if (!grey || pixGetDepth(grey) != 8 || pixGetColormap(grey))
		return NULL;
	int w = pixGetWidth(grey), h = pixGetHeight(grey), side = w > h ? w : h;
	/* the background map at a reduction that leaves a few hundred pixels,
	 * closed over about a fortieth of the page: wider than strokes, a
	 * title's included, narrower than the lighting changes */
	int red = side >= 3000 ? 8 : side >= 1500 ? 4 : side >= 600 ? 2 : 1;
	int size = (side / (red * 40)) | 1;
	PIX *map = NULL, *inv = NULL, *out = NULL;
	if (side < 64 || pixGetBackgroundGrayMapMorph(grey, NULL, red, size < 3 ? 3 : size, &map) != 0)
		return pixCopy(NULL, grey);
	l_uint32 v5 = 0, v95 = 0;
	pixGetRankValue(map, 1, 0.05f, &v5);
	pixGetRankValue(map, 1, 0.95f, &v95);
	int lo = v5 > 255 ? 255 : (int)v5, hi = v95 > 255 ? 255 : (int)v95; /* a bin one past */
	if (hi == 0 || hi - lo < UNEVEN * hi) {
		pixDestroy(&map);
		return pixCopy(NULL, grey);
	}
	/* what is darker than a third of the paper is no paper (a table, a
	 * photograph, black bars): raised no more than that, and never
	 * divided by a background of 0 */
	int mw = pixGetWidth(map), mh = pixGetHeight(map), mwpl = pixGetWpl(map);
	l_uint32 *md = pixGetData(map);
	for (int y = 0; y < mh; y++)
		for (int x = 0; x < mw; x++)
			if ((int)GET_DATA_BYTE(md + (size_t)y * mwpl, x) < hi / 3)
				SET_DATA_BYTE(md + (size_t)y * mwpl, x, hi / 3);
	/* each pixel over its background, times the brightest paper's: lit
	 * paper stays as it is, shadowed paper comes up to it, and text with
	 * it in proportion, so its contrast with the paper is kept */
	if ((inv = pixGetInvBackgroundMap(map, hi, 3, 3)))
		out = pixApplyInvBackgroundGrayMap(grey, inv, red, red);
	pixDestroy(&map);
	pixDestroy(&inv);
	return out ? out : pixCopy(NULL, grey);
}
