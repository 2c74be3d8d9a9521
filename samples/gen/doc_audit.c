/* doc_audit.c - an audit report: a filing cover (sometimes), the opinion,
 * the balance sheet (two-sided, this year and last, in 元 or 万元) and the
 * income statement. */
#include <stdio.h>
#include <string.h>

#include "docs.h"

/* Whole yuan: in 万元 the facts are already rounded to 100 yuan (facts.c),
 * so what is printed is exactly what the truth says. */
static void
money(long long yuan, int wan, char *out, size_t n)
{
	gen_money_grouped(yuan * 100, wan, out, n);
}

static void
cover(gen_pg *p, const gen_case *c, const gen_audit *a, const char *date)
{
	gen_text(p, p->w / 2, 40, 18, GEN_CENTER | GEN_BOLD, "审计报告备案信息");
	double x = 30, y = 70, pt = 12;
	gen_textf(p, x, y, pt, 0, "报告文号：%s", a->number);
	gen_textf(p, x, y += 12, pt, 0, "被审计单位名称：%s", a->name_on_report);
	gen_textf(p, x, y += 12, pt, 0, "审计期间：%d年1月1日至%d年12月31日", a->year, a->year);
	gen_textf(p, x, y += 12, pt, 0, "报告意见类型：%s", a->opinion);
	gen_textf(p, x, y += 12, pt, 0, "会计师事务所：%s", a->auditor);
	gen_textf(p, x, y += 12, pt, 0, "报告日期：%s", date);
	(void)c;
}

static void
opinion(gen_pg *p, const gen_case *c, const gen_audit *a, const char *date, gen_rng *r)
{
	int clean = strcmp(a->opinion, "标准无保留意见") == 0;
	double x = 25, w = p->w - 50, y = 28, pt = 11;
	gen_text(p, p->w / 2, y, 20, GEN_CENTER | GEN_BOLD, "审 计 报 告");
	gen_text(p, p->w - 25, y += 16, 10, GEN_RIGHT, a->number);
	gen_textf(p, x, y += 10, pt, 0, "%s全体股东：", a->name_on_report);
	gen_text(p, x, y += 10, pt, GEN_BOLD, clean ? "一、审计意见" : "一、保留意见");
	char t[1200];
	snprintf(t, sizeof t,
	         "我们审计了%s（以下简称“贵公司”）财务报表，包括%d年12月31日的资产负债表，%d年度的"
	         "利润表、现金流量表、所有者权益变动表以及相关财务报表附注。%s我们认为，后附的财务报表"
	         "在所有重大方面按照企业会计准则的规定编制，公允反映了贵公司%d年12月31日的财务状况以及"
	         "%d年度的经营成果和现金流量。",
	         a->name_on_report, a->year, a->year,
	         clean ? "" : "除“形成保留意见的基础”部分所述事项产生的影响外，", a->year, a->year);
	y += 10 + gen_para(p, x, y + 9, w, pt, 0, t);
	gen_text(p, x, y += 12, pt, GEN_BOLD, clean ? "二、形成审计意见的基础" : "二、形成保留意见的基础");
	if (clean)
		snprintf(t, sizeof t, "我们按照中国注册会计师审计准则的规定执行了审计工作。我们相信，"
		                      "我们获取的审计证据是充分、适当的，为发表审计意见提供了基础。");
	else
		snprintf(t, sizeof t, "贵公司%d年12月31日应收账款中有%d万元账龄超过三年，我们无法就其"
		                      "可收回性获取充分、适当的审计证据。我们相信，我们获取的审计证据是"
		                      "充分、适当的，为发表保留意见提供了基础。",
		         a->year, gen_rng_int(r, 120, 900));
	y += 10 + gen_para(p, x, y + 9, w, pt, 0, t);
	gen_text(p, x, y += 12, pt, GEN_BOLD, "三、管理层和治理层对财务报表的责任");
	gen_para(p, x, y + 9, w, pt, 0,
	         "贵公司管理层负责按照企业会计准则的规定编制财务报表，使其实现公允反映，并设计、执行和"
	         "维护必要的内部控制，以使财务报表不存在由于舞弊或错误导致的重大错报。");
	double by = p->h - 70;
	gen_text(p, x, by, pt, 0, a->auditor);
	static const char *const cpa[] = {"李明华", "周建国", "陈晓雯", "吴俊峰", "郑丽君", "孙国强"};
	gen_textf(p, p->w - 90, by, pt, 0, "中国注册会计师：%s", gen_rng_pick(r, cpa, 6));
	gen_textf(p, x, by + 12, pt, 0, "中国·%s", c->city);
	gen_text(p, p->w - 90, by + 12, pt, 0, date);
	gen_seal(p, x + 35, by + 2, 19, a->auditor, "");
}

/* Splits total into parts that add up exactly. */
static void
split(gen_rng *r, long long total, int n, long long *out)
{
	long long left = total;
	for (int i = 0; i < n - 1; i++) {
		out[i] = left / (n - i) * gen_rng_int(r, 40, 150) / 100;
		if (out[i] > left)
			out[i] = left;
		left -= out[i];
	}
	out[n - 1] = left;
}

/* the period columns' headers, as firms word them */
static const char *const period_heads[3][2] = {
	{"期末余额", "上年年末余额"}, {"期末数", "年初数"}, {NULL, NULL} /* dated */
};

/* Lays the sheet out as style.balance says: two-sided (assets left,
 * liabilities and equity right), with or without 行次 columns, or one
 * column of items with 行次, assets first. */
static void
balance_layout(gen_pg *p, const gen_audit *a, int style, int heads, const char *const *left,
               const char *const *right, int rows, char (*lbuf)[2][40], char (*rbuf)[2][40])
{
	char hd[2][32], line[2][40][8];
	if (period_heads[heads][0])
		snprintf(hd[0], 32, "%s", period_heads[heads][0]),
		snprintf(hd[1], 32, "%s", period_heads[heads][1]);
	else
		snprintf(hd[0], 32, "%d年12月31日", a->year), snprintf(hd[1], 32, "%d年12月31日", a->year - 1);
	/* 行次: items that carry amounts are numbered down the sheet */
	int no = 0;
	for (int side = 0; side < 2; side++)
		for (int i = 0; i < rows; i++) {
			const char *item = side ? right[i] : left[i];
			int amounts = *(side ? rbuf : lbuf)[i][0] || *(side ? rbuf : lbuf)[i][1];
			line[side][i][0] = '\0';
			if (*item && amounts)
				snprintf(line[side][i], 8, "%d", ++no);
		}
	enum { MAXC = 8, MAXR = 40 };
	const char *cells[MAXR * 2 * MAXC];
	int cols, nrows;
	if (style == 2) {
		/* one column of items: assets, then liabilities and equity */
		static const double w[4] = {80, 16, 42, 42};
		static const int align[4] = {0, 1, 2, 2};
		cols = 4, nrows = 1;
		cells[0] = "项目", cells[1] = "行次", cells[2] = hd[0], cells[3] = hd[1];
		for (int side = 0; side < 2; side++)
			for (int i = 0; i < rows; i++) {
				const char *item = side ? right[i] : left[i];
				if (!*item)
					continue;
				const char **c = &cells[nrows++ * cols];
				c[0] = item, c[1] = line[side][i];
				c[2] = (side ? rbuf : lbuf)[i][0], c[3] = (side ? rbuf : lbuf)[i][1];
			}
		gen_table(p, 14, 44, nrows, cols, w, 6.6, 8, align, cells);
		gen_text(p, 20, 44 + nrows * 6.6 + 8, 9, 0,
		         "法定代表人：          主管会计工作负责人：          会计机构负责人：");
		return;
	}
	int ln = style == 1;
	cols = 6 + 2 * ln, nrows = rows + 1;
	const char *head[8];
	int k = 0;
	head[k++] = "资产";
	if (ln)
		head[k++] = "行次";
	head[k++] = hd[0], head[k++] = hd[1], head[k++] = "负债和所有者权益";
	if (ln)
		head[k++] = "行次";
	head[k++] = hd[0], head[k++] = hd[1];
	for (int j = 0; j < cols; j++)
		cells[j] = head[j];
	for (int i = 0; i < rows; i++) {
		const char **c = &cells[(i + 1) * cols];
		k = 0;
		c[k++] = left[i];
		if (ln)
			c[k++] = line[0][i];
		c[k++] = lbuf[i][0], c[k++] = lbuf[i][1], c[k++] = right[i];
		if (ln)
			c[k++] = line[1][i];
		c[k++] = rbuf[i][0], c[k++] = rbuf[i][1];
	}
	static const double w6[6] = {34, 29, 29, 40, 29, 29}, w8[8] = {30, 9, 26, 26, 36, 9, 26, 26};
	static const int a6[6] = {0, 2, 2, 0, 2, 2}, a8[8] = {0, 1, 2, 2, 0, 1, 2, 2};
	gen_table(p, 10, 44, nrows, cols, ln ? w8 : w6, 8.5, ln ? 8 : 8.5, ln ? a8 : a6, cells);
	gen_text(p, 20, 44 + nrows * 8.5 + 8, 9, 0,
	         "法定代表人：          主管会计工作负责人：          会计机构负责人：");
}

static void
balance(gen_pg *p, const gen_case *c, const gen_audit *a, gen_rng *r)
{
	long long cur[2][8], prev[2][8], paid = c->capital < a->net_assets ? c->capital : a->net_assets / 2;
	split(r, a->total_assets * 7 / 10, 5, cur[0]);
	split(r, a->total_assets - a->total_assets * 7 / 10, 3, cur[0] + 5);
	split(r, a->prev_total * 7 / 10, 5, prev[0]);
	split(r, a->prev_total - a->prev_total * 7 / 10, 3, prev[0] + 5);
	split(r, a->total_assets - a->net_assets, 5, cur[1]);
	split(r, a->prev_total - a->prev_net, 5, prev[1]);
	int u = a->unit_wan;
	gen_text(p, p->w / 2, 22, 18, GEN_CENTER | GEN_BOLD, "资产负债表");
	if (c->style.balance)
		gen_text(p, p->w - 20, 29, 9, GEN_RIGHT, "会企01表");
	gen_textf(p, 20, 36, 10, 0, "编制单位：%s", a->name_on_report);
	gen_textf(p, p->w / 2, 36, 10, GEN_CENTER, "%d年12月31日", a->year);
	gen_text(p, p->w - 20, 36, 10, GEN_RIGHT, u ? "单位：万元" : "单位：元");
	enum { ROWS = 16 };
	static const char *const left[ROWS] = {
		"流动资产：", "货币资金", "应收账款", "预付款项", "其他应收款", "存货",
		"流动资产合计", "非流动资产：", "固定资产", "无形资产", "长期待摊费用", "非流动资产合计",
		"", "", "", "资产总计"};
	static const char *const right[ROWS] = {
		"流动负债：", "短期借款", "应付账款", "应付职工薪酬", "应交税费",
		"其他应付款", "流动负债合计", "非流动负债合计", "负债合计", "所有者权益：", "实收资本",
		"资本公积", "盈余公积", "未分配利润", "所有者权益合计", "负债和所有者权益总计"};
	char lbuf[ROWS][2][40], rbuf[ROWS][2][40];
	memset(lbuf, 0, sizeof lbuf), memset(rbuf, 0, sizeof rbuf);
	long long lv[ROWS][2] = {{0}}, rv[ROWS][2] = {{0}};
	for (int k = 0; k < 2; k++) {
		long long (*v)[8] = k ? prev : cur, tot = k ? a->prev_total : a->total_assets,
		         net = k ? a->prev_net : a->net_assets;
		for (int i = 0; i < 5; i++)
			lv[1 + i][k] = v[0][i], rv[1 + i][k] = v[1][i];
		lv[6][k] = tot * 7 / 10;
		for (int i = 0; i < 3; i++)
			lv[8 + i][k] = v[0][5 + i];
		lv[11][k] = tot - tot * 7 / 10;
		lv[15][k] = tot;
		rv[6][k] = rv[8][k] = tot - net;
		rv[10][k] = paid;
		rv[12][k] = net > paid ? (net - paid) / 10 : 0;
		rv[13][k] = net - paid - rv[12][k];
		rv[14][k] = net;
		rv[15][k] = tot;
	}
	for (int i = 0; i < ROWS; i++)
		for (int k = 0; k < 2; k++) {
			if (lv[i][k] || i == 15)
				money(lv[i][k], u, lbuf[i][k], 40);
			if (rv[i][k] || (i >= 6 && i != 7 && i != 9))
				money(rv[i][k], u, rbuf[i][k], 40);
		}
	/* the first layout, as the generator drew it first, keeps its words */
	int heads = c->style.balance ? (int)(a->year % 3) : 0;
	balance_layout(p, a, c->style.balance, heads, left, right, ROWS, lbuf, rbuf);
}

static void
income(gen_pg *p, const gen_audit *a, gen_rng *r)
{
	int u = a->unit_wan;
	long long rev = a->total_assets * gen_rng_int(r, 60, 140) / 100, cost = rev * 55 / 100,
	          tax = rev / 100, sell = rev * 8 / 100, admin = rev * 12 / 100, rd = rev * 9 / 100;
	long long op = rev - cost - tax - sell - admin - rd, total = op + rev / 200,
	          net = total - total / 10;
	static const char *const items[] = {"一、营业收入", "减：营业成本", "税金及附加", "销售费用",
	                                    "管理费用", "研发费用", "二、营业利润", "加：营业外收入",
	                                    "三、利润总额", "减：所得税费用", "四、净利润"};
	long long v[] = {rev, cost, tax, sell, admin, rd, op, rev / 200, total, total / 10, net};
	enum { ROWS = 12, COLS = 3 };
	char buf[ROWS][2][40];
	const char *cells[ROWS * COLS] = {"项目", "本期金额", "上期金额"};
	for (int i = 0; i < ROWS - 1; i++) {
		cells[(i + 1) * COLS] = items[i];
		money(v[i], u, buf[i][0], 40);
		money(v[i] * gen_rng_int(r, 80, 97) / 100, u, buf[i][1], 40);
		cells[(i + 1) * COLS + 1] = buf[i][0];
		cells[(i + 1) * COLS + 2] = buf[i][1];
	}
	gen_text(p, p->w / 2, 22, 18, GEN_CENTER | GEN_BOLD, "利润表");
	gen_textf(p, 20, 36, 10, 0, "编制单位：%s", a->name_on_report);
	gen_textf(p, p->w / 2, 36, 10, GEN_CENTER, "%d年度", a->year);
	gen_text(p, p->w - 20, 36, 10, GEN_RIGHT, u ? "单位：万元" : "单位：元");
	static const double w[COLS] = {80, 50, 50};
	static const int align[COLS] = {0, 2, 2};
	gen_table(p, 20, 46, ROWS, COLS, w, 9, 9.5, align, cells);
}

void
gen_write_audit(gen_out *o, const gen_case *c, const gen_audit *a, const char *rel,
                enum gen_form f)
{
	gen_doc d;
	char date[32];
	gen_date_cn((gen_date){a->year + 1, gen_rng_int(o->r, 3, 5), gen_rng_int(o->r, 1, 28)}, date,
	            sizeof date);
	gen_doc_begin(&d, o, rel, "audit-report", f, 210, 297, c->fonts[0], c->fonts[1], 0);
	gen_pg *p;
	if (gen_rng_chance(o->r, 0.7)) {
		p = gen_doc_page(&d);
		cover(p, c, a, date);
		gen_doc_page_done(&d, &p);
	}
	p = gen_doc_page(&d);
	opinion(p, c, a, date, o->r);
	gen_doc_page_done(&d, &p);
	p = gen_doc_page(&d);
	balance(p, c, a, o->r);
	gen_doc_page_done(&d, &p);
	p = gen_doc_page(&d);
	income(p, a, o->r);
	gen_doc_page_done(&d, &p);
	gen_doc_end(&d);
}
