/* doctypes.c - CONFIG/documents.xml: document types, cues and fields as
 * data, so a new type or field needs no C. Checked against its schema
 * first; then every pattern is compiled, and a bad one is reported with
 * the file and line it is on. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "extract/extract.h"

typedef struct loader {
	const char *path;
	char *err;
} loader;

static int
yes(xmlNodePtr n, const char *name)
{
	char *v = zz_xml_prop(n, name);
	int r = v && !strcmp(v, "yes");
	free(v);
	return r;
}

/* Compiles n's re= into re; 0, or -1 with the loader's error set. */
static int
compile(loader *L, xmlNodePtr n, zz_re *re)
{
	memset(re, 0, sizeof *re);
	re->src = zz_xml_prop(n, "re");
	char *w = zz_xml_prop(n, "weight");
	re->weight = w ? atoi(w) : 0;
	free(w);
	re->value = zz_xml_prop(n, "value");
	char *fc = zz_xml_prop(n, "confidence");
	re->factor = fc ? atof(fc) : 0.95;
	free(fc);
	if (!re->src) { /* text="...": a phrase found loosely, as labels are */
		if ((re->src = zz_xml_prop(n, "text")) && *re->src)
			return 0;
		L->err = zz_easprintf("%s:%ld: neither re= nor text=", L->path, xmlGetLineNo(n));
		return -1;
	}
	char *why = NULL;
	if ((re->code = zz_pattern_compile(re->src, &why)))
		return 0;
	L->err = zz_easprintf("%s:%ld: bad pattern '%s': %s", L->path, xmlGetLineNo(n), re->src, why);
	free(why);
	return -1;
}

static void
free_re(zz_re *re)
{
	if (!re)
		return;
	pcre2_code_free(re->code);
	free(re->src), free(re->value);
}

static int
add_re(loader *L, xmlNodePtr n, zz_re **v, int *nv)
{
	*v = zz_erealloc(*v, (size_t)(*nv + 1) * sizeof **v);
	if (compile(L, n, &(*v)[*nv]) < 0) {
		free_re(&(*v)[*nv]);
		return -1;
	}
	(*nv)++;
	return 0;
}

static void
add_str(xmlNodePtr n, char ***v, int *nv)
{
	xmlChar *t = xmlNodeGetContent(n);
	*v = zz_erealloc(*v, (size_t)(*nv + 1) * sizeof **v);
	(*v)[(*nv)++] = zz_estrdup(t ? (const char *)t : "");
	xmlFree(t);
}

static enum zz_vtype
vtype(const char *s)
{
	static const char *names[] = {"text", "name", "money", "date", "uscc",
	                              "int",  "enum", "bool",  "year", "code", "regno"};
	for (unsigned i = 0; s && i < sizeof names / sizeof *names; i++)
		if (!strcmp(s, names[i]))
			return (enum zz_vtype)i;
	return ZZ_V_TEXT;
}

static int
load_field(loader *L, xmlNodePtr n, zz_fdef *f)
{
	memset(f, 0, sizeof *f);
	char *t = zz_xml_prop(n, "type"), *where = zz_xml_prop(n, "where"), *unit = zz_xml_prop(n, "unit");
	f->name = zz_xml_prop(n, "name");
	f->type = vtype(t);
	f->right = !where || strstr(where, "right");
	f->below = !where || strstr(where, "below");
	f->unit = unit ? atoll(unit) : 1;
	char *min = zz_xml_prop(n, "min"), *max = zz_xml_prop(n, "max");
	f->has_min = min != NULL, f->has_max = max != NULL;
	f->min = min ? atoll(min) : 0, f->max = max ? atoll(max) : 0;
	free(min), free(max);
	f->key = yes(n, "key");
	f->prior = yes(n, "prior");
	f->whitelist = zz_xml_prop(n, "whitelist");
	f->shape = zz_xml_prop(n, "shape");
	free(t), free(where), free(unit);
	int rc = 0;
	for (xmlNodePtr c = n->children; c && rc == 0; c = c->next) {
		if (zz_xml_is(c, "label"))
			add_str(c, &f->labels, &f->nlabels);
		else if (zz_xml_is(c, "known"))
			add_str(c, &f->known, &f->nknown);
		else if (zz_xml_is(c, "header"))
			add_str(c, &f->columns, &f->ncolumns);
		else if (zz_xml_is(c, "compare"))
			add_str(c, &f->compares, &f->ncompares);
		else if (zz_xml_is(c, "agree"))
			add_str(c, &f->agrees, &f->nagrees);
		else if (zz_xml_is(c, "find"))
			rc = add_re(L, c, &f->finds, &f->nfinds);
		else if (zz_xml_is(c, "option"))
			rc = add_re(L, c, &f->options, &f->noptions);
		else if (zz_xml_is(c, "value") || zz_xml_is(c, "unit") || zz_xml_is(c, "not") ||
		         zz_xml_is(c, "usual") || zz_xml_is(c, "given")) {
			zz_re **slot = zz_xml_is(c, "value") ? &f->value_re
			             : zz_xml_is(c, "not")   ? &f->not_re
			             : zz_xml_is(c, "usual") ? &f->usual_re
			             : zz_xml_is(c, "given") ? &f->given_re
			                                     : &f->unit_re;
			*slot = zz_ecalloc(1, sizeof **slot);
			rc = compile(L, c, *slot);
		}
	}
	return rc;
}

static int
load_table(loader *L, xmlNodePtr n, zz_tdef *t)
{
	memset(t, 0, sizeof *t);
	char *mh = zz_xml_prop(n, "min-headers"), *w = zz_xml_prop(n, "weight");
	t->record = zz_xml_prop(n, "record"), t->key = zz_xml_prop(n, "key");
	t->min_headers = mh ? atoi(mh) : 2;
	t->weight = w ? atoi(w) : 0;
	free(mh), free(w);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!zz_xml_is(c, "column"))
			continue;
		t->cols = zz_erealloc(t->cols, (size_t)(t->ncols + 1) * sizeof *t->cols);
		if (load_field(L, c, &t->cols[t->ncols++]) < 0)
			return -1;
	}
	return 0;
}

static int
load_type(loader *L, xmlNodePtr n, zz_dtype *t)
{
	memset(t, 0, sizeof *t);
	char *ms = zz_xml_prop(n, "min-score"), *keyed = zz_xml_prop(n, "keyed");
	char *lw = zz_xml_prop(n, "label-weight");
	t->label_weight = lw ? atoi(lw) : 0;
	free(lw);
	t->id = zz_xml_prop(n, "id"), t->title = zz_xml_prop(n, "title");
	t->min_score = ms ? atoi(ms) : 3;
	int acap = 0, scap = 0;
	t->record = zz_xml_prop(n, "record");
	t->keyed = keyed != NULL;
	t->rkey = keyed ? keyed : zz_xml_prop(n, "key");
	t->per_page = yes(n, "per-page");
	t->line = (int)xmlGetLineNo(n);
	free(ms);
	int rc = 0;
	for (xmlNodePtr c = n->children; c && rc == 0; c = c->next) {
		if (zz_xml_is(c, "cue"))
			rc = add_re(L, c, &t->cues, &t->ncues);
		else if (zz_xml_is(c, "head"))
			rc = add_re(L, c, &t->head_cues, &t->nhead_cues);
		else if (zz_xml_is(c, "hint"))
			rc = add_re(L, c, &t->hints, &t->nhints);
		else if (zz_xml_is(c, "stop"))
			add_str(c, &t->stops, &t->nstops);
		else if (zz_xml_is(c, "field")) {
			t->fields = zz_erealloc(t->fields, (size_t)(t->nfields + 1) * sizeof *t->fields);
			rc = load_field(L, c, &t->fields[t->nfields++]);
		} else if (zz_xml_is(c, "absent")) {
			zz_absent *a = ZZ_PUSH(t->absents, t->nabsents, acap);
			a->field = zz_xml_prop(c, "field"), a->when = zz_xml_prop(c, "when");
			rc = compile(L, c, &a->re);
		} else if (zz_xml_is(c, "same-day")) {
			zz_sameday *s = ZZ_PUSH(t->samedays, t->nsamedays, scap);
			s->field = zz_xml_prop(c, "field"), s->as = zz_xml_prop(c, "as");
			s->ends = zz_xml_prop(c, "ends");
		} else if (zz_xml_is(c, "table")) {
			t->tables = zz_erealloc(t->tables, (size_t)(t->ntables + 1) * sizeof *t->tables);
			rc = load_table(L, c, &t->tables[t->ntables++]);
		}
	}
	return rc;
}

static void
load_canon(xmlNodePtr n, zz_canon *c)
{
	memset(c, 0, sizeof *c);
	c->name = zz_xml_prop(n, "name");
	char *from = zz_xml_prop(n, "from"), *save = NULL;
	for (char *tok = strtok_r(from, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save)) {
		c->from = zz_erealloc(c->from, (size_t)(c->nfrom + 1) * sizeof *c->from);
		c->from[c->nfrom++] = zz_estrdup(tok);
	}
	free(from);
}

static int
load_root(loader *L, xmlNodePtr root, zz_doctypes *dt)
{
	char *rb = zz_xml_prop(root, "reread-below"), *fz = zz_xml_prop(root, "fuzzy-label");
	dt->reread_below = rb ? atof(rb) : 0.8;
	dt->fuzzy_label = fz ? atof(fz) : 0.9;
	dt->langs = zz_xml_prop(root, "langs");
	dt->langs2 = zz_xml_prop(root, "second-langs");
	free(rb), free(fz);
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (zz_xml_is(n, "type")) {
			dt->types = zz_erealloc(dt->types, (size_t)(dt->ntypes + 1) * sizeof *dt->types);
			if (load_type(L, n, &dt->types[dt->ntypes++]) < 0)
				return -1;
			for (int i = 0; i < dt->ntypes - 1; i++)
				if (!strcmp(dt->types[i].id, dt->types[dt->ntypes - 1].id)) {
					L->err = zz_easprintf("%s:%ld: type '%s' defined twice", L->path,
					                      xmlGetLineNo(n), dt->types[i].id);
					return -1;
				}
		} else if (zz_xml_is(n, "reconcile")) {
			dt->recon = zz_erealloc(dt->recon, (size_t)(dt->nrecon + 1) * sizeof *dt->recon);
			zz_recon *r = &dt->recon[dt->nrecon++];
			char *me = zz_xml_prop(n, "max-edits");
			r->record = zz_xml_prop(n, "record"), r->field = zz_xml_prop(n, "field"), r->key = zz_xml_prop(n, "key");
			r->with = zz_xml_prop(n, "with"), r->with_field = zz_xml_prop(n, "with-field");
			r->with_key = zz_xml_prop(n, "with-key");
			r->max_edits = me ? atoi(me) : 0;
			free(me);
		} else if (zz_xml_is(n, "same")) {
			dt->same = zz_erealloc(dt->same, (size_t)(dt->nsame + 1) * sizeof *dt->same);
			zz_same *m = &dt->same[dt->nsame++];
			memset(m, 0, sizeof *m);
			m->as = zz_xml_prop(n, "as");
			char *list = zz_xml_prop(n, "fields"), *save = NULL;
			for (char *t = strtok_r(list, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save)) {
				m->fields = zz_erealloc(m->fields, (size_t)(m->nfields + 1) * sizeof *m->fields);
				m->fields[m->nfields++] = zz_estrdup(t);
			}
			free(list);
		} else if (zz_xml_is(n, "canonical")) {
			dt->canon = zz_erealloc(dt->canon, (size_t)(dt->ncanon + 1) * sizeof *dt->canon);
			load_canon(n, &dt->canon[dt->ncanon++]);
		}
	}
	return 0;
}

zz_doctypes *
zz_doctypes_load(const char *configdir, const char *path, char **err)
{
	*err = NULL;
	char *file = path ? zz_estrdup(path) : zz_easprintf("%s/documents.xml", configdir);
	char *rng = zz_schema_path(configdir, "documents.rng");
	zz_doctypes *dt = NULL;
	if (access(file, R_OK) != 0) {
		*err = zz_easprintf("cannot open '%s': %s (give the configuration with -c or ZIZHI_CONFIG)",
		                    file, strerror(errno));
		goto out;
	}
	if (zz_rng_validate(rng, file, err) < 0)
		goto out;
	xmlDocPtr doc = xmlReadFile(file, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		*err = zz_easprintf("%s: cannot parse", file);
		goto out;
	}
	loader L = {file, NULL};
	dt = zz_ecalloc(1, sizeof *dt);
	if (load_root(&L, xmlDocGetRootElement(doc), dt) < 0) {
		*err = L.err;
		zz_doctypes_free(&dt);
	}
	xmlFreeDoc(doc);
out:
	free(file), free(rng);
	return dt;
}

static void
free_field(zz_fdef *f)
{
	free(f->name), free(f->whitelist), free(f->shape);
	for (int i = 0; i < f->nlabels; i++)
		free(f->labels[i]);
	for (int i = 0; i < f->ncolumns; i++)
		free(f->columns[i]);
	for (int i = 0; i < f->ncompares; i++)
		free(f->compares[i]);
	for (int i = 0; i < f->nagrees; i++)
		free(f->agrees[i]);
	for (int i = 0; i < f->nknown; i++)
		free(f->known[i]);
	free(f->compares), free(f->agrees), free(f->known);
	for (int i = 0; i < f->nfinds; i++)
		free_re(&f->finds[i]);
	for (int i = 0; i < f->noptions; i++)
		free_re(&f->options[i]);
	free_re(f->value_re), free_re(f->unit_re), free_re(f->not_re), free_re(f->usual_re);
	free_re(f->given_re);
	free(f->value_re), free(f->unit_re), free(f->not_re), free(f->usual_re), free(f->given_re);
	free(f->labels), free(f->columns), free(f->finds), free(f->options);
}

static void
free_type(zz_dtype *t)
{
	zz_re *sets[] = {t->cues, t->head_cues, t->hints};
	int counts[] = {t->ncues, t->nhead_cues, t->nhints};
	for (int s = 0; s < 3; s++) {
		for (int i = 0; i < counts[s]; i++)
			free_re(&sets[s][i]);
		free(sets[s]);
	}
	for (int i = 0; i < t->nstops; i++)
		free(t->stops[i]);
	free(t->stops);
	for (int i = 0; i < t->nfields; i++)
		free_field(&t->fields[i]);
	for (int i = 0; i < t->ntables; i++) {
		for (int k = 0; k < t->tables[i].ncols; k++)
			free_field(&t->tables[i].cols[k]);
		free(t->tables[i].cols), free(t->tables[i].record), free(t->tables[i].key);
	}
	free(t->fields), free(t->tables);
	for (int i = 0; i < t->nabsents; i++)
		free(t->absents[i].field), free(t->absents[i].when), free_re(&t->absents[i].re);
	free(t->absents);
	for (int i = 0; i < t->nsamedays; i++)
		free(t->samedays[i].field), free(t->samedays[i].as), free(t->samedays[i].ends);
	free(t->samedays);
	free(t->id), free(t->title), free(t->record), free(t->rkey);
}

/* A record's fields are named RECORD[i].FIELD or RECORD.KEY.FIELD in a
 * case: by its record and the field's own name. */
static const zz_fdef *
record_field(const zz_doctypes *dt, const char *name)
{
	const char *own = strrchr(name, '.');
	for (int i = 0; own && i < dt->ntypes; i++) {
		const zz_dtype *t = &dt->types[i];
		size_t n = t->record ? strlen(t->record) : 0;
		if (!n || strncmp(name, t->record, n) || (name[n] != '[' && name[n] != '.'))
			continue;
		for (int k = 0; k < t->nfields; k++)
			if (!strcmp(t->fields[k].name, own + 1))
				return &t->fields[k];
	}
	return NULL;
}

const zz_fdef *
zz_doctypes_field(const zz_doctypes *dt, const char *name)
{
	for (int i = 0; i < dt->ntypes; i++)
		for (int k = 0; k < dt->types[i].nfields; k++)
			if (!dt->types[i].record && !strcmp(dt->types[i].fields[k].name, name))
				return &dt->types[i].fields[k];
	return record_field(dt, name);
}

void
zz_doctypes_free(zz_doctypes **pdt)
{
	zz_doctypes *dt = *pdt;
	*pdt = NULL;
	if (!dt)
		return;
	for (int i = 0; i < dt->ntypes; i++)
		free_type(&dt->types[i]);
	for (int i = 0; i < dt->ncanon; i++) {
		for (int k = 0; k < dt->canon[i].nfrom; k++)
			free(dt->canon[i].from[k]);
		free(dt->canon[i].from), free(dt->canon[i].name);
	}
	for (int i = 0; i < dt->nrecon; i++) {
		zz_recon *r = &dt->recon[i];
		free(r->record), free(r->field), free(r->key), free(r->with), free(r->with_field),
			free(r->with_key);
	}
	for (int i = 0; i < dt->nsame; i++) {
		for (int k = 0; k < dt->same[i].nfields; k++)
			free(dt->same[i].fields[k]);
		free(dt->same[i].fields), free(dt->same[i].as);
	}
	free(dt->types), free(dt->canon), free(dt->recon), free(dt->same);
	free(dt->langs), free(dt->langs2);
	free(dt);
}

int
zz_re_match(const zz_re *re, const char *s, size_t off, size_t *mo, size_t *ml)
{
	if (!re->code) {
		size_t a = 0, b = 0;
		if (zz_text_find(re->src, s + off, &a, &b) < 0)
			return 0;
		*mo = off + a, *ml = b - a;
		return 1;
	}
	return zz_pattern_match(re->code, s, off, mo, ml);
}

const zz_fdef *
zz_type_field(const zz_dtype *t, const char *name)
{
	for (int i = 0; t && i < t->nfields; i++)
		if (!strcmp(t->fields[i].name, name))
			return &t->fields[i];
	return NULL;
}
