/* lic_portrait.c - the portrait 副本 (A4): the 2016-19 new style with the
 * USCC at the top right, the transitional one of 2015-16 with the USCC
 * (or a 注册号) after its label, the old one with a 注册号 and labels
 * spread wide, and Shenzhen's 商事主体 licence (no 注册资本, no scope, a
 * 重要提示 box). One drawing with the differences as parameters. */
#include <stdio.h>
#include <string.h>

#include "licence.h"

struct portrait {
	double code_x, code_y;  /* the code line */
	double x, y, lw, vw;    /* the field block: label x, top, label and value widths */
	double pitch;           /* space between lines */
	int qr;                 /* a QR block at the bottom left */
};

static const int order[] = {LF_NAME, LF_TYPE, LF_ADDRESS, LF_REP, LF_FORM, LF_CAPITAL,
                            LF_EST, LF_TERM, LF_SCOPE};

static void
footer(gen_pg *p, const gen_lic *L)
{
	const char *keep = p->font;
	p->font = L->f_value;
	if (L->layout == LL_NEW_PORTRAIT)
		gen_text(p, p->w / 2, p->h - 28, 7.5, GEN_CENTER,
		         "应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送上一年度年度报告");
	gen_text(p, 22, p->h - 18, 6.5, 0, "企业信用信息公示系统网址：http://www.gsxt.gov.cn");
	gen_text(p, p->w - 22, p->h - 18, 6.5, GEN_RIGHT,
	         L->issued.y >= 2018 ? "国家市场监督管理总局监制"
	                             : "中华人民共和国国家工商行政管理总局监制");
	p->font = keep;
}

static void
head(gen_pg *p, gen_lic *L, const struct portrait *g, gen_rng *r)
{
	int sz = L->layout == LL_SZ_PORTRAIT;
	lic_emblem(p, p->w / 2, 42, 15);
	lic_title(p, L, p->w / 2 - (sz ? 12 : 0), 62, 54, "营业执照", 1);
	const char *keep = p->font;
	p->font = L->f_label;
	if (sz)
		gen_text(p, p->w / 2 + 62, 78, 15, GEN_BOLD, "（副本）");
	else
		gen_text(p, p->w / 2, 90, 15, GEN_BOLD | GEN_CENTER,
		         gen_rng_chance(r, 0.5) ? "（副  本）" : "(副本)");
	if (L->serial[0])
		gen_textf(p, p->w - 30, 24, 10, GEN_RIGHT, "编号：%s", L->serial);
	if (L->copyno[0] && L->layout == LL_TRANSITIONAL && gen_rng_chance(r, 0.5))
		gen_textf(p, p->w / 2 + 28, 86, 9, 0, "（副本号：%s）", L->copyno);
	p->font = keep;
	lic_code_line(p, L, g->code_x, g->code_y, 10.5, 0);
}

static void
geometry(const gen_lic *L, gen_rng *r, struct portrait *g)
{
	g->code_x = 70, g->code_y = 101;
	/* narrower value columns make long names and types wrap */
	g->x = 28, g->y = 114, g->lw = 36, g->vw = gen_rng_real(r, 85, 122);
	g->pitch = gen_rng_real(r, 3.2, 5.5);
	g->qr = 1;
	switch (L->layout) {
	case LL_TRANSITIONAL:
		g->code_x = gen_rng_real(r, 45, 60), g->code_y = 102;
		break;
	case LL_OLD_PORTRAIT:
		/* the old licences spread their labels over half the line */
		g->code_x = 110, g->code_y = 103;
		g->lw = gen_rng_real(r, 46, 58), g->vw = 150 - g->lw;
		g->pitch = gen_rng_real(r, 4.5, 6.5);
		g->qr = gen_rng_chance(r, 0.6);
		break;
	case LL_SZ_PORTRAIT:
		g->code_x = 95, g->code_y = 96;
		g->lw = 52, g->vw = 110, g->y = 112, g->pitch = 6;
		break;
	default: break;
	}
}

void
lic_portrait(gen_pg *p, gen_lic *L, gen_rng *r)
{
	struct portrait g;
	geometry(L, r, &g);
	lic_paper(p, 0.985, 0.975, 0.95);
	lic_key_border(p, 12, 12, p->w - 24, p->h - 24, gen_rng_real(r, 4, 5.5));
	head(p, L, &g, r);
	double y = g.y;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		double h = lic_row(p, L, order[i], g.x, y, g.lw, g.vw);
		if (h > 0)
			y += h + g.pitch;
	}
	lic_block_done(L, g.x, g.y, g.lw + g.vw, y - g.y);
	if (L->layout == LL_SZ_PORTRAIT) {
		lic_notice(p, L, 25, y + 6, p->w - 50, 26);
		y += 36;
	}
	if (g.qr)
		gen_qr(p, 30, y > 215 ? y : 215, 28, gen_rng_u64(r));
	lic_office(p, L, r, 118, 240, 13);
	footer(p, L);
}
