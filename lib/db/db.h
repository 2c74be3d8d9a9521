/* db.h - the review database: the schema and its migrations, loading a
 * finished case in one transaction, reviewers' decisions, a case's life
 * (status, sanctions, appeals, the processing clock) and the re-checks of
 * what falls due. */
#ifndef ZZ_DB_H
#define ZZ_DB_H

#include "core/core.h"

/* ---- the review database (db.c) ---- */
struct sqlite3;
/* Opens (creating it and its folder) the SQLite database at path with WAL,
 * foreign keys and a busy timeout, and migrates its schema to this
 * program's version; NULL with *err, also for a database newer than the
 * program. */
struct sqlite3 *zz_db_open(const char *path, char **err);
/* the same, migrating to version at most (an older database, for tests) */
struct sqlite3 *zz_db_open_at(const char *path, int version, char **err);
void zz_db_close(struct sqlite3 **pdb);
int zz_db_version(void); /* the schema version this program writes */
struct sqlite3_stmt;
/* Prepares sql with its ?s bound to the strings in v (NULL binds NULL);
 * NULL with *err (when err and *err are NULL: the first error is kept). */
struct sqlite3_stmt *zz_db_prepare(struct sqlite3 *db, const char *sql, const char *const *v,
                                   int n, char **err);
/* The first column of its first row, a copy; NULL when there is none or
 * on an error (with *err as above). */
char *zz_db_text(struct sqlite3 *db, const char *sql, const char *const *v, int n, char **err);
/* column i of the row as text, "" for NULL */
const char *zz_db_col(struct sqlite3_stmt *st, int i);
/* Runs it to its first row or the end; -1 with *err as above. */
int zz_db_run(struct sqlite3 *db, const char *sql, const char *const *v, int n, char **err);
/* Loads CASE (case.xml, read/read.xml, extract/extract.xml, and
 * report.xml when there is one) into db, replacing its earlier rows in one
 * transaction; -1 with *err. */
int zz_load_case(struct sqlite3 *db, const char *casedir, char **err);

/* ---- reviewers' decisions (review.c) ---- */
/* The id of the case named by its id, a unique start of it (4 hex digits
 * or more) or its directory; NULL with *err. */
char *zz_review_find_case(struct sqlite3 *db, const char *name, char **err);
typedef struct zz_review {
	const char *case_id;
	const char *rule_id;  /* NULL: the case as a whole */
	const char *decision; /* a verdict for a case, a result for a rule */
	const char *reason, *reviewer;
} zz_review;
/* Records the decision with what the program says now, and an event, in
 * one transaction; -1 with *err (a bad decision, no reason, no such rule). */
int zz_review_record(struct sqlite3 *db, const zz_review *r, char **err);

/* ---- a case's life and what is due (life.c, recheck.c) ---- */
/* The qualification's terms (guide 5 to 9), from the <life> element of
 * the rules file; see config/rules.xml. */
typedef struct zz_life_terms {
	int valid_years, renewal_months, confirm_notice_days, confirm_grace_days;
	int processing_months, clock_warn_days;
} zz_life_terms;
/* Reads them from rules_path (NULL: CONFIG/rules.xml), validated; -1
 * with *err when the file is bad or has no <life>. */
int zz_life_terms_load(const char *configdir, const char *rules_path, zz_life_terms *t, char **err);
int zz_valid_date(const char *s); /* YYYY-MM-DD and a day of the calendar */
char *zz_today(char buf[11]);     /* the local date, YYYY-MM-DD; returns buf */
/* The Chinese name of a status, sanction or appeal outcome; NULL if none. */
const char *zz_life_label(const char *id);
enum zz_life_what {
	ZZ_LIFE_STATUS,   /* value: a status */
	ZZ_LIFE_SANCTION, /* value: 警告 限期整改 暂停 取消; until: deadline or end */
	ZZ_LIFE_LIFT,     /* ref: the sanction lifted */
	ZZ_LIFE_APPEAL,   /* value: its subject */
	ZZ_LIFE_OUTCOME,  /* ref: the appeal; value: upheld, dismissed, withdrawn */
	ZZ_LIFE_ISSUE,    /* value: the qualification's number; until: NULL for the terms */
	ZZ_LIFE_CONFIRM,  /* the yearly confirmation of the latest qualification */
};
typedef struct zz_life_change {
	enum zz_life_what what;
	const char *case_id, *actor, *reason; /* all three required */
	const char *value, *until;
	const char *date; /* when it took effect, YYYY-MM-DD; NULL: today */
	long long ref;
} zz_life_change;
/* Records the change and an event in one transaction; *id gets the
 * number of the row made (or ended); -1 with *err (a bad name or date, no
 * reason, nothing open to end, a case never loaded). Names are taken in
 * English (the database's) or Chinese. */
int zz_life_record(struct sqlite3 *db, const zz_life_change *c, const zz_life_terms *t, long long *id,
                   char **err);
/* The processing clock (guide 9) as of a date, in days. */
typedef struct zz_clock {
	char start[11], due[11];
	char stop[11]; /* "" while it runs */
	int used, left, paused;
	int waiting; /* stopped on the day, waiting on the applicant */
} zz_clock;
/* 0, or 1 when the case has no clock on that day (never loaded, or
 * received later); -1 with *err. */
int zz_life_clock(struct sqlite3 *db, const char *case_id, const char *as_of, const zz_life_terms *t,
                  zz_clock *c, char **err);
/* One thing due; kind: expired, renewal, confirmation,
 * confirmation-overdue, evidence, clock, clock-overdue, rectification,
 * suspension-end. */
typedef struct zz_due {
	char *case_id, *applicant, *kind, *date, *detail;
	char *rule;          /* evidence: the rule that would fail */
	char *qualification; /* the qualification's number, when about one */
} zz_due;
typedef struct zz_dues {
	zz_due *v;
	int n, cap;
} zz_dues;
/* What is due as of as_of, by date; a ZZ_EXIT_* code with *err
 * (ZZ_EXIT_CONFIG: the rules file, ZZ_EXIT_IO: the database). */
int zz_recheck(struct sqlite3 *db, const char *configdir, const char *rules_path, const char *as_of,
               zz_dues *out, char **err);
void zz_dues_free(zz_dues *d);

#endif
