/* money.c - one line of money text read with the capital-numeral model
 * (config/models/zzmoney.traineddata, trained by models/train/train.sh),
 * which knows the characters Debian's chi_sim lacks (仟 叁 柒 捌) and
 * little else: amounts in capital, lower-case and Arabic numerals, 人民币,
 * brackets, and the labels beside them (注册资本, 出资额, 实收资本). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "read/read.h"

#define MODEL "zzmoney"
/* The model was trained on line images cut as lstm.train cuts them: the
 * box of the characters and 4 pixels round it, at 12 pt and 300 dpi
 * or 200 dpi. Boxes are cut to their ink and scaled so alike. 12 pt at
 * 300 dpi is a 50-pixel em, but a line's ink is less: scaled to 40
 * pixels, the held-out fonts' 900 lines read 4.01% CER against 5.16% at
 * 50 (74.0% of amounts right against 70.0%), the real licences' capital
 * boxes 11 right and 1 wrong of 22 against 5 and 6, the generated
 * licences' 6 and 0 of 12 against 1 and 3; 36 and 44 read worse than 40
 * (models/train/README.md). Measured on held-out lines: the box as given
 * with a border of half a line, at any scale, read with twice the
 * errors; 8 pixels of padding instead of 4, 1.7 times. */
#define INK_HEIGHT 40
#define PAD 4
#define MIN_SCALE 0.25
#define MAX_SCALE 8.0
#define MAX_PIXELS (1L << 24) /* a line, not a page */
#define MIN_CONTRAST 48       /* grey levels between ink and paper; less: a blank box */

struct zz_money {
	TessBaseAPI *api;
};

zz_money *
zz_money_new(const char *dir, char **err)
{
	*err = NULL;
	zz_omp_serial();
	char *path = zz_easprintf("%s/" MODEL ".traineddata", dir);
	FILE *f = fopen(path, "rb");
	if (!f) {
		/* our message, not Tesseract's, which goes to /dev/null below */
		*err = zz_easprintf("cannot open the money model %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	fclose(f);
	zz_money *m = zz_ecalloc(1, sizeof *m);
	m->api = TessBaseAPICreate();
	/* Tesseract's lines ("Estimating resolution ...") are not ours to
	 * print; set before Init, which prints too */
	TessBaseAPISetVariable(m->api, "debug_file", "/dev/null");
	if (TessBaseAPIInit2(m->api, dir, MODEL, OEM_LSTM_ONLY) != 0) {
		*err = zz_easprintf("cannot load the money model %s", path);
		free(path);
		zz_money_destroy(&m);
		return NULL;
	}
	free(path);
	TessBaseAPISetVariable(m->api, "debug_file", "/dev/null");
	/* the letter-spaced labels (注 册 资 本) and the gap before the amount
	 * stay as they were printed */
	TessBaseAPISetVariable(m->api, "preserve_interword_spaces", "1");
	TessBaseAPISetPageSegMode(m->api, PSM_SINGLE_LINE);
	return m;
}

void
zz_money_destroy(zz_money **pm)
{
	zz_money *m = pm ? *pm : NULL;
	if (!m)
		return;
	if (m->api) {
		TessBaseAPIEnd(m->api);
		TessBaseAPIDelete(m->api);
	}
	free(m);
	*pm = NULL;
}

/* first and last index of a profile holding a fair share of its most
 * (a speck of dust is not a row of text); 0 when there is none */
static int
span(NUMA *na, float share, int *first, int *last)
{
	int n = na ? numaGetCount(na) : 0;
	l_float32 most = 0;
	*first = *last = -1;
	if (na)
		numaGetMax(na, &most, NULL);
	for (int i = 0; i < n; i++) {
		l_float32 v = 0;
		numaGetFValue(na, i, &v);
		if (v > 0 && v >= most * share) {
			if (*first < 0)
				*first = i;
			*last = i;
		}
	}
	return *first >= 0;
}

/* The box of the ink in a grey line image, NULL when the box is blank
 * (no contrast between ink and paper). */
static BOX *
ink_box(PIX *g)
{
	l_uint32 dark = 0, paper = 255;
	/* the darkest half percent: a few characters in a wide box are ink */
	pixGetRankValue(g, 1, 0.005f, &dark);
	pixGetRankValue(g, 1, 0.90f, &paper);
	if ((int)paper - (int)dark < MIN_CONTRAST)
		return NULL;
	PIX *b = pixThresholdToBinary(g, (int)(dark + paper) / 2);
	NUMA *rows = b ? pixCountPixelsByRow(b, NULL) : NULL;
	NUMA *cols = b ? pixCountPixelsByColumn(b) : NULL;
	int top, bottom, left, right;
	BOX *box = NULL;
	if (span(rows, 0.04f, &top, &bottom) && span(cols, 0.0f, &left, &right))
		box = boxCreate(left, top, right - left + 1, bottom - top + 1);
	numaDestroy(&rows);
	numaDestroy(&cols);
	pixDestroy(&b);
	return box;
}

/* The box of the page, grey, cut to its ink, scaled so that is
 * INK_HEIGHT high, in PAD pixels of white. *blank is set and NULL
 * returned for a box with no ink. */
static PIX *
prepare(PIX *page, int x, int y, int w, int h, int *blank, char **err)
{
	*blank = 0;
	int pw = pixGetWidth(page), ph = pixGetHeight(page);
	if (w <= 0 || h <= 0 || x >= pw || y >= ph || (long)x + w <= 0 || (long)y + h <= 0) {
		*err = zz_easprintf("box %d,%d %dx%d is empty or outside the page (%dx%d)", x, y, w, h,
		                    pw, ph);
		return NULL;
	}
	BOX *box = boxCreate(x, y, w, h);
	PIX *c = pixClipRectangle(page, box, NULL);
	boxDestroy(&box);
	PIX *g = c ? pixConvertTo8(c, 0) : NULL;
	pixDestroy(&c);
	if (!g) {
		*err = zz_estrdup("cannot prepare the box");
		return NULL;
	}
	BOX *ib = ink_box(g);
	if (!ib) {
		*blank = 1;
		pixDestroy(&g);
		return NULL;
	}
	double s = (double)INK_HEIGHT / ib->h;
	s = s < MIN_SCALE ? MIN_SCALE : s > MAX_SCALE ? MAX_SCALE : s;
	/* the ink alone: what else the box holds (margins) would shrink the
	 * characters in the line the network sees */
	PIX *t = pixClipRectangle(g, ib, NULL);
	boxDestroy(&ib);
	pixDestroy(&g);
	if (!(g = t)) {
		*err = zz_estrdup("cannot cut the box to its ink");
		return NULL;
	}
	if ((double)pixGetWidth(g) * pixGetHeight(g) * s * s > (double)MAX_PIXELS) {
		*err = zz_easprintf("box %dx%d is too large for one line", w, h);
		pixDestroy(&g);
		return NULL;
	}
	PIX *sc = s == 1 ? pixClone(g) : pixScale(g, (float)s, (float)s);
	pixDestroy(&g);
	PIX *b = sc ? pixAddBorder(sc, PAD, 0xff) : NULL;
	pixDestroy(&sc);
	if (!b)
		*err = zz_estrdup("cannot scale the box");
	else
		pixSetResolution(b, 300, 300); /* as trained: 12 pt at 300 dpi is 50 px */
	return b;
}

/* Tesseract's text without the white space around it */
static char *
trimmed(const char *t)
{
	while (*t == ' ' || *t == '\n')
		t++;
	size_t n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\n'))
		n--;
	char *s = zz_emalloc(n + 1);
	memcpy(s, t, n);
	s[n] = '\0';
	return s;
}

char *
zz_money_read(zz_money *m, PIX *page, int x, int y, int w, int h, float *conf, char **err)
{
	*err = NULL;
	*conf = 0;
	int blank = 0;
	PIX *pix = prepare(page, x, y, w, h, &blank, err);
	if (!pix)
		return blank ? zz_estrdup("") : NULL;
	TessBaseAPISetImage2(m->api, pix);
	TessBaseAPISetSourceResolution(m->api, 300);
	char *text = NULL, *t = NULL;
	if (TessBaseAPIRecognize(m->api, NULL) == 0 && (t = TessBaseAPIGetUTF8Text(m->api))) {
		text = trimmed(t);
		if (*text)
			*conf = (float)TessBaseAPIMeanTextConf(m->api) / 100.0f;
	}
	TessDeleteText(t);
	if (!text)
		*err = zz_estrdup("Tesseract could not recognise the box");
	TessBaseAPIClear(m->api);
	pixDestroy(&pix);
	return text;
}
