/* rulesint.h - the loaded rules file, shared by rules.c and derived.c. */
#ifndef ZZ_RULESINT_H
#define ZZ_RULESINT_H

#include "pattern.h"
#include "rules.h"

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

#endif
