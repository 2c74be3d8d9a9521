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
/* A write transaction (BEGIN IMMEDIATE: a writer queues at its start, not
 * at its first write); -1 with *err. */
int zz_db_begin(struct sqlite3 *db, char **err);
/* COMMIT when nothing failed (*err NULL), else ROLLBACK; 0, or -1 with
 * *err. */
int zz_db_end(struct sqlite3 *db, char **err);
/* Loads CASE (case.xml, read/read.xml, extract/extract.xml, and
 * report.xml when there is one) into db, replacing its earlier rows in one
 * transaction; -1 with *err. */
int zz_load_case(struct sqlite3 *db, const char *casedir, char **err);

/* A decision taken when the program said something else than it does
 * now was taken on other evidence: it stands, but wants another look.
 * An SQL expression over the case c (cases c): the rules (or "case") so
 * decided, space apart, or NULL. */
#define ZZ_SQL_STALE_DECISIONS                                                                   \
	"(SELECT group_concat(coalesce(d.rule_id, 'case'), ' ') FROM decisions d"                \
	"  WHERE d.case_id = c.id AND d.id = (SELECT d2.id FROM decisions d2"                     \
	"    WHERE d2.case_id = d.case_id AND d2.rule_id IS d.rule_id ORDER BY d2.at DESC, d2.id DESC LIMIT 1)" \
	"  AND d.machine IS NOT coalesce((SELECT r.result FROM rules r WHERE r.case_id = c.id"      \
	"    AND r.id = d.rule_id), CASE WHEN d.rule_id IS NULL THEN c.verdict END))"

/* The rules of the case c that say review while no reviewer has decided
 * the case, space apart, or NULL. */
#define ZZ_SQL_REVIEW_RULES                                                                      \
	"(SELECT group_concat(rr.id, ' ') FROM rule_results rr WHERE rr.case_id = c.id"           \
	"  AND rr.result = 'review' AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.case_id = c.id" \
	"  AND d.rule_id IS NULL))"

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

/* ---- the station's accounts and sessions (users.c) ---- */
/* Adds the account NAME (1 to 64 characters, no control characters, no
 * space, ':' or '/') with the yescrypt hash of password (8 characters or
 * more); -1 with *err (a bad name or password, one that exists). */
int zz_user_add(struct sqlite3 *db, const char *name, const char *password, char **err);
/* 1 when the account exists (enabled or not), 0 when not, -1 with *err. */
int zz_user_exists(struct sqlite3 *db, const char *name, char **err);
/* Sets a new password (also on a disabled account, which stays so). */
int zz_user_password(struct sqlite3 *db, const char *name, const char *password, char **err);
/* Disables the account and ends its sessions; -1 with *err (no such). */
int zz_user_disable(struct sqlite3 *db, const char *name, char **err);
int zz_user_enable(struct sqlite3 *db, const char *name, char **err);
/* The outcome of a login. */
enum zz_login {
	ZZ_LOGIN_OK,
	ZZ_LOGIN_BAD,      /* no such account, a wrong password or a disabled one: alike */
	ZZ_LOGIN_THROTTLED, /* too many failures in a row: *wait seconds before the next try */
	ZZ_LOGIN_ERROR,    /* the database: *err */
};
/* Checks a login from address (NULL: none known); a failure counts
 * against the name, account or not, whose next try waits 2^(failures - 3)
 * seconds from the fourth failure on (at most 15 minutes), a success
 * clears them; and against the address, whose next try waits 2^(failures
 * - 20) s from the 21st (failures an hour old forgotten). A throttled try
 * is not checked at all and does not count. */
enum zz_login zz_user_login(struct sqlite3 *db, const char *name, const char *password, const char *address,
                            int *wait, char **err);
/* A new session for the user: *id gets 64 hex digits (256 random bits)
 * for the cookie, *csrf the same for the forms; only the SHA-256 of id is
 * stored. Sessions idle for more than idle_s seconds or made more than
 * max_s ago are deleted meanwhile. -1 with *err. */
int zz_session_new(struct sqlite3 *db, const char *user, const char *address, int idle_s, int max_s,
                   char id[65], char csrf[65], char **err);
/* The session of a cookie's id, when it exists, its account is enabled,
 * it was seen within idle_s seconds and made within max_s; its last use
 * becomes now. 1 with *user and *csrf (to free), 0 when there is none
 * (an expired one is deleted), -1 with *err. */
int zz_session_check(struct sqlite3 *db, const char *id, int idle_s, int max_s, char **user,
                     char **csrf, char **err);
int zz_session_end(struct sqlite3 *db, const char *id, char **err);
/* Compares two strings in time that depends on their lengths only. */
int zz_secret_equal(const char *a, const char *b);

/* ---- leases (lease.c) ---- */
typedef struct zz_lease {
	char *user, *since, *until; /* ISO 8601 UTC */
} zz_lease;
/* Takes or renews the lease on a case for user for seconds; when another
 * holds an unexpired one, 0 with it in *holder (to free with
 * zz_lease_free); 1 when taken; -1 with *err. */
int zz_lease_take(struct sqlite3 *db, const char *case_id, const char *user, int seconds,
                  zz_lease *holder, char **err);
/* The unexpired lease on a case: 1 with it, 0 when none, -1 with *err. */
int zz_lease_get(struct sqlite3 *db, const char *case_id, zz_lease *out, char **err);
int zz_lease_release(struct sqlite3 *db, const char *case_id, const char *user, char **err);
void zz_lease_free(zz_lease *l);
/* The case's version: the number of its latest event (every load,
 * decision, correction and change of its life makes one); "0" for none. */
char *zz_case_version(struct sqlite3 *db, const char *case_id, char **err);

/* ---- a case's life and what is due (life.c, recheck.c) ---- */
/* The qualification's terms (guide 5 to 9), from the <life> element of
 * the rules file; see config/rules/. */
typedef struct zz_life_terms {
	int valid_years, renewal_months, confirm_notice_days, confirm_grace_days;
	int processing_months, clock_warn_days;
} zz_life_terms;
/* Reads them from rules_path (NULL: the default one of CONFIG/rules/), validated; -1
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
