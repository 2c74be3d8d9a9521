/* readcase.c - read every file of a case: Word and Excel files and PDF
 * pages with a real text layer at once; scans and image-only PDF pages as
 * OCR jobs for the workers. read.xml (config/schema/read.rng) says how
 * each page was read. */
#include <errno.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

typedef struct rpage {
	char *method, *note, *error, *treatment, *tried;
	int dpi, rotate, cached, width, height, done;
	double skew, conf, scale, text_height, quality;
} rpage;

typedef struct rfile {
	char *id, *path, *media, *sha;
	const char *kind; /* docx, xlsx, pdf, image, text, none */
	char *error;
	rpage *pages;
	int npages;
	double started; /* when its first page went to a worker (monotonic s), 0 */
} rfile;

typedef struct rjob {
	int file, page;
} rjob;

struct zz_readcase {
	char *dir, *out, *id;
	rfile *f;
	int nf;
	rjob *jobs;
	int njobs;
};

zz_readcase *
zz_readcase_open(const char *casedir, const char *outdir, char **err)
{
	*err = NULL;
	char *x = zz_easprintf("%s/case.xml", casedir);
	xmlDocPtr doc = xmlReadFile(x, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root || strcmp((const char *)root->name, "case")) {
		*err = zz_easprintf("'%s' is missing or not a case", x);
		free(x);
		xmlFreeDoc(doc);
		return NULL;
	}
	free(x);
	zz_readcase *rc = zz_ecalloc(1, sizeof *rc);
	rc->dir = zz_estrdup(casedir);
	rc->out = zz_estrdup(outdir);
	rc->id = zz_xml_prop(root, "id");
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "file"))
			continue;
		rc->f = zz_erealloc(rc->f, (size_t)(rc->nf + 1) * sizeof *rc->f);
		rfile *f = &rc->f[rc->nf++];
		memset(f, 0, sizeof *f);
		f->id = zz_xml_prop(n, "id"), f->path = zz_xml_prop(n, "path");
		f->media = zz_xml_prop(n, "media-type"), f->sha = zz_xml_prop(n, "sha256");
		if (!f->id || !f->path || !f->media || !f->sha) {
			*err = zz_easprintf("case.xml of '%s' lists a file without id, path, type or hash",
			                    casedir);
			xmlFreeDoc(doc);
			zz_readcase_destroy(&rc);
			return NULL;
		}
	}
	xmlFreeDoc(doc);
	return rc;
}

void
zz_readcase_destroy(zz_readcase **prc)
{
	zz_readcase *rc = prc ? *prc : NULL;
	if (!rc)
		return;
	for (int i = 0; i < rc->nf; i++) {
		rfile *f = &rc->f[i];
		for (int k = 0; k < f->npages; k++)
			free(f->pages[k].method), free(f->pages[k].note), free(f->pages[k].error),
			    free(f->pages[k].treatment), free(f->pages[k].tried);
		free(f->pages), free(f->id), free(f->path), free(f->media), free(f->sha), free(f->error);
	}
	free(rc->f), free(rc->jobs), free(rc->dir), free(rc->out), free(rc->id);
	free(rc);
	*prc = NULL;
}

static char *tab_field(const char *line, int i, int rest);

static rpage *
add_page(rfile *f)
{
	f->pages = zz_erealloc(f->pages, (size_t)(f->npages + 1) * sizeof *f->pages);
	rpage *p = &f->pages[f->npages++];
	memset(p, 0, sizeof *p);
	return p;
}

static void
add_job(zz_readcase *rc, int file, int page)
{
	rc->jobs = zz_erealloc(rc->jobs, (size_t)(rc->njobs + 1) * sizeof *rc->jobs);
	rc->jobs[rc->njobs++] = (rjob){file, page};
}

static const char *
kind_of(const char *media, const char *path)
{
	static const struct {
		const char *media, *kind;
	} k[] = {
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
		{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
		{"application/pdf", "pdf"},       {"image/jpeg", "image"}, {"image/png", "image"},
		{"image/tiff", "image"},          {"image/bmp", "image"},  {"image/x-ms-bmp", "image"},
		{"image/gif", "image"},           {"image/webp", "image"}, {"text/plain", "text"},
		{"text/csv", "text"},
	};
	for (size_t i = 0; i < sizeof k / sizeof *k; i++)
		if (!strcmp(media, k[i].media))
			return k[i].kind;
	/* an office file libmagic only saw as a ZIP: the name decides */
	const char *dot = strrchr(path, '.');
	if (!strcmp(media, "application/zip") && dot && !strcmp(dot, ".docx"))
		return "docx";
	if (!strcmp(media, "application/zip") && dot && !strcmp(dot, ".xlsx"))
		return "xlsx";
	return "none";
}

/* Plain text, made UTF-8 (Chinese Windows writes GB18030/GBK). */
static void
read_text(rfile *f, const char *src, const char *dir)
{
	char *data = NULL, *u = NULL;
	size_t n = 0;
	if (zz_read_file(src, 16 << 20, &data, &n) < 0) {
		f->error = zz_easprintf("cannot read: %s", strerror(errno));
		return;
	}
	if (!zz_utf8_valid(data, n) && !(u = zz_iconv_utf8("GB18030", data, n)))
		f->error = zz_estrdup("text in an unknown encoding (neither UTF-8 nor GB18030)");
	char *out = zz_easprintf("%s/text.txt", dir);
	if (!f->error && zz_write_atomic(out, u ? u : data, u ? strlen(u) : n) < 0)
		f->error = zz_easprintf("cannot write '%s': %s", out, strerror(errno));
	free(out), free(data), free(u);
}

/* Pages with a real text layer are read here; the others become jobs. */
static void
read_pdf(zz_readcase *rc, int fi, const char *src, const char *dir, int max_pages)
{
	rfile *f = &rc->f[fi];
	char *err = NULL;
	zz_pdf *pdf = zz_pdf_open(src, &err);
	if (!pdf) {
		f->error = err;
		return;
	}
	/* every page may become an OCR job: a page tree of a million pages
	 * is a file of a kilobyte */
	if (zz_pdf_pages(pdf) > max_pages) {
		f->error = zz_easprintf("too many pages: %d (max-pages in pipeline.xml is %d)",
		                        zz_pdf_pages(pdf), max_pages);
		zz_pdf_close(&pdf);
		return;
	}
	for (int i = 0, n = zz_pdf_pages(pdf); i < n; i++) {
		rpage *p = add_page(f);
		char *why = NULL;
		zz_textpage *tp = zz_pdf_text(pdf, i, &why);
		if (!tp) {
			p->note = why;
			add_job(rc, fi, i);
			continue;
		}
		char *alto = zz_easprintf("%s/p%04d.alto.xml", dir, i + 1);
		char *txt = zz_easprintf("%s/p%04d.txt", dir, i + 1), *text = zz_textpage_text(tp);
		if (zz_alto_write(tp, f->path, alto) < 0 || zz_write_atomic(txt, text, strlen(text)) < 0)
			p->error = zz_easprintf("cannot write the page's files: %s", strerror(errno));
		p->method = zz_estrdup("text-layer");
		p->dpi = 300, p->conf = tp->conf, p->width = tp->width, p->height = tp->height;
		p->done = 1;
		free(alto), free(txt), free(text);
		zz_textpage_destroy(&tp);
	}
	zz_pdf_close(&pdf);
}

static void
read_image(zz_readcase *rc, int fi, const char *src, int max_pages)
{
	rfile *f = &rc->f[fi];
	char *err = NULL;
	int n = zz_image_pages(src, max_pages, &err);
	if (n <= 0) {
		f->error = err ? err : zz_estrdup("no pages");
		return;
	}
	for (int i = 0; i < n; i++) {
		add_page(f);
		add_job(rc, fi, i);
	}
}

static char *
job_line(zz_readcase *rc, const rjob *j, const zz_readopts *o)
{
	rfile *f = &rc->f[j->file];
	char key[65];
	zz_sha256 *h = zz_sha256_new();
	/* -3: pages read under treatments, scaled by their text height, one
	 * treatment more at most for a page read as upright ones are, no
	 * inverted re-reads */
	char *seed = zz_easprintf("zizhi-ocr-3|%s|%d|%d-%d|%s|%d", o->langs, o->psm, o->text_min,
	                          o->text_max, f->sha, j->page);
	zz_sha256_update(h, seed, strlen(seed));
	zz_sha256_hex(h, key);
	zz_sha256_destroy(&h);
	free(seed);
	return zz_easprintf("%s\t%s/%s\t%d\t%s/%s/p%04d\t%s", f->kind, rc->dir, f->path, j->page,
	                    rc->out, f->id, j->page + 1, key);
}

static void
plan_file(zz_readcase *rc, int i, const zz_readopts *o)
{
	rfile *f = &rc->f[i];
	char *src = zz_easprintf("%s/%s", rc->dir, f->path);
	char *dir = zz_easprintf("%s/%s", rc->out, f->id);
	if (strcmp(f->kind, "none") && zz_mkdirs(dir, 0755) < 0)
		f->error = zz_easprintf("cannot create '%s': %s", dir, strerror(errno));
	else if (!strcmp(f->kind, "docx") && zz_read_docx(src, dir, &f->error) < 0)
		;
	else if (!strcmp(f->kind, "xlsx") && zz_read_xlsx(src, dir, &f->error) < 0)
		;
	else if (!strcmp(f->kind, "text"))
		read_text(f, src, dir);
	else if (!strcmp(f->kind, "pdf"))
		read_pdf(rc, i, src, dir, o->max_pages);
	else if (!strcmp(f->kind, "image"))
		read_image(rc, i, src, o->max_pages);
	free(src), free(dir);
}

/* A string as one tab-separated field: "-" for none. */
static void
add_field(zz_buf *b, const char *s)
{
	zz_buf_add(b, "\t", 1);
	if (!s || !*s) {
		zz_buf_add(b, "-", 1);
		return;
	}
	for (; *s; s++)
		zz_buf_add(b, *s == '\t' || *s == '\n' ? " " : s, 1);
}

typedef struct plan_arg {
	zz_readcase *rc;
	int file;
	const zz_readopts *o;
} plan_arg;

/* In the bounded child: the file is parsed and what the parent needs of it
 * (its error, its pages, which pages are OCR jobs) written as lines. */
static int
plan_child(void *arg, int fd)
{
	plan_arg *a = arg;
	int jobs0 = a->rc->njobs;
	zz_bounds_hush();
	plan_file(a->rc, a->file, a->o);
	rfile *f = &a->rc->f[a->file];
	if (f->error) {
		char *why = zz_bounds_blame(&a->o->bounds, "reading the file", f->error);
		free(f->error);
		f->error = why;
	}
	zz_buf b = {0};
	zz_buf_adds(&b, "E");
	add_field(&b, f->error);
	for (int k = 0; k < f->npages; k++) {
		rpage *p = &f->pages[k];
		zz_buf_addf(&b, "\nP\t%d\t%d\t%.17g\t%d\t%d", p->done, p->dpi, p->conf, p->width,
		            p->height);
		add_field(&b, p->method), add_field(&b, p->note), add_field(&b, p->error);
	}
	for (int j = jobs0; j < a->rc->njobs; j++)
		zz_buf_addf(&b, "\nJ\t%d", a->rc->jobs[j].page);
	zz_buf_add(&b, "\n", 1);
	int bad = zz_write_all(fd, b.s, b.len) < 0;
	zz_buf_free(&b);
	return bad;
}

static char *
dash_none(char *s)
{
	if (strcmp(s, "-"))
		return s;
	free(s);
	return NULL;
}

/* In the parent: the child's lines applied to file i. */
static void
plan_apply(zz_readcase *rc, int i, char *out)
{
	rfile *f = &rc->f[i];
	char *save = NULL;
	for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == 'E') {
			f->error = dash_none(tab_field(line, 1, 0));
		} else if (line[0] == 'P') {
			rpage *p = add_page(f);
			sscanf(line + 2, "%d\t%d\t%lf\t%d\t%d", &p->done, &p->dpi, &p->conf, &p->width,
			       &p->height);
			p->method = dash_none(tab_field(line, 6, 0));
			p->note = dash_none(tab_field(line, 7, 0));
			p->error = dash_none(tab_field(line, 8, 0));
		} else if (line[0] == 'J') {
			int page = atoi(line + 2);
			if (page >= 0 && page < f->npages)
				add_job(rc, i, page);
		}
	}
}

char **
zz_readcase_plan(zz_readcase *rc, const zz_readopts *o, int *njobs)
{
	const zz_bounds *b = &o->bounds;
	int bounded = zz_bounds_set(b);
	for (int i = 0; i < rc->nf; i++) {
		rfile *f = &rc->f[i];
		f->kind = kind_of(f->media, f->path);
		if (!strcmp(f->kind, "none"))
			continue;
		if (!bounded) {
			plan_file(rc, i, o);
			continue;
		}
		/* poppler, libxml2 and Leptonica parse what the applicant sent:
		 * in a child under the bounds, whatever they do with it */
		plan_arg a = {rc, i, o};
		char *out = NULL, *why = NULL;
		size_t n = 0;
		int r = zz_bounded_run(b, plan_child, &a, &out, &n, &why);
		if (r == 0)
			plan_apply(rc, i, out);
		else
			f->error = zz_easprintf("%s while reading the file", why ? why : "failed");
		free(out), free(why);
	}
	char **lines = zz_ecalloc((size_t)rc->njobs + 1, sizeof *lines);
	for (int i = 0; i < rc->njobs; i++)
		lines[i] = job_line(rc, &rc->jobs[i], o);
	*njobs = rc->njobs;
	return lines;
}

/* Field i of a tab-separated line, as a new string ("" past the end;
 * the last field asked for takes the rest of the line). */
static char *
tab_field(const char *line, int i, int rest)
{
	for (; i > 0 && line; i--)
		if ((line = strchr(line, '\t')))
			line++;
	if (!line)
		return zz_estrdup("");
	size_t n = rest ? strcspn(line, "\n") : strcspn(line, "\t\n");
	char *s = zz_emalloc(n + 1);
	memcpy(s, line, n);
	s[n] = '\0';
	return s;
}

/* A worker's reply (readjob.c: "OK\tROTATE\tSKEW\tDPI\tCONF\tCACHED\t
 * WIDTH\tHEIGHT\tSCALE\tTEXTH\tQUALITY\tTREATMENT\tTRIED\tNOTE"),
 * "ERR\tREASON", or NULL when the worker died on the page. */
void
zz_readcase_result(zz_readcase *rc, int job, const char *reply)
{
	if (job < 0 || job >= rc->njobs)
		return;
	rpage *p = &rc->f[rc->jobs[job].file].pages[rc->jobs[job].page];
	p->done = 1;
	if (!reply) {
		p->error = zz_estrdup("the OCR worker died on this page "
		                      "(a crash, or longer than page-seconds in pipeline.xml)");
		return;
	}
	if (strncmp(reply, "OK\t", 3)) {
		p->error = zz_estrdup(!strncmp(reply, "ERR\t", 4) ? reply + 4 : reply);
		return;
	}
	sscanf(reply + 3, "%d\t%lf\t%d\t%lf\t%d\t%d\t%d\t%lf\t%lf\t%lf", &p->rotate, &p->skew,
	       &p->dpi, &p->conf, &p->cached, &p->width, &p->height, &p->scale, &p->text_height,
	       &p->quality);
	char *note = tab_field(reply, 13, 1);
	free(p->treatment), free(p->tried), free(p->method);
	p->treatment = tab_field(reply, 11, 0);
	p->tried = tab_field(reply, 12, 0);
	p->method = zz_estrdup("ocr");
	if (*note) {
		char *n = p->note ? zz_easprintf("%s; %s", p->note, note) : zz_estrdup(note);
		free(p->note);
		p->note = n;
	}
	free(note);
}

/* A page about to go to a worker: NULL, or the reply it gets instead when
 * its file's OCR began more than seconds ago (a zz_pool_skip_fn's answer). */
char *
zz_readcase_start(zz_readcase *rc, int job, int seconds)
{
	if (job < 0 || job >= rc->njobs || seconds <= 0)
		return NULL;
	rfile *f = &rc->f[rc->jobs[job].file];
	if (!f->started)
		f->started = zz_now();
	else if (zz_now() - f->started > seconds)
		return zz_easprintf("ERR\tnot read: the file's OCR took longer than file-seconds "
		                    "(%d s) in pipeline.xml", seconds);
	return NULL;
}

int
zz_readcase_failures(const zz_readcase *rc)
{
	int bad = 0;
	for (int i = 0; i < rc->nf; i++) {
		bad += rc->f[i].error != NULL;
		for (int k = 0; k < rc->f[i].npages; k++)
			bad += rc->f[i].pages[k].error != NULL || !rc->f[i].pages[k].done;
	}
	return bad;
}

/* What was done to an OCRed page and why (ocrpage.c): the scale, the
 * text height it came from, the treatment kept with its measure, and
 * the others tried ("name=quality,..."). */
static void
write_treatment(xmlTextWriterPtr w, const rpage *p)
{
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"scale", "%.3f", p->scale);
	if (p->text_height > 0)
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"text-height", "%.1f",
		                                  p->text_height);
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"quality", "%.0f", p->quality);
	zz_xml_attr(w, "treatment", p->treatment);
	if (p->tried && *p->tried && strcmp(p->tried, "-"))
		zz_xml_attr(w, "tried", p->tried);
}

static void
write_page(xmlTextWriterPtr w, const rfile *f, const rpage *p, int n)
{
	xmlTextWriterStartElement(w, (const xmlChar *)"page");
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"n", "%d", n);
	zz_xml_attr(w, "method", p->method ? p->method : "none");
	if (!p->error && p->done) {
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"alto", "read/%s/p%04d.alto.xml",
		                                  f->id, n);
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"text", "read/%s/p%04d.txt", f->id, n);
		if (!strcmp(p->method, "ocr"))
			xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"image", "read/%s/p%04d.jpg",
			                                  f->id, n);
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"dpi", "%d", p->dpi);
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"width", "%d", p->width);
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"height", "%d", p->height);
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"rotate", "%d", p->rotate);
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"skew", "%.2f", p->skew);
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"confidence", "%.3f", p->conf);
		if (p->cached)
			zz_xml_attr(w, "cached", "yes");
		if (p->treatment && *p->treatment && strcmp(p->treatment, "-"))
			write_treatment(w, p);
	}
	zz_xml_attr(w, "note", p->note);
	zz_xml_attr(w, "error", p->error);
	xmlTextWriterEndElement(w);
}

static void
write_file(xmlTextWriterPtr w, const rfile *f)
{
	xmlTextWriterStartElement(w, (const xmlChar *)"file");
	zz_xml_attr(w, "id", f->id);
	zz_xml_attr(w, "path", f->path);
	zz_xml_attr(w, "media-type", f->media);
	zz_xml_attr(w, "kind", f->kind);
	int ok = !f->error;
	for (int k = 0; k < f->npages; k++)
		ok &= !f->pages[k].error && f->pages[k].done;
	zz_xml_attr(w, "status", !strcmp(f->kind, "none") ? "not-read" : ok ? "ok" : "error");
	zz_xml_attr(w, "error", f->error);
	if (!strcmp(f->kind, "none"))
		zz_xml_attr(w, "note", "no reader for this media type");
	if (!f->error && (!strcmp(f->kind, "docx") || !strcmp(f->kind, "xlsx"))) {
		char *c = zz_easprintf("read/%s/content.xml", f->id);
		zz_xml_attr(w, "content", c);
		free(c);
	}
	if (!f->error && (!strcmp(f->kind, "docx") || !strcmp(f->kind, "xlsx") ||
	                  !strcmp(f->kind, "text"))) {
		char *t = zz_easprintf("read/%s/text.txt", f->id);
		zz_xml_attr(w, "text", t);
		free(t);
	}
	for (int k = 0; k < f->npages; k++)
		write_page(w, f, &f->pages[k], k + 1);
	xmlTextWriterEndElement(w);
}

int
zz_readcase_write(zz_readcase *rc)
{
	zz_xmldoc doc;
	xmlTextWriterPtr w = zz_xmldoc_begin(&doc, "read");
	zz_xml_attr(w, "case", rc->id);
	zz_xml_attr(w, "version", "1");
	zz_xml_attr(w, "zizhi-version", ZZ_VERSION);
	for (int i = 0; i < rc->nf; i++)
		write_file(w, &rc->f[i]);
	char *path = zz_easprintf("%s/read.xml", rc->out);
	int r = zz_xmldoc_save(&doc, path);
	free(path);
	return r;
}

static const char *
page_problem(const rpage *p)
{
	return p->error ? p->error : !p->done ? "not read" : NULL;
}

/* The i-th problem, for messages: file path and reason; -1 past the end. */
int
zz_readcase_problem(const zz_readcase *rc, int i, const char **path, char *why, size_t n)
{
	for (int k = 0; k < rc->nf; k++) {
		const rfile *f = &rc->f[k];
		if (f->error && i-- == 0) {
			*path = f->path;
			snprintf(why, n, "%s", f->error);
			return 0;
		}
		/* a run of pages failed for the same reason is one problem */
		for (int p = 0, q; p < f->npages; p = q) {
			const char *e = page_problem(&f->pages[p]);
			for (q = p + 1; e && q < f->npages; q++) {
				const char *eq = page_problem(&f->pages[q]);
				if (!eq || strcmp(eq, e))
					break;
			}
			if (e && i-- == 0) {
				*path = f->path;
				if (q - p > 1)
					snprintf(why, n, "pages %d-%d: %s", p + 1, q, e);
				else
					snprintf(why, n, "page %d: %s", p + 1, e);
				return 0;
			}
		}
	}
	return -1;
}
