/* truth.c - the ground truth of a case: the verdict and rule results the
 * spec (../shared/spec/qualification-l2.md §3) gives for the facts, the
 * fields a reader should extract, and each document's pages with the text
 * drawn on them. Written independently of the rules engine on purpose: it
 * is the oracle the engine is scored against. */
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "zizhi.h"

#define WAN 10000LL

enum { PASS, FAIL, MISSING, REVIEW };
static const char *const result_name[] = {"pass", "fail", "missing", "review"};

typedef struct rules {
	int r[13];
	int facts[13];
} rules;

static const char *const rule_id[13] = {
	"3.1.1-legal-entity", "3.1.2-lawful", "3.1.3-level1-valid", "3.2.1-years",
	"3.2.2-capital", "3.2.2-assets", "3.2.3-finance", "3.2.4-cisp", "3.2.5-lifecycle",
	"3.2.6-projects", "3.3-quality", "3.4-process", "consistency",
};

int
gen_cisp_valid_fulltime(const gen_case *c)
{
	int n = 0;
	for (int i = 0; i < c->nstaff; i++) {
		const gen_person *p = &c->staff[i];
		n += p->has_cisp && p->fulltime && p->on_roster &&
		     gen_date_cmp(p->cisp_until, c->applied) >= 0;
	}
	return n;
}

long long
gen_projects_total_3y(const gen_case *c)
{
	gen_date from = gen_date_add_years(c->applied, -3);
	long long sum = 0;
	for (int i = 0; i < c->nprojects; i++) {
		const gen_project *p = &c->projects[i];
		if (p->secops && gen_date_cmp(p->completed, from) >= 0 &&
		    gen_date_cmp(p->completed, c->applied) <= 0)
			sum += p->amount;
	}
	return sum;
}

static int
names_agree(const gen_case *c)
{
	if (strcmp(c->form_name, c->name) || strcmp(c->l1_holder, c->name))
		return 0;
	for (int i = 0; i < 3; i++)
		if (c->audits[i].present && strcmp(c->audits[i].name_on_report, c->name))
			return 0;
	return 1;
}

static void
decide(const gen_case *c, int supplemented, rules *o)
{
	int *f = o->facts;
	int branch = strstr(c->type, "分公司") || strstr(c->type, "个体");
	f[0] = zz_uscc_valid(c->uscc) && !branch ? PASS : FAIL;
	f[1] = !c->present[D_PLEDGE] ? MISSING : strcmp(c->pledge_name, c->name) ? FAIL : PASS;
	f[2] = gen_date_cmp(c->l1_from, c->applied) <= 0 && gen_date_cmp(c->l1_until, c->applied) >= 0 &&
	               !strcmp(c->l1_holder, c->name) ? PASS : FAIL;
	f[3] = gen_date_cmp(gen_date_add_years(c->established, 3), c->applied) <= 0 ? PASS : FAIL;
	f[4] = c->capital >= 1000 * WAN ? PASS : FAIL;
	f[5] = !c->audits[0].present ? MISSING : c->audits[0].total_assets >= 1000 * WAN ? PASS : FAIL;
	int absent = 0, bad = 0;
	for (int i = 0; i < 3; i++) {
		const gen_audit *a = &c->audits[i];
		absent |= !a->present;
		bad |= a->present && (strcmp(a->opinion, "标准无保留意见") || a->net_assets <= 0);
	}
	f[6] = bad ? FAIL : absent ? MISSING : PASS; /* a qualified opinion fails, year missing or not */
	f[7] = gen_cisp_valid_fulltime(c) >= 8 ? PASS : FAIL;
	f[8] = c->present[D_LIFECYCLE] ? PASS : MISSING;
	f[9] = gen_projects_total_3y(c) >= 500 * WAN ? PASS : FAIL;
	f[10] = c->present[D_ORGSTRUCT] && c->present[D_QUALITY] ? PASS : MISSING;
	f[11] = c->present[D_PROCESS] || (c->supplement && supplemented) ? PASS : MISSING;
	f[12] = names_agree(c) && c->declared_cisp == gen_cisp_valid_fulltime(c) &&
	                c->form_capital == c->capital ? PASS : REVIEW;
	memcpy(o->r, f, sizeof o->r);
	if (c->low_quality) {
		/* the licence cannot be read with confidence: what rests on it
		 * must go to a person, whatever the facts */
		static const int on_licence[] = {0, 3, 4, 12};
		for (size_t i = 0; i < sizeof on_licence / sizeof *on_licence; i++)
			if (o->r[on_licence[i]] == PASS)
				o->r[on_licence[i]] = REVIEW;
	}
}

static const char *
verdict(const int *r)
{
	int any[4] = {0};
	for (int i = 0; i < 13; i++)
		any[r[i]] = 1;
	return any[FAIL] ? "ineligible" : any[MISSING] ? "incomplete" : any[REVIEW] ? "review"
	                                                                             : "eligible";
}

/* ---- writing ---- */

static void
attr(xmlTextWriterPtr w, const char *name, const char *v)
{
	xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)v);
}

static void
field(xmlTextWriterPtr w, const char *name, const char *value)
{
	xmlTextWriterStartElement(w, (const xmlChar *)"field");
	attr(w, "name", name);
	attr(w, "value", value);
	xmlTextWriterEndElement(w);
}

static void
field_num(xmlTextWriterPtr w, const char *name, long long v)
{
	char s[32];
	snprintf(s, sizeof s, "%lld", v);
	field(w, name, s);
}

static void
field_date(xmlTextWriterPtr w, const char *name, gen_date d)
{
	char s[11];
	gen_date_iso(d, s);
	field(w, name, s);
}

static void
org_fields(xmlTextWriterPtr w, const gen_case *c)
{
	field(w, "org.name", c->name);
	field(w, "org.uscc", c->uscc);
	field(w, "org.type", c->type);
	field(w, "org.legal_rep", c->legal_rep);
	field_num(w, "org.registered_capital", c->capital);
	field_date(w, "org.established", c->established);
	field_date(w, "application.date", c->applied);
	field(w, "application.category", "安全运营类");
	field(w, "application.level", "二级");
	field_num(w, "application.declared_cisp", c->declared_cisp);
	field(w, "l1.number", c->l1_number);
	field(w, "l1.holder", c->l1_holder);
	field(w, "l1.category", "安全运营类");
	field(w, "l1.level", "一级");
	field_date(w, "l1.valid_until", c->l1_until);
	for (int i = 0; i < 3; i++) {
		const gen_audit *a = &c->audits[i];
		char n[64];
		if (!a->present)
			continue;
		snprintf(n, sizeof n, "audit.%d.opinion", a->year);
		field(w, n, a->opinion);
		snprintf(n, sizeof n, "audit.%d.total_assets", a->year);
		field_num(w, n, a->total_assets);
		snprintf(n, sizeof n, "audit.%d.net_assets", a->year);
		field_num(w, n, a->net_assets);
	}
}

static void
list_fields(xmlTextWriterPtr w, const gen_case *c)
{
	char n[64];
	int k = 0;
	for (int i = 0; i < c->nstaff; i++) {
		const gen_person *p = &c->staff[i];
		if (!p->has_cisp)
			continue;
		snprintf(n, sizeof n, "cisp[%d].name", k);
		field(w, n, p->name);
		snprintf(n, sizeof n, "cisp[%d].number", k);
		field(w, n, p->cisp);
		snprintf(n, sizeof n, "cisp[%d].valid_until", k++);
		field_date(w, n, p->cisp_until);
	}
	for (int i = 0; i < c->nstaff; i++) {
		const gen_person *p = &c->staff[i];
		snprintf(n, sizeof n, "roster[%d].name", i);
		field(w, n, p->name);
		snprintf(n, sizeof n, "roster[%d].cisp_number", i);
		field(w, n, p->has_cisp ? p->cisp : "");
		snprintf(n, sizeof n, "roster[%d].full_time", i);
		field(w, n, p->fulltime ? "true" : "false");
	}
	for (int i = 0; i < c->nprojects; i++) {
		const gen_project *p = &c->projects[i];
		snprintf(n, sizeof n, "project[%d].name", i);
		field(w, n, p->name);
		snprintf(n, sizeof n, "project[%d].client", i);
		field(w, n, p->client);
		snprintf(n, sizeof n, "project[%d].amount", i);
		field_num(w, n, p->amount);
		snprintf(n, sizeof n, "project[%d].signed", i);
		field_date(w, n, p->signed_on);
		snprintf(n, sizeof n, "project[%d].completed", i);
		field_date(w, n, p->completed);
	}
	int years = c->applied.y - c->established.y -
	            (c->applied.m < c->established.m ||
	             (c->applied.m == c->established.m && c->applied.d < c->established.d));
	field_num(w, "derived.years_in_business", years);
	field_num(w, "derived.cisp_valid_fulltime", gen_cisp_valid_fulltime(c));
	field_num(w, "derived.projects_total_3y", gen_projects_total_3y(c));
}

static void
write_rules(xmlTextWriterPtr w, const rules *o)
{
	xmlTextWriterWriteElement(w, (const xmlChar *)"verdict", (const xmlChar *)verdict(o->r));
	for (int i = 0; i < 13; i++) {
		xmlTextWriterStartElement(w, (const xmlChar *)"rule");
		attr(w, "id", rule_id[i]);
		attr(w, "result", result_name[o->r[i]]);
		attr(w, "facts", result_name[o->facts[i]]);
		xmlTextWriterEndElement(w);
	}
}

static void
write_doc(xmlTextWriterPtr w, const gen_docrec *d)
{
	char num[32];
	xmlTextWriterStartElement(w, (const xmlChar *)"document");
	attr(w, "path", d->path);
	attr(w, "type", d->type);
	attr(w, "form", d->form);
	if (d->sha256[0])
		attr(w, "sha256", d->sha256);
	snprintf(num, sizeof num, "%d", d->npages);
	attr(w, "pages", num);
	if (d->supplement)
		attr(w, "supplement", "yes");
	for (int i = 0; i < d->npages; i++) {
		const gen_pagerec *p = &d->pages[i];
		xmlTextWriterStartElement(w, (const xmlChar *)"page");
		snprintf(num, sizeof num, "%d", i + 1);
		attr(w, "n", num);
		if (p->dpi) {
			snprintf(num, sizeof num, "%d", p->dpi);
			attr(w, "dpi", num);
			snprintf(num, sizeof num, "%d", p->rotate);
			attr(w, "rotate", num);
			snprintf(num, sizeof num, "%.2f", p->skew);
			attr(w, "skew", num);
		}
		if (p->poor)
			attr(w, "quality", "poor");
		xmlTextWriterWriteElement(w, (const xmlChar *)"text",
		                          (const xmlChar *)(p->text ? p->text : ""));
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

int
gen_truth_write(const gen_case *c, const gen_doclist *docs, const char *submission,
                const char *drop, const char *path)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, (const xmlChar *)"truth");
	char s[64];
	attr(w, "version", "1");
	attr(w, "case", c->id);
	attr(w, "scenario", c->scenario);
	snprintf(s, sizeof s, "%llu", (unsigned long long)c->seed);
	attr(w, "seed", s);
	gen_date_iso(c->applied, s);
	attr(w, "as-of", s);
	xmlTextWriterStartElement(w, (const xmlChar *)"submission");
	attr(w, "file", submission);
	xmlTextWriterEndElement(w);
	rules o;
	decide(c, 0, &o);
	write_rules(w, &o);
	if (drop) {
		xmlTextWriterStartElement(w, (const xmlChar *)"supplement");
		attr(w, "file", drop);
		decide(c, 1, &o);
		write_rules(w, &o);
		xmlTextWriterEndElement(w);
	}
	org_fields(w, c);
	list_fields(w, c);
	for (int i = 0; i < docs->n; i++)
		write_doc(w, &docs->d[i]);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	int rc = zz_write_atomic(path, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return rc;
}

/* ---- the list of documents ---- */

gen_docrec *
gen_doclist_add(gen_doclist *l, const char *path, const char *type, const char *form,
                int supplement)
{
	if (l->n == l->cap)
		l->d = zz_erealloc(l->d, (size_t)(l->cap = l->cap ? l->cap * 2 : 16) * sizeof *l->d);
	gen_docrec *d = &l->d[l->n++];
	memset(d, 0, sizeof *d);
	snprintf(d->path, sizeof d->path, "%s", path);
	d->type = type;
	d->form = form;
	d->supplement = supplement;
	return d;
}

void
gen_docrec_page(gen_docrec *d, const char *text, int dpi, int rotate, double skew, int poor)
{
	d->pages = zz_erealloc(d->pages, (size_t)(d->npages + 1) * sizeof *d->pages);
	d->pages[d->npages++] = (gen_pagerec){zz_estrdup(text), dpi, rotate, skew, poor};
}

void
gen_doclist_free(gen_doclist *l)
{
	for (int i = 0; i < l->n; i++) {
		for (int k = 0; k < l->d[i].npages; k++)
			free(l->d[i].pages[k].text);
		free(l->d[i].pages);
	}
	free(l->d);
	memset(l, 0, sizeof *l);
}
