/* overlay.c - what websites and senders lay over a licence image: a
 * diagonal 仅限…使用 repeated over everything, a site's name and logo
 * across the middle of the fields, a red 此文件仅作网站注册使用 line, or a
 * large black note beside the representative. Semi-transparent, drawn with
 * pango over the finished image; the values stay legible, so the truth
 * keeps them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "licence.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) gen_rng_pick(r, a, N(a))

static const char *const uses[] = {
	"仅限市场宣传使用", "仅限官网APP展示使用", "仅供投标使用", "仅限银行开户使用",
	"仅供平台入驻审核使用", "仅限网站认证使用", "此复印件仅供资质申报使用，他用无效",
	"仅供办理年检使用", "此文件仅作网站注册使用",
};
static const char *const sites[] = {"商贸通", "企采网", "慧商网", "宝易网", "中商在线",
                                    "优采网", "工品汇", "电子元件网"};
static const char *const domains[] = {"Made-in-Trade.com", "b2b.shangmao.cn", "www.qicai.net",
                                      "Sell-Online.com", "www.ic-parts.cn"};

/* a point of the field block, by its fractions across (u) and down (v) */
static void
in_block(const double q[8], double u, double v, double *x, double *y)
{
	double tx = q[0] + u * (q[2] - q[0]), ty = q[1] + u * (q[3] - q[1]);
	double bx = q[6] + u * (q[4] - q[6]), by = q[7] + u * (q[5] - q[7]);
	*x = tx + v * (bx - tx);
	*y = ty + v * (by - ty);
}

static void
colour(gen_pg *p, gen_rng *r)
{
	int k = gen_rng_int(r, 0, 2);
	if (k == 0)
		gen_ink(p, 0.45, 0.45, 0.45);
	else if (k == 1)
		gen_ink(p, 0.1, 0.1, 0.1);
	else
		gen_ink(p, 0.85, 0.15, 0.15);
}

/* text turned by angle (radians) about its own top left at (x, y), mm */
static void
turned(gen_pg *p, double x, double y, double angle, double pt, int flags, const char *s)
{
	cairo_save(p->cr);
	cairo_translate(p->cr, x, y);
	cairo_rotate(p->cr, angle);
	gen_text(p, 0, 0, pt, flags | GEN_QUIET, s);
	cairo_restore(p->cr);
}

static void
tile(gen_pg *p, gen_rng *r)
{
	const char *s = PICK(r, uses);
	double angle = -gen_rng_real(r, 0.45, 0.8), pt = gen_rng_real(r, 16, 26);
	int flags = gen_rng_chance(r, 0.4) ? GEN_OUTLINE : GEN_BOLD;
	colour(p, r);
	gen_ink_clear(p, gen_rng_real(r, 0.62, 0.85));
	double w = gen_text_width(p, pt, flags, s) * 0.8 + 20, dy = pt * 1.4;
	for (double y = -p->h * 0.2; y < p->h * 1.4; y += dy * 2.2)
		for (double x = -p->w * 0.5; x < p->w; x += w)
			turned(p, x + fmod(y, w * 0.5), y, angle, pt, flags, s);
}

static void
site(gen_pg *p, const double q[8], double k, gen_rng *r)
{
	double x, y;
	double u = gen_rng_real(r, 0.05, 0.3), v = gen_rng_real(r, 0.3, 0.6);
	in_block(q, u, v, &x, &y);
	x /= k, y /= k;
	double pt = gen_rng_real(r, 26, 40);
	gen_ink(p, 0.85, 0.3, 0.3);
	gen_ink_clear(p, gen_rng_real(r, 0.6, 0.8));
	gen_text(p, x, y, pt * 1.2, GEN_BOLD | GEN_QUIET | GEN_OUTLINE, "Ab");
	gen_ink(p, 0.55, 0.55, 0.55);
	gen_text(p, x + pt * 0.45, y, pt * 0.6, GEN_BOLD | GEN_QUIET, PICK(r, domains));
	gen_text(p, x + pt * 0.55, y + pt * 0.3, pt * 0.9, GEN_BOLD | GEN_QUIET, PICK(r, sites));
	if (gen_rng_chance(r, 0.5))
		gen_text(p, x + pt * 2.2, y + pt * 0.68, pt * 0.35, GEN_QUIET,
		         "该证书仅提供给会员参考之用");
}

static void
banner(gen_pg *p, const double q[8], double k, gen_rng *r)
{
	static const char *const lines[] = {"此文件仅作网站注册使用，再次复印无效",
	                                    "此复印件仅供审核使用，再次复印无效",
	                                    "仅供本次资质申报使用，他用无效"};
	const char *s = PICK(r, lines);
	double x, y, pt = p->w * 0.72 / (double)g_utf8_strlen(s, -1) / 0.353;
	gen_ink(p, 0.9, 0.1, 0.1);
	gen_ink_clear(p, gen_rng_real(r, 0.0, 0.25));
	/* above the fields, where the title is, and lower down, not across a
	 * value */
	in_block(q, 0, gen_rng_real(r, -0.45, -0.2), &x, &y);
	gen_text(p, p->w / 2, y / k, pt, GEN_CENTER | GEN_BOLD | GEN_QUIET, s);
	if (gen_rng_chance(r, 0.6))
		gen_text(p, p->w / 2, p->h * 0.82, pt, GEN_CENTER | GEN_BOLD | GEN_QUIET, s);
}

/* beside the representative's name, where the portrait row is empty */
static void
overlay(gen_pg *p, const gen_lic *L, const double q[8], double k, gen_rng *r)
{
	const double *b = L->box[LF_REP];
	double u = (b[0] - L->block[0] + 32) / L->block[2];
	double v = (b[1] - L->block[1]) / L->block[3], x, y;
	in_block(q, u, v, &x, &y);
	gen_ink(p, 0.05, 0.05, 0.05);
	gen_ink_clear(p, gen_rng_real(r, 0, 0.2));
	double pt = gen_rng_real(r, 18, 26);
	gen_text(p, x / k, y / k - 3, pt, GEN_BOLD | GEN_QUIET, PICK(r, uses));
}

PIX *
gen_watermark(PIX *pix, const gen_lic *L, enum lic_mark m, const double q[8], gen_rng *r)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix);
	/* sizes relative to the image, as if it were a page this wide */
	double wmm = w > h ? 297 : 210, k = w / wmm;
	gen_pg *p = gen_pg_over_pix(pix, wmm, gen_rng_chance(r, 0.5) ? "Noto Sans CJK SC"
	                                                             : "WenQuanYi Zen Hei");
	if (!p)
		return pix;
	switch (m) {
	case LW_TILE: tile(p, r); break;
	case LW_SITE: site(p, q, k, r); break;
	case LW_BANNER: banner(p, q, k, r); break;
	case LW_OVERLAY: overlay(p, L, q, k, r); break;
	default: break;
	}
	PIX *out = gen_pg_pix(p);
	gen_pg_free(&p);
	if (!out)
		return pix;
	if (pixGetDepth(pix) == 8) {
		PIX *g = pixConvertRGBToLuminance(out);
		pixDestroy(&out);
		out = g;
	}
	pixCopyResolution(out, pix);
	pixDestroy(&pix);
	return out;
}
