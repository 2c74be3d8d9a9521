/* xmlout.c - text for the XML the stages write. Names and messages come
 * from archives, file systems and libraries; XML 1.0 takes neither invalid
 * UTF-8 nor most control characters, and one bad byte would make the whole
 * file unreadable to the next stage. */
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

int
zz_xml_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F)
			return 0;
	return zz_utf8_valid(s, strlen(s));
}

char *
zz_xml_text(const char *s)
{
	if (zz_xml_clean(s))
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

void
zz_xml_attr(struct _xmlTextWriter *w, const char *name, const char *value)
{
	if (!value)
		return;
	char *v = zz_xml_text(value);
	xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)v);
	free(v);
}

char *
zz_xml_prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *r = v ? zz_estrdup((const char *)v) : NULL;
	xmlFree(v);
	return r;
}

/* The text of n's own text children, without the indentation the writer
 * puts around child elements: a rule's message beside its evidence. */
char *
zz_xml_own_text(xmlNodePtr n)
{
	zz_buf b = {0};
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			zz_buf_add(&b, (const char *)c->content, strlen((const char *)c->content));
	char *s = b.s ? b.s : zz_estrdup(""), *e = s + strlen(s), *p = s;
	while (*p == ' ' || *p == '\n')
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\n'))
		e--;
	*e = '\0';
	memmove(s, p, (size_t)(e - p) + 1);
	return s;
}

int
zz_xml_is(const struct _xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

xmlTextWriterPtr
zz_xmldoc_begin(zz_xmldoc *d, const char *root)
{
	d->buf = xmlBufferCreate();
	d->w = xmlNewTextWriterMemory(d->buf, 0);
	if (!d->buf || !d->w)
		zz_die(ZZ_EXIT_INTERNAL, "out of memory");
	xmlTextWriterSetIndent(d->w, 1);
	xmlTextWriterStartDocument(d->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(d->w, (const xmlChar *)root);
	return d->w;
}

int
zz_xmldoc_save(zz_xmldoc *d, const char *path)
{
	int ok = xmlTextWriterEndDocument(d->w) >= 0; /* closes open elements too */
	xmlFreeTextWriter(d->w);
	int rc = ok ? zz_write_atomic(path, xmlBufferContent(d->buf), (size_t)xmlBufferLength(d->buf))
	            : -1;
	xmlBufferFree(d->buf);
	d->w = NULL, d->buf = NULL;
	return rc;
}

/* A file a stage wrote into a case directory (ours, so parse errors are
 * not printed: the caller says what is missing). */
xmlDocPtr
zz_case_xml(const char *casedir, const char *rel)
{
	char *path = zz_easprintf("%s/%s", casedir, rel);
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(path);
	return doc;
}

char *
zz_case_verdict(const char *casedir)
{
	xmlDocPtr d = zz_case_xml(casedir, "report.xml");
	char *v = d ? zz_xml_prop(xmlDocGetRootElement(d), "verdict") : NULL;
	xmlFreeDoc(d);
	return v;
}
