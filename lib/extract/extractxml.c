/* extractxml.c - CASE/extract/extract.xml (config/schema/extract.rng):
 * the documents with their types, the fields that stand for the case,
 * the other documents' readings, and what was asked for but not found. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "extract/extract.h"

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
	if (d->broken) {
		zz_xml_attr(w, "status", "unreadable");
		zz_xml_attr(w, "note", d->broken);
	}
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
	if (f->confirmed)
		zz_xml_attr(w, "confirmed", "yes");
	zz_xml_attr(w, "note", f->note);
	zz_xml_attr(w, "tried", f->tried);
	xmlTextWriterEndElement(w);
}

int
zz_extract_write(const char *path, const char *casedir, const zz_doc *docs, int nd, const zz_foundset *fs)
{
	zz_xmldoc doc;
	xmlTextWriterPtr w = zz_xmldoc_begin(&doc, "extract");
	char *id = zz_case_id(casedir);
	zz_xml_attr(w, "case", id);
	free(id);
	zz_xml_attr(w, "version", "1");
	zz_xml_attr(w, "zizhi-version", ZZ_VERSION);
	for (int i = 0; i < nd; i++)
		write_doc(w, &docs[i]);
	for (int pass = 1; pass >= 0; pass--)
		for (int i = 0; i < fs->n; i++)
			if (fs->v[i].canonical == pass && !zz_found_is_missing(&fs->v[i]))
				write_found(w, &fs->v[i]);
	for (int i = 0; i < fs->n; i++) {
		if (!zz_found_is_missing(&fs->v[i]))
			continue;
		xmlTextWriterStartElement(w, (const xmlChar *)"missing");
		zz_xml_attr(w, "name", fs->v[i].name);
		zz_xml_attr(w, "document", fs->v[i].doc->id);
		if (fs->v[i].page)
			attr_int(w, "page", fs->v[i].page);
		if (fs->v[i].absent)
			zz_xml_attr(w, "absent", "yes");
		xmlTextWriterEndElement(w);
	}
	return zz_xmldoc_save(&doc, path);
}

