/* lic_draw.c - the pieces every licence layout is made of: the paper and
 * its printed border (回纹 key pattern or guilloche), the national emblem,
 * the gold title, labels spread to a fixed width, a label and its value
 * (recorded together, and where the value went), the code line, Shenzhen's
 * 重要提示 box, and the registering office with its seal. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "licence.h"

static const double gold[3] = {0.80, 0.60, 0.12};

/* gen_text in another of the licence's fonts */
static double
text_in(gen_pg *p, const char *font, double x, double y, double pt, int flags, const char *s)
{
	const char *keep = p->font;
	p->font = font;
	double h = gen_text(p, x, y, pt, flags & ~GEN_SERIF, s);
	p->font = keep;
	return h;
}

static double
width_in(gen_pg *p, const char *font, double pt, int flags, const char *s)
{
	const char *keep = p->font;
	p->font = font;
	double w = gen_text_width(p, pt, flags & ~GEN_SERIF, s);
	p->font = keep;
	return w;
}

void
lic_paper(gen_pg *p, double r, double g, double b)
{
	cairo_set_source_rgb(p->cr, r, g, b);
	cairo_paint(p->cr);
}

/* one strip of the key pattern along +x from the origin, len long, in
 * squares of side s: a spiral per square, joined along the bottom */
static void
key_strip(cairo_t *cr, double len, double s)
{
	static const double spiral[][2] = {{0, 1},     {0, 0},     {1, 0},     {1, 0.8},
	                                   {0.2, 0.8}, {0.2, 0.2}, {0.8, 0.2}, {0.8, 0.6},
	                                   {0.4, 0.6}, {0.4, 0.4}};
	int n = (int)(len / s);
	double off = (len - n * s) / 2;
	for (int i = 0; i < n; i++) {
		double x0 = off + i * s;
		cairo_move_to(cr, x0 + spiral[0][0] * s * 0.9, spiral[0][1] * s * 0.9);
		for (size_t k = 1; k < sizeof spiral / sizeof *spiral; k++)
			cairo_line_to(cr, x0 + spiral[k][0] * s * 0.9, spiral[k][1] * s * 0.9);
		cairo_move_to(cr, x0, s * 0.9);
		cairo_line_to(cr, x0 + s, s * 0.9);
	}
	cairo_stroke(cr);
	cairo_move_to(cr, 0, -s * 0.25);
	cairo_line_to(cr, len, -s * 0.25);
	cairo_move_to(cr, 0, s * 1.15);
	cairo_line_to(cr, len, s * 1.15);
	cairo_stroke(cr);
}

/* a wave band along +x from the origin: interlaced sines between two rules */
static void
wave_strip(cairo_t *cr, double len, double band)
{
	for (int k = 0; k < 6; k++) {
		double ph = k * M_PI / 3;
		cairo_move_to(cr, 0, band * 0.5 * (1 + sin(ph)));
		for (double t = 0.5; t <= len; t += 0.5)
			cairo_line_to(cr, t, band * 0.5 * (1 + sin(t * 2 * M_PI / (band * 1.3) + ph)));
		cairo_stroke(cr);
	}
	cairo_rectangle(cr, 0, -0.6, len, band + 1.2);
	cairo_stroke(cr);
}

/* a border of four strips, each drawn along +x and turned into place */
static void
border(gen_pg *p, double x, double y, double w, double h, void (*strip)(cairo_t *, double, double),
       double size)
{
	cairo_t *cr = p->cr;
	const double side[4][4] = {{x, y, 0, w}, {x + w, y, M_PI / 2, h},
	                           {x + w, y + h, M_PI, w}, {x, y + h, -M_PI / 2, h}};
	cairo_new_path(cr);
	for (int i = 0; i < 4; i++) {
		cairo_save(cr);
		cairo_translate(cr, side[i][0], side[i][1]);
		cairo_rotate(cr, side[i][2]);
		strip(cr, side[i][3], size);
		cairo_restore(cr);
	}
}

void
lic_key_border(gen_pg *p, double x, double y, double w, double h, double s)
{
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, 0.5, 0.48, 0.44);
	cairo_set_line_width(p->cr, s * 0.09);
	border(p, x, y, w, h, key_strip, s);
	cairo_restore(p->cr);
}

/* interlaced waves along a band, as banknote printers draw them */
void
lic_guilloche(gen_pg *p, double x, double y, double w, double h, double band)
{
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, 0.62, 0.56, 0.36);
	cairo_set_line_width(p->cr, 0.22);
	border(p, x, y, w, h, wave_strip, band);
	cairo_restore(p->cr);
}

/* the national emblem, as a sketch: red disc, gold ring and stars, the
 * gate below, wheat around */
void
lic_emblem(gen_pg *p, double cx, double cy, double r)
{
	cairo_t *cr = p->cr;
	cairo_save(cr);
	cairo_new_path(cr);
	cairo_set_source_rgb(cr, 0.86, 0.16, 0.12);
	cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, gold[0], gold[1], gold[2]);
	cairo_set_line_width(cr, r * 0.12);
	cairo_arc(cr, cx, cy, r * 1.08, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_set_line_width(cr, r * 0.06);
	for (int i = 0; i < 9; i++) { /* the wheat ears */
		double a = M_PI * (0.15 + 0.7 * i / 8.0);
		cairo_new_sub_path(cr);
		cairo_arc(cr, cx + 1.25 * r * cos(a + M_PI / 2), cy + 1.25 * r * sin(a + M_PI / 2),
		          r * 0.12, 0, 2 * M_PI);
		cairo_stroke(cr);
	}
	cairo_rectangle(cr, cx - r * 0.55, cy + r * 0.2, r * 1.1, r * 0.35);
	cairo_fill(cr);
	cairo_restore(cr);
	double sr, sg, sb;
	sr = p->r, sg = p->g, sb = p->b;
	gen_ink(p, gold[0], gold[1], gold[2]);
	gen_star(p, cx - r * 0.3, cy - r * 0.3, r * 0.28);
	for (int i = 0; i < 4; i++) {
		double a = -M_PI / 2.4 + i * M_PI / 5.5;
		gen_star(p, cx - r * 0.3 + r * 0.62 * cos(a), cy - r * 0.3 + r * 0.62 * sin(a),
		         r * 0.1);
	}
	gen_ink(p, sr, sg, sb);
}

/* the title, letter-spaced, in gold or black, centred on cx */
void
lic_title(gen_pg *p, const gen_lic *L, double cx, double y, double pt, const char *text, int g)
{
	double gap = pt * 0.12, total = 0, w[16];
	int n = 0;
	for (const char *s = text; *s && n < 16; s = g_utf8_next_char(s), n++) {
		char ch[8] = {0};
		memcpy(ch, s, (size_t)(g_utf8_next_char(s) - s));
		w[n] = width_in(p, L->f_title, pt, GEN_BOLD, ch);
		total += w[n] + (n ? gap : 0);
	}
	double x = cx - total / 2, sr = p->r, sg = p->g, sb = p->b;
	if (g)
		gen_ink(p, gold[0], gold[1], gold[2]);
	int i = 0;
	for (const char *s = text; *s && i < n; s = g_utf8_next_char(s), i++) {
		char ch[8] = {0};
		memcpy(ch, s, (size_t)(g_utf8_next_char(s) - s));
		text_in(p, L->f_title, x, y, pt, GEN_BOLD | GEN_QUIET, ch);
		x += w[i] + gap;
	}
	gen_ink(p, sr, sg, sb);
	gen_record(p, text);
}

/* A label: spread so its first and last characters meet the edges of w
 * (名    称 as wide as 法定代表人), or as it is. */
void
lic_label(gen_pg *p, const gen_lic *L, double x, double y, double w, double pt,
          const char *label)
{
	int flags = GEN_QUIET | (L->label_bold ? GEN_BOLD : 0);
	long n = g_utf8_strlen(label, -1);
	if (!L->spread || n < 2) {
		text_in(p, L->f_label, x, y, pt, flags, label);
		return;
	}
	double cw = width_in(p, L->f_label, pt, flags, "名");
	double step = n > 1 ? (w - cw) / (double)(n - 1) : 0;
	if (step < cw)
		step = cw;
	int i = 0;
	for (const char *s = label; *s; s = g_utf8_next_char(s), i++) {
		char ch[8] = {0};
		memcpy(ch, s, (size_t)(g_utf8_next_char(s) - s));
		text_in(p, L->f_label, x + i * step, y, pt, flags, ch);
	}
}

/* A line of the field block: the label, then the value wrapped to vw.
 * Recorded as one line of text; the value's place is kept. Returns the
 * height used (0 when the licence has no such line). */
double
lic_row(gen_pg *p, gen_lic *L, int f, double x, double y, double lw, double vw)
{
	if (!L->label[f])
		return 0;
	double pt = f == LF_SCOPE ? L->pt * 0.82 : L->pt;
	double lpt = L->pt * (L->layout == LL_SZ_PORTRAIT || L->layout == LL_SZ_LANDSCAPE ||
	                      L->layout == LL_OLD_LEGAL ? 1.35 : 1.15);
	/* no larger than lets 法定代表人 (or this label, if longer) fit its column */
	long n = g_utf8_strlen(L->label[f], -1);
	double fit = (lw - 2) / ((n > 5 ? n : 5) * 0.3528 * 1.05);
	if (lpt > fit)
		lpt = fit;
	lic_label(p, L, x, y - (lpt - L->pt) * 0.15, lw - L->pt * 0.5, lpt, L->label[f]);
	const char *keep = p->font;
	p->font = L->f_value;
	double h = gen_para(p, x + lw, y, vw, pt, GEN_QUIET, L->value[f]);
	double w = gen_text_width(p, pt, 0, L->value[f]);
	p->font = keep;
	char line[800];
	snprintf(line, sizeof line, "%s %s", L->label[f], L->value[f]);
	gen_record(p, line);
	double *b = L->box[f];
	b[0] = x + lw, b[1] = y, b[2] = w < vw ? w : vw, b[3] = h;
	double lh = lpt * 25.4 / 72 * 1.3;
	return h > lh ? h : lh;
}

/* 统一社会信用代码 and its value, or 注册号; stacked: the value under the
 * label (the landscape licences) */
void
lic_code_line(gen_pg *p, gen_lic *L, double x, double y, double pt, int stacked)
{
	int uscc = L->uscc[0] != '\0';
	const char *label = uscc ? "统一社会信用代码" : "注册号";
	char value[48];
	snprintf(value, sizeof value, "%s%s%s%s", uscc ? L->uscc : L->regno,
	         L->copyno[0] && uscc ? "（" : "", uscc ? L->copyno : "",
	         L->copyno[0] && uscc ? "）" : "");
	int flags = GEN_QUIET | (L->label_bold ? GEN_BOLD : 0);
	const char *lab = uscc && L->spread ? "统 一 社 会 信 用 代 码" : uscc ? label : "注 册 号";
	double lw = width_in(p, L->f_label, pt, flags, lab);
	text_in(p, L->f_label, x, y, pt, flags, lab);
	double vx = stacked ? x : x + lw + pt * 0.5, vy = stacked ? y + pt * 0.55 : y;
	text_in(p, L->f_value, vx, vy, pt * 1.05, GEN_QUIET, value);
	char line[96];
	snprintf(line, sizeof line, "%s %s", label, value);
	gen_record(p, line);
	double vw = width_in(p, L->f_value, pt * 1.05, 0, uscc ? L->uscc : L->regno);
	double *b = L->code_box;
	b[0] = vx, b[1] = vy, b[2] = vw, b[3] = pt * 0.5;
}

/* Shenzhen's 重要提示: a dashed box, the heading stacked at its left */
void
lic_notice(gen_pg *p, gen_lic *L, double x, double y, double w, double h)
{
	static const char *const items[] = {
		"1、商事主体的经营范围由章程确定。经营范围中属于法律、法规规定应当经批准的项目，"
		"取得许可审批文件后方可开展相关经营活动。",
		"2、商事主体经营范围和许可审批项目等有关事项及年报信息和其他信用信息，请登录商事主体"
		"信用信息公示平台或扫描执照的二维码查询。",
		"3、商事主体须于每年1月1日-6月30日向商事登记机关提交上一年度的年度报告。",
	};
	cairo_t *cr = p->cr;
	double dash[] = {1.2, 0.8};
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
	cairo_set_line_width(cr, 0.3);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
	cairo_restore(cr);
	const char *head[] = {"重", "要", "提", "示"};
	for (int i = 0; i < 4; i++)
		text_in(p, L->f_label, x + 2, y + 2 + i * (h - 4) / 4, 9, GEN_BOLD, head[i]);
	double ty = y + 1.5;
	const char *keep = p->font;
	p->font = L->f_value;
	for (int i = 0; i < 3; i++)
		ty += gen_para(p, x + 9, ty, w - 11, 6.5, 0, items[i]) + 0.6;
	p->font = keep;
}

/* 登记机关, the office's name on the old licences, the date, the seal */
void
lic_office(gen_pg *p, gen_lic *L, gen_rng *r, double x, double y, double pt)
{
	int flags = L->label_bold ? GEN_BOLD : 0;
	text_in(p, L->f_label, x, y, pt, flags, "登 记 机 关");
	double lw = width_in(p, L->f_label, pt, flags, "登 记 机 关");
	if (L->layout == LL_OLD_PORTRAIT || L->layout == LL_SZ_LANDSCAPE || gen_rng_chance(r, 0.2))
		text_in(p, L->f_value, x + lw + 3, y + pt * 0.05, pt * 0.8, 0, L->office);
	char when[64];
	gen_lic_date(L, L->issued, when, sizeof when);
	text_in(p, L->f_value, x + 2, y + pt * 0.9, pt * 0.95, 0, when);
	lic_seal(p, x + lw * 0.75, y + pt * 0.55, pt * 1.6, L->office);
}

/* gen_seal begins its ring where the pen is: a text drawn before would
 * draw a line to it */
void
lic_seal(gen_pg *p, double cx, double cy, double r, const char *arc)
{
	cairo_new_path(p->cr);
	gen_seal(p, cx, cy, r, arc, "");
}

void
lic_block_done(gen_lic *L, double x, double y, double w, double h)
{
	L->block[0] = x, L->block[1] = y, L->block[2] = w, L->block[3] = h;
}

double
gen_lic_page_w(const gen_lic *L)
{
	return L->layout == LL_NEW_LANDSCAPE || L->layout == LL_ELICENCE ||
	       L->layout == LL_OLD_LEGAL || L->layout == LL_SZ_LANDSCAPE ? 297 : 210;
}

double
gen_lic_page_h(const gen_lic *L)
{
	return gen_lic_page_w(L) > 250 ? 210 : 297;
}

void
gen_lic_draw(gen_pg *p, gen_lic *L, gen_rng *r)
{
	gen_ink(p, 0, 0, 0);
	switch (L->layout) {
	case LL_NEW_LANDSCAPE:
	case LL_ELICENCE: lic_landscape(p, L, r); break;
	case LL_OLD_LEGAL:
	case LL_SZ_LANDSCAPE: lic_old_landscape(p, L, r); break;
	default: lic_portrait(p, L, r); break;
	}
}
