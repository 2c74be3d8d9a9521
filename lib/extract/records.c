/* records.c - what the readings of a case come to: records numbered one
 * per distinct key (a certificate read twice is one record), the value
 * that stands for the case where several documents give one, doubt where
 * documents read the same thing a character or two apart, and records
 * checked against each other (a certificate's holder against the roster).
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

typedef struct inst {
	char rec[32];
	int n, index;
	char *key;
	int dup, table;
	const zz_doc *doc;
} inst;

static int
parse_list(const char *name, char rec[32], int *n, const char **rest)
{
	const char *b = strchr(name, '[');
	if (!b || b - name >= 32 || strchr(name, '.') < b)
		return 0;
	memcpy(rec, name, (size_t)(b - name));
	rec[b - name] = '\0';
	*n = atoi(b + 1);
	*rest = strchr(b, ']');
	return *rest != NULL;
}

static const char *
record_key(const zz_doctypes *dt, const char *rec)
{
	for (int i = 0; i < dt->ntypes; i++) {
		const zz_dtype *t = &dt->types[i];
		if (t->record && !t->keyed && !strcmp(t->record, rec))
			return t->rkey;
		for (int k = 0; k < t->ntables; k++)
			if (!strcmp(t->tables[k].record, rec))
				return t->tables[k].key;
	}
	return NULL;
}

/* The instance of record field f in v (added when new); -1 when f is no
 * list record's field. *rest gets the "].field" part of its name. */
static int
inst_of(inst *v, int *nv, const zz_found *f, const char **rest)
{
	char rec[32];
	int n, k;
	if (!parse_list(f->name, rec, &n, rest))
		return -1;
	for (k = 0; k < *nv && !(v[k].n == n && !strcmp(v[k].rec, rec)); k++)
		;
	if (k == *nv) {
		memcpy(v[k].rec, rec, sizeof rec);
		v[k].doc = f->doc, v[k].n = n, v[k].table = !strcmp(f->method, "table");
		(*nv)++;
	}
	return k;
}

void
zz_renumber(const zz_doctypes *dt, zz_foundset *fs)
{
	inst *v = zz_ecalloc((size_t)fs->n + 1, sizeof *v);
	int nv = 0;
	const char *rest;
	for (int i = 0; i < fs->n; i++) {
		int k = inst_of(v, &nv, &fs->v[i], &rest);
		const char *key = k >= 0 ? record_key(dt, v[k].rec) : NULL;
		if (key && !strcmp(rest + 2, key) && *fs->v[i].value)
			v[k].key = fs->v[i].value;
	}
	for (int k = 0; k < nv; k++) {
		int index = 0;
		for (int j = 0; j < k; j++) {
			if (strcmp(v[j].rec, v[k].rec) || v[j].dup)
				continue;
			/* rows of one table are distinct even when named alike */
			int rows = v[k].table && v[j].table && v[k].doc == v[j].doc;
			if (v[k].key && v[j].key && !strcmp(v[k].key, v[j].key) && !v[k].dup && !rows)
				v[k].dup = 1, v[k].index = v[j].index;
			index++;
		}
		if (!v[k].dup)
			v[k].index = index;
	}
	for (int i = 0; i < fs->n; i++) {
		int k = inst_of(v, &nv, &fs->v[i], &rest);
		if (k < 0)
			continue;
		char *name = zz_easprintf("%s[%d]%s", v[k].rec, v[k].index, rest + 1);
		free(fs->v[i].name);
		fs->v[i].name = name;
		fs->v[i].canonical = !v[k].dup;
	}
	free(v);
}

/* ---- the value that stands for the case ---- */

static int
trust(const zz_doctypes *dt, const zz_found *f)
{
	for (int i = 0; i < dt->ncanon; i++) {
		if (strcmp(dt->canon[i].name, f->name))
			continue;
		for (int k = 0; k < dt->canon[i].nfrom; k++)
			if (!strcmp(dt->canon[i].from[k], f->doc->type->id))
				return dt->canon[i].nfrom - k;
	}
	return 0;
}

/* Levenshtein distance in characters */
static int
edits(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = 0, m = 0, len;
	unsigned *ca = zz_ecalloc(la + 1, sizeof *ca), *cb = zz_ecalloc(lb + 1, sizeof *cb);
	for (size_t i = 0; i < la; i += len)
		ca[n++] = zz_utf8_decode(a + i, &len);
	for (size_t i = 0; i < lb; i += len)
		cb[m++] = zz_utf8_decode(b + i, &len);
	size_t d = zz_edits(ca, n, cb, m);
	free(ca), free(cb);
	return d > 1000 ? 1000 : (int)d;
}

/* how surely a value was read: as it stood (or by a repair the check
 * digit confirms); only by a second reading, or as first read but a
 * second reading said otherwise (a name a re-read disagreed with should
 * not stand for the case over a Word form's); or not at all */
static int
sureness(const zz_doctypes *dt, const zz_found *f)
{
	(void)dt;
	if (!*f->value)
		return 0;
	if (!strcmp(f->status, "reread") || !strcmp(f->status, "reconciled") || f->disputed)
		return 1;
	return 2;
}

/* Among the documents giving a field, the surest reading wins, then the
 * most trusted type, then the higher confidence. */
void
zz_pick(const zz_doctypes *dt, zz_foundset *fs)
{
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		if (strchr(f->name, '[') || zz_found_is_missing(f))
			continue;
		f->canonical = 1;
		for (int k = 0; k < fs->n; k++) {
			zz_found *g = &fs->v[k];
			if (k == i || strcmp(f->name, g->name) || zz_found_is_missing(g))
				continue;
			/* a valid value; then the year's own report before the next
			 * year's comparative; then as read before re-read; then the
			 * most trusted type; then the higher confidence */
			int rank[2][5];
			const zz_found *two[2] = {f, g};
			for (int w = 0; w < 2; w++) {
				const zz_found *x = two[w];
				rank[w][0] = sureness(dt, x) > 0, rank[w][1] = !(x->def && x->def->prior);
				rank[w][2] = sureness(dt, x), rank[w][3] = trust(dt, x);
				rank[w][4] = x->conf > 0.999 ? 1000 : (int)(x->conf * 1000);
			}
			int c = 0;
			for (int j = 0; j < 5 && !c; j++)
				c = rank[1][j] - rank[0][j];
			if (c > 0 || (c == 0 && k < i))
				f->canonical = 0;
		}
	}
}

static int same_thing(const zz_doctypes *dt, const zz_found *f, const zz_found *g);

/* Does another document read f's value alike, as the same field or one a
 * <same> ties to it (a level-1 certificate's holder to the org name)? */
static int
corroborated(const zz_doctypes *dt, const zz_foundset *fs, const zz_found *f)
{
	for (int k = 0; k < fs->n; k++) {
		const zz_found *g = &fs->v[k];
		if (g != f && g->doc != f->doc && !zz_found_is_missing(g) && *g->value &&
		    !strcmp(g->value, f->value) && same_thing(dt, g, f))
			return 1;
	}
	return 0;
}

/* Values that agree across documents raise each other's confidence, as
 * two independent readings that agree are less likely both wrong; a value
 * standing in for one a more trusted document gave less surely stays
 * doubtful, the reviewer should see that one, unless a third document
 * reads it alike. */
void
zz_agree(const zz_doctypes *dt, zz_foundset *fs)
{
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		if (zz_found_is_missing(f))
			continue;
		for (int k = 0; k < fs->n; k++) {
			zz_found *g = &fs->v[k];
			if (k == i || zz_found_is_missing(g) || strcmp(f->name, g->name))
				continue;
			if (*f->value && !strcmp(f->value, g->value) && g->doc != f->doc) {
				f->agree++;
				f->conf = 1 - (1 - f->conf) * 0.5;
				/* a repair another document bears out is no guess */
				if (!strcmp(f->status, "repaired"))
					f->status = "confirmed";
			}
			if (!f->canonical || sureness(dt, g) >= sureness(dt, f) ||
			    trust(dt, g) <= trust(dt, f) || corroborated(dt, fs, f))
				continue;
			free(f->note);
			f->note = zz_easprintf("the %s (%s) could not be read surely (%s): this is the %s's value",
			                       g->doc->type->id, g->doc->id, *g->raw ? g->raw : "nothing",
			                       f->doc->type->id);
			f->conf = f->conf < 0.6 ? f->conf : 0.6;
		}
	}
}

/* Another document reads a field a character or two otherwise: one of
 * them was misread, and no re-read of one page settles which (values
 * further apart are a mismatch for the rules to judge, not a doubt about
 * the reading). */
/* g names the same thing as f and can put f in doubt: another reading of
 * the same field, or the field a config <same> ties f to (the tie runs one
 * way: a misread audit report doubts its own company name, not the
 * organisation's) */
static int
same_thing(const zz_doctypes *dt, const zz_found *f, const zz_found *g)
{
	if (!strcmp(f->name, g->name))
		return 1;
	for (int i = 0; i < dt->nsame; i++)
		for (int k = 0; k < dt->same[i].nfields; k++)
			if (!fnmatch(dt->same[i].fields[k], f->name, 0) && !strcmp(dt->same[i].as, g->name))
				return 1;
	return 0;
}

void
zz_doubt(const zz_doctypes *dt, zz_foundset *fs, int say)
{
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		int other = 0;
		for (int k = 0; f->canonical && *f->value && k < fs->n; k++) {
			zz_found *g = &fs->v[k];
			/* the same figure in two reports of one kind (a year's
			 * own and the next year's comparative) must agree whole */
			int alike = f->doc->type == g->doc->type && f->def && f->def->type == ZZ_V_MONEY;
			/* …unless a second look at the year's own figure bore it
			 * out: then the other report restated it, or misread it */
			if (alike && f->confirmed)
				continue;
			/* or one name holds the other: one reading was cut short */
			int cut = strstr(f->value, g->value) || strstr(g->value, f->value);
			/* a reading its own re-read contradicts is no evidence
			 * against another (广州天窜 on a licence, where the pledge
			 * and the certificate read 广州天穹) */
			other += k != i && !zz_found_is_missing(g) && g->doc != f->doc && *g->value &&
			         !g->disputed &&
			         same_thing(dt, f, g) && strcmp(f->value, g->value) &&
			         (alike || cut || edits(f->value, g->value) <= 2);
		}
		if (!other)
			continue;
		/* before the re-reads: only marked, so its box is read again;
		 * the doubt itself is for after, when the other reading may
		 * have been set right or disputed */
		f->doubted = 1;
		if (!say)
			continue;
		char *note = zz_easprintf("%s%s%d other document%s read%s it otherwise",
		                          f->note ? f->note : "", f->note ? "; " : "", other,
		                          other > 1 ? "s" : "", other > 1 ? "" : "s");
		free(f->note);
		f->note = note;
		f->conf = f->conf < 0.6 ? f->conf : 0.6;
	}
}

/* ---- one record checked against another ---- */

static zz_found *
lookup(zz_foundset *fs, const char *name)
{
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].canonical && !strcmp(fs->v[i].name, name))
			return &fs->v[i];
	return NULL;
}

static void
reconcile_one(const zz_recon *r, zz_found *a, const zz_found *b)
{
	int d = edits(a->value, b->value);
	if (d == 0) {
		a->agree++;
		a->conf = 1 - (1 - a->conf) * 0.5;
	} else if (d > 0 && d <= r->max_edits) {
		char *note = zz_easprintf("read '%s'; %s '%s' (%s) differs by %d character%s: taken from "
		                          "there", a->value, r->with, b->value, b->doc->id, d, d > 1 ? "s" : "");
		free(a->note), free(a->value);
		a->note = note, a->value = zz_estrdup(b->value);
		a->status = "reconciled";
		a->conf = a->conf < 0.6 ? a->conf : 0.6;
	} else {
		free(a->note);
		a->note = zz_easprintf("%s '%s' (%s) differs", r->with, b->value, b->doc->id);
		a->status = "conflict";
		a->conf *= 0.5;
	}
}

void
zz_reconcile(const zz_doctypes *dt, zz_foundset *fs)
{
	for (int k = 0; k < dt->nrecon; k++) {
		const zz_recon *r = &dt->recon[k];
		char *kfmt = zz_easprintf("].%s", r->key), *wfmt = zz_easprintf("].%s", r->with_key);
		for (int i = 0; i < fs->n; i++) {
			zz_found *key = &fs->v[i];
			const char *br = strstr(key->name, kfmt);
			size_t rl = strlen(r->record);
			if (!key->canonical || !*key->value || strncmp(key->name, r->record, rl) ||
			    key->name[rl] != '[' || !br || strcmp(br, kfmt) != 0 || !strcmp(key->status, "invalid"))
				continue;
			for (int j = 0; j < fs->n; j++) {
				zz_found *other = &fs->v[j];
				const char *wb = strstr(other->name, wfmt);
				size_t wl = strlen(r->with);
				if (!other->canonical || strcmp(other->value, key->value) ||
				    strncmp(other->name, r->with, wl) || other->name[wl] != '[' || !wb ||
				    strcmp(wb, wfmt) != 0)
					continue;
				char *an = zz_easprintf("%.*s].%s", (int)(br - key->name), key->name, r->field);
				char *bn = zz_easprintf("%.*s].%s", (int)(wb - other->name), other->name,
				                        r->with_field);
				zz_found *a = lookup(fs, an), *b = lookup(fs, bn);
				if (a && b && *b->value && (*a->value || !strcmp(a->status, "invalid")))
					reconcile_one(r, a, b);
				free(an), free(bn);
				break;
			}
		}
		free(kfmt), free(wfmt);
	}
}

