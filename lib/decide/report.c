/* report.c - CASE/report.xml, the contract of spec §5
 * (config/schema/report.rng): the verdict, the documents, every field that
 * stands for the case with its evidence, each rule with its message and
 * the fields it used, and the documents to ask the applicant for. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "decide/decide.h"

static void
attr(xmlTextWriterPtr w, const char *name, const char *v)
{
	if (v && *v)
		zz_xml_attr(w, name, v);
}

static void
documents(xmlTextWriterPtr w, zz_facts *fs)
{
	static const char *const a[] = {"id", "type", "path", "sha256", "pages", "status"};
	for (xmlNodePtr n = xmlDocGetRootElement(fs->extract)->children; n; n = n->next) {
		if (!zz_xml_is(n, "document"))
			continue;
		xmlTextWriterStartElement(w, (const xmlChar *)"document");
		for (unsigned i = 0; i < sizeof a / sizeof *a; i++) {
			char *v = zz_xml_prop(n, a[i]);
			attr(w, a[i], v);
			free(v);
		}
		xmlTextWriterEndElement(w);
	}
}

static void
field(xmlTextWriterPtr w, const zz_fact *f)
{
	char conf[16];
	snprintf(conf, sizeof conf, "%.3f", f->conf);
	xmlTextWriterStartElement(w, (const xmlChar *)"field");
	zz_xml_attr(w, "name", f->name);
	zz_xml_attr(w, "value", f->value);
	/* a derived value's raw text is what its sure inputs alone give */
	attr(w, f->from ? "sure" : "raw", f->raw);
	zz_xml_attr(w, "confidence", conf);
	attr(w, "status", f->status);
	attr(w, "document", f->document);
	attr(w, "page", f->page);
	attr(w, "box", f->box);
	attr(w, "cell", f->cell);
	attr(w, "crop", f->crop);
	if (f->from) /* even empty: nothing counted is evidence too */
		zz_xml_attr(w, "from", f->from);
	attr(w, "note", f->note);
	xmlTextWriterEndElement(w);
}

int
zz_report_write(const char *path, const char *case_id, zz_facts *fs, const zz_decision *d)
{
	zz_xmldoc doc;
	xmlTextWriterPtr w = zz_xmldoc_begin(&doc, "case");
	zz_xml_attr(w, "id", case_id);
	zz_xml_attr(w, "verdict", d->verdict);
	zz_xml_attr(w, "as-of", d->as_of);
	zz_xml_attr(w, "rules", d->rules_id);
	zz_xml_attr(w, "rules-title", d->rules_title);
	zz_xml_attr(w, "zizhi-version", ZZ_VERSION);
	documents(w, fs);
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].canonical)
			field(w, &fs->v[i]);
	for (int i = 0; i < d->nrules; i++) {
		const zz_result *r = &d->rules[i];
		xmlTextWriterStartElement(w, (const xmlChar *)"rule");
		zz_xml_attr(w, "id", r->id);
		zz_xml_attr(w, "result", r->result);
		attr(w, "title", r->title);
		for (int k = 0; k < r->nevidence; k++) {
			xmlTextWriterStartElement(w, (const xmlChar *)"evidence");
			zz_xml_attr(w, "field", r->evidence[k]);
			xmlTextWriterEndElement(w);
		}
		char *msg = zz_xml_text(r->message ? r->message : "");
		xmlTextWriterWriteString(w, (const xmlChar *)msg);
		free(msg);
		xmlTextWriterEndElement(w);
	}
	for (int i = 0; i < d->nmissing; i++) {
		xmlTextWriterStartElement(w, (const xmlChar *)"request");
		zz_xml_attr(w, "document-type", d->missing_types[i]);
		xmlTextWriterEndElement(w);
	}
	return zz_xmldoc_save(&doc, path);
}
