/* ooxml.c - DOCX and XLSX writers: just enough WordprocessingML and
 * SpreadsheetML for Word, Excel and LibreOffice to open the samples as
 * ordinary office files. Content is held in memory until save, then packed
 * with libzip. Output is byte-for-byte repeatable: no clocks, no pids in
 * the files themselves. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#include "gen.h"
#include "zizhi.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A fixed timestamp, in the ZIP entries and docProps, so one seed gives
 * identical files on every run. DOS date: (2024-1980)<<9 | 1<<5 | 1. */
#define FIXED_DOSDATE 22561
#define FIXED_DOSTIME 0
#define FIXED_W3CDTF "2024-01-01T00:00:00Z"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_S "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define CT_OOXML "application/vnd.openxmlformats-officedocument."
#define LATIN_FONT "Times New Roman"

/* ---- XML text ---- */

/* Length of the UTF-8 sequence at s (at most n bytes) if it is a character
 * XML 1.0 allows, else 0. The rest are dropped, not escaped: no escape
 * makes them legal, and invalid UTF-8 would make the part unreadable. */
static size_t
xml_char(const unsigned char *s, size_t n, unsigned long *cp)
{
	static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t len, i;
	unsigned long c = s[0];

	if (c < 0x80)
		len = 1;
	else if ((c & 0xE0) == 0xC0)
		len = 2, c &= 0x1F;
	else if ((c & 0xF0) == 0xE0)
		len = 3, c &= 0x0F;
	else if ((c & 0xF8) == 0xF0)
		len = 4, c &= 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE ||
	    c == 0xFFFF || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
		return 0;
	*cp = c;
	return len;
}

/* Escapes n bytes of s. In attributes tab, newline and CR are written as
 * references, or the parser would normalise them to spaces; CR is a
 * reference in text too, or it would come back as a newline. */
static void
buf_escn(zz_buf *b, const char *s, size_t n, int attr)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	unsigned long c;
	size_t len;

	while (p < end) {
		if (!(len = xml_char(p, (size_t)(end - p), &c))) {
			p++;
			continue;
		}
		switch (c) {
		case '&': zz_buf_adds(b, "&amp;"); break;
		case '<': zz_buf_adds(b, "&lt;"); break;
		case '>': zz_buf_adds(b, "&gt;"); break;
		case '"': zz_buf_adds(b, "&quot;"); break;
		case '\'': zz_buf_adds(b, "&apos;"); break;
		case '\r': zz_buf_adds(b, "&#13;"); break;
		case '\t': zz_buf_adds(b, attr ? "&#9;" : "\t"); break;
		case '\n': zz_buf_adds(b, attr ? "&#10;" : "\n"); break;
		default: zz_buf_add(b, (const char *)p, len);
		}
		p += len;
	}
}

static void
buf_esc(zz_buf *b, const char *s, int attr)
{
	s = s ? s : "";
	buf_escn(b, s, strlen(s), attr);
}

/* ---- ZIP package ---- */

typedef struct pkg {
	zip_t *z;
	char *tmp;
	int err;
} pkg;

/* The temporary is hidden and does not end in .docx/.xlsx, so a watcher
 * of the output (or drop) directory never picks up a half-written file. */
static int
pkg_open(pkg *k, const char *path)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	size_t n = strlen(path) + 32;
	int zerr;

	k->err = 0;
	k->tmp = zz_erealloc(NULL, n);
	snprintf(k->tmp, n, "%.*s.%s.%ld.tmp", dirlen, path, path + dirlen, (long)getpid());
	k->z = zip_open(k->tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!k->z) {
		free(k->tmp);
		return -1;
	}
	return 0;
}

/* Adds a member; with own set the data is malloc'd and libzip frees it
 * after zip_close, else it must outlive the package (string literals). */
static void
pkg_add(pkg *k, const char *name, const char *data, size_t n, int own)
{
	zip_source_t *src;
	zip_int64_t i;

	if (k->err) {
		if (own)
			free((void *)data);
		return;
	}
	if (!(src = zip_source_buffer(k->z, data, n, own))) {
		if (own)
			free((void *)data);
		k->err = 1;
		return;
	}
	if ((i = zip_file_add(k->z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0) {
		zip_source_free(src);
		k->err = 1;
		return;
	}
	if (zip_file_set_dostime(k->z, (zip_uint64_t)i, FIXED_DOSTIME, FIXED_DOSDATE, 0) < 0)
		k->err = 1;
}

/* Hands b's memory to the package. */
static void
pkg_buf(pkg *k, const char *name, zz_buf *b)
{
	pkg_add(k, name, b->s ? b->s : zz_estrdup(""), b->len, 1);
	memset(b, 0, sizeof *b);
}

static void
pkg_lit(pkg *k, const char *name, const char *s)
{
	pkg_add(k, name, s, strlen(s), 0);
}

static int
pkg_close(pkg *k, const char *path)
{
	int rc = -1;

	if (k->err)
		zip_discard(k->z);
	else if (zip_close(k->z) < 0)
		zip_discard(k->z);
	else if (rename(k->tmp, path) == 0)
		rc = 0;
	if (rc < 0)
		unlink(k->tmp);
	free(k->tmp);
	return rc;
}

/* ---- parts shared by both formats ---- */

static void
add_rels(pkg *k, const char *main_target)
{
	zz_buf b = {0};

	zz_buf_adds(&b, XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\">"
	          "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" Target=\"");
	zz_buf_adds(&b, main_target);
	zz_buf_adds(&b, "\"/><Relationship Id=\"rId2\" Type=\"" NS_PKGREL
	          "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	          "<Relationship Id=\"rId3\" Type=\"" NS_REL
	          "/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>");
	pkg_buf(k, "_rels/.rels", &b);
}

static void
add_props(pkg *k, const char *title, const char *app)
{
	zz_buf b = {0};

	zz_buf_adds(&b, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
	          "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/"
	          "elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype="
	          "\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/"
	          "XMLSchema-instance\">");
	if (title && *title) {
		zz_buf_adds(&b, "<dc:title>");
		buf_esc(&b, title, 0);
		zz_buf_adds(&b, "</dc:title>");
	}
	zz_buf_adds(&b, "<dc:creator>zizhi-samplegen</dc:creator>"
	          "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" FIXED_W3CDTF "</dcterms:created>"
	          "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" FIXED_W3CDTF "</dcterms:modified>"
	          "</cp:coreProperties>");
	pkg_buf(k, "docProps/core.xml", &b);
	zz_buf_adds(&b, XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/"
	          "2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/"
	          "officeDocument/2006/docPropsVTypes\"><Application>");
	zz_buf_adds(&b, app);
	zz_buf_adds(&b, "</Application></Properties>");
	pkg_buf(k, "docProps/app.xml", &b);
}

/* ---- DOCX ---- */

enum bkind { B_HEAD, B_PARA, B_TABLE };

typedef struct block {
	enum bkind kind;
	int level;    /* B_HEAD */
	char *text;   /* B_HEAD, B_PARA */
	int rows, cols, header;
	char **cells; /* B_TABLE, rows * cols */
} block;

struct gen_docx {
	block *b;
	size_t n, cap;
};

/* Paragraph formats: level 0-2 headings, then body text. Sizes are in
 * half-points, as w:sz wants them. */
typedef struct pfmt {
	const char *style;
	int centre, bold, sz;
} pfmt;

static const pfmt head_fmt[] = {
	{"Title", 1, 1, 36},
	{"Heading1", 0, 1, 28},
	{"Heading2", 0, 1, 24},
};
static const pfmt body_fmt = {NULL, 0, 0, 21};

gen_docx *
gen_docx_new(void)
{
	gen_docx *d = zz_erealloc(NULL, sizeof *d);

	memset(d, 0, sizeof *d);
	return d;
}

static block *
docx_push(gen_docx *d, enum bkind kind)
{
	block *b;

	d->b = zz_grow_size(d->b, d->n, &d->cap, sizeof *d->b);
	b = &d->b[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

void
gen_docx_heading(gen_docx *d, const char *text, int level)
{
	block *b = docx_push(d, B_HEAD);

	b->level = level < 0 ? 0 : level > 2 ? 2 : level;
	b->text = zz_estrdup(text);
}

void
gen_docx_para(gen_docx *d, const char *text)
{
	docx_push(d, B_PARA)->text = zz_estrdup(text);
}

void
gen_docx_table(gen_docx *d, int rows, int cols, const char *const *cells, int header_row)
{
	block *b;
	size_t i, n;

	if (rows <= 0 || cols <= 0 || !cells)
		return;
	if ((size_t)rows > (size_t)-1 / sizeof(char *) / (size_t)cols)
		abort();
	n = (size_t)rows * (size_t)cols;
	b = docx_push(d, B_TABLE);
	b->rows = rows;
	b->cols = cols;
	b->header = header_row;
	b->cells = zz_erealloc(NULL, n * sizeof *b->cells);
	for (i = 0; i < n; i++)
		b->cells[i] = zz_estrdup(cells[i]);
}

/* Run text: newlines become breaks and tabs tabs, as in a typed document,
 * rather than whitespace Word would fold away. */
static void
run_text(zz_buf *b, const char *s)
{
	size_t n;

	for (;;) {
		n = strcspn(s, "\t\r\n");
		if (n) {
			zz_buf_adds(b, "<w:t xml:space=\"preserve\">");
			buf_escn(b, s, n, 0);
			zz_buf_adds(b, "</w:t>");
		}
		s += n;
		if (!*s)
			return;
		if (*s == '\t')
			zz_buf_adds(b, "<w:tab/>");
		else if (!(s[0] == '\r' && s[1] == '\n'))
			zz_buf_adds(b, "<w:br/>");
		s++;
	}
}

static void
run(zz_buf *b, const char *text, const pfmt *f, const char *font)
{
	if (!*text)
		return;
	zz_buf_adds(b, "<w:r><w:rPr><w:rFonts w:ascii=\"" LATIN_FONT "\" w:hAnsi=\"" LATIN_FONT
	         "\" w:eastAsia=\"");
	buf_esc(b, font, 1);
	zz_buf_adds(b, "\"/>");
	if (f->bold)
		zz_buf_adds(b, "<w:b/><w:bCs/>");
	zz_buf_addf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>", f->sz, f->sz);
	run_text(b, text);
	zz_buf_adds(b, "</w:r>");
}

static void
para(zz_buf *b, const char *text, const pfmt *f, const char *font)
{
	zz_buf_adds(b, "<w:p>");
	if (f->style || f->centre) {
		zz_buf_adds(b, "<w:pPr>");
		if (f->style)
			zz_buf_addf(b, "<w:pStyle w:val=\"%s\"/>", f->style);
		if (f->centre)
			zz_buf_adds(b, "<w:jc w:val=\"center\"/>");
		zz_buf_adds(b, "</w:pPr>");
	}
	run(b, text, f, font);
	zz_buf_adds(b, "</w:p>");
}

static void
table_props(zz_buf *b, int cols, int colw)
{
	static const char *const side[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	size_t i;
	int c;

	zz_buf_adds(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
	         "<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
	for (i = 0; i < N(side); i++)
		zz_buf_addf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
		      side[i]);
	zz_buf_adds(b, "</w:tblBorders></w:tblPr><w:tblGrid>");
	for (c = 0; c < cols; c++)
		zz_buf_addf(b, "<w:gridCol w:w=\"%d\"/>", colw);
	zz_buf_adds(b, "</w:tblGrid>");
}

static void
table(zz_buf *b, const block *t, const char *font)
{
	pfmt hf = body_fmt;
	int colw = 9000 / t->cols, r, c, head;

	hf.bold = 1;
	table_props(b, t->cols, colw);
	for (r = 0; r < t->rows; r++) {
		head = t->header && r == 0;
		/* tblHeader repeats the header row when the table breaks a page */
		zz_buf_adds(b, head ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
		for (c = 0; c < t->cols; c++) {
			zz_buf_addf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", colw);
			if (head)
				zz_buf_adds(b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>");
			zz_buf_adds(b, "</w:tcPr>");
			para(b, t->cells[(size_t)r * (size_t)t->cols + (size_t)c],
			     head ? &hf : &body_fmt, font);
			zz_buf_adds(b, "</w:tc>");
		}
		zz_buf_adds(b, "</w:tr>");
	}
	zz_buf_adds(b, "</w:tbl>");
}

static void
docx_document(pkg *k, const gen_docx *d, const char *font)
{
	zz_buf b = {0};
	size_t i;

	zz_buf_adds(&b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_REL "\"><w:body>");
	for (i = 0; i < d->n; i++) {
		const block *p = &d->b[i];
		if (p->kind == B_HEAD)
			para(&b, p->text, &head_fmt[p->level], font);
		else if (p->kind == B_PARA)
			para(&b, p->text, &body_fmt, font);
		else
			table(&b, p, font);
		/* Word merges adjacent tables and wants a paragraph after
		 * a final one, so such tables get an empty paragraph. */
		if (p->kind == B_TABLE && (i + 1 == d->n || d->b[i + 1].kind == B_TABLE))
			zz_buf_adds(&b, "<w:p/>");
	}
	/* A4, 1-inch margins: 9026 twips of text width for the tables */
	zz_buf_adds(&b, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" "
	          "w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"851\" "
	          "w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
	pkg_buf(k, "word/document.xml", &b);
}

static void
style_para(zz_buf *b, const char *id, const char *name, const char *ppr, int sz)
{
	zz_buf_addf(b, "<w:style w:type=\"paragraph\" w:styleId=\"%s\"><w:name w:val=\"%s\"/>"
	         "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>",
	      id, name);
	zz_buf_addf(b, "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>%s</w:pPr>",
	      ppr);
	zz_buf_addf(b, "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>"
	         "</w:style>", sz, sz);
}

static void
docx_styles(pkg *k, const char *font)
{
	zz_buf b = {0};

	zz_buf_adds(&b, XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
	          "<w:rFonts w:ascii=\"" LATIN_FONT "\" w:hAnsi=\"" LATIN_FONT "\" w:eastAsia=\"");
	buf_esc(&b, font, 1);
	zz_buf_adds(&b, "\" w:cs=\"" LATIN_FONT "\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
	          "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>"
	          "<w:pPrDefault/></w:docDefaults>"
	          "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	          "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"both\"/></w:pPr>"
	          "<w:rPr><w:rFonts w:ascii=\"" LATIN_FONT "\" w:hAnsi=\"" LATIN_FONT
	          "\" w:eastAsia=\"");
	buf_esc(&b, font, 1);
	zz_buf_adds(&b, "\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>");
	style_para(&b, "Title", "Title", "<w:jc w:val=\"center\"/>", 36);
	style_para(&b, "Heading1", "heading 1", "<w:outlineLvl w:val=\"0\"/>", 28);
	style_para(&b, "Heading2", "heading 2", "<w:outlineLvl w:val=\"1\"/>", 24);
	zz_buf_adds(&b, "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
	          "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
	          "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
	          "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
	          "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
	          "</w:tblCellMar></w:tblPr></w:style>"
	          "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
	          "<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
	          "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
	          "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
	          "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
	          "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
	          "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
	          "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
	          "</w:tblBorders></w:tblPr></w:style></w:styles>");
	pkg_buf(k, "word/styles.xml", &b);
}

static const char docx_types[] =
	XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
	"relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" CT_OOXML
	"wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_OOXML
	"wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_OOXML
	"wordprocessingml.settings+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-"
	"package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"" CT_OOXML
	"extended-properties+xml\"/></Types>";

static const char docx_doc_rels[] =
	XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_REL "/settings\" Target=\"settings.xml\"/>"
	"</Relationships>";

/* Without a compatibility mode Word opens the file in Word 2007 mode and
 * says so; compressPunctuation is what Chinese templates set. */
static const char docx_settings[] =
	XML_DECL "<w:settings xmlns:w=\"" NS_W "\"><w:defaultTabStop w:val=\"420\"/>"
	"<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat>"
	"<w:compatSetting w:name=\"compatibilityMode\" "
	"w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
	"</w:compat></w:settings>";

static const char *
docx_title(const gen_docx *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->b[i].kind == B_HEAD && d->b[i].level == 0)
			return d->b[i].text;
	return NULL;
}

int
gen_docx_save(gen_docx *d, const char *path, const char *font)
{
	pkg k;

	font = font && *font ? font : "SimSun";
	if (pkg_open(&k, path) < 0)
		return -1;
	pkg_lit(&k, "[Content_Types].xml", docx_types);
	add_rels(&k, "word/document.xml");
	docx_document(&k, d, font);
	docx_styles(&k, font);
	pkg_lit(&k, "word/settings.xml", docx_settings);
	pkg_lit(&k, "word/_rels/document.xml.rels", docx_doc_rels);
	add_props(&k, docx_title(d), "zizhi-samplegen");
	return pkg_close(&k, path);
}

void
gen_docx_free(gen_docx **pd)
{
	gen_docx *d = *pd;
	size_t i, j;

	if (!d)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->b[i].text);
		for (j = 0; d->b[i].cells && j < (size_t)d->b[i].rows * (size_t)d->b[i].cols; j++)
			free(d->b[i].cells[j]);
		free(d->b[i].cells);
	}
	free(d->b);
	free(d);
	*pd = NULL;
}

/* ---- XLSX ---- */

/* Excel's limits: a longer row or sheet name makes it refuse the file. */
#define XLSX_MAXCOLS 16384
#define XLSX_MAXNAME 31
#define DEFAULT_WIDTH 8.43 /* Excel's, in characters */

typedef struct xcell {
	enum gen_xtype type;
	double v; /* GEN_X_STRING: index into the shared strings */
} xcell;

typedef struct xrow {
	int n;
	xcell *c;
} xrow;

typedef struct xsheet {
	char *name;
	xrow *row;
	size_t n, cap;
	char **merge; /* "A1:G1" ranges of merged cells */
	size_t nmerge, capmerge;
} xsheet;

/* Shared strings, de-duplicated through an open-addressing hash of
 * indices (slot holds index + 1; 0 is free). */
typedef struct strtab {
	char **s;
	size_t n, cap;
	size_t *slot, nslot;
	size_t refs; /* cells referring to the table: sst's count */
} strtab;

struct gen_xlsx {
	xsheet *sh;
	size_t n, cap;
	strtab st;
};

static size_t
str_hash(const char *s)
{
	size_t h = 14695981039346656037u & (size_t)-1;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211u;
	return h;
}

static void
strtab_rehash(strtab *t)
{
	size_t i, j, mask;

	free(t->slot);
	t->nslot = t->nslot ? t->nslot * 2 : 64;
	t->slot = zz_erealloc(NULL, t->nslot * sizeof *t->slot);
	memset(t->slot, 0, t->nslot * sizeof *t->slot);
	mask = t->nslot - 1;
	for (i = 0; i < t->n; i++) {
		for (j = str_hash(t->s[i]) & mask; t->slot[j]; j = (j + 1) & mask)
			;
		t->slot[j] = i + 1;
	}
}

static size_t
strtab_intern(strtab *t, const char *s)
{
	size_t j, mask;

	if ((t->n + 1) * 2 > t->nslot)
		strtab_rehash(t);
	mask = t->nslot - 1;
	for (j = str_hash(s) & mask; t->slot[j]; j = (j + 1) & mask)
		if (strcmp(t->s[t->slot[j] - 1], s) == 0)
			return t->slot[j] - 1;
	t->s = zz_grow_size(t->s, t->n, &t->cap, sizeof *t->s);
	t->s[t->n] = zz_estrdup(s);
	t->slot[j] = ++t->n;
	return t->n - 1;
}

gen_xlsx *
gen_xlsx_new(void)
{
	gen_xlsx *x = zz_erealloc(NULL, sizeof *x);

	memset(x, 0, sizeof *x);
	return x;
}

/* Copies name into b as Excel accepts it: valid XML characters only,
 * none of []:*?/\ and at most max UTF-16 units. */
static void
name_fit(zz_buf *b, const char *name, size_t max)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t len, units = 0, left = strlen(name);
	unsigned long c;

	for (; *p; p += len, left -= len) {
		if (!(len = xml_char(p, left, &c)) || c < 0x20) {
			len = len ? len : 1;
			continue;
		}
		units += c >= 0x10000 ? 2 : 1;
		if (units > max)
			break;
		if (c < 0x80 && strchr("[]:*?/\\", (int)c))
			zz_buf_adds(b, "_");
		else
			zz_buf_add(b, (const char *)p, len);
	}
	/* a leading or trailing apostrophe is refused too */
	if (b->len && b->s[0] == '\'')
		b->s[0] = '_';
	if (b->len && b->s[b->len - 1] == '\'')
		b->s[b->len - 1] = '_';
}

static int
sheet_exists(const gen_xlsx *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (strcasecmp(x->sh[i].name, name) == 0)
			return 1;
	return 0;
}

/* A unique legal name for a new sheet: the given one where Excel takes
 * it, else the given one shortened or numbered. */
static char *
sheet_name(const gen_xlsx *x, const char *name)
{
	zz_buf b = {0};
	char sfx[32] = "";
	int k;

	for (k = 1;; k++) {
		b.len = 0;
		if (k > 1)
			snprintf(sfx, sizeof sfx, "(%d)", k);
		name_fit(&b, name ? name : "", XLSX_MAXNAME - strlen(sfx));
		if (!b.len)
			zz_buf_addf(&b, "Sheet%zu", x->n + 1);
		zz_buf_adds(&b, sfx);
		if (!sheet_exists(x, b.s))
			return b.s;
	}
}

void
gen_xlsx_sheet(gen_xlsx *x, const char *name)
{
	xsheet *s;
	char *nm = sheet_name(x, name);

	x->sh = zz_grow_size(x->sh, x->n, &x->cap, sizeof *x->sh);
	s = &x->sh[x->n++];
	memset(s, 0, sizeof *s);
	s->name = nm;
}

void
gen_xlsx_row(gen_xlsx *x, int ncols, const gen_xcell *cells)
{
	xsheet *s;
	xrow *r;
	int i;

	if (!x->n)
		gen_xlsx_sheet(x, "Sheet1");
	s = &x->sh[x->n - 1];
	s->row = zz_grow_size(s->row, s->n, &s->cap, sizeof *s->row);
	r = &s->row[s->n++];
	r->n = ncols < 0 || !cells ? 0 : ncols > XLSX_MAXCOLS ? XLSX_MAXCOLS : ncols;
	r->c = zz_erealloc(NULL, (size_t)r->n * sizeof *r->c);
	for (i = 0; i < r->n; i++) {
		r->c[i].type = cells[i].type;
		r->c[i].v = cells[i].v;
		/* Excel cannot store NaN or infinity: such a cell stays empty */
		if ((cells[i].type == GEN_X_NUMBER || cells[i].type == GEN_X_DATE) &&
		    !isfinite(cells[i].v))
			r->c[i].type = GEN_X_EMPTY;
		if (cells[i].type == GEN_X_STRING) {
			r->c[i].v = (double)strtab_intern(&x->st, cells[i].s ? cells[i].s : "");
			x->st.refs++;
		}
	}
}

static void cell_ref(char *out, size_t n, int col, size_t row);

void
gen_xlsx_merge(gen_xlsx *x, int row, int col0, int col1)
{
	char a[32], z[32];
	zz_buf b = {0};
	xsheet *s;

	if (!x->n)
		gen_xlsx_sheet(x, "Sheet1");
	s = &x->sh[x->n - 1];
	cell_ref(a, sizeof a, col0, (size_t)row + 1);
	cell_ref(z, sizeof z, col1, (size_t)row + 1);
	zz_buf_addf(&b, "%s:%s", a, z);
	s->merge = zz_grow_size(s->merge, s->nmerge, &s->capmerge, sizeof *s->merge);
	s->merge[s->nmerge++] = b.s;
}

/* "A1"-style reference of 0-based column col in 1-based row. */
static void
cell_ref(char *out, size_t n, int col, size_t row)
{
	char tmp[8];
	int i = 0, j = 0;

	for (col++; col > 0; col = (col - 1) / 26)
		tmp[i++] = (char)('A' + (col - 1) % 26);
	while (i > 0)
		out[j++] = tmp[--i];
	snprintf(out + j, n - (size_t)j, "%zu", row);
}

/* %.15g with a '.' whatever LC_NUMERIC says: a decimal comma would turn
 * the cell into garbage. */
static void
fmt_num(char *out, size_t n, double v)
{
	char *p;

	snprintf(out, n, "%.15g", v);
	for (p = out; *p; p++)
		if (*p == ',')
			*p = '.';
}

/* Display width of text in character cells: CJK and fullwidth forms take
 * two, as they do in Excel's default fonts. */
static double
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, left = strlen(s);
	unsigned long c;
	double w = 0;

	for (; *p; p += len, left -= len) {
		if (!(len = xml_char(p, left, &c))) {
			len = 1;
			continue;
		}
		w += c >= 0x1100 ? 2 : 1;
	}
	return w;
}

/* Column widths from the content, so dates are not shown as ##### and
 * long names are readable when the sample is opened. */
static double *
col_widths(const gen_xlsx *x, const xsheet *s, int ncol)
{
	double *w = zz_erealloc(NULL, (size_t)ncol * sizeof *w), cw;
	char num[64];
	size_t r;
	int c;

	for (c = 0; c < ncol; c++)
		w[c] = DEFAULT_WIDTH;
	for (r = 0; r < s->n; r++)
		for (c = 0; c < s->row[r].n; c++) {
			const xcell *e = &s->row[r].c[c];
			cw = 0;
			if (e->type == GEN_X_STRING)
				cw = text_width(x->st.s[(size_t)e->v]);
			else if (e->type == GEN_X_DATE)
				cw = 10;
			else if (e->type == GEN_X_NUMBER) {
				fmt_num(num, sizeof num, e->v);
				cw = (double)strlen(num);
			}
			cw = cw + 2 > 60 ? 60 : cw + 2;
			if (cw > w[c])
				w[c] = cw;
		}
	return w;
}

/* GEN_X_EMPTY and anything unknown is written as no cell at all. */
static int
cell_used(const xcell *e)
{
	return e->type == GEN_X_STRING || e->type == GEN_X_NUMBER || e->type == GEN_X_DATE;
}

/* Extent of the non-empty cells, 0-based; 0 if there are none. */
static int
sheet_extent(const xsheet *s, size_t *r0, size_t *r1, int *c0, int *c1)
{
	size_t r;
	int c, any = 0;

	for (r = 0; r < s->n; r++)
		for (c = 0; c < s->row[r].n; c++) {
			if (!cell_used(&s->row[r].c[c]))
				continue;
			if (!any || r < *r0)
				*r0 = r;
			if (!any || c < *c0)
				*c0 = c;
			if (!any || c > *c1)
				*c1 = c;
			*r1 = r;
			any = 1;
		}
	return any;
}

static void
sheet_head(zz_buf *b, const gen_xlsx *x, const xsheet *s, int first)
{
	char a[32], z[32];
	size_t r0 = 0, r1 = 0, i;
	int c0 = 0, c1 = 0, any = sheet_extent(s, &r0, &r1, &c0, &c1), wide = 0;
	double *w;

	zz_buf_adds(b, XML_DECL "<worksheet xmlns=\"" NS_S "\" xmlns:r=\"" NS_REL "\">");
	cell_ref(a, sizeof a, c0, r0 + 1);
	cell_ref(z, sizeof z, c1, r1 + 1);
	if (any && strcmp(a, z) != 0)
		zz_buf_addf(b, "<dimension ref=\"%s:%s\"/>", a, z);
	else
		zz_buf_addf(b, "<dimension ref=\"%s\"/>", a);
	zz_buf_addf(b, "<sheetViews><sheetView %sworkbookViewId=\"0\"/></sheetViews>"
	         "<sheetFormatPr defaultRowHeight=\"15\"/>", first ? "tabSelected=\"1\" " : "");
	if (!any)
		return;
	w = col_widths(x, s, c1 + 1);
	for (i = 0; i < (size_t)c1 + 1; i++) {
		if (w[i] <= DEFAULT_WIDTH)
			continue;
		if (!wide++)
			zz_buf_adds(b, "<cols>");
		zz_buf_addf(b, "<col min=\"%zu\" max=\"%zu\" width=\"%.2f\" customWidth=\"1\"/>", i + 1,
		      i + 1, w[i]);
	}
	if (wide)
		zz_buf_adds(b, "</cols>");
	free(w);
}

static void
sheet_row(zz_buf *b, const xrow *row, size_t r)
{
	char ref[32], num[64];
	int c, open = 0;

	for (c = 0; c < row->n; c++) {
		const xcell *e = &row->c[c];
		if (!cell_used(e))
			continue;
		if (!open++)
			zz_buf_addf(b, "<row r=\"%zu\">", r);
		cell_ref(ref, sizeof ref, c, r);
		fmt_num(num, sizeof num, e->v);
		if (e->type == GEN_X_STRING)
			zz_buf_addf(b, "<c r=\"%s\" t=\"s\"><v>%s</v></c>", ref, num);
		else if (e->type == GEN_X_DATE)
			zz_buf_addf(b, "<c r=\"%s\" s=\"1\"><v>%s</v></c>", ref, num);
		else
			zz_buf_addf(b, "<c r=\"%s\"><v>%s</v></c>", ref, num);
	}
	if (open)
		zz_buf_adds(b, "</row>");
}

static void
xlsx_sheet(pkg *k, const gen_xlsx *x, size_t i)
{
	const xsheet *s = &x->sh[i];
	zz_buf b = {0};
	char name[64];
	size_t r;

	sheet_head(&b, x, s, i == 0);
	zz_buf_adds(&b, "<sheetData>");
	for (r = 0; r < s->n; r++)
		sheet_row(&b, &s->row[r], r + 1);
	zz_buf_adds(&b, "</sheetData>");
	if (s->nmerge)
		zz_buf_addf(&b, "<mergeCells count=\"%zu\">", s->nmerge);
	for (r = 0; r < s->nmerge; r++)
		zz_buf_addf(&b, "<mergeCell ref=\"%s\"/>", s->merge[r]);
	if (s->nmerge)
		zz_buf_adds(&b, "</mergeCells>");
	zz_buf_adds(&b, "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" "
	          "bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
	snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", i + 1);
	pkg_buf(k, name, &b);
}

static void
xlsx_workbook(pkg *k, const gen_xlsx *x)
{
	zz_buf b = {0};
	size_t i;

	zz_buf_adds(&b, XML_DECL "<workbook xmlns=\"" NS_S "\" xmlns:r=\"" NS_REL "\">"
	          "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
	for (i = 0; i < x->n; i++) {
		zz_buf_adds(&b, "<sheet name=\"");
		buf_esc(&b, x->sh[i].name, 1);
		zz_buf_addf(&b, "\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", i + 1, i + 1);
	}
	zz_buf_adds(&b, "</sheets></workbook>");
	pkg_buf(k, "xl/workbook.xml", &b);

	zz_buf_adds(&b, XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\">");
	for (i = 0; i < x->n; i++)
		zz_buf_addf(&b, "<Relationship Id=\"rId%zu\" Type=\"" NS_REL "/worksheet\" "
		          "Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
	zz_buf_addf(&b, "<Relationship Id=\"rId%zu\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
	          "<Relationship Id=\"rId%zu\" Type=\"" NS_REL "/sharedStrings\" "
	          "Target=\"sharedStrings.xml\"/></Relationships>", x->n + 1, x->n + 2);
	pkg_buf(k, "xl/_rels/workbook.xml.rels", &b);
}

static void
xlsx_types(pkg *k, const gen_xlsx *x)
{
	zz_buf b = {0};
	size_t i;

	zz_buf_adds(&b, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	          "content-types\"><Default Extension=\"rels\" ContentType=\"application/"
	          "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
	          "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
	          "ContentType=\"" CT_OOXML "spreadsheetml.sheet.main+xml\"/>");
	for (i = 0; i < x->n; i++)
		zz_buf_addf(&b, "<Override PartName=\"/xl/worksheets/sheet%zu.xml\" ContentType=\""
		          CT_OOXML "spreadsheetml.worksheet+xml\"/>", i + 1);
	zz_buf_adds(&b, "<Override PartName=\"/xl/styles.xml\" ContentType=\"" CT_OOXML
	          "spreadsheetml.styles+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" "
	          "ContentType=\"" CT_OOXML "spreadsheetml.sharedStrings+xml\"/>"
	          "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	          "vnd.openxmlformats-package.core-properties+xml\"/>"
	          "<Override PartName=\"/docProps/app.xml\" ContentType=\"" CT_OOXML
	          "extended-properties+xml\"/></Types>");
	pkg_buf(k, "[Content_Types].xml", &b);
}

static void
xlsx_strings(pkg *k, const strtab *t)
{
	zz_buf b = {0};
	size_t i;

	zz_buf_addf(&b, XML_DECL "<sst xmlns=\"" NS_S "\" count=\"%zu\" uniqueCount=\"%zu\">", t->refs,
	      t->n);
	for (i = 0; i < t->n; i++) {
		zz_buf_adds(&b, "<si><t xml:space=\"preserve\">");
		buf_esc(&b, t->s[i], 0);
		zz_buf_adds(&b, "</t></si>");
	}
	zz_buf_adds(&b, "</sst>");
	pkg_buf(k, "xl/sharedStrings.xml", &b);
}

/* cellXfs 1 is the date style every GEN_X_DATE cell names. */
static const char xlsx_styles[] =
	XML_DECL "<styleSheet xmlns=\"" NS_S "\">"
	"<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
	"<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"\xE5\xAE\x8B\xE4\xBD\x93\"/>"
	"<family val=\"2\"/><charset val=\"134\"/></font></fonts>"
	"<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
	"<fill><patternFill patternType=\"gray125\"/></fill></fills>"
	"<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
	"</cellStyleXfs><cellXfs count=\"2\">"
	"<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
	"<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
	"applyNumberFormat=\"1\"/></cellXfs>"
	"<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
	"</cellStyles></styleSheet>";

int
gen_xlsx_save(gen_xlsx *x, const char *path)
{
	pkg k;
	size_t i;

	/* a workbook needs at least one sheet */
	if (!x->n)
		gen_xlsx_sheet(x, "Sheet1");
	if (pkg_open(&k, path) < 0)
		return -1;
	xlsx_types(&k, x);
	add_rels(&k, "xl/workbook.xml");
	xlsx_workbook(&k, x);
	for (i = 0; i < x->n; i++)
		xlsx_sheet(&k, x, i);
	xlsx_strings(&k, &x->st);
	pkg_lit(&k, "xl/styles.xml", xlsx_styles);
	add_props(&k, NULL, "zizhi-samplegen");
	return pkg_close(&k, path);
}

void
gen_xlsx_free(gen_xlsx **px)
{
	gen_xlsx *x = *px;
	size_t i, r;

	if (!x)
		return;
	for (i = 0; i < x->n; i++) {
		for (r = 0; r < x->sh[i].n; r++)
			free(x->sh[i].row[r].c);
		free(x->sh[i].row);
		free(x->sh[i].name);
		for (r = 0; r < x->sh[i].nmerge; r++)
			free(x->sh[i].merge[r]);
		free(x->sh[i].merge);
	}
	free(x->sh);
	for (i = 0; i < x->st.n; i++)
		free(x->st.s[i]);
	free(x->st.s);
	free(x->st.slot);
	free(x);
	*px = NULL;
}

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Excel's epoch is 1899-12-30 rather than 1900-01-01 because of its
 * fictitious 1900-02-29; serials before 1900-03-01 disagree with Excel
 * by a day, which no application date reaches. */
double
gen_excel_serial(int y, int m, int d)
{
	return (double)(days_from_civil(y, m, d) - days_from_civil(1899, 12, 30));
}
