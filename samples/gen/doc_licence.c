/* doc_licence.c - the business licence (营业执照副本) in two layouts (the
 * 2016 landscape one with two columns, and an older portrait one), or for
 * some full-size cases in one of the licence set's styles and copies; the
 * level-1 qualification certificate and the CISP certificates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "licence.h"

/* "名称" -> "名    称": labels on licences are spread to a fixed width */
static void
spread(const char *label, int spaces, char *out, size_t n)
{
	size_t k = 0;
	for (const char *s = label; *s && k + 8 < n;) {
		int len = (*s & 0x80) ? ((*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : 4) : 1;
		memcpy(out + k, s, (size_t)len);
		k += (size_t)len;
		s += len;
		for (int i = 0; *s && i < spaces && k + 2 < n; i++)
			out[k++] = ' ';
	}
	out[k] = '\0';
}

static void
field_row(gen_pg *p, double x, double y, double labelw, double pt, const char *label,
          const char *value, double valuew)
{
	char l[96], line[700];
	spread(label, strlen(label) <= 6 ? 4 : 0, l, sizeof l);
	gen_text(p, x, y, pt, GEN_QUIET | GEN_SERIF, l);
	gen_para(p, x + labelw, y, valuew, pt, GEN_QUIET, value);
	snprintf(line, sizeof line, "%s %s", l, value);
	gen_record(p, line);
}

/* registered capital as licences print it, and the date established */
static void
licence_values(const gen_case *c, char *cap, size_t ncap, char *est, size_t nest)
{
	char capcn[96];
	gen_money_capital(c->capital, capcn, sizeof capcn);
	snprintf(cap, ncap, "人民币%s", capcn);
	gen_date_cn(c->established, est, nest);
}

static void
licence_landscape(gen_pg *p, const gen_case *c, gen_rng *r)
{
	char cap[128], est[32];
	licence_values(c, cap, sizeof cap, est, sizeof est);
	gen_ink(p, 0.55, 0.1, 0.1);
	gen_box(p, 8, 8, p->w - 16, p->h - 16, 1.6);
	gen_box(p, 11, 11, p->w - 22, p->h - 22, 0.4);
	gen_ink(p, 0, 0, 0);
	gen_textf(p, 22, 22, 10, 0, "统一社会信用代码");
	gen_textf(p, 22, 28, 11, 0, "%s", c->uscc);
	gen_text(p, p->w / 2, 34, 40, GEN_CENTER | GEN_BOLD | GEN_SERIF, "营 业 执 照");
	gen_text(p, p->w / 2, 56, 14, GEN_CENTER, "（副        本）");
	gen_textf(p, p->w - 60, 22, 9, 0, "编号 %s%06d", c->uscc + 2, gen_rng_int(r, 0, 999999));
	gen_qr(p, p->w - 52, 32, 26, gen_rng_u64(r));
	double y = 78, lx = 30, rx = p->w / 2 + 12, pt = 11.5, lw = 28, vw = p->w / 2 - 48;
	field_row(p, lx, y, lw, pt, "名称", c->name, vw);
	field_row(p, rx, y, lw, pt, "注册资本", cap, vw);
	field_row(p, lx, y += 13, lw, pt, "类型", c->type, vw);
	field_row(p, rx, y, lw, pt, "成立日期", est, vw);
	field_row(p, lx, y += 13, lw, pt, "法定代表人", c->legal_rep, vw);
	field_row(p, rx, y, lw, pt, "营业期限", c->term, vw);
	field_row(p, lx, y += 13, lw, pt, "经营范围", c->scope, vw);
	field_row(p, rx, y, lw, pt, "住所", c->address, vw);
	char when[32], office[96];
	gen_date_cn(gen_date_add_days(c->established, gen_rng_int(r, 400, 1500)), when, sizeof when);
	snprintf(office, sizeof office, "%s市市场监督管理局", c->city);
	gen_text(p, p->w - 70, p->h - 48, 12, GEN_SERIF, "登 记 机 关");
	gen_text(p, p->w - 64, p->h - 34, 12, 0, when);
	gen_seal(p, p->w - 52, p->h - 42, 19, office, "");
	gen_text(p, p->w / 2, p->h - 20, 7.5, GEN_CENTER,
	         "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn");
}

static void
licence_portrait(gen_pg *p, const gen_case *c, gen_rng *r)
{
	char cap[128], est[32];
	licence_values(c, cap, sizeof cap, est, sizeof est);
	gen_ink(p, 0.2, 0.2, 0.45);
	gen_box(p, 10, 10, p->w - 20, p->h - 20, 1.2);
	gen_ink(p, 0, 0, 0);
	gen_text(p, p->w / 2, 30, 34, GEN_CENTER | GEN_BOLD | GEN_SERIF, "营业执照");
	gen_text(p, p->w / 2, 50, 13, GEN_CENTER, "（副本）");
	gen_textf(p, 24, 64, 10.5, 0, "统一社会信用代码  %s", c->uscc);
	gen_qr(p, p->w - 50, 58, 24, gen_rng_u64(r));
	double y = 92, x = 28, pt = 11, lw = 30, vw = p->w - 2 * x - lw;
	field_row(p, x, y, lw, pt, "名称", c->name, vw);
	field_row(p, x, y += 12, lw, pt, "类型", c->type, vw);
	field_row(p, x, y += 12, lw, pt, "住所", c->address, vw);
	field_row(p, x, y += 12, lw, pt, "法定代表人", c->legal_rep, vw);
	field_row(p, x, y += 12, lw, pt, "注册资本", cap, vw);
	field_row(p, x, y += 12, lw, pt, "成立日期", est, vw);
	field_row(p, x, y += 12, lw, pt, "营业期限", c->term, vw);
	field_row(p, x, y += 12, lw, pt, "经营范围", c->scope, vw);
	char when[32], office[96];
	gen_date_cn(gen_date_add_days(c->established, gen_rng_int(r, 100, 900)), when, sizeof when);
	snprintf(office, sizeof office, "%s市市场监督管理局", c->city);
	gen_text(p, p->w - 80, p->h - 60, 12, 0, "登记机关");
	gen_text(p, p->w - 80, p->h - 46, 12, 0, when);
	gen_seal(p, p->w - 62, p->h - 52, 20, office, "");
}

/* A third of the full-size cases get their licence in one of the licence
 * set's styles and copies (photos, photocopies, e-licences, light
 * watermarks), from a stream of their own: the rest of the case, and the
 * committed --small corpus, come out as before. Only styles that print a
 * USCC and a 注册资本, and no redaction, so the case's truth holds; the
 * poor scan and the branch keep the two layouts. */
static int
styled_licence(gen_out *o, const gen_case *c, const char *rel, enum gen_form f)
{
	if (o->small || c->low_quality || strstr(c->type, "分公司"))
		return 0;
	uint64_t h = 1469598103934665603ull; /* FNV-1a of the case's id */
	for (const char *s = c->id; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	gen_rng r;
	gen_rng_seed(&r, c->seed ^ h);
	if (!gen_rng_chance(&r, 0.35))
		return 0;
	gen_lic L;
	gen_lic_copy cp;
	gen_lic_from_case(&L, c, &r);
	gen_lic_copy_plan(&cp, &L, &r, 1);
	gen_pagerec page = {NULL, cp.dpi, cp.rotate, cp.skew, 0};
	PIX *pix = gen_lic_copy_make(&L, &cp, &r, &page.text);
	int made = pix != NULL;
	if (made) {
		/* a scanned PDF sizes its page by the resolution */
		pixSetResolution(pix, cp.dpi, cp.dpi);
		gen_doc_write_copy(o, rel, "business-licence", f, pix, cp.quality ? cp.quality : 80,
		                   &page);
	}
	pixDestroy(&pix);
	free(page.text);
	return made;
}

void
gen_write_licence(gen_out *o, const gen_case *c, const char *rel, enum gen_form f)
{
	if (styled_licence(o, c, rel, f))
		return;
	gen_doc d;
	int land = gen_rng_chance(o->r, 0.6);
	gen_doc_begin(&d, o, rel, "business-licence", f, land ? 297 : 210, land ? 210 : 297,
	              c->fonts[0], c->fonts[1], 0);
	d.poor = c->low_quality;
	gen_pg *p = gen_doc_page(&d);
	if (land)
		licence_landscape(p, c, o->r);
	else
		licence_portrait(p, c, o->r);
	gen_doc_page_done(&d, &p);
	gen_doc_end(&d);
}

void
gen_write_level1(gen_out *o, const gen_case *c, const char *rel, enum gen_form f)
{
	gen_doc d;
	gen_doc_begin(&d, o, rel, "level1-certificate", f, 297, 210, c->fonts[1], c->fonts[0], 0);
	gen_pg *p = gen_doc_page(&d);
	char from[32], until[32];
	gen_date_cn(c->l1_from, from, sizeof from);
	gen_date_cn(c->l1_until, until, sizeof until);
	gen_ink(p, 0.6, 0.45, 0.1);
	gen_box(p, 10, 10, p->w - 20, p->h - 20, 2.5);
	gen_box(p, 15, 15, p->w - 30, p->h - 30, 0.6);
	gen_ink(p, 0, 0, 0);
	gen_text(p, p->w / 2, 32, 30, GEN_CENTER | GEN_BOLD, "信息安全服务资质证书");
	gen_text(p, p->w / 2, 52, 13, GEN_CENTER, "Certificate of Information Security Service");
	double x = 45, y = 78, pt = 13;
	gen_textf(p, x, y, pt, 0, "证书编号：%s", c->l1_number);
	gen_textf(p, x, y += 14, pt, 0, "单位名称：%s", c->l1_holder);
	gen_textf(p, x, y += 14, pt, 0, "服务类别：安全运营类");
	gen_textf(p, x, y += 14, pt, 0, "资质级别：一级");
	gen_textf(p, x, y += 14, pt, 0, "有效期：自%s至%s", from, until);
	gen_para(p, x, y += 18, p->w - 2 * x, 10.5, 0,
	         "经审核，该单位符合《信息安全服务资质评估准则》安全运营类一级资质要求，特发此证。"
	         "本证书须每年进行年度确认，逾期未确认的自动失效。");
	gen_text(p, p->w - 95, p->h - 42, 13, 0, "中国信息安全测评中心");
	gen_text(p, p->w - 88, p->h - 30, 12, 0, from);
	gen_seal(p, p->w - 70, p->h - 36, 20, "中国信息安全测评中心", "");
	gen_doc_page_done(&d, &p);
	gen_doc_end(&d);
}

/* one CISP certificate page (A5 landscape card) */
static void
cisp_page(gen_pg *p, const gen_case *c, const gen_person *s)
{
	char until[32];
	gen_date_cn(s->cisp_until, until, sizeof until);
	gen_ink(p, 0.1, 0.25, 0.5);
	gen_box(p, 6, 6, p->w - 12, p->h - 12, 1.5);
	gen_ink(p, 0, 0, 0);
	gen_text(p, p->w / 2, 16, 18, GEN_CENTER | GEN_BOLD, "注册信息安全专业人员");
	gen_text(p, p->w / 2, 28, 12, GEN_CENTER, "Certified Information Security Professional (CISP)");
	gen_fill(p, 18, 46, 30, 40, 0.82);
	double x = 60, y = 48, pt = 11.5;
	gen_textf(p, x, y, pt, 0, "姓    名：%s", s->name);
	gen_textf(p, x, y += 11, pt, 0, "证书编号：%s", s->cisp);
	gen_textf(p, x, y += 11, pt, 0, "证书类别：注册信息安全工程师");
	gen_textf(p, x, y += 11, pt, 0, "有效期至：%s", until);
	gen_text(p, p->w - 68, p->h - 26, 11, 0, "中国信息安全测评中心");
	gen_seal(p, p->w - 48, p->h - 26, 14, "中国信息安全测评中心", "");
	(void)c;
}

/* CISP certificates: one image per holder, or all in one multi-page file */
void
gen_write_cisp(gen_out *o, const gen_case *c, const char *dir, int one_file, enum gen_form f)
{
	gen_doc d;
	char rel[320];
	const char *ext = f == F_PNG ? "png" : f == F_TIFF ? "tif" : f == F_JPEG ? "jpg" : "pdf";
	if (one_file) {
		snprintf(rel, sizeof rel, "%s/CISP证书.%s", dir, ext);
		gen_doc_begin(&d, o, rel, "cisp-certificate", f, 210, 148, c->fonts[2], c->fonts[0], 0);
	}
	for (int i = 0; i < c->nstaff; i++) {
		const gen_person *s = &c->staff[i];
		if (!s->has_cisp)
			continue;
		if (!one_file) {
			snprintf(rel, sizeof rel, "%s/%s-CISP.%s", dir, s->name, ext);
			gen_doc_begin(&d, o, rel, "cisp-certificate", f, 210, 148, c->fonts[2],
			              c->fonts[0], 0);
		}
		gen_pg *p = gen_doc_page(&d);
		cisp_page(p, c, s);
		gen_doc_page_done(&d, &p);
		if (!one_file)
			gen_doc_end(&d);
	}
	if (one_file)
		gen_doc_end(&d);
}
