/* capture.c - how a licence reaches a clerk: scanned (150 to 600 dpi,
 * sometimes a photocopy), photographed with a phone, rendered from the
 * e-licence, or a screenshot of a photo; stamped over, redacted, marked
 * by the website it was copied from, stored sideways, cut down to a
 * thumbnail. The plan is drawn first (and named in the notes), then made.
 * The field block is followed through every step, so that a watermark
 * lands on it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "licence.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void
plan_how(gen_lic_copy *c, const gen_lic *L, gen_rng *r, int case_copy)
{
	int k = gen_rng_int(r, 0, 99);
	if (L->layout == LL_ELICENCE && !case_copy)
		c->how = k < 70 ? LC_RENDER : k < 85 ? LC_SCAN : LC_PHOTO;
	else if (case_copy)
		c->how = k < 60 ? LC_SCAN : LC_PHOTO;
	else
		c->how = k < 60 ? LC_SCAN : k < 96 ? LC_PHOTO : LC_SCREEN;
	int paper = c->how != LC_RENDER;
	c->photocopy = paper && gen_rng_chance(r, 0.15);
	c->creases = paper && gen_rng_chance(r, c->how == LC_SCAN ? 0.15 : 0.5);
	/* a photocopy is grey, but what is stamped on it and the camera
	 * are in colour: only some scanners save grey */
	c->grey = c->how == LC_SCAN && gen_rng_chance(r, c->photocopy ? 0.6 : 0.25);
}

/* The page is drawn at the resolution it is seen at: a scan's, or (a
 * little more, for the resampling to come) what the final width needs. */
static void
plan_dpi(gen_lic_copy *c, const gen_lic *L)
{
	double inch = gen_lic_page_w(L) / 25.4;
	if (c->how == LC_RENDER)
		c->dpi = (int)(c->width / inch + 1);
	else if (c->how == LC_SCAN && c->width)
		c->dpi = (int)(c->width * 1.4 / inch);
	else if (c->how != LC_SCAN)
		c->dpi = (int)(c->sheet * c->width * 1.2 / inch);
	if (c->dpi < 80)
		c->dpi = 80;
}

/* sizes: the scanner's resolution; the photo's frame; a thumbnail */
static void
plan_size(gen_lic_copy *c, const gen_lic *L, gen_rng *r, int case_copy)
{
	static const int dpis[] = {150, 200, 200, 240, 300, 300, 300, 400};
	/* phones' photos as they reach us, the long side: some resized by a
	 * chat app, some as taken */
	static const int frames[] = {1280, 1440, 1600, 1632, 1706, 1920, 2000, 2400, 2852, 3200, 3264};
	int thumb = c->thumb = !case_copy && gen_rng_chance(r, 0.25);
	c->width = thumb ? gen_rng_int(r, 500, 900) : 0;
	switch (c->how) {
	case LC_SCAN:
		c->dpi = dpis[gen_rng_int(r, 0, N(dpis) - 1)];
		if (!case_copy && !thumb && gen_rng_chance(r, 0.08))
			c->dpi = gen_rng_int(r, 400, 560); /* up to ~6600 px wide */
		break;
	case LC_RENDER:
		c->width = thumb ? c->width : gen_rng_int(r, 1000, 2400);
		break;
	default: {
		/* the frame's long side; a thumbnail's width */
		int frame = frames[gen_rng_int(r, 0, N(frames) - 1)];
		if (!thumb)
			c->width = gen_lic_page_w(L) > 250 ? frame : frame * 3 / 4;
		/* most photos fill the frame; some are of a clerk holding it */
		double s = gen_rng_real(r, 0, 1);
		c->sheet = s < 0.75 ? gen_rng_real(r, 0.85, 0.97) : s < 0.9 ? gen_rng_real(r, 0.6, 0.85)
		                                                  : gen_rng_real(r, 0.3, 0.6);
		c->background = gen_rng_int(r, 0, 3);
		c->shadow = gen_rng_chance(r, 0.25);
		c->hand = gen_rng_chance(r, c->sheet < 0.7 ? 0.6 : 0.2);
		break;
	}
	}
	plan_dpi(c, L);
}

void
gen_lic_copy_shrink(gen_lic_copy *c, const gen_lic *L, int width)
{
	if (c->width && c->width <= width)
		return;
	c->width = width;
	plan_dpi(c, L);
}

void
gen_lic_copy_plan(gen_lic_copy *c, gen_lic *L, gen_rng *r, int case_copy)
{
	memset(c, 0, sizeof *c);
	plan_how(c, L, r, case_copy);
	plan_size(c, L, r, case_copy);
	/* on the glass the sheet is near square; in the hand, mostly so */
	double k = gen_rng_real(r, 0, 1);
	c->skew = c->how == LC_RENDER ? 0
	        : c->how == LC_SCAN ? (k < 0.8 ? gen_rng_real(r, -1.2, 1.2) : gen_rng_real(r, -3, 3))
	        : k < 0.65 ? gen_rng_real(r, -1.5, 1.5) : k < 0.9 ? gen_rng_real(r, -3.5, 3.5)
	                   : gen_rng_real(r, -7, 7);
	int t = gen_rng_int(r, 0, 99);
	c->rotate = c->how == LC_SCREEN ? 0 : t < 4 ? 90 : t < 7 ? 270 : t < 9 ? 180 : 0;
	int m = gen_rng_int(r, 0, 99);
	if (case_copy)
		c->mark = m < 20 ? LW_TILE : LW_NONE;
	else
		c->mark = m < 50 ? LW_NONE : m < 68 ? LW_TILE : m < 84 ? LW_SITE : m < 93 ? LW_BANNER
		                                                                     : LW_OVERLAY;
	/* the large overlay sits right of the name of the representative,
	 * where only the portrait layouts have room */
	if (c->mark == LW_OVERLAY && gen_lic_page_w(L) > 250)
		c->mark = LW_TILE;
	c->seal = gen_rng_chance(r, 0.25);
	c->quality = c->how == LC_SCAN && gen_rng_chance(r, 0.15) ? 0 : gen_rng_int(r, 55, 92);
	if (!case_copy && gen_rng_chance(r, 0.08)) {
		int what = gen_rng_int(r, 1, 7);
		if (!L->uscc[0])
			what &= ~LR_USCC;
		if (!L->label[LF_CAPITAL])
			what &= ~LR_CAPITAL;
		L->redacted = what ? what : LR_REP;
	}
}

/* ---- making it ---- */

/* a company seal or a 与原件相符 stamp over some values */
static void
stamp(gen_pg *p, gen_lic *L, gen_rng *r)
{
	const double *b = L->label[LF_TYPE] ? L->box[LF_TYPE] : L->box[LF_NAME];
	double cx = b[0] + b[2] * gen_rng_real(r, 0.5, 1.1), cy = b[1] + gen_rng_real(r, 0, 15);
	if (gen_rng_chance(r, 0.65)) {
		lic_seal(p, cx, cy, gen_rng_real(r, 15, 20), L->name);
		return;
	}
	cairo_t *cr = p->cr;
	cairo_save(cr);
	cairo_translate(cr, cx, cy);
	cairo_rotate(cr, gen_rng_real(r, -0.35, 0.1));
	cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
	double sr = p->r, sg = p->g, sb = p->b;
	gen_ink(p, 0.88, 0.2, 0.2);
	gen_box(p, -2, -2, 46, 11, 0.7);
	gen_text(p, 0, 0, 15, GEN_BOLD | GEN_QUIET, "与原件相符");
	gen_ink(p, sr, sg, sb);
	cairo_restore(cr);
}

static void
white_out(gen_pg *p, double x, double y, double w, double h)
{
	cairo_set_source_rgb(p->cr, 0.99, 0.99, 0.985);
	cairo_rectangle(p->cr, x, y - 0.5, w, h + 1);
	cairo_fill(p->cr);
}

/* Redactions, before the page is copied: USCCs and amounts are whited
 * out; a name is pixelated or blurred after the surname (on the pixels,
 * mosaic_rep) */
static void
redact(gen_pg *p, gen_lic *L)
{
	if (L->redacted & LR_USCC)
		white_out(p, L->code_box[0], L->code_box[1], L->code_box[2] * 0.86, L->code_box[3]);
	if (L->redacted & LR_CAPITAL) {
		/* the amount, up to 万 (or the whole value) */
		const double *b = L->box[LF_CAPITAL];
		char amount[640];
		snprintf(amount, sizeof amount, "%s", L->value[LF_CAPITAL]);
		char *wan = strstr(amount, "万");
		if (wan)
			*wan = '\0';
		const char *keep = p->font;
		p->font = L->f_value;
		double w = gen_text_width(p, L->pt, 0, amount);
		p->font = keep;
		white_out(p, b[0], b[1], w, L->pt * 0.45);
	}
}

/* The representative's given name masked, as web copies do: pixelated,
 * or (when the name's last byte is odd: a choice that draws nothing from
 * the random stream, so the samples made before stay as they were)
 * smudged with a blur, as the real 0069 and 0535 are */
static void
mosaic_rep(PIX *pix, const gen_lic *L, int dpi)
{
	const double *b = L->box[LF_REP];
	double k = dpi / 25.4, cw = L->pt * 0.353;
	size_t n = strlen(L->value[LF_REP]);
	if (!(L->redacted & LR_REP))
		return;
	int x = (int)((b[0] + cw) * k), y = (int)(b[1] * k), w = (int)((b[2] - cw + 1) * k);
	int h = (int)(L->pt * 0.45 * k), cell = (int)(cw * k * 0.4) + 2;
	if (n && (L->value[LF_REP][n - 1] & 1))
		gen_blur(pix, x, y, w, h, cell);
	else
		gen_mosaic(pix, x, y, w, h, cell);
}

static PIX *
draw(gen_lic *L, const gen_lic_copy *c, gen_rng *r, char **text)
{
	gen_pg *p = gen_pg_image_dpi(gen_lic_page_w(L), gen_lic_page_h(L), c->dpi, L->f_value,
	                             L->f_label);
	gen_lic_draw(p, L, r);
	redact(p, L);
	if (text)
		*text = gen_pg_take_text(p);
	PIX *pix = gen_pg_pix(p);
	gen_pg_free(&p);
	mosaic_rep(pix, L, c->dpi);
	return pix;
}

/* the stamp goes on the sheet as it is sent: on the copy, in red */
static PIX *
stamped(PIX *page, gen_lic *L, gen_rng *r)
{
	gen_pg *p = gen_pg_over_pix(page, gen_lic_page_w(L), L->f_label);
	if (!p)
		return page;
	stamp(p, L, r);
	PIX *out = gen_pg_pix(p);
	gen_pg_free(&p);
	if (!out)
		return page;
	pixCopyResolution(out, page);
	pixDestroy(&page);
	return out;
}

/* the field block's corners in page pixels, clockwise from top left */
static void
block_quad(const gen_lic *L, int dpi, double q[8])
{
	double k = dpi / 25.4, x = L->block[0] * k, y = L->block[1] * k;
	double w = L->block[2] * k, h = L->block[3] * k;
	double v[8] = {x, y, x + w, y, x + w, y + h, x, y + h};
	memcpy(q, v, sizeof v);
}

/* a flatbed scan: gen_scan turns the sheet on the glass about its centre */
static PIX *
scan(PIX *page, const gen_lic_copy *c, gen_rng *r, double q[8])
{
	gen_scan_params sp = {0};
	sp.dpi = c->dpi;
	sp.skew_deg = c->skew;
	sp.blur = gen_rng_chance(r, 0.5) ? gen_rng_real(r, 0.2, 0.8) : 0;
	sp.noise = gen_rng_real(r, 0, 7);
	sp.uneven = gen_rng_real(r, 0, 0.5);
	sp.grey = c->grey;
	double a = c->skew * M_PI / 180, cx = pixGetWidth(page) / 2.0, cy = pixGetHeight(page) / 2.0;
	for (int i = 0; i < 8; i += 2) {
		double x = q[i] - cx, y = q[i + 1] - cy;
		q[i] = cx + x * cos(a) - y * sin(a);
		q[i + 1] = cy + x * sin(a) + y * cos(a);
	}
	return gen_scan(page, &sp, gen_rng_u64(r));
}

/* An e-licence saved as an image: sometimes on a grey or white margin,
 * as a PDF viewer shows it. */
static PIX *
render(PIX *page, gen_rng *r, double q[8])
{
	if (gen_rng_chance(r, 0.5))
		return pixCopy(NULL, page);
	int m = gen_rng_int(r, 10, 60);
	l_uint32 bg;
	int g = gen_rng_chance(r, 0.5) ? 255 : gen_rng_int(r, 200, 235);
	composeRGBPixel(g, g, g, &bg);
	PIX *out = pixAddBorderGeneral(page, m, m, m, m, bg);
	for (int i = 0; i < 8; i++)
		q[i] += m;
	return out;
}

static const char *const how_name[] = {"scan", "photo", "render", "screen"};
static const char *const mark_name[] = {"", "tile", "site", "banner", "overlay"};

static void
note(gen_lic *L, const gen_lic_copy *c, PIX *pix)
{
	gen_lic_note(L, "%s", how_name[c->how]);
	if (c->how == LC_SCAN)
		gen_lic_note(L, "dpi=%d", c->dpi);
	if (c->how == LC_PHOTO || c->how == LC_SCREEN)
		gen_lic_note(L, "sheet=%d%% bg=%s%s%s", (int)(c->sheet * 100),
		             (const char *[]){"wood", "grey", "dark", "desk"}[c->background & 3],
		             c->shadow ? " shadow" : "", c->hand ? " hand" : "");
	if (c->photocopy)
		gen_lic_note(L, "photocopy");
	if (c->creases)
		gen_lic_note(L, "creases");
	gen_lic_note(L, "rot=%d", c->rotate);
	if (c->mark)
		gen_lic_note(L, "watermark=%s", mark_name[c->mark]);
	if (c->seal)
		gen_lic_note(L, "seal-over");
	if (L->redacted)
		gen_lic_note(L, "redacted=%s%s%s%s%s", L->redacted & LR_USCC ? "uscc" : "",
		             L->redacted & LR_USCC && L->redacted > LR_USCC ? "," : "",
		             L->redacted & LR_CAPITAL ? "capital" : "",
		             L->redacted & LR_CAPITAL && L->redacted & LR_REP ? "," : "",
		             L->redacted & LR_REP ? "rep" : "");
	int w = pixGetWidth(pix), h = pixGetHeight(pix);
	if (c->thumb)
		gen_lic_note(L, "thumb");
	else if (w > 4500)
		gen_lic_note(L, "hires");
	gen_lic_note(L, "size=%dx%d %s", w, h, c->quality ? "jpeg" : "png");
}

/* the finished image: resized to its width (no sharpening: an app's
 * resize does not sharpen), on a phone's screen, turned; a scan says its
 * resolution, a phone's photo 72 */
static PIX *
finish(PIX *pix, const gen_lic_copy *c, gen_rng *r)
{
	double k = 1;
	if (pix && c->width && c->how != LC_SCREEN && pixGetWidth(pix) != c->width) {
		k = (double)c->width / pixGetWidth(pix);
		PIX *t = k < 0.7 ? pixScaleSmooth(pix, (float)k, (float)k)
		                 : pixScaleGeneral(pix, (float)k, (float)k, 0, 0);
		pixDestroy(&pix);
		pix = t;
	}
	if (pix && c->how == LC_SCREEN)
		pix = gen_screenshot(pix, r);
	if (pix && c->rotate) {
		PIX *t = pixRotateOrth(pix, c->rotate / 90);
		pixDestroy(&pix);
		pix = t;
	}
	if (pix) {
		int res = c->how == LC_SCAN ? (int)lround(c->dpi * k) : c->how == LC_RENDER ? 96 : 72;
		pixSetResolution(pix, res, res);
	}
	return pix;
}

PIX *
gen_lic_copy_make(gen_lic *L, const gen_lic_copy *c, gen_rng *r, char **text)
{
	double q[8];
	PIX *page = draw(L, c, r, text), *pix;
	block_quad(L, c->dpi, q);
	if (c->photocopy)
		gen_photocopy(page, r);
	if (c->creases)
		gen_creases(page, r);
	if (c->seal)
		page = stamped(page, L, r);
	if (c->how == LC_SCAN)
		pix = scan(page, c, r, q);
	else if (c->how == LC_RENDER)
		pix = render(page, r, q);
	else
		pix = gen_photo(page, c, r, q);
	pixDestroy(&page);
	if (pix && c->mark)
		pix = gen_watermark(pix, L, c->mark, q, r);
	pix = finish(pix, c, r);
	if (pix)
		note(L, c, pix);
	return pix;
}
