/* render.h - drawing pages with cairo and pango, in millimetres from the
 * top-left corner, on a 300-dpi image or a PDF page with a real text layer.
 * Every line of text drawn is recorded, for the OCR ground truth. */
#ifndef GEN_RENDER_H
#define GEN_RENDER_H

#include "gen.h"
#include "zizhi.h"

enum {
	GEN_BOLD = 1,
	GEN_CENTER = 2,  /* x is the centre */
	GEN_RIGHT = 4,   /* x is the right edge */
	GEN_QUIET = 8,   /* not recorded (stamps, watermarks) */
	GEN_SERIF = 16,  /* the case's second font */
	GEN_OUTLINE = 32, /* hollow letters (watermarks) */
	GEN_THIN = 64,    /* with GEN_OUTLINE: a hairline */
};

typedef struct gen_pg {
	cairo_surface_t *surf;
	cairo_t *cr;
	int raster;
	double w, h;            /* mm */
	const char *font, *font2;
	zz_buf text;            /* this page's lines */
	double r, g, b;         /* ink */
	double clear;           /* its transparency, 0 (opaque) .. 1 */
	int dpi;                /* image pages: their resolution */
} gen_pg;

gen_pg *gen_pg_image(double wmm, double hmm, const char *font, const char *font2);
gen_pg *gen_pg_image_dpi(double wmm, double hmm, int dpi, const char *font, const char *font2);
/* draws over a copy of pix, as if it were a page wmm wide; gen_pg_pix
 * gives the result */
gen_pg *gen_pg_over_pix(PIX *pix, double wmm, const char *font);
gen_pg *gen_pg_pdf(const char *path, double wmm, double hmm, const char *font, const char *font2);
char *gen_pg_take_text(gen_pg *p); /* the page's text; starts a new record */
void gen_pg_next(gen_pg *p);       /* PDF: the next page */
PIX *gen_pg_pix(gen_pg *p);        /* image: the page as a 300-dpi PIX */
int gen_pg_free(gen_pg **p);       /* PDF: finishes the file; -1 on error */

void gen_ink(gen_pg *p, double r, double g, double b);
void gen_ink_clear(gen_pg *p, double clear); /* 0 opaque .. 1 invisible */
/* records a line of the ground truth without drawing it (for text drawn
 * in pieces, such as a label and its value) */
void gen_record(gen_pg *p, const char *text);
/* one line of text at x, y (top); returns its height in mm */
double gen_text(gen_pg *p, double x, double y, double pt, int flags, const char *text);
double gen_textf(gen_pg *p, double x, double y, double pt, int flags, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
double gen_text_width(gen_pg *p, double pt, int flags, const char *text);
/* a paragraph wrapped to width w; returns its height */
double gen_para(gen_pg *p, double x, double y, double w, double pt, int flags, const char *text);
void gen_line(gen_pg *p, double x0, double y0, double x1, double y1, double width);
void gen_box(gen_pg *p, double x, double y, double w, double h, double width);
void gen_fill(gen_pg *p, double x, double y, double w, double h, double grey);
/* a grid of rows x cols with the cells' text; align per column: 0 left,
 * 1 centre, 2 right; returns the table's height */
double gen_table(gen_pg *p, double x, double y, int rows, int cols, const double *colw,
                 double rowh, double pt, const int *align, const char *const *cells);
/* a red round company seal with text along its upper arc */
void gen_seal(gen_pg *p, double cx, double cy, double r, const char *arc, const char *below);
/* a filled five-pointed star in the ink */
void gen_star(gen_pg *p, double cx, double cy, double r);
/* a QR-code-like block of modules, from seed */
void gen_qr(gen_pg *p, double x, double y, double size, uint64_t seed);

#endif
