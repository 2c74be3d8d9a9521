/* read.h - internals of the read stage shared by its readers (not public):
 * a page of text with positions, and where each reader writes. */
#ifndef ZZ_READ_H
#define ZZ_READ_H

#include <leptonica/allheaders.h>

#include "zizhi.h"

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

#endif
