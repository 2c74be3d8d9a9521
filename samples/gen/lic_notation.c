/* lic_notation.c - how a licence prints what it says: the labels of each
 * kind and layout, dates in digits or Chinese numerals, the registered
 * capital in every notation real licences use; and the truth as the real
 * set writes it (whitespace out, full-width brackets, empty where the
 * licence has no such line). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "licence.h"
#include "zizhi.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- dates ---- */

static const char *const cn_digit[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1..31 as 一 .. 三十一; with nian, 21-29 as 廿一.. and 30, 31 as 卅, 卅一 */
static void
cn_small(int v, int nian, char *out, size_t n)
{
	const char *tens = v >= 30 && nian ? "卅" : v >= 30 ? "三十" : v >= 21 && nian ? "廿"
	                 : v >= 20 ? "二十" : v >= 10 ? "十" : "";
	snprintf(out, n, "%s%s", tens, v % 10 ? cn_digit[v % 10] : "");
}

void
gen_lic_date(const gen_lic *L, gen_date d, char *out, size_t n)
{
	static const char *const zero[] = {"〇", "○", "0", "O"};
	if (L->date_style == LD_PADDED) {
		snprintf(out, n, "%04d年%02d月%02d日", d.y, d.m, d.d);
		return;
	}
	if (L->date_style == LD_PLAIN) {
		snprintf(out, n, "%d年%d月%d日", d.y, d.m, d.d);
		return;
	}
	char y[32] = "", m[16], day[16];
	for (int div = 1000; div; div /= 10) {
		int k = d.y / div % 10;
		strcat(y, k ? cn_digit[k] : zero[(L->date_style - LD_CN_LING) % 4]);
	}
	cn_small(d.m, 0, m, sizeof m);
	cn_small(d.d, L->nian, day, sizeof day);
	snprintf(out, n, "%s年%s月%s日", y, m, day);
}

/* ---- capital ---- */

/* Chinese capital numerals without the closing 整: 贰佰万元 */
static void
capital_cn(long long yuan, int whole, char *out, size_t n)
{
	gen_money_capital(yuan, out, n);
	size_t len = strlen(out);
	if (!whole && len > 3 && !strcmp(out + len - 3, "整"))
		out[len - 3] = '\0';
}

void
gen_lic_capital(gen_rng *r, long long yuan, char *out, size_t n)
{
	char cn[96];
	long long wan = yuan / 10000, rest = yuan % 10000;
	int k = gen_rng_int(r, 0, 99);
	if (rest)
		k = k < 50 ? 0 : 60; /* odd amounts: in capitals or with decimals */
	if (k < 30) {
		capital_cn(yuan, 1, cn, sizeof cn);
		snprintf(out, n, "%s", cn); /* 贰仟万元整 */
	} else if (k < 38) {
		capital_cn(yuan, 0, cn, sizeof cn);
		snprintf(out, n, "人民币%s", cn);
	} else if (k < 45) {
		capital_cn(yuan, 0, cn, sizeof cn);
		snprintf(out, n, "%s人民币", cn);
	} else if (k < 50) {
		capital_cn(yuan, 0, cn, sizeof cn);
		snprintf(out, n, gen_rng_chance(r, 0.5) ? "%s（人民币）" : "%s(人民币)", cn);
	} else if (k < 53) {
		capital_cn(yuan, 1, cn, sizeof cn);
		snprintf(out, n, "人民币%s", cn);
	} else if (k < 62) {
		snprintf(out, n, "人民币%lld.%04lld万元整", wan, rest); /* Shanghai */
	} else if (k < 75) {
		snprintf(out, n, "%lld万元整", wan);
	} else if (k < 95) {
		snprintf(out, n, "%lld万元", wan);
	} else {
		snprintf(out, n, "%lld万人民币", wan);
	}
}

/* ---- labels and printed values ---- */

static const char *
type_label(const gen_lic *L, gen_rng *r)
{
	switch (L->layout) {
	case LL_OLD_LEGAL: return gen_rng_chance(r, 0.7) ? "公司类型" : "企业类型";
	case LL_SZ_LANDSCAPE: return L->kind == LK_INDIVIDUAL ? NULL : "企业类型";
	case LL_OLD_PORTRAIT:
		return gen_rng_chance(r, 0.25) && L->kind == LK_COMPANY ? "公司类型" : "类型";
	case LL_SZ_PORTRAIT:
	case LL_ELICENCE: return gen_rng_chance(r, 0.2) ? "主体类型" : "类型";
	default: return gen_rng_chance(r, 0.05) ? "企业类型" : "类型";
	}
}

static void
labels(gen_lic *L, gen_rng *r)
{
	const char **l = L->label;
	int ind = L->kind == LK_INDIVIDUAL, branch = L->kind == LK_BRANCH;
	int sz = L->shenzhen;
	int modern = L->layout == LL_NEW_PORTRAIT || L->layout == LL_NEW_LANDSCAPE ||
	             L->layout == LL_ELICENCE;
	memset(L->label, 0, sizeof L->label);
	l[LF_NAME] = L->layout == LL_TRANSITIONAL && gen_rng_chance(r, 0.06) ? "企业名称" : "名称";
	l[LF_TYPE] = type_label(L, r);
	l[LF_FORM] = ind && modern ? "组成形式" : NULL;
	l[LF_ADDRESS] = ind ? "经营场所" : branch ? "营业场所" : "住所";
	l[LF_REP] = ind ? "经营者" : branch ? "负责人"
	          : L->layout == LL_OLD_LEGAL && gen_rng_chance(r, 0.7) ? "法定代表人姓名"
	                                                               : "法定代表人";
	l[LF_CAPITAL] = L->kind == LK_COMPANY && !L->shenzhen ? "注册资本" : NULL;
	l[LF_PAIDIN] = L->layout == LL_OLD_LEGAL && l[LF_CAPITAL] ? "实收资本" : NULL;
	l[LF_EST] = ind && modern ? "注册日期" : "成立日期";
	l[LF_TERM] = ind || sz ? NULL : "营业期限";
	l[LF_SCOPE] = sz ? NULL : "经营范围";
}

static void
term(gen_lic *L, char *out, size_t n)
{
	char a[48], b[48];
	gen_lic_date(L, L->established, a, sizeof a);
	switch (L->term_style) {
	case LT_UNTIL:
		gen_lic_date(L, L->term_end, b, sizeof b);
		snprintf(out, n, "%s 至 %s", a, b);
		break;
	case LT_LONG_FROM: snprintf(out, n, "%s至长期", a); break;
	case LT_LONG: snprintf(out, n, "长期"); break;
	default: snprintf(out, n, "%s至******", a); break;
	}
}

void
gen_lic_print(gen_lic *L, gen_rng *r)
{
	static const int styles[] = {LD_PADDED, LD_PADDED, LD_PADDED, LD_PADDED, LD_PLAIN};
	int old = L->layout == LL_OLD_LEGAL || L->layout == LL_SZ_LANDSCAPE;
	if (old && gen_rng_chance(r, 0.75))
		L->date_style = gen_rng_int(r, LD_CN_LING, LD_CN_O);
	else if ((L->layout == LL_TRANSITIONAL || L->layout == LL_OLD_PORTRAIT) &&
	         gen_rng_chance(r, 0.15))
		L->date_style = gen_rng_int(r, LD_CN_LING, LD_CN_O);
	else
		L->date_style = styles[gen_rng_int(r, 0, N(styles) - 1)];
	if (L->date_style == LD_CN_LING || L->date_style == LD_CN_CIRCLE)
		L->nian = gen_rng_chance(r, 0.7); /* the 〇 styles are the old hand */
	labels(L, r);
	char (*v)[640] = L->value;
	snprintf(v[LF_NAME], sizeof v[0], "%s", L->name);
	snprintf(v[LF_TYPE], sizeof v[0], "%s", L->type);
	/* some printers had no full-width brackets in the type list */
	if (gen_rng_chance(r, 0.3)) {
		char *s = v[LF_TYPE], *q;
		while ((q = strstr(s, "（")) || (q = strstr(s, "）"))) {
			char c = strncmp(q, "（", 3) ? ')' : '(';
			*q = c;
			memmove(q + 1, q + 3, strlen(q + 3) + 1);
		}
	}
	snprintf(v[LF_FORM], sizeof v[0], "%s", L->form);
	snprintf(v[LF_ADDRESS], sizeof v[0], "%s", L->address);
	snprintf(v[LF_REP], sizeof v[0], "%s", L->rep);
	gen_lic_capital(r, L->capital, v[LF_CAPITAL], sizeof v[0]);
	if (L->paidin == L->capital && !strstr(v[LF_CAPITAL], "人民币"))
		snprintf(v[LF_PAIDIN], sizeof v[0], "%s", v[LF_CAPITAL]);
	else
		snprintf(v[LF_PAIDIN], sizeof v[0], "%lld万元", L->paidin / 10000);
	gen_lic_date(L, L->established, v[LF_EST], sizeof v[0]);
	term(L, v[LF_TERM], sizeof v[0]);
	snprintf(v[LF_SCOPE], sizeof v[0], "%s", L->scope);
}

/* ---- truth ---- */

void
gen_lic_fold(const char *in, char *out, size_t n)
{
	size_t k = 0;
	for (const char *s = in; *s && k + 4 < n; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n')
			continue;
		if (*s == '(' || *s == ')') {
			memcpy(out + k, *s == '(' ? "（" : "）", 3);
			k += 3;
			continue;
		}
		out[k++] = *s;
	}
	out[k] = '\0';
}

void
gen_lic_truth(gen_lic *L)
{
	gen_lic_fold(L->value[LF_NAME], L->t_name, sizeof L->t_name);
	gen_lic_fold(L->label[LF_TYPE] ? L->type : "", L->t_type, sizeof L->t_type);
	int cap = L->label[LF_CAPITAL] && !(L->redacted & LR_CAPITAL);
	gen_lic_fold(cap ? L->value[LF_CAPITAL] : "", L->t_capital, sizeof L->t_capital);
	gen_lic_fold(L->redacted & LR_REP ? "" : L->rep, L->t_rep, sizeof L->t_rep);
}

void
gen_lic_note(gen_lic *L, const char *fmt, ...)
{
	size_t k = strlen(L->notes);
	if (k && k + 1 < sizeof L->notes)
		L->notes[k++] = ' ';
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(L->notes + k, sizeof L->notes - k, fmt, ap);
	va_end(ap);
}
