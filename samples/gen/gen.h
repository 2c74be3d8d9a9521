/* gen.h - internals of zizhi-samplegen, the sample application generator.
 * Prefix gen_ throughout. Not part of libzizhi. */
#ifndef GEN_H
#define GEN_H

#include <stdint.h>
#include <cairo.h>
#include <leptonica/allheaders.h>

/* ---- deterministic randomness (model.c) ----
 * Our own generator (splitmix64), so a seed gives the same corpus on every
 * machine and libc. */
typedef struct gen_rng {
	uint64_t s;
} gen_rng;
void gen_rng_seed(gen_rng *r, uint64_t seed);
uint64_t gen_rng_u64(gen_rng *r);
int gen_rng_int(gen_rng *r, int lo, int hi); /* lo..hi inclusive */
double gen_rng_real(gen_rng *r, double lo, double hi);
int gen_rng_chance(gen_rng *r, double p);    /* 1 with probability p */
const char *gen_rng_pick(gen_rng *r, const char *const *list, int n);

/* ---- OOXML writers (ooxml.c) ---- */
typedef struct gen_docx gen_docx;
gen_docx *gen_docx_new(void);
/* level 0: document title (centred, bold, large); 1, 2: headings */
void gen_docx_heading(gen_docx *d, const char *text, int level);
void gen_docx_para(gen_docx *d, const char *text);
/* A bordered table of rows x cols UTF-8 strings, row-major; NULL or "" is an
 * empty cell. header_row: the first row is bold and shaded. */
void gen_docx_table(gen_docx *d, int rows, int cols, const char *const *cells, int header_row);
/* font: the East Asian font name written in the runs (e.g. "宋体"). */
int gen_docx_save(gen_docx *d, const char *path, const char *font);
void gen_docx_free(gen_docx **pd);

enum gen_xtype { GEN_X_STRING, GEN_X_NUMBER, GEN_X_DATE, GEN_X_EMPTY };
typedef struct gen_xcell {
	enum gen_xtype type;
	const char *s;  /* GEN_X_STRING */
	double v;       /* GEN_X_NUMBER; GEN_X_DATE: days since 1899-12-30 (Excel serial) */
} gen_xcell;
typedef struct gen_xlsx gen_xlsx;
gen_xlsx *gen_xlsx_new(void);
void gen_xlsx_sheet(gen_xlsx *x, const char *name); /* later rows go to this sheet */
void gen_xlsx_row(gen_xlsx *x, int ncols, const gen_xcell *cells);
/* merges columns col0..col1 (0-based) of row (0-based) of the current sheet */
void gen_xlsx_merge(gen_xlsx *x, int row, int col0, int col1);
int gen_xlsx_save(gen_xlsx *x, const char *path);
void gen_xlsx_free(gen_xlsx **px);
double gen_excel_serial(int y, int m, int d); /* date -> Excel serial */

/* ---- scans (scan.c) ---- */
typedef struct gen_scan_params {
	int dpi;           /* output resolution; pages are drawn at 300 dpi or at
	                    * the resolution the page says */
	double skew_deg;   /* rotation of the sheet on the glass, -3..3 */
	int rotate;        /* 0, 90, 180 or 270: the sheet fed sideways or upside down */
	double blur;       /* 0 (none) .. 2 (strong), in output pixels */
	double noise;      /* Gaussian noise stdev in grey levels, 0..25 */
	double uneven;     /* 0..1: uneven lighting and paper tone */
	int grey;          /* 1: 8-bit grey output; 0: colour */
	int jpeg_quality;  /* 20..95 for JPEG files and JPEG-in-PDF */
} gen_scan_params;
/* Turns a clean 32-bpp page (300 dpi unless its resolution says) into a
 * scan as specified (scaled to p->dpi first, then lighting, skew, turn,
 * blur, noise, grey); the result has its resolution set to p->dpi. seed
 * makes the noise repeatable. */
PIX *gen_scan(PIX *page300, const gen_scan_params *p, uint64_t seed);
PIX *gen_pix_from_cairo(cairo_surface_t *s); /* ARGB32 image surface -> 32-bpp PIX */
cairo_surface_t *gen_cairo_from_pix(PIX *pix); /* any PIX -> RGB24 image surface */
int gen_write_jpeg(const char *path, PIX *pix, int quality);
int gen_write_png(const char *path, PIX *pix);
int gen_write_tiff_multi(const char *path, PIX **pages, int n);
/* image-only PDF (no text layer), one page per image, sized from each
 * image's resolution; colour/grey pages JPEG-encoded at jpeg_quality */
int gen_write_scanned_pdf(const char *path, PIX **pages, int n, int jpeg_quality);

#endif
