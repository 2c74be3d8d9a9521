/* facts.c - what the rules reason about: the readings of extract.xml, the
 * fields that stand for the case and the other documents' readings. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "decide/decide.h"

static zz_fact *
add(zz_facts *fs)
{
	return ZZ_PUSH(fs->v, fs->n, fs->cap);
}

/* A reviewer's value (CASE/review/corrections.xml) over what was read:
 * confirmed, and sure; the reading it replaces stays in the note. A field
 * that was not read at all becomes one. */
static void
correct(zz_facts *fs, const zz_correction *c)
{
	zz_fact *f = NULL;
	int canonical = 0;
	for (int i = 0; i < fs->n; i++) {
		zz_fact *g = &fs->v[i];
		if (strcmp(g->name, c->field))
			continue;
		canonical |= g->canonical;
		if (g->document && !strcmp(g->document, c->document) && (!f || g->canonical))
			f = g;
	}
	if (!f) { /* not read at all, or not from that document */
		f = add(fs);
		f->name = zz_estrdup(c->field), f->canonical = !canonical;
		f->document = zz_estrdup(c->document);
	}
	char *note = zz_easprintf("corrected by %s: %s; read '%s'", c->reviewer, c->reason,
	                          f->value ? f->value : "");
	free(f->value), free(f->status), free(f->note);
	f->value = zz_estrdup(c->value), f->status = zz_estrdup("confirmed"), f->note = note;
	f->conf = 1.0, f->confirmed = 1;
}

static int
corrections(zz_facts *fs, const char *casedir, char **err)
{
	zz_corrections cs;
	if (zz_corrections_load(casedir, &cs, err) < 0)
		return -1;
	for (int i = 0; i < cs.n; i++)
		correct(fs, &cs.v[i]);
	zz_corrections_free(&cs);
	return 0;
}

int
zz_facts_load(zz_facts *fs, const char *casedir, char **err)
{
	memset(fs, 0, sizeof *fs);
	*err = NULL;
	char *path = zz_easprintf("%s/extract/extract.xml", casedir);
	fs->extract = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!fs->extract) {
		*err = zz_easprintf("cannot read '%s' (run zizhi-extract first)", path);
		free(path);
		return -1;
	}
	free(path);
	for (xmlNodePtr n = xmlDocGetRootElement(fs->extract)->children; n; n = n->next) {
		int canonical = zz_xml_is(n, "field");
		if (!canonical && !zz_xml_is(n, "observation"))
			continue;
		zz_fact *f = add(fs);
		char *conf = zz_xml_prop(n, "confidence");
		f->name = zz_xml_prop(n, "name"), f->value = zz_xml_prop(n, "value");
		f->raw = zz_xml_prop(n, "raw"), f->status = zz_xml_prop(n, "status");
		f->document = zz_xml_prop(n, "document"), f->page = zz_xml_prop(n, "page");
		f->box = zz_xml_prop(n, "box"), f->cell = zz_xml_prop(n, "cell");
		f->crop = zz_xml_prop(n, "crop"), f->note = zz_xml_prop(n, "note");
		char *confirmed = zz_xml_prop(n, "confirmed");
		f->conf = conf ? atof(conf) : 0;
		f->canonical = canonical;
		f->confirmed = confirmed != NULL;
		free(conf), free(confirmed);
		if (!f->value)
			f->value = zz_estrdup("");
		if (!f->status)
			f->status = zz_estrdup("ok");
	}
	if (corrections(fs, casedir, err) < 0) {
		zz_facts_free(fs);
		return -1;
	}
	return 0;
}

int
zz_facts_asked(const zz_facts *fs, const char *name)
{
	for (xmlNodePtr n = xmlDocGetRootElement(fs->extract)->children; n; n = n->next) {
		char *m = zz_xml_is(n, "missing") ? zz_xml_prop(n, "name") : NULL;
		int hit = m && !strcmp(m, name);
		free(m);
		if (hit)
			return 1;
	}
	return 0;
}

/* N of a name record[N].field, or -1 for another name. */
static int
index_in(const char *name, const char *record)
{
	size_t n = strlen(record);
	return name && !strncmp(name, record, n) && name[n] == '[' ? atoi(name + n + 1) : -1;
}

int
zz_facts_span(const zz_facts *fs, const char *record)
{
	int top = -1, k;
	for (int i = 0; i < fs->n; i++)
		if ((k = index_in(fs->v[i].name, record)) > top)
			top = k;
	for (xmlNodePtr e = xmlDocGetRootElement(fs->extract)->children; e; e = e->next) {
		char *m = zz_xml_is(e, "missing") ? zz_xml_prop(e, "name") : NULL;
		if ((k = index_in(m, record)) > top)
			top = k;
		free(m);
	}
	return top + 1;
}

zz_fact *
zz_fact_get(zz_facts *fs, const char *name)
{
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].canonical && !strcmp(fs->v[i].name, name))
			return &fs->v[i];
	return NULL;
}

int
zz_facts_has_document(const zz_facts *fs, const char *type)
{
	for (xmlNodePtr n = xmlDocGetRootElement(fs->extract)->children; n; n = n->next) {
		if (!zz_xml_is(n, "document"))
			continue;
		char *t = zz_xml_prop(n, "type"), *st = zz_xml_prop(n, "status");
		int hit = t && !strcmp(t, type) && !st;
		free(t), free(st);
		if (hit)
			return 1;
	}
	return 0;
}

char *
zz_facts_unrecognised(const zz_facts *fs)
{
	zz_buf b = {0};
	for (xmlNodePtr n = xmlDocGetRootElement(fs->extract)->children; n; n = n->next) {
		if (!zz_xml_is(n, "document"))
			continue;
		char *t = zz_xml_prop(n, "type"), *st = zz_xml_prop(n, "status");
		char *id = zz_xml_prop(n, "id"), *path = zz_xml_prop(n, "path");
		if (st || (t && !strcmp(t, "other")))
			zz_buf_addf(&b, "%s%s (%s)", b.len ? ", " : "", id ? id : "?", path ? path : "?");
		free(t), free(st), free(id), free(path);
	}
	return b.s;
}

void
zz_facts_free(zz_facts *fs)
{
	for (int i = 0; i < fs->n; i++) {
		zz_fact *f = &fs->v[i];
		free(f->name), free(f->value), free(f->raw), free(f->status), free(f->document);
		free(f->page), free(f->box), free(f->cell), free(f->crop), free(f->note), free(f->from);
	}
	free(fs->v);
	xmlFreeDoc(fs->extract);
	memset(fs, 0, sizeof *fs);
}

zz_fact *
zz_fact_add(zz_facts *fs)
{
	return add(fs);
}
