/* readjob.c - what a read worker does with one job: OCR one page of an
 * image or PDF and keep the result in the cache; and the lookup of that
 * cache, which the parent does before handing out jobs.
 *
 * A job is a line "KIND\tSOURCE\tPAGE\tOUT\tKEY" (KIND image or pdf, PAGE
 * from 0, OUT the path prefix of the page's files); the reply is a line
 * "OK\tROTATE\tSKEW\tDPI\tCONF\tCACHED\tWIDTH\tHEIGHT\tSCALE\tTEXTH\tQUALITY\t
 * TREATMENT\tTRIED\tNOTE" (TRIED "-" when nothing else was tried) or
 * "ERR\tREASON". Paths in a case hold no tabs (unpack mends them). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "read/read.h"

/* The page image kept is what re-reads and crops are made from: at
 * libjpeg's default quality of 75 the strokes of a small character blur
 * (常州市 re-read as 营州市 from it, and right from the same page kept
 * losslessly or at 90); 92 keeps them at under twice the size. */
#define PAGE_JPEG_QUALITY 92

typedef struct state {
	zz_ocr *ocr;
	const zz_readopts *o;
	zz_pdf *pdf;   /* the PDF of the last job: its pages tend to come in a row */
	char *pdfpath;
} state;

void *
zz_readjob_init(void *arg, char **err)
{
	const zz_readopts *o = arg;
	/* a damaged image is reported once, by the job's reply, not by
	 * Leptonica's own lines on stderr */
	setMsgSeverity(L_SEVERITY_NONE);
	zz_ocr *ocr = zz_ocr_new(o->langs, o->psm, o->text_min, o->text_max, err);
	if (!ocr)
		return NULL;
	state *s = zz_ecalloc(1, sizeof *s);
	s->ocr = ocr;
	s->o = o;
	return s;
}

static const char *const parts[] = {".alto.xml", ".txt", ".jpg", ".meta"};

static int
copy_file(const char *from, const char *to)
{
	char *data = NULL;
	size_t n = 0;
	if (zz_read_file(from, 1 << 28, &data, &n) < 0)
		return -1;
	int rc = zz_write_atomic(to, data, n);
	free(data);
	return rc;
}

static char *
cache_path(const zz_readopts *o, const char *key, const char *part)
{
	return zz_easprintf("%s/%.2s/%s%s", o->cache, key, key, part);
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (zz_xml_is(n, name))
			return n;
	return NULL;
}

/* The cache is keyed by the page's pixels: the same page may have come
 * from another file, or been another page of it. Its ALTO copy is told
 * where this one came from. */
static int
alto_from_cache(const char *from, const char *to, const char *src, int page)
{
	xmlDocPtr doc = xmlReadFile(from, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr name = child(child(child(root, "Description"), "sourceImageInformation"), "fileName");
	xmlNodePtr pg = child(child(root, "Layout"), "Page");
	int rc = -1;
	if (name && pg) {
		char num[16];
		xmlNodeSetContent(name, NULL);
		xmlNodeAddContent(name, (const xmlChar *)src); /* as text, not markup */
		snprintf(num, sizeof num, "p%d", page + 1);
		xmlSetProp(pg, (const xmlChar *)"ID", (const xmlChar *)num);
		xmlSetProp(pg, (const xmlChar *)"PHYSICAL_IMG_NR", (const xmlChar *)num + 1);
		xmlChar *mem = NULL;
		int n = 0;
		xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
		rc = mem ? zz_write_atomic(to, (const char *)mem, (size_t)n) : -1;
		xmlFree(mem);
	}
	xmlFreeDoc(doc);
	return rc;
}

/* A hit copies the page's files out of the cache; the reply is the one
 * stored with them, marked cached. */
static char *
from_cache(const zz_readopts *o, char *f[5])
{
	const char *src = f[1], *out = f[3], *key = f[4];
	if (!o->cache)
		return NULL;
	char *meta = cache_path(o, key, ".meta"), *line = NULL;
	size_t n = 0;
	int ok = zz_read_file(meta, 4096, &line, &n) == 0;
	free(meta);
	for (int i = 0; ok && i < 3; i++) {
		char *from = cache_path(o, key, parts[i]), *to = zz_easprintf("%s%s", out, parts[i]);
		ok = (i == 0 ? alto_from_cache(from, to, src, atoi(f[2])) : copy_file(from, to)) == 0;
		free(from), free(to);
	}
	if (!ok) {
		free(line);
		return NULL;
	}
	char *tab = line;
	for (int i = 0; tab && i < 5; i++)
		tab = strchr(tab + 1, '\t');
	if (tab && tab[1] == '0')
		tab[1] = '1'; /* the CACHED field */
	return line;
}

static void
to_cache(const zz_readopts *o, const char *key, const char *out, const char *reply)
{
	if (!o->cache)
		return;
	char *dir = zz_easprintf("%s/%.2s", o->cache, key);
	if (zz_mkdirs(dir, 0755) == 0) {
		zz_rm_stale_tmp(dir, key); /* a worker killed while it stored this page */
		for (int i = 0; i < 3; i++) {
			char *from = zz_easprintf("%s%s", out, parts[i]), *to = cache_path(o, key, parts[i]);
			copy_file(from, to);
			free(from), free(to);
		}
		char *meta = cache_path(o, key, ".meta");
		zz_write_atomic(meta, reply, strlen(reply)); /* last: a meta means all is there */
		free(meta);
	}
	free(dir);
}

/* Opening a PDF parses its cross-reference table: the one the previous
 * page came from stays open. */
static zz_pdf *
pdf_for(state *s, const char *src, char **err)
{
	if (s->pdf && !strcmp(s->pdfpath, src))
		return s->pdf;
	zz_pdf_close(&s->pdf);
	free(s->pdfpath);
	s->pdfpath = zz_estrdup(src);
	s->pdf = zz_pdf_open(src, err);
	return s->pdf;
}

static PIX *
load(state *s, const char *kind, const char *src, int page, char **err)
{
	if (strcmp(kind, "pdf") != 0)
		return zz_image_page(src, page, s->o->max_pixels, err);
	zz_pdf *pdf = pdf_for(s, src, err);
	if (!pdf)
		return NULL;
	int dpi = 0;
	PIX *pix = zz_pdf_render(pdf, page, 300, s->o->max_pixels, &dpi);
	if (!pix)
		*err = zz_easprintf("cannot render page %d", page + 1);
	return pix;
}

static char *
ocr(state *s, const char *kind, const char *src, int page, const char *out)
{
	char *err = NULL;
	PIX *pix = load(s, kind, src, page, &err);
	if (!pix) {
		char *r = zz_easprintf("ERR\t%s", err);
		free(err);
		return r;
	}
	PIX *used = NULL;
	zz_textpage *tp = zz_ocr_page(s->ocr, pix, page + 1, &used, &err);
	pixDestroy(&pix);
	if (!tp) {
		char *r = zz_easprintf("ERR\t%s", err);
		free(err);
		return r;
	}
	char *alto = zz_easprintf("%s.alto.xml", out), *txt = zz_easprintf("%s.txt", out),
	     *jpg = zz_easprintf("%s.jpg", out), *text = zz_textpage_text(tp);
	int ok = zz_alto_write(tp, src, alto) == 0 && zz_write_atomic(txt, text, strlen(text)) == 0 &&
	         pixWriteJpeg(jpg, used, PAGE_JPEG_QUALITY, 0) == 0;
	char *r = ok ? zz_easprintf("OK\t%d\t%.2f\t%d\t%.3f\t0\t%d\t%d\t%.3f\t%.1f\t%.0f\t%s\t%s\t%s",
	                            tp->rotate, tp->skew, tp->dpi, tp->conf, tp->width, tp->height,
	                            tp->scale, tp->text_height, tp->quality,
	                            tp->treatment ? tp->treatment : "-", tp->tried ? tp->tried : "-",
	                            tp->note ? tp->note : "")
	             : zz_easprintf("ERR\tcannot write the page's files: %s", strerror(errno));
	free(alto), free(txt), free(jpg), free(text);
	pixDestroy(&used);
	zz_textpage_destroy(&tp);
	return r;
}

/* Splits a job line into its five fields (in a copy the caller frees). */
static char *
fields(const char *job, char *f[5])
{
	char *copy = zz_estrdup(job), *save = NULL;
	int n = 0;
	for (char *t = strtok_r(copy, "\t", &save); t && n < 5; t = strtok_r(NULL, "\t", &save))
		f[n++] = t;
	if (n == 5)
		return copy;
	free(copy);
	return NULL;
}

char *
zz_readjob_cached(const zz_readopts *o, const char *job)
{
	char *f[5], *copy = fields(job, f);
	char *r = copy ? from_cache(o, f) : NULL;
	free(copy);
	return r;
}

char *
zz_readjob_run(void *arg, const char *job)
{
	state *s = arg;
	char *f[5], *copy = fields(job, f), *r;
	if (!copy)
		return zz_easprintf("ERR\tbad job line");
	/* the parent answered what the cache holds (zz_readjob_cached). A
	 * page that takes longer than page-seconds (a renderer or Tesseract
	 * stuck on a hostile page) ends this worker by SIGALRM: the pool
	 * fails the page and starts another. */
	alarm(s->o->page_seconds > 0 ? (unsigned)s->o->page_seconds : 0);
	r = ocr(s, f[0], f[1], atoi(f[2]), f[3]);
	alarm(0);
	if (!strncmp(r, "OK\t", 3))
		to_cache(s->o, f[4], f[3], r);
	free(copy);
	return r;
}
