/* rules.h - internals of the decide stage (not public): the readings of a
 * case, the rules of CONFIG/rules.xml, and what they come to. */
#ifndef ZZ_RULES_H
#define ZZ_RULES_H

#include <libxml/tree.h>

#include "zizhi.h"

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
zz_fact *zz_fact_add(zz_facts *fs); /* a new, empty fact (derived ones) */

typedef struct zz_result {
	char *id, *result, *message, *title;
	char **evidence; /* field names */
	int nevidence;
} zz_result;

typedef struct zz_decision {
	char as_of[11];
	int as_of_given; /* from the command line, not the application */
	zz_result *rules;
	int nrules;
	char *verdict;
	char **missing_types; /* documents to ask for (补充资料) */
	int nmissing;
} zz_decision;

/* Evaluates the rules file on the facts (derived fields are added to
 * them) as of as_of (NULL: the application date, else today); -1 with
 * *err when the rules cannot be loaded. */
int zz_decide(const char *configdir, const char *rules_path, zz_facts *fs, const char *as_of,
              zz_decision *d, char **err);
void zz_decision_free(zz_decision *d);
/* CASE/report.xml (config/schema/report.rng), atomically */
int zz_report_write(const char *path, const char *case_id, zz_facts *fs, const zz_decision *d);

#endif
