/* derived.c - the fields the rules compute from others (years in
 * business, valid full-time CISP holders, projects over three years),
 * each listing the fields it used, and doubtful when a doubtful one could
 * have changed it. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "rulesint.h"

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
 * out; kept as the raw text, so that a threshold it meets is met surely */
static void
put(zz_facts *fs, const char *name, long long value, long long sure, int doubtful, zz_buf *from)
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
	put(fs, dv->name, n, zz_doubtful(R, from) ? -1 : n, zz_doubtful(R, from), &b);
}

/* Counts distinct keys valid on as_of that the other record lists with
 * where = is. Doubtful entries are counted apart: the count is doubtful
 * only when they decide it. */
static void
count(const zz_rules *R, const zz_derived *dv, zz_facts *fs, const char *as_of)
{
	long long sure = 0, any = 0;
	zz_buf b = {0};
	char **seen = NULL;
	int nseen = 0;
	for (int i = 0; i < 1000; i++) {
		zz_fact *key = rec(fs, dv->record, i, dv->key), *valid = rec(fs, dv->record, i, dv->valid);
		if (!key) {
			if (!rec(fs, dv->record, i, dv->valid))
				break;
			continue;
		}
		int dup = 0;
		for (int k = 0; k < nseen; k++)
			dup |= !strcmp(seen[k], key->value);
		if (!*key->value || dup || !valid || strcmp(valid->value, as_of) < 0)
			continue;
		zz_fact *row = NULL, *where = NULL;
		for (int j = 0; j < 1000 && !row; j++) {
			zz_fact *on = rec(fs, dv->with, j, dv->on);
			if (!on && !rec(fs, dv->with, j, dv->where))
				break;
			if (on && !strcmp(on->value, key->value))
				row = on, where = rec(fs, dv->with, j, dv->where);
		}
		if (!row || !where || strcmp(where->value, dv->is))
			continue;
		seen = zz_erealloc(seen, (size_t)(nseen + 1) * sizeof *seen);
		seen[nseen++] = key->value;
		any++;
		if (!zz_doubtful(R, key) && !zz_doubtful(R, valid) && !zz_doubtful(R, where))
			sure++;
		add_from(&b, key->name);
	}
	free(seen);
	put(fs, dv->name, any, sure, sure != any, &b);
}

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
	zz_buf b = {0};
	for (int i = 0; i < 10000; i++) {
		zz_fact *v = rec(fs, dv->record, i, dv->value), *dt = rec(fs, dv->record, i, dv->date);
		zz_fact *w = rec(fs, dv->record, i, dv->where);
		if (!v && !dt && !w)
			break;
		if (!v || !dt || !*v->value || strcmp(dt->value, start) < 0 || strcmp(dt->value, as_of) > 0)
			continue;
		size_t mo, ml;
		if (dv->re && (!w || !zz_pattern_match(dv->re, w->value, 0, &mo, &ml)))
			continue;
		total += atoll(v->value);
		if (zz_doubtful(R, v) || zz_doubtful(R, dt))
			doubtful = 1;
		else
			sure += atoll(v->value);
		add_from(&b, v->name);
	}
	put(fs, dv->name, total, sure, doubtful, &b);
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
