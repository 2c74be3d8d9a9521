/* reporthtml.c - a case's report.xml for people: the HTML page the expert
 * panel reads and the 补充资料 letter the clerk sends, each an XSLT
 * stylesheet in the config directory, so wording and layout change
 * without a rebuild.
 *
 * XSLT cannot read images or other config files, so the stylesheet is
 * given report.xml enriched with what it needs (see the comment at the top
 * of config/report-html.xsl): the title of each document type from
 * documents.xml, and, for the HTML, the evidence crops and downscaled page
 * thumbnails as data: URIs. The page must stand alone: it is mailed and
 * archived apart from the spool. */
#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "read/read.h"
#include "extract/extract.h"
#include "decide/decide.h"

enum {
	THUMB_WIDTH = 200,       /* pixels: enough to tell one page from another */
	THUMB_QUALITY = 70,      /* JPEG */
	THUMB_DPI = 36,          /* text-layer pages are drawn at this, then scaled */
	MAX_THUMBS = 60,         /* pages of a case shown; the rest are counted */
	MAX_CROP = 512 * 1024,   /* bytes of one crop; key-field crops are ~20 KB */
	MAX_REPORT = 1 << 26,
};
#define READ_PIXELS (1L << 20) /* page images are decoded reduced to this */
#define QUIET (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

struct zz_reportfmt {
	xsltStylesheetPtr style;
	xsltSecurityPrefsPtr sec;
	char *name;           /* of the stylesheet, for messages */
	char **ids, **titles; /* document types */
	int ntypes;
	unsigned flags;
};

/* libxml2 and libxslt report through one global handler; while we parse
 * and transform it fills a buffer that becomes *err. */
static void
collect(void *ctx, const char *fmt, ...)
{
	char s[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	zz_buf_adds(ctx, s);
}

static void
catch_errors(zz_buf *b)
{
	xmlSetGenericErrorFunc(b, collect);
	xsltSetGenericErrorFunc(b, collect);
}

static void
release_errors(void)
{
	xmlSetGenericErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
}

/* what was collected on one line, or fallback */
static char *
reasons(zz_buf *b, const char *fallback)
{
	if (!b->len)
		return zz_estrdup(fallback);
	for (char *s = b->s; *s; s++)
		if (*s == '\n')
			*s = ' ';
	while (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	char *r = zz_estrdup(b->s);
	zz_buf_free(b);
	return r;
}

static int
load_titles(zz_reportfmt *f, const char *configdir, char **err)
{
	zz_doctypes *dt = zz_doctypes_load(configdir, NULL, err);
	if (!dt)
		return -1;
	f->ids = zz_ecalloc((size_t)dt->ntypes + 1, sizeof *f->ids);
	f->titles = zz_ecalloc((size_t)dt->ntypes + 1, sizeof *f->titles);
	for (int i = 0; i < dt->ntypes; i++) {
		f->ids[i] = zz_estrdup(dt->types[i].id);
		f->titles[i] = zz_estrdup(dt->types[i].title ? dt->types[i].title : dt->types[i].id);
	}
	f->ntypes = dt->ntypes;
	zz_doctypes_free(&dt);
	return 0;
}

/* CONFIG/xsl compiled into f->style; -1 with *err */
static int
load_style(zz_reportfmt *f, const char *path, char **err)
{
	if (access(path, R_OK) != 0) {
		*err = zz_easprintf("cannot open '%s': %s (give the configuration with -c or ZIZHI_CONFIG)",
		                    path, strerror(errno));
		return -1;
	}
	zz_buf b = {0};
	catch_errors(&b);
	xmlDocPtr doc = xmlReadFile(path, NULL, QUIET);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		zz_buf_addf(&b, "line %d: %s", e ? e->line : 0,
		            e && e->message ? e->message : "cannot parse");
	} else if (!(f->style = xsltParseStylesheetDoc(doc))) {
		xmlFreeDoc(doc);
	}
	release_errors();
	if (!f->style) {
		char *why = reasons(&b, "not a stylesheet");
		*err = zz_easprintf("%s: %s", path, why);
		free(why);
	}
	zz_buf_free(&b);
	return f->style ? 0 : -1;
}

zz_reportfmt *
zz_reportfmt_load(const char *configdir, const char *xsl, unsigned flags, char **err)
{
	*err = NULL;
	zz_reportfmt *f = zz_ecalloc(1, sizeof *f);
	f->flags = flags;
	f->name = zz_estrdup(xsl);
	char *path = zz_easprintf("%s/%s", configdir, xsl);
	/* the stylesheet only turns the tree it is given into text */
	static const xsltSecurityOption deny[] = {XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
		XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK, XSLT_SECPREF_WRITE_NETWORK};
	if (load_style(f, path, err) == 0 && !(f->sec = xsltNewSecurityPrefs()))
		*err = zz_estrdup("out of memory");
	for (unsigned i = 0; f->sec && i < sizeof deny / sizeof *deny; i++)
		xsltSetSecurityPrefs(f->sec, deny[i], xsltSecurityForbid);
	if (!*err)
		load_titles(f, configdir, err);
	if (*err)
		zz_reportfmt_destroy(&f);
	free(path);
	return f;
}

void
zz_reportfmt_destroy(zz_reportfmt **pf)
{
	zz_reportfmt *f = *pf;
	if (!f)
		return;
	if (f->style)
		xsltFreeStylesheet(f->style);
	if (f->sec)
		xsltFreeSecurityPrefs(f->sec);
	for (int i = 0; i < f->ntypes; i++)
		free(f->ids[i]), free(f->titles[i]);
	free(f->ids), free(f->titles), free(f->name);
	free(f);
	*pf = NULL;
}

static const char *
title_of(const zz_reportfmt *f, const char *type)
{
	for (int i = 0; type && i < f->ntypes; i++)
		if (!strcmp(f->ids[i], type))
			return f->titles[i];
	return NULL;
}

static void
set(xmlNodePtr n, const char *name, const char *v)
{
	char *t = zz_xml_text(v);
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)t);
	free(t);
}

static void
set_title(const zz_reportfmt *f, xmlNodePtr n, const char *type_attr)
{
	char *type = zz_xml_prop(n, type_attr);
	const char *t = title_of(f, type);
	if (t)
		set(n, "title", t);
	free(type);
}

static char *
data_uri(const char *mime, const void *p, size_t n)
{
	gchar *b = g_base64_encode(p, n);
	char *s = zz_easprintf("data:%s;base64,%s", mime, b);
	g_free(b);
	return s;
}

/* report.xml names files relative to the case; none may lead out of it */
static char *
in_case(const char *casedir, const char *rel)
{
	if (!rel || !*rel || *rel == '/')
		return NULL;
	for (const char *s = rel; s; s = strchr(s, '/')) {
		s += *s == '/';
		if (s[0] == '.' && s[1] == '.' && (s[2] == '/' || !s[2]))
			return NULL;
	}
	return zz_easprintf("%s/%s", casedir, rel);
}

/* crop-src, or crop-missing with why: the page says "no crop" either way */
static void
add_crop(xmlNodePtr field, const char *casedir)
{
	char *rel = zz_xml_prop(field, "crop");
	if (!rel)
		return;
	char *path = in_case(casedir, rel), *png = NULL;
	size_t n = 0;
	if (!path)
		set(field, "crop-missing", "outside the case");
	else if (zz_read_file(path, MAX_CROP, &png, &n) < 0)
		set(field, "crop-missing", errno == ENOENT ? "missing"
		                           : errno == EFBIG ? "too large" : strerror(errno));
	else if (n < 8 || memcmp(png, "\x89PNG\r\n\x1a\n", 8))
		set(field, "crop-missing", "not a PNG");
	else {
		char *uri = data_uri("image/png", png, n);
		set(field, "crop-src", uri);
		free(uri);
	}
	free(rel), free(path), free(png);
}

/* pix made THUMB_WIDTH wide and JPEG-encoded as a data: URI; NULL if it
 * cannot be */
static char *
thumb_uri(PIX *pix)
{
	if (!pix || pixGetWidth(pix) <= 0)
		return NULL;
	float s = (float)THUMB_WIDTH / (float)pixGetWidth(pix);
	PIX *small = pixScale(pix, s, s), *out = NULL;
	int d = small ? pixGetDepth(small) : 0;
	if (small && (d == 8 || d == 32) && !pixGetColormap(small))
		out = pixClone(small);
	else if (small)
		out = pixConvertTo32(small);
	l_uint8 *jpg = NULL;
	size_t n = 0;
	char *uri = NULL;
	if (out && pixWriteMemJpeg(&jpg, &n, out, THUMB_QUALITY, 0) == 0)
		uri = data_uri("image/jpeg", jpg, n);
	free(jpg);
	pixDestroy(&small), pixDestroy(&out);
	return uri;
}

/* A page of the read stage's index: its image when OCRed, else (a PDF's
 * text layer) the page drawn small; pdf is opened on first need. */
static char *
page_thumb(const char *casedir, xmlNodePtr page, const char *pdf_rel, zz_pdf **pdf, int *pdf_failed)
{
	char *img = zz_xml_prop(page, "image"), *n = zz_xml_prop(page, "n"), *why = NULL;
	char *path = in_case(casedir, img ? img : pdf_rel);
	PIX *pix = NULL;
	/* a page that cannot be read is a placeholder on the page, not noise
	 * from Leptonica on stderr */
	l_int32 severity = setMsgSeverity(L_SEVERITY_NONE);
	if (path && img) {
		pix = zz_image_page(path, 0, READ_PIXELS, &why);
	} else if (path && n && !*pdf_failed) {
		if (!*pdf && !(*pdf = zz_pdf_open(path, &why)))
			*pdf_failed = 1;
		int dpi = 0;
		if (*pdf)
			pix = zz_pdf_render(*pdf, atoi(n) - 1, THUMB_DPI, READ_PIXELS, &dpi);
	}
	char *uri = thumb_uri(pix);
	setMsgSeverity(severity);
	pixDestroy(&pix);
	free(img), free(n), free(why), free(path);
	return uri;
}

/* Each document gets the kind of file it is and its pages from
 * read/read.xml: <page n= method= thumb=URI> or <page n= method=
 * no-thumb=why> (why: limit, unreadable). */
static void
add_pages(xmlNodePtr doc, xmlNodePtr file, const char *casedir, int images, int *shown,
          int *omitted)
{
	char *kind = zz_xml_prop(file, "kind"), *pdf_rel = zz_xml_prop(file, "path");
	if (kind)
		set(doc, "kind", kind);
	zz_pdf *pdf = NULL;
	int pdf_failed = kind && strcmp(kind, "pdf");
	for (xmlNodePtr p = file->children; p; p = p->next) {
		if (!zz_xml_is(p, "page"))
			continue;
		xmlNodePtr q = xmlNewChild(doc, NULL, (const xmlChar *)"page", NULL);
		char *n = zz_xml_prop(p, "n"), *method = zz_xml_prop(p, "method");
		set(q, "n", n ? n : "?");
		set(q, "method", method ? method : "none");
		free(n), free(method);
		if (!images)
			continue;
		char *uri = NULL;
		if (*shown >= MAX_THUMBS) {
			set(q, "no-thumb", "limit");
			++*omitted;
		} else if ((uri = page_thumb(casedir, p, pdf_rel, &pdf, &pdf_failed))) {
			set(q, "thumb", uri);
			++*shown;
		} else {
			set(q, "no-thumb", "unreadable");
		}
		free(uri);
	}
	zz_pdf_close(&pdf);
	free(kind), free(pdf_rel);
}

static xmlNodePtr
read_file_of(xmlDocPtr read, const char *id)
{
	xmlNodePtr root = read ? xmlDocGetRootElement(read) : NULL;
	for (xmlNodePtr n = root ? root->children : NULL; id && n; n = n->next) {
		char *fid = zz_xml_prop(n, "id");
		int same = zz_xml_is(n, "file") && fid && !strcmp(fid, id);
		free(fid);
		if (same)
			return n;
	}
	return NULL;
}

static void
enrich(const zz_reportfmt *f, xmlDocPtr report, const char *casedir)
{
	int images = f->flags & ZZ_REPORT_IMAGES, shown = 0, omitted = 0;
	char *rp = zz_easprintf("%s/read/read.xml", casedir);
	/* no read.xml (a case decided elsewhere): documents without pages */
	xmlDocPtr read = xmlReadFile(rp, NULL, QUIET);
	xmlNodePtr root = xmlDocGetRootElement(report);
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (zz_xml_is(n, "document")) {
			set_title(f, n, "type");
			char *id = zz_xml_prop(n, "id");
			xmlNodePtr file = read_file_of(read, id);
			if (file)
				add_pages(n, file, casedir, images, &shown, &omitted);
			free(id);
		} else if (zz_xml_is(n, "request")) {
			set_title(f, n, "document-type");
		} else if (zz_xml_is(n, "field") && images) {
			add_crop(n, casedir);
		}
	}
	if (omitted) {
		char s[32];
		snprintf(s, sizeof s, "%d", omitted);
		set(root, "thumbs-omitted", s);
		snprintf(s, sizeof s, "%d", MAX_THUMBS);
		set(root, "thumbs-limit", s);
	}
	xmlFreeDoc(read);
	free(rp);
}

/* report.xml, as large as zizhi-report reads it for the other formats */
static xmlDocPtr
load_report(const char *path, char **err)
{
	char *xml = NULL;
	size_t n = 0;
	if (zz_read_file(path, MAX_REPORT, &xml, &n) < 0) {
		*err = zz_easprintf("cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	xmlDocPtr doc = xmlReadMemory(xml, (int)n, path, NULL, QUIET);
	free(xml);
	if (!doc || !zz_xml_is(xmlDocGetRootElement(doc), "case")) {
		*err = zz_easprintf("cannot parse '%s'", path);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static int
transform(zz_reportfmt *f, xmlDocPtr doc, char **out, size_t *outlen, char **err)
{
	zz_buf b = {0};
	catch_errors(&b);
	xsltTransformContextPtr ctx = xsltNewTransformContext(f->style, doc);
	xmlDocPtr res = NULL;
	if (ctx && xsltSetCtxtSecurityPrefs(f->sec, ctx) == 0)
		res = xsltApplyStylesheetUser(f->style, doc, NULL, NULL, NULL, ctx);
	xmlChar *s = NULL;
	int len = 0;
	if (res && ctx->state == XSLT_STATE_OK && xsltSaveResultToString(&s, &len, res, f->style) == 0) {
		/* nothing to say is an empty string, not a failure */
		*out = zz_estrdup(s ? (const char *)s : "");
		*outlen = s ? (size_t)len : 0;
	} else {
		*err = reasons(&b, "the stylesheet failed");
	}
	release_errors();
	zz_buf_free(&b);
	xmlFree(s);
	xmlFreeDoc(res);
	if (ctx)
		xsltFreeTransformContext(ctx);
	return *out ? 0 : -1;
}

int
zz_reportfmt_case(zz_reportfmt *f, const char *casedir, char **out, size_t *outlen, char **err)
{
	*out = NULL, *outlen = 0, *err = NULL;
	char *path = zz_easprintf("%s/report.xml", casedir), *why = NULL;
	xmlDocPtr doc = load_report(path, err);
	if (doc) {
		enrich(f, doc, casedir);
		if (transform(f, doc, out, outlen, &why) < 0)
			*err = zz_easprintf("%s: %s", f->name, why);
	}
	xmlFreeDoc(doc);
	free(path), free(why);
	return *out ? 0 : -1;
}
