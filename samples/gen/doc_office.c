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
	if (c->style.form_wan)
		snprintf(cap, sizeof cap, c->form_capital % 10000 ? "%.2f" : "%.0f",
		         c->form_capital / 10000.0);
	const char *rows[][2] = {
		{"申请单位名称", c->form_name}, {"统一社会信用代码", c->uscc},
		{"法定代表人", c->legal_rep},
		{c->style.form_wan ? "注册资本（万元）" : "注册资本", cap},
		{"成立日期", est},                {"注册地址", c->address},
		{"申请服务类别", "安全运营类"},   {"申请级别", "二级"},
		{"联系人", c->staff[1].name},     {"联系电话", phone},
		{"注册信息安全专业人员（CISP）人数", cisp}, {"申请日期", app},
	};
	enum { N = sizeof rows / sizeof rows[0] };
	const char *cells[N * 2];
	int n = 0, declares = c->style.form_declares;
	zz_buf text = {0};
	if (declares == 1)
		zz_buf_adds(&text, "信息安全服务资质申请书（安全运营类二级）\n一、申请单位基本情况\n");
	else if (declares == 3)
		zz_buf_adds(&text, "信息安全服务资质申请书\n一、申请单位基本情况\n");
	else
		zz_buf_adds(&text, "信息安全服务资质申请书\n（安全运营类二级）\n一、申请单位基本情况\n");
	for (int i = 0; i < N; i++) {
		/* the title, or one row, says what is applied for */
		int declared = strstr(rows[i][0], "申请") && strstr(rows[i][0], "别");
		if (declared && declares && (declares != 3 || strcmp(rows[i][0], "申请服务类别")))
			continue;
		cells[2 * n] = declared && declares == 3 ? "申请类别" : rows[i][0];
		cells[2 * n + 1] = declared && declares == 3 ? "安全运营类 二级" : rows[i][1];
		zz_buf_addf(&text, "%s %s\n", cells[2 * n], cells[2 * n + 1]);
		n++;
	}
	gen_docx *x = gen_docx_new();
	if (declares == 1) {
		gen_docx_heading(x, "信息安全服务资质申请书（安全运营类二级）", 0);
	} else {
		gen_docx_heading(x, "信息安全服务资质申请书", 0);
		if (declares != 3)
			gen_docx_para(x, "（安全运营类二级）");
	}
	gen_docx_heading(x, "一、申请单位基本情况", 1);
	gen_docx_table(x, n, 2, cells, 0);
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

/* a date as the office writes it in a list (style.list_dates) */
static gen_xcell
list_date(gen_date d, int how, char *buf, size_t n)
{
	switch (how) {
	case 1: snprintf(buf, n, "%d年%d月%d日", d.y, d.m, d.d); break;
	case 2: snprintf(buf, n, "%d.%02d.%02d", d.y, d.m, d.d); break;
	case 3: snprintf(buf, n, "%d/%d/%d", d.y, d.m, d.d); break;
	case 4: return (gen_xcell){GEN_X_NUMBER, NULL, gen_excel_serial(d.y, d.m, d.d)};
	default: return date(d);
	}
	return str(buf);
}

/* A merged title row across ncols, and the unit line under it when the
 * header does not say the unit. */
static int
list_title(gen_xlsx *x, int row, int ncols, const char *title, const char *unit, zz_buf *text)
{
	gen_xcell cells[16] = {str(title)};
	for (int i = 1; i < ncols; i++)
		cells[i] = (gen_xcell){GEN_X_EMPTY, NULL, 0};
	gen_xlsx_row(x, ncols, cells);
	gen_xlsx_merge(x, row++, 0, ncols - 1);
	zz_buf_addf(text, "%s\n", title);
	if (unit) {
		cells[0] = (gen_xcell){GEN_X_EMPTY, NULL, 0};
		cells[ncols - 1] = str(unit);
		gen_xlsx_row(x, ncols, cells);
		zz_buf_addf(text, "%s\n", unit);
		row++;
	}
	return row;
}

/* the roster's headers in the office's wording (style.roster_heads) */
static const char *const roster_heads[3][8] = {
	{"序号", "姓名", "身份证号", "岗位", "CISP证书编号", "是否全职", "社保缴纳单位", "入职日期"},
	{"序号", "姓名", "身份证号码", "职务", "证书编号", "用工性质", "社保缴纳单位", "入职时间"},
	{"序号", "员工姓名", "身份证号", "所在部门及岗位", "CISP证书号", "人员性质", "社保缴纳情况", "入职日期"},
};

void
gen_write_roster(gen_out *o, const gen_case *c, const char *rel)
{
	static const char *const flags[3][2] = {{"否", "是"}, {"兼职", "全职"}, {"兼职", "专职"}};
	const gen_style *st = &c->style;
	const char *const *h = roster_heads[st->roster_heads];
	gen_xlsx *x = gen_xlsx_new();
	zz_buf text = {0};
	gen_xlsx_sheet(x, "全职人员");
	if (st->roster_title) {
		char title[256];
		snprintf(title, sizeof title, "%s安全运营服务人员及社保缴纳情况表", c->name);
		list_title(x, 0, 8, title, NULL, &text);
	}
	gen_xcell head[8];
	for (int i = 0; i < 8; i++)
		head[i] = str(h[i]);
	gen_xlsx_row(x, 8, head);
	zz_buf_addf(&text, "%s %s %s %s %s %s %s %s\n", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]);
	for (int i = 0; i < c->nstaff; i++) {
		const gen_person *p = &c->staff[i];
		const char *flag = flags[st->roster_flag][p->fulltime != 0];
		/* joined some months to years before the application, as an
		 * Excel date (no draw: the case's stream stays as it was) */
		gen_date joined = gen_date_add_days(c->applied, -(120 + (i * 397 + 53) % 1900));
		char j[11];
		gen_date_iso(joined, j);
		gen_xcell row[] = {{GEN_X_NUMBER, NULL, i + 1}, str(p->name), str(p->idno),
		                   str(p->position), p->has_cisp ? str(p->cisp) : (gen_xcell){GEN_X_EMPTY, NULL, 0},
		                   str(flag), str(p->fulltime ? c->name : "外部单位"), date(joined)};
		gen_xlsx_row(x, 8, row);
		zz_buf_addf(&text, "%d %s %s %s %s %s %s %s\n", i + 1, p->name, p->idno, p->position,
		            p->has_cisp ? p->cisp : "", flag, p->fulltime ? c->name : "外部单位", j);
	}
	save_xlsx(o, &x, rel, "staff-roster", &text);
}

/* the project list's headers in the office's wording (style.list_heads) */
static const char *const project_heads[3][6] = {
	{"项目名称", "客户名称", "合同金额", "签订日期", "完成日期", "服务类型"},
	{"合同名称", "委托单位", "合同额", "签约日期", "验收日期", "服务类别"},
	{"项目名称（合同名称）", "甲方单位", "合同价款", "合同签订时间", "项目完成时间", "业务类型"},
};

/* One sheet of the list: title, header, the projects whose completion
 * year is year (0: all), a total row; returns the projects written. */
static int
project_sheet(gen_xlsx *x, const gen_case *c, int year, int *seq, zz_buf *text)
{
	const gen_style *st = &c->style;
	static const char *const units[] = {"元", "万元", "千元"};
	static const double per[] = {1, 10000, 1000};
	const char *const *h = project_heads[st->list_heads];
	int ncols = st->list_notype ? 6 : 7, row = 0, n = 0;
	char amount_head[64], unit_line[32], title[256];
	snprintf(amount_head, sizeof amount_head, "%s（%s）", h[2], units[st->list_unit]);
	snprintf(unit_line, sizeof unit_line, "金额单位：%s", units[st->list_unit]);
	if (st->list_title || st->list_notype || st->unit_above) {
		snprintf(title, sizeof title, "%s近三年安全运营%s", c->name,
		         st->list_notype ? "服务项目业绩一览表" : "项目业绩清单");
		row = list_title(x, row, ncols, title, st->unit_above ? unit_line : NULL, text);
	}
	gen_xcell head[] = {str("序号"), str(h[0]), str(h[1]),
	                    str(st->unit_above ? h[2] : amount_head), str(h[3]), str(h[4]),
	                    str(h[5])};
	gen_xlsx_row(x, ncols, head);
	row++;
	for (int i = 0; i < ncols; i++)
		zz_buf_addf(text, "%s%s", i ? " " : "", head[i].s);
	zz_buf_adds(text, "\n");
	double sum = 0;
	for (int i = 0; i < c->nprojects; i++) {
		const gen_project *p = &c->projects[i];
		if (year && p->completed.y != year)
			continue;
		double amount = (double)p->amount / per[st->list_unit];
		char sd[32], cd[32];
		gen_xcell r[] = {{GEN_X_NUMBER, NULL, ++*seq}, str(p->name), str(p->client),
		                 {GEN_X_NUMBER, NULL, amount},
		                 list_date(p->signed_on, st->list_dates, sd, sizeof sd),
		                 list_date(p->completed, st->list_dates, cd, sizeof cd), str(p->type)};
		gen_xlsx_row(x, ncols, r);
		row++, n++;
		sum += amount;
		char s[11], e[11];
		gen_date_iso(p->signed_on, s);
		gen_date_iso(p->completed, e);
		zz_buf_addf(text, "%d %s %s %.15g %s %s%s%s\n", *seq, p->name, p->client, amount, s, e,
		            st->list_notype ? "" : " ", st->list_notype ? "" : p->type);
	}
	if (st->list_total && n) {
		gen_xcell r[7] = {str("合计")};
		for (int i = 1; i < ncols; i++)
			r[i] = (gen_xcell){GEN_X_EMPTY, NULL, 0};
		r[3] = (gen_xcell){GEN_X_NUMBER, NULL, sum};
		gen_xlsx_row(x, ncols, r);
		gen_xlsx_merge(x, row, 0, 2);
		zz_buf_addf(text, "合计 %.15g\n", sum);
	}
	return n;
}


/* ---- the project list as a Word table or a scanned print-out ---- */

enum { LIST_MAXROWS = GEN_MAX_PROJECTS + 2, LIST_COLS = 7 };

/* yuan as printed in the list's unit (0 元, 1 万元, 2 千元), to the fen of
 * that unit: amounts are whole hundreds of yuan, so nothing is lost */
static void
list_money(long long yuan, int unit, char out[160])
{
	gen_money_grouped(unit == 2 ? yuan / 10 : yuan * 100, unit == 1, out, 160);
}

/* The list as strings, header first and a 合计 row last when the office
 * writes one; the title and the unit line, when there are, in title and
 * unit. Returns the rows; *ncols the columns. */
static int
project_strings(const gen_case *c, char cells[][LIST_COLS][160], int *ncols, char *title,
                size_t tn, char *unit, size_t un)
{
	const gen_style *st = &c->style;
	static const char *const units[] = {"元", "万元", "千元"};
	const char *const *h = project_heads[st->list_heads];
	int n = 0;
	*ncols = st->list_notype ? 6 : 7;
	snprintf(title, tn, "%s近三年安全运营%s", c->name,
	         st->list_notype ? "服务项目业绩一览表" : "项目业绩清单");
	snprintf(unit, un, st->unit_above ? "金额单位：%s" : "", units[st->list_unit]);
	snprintf(cells[n][0], 160, "序号");
	for (int k = 0; k < 6; k++)
		snprintf(cells[n][k + 1], 160, "%s", h[k]);
	if (!st->unit_above)
		snprintf(cells[n][3], 160, "%s（%s）", h[2], units[st->list_unit]);
	n++;
	long long sum = 0;
	for (int i = 0; i < c->nprojects; i++, n++) {
		const gen_project *p = &c->projects[i];
		char (*r)[160] = cells[n];
		snprintf(r[0], 160, "%d", i + 1);
		snprintf(r[1], 160, "%s", p->name);
		snprintf(r[2], 160, "%s", p->client);
		list_money(p->amount, st->list_unit, r[3]);
		const gen_date d[2] = {p->signed_on, p->completed};
		for (int k = 0; k < 2; k++) {
			int how = st->list_dates == 0 || st->list_dates == 4 ? 2 : st->list_dates;
			list_date(d[k], how, r[4 + k], 160);
		}
		snprintf(r[6], 160, "%s", p->type);
		sum += p->amount;
	}
	if (st->list_total) {
		for (int k = 0; k < LIST_COLS; k++)
			cells[n][k][0] = '\0';
		snprintf(cells[n][0], 160, "合计");
		list_money(sum, st->list_unit, cells[n][3]);
		n++;
	}
	return n;
}

static void
projects_text(zz_buf *text, char cells[][LIST_COLS][160], int rows, int ncols, const char *title,
              const char *unit)
{
	zz_buf_addf(text, "%s\n", title);
	if (*unit)
		zz_buf_addf(text, "%s\n", unit);
	for (int r = 0; r < rows; r++) {
		for (int k = 0; k < ncols; k++)
			zz_buf_addf(text, "%s%s", k ? " " : "", cells[r][k]);
		zz_buf_adds(text, "\n");
	}
}

/* the list as strings and as the row-major table the writers take */
typedef struct plist {
	char cells[LIST_MAXROWS][LIST_COLS][160];
	const char *flat[LIST_MAXROWS * LIST_COLS];
	char title[256], unit[64];
	int rows, ncols;
} plist;

static void
plist_make(const gen_case *c, plist *l)
{
	l->rows = project_strings(c, l->cells, &l->ncols, l->title, sizeof l->title, l->unit,
	                          sizeof l->unit);
	for (int r = 0; r < l->rows; r++)
		for (int k = 0; k < l->ncols; k++)
			l->flat[r * l->ncols + k] = l->cells[r][k];
}

/* a Word file: the title, the unit line, the table */
static void
projects_docx(gen_out *o, const gen_case *c, const char *rel)
{
	static plist l;
	plist_make(c, &l);
	gen_docx *x = gen_docx_new();
	gen_docx_heading(x, l.title, 0);
	if (*l.unit)
		gen_docx_para(x, l.unit);
	gen_docx_table(x, l.rows, l.ncols, l.flat, 1);
	char *path = gen_out_path(o, rel, 0);
	if (gen_docx_save(x, path, "宋体") < 0)
		zz_warn("cannot write '%s'", path);
	free(path);
	gen_docx_free(&x);
	zz_buf text = {0};
	projects_text(&text, l.cells, l.rows, l.ncols, l.title, l.unit);
	gen_doc_office(o, rel, "project-list", "docx", text.s, 0);
	zz_buf_free(&text);
}

/* the list printed landscape, stamped and scanned */
static void
projects_scan(gen_out *o, const gen_case *c, const char *rel)
{
	static plist l;
	plist_make(c, &l);
	static const double w[LIST_COLS] = {12, 92, 58, 30, 27, 27, 26};
	static const int align[LIST_COLS] = {1, 0, 0, 2, 1, 1, 1};
	gen_doc d;
	gen_doc_begin(&d, o, rel, "project-list", F_SCANPDF, 297, 210, c->fonts[0], c->fonts[1], 0);
	gen_pg *p = gen_doc_page(&d);
	gen_text(p, p->w / 2, 20, 15, GEN_CENTER | GEN_BOLD, l.title);
	if (*l.unit)
		gen_text(p, p->w - 15, 31, 10, GEN_RIGHT, l.unit);
	gen_table(p, 10, 36, l.rows, l.ncols, w, 9, 8.5, align, l.flat);
	gen_seal(p, p->w - 60, 36 + l.rows * 9 + 14, 19, c->name, "");
	gen_doc_page_done(&d, &p);
	gen_doc_end(&d);
}

void
gen_write_projects(gen_out *o, const gen_case *c, const char *rel)
{
	const gen_style *st = &c->style;
	if (st->list_form)
		return (st->list_form == 1 ? projects_docx : projects_scan)(o, c, rel);
	gen_xlsx *x = gen_xlsx_new();
	zz_buf text = {0};
	int seq = 0;
	if (st->list_sheets == 2) {
		gen_xlsx_sheet(x, "填表说明");
		gen_xcell note[] = {str("填表说明：请按完成时间先后填写近三年完成的安全运营项目，并附合同关键页。")};
		gen_xlsx_row(x, 1, note);
		zz_buf_adds(&text, "填表说明：请按完成时间先后填写近三年完成的安全运营项目，并附合同关键页。\n");
	}
	if (st->list_sheets == 1) {
		/* one sheet per completion year, latest first */
		for (int y = c->applied.y; y > c->applied.y - 6; y--) {
			int any = 0;
			for (int i = 0; i < c->nprojects; i++)
				any |= c->projects[i].completed.y == y;
			if (!any)
				continue;
			char name[16];
			snprintf(name, sizeof name, "%d年", y);
			gen_xlsx_sheet(x, name);
			project_sheet(x, c, y, &seq, &text);
		}
	} else {
		gen_xlsx_sheet(x, "项目业绩");
		project_sheet(x, c, 0, &seq, &text);
	}
	save_xlsx(o, &x, rel, "project-list", &text);
}
