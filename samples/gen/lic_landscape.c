/* lic_landscape.c - the landscape licence of 2019 on (two columns, the
 * USCC under its label at the top left, the QR block at the top right)
 * and the electronic licence rendered from the same design (parchment,
 * SCJDGL print, 电子营业执照 written across, a 说明 with the signature). */
#include <stdio.h>
#include <string.h>

#include "licence.h"

/* left and right columns; Shenzhen's e-licence leaves out capital, term
 * and scope */
static const int left[] = {LF_NAME, LF_TYPE, LF_REP, LF_SCOPE};
static const int right[] = {LF_CAPITAL, LF_FORM, LF_EST, LF_TERM, LF_ADDRESS};

/* the faint SCJDGL security print of the new paper and the e-licence */
static void
scjdgl(gen_pg *p, gen_rng *r)
{
	double sr = p->r, sg = p->g, sb = p->b, dy = gen_rng_real(r, 24, 34);
	gen_ink(p, 0.86, 0.84, 0.8);
	for (double y = 40; y < p->h - 20; y += dy)
		for (double x = 25 + (int)(y / dy) % 2 * 30; x < p->w - 30; x += 60)
			gen_text(p, x, y, 13, GEN_QUIET | GEN_BOLD, "SCJDGL");
	gen_ink(p, sr, sg, sb);
}

static void
qr_note(gen_pg *p, gen_lic *L, gen_rng *r)
{
	double x = p->w - 70, y = 38;
	if (L->serial[0] && L->layout == LL_NEW_LANDSCAPE)
		gen_textf(p, x, y - 7, 7, 0, "编号 %s", L->serial);
	gen_qr(p, x, y, 21, gen_rng_u64(r));
	const char *keep = p->font;
	p->font = L->f_value;
	gen_para(p, x + 23, y, 24, 5.5, 0,
	         L->layout == LL_ELICENCE ? "电子营业执照文件仅供信息参考，具体信息请登录公示系统"
	                                    "查验或使用电子营业执照软件扫码查验。"
	                                  : "扫描二维码登录“国家企业信用信息公示系统”了解更多登记、"
	                                    "备案、许可、监管信息。");
	p->font = keep;
}

static void
column(gen_pg *p, gen_lic *L, const int *f, int n, double x, double y, double lw, double vw,
       double pitch, double *bottom)
{
	for (int i = 0; i < n; i++) {
		double h = lic_row(p, L, f[i], x, y, lw, vw);
		if (h > 0)
			y += h + pitch;
	}
	if (y > *bottom)
		*bottom = y;
}

/* 电 子 营 业 执 照 in hollow letters down across the fields */
static void
written_across(gen_pg *p, gen_rng *r)
{
	static const char *const ch[] = {"电", "子", "营", "业", "执", "照"};
	double sr = p->r, sg = p->g, sb = p->b;
	double x0 = gen_rng_real(r, 85, 110), y0 = 62, dx = 21, dy = 20;
	gen_ink(p, 0.35, 0.33, 0.3);
	for (int i = 0; i < 6; i++)
		gen_text(p, x0 + i * dx, y0 + i * dy, 30, GEN_QUIET | GEN_OUTLINE | GEN_THIN, ch[i]);
	gen_ink(p, sr, sg, sb);
}

static void
e_note(gen_pg *p, gen_lic *L, gen_rng *r)
{
	static const char sig[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789+/";
	char s[96];
	for (int i = 0; i < 80; i++)
		s[i] = sig[gen_rng_int(r, 0, (int)sizeof sig - 2)];
	s[80] = '\0';
	gen_date d = gen_date_add_days(L->issued, gen_rng_int(r, 0, 900));
	int hh = gen_rng_int(r, 8, 18), mm = gen_rng_int(r, 0, 59), ss = gen_rng_int(r, 0, 59);
	const char *keep = p->font;
	p->font = L->f_value;
	gen_text(p, 22, p->h - 40, 6, 0, "说明：");
	gen_textf(p, 22, p->h - 36, 6, 0,
	          "1、本营业执照于%04d年%02d月%02d日%02d时%02d分%02d秒由%s(法定代表人)留存(打印)",
	          d.y, d.m, d.d, hh, mm, ss, L->rep);
	gen_textf(p, 22, p->h - 32, 6, 0, "2、数字签名：%s", s);
	p->font = keep;
}

static void
footer(gen_pg *p, const gen_lic *L)
{
	const char *keep = p->font;
	p->font = L->f_value;
	gen_text(p, 18, p->h - 13, 6.5, 0, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn");
	gen_para(p, p->w / 2 - 22, p->h - 15, 70, 6.5, 0,
	         "市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。");
	gen_text(p, p->w - 18, p->h - 13, 7, GEN_RIGHT, "国家市场监督管理总局监制");
	p->font = keep;
}

void
lic_landscape(gen_pg *p, gen_lic *L, gen_rng *r)
{
	int e = L->layout == LL_ELICENCE;
	if (e)
		lic_paper(p, 0.975, 0.945, 0.885);
	else
		lic_paper(p, 0.985, 0.975, 0.95);
	lic_guilloche(p, 14, 28, p->w - 28, p->h - 50, 5.5);
	if (e || gen_rng_chance(r, 0.5))
		scjdgl(p, r);
	lic_emblem(p, p->w / 2, 24, 13);
	lic_code_line(p, L, 28, 50, 10, 1);
	lic_title(p, L, p->w / 2, 44, 48, "营业执照", 1);
	if (!e) {
		const char *keep = p->font;
		p->font = L->f_label;
		gen_textf(p, p->w / 2, 70, 14, GEN_CENTER, "（副  本）%s%s%s", L->copyno[0] ? "(" : "",
		          L->copyno, L->copyno[0] ? ")" : "");
		p->font = keep;
	}
	qr_note(p, L, r);
	double y = 86, bottom = y, pitch = gen_rng_real(r, 2, 4);
	double lx = 26, rx = p->w / 2 + 8, lw = 27, vw = p->w / 2 - 26 - lw - 6;
	column(p, L, left, 4, lx, y, lw, vw, pitch, &bottom);
	column(p, L, right, 5, rx, y, lw, vw + 4, pitch, &bottom);
	lic_block_done(L, lx, y, p->w - 2 * lx, bottom - y);
	if (L->shenzhen)
		lic_notice(p, L, 26, bottom + 4, 130, 24);
	if (e) {
		written_across(p, r);
		e_note(p, L, r);
	}
	lic_office(p, L, r, p->w - 95, p->h - 58, 13);
	footer(p, L);
}
