/* config.c - load and validate configuration files (XML + RELAX NG). */
#include <errno.h>
#include <inttypes.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "zizhi.h"

/* Collects libxml2's structured errors as "file:line: message" lines. */
static void
collect(void *ctx, xmlErrorPtr e)
{
	zz_buf *b = ctx;
	if (!e)
		return;
	const char *msg = e->message ? e->message : "error\n";
	zz_buf_addf(b, "%s:%d: %s", e->file ? e->file : "?", e->line, msg);
	if (b->len && b->s[b->len - 1] != '\n')
		zz_buf_add(b, "\n", 1);
}

static char *
finish(zz_buf *b, const char *fallback)
{
	if (!b->s)
		zz_buf_adds(b, fallback);
	while (b->len && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
	return b->s;
}

/* Parses untrusted or semi-trusted XML: no network, no DTD loading, no
 * entity substitution (so no XXE and no entity expansion bombs). */
static xmlDocPtr
parse_safe(const char *path, zz_buf *errs)
{
	xmlSetStructuredErrorFunc(errs, collect);
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return doc;
}

char *
zz_schema_path(const char *configdir, const char *name)
{
	return zz_easprintf("%s/schema/%s", configdir, name);
}

int
zz_rng_validate(const char *schema, const char *docpath, char **err)
{
	*err = NULL;
	zz_buf errs = {0};
	int rc = -1;
	xmlRelaxNGPtr rng = NULL;
	xmlRelaxNGValidCtxtPtr vctx = NULL;
	xmlDocPtr doc = NULL;

	xmlSetStructuredErrorFunc(&errs, collect);
	xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(schema);
	if (pctx) {
		rng = xmlRelaxNGParse(pctx);
		xmlRelaxNGFreeParserCtxt(pctx);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!rng) {
		zz_buf_addf(&errs, "%s: cannot load schema\n", schema);
		goto out;
	}
	doc = parse_safe(docpath, &errs);
	if (!doc)
		goto out;
	vctx = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(vctx, collect, &errs);
	rc = xmlRelaxNGValidateDoc(vctx, doc) == 0 ? 0 : -1;
out:
	if (rc < 0)
		*err = finish(&errs, "not valid");
	else
		zz_buf_free(&errs);
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(rng);
	xmlFreeDoc(doc);
	return rc;
}

/* "16M" -> 16777216; the schema already checked the form. */
static uint64_t
parse_size(const char *s)
{
	char *end = NULL;
	uint64_t v = strtoull(s, &end, 10);
	switch (end && *end ? *end : ' ') {
	case 'T': v <<= 10; /* fall through */
	case 'G': v <<= 10; /* fall through */
	case 'M': v <<= 10; /* fall through */
	case 'K': v <<= 10; break;
	}
	return v;
}

static uint64_t
attr_size(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	uint64_t r = v ? parse_size((const char *)v) : 0;
	xmlFree(v);
	return r;
}

int
zz_config_limits(const char *configdir, zz_limits *out, char **err)
{
	memset(out, 0, sizeof *out);
	*err = NULL;
	char *path = zz_easprintf("%s/pipeline.xml", configdir);
	char *rng = zz_schema_path(configdir, "pipeline.rng");
	int rc = zz_rng_validate(rng, path, err);
	free(rng);
	if (rc < 0) {
		free(path);
		return -1;
	}
	zz_buf errs = {0};
	xmlDocPtr doc = parse_safe(path, &errs);
	zz_buf_free(&errs);
	free(path);
	if (!doc)
		return -1;
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "unpack") != 0)
			continue;
		out->max_total_bytes = attr_size(n, "max-total-bytes");
		out->max_file_bytes = attr_size(n, "max-file-bytes");
		out->max_entries = attr_size(n, "max-entries");
		out->ratio_min_bytes = attr_size(n, "ratio-min-bytes");
		out->max_ratio = (unsigned)attr_size(n, "max-ratio");
		out->max_depth = (unsigned)attr_size(n, "max-depth");
		out->max_path_bytes = (unsigned)attr_size(n, "max-path-bytes");
		out->max_refusals_listed = (unsigned)attr_size(n, "max-refusals-listed");
	}
	xmlFreeDoc(doc);
	return 0;
}
