/* ocr.h - OCR of page images and reading of pages (internal). */
#ifndef ZZ_OCR_H
#define ZZ_OCR_H

#include <leptonica/allheaders.h>

#include "read.h"

/* One engine (and its orientation detector), loaded once per worker.
 * psm: Tesseract's page segmentation mode (3: automatic); text_min,
 * text_max: body text outside these heights in pixels is scaled to the
 * nearer before it is read (0: 16 and 28). */
typedef struct zz_ocr {
	struct TessBaseAPI *api, *osd; /* osd: loaded when first needed */
	int psm, text_min, text_max, osd_failed;
} zz_ocr;
zz_ocr *zz_ocr_new(const char *langs, int psm, int text_min, int text_max, char **err);
/* Links omp1.c's serial OpenMP entry points into a program that reads
 * with Tesseract; does nothing. Every engine's constructor calls it. */
void zz_omp_serial(void);
void zz_ocr_destroy(zz_ocr **po);

/* Reads one page image (ocrpage.c): scaled by the height of its text,
 * seals dropped, deskewed, and, when the reading is poor, read again
 * under other treatments (turned upright, scaled by the text Tesseract
 * read, seals kept, another segmentation), the best reading kept. The
 * page records what was done (scale, text_height, treatment, tried).
 * *used (if not NULL) gets the grey image the boxes refer to. */
zz_textpage *zz_ocr_page(zz_ocr *o, PIX *page, int n, PIX **used, char **err);

/* ---- the steps of a treatment (ocr.c) ---- */
/* 8-bit grey; with drop_seal, clearly red pixels (seals, stamps) become
 * paper first, and *dropped gets their share of the page. */
PIX *zz_ocr_grey(PIX *in, int drop_seal, double *dropped);
/* The clockwise turn (0, 90, 180, 270) that makes the page upright when
 * Tesseract's orientation detection is sure of it, else 0. */
int zz_ocr_upright(zz_ocr *o, PIX *pix, int dpi, float *conf);
/* Recognises pix as page n; NULL when Tesseract fails. */
zz_textpage *zz_ocr_recognise(zz_ocr *o, PIX *pix, int n, int dpi, int psm);

/* The height in pixels of the page's body text (textsize.c), 0 when it
 * cannot be told; *chars gets about how many characters are that tall,
 * *sideways 1 when the lines run down the page (turned 90 or 270). */
double zz_text_height(PIX *grey, double *chars, int *sideways);

/* Pages of an image file: 1, or the pages of a multi-page TIFF; 0 when
 * the file cannot be read (*err says why). */
int zz_image_pages(const char *path, int max_pages, char **err);
/* Page i (0-based) of an image file, refusing images over max_pixels
 * unless they can be read reduced (JPEG). */
PIX *zz_image_page(const char *path, int i, long max_pixels, char **err);

/* ---- a field's region of a read page (region.c) ---- */
/* The page image the boxes of a read page refer to, 8-bit grey: the read
 * stage's image (image_rel, as read.xml gives it) when the page has one,
 * else page pageno (from 1) of the PDF rendered at dpi (text-layer pages'
 * boxes are at 300 dpi). Relative paths are taken from casedir (NULL: as
 * given). NULL with *err. */
PIX *zz_region_page(const char *casedir, const char *image_rel, const char *pdf_path,
                    int pageno, int dpi, char **err);
/* Writes the box, grown by margin pixels on each side and cut to the
 * page, as an 8-bit grey PNG at png_path (atomically). A box that is
 * empty or wholly off the page is an error: -1 with *err. */
int zz_region_crop(PIX *page, int x, int y, int w, int h, int margin, const char *png_path,
                   char **err);

/* ---- phone photos (photo.c) ---- */
/* The sheet of paper in a photo: its four corners (clockwise from top left,
 * in the input's pixels), how sure, and why not when not found. */
typedef struct zz_sheet {
	int found;          /* 1: a sheet was found surely */
	float x[4], y[4];   /* corners, clockwise from top left */
	double frac;        /* the sheet's share of the frame */
	char why[128];      /* what was found, or why nothing was */
} zz_sheet;
/* Finds the sheet in a photo (8 or 32 bpp) and returns it straightened:
 * the quadrilateral mapped to an upright rectangle of the sheet's own
 * aspect and about its own resolution (a projective transform).
 * NULL (s->found 0, s->why says why) when there is no surely-found sheet
 * distinct from its background: a scan, a page filling the frame, clutter. */
PIX *zz_photo_sheet(PIX *pix, zz_sheet *s);
/* The same search without the straightening (for a caller that only
 * wants to know): fills s, returns s->found. */
int zz_photo_find(PIX *pix, zz_sheet *s);
/* Evens out the lighting of an 8-bit grey page (shadows, lamp falloff,
 * a photo's vignetting) while keeping text contrast: 8 bpp out. */
PIX *zz_even_light(PIX *grey);

typedef struct zz_reread zz_reread;
/* One engine for re-reading small regions (langs: "chi_sim+eng"). Like
 * the read stage, it runs in the calling thread (omp1.c). */
zz_reread *zz_reread_new(const char *langs, char **err);
/* Reads the box of the page as one line of text, scaled by scale (0.25
 * to 8) first, limited to the characters of whitelist (UTF-8; NULL: any).
 * Returns the text with white space trimmed and words joined as in the
 * read stage's text ("" when nothing was read), or NULL with *err; *conf
 * gets the mean word confidence, 0..1 (under a whitelist a word's is its
 * least sure character's: Tesseract gives such words 0).
 * Measured with chi_sim+eng: a whitelist of Latin letters and digits
 * holds (the licence's USCC comes out exact at scales 1 to 3); one of
 * Chinese characters alone empties the line (and chi_sim has no 仟, 叁,
 * 柒 or 捌 to give), and scaling a hard Chinese line up can make eng win
 * it: there, scale 1 and no whitelist. */
char *zz_reread_box(zz_reread *r, PIX *page, int x, int y, int w, int h, double scale,
                    const char *whitelist, float *conf, char **err);
void zz_reread_destroy(zz_reread **pr);

/* ---- money lines with the capital-numeral model (money.c) ---- */
typedef struct zz_money zz_money;
/* The capital-numeral model (DIR/zzmoney.traineddata: the config's
 * models/ directory), in its own engine: single-line mode (psm 7),
 * preserve_interword_spaces. NULL with *err. Like the read stage, it runs
 * in the calling thread (omp1.c). */
zz_money *zz_money_new(const char *dir, char **err);
/* Reads the box of an 8-bit grey page as one line of money text;
 * returns the text (UTF-8, malloc'd; "" when nothing) or NULL with *err;
 * *conf gets the mean confidence 0..1. The box is cut to its ink and
 * scaled so the characters are at the height the model was trained on
 * (50 pixels, 4 of white round them); a box with no ink reads as "".
 * The model knows only amounts and their labels (models/train/amounts.c):
 * other text comes out as the nearest of those characters. Wrong lines
 * have lower confidence (models/train/README.md). */
char *zz_money_read(zz_money *m, PIX *page, int x, int y, int w, int h, float *conf,
                    char **err);
void zz_money_destroy(zz_money **pm);

#endif
