/* rulesfiles.c - the qualifications' rules files, the .xml files of
 * CONFIG/rules/.
 * Each names the service category and level it applies to (its root's
 * category= and level=); one, or the only one, is the default, whose
 * <life> terms the programs that keep a case's clock use. Only the
 * root's attributes are read here: the decide part loads, validates and
 * evaluates the whole file it chooses. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "core/core.h"

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const zz_rulesfile *)a)->path, ((const zz_rulesfile *)b)->path);
}

char *
zz_rules_id(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".xml"))
		n -= 4;
	char *id = zz_estrdup(base);
	id[n] = '\0';
	return id;
}

/* The root element's attributes, read without loading the document. */
static int
root_attrs(zz_rulesfile *f, char **err)
{
	xmlTextReaderPtr r = xmlReaderForFile(f->path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	int rc = r ? xmlTextReaderRead(r) : -1;
	while (rc == 1 && xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
		rc = xmlTextReaderRead(r);
	if (rc == 1 && !strcmp((const char *)xmlTextReaderConstLocalName(r), "rules")) {
		f->title = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"title");
		f->category = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"category");
		f->level = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"level");
		xmlChar *d = xmlTextReaderGetAttribute(r, (const xmlChar *)"default");
		f->is_default = d && !strcmp((const char *)d, "yes");
		xmlFree(d);
	}
	xmlFreeTextReader(r);
	if (f->category && f->level)
		return 0;
	*err = zz_easprintf("%s: not a rules file naming the category and level it applies to", f->path);
	return -1;
}

int
zz_rulesfiles_load(const char *configdir, zz_rulesfiles *out, char **err)
{
	memset(out, 0, sizeof *out);
	*err = NULL;
	char *dir = zz_easprintf("%s/rules", configdir);
	DIR *d = opendir(dir);
	if (!d) {
		*err = zz_easprintf("cannot open '%s': %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	int cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n < 5 || strcmp(e->d_name + n - 4, ".xml"))
			continue;
		zz_rulesfile *f = ZZ_PUSH(out->v, out->n, cap);
		memset(f, 0, sizeof *f);
		f->path = zz_easprintf("%s/%s", dir, e->d_name);
		f->id = zz_rules_id(e->d_name);
	}
	closedir(d);
	if (out->n == 0)
		*err = zz_easprintf("%s: no rules file (*.xml)", dir);
	free(dir);
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_path);
	for (int i = 0; i < out->n && !*err; i++)
		root_attrs(&out->v[i], err);
	if (*err) {
		zz_rulesfiles_free(out);
		return -1;
	}
	return 0;
}

void
zz_rulesfiles_free(zz_rulesfiles *rf)
{
	for (int i = 0; i < rf->n; i++) {
		zz_rulesfile *f = &rf->v[i];
		free(f->path), free(f->id);
		xmlFree(f->title), xmlFree(f->category), xmlFree(f->level);
	}
	free(rf->v);
	memset(rf, 0, sizeof *rf);
}

char *
zz_rules_default(const char *configdir, char **err)
{
	zz_rulesfiles rf;
	if (zz_rulesfiles_load(configdir, &rf, err) < 0)
		return NULL;
	int pick = rf.n == 1 ? 0 : -1, marked = 0;
	for (int i = 0; i < rf.n; i++)
		if (rf.v[i].is_default)
			pick = i, marked++;
	char *path = NULL;
	if (pick < 0 || marked > 1)
		*err = zz_easprintf("%s/rules: %s rules file says default=\"yes\"", configdir,
		                    marked > 1 ? "more than one" : "no");
	else
		path = zz_estrdup(rf.v[pick].path);
	zz_rulesfiles_free(&rf);
	return path;
}
