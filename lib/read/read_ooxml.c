/* read_ooxml.c - Word and Excel files (.docx, .xlsx): their structure to
 * content.xml (config/schema/content.rng), their text to text.txt.
 *
 * The files come from applicants. Every part is read whole into memory
 * under a size limit and held to plain UTF-8 XML without a DTD before
 * libxml2 sees it, so no entity is ever declared, let alone expanded or
 * fetched; every count that drives work or output is bounded. Sheets and
 * shared strings, the parts that are big in real files, are read as a
 * stream, a cell or a string at a time; the other parts as trees. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#include "read/read.h"

#define MIB (1024 * 1024)

enum {
	PART_MAX = 64 * MIB,   /* one part, as declared and as read */
	TOTAL_MAX = 256 * MIB, /* all the parts read from one file */
	CELLS_MAX = 1000000,   /* cells of a workbook; rows and cells of a document's tables */
	STRINGS_MAX = 1000000, /* shared strings */
	PARAS_MAX = 100000,    /* paragraphs, in tables and text boxes too */
	SHEETS_MAX = 10000,
	ATTRS_MAX = 1000,      /* attributes of an element, namespace declarations included */
	NODES_MAX = 3000000,   /* elements and attributes of a part read as a tree */
	COL_MAX = 16384,       /* XFD, Excel's last column */
	ROW_MAX = 1048576,
	FMT_IDS = 65536,       /* number formats looked at; higher ids are never dates */
	XML_OPTS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA,
};

/* libxml2 2.12 made the error handed to handlers const */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xerror;
#else
typedef xmlErrorPtr xerror;
#endif

typedef struct pkg {
	zip_t *za;
	size_t total; /* bytes of the parts read so far */
} pkg;

/* content.xml as it is being written, and text.txt */
typedef struct out {
	xmlBufferPtr xb;
	xmlTextWriterPtr w;
	zz_buf txt;
} out;

typedef struct docx {
	const xmlChar *ns; /* WordprocessingML, transitional or strict: the root's */
	xmlTextWriterPtr w;
	zz_buf *txt;
	long paras, cells; /* seen, for the limits */
	long np, nt;       /* <p> and <table> written */
} docx;

typedef struct xlsx {
	pkg *pk;
	out *o;
	int date1904;
	unsigned char *datexf; /* per cell format (cellXfs): does it show a date */
	size_t nxf;
	zz_buf pool, offs;     /* shared strings, each NUL-terminated, and their size_t offsets */
	long cells;
} xlsx;

/* one pass over a worksheet */
typedef struct pass {
	xlsx *x;
	const char *part;
	xmlTextWriterPtr w;   /* NULL on the first pass, which only measures */
	zz_buf *txt;
	long row;             /* number of the current <row> */
	int col;              /* column of the last cell */
	int inrow, open;      /* inside a <row>; its element written */
	long rows;            /* extent: last row and column with a value */
	int cols;
} pass;

typedef struct cellv {
	const char *type; /* string, number, date, bool, error */
	zz_buf text;      /* empty: no value, and the cell is left out */
	zz_buf serial;    /* a date's day count as written */
} cellv;

static int blocks(docx *d, xmlNode *scope, char **err);
static int cell_text(docx *d, xmlNode *tc, zz_buf *b, char **err);

/* ---- text that XML can hold ---- */

/* Drops what XML 1.0 cannot hold: bytes that are not UTF-8, most C0
 * controls, surrogates, U+FFFE and U+FFFF. */
static void
clean(zz_buf *b)
{
	size_t i = 0, o = 0;
	while (i < b->len) {
		int len = (int)(b->len - i > 4 ? 4 : b->len - i);
		int c = xmlGetUTF8Char((const unsigned char *)b->s + i, &len);
		if (c < 0 || len <= 0) {
			i++;
			continue;
		}
		if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
		    (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)) {
			memmove(b->s + o, b->s + i, (size_t)len);
			o += (size_t)len;
		}
		i += (size_t)len;
	}
	b->len = o;
	if (b->s)
		b->s[o] = '\0';
}

/* A copy of s that XML can hold; a file name in a legacy encoding is
 * decoded first. */
static char *
xml_string(const char *s)
{
	zz_buf b = {0};
	if (zz_utf8_valid(s, strlen(s))) {
		zz_buf_adds(&b, s);
	} else {
		const char *enc;
		char *d = zz_decode_name(s, strlen(s), 0, &enc);
		zz_buf_adds(&b, d);
		free(d);
	}
	clean(&b);
	return b.s ? b.s : zz_estrdup("");
}

static int
hex4(const char *s)
{
	int v = 0;
	for (int k = 0; k < 4; k++) {
		int c = s[k], l = c | 0x20;
		if (c >= '0' && c <= '9')
			v = v * 16 + c - '0';
		else if (l >= 'a' && l <= 'f')
			v = v * 16 + l - 'a' + 10;
		else
			return -1;
	}
	return v;
}

/* SpreadsheetML writes characters XML cannot hold as _xHHHH_ (_x000D_ for
 * a carriage return), and a literal "_x" as _x005F_x. */
static void
unescape(zz_buf *b)
{
	size_t i = 0, o = 0;
	while (i < b->len) {
		int v = -1;
		if (b->len - i >= 7 && b->s[i] == '_' && b->s[i + 1] == 'x' && b->s[i + 6] == '_')
			v = hex4(b->s + i + 2);
		if (v >= 0) {
			/* at most 3 bytes for the 7 read: o stays behind i */
			o += (size_t)xmlCopyCharMultiByte((xmlChar *)b->s + o, v);
			i += 7;
		} else {
			b->s[o++] = b->s[i++];
		}
	}
	b->len = o;
	if (b->s)
		b->s[o] = '\0';
}

/* A value on one line of text.txt: its line breaks and tabs become spaces. */
static void
add_flat(zz_buf *b, const char *s, size_t n)
{
	if (!n)
		return;
	size_t start = b->len;
	zz_buf_add(b, s, n);
	for (size_t i = start; i < b->len; i++)
		if (b->s[i] == '\t' || b->s[i] == '\n' || b->s[i] == '\r')
			b->s[i] = ' ';
}

static void
wattr(xmlTextWriterPtr w, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)value);
}

static void
wattrf(xmlTextWriterPtr w, const char *name, long v)
{
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)name, "%ld", v);
}

/* ---- the package: a ZIP of XML parts ---- */

/* Word and Excel save a password-protected file as an OLE compound file,
 * as they saved .doc and .xls, so that is what a "docx" that is no ZIP
 * usually is. */
static int
is_ole(const char *path)
{
	unsigned char m[8];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, m, sizeof m);
	close(fd);
	return n == 8 && memcmp(m, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

static int
pkg_open(pkg *pk, const char *path, const char *what, char **err)
{
	int ze = 0;
	pk->total = 0;
	if ((pk->za = zip_open(path, ZIP_RDONLY, &ze)))
		return 0;
	int e = errno;
	zip_error_t zerr;
	zip_error_init_with_code(&zerr, ze);
	if (ze == ZIP_ER_NOZIP && is_ole(path))
		*err = zz_easprintf("not %s file that can be read: encrypted (password-protected), "
		                    "or in the old binary format", what);
	else if (ze == ZIP_ER_NOZIP)
		*err = zz_estrdup("damaged ZIP: not a ZIP archive, or cut short");
	else if (ze == ZIP_ER_OPEN || ze == ZIP_ER_READ)
		*err = zz_easprintf("cannot read %s: %s", path, strerror(e));
	else
		*err = zz_easprintf("damaged ZIP: %s", zip_error_strerror(&zerr));
	zip_error_fini(&zerr);
	return -1;
}

/* Part names are case-insensitive (OPC); libzip hashes only exact ones. */
static zip_int64_t
locate(zip_t *za, const char *name)
{
	zip_int64_t i = zip_name_locate(za, name, 0);
	return i >= 0 ? i : zip_name_locate(za, name, ZIP_FL_NOCASE);
}

static int
too_big(const pkg *pk, const char *name, zip_uint64_t n, char **err)
{
	if (n > PART_MAX)
		*err = zz_easprintf("refused: %s is larger than 64 MiB", name);
	else if (n > TOTAL_MAX - pk->total)
		*err = zz_easprintf("refused: the parts read from this file, up to %s, come to "
		                    "more than 256 MiB", name);
	return *err != NULL;
}

/* Reads part name whole into *p (NUL-terminated): 1, or 0 when the package
 * has no such part. Sizes are checked as declared and again as read, since
 * a ZIP entry's declared size is only its writer's word. */
static int
read_part(pkg *pk, const char *name, char **p, size_t *n, char **err)
{
	*p = NULL;
	*n = 0;
	zip_int64_t i = locate(pk->za, name);
	if (i < 0)
		return 0;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(pk->za, (zip_uint64_t)i, 0, &st) < 0) {
		*err = zz_easprintf("damaged ZIP: %s: %s", name, zip_strerror(pk->za));
		return -1;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		*err = zz_easprintf("refused: %s is encrypted", name);
		return -1;
	}
	if ((st.valid & ZIP_STAT_SIZE) && too_big(pk, name, st.size, err))
		return -1;
	zip_file_t *zf = zip_fopen_index(pk->za, (zip_uint64_t)i, 0);
	if (!zf) {
		*err = zz_easprintf("damaged ZIP: %s: %s", name, zip_strerror(pk->za));
		return -1;
	}
	zz_buf b = {0};
	char chunk[1 << 16];
	zip_int64_t r;
	while ((r = zip_fread(zf, chunk, sizeof chunk)) > 0) {
		zz_buf_add(&b, chunk, (size_t)r);
		if (too_big(pk, name, b.len, err))
			break;
	}
	if (r < 0)
		*err = zz_easprintf("damaged ZIP: %s: %s", name, zip_file_strerror(zf));
	zip_fclose(zf);
	if (*err) {
		zz_buf_free(&b);
		return -1;
	}
	pk->total += b.len;
	*p = b.s ? b.s : zz_estrdup("");
	*n = b.len;
	return 1;
}

/* Elements and attributes, counted on the bytes: '<' but not '</', and
 * '='. Comments and '=' in text make it overcount a little, never under.
 * A tree takes some 150 bytes an element and 250 an attribute, so parts
 * read as trees are held to NODES_MAX (a document.xml of 100000 real
 * paragraphs has fewer). Every part is held to ATTRS_MAX attributes an
 * element: libxml2 before 2.11 checks them for duplicates in pairs, and
 * 200000 on one element take over a minute. All of a tag's attributes lie
 * between its '<' and the next, which no attribute value may hold. */
static int
too_much_markup(const char *name, const char *p, size_t n, int tree, char **err)
{
	long nodes = 0;
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '<') {
			k = 0;
			nodes += i + 1 < n && p[i + 1] != '/';
		} else if (p[i] == '=') {
			nodes++;
			if (++k > ATTRS_MAX) {
				*err = zz_easprintf("refused: %s has an element with more than %d "
				                    "attributes", name, ATTRS_MAX);
				return 1;
			}
		}
	}
	if (tree && nodes > NODES_MAX)
		*err = zz_easprintf("refused: %s has more than %d elements and attributes", name,
		                    NODES_MAX);
	return *err != NULL;
}

/* The encoding an XML declaration names, at *enc; its length, 0 if none. */
static size_t
declared_encoding(const char *s, const char *e, const char **enc)
{
	const char *q, *v, *end;
	if (e - s < 5 || memcmp(s, "<?xml", 5) != 0 || !(q = memmem(s, (size_t)(e - s), "?>", 2)) ||
	    !(v = memmem(s, (size_t)(q - s), "encoding", 8)))
		return 0;
	for (v += 8; v < q && strchr(" \t\r\n=", *v); v++)
		;
	if (v == q || (*v != '"' && *v != '\'') || !(end = memchr(v + 1, *v, (size_t)(q - v - 1))))
		return 0;
	*enc = v + 1;
	return (size_t)(end - v - 1);
}

/* OOXML parts are UTF-8 XML; Word, Excel, WPS and LibreOffice write nothing
 * else. Holding every part to that is what makes the byte search for a DTD
 * complete: in UTF-16, UTF-7 or EBCDIC "<!DOCTYPE" has other bytes, and
 * libxml2 would decode them. */
static int
plain_xml(const char *name, const char *p, size_t n, int tree, char **err)
{
	const char *s = p, *e = p + n, *enc;
	size_t len;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++;
	if (memchr(p, '\0', n) || s == e || *s != '<') {
		*err = zz_easprintf("refused: %s is not UTF-8 XML", name);
		return -1;
	}
	len = declared_encoding(s, e, &enc);
	if (len && !(len == 5 && strncasecmp(enc, "UTF-8", 5) == 0)) {
		*err = zz_easprintf("refused: %s is in %.*s, not UTF-8", name,
		                    len > 40 ? 40 : (int)len, enc);
		return -1;
	}
	if (memmem(p, n, "<!DOCTYPE", 9)) {
		*err = zz_easprintf("refused: %s declares a DTD "
		                    "(external entities are never loaded)", name);
		return -1;
	}
	return too_much_markup(name, p, n, tree, err) ? -1 : 0;
}

static char *
xml_why(xerror e)
{
	if (!e || !e->message)
		return zz_estrdup("not well-formed");
	size_t n = strlen(e->message);
	while (n > 0 && e->message[n - 1] == '\n')
		n--;
	return zz_easprintf("line %d: %.*s", e->line, (int)n, e->message);
}

/* A part as a tree: 1, or 0 when there is no such part. */
static int
load(pkg *pk, const char *name, xmlDoc **doc, char **err)
{
	char *p;
	size_t n;
	*doc = NULL;
	int rc = read_part(pk, name, &p, &n, err);
	if (rc <= 0)
		return rc;
	if (plain_xml(name, p, n, 1, err) < 0) {
		free(p);
		return -1;
	}
	xmlParserCtxtPtr c = xmlNewParserCtxt();
	if (!c)
		zz_die(ZZ_EXIT_INTERNAL, "out of memory");
	*doc = xmlCtxtReadMemory(c, p, (int)n, name, NULL, XML_OPTS);
	if (!*doc) {
		char *why = xml_why(xmlCtxtGetLastError(c));
		*err = zz_easprintf("damaged XML in %s: %s", name, why);
		free(why);
		rc = -1;
	} else if ((*doc)->intSubset || (*doc)->extSubset) {
		/* plain_xml let none through; belt and braces */
		xmlFreeDoc(*doc);
		*doc = NULL;
		*err = zz_easprintf("refused: %s declares a DTD", name);
		rc = -1;
	}
	xmlFreeParserCtxt(c);
	free(p);
	return rc;
}

static void
first_error(void *arg, xerror e)
{
	char **why = arg;
	if (!*why && e && e->level >= XML_ERR_ERROR)
		*why = xml_why(e);
}

/* A part as a stream, for the big ones; *why gets the first error. */
static xmlTextReaderPtr
stream(const char *name, const char *p, size_t n, char **why)
{
	xmlTextReaderPtr r = xmlReaderForMemory(p, (int)n, name, NULL, XML_OPTS);
	if (!r)
		zz_die(ZZ_EXIT_INTERNAL, "out of memory");
	xmlTextReaderSetStructuredErrorHandler(r, first_error, why);
	return r;
}

static void
stream_error(const char *name, const char *why, char **err)
{
	if (!*err)
		*err = zz_easprintf("damaged XML in %s: %s", name, why ? why : "not well-formed");
}

/* ---- trees ---- */

/* Is n the element name in namespace ns (in any namespace if ns is NULL)? */
static int
is(const xmlNode *n, const xmlChar *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
	       (!ns || (n->ns && xmlStrEqual(n->ns->href, ns)));
}

static xmlNode *
child(const xmlNode *n, const xmlChar *ns, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, ns, name))
			return c;
	return NULL;
}

static const char *
attr(const xmlNode *n, const char *name, const xmlChar *ns)
{
	xmlAttr *a = n ? xmlHasNsProp(n, (const xmlChar *)name, ns) : NULL;
	return a && a->children && a->children->content ? (const char *)a->children->content : NULL;
}

static void
content(const xmlNode *n, zz_buf *b)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			zz_buf_adds(b, (const char *)c->content);
}

/* A positive decimal number; 0 if s is none, limit + 1 if it is past limit. */
static long
posnum(const char *s, long limit)
{
	long v = 0;
	if (!s || !*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		if (v <= limit)
			v = v * 10 + (*s - '0');
	}
	return v > limit ? limit + 1 : v;
}

/* s as a decimal index below n */
static int
index_of(const char *s, size_t n, size_t *i)
{
	size_t v = 0;
	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v >= n)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	if (v >= n)
		return -1;
	*i = v;
	return 0;
}

/* ---- relationships: where one part says the others are ---- */

/* A relationship target, relative to the folder of the part it belongs to
 * (dir, "" or ending in '/') or, starting with '/', to the package root,
 * as a part name; NULL if it climbs out of the package. */
static char *
resolve(const char *dir, const char *target)
{
	char *s = zz_easprintf("%s%s", target[0] == '/' ? "" : dir, target);
	char *o = s;
	for (char *p = s; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (o == s) {
				free(s);
				return NULL;
			}
			while (o > s && o[-1] != '/')
				o--;
			if (o > s)
				o--;
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			if (o > s)
				*o++ = '/';
			memmove(o, p, len);
			o += len;
		}
		p += len;
		if (*p == '/')
			p++;
	}
	*o = '\0';
	return s;
}

static char *
dir_of(const char *part)
{
	const char *s = strrchr(part, '/');
	return zz_easprintf("%.*s", s ? (int)(s - part + 1) : 0, part);
}

static char *
rels_of(const char *part)
{
	const char *s = strrchr(part, '/');
	return zz_easprintf("%.*s_rels/%s.rels", s ? (int)(s - part + 1) : 0, part,
	                    s ? s + 1 : part);
}

/* The target of the relationship with this id, or else of the first of
 * this type (matched by its last segment, which transitional and strict
 * OOXML share); NULL if there is none inside the package. */
static char *
rel_target(xmlDoc *rels, const char *id, const char *type, const char *dir)
{
	xmlNode *root = rels ? xmlDocGetRootElement(rels) : NULL;
	for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
		if (!is(n, NULL, "Relationship"))
			continue;
		const char *i = attr(n, "Id", NULL), *t = attr(n, "Type", NULL);
		const char *to = attr(n, "Target", NULL), *mode = attr(n, "TargetMode", NULL);
		if (!to || (mode && strcmp(mode, "External") == 0))
			continue;
		size_t tl = t ? strlen(t) : 0, l = type ? strlen(type) : 0;
		if (id ? i && strcmp(i, id) == 0 : tl >= l && strcmp(t + tl - l, type) == 0)
			return resolve(dir, to);
	}
	return NULL;
}

/* The main part, where the package's relationships say it is, else where
 * it usually is. */
static int
office_part(pkg *pk, const char *usual, char **name, char **err)
{
	xmlDoc *rels = NULL;
	*name = NULL;
	int rc = load(pk, "_rels/.rels", &rels, err);
	char *t = rc > 0 ? rel_target(rels, NULL, "/officeDocument", "") : NULL;
	if (t && locate(pk->za, t) >= 0)
		*name = t;
	else
		free(t);
	xmlFreeDoc(rels);
	if (!*name)
		*name = zz_estrdup(usual);
	return rc < 0 ? -1 : 0;
}

/* The main part as a tree, checked to be the document the caller reads:
 * its root element, or NULL with *err set. */
static xmlNode *
main_doc(pkg *pk, const char *usual, const char *rootname, const char *what, xmlDoc **doc,
         char **name, char **err)
{
	xmlNode *root = NULL;
	*doc = NULL;
	int rc = office_part(pk, usual, name, err);
	if (rc == 0)
		rc = load(pk, *name, doc, err);
	if (rc == 0)
		*err = zz_easprintf("not %s file: %s missing", what, *name);
	if (rc <= 0)
		return NULL;
	root = xmlDocGetRootElement(*doc);
	if (!root || strcmp((const char *)root->name, rootname) != 0) {
		*err = zz_easprintf("not %s file: %s is <%s>, not <%s>", what, *name,
		                    root ? (const char *)root->name : "empty", rootname);
		return NULL;
	}
	return root;
}

/* ---- output ---- */

static void
out_start(out *o, const char *kind, const char *path)
{
	memset(o, 0, sizeof *o);
	o->xb = xmlBufferCreate();
	o->w = o->xb ? xmlNewTextWriterMemory(o->xb, 0) : NULL;
	if (!o->w)
		zz_die(ZZ_EXIT_INTERNAL, "out of memory");
	xmlBufferSetAllocationScheme(o->xb, XML_BUFFER_ALLOC_DOUBLEIT);
	xmlTextWriterSetIndent(o->w, 1);
	xmlTextWriterSetIndentString(o->w, (const xmlChar *)"  ");
	xmlTextWriterStartDocument(o->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(o->w, (const xmlChar *)"content");
	wattr(o->w, "kind", kind);
	const char *base = strrchr(path, '/');
	char *src = xml_string(base ? base + 1 : path);
	wattr(o->w, "source", src);
	free(src);
}

/* Writes text.txt, then content.xml, so that a content.xml is always
 * whole and has its text.txt beside it. */
static int
out_finish(out *o, const char *outdir, int rc, char **err)
{
	if (rc == 0) {
		xmlTextWriterEndElement(o->w);
		if (xmlTextWriterEndDocument(o->w) < 0) {
			*err = zz_estrdup("cannot make content.xml: out of memory");
			rc = -1;
		}
	}
	xmlFreeTextWriter(o->w);
	char *t = zz_easprintf("%s/text.txt", outdir), *c = zz_easprintf("%s/content.xml", outdir);
	if (rc == 0 && zz_write_atomic(t, o->txt.len ? o->txt.s : "", o->txt.len) < 0) {
		*err = zz_easprintf("cannot write %s: %s", t, strerror(errno));
		rc = -1;
	} else if (rc == 0 && zz_write_atomic(c, xmlBufferContent(o->xb),
	                                      (size_t)xmlBufferLength(o->xb)) < 0) {
		*err = zz_easprintf("cannot write %s: %s", c, strerror(errno));
		unlink(t);
		rc = -1;
	}
	free(t);
	free(c);
	xmlBufferFree(o->xb);
	zz_buf_free(&o->txt);
	return rc;
}

/* ---- Word ---- */

/* What is not the text of a document: deletions, field codes, properties,
 * and the fallback copy of a drawing (its text boxes are in the choice
 * before it). Text boxes are read, but as paragraphs of their own. */
static int
skipped(const docx *d, const xmlNode *n)
{
	static const char *const names[] = {
		"del", "moveFrom", "instrText", "delInstrText", "pPr", "rPr", "sdtPr", "sdtEndPr",
		"tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "txbxContent", NULL,
	};
	if (strcmp((const char *)n->name, "Fallback") == 0)
		return 1;
	if (d->ns && !(n->ns && xmlStrEqual(n->ns->href, d->ns)))
		return 0;
	for (int i = 0; names[i]; i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	return 0;
}

/* The next element a or b after cur (from the start if cur is NULL) inside
 * scope, in document order, looking through w:sdt, w:customXml, w:ins and
 * the like, but not into paragraphs, tables, rows, cells or what is
 * skipped. */
static xmlNode *
next_in(const docx *d, xmlNode *scope, xmlNode *cur, const char *a, const char *b)
{
	xmlNode *n = cur ? cur : scope;
	int down = !cur;
	for (;;) {
		if (down && n->children) {
			n = n->children;
		} else {
			while (n != scope && !n->next)
				n = n->parent;
			if (n == scope)
				return NULL;
			n = n->next;
		}
		down = 0;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, d->ns, a) || (b && is(n, d->ns, b)))
			return n;
		down = !skipped(d, n) && !is(n, d->ns, "p") && !is(n, d->ns, "tbl") &&
		       !is(n, d->ns, "tr") && !is(n, d->ns, "tc");
	}
}

static xmlNode *
next_block(const docx *d, xmlNode *scope, xmlNode *cur)
{
	return next_in(d, scope, cur, "p", "tbl");
}

static xmlNode *
next_row(const docx *d, xmlNode *tbl, xmlNode *cur)
{
	return next_in(d, tbl, cur, "tr", NULL);
}

static xmlNode *
next_cell(const docx *d, xmlNode *tr, xmlNode *cur)
{
	return next_in(d, tr, cur, "tc", NULL);
}

/* The text of a paragraph's content: runs, and the runs inside links,
 * insertions, fields, smart tags and content controls. The depth of the
 * recursion is bounded by libxml2's, 256 without XML_PARSE_HUGE. */
static void
run_text(const docx *d, const xmlNode *n, zz_buf *b)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || skipped(d, c))
			continue;
		const char *s = (const char *)c->name;
		int w = !d->ns || (c->ns && xmlStrEqual(c->ns->href, d->ns));
		if (w && strcmp(s, "t") == 0)
			content(c, b);
		else if (w && (strcmp(s, "tab") == 0 || strcmp(s, "ptab") == 0))
			zz_buf_adds(b, "\t");
		else if (w && (strcmp(s, "br") == 0 || strcmp(s, "cr") == 0))
			zz_buf_adds(b, "\n");
		else if (w && strcmp(s, "noBreakHyphen") == 0)
			zz_buf_adds(b, "-");
		else
			run_text(d, c, b);
	}
}

static int
para_text(docx *d, const xmlNode *p, zz_buf *b, char **err)
{
	if (++d->paras > PARAS_MAX) {
		*err = zz_easprintf("refused: more than %d paragraphs", PARAS_MAX);
		return -1;
	}
	run_text(d, p, b);
	return 0;
}

static int
count_cell(docx *d, char **err)
{
	if (++d->cells <= CELLS_MAX)
		return 0;
	*err = zz_easprintf("refused: more than %d table rows and cells", CELLS_MAX);
	return -1;
}

static long
span(const docx *d, const xmlNode *tc)
{
	const char *v = attr(child(child(tc, d->ns, "tcPr"), d->ns, "gridSpan"), "val", d->ns);
	long n = posnum(v, COL_MAX);
	return n >= 1 && n <= COL_MAX ? n : 1;
}

/* A table inside a cell, as text: a line per row, its cells joined by tabs. */
static int
table_text(docx *d, xmlNode *tbl, zz_buf *b, char **err)
{
	long rn = 0;
	for (xmlNode *tr = next_row(d, tbl, NULL); tr; tr = next_row(d, tbl, tr)) {
		long cn = 0;
		if (count_cell(d, err) < 0)
			return -1;
		if (rn++)
			zz_buf_adds(b, "\n");
		for (xmlNode *tc = next_cell(d, tr, NULL); tc; tc = next_cell(d, tr, tc)) {
			zz_buf c = {0};
			if (count_cell(d, err) < 0 || cell_text(d, tc, &c, err) < 0) {
				zz_buf_free(&c);
				return -1;
			}
			if (cn++)
				zz_buf_adds(b, "\t");
			add_flat(b, c.s, c.len);
			zz_buf_free(&c);
		}
	}
	return 0;
}

/* A cell's text: its paragraphs a line each, a table in it a line per row. */
static int
cell_text(docx *d, xmlNode *tc, zz_buf *b, char **err)
{
	for (xmlNode *n = next_block(d, tc, NULL); n; n = next_block(d, tc, n)) {
		if (b->len)
			zz_buf_adds(b, "\n");
		if ((is(n, d->ns, "p") ? para_text(d, n, b, err) : table_text(d, n, b, err)) < 0)
			return -1;
	}
	while (b->len && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
	return 0;
}

/* Rows, and columns of the grid: the most of the table's grid and of
 * any row's spans. */
static void
table_size(const docx *d, xmlNode *tbl, long *rows, long *cols)
{
	*rows = *cols = 0;
	for (xmlNode *g = child(child(tbl, d->ns, "tblGrid"), d->ns, "gridCol"); g; g = g->next)
		*cols += is(g, d->ns, "gridCol");
	for (xmlNode *tr = next_row(d, tbl, NULL); tr; tr = next_row(d, tbl, tr)) {
		long w = 0;
		for (xmlNode *tc = next_cell(d, tr, NULL); tc; tc = next_cell(d, tr, tc))
			w += span(d, tc);
		++*rows;
		*cols = w > *cols ? w : *cols;
	}
}

static int
put_tcell(docx *d, xmlNode *tc, long n, char **err)
{
	zz_buf b = {0};
	if (count_cell(d, err) < 0 || cell_text(d, tc, &b, err) < 0) {
		zz_buf_free(&b);
		return -1;
	}
	clean(&b);
	xmlTextWriterStartElement(d->w, (const xmlChar *)"cell");
	wattrf(d->w, "n", n);
	if (span(d, tc) > 1)
		wattrf(d->w, "span", span(d, tc));
	if (b.len)
		xmlTextWriterWriteString(d->w, (const xmlChar *)b.s);
	xmlTextWriterEndElement(d->w);
	if (n > 1)
		zz_buf_adds(d->txt, "\t");
	add_flat(d->txt, b.s, b.len);
	zz_buf_free(&b);
	return 0;
}

static int
put_table(docx *d, xmlNode *tbl, char **err)
{
	long rows, cols, rn = 0;
	table_size(d, tbl, &rows, &cols);
	xmlTextWriterStartElement(d->w, (const xmlChar *)"table");
	wattrf(d->w, "n", ++d->nt);
	wattrf(d->w, "rows", rows);
	wattrf(d->w, "cols", cols);
	for (xmlNode *tr = next_row(d, tbl, NULL); tr; tr = next_row(d, tbl, tr)) {
		long cn = 0;
		if (count_cell(d, err) < 0)
			return -1;
		xmlTextWriterStartElement(d->w, (const xmlChar *)"row");
		wattrf(d->w, "n", ++rn);
		for (xmlNode *tc = next_cell(d, tr, NULL); tc; tc = next_cell(d, tr, tc))
			if (put_tcell(d, tc, ++cn, err) < 0)
				return -1;
		xmlTextWriterEndElement(d->w);
		zz_buf_adds(d->txt, "\n");
	}
	xmlTextWriterEndElement(d->w);
	return 0;
}

static int
put_para(docx *d, xmlNode *p, char **err)
{
	zz_buf b = {0};
	if (para_text(d, p, &b, err) < 0)
		return -1;
	clean(&b);
	xmlTextWriterStartElement(d->w, (const xmlChar *)"p");
	wattrf(d->w, "n", ++d->np);
	const char *style = attr(child(child(p, d->ns, "pPr"), d->ns, "pStyle"), "val", d->ns);
	char *s = style ? xml_string(style) : NULL;
	if (s && *s)
		wattr(d->w, "style", s);
	free(s);
	if (b.len)
		xmlTextWriterWriteString(d->w, (const xmlChar *)b.s);
	xmlTextWriterEndElement(d->w);
	if (b.len)
		zz_buf_add(d->txt, b.s, b.len);
	zz_buf_adds(d->txt, "\n");
	zz_buf_free(&b);
	for (xmlNode *t = next_in(d, p, NULL, "txbxContent", NULL); t;
	     t = next_in(d, p, t, "txbxContent", NULL))
		if (blocks(d, t, err) < 0)
			return -1;
	return 0;
}

static int
blocks(docx *d, xmlNode *scope, char **err)
{
	for (xmlNode *n = next_block(d, scope, NULL); n; n = next_block(d, scope, n))
		if ((is(n, d->ns, "p") ? put_para(d, n, err) : put_table(d, n, err)) < 0)
			return -1;
	return 0;
}

static int
docx_body(pkg *pk, out *o, char **err)
{
	char *name = NULL;
	xmlDoc *doc;
	xmlNode *root = main_doc(pk, "word/document.xml", "document", "a Word", &doc, &name, err);
	if (root) {
		docx d = {root->ns ? root->ns->href : NULL, o->w, &o->txt, 0, 0, 0, 0};
		xmlNode *body = child(root, d.ns, "body");
		if (body)
			blocks(&d, body, err);
	}
	xmlFreeDoc(doc);
	free(name);
	return *err ? -1 : 0;
}

int
zz_read_docx(const char *path, const char *outdir, char **err)
{
	pkg pk;
	out o;
	*err = NULL;
	xmlInitParser();
	if (pkg_open(&pk, path, "a Word", err) < 0)
		return -1;
	out_start(&o, "docx", path);
	int rc = docx_body(&pk, &o, err);
	zip_discard(pk.za);
	return out_finish(&o, outdir, rc, err);
}

/* ---- Excel ---- */

/* Does a number format show a date? d, m or y outside quoted text,
 * brackets ([Red], [$-804], [h]) and escaped characters. */
static int
date_code(const char *s)
{
	for (; s && *s; s++) {
		if (*s == '"')
			s = strchr(s + 1, '"');
		else if (*s == '[')
			s = strchr(s + 1, ']');
		else if ((*s == '\\' || *s == '_' || *s == '*') && s[1])
			s++;
		else if (strchr("dmyDMY", *s))
			return 1;
		if (!s)
			return 0;
	}
	return 0;
}

/* Built-in date formats: 14-22 and 45-47, and the Chinese ones, 27-36 and
 * 50-58 (yyyy"年"m"月"d"日" and kin), which Chinese Excel and WPS use
 * without defining them in the file. */
static int
builtin_date(size_t id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static int
load_styles(xlsx *x, const char *name, char **err)
{
	xmlDoc *doc;
	int rc = load(x->pk, name, &doc, err);
	if (rc <= 0)
		return rc;
	xmlNode *root = xmlDocGetRootElement(doc);
	const xmlChar *ns = root && root->ns ? root->ns->href : NULL;
	xmlNode *fmts = child(root, ns, "numFmts"), *xfs = child(root, ns, "cellXfs");
	/* by number format id: 0 built-in, 1 defined, 2 defined as a date */
	unsigned char *fmt = zz_ecalloc(FMT_IDS, 1);
	size_t id, i = 0;
	for (xmlNode *n = fmts ? fmts->children : NULL; n; n = n->next)
		if (is(n, ns, "numFmt") && index_of(attr(n, "numFmtId", NULL), FMT_IDS, &id) == 0)
			fmt[id] = date_code(attr(n, "formatCode", NULL)) ? 2 : 1;
	for (xmlNode *n = xfs ? xfs->children : NULL; n; n = n->next)
		x->nxf += is(n, ns, "xf");
	x->datexf = zz_ecalloc(x->nxf, 1);
	for (xmlNode *n = xfs ? xfs->children : NULL; n; n = n->next) {
		if (!is(n, ns, "xf"))
			continue;
		if (index_of(attr(n, "numFmtId", NULL), FMT_IDS, &id) == 0)
			x->datexf[i] = fmt[id] ? fmt[id] == 2 : builtin_date(id);
		i++;
	}
	free(fmt);
	xmlFreeDoc(doc);
	return 1;
}

/* The text of a shared or inline string: its <t>, or the <t> of each of
 * its runs; phonetic guides (rPh) are not the text. */
static void
rich(const xmlNode *si, zz_buf *b)
{
	const xmlChar *ns = si && si->ns ? si->ns->href : NULL;
	for (xmlNode *n = si ? si->children : NULL; n; n = n->next) {
		if (is(n, ns, "t"))
			content(n, b);
		else if (is(n, ns, "r"))
			for (xmlNode *t = n->children; t; t = t->next)
				if (is(t, ns, "t"))
					content(t, b);
	}
	unescape(b);
	clean(b);
}

static int
load_strings(xlsx *x, const char *name, char **err)
{
	char *p, *why = NULL;
	size_t n;
	int rc = read_part(x->pk, name, &p, &n, err);
	if (rc <= 0)
		return rc;
	if (plain_xml(name, p, n, 0, err) < 0) {
		free(p);
		return -1;
	}
	xmlTextReaderPtr r = stream(name, p, n, &why);
	int ret = xmlTextReaderRead(r);
	while (ret == 1 && !*err) {
		xmlNode *si;
		if (xmlTextReaderDepth(r) != 1 ||
		    xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "si") != 0) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (!(si = xmlTextReaderExpand(r))) {
			ret = -1;
			break;
		}
		size_t off = x->pool.len;
		if (x->offs.len / sizeof off >= STRINGS_MAX) {
			*err = zz_easprintf("refused: more than %d shared strings", STRINGS_MAX);
			break;
		}
		zz_buf b = {0};
		rich(si, &b);
		zz_buf_add(&x->pool, b.len ? b.s : "", b.len + 1);
		zz_buf_add(&x->offs, &off, sizeof off);
		zz_buf_free(&b);
		ret = xmlTextReaderNext(r);
	}
	if (ret < 0)
		stream_error(name, why, err);
	xmlFreeTextReader(r);
	free(why);
	free(p);
	return *err ? -1 : 1;
}

/* Excel's day count as ISO 8601, with the time of day when it has one. */
static int
iso_date(const char *v, int date1904, char iso[64])
{
	double d = strtod(v, NULL);
	if (!(d >= 0 && d < 2958466)) /* 9999-12-31 */
		return -1;
	long days = (long)d, secs = (long)((d - (double)days) * 86400 + 0.5);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	int year, mon, day;
	zz_excel_date(days, date1904, &year, &mon, &day);
	if (year > 9999)
		return -1;
	if (secs)
		snprintf(iso, 64, "%04d-%02d-%02dT%02d:%02d:%02d", year, mon, day,
		         (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	else
		snprintf(iso, 64, "%04d-%02d-%02d", year, mon, day);
	return 0;
}

/* Is s a number as <v> holds one: 45123, -1.5, 1.2E-3? */
static int
numeric(const char *s)
{
	static const char digits[] = "0123456789";
	size_t d, f = 0;
	if (*s == '-' || *s == '+')
		s++;
	d = strspn(s, digits);
	s += d;
	if (*s == '.') {
		f = strspn(s + 1, digits);
		s += 1 + f;
	}
	if (d + f == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!(d = strspn(s, digits)))
			return 0;
		s += d;
	}
	return *s == '\0';
}

static void
number(const xlsx *x, const xmlNode *c, cellv *v)
{
	size_t s;
	char iso[64];
	if (!numeric(v->text.s)) {
		clean(&v->text); /* not a number whatever it claims: text */
		return;
	}
	v->type = "number";
	if (index_of(attr(c, "s", NULL), x->nxf, &s) < 0 || !x->datexf[s] ||
	    iso_date(v->text.s, x->date1904, iso) < 0)
		return;
	v->type = "date";
	v->serial = v->text;
	memset(&v->text, 0, sizeof v->text);
	zz_buf_adds(&v->text, iso);
}

/* The value of cell c; -1 only when the file contradicts itself. */
static int
value(const xlsx *x, const xmlNode *c, const char *part, cellv *v, char **err)
{
	const xmlChar *ns = c->ns ? c->ns->href : NULL;
	const char *t = attr(c, "t", NULL);
	xmlNode *vn = child(c, ns, "v");
	size_t i, n = x->offs.len / sizeof(size_t);
	memset(v, 0, sizeof *v);
	v->type = "string";
	if (t && strcmp(t, "inlineStr") == 0) {
		rich(child(c, ns, "is"), &v->text);
		return 0;
	}
	if (vn)
		content(vn, &v->text);
	if (!v->text.len)
		return 0;
	if (!t || strcmp(t, "n") == 0) {
		number(x, c, v);
	} else if (strcmp(t, "s") == 0) {
		if (index_of(v->text.s, n, &i) < 0) {
			*err = zz_easprintf("damaged workbook: %s refers to shared string %.20s "
			                    "of %zu", part, v->text.s, n);
			return -1;
		}
		v->text.len = 0;
		zz_buf_adds(&v->text, x->pool.s + ((const size_t *)(void *)x->offs.s)[i]);
	} else if (strcmp(t, "b") == 0) {
		int yes = strcmp(v->text.s, "0") != 0;
		v->type = "bool";
		v->text.len = 0;
		zz_buf_adds(&v->text, yes ? "TRUE" : "FALSE");
	} else {
		v->type = strcmp(t, "e") == 0 ? "error" : "string";
		unescape(&v->text);
		clean(&v->text);
	}
	return 0;
}

/* "AB12" as column 28, row 12; -1 if r is no such reference. Columns and
 * rows past the limits come back as COL_MAX + 1 and ROW_MAX + 1. */
static int
a1(const char *r, int *col, long *row)
{
	long c = 0;
	const char *s = r;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++)
		if (c <= COL_MAX)
			c = c * 26 + ((*s | 0x20) - 'a' + 1);
	long n = posnum(s, ROW_MAX);
	if (s == r || n == 0)
		return -1;
	*col = c > COL_MAX ? COL_MAX + 1 : (int)c;
	*row = n;
	return 0;
}

static void
row_end(pass *ps)
{
	if (ps->open) {
		xmlTextWriterEndElement(ps->w);
		zz_buf_adds(ps->txt, "\n");
	}
	ps->open = ps->inrow = 0;
}

static void
row_start(pass *ps, const char *r, char **err)
{
	long n = posnum(r, ROW_MAX);
	row_end(ps);
	ps->row = n ? n : ps->row + 1;
	ps->col = 0;
	ps->inrow = 1;
	if (ps->row > ROW_MAX)
		*err = zz_easprintf("refused: %s has a row past %d", ps->part, ROW_MAX);
}

static void
put_cell(pass *ps, int col, long row, const cellv *v)
{
	char letters[4], ref[24];
	int n = col > 26 + 26 * 26 ? 3 : col > 26 ? 2 : 1;
	letters[n] = '\0';
	for (int c = col, i = n - 1; i >= 0; c = (c - 1) / 26, i--)
		letters[i] = (char)('A' + (c - 1) % 26);
	snprintf(ref, sizeof ref, "%s%ld", letters, row);
	if (!ps->open) {
		xmlTextWriterStartElement(ps->w, (const xmlChar *)"row");
		wattrf(ps->w, "n", ps->row);
		ps->open = 1;
	} else {
		zz_buf_adds(ps->txt, "\t");
	}
	xmlTextWriterStartElement(ps->w, (const xmlChar *)"cell");
	wattr(ps->w, "ref", ref);
	wattrf(ps->w, "col", col);
	wattr(ps->w, "type", v->type);
	if (v->serial.len)
		wattr(ps->w, "serial", v->serial.s);
	xmlTextWriterWriteString(ps->w, (const xmlChar *)v->text.s);
	xmlTextWriterEndElement(ps->w);
	add_flat(ps->txt, v->text.s, v->text.len);
}

static void
cell(pass *ps, const xmlNode *c, char **err)
{
	const char *r = attr(c, "r", NULL);
	int col;
	long row;
	cellv v;
	if (!r || a1(r, &col, &row) < 0) {
		col = ps->col + 1;
		row = ps->row;
	}
	if (col > COL_MAX || row > ROW_MAX) {
		*err = zz_easprintf("refused: %s has a cell past column XFD or row %d", ps->part,
		                    ROW_MAX);
		return;
	}
	ps->col = col;
	if (!ps->w && ++ps->x->cells > CELLS_MAX) {
		*err = zz_easprintf("refused: more than %d cells", CELLS_MAX);
		return;
	}
	if (value(ps->x, c, ps->part, &v, err) == 0 && v.text.len) {
		if (ps->w) {
			put_cell(ps, col, row, &v);
		} else {
			ps->rows = row > ps->rows ? row : ps->rows;
			ps->cols = col > ps->cols ? col : ps->cols;
		}
	}
	zz_buf_free(&v.text);
	zz_buf_free(&v.serial);
}

static int
sheet_pass(pass *ps, const char *p, size_t n, char **err)
{
	char *why = NULL;
	const xmlChar *ns = NULL;
	xmlTextReaderPtr r = stream(ps->part, p, n, &why);
	int ret = xmlTextReaderRead(r);
	while (ret == 1 && !*err) {
		int type = xmlTextReaderNodeType(r);
		const xmlChar *uri = xmlTextReaderConstNamespaceUri(r);
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_ELEMENT && !ns)
			ns = uri ? uri : (const xmlChar *)"";
		int ours = name && ns && xmlStrEqual(uri ? uri : (const xmlChar *)"", ns);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			*err = zz_easprintf("refused: %s declares a DTD", ps->part);
		} else if (ours && type == XML_READER_TYPE_ELEMENT && strcmp(name, "row") == 0) {
			xmlChar *rn = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
			row_start(ps, (const char *)rn, err);
			xmlFree(rn);
			if (xmlTextReaderIsEmptyElement(r))
				row_end(ps);
		} else if (ours && type == XML_READER_TYPE_END_ELEMENT &&
		           strcmp(name, "row") == 0) {
			row_end(ps);
		} else if (ours && type == XML_READER_TYPE_ELEMENT && strcmp(name, "c") == 0 &&
		           ps->inrow) {
			xmlNode *c = xmlTextReaderExpand(r);
			if (!c) {
				ret = -1;
				break;
			}
			cell(ps, c, err);
			ret = xmlTextReaderNext(r);
			continue;
		}
		ret = xmlTextReaderRead(r);
	}
	row_end(ps);
	if (ret < 0)
		stream_error(ps->part, why, err);
	xmlFreeTextReader(r);
	free(why);
	return *err ? -1 : 0;
}

/* A sheet is read twice: once to learn its extent and check it, which the
 * <sheet> element states before its rows, and once to write it. */
static int
sheet(xlsx *x, long n, const xmlNode *s, const char *part, char **err)
{
	char *p;
	size_t len;
	const char *name = attr(s, "name", NULL), *state = attr(s, "state", NULL);
	int rc = read_part(x->pk, part, &p, &len, err);
	if (rc == 0)
		*err = zz_easprintf("damaged workbook: %s, for sheet %ld, missing", part, n);
	if (rc <= 0 || plain_xml(part, p, len, 0, err) < 0) {
		free(p);
		return -1;
	}
	pass ps = {.x = x, .part = part};
	if (sheet_pass(&ps, p, len, err) == 0) {
		char *nm = xml_string(name ? name : "");
		xmlTextWriterPtr w = x->o->w;
		xmlTextWriterStartElement(w, (const xmlChar *)"sheet");
		wattrf(w, "n", n);
		wattr(w, "name", nm);
		wattrf(w, "rows", ps.rows);
		wattrf(w, "cols", ps.cols);
		if (state && strcmp(state, "visible") != 0)
			wattr(w, "hidden", "yes");
		zz_buf_adds(&x->o->txt, "== ");
		add_flat(&x->o->txt, nm, strlen(nm));
		zz_buf_adds(&x->o->txt, " ==\n");
		pass ps2 = {.x = x, .part = part, .w = w, .txt = &x->o->txt};
		sheet_pass(&ps2, p, len, err);
		xmlTextWriterEndElement(w);
		free(nm);
	}
	free(p);
	return *err ? -1 : 0;
}

/* r:id, whatever its prefix and namespace (transitional or strict) */
static const char *
rel_id(const xmlNode *n)
{
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (a->ns && strcmp((const char *)a->name, "id") == 0 && a->children)
			return (const char *)a->children->content;
	return NULL;
}

static int
sheets(xlsx *x, const xmlNode *root, xmlDoc *rels, const char *dir, char **err)
{
	const xmlChar *ns = root->ns ? root->ns->href : NULL;
	long n = 0;
	for (xmlNode *s = child(child(root, ns, "sheets"), ns, "sheet"); s && !*err; s = s->next) {
		if (!is(s, ns, "sheet"))
			continue;
		if (++n > SHEETS_MAX) {
			*err = zz_easprintf("refused: more than %d sheets", SHEETS_MAX);
			break;
		}
		const char *id = rel_id(s);
		char *part = id ? rel_target(rels, id, NULL, dir) : NULL;
		if (!part)
			*err = zz_easprintf("damaged workbook: sheet %ld has no part", n);
		else
			sheet(x, n, s, part, err);
		free(part);
	}
	return *err ? -1 : 0;
}

static int
book_parts(xlsx *x, const xmlNode *root, xmlDoc *rels, const char *dir, char **err)
{
	char *ss = rel_target(rels, NULL, "/sharedStrings", dir);
	char *st = rel_target(rels, NULL, "/styles", dir);
	if (!ss)
		ss = zz_easprintf("%ssharedStrings.xml", dir);
	if (!st)
		st = zz_easprintf("%sstyles.xml", dir);
	if (load_strings(x, ss, err) >= 0 && load_styles(x, st, err) >= 0)
		sheets(x, root, rels, dir, err);
	free(ss);
	free(st);
	return *err ? -1 : 0;
}

static int
book(xlsx *x, char **err)
{
	char *name = NULL;
	xmlDoc *wb, *rels = NULL;
	xmlNode *root = main_doc(x->pk, "xl/workbook.xml", "workbook", "an Excel", &wb, &name, err);
	if (root) {
		const xmlChar *ns = root->ns ? root->ns->href : NULL;
		const char *d1904 = attr(child(root, ns, "workbookPr"), "date1904", NULL);
		char *dir = dir_of(name), *rname = rels_of(name);
		x->date1904 = d1904 && (strcmp(d1904, "1") == 0 || strcmp(d1904, "true") == 0);
		int rc = load(x->pk, rname, &rels, err);
		if (rc == 0)
			*err = zz_easprintf("damaged workbook: %s missing", rname);
		else if (rc > 0)
			book_parts(x, root, rels, dir, err);
		free(dir);
		free(rname);
	}
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	free(name);
	return *err ? -1 : 0;
}

int
zz_read_xlsx(const char *path, const char *outdir, char **err)
{
	pkg pk;
	out o;
	*err = NULL;
	xmlInitParser();
	if (pkg_open(&pk, path, "an Excel", err) < 0)
		return -1;
	out_start(&o, "xlsx", path);
	xlsx x = {.pk = &pk, .o = &o};
	int rc = book(&x, err);
	free(x.datexf);
	zz_buf_free(&x.pool);
	zz_buf_free(&x.offs);
	zip_discard(pk.za);
	return out_finish(&o, outdir, rc, err);
}
