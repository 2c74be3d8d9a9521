/* fuzz_image - a scanned page as the read stage opens it: its pages
 * counted (the TIFF directory walk of image.c, with its loop and
 * max-pages checks) and each decoded through Leptonica only after the
 * size its header declares is checked against max-pixels. The input is
 * written to a file, as Leptonica reads headers from a path. */
#include <stdlib.h>

#include "zizhi.h"
#include "fuzz.h"

static char *path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	zz_fuzz_init();
	setMsgSeverity(L_SEVERITY_NONE); /* as a read worker: no Leptonica lines */
	path = zz_fuzz_path("page.img");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zz_fuzz_write(path, data, size);
	char *err = NULL;
	/* small limits: a declared size over them is what is checked, and a
	 * decode stays quick */
	int n = zz_image_pages(path, 8, &err);
	ZZ_FUZZ_ASSERT(n <= 8);
	ZZ_FUZZ_ASSERT(n > 0 || err);
	free(err);
	for (int i = 0; i < n && i < 3; i++) {
		err = NULL;
		PIX *pix = zz_image_page(path, i, 4L << 20, &err);
		ZZ_FUZZ_ASSERT(pix || err);
		if (pix)
			ZZ_FUZZ_ASSERT((long)pixGetWidth(pix) * pixGetHeight(pix) <= 4L << 20);
		pixDestroy(&pix);
		free(err);
	}
	return 0;
}
