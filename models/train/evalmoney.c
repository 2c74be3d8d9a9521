/* evalmoney - the capital-numeral model read through the library
 * (zz_money_read), and optionally Debian's chi_sim (zz_reread), on the
 * lines of text2image pages, scored against their box files:
 *
 *   evalmoney [-v] [-c] [-m MARGIN] [-s SCALE] [-d DIR] PAGES.tif...
 *
 * Each PAGES.tif has PAGES.box beside it (text2image's: a box a
 * character, a tab box ending each line). A line's box is its
 * characters' grown by MARGIN pixels (default 8), so the label and the
 * gaps stay in the box as a caller would cut it. Prints, per file and in
 * all, for the model (and chi_sim with -c): character error rate with
 * white space left out (spacing is the layout's, not the amount's), the
 * lines read exactly, and the lines whose amount zz_norm_money gives
 * right (the label, spaces and colon before it dropped). -v prints each
 * wrong line; -s scales the pages first (0.5: a 300-dpi page as a
 * 150-dpi scan). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zizhi.h"

typedef struct {
	int x0, y0, x1, y1, page;
	zz_buf text;
} boxline;

typedef struct {
	long lines, chars, edits, exact, amounts, amounts_right;
	double conf_right, conf_wrong;
} score;

static int verbose;
static double page_scale = 1;

/* the lines of a box file (coordinates from the bottom of the page) */
static boxline *
read_boxes(const char *path, int *n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		zz_die(ZZ_EXIT_IO, "cannot open %s", path);
	boxline *v = NULL, *cur = NULL;
	int cap = 0;
	*n = 0;
	char buf[256];
	while (fgets(buf, sizeof buf, f)) {
		size_t k = buf[0] == ' ' || buf[0] == '\t' ? 1 : strcspn(buf, " ");
		int x0, y0, x1, y1, pg;
		if (sscanf(buf + k, "%d %d %d %d %d", &x0, &y0, &x1, &y1, &pg) != 5)
			continue;
		if (buf[0] == '\t') {
			cur = NULL;
			continue;
		}
		if (!cur) {
			cur = ZZ_PUSH(v, *n, cap);
			cur->x0 = x0, cur->y0 = y0, cur->x1 = x1, cur->y1 = y1, cur->page = pg;
			zz_buf_add(&cur->text, "", 0);
		}
		cur->x0 = x0 < cur->x0 ? x0 : cur->x0, cur->y0 = y0 < cur->y0 ? y0 : cur->y0;
		cur->x1 = x1 > cur->x1 ? x1 : cur->x1, cur->y1 = y1 > cur->y1 ? y1 : cur->y1;
		zz_buf_add(&cur->text, buf, k);
	}
	fclose(f);
	return v;
}

/* code points of s without white space */
static unsigned *
codepoints(const char *s, size_t *n)
{
	size_t len = strlen(s), k;
	unsigned *cp = zz_emalloc((len + 1) * sizeof *cp);
	*n = 0;
	for (size_t i = 0; i < len; i += k) {
		unsigned c = zz_utf8_decode(s + i, &k);
		if (c != ' ' && c != '\t' && c != '\n' && c != 0x3000)
			cp[(*n)++] = c;
	}
	return cp;
}

/* the amount of a line with its label dropped (注册资本： etc.); -1 when
 * there is none */
static long long
amount_of(const char *s)
{
	static const char *const label[] = {"注", "册", "资", "本", "出", "额", "实", "收",
	                                    "：", ":", " ", NULL};
	for (int again = 1; again;) {
		again = 0;
		for (int i = 0; label[i]; i++)
			if (!strncmp(s, label[i], strlen(label[i]))) {
				s += strlen(label[i]), again = 1;
				break;
			}
	}
	long long yuan;
	return zz_norm_money(s, 1, &yuan) >= 0 ? yuan : -1;
}

static void
tally(score *sc, const char *truth, const char *got, float conf, const char *who)
{
	size_t n, m;
	unsigned *a = codepoints(truth, &n), *b = codepoints(got, &m);
	size_t e = zz_edits(a, n, b, m);
	long long want = amount_of(truth), have = amount_of(got);
	sc->lines++, sc->chars += (long)n, sc->edits += (long)e;
	sc->exact += e == 0;
	if (e == 0)
		sc->conf_right += conf;
	else
		sc->conf_wrong += conf;
	if (want >= 0) {
		sc->amounts++;
		sc->amounts_right += want == have;
	}
	if (verbose && e)
		printf("  %-8s %s | %s (%.2f)\n", who, truth, got, conf);
	free(a), free(b);
}

static void
report(const char *what, const char *who, const score *s)
{
	long wrong = s->lines - s->exact;
	printf("%-22s %-8s CER %6.2f%% (%ld/%ld)  lines exact %5.1f%% (%ld/%ld)  "
	       "amounts %5.1f%% (%ld/%ld)  conf right %.2f wrong %.2f\n",
	       what, who, s->chars ? 100.0 * s->edits / s->chars : 0.0, s->edits, s->chars,
	       s->lines ? 100.0 * s->exact / s->lines : 0.0, s->exact, s->lines,
	       s->amounts ? 100.0 * s->amounts_right / s->amounts : 0.0, s->amounts_right,
	       s->amounts, s->exact ? s->conf_right / s->exact : 0.0,
	       wrong ? s->conf_wrong / wrong : 0.0);
}

static void
add_score(score *to, const score *s)
{
	to->lines += s->lines, to->chars += s->chars, to->edits += s->edits;
	to->exact += s->exact, to->amounts += s->amounts, to->amounts_right += s->amounts_right;
	to->conf_right += s->conf_right, to->conf_wrong += s->conf_wrong;
}

static void
eval_file(const char *tif, zz_money *m, zz_reread *r, int margin, score *all)
{
	char *boxpath = zz_easprintf("%.*s.box", (int)(strlen(tif) - 4), tif), *err = NULL;
	int n = 0, pageno = -1;
	boxline *lines = read_boxes(boxpath, &n);
	score sm = {0}, sr = {0};
	PIX *page = NULL;
	for (int i = 0; i < n; i++) {
		boxline *l = &lines[i];
		if (l->page != pageno) {
			pixDestroy(&page);
			PIX *p = zz_image_page(tif, l->page, 1L << 26, &err);
			if (!p)
				zz_die(1, "%s: %s", tif, err);
			PIX *g = pixConvertTo8(p, 0);
			pixDestroy(&p);
			page = page_scale == 1 ? g : pixScale(g, (float)page_scale, (float)page_scale);
			if (page != g)
				pixDestroy(&g);
			pageno = l->page;
		}
		double f = page_scale;
		int ph = pixGetHeight(page);
		int x = (int)((l->x0 - margin) * f), y = ph - (int)((l->y1 + margin) * f);
		int w = (int)((l->x1 - l->x0 + 2 * margin) * f), h = (int)((l->y1 - l->y0 + 2 * margin) * f);
		float conf = 0;
		char *got = zz_money_read(m, page, x, y, w, h, &conf, &err);
		if (!got)
			zz_die(1, "%s: %s", tif, err);
		tally(&sm, l->text.s, got, conf, "zzmoney");
		free(got);
		if (r) {
			got = zz_reread_box(r, page, x, y, w, h, 1.0, NULL, &conf, &err);
			if (!got)
				zz_die(1, "%s: %s", tif, err);
			tally(&sr, l->text.s, got, conf, "chi_sim");
			free(got);
		}
		zz_buf_free(&l->text);
	}
	const char *base = strrchr(tif, '/') ? strrchr(tif, '/') + 1 : tif;
	report(base, "zzmoney", &sm);
	add_score(&all[0], &sm);
	if (r) {
		report(base, "chi_sim", &sr);
		add_score(&all[1], &sr);
	}
	pixDestroy(&page);
	free(lines);
	free(boxpath);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	const char *dir = "config/models";
	int chi = 0, margin = 8, c;
	while ((c = getopt(argc, argv, "vcm:s:d:")) != -1) {
		switch (c) {
		case 'v': verbose = 1; break;
		case 'c': chi = 1; break;
		case 'm': margin = atoi(optarg); break;
		case 's': page_scale = atof(optarg); break;
		case 'd': dir = optarg; break;
		default: zz_die(2, "usage: evalmoney [-v] [-c] [-m MARGIN] [-s SCALE] [-d DIR] "
		                 "PAGES.tif...");
		}
	}
	char *err = NULL;
	zz_money *m = zz_money_new(dir, &err);
	if (!m)
		zz_die(1, "%s", err);
	zz_reread *r = chi ? zz_reread_new("chi_sim", &err) : NULL;
	if (chi && !r)
		zz_die(1, "%s", err);
	score all[2] = {{0}};
	for (int i = optind; i < argc; i++)
		eval_file(argv[i], m, r, margin, all);
	report("all", "zzmoney", &all[0]);
	if (r)
		report("all", "chi_sim", &all[1]);
	zz_money_destroy(&m);
	zz_reread_destroy(&r);
	zz_eclose_stdout();
	return 0;
}
