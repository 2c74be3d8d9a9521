/* corrections.c - a reviewer's value for a field, kept in the case
 * directory (CASE/review/corrections.xml), where every later stage finds
 * it: zizhi-decide decides with it and zizhi-load loads it, so a value a
 * reviewer corrected is never lost to a re-run of the pipeline. The file
 * is only added to; for a field of a document, the latest correction
 * stands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "core/core.h"

#define CORRECTIONS "review/corrections.xml"

void
zz_corrections_free(zz_corrections *cs)
{
	for (int i = 0; i < cs->n; i++) {
		zz_correction *c = &cs->v[i];
		free(c->at), free(c->reviewer), free(c->field), free(c->document);
		free(c->value), free(c->was), free(c->reason);
	}
	free(cs->v);
	memset(cs, 0, sizeof *cs);
}

int
zz_corrections_load(const char *casedir, zz_corrections *cs, char **err)
{
	memset(cs, 0, sizeof *cs);
	*err = NULL;
	char *path = zz_easprintf("%s/%s", casedir, CORRECTIONS);
	struct stat sb;
	int absent = stat(path, &sb) < 0 && errno == ENOENT;
	free(path);
	if (absent)
		return 0;
	xmlDocPtr d = zz_case_xml(casedir, CORRECTIONS);
	if (!d) {
		*err = zz_easprintf("%s/%s is not readable XML", casedir, CORRECTIONS);
		return -1;
	}
	for (xmlNodePtr n = xmlDocGetRootElement(d)->children; n; n = n->next) {
		if (!zz_xml_is(n, "correction"))
			continue;
		zz_correction c = {zz_xml_prop(n, "at"), zz_xml_prop(n, "reviewer"),
		                   zz_xml_prop(n, "field"), zz_xml_prop(n, "document"),
		                   zz_xml_prop(n, "value"), zz_xml_prop(n, "was"),
		                   zz_xml_prop(n, "reason")};
		if (!c.at || !c.reviewer || !c.field || !c.document || !c.value || !c.reason) {
			zz_corrections free1 = {&c, 1, 1};
			zz_corrections_free(&free1);
			continue; /* not ours: written by hand and wrong */
		}
		*ZZ_PUSH(cs->v, cs->n, cs->cap) = c;
	}
	xmlFreeDoc(d);
	return 0;
}

static void
write_one(xmlTextWriterPtr w, const zz_correction *c)
{
	xmlTextWriterStartElement(w, BAD_CAST "correction");
	zz_xml_attr(w, "at", c->at);
	zz_xml_attr(w, "reviewer", c->reviewer);
	zz_xml_attr(w, "field", c->field);
	zz_xml_attr(w, "document", c->document);
	zz_xml_attr(w, "value", c->value);
	zz_xml_attr(w, "was", c->was);
	zz_xml_attr(w, "reason", c->reason);
	xmlTextWriterEndElement(w);
}

/* The caller holds the case's lock (zz_lock_case): the file is read,
 * added to and replaced whole. */
int
zz_corrections_add(const char *casedir, const zz_correction *c, char **err)
{
	zz_corrections cs;
	*err = NULL;
	if (!c->reason || !c->reason[strspn(c->reason, " \t\r\n")]) {
		*err = zz_estrdup("a correction needs a reason");
		return -1;
	}
	if (zz_corrections_load(casedir, &cs, err) < 0)
		return -1;
	char *dir = zz_easprintf("%s/review", casedir), *path = zz_easprintf("%s/%s", casedir, CORRECTIONS);
	int rc = -1;
	if (zz_mkdirs(dir, 0755) < 0) {
		*err = zz_easprintf("cannot create %s: %s", dir, strerror(errno));
	} else {
		zz_xmldoc d;
		xmlTextWriterPtr w = zz_xmldoc_begin(&d, "corrections");
		for (int i = 0; i < cs.n; i++)
			write_one(w, &cs.v[i]);
		write_one(w, c);
		if ((rc = zz_xmldoc_save(&d, path)) < 0)
			*err = zz_easprintf("cannot write %s: %s", path, strerror(errno));
	}
	free(dir), free(path);
	zz_corrections_free(&cs);
	return rc;
}
