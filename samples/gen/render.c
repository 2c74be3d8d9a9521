/* render.c - pages drawn with cairo and pango. Units are millimetres:
 * image pages are scaled to 300 dpi, PDF pages to points, so one layout
 * makes both a scan and a text-layer PDF. */
#define _GNU_SOURCE
#include <math.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

#define MM_PX (300.0 / 25.4)
#define MM_PT (72.0 / 25.4)
#define PT_MM (25.4 / 72.0)

static gen_pg *
setup(cairo_surface_t *s, double w, double h, double scale, const char *font, const char *font2)
{
	gen_pg *p = zz_ecalloc(1, sizeof *p);
	p->surf = s;
	p->cr = cairo_create(s);
	p->w = w;
	p->h = h;
	p->font = font;
	p->font2 = font2 ? font2 : font;
	cairo_scale(p->cr, scale, scale);
	return p;
}

gen_pg *
gen_pg_image(double wmm, double hmm, const char *font, const char *font2)
{
	return gen_pg_image_dpi(wmm, hmm, 300, font, font2);
}

gen_pg *
gen_pg_image_dpi(double wmm, double hmm, int dpi, const char *font, const char *font2)
{
	double px = dpi / 25.4;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)lround(wmm * px),
	                                                (int)lround(hmm * px));
	gen_pg *p = setup(s, wmm, hmm, px, font, font2);
	p->raster = 1;
	p->dpi = dpi;
	cairo_set_source_rgb(p->cr, 1, 1, 1);
	cairo_paint(p->cr);
	return p;
}

/* The image's own pixels under a page wmm wide, for what is laid over a
 * finished photo or scan (a website's watermark). */
gen_pg *
gen_pg_over_pix(PIX *pix, double wmm, const char *font)
{
	cairo_surface_t *s = gen_cairo_from_pix(pix);
	if (!s)
		return NULL;
	double scale = pixGetWidth(pix) / wmm;
	gen_pg *p = setup(s, wmm, pixGetHeight(pix) / scale, scale, font, font);
	p->raster = 1;
	p->dpi = (int)lround(scale * 25.4);
	return p;
}

gen_pg *
gen_pg_pdf(const char *path, double wmm, double hmm, const char *font, const char *font2)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, wmm * MM_PT, hmm * MM_PT);
	/* a fixed date, so one seed makes the same bytes on every run */
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, "2024-01-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "zizhi-samplegen");
	return setup(s, wmm, hmm, MM_PT, font, font2);
}

char *
gen_pg_take_text(gen_pg *p)
{
	char *t = p->text.s ? p->text.s : zz_estrdup("");
	memset(&p->text, 0, sizeof p->text);
	return t;
}

void
gen_pg_next(gen_pg *p)
{
	cairo_show_page(p->cr);
}

PIX *
gen_pg_pix(gen_pg *p)
{
	cairo_surface_flush(p->surf);
	PIX *pix = gen_pix_from_cairo(p->surf);
	if (pix && p->dpi && p->dpi != 300)
		pixSetResolution(pix, p->dpi, p->dpi);
	return pix;
}

int
gen_pg_free(gen_pg **pp)
{
	gen_pg *p = *pp;
	if (!p)
		return 0;
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surf);
	int bad = cairo_surface_status(p->surf) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(p->surf);
	zz_buf_free(&p->text);
	free(p);
	*pp = NULL;
	return bad ? -1 : 0;
}

void
gen_ink(gen_pg *p, double r, double g, double b)
{
	p->r = r, p->g = g, p->b = b;
}

void
gen_ink_clear(gen_pg *p, double clear)
{
	p->clear = clear;
}

/* the ink, with its transparency: opaque unless gen_ink_clear said */
static void
source(gen_pg *p)
{
	cairo_set_source_rgba(p->cr, p->r, p->g, p->b, 1 - p->clear);
}

/* The user unit is a millimetre: hinting and Pango's rounding of glyph
 * positions to whole units would snap letters to a millimetre grid
 * ("C N IT S EC"), so both are off. */
static PangoLayout *
layout(gen_pg *p, double pt, int flags, const char *text)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_context_set_round_glyph_positions(pango_layout_get_context(l), FALSE);
	pango_cairo_context_set_font_options(pango_layout_get_context(l), fo);
	cairo_font_options_destroy(fo);
	pango_layout_context_changed(l);
	PangoFontDescription *fd =
		pango_font_description_from_string((flags & GEN_SERIF) ? p->font2 : p->font);
	pango_font_description_set_absolute_size(fd, pt * PT_MM * PANGO_SCALE);
	if (flags & GEN_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	return l;
}

static void
record(gen_pg *p, const char *s, size_t n)
{
	if (p->text.len)
		zz_buf_add(&p->text, "\n", 1);
	zz_buf_add(&p->text, s, n);
}

void
gen_record(gen_pg *p, const char *text)
{
	record(p, text, strlen(text));
}

double
gen_text_width(gen_pg *p, double pt, int flags, const char *text)
{
	PangoLayout *l = layout(p, pt, flags, text);
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	g_object_unref(l);
	return r.width / (double)PANGO_SCALE;
}

double
gen_text(gen_pg *p, double x, double y, double pt, int flags, const char *text)
{
	PangoLayout *l = layout(p, pt, flags, text);
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	double w = r.width / (double)PANGO_SCALE, h = r.height / (double)PANGO_SCALE;
	if (flags & GEN_CENTER)
		x -= w / 2;
	else if (flags & GEN_RIGHT)
		x -= w;
	source(p);
	cairo_move_to(p->cr, x, y);
	if (flags & GEN_OUTLINE) {
		/* hollow letters, as many watermarks are */
		pango_cairo_layout_path(p->cr, l);
		cairo_set_line_width(p->cr, pt * PT_MM * (flags & GEN_THIN ? 0.012 : 0.04));
		cairo_stroke(p->cr);
	} else {
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	if (!(flags & GEN_QUIET) && *text)
		record(p, text, strlen(text));
	return h;
}

double
gen_textf(gen_pg *p, double x, double y, double pt, int flags, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	double h = gen_text(p, x, y, pt, flags, s);
	free(s);
	return h;
}

double
gen_para(gen_pg *p, double x, double y, double w, double pt, int flags, const char *text)
{
	PangoLayout *l = layout(p, pt, flags, text);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_spacing(l, (int)(pt * PT_MM * 0.5 * PANGO_SCALE));
	source(p);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	/* record the lines as they were broken on the page */
	for (int i = 0, n = pango_layout_get_line_count(l); i < n && !(flags & GEN_QUIET); i++) {
		PangoLayoutLine *ln = pango_layout_get_line_readonly(l, i);
		record(p, text + ln->start_index, (size_t)ln->length);
	}
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	g_object_unref(l);
	return r.height / (double)PANGO_SCALE;
}

void
gen_line(gen_pg *p, double x0, double y0, double x1, double y1, double width)
{
	source(p);
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x0, y0);
	cairo_line_to(p->cr, x1, y1);
	cairo_stroke(p->cr);
}

void
gen_box(gen_pg *p, double x, double y, double w, double h, double width)
{
	source(p);
	cairo_set_line_width(p->cr, width);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_stroke(p->cr);
}

void
gen_fill(gen_pg *p, double x, double y, double w, double h, double grey)
{
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

double
gen_table(gen_pg *p, double x, double y, int rows, int cols, const double *colw,
          double rowh, double pt, const int *align, const char *const *cells)
{
	double total = 0;
	for (int c = 0; c < cols; c++)
		total += colw[c];
	for (int r = 0; r <= rows; r++)
		gen_line(p, x, y + r * rowh, x + total, y + r * rowh, 0.25);
	double cx = x;
	for (int c = 0; c <= cols; c++) {
		gen_line(p, cx, y, cx, y + rows * rowh, 0.25);
		if (c < cols)
			cx += colw[c];
	}
	for (int r = 0; r < rows; r++) {
		zz_buf row = {0};
		cx = x;
		for (int c = 0; c < cols; c++) {
			const char *t = cells[r * cols + c];
			if (t && *t) {
				double ty = y + r * rowh + (rowh - pt * PT_MM * 1.45) / 2;
				int a = align ? align[c] : 0;
				double tx = a == 1 ? cx + colw[c] / 2 : a == 2 ? cx + colw[c] - 1.5 : cx + 1.5;
				gen_text(p, tx, ty, pt, GEN_QUIET | (a == 1 ? GEN_CENTER : a == 2 ? GEN_RIGHT : 0),
				         t);
				if (row.len)
					zz_buf_add(&row, " ", 1);
				zz_buf_adds(&row, t);
			}
			cx += colw[c];
		}
		if (row.len)
			record(p, row.s, row.len);
		zz_buf_free(&row);
	}
	return rows * rowh;
}

static void
star(cairo_t *cr, double cx, double cy, double r)
{
	for (int i = 0; i < 10; i++) {
		double a = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? r * 0.38 : r;
		if (i == 0)
			cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
		else
			cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
	}
	cairo_close_path(cr);
	cairo_fill(cr);
}

void
gen_star(gen_pg *p, double cx, double cy, double r)
{
	source(p);
	star(p->cr, cx, cy, r);
}

/* Red ink multiplies with what is under it, as a real stamp does: black
 * text under the seal stays black. */
void
gen_seal(gen_pg *p, double cx, double cy, double r, const char *arc, const char *below)
{
	cairo_t *cr = p->cr;
	cairo_save(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
	cairo_set_source_rgba(cr, 0.86, 0.12, 0.12, 0.9);
	cairo_set_line_width(cr, r * 0.06);
	cairo_arc(cr, cx, cy, r * 0.96, 0, 2 * M_PI);
	cairo_stroke(cr);
	star(cr, cx, cy, r * 0.26);
	/* characters along the upper arc, from about 8 to 4 o'clock */
	int n = (int)g_utf8_strlen(arc, -1);
	double span = n > 1 ? fmin(4.3, 0.33 * n) : 0;
	/* characters as big as their share of the arc allows */
	double step = n > 1 ? r * 0.7 * span / (n - 1) : r * 0.4;
	double pt = fmin(r * 0.36, step * 0.92) / PT_MM;
	const char *s = arc;
	for (int i = 0; i < n; i++) {
		const char *next = g_utf8_next_char(s);
		char ch[8] = {0};
		memcpy(ch, s, (size_t)(next - s) < sizeof ch ? (size_t)(next - s) : 7);
		double a = -M_PI / 2 - span / 2 + (n > 1 ? span * i / (n - 1) : 0);
		cairo_save(cr);
		cairo_translate(cr, cx + r * 0.7 * cos(a), cy + r * 0.7 * sin(a));
		cairo_rotate(cr, a + M_PI / 2);
		PangoLayout *l = layout(p, pt, GEN_BOLD, ch);
		PangoRectangle rc;
		pango_layout_get_extents(l, NULL, &rc);
		cairo_move_to(cr, -rc.width / 2.0 / PANGO_SCALE, -rc.height / 2.0 / PANGO_SCALE);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		cairo_restore(cr);
		s = next;
	}
	if (below && *below) {
		PangoLayout *l = layout(p, pt * 0.8, GEN_BOLD, below);
		PangoRectangle rc;
		pango_layout_get_extents(l, NULL, &rc);
		cairo_move_to(cr, cx - rc.width / 2.0 / PANGO_SCALE, cy + r * 0.35);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
	}
	cairo_restore(cr);
}

void
gen_qr(gen_pg *p, double x, double y, double size, uint64_t seed)
{
	gen_rng r;
	gen_rng_seed(&r, seed);
	int n = 25;
	double m = size / n;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < n; k++) {
			int finder = (i < 7 && k < 7) || (i < 7 && k >= n - 7) || (i >= n - 7 && k < 7);
			int on = finder ? (i % (n - 7) == 0 || i % (n - 7) == 6 || k % (n - 7) == 0 ||
			                   k % (n - 7) == 6 || ((i % (n - 7)) >= 2 && (i % (n - 7)) <= 4 &&
			                                        (k % (n - 7)) >= 2 && (k % (n - 7)) <= 4))
			                : gen_rng_chance(&r, 0.5);
			if (on)
				cairo_rectangle(p->cr, x + k * m, y + i * m, m * 1.02, m * 1.02);
		}
	cairo_fill(p->cr);
}
