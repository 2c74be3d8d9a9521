/* ocrpage.c - one page image read under the treatment that reads it best.
 *
 * A photo of a sheet of paper (photo.c finds one only when sure) is read
 * from the sheet straightened, its lighting evened; any other page as it
 * is. The first reading scales the page so its body text is between
 * o->text_min and o->text_max pixels tall (measured on the page:
 * textsize.c; a page within them is not resampled), drops red seals and
 * deskews. Treatments were chosen on our own scans, so none
 * is trusted blindly: when that reading is poor, the page is read again
 * under other treatments (turned upright, scaled by the text Tesseract
 * actually read, seals kept, the photo as it was taken), each measured by
 * how many characters it read surely, and the best reading is kept. The
 * page records the treatment kept, the others tried and their measures. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

#define MAX_PIXELS (4961.0 * 7016) /* an A3 sheet at 300 dpi */
/* Below this mean word confidence a reading is poor and other treatments
 * are tried. Upright pages of the samples read above 0.8, turned ones
 * below 0.5. */
#define POOR_CONF 0.75
/* A reading with this many characters read surely (quality) was of a
 * page the right way up, however poor its mean confidence: real licences
 * turned upside down read 10 to 31 such characters, and the poor
 * readings of upright ones 47 to 280 (all but a 500-pixel thumbnail).
 * Orientation detection, half a second or more, is spared them. */
#define UPRIGHT_READ 50

typedef struct treat {
	int sheet;    /* the sheet found in a photo, straightened */
	int seal;     /* red seals dropped */
	double scale; /* page image pixels per input pixel */
	int rotate;   /* clockwise degrees undone */
	int psm;
} treat;

typedef struct attempt {
	treat t;
	const char *name;
	zz_textpage *page;
	PIX *image;
	double skew, quality;
} attempt;

/* What a page is read from: the image as given, or the sheet in it. */
typedef struct source {
	PIX *pix;
	PIX *grey[2]; /* seals kept, seals dropped (made when needed) */
	double dropped, th;
	int sideways, dpi; /* dpi: the image's own, 0 when it says none */
} source;

typedef struct ctx {
	zz_ocr *o;
	int n;
	source src[2]; /* the page; the sheet straightened (pix NULL: none) */
	zz_sheet sheet;
	zz_buf tried; /* the readings not kept, one a treatment tried after the first */
} ctx;

/* ---- measures ---- */

/* Letters, digits and CJK characters of a word (punctuation and the
 * noise of a photo's edges, | ( ~, do not count). */
static int
text_chars(const char *s)
{
	int n = 0;
	for (size_t len; *s; s += len) {
		unsigned c = zz_utf8_decode(s, &len);
		if (!len)
			break;
		n += (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		     (c >= 0x3400 && c <= 0x9FFF);
	}
	return n;
}

/* How much of the page was read surely: characters of words Tesseract is
 * sure of (half for fairly sure ones), and a credit code whose check
 * digit holds as much again. Independent of the scale the page was read
 * at, so treatments compare. */
static double
quality(const zz_textpage *p)
{
	double q = 0;
	for (int i = 0; i < p->nlines; i++)
		for (int k = 0; k < p->lines[i].nwords; k++) {
			const zz_word *w = &p->lines[i].words[k];
			int n = text_chars(w->text);
			q += n * (w->conf >= 0.85 ? 1.0 : w->conf >= 0.7 ? 0.5 : 0.0);
			if (n == 18 && strlen(w->text) == 18 && zz_uscc_valid(w->text))
				q += 18;
		}
	return q;
}

/* The median height of the words Tesseract is sure of, 0 if too few. */
static int
read_height(const zz_textpage *p)
{
	int *h = NULL, n = 0, cap = 0;
	for (int i = 0; i < p->nlines; i++)
		for (int k = 0; k < p->lines[i].nwords; k++) {
			const zz_word *w = &p->lines[i].words[k];
			if (w->conf < 0.8 || !text_chars(w->text))
				continue;
			if (n == cap)
				h = zz_erealloc(h, (size_t)(cap = cap ? cap * 2 : 64) * sizeof *h);
			h[n++] = w->h;
		}
	int m = n >= 5 ? zz_median(h, n) : 0;
	free(h);
	return m;
}

/* ---- treatments ---- */

/* The scale of the first reading: body text outside text_min..text_max
 * pixels brought to the nearer (measured on the real licences: small
 * print raised past 16-20 pixels read no better, only slower; large
 * print read best at 24-28); when no text height could be measured, the
 * file's dpi to 300 as before. */
static double
first_scale(const ctx *c, const source *sr)
{
	double w = pixGetWidth(sr->pix), h = pixGetHeight(sr->pix), f;
	if (sr->th > 0) {
		f = sr->th < c->o->text_min ? c->o->text_min / sr->th
		  : sr->th > c->o->text_max ? c->o->text_max / sr->th : 1;
	} else {
		int dpi = sr->dpi ? sr->dpi : (int)((w > h ? w : h) / 11.69);
		f = dpi >= 190 && dpi <= 400 ? 1 : 300.0 / (dpi < 70 ? 70 : dpi);
	}
	f = f < 0.125 ? 0.125 : f > 4 ? 4 : f;
	if (f > 0.9 && f < 1.1)
		f = 1; /* not worth resampling */
	return f;
}

/* The page's resolution as Tesseract should take it: the file's dpi
 * scaled, else what body text of 10 points at this height means. */
static int
page_dpi(const source *sr, double scale)
{
	double d = sr->dpi ? sr->dpi * scale : sr->th > 0 ? sr->th * scale * 7.2 : 300;
	return d < 100 ? 100 : d > 1200 ? 1200 : (int)(d + 0.5);
}

/* The source grey, seals dropped or not; a photo's sheet with its
 * lighting evened as well (photo.c measured: straightening and evening
 * together read more than either). */
static PIX *
grey(source *sr, int seal, int even)
{
	if (!sr->grey[seal]) {
		double dropped = 0;
		PIX *g = zz_ocr_grey(sr->pix, seal, &dropped);
		if (g && even) {
			PIX *e = zz_even_light(g);
			if (e)
				pixDestroy(&g), g = e;
		}
		sr->grey[seal] = g;
		if (seal)
			sr->dropped = dropped;
	}
	return sr->grey[seal];
}

/* Measures the source's text once its seals are dropped: the first
 * reading's scale and whether it lies sideways. */
static void
measure_source(source *sr, int even)
{
	double chars = 0;
	PIX *g = grey(sr, 1, even);
	sr->th = g ? zz_text_height(g, &chars, &sr->sideways) : 0;
}

/* The page under t, deskewed when skew is not NULL; t->scale becomes
 * the scale used (a page is never raised past MAX_PIXELS). */
static PIX *
prepare(ctx *c, treat *t, double *skew)
{
	if (skew)
		*skew = 0;
	PIX *g = grey(&c->src[t->sheet], t->seal, t->sheet);
	if (!g)
		return NULL;
	double f = t->scale, px = (double)pixGetWidth(g) * pixGetHeight(g);
	if (f > 1 && px * f * f > MAX_PIXELS)
		f = px >= MAX_PIXELS ? 1 : sqrt(MAX_PIXELS / px);
	t->scale = f;
	PIX *s = f == 1 ? pixClone(g) : f > 1 ? pixScaleGrayLI(g, (float)f, (float)f)
	                                      : pixScaleAreaMap(g, (float)f, (float)f);
	PIX *r = s && t->rotate ? pixRotateOrth(s, (4 - t->rotate / 90) % 4) : pixClone(s);
	pixDestroy(&s);
	if (!r || !skew)
		return r;
	l_float32 a = 0, conf = 0;
	PIX *d = pixDeskewGeneral(r, 0, 0.0f, 0.0f, 0, 0, &a, &conf);
	if (d) {
		*skew = a;
		pixDestroy(&r);
		return d;
	}
	return r;
}

static void
attempt_free(attempt *a)
{
	zz_textpage_destroy(&a->page);
	pixDestroy(&a->image);
}

/* Reads the page under t; a->page NULL when it could not be prepared or
 * read. */
static attempt
run(ctx *c, const treat *t, const char *name)
{
	attempt a = {*t, name, NULL, NULL, 0, 0};
	a.image = prepare(c, &a.t, &a.skew);
	if (a.image)
		a.page = zz_ocr_recognise(c->o, a.image, c->n, page_dpi(&c->src[a.t.sheet], a.t.scale),
		                          a.t.psm);
	if (a.page)
		a.quality = quality(a.page);
	return a;
}

/* Tries t; keeps whichever of it and *best read more surely (a tie goes
 * to the first), and records the one not kept. */
static void
try_treat(ctx *c, attempt *best, const treat *t, const char *name)
{
	attempt a = run(c, t, name);
	int better = a.page && a.quality > best->quality * 1.05 + 1;
	attempt *lost = better ? best : &a;
	zz_buf_addf(&c->tried, "%s%s=%.0f", c->tried.len ? "," : "", lost->name, lost->quality);
	if (better) {
		attempt_free(best);
		*best = a;
	} else {
		attempt_free(&a);
	}
}

/* Is the best reading so far poor enough to try another treatment? A
 * page that read as an upright one does (UPRIGHT_READ) is tried under
 * one other at most, the likeliest first: each costs a whole reading,
 * and a second one never read more on the real licences (seals kept
 * read more in 5 of 17 tries, the photo as taken in 1 of 6, after seals
 * kept in none; bench/licences.sh), while a page taking three readings
 * took twice the tesseract CLI's time. A page read barely has them all. */
static int
poor(const ctx *c, const attempt *a)
{
	if (a->page && a->page->conf >= POOR_CONF)
		return 0;
	return !c->tried.len || a->quality < UPRIGHT_READ;
}

/* The other treatments, each from the best so far, each only where
 * what it mends was seen: on the real licences the other segmentation
 * mode never read more than the first (bench/licences.sh), so it is not
 * tried. */
static void
retry(ctx *c, attempt *best)
{
	float oc = 0;
	int deg = 0;
	/* orientation detection (Tesseract's legacy classifier, loaded on
	 * first use) costs up to half a reading: only for a poor one that
	 * read few characters surely (UPRIGHT_READ). It is asked of the page
	 * before deskewing: the corners a deskew fills halve its confidence
	 * (6.2 to 1.4 on a sample licence upside down). */
	treat o = best->t;
	PIX *straight = poor(c, best) && best->quality < UPRIGHT_READ ? prepare(c, &o, NULL) : NULL;
	if (straight)
		deg = zz_ocr_upright(c->o, straight, page_dpi(&c->src[o.sheet], o.scale), &oc);
	pixDestroy(&straight);
	if (deg) {
		treat t = best->t;
		t.rotate = (t.rotate + deg) % 360;
		try_treat(c, best, &t, "upright");
	}
	/* turned a quarter because its lines ran down the page, and neither
	 * that nor orientation detection read it: the other quarter; not
	 * for a page that read as only an upright one does (UPRIGHT_READ) */
	if (poor(c, best) && best->quality < UPRIGHT_READ && !deg && c->src[best->t.sheet].sideways &&
	    best->t.rotate % 180) {
		treat t = best->t;
		t.rotate = (t.rotate + 180) % 360;
		try_treat(c, best, &t, "other-quarter");
	}
	/* the text Tesseract read is far from the height the page was
	 * scaled for: the measure was misled (a photo's texture, big print) */
	int rh = poor(c, best) && best->page ? read_height(best->page) : 0;
	int mid = (c->o->text_min + c->o->text_max) / 2;
	if (rh > 0 && (rh * 10 < c->o->text_min * 7 || rh * 10 > c->o->text_max * 14)) {
		treat t = best->t;
		t.scale *= (double)mid / rh;
		try_treat(c, best, &t, "rescale");
	}
	/* much red dropped: red text, or a red watermark over black text */
	if (poor(c, best) && best->t.seal && c->src[best->t.sheet].dropped > 0.01) {
		treat t = best->t;
		t.seal = 0;
		try_treat(c, best, &t, "seal-kept");
	}
	/* a sheet was found, and reads poorly: the photo as it was taken */
	if (poor(c, best) && best->t.sheet) {
		source *sr = &c->src[0];
		measure_source(sr, 0);
		treat t = {0, 1, first_scale(c, sr), sr->sideways ? 90 : 0, best->t.psm};
		try_treat(c, best, &t, "whole-photo");
	}
}

/* What the kept treatment did, in words for read.xml. */
static char *
describe(const ctx *c, const attempt *a)
{
	zz_buf b = {0};
	zz_buf_addf(&b, "%s:", a->name);
	if (a->t.sheet)
		zz_buf_addf(&b, " sheet straightened (%s; corners %.0f,%.0f %.0f,%.0f %.0f,%.0f "
		                "%.0f,%.0f), lighting evened",
		            c->sheet.why, c->sheet.x[0], c->sheet.y[0], c->sheet.x[1], c->sheet.y[1],
		            c->sheet.x[2], c->sheet.y[2], c->sheet.x[3], c->sheet.y[3]);
	if (a->t.seal && c->src[a->t.sheet].dropped > 0.0005)
		zz_buf_addf(&b, " seals dropped (%.1f%% of the page)", c->src[a->t.sheet].dropped * 100);
	if (a->t.scale != 1)
		zz_buf_addf(&b, " scaled %.2f", a->t.scale);
	if (a->t.rotate)
		zz_buf_addf(&b, " turned %d", a->t.rotate);
	if (fabs(a->skew) >= 0.05)
		zz_buf_addf(&b, " deskewed %.2f", a->skew);
	zz_buf_addf(&b, " psm %d", a->t.psm);
	return b.s;
}

static int
file_dpi(PIX *pix)
{
	int d = pixGetXRes(pix);
	return d >= 70 && d <= 1200 ? d : 0;
}

static void
ctx_free(ctx *c)
{
	for (int i = 0; i < 2; i++) {
		pixDestroy(&c->src[i].grey[0]);
		pixDestroy(&c->src[i].grey[1]);
	}
	pixDestroy(&c->src[1].pix);
	zz_buf_free(&c->tried);
}

zz_textpage *
zz_ocr_page(zz_ocr *o, PIX *in, int n, PIX **used, char **err)
{
	*err = NULL;
	if (used)
		*used = NULL;
	ctx c;
	memset(&c, 0, sizeof c);
	c.o = o, c.n = n;
	c.src[0].pix = in;
	c.src[0].dpi = file_dpi(in);
	c.src[1].pix = zz_photo_sheet(in, &c.sheet);
	int sheet = c.src[1].pix != NULL;
	measure_source(&c.src[sheet], sheet);
	/* sideways: turned a quarter first; if it was the other quarter, the
	 * reading is poor and orientation detection turns it the half more */
	treat t = {sheet, 1, first_scale(&c, &c.src[sheet]), c.src[sheet].sideways ? 90 : 0, o->psm};
	attempt best = run(&c, &t, sheet ? "sheet" : "first");
	if (best.page)
		retry(&c, &best);
	if (!best.page) {
		*err = zz_estrdup(best.image ? "Tesseract could not recognise the page"
		                             : "cannot prepare the page image");
		attempt_free(&best);
		ctx_free(&c);
		return NULL;
	}
	zz_textpage *p = best.page;
	p->rotate = best.t.rotate;
	p->skew = best.skew;
	p->scale = best.t.scale;
	p->text_height = c.src[best.t.sheet].th;
	p->quality = best.quality;
	p->treatment = describe(&c, &best);
	p->tried = c.tried.s;
	memset(&c.tried, 0, sizeof c.tried);
	ctx_free(&c);
	if (used)
		*used = best.image;
	else
		pixDestroy(&best.image);
	return p;
}
