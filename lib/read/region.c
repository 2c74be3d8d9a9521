/* region.c - a field's region of a read page: the page image its boxes
 * refer to, an evidence crop of it, and a second, closer reading of it
 * as one line of text, scaled up and limited to the characters the field
 * can hold. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "read/read.h"

enum {
	FALLBACK_DPI = 300,  /* the read stage's pages are 300 dpi unless they say */
	MIN_BORDER = 10,     /* white pixels round a scaled region, at least */
};
/* a re-read region is a line, not a page: a scaled box past this is a
 * caller's mistake, not something to feed Tesseract */
#define MAX_REREAD_PIXELS (1L << 24)
#define MIN_SCALE 0.25 /* smaller, Leptonica and Tesseract give nothing */
#define MAX_SCALE 8.0

struct zz_reread {
	TessBaseAPI *api;
};

static char *
join(const char *dir, const char *rel)
{
	return !dir || rel[0] == '/' ? zz_estrdup(rel) : zz_easprintf("%s/%s", dir, rel);
}

/* 8-bit grey without a colour map, whatever the page is */
static PIX *
grey(PIX *pix)
{
	if (pixGetDepth(pix) == 32)
		return pixConvertRGBToLuminance(pix);
	return pixConvertTo8(pix, 0);
}

static PIX *
render_pdf(const char *path, int pageno, int dpi, char **err)
{
	zz_pdf *pdf = zz_pdf_open(path, err);
	if (!pdf)
		return NULL;
	PIX *pix = NULL;
	int used = 0;
	if (pageno < 1 || pageno > zz_pdf_pages(pdf))
		*err = zz_easprintf("no page %d (the PDF has %d)", pageno, zz_pdf_pages(pdf));
	else if (!(pix = zz_pdf_render(pdf, pageno - 1, dpi, 0, &used)))
		*err = zz_easprintf("cannot render page %d", pageno);
	else if (used != dpi) {
		/* lower, the boxes would not fit the picture */
		*err = zz_easprintf("page %d too large to render at %d dpi", pageno, dpi);
		pixDestroy(&pix);
	}
	zz_pdf_close(&pdf);
	return pix;
}

PIX *
zz_region_page(const char *casedir, const char *image_rel, const char *pdf_path, int pageno,
               int dpi, char **err)
{
	*err = NULL;
	if (!image_rel && !pdf_path) {
		*err = zz_estrdup("neither a page image nor a PDF");
		return NULL;
	}
	char *path = join(casedir, image_rel ? image_rel : pdf_path);
	PIX *pix = NULL;
	FILE *f = NULL;
	if (image_rel) {
		/* opened here so a missing file is our message, not Leptonica's */
		if (!(f = fopen(path, "rb")))
			*err = zz_easprintf("cannot open the page image %s: %s", path, strerror(errno));
		else if (!(pix = pixReadStream(f, 0)))
			*err = zz_easprintf("cannot read the page image %s", path);
		if (f)
			fclose(f);
	} else {
		pix = render_pdf(path, pageno, dpi > 0 ? dpi : FALLBACK_DPI, err);
	}
	free(path);
	/* grey like the read stage's own pages: one kind of page for callers */
	PIX *g = pix ? grey(pix) : NULL;
	if (pix && !g)
		*err = zz_estrdup("cannot make the page grey");
	if (g)
		pixCopyResolution(g, pix);
	pixDestroy(&pix);
	return g;
}

/* The box grown by margin and cut to the page; -1 with *err when the box
 * is empty or has no pixel on the page. */
static int
clip_box(PIX *page, int x, int y, int w, int h, int margin, BOX **out, char **err)
{
	*out = NULL;
	int pw = pixGetWidth(page), ph = pixGetHeight(page);
	if (w <= 0 || h <= 0) {
		*err = zz_easprintf("empty box %dx%d", w, h);
		return -1;
	}
	if (x >= pw || y >= ph || (long)x + w <= 0 || (long)y + h <= 0) {
		*err = zz_easprintf("box %d,%d %dx%d is outside the page (%dx%d)", x, y, w, h, pw, ph);
		return -1;
	}
	if (margin < 0)
		margin = 0;
	long x0 = (long)x - margin, y0 = (long)y - margin;
	long x1 = (long)x + w + margin, y1 = (long)y + h + margin;
	x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
	x1 = x1 > pw ? pw : x1, y1 = y1 > ph ? ph : y1;
	*out = boxCreate((int)x0, (int)y0, (int)(x1 - x0), (int)(y1 - y0));
	return 0;
}

int
zz_region_crop(PIX *page, int x, int y, int w, int h, int margin, const char *png_path,
               char **err)
{
	*err = NULL;
	BOX *box = NULL;
	if (clip_box(page, x, y, w, h, margin, &box, err) < 0)
		return -1;
	PIX *c = pixClipRectangle(page, box, NULL);
	PIX *g = c ? grey(c) : NULL;
	boxDestroy(&box);
	pixDestroy(&c);
	l_uint8 *png = NULL;
	size_t n = 0;
	if (!g || pixWriteMemPng(&png, &n, g, 0.0f) != 0) {
		*err = zz_estrdup("cannot make the crop");
		pixDestroy(&g);
		return -1;
	}
	pixDestroy(&g);
	int rc = zz_write_atomic(png_path, png, n);
	if (rc < 0)
		*err = zz_easprintf("cannot write %s: %s", png_path, strerror(errno));
	lept_free(png);
	return rc < 0 ? -1 : 0;
}

zz_reread *
zz_reread_new(const char *langs, char **err)
{
	zz_omp_serial();
	*err = NULL;
	zz_reread *r = zz_ecalloc(1, sizeof *r);
	r->api = TessBaseAPICreate();
	if (TessBaseAPIInit3(r->api, NULL, langs) != 0) {
		*err = zz_easprintf("cannot load the Tesseract models '%s'", langs);
		zz_reread_destroy(&r);
		return NULL;
	}
	TessBaseAPISetVariable(r->api, "debug_file", "/dev/null");
	zz_ocr_no_invert(r->api);
	return r;
}

void
zz_reread_destroy(zz_reread **pr)
{
	zz_reread *r = pr ? *pr : NULL;
	if (!r)
		return;
	if (r->api) {
		TessBaseAPIEnd(r->api);
		TessBaseAPIDelete(r->api);
	}
	free(r);
	*pr = NULL;
}

/* Grey g with what is lighter than its ink made paper: a watermark's
 * blocks or a stamp's grey over black type (类型 有限责任公司 under a
 * pixelated 中国制造网, read as noise until its grey is gone); the ink's
 * bound is measured on the box (zz_otsu3, the lower threshold). */
static void
ink_only(PIX *g)
{
	int t, t2;
	if (zz_otsu3_pix(g, &t, &t2) == 0 && t > 0)
		pixThresholdToValue(g, g, t, 255);
}

/* The region grey (its ink only when ink is set), scaled, in a white
 * border of half a line or more (a line touching the edge of the image
 * reads worse), with its resolution set so Tesseract does not guess one
 * from the size. */
static PIX *
prepare(PIX *page, BOX *box, double scale, int ink, char **err)
{
	int dpi = pixGetXRes(page);
	if (dpi < 70 || dpi > 1200)
		dpi = FALLBACK_DPI;
	if ((double)box->w * box->h * scale * scale > (double)MAX_REREAD_PIXELS) {
		*err = zz_easprintf("box %dx%d at scale %.1f is too large to re-read", box->w,
		                    box->h, scale);
		return NULL;
	}
	PIX *c = pixClipRectangle(page, box, NULL);
	PIX *g = c ? grey(c) : NULL;
	if (g && ink)
		ink_only(g);
	PIX *s = g ? pixScale(g, (float)scale, (float)scale) : NULL;
	int border = s ? pixGetHeight(s) / 2 : 0;
	PIX *b = s ? pixAddBorder(s, border > MIN_BORDER ? border : MIN_BORDER, 0xff) : NULL;
	pixDestroy(&c), pixDestroy(&g), pixDestroy(&s);
	if (!b) {
		*err = zz_estrdup("cannot prepare the region");
		return NULL;
	}
	int d = (int)(dpi * scale + 0.5);
	pixSetResolution(b, d, d);
	return b;
}

/* The words joined as the read stage joins them (no spaces inside Chinese
 * text), and their mean confidence. Tesseract gives a word read under a
 * whitelist 0 (the path it was held to is not the network's best), so
 * there a word is as sure as its least sure character. */
static char *
result(TessBaseAPI *api, int whitelisted, float *conf)
{
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	if (!it)
		return zz_estrdup(""); /* nothing on the line */
	TessPageIterator *pi = TessResultIteratorGetPageIterator(it);
	zz_textpage *p = zz_textpage_new(1, 0, 0, 0, "ocr");
	zz_line *line = zz_textpage_line(p);
	char *word = NULL;
	float wconf = 0;
	double sum = 0;
	do {
		if (TessPageIteratorIsAtBeginningOf(pi, RIL_WORD)) {
			if (word && *word)
				zz_line_word(line, word, strlen(word), 0, 0, 1, 1, wconf), sum += wconf;
			TessDeleteText(word);
			word = TessResultIteratorGetUTF8Text(it, RIL_WORD);
			wconf = whitelisted ? 1.0f : TessResultIteratorConfidence(it, RIL_WORD) / 100;
		}
		float c = TessResultIteratorConfidence(it, RIL_SYMBOL) / 100;
		if (whitelisted && c < wconf)
			wconf = c;
	} while (TessResultIteratorNext(it, RIL_SYMBOL));
	if (word && *word)
		zz_line_word(line, word, strlen(word), 0, 0, 1, 1, wconf), sum += wconf;
	TessDeleteText(word);
	TessResultIteratorDelete(it);
	*conf = line->nwords ? (float)(sum / line->nwords) : 0.0f;
	char *text = zz_textpage_text(p);
	zz_textpage_destroy(&p);
	text[strcspn(text, "\n")] = '\0';
	return text;
}

static char *
reread(zz_reread *r, PIX *page, int x, int y, int w, int h, double scale, const char *whitelist,
       int ink, float *conf, char **err)
{
	*err = NULL;
	*conf = 0;
	if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
		*err = zz_easprintf("scale %g is not between %g and %g", scale, MIN_SCALE, MAX_SCALE);
		return NULL;
	}
	BOX *box = NULL;
	if (clip_box(page, x, y, w, h, 0, &box, err) < 0)
		return NULL;
	PIX *pix = prepare(page, box, scale, ink, err);
	boxDestroy(&box);
	if (!pix)
		return NULL;
	TessBaseAPISetPageSegMode(r->api, PSM_SINGLE_LINE);
	TessBaseAPISetImage2(r->api, pix);
	TessBaseAPISetSourceResolution(r->api, pixGetXRes(pix));
	TessBaseAPISetVariable(r->api, "tessedit_char_whitelist", whitelist ? whitelist : "");
	char *text = NULL;
	if (TessBaseAPIRecognize(r->api, NULL) == 0)
		text = result(r->api, whitelist && *whitelist, conf);
	if (!text)
		*err = zz_estrdup("Tesseract could not recognise the region");
	TessBaseAPISetVariable(r->api, "tessedit_char_whitelist", "");
	TessBaseAPIClear(r->api);
	pixDestroy(&pix);
	return text;
}

char *
zz_reread_box(zz_reread *r, PIX *page, int x, int y, int w, int h, double scale,
              const char *whitelist, float *conf, char **err)
{
	return reread(r, page, x, y, w, h, scale, whitelist, 0, conf, err);
}

char *
zz_reread_ink(zz_reread *r, PIX *page, int x, int y, int w, int h, double scale,
              const char *whitelist, float *conf, char **err)
{
	return reread(r, page, x, y, w, h, scale, whitelist, 1, conf, err);
}
