/* ocr.c - the Tesseract engine and the steps a page goes through before
 * and in recognition: grey with red seals dropped, turned upright
 * (Tesseract's orientation detection, which needs an engine of its own:
 * asked of the chi_sim engine it asserts), recognised word by word into
 * a zz_textpage. Which steps, at what scale, is ocrpage.c's choice. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "read/read.h"

/* Tesseract reads again, inverted, every line it read below 0.7 (white
 * text on black, which a licence does not print): on a photo, whose
 * texture and edges make many such lines, a quarter of the page's time
 * (bench/licences.sh). */
void
zz_ocr_no_invert(struct TessBaseAPI *api)
{
	TessBaseAPISetVariable(api, "tessedit_do_invert", "0");
}

zz_ocr *
zz_ocr_new(const char *langs, int psm, int text_min, int text_max, char **err)
{
	zz_omp_serial();
	*err = NULL;
	zz_ocr *o = zz_ecalloc(1, sizeof *o);
	o->api = TessBaseAPICreate();
	o->psm = psm;
	o->text_min = text_min > 0 ? text_min : 16;
	o->text_max = text_max >= o->text_min ? text_max : o->text_min > 28 ? o->text_min : 28;
	if (TessBaseAPIInit3(o->api, NULL, langs) != 0) {
		*err = zz_easprintf("cannot load the Tesseract models '%s' (tesseract-ocr-chi-sim, "
		                    "tesseract-ocr-eng installed?)", langs);
		zz_ocr_destroy(&o);
		return NULL;
	}
	/* Tesseract's debug lines ("Detected 21 diacritics") are not ours to print */
	TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
	zz_ocr_no_invert(o->api);
	return o;
}

/* The orientation detector, loaded the first time a page needs it: most
 * pages read well upright and never do. NULL when its model is missing
 * (upright pages still read; turned ones do not). */
static struct TessBaseAPI *
osd(zz_ocr *o)
{
	if (o->osd || o->osd_failed)
		return o->osd;
	o->osd = TessBaseAPICreate();
	TessBaseAPISetVariable(o->osd, "debug_file", "/dev/null");
	if (TessBaseAPIInit3(o->osd, NULL, "osd") != 0) {
		TessBaseAPIDelete(o->osd);
		o->osd = NULL;
		o->osd_failed = 1;
	}
	return o->osd;
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
 * paper before going grey, so the seal does not become grey blots.
 * Returns how many pixels were turned. */
static long
drop_red(PIX *pix)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *data = pixGetData(pix);
	long n = 0;
	for (int y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)y * wpl;
		for (int x = 0; x < w; x++) {
			int r, g, b;
			extractRGBValues(line[x], &r, &g, &b);
			int m = g > b ? g : b;
			if (r > 90 && r - m > 50 && r * 10 > m * 14)
				line[x] = 0xFFFFFF00, n++;
		}
	}
	return n;
}

/* Background normalisation (pixBackgroundNormSimple) was measured here
 * and left out of the first reading: CER on the 30 sample pages went
 * from 0.136 to 0.167. */
PIX *
zz_ocr_grey(PIX *in, int drop_seal, double *dropped)
{
	*dropped = 0;
	if (pixGetDepth(in) != 32 && !pixGetColormap(in))
		/* no colour, no seal to drop: a 1-bpp page of 120M pixels would
		 * take 480 MB as RGB on its way to grey */
		return pixConvertTo8(in, 0);
	if (!drop_seal)
		return pixGetDepth(in) == 32 ? pixConvertRGBToLuminance(in) : pixConvertTo8(in, 0);
	PIX *c = pixGetDepth(in) == 32 ? pixCopy(NULL, in) : pixConvertTo32(in);
	if (!c)
		return NULL;
	long n = drop_red(c);
	*dropped = (double)n / ((double)pixGetWidth(c) * pixGetHeight(c));
	PIX *g = pixConvertRGBToLuminance(c);
	pixDestroy(&c);
	return g;
}

int
zz_ocr_upright(zz_ocr *o, PIX *pix, int dpi, float *conf)
{
	*conf = 0;
	if (!osd(o))
		return 0;
	int d = 0;
	float oc = 0, sc = 0;
	const char *script = NULL;
	TessBaseAPISetImage2(o->osd, pix);
	TessBaseAPISetSourceResolution(o->osd, dpi);
	if (!TessBaseAPIDetectOrientationScript(o->osd, &d, &oc, &script, &sc) || d % 90)
		return 0;
	*conf = oc;
	/* a wrong turn costs the whole page: only when sure */
	return oc < 1.5f ? 0 : d;
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

zz_textpage *
zz_ocr_recognise(zz_ocr *o, PIX *pix, int n, int dpi, int psm)
{
	TessBaseAPISetPageSegMode(o->api, (TessPageSegMode)psm);
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
