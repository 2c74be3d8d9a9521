/* derived.c - the fields the rules compute from others (years in
 * business, valid full-time CISP holders, projects over three years),
 * each listing the fields it used, and doubtful when a doubtful one could
 * have changed it. */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"

/* A fact the rules may not lean on: read too unsurely, of a status the
 * rules file calls doubtful, or derived from such (rules.c asks it too:
 * derived.c owns it, so the two files do not call each other). */
int
zz_doubtful(const zz_rules *R, const zz_fact *f)
{
	if (f->conf < R->review_below || !strcmp(f->status, "derived-doubtful"))
		return 1;
	for (int i = 0; i < R->ndoubtful; i++)
		if (!strcmp(f->status, R->doubtful[i]))
			return 1;
	return 0;
}

static int
ymd(const char *s, int *y, int *m, int *d)
{
	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", y, m, d) == 3;
}

/* whole years from a to b (ISO dates); -1 when either is not a date */
static long
years_between(const char *a, const char *b)
{
	int y1, m1, d1, y2, m2, d2;
	if (!ymd(a, &y1, &m1, &d1) || !ymd(b, &y2, &m2, &d2))
		return -1;
	long n = y2 - y1;
	if (m2 < m1 || (m2 == m1 && d2 < d1))
		n--;
	return n;
}

/* sure: what the value is at least when the doubtful inputs are left
 * out; kept as the raw text, so that a threshold it meets is met surely.
 * why: the records that could not be judged, for the reviewer (taken) */
static zz_fact *
put(zz_facts *fs, const char *name, long long value, long long sure, int doubtful, zz_buf *from,
    zz_buf *why)
{
	zz_fact *f = zz_fact_add(fs);
	f->name = zz_estrdup(name);
	f->value = zz_easprintf("%lld", value);
	f->raw = zz_easprintf("%lld", sure);
	f->status = zz_estrdup(doubtful ? "derived-doubtful" : "derived");
	f->conf = doubtful ? 0.5 : 1.0;
	f->canonical = 1;
	f->from = from->s ? from->s : zz_estrdup("");
	from->s = NULL;
	if (why && why->s) {
		/* the first five, and how many more */
		int n = 0;
		char *cut = NULL;
		for (char *q = why->s; (q = strstr(q, ", ")); q += 2)
			if (++n == 5)
				cut = q;
		if (cut)
			*cut = '\0';
		f->note = cut ? zz_easprintf("not judged, so not counted: %s and %d more", why->s, n - 4)
		              : zz_easprintf("not judged, so not counted: %s", why->s);
	}
	if (why)
		zz_buf_free(why);
	return f;
}

/* A record the derived field could not judge: the record's field that
 * was not read. It makes the field doubtful, never a sure low count: a
 * list summed to nothing because its dates were not read is no sure 0. */
static void
unjudged(zz_buf *why, const char *record, int i, const char *field)
{
	zz_buf_addf(why, "%s%s[%d] (no %s read)", why->len ? ", " : "", record, i, field);
}

/* A document whose table of record was not read (tables.c): what is
 * counted over the records is not sure. */
static int
table_lost(const zz_facts *fs, const char *record, zz_buf *why)
{
	if (!zz_facts_asked(fs, record))
		return 0;
	zz_buf_addf(why, "%sa %s table that could not be read", why->len ? ", " : "", record);
	return 1;
}

/* No record read at all while documents lie unrecognised: the list may
 * be one of them (a project list under a title and columns not known),
 * so nothing counted is no sure nothing. */
static int
none_read(zz_facts *fs, const char *record, zz_buf *why)
{
	char *name = zz_easprintf("%s[0].", record);
	int any = 0;
	for (int i = 0; i < fs->n && !any; i++)
		any = !strncmp(fs->v[i].name, name, strlen(name));
	free(name);
	char *other = any ? NULL : zz_facts_unrecognised(fs);
	if (other)
		zz_buf_addf(why, "%sno %s record read, and documents not recognised: %s",
		            why->len ? ", " : "", record, other);
	free(other);
	return other != NULL;
}

/* an ISO date read */
static int
is_date(const zz_fact *f)
{
	int y, m, d;
	return f && ymd(f->value, &y, &m, &d);
}

static void
add_from(zz_buf *b, const char *name)
{
	if (b->len)
		zz_buf_adds(b, " ");
	zz_buf_adds(b, name);
}

/* record[i].field of record instance i, or NULL */
static zz_fact *
rec(zz_facts *fs, const char *record, int i, const char *field)
{
	char *name = zz_easprintf("%s[%d].%s", record, i, field);
	zz_fact *f = zz_fact_get(fs, name);
	free(name);
	return f;
}

/* How many records of the kind there are (zz_facts_span: a record none
 * of whose fields was read leaves a gap, and the records after it are
 * still records), at most 10000. */
static int
span(const zz_facts *fs, const char *record)
{
	int n = zz_facts_span(fs, record);
	return n < 10000 ? n : 10000;
}

static void
years(const zz_rules *R, const zz_derived *dv, zz_facts *fs, const char *as_of)
{
	zz_fact *from = zz_fact_get(fs, dv->from);
	if (!from || !*from->value)
		return; /* missing: the rule that needs it says so */
	long n = years_between(from->value, as_of);
	if (n < 0)
		return;
	zz_buf b = {0};
	add_from(&b, dv->from);
	put(fs, dv->name, n, zz_doubtful(R, from) ? -1 : n, zz_doubtful(R, from), &b, NULL);
}

/* Counts distinct keys valid on as_of that the other record lists with
 * where = is. Doubtful entries are counted apart: the count is doubtful
 * only when they decide it. An entry whose validity or flag was not read
 * is such a doubtful one (it may count), never left out. */
static void
count(const zz_rules *R, const zz_derived *dv, zz_facts *fs, const char *as_of)
{
	long long sure = 0, any = 0;
	zz_buf b = {0}, why = {0};
	char **seen = NULL;
	int nseen = 0;
	int n = span(fs, dv->record), m = span(fs, dv->with), lost = 0;
	for (int i = 0; i < n; i++) {
		zz_fact *key = rec(fs, dv->record, i, dv->key), *valid = rec(fs, dv->record, i, dv->valid);
		if (!key || !*key->value) {
			/* a record whose key was not read may count: doubtful,
			 * never left out as if it were not there */
			unjudged(&why, dv->record, i, dv->key);
			lost = 1;
			continue;
		}
		int dup = 0;
		for (int k = 0; k < nseen; k++)
			dup |= !strcmp(seen[k], key->value);
		int vok = is_date(valid);
		if (dup || (vok && strcmp(valid->value, as_of) < 0))
			continue;
		zz_fact *row = NULL, *where = NULL;
		int j, gap = 0;
		for (j = 0; j < m && !row; j++) {
			zz_fact *on = rec(fs, dv->with, j, dv->on);
			gap |= !on || !*on->value;
			if (on && !strcmp(on->value, key->value))
				row = on, where = rec(fs, dv->with, j, dv->where);
		}
		if (!row && gap) {
			/* its row may be one whose key was not read */
			unjudged(&why, dv->record, i, dv->with);
			lost = 1;
			continue;
		}
		int wok = where && *where->value;
		if (!row || (wok && strcmp(where->value, dv->is)))
			continue;
		seen = zz_erealloc(seen, (size_t)(nseen + 1) * sizeof *seen);
		seen[nseen++] = key->value;
		any++;
		if (!vok)
			unjudged(&why, dv->record, i, dv->valid);
		if (!wok)
			unjudged(&why, dv->with, j - 1, dv->where);
		if (vok && wok && !zz_doubtful(R, key) && !zz_doubtful(R, valid) &&
		    !zz_doubtful(R, where))
			sure++;
		add_from(&b, key->name);
	}
	free(seen);
	lost |= table_lost(fs, dv->with, &why);
	lost |= none_read(fs, dv->record, &why) | none_read(fs, dv->with, &why);
	put(fs, dv->name, any, sure, sure != any || lost, &b, &why);
}

/* The sum of the records dated in the period (and of the kind re=, when
 * it asks for one). A record in the period without its amount, or
 * without its kind, and a record whose date was not read, may count:
 * the sum is doubtful, with them named, and never surely low. */
static void
sum(const zz_rules *R, const zz_derived *dv, zz_facts *fs, const char *as_of)
{
	int y, m, d;
	if (!ymd(as_of, &y, &m, &d))
		return;
	char start[11];
	snprintf(start, sizeof start, "%04d-%02d-%02d", y - dv->years, m, d);
	long long total = 0, sure = 0;
	int doubtful = 0;
	double least = 1.0;
	zz_buf b = {0}, why = {0};
	int n = span(fs, dv->record);
	for (int i = 0; i < n; i++) {
		zz_fact *v = rec(fs, dv->record, i, dv->value), *dt = rec(fs, dv->record, i, dv->date);
		zz_fact *w = rec(fs, dv->record, i, dv->where);
		if (is_date(dt) && (strcmp(dt->value, start) < 0 || strcmp(dt->value, as_of) > 0))
			continue; /* surely outside the period */
		size_t mo, ml;
		int kind = !dv->re || (w && *w->value);
		if (kind && dv->re && !zz_pattern_match(dv->re, w->value, 0, &mo, &ml))
			continue; /* surely another kind */
		const char *lost = !is_date(dt) ? dv->date : !v || !*v->value ? dv->value
		                 : !kind ? dv->where : NULL;
		if (lost) {
			unjudged(&why, dv->record, i, lost);
			doubtful = 1;
			continue;
		}
		total += atoll(v->value);
		if (zz_doubtful(R, v) || zz_doubtful(R, dt))
			doubtful = 1;
		else
			sure += atoll(v->value);
		/* a sum is read no surer than its least sure part: a
		 * leading 1, dropped by OCR in a scanned list, leaves a sum
		 * too low that only a sure reading may fail on */
		least = v->conf < least ? v->conf : least;
		least = dt->conf < least ? dt->conf : least;
		add_from(&b, v->name);
	}
	doubtful |= table_lost(fs, dv->record, &why);
	doubtful |= none_read(fs, dv->record, &why);
	zz_fact *f = put(fs, dv->name, total, sure, doubtful, &b, &why);
	if (!doubtful)
		f->conf = least;
}

void
zz_derive(const zz_rules *R, zz_facts *fs, const char *as_of)
{
	for (int i = 0; i < R->nderived; i++) {
		const zz_derived *dv = &R->derived[i];
		if (!strcmp(dv->kind, "years"))
			years(R, dv, fs, as_of);
		else if (!strcmp(dv->kind, "count"))
			count(R, dv, fs, as_of);
		else if (!strcmp(dv->kind, "sum"))
			sum(R, dv, fs, as_of);
	}
}
