/* sameday.c - one day printed twice on a document: a licence's 成立日期 and
 * the first day of its 营业期限 (the business term runs from the day the
 * business was established, on nearly every licence but not on all), and
 * the term's last day, the day before an anniversary of it. A type's
 * <same-day field= as= ends=> says so (documents.xml). Two readings of
 * other pixels, not the same pixels read again:
 *  - a field not read (missing or invalid) takes the other print's day,
 *    never surely (it may be a licence whose term began later);
 *  - a day read with a lone 1 (2020年1月17日, doubted by fields.c: two
 *    narrow 1s run together) whose month or day the term's end says is
 *    1x (the day after 2040年11月16日 is an 11-17) is mended to it, the
 *    year as read, never surely. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/extract.h"

static zz_found *
found(const zz_foundset *fs, const zz_doc *d, const char *name)
{
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].doc == d && !strcmp(fs->v[i].name, name))
			return &fs->v[i];
	return NULL;
}

static int
is_date(const zz_found *f)
{
	return f && f->value && strlen(f->value) == 10 && f->value[4] == '-';
}

/* The day after an ISO date, as MM-DD in md. */
static int
day_after(const char *iso, char md[8])
{
	struct tm t = {0};
	if (sscanf(iso, "%4d-%2d-%2d", &t.tm_year, &t.tm_mon, &t.tm_mday) != 3)
		return -1;
	t.tm_year -= 1900, t.tm_mon -= 1, t.tm_mday += 1, t.tm_hour = 12, t.tm_isdst = -1;
	if (mktime(&t) == (time_t)-1)
		return -1;
	snprintf(md, 8, "%02d-%02d", (t.tm_mon + 1) % 100, t.tm_mday % 100);
	return 0;
}

/* Is want (MM-DD) what got (MM-DD) is with a lone 1 read for two figures:
 * a tens figure 0 where want has 1, all else alike (01-17 for 11-17,
 * 11-01 for 11-11)? */
static int
lone_one_of(const char *got, const char *want)
{
	int diff = 0, ok = 1;
	for (int i = 0; i < 5; i++)
		if (got[i] != want[i]) {
			diff++;
			ok &= (i == 0 || i == 3) && got[i] == '0' && want[i] == '1';
		}
	return diff == 1 && ok;
}

static void
set(zz_found *f, const zz_found *from, const char *value, double conf, char *note)
{
	char *raw = zz_estrdup(from->raw ? from->raw : value), *v = zz_estrdup(value);
	free(f->raw), free(f->value), free(f->note);
	f->raw = raw, f->value = v, f->note = note;
	f->conf = conf, f->cap = conf;
	f->status = "repaired", f->method = "same-day";
	if (from != f) {
		f->page = from->page;
		f->x = from->x, f->y = from->y, f->w = from->w, f->h = from->h;
		f->lx = 0;
	}
}

static void
one(const zz_sameday *s, const zz_doc *d, zz_foundset *fs)
{
	zz_found *f = found(fs, d, s->field), *as = found(fs, d, s->as);
	zz_found *end = s->ends ? found(fs, d, s->ends) : NULL;
	if (!f || f->absent)
		return;
	if (!is_date(f) && is_date(as) && strcmp(as->status, "invalid")) {
		double c = as->conf < 0.5 ? as->conf : 0.5;
		set(f, as, as->value, c,
		    zz_easprintf("not read; taken from %s, the same day printed again (on a few "
		                 "documents it is not)", s->as));
		return;
	}
	char md[8];
	if (is_date(f) && f->doubted && is_date(end) && day_after(end->value, md) == 0 &&
	    lone_one_of(f->value + 5, md)) {
		char v[16];
		snprintf(v, sizeof v, "%.4s-%s", f->value, md);
		double c = f->conf < 0.6 ? f->conf : 0.6;
		set(f, f, v, c,
		    zz_easprintf("read %s, a lone 1 for two figures: %s ends the day before %s",
		                 f->value, s->ends, md));
	}
}

void
zz_same_day(const zz_doctypes *dt, const zz_doc *docs, int nd, zz_foundset *fs)
{
	for (int i = 0; i < nd; i++) {
		const zz_dtype *t = docs[i].type;
		for (int k = 0; t && k < t->nsamedays; k++)
			one(&t->samedays[k], &docs[i], fs);
	}
}

/* The month and day the term's first day was read with, as MM-DD in md,
 * from its value or, when that was not valid (201年03月3日: the year cut
 * short), from what was read. */
static int
start_md(const zz_found *from, char md[8])
{
	int m, d;
	if (is_date(from)) {
		snprintf(md, 8, "%.5s", from->value + 5);
		return 0;
	}
	const char *p = from && from->raw ? strstr(from->raw, "年") : NULL;
	if (!p || sscanf(p + strlen("年"), "%2d月%2d", &m, &d) != 2 || m < 1 || m > 12 || d < 1 ||
	    d > 31)
		return -1;
	snprintf(md, 8, "%02d-%02d", m, d);
	return 0;
}

/* How many of the month and the day of date (YYYY-MM-DD) md (MM-DD)
 * has. */
static int
parts(const char *date, const char *md)
{
	return !strncmp(date + 5, md, 2) + !strncmp(date + 8, md + 3, 2);
}

int
zz_same_day_pick(const zz_found *f, const zz_foundset *fs, const char *const *dates, int n)
{
	const zz_sameday *s = NULL;
	const zz_dtype *t = f->doc ? f->doc->type : NULL;
	for (int k = 0; t && k < t->nsamedays; k++)
		if (!strcmp(t->samedays[k].field, f->name))
			s = &t->samedays[k];
	if (!s)
		return -1;
	const zz_found *as = found(fs, f->doc, s->as);
	const zz_found *end = s->ends ? found(fs, f->doc, s->ends) : NULL;
	char from[8], after[8];
	int has_from = as && start_md(as, from) == 0;
	int has_end = is_date(end) && day_after(end->value, after) == 0;
	int best = -1, top = 0, tie = 0;
	for (int i = 0; i < n && (has_from || has_end); i++) {
		int score = (has_from ? parts(dates[i], from) : 0) + (has_end ? parts(dates[i], after) : 0);
		if (score > top)
			best = i, top = score, tie = 0;
		else if (score == top && score > 0 && strcmp(dates[i], dates[best]))
			tie = 1;
	}
	return tie ? -1 : best;
}
