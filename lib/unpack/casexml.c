/* casexml.c - write case.xml, the list of everything in a case
 * (described by config/schema/case.rng). */
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unpack/unpack.h"

static void
attrf(xmlTextWriterPtr w, const char *name, unsigned long long v)
{
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)name, "%llu", v);
}

static void
raw_name(xmlTextWriterPtr w, const char *orig, const char *rawhex)
{
	if (rawhex)
		zz_xml_attr(w, "raw-name", rawhex);
	else if (!zz_xml_clean(orig)) {
		char *h = zz_hex(orig, strlen(orig));
		zz_xml_attr(w, "raw-name", h);
		free(h);
	}
}

/* The archives an entry came through, outermost first. */
static void
chain(xmlTextWriterPtr w, zz_unpack *u, int archive)
{
	if (archive < 0)
		return;
	int ids[64], n = 0;
	for (int a = archive; a >= 0 && n < 64; a = g_array_index(u->archives, zz_arec, a).parent)
		ids[n++] = a;
	zz_buf b = {0};
	while (n-- > 0)
		zz_buf_addf(&b, "%sa%d", b.len ? " " : "", ids[n]);
	zz_xml_attr(w, "chain", b.s);
	zz_buf_free(&b);
	char id[32];
	snprintf(id, sizeof id, "a%d", archive);
	zz_xml_attr(w, "archive", id);
}

static void
write_archive(xmlTextWriterPtr w, zz_unpack *u, int i)
{
	zz_arec *a = &g_array_index(u->archives, zz_arec, i);
	char id[32];
	snprintf(id, sizeof id, "a%d", i);
	xmlTextWriterStartElement(w, (const xmlChar *)"archive");
	zz_xml_attr(w, "id", id);
	if (a->parent >= 0) {
		char p[32];
		snprintf(p, sizeof p, "a%d", a->parent);
		zz_xml_attr(w, "parent", p);
	}
	zz_xml_attr(w, "kind", a->kind);
	zz_xml_attr(w, "original-path", a->orig);
	char *dir = *a->dir ? zz_easprintf("files/%s", a->dir) : zz_estrdup("files");
	zz_xml_attr(w, "dir", dir);
	free(dir);
	if (a->sha256[0])
		zz_xml_attr(w, "sha256", a->sha256);
	attrf(w, "size", a->size);
	attrf(w, "depth", a->depth);
	zz_xml_attr(w, "status", a->status);
	zz_xml_attr(w, "error", a->error);
	zz_xml_attr(w, "note", a->note);
	xmlTextWriterEndElement(w);
}

static void
write_file(xmlTextWriterPtr w, zz_unpack *u, int i)
{
	zz_frec *f = &g_array_index(u->files, zz_frec, i);
	char id[32];
	snprintf(id, sizeof id, "f%d", i + 1);
	xmlTextWriterStartElement(w, (const xmlChar *)"file");
	zz_xml_attr(w, "id", id);
	zz_xml_attr(w, "path", f->path);
	zz_xml_attr(w, "original-path", f->orig);
	zz_xml_attr(w, "sha256", f->sha256);
	attrf(w, "size", f->size);
	zz_xml_attr(w, "media-type", f->media);
	chain(w, u, f->archive);
	if (f->enc && strcmp(f->enc, "ascii") != 0 && strcmp(f->enc, "utf-8") != 0)
		zz_xml_attr(w, "name-encoding", f->enc);
	raw_name(w, f->orig, f->rawhex);
	if (f->renamed)
		zz_xml_attr(w, "renamed", "yes");
	zz_xml_attr(w, "note", f->note);
	xmlTextWriterEndElement(w);
}

static void
write_refused(xmlTextWriterPtr w, zz_unpack *u, int i)
{
	zz_rrec *r = &g_array_index(u->refused, zz_rrec, i);
	xmlTextWriterStartElement(w, (const xmlChar *)"refused");
	zz_xml_attr(w, "original-path", r->orig);
	raw_name(w, r->orig, NULL);
	zz_xml_attr(w, "code", r->code);
	chain(w, u, r->archive);
	char *t = zz_xml_text(r->reason);
	xmlTextWriterWriteString(w, (const xmlChar *)t);
	free(t);
	xmlTextWriterEndElement(w);
}

int
zz_unpack_write_xml(zz_unpack *u, const char *id, const char *path)
{
	zz_xmldoc doc;
	xmlTextWriterPtr w = zz_xmldoc_begin(&doc, "case");
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	zz_xml_attr(w, "id", id);
	zz_xml_attr(w, "version", "1");
	char when[32];
	zz_xml_attr(w, "unpacked", zz_utc_time(time(NULL), when));
	int partial = 0;
	for (guint i = 0; i < u->archives->len; i++)
		partial |= g_array_index(u->archives, zz_arec, i).depth == 0 &&
		           g_array_index(u->archives, zz_arec, i).error != NULL;
	zz_xml_attr(w, "status", partial ? "partial" : "complete");
	attrf(w, "files", u->files->len);
	attrf(w, "refused", u->refused->len + u->refused_unlisted);
	attrf(w, "bytes", u->total);
	zz_xml_attr(w, "zizhi-version", ZZ_VERSION);

	xmlTextWriterStartElement(w, (const xmlChar *)"submission");
	zz_xml_attr(w, "path", u->input);
	zz_xml_attr(w, "kind", u->input_kind);
	xmlTextWriterEndElement(w);
	for (guint i = 0; i < u->archives->len; i++)
		write_archive(w, u, (int)i);
	for (guint i = 0; i < u->files->len; i++)
		write_file(w, u, (int)i);
	for (guint i = 0; i < u->refused->len; i++)
		write_refused(w, u, (int)i);
	if (u->refused_unlisted) {
		xmlTextWriterStartElement(w, (const xmlChar *)"refused-more");
		attrf(w, "count", u->refused_unlisted);
		xmlTextWriterEndElement(w);
	}
	return zz_xmldoc_save(&doc, path);
}
