/* ocr.c - one page image to text with Tesseract: red seals removed, grey,
 * about 300 dpi, turned upright (Tesseract's orientation detection, which
 * needs an engine of its own: asked of the chi_sim engine it asserts),
 * deskewed, then recognised word by word into a zz_textpage. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "ocr.h"

#define MAX_RAISED_PIXELS (4961.0 * 7016) /* A3 at 300 dpi */

struct zz_ocr {
	TessBaseAPI *api, *osd;
	int psm;
};

zz_ocr *
zz_ocr_new(const char *langs, int psm, char **err)
{
	*err = NULL;
	zz_ocr *o = zz_ecalloc(1, sizeof *o);
	o->api = TessBaseAPICreate();
	o->osd = TessBaseAPICreate();
	o->psm = psm;
	if (TessBaseAPIInit3(o->api, NULL, langs) != 0) {
		*err = zz_easprintf("cannot load the Tesseract models '%s' (tesseract-ocr-chi-sim, "
		                    "tesseract-ocr-eng installed?)", langs);
		zz_ocr_destroy(&o);
		return NULL;
	}
	if (TessBaseAPIInit3(o->osd, NULL, "osd") != 0) {
		TessBaseAPIDelete(o->osd); /* upright pages still read; turned ones do not */
		o->osd = NULL;
	}
	/* Tesseract's debug lines ("Detected 21 diacritics") are not ours to print */
	TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
	if (o->osd)
		TessBaseAPISetVariable(o->osd, "debug_file", "/dev/null");
	return o;
}

void
zz_ocr_destroy(zz_ocr **po)
{
	zz_ocr *o = po ? *po : NULL;
	if (!o)
		return;
	if (o->api) {
		TessBaseAPIEnd(o->api);
		TessBaseAPIDelete(o->api);
	}
	if (o->osd) {
		TessBaseAPIEnd(o->osd);
		TessBaseAPIDelete(o->osd);
	}
	free(o);
	*po = NULL;
}

/* Red ink (seals, stamps) over black text: turn clearly red pixels to
 * paper before going grey, so the seal does not become grey blots. */
static void
drop_red(PIX *pix)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *data = pixGetData(pix);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)y * wpl;
		for (int x = 0; x < w; x++) {
			int r, g, b;
			extractRGBValues(line[x], &r, &g, &b);
			int m = g > b ? g : b;
			if (r > 90 && r - m > 50 && r * 10 > m * 14)
				line[x] = 0xFFFFFF00;
		}
	}
}

/* The page's resolution, or a guess from its size for an A4 sheet when
 * the file does not say (or says something absurd). */
static int
page_dpi(PIX *pix)
{
	int dpi = pixGetXRes(pix);
	if (dpi >= 70 && dpi <= 1200)
		return dpi;
	int longest = pixGetWidth(pix) > pixGetHeight(pix) ? pixGetWidth(pix) : pixGetHeight(pix);
	dpi = (int)(longest / 11.69);
	return dpi < 70 ? 70 : dpi;
}

/* Grey, seals dropped, at about 300 dpi. Background normalisation
 * (pixBackgroundNormSimple) was measured here and left out: CER on the 30
 * sample pages went from 0.136 to 0.167, and it did not help the poor
 * licence scan either (277 -> 280 errors of 288). */
static PIX *
normalise(PIX *in, int *dpi)
{
	PIX *g;
	if (pixGetDepth(in) == 32 || pixGetColormap(in)) {
		PIX *c = pixGetDepth(in) == 32 ? pixCopy(NULL, in) : pixConvertTo32(in);
		if (!c)
			return NULL;
		drop_red(c);
		g = pixConvertRGBToLuminance(c);
		pixDestroy(&c);
	} else {
		/* no colour, no seal to drop: a 1-bpp page of 120M pixels would
		 * take 480 MB as RGB on its way to grey */
		g = pixConvertTo8(in, 0);
	}
	*dpi = page_dpi(in);
	/* Measured on the samples (bench/ocr.sh): 150-dpi scans read better
	 * at 300; 200-dpi ones read as well as they are, 30% faster. */
	if (!g || (*dpi >= 190 && *dpi <= 400))
		return g;
	float f = 300.0f / (float)*dpi;
	/* A page that claims 72 dpi across 10000 pixels is no office scan:
	 * raising it to 300 would make 17 times the pixels. Raised pages stay
	 * within an A3 sheet at 300 dpi. */
	double px = (double)pixGetWidth(g) * pixGetHeight(g);
	if (f > 1 && px * f * f > MAX_RAISED_PIXELS)
		f = px >= MAX_RAISED_PIXELS ? 1 : (float)sqrt(MAX_RAISED_PIXELS / px);
	if (f == 1)
		return g;
	PIX *s = pixScale(g, f, f);
	pixDestroy(&g);
	*dpi = 300;
	return s;
}

/* Turns the page upright when Tesseract's orientation detection is sure
 * enough; *deg gets the clockwise turn that was undone. */
static PIX *
upright(zz_ocr *o, PIX *pix, int dpi, int *deg, float *conf)
{
	*deg = 0;
	*conf = 0;
	if (!o->osd)
		return pixClone(pix);
	int d = 0;
	float oc = 0, sc = 0;
	const char *script = NULL;
	TessBaseAPISetImage2(o->osd, pix);
	TessBaseAPISetSourceResolution(o->osd, dpi);
	if (!TessBaseAPIDetectOrientationScript(o->osd, &d, &oc, &script, &sc) || d % 90)
		return pixClone(pix);
	*conf = oc;
	if (d == 0 || oc < 1.5f) /* a wrong turn costs the whole page: only when sure */
		return pixClone(pix);
	*deg = d;
	return pixRotateOrth(pix, (4 - d / 90) % 4);
}

static PIX *
deskew(PIX *pix, double *angle)
{
	l_float32 a = 0, conf = 0;
	*angle = 0;
	PIX *d = pixDeskewGeneral(pix, 0, 0.0f, 0.0f, 0, 0, &a, &conf);
	if (!d)
		return pixClone(pix);
	*angle = a;
	return d;
}

/* Words with their boxes and confidences, a new line where Tesseract
 * starts one. */
static void
collect(TessBaseAPI *api, zz_textpage *p)
{
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	if (!it)
		return;
	TessPageIterator *pi = TessResultIteratorGetPageIterator(it);
	zz_line *line = NULL;
	do {
		char *t = TessResultIteratorGetUTF8Text(it, RIL_WORD);
		if (!t)
			continue;
		int x0, y0, x1, y1;
		if (!line || TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE))
			line = zz_textpage_line(p);
		if (TessPageIteratorBoundingBox(pi, RIL_WORD, &x0, &y0, &x1, &y1) && *t)
			zz_line_word(line, t, strlen(t), x0, y0, x1 - x0, y1 - y0,
			             TessResultIteratorConfidence(it, RIL_WORD) / 100.0f);
		TessDeleteText(t);
	} while (TessResultIteratorNext(it, RIL_WORD));
	TessResultIteratorDelete(it);
}

/* Recognises pix as page n; NULL when Tesseract fails. */
static zz_textpage *
recognise(zz_ocr *o, PIX *pix, int n, int dpi)
{
	TessBaseAPISetPageSegMode(o->api, (TessPageSegMode)o->psm);
	TessBaseAPISetImage2(o->api, pix);
	TessBaseAPISetSourceResolution(o->api, dpi);
	if (TessBaseAPIRecognize(o->api, NULL) != 0)
		return NULL;
	zz_textpage *p = zz_textpage_new(n, pixGetWidth(pix), pixGetHeight(pix), dpi, "ocr");
	collect(o->api, p);
	TessBaseAPIClear(o->api);
	zz_textpage_finish(p);
	return p;
}

/* Below this mean word confidence a page may be sideways or upside down:
 * only then is orientation detection (Tesseract's legacy classifier, a
 * sixth of a page's time) worth asking. Upright pages of the samples
 * read above 0.8, turned ones below 0.5. */
#define UPRIGHT_CONF 0.65

zz_textpage *
zz_ocr_page(zz_ocr *o, PIX *in, int n, PIX **used, char **err)
{
	*err = NULL;
	if (used)
		*used = NULL;
	int dpi = 300, deg = 0;
	float oconf = 0;
	double skew = 0;
	PIX *g = normalise(in, &dpi);
	PIX *d = g ? deskew(g, &skew) : NULL;
	pixDestroy(&g);
	zz_textpage *p = d ? recognise(o, d, n, dpi) : NULL;
	if (p && p->conf < UPRIGHT_CONF) {
		PIX *u = upright(o, d, dpi, &deg, &oconf);
		zz_textpage *q = deg ? recognise(o, u, n, dpi) : NULL;
		if (q && q->conf > p->conf) {
			zz_textpage_destroy(&p);
			pixDestroy(&d);
			p = q;
			d = pixClone(u);
		} else {
			zz_textpage_destroy(&q);
			deg = 0;
		}
		pixDestroy(&u);
	}
	if (!p) {
		*err = zz_estrdup(d ? "Tesseract could not recognise the page"
		                    : "cannot prepare the page image");
		pixDestroy(&d);
		return NULL;
	}
	p->rotate = deg;
	p->skew = skew;
	if (oconf > 0)
		p->note = zz_easprintf("orientation checked (confidence %.1f)", oconf);
	if (used)
		*used = d;
	else
		pixDestroy(&d);
	return p;
}
