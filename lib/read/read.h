/* read.h - the read part: a case's files read into pages of text with
 * positions (Word and Excel, PDF text layers, OCR of scans and photos in
 * worker processes), read.xml, and the re-reading of a region of a page.
 * Stands on core. */
#ifndef ZZ_READ_H
#define ZZ_READ_H

#include <leptonica/allheaders.h>

#include "core/core.h"

typedef struct zz_word {
	char *text;        /* UTF-8 */
	int x, y, w, h;    /* box in page pixels at the page's dpi */
	float conf;        /* 0..1 */
} zz_word;

typedef struct zz_line {
	zz_word *words;
	int nwords, cap;
	int x, y, w, h;
} zz_line;

typedef struct zz_textpage {
	int n;                 /* page number, from 1 */
	int width, height;     /* pixels */
	int dpi;
	const char *method;    /* "text-layer", "ocr", "docx", "xlsx", "text" */
	int rotate;            /* degrees the page was turned before reading */
	double skew;           /* degrees of skew corrected */
	double conf;           /* mean word confidence, 0..1 */
	char *note;            /* why this method, or what went wrong */
	/* OCR only (ocrpage.c): what was done to the page and why */
	double scale;          /* the page image over the input's pixels */
	double text_height;    /* body text measured on the input, pixels */
	double quality;        /* characters read surely (see ocrpage.c) */
	char *treatment;       /* the treatment kept, e.g. "seal scale deskew" */
	char *tried;           /* others tried: "name=quality,...", or NULL */
	zz_line *lines;
	int nlines, cap;
} zz_textpage;

zz_textpage *zz_textpage_new(int n, int width, int height, int dpi, const char *method);
zz_line *zz_textpage_line(zz_textpage *p);      /* starts a new line */
void zz_line_word(zz_line *l, const char *text, size_t len, int x, int y, int w, int h,
                  float conf);
void zz_textpage_finish(zz_textpage *p);        /* line boxes and mean confidence */
char *zz_textpage_text(const zz_textpage *p);   /* plain text, a line per line */
void zz_textpage_destroy(zz_textpage **pp);

/* Writes the page as ALTO 4 (words with boxes and WC confidences, lines,
 * one text block) to path, atomically. */
int zz_alto_write(const zz_textpage *p, const char *source, const char *path);

/* ---- readers (read_ooxml.c, read_pdf.c) ---- */
/* Word and Excel files: OUTDIR/content.xml (config/schema/content.rng)
 * and OUTDIR/text.txt; -1 with *err when refused or damaged. */
int zz_read_docx(const char *path, const char *outdir, char **err);
int zz_read_xlsx(const char *path, const char *outdir, char **err);

typedef struct zz_pdf zz_pdf;
zz_pdf *zz_pdf_open(const char *path, char **err);
int zz_pdf_pages(const zz_pdf *p);
/* page i (from 0) from its text layer at 300 dpi, or NULL with *why when
 * it has none worth reading (then it is OCRed) */
zz_textpage *zz_pdf_text(zz_pdf *p, int i, char **why);
/* page i rendered for OCR, at dpi or lower so it stays under max_pixels */
PIX *zz_pdf_render(zz_pdf *p, int i, int dpi, long max_pixels, int *used_dpi);
void zz_pdf_close(zz_pdf **pp);

/* ---- OCR jobs in worker processes (readjob.c) ---- */
typedef struct zz_readopts {
	const char *langs;  /* Tesseract languages, "chi_sim+eng" */
	int psm;            /* page segmentation mode */
	const char *cache;  /* directory of cached pages, or NULL */
	long max_pixels;    /* larger pages are refused or read reduced */
	int max_pages;      /* documents of more pages are refused */
	int page_seconds;   /* a page that takes longer fails (0: no limit) */
	int file_seconds;   /* no page of a file starts after this long (0: no limit) */
	int text_min, text_max; /* pixels the body text is scaled into for OCR */
	zz_bounds bounds;   /* each file's parse runs in a child under these, as
	                       each OCR worker does (memory; CPU per page) */
} zz_readopts;
void *zz_readjob_init(void *opts, char **err);      /* a zz_pool_init_fn */
char *zz_readjob_run(void *state, const char *job); /* a zz_pool_work_fn */
/* The job's reply from the cache, or NULL: cached pages need no worker. */
char *zz_readjob_cached(const zz_readopts *o, const char *job);

/* ---- a case (readcase.c) ---- */
typedef struct zz_readcase zz_readcase;
/* outdir: an empty directory that becomes CASE/read */
zz_readcase *zz_readcase_open(const char *casedir, const char *outdir, char **err);
/* Reads what needs no OCR; returns the OCR jobs as lines for the pool. */
char **zz_readcase_plan(zz_readcase *rc, const zz_readopts *o, int *njobs);
void zz_readcase_result(zz_readcase *rc, int job, const char *reply);
char *zz_readcase_start(zz_readcase *rc, int job, int seconds); /* file-seconds */
int zz_readcase_failures(const zz_readcase *rc);
int zz_readcase_problem(const zz_readcase *rc, int i, const char **path, char *why, size_t n);
int zz_readcase_write(zz_readcase *rc); /* OUTDIR/read.xml */
void zz_readcase_destroy(zz_readcase **prc);

/* ---- OCR of page images and reading of pages (ocr.c, ocrpage.c) ---- */

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
/* Lines read poorly are not read again inverted (ocr.c says why). */
void zz_ocr_no_invert(struct TessBaseAPI *api);
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

/* The two thresholds that split the 256-bin grey histogram h into three
 * classes (ink, grey over the paper, paper) with the most variance
 * between them: *t1 the first grey value past the ink, *t2 the first of
 * the paper. 0, or -1 when h is empty or has fewer than three values. */
int zz_otsu3(const l_float32 *h, int *t1, int *t2);
/* The same on the grey levels of an 8-bit image. */
int zz_otsu3_pix(PIX *g, int *t1, int *t2);
/* Is the box (x,y,w,h) of an 8-bit grey page, a person's name, masked:
 * a block of smooth grey as tall as half its line and from half to six
 * characters long, where characters would have strokes (a mosaic or a
 * blur over the given name, the surname left)? 1 with its columns
 * (*mx, *mw), 0 when not, -1 when the box has no pixel on the page. */
int zz_region_masked(PIX *page, int x, int y, int w, int h, int *mx, int *mw);

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
/* The same with what is lighter than the box's ink made paper first (a
 * watermark's or a stamp's grey over black type). */
char *zz_reread_ink(zz_reread *r, PIX *page, int x, int y, int w, int h, double scale,
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
