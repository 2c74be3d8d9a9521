/* ocr.h - OCR of page images and reading of pages (internal). */
#ifndef ZZ_OCR_H
#define ZZ_OCR_H

#include <leptonica/allheaders.h>

#include "read.h"

typedef struct zz_ocr zz_ocr;
/* One engine (and its orientation detector), loaded once per worker.
 * psm: Tesseract's page segmentation mode (3: automatic). */
zz_ocr *zz_ocr_new(const char *langs, int psm, char **err);
/* Reads one page image. *used (if not NULL) gets the upright, deskewed
 * grey image the boxes refer to. */
zz_textpage *zz_ocr_page(zz_ocr *o, PIX *page, int n, PIX **used, char **err);
void zz_ocr_destroy(zz_ocr **po);

/* Pages of an image file: 1, or the pages of a multi-page TIFF; 0 when
 * the file cannot be read (*err says why). */
int zz_image_pages(const char *path, char **err);
/* Page i (0-based) of an image file, refusing images over max_pixels
 * unless they can be read reduced (JPEG). */
PIX *zz_image_page(const char *path, int i, long max_pixels, char **err);

#endif
