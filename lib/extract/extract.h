/* extract.h - the extract part: the documents of a case as pages of rows
 * of chunks, the document types of CONFIG/documents.xml, how fields,
 * tables and records are found in them, their evidence, extract.xml.
 * Stands on core and read. */
#ifndef ZZ_EXTRACT_H
#define ZZ_EXTRACT_H

#include "core/core.h"
#include "read/read.h"

/* ---- a read document (docmodel.c) ---- */

typedef struct zz_dword {
	int off, len;   /* bytes of the chunk's text */
	int x, y, w, h; /* page pixels */
	float conf;
} zz_dword;

/* A run of text read together: an OCR or text-layer line (split at wide
 * gaps), a paragraph, or a table cell. */
typedef struct zz_chunk {
	char *text;
	zz_dword *words;
	int nwords;
	int x, y, w, h; /* 0 size for Word and Excel */
	float conf;
	int col;     /* table column from 1 (Word, Excel), 0 otherwise */
	char *where; /* "p3", "t1r2c3", "Sheet1!B2"; NULL for boxed pages */
} zz_chunk;

/* Chunks side by side on one line of the page, or one table row. */
typedef struct zz_row {
	zz_chunk *chunks;
	int n, cap;
	int y, h;
} zz_row;

typedef struct zz_dpage {
	int n;             /* from 1 (for Excel: the sheet) */
	int width, height; /* 0 when the page has no boxes */
	const char *image; /* read stage's page image, relative to the case */
	zz_row *rows;
	int nrows, cap;
	char *text; /* rows joined, for cues and finds */
} zz_dpage;

typedef struct zz_doc {
	char *id, *path, *kind, *sha256;
	char *pdf; /* the PDF itself, when its pages may need rendering */
	char *broken; /* why its read output could not be loaded, or NULL */
	zz_dpage *pages;
	int npages;
	/* classification */
	const struct zz_dtype *type;
	int score, runner_score;
	const struct zz_dtype *runner;
} zz_doc;

/* Loads every file of CASE/read/read.xml that was read; *n gets the count. */
zz_doc *zz_docs_load(const char *casedir, int *n, char **err);
void zz_docs_free(zz_doc **pdocs, int n);
/* The height of a line of text on page p: the median of its chunks of
 * three characters or more (a lone character may be a stamp's or a
 * frame's); 0 when there are too few to say. */
int zz_line_height(const zz_dpage *p);
/* Page n of d, NULL when it has none. */
const zz_dpage *zz_doc_page(const zz_doc *d, int n);

/* ---- document types (doctypes.c) ---- */

enum zz_vtype { ZZ_V_TEXT, ZZ_V_NAME, ZZ_V_MONEY, ZZ_V_DATE, ZZ_V_USCC, ZZ_V_INT, ZZ_V_ENUM,
	        ZZ_V_BOOL, ZZ_V_YEAR, ZZ_V_CODE, ZZ_V_REGNO };

typedef struct zz_re {
	pcre2_code *code; /* NULL for a text= phrase */
	char *src;        /* the pattern, or the phrase (zz_text_find) */
	int weight;
	char *value;   /* enum options: the value this pattern gives */
	double factor; /* finds: confidence=, how far a value found so is trusted */
} zz_re;

typedef struct zz_fdef {
	char *name; /* absolute (org.name) or, in a record, relative (number) */
	enum zz_vtype type;
	char **labels; /* literal labels, each as code points matched loosely */
	int nlabels;
	zz_re *value_re;  /* the value inside what follows a label */
	zz_re *not_re;    /* what the value is never (another field's value) */
	zz_re *usual_re;  /* what a value read right nearly always has (a
	                     surname, a place): a reading without it is read
	                     again, and a re-read with it preferred */
	zz_re *given_re;  /* what follows the usual part in a likely value:
	                     a given name's usual characters */
	zz_re *finds;     /* patterns searched anywhere, group "v" or all */
	int nfinds;
	zz_re *options;   /* enum: first option whose pattern matches */
	int noptions;
	char **columns;   /* balance sheet column headers; {year} substituted */
	int ncolumns;
	char **compares;  /* headers of the comparative period's column */
	int ncompares;
	char **agrees;    /* labels of rows that must give the same amount */
	int nagrees;
	zz_re *unit_re;   /* where the unit (元/万元) of money is stated */
	long long unit;   /* money without a unit is in this unit */
	long long min, max; /* plausible values of money and counts */
	int has_min, has_max;
	int right, below; /* where a value may sit relative to its label */
	int key;          /* a key field: evidence crop and re-read */
	int prior;        /* read from the comparative column, for the year before */
	char **known;     /* values the field usually takes: a reading a
	                     character or two from exactly one is taken for it */
	int nknown;
	char *whitelist;  /* characters for the re-read */
	char *shape;      /* code: 9 a digit, A a letter, others literal */
} zz_fdef;

typedef struct zz_tdef {
	char *record; /* roster, project */
	char *key;    /* the column that de-duplicates */
	zz_fdef *cols;
	int ncols;
	int min_headers;
	int weight; /* classification: per column a header row names */
} zz_tdef;

/* A field the document has no line for, known from what it does have:
 * when field when (or, when is "text", the document's text) matches re. */
typedef struct zz_absent {
	char *field, *when;
	zz_re re;
} zz_absent;

/* One day printed twice (sameday.c): field and as, and the day before an
 * anniversary of it ends (NULL: none). */
typedef struct zz_sameday {
	char *field, *as, *ends;
} zz_sameday;

typedef struct zz_dtype {
	char *id, *title;
	int min_score;
	int label_weight; /* each field label opening a chunk adds this (classify.c) */
	zz_re *cues, *hints, *head_cues;
	int ncues, nhints, nhead_cues;
	char **stops; /* labels of what is not read, never values */
	int nstops;
	char *record; /* fields are record.KEY.f (keyed) or record[i].f (list) */
	char *rkey;
	int keyed, per_page;
	zz_fdef *fields;
	int nfields;
	zz_tdef *tables;
	int ntables;
	zz_absent *absents;
	int nabsents;
	zz_sameday *samedays;
	int nsamedays;
	int line; /* in the config file, for messages */
} zz_dtype;

typedef struct zz_canon {
	char *name;
	char **from; /* document type ids, most trusted first */
	int nfrom;
} zz_canon;

typedef struct zz_recon {
	char *record, *field, *key, *with, *with_field, *with_key;
	int max_edits;
} zz_recon;

typedef struct zz_same {
	char **fields; /* fnmatch(3) patterns of field names */
	int nfields;
	char *as;      /* the field they name the same thing as */
} zz_same;

typedef struct zz_doctypes {
	zz_dtype *types;
	int ntypes;
	zz_same *same;
	int nsame;
	zz_recon *recon;
	int nrecon;
	zz_canon *canon;
	int ncanon;
	double reread_below; /* key fields under this confidence are re-read */
	double fuzzy_label;  /* confidence factor of a label read with one error */
	char *langs;
	char *langs2; /* a second engine's models for doubtful words, or NULL */
} zz_doctypes;

/* Loads CONFIG/documents.xml (or path when not NULL), checked against
 * CONFIG/schema/documents.rng and every pattern compiled; *err names the
 * file and line of the first problem. */
zz_doctypes *zz_doctypes_load(const char *configdir, const char *path, char **err);
void zz_doctypes_free(zz_doctypes **pdt);
/* Field `name` of type t, NULL when t has none. */
const zz_fdef *zz_type_field(const zz_dtype *t, const char *name);
/* The definition of a field as a case names it (org.name, cisp[0].number,
 * audit.2025.total_assets); NULL when no document type has it. */
const zz_fdef *zz_doctypes_field(const zz_doctypes *dt, const char *name);
/* first match of re in s from byte off: 1 with the match (group "v" when
 * the pattern has one) in *mo, *ml, 0 when none */
int zz_re_match(const zz_re *re, const char *s, size_t off, size_t *mo, size_t *ml);

/* ---- classification (classify.c) ---- */
void zz_classify(const zz_doctypes *dt, zz_doc *d);
/* The document's text, white space removed, about max bytes; head: the
 * top quarter of its first page only (classify.c). */
char *zz_doc_text(const zz_doc *d, size_t max, int head);

/* ---- loose label matching (match.c) ---- */
/* Finds label in s, ignoring spaces and colons and allowing one wrong
 * character in labels of 4 or more: 0 exact, 1 with one error, -1 none;
 * *start and *end get the byte span in s. */
int zz_label_find(const char *label, const char *s, size_t *start, size_t *end);
/* Labels of type t's fields opening chunks of d's first pages: how many
 * fields have one (up to max), or with only, whether that field does
 * (classify.c). */
int zz_labels_seen(const zz_dtype *t, const zz_doc *d, const zz_fdef *only, int max);
/* A label at chunk i of a row: in the chunk, or across it and its right
 * neighbours for labels spaced so wide that they were read apart (姓 名):
 * 0 exact, 1 or 2 with errors, -1 none; *last gets the chunk the label
 * ends in and *end the byte there (fields.c). */
int zz_label_at(const char *label, const zz_row *row, int i, int *last, size_t *end);
/* Finds phrase anywhere in s, spaces and colons ignored, with one wrong
 * character allowed in phrases of four or more: 0 exact, 1 with one
 * error, -1 not found; [*start, *end) the bytes it spans. */
int zz_text_find(const char *phrase, const char *s, size_t *start, size_t *end);

/* ---- found values (fields.c, tables.c) ---- */

typedef struct zz_found {
	char *name;  /* absolute field name */
	char *raw;   /* as read */
	char *value; /* normalised; "" when it failed validation */
	double conf;
	double cap;  /* the most agreeing re-reads may raise conf to: a value
	              * found without its label may be read right and still
	              * not be the field, one read partly may be read alike
	              * again and still be cut short; 0 for no cap */
	const char *status; /* ok, repaired, invalid, reread */
	const char *method; /* label, below, find, column, table, option */
	const zz_doc *doc;
	int page;
	int x, y, w, h;       /* box, 0 size when none */
	int lx;               /* right edge of the label it was found by, 0: none */
	const char *where;    /* cell or paragraph (Word, Excel) */
	const zz_fdef *def;
	char *crop;           /* evidence image, relative to the case */
	int canonical;        /* chosen for the case */
	int agree;            /* documents giving the same value */
	int confirmed;        /* a re-read or the other side of the sheet agrees */
	int absent;           /* missing, and the document has no line for it */
	int disputed;         /* a re-read of its box read another value */
	int doubted;          /* another document reads it a character or two otherwise */
	int open_end;         /* it stops inside its brackets: cut short, its line goes on */
	long long unit;       /* money: the unit the raw text was in */
	char *note;           /* what the re-read changed, or a conflict */
	char *row;            /* evidence of an empty cell: its row */
	char *tried;          /* the re-reads made of its box, each how, what and
	                       * how surely: "1x '林虎青' 0.81; 2x ..." */
} zz_found;

typedef struct zz_foundset {
	zz_found *v; /* with status "missing": asked for by the type, not found */
	int n, cap;
} zz_foundset;

zz_found *zz_found_add(zz_foundset *fs);
void zz_found_missing(zz_foundset *fs, const char *name, const zz_doc *d, int page);
/* what f holds freed, f zeroed */
void zz_found_clear(zz_found *f);
void zz_foundset_free(zz_foundset *fs);

/* Does value have what values of f nearly always have (<usual>)? 1
 * also when f says nothing of it. */
int zz_field_usual(const zz_fdef *f, const char *value);
/* Words, not figures: a figure's digits read again from the same pixels
 * by the same engine fail together (12,670,970 twice as 12,070,970), so
 * re-reads never outvote a valid figure. */
int zz_field_words(const zz_fdef *f);
/* Is value usual and the rest after its usual start what <given> says
 * (a surname, then a given name's common characters)? 0 when f has no
 * <given> or value is empty. */
int zz_field_likely(const zz_fdef *f, const char *value);
/* Is value one of the values f knows (<known>), exactly? */
int zz_field_known(const zz_fdef *f, const char *value);
/* The text readings v[0..n) agree on character by character (vote.c):
 * of the length most of them have (at least three), at each place the
 * character most have there (at least two); NULL when a length or a
 * place has no such majority. Allocated. */
char *zz_vote_chars(const char *const *v, int n);
/* Of known[0..nknown), the value nearest the readings v[0..n) (at least
 * three of them) in edits summed over them all: its index, when the
 * next is further by an edit a reading and one reading is within half
 * its length of it; else -1 (vote.c). */
int zz_vote_known(const char *const *known, int nknown, const char *const *v, int n);
/* A name value out read from row r of p, from src on (NULL: not known),
 * joined with the rest it wraps onto the next line. */
void zz_wrap_name(const zz_dtype *t, const zz_fdef *f, const zz_dpage *p, int r, long long unit,
                  const char *src, zz_found *out);
/* Normalises raw by type: 0 ok, 1 repaired, -1 invalid; *value is set
 * (to "" when invalid). */
int zz_field_normalise(const zz_fdef *f, const char *raw, long long unit, char **value);
/* the unit (1, 1000 or 10000 yuan) the unit pattern re finds in text
 * (its group v: 元, 千元, 万元); 0 when it finds none */
long long zz_money_unit(const zz_re *re, const char *text);
/* a money or count value inside the field's min and max */
int zz_field_plausible(const zz_fdef *f, const char *value);
/* Finds field f on the pages [p0, p1) of d; name is its absolute name.
 * year substitutes {year} in column headers. Returns 1 when found (even
 * invalid), 0 when not. */
int zz_field_extract(const zz_doctypes *dt, const zz_dtype *t, const zz_fdef *f, const zz_doc *d,
                     int p0, int p1, const char *name, const char *year, zz_found *out);
/* The records of table definitions in d: appended to fs with names
 * record[i].col, i counting from *next. */
/* how many of t's columns the cells of row name, as a header would */
int zz_table_columns_named(const zz_tdef *t, const zz_row *row);
void zz_tables_extract(const zz_dtype *t, const zz_doc *d, zz_foundset *fs, int *next);

int zz_found_is_missing(const zz_found *f);
/* Does a value found on page `page` of d have its box over chunk c? */
int zz_found_over(const zz_foundset *fs, const zz_doc *d, int page, const zz_chunk *c);

/* ---- what the readings come to (records.c) ---- */
void zz_renumber(const zz_doctypes *dt, zz_foundset *fs); /* record[i] per distinct key */
void zz_pick(const zz_doctypes *dt, zz_foundset *fs);    /* the value for the case */
void zz_agree(const zz_doctypes *dt, zz_foundset *fs);   /* agreement and stand-ins */
/* caps readings that other documents give a character or two otherwise;
 * say: note it on the field */
void zz_doubt(const zz_doctypes *dt, zz_foundset *fs, int say);
void zz_reconcile(const zz_doctypes *dt, zz_foundset *fs); /* <reconcile> of the config */

/* ---- rows whose label the page reading lost (lostrows.c) ---- */
/* How a line is read again: by the second engine (NULL when there is
 * none), and its ink only (zz_reread_ink). */
enum { ZZ_LINE_SECOND = 1, ZZ_LINE_INK = 2 };
/* Reads the box of page `page` of d as one line at scale, with the
 * characters of whitelist (NULL: all), as how says (ZZ_LINE_*; 0: the
 * first engine, the grey as it is): the text (the caller frees), or
 * NULL; *conf gets its confidence. */
typedef char *(*zz_line_reader)(void *ctx, const zz_doc *d, int page, int x, int y, int w, int h,
                                double scale, const char *whitelist, int how, float *conf);
/* Missing key fields of forms (label-value rows) looked for again in the
 * rows that gave no field, each read as one line. */
void zz_lost_rows(zz_foundset *fs, zz_line_reader read, void *ctx);
/* A missing credit code or registration number looked for again in the
 * page's lines that gave no field and read as no words (lostcode.c). */
void zz_lost_codes(zz_foundset *fs, zz_line_reader read, void *ctx);
/* f's box widened to what its value should take before it is read
 * again: back to where the page's values start, over the rest of its
 * line, over a whole code's width (rebox.c). */
void zz_rebox(const zz_foundset *fs, zz_found *f);

/* ---- evidence of key fields: re-reads and crops (evidence.c) ---- */
typedef struct zz_extract_opts zz_extract_opts;
void zz_evidence(const zz_doctypes *dt, const char *casedir, const char *outdir,
                 const zz_extract_opts *o, zz_foundset *fs);

/* ---- one day printed twice (sameday.c) ---- */
void zz_same_day(const zz_doctypes *dt, const zz_doc *docs, int nd, zz_foundset *fs);
/* Of dates, the readings of date field f that differ, the one the same
 * day printed again agrees with best (the term's first day, and its last,
 * the day before an anniversary: month and day counted apart), or -1
 * when none does or two do alike. */
int zz_same_day_pick(const zz_found *f, const zz_foundset *fs, const char *const *dates, int n);

/* ---- extract.xml (extractxml.c) ---- */
int zz_extract_write(const char *path, const char *casedir, const zz_doc *docs, int nd,
                     const zz_foundset *fs);

/* ---- the whole case (extractcase.c) ---- */
struct zz_extract_opts {
	int no_reread, no_crops;
	const char *models; /* the OCR models of the config (money.c), or NULL */
};
/* Classifies and extracts the case; writes OUTDIR/extract.xml and the
 * crops. Returns the number of documents whose read output could not be
 * loaded (each warned of and listed as unreadable), or -1 with *err. */
int zz_extract_case(const zz_doctypes *dt, const char *casedir, const char *outdir,
                    const zz_extract_opts *o, char **err);

#endif
