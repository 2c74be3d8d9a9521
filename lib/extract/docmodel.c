/* docmodel.c - the read documents of a case as pages of rows of chunks,
 * one model for OCR, PDF text layers, Word and Excel, so that "the value
 * right of or below a label" and "the cell in that column" mean the same
 * everywhere. OCR lines arrive in no useful order (sparse-text mode reads
 * blocks anywhere), so rows are rebuilt from the boxes: chunks whose
 * vertical extents overlap by half sit on one row. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "extract/extract.h"

/* A number of the read output: a box in page pixels, a page, table, row
 * or column number. Kept within +-2^20 (no page is that many pixels),
 * as a hostile page may say anything and boxes are added and subtracted
 * as ints (HPOS="-2147483648" overflowed in make_chunk: fuzz_alto). */
static int
iprop(xmlNodePtr n, const char *name)
{
	char *v = zz_xml_prop(n, name);
	long r = v ? strtol(v, NULL, 10) : 0;
	free(v);
	return r < -(1L << 20) ? -(1 << 20) : r > 1L << 20 ? 1 << 20 : (int)r;
}

static zz_row *
page_row(zz_dpage *p)
{
	return ZZ_PUSH(p->rows, p->nrows, p->cap);
}

static zz_chunk *
row_chunk(zz_row *r)
{
	return ZZ_PUSH(r->chunks, r->n, r->cap);
}

/* ---- boxed pages (ALTO) ---- */

typedef struct wordv {
	zz_dword *w;
	char **text;
	int n, cap;
} wordv;

static int
alnum_edge(int c)
{
	return c > 0 && c < 128 && isalnum(c);
}

/* Joins words into a chunk; a space only between Latin letters or digits. */
static void
make_chunk(zz_chunk *c, zz_dword *w, char **text, int n)
{
	zz_buf b = {0};
	c->words = zz_ecalloc((size_t)n, sizeof *c->words);
	c->nwords = n;
	int x1 = 0, y1 = 0;
	double conf = 0;
	for (int i = 0; i < n; i++) {
		if (b.len && alnum_edge((unsigned char)b.s[b.len - 1]) && alnum_edge((unsigned char)text[i][0]))
			zz_buf_adds(&b, " ");
		c->words[i] = w[i];
		c->words[i].off = (int)b.len;
		c->words[i].len = (int)strlen(text[i]);
		zz_buf_adds(&b, text[i]);
		if (i == 0 || w[i].x < c->x)
			c->x = w[i].x;
		if (i == 0 || w[i].y < c->y)
			c->y = w[i].y;
		if (w[i].x + w[i].w > x1)
			x1 = w[i].x + w[i].w;
		if (w[i].y + w[i].h > y1)
			y1 = w[i].y + w[i].h;
		conf += w[i].conf;
	}
	c->w = x1 - c->x, c->h = y1 - c->y;
	c->conf = n ? (float)(conf / n) : 0;
	c->text = b.s ? b.s : zz_estrdup("");
}

/* A line's words, split into chunks where the gap is wider than twice
 * the line's height (two columns of a form read as one line). */
static void
line_chunks(xmlNodePtr line, zz_row *bag)
{
	wordv v = {0};
	int lh = iprop(line, "HEIGHT");
	for (xmlNodePtr s = line->children; s; s = s->next) {
		if (!zz_xml_is(s, "String"))
			continue;
		if (v.n == v.cap) {
			v.cap = v.cap ? 2 * v.cap : 16;
			v.w = zz_erealloc(v.w, (size_t)v.cap * sizeof *v.w);
			v.text = zz_erealloc(v.text, (size_t)v.cap * sizeof *v.text);
		}
		char *wc = zz_xml_prop(s, "WC");
		zz_dword *w = &v.w[v.n];
		memset(w, 0, sizeof *w);
		w->x = iprop(s, "HPOS"), w->y = iprop(s, "VPOS");
		w->w = iprop(s, "WIDTH"), w->h = iprop(s, "HEIGHT");
		w->conf = wc ? (float)atof(wc) : 1.0f;
		free(wc);
		v.text[v.n++] = zz_xml_prop(s, "CONTENT");
		if (!v.text[v.n - 1])
			v.text[v.n - 1] = zz_estrdup("");
	}
	int start = 0;
	for (int i = 1; i <= v.n; i++) {
		if (i < v.n && v.w[i].x - (v.w[i - 1].x + v.w[i - 1].w) <= 2 * (lh > 0 ? lh : 30))
			continue;
		make_chunk(row_chunk(bag), v.w + start, v.text + start, i - start);
		start = i;
	}
	for (int i = 0; i < v.n; i++)
		free(v.text[i]);
	free(v.w), free(v.text);
}

static int
by_centre(const void *a, const void *b)
{
	const zz_chunk *p = a, *q = b;
	return (2 * p->y + p->h) - (2 * q->y + q->h);
}

static int
by_x(const void *a, const void *b)
{
	return ((const zz_chunk *)a)->x - ((const zz_chunk *)b)->x;
}

static void merge_amounts(zz_row *r);
static void merge_close(zz_row *r);

/* Chunks into rows: a chunk joins the row whose band it overlaps by half
 * of the smaller height, else starts a row. */
static void
make_rows(zz_dpage *p, zz_row *bag)
{
	if (bag->n > 1)
		qsort(bag->chunks, (size_t)bag->n, sizeof *bag->chunks, by_centre);
	for (int i = 0; i < bag->n; i++) {
		zz_chunk *c = &bag->chunks[i];
		zz_row *r = NULL;
		for (int k = p->nrows - 1; k >= 0 && k >= p->nrows - 3 && !r; k--) {
			zz_row *q = &p->rows[k];
			int top = c->y > q->y ? c->y : q->y;
			int bot = c->y + c->h < q->y + q->h ? c->y + c->h : q->y + q->h;
			int minh = c->h < q->h ? c->h : q->h;
			if (bot - top >= minh / 2 && minh > 0)
				r = q;
		}
		if (!r) {
			r = page_row(p);
			r->y = c->y, r->h = c->h;
		}
		*row_chunk(r) = *c;
	}
	for (int k = 0; k < p->nrows; k++) {
		if (p->rows[k].n > 1)
			qsort(p->rows[k].chunks, (size_t)p->rows[k].n, sizeof *p->rows[k].chunks, by_x);
		merge_amounts(&p->rows[k]);
		merge_close(&p->rows[k]);
	}
	free(bag->chunks);
}

/* An amount's piece as OCR gives it, "28" "347" "528" "00" for
 * 28,347,528.00 (the commas and the point read as gaps), or "33" "522，"
 * "395.00": its digits and separators into out (Chinese full-width ones
 * as ASCII), stray brackets and bars dropped; 0 when s is not such a
 * piece. */
static int
amount_piece(const char *s, char *out, size_t cap)
{
	size_t k = 0, len;
	int digits = 0;
	for (; *s; s += len) {
		unsigned c = zz_utf8_decode(s, &len);
		c = c == 0xFF0C ? ',' : c == 0xFF0E ? '.' : c;
		if (c >= '0' && c <= '9')
			digits++;
		else if (c != ',' && c != '.' && (c > 0x7F || !strchr(")(|", (int)c)))
			return 0;
		if (((c >= '0' && c <= '9') || c == ',' || c == '.') && k + 1 < cap)
			out[k++] = (char)c;
	}
	out[k] = '\0';
	return digits > 0;
}

/* Is s an amount grouped as statements print them: 1-3 digits, groups
 * of 3, and 2 after a point; a separator OCR doubled or misread
 * (27,.114,160.00, 77,959.060.00) is the normaliser's to mend. */
static int
grouped(const char *s)
{
	size_t n = strspn(s, "0123456789");
	if (n < 1 || n > 3)
		return 0;
	for (s += n; *s;) {
		size_t sep = strspn(s, ",.");
		if (sep < 1 || sep > 2)
			return 0;
		n = strspn(s + sep, "0123456789");
		s += sep + n;
		if (n != 3 && !(n == 2 && !*s))
			return 0;
	}
	return 1;
}

/* Joins pieces a..b-1 of a row into one amount when their shape says
 * where the lost separators were: a comma between two pieces that meet
 * digit to digit, a point before a last piece of two digits, and the
 * whole grouped as an amount is. */
static int
join_amount(zz_row *r, int a, int b)
{
	char piece[64], text[256] = "";
	for (int i = a; i < b; i++) {
		amount_piece(r->chunks[i].text, piece, sizeof piece);
		size_t n = strlen(piece), t = strlen(text);
		if (i > a && t > 0 && text[t - 1] >= '0' && text[t - 1] <= '9' && piece[0] >= '0' &&
		    piece[0] <= '9')
			strcat(text, i == b - 1 && n == 2 ? "." : ",");
		if (strlen(text) + n + 2 >= sizeof text)
			return 0;
		strcat(text, piece);
	}
	if (!grouped(text))
		return 0;
	zz_chunk *c = &r->chunks[a];
	int nw = 0, x1 = c->x + c->w;
	for (int i = a; i < b; i++)
		nw += r->chunks[i].nwords;
	zz_dword *w = zz_ecalloc((size_t)nw + 1, sizeof *w);
	nw = 0;
	for (int i = a; i < b; i++) {
		zz_chunk *d = &r->chunks[i];
		for (int k = 0; k < d->nwords; k++, nw++)
			w[nw] = d->words[k], w[nw].off = 0, w[nw].len = (int)strlen(text);
		if (d->x + d->w > x1)
			x1 = d->x + d->w;
		if (i > a)
			c->conf += d->conf, free(d->text), free(d->words), free(d->where);
	}
	free(c->text), free(c->words);
	c->text = zz_estrdup(text), c->words = w, c->nwords = nw;
	c->w = x1 - c->x, c->conf /= (float)(b - a);
	memmove(&r->chunks[a + 1], &r->chunks[b], (size_t)(r->n - b) * sizeof *r->chunks);
	r->n -= b - a - 1;
	return 1;
}

/* Amounts read in pieces are made whole again: neighbours on a row that
 * are all digits, closer than one and a half heights. */
static void
merge_amounts(zz_row *r)
{
	char piece[64];
	for (int a = 0; a < r->n; a++) {
		if (!amount_piece(r->chunks[a].text, piece, sizeof piece))
			continue;
		int b = a + 1;
		while (b < r->n && amount_piece(r->chunks[b].text, piece, sizeof piece)) {
			const zz_chunk *p = &r->chunks[b - 1], *q = &r->chunks[b];
			int h = p->h > q->h ? p->h : q->h;
			if (q->x - (p->x + p->w) > h * 3 / 2)
				break;
			b++;
		}
		if (b - a > 1)
			join_amount(r, a, b);
	}
}

static int
han(unsigned c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

/* the last character of s */
static unsigned
last_char(const char *s)
{
	size_t n = strlen(s), len = 0;
	while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
		n--;
	return n > 0 ? zz_utf8_decode(s + n - 1, &len) : 0;
}

/* Is q, right of p on a row, the same run of Chinese text that Tesseract
 * broke into two lines (澡州市风平机房设备有限公 | 司, 11 pixels apart
 * at a height of 30)? Closer than half a character, on the same band,
 * Chinese on both sides of the break. A label's characters spaced for
 * show stand a character or more apart, and stay apart. */
static int
same_run(const zz_chunk *p, const zz_chunk *q)
{
	size_t len;
	int h = p->h > q->h ? p->h : q->h, minh = p->h < q->h ? p->h : q->h;
	int gap = q->x - (p->x + p->w);
	int top = p->y > q->y ? p->y : q->y;
	int bot = p->y + p->h < q->y + q->h ? p->y + p->h : q->y + q->h;
	return p->w > 0 && q->w > 0 && minh > 0 && gap >= 0 && 2 * gap <= h &&
	       10 * (bot - top) >= 6 * minh && han(last_char(p->text)) &&
	       han(zz_utf8_decode(q->text, &len));
}

/* Chunks of one run of text are joined (same_run). */
static void
merge_close(zz_row *r)
{
	for (int a = 0; a + 1 < r->n;) {
		zz_chunk *p = &r->chunks[a], *q = &r->chunks[a + 1];
		if (!same_run(p, q)) {
			a++;
			continue;
		}
		size_t pl = strlen(p->text);
		char *text = zz_easprintf("%s%s", p->text, q->text);
		zz_dword *w = zz_ecalloc((size_t)(p->nwords + q->nwords) + 1, sizeof *w);
		memcpy(w, p->words, (size_t)p->nwords * sizeof *w);
		for (int k = 0; k < q->nwords; k++) {
			w[p->nwords + k] = q->words[k];
			w[p->nwords + k].off += (int)pl;
		}
		int x1 = q->x + q->w > p->x + p->w ? q->x + q->w : p->x + p->w;
		int y1 = q->y + q->h > p->y + p->h ? q->y + q->h : p->y + p->h;
		int n = p->nwords + q->nwords;
		p->conf = n ? (p->conf * p->nwords + q->conf * q->nwords) / n : p->conf;
		p->y = p->y < q->y ? p->y : q->y;
		p->w = x1 - p->x, p->h = y1 - p->y;
		free(p->text), free(p->words), free(q->text), free(q->words), free(q->where);
		p->text = text, p->words = w, p->nwords = n;
		memmove(q, q + 1, (size_t)(r->n - a - 2) * sizeof *q);
		r->n--;
	}
}

static int
load_alto(zz_dpage *p, const char *path, char **err)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		*err = zz_easprintf("cannot parse '%s'", path);
		return -1;
	}
	zz_row bag = {0};
	xmlNodePtr n = xmlDocGetRootElement(doc);
	while (n) {
		if (zz_xml_is(n, "Page"))
			p->width = iprop(n, "WIDTH"), p->height = iprop(n, "HEIGHT");
		if (zz_xml_is(n, "TextLine")) {
			line_chunks(n, &bag);
		} else if (n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
	xmlFreeDoc(doc);
	make_rows(p, &bag);
	return 0;
}

/* ---- Word and Excel (content.xml) ---- */

static void
text_chunk(zz_row *r, const char *text, int col, char *where)
{
	zz_chunk *c = row_chunk(r);
	c->text = zz_estrdup(text);
	c->conf = 1.0f;
	c->col = col;
	c->where = where;
}

static void
cell_chunk(zz_row *r, xmlNodePtr cell, int col, char *where)
{
	xmlChar *t = xmlNodeGetContent(cell);
	text_chunk(r, t ? (const char *)t : "", col, where);
	xmlFree(t);
}

static void
load_table(zz_dpage *p, xmlNodePtr table, const char *sheet)
{
	int tn = iprop(table, "n");
	for (xmlNodePtr row = table->children; row; row = row->next) {
		if (!zz_xml_is(row, "row"))
			continue;
		zz_row *r = page_row(p);
		int rn = iprop(row, "n"), k = 0;
		for (xmlNodePtr cell = row->children; cell; cell = cell->next) {
			if (!zz_xml_is(cell, "cell"))
				continue;
			int col = sheet ? iprop(cell, "col") : ++k;
			char *ref = sheet ? zz_xml_prop(cell, "ref") : NULL;
			char *where = sheet ? zz_easprintf("%s!%s", sheet, ref ? ref : "?")
			                    : zz_easprintf("t%dr%dc%d", tn, rn, col);
			free(ref);
			cell_chunk(r, cell, col, where);
		}
	}
}

static int
load_content(zz_doc *d, const char *path, char **err)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		*err = zz_easprintf("cannot parse '%s'", path);
		return -1;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int docx = strcmp(d->kind, "xlsx") != 0;
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (!zz_xml_is(n, docx ? "p" : "sheet") && !(docx && zz_xml_is(n, "table")))
			continue;
		if (docx && d->npages == 0) {
			d->pages = zz_ecalloc(1, sizeof *d->pages);
			d->npages = 1;
			d->pages[0].n = 1;
		}
		if (!docx) {
			d->pages = zz_erealloc(d->pages, (size_t)(d->npages + 1) * sizeof *d->pages);
			memset(&d->pages[d->npages], 0, sizeof *d->pages);
			d->pages[d->npages].n = d->npages + 1;
			d->npages++;
		}
		zz_dpage *p = &d->pages[d->npages - 1];
		if (zz_xml_is(n, "p")) {
			char *where = zz_easprintf("p%d", iprop(n, "n"));
			cell_chunk(page_row(p), n, 0, where);
		} else if (zz_xml_is(n, "table")) {
			load_table(p, n, NULL);
		} else {
			char *sheet = zz_xml_prop(n, "name");
			/* the sheet's name often is its title (项目业绩) */
			if (sheet)
				text_chunk(page_row(p), sheet, 0, zz_easprintf("%s!", sheet));
			load_table(p, n, sheet ? sheet : "Sheet");
			free(sheet);
		}
	}
	xmlFreeDoc(doc);
	return 0;
}

/* The page's text: a row per line, chunks apart by a space. */
static void
page_text(zz_dpage *p)
{
	zz_buf b = {0};
	for (int r = 0; r < p->nrows; r++) {
		for (int c = 0; c < p->rows[r].n; c++) {
			if (c)
				zz_buf_adds(&b, " ");
			zz_buf_adds(&b, p->rows[r].chunks[c].text);
		}
		zz_buf_adds(&b, "\n");
	}
	p->text = b.s ? b.s : zz_estrdup("");
}

static int
load_file(zz_doc *d, xmlNodePtr f, const char *casedir, char **err)
{
	d->id = zz_xml_prop(f, "id"), d->path = zz_xml_prop(f, "path"), d->kind = zz_xml_prop(f, "kind");
	char *content = zz_xml_prop(f, "content");
	int rc = 0;
	if (content) {
		char *p = zz_easprintf("%s/%s", casedir, content);
		rc = load_content(d, p, err);
		free(p), free(content);
	}
	if (d->kind && !strcmp(d->kind, "pdf"))
		d->pdf = zz_estrdup(d->path); /* relative: region.c joins the case */
	for (xmlNodePtr pg = f->children; pg && rc == 0; pg = pg->next) {
		if (!zz_xml_is(pg, "page"))
			continue;
		char *alto = zz_xml_prop(pg, "alto");
		d->pages = zz_erealloc(d->pages, (size_t)(d->npages + 1) * sizeof *d->pages);
		zz_dpage *p = &d->pages[d->npages++];
		memset(p, 0, sizeof *p);
		p->n = iprop(pg, "n");
		p->image = (const char *)xmlGetProp(pg, (const xmlChar *)"image");
		if (alto) {
			char *path = zz_easprintf("%s/%s", casedir, alto);
			rc = load_alto(p, path, err);
			free(path);
		}
		free(alto);
	}
	for (int i = 0; i < d->npages; i++)
		page_text(&d->pages[i]);
	return rc;
}

/* The SHA-256 of each file, from case.xml, for the extract's listing. */
static void
add_hashes(zz_doc *docs, int n, const char *casedir)
{
	char *path = zz_easprintf("%s/case.xml", casedir);
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(path);
	if (!doc)
		return;
	for (xmlNodePtr f = xmlDocGetRootElement(doc)->children; f; f = f->next) {
		if (!zz_xml_is(f, "file"))
			continue;
		char *id = zz_xml_prop(f, "id");
		for (int i = 0; i < n && id; i++)
			if (!strcmp(docs[i].id, id) && !docs[i].sha256)
				docs[i].sha256 = zz_xml_prop(f, "sha256");
		free(id);
	}
	xmlFreeDoc(doc);
}

static void free_page(zz_dpage *p);

zz_doc *
zz_docs_load(const char *casedir, int *n, char **err)
{
	*n = 0, *err = NULL;
	char *path = zz_easprintf("%s/read/read.xml", casedir);
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		*err = zz_easprintf("cannot read '%s' (run zizhi-read first)", path);
		free(path);
		return NULL;
	}
	free(path);
	int cap = 0;
	zz_doc *docs = NULL;
	for (xmlNodePtr f = xmlDocGetRootElement(doc)->children; f; f = f->next) {
		char *status = zz_xml_is(f, "file") ? zz_xml_prop(f, "status") : NULL;
		int ok = status && !strcmp(status, "ok");
		free(status);
		if (!ok)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			docs = zz_erealloc(docs, (size_t)cap * sizeof *docs);
		}
		zz_doc *d = &docs[(*n)++];
		memset(d, 0, sizeof *d);
		/* a page that cannot be parsed costs its document, not the case:
		 * the document stays listed, unreadable, with the reason */
		if (load_file(d, f, casedir, &d->broken) < 0) {
			for (int k = 0; k < d->npages; k++)
				free_page(&d->pages[k]);
			free(d->pages);
			d->pages = NULL, d->npages = 0;
		}
	}
	xmlFreeDoc(doc);
	add_hashes(docs, *n, casedir);
	if (!docs)
		docs = zz_ecalloc(1, sizeof *docs);
	return docs;
}

static void
free_page(zz_dpage *p)
{
	for (int r = 0; r < p->nrows; r++) {
		for (int c = 0; c < p->rows[r].n; c++) {
			free(p->rows[r].chunks[c].text);
			free(p->rows[r].chunks[c].words);
			free(p->rows[r].chunks[c].where);
		}
		free(p->rows[r].chunks);
	}
	free(p->rows);
	free(p->text);
	xmlFree((xmlChar *)p->image);
}

void
zz_docs_free(zz_doc **pdocs, int n)
{
	zz_doc *docs = *pdocs;
	*pdocs = NULL;
	for (int i = 0; docs && i < n; i++) {
		zz_doc *d = &docs[i];
		for (int k = 0; k < d->npages; k++)
			free_page(&d->pages[k]);
		free(d->pages);
		free(d->id), free(d->path), free(d->kind), free(d->sha256), free(d->pdf);
		free(d->broken);
	}
	free(docs);
}

int
zz_line_height(const zz_dpage *p)
{
	int hs[256], n = 0;
	for (int r = 0; r < p->nrows; r++)
		for (int k = 0; k < p->rows[r].n && n < 256; k++) {
			const zz_chunk *c = &p->rows[r].chunks[k];
			if (c->h > 0 && zz_utf8_len(c->text) >= 3)
				hs[n++] = c->h;
		}
	return n < 5 ? 0 : zz_median(hs, n);
}

const zz_dpage *
zz_doc_page(const zz_doc *d, int n)
{
	for (int i = 0; i < d->npages; i++)
		if (d->pages[i].n == n)
			return &d->pages[i];
	return NULL;
}
