/* doc_office.c - the Word application form and the Excel lists (staff
 * roster, project list), as clerks receive them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"

static void
capital_text(gen_rng *r, long long yuan, char *out, size_t n)
{
	switch (gen_rng_int(r, 0, 3)) {
	case 0: snprintf(out, n, "%lld万元", yuan / 10000); break;
	case 1: snprintf(out, n, "人民币%lld万元", yuan / 10000); break;
	case 2: gen_money_grouped(yuan * 100, 0, out, n), strncat(out, "元", n - strlen(out) - 1); break;
	default: snprintf(out, n, "%lld.00万元", yuan / 10000);
	}
}

void
gen_write_form(gen_out *o, const gen_case *c, const char *rel)
{
	char cap[64], est[32], app[32], cisp[16], phone[32];
	capital_text(o->r, c->form_capital, cap, sizeof cap);
	if (gen_rng_chance(o->r, 0.5))
		gen_date_cn(c->established, est, sizeof est);
	else
		gen_date_iso(c->established, est);
	gen_date_cn(c->applied, app, sizeof app);
	snprintf(cisp, sizeof cisp, "%d人", c->declared_cisp);
	snprintf(phone, sizeof phone, "1%02d%08d", gen_rng_int(o->r, 30, 89),
	         gen_rng_int(o->r, 0, 99999999));
	const char *rows[][2] = {
		{"申请单位名称", c->form_name}, {"统一社会信用代码", c->uscc},
		{"法定代表人", c->legal_rep},     {"注册资本", cap},
		{"成立日期", est},                {"注册地址", c->address},
		{"申请服务类别", "安全运营类"},   {"申请级别", "二级"},
		{"联系人", c->staff[1].name},     {"联系电话", phone},
		{"注册信息安全专业人员（CISP）人数", cisp}, {"申请日期", app},
	};
	enum { N = sizeof rows / sizeof rows[0] };
	const char *cells[N * 2];
	zz_buf text = {0};
	zz_buf_adds(&text, "信息安全服务资质申请书\n（安全运营类二级）\n一、申请单位基本情况\n");
	for (int i = 0; i < N; i++) {
		cells[2 * i] = rows[i][0];
		cells[2 * i + 1] = rows[i][1];
		zz_buf_addf(&text, "%s %s\n", rows[i][0], rows[i][1]);
	}
	gen_docx *x = gen_docx_new();
	gen_docx_heading(x, "信息安全服务资质申请书", 0);
	gen_docx_para(x, "（安全运营类二级）");
	gen_docx_heading(x, "一、申请单位基本情况", 1);
	gen_docx_table(x, N, 2, cells, 0);
	gen_docx_heading(x, "二、申请单位声明", 1);
	const char *decl = "本单位承诺所填写的内容及提交的材料真实、有效，如有虚假，愿承担相应责任。";
	gen_docx_para(x, decl);
	zz_buf_addf(&text, "二、申请单位声明\n%s\n", decl);
	char *path = gen_out_path(o, rel, 0);
	if (gen_docx_save(x, path, gen_rng_chance(o->r, 0.5) ? "宋体" : "仿宋") < 0)
		zz_warn("cannot write '%s'", path);
	free(path);
	gen_docx_free(&x);
	gen_doc_office(o, rel, "application-form", "docx", text.s, 0);
	zz_buf_free(&text);
}

/* writes the workbook, records it with its text, frees both */
static void
save_xlsx(gen_out *o, gen_xlsx **x, const char *rel, const char *type, zz_buf *text)
{
	char *path = gen_out_path(o, rel, 0);
	if (gen_xlsx_save(*x, path) < 0)
		zz_warn("cannot write '%s'", path);
	free(path);
	gen_xlsx_free(x);
	gen_doc_office(o, rel, type, "xlsx", text->s, 0);
	zz_buf_free(text);
}

static gen_xcell
str(const char *s)
{
	return (gen_xcell){GEN_X_STRING, s, 0};
}

static gen_xcell
date(gen_date d)
{
	return (gen_xcell){GEN_X_DATE, NULL, gen_excel_serial(d.y, d.m, d.d)};
}

void
gen_write_roster(gen_out *o, const gen_case *c, const char *rel)
{
	gen_xlsx *x = gen_xlsx_new();
	zz_buf text = {0};
	gen_xlsx_sheet(x, "全职人员");
	gen_xcell head[] = {str("序号"), str("姓名"), str("身份证号"), str("岗位"),
	                    str("CISP证书编号"), str("是否全职"), str("社保缴纳单位")};
	gen_xlsx_row(x, 7, head);
	zz_buf_adds(&text, "序号 姓名 身份证号 岗位 CISP证书编号 是否全职 社保缴纳单位\n");
	for (int i = 0; i < c->nstaff; i++) {
		const gen_person *p = &c->staff[i];
		gen_xcell row[] = {{GEN_X_NUMBER, NULL, i + 1}, str(p->name), str(p->idno),
		                   str(p->position), p->has_cisp ? str(p->cisp) : (gen_xcell){GEN_X_EMPTY, NULL, 0},
		                   str(p->fulltime ? "是" : "否"),
		                   str(p->fulltime ? c->name : "外部单位")};
		gen_xlsx_row(x, 7, row);
		zz_buf_addf(&text, "%d %s %s %s %s %s %s\n", i + 1, p->name, p->idno, p->position,
		            p->has_cisp ? p->cisp : "", p->fulltime ? "是" : "否",
		            p->fulltime ? c->name : "外部单位");
	}
	save_xlsx(o, &x, rel, "staff-roster", &text);
}

void
gen_write_projects(gen_out *o, const gen_case *c, const char *rel)
{
	gen_xlsx *x = gen_xlsx_new();
	zz_buf text = {0};
	int wan = gen_rng_chance(o->r, 0.5);
	gen_xlsx_sheet(x, "项目业绩");
	gen_xcell head[] = {str("序号"), str("项目名称"), str("客户名称"),
	                    str(wan ? "合同金额（万元）" : "合同金额（元）"), str("签订日期"),
	                    str("完成日期"), str("服务类型")};
	gen_xlsx_row(x, 7, head);
	zz_buf_addf(&text, "序号 项目名称 客户名称 %s 签订日期 完成日期 服务类型\n",
	            wan ? "合同金额（万元）" : "合同金额（元）");
	for (int i = 0; i < c->nprojects; i++) {
		const gen_project *p = &c->projects[i];
		double amount = wan ? p->amount / 10000.0 : (double)p->amount;
		gen_xcell row[] = {{GEN_X_NUMBER, NULL, i + 1}, str(p->name), str(p->client),
		                   {GEN_X_NUMBER, NULL, amount}, date(p->signed_on), date(p->completed),
		                   str(p->type)};
		gen_xlsx_row(x, 7, row);
		char s[11], e[11];
		gen_date_iso(p->signed_on, s);
		gen_date_iso(p->completed, e);
		zz_buf_addf(&text, "%d %s %s %.15g %s %s %s\n", i + 1, p->name, p->client, amount, s, e,
		            p->type);
	}
	save_xlsx(o, &x, rel, "project-list", &text);
}
