/* evidence.c - the reviewer's evidence for key fields: a crop of the
 * value's box from the page image, and a second reading of the box when
 * the first is invalid or doubtful. */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "extract/extract.h"

typedef struct pages {
	const char *casedir;
	const zz_doc *doc;
	int page;
	PIX *pix;
	zz_reread *rr;
	const char *langs;
	int rr_failed;
	zz_reread *rr2;      /* the second engine, started when first needed */
	const char *langs2; /* its models; NULL: not used */
	int rr2_failed;
	zz_money *mm;       /* the money model, started when first needed */
	const char *models; /* where it is; NULL: not used */
	int mm_failed;
} pages;

static PIX *
doc_page_pix(pages *pg, const zz_doc *d, int page)
{
	if (pg->doc == d && pg->page == page)
		return pg->pix;
	pixDestroy(&pg->pix);
	pg->doc = d, pg->page = page;
	const zz_dpage *p = zz_doc_page(d, page);
	char *err = NULL;
	if (p && p->width)
		pg->pix = zz_region_page(pg->casedir, p->image, d->pdf, page, 300, &err);
	if (!pg->pix && err)
		zz_warn("%s: %s", d->path, err);
	free(err);
	return pg->pix;
}

static PIX *
page_pix(pages *pg, const zz_found *f)
{
	return doc_page_pix(pg, f->doc, f->page);
}

/* The re-read engine, started when first needed; NULL when it cannot be. */
static zz_reread *
engine(pages *pg)
{
	char *err = NULL;
	if (!pg->rr && !pg->rr_failed && !(pg->rr = zz_reread_new(pg->langs, &err))) {
		zz_warn("cannot start the re-read engine: %s", err);
		pg->rr_failed = 1;
		free(err);
	}
	return pg->rr;
}

/* The second engine (documents.xml second-langs=), started when first
 * needed; NULL when there is none or it cannot be started (said once:
 * extraction goes on without it). */
static zz_reread *
engine2(pages *pg)
{
	char *err = NULL;
	if (!pg->rr2 && !pg->rr2_failed && pg->langs2 &&
	    !(pg->rr2 = zz_reread_new(pg->langs2, &err))) {
		zz_warn("cannot start the second engine: %s", err);
		pg->rr2_failed = 1;
		free(err);
	}
	return pg->rr2;
}

/* A line of a page read again (lostrows.c). */
static char *
read_line(void *ctx, const zz_doc *d, int page, int x, int y, int w, int h, double scale,
          const char *whitelist, int how, float *conf)
{
	pages *pg = ctx;
	PIX *pix = doc_page_pix(pg, d, page);
	zz_reread *rr = pix ? how & ZZ_LINE_SECOND ? engine2(pg) : engine(pg) : NULL;
	char *err = NULL;
	if (!rr)
		return NULL;
	/* a sixth of the height above and below: a third takes in the
	 * edges of the rows next to it, and the line reads as noise */
	char *t = (how & ZZ_LINE_INK ? zz_reread_ink : zz_reread_box)(rr, pix, x, y - h / 6, w,
	                                                            h + 2 * (h / 6), scale,
	                                                            whitelist, conf, &err);
	free(err);
	return t;
}

/* What was read of a field: the first engine before its re-reads and
 * in them (1x, 2x), then the second engine (1x, 2x); valid readings
 * only, texts and values, for the engines to be weighed against each
 * other. */
typedef struct readings {
	char *first, *first_raw;
	float first_conf;
	char *t[4], *v[4];
	float c[4];
	/* a code's every reading of its shape, valid or not, for
	 * zz_uscc_agree */
	char *codes[12];
	int ncodes;
} readings;

static void
readings_free(readings *r)
{
	free(r->first), free(r->first_raw);
	for (int i = 0; i < 4; i++)
		free(r->t[i]), free(r->v[i]);
	for (int i = 0; i < r->ncodes; i++)
		free(r->codes[i]);
	*r = (readings){0};
}

static void
keep_reading(readings *r, int i, int ok, const char *text, const char *value, float conf)
{
	if (ok)
		r->t[i] = zz_estrdup(text), r->v[i] = zz_estrdup(value), r->c[i] = conf;
}

/* The width a re-read looks at: what was misread may be shorter than
 * what is there, eight characters at least; an organisation's name that
 * gave nothing valid may have lost its legal form (东莞市宏晟交通设施有限
 * without its 公司): two characters more. Not a person's name, not a
 * word of a known set, not a figure: wider, they take in what follows
 * them on the line (a seal's edge read as a name beside a masked one). */
static int
read_width(const zz_found *f)
{
	const zz_fdef *d = f->def;
	if (*f->value)
		return f->w;
	int w = d->type == ZZ_V_NAME && !d->given_re && !d->nknown ? f->w + 2 * f->h : f->w;
	return w < 8 * f->h ? 8 * f->h : w;
}

/* A re-read's text t (taken over) as f's value: 1 when it is valid, and
 * plausible (07 for 1000万元 is no capital). */
static int
take_text(const zz_found *f, char *t, char **text, char **value)
{
	if (zz_field_normalise(f->def, t, f->unit ? f->unit : f->def->unit, value) < 0 ||
	    !zz_field_plausible(f->def, *value)) {
		free(t), free(*value);
		*value = NULL;
		return 0;
	}
	*text = t;
	return 1;
}

/* One reading of f's box at scale: the value's text (what the value
 * pattern picks from it) and its normalised value, or 0 when it gives no
 * valid value. */
static int
read_box_at(zz_reread *rr, PIX *pix, const zz_found *f, readings *r, double scale, int mx, int m,
            char **text, char **value, float *conf)
{
	char *err = NULL;
	int w = read_width(f);
	*text = *value = NULL;
	char *t = zz_reread_box(rr, pix, f->x - mx, f->y - m, w + 2 * mx, f->h + 2 * m, scale,
	                        f->def->whitelist, conf, &err);
	free(err);
	size_t mo = 0, ml = t ? strlen(t) : 0;
	if (!t || (f->def->value_re && !zz_re_match(f->def->value_re, t, 0, &mo, &ml))) {
		free(t); /* not even the shape of the value */
		return 0;
	}
	memmove(t, t + mo, ml);
	t[ml] = '\0';
	if (r && f->def->type == ZZ_V_USCC && r->ncodes < (int)(sizeof r->codes / sizeof *r->codes))
		r->codes[r->ncodes++] = zz_estrdup(t);
	return take_text(f, t, text, value);
}

/* The box with a margin of a third of its height, where a line touching
 * the edge would read worse; when that gives nothing valid, or nothing
 * usual (a name without a place or a surname), the box as it is: the
 * edges of the line above or of a label just before it, held to a
 * figure's alphabet, can take the whole line with them (2023年11月17日
 * read as 2), and a margin of paper can turn a character (常州市 read
 * as 第州市 with it, right without). A value of two or three characters
 * that gives nothing either way (周领 in a 36 x 22 box) gets a
 * character's height of paper each side, the line its length; only
 * then, since a label just before it comes in with it (卢一级). */
static int
read_box(zz_reread *rr, PIX *pix, const zz_found *f, readings *r, double scale, char **text,
         char **value, float *conf)
{
	/* a box much taller than the page's lines (a watermark's stroke or
	 * a stamp joined to the value: 86 px where lines are 35) reads as
	 * noise as one line: its middle band, a line's height and a bit,
	 * first */
	const zz_dpage *p = f->doc ? zz_doc_page(f->doc, f->page) : NULL;
	int lh = p ? zz_line_height(p) : 0;
	if (lh > 0 && 5 * f->h > 8 * lh) {
		zz_found band = *f;
		band.h = lh * 13 / 10, band.y = f->y + (f->h - band.h) / 2;
		if (read_box(rr, pix, &band, r, scale, text, value, conf))
			return 1;
	}
	int m = f->h / 3;
	if (!read_box_at(rr, pix, f, r, scale, m, m, text, value, conf)) {
		if (read_box_at(rr, pix, f, r, scale, 0, 0, text, value, conf))
			return 1;
		return read_width(f) < 3 * f->h &&
		       read_box_at(rr, pix, f, r, scale, f->h, m, text, value, conf);
	}
	char *t, *v;
	float c;
	if (zz_field_usual(f->def, *value) || !read_box_at(rr, pix, f, r, scale, 0, 0, &t, &v, &c))
		return 1;
	if (zz_field_usual(f->def, v)) {
		free(*text), free(*value);
		*text = t, *value = v, *conf = c;
	} else {
		free(t), free(v);
	}
	return 1;
}

/* A re-read kept for the reviewer, whatever came of it: how it was made,
 * what it read and how surely (the station lists them under the field). */
static void
tried(zz_found *f, const char *how, int ok, const char *text, float conf)
{
	char *t = ok ? zz_easprintf("%s%s%s '%s' %.2f", f->tried ? f->tried : "", f->tried ? "; " : "", how,
	                            text ? text : "", conf)
	             : zz_easprintf("%s%s%s: nothing read", f->tried ? f->tried : "", f->tried ? "; " : "", how);
	free(f->tried);
	f->tried = t;
}

static void
take(zz_found *f, char **text, char **value, double conf, const char *why)
{
	f->w = read_width(f); /* the box that was read */
	char *note = zz_easprintf("%s; first read '%s'", why, f->raw ? f->raw : "");
	free(f->raw), free(f->value), free(f->note);
	f->raw = *text, f->value = *value, f->note = note;
	*text = *value = NULL;
	f->status = "reread", f->conf = conf;
}

/* take, where another reading disagrees: the value is disputed, and
 * what agreed before, if anything, was the value replaced */
static void
take_disputed(zz_found *f, char **text, char **value, double conf, const char *why)
{
	take(f, text, value, conf, why);
	f->confirmed = 0;
	f->disputed = 1;
}

/* Are the digits of first the last digits of again, fewer (a figure whose
 * start the first reading lost)? */
static int
lost_lead(const char *first, const char *again)
{
	char a[64], b[64];
	size_t n = 0, m = 0;
	for (; first && *first && n + 1 < sizeof a; first++)
		if (*first >= '0' && *first <= '9')
			a[n++] = *first;
	for (; again && *again && m + 1 < sizeof b; again++)
		if (*again >= '0' && *again <= '9')
			b[m++] = *again;
	return n > 0 && m > n && !memcmp(a, b + m - n, n);
}

/* Does again begin with first and go on? */
static int
extends(const char *again, const char *first)
{
	size_t n = strlen(first);
	return n > 0 && strlen(again) > n && !strncmp(again, first, n);
}

/* A re-read confirms how a value was read, not that it is the field:
 * one found without its label keeps the doubt of how it was found. */
static void
capped(zz_found *f)
{
	if (f->cap > 0 && f->conf > f->cap)
		f->conf = f->cap;
}

/* Another reading disagrees with f's value, which stays for the
 * reviewer: note (taken over) says whose, the confidence is halved. */
static void
dispute(zz_found *f, char *note)
{
	free(f->note);
	f->note = note;
	f->conf *= 0.5;
	f->disputed = 1;
}

/* Reading k of r, -1 the first and 0-3 the re-reads: its value (NULL
 * when it gave none), *text and *conf. */
static const char *
reading(const readings *r, int k, const char **text, float *conf)
{
	*text = k < 0 ? r->first_raw : r->t[k];
	*conf = k < 0 ? r->first_conf : r->c[k];
	return k < 0 ? r->first : r->v[k];
}

/* How many of the readings before reading `upto` (2: the first
 * engine's; 4: both engines') were value, and in *mean, when not NULL,
 * how surely, on average (0 when none was). */
static int
support(const readings *r, const char *value, int upto, double *mean)
{
	double sum = 0;
	int n = 0;
	for (int k = -1; k < upto; k++) {
		const char *t;
		float c;
		const char *v = reading(r, k, &t, &c);
		if (v && !strcmp(v, value))
			sum += c, n++;
	}
	if (mean)
		*mean = n ? sum / n : 0;
	return n;
}

/* Reads a doubtful key field's box again as one line, at scale 1 and, when
 * that does not settle it, at scale 2: an invalid value is replaced by
 * the first valid re-read; a valid one stands when a re-read agrees, and
 * gives way when both re-reads agree against it (words; a figure only when
 * it was unsure and they are sure) or, a word barely read, to one re-read
 * made surely; otherwise it stays, its confidence halved, for the
 * reviewer. */
static void
reread(pages *pg, zz_found *f, readings *r)
{
	PIX *pix = page_pix(pg, f);
	if (!pix || !engine(pg))
		return;
	r->first = zz_estrdup(f->value), r->first_conf = f->conf;
	r->first_raw = zz_estrdup(f->raw ? f->raw : "");
	char *t1, *v1, *t2 = NULL, *v2 = NULL;
	float c1 = 0, c2 = 0;
	const zz_fdef *d = f->def;
	int ok1 = read_box(pg->rr, pix, f, r, 1.0, &t1, &v1, &c1), u1 = ok1 && zz_field_usual(d, v1);
	tried(f, "1x", ok1, t1, c1);
	/* a doubted value (a lone 1 in a date, a reading another document
	 * contradicts) is not settled by one re-read: the same engine errs
	 * alike at the same scale (2020年1月17日 twice, for 11月) */
	int settled = ok1 && (!*f->value ? u1 : !strcmp(v1, f->value) && !f->doubted);
	int ok2 = settled ? 0 : read_box(pg->rr, pix, f, r, 2.0, &t2, &v2, &c2);
	if (!settled)
		tried(f, "2x", ok2, t2, c2);
	int u0 = zz_field_usual(d, f->value), u2 = ok2 && zz_field_usual(d, v2);
	keep_reading(r, 0, ok1, t1, v1, c1);
	keep_reading(r, 1, ok2, t2, v2, c2);
	int two = ok2 && (!ok1 || c2 > c1); /* the surer valid re-read is the second */
	/* a re-read with what such values have (a surname, a place) is
	 * preferred to one without; one without never replaces a reading
	 * with it (谢天和 read again twice as 洲天和) */
	if (u2 && !u1)
		two = 1;
	else if (u1 && !u2)
		two = 0;
	int better = u0 || (two ? !u2 : !u1) ? 0 : 1; /* usual where the first was not */
	/* a value cut short inside its brackets, read again with the rest of
	 * its line (early_end) */
	int x1 = f->open_end && ok1 && extends(v1, f->value);
	int x2 = f->open_end && ok2 && extends(v2, f->value);
	if (!*f->value && (ok1 || ok2)) {
		int one = ok1 && (u1 || !u2);
		take(f, one ? &t1 : &t2, one ? &v1 : &v2, (one ? c1 : c2) * 0.9, "re-read");
	} else if (x1 || x2) {
		int one = x1 && (!x2 || c1 >= c2);
		take(f, one ? &t1 : &t2, one ? &v1 : &v2, (one ? c1 : c2) * 0.8,
		     "a re-read reads the rest of its line");
	} else if (((ok1 && !strcmp(v1, f->value)) || (ok2 && !strcmp(v2, f->value))) &&
	           (!f->doubted || ((!ok1 || !strcmp(v1, f->value)) && (!ok2 || !strcmp(v2, f->value))))) {
		f->conf = 1 - (1 - f->conf) * (1 - (ok1 && !strcmp(v1, f->value) ? c1 : c2));
		/* a name read by OCR stays unsure (fields.c): the same pixels
		 * read alike again do not make it sure (山东管邦 for 山东德邦,
		 * twice) */
		if (d->type == ZZ_V_NAME && f->conf > 0.89)
			f->conf = 0.89;
		capped(f);
		/* a cap's reason stays in the note (the unit not read) */
		char *note = f->cap > 0 && f->note ? zz_easprintf("%s; a re-read agrees", f->note)
		                                   : zz_easprintf("a re-read agrees");
		free(f->note);
		f->note = note;
		f->confirmed = 1;
	} else if (zz_field_words(d) && better) {
		take(f, two ? &t2 : &t1, two ? &v2 : &v1, (two ? c2 : c1) * 0.8,
		     "a re-read has what such names have");
	} else if (ok1 && ok2 && !strcmp(v1, v2) && zz_field_words(d) && (u1 || !u0)) {
		take(f, &t1, &v1, (c1 < c2 ? c1 : c2) * 0.8, "two re-reads agree");
	} else if (ok1 && ok2 && !strcmp(v1, v2) && d->type == ZZ_V_MONEY && lost_lead(f->raw, t1)) {
		/* 166.50 first, 1,166.50 twice with the box widened to its
		 * column: OCR drops a leading 1 and its comma at a cell's
		 * edge; taken, never as sure */
		take(f, &t1, &v1, (c1 < c2 ? c1 : c2) * 0.9, "two re-reads find the start it lost");
	} else if (ok1 && ok2 && !strcmp(v1, v2) && (f->conf < 0.7 || f->doubted) && c1 >= 0.95 &&
	           c2 >= 0.95) {
		/* a figure read unsurely or doubted (2023年1月17日 at 0.6, 11
		 * taken for 1) and twice again, each time surely and alike:
		 * taken, but never as sure, since the same engine errs alike */
		take(f, &t1, &v1, (c1 < c2 ? c1 : c2) * 0.5, "two sure re-reads agree");
	} else if (zz_field_words(d) && (ok1 || ok2) && f->conf < 0.2 && (two ? c2 : c1) >= 0.5 &&
	           ((two ? u2 : u1) || !u0)) {
		/* a reading barely made (月氢 at 0.08) gives way to a re-read
		 * made surely (周领 at 0.7): taken, never as sure */
		take(f, two ? &t2 : &t1, two ? &v2 : &v1, (two ? c2 : c1) * 0.5, "a surer re-read");
	} else if (ok1 || ok2) {
		dispute(f, zz_easprintf("a re-read disagrees: '%s'", ok1 ? t1 : t2));
	}
	free(t1), free(v1), free(t2), free(v2);
}

/* Does the second engine read this field: a name or a word of a known
 * set, or a figure whose reading it can weigh (a date; a code with its
 * check digit)? Not free text: a certificate number's I is its 1
 * (CNITSEC2023SRV-SO-I-2348), and nothing says which was printed. */
static int
second_reads(const zz_fdef *d)
{
	return d->type == ZZ_V_NAME || d->type == ZZ_V_ENUM || d->type == ZZ_V_DATE ||
	       d->type == ZZ_V_USCC || d->type == ZZ_V_REGNO;
}

/* f's box read by the second engine at scale 1 and 2, each kept in
 * f->tried: 2 with the text and value when both give the same valid
 * value, or 1, one being enough (a code its check digit checks, where
 * the first engine read none valid), when one gives a valid value and
 * the other none; 0 otherwise. *conf is the lesser confidence, *mean
 * their mean. An engine that reads a box otherwise at each scale says
 * nothing of it. */
static int
second_reading(pages *pg, PIX *pix, zz_found *f, int one, readings *r, char **text,
               char **value, float *conf, double *mean)
{
	zz_reread *rr = engine2(pg);
	char *t[2] = {NULL, NULL}, *v[2] = {NULL, NULL}, how[64];
	float c[2] = {0, 0};
	int ok[2] = {0, 0};
	*text = *value = NULL;
	for (int i = 0; rr && i < 2 && (i == 0 || ok[0] || one); i++) {
		ok[i] = read_box(rr, pix, f, r, i + 1.0, &t[i], &v[i], &c[i]);
		snprintf(how, sizeof how, "%s %dx", pg->langs2, i + 1);
		tried(f, how, ok[i], t[i], c[i]);
		keep_reading(r, 2 + i, ok[i], t[i], v[i], c[i]);
	}
	int k = ok[0] && ok[1] && !strcmp(v[0], v[1]) ? 0 : one && ok[0] != ok[1] ? !ok[0] : -1;
	if (k >= 0) {
		*text = t[k], *value = v[k], t[k] = v[k] = NULL;
		*mean = ok[0] && ok[1] ? (c[0] + c[1]) / 2 : c[k];
		*conf = ok[0] && ok[1] && c[1] < c[0] ? c[1] : c[k];
	}
	free(t[0]), free(t[1]), free(v[0]), free(v[1]);
	return k < 0 ? 0 : ok[0] && ok[1] ? 2 : 1;
}

/* A doubtful key field read again by the second engine, a model trained
 * apart whose errors are not the first's (山东德邦 where chi_sim reads
 * 山东管邦 three times; 2020年11月17日 where it reads 1月 twice). Read as
 * the value is, it confirms it, as a second engine can. Read otherwise,
 * engine is weighed against engine. A word: a reading with what such
 * values have (a surname, a place) against one without, then a reading
 * the first engine also made once, then how surely each engine read its
 * own. A figure: taken where the first engine read none valid, or where
 * it too read it once; never outweighed on confidence alone (the first
 * engine's figures fail alike, not unsurely). Whichever stands, the
 * other is kept for the reviewer and the value is disputed: never
 * sure. */
static void
second_opinion(pages *pg, zz_found *f, readings *r)
{
	PIX *pix = second_reads(f->def) ? page_pix(pg, f) : NULL;
	char *t, *h;
	float lo = 0;
	double dm = 0;
	int checked = f->def->type == ZZ_V_USCC || f->def->type == ZZ_V_REGNO;
	int n = pix ? second_reading(pg, pix, f, checked && !*f->value, r, &t, &h, &lo, &dm) : 0;
	if (!n)
		return;
	const zz_fdef *d = f->def;
	if (!strcmp(h, f->value)) {
		/* a value re-reads put in place stays as unsure as they left it */
		if (!f->disputed && strcmp(f->status, "reread")) {
			f->conf = 1 - (1 - f->conf) * (1 - lo);
			/* a name is still read, never proved; a doubted figure
			 * (a lone 1 in a date) fails alike in both engines */
			if ((d->type == ZZ_V_NAME || f->doubted) && f->conf > 0.89)
				f->conf = 0.89;
			capped(f);
		}
		char *note = f->note ? zz_easprintf("%s; the second engine reads it alike", f->note)
		                     : zz_estrdup("the second engine reads it alike");
		free(f->note);
		f->note = note;
		f->confirmed = 1;
	} else {
		double ours;
		int both = support(r, h, 2, NULL) > 0, theirs;
		support(r, f->value, 2, &ours);
		if (zz_field_words(d)) {
			int uv = *f->value && zz_field_usual(d, f->value), uh = zz_field_usual(d, h);
			theirs = !(uv && !uh) && ((uh && !uv) || both || dm > ours);
		} else {
			theirs = !*f->value || both;
		}
		if (theirs) {
			take_disputed(f, &t, &h, dm * 0.6,
			              n == 2 ? "the second engine reads it so at both scales"
			                     : "the second engine reads it so at one scale, its check "
			                       "digit holding");
		} else {
			dispute(f, zz_easprintf("the second engine reads '%s' at both scales", t));
		}
	}
	free(t), free(h);
}

/* Reading k of r replaces f's value, disputed: what the others read
 * stays in tried. */
static void
take_reading(zz_found *f, const readings *r, int k, double factor, const char *why)
{
	const char *text;
	float conf;
	const char *value = reading(r, k, &text, &conf);
	char *t = zz_estrdup(text), *v = zz_estrdup(value);
	take_disputed(f, &t, &v, conf * factor, why);
}

/* The name a reading v gives, written as names are: v itself, or v
 * without its last character when v is one longer than names are
 * written and ran on into what follows it on the line (李天锋仪, an
 * overlay's 仅限… after 李天锋); NULL when neither is. buf holds the
 * shorter one. */
static const char *
name_in(const zz_fdef *d, const char *v, char *buf, size_t size)
{
	if (!v || !*v)
		return NULL;
	if (zz_field_likely(d, v))
		return v;
	size_t n = strlen(v), i = n;
	while (i > 0 && ((unsigned char)v[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0 || zz_utf8_len(v) < 4 || n >= size)
		return NULL;
	memcpy(buf, v, i - 1);
	buf[i - 1] = 0;
	return zz_field_likely(d, buf) ? buf : NULL;
}

/* A person's name read as names are not written (唐玲柄: a surname,
 * then a character given names seldom have; 车天锋仅, run on into the
 * print after it) where another reading of it is (唐玲丽, the second
 * engine at scale 2; 李天锋仪 without its last character): that one is
 * taken, the one made most often, then the surest; disputed and unsure,
 * since a rare character is no proof (all readings stay in tried). */
static void
likeliest(zz_found *f, const readings *r)
{
	const zz_fdef *d = f->def;
	if (!d->given_re || !*f->value || zz_field_likely(d, f->value))
		return;
	char names[5][64];
	const char *of[5];
	float conf[5];
	for (int k = -1; k < 4; k++) {
		const char *t;
		of[k + 1] = name_in(d, reading(r, k, &t, &conf[k + 1]), names[k + 1], sizeof names[0]);
	}
	int bk = -2, bn = 0;
	for (int k = 0; k < 5; k++) {
		int n = 0;
		for (int j = 0; of[k] && j < 5; j++)
			n += of[j] && !strcmp(of[j], of[k]);
		if (n > bn || (n && n == bn && conf[k] > conf[bk + 1]))
			bk = k - 1, bn = n;
	}
	if (bk < -1)
		return;
	/* (of[] points into r, or into names when the last character went) */
	const char *best = of[bk + 1];
	int cut = best == names[bk + 1];
	char *why = zz_easprintf("another reading is written as names are, '%s' is not%s", f->value,
	                         cut ? "; it ran on a character past the name" : "");
	take_reading(f, r, bk, 0.5, why);
	if (cut) {
		free(f->value);
		f->value = zz_estrdup(best);
	}
	free(why);
}

/* A date its readings give otherwise (2014年09月13日 twice, 2014年03月13日
 * once by the second engine): the one the same day printed again agrees
 * with (营业期限 from 201年03月 to 2044年03月05日) stands, disputed and
 * unsure; all readings stay in tried. */
static void
by_term(const zz_foundset *fs, zz_found *f, const readings *r)
{
	const char *dates[5];
	int ks[5], n = 0;
	for (int k = -1; k < 4 && f->def->type == ZZ_V_DATE; k++) {
		const char *t;
		float c;
		const char *v = reading(r, k, &t, &c);
		int seen = !v || !*v;
		for (int i = 0; i < n && !seen; i++)
			seen = !strcmp(dates[i], v);
		if (!seen)
			dates[n] = v, ks[n++] = k;
	}
	int i = n > 1 ? zz_same_day_pick(f, fs, dates, n) : -1;
	if (i < 0 || !strcmp(dates[i], f->value))
		return;
	char *why = zz_easprintf("its readings differ; the day printed again agrees with %s, not %s",
	                         dates[i], *f->value ? f->value : "none");
	take_reading(f, r, ks[i], 0.5, why);
	free(why);
}

/* A code no reading gave valid, its readings differing in a few places
 * (6 or B, J or T, Z or E): the one code both its check characters allow
 * among the characters read (zz_uscc_agree), disputed and unsure; every
 * reading stays in tried. */
static void
by_checks(zz_found *f, const readings *r)
{
	if (f->def->type != ZZ_V_USCC || *f->value)
		return;
	const char *raw[1 + sizeof r->codes / sizeof *r->codes];
	int n = 0;
	if (r->first_raw && *r->first_raw)
		raw[n++] = r->first_raw;
	for (int i = 0; i < r->ncodes; i++)
		raw[n++] = r->codes[i];
	char code[19];
	if (!zz_uscc_agree(raw, n, code))
		return;
	char *t = zz_estrdup(code), *v = zz_estrdup(code);
	take_disputed(f, &t, &v, 0.3, "no reading is valid; the one code both check characters "
	                              "allow among the characters read");
}

/* A name its readings each give wrong in a place of their own
 * (沈阳瑞箭塑胶 first, then 瑞腾饮胶, 瑞腾馈胶, 瑞腾塑胶): the name they
 * agree on character by character (zz_vote_chars), when it is valid
 * and not the value already (卓朋邦 three times by the first engine
 * against 章朋邦 twice by the second); disputed and unsure, since no
 * one reading gave it, and every reading stays in tried. */
static void
by_vote(zz_found *f, const readings *r)
{
	if (f->def->type != ZZ_V_NAME)
		return;
	const char *v[5];
	double sum = 0;
	int n = 0;
	for (int k = -1; k < 4; k++) {
		const char *t;
		float c;
		const char *x = reading(r, k, &t, &c);
		if (x && *x)
			v[n++] = x, sum += c;
	}
	char *s = n >= 3 ? zz_vote_chars(v, n) : NULL;
	if (!s || !strcmp(s, f->value) || !zz_field_plausible(f->def, s) ||
	    !zz_field_usual(f->def, s) || (f->def->given_re && !zz_field_likely(f->def, s))) {
		free(s);
		return;
	}
	char *t = zz_estrdup(s);
	take_disputed(f, &t, &s, sum / n * 0.5,
	              "its readings differ; taken as they agree character by character");
}

/* A value of a known set (a licence's type) its readings each give too
 * far from any to mend alone (存艰责任公司(白热人投均或控航的法人将变),
 * 有有限责任公司(白杖人所让折归的法人政变), three more as blurred): the
 * known value nearest them all (zz_vote_known), disputed and unsure,
 * since no reading gave it; every reading stays in tried. The texts,
 * not the values: a value drops a bracket left open, and with it what
 * tells the known values apart. Not a value read as a known one: a
 * re-read running on into the next line is no reason to doubt it. */
static void
by_nearest_known(zz_found *f, const readings *r)
{
	const zz_fdef *d = f->def;
	if (!d->nknown || zz_field_known(d, f->value))
		return; /* knows none, or read as one already */
	char *s[5];
	double sum = 0;
	int n = 0;
	for (int k = -1; k < 4; k++) {
		const char *t;
		float c;
		const char *x = reading(r, k, &t, &c);
		if (x && *x && t && (s[n] = zz_norm_name(t)))
			sum += c, n++;
	}
	int at = n >= 3 ? zz_vote_known((const char *const *)d->known, d->nknown,
	                                (const char *const *)s, n) : -1;
	for (int j = 0; j < n; j++)
		free(s[j]);
	if (at < 0)
		return;
	char *t = zz_estrdup(d->known[at]), *v = zz_estrdup(d->known[at]);
	take_disputed(f, &t, &v, sum / n * 0.5,
	              "its readings differ; of the known values, the nearest to them all");
}

/* A person's name without a surname read barely (天疙 at 0.12, a
 * thumbnail's blurred name): noise, not a name. The value is dropped,
 * what was read kept for the reviewer: a licence that shows no name
 * must not show one. */
static void
not_a_name(zz_found *f)
{
	if (!f->def->given_re || !*f->value || zz_field_usual(f->def, f->value) || f->conf >= 0.2)
		return;
	char *note = zz_easprintf("'%s' read barely (%.2f) and without a surname: not taken",
	                          f->value, f->conf);
	free(f->note), free(f->value);
	f->note = note, f->value = zz_estrdup("");
	f->status = "invalid", f->conf = 0;
}

/* A person's name whose given name the page masks (a mosaic or a blur
 * after the surname, a web copy's redaction: masked.c): what was read
 * there is no name, and the licence shows none; what was read is kept
 * for the reviewer. */
static void
masked_name(PIX *pix, zz_found *f)
{
	int mx, mw;
	if (!f->def->given_re || f->w <= 0 || f->h <= 0 ||
	    zz_region_masked(pix, f->x, f->y, read_width(f), f->h, &mx, &mw) != 1)
		return;
	char *note = zz_easprintf("masked on the page (a smooth block %d px long at x %d): "
	                          "'%s' read there is not its name",
	                          mw, mx, *f->value ? f->value : f->raw ? f->raw : "");
	free(f->note), free(f->value);
	f->note = note, f->value = zz_estrdup("");
	f->status = "invalid", f->conf = 0;
	f->confirmed = 0;
}

/* The money model's reading of f's box with a margin of m, its label
 * dropped: 1 with the text and value when it gives a valid amount. */
static int
money_at(pages *pg, PIX *pix, const zz_found *f, int m, char **text, char **value, float *conf)
{
	char *err = NULL;
	int w = read_width(f);
	*text = *value = NULL;
	char *t = zz_money_read(pg->mm, pix, f->x - m, f->y - m, w + 2 * m, f->h + 2 * m, conf, &err);
	free(err);
	if (!t)
		return 0;
	size_t a, b, skip = 0;
	for (int i = 0; i < f->def->nlabels && !skip; i++)
		if (zz_label_find(f->def->labels[i], t, &a, &b) >= 0)
			skip = b;
	memmove(t, t + skip, strlen(t + skip) + 1);
	/* an amount written out ends at 元整 or 圆整; what follows is the
	 * next column or a watermark read with it (壹佰万元整（肆民一（（圆) */
	char *end = strstr(t, "元整");
	if (!end)
		end = strstr(t, "圆整");
	if (end)
		end[strlen("元整")] = '\0';
	return take_text(f, t, text, value);
}

/* The money model's reading of f's box: with a margin of a third of its
 * height, as the line is best read; when that gives no amount, the box
 * as it is (a watermark's blocks in the margin: 五22十.4 with it,
 * 壹佰万元整 without). */
static int
money_box(pages *pg, PIX *pix, const zz_found *f, char **text, char **value, float *conf)
{
	return money_at(pg, pix, f, f->h / 3, text, value, conf) ||
	       money_at(pg, pix, f, 0, text, value, conf);
}

/* Has s a capital numeral Debian's chi_sim has not in its character set
 * (combine_tessdata -u), which it can only have read as something else? */
static int
beyond_chi_sim(const char *s)
{
	return strstr(s, "仟") || strstr(s, "叁") || strstr(s, "柒") || strstr(s, "捌");
}

/* Has s a small numeral (六, 百) beside a unit? A licence writes its
 * capital in capitals (陆, 佰) or digits: a small one in chi_sim's
 * reading stands in for a capital misread (六万元整 for 壹佰万元整). */
static int
small_numeral(const char *s)
{
	static const char *const small[] = {"一", "二", "三", "四", "五", "六", "七",
	                                    "八", "九", "十", "百", "千", NULL};
	for (int i = 0; s && small[i]; i++)
		if (strstr(s, small[i]))
			return 1;
	return 0;
}

/* A figure read again with the money model (money.c), an engine of its
 * own that knows the capital numerals chi_sim lacks (仟 叁 柒 捌): a
 * figure not read is taken from it, to be reviewed; one it reads alike
 * is confirmed by a second engine, not the same one twice; one it reads
 * otherwise is disputed, or, where it read a numeral chi_sim cannot,
 * replaced. Measured on held-out fonts, a fifth of its
 * amounts are wrong (models/train/README.md): it never stands alone. */
static void
reread_money(pages *pg, zz_found *f)
{
	PIX *pix = page_pix(pg, f);
	char *err = NULL;
	if (!pix || !pg->models || pg->mm_failed)
		return;
	if (!pg->mm && !(pg->mm = zz_money_new(pg->models, &err))) {
		zz_warn("cannot start the money model: %s", err);
		pg->mm_failed = 1;
		free(err);
		return;
	}
	char *t = NULL, *v = NULL;
	float c = 0;
	int ok = money_box(pg, pix, f, &t, &v, &c);
	tried(f, "money model", ok, t, c);
	if (!ok)
		return;
	if (!*f->value) {
		take(f, &t, &v, c * 0.8, "read by the money model");
	} else if (!strcmp(v, f->value)) {
		f->conf = 1 - (1 - f->conf) * (1 - c);
		capped(f);
		free(f->note);
		f->note = zz_easprintf("the money model reads it alike");
		f->confirmed = 1;
	} else if (beyond_chi_sim(t) || (small_numeral(f->raw) && !small_numeral(t))) {
		/* it read a numeral chi_sim cannot, so chi_sim's reading there
		 * was a stand-in (伍万元整 for 叁仟万元整, 什 read for 仟 and
		 * repaired wrong), or chi_sim's has a small numeral where the
		 * model reads capitals: the model's stands, disputed and unsure */
		take_disputed(f, &t, &v, c * 0.6,
		              beyond_chi_sim(t)
		                  ? "the money model reads a numeral chi_sim has not"
		                  : "the money model reads capitals where chi_sim read small numerals");
	} else {
		dispute(f, zz_easprintf("the money model reads '%s'", t));
	}
	free(t), free(v);
}

static char *
crop_name(const zz_found *f)
{
	char *s = zz_easprintf("%s-p%d-%s.png", f->doc->id, f->page, f->name);
	for (char *p = s; *p; p++)
		if (*p == '[' || *p == ']' || *p == '/')
			*p = '_';
	return s;
}

void
zz_evidence(const zz_doctypes *dt, const char *casedir, const char *outdir,
         const zz_extract_opts *o, zz_foundset *fs)
{
	pages pg = {.casedir = casedir, .langs = dt->langs, .langs2 = dt->langs2,
	            .models = o->models};
	char *dir = zz_easprintf("%s/crops", outdir);
	if (zz_mkdirs(dir, 0755) < 0)
		zz_warn("cannot create '%s': %s", dir, strerror(errno));
	free(dir);
	if (!o->no_reread)
		zz_lost_rows(fs, read_line, &pg), zz_lost_codes(fs, read_line, &pg);
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		if (!f->def || !f->def->key || f->w <= 0 || !f->doc)
			continue;
		zz_rebox(fs, f);
		int doubtful = !*f->value || f->conf < dt->reread_below || f->doubted;
		/* an empty cell of a scanned table has only its row's band for
		 * a box, rules and neighbours in it: read again, it gives
		 * noise that may pass for a value */
		if (!strcmp(f->status, "empty") && !strcmp(f->method, "table"))
			doubtful = 0;
		readings r = {0};
		if (doubtful && !o->no_reread) {
			reread(&pg, f, &r);
			second_opinion(&pg, f, &r);
			by_checks(f, &r);
			likeliest(f, &r);
			by_vote(f, &r);
			by_nearest_known(f, &r);
			not_a_name(f);
			PIX *page = page_pix(&pg, f);
			if (page)
				masked_name(page, f);
			by_term(fs, f, &r);
		}
		readings_free(&r);
		/* the capital-numeral model, for amounts written out; not for a
		 * table's figures */
		if (doubtful && !o->no_reread && f->def->type == ZZ_V_MONEY && !f->confirmed &&
		    strcmp(f->method, "table"))
			reread_money(&pg, f);
		PIX *pix = o->no_crops ? NULL : page_pix(&pg, f);
		if (!pix)
			continue;
		char *name = crop_name(f), *path = zz_easprintf("%s/crops/%s", outdir, name), *err = NULL;
		if (zz_region_crop(pix, f->x, f->y, f->w, f->h, 12, path, &err) == 0)
			f->crop = zz_easprintf("extract/crops/%s", name);
		else
			zz_warn("%s: %s", f->doc->path, err);
		free(name), free(path), free(err);
	}
	pixDestroy(&pg.pix);
	zz_reread_destroy(&pg.rr);
	zz_reread_destroy(&pg.rr2);
	zz_money_destroy(&pg.mm);
}

