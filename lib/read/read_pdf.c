/* read_pdf.c - PDF pages through poppler-glib: the text layer when it can
 * be trusted, otherwise a rendered image for OCR.
 *
 * poppler-glib rather than the C++ core: a C API, and the text layout it
 * returns (a box per character of poppler_page_get_text) is all we need. */
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

enum {
	TEXT_DPI = 300,
	MIN_CHARS = 10,      /* fewer non-space characters: no text layer */
	BAD_PERCENT = 20,    /* more unusable characters: garbage */
	SCAN_CHARS = 30,     /* a page-sized image with less text is a scan */
	SCAN_IMAGE_PCT = 80, /* an image this much of the page is a scan */
	SCAN_TEXT_PERMILLE = 20, /* ... unless glyphs cover more than 2% of it */
	MAX_SIDE = 32767,    /* cairo's limit for an image surface */
	MAX_PAGE_PT = 1000000, /* 350 m; PDF itself stops at 200 inches */
};
#define DEFAULT_MAX_PIXELS (1L << 25) /* A4 at 590 dpi */

struct zz_pdf {
	PopplerDocument *doc;
	int npages;
	guint logid;
	int opening;
	char *why;     /* poppler's last complaint while opening */
};

/* poppler reports every oddity of a damaged file through g_log; what
 * matters reaches the caller through err or why. Its last complaint while
 * opening says more than the GError ("Couldn't read xref table" rather
 * than "PDF document is damaged"). */
static void
quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
	zz_pdf *p = data;
	if (!p->opening || !msg)
		return;
	/* "Syntax error at position -1: Couldn't read xref table" */
	const char *s = strstr(msg, ": ");
	free(p->why);
	p->why = zz_estrdup(s ? s + 2 : msg);
}

static char *
open_error(const GError *e, const char *why)
{
	if (!e)
		return zz_estrdup("cannot open PDF");
	const char *m = why ? why : e->message;
	if (e->domain == POPPLER_ERROR) {
		switch (e->code) {
		case POPPLER_ERROR_ENCRYPTED:
			return zz_estrdup("encrypted PDF (password required)");
		case POPPLER_ERROR_DAMAGED:
			return zz_easprintf("damaged PDF: %s", m);
		case POPPLER_ERROR_BAD_CATALOG:
			return zz_easprintf("damaged PDF (no readable catalog): %s", m);
		case POPPLER_ERROR_OPEN_FILE:
			return zz_easprintf("cannot open PDF: %s", m);
		case POPPLER_ERROR_INVALID:
			return zz_easprintf("not a readable PDF: %s", m);
		}
	}
	if (e->domain == G_FILE_ERROR)
		return zz_easprintf("cannot open PDF: %s", e->message);
	return zz_easprintf("cannot read PDF: %s", e->message);
}

zz_pdf *
zz_pdf_open(const char *path, char **err)
{
	*err = NULL;
	zz_pdf *p = zz_ecalloc(1, sizeof *p);
	p->logid = g_log_set_handler("Poppler", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
	                                            G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG,
	                             quiet, p);
	/* a URI needs an absolute path */
	gchar *abs = g_canonicalize_filename(path, NULL);
	GError *e = NULL;
	gchar *uri = g_filename_to_uri(abs, NULL, &e);
	p->opening = 1;
	if (uri)
		p->doc = poppler_document_new_from_file(uri, NULL, &e);
	p->opening = 0;
	g_free(uri);
	g_free(abs);
	if (p->doc && (p->npages = poppler_document_get_n_pages(p->doc)) <= 0)
		*err = zz_estrdup("damaged PDF: no pages");
	else if (!p->doc)
		*err = open_error(e, p->why);
	if (e)
		g_error_free(e);
	if (*err)
		zz_pdf_close(&p);
	return p;
}

int
zz_pdf_pages(const zz_pdf *p)
{
	return p ? p->npages : 0;
}

void
zz_pdf_close(zz_pdf **pp)
{
	zz_pdf *p = pp ? *pp : NULL;
	if (!p)
		return;
	if (p->doc)
		g_object_unref(p->doc);
	g_log_remove_handler("Poppler", p->logid);
	free(p->why);
	free(p);
	*pp = NULL;
}

static PopplerPage *
get_page(zz_pdf *p, int i, double *pw, double *ph)
{
	PopplerPage *pg = p && i >= 0 && i < p->npages ? poppler_document_get_page(p->doc, i)
	                                                : NULL;
	*pw = *ph = 0;
	if (pg)
		poppler_page_get_size(pg, pw, ph);
	/* a hostile MediaBox can be empty, negative, NaN or miles wide; the
	 * bound keeps pixel sizes at any sane dpi within an int */
	if (pg && !(*pw >= 1 && *ph >= 1 && *pw <= MAX_PAGE_PT && *ph <= MAX_PAGE_PT)) {
		g_object_unref(pg);
		pg = NULL;
	}
	return pg;
}

/* ---- the text layer ---- */

/* What a character is worth: 0 space, 1 usable, -1 unusable (what poppler
 * emits for glyphs it could not map, or control characters). */
static int
classify(gunichar c)
{
	if (c == (gunichar)-1 || c == (gunichar)-2)
		return -1;
	if (g_unichar_isspace(c))
		return 0;
	if (c == 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000 ||
	    (c & 0xfffe) == 0xfffe || g_unichar_iscntrl(c))
		return -1;
	return 1;
}

static gunichar
next_char(const char **s)
{
	gunichar c = g_utf8_get_char_validated(*s, -1);
	*s = c == (gunichar)-1 || c == (gunichar)-2 ? *s + 1 : g_utf8_next_char(*s);
	return c;
}

typedef struct {
	long chars, bad;
	double glyph_area;
} tstats;

static void
text_stats(const char *text, const PopplerRectangle *r, guint nr, tstats *st)
{
	memset(st, 0, sizeof *st);
	guint k = 0;
	for (const char *s = text; *s; k++) {
		int v = classify(next_char(&s));
		if (v == 0)
			continue;
		st->chars++;
		if (v < 0)
			st->bad++;
		else if (k < nr)
			st->glyph_area += fabs((r[k].x2 - r[k].x1) * (r[k].y2 - r[k].y1));
	}
}

/* Is most of the page image (a scan, perhaps with a stamp or a scanner's
 * footer as text)? Areas are added up: some scanners cut a page into
 * strips. */
static int
mostly_image(PopplerPage *pg, double pw, double ph)
{
	GList *imgs = poppler_page_get_image_mapping(pg);
	double area = 0;
	for (GList *l = imgs; l; l = l->next) {
		const PopplerRectangle *a = &((PopplerImageMapping *)l->data)->area;
		double w = fmin(fmax(a->x1, a->x2), pw) - fmax(fmin(a->x1, a->x2), 0);
		double h = fmin(fmax(a->y1, a->y2), ph) - fmax(fmin(a->y1, a->y2), 0);
		if (w > 0 && h > 0)
			area += w * h;
	}
	poppler_page_free_image_mapping(imgs);
	return area * 100 > SCAN_IMAGE_PCT * pw * ph;
}

static char *
judge_text(PopplerPage *pg, const char *text, const PopplerRectangle *r, guint nr,
           double pw, double ph)
{
	tstats st;
	text_stats(text, r, nr, &st);
	if (st.chars < MIN_CHARS)
		return zz_estrdup("no text layer");
	if (st.bad * 100 > BAD_PERCENT * st.chars)
		return zz_easprintf("text layer is garbage: %ld%% of characters unusable",
		                    (st.bad * 100 + st.chars / 2) / st.chars);
	/* an OCRed scan keeps its text layer; a scan with a caption does not */
	if ((st.chars < SCAN_CHARS || st.glyph_area * 1000 < SCAN_TEXT_PERMILLE * pw * ph) &&
	    mostly_image(pg, pw, ph))
		return zz_estrdup("text layer covers too little of the page");
	return NULL;
}

/* Chinese PDFs from office suites often carry Kangxi radicals (U+2F00..)
 * or compatibility ideographs where the ordinary ideograph is meant: they
 * look the same but match nothing downstream. One character for one, so
 * the boxes stay aligned. */
static gunichar
unify(gunichar c)
{
	gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
	if (((c >= 0x2e80 && c <= 0x2fdf) || (c >= 0xf900 && c <= 0xfaff) ||
	     (c >= 0x2f800 && c <= 0x2fa1f)) &&
	    g_unichar_fully_decompose(c, TRUE, d, G_N_ELEMENTS(d)) == 1)
		return d[0];
	return c;
}

/* Characters XML 1.0 cannot carry are left out of the words (ALTO). */
static int
xml_ok(gunichar c)
{
	return c != (gunichar)-1 && c != (gunichar)-2 && !g_unichar_iscntrl(c) &&
	       (c & 0xfffe) != 0xfffe && !(c >= 0xd800 && c <= 0xdfff);
}

/* Characters further apart than half a character's size belong to
 * different words: table cells often sit on one line with no space, and
 * a number cell and the next label can be as close as 0.8 of a height. */
static int
apart(const PopplerRectangle *a, const PopplerRectangle *b)
{
	double gap = fmax(fmax(b->x1 - a->x2, a->x1 - b->x2), fmax(b->y1 - a->y2, a->y1 - b->y2));
	double size = fmax(fmax(a->x2 - a->x1, a->y2 - a->y1), fmax(b->x2 - b->x1, b->y2 - b->y1));
	return gap * 2 > size;
}

/* poppler sometimes runs several rows of a table into one line of text.
 * A character that shares neither rows nor columns with the one before
 * starts a new line; one below it in the same column is vertical text. */
static int
new_row(const PopplerRectangle *a, const PopplerRectangle *b)
{
	return !(a->y1 < b->y2 && b->y1 < a->y2) && !(a->x1 < b->x2 && b->x1 < a->x2);
}

static int
pixels(double pt, double dpi)
{
	return (int)ceil(pt * dpi / 72 - 1e-9);
}

typedef struct {
	zz_textpage *tp;
	zz_line *line;       /* NULL until the line has a word */
	zz_buf w;            /* the word so far */
	PopplerRectangle box; /* its box, points */
	int hasbox;
	PopplerRectangle last; /* the previous character's on this line */
	int haslast;
} wbuild;

static int
clampi(double v, int max)
{
	return v < 0 ? 0 : v > max ? max : (int)v;
}

static void
flush(wbuild *b)
{
	if (b->w.len) {
		zz_textpage *tp = b->tp;
		const PopplerRectangle *r = b->hasbox ? &b->box : &b->last;
		double s = tp->dpi / 72.0;
		int x = clampi(floor(r->x1 * s), tp->width - 1);
		int y = clampi(floor(r->y1 * s), tp->height - 1);
		int w = clampi(ceil(r->x2 * s), tp->width) - x;
		int h = clampi(ceil(r->y2 * s), tp->height) - y;
		if (!b->line)
			b->line = zz_textpage_line(tp);
		zz_line_word(b->line, b->w.s, b->w.len, x, y, w > 0 ? w : 1, h > 0 ? h : 1, 1.0f);
	}
	b->w.len = 0;
	b->hasbox = 0;
}

static void
grow(wbuild *b, const PopplerRectangle *r)
{
	PopplerRectangle n = {fmin(r->x1, r->x2), fmin(r->y1, r->y2), fmax(r->x1, r->x2),
	                      fmax(r->y1, r->y2)};
	if (b->haslast && new_row(&b->last, &n)) {
		flush(b);
		b->line = NULL;
	} else if (b->hasbox && b->w.len && apart(&b->last, &n))
		flush(b);
	if (!b->hasbox)
		b->box = n;
	b->box.x1 = fmin(b->box.x1, n.x1), b->box.y1 = fmin(b->box.y1, n.y1);
	b->box.x2 = fmax(b->box.x2, n.x2), b->box.y2 = fmax(b->box.y2, n.y2);
	b->hasbox = 1;
	b->last = n;
	b->haslast = 1;
}

/* Lines end at '\n', words at white space or a gap; returns the number of
 * characters, which should be the number of boxes. */
static guint
add_chars(wbuild *b, const char *text, const PopplerRectangle *r, guint nr)
{
	guint k = 0;
	for (const char *s = text; *s; k++) {
		gunichar c = next_char(&s);
		if (c == '\n' || classify(c) == 0) {
			flush(b);
			if (c == '\n')
				b->line = NULL, b->haslast = 0;
			continue;
		}
		if (k < nr)
			grow(b, &r[k]);
		if (xml_ok(c)) {
			char u[6];
			zz_buf_add(&b->w, u, (size_t)g_unichar_to_utf8(unify(c), u));
		}
	}
	flush(b);
	return k;
}

static zz_textpage *
build(const char *text, const PopplerRectangle *r, guint nr, double pw, double ph, int i)
{
	wbuild b = {0};
	b.tp = zz_textpage_new(i + 1, pixels(pw, TEXT_DPI), pixels(ph, TEXT_DPI), TEXT_DPI,
	                       "text-layer");
	guint n = add_chars(&b, text, r, nr);
	/* poppler promises a box per character; if it breaks that promise the
	 * text is still right but the boxes drift */
	if (n != nr)
		b.tp->note = zz_easprintf("text layout has %u boxes for %u characters; "
		                          "word boxes approximate", nr, n);
	zz_buf_free(&b.w);
	zz_textpage_finish(b.tp);
	return b.tp;
}

zz_textpage *
zz_pdf_text(zz_pdf *p, int i, char **why)
{
	*why = NULL;
	double pw, ph;
	PopplerPage *pg = get_page(p, i, &pw, &ph);
	if (!pg) {
		*why = zz_estrdup("cannot read the page");
		return NULL;
	}
	char *text = poppler_page_get_text(pg);
	PopplerRectangle *r = NULL;
	guint nr = 0;
	if (!text || !poppler_page_get_text_layout(pg, &r, &nr))
		nr = 0;
	zz_textpage *tp = NULL;
	if (!(*why = judge_text(pg, text ? text : "", r, nr, pw, ph)))
		tp = build(text, r, nr, pw, ph, i);
	g_free(r);
	g_free(text);
	g_object_unref(pg);
	return tp;
}

/* ---- rendering for OCR ---- */

/* The highest dpi up to dpi at which the page fits in max pixels and in
 * a cairo surface; 0 if none does. */
static int
fit_dpi(double pw, double ph, int dpi, long max)
{
	double d = fmin(dpi, floor(MAX_SIDE * 72.0 / fmax(pw, ph)));
	double sqin = pw * ph / (72.0 * 72.0);
	if (sqin * d * d > (double)max)
		d = floor(sqrt((double)max / sqin));
	while (d >= 1 && (double)pixels(pw, d) * pixels(ph, d) > (double)max)
		d--;
	return d >= 1 ? (int)d : 0;
}

/* cairo's RGB24 is a native-endian 0x00RRGGBB word per pixel; Leptonica's
 * 32 bpp is 0xRRGGBB00 */
static PIX *
to_pix(cairo_surface_t *cs, int w, int h)
{
	PIX *pix = pixCreateNoInit(w, h, 32);
	if (!pix)
		return NULL;
	const unsigned char *data = cairo_image_surface_get_data(cs);
	int stride = cairo_image_surface_get_stride(cs);
	l_uint32 *pd = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
		l_uint32 *line = pd + (size_t)y * (size_t)wpl;
		for (int x = 0; x < w; x++)
			composeRGBPixel((row[x] >> 16) & 0xff, (row[x] >> 8) & 0xff, row[x] & 0xff,
			                &line[x]);
	}
	return pix;
}

static PIX *
render(PopplerPage *pg, double pw, double ph, int dpi)
{
	int w = pixels(pw, dpi), h = pixels(ph, dpi);
	cairo_surface_t *cs = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	PIX *pix = NULL;
	if (cairo_surface_status(cs) == CAIRO_STATUS_SUCCESS) {
		cairo_t *cr = cairo_create(cs);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, dpi / 72.0, dpi / 72.0);
		/* what would be printed: annotations flagged for print (stamps)
		 * are in, screen-only ones are out */
		poppler_page_render_for_printing(pg, cr);
		/* a damaged page leaves cairo in an error state after drawing what
		 * it could; that part is still worth OCR, unless memory ran out */
		int nomem = cairo_status(cr) == CAIRO_STATUS_NO_MEMORY;
		cairo_destroy(cr);
		cairo_surface_flush(cs);
		pix = nomem ? NULL : to_pix(cs, w, h);
	}
	cairo_surface_destroy(cs);
	if (pix)
		pixSetResolution(pix, dpi, dpi);
	return pix;
}

PIX *
zz_pdf_render(zz_pdf *p, int i, int dpi, long max_pixels, int *used_dpi)
{
	*used_dpi = 0;
	double pw, ph;
	PopplerPage *pg = dpi > 0 ? get_page(p, i, &pw, &ph) : NULL;
	if (!pg)
		return NULL;
	int d = fit_dpi(pw, ph, dpi, max_pixels > 0 ? max_pixels : DEFAULT_MAX_PIXELS);
	PIX *pix = d ? render(pg, pw, ph, d) : NULL;
	g_object_unref(pg);
	if (pix)
		*used_dpi = d;
	return pix;
}
