/* zizhi-licscore - score the licence fields zizhi read from real licence
 * images against a hand-checked truth table (the real-licences set's
 * truth.tsv), beside how often the raw tesseract text of the same image
 * holds the true value at all.
 *
 *   zizhi-licscore [-v] TRUTH.tsv RUNS
 *
 * RUNS has a line per image: FILE CASEDIR ZZ_CPU ZZ_WALL TESS_CPU
 * TESS_WALL TESS_TXT [PAGE_CPU] (tab-separated; FILE as truth.tsv names
 * it, CASEDIR "-" when no case came out; PAGE_CPU the tesseract CLI's on
 * the page images zizhi read, as it scaled them, when measured). A truth
 * cell that is empty means the licence has nothing to extract there: a
 * value read is then a false positive, counted apart. A value is "sure"
 * when its confidence is at least 0.9 and its status is ok or confirmed:
 * a wrong sure value is what no reviewer is sent to look at. The 15-digit
 * 注册号 of licences before the credit code is scored apart (not in
 * "all"): from a reg_no column when the table has one, else from the
 * notes ("注册号 440125000195704"). */
#define _GNU_SOURCE
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zizhi.h"

enum { F_USCC, F_NAME, F_TYPE, F_CAPITAL, F_ESTAB, F_REP, F_REGNO, NF };
#define NSCORED F_REGNO /* the fields "all" counts */
/* truth.tsv's columns for each field, and the field zizhi names */
static const int tcol[NF] = {1, 2, 3, 5, 6, 7, 9};
static const char *const fname[NF] = {"org.uscc", "org.name", "org.type",
                                      "org.registered_capital", "org.established",
                                      "org.legal_rep", "org.reg_no"};
static const char *const label[NF] = {"uscc", "name", "type", "capital", "established",
                                      "legal_rep", "reg_no"};

typedef struct got {
	char *value, *status;
	double conf;
} got;

typedef struct tally {
	long n, ok, sure_wrong, false_pos, absent_ok, absent, tess_has;
} tally;

static int verbose;

/* whitespace out, brackets and width folded, as the truth is written */
static char *
fold(const char *s)
{
	char *n = zz_norm_name(s ? s : "");
	return n ? n : zz_estrdup("");
}

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? zz_estrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* The licence fields of a case's extract.xml: those of its
 * business-licence documents. */
static int
read_case(const char *casedir, got g[NF], char *type, size_t tn)
{
	memset(g, 0, sizeof(got) * NF);
	snprintf(type, tn, "-");
	char *path = zz_easprintf("%s/extract/extract.xml", casedir);
	xmlDocPtr doc = access(path, R_OK) == 0 ? xmlReadFile(path, NULL, XML_PARSE_NONET) : NULL;
	free(path);
	if (!doc)
		return -1;
	char lic[64][16];
	int nlic = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "document"))
			continue;
		char *t = prop(n, "type"), *id = prop(n, "id");
		if (t && !strcmp(type, "-"))
			snprintf(type, tn, "%s", t);
		if (t && id && !strcmp(t, "business-licence") && nlic < 64) {
			snprintf(type, tn, "%s", t);
			snprintf(lic[nlic++], sizeof lic[0], "%s", id);
		}
		free(t), free(id);
	}
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "field"))
			continue;
		char *name = prop(n, "name"), *d = prop(n, "document");
		int mine = 0;
		for (int i = 0; d && i < nlic; i++)
			mine |= !strcmp(d, lic[i]);
		for (int f = 0; mine && name && f < NF; f++)
			if (!strcmp(name, fname[f]) && !g[f].value) {
				char *c = prop(n, "confidence");
				g[f].value = prop(n, "value");
				g[f].status = prop(n, "status");
				g[f].conf = c ? atof(c) : 0;
				free(c);
			}
		free(name), free(d);
	}
	xmlFreeDoc(doc);
	return 0;
}

/* Is the true value somewhere in tesseract's text (folded)? Dates as a
 * licence prints them in digits. */
static int
tess_has(const char *txt, int f, char **cols)
{
	const char *want = cols[tcol[f]];
	if (f == F_CAPITAL)
		want = cols[4];
	if (f == F_ESTAB) {
		int y = 0, m = 0, d = 0;
		if (sscanf(want, "%d-%d-%d", &y, &m, &d) != 3)
			return 0;
		char a[64], b[64];
		snprintf(a, sizeof a, "%d年%02d月%02d日", y, m, d);
		snprintf(b, sizeof b, "%d年%d月%d日", y, m, d);
		return strstr(txt, a) || strstr(txt, b);
	}
	char *w = fold(want);
	int r = *w && strstr(txt, w);
	free(w);
	return r;
}

static void
split(char *line, char **cols, int max)
{
	int n = 0;
	line[strcspn(line, "\n")] = '\0';
	for (char *p = line; n < max;) {
		cols[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	while (n < max)
		cols[n++] = "";
}

/* the RUNS line for file, or NULL */
static char *
run_for(const char *runs, const char *file, char **cols)
{
	FILE *fp = fopen(runs, "r");
	char *line = NULL;
	size_t cap = 0;
	while (fp && getline(&line, &cap, fp) > 0) {
		size_t n = strlen(file);
		if (!strncmp(line, file, n) && line[n] == '\t') {
			fclose(fp);
			split(line, cols, 8);
			return line;
		}
	}
	if (fp)
		fclose(fp);
	free(line);
	return NULL;
}

static char *
slurp_folded(const char *path)
{
	char *data = NULL;
	size_t n = 0;
	if (!path || zz_read_file(path, 1 << 24, &data, &n) < 0)
		return zz_estrdup("");
	char *f = fold(data);
	free(data);
	return f;
}

int
main(int argc, char **argv)
{
	int opt;
	while ((opt = getopt(argc, argv, "v")) != -1)
		if (opt == 'v')
			verbose = 1;
		else
			return 2;
	if (argc - optind != 2) {
		fprintf(stderr, "usage: zizhi-licscore [-v] TRUTH.tsv RUNS\n");
		return 2;
	}
	const char *truth = argv[optind], *runs = argv[optind + 1];
	FILE *fp = fopen(truth, "r");
	if (!fp) {
		fprintf(stderr, "zizhi-licscore: cannot open '%s'\n", truth);
		return 4;
	}
	tally t[NF] = {{0}};
	double zz_cpu = 0, tess_cpu = 0, zz_wall = 0, tess_wall = 0, worst = 0;
	double page_cpu = 0, page_zz = 0, page_worst = 0;
	int images = 0, over = 0, paged = 0, page_over = 0;
	char *line = NULL;
	size_t cap = 0;
	printf("%-16s %-17s %6s %6s %6s %5s %6s %5s  %s\n", "image", "type", "right", "zz s",
	       "tess s", "ratio", "page s", "ratio", "wrong (read / true)");
	for (int first = 1; getline(&line, &cap, fp) > 0; first = 0) {
		char *tc[10], regno[16] = "";
		if (first)
			continue;
		split(line, tc, 10);
		const char *r = strstr(tc[8], "注册号");
		while (!*tc[9] && r && *r && !(*r >= '0' && *r <= '9'))
			r++;
		if (!*tc[9] && r && strspn(r, "0123456789") == 15)
			memcpy(regno, r, 15), tc[9] = regno;
		char *rc[8], *rl = run_for(runs, tc[0], rc);
		if (!rl)
			continue;
		got g[NF];
		char type[64];
		int have = strcmp(rc[1], "-") && read_case(rc[1], g, type, sizeof type) == 0;
		if (!have)
			memset(g, 0, sizeof g), snprintf(type, sizeof type, "(none)");
		char *txt = slurp_folded(rc[6]);
		int right = 0, scoreable = 0, scored_right = 0, scored = 0;
		zz_buf wrong = {0};
		zz_buf_adds(&wrong, "");
		for (int f = 0; f < NF; f++) {
			char *tv = fold(tc[tcol[f]]), *gv = fold(g[f].value);
			int sure = g[f].value && *g[f].value && g[f].conf >= 0.9 && g[f].status &&
			           (!strcmp(g[f].status, "ok") || !strcmp(g[f].status, "confirmed"));
			if (!*tv) {
				t[f].absent++;
				if (*gv) {
					t[f].false_pos++;
					zz_buf_adds(&wrong, " ");
					zz_buf_adds(&wrong, label[f]);
					zz_buf_adds(&wrong, "=");
					zz_buf_adds(&wrong, gv);
					zz_buf_adds(&wrong, sure ? "/(absent)!" : "/(absent)");
				} else {
					t[f].absent_ok++;
				}
			} else {
				int ok = !strcmp(tv, gv);
				t[f].n++, scoreable++;
				scored += f < NSCORED;
				t[f].ok += ok, right += ok;
				t[f].tess_has += tess_has(txt, f, tc);
				if (!ok && sure)
					t[f].sure_wrong++;
				if (!ok) {
					zz_buf_adds(&wrong, " ");
					zz_buf_adds(&wrong, label[f]);
					zz_buf_adds(&wrong, "=");
					zz_buf_adds(&wrong, *gv ? gv : "∅");
					zz_buf_adds(&wrong, sure ? "!/" : "/");
					zz_buf_adds(&wrong, tv);
				}
			}
			free(tv), free(gv);
			free(g[f].value), free(g[f].status);
			if (f == NSCORED - 1)
				scored_right = right;
		}
		double zc = atof(rc[2]), tcpu = atof(rc[4]);
		double ratio = tcpu > 0 ? zc / tcpu : 0;
		images++;
		zz_cpu += zc, tess_cpu += tcpu, zz_wall += atof(rc[3]), tess_wall += atof(rc[5]);
		over += ratio > 1.5;
		worst = ratio > worst ? ratio : worst;
		double pcpu = atof(rc[7]), pratio = pcpu > 0 ? zc / pcpu : 0;
		if (pcpu > 0) {
			paged++, page_cpu += pcpu, page_zz += zc, page_over += pratio > 1.5;
			page_worst = pratio > page_worst ? pratio : page_worst;
		}
		const char *base = strrchr(tc[0], '/');
		printf("%-16s %-17s %3d/%-2d %6.1f %6.1f %5.2f %6.1f %5.2f %s\n",
		       base ? base + 1 : tc[0], type, scored_right, scored, zc, tcpu, ratio, pcpu,
		       pratio, verbose ? wrong.s : "");
		zz_buf_free(&wrong);
		free(txt);
		free(rl);
	}
	free(line);
	fclose(fp);
	long n = 0, ok = 0, sw = 0, fp_ = 0, th = 0, ab = 0;
	printf("\n%-12s %9s %7s %10s %12s %11s\n", "field", "exact", "", "wrong+sure", "false value",
	       "tesseract");
	for (int f = 0; f < NF; f++) {
		printf("%-12s %4ld/%-4ld %6.1f%% %10ld %7ld/%-4ld %4ld/%-4ld\n", label[f], t[f].ok,
		       t[f].n, t[f].n ? 100.0 * t[f].ok / t[f].n : 0, t[f].sure_wrong, t[f].false_pos,
		       t[f].absent, t[f].tess_has, t[f].n);
		if (f >= NSCORED)
			continue;
		n += t[f].n, ok += t[f].ok, sw += t[f].sure_wrong, fp_ += t[f].false_pos;
		th += t[f].tess_has, ab += t[f].absent;
	}
	printf("%-12s %4ld/%-4ld %6.1f%% %10ld %7ld/%-4ld %4ld/%-4ld\n", "all", ok, n,
	       n ? 100.0 * ok / n : 0, sw, fp_, ab, th, n);
	printf("\nimages %d; CPU seconds per image: zizhi %.2f, tesseract %.2f (ratio %.2f); "
	       "wall %.2f vs %.2f\n",
	       images, images ? zz_cpu / images : 0, images ? tess_cpu / images : 0,
	       tess_cpu > 0 ? zz_cpu / tess_cpu : 0, images ? zz_wall / images : 0,
	       images ? tess_wall / images : 0);
	printf("images over 1.5 x tesseract's CPU time: %d (worst %.2f)\n", over, worst);
	if (paged)
		printf("against tesseract on the pages as zizhi scaled them (%d images): ratio %.2f; "
		       "over 1.5 x: %d (worst %.2f)\n",
		       paged, page_zz / page_cpu, page_over, page_worst);
	return 0;
}
