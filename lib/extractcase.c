/* extractcase.c - the extract stage for one case: classify every read
 * document, find its type's fields, number the records (one per distinct
 * certificate, roster row, project), choose the value that stands for the
 * case where several documents give one, re-read doubtful key fields at a
 * higher scale with a whitelist, cut an evidence crop for each key field,
 * and write extract.xml. */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "extract.h"
#include "ocr.h"

zz_found *
zz_found_add(zz_foundset *fs)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 64;
		fs->v = zz_erealloc(fs->v, (size_t)fs->cap * sizeof *fs->v);
	}
	zz_found *f = &fs->v[fs->n++];
	memset(f, 0, sizeof *f);
	return f;
}

void
zz_found_missing(zz_foundset *fs, const char *name, const zz_doc *d, int page)
{
	zz_found *f = zz_found_add(fs);
	f->name = zz_estrdup(name), f->value = zz_estrdup(""), f->status = "missing";
	f->doc = d, f->page = page, f->method = "label";
}

static int
missing(const zz_found *f)
{
	return !strcmp(f->status, "missing");
}

void
zz_foundset_free(zz_foundset *fs)
{
	for (int i = 0; i < fs->n; i++)
		free(fs->v[i].name), free(fs->v[i].raw), free(fs->v[i].value), free(fs->v[i].crop),
			free(fs->v[i].note), free(fs->v[i].row);
	free(fs->v);
	memset(fs, 0, sizeof *fs);
}

/* ---- fields of one document ---- */

static void
one_field(const zz_doctypes *dt, const zz_dtype *t, const zz_fdef *f, const zz_doc *d, int p0,
          int p1, const char *name, const char *year, zz_foundset *fs)
{
	zz_found tmp;
	if (zz_field_extract(dt, t, f, d, p0, p1, name, year, &tmp))
		*zz_found_add(fs) = tmp;
	else
		zz_found_missing(fs, name, d, p1 - p0 == 1 ? d->pages[p0].n : 0);
}

/* A keyed record (audit.2024.*): the key field first, then the others. */
static void
keyed_record(const zz_doctypes *dt, const zz_dtype *t, const zz_doc *d, zz_foundset *fs)
{
	const zz_fdef *kf = NULL;
	for (int i = 0; i < t->nfields; i++)
		if (!strcmp(t->fields[i].name, t->rkey))
			kf = &t->fields[i];
	zz_found k;
	char *key = NULL;
	if (kf && zz_field_extract(dt, t, kf, d, 0, d->npages, "", NULL, &k) && *k.value)
		key = zz_estrdup(k.value);
	if (kf && key) {
		free(k.name);
		k.name = zz_easprintf("%s.%s.%s", t->record, key, kf->name);
		*zz_found_add(fs) = k;
	} else if (kf) {
		if (k.name)
			free(k.name), free(k.raw), free(k.value);
		char *name = zz_easprintf("%s.unknown.%s", t->record, t->rkey);
		zz_found_missing(fs, name, d, 0);
		free(name);
	}
	for (int i = 0; i < t->nfields; i++) {
		if (&t->fields[i] == kf)
			continue;
		char *name = zz_easprintf("%s.%s.%s", t->record, key ? key : "unknown", t->fields[i].name);
		one_field(dt, t, &t->fields[i], d, 0, d->npages, name, key, fs);
		free(name);
	}
	free(key);
}

static void
doc_fields(const zz_doctypes *dt, const zz_doc *d, zz_foundset *fs, int *next)
{
	const zz_dtype *t = d->type;
	if (t->record && t->keyed) {
		keyed_record(dt, t, d, fs);
	} else if (t->record) {
		/* a list record per document, or per page when each page is one
		 * (a PDF of all the CISP certificates) */
		int step = t->per_page ? 1 : d->npages;
		for (int p0 = 0; p0 < d->npages; p0 += step) {
			for (int i = 0; i < t->nfields; i++) {
				char *name = zz_easprintf("%s[%d].%s", t->record, *next, t->fields[i].name);
				one_field(dt, t, &t->fields[i], d, p0, p0 + step, name, NULL, fs);
				free(name);
			}
			(*next)++;
		}
	} else {
		for (int i = 0; i < t->nfields; i++)
			one_field(dt, t, &t->fields[i], d, 0, d->npages, t->fields[i].name, NULL, fs);
	}
	zz_tables_extract(t, d, fs, next);
}

/* ---- records: one per distinct key, numbered from 0 per record ---- */

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

static void
renumber(const zz_doctypes *dt, zz_foundset *fs)
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

/* Levenshtein distance in characters, for short values; large for long */
static int
edits(const char *a, const char *b)
{
	unsigned ca[64], cb[64];
	int n = 0, m = 0, d[65], prev;
	for (const unsigned char *p = (const unsigned char *)a; *p && n < 64; n++) {
		size_t len = 1;
		while ((p[len] & 0xC0) == 0x80)
			len++;
		ca[n] = 0;
		for (size_t k = 0; k < len; k++)
			ca[n] = ca[n] << 8 | p[k];
		p += len;
	}
	for (const unsigned char *p = (const unsigned char *)b; *p && m < 64; m++) {
		size_t len = 1;
		while ((p[len] & 0xC0) == 0x80)
			len++;
		cb[m] = 0;
		for (size_t k = 0; k < len; k++)
			cb[m] = cb[m] << 8 | p[k];
		p += len;
	}
	for (int j = 0; j <= m; j++)
		d[j] = j;
	for (int i = 1; i <= n; i++) {
		prev = d[0], d[0] = i;
		for (int j = 1; j <= m; j++) {
			int t = d[j], sub = prev + (ca[i - 1] != cb[j - 1]);
			d[j] = sub < d[j] + 1 ? sub : d[j] + 1;
			d[j] = d[j] < d[j - 1] + 1 ? d[j] : d[j - 1] + 1;
			prev = t;
		}
	}
	return d[m];
}

/* Among the documents giving a field, the most trusted type wins, then
 * the valid value, then the higher confidence. Values that agree across
 * documents raise each other's confidence, as two independent readings
 * that agree are less likely both wrong. */
static void
choose(const zz_doctypes *dt, zz_foundset *fs)
{
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		if (strchr(f->name, '[') || missing(f))
			continue;
		f->canonical = 1;
		for (int k = 0; k < fs->n; k++) {
			zz_found *g = &fs->v[k];
			if (k == i || strcmp(f->name, g->name) || missing(g))
				continue;
			if (*f->value && !strcmp(f->value, g->value) && g->doc != f->doc)
				f->agree++;
			int tf = trust(dt, f), tg = trust(dt, g);
			int vf = *f->value != 0, vg = *g->value != 0;
			if (vg > vf || (vg == vf && (tg > tf || (tg == tf && (g->conf > f->conf ||
			                                                       (g->conf == f->conf && k < i))))))
				f->canonical = 0;
		}
	}
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		for (int k = 0; k < f->agree; k++)
			f->conf = 1 - (1 - f->conf) * 0.5;

		/* a value standing in for an unreadable one of a more trusted
		 * document is kept doubtful: the reviewer should see that one */
		for (int k = 0; f->canonical && k < fs->n; k++) {
			zz_found *g = &fs->v[k];
			if (k == i || strcmp(f->name, g->name) || *g->value || missing(g) ||
			    trust(dt, g) <= trust(dt, f))
				continue;
			free(f->note);
			f->note = zz_easprintf("the %s (%s) could not be read: this is the %s's value",
			                       g->doc->type->id, g->doc->id, f->doc->type->id);
			f->conf = f->conf < 0.6 ? f->conf : 0.6;
		}
	}
}

/* Another document reads a field a character or two otherwise: one of
 * them was misread, and no re-read of one page settles which (values
 * further apart are a mismatch for the rules to judge, not a doubt about
 * the reading). */
/* g names the same thing as f: the same field, or one config <same> ties */
static int
same_thing(const zz_doctypes *dt, const zz_found *f, const zz_found *g)
{
	if (!strcmp(f->name, g->name))
		return 1;
	for (int i = 0; i < dt->nsame; i++)
		for (int k = 0; k < dt->same[i].nfields; k++) {
			const char *pat = dt->same[i].fields[k], *as = dt->same[i].as;
			if ((!fnmatch(pat, f->name, 0) && !strcmp(as, g->name)) ||
			    (!fnmatch(pat, g->name, 0) && !strcmp(as, f->name)))
				return 1;
		}
	return 0;
}

static void
doubt(const zz_doctypes *dt, zz_foundset *fs, int say)
{
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		int other = 0;
		for (int k = 0; f->canonical && *f->value && k < fs->n; k++) {
			zz_found *g = &fs->v[k];
			other += k != i && !missing(g) && g->doc != f->doc && *g->value &&
			         same_thing(dt, f, g) && strcmp(f->value, g->value) &&
			         edits(f->value, g->value) <= 2;
		}
		if (!other)
			continue;
		f->conf = f->conf < 0.6 ? f->conf : 0.6;
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

static void
reconcile(const zz_doctypes *dt, zz_foundset *fs)
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

/* ---- re-reading and crops ---- */

typedef struct pages {
	const char *casedir;
	const zz_doc *doc;
	int page;
	PIX *pix;
	zz_reread *rr;
	const char *langs;
	int rr_failed;
} pages;

static PIX *
page_pix(pages *pg, const zz_found *f)
{
	if (pg->doc == f->doc && pg->page == f->page)
		return pg->pix;
	pixDestroy(&pg->pix);
	pg->doc = f->doc, pg->page = f->page;
	const zz_dpage *p = NULL;
	for (int i = 0; i < f->doc->npages; i++)
		if (f->doc->pages[i].n == f->page)
			p = &f->doc->pages[i];
	char *err = NULL;
	if (p && p->width)
		pg->pix = zz_region_page(pg->casedir, p->image, f->doc->pdf, f->page, 300, &err);
	if (!pg->pix && err)
		zz_warn("%s: %s", f->doc->path, err);
	free(err);
	return pg->pix;
}

/* One reading of f's box at scale: the value's text (what the value
 * pattern picks from it) and its normalised value, or 0 when it gives no
 * valid value. */
static int
read_box(pages *pg, PIX *pix, const zz_found *f, double scale, char **text, char **value,
         float *conf)
{
	char *err = NULL;
	int m = f->h / 3, w = f->w;
	*text = *value = NULL;
	/* what was misread may be shorter than what is there */
	if (!*f->value && w < 8 * f->h)
		w = 8 * f->h;
	char *t = zz_reread_box(pg->rr, pix, f->x - m, f->y - m, w + 2 * m, f->h + 2 * m, scale,
	                        f->def->whitelist, conf, &err);
	free(err);
	size_t mo = 0, ml = t ? strlen(t) : 0;
	if (!t || (f->def->value_re && !zz_re_match(f->def->value_re, t, 0, &mo, &ml))) {
		free(t); /* not even the shape of the value */
		return 0;
	}
	memmove(t, t + mo, ml);
	t[ml] = '\0';
	if (zz_field_normalise(f->def, t, f->unit ? f->unit : f->def->unit, value) < 0) {
		free(t), free(*value);
		*value = NULL;
		return 0;
	}
	*text = t;
	return 1;
}

static void
take(zz_found *f, char **text, char **value, double conf, const char *why)
{
	char *note = zz_easprintf("%s; first read '%s'", why, f->raw ? f->raw : "");
	free(f->raw), free(f->value), free(f->note);
	f->raw = *text, f->value = *value, f->note = note;
	*text = *value = NULL;
	f->status = "reread", f->conf = conf;
}

/* Reads a doubtful key field's box again as one line, at scale 1 and, when
 * that does not settle it, at scale 2: an invalid value is replaced by
 * the first valid re-read; a valid one stands when a re-read agrees, and
 * gives way when both re-reads agree against it; otherwise it stays, its
 * confidence halved, for the reviewer. */
static void
reread(pages *pg, zz_found *f)
{
	PIX *pix = page_pix(pg, f);
	char *err = NULL;
	if (!pix || pg->rr_failed)
		return;
	if (!pg->rr && !(pg->rr = zz_reread_new(pg->langs, &err))) {
		zz_warn("cannot start the re-read engine: %s", err);
		pg->rr_failed = 1;
		free(err);
		return;
	}
	char *t1, *v1, *t2 = NULL, *v2 = NULL;
	float c1 = 0, c2 = 0;
	int ok1 = read_box(pg, pix, f, 1.0, &t1, &v1, &c1);
	int settled = ok1 && (!*f->value || !strcmp(v1, f->value));
	int ok2 = settled ? 0 : read_box(pg, pix, f, 2.0, &t2, &v2, &c2);
	if (!*f->value && (ok1 || ok2)) {
		take(f, ok1 ? &t1 : &t2, ok1 ? &v1 : &v2, (ok1 ? c1 : c2) * 0.9, "re-read");
	} else if ((ok1 && !strcmp(v1, f->value)) || (ok2 && !strcmp(v2, f->value))) {
		f->conf = 1 - (1 - f->conf) * (1 - (ok1 && !strcmp(v1, f->value) ? c1 : c2));
		free(f->note);
		f->note = zz_easprintf("a re-read agrees");
	} else if (ok1 && ok2 && !strcmp(v1, v2)) {
		take(f, &t1, &v1, (c1 < c2 ? c1 : c2) * 0.8, "two re-reads agree");
	} else if (ok1 || ok2) {
		free(f->note);
		f->note = zz_easprintf("a re-read disagrees: '%s'", ok1 ? t1 : t2);
		f->conf *= 0.5;
	}
	free(t1), free(v1), free(t2), free(v2);
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

static void
evidence(const zz_doctypes *dt, const char *casedir, const char *outdir,
         const zz_extract_opts *o, zz_foundset *fs)
{
	pages pg = {casedir, NULL, 0, NULL, NULL, dt->langs, 0};
	char *dir = zz_easprintf("%s/crops", outdir);
	if (zz_mkdirs(dir, 0755) < 0)
		zz_warn("cannot create '%s': %s", dir, strerror(errno));
	free(dir);
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		if (!f->def || !f->def->key || f->w <= 0 || !f->doc)
			continue;
		int doubtful = !*f->value || f->conf < dt->reread_below;
		if (doubtful && !o->no_reread)
			reread(&pg, f);
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
}

/* ---- extract.xml ---- */

static void
attr_int(xmlTextWriterPtr w, const char *name, long v)
{
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)name, "%ld", v);
}

static void
write_doc(xmlTextWriterPtr w, const zz_doc *d)
{
	xmlTextWriterStartElement(w, (const xmlChar *)"document");
	zz_xml_attr(w, "id", d->id);
	zz_xml_attr(w, "type", d->type ? d->type->id : "other");
	zz_xml_attr(w, "path", d->path);
	zz_xml_attr(w, "sha256", d->sha256);
	zz_xml_attr(w, "kind", d->kind);
	attr_int(w, "pages", d->npages);
	attr_int(w, "score", d->type ? d->score : 0);
	if (d->runner) {
		xmlTextWriterStartElement(w, (const xmlChar *)"candidate");
		zz_xml_attr(w, "type", d->runner->id);
		attr_int(w, "score", d->runner_score);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

static void
write_found(xmlTextWriterPtr w, const zz_found *f)
{
	char buf[64];
	xmlTextWriterStartElement(w, (const xmlChar *)(f->canonical ? "field" : "observation"));
	zz_xml_attr(w, "name", f->name);
	zz_xml_attr(w, "value", f->value);
	zz_xml_attr(w, "raw", f->raw);
	snprintf(buf, sizeof buf, "%.3f", f->conf > 1 ? 1.0 : f->conf < 0 ? 0.0 : f->conf);
	zz_xml_attr(w, "confidence", buf);
	zz_xml_attr(w, "status", f->status);
	zz_xml_attr(w, "method", f->method);
	zz_xml_attr(w, "document", f->doc->id);
	attr_int(w, "page", f->page);
	if (f->w > 0) {
		snprintf(buf, sizeof buf, "%d,%d,%d,%d", f->x, f->y, f->w, f->h);
		zz_xml_attr(w, "box", buf);
	}
	zz_xml_attr(w, "cell", f->where ? f->where : f->row);
	zz_xml_attr(w, "crop", f->crop);
	if (f->agree)
		attr_int(w, "agree", f->agree);
	zz_xml_attr(w, "note", f->note);
	xmlTextWriterEndElement(w);
}

static int
write_xml(const char *path, const char *casedir, const zz_doc *docs, int nd, const zz_foundset *fs)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, (const xmlChar *)"extract");
	char *dir = zz_estrdup(casedir);
	for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	const char *id = strrchr(dir, '/');
	zz_xml_attr(w, "case", id ? id + 1 : dir);
	free(dir);
	zz_xml_attr(w, "version", "1");
	zz_xml_attr(w, "zizhi-version", ZZ_VERSION);
	for (int i = 0; i < nd; i++)
		write_doc(w, &docs[i]);
	for (int pass = 1; pass >= 0; pass--)
		for (int i = 0; i < fs->n; i++)
			if (fs->v[i].canonical == pass && !missing(&fs->v[i]))
				write_found(w, &fs->v[i]);
	for (int i = 0; i < fs->n; i++) {
		if (!missing(&fs->v[i]))
			continue;
		xmlTextWriterStartElement(w, (const xmlChar *)"missing");
		zz_xml_attr(w, "name", fs->v[i].name);
		zz_xml_attr(w, "document", fs->v[i].doc->id);
		if (fs->v[i].page)
			attr_int(w, "page", fs->v[i].page);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	int ok = xmlTextWriterEndDocument(w) >= 0;
	xmlFreeTextWriter(w);
	int rc = ok ? zz_write_atomic(path, xmlBufferContent(buf), (size_t)xmlBufferLength(buf)) : -1;
	xmlBufferFree(buf);
	return rc;
}

/* the rows as the field rules see them, for whoever writes those rules */
static void
dump_rows(const zz_doc *d)
{
	for (int i = 0; i < d->npages; i++)
		for (int r = 0; r < d->pages[i].nrows; r++) {
			const zz_row *row = &d->pages[i].rows[r];
			fprintf(stderr, "p%d r%d y=%d:", d->pages[i].n, r, row->y);
			for (int c = 0; c < row->n; c++)
				fprintf(stderr, " [%s @%d,%d]", row->chunks[c].text, row->chunks[c].x,
				        row->chunks[c].w);
			fputc('\n', stderr);
		}
}

int
zz_extract_case(const zz_doctypes *dt, const char *casedir, const char *outdir,
                const zz_extract_opts *o, char **err)
{
	int nd = 0, next = 0;
	zz_doc *docs = zz_docs_load(casedir, &nd, err);
	if (!docs)
		return -1;
	zz_foundset fs = {0};
	const char *dump = getenv("ZIZHI_DUMP_ROWS"); /* a document id: its rows on stderr */
	for (int i = 0; i < nd; i++) {
		if (dump && !strcmp(dump, docs[i].id))
			dump_rows(&docs[i]);
		zz_classify(dt, &docs[i]);
		if (docs[i].type)
			doc_fields(dt, &docs[i], &fs, &next);
	}
	renumber(dt, &fs);
	choose(dt, &fs);
	doubt(dt, &fs, 0); /* doubtful, so re-read */
	evidence(dt, casedir, outdir, o, &fs);
	doubt(dt, &fs, 1); /* and still doubtful unless the re-read changed it */
	reconcile(dt, &fs);
	char *path = zz_easprintf("%s/extract.xml", outdir);
	int rc = write_xml(path, casedir, docs, nd, &fs);
	if (rc < 0)
		*err = zz_easprintf("cannot write '%s': %s", path, strerror(errno));
	free(path);
	zz_foundset_free(&fs);
	zz_docs_free(&docs, nd);
	return rc;
}
