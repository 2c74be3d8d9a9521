/* zizhi-score - compare cases with their ground truth (zizhi-samplegen's
 * CASE.truth.xml) and print per-case mismatches and totals.
 *
 *   zizhi-score [-t times] TRUTH CASEDIR [TRUTH CASEDIR ...]
 *
 * What it can score depends on the stages that exist: documents unpacked
 * (by SHA-256, wherever they were nested) from case.xml; verdict, rules
 * and fields from the case's report.xml (spec §5) once there is one; the
 * OCR character error rate from the read stage's page text once there is
 * one. -t names a file of "seconds" lines, one per case, for time per case. */
#define _GNU_SOURCE
#include <leptonica/allheaders.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zizhi.h"

typedef struct perfield {
	char *key;
	long n, ok;
} perfield;

typedef struct tally {
	long docs, docs_ok, cases, verdict_ok, verdicts, rules, rules_ok, fields, fields_ok;
	long false_eligible, false_ineligible, cer_edits, cer_chars, cer_pages, types, types_ok, sure_wrong;
	perfield *per;
	int nper;
} tally;

/* counts one truth field under its key (cisp[*].number) */
static void
per_field(tally *t, const char *key, int ok)
{
	int i;
	for (i = 0; i < t->nper && strcmp(t->per[i].key, key); i++)
		;
	if (i == t->nper) {
		t->per = zz_erealloc(t->per, (size_t)(t->nper + 1) * sizeof *t->per);
		t->per[t->nper++] = (perfield){zz_estrdup(key), 0, 0};
	}
	t->per[i].n++;
	t->per[i].ok += ok;
}

static int verbose;
static unsigned *codepoints(const char *s, size_t *n);

static xmlDocPtr
load(const char *path)
{
	return access(path, R_OK) == 0 ? xmlReadFile(path, NULL, XML_PARSE_NONET) : NULL;
}

static xmlXPathObjectPtr
query(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	xmlXPathFreeContext(ctx);
	return o;
}

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = zz_estrdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

static int
nodes(xmlXPathObjectPtr o)
{
	return o && o->nodesetval ? o->nodesetval->nodeNr : 0;
}

/* Every document of the truth (those of the 补充资料 drop only when the
 * case took it in) must be among the case's files. */
static void
score_docs(xmlDocPtr truth, xmlDocPtr cs, int with_drop, tally *t) /* cs NULL: none found */
{
	xmlXPathObjectPtr docs = query(truth, "/truth/document");
	for (int i = 0; i < nodes(docs); i++) {
		xmlNodePtr d = docs->nodesetval->nodeTab[i];
		char *sha = prop(d, "sha256"), *path = prop(d, "path"), *sup = prop(d, "supplement");
		if (!*sup || with_drop) {
			char *xp = zz_easprintf("/case/file[@sha256='%s']", sha);
			xmlXPathObjectPtr f = cs ? query(cs, xp) : NULL;
			t->docs++;
			if (nodes(f))
				t->docs_ok++;
			else
				printf("  document not unpacked: %s\n", path);
			xmlXPathFreeObject(f);
			free(xp);
		}
		free(sha), free(path), free(sup);
	}
	xmlXPathFreeObject(docs);
}

/* Names compare after whitespace, full-width forms and bracket styles are
 * folded: "（北京）" and "(北京)" are one name. */
static char *
norm(const char *s)
{
	zz_buf b = {0};
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3; /* U+3000 ideographic space */
		} else if (p[0] == 0xEF && ((p[1] == 0xBC && p[2] >= 0x81) || (p[1] == 0xBD && p[2] <= 0x9E))) {
			/* U+FF01..U+FF5E -> U+0021..U+007E */
			unsigned cp = 0xFF00 + ((p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu)) - 0xF000;
			char c = (char)(cp - 0xFF00 + 0x20);
			zz_buf_add(&b, &c, 1);
			p += 3;
		} else {
			zz_buf_add(&b, p, 1);
			p++;
		}
	}
	if (!b.s)
		zz_buf_adds(&b, "");
	return b.s;
}

/* "cisp[3].number" -> "cisp[*].number": list entries match in any order */
static char *
field_key(const char *name)
{
	zz_buf b = {0};
	for (const char *p = name; *p; p++) {
		zz_buf_add(&b, p, 1);
		if (*p == '[') {
			zz_buf_adds(&b, "*");
			while (p[1] && p[1] != ']')
				p++;
		}
	}
	return b.s;
}

typedef struct fv {
	char *key, *value, *name;
	int used, sure; /* sure: confidence >= 0.8 and status ok */
} fv;

static fv *
collect(xmlDocPtr doc, const char *xpath, int *n)
{
	xmlXPathObjectPtr o = query(doc, xpath);
	*n = nodes(o);
	fv *v = zz_ecalloc((size_t)*n + 1, sizeof *v);
	for (int i = 0; i < *n; i++) {
		xmlNodePtr f = o->nodesetval->nodeTab[i];
		char *value = prop(f, "value");
		v[i].name = prop(f, "name");
		v[i].key = field_key(v[i].name);
		v[i].value = norm(value);
		char *conf = prop(f, "confidence"), *status = prop(f, "status");
		v[i].sure = *conf && atof(conf) >= 0.8 && (!*status || !strcmp(status, "ok"));
		free(value), free(conf), free(status);
	}
	xmlXPathFreeObject(o);
	return v;
}

static void
free_fv(fv *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].key), free(v[i].value), free(v[i].name);
	free(v);
}

/* fields: "/case/field" of a report, or "/extract/field" before there is one */
static void
score_fields(xmlDocPtr truth, xmlDocPtr rep, const char *fields, tally *t)
{
	int nt = 0, nr = 0;
	fv *tv = collect(truth, "/truth/field", &nt), *rv = collect(rep, fields, &nr);
	int extract_only = !strcmp(fields, "/extract/field");
	for (int i = 0; i < nt; i++) {
		int found = 0;
		/* derived fields come from the rules (zizhi-decide), not the extract */
		if (extract_only && !strncmp(tv[i].name, "derived.", 8))
			continue;
		for (int k = 0; k < nr && !found; k++)
			if (!rv[k].used && !strcmp(tv[i].key, rv[k].key) && !strcmp(tv[i].value, rv[k].value))
				found = rv[k].used = 1;
		t->fields++;
		t->fields_ok += found;
		per_field(t, tv[i].key, found);
		if (!found) {
			const char *got = "(none)";
			int sure = 0;
			for (int k = 0; k < nr; k++)
				if (!rv[k].used && !strcmp(tv[i].name, rv[k].name))
					got = rv[k].value, sure = rv[k].sure;
			/* list entries match in any order: only named fields count here */
			if (sure && !strchr(tv[i].name, '['))
				t->sure_wrong++;
			printf("  field %s: want '%s', got '%s'%s\n", tv[i].name, tv[i].value, got,
			       sure ? " (sure)" : "");
		}
	}
	free_fv(tv, nt);
	free_fv(rv, nr);
}

static char *
xpath_string(xmlDocPtr doc, const char *xpath)
{
	xmlXPathObjectPtr o = query(doc, xpath);
	xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
	char *r = zz_estrdup(s ? (const char *)s : "");
	xmlFree(s);
	xmlXPathFreeObject(o);
	return r;
}

/* decision: "/truth" or "/truth/supplement", the one the case was run on */
static void
score_report(xmlDocPtr truth, const char *decision, xmlDocPtr rep, tally *t)
{
	char *xp = zz_easprintf("string(%s/verdict)", decision);
	char *want = xpath_string(truth, xp), *got = xpath_string(rep, "string(/case/@verdict)");
	free(xp);
	t->verdicts++;
	if (!strcmp(want, got))
		t->verdict_ok++;
	else
		printf("  verdict: want %s, got %s\n", want, *got ? got : "(none)");
	if (!strcmp(got, "eligible") && strcmp(want, "eligible"))
		t->false_eligible++;
	/* nearly as bad: a clerk told surely to turn an applicant away */
	if (!strcmp(got, "ineligible") && strcmp(want, "ineligible"))
		t->false_ineligible++;
	free(want), free(got);
	xp = zz_easprintf("%s/rule", decision);
	xmlXPathObjectPtr rules = query(truth, xp);
	free(xp);
	for (int i = 0; i < nodes(rules); i++) {
		char *id = prop(rules->nodesetval->nodeTab[i], "id");
		char *res = prop(rules->nodesetval->nodeTab[i], "result");
		char *q = zz_easprintf("string(/case/rule[@id='%s']/@result)", id);
		char *have = xpath_string(rep, q);
		t->rules++;
		if (!strcmp(res, have))
			t->rules_ok++;
		else
			printf("  rule %s: want %s, got %s\n", id, res, *have ? have : "(none)");
		free(id), free(res), free(q), free(have);
	}
	xmlXPathFreeObject(rules);
	score_fields(truth, rep, "/case/field", t);
}

/* document types: the truth's against the extract stage's, by SHA-256 */
static void
score_types(xmlDocPtr truth, xmlDocPtr ex, tally *t)
{
	xmlXPathObjectPtr docs = query(truth, "/truth/document");
	for (int i = 0; i < nodes(docs); i++) {
		xmlNodePtr d = docs->nodesetval->nodeTab[i];
		char *sha = prop(d, "sha256"), *want = prop(d, "type"), *path = prop(d, "path");
		char *xp = zz_easprintf("string((/extract/document[@sha256='%s'])[1]/@type)", sha);
		char *got = xpath_string(ex, xp);
		t->types++;
		if (!strcmp(want, got))
			t->types_ok++;
		else
			printf("  type of %s: want %s, got %s\n", path, want, *got ? got : "(none)");
		free(sha), free(want), free(path), free(xp), free(got);
	}
	xmlXPathFreeObject(docs);
}

/* CER of one page: the truth's text against the read stage's. */
static void
score_page(const char *ref, const char *hyppath, const char *what, tally *t)
{
	char *hyp = NULL;
	if (zz_read_file(hyppath, 1 << 24, &hyp, NULL) < 0)
		hyp = zz_estrdup("");
	size_t n, m;
	unsigned *a = codepoints(ref, &n), *b = codepoints(hyp, &m);
	size_t e = zz_edits(a, n, b, m);
	t->cer_edits += (long)e, t->cer_chars += (long)n, t->cer_pages++;
	if (verbose)
		printf("  page %s: CER %.3f (%zu/%zu)\n", what, n ? (double)e / n : 0.0, e, n);
	free(a), free(b), free(hyp);
}

/* Every page of the truth's scanned and PDF documents, found through
 * case.xml (by SHA-256) and read/read.xml (by file id). */
static void
score_ocr(xmlDocPtr truth, xmlDocPtr cs, xmlDocPtr rd, const char *casedir, tally *t)
{
	xmlXPathObjectPtr docs =
		query(truth, "/truth/document[starts-with(@form,'scan-') or @form='text-pdf']");
	for (int i = 0; i < nodes(docs); i++) {
		xmlNodePtr d = docs->nodesetval->nodeTab[i];
		char *sha = prop(d, "sha256"), *path = prop(d, "path");
		char *xp = zz_easprintf("string(/case/file[@sha256='%s']/@id)", sha);
		char *id = xpath_string(cs, xp);
		for (xmlNodePtr p = d->children; p && *id; p = p->next) {
			if (p->type != XML_ELEMENT_NODE || strcmp((const char *)p->name, "page"))
				continue;
			char *n = prop(p, "n");
			xmlChar *ref = xmlNodeGetContent(p);
			char *q = zz_easprintf("string(/read/file[@id='%s']/page[@n='%s']/@text)", id, n);
			char *rel = xpath_string(rd, q), *hyp = zz_easprintf("%s/%s", casedir, rel);
			char *what = zz_easprintf("%s p%s", path, n);
			score_page(ref ? (const char *)ref : "", hyp, what, t);
			xmlFree(ref);
			free(n), free(q), free(rel), free(hyp), free(what);
		}
		free(sha), free(path), free(xp), free(id);
	}
	xmlXPathFreeObject(docs);
}

static void
score_case(const char *truthpath, const char *casedir, tally *t)
{
	xmlDocPtr truth = load(truthpath);
	char *cx = zz_easprintf("%s/case.xml", casedir), *rx = zz_easprintf("%s/report.xml", casedir);
	char *dx = zz_easprintf("%s/read/read.xml", casedir);
	char *ex = zz_easprintf("%s/extract/extract.xml", casedir);
	xmlDocPtr cs = load(cx), rep = load(rx), rd = load(dx), exd = load(ex);
	t->cases++;
	if (!truth) {
		printf("%s: cannot read the truth\n", truthpath);
	} else {
		char *name = xpath_string(truth, "string(/truth/@case)");
		/* the case took its 补充资料 in (zizhi-run --join, the inbox):
		 * scored against the truth after it */
		xmlXPathObjectPtr joined = cs ? query(cs, "/case/supplement") : NULL;
		xmlXPathObjectPtr drop = query(truth, "/truth/supplement");
		int with_drop = nodes(joined) > 0 && nodes(drop) > 0;
		xmlXPathFreeObject(joined), xmlXPathFreeObject(drop);
		printf("%s: %s\n", name, casedir);
		if (!cs)
			printf("  no case.xml\n");
		score_docs(truth, cs, with_drop, t);
		if (cs && rd)
			score_ocr(truth, cs, rd, casedir, t);
		if (exd)
			score_types(truth, exd, t);
		if (rep)
			score_report(truth, with_drop ? "/truth/supplement" : "/truth", rep, t);
		else if (exd)
			score_fields(truth, exd, "/extract/field", t);
		free(name);
	}
	xmlFreeDoc(truth), xmlFreeDoc(cs), xmlFreeDoc(rep), xmlFreeDoc(rd), xmlFreeDoc(exd);
	free(cx), free(rx), free(dx), free(ex);
}

/* ---- character error rate ---- */

/* The text as code points, whitespace dropped: Chinese has no spaces and
 * OCR engines put them anywhere. */
static unsigned *
codepoints(const char *s, size_t *n)
{
	size_t len = strlen(s), k = 0, l;
	unsigned *cp = zz_ecalloc(len + 1, sizeof *cp);
	for (size_t i = 0; i < len; i += l) {
		unsigned c = zz_utf8_decode(s + i, &l);
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x3000)
			cp[k++] = c;
	}
	*n = k;
	return cp;
}

/* zizhi-score --cer REF HYP: prints "edits length" of HYP against REF */
static int
cer_mode(const char *ref, const char *hyp)
{
	char *a = NULL, *b = NULL;
	if (zz_read_file(ref, 1 << 24, &a, NULL) < 0 || zz_read_file(hyp, 1 << 24, &b, NULL) < 0)
		zz_die(ZZ_EXIT_IO, "cannot read '%s' or '%s'", ref, hyp);
	size_t n, m;
	unsigned *x = codepoints(a, &n), *y = codepoints(b, &m);
	printf("%zu %zu\n", zz_edits(x, n, y, m), n);
	free(a), free(b), free(x), free(y);
	zz_eclose_stdout();
	return 0;
}

static void
ratio(const char *what, long ok, long all)
{
	if (all)
		printf("%-26s %ld/%ld = %.1f%%\n", what, ok, all, 100.0 * ok / all);
	else
		printf("%-18s n/a (no stage yet gives it)\n", what);
}

static void
times(const char *path, long cases)
{
	FILE *f = path ? fopen(path, "r") : NULL;
	double s = 0, x;
	long n = 0;
	while (f && fscanf(f, "%lf", &x) == 1)
		s += x, n++;
	if (f)
		fclose(f);
	if (n)
		printf("%-18s %.2f s over %ld cases\n", "time per case", s / n, n);
	(void)cases;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	const char *timefile = NULL;
	int i = 1;
	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argv++, argc--;
	}
	if (argc == 4 && !strcmp(argv[1], "--cer"))
		return cer_mode(argv[2], argv[3]);
	if (argc == 5 && !strcmp(argv[1], "--tiff-page")) {
		/* page N (from 0) of a multi-page TIFF as PNG, for the benchmarks */
		PIX *pix = pixReadTiff(argv[2], atoi(argv[3]));
		int rc = !pix || pixWrite(argv[4], pix, IFF_PNG) != 0;
		pixDestroy(&pix);
		return rc ? ZZ_EXIT_IO : 0;
	}
	if (i + 1 < argc && !strcmp(argv[i], "-t")) {
		timefile = argv[i + 1];
		i += 2;
	}
	if (argc - i < 2 || (argc - i) % 2)
		zz_die(ZZ_EXIT_USAGE, "usage: zizhi-score [-t times] TRUTH CASEDIR [TRUTH CASEDIR ...]");
	tally t = {0};
	for (; i + 1 < argc; i += 2)
		score_case(argv[i], argv[i + 1], &t);
	printf("\ntotals over %ld cases\n", t.cases);
	ratio("documents found", t.docs_ok, t.docs);
	ratio("verdict accuracy", t.verdict_ok, t.verdicts);
	ratio("rule accuracy", t.rules_ok, t.rules);
	ratio("document types", t.types_ok, t.types);
	ratio("field accuracy", t.fields_ok, t.fields);
	if (t.fields)
		printf("%-26s %ld (wrong with confidence >= 0.8 and status ok; named fields)\n",
		       "wrong but sure", t.sure_wrong);
	for (int k = 0; k < t.nper; k++) {
		char what[80];
		snprintf(what, sizeof what, "  %s", t.per[k].key);
		ratio(what, t.per[k].ok, t.per[k].n);
		free(t.per[k].key);
	}
	free(t.per);
	if (t.cer_chars)
		printf("%-18s %.3f over %ld pages, %ld characters\n", "OCR/text CER",
		       (double)t.cer_edits / t.cer_chars, t.cer_pages, t.cer_chars);
	else
		printf("%-18s n/a (no read stage output)\n", "OCR/text CER");
	if (t.verdicts) {
		printf("%-18s %ld\n", "false eligible", t.false_eligible);
		printf("%-18s %ld\n", "false ineligible", t.false_ineligible);
	} else {
		printf("%-18s n/a\n", "false eligible");
		printf("%-18s n/a\n", "false ineligible");
	}
	times(timefile, t.cases);
	zz_eclose_stdout();
	/* a review where the truth has a verdict is caution, not failure: only
	 * a lost document, a false "eligible" or a false "ineligible" fails
	 * the run */
	return t.docs_ok == t.docs && !t.false_eligible && !t.false_ineligible ? 0 : ZZ_EXIT_ITEMS;
}
