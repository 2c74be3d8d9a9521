/* textpage.c - a page of text with positions, and its ALTO form. Every
 * reader (OCR, PDF text layer) fills one, so there is one output format. */
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

zz_textpage *
zz_textpage_new(int n, int width, int height, int dpi, const char *method)
{
	zz_textpage *p = zz_ecalloc(1, sizeof *p);
	p->n = n;
	p->width = width;
	p->height = height;
	p->dpi = dpi;
	p->method = method;
	return p;
}

zz_line *
zz_textpage_line(zz_textpage *p)
{
	if (p->nlines == p->cap)
		p->lines = zz_erealloc(p->lines, (size_t)(p->cap = p->cap ? p->cap * 2 : 32) *
		                                     sizeof *p->lines);
	zz_line *l = &p->lines[p->nlines++];
	memset(l, 0, sizeof *l);
	return l;
}

void
zz_line_word(zz_line *l, const char *text, size_t len, int x, int y, int w, int h, float conf)
{
	if (l->nwords == l->cap)
		l->words = zz_erealloc(l->words, (size_t)(l->cap = l->cap ? l->cap * 2 : 16) *
		                                     sizeof *l->words);
	zz_word *wd = &l->words[l->nwords++];
	wd->text = zz_emalloc(len + 1);
	memcpy(wd->text, text, len);
	wd->text[len] = '\0';
	wd->x = x, wd->y = y, wd->w = w, wd->h = h;
	wd->conf = conf < 0 ? 0 : conf > 1 ? 1 : conf;
}

void
zz_textpage_finish(zz_textpage *p)
{
	double sum = 0;
	long n = 0;
	for (int i = 0; i < p->nlines; i++) {
		zz_line *l = &p->lines[i];
		int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
		for (int k = 0; k < l->nwords; k++) {
			zz_word *w = &l->words[k];
			x0 = w->x < x0 ? w->x : x0;
			y0 = w->y < y0 ? w->y : y0;
			x1 = w->x + w->w > x1 ? w->x + w->w : x1;
			y1 = w->y + w->h > y1 ? w->y + w->h : y1;
			sum += w->conf;
			n++;
		}
		if (l->nwords)
			l->x = x0, l->y = y0, l->w = x1 - x0, l->h = y1 - y0;
	}
	p->conf = n ? sum / n : 0;
}

/* Words of Chinese text are joined without spaces; Latin words keep one. */
static int
needs_space(const char *a, const char *b)
{
	size_t la = strlen(a);
	return la && (unsigned char)a[la - 1] < 0x80 && (unsigned char)b[0] < 0x80;
}

char *
zz_textpage_text(const zz_textpage *p)
{
	zz_buf b = {0};
	for (int i = 0; i < p->nlines; i++) {
		const zz_line *l = &p->lines[i];
		for (int k = 0; k < l->nwords; k++) {
			if (k && needs_space(l->words[k - 1].text, l->words[k].text))
				zz_buf_add(&b, " ", 1);
			zz_buf_adds(&b, l->words[k].text);
		}
		zz_buf_add(&b, "\n", 1);
	}
	if (!b.s)
		zz_buf_adds(&b, "");
	return b.s;
}

void
zz_textpage_destroy(zz_textpage **pp)
{
	zz_textpage *p = pp ? *pp : NULL;
	if (!p)
		return;
	for (int i = 0; i < p->nlines; i++) {
		for (int k = 0; k < p->lines[i].nwords; k++)
			free(p->lines[i].words[k].text);
		free(p->lines[i].words);
	}
	free(p->lines);
	free(p->note);
	free(p->treatment);
	free(p->tried);
	free(p);
	*pp = NULL;
}

static void
num(xmlTextWriterPtr w, const char *name, long v)
{
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)name, "%ld", v);
}

static void
box(xmlTextWriterPtr w, int x, int y, int wd, int h)
{
	num(w, "HPOS", x), num(w, "VPOS", y), num(w, "WIDTH", wd), num(w, "HEIGHT", h);
}

static void
alto_lines(xmlTextWriterPtr w, const zz_textpage *p)
{
	for (int i = 0; i < p->nlines; i++) {
		const zz_line *l = &p->lines[i];
		xmlTextWriterStartElement(w, (const xmlChar *)"TextLine");
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"ID", "l%d", i + 1);
		box(w, l->x, l->y, l->w, l->h);
		for (int k = 0; k < l->nwords; k++) {
			const zz_word *wd = &l->words[k];
			xmlTextWriterStartElement(w, (const xmlChar *)"String");
			xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"ID", "l%dw%d", i + 1, k + 1);
			box(w, wd->x, wd->y, wd->w, wd->h);
			xmlTextWriterWriteAttribute(w, (const xmlChar *)"CONTENT", (const xmlChar *)wd->text);
			xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"WC", "%.3f", wd->conf);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
}

/* ALTO 4: measurements in pixels; zizhi's per-page facts (method, dpi,
 * rotation, skew) ride in the Page's attributes and processing note. */
int
zz_alto_write(const zz_textpage *p, const char *source, const char *path)
{
	zz_xmldoc doc;
	xmlTextWriterPtr w = zz_xmldoc_begin(&doc, "alto");
	xmlTextWriterWriteAttribute(w, (const xmlChar *)"xmlns",
	                            (const xmlChar *)"http://www.loc.gov/standards/alto/ns-v4#");
	xmlTextWriterStartElement(w, (const xmlChar *)"Description");
	xmlTextWriterWriteElement(w, (const xmlChar *)"MeasurementUnit", (const xmlChar *)"pixel");
	xmlTextWriterStartElement(w, (const xmlChar *)"sourceImageInformation");
	xmlTextWriterWriteElement(w, (const xmlChar *)"fileName", (const xmlChar *)source);
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, (const xmlChar *)"Processing");
	xmlTextWriterWriteFormatElement(w, (const xmlChar *)"processingStepDescription",
	                                "zizhi-read %s: method=%s dpi=%d rotate=%d skew=%.2f%s%s",
	                                ZZ_VERSION, p->method, p->dpi, p->rotate, p->skew,
	                                p->note ? " note=" : "", p->note ? p->note : "");
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, (const xmlChar *)"Layout");
	xmlTextWriterStartElement(w, (const xmlChar *)"Page");
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"ID", "p%d", p->n);
	num(w, "PHYSICAL_IMG_NR", p->n);
	num(w, "WIDTH", p->width), num(w, "HEIGHT", p->height);
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"PC", "%.3f", p->conf);
	xmlTextWriterStartElement(w, (const xmlChar *)"PrintSpace");
	box(w, 0, 0, p->width, p->height);
	xmlTextWriterStartElement(w, (const xmlChar *)"TextBlock");
	xmlTextWriterWriteAttribute(w, (const xmlChar *)"ID", (const xmlChar *)"b1");
	box(w, 0, 0, p->width, p->height);
	alto_lines(w, p);
	return zz_xmldoc_save(&doc, path);
}
