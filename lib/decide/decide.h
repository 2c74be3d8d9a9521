/* decide.h - the decide part: the readings of a case as facts, the rules
 * of CONFIG/rules/ (the file the form declares) and the fields they
 * derive, report.xml, and the report for people (HTML, the request
 * letter). Stands on core, read and extract. */
#ifndef ZZ_DECIDE_H
#define ZZ_DECIDE_H

#include <libxml/tree.h>

#include "core/core.h"
#include "extract/extract.h"

/* a field as extract.xml gives it, or a derived one */
typedef struct zz_fact {
	char *name, *value, *raw, *status, *document, *page, *box, *cell, *crop, *note;
	double conf;
	int canonical, confirmed;
	char *from; /* derived: the fields it was computed from */
} zz_fact;

typedef struct zz_facts {
	zz_fact *v;
	int n, cap;
	xmlDocPtr extract; /* its documents are listed in the report */
} zz_facts;

/* Loads CASE/extract/extract.xml; -1 with *err. */
int zz_facts_load(zz_facts *fs, const char *casedir, char **err);
void zz_facts_free(zz_facts *fs);
zz_fact *zz_fact_get(zz_facts *fs, const char *name); /* the canonical one */
int zz_facts_has_document(const zz_facts *fs, const char *type);
/* The documents of the case that were not recognised (type other) or
 * could not be read, as "f7 (files/a.pdf), f12 (…)"; NULL when none. */
char *zz_facts_unrecognised(const zz_facts *fs);
/* a document of the case asked for the field and did not give it */
int zz_facts_asked(const zz_facts *fs, const char *name);
/* How many records of the kind: one past the highest index N of the
 * record[N].field names read or asked for and not found (0: none). */
int zz_facts_span(const zz_facts *fs, const char *record);
zz_fact *zz_fact_add(zz_facts *fs); /* a new, empty fact (derived ones) */

typedef struct zz_result {
	char *id, *result, *message, *title;
	char **evidence; /* field names */
	int nevidence;
} zz_result;

typedef struct zz_decision {
	char *rules_id, *rules_title; /* the rules file that decided it (NULL: none could) */
	char as_of[11];
	int as_of_given; /* from the command line, not the application */
	zz_result *rules;
	int nrules;
	char *verdict;
	char **missing_types; /* documents to ask for (补充资料) */
	int nmissing;
} zz_decision;

/* The rules file for the case: the one of CONFIG/rules/ whose category
 * and level the application form declares (qualify.c). 0 with *path; 1
 * when none may decide it (the declaration not read surely, or no file
 * for it), *why saying what was declared and which are known; -1 with
 * *err when the folder cannot be read. */
int zz_rules_choose(const char *configdir, zz_facts *fs, char **path, char **why, char **err);
/* Evaluates the rules file (NULL: the one zz_rules_choose chooses; when
 * it chooses none, the case is review, its one result saying why) on
 * the facts (derived fields are added to them) as of as_of (NULL: the
 * application date, else today); -1 with *err when the rules cannot be
 * loaded. */
int zz_decide(const char *configdir, const char *rules_path, zz_facts *fs, const char *as_of,
              zz_decision *d, char **err);
void zz_decision_free(zz_decision *d);
/* CASE/report.xml (config/schema/report.rng), atomically */
int zz_report_write(const char *path, const char *case_id, zz_facts *fs, const zz_decision *d);
/* Decides the case in casedir (its facts and corrections) as of as_of
 * (NULL: as zz_decide says) and writes its report.xml, under the case's
 * lock, waited for up to lock_s seconds: ZZ_EXIT_OK, or with *err
 * ZZ_EXIT_ITEMS (the case: not locked, not extracted), ZZ_EXIT_CONFIG (the
 * rules), ZZ_EXIT_IO (report.xml not written). */
int zz_decide_case(const char *configdir, const char *rules_path, const char *casedir,
                   const char *as_of, int lock_s, char **err);

/* ---- the loaded rules file, shared by rules.c and derived.c ---- */

typedef struct zz_derived {
	char *name, *kind, *from, *record, *key, *valid, *with, *on, *where, *is, *value, *date;
	pcre2_code *re;
	int years;
} zz_derived;

/* What a check can say, each a template of the rules file's <messages>:
 * {field}, {value}, {type}, {re}, {expected}, {min}, {date}, {other},
 * {other-value}, {document}. */
enum {
	ZZ_MSG_UNREADABLE, ZZ_MSG_NOT_FOUND, ZZ_MSG_DOUBTFUL, ZZ_MSG_NO_DOCUMENT, ZZ_MSG_MATCHES,
	ZZ_MSG_NOT_EQUAL, ZZ_MSG_UNDER, ZZ_MSG_NOT_ABOVE, ZZ_MSG_BEFORE, ZZ_MSG_DIFFERS, ZZ_MSG_READS,
	ZZ_MSG_NOT_RECOGNISED, ZZ_NMSG
};

typedef struct zz_rules {
	xmlDocPtr doc; /* the rules and their checks are read from it */
	char *as_of_field;
	double review_below;
	double fail_sure; /* a threshold fails only on a reading this sure, or confirmed */
	char **doubtful;
	int ndoubtful;
	zz_derived *derived;
	int nderived;
	char *msg[ZZ_NMSG]; /* the message templates, <messages> or the defaults */
	char **type_ids, **type_titles; /* documents.xml: what a missing one is called */
	int ntypes;
} zz_rules;

int zz_doubtful(const zz_rules *R, const zz_fact *f);
void zz_derive(const zz_rules *R, zz_facts *fs, const char *as_of);

/* ---- a report for people: HTML and the request letter (reporthtml.c) ---- */
/* A case's report.xml through an XSLT stylesheet of the config directory
 * (report-html.xsl, request-letter.xsl), after adding what a stylesheet
 * cannot find itself: each document type's title from documents.xml and,
 * with ZZ_REPORT_IMAGES, the evidence crops and small page thumbnails as
 * data: URIs, so that the result stands alone. */
enum { ZZ_REPORT_IMAGES = 1 };
typedef struct zz_reportfmt zz_reportfmt;
/* Loads CONFIG/xsl and the titles of CONFIG/documents.xml; NULL with *err. */
zz_reportfmt *zz_reportfmt_load(const char *configdir, const char *xsl, unsigned flags,
                                char **err);
/* The transformed report of casedir in *out (NUL-terminated, *outlen
 * bytes, "" when the stylesheet has nothing to say); -1 with *err when
 * report.xml cannot be read or the stylesheet fails on it. */
int zz_reportfmt_case(zz_reportfmt *f, const char *casedir, char **out, size_t *outlen,
                      char **err);
void zz_reportfmt_destroy(zz_reportfmt **pf);

#endif
