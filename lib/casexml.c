/* casexml.c - write case.xml, the list of everything in a case
 * (described by config/schema/case.rng). */
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unpack.h"

/* XML 1.0 takes neither invalid UTF-8 nor most control characters. */
static int
xml_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F)
			return 0;
	return zz_utf8_valid(s, strlen(s));
}

static char *
xml_text(const char *s)
{
	if (xml_clean(s))
		return zz_estrdup(s);
	zz_buf b = {0};
	const char *enc;
	char *d = zz_decode_name(s, strlen(s), 1, &enc);
	for (const unsigned char *p = (const unsigned char *)d; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			zz_buf_adds(&b, "\xEF\xBF\xBD"); /* U+FFFD */
		else
			zz_buf_add(&b, p, 1);
	}
	free(d);
	if (!b.s)
		zz_buf_adds(&b, "");
	return b.s;
}

static void
attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (!value)
		return;
	char *v = xml_text(value);
	xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)v);
	free(v);
}

static void
attrf(xmlTextWriterPtr w, const char *name, unsigned long long v)
{
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)name, "%llu", v);
}

static void
raw_name(xmlTextWriterPtr w, const char *orig, const char *rawhex)
{
	if (rawhex)
		attr(w, "raw-name", rawhex);
	else if (!xml_clean(orig)) {
		char *h = zz_hex(orig, strlen(orig));
		attr(w, "raw-name", h);
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
	attr(w, "chain", b.s);
	zz_buf_free(&b);
	char id[32];
	snprintf(id, sizeof id, "a%d", archive);
	attr(w, "archive", id);
}

static void
write_archive(xmlTextWriterPtr w, zz_unpack *u, int i)
{
	zz_arec *a = &g_array_index(u->archives, zz_arec, i);
	char id[32];
	snprintf(id, sizeof id, "a%d", i);
	xmlTextWriterStartElement(w, (const xmlChar *)"archive");
	attr(w, "id", id);
	if (a->parent >= 0) {
		char p[32];
		snprintf(p, sizeof p, "a%d", a->parent);
		attr(w, "parent", p);
	}
	attr(w, "kind", a->kind);
	attr(w, "original-path", a->orig);
	char *dir = *a->dir ? zz_easprintf("files/%s", a->dir) : zz_estrdup("files");
	attr(w, "dir", dir);
	free(dir);
	if (a->sha256[0])
		attr(w, "sha256", a->sha256);
	attrf(w, "size", a->size);
	attrf(w, "depth", a->depth);
	attr(w, "status", a->status);
	attr(w, "error", a->error);
	attr(w, "note", a->note);
	xmlTextWriterEndElement(w);
}

static void
write_file(xmlTextWriterPtr w, zz_unpack *u, int i)
{
	zz_frec *f = &g_array_index(u->files, zz_frec, i);
	char id[32];
	snprintf(id, sizeof id, "f%d", i + 1);
	xmlTextWriterStartElement(w, (const xmlChar *)"file");
	attr(w, "id", id);
	attr(w, "path", f->path);
	attr(w, "original-path", f->orig);
	attr(w, "sha256", f->sha256);
	attrf(w, "size", f->size);
	attr(w, "media-type", f->media);
	chain(w, u, f->archive);
	if (f->enc && strcmp(f->enc, "ascii") != 0 && strcmp(f->enc, "utf-8") != 0)
		attr(w, "name-encoding", f->enc);
	raw_name(w, f->orig, f->rawhex);
	if (f->renamed)
		attr(w, "renamed", "yes");
	attr(w, "note", f->note);
	xmlTextWriterEndElement(w);
}

static void
write_refused(xmlTextWriterPtr w, zz_unpack *u, int i)
{
	zz_rrec *r = &g_array_index(u->refused, zz_rrec, i);
	xmlTextWriterStartElement(w, (const xmlChar *)"refused");
	attr(w, "original-path", r->orig);
	raw_name(w, r->orig, NULL);
	attr(w, "code", r->code);
	chain(w, u, r->archive);
	char *t = xml_text(r->reason);
	xmlTextWriterWriteString(w, (const xmlChar *)t);
	free(t);
	xmlTextWriterEndElement(w);
}

int
zz_unpack_write_xml(zz_unpack *u, const char *id, const char *path)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, (const xmlChar *)"case");
	attr(w, "id", id);
	attr(w, "version", "1");
	char when[32];
	time_t now = time(NULL);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	attr(w, "unpacked", when);
	int partial = 0;
	for (guint i = 0; i < u->archives->len; i++)
		partial |= g_array_index(u->archives, zz_arec, i).depth == 0 &&
		           g_array_index(u->archives, zz_arec, i).error != NULL;
	attr(w, "status", partial ? "partial" : "complete");
	attrf(w, "files", u->files->len);
	attrf(w, "refused", u->refused->len + u->refused_unlisted);
	attrf(w, "bytes", u->total);
	attr(w, "zizhi-version", ZZ_VERSION);

	xmlTextWriterStartElement(w, (const xmlChar *)"submission");
	attr(w, "path", u->input);
	attr(w, "kind", u->input_kind);
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
	xmlTextWriterEndElement(w);
	int ok = xmlTextWriterEndDocument(w) >= 0;
	xmlFreeTextWriter(w);
	int rc = ok ? zz_write_atomic(path, xmlBufferContent(buf), (size_t)xmlBufferLength(buf))
	            : -1;
	xmlBufferFree(buf);
	return rc;
}
