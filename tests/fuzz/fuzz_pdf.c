/* fuzz_pdf - a PDF as the read stage opens it: poppler's open with the
 * errors worded for the clerk, then for the first pages the judgement of
 * the text layer (real, garbage, or a scan with a few words) and its
 * words into lines, written as ALTO, and the page rendered for OCR within
 * max-pixels. poppler itself is not instrumented: what is fuzzed is the
 * code around it, on whatever poppler makes of the input. */
#include <stdlib.h>

#include "zizhi.h"
#include "fuzz.h"

static char *path, *alto;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	zz_fuzz_init();
	path = zz_fuzz_path("doc.pdf");
	alto = zz_fuzz_path("page.alto.xml");
	return 0;
}

static void
page(zz_pdf *pdf, int i)
{
	char *why = NULL;
	zz_textpage *tp = zz_pdf_text(pdf, i, &why);
	ZZ_FUZZ_ASSERT(tp || why);
	if (tp) {
		char *text = zz_textpage_text(tp);
		ZZ_FUZZ_ASSERT(text);
		free(text);
		zz_alto_write(tp, path, alto);
		zz_textpage_destroy(&tp);
	}
	free(why);
	/* a low dpi and a small limit keep an input quick; the limit holds */
	int dpi = 0;
	PIX *pix = zz_pdf_render(pdf, i, 36, 1L << 20, &dpi);
	if (pix)
		ZZ_FUZZ_ASSERT((long)pixGetWidth(pix) * pixGetHeight(pix) <= 1L << 20 && dpi > 0);
	pixDestroy(&pix);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zz_fuzz_write(path, data, size);
	char *err = NULL;
	zz_pdf *pdf = zz_pdf_open(path, &err);
	ZZ_FUZZ_ASSERT(pdf || err);
	for (int i = 0; pdf && i < zz_pdf_pages(pdf) && i < 2; i++)
		page(pdf, i);
	zz_pdf_close(&pdf);
	free(err);
	return 0;
}
