/* lic_old.c - the landscape licences with a 注册号: the 企业法人营业执照
 * of the 2000s (black title at the top left, 须知 and the annual-check
 * table on the right, 实收资本 beside 注册资本, dates in Chinese numerals)
 * and Shenzhen's 2014 商事 licences, 企业法人营业执照 or 个体工商户营业执照
 * (gold title, no 注册资本, no scope, a 重要提示 box). */
#include <stdio.h>
#include <string.h>

#include "licence.h"

static const int legal_order[] = {LF_NAME, LF_ADDRESS, LF_REP, LF_CAPITAL, LF_PAIDIN,
                                  LF_TYPE, LF_SCOPE};
static const int sz_order[] = {LF_NAME, LF_TYPE, LF_ADDRESS, LF_REP, LF_EST};

static void
barcode(gen_pg *p, gen_rng *r, double x, double y)
{
	for (double bx = x; bx < x + 48;) {
		double w = gen_rng_int(r, 1, 3) * 0.3;
		gen_fill(p, bx, y, w, 8, 0.1);
		bx += w + gen_rng_int(r, 1, 3) * 0.3;
	}
}

/* 须知 and the annual inspection table, right of the fields */
static void
notes_panel(gen_pg *p, gen_lic *L, double x, double y)
{
	static const char *const rules[] = {
		"1.《企业法人营业执照》是企业法人资格和合法经营的凭证。",
		"2.《企业法人营业执照》分为正本和副本，正本和副本具有同等法律效力。",
		"3.《企业法人营业执照》正本应当置于住所的醒目位置。",
		"4.《企业法人营业执照》不得伪造、涂改、出租、出借、转让。",
		"5.登记事项发生变化，应当向公司登记机关申请变更登记，换领《企业法人营业执照》。",
		"6.每年三月一日至六月三十日，应当参加年度检验。",
		"7.《企业法人营业执照》被吊销后，不得开展与清算无关的经营活动。",
		"8.办理注销登记，应当交回《企业法人营业执照》正本和副本。",
		"9.《企业法人营业执照》遗失或者毁坏的，应当在公司登记机关指定的报刊上声明作废，"
		"申请补领。",
	};
	const char *keep = p->font;
	p->font = L->f_value;
	gen_text(p, x + 50, y, 11, GEN_BOLD | GEN_CENTER, "须    知");
	y += 7;
	for (int i = 0; i < 9; i++)
		y += gen_para(p, x, y, 104, 6.5, 0, rules[i]) + 0.8;
	gen_text(p, x + 50, y + 6, 11, GEN_BOLD | GEN_CENTER, "年度检验情况");
	p->font = keep;
	double cw[4] = {26, 26, 26, 26};
	const char *cells[4] = {"", "", "", ""};
	gen_table(p, x, y + 14, 1, 4, cw, 32, 8, NULL, cells);
}

static void
legal(gen_pg *p, gen_lic *L, gen_rng *r)
{
	lic_paper(p, 0.99, 0.97, 0.975);
	const char *keep = p->font;
	p->font = L->f_title;
	gen_text(p, 12, 12, 40, GEN_BOLD, "企业法人营业执照");
	p->font = L->f_label;
	gen_textf(p, 55, 44, 15, GEN_BOLD, "（副  本）%s", gen_rng_chance(r, 0.6) ? "副本1" : "");
	p->font = keep;
	lic_code_line(p, L, 48, 54, 10, 0);
	double y = 66, x = 10, lw = 52, vw = 105, top = y;
	for (size_t i = 0; i < sizeof legal_order / sizeof *legal_order; i++) {
		double h = lic_row(p, L, legal_order[i], x, y, lw, vw);
		if (h > 0)
			y += h + 3.5;
	}
	double by = p->h - 34;
	by += lic_row(p, L, LF_EST, x, by, lw, vw) + 3;
	lic_row(p, L, LF_TERM, x, by, lw, 150);
	lic_block_done(L, x, top, lw + vw, p->h - 10 - top);
	notes_panel(p, L, 172, 28);
	lic_seal(p, 135, p->h - 62, 17, L->name);
	lic_office(p, L, r, 215, p->h - 42, 11);
	gen_textf(p, 205, p->h - 14, 8, 0, "%d年度已年检", L->issued.y + 1);
	barcode(p, r, 12, p->h - 10);
}

static void
shenzhen(gen_pg *p, gen_lic *L, gen_rng *r)
{
	int ind = L->kind == LK_INDIVIDUAL;
	lic_paper(p, 0.99, 0.985, 0.97);
	lic_key_border(p, 14, 40, p->w - 28, p->h - 56, 4.5);
	lic_emblem(p, p->w / 2, 28, 15);
	lic_title(p, L, p->w / 2 - (ind ? 12 : 0), 46, 44,
	          ind ? "个体工商户营业执照" : "企业法人营业执照", 1);
	if (ind) {
		const char *keep = p->font;
		p->font = L->f_label;
		gen_text(p, p->w - 52, 60, 14, GEN_BOLD, "（副本）");
		p->font = keep;
	}
	lic_code_line(p, L, p->w - 110, 74, 10.5, 0);
	double y = 86, x = 30, lw = 62, vw = 170, top = y;
	for (size_t i = 0; i < sizeof sz_order / sizeof *sz_order; i++) {
		double h = lic_row(p, L, sz_order[i], x, y, lw, vw);
		if (h > 0)
			y += h + 4;
	}
	lic_block_done(L, x, top, lw + vw, y - top);
	lic_notice(p, L, 26, p->h - 62, 140, 26);
	lic_office(p, L, r, p->w - 110, p->h - 64, 13);
	barcode(p, r, 22, p->h - 14);
	const char *keep = p->font;
	p->font = L->f_value;
	gen_text(p, p->w - 20, p->h - 12, 6.5, GEN_RIGHT, "中华人民共和国国家工商行政管理总局监制");
	p->font = keep;
}

void
lic_old_landscape(gen_pg *p, gen_lic *L, gen_rng *r)
{
	if (L->layout == LL_OLD_LEGAL)
		legal(p, L, r);
	else
		shenzhen(p, L, r);
}
