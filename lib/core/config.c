/* config.c - load and validate configuration files (XML + RELAX NG). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"

/* Collects libxml2's structured errors as "file:line: message" lines. */
static void
collect(void *ctx, xmlErrorPtr e)
{
	zz_buf *b = ctx;
	if (!e)
		return;
	const char *msg = e->message ? e->message : "error\n";
	if (e->file)
		zz_buf_addf(b, "%s:%d: %s", e->file, e->line, msg);
	else
		zz_buf_adds(b, msg);
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

/* "16M" -> 16777216; -1 when s is not a size (or, counts, has a suffix). */
static int
parse_size(const char *s, int suffix_ok, uint64_t *out)
{
	char *end = NULL;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	uint64_t v = strtoull(s, &end, 10);
	unsigned shift = 0;
	if (suffix_ok && *end) {
		const char *units = "KMGT", *u = strchr(units, *end);
		if (!u || !*u)
			return -1;
		shift = 10 * (unsigned)(u - units + 1);
		end++;
	}
	if (errno || *end || (shift && v > (UINT64_MAX >> shift)))
		return -1;
	*out = v << shift;
	return 0;
}

/* Reads attribute name of n into *out; on a bad or missing value says so
 * in errs with the file and line, as the schema's messages do not name
 * the attribute. */
static void
attr_num(xmlNodePtr n, const char *name, int suffix_ok, uint64_t *out, zz_buf *errs)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		zz_buf_addf(errs, "%s:%ld: <%s> has no %s\n", n->doc->URL, xmlGetLineNo(n), n->name,
		            name);
	else if (parse_size((const char *)v, suffix_ok, out) < 0)
		zz_buf_addf(errs, "%s:%ld: %s=\"%s\" is not a %s\n", n->doc->URL, xmlGetLineNo(n),
		            name, v, suffix_ok ? "size (digits and K, M, G or T)" : "whole number");
	xmlFree(v);
}

static void
read_limits(xmlNodePtr n, zz_limits *l, zz_buf *errs)
{
	uint64_t v[5] = {0};
	attr_num(n, "max-total-bytes", 1, &l->max_total_bytes, errs);
	attr_num(n, "max-file-bytes", 1, &l->max_file_bytes, errs);
	attr_num(n, "max-entries", 0, &l->max_entries, errs);
	attr_num(n, "ratio-min-bytes", 1, &l->ratio_min_bytes, errs);
	attr_num(n, "max-ratio", 0, &v[0], errs);
	attr_num(n, "max-depth", 0, &v[1], errs);
	attr_num(n, "max-path-bytes", 0, &v[2], errs);
	attr_num(n, "max-refusals-listed", 0, &v[3], errs);
	for (int i = 0; i < 4; i++)
		if (v[i] > UINT32_MAX)
			v[i] = UINT32_MAX;
	l->max_ratio = (unsigned)v[0];
	l->max_depth = (unsigned)v[1];
	l->max_path_bytes = (unsigned)v[2];
	l->max_refusals_listed = (unsigned)v[3];
}

static void
read_read(xmlNodePtr n, zz_readconf *r, zz_buf *errs)
{
	uint64_t psm = 0, px = 0, pages = 2000, secs = 600, fsecs = 3600;
	xmlChar *l = xmlGetProp(n, (const xmlChar *)"langs");
	snprintf(r->langs, sizeof r->langs, "%s", l ? (const char *)l : "");
	xmlFree(l);
	attr_num(n, "psm", 0, &psm, errs);
	attr_num(n, "max-pixels", 1, &px, errs);
	/* optional: configurations from before it was a setting */
	if (xmlHasProp(n, (const xmlChar *)"max-pages"))
		attr_num(n, "max-pages", 0, &pages, errs);
	if (xmlHasProp(n, (const xmlChar *)"page-seconds"))
		attr_num(n, "page-seconds", 0, &secs, errs);
	if (xmlHasProp(n, (const xmlChar *)"file-seconds"))
		attr_num(n, "file-seconds", 0, &fsecs, errs);
	/* MIN-MAX, or one height for both (the schema checks the form) */
	xmlChar *th = xmlGetProp(n, (const xmlChar *)"text-height");
	int lo = 16, hi = 28;
	if (th && sscanf((const char *)th, "%d-%d", &lo, &hi) == 1)
		hi = lo;
	xmlFree(th);
	lo = lo < 8 ? 8 : lo > 200 ? 200 : lo;
	hi = hi < lo ? lo : hi > 200 ? 200 : hi;
	r->text_min = lo, r->text_max = hi;
	r->max_pages = (int)(pages > 1000000 ? 1000000 : pages < 1 ? 1 : pages);
	r->page_seconds = (int)(secs > 86400 ? 86400 : secs);
	r->file_seconds = (int)(fsecs > 864000 ? 864000 : fsecs);
	r->psm = (int)(psm > 13 ? 13 : psm);
	r->max_pixels = (long)(px > (uint64_t)1 << 40 ? (uint64_t)1 << 40 : px);
}

static void
read_inbox(xmlNodePtr n, zz_inboxconf *ib, zz_buf *errs)
{
	uint64_t v[4] = {0};
	static const char *const names[] = {"settle", "poll", "tries", "retry-after"};
	for (int i = 0; i < 4; i++)
		attr_num(n, names[i], 0, &v[i], errs);
	ib->settle = (unsigned)v[0], ib->poll = (unsigned)v[1];
	ib->tries = (unsigned)v[2], ib->retry_after = (unsigned)v[3];
}

/* when pipeline.xml has no <bounds>: what its comment says */
static const zz_bounds default_bounds = {(uint64_t)2048 << 20, 900, 1800};

static void
read_bounds(xmlNodePtr n, zz_bounds *b, zz_buf *errs)
{
	uint64_t cpu = b->cpu_seconds, wall = b->wall_seconds;
	attr_num(n, "memory", 1, &b->memory, errs);
	attr_num(n, "cpu-seconds", 0, &cpu, errs);
	attr_num(n, "wall-seconds", 0, &wall, errs);
	b->cpu_seconds = (unsigned)(cpu > 864000 ? 864000 : cpu);
	b->wall_seconds = (unsigned)(wall > 864000 ? 864000 : wall);
}

/* Loads CONFIG/pipeline.xml: each element's values are checked as they
 * are read (naming the line), then the whole against the schema. */
static int
load_pipeline(const char *configdir, zz_limits *lim, zz_readconf *rd, zz_inboxconf *ib,
              zz_bounds *bd, char **err)
{
	*err = NULL;
	char *path = zz_easprintf("%s/pipeline.xml", configdir);
	zz_buf errs = {0};
	if (access(path, R_OK) < 0) {
		*err = zz_easprintf("cannot open '%s': %s", path, strerror(errno));
		free(path);
		return -1;
	}
	xmlDocPtr doc = parse_safe(path, &errs);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (lim && strcmp((const char *)n->name, "unpack") == 0)
			read_limits(n, lim, &errs);
		if (rd && strcmp((const char *)n->name, "read") == 0)
			read_read(n, rd, &errs);
		if (ib && strcmp((const char *)n->name, "inbox") == 0)
			read_inbox(n, ib, &errs);
		if (bd && strcmp((const char *)n->name, "bounds") == 0)
			read_bounds(n, bd, &errs);
	}
	xmlFreeDoc(doc);
	if (!doc || errs.len) {
		*err = finish(&errs, "cannot read configuration");
		free(path);
		return -1;
	}
	char *rng = zz_schema_path(configdir, "pipeline.rng");
	int rc = zz_rng_validate(rng, path, err);
	free(rng);
	free(path);
	return rc;
}

int
zz_config_limits(const char *configdir, zz_limits *out, char **err)
{
	memset(out, 0, sizeof *out);
	out->bounds = default_bounds;
	return load_pipeline(configdir, out, NULL, NULL, &out->bounds, err);
}

int
zz_config_bounds(const char *configdir, zz_bounds *out, char **err)
{
	*out = default_bounds;
	return load_pipeline(configdir, NULL, NULL, NULL, out, err);
}

int
zz_config_read(const char *configdir, zz_readconf *out, char **err)
{
	memset(out, 0, sizeof *out);
	out->bounds = default_bounds;
	return load_pipeline(configdir, NULL, out, NULL, &out->bounds, err);
}

int
zz_config_inbox(const char *configdir, zz_inboxconf *out, char **err)
{
	*out = (zz_inboxconf){10, 5, 3, 60}; /* when pipeline.xml has no <inbox> */
	return load_pipeline(configdir, NULL, NULL, out, NULL, err);
}
