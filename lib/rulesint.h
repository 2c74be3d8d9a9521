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

typedef struct zz_rules {
	xmlDocPtr doc; /* the rules and their checks are read from it */
	char *as_of_field;
	double review_below;
	double fail_sure; /* a threshold fails only on a reading this sure, or confirmed */
	char **doubtful;
	int ndoubtful;
	zz_derived *derived;
	int nderived;
} zz_rules;

int zz_doubtful(const zz_rules *R, const zz_fact *f);
void zz_derive(const zz_rules *R, zz_facts *fs, const char *as_of);

#endif
