/* db.c - the review database (SQLite): opened with WAL (readers never wait
 * for the loader), foreign keys on, a busy timeout (concurrent loaders
 * queue instead of failing), and the schema brought to this program's
 * version by the migrations below, each in its own transaction, the
 * version kept in PRAGMA user_version. A database newer than the program
 * is refused rather than misread. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "db/db.h"

/* how long a program waits for another's write before it gives up */
#define BUSY_MS 30000

/* Records are kept 6 years from the receipt of their case (guide 8), a
 * row of a case never loaded from its own time. In the schema, not the
 * config: no setting should make records go sooner. */
#define CUTOFF "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')"
#define KEPT(t)                                                                              \
	"CREATE TRIGGER " t "_kept BEFORE DELETE ON " t " WHEN coalesce((SELECT r.received"    \
	"  FROM case_records r WHERE r.case_id = OLD.case_id), OLD.at) > " CUTOFF               \
	" BEGIN SELECT RAISE(ABORT, 'records are kept 6 years'); END;"
#define UNCHANGED(t)                                                                         \
	"CREATE TRIGGER " t "_unchanged BEFORE UPDATE ON " t                                   \
	" BEGIN SELECT RAISE(ABORT, 'records are not changed, only added to'); END;"

/* Migration i takes the schema from version i to i + 1. Append only:
 * never edit one that has shipped. */
static const char *const migrations[] = {
	/* 1: cases with what was read and decided from them, and the
	 * events and reviewer decisions that outlive every re-load */
	"CREATE TABLE cases ("
	"  id TEXT PRIMARY KEY,"          /* content id, as in SPOOL/cases/ID */
	"  casedir TEXT NOT NULL,"
	"  submission TEXT,"              /* what was submitted, as named */
	"  received TEXT NOT NULL,"       /* ISO 8601 UTC: when first loaded */
	"  loaded TEXT NOT NULL,"         /* when last loaded */
	"  verdict TEXT,"                 /* eligible|ineligible|incomplete|review */
	"  as_of TEXT"                    /* date the rules were evaluated at */
	");"
	"CREATE TABLE documents ("
	"  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  id TEXT NOT NULL,"             /* f1, f2 … as in case.xml */
	"  type TEXT NOT NULL,"           /* config/documents.xml id, or other */
	"  path TEXT NOT NULL,"
	"  sha256 TEXT,"
	"  pages INTEGER NOT NULL DEFAULT 0,"
	"  status TEXT NOT NULL DEFAULT 'ok',"
	"  PRIMARY KEY (case_id, id)"
	");"
	"CREATE TABLE pages ("
	"  case_id TEXT NOT NULL,"
	"  document_id TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  method TEXT NOT NULL,"         /* ocr, text-layer, docx, xlsx */
	"  confidence REAL,"
	"  image TEXT,"                   /* relative to the case directory */
	"  PRIMARY KEY (case_id, document_id, n),"
	"  FOREIGN KEY (case_id, document_id) REFERENCES documents(case_id, id) ON DELETE CASCADE"
	");"
	"CREATE TABLE fields ("
	"  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  raw TEXT,"
	"  confidence REAL NOT NULL,"
	"  status TEXT NOT NULL,"
	"  canonical INTEGER NOT NULL,"   /* 1: stands for the case; 0: another reading */
	"  document_id TEXT NOT NULL,"
	"  page INTEGER,"
	"  box TEXT,"                     /* x,y,w,h in page pixels */
	"  cell TEXT,"                    /* or the Word/Excel cell or paragraph */
	"  crop TEXT,"
	"  note TEXT,"
	"  FOREIGN KEY (case_id, document_id) REFERENCES documents(case_id, id) ON DELETE CASCADE"
	");"
	"CREATE INDEX fields_by_name ON fields(case_id, name);"
	"CREATE TABLE rules ("
	"  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  id TEXT NOT NULL,"
	"  result TEXT NOT NULL CHECK (result IN ('pass','fail','missing','review')),"
	"  message TEXT,"
	"  PRIMARY KEY (case_id, id)"
	");"
	"CREATE TABLE certificates ("
	"  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL,"           /* level1, cisp */
	"  holder TEXT,"
	"  number TEXT,"
	"  valid_until TEXT"
	");"
	"CREATE INDEX certificates_by_date ON certificates(valid_until);"
	/* no foreign keys below: a re-load replaces a case's rows, and these
	 * must survive it (guide 8: records are kept) */
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"          /* a program or a reviewer */
	"  kind TEXT NOT NULL,"           /* unpack, read, extract, decide, load, review … */
	"  detail TEXT,"
	"  version TEXT"
	");"
	"CREATE INDEX events_by_case ON events(case_id, at);"
	"CREATE TABLE decisions ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  reviewer TEXT NOT NULL,"
	"  rule_id TEXT,"                 /* NULL: the case as a whole */
	"  decision TEXT NOT NULL,"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0)"
	");",
	/* 2: what each rule used (the reviewer sees the evidence beside the
	 * result), what the program said when a reviewer decided (a decision
	 * taken on other evidence is shown for another look), and the
	 * results and verdicts as they stand with the reviewers' decisions:
	 * the latest decision on a rule or case stands */
	"CREATE TABLE rule_evidence ("
	"  case_id TEXT NOT NULL,"
	"  rule_id TEXT NOT NULL,"
	"  field TEXT NOT NULL,"
	"  FOREIGN KEY (case_id, rule_id) REFERENCES rules(case_id, id) ON DELETE CASCADE"
	");"
	"CREATE INDEX rule_evidence_by_rule ON rule_evidence(case_id, rule_id);"
	/* computed by zizhi-decide; inputs: the fields counted, space apart */
	"CREATE TABLE derived ("
	"  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  sure TEXT,"                    /* what the surely read inputs alone give */
	"  confidence REAL NOT NULL,"
	"  status TEXT NOT NULL,"
	"  inputs TEXT NOT NULL,"
	"  note TEXT,"
	"  PRIMARY KEY (case_id, name)"
	");"
	"ALTER TABLE decisions ADD COLUMN machine TEXT;"
	"CREATE INDEX decisions_by_case ON decisions(case_id, rule_id, at);"
	"CREATE VIEW rule_results AS SELECT r.case_id, r.id, r.result AS machine,"
	"  coalesce((SELECT d.decision FROM decisions d WHERE d.case_id = r.case_id"
	"    AND d.rule_id = r.id ORDER BY d.at DESC, d.id DESC LIMIT 1), r.result) AS result"
	"  FROM rules r;"
	/* the verdict is the worst rule, as zizhi-decide orders them */
	"CREATE VIEW case_verdicts AS SELECT c.id, c.verdict AS machine,"
	"  coalesce((SELECT d.decision FROM decisions d WHERE d.case_id = c.id"
	"    AND d.rule_id IS NULL ORDER BY d.at DESC, d.id DESC LIMIT 1),"
	"   CASE (SELECT max(CASE rr.result WHEN 'fail' THEN 3 WHEN 'missing' THEN 2"
	"      WHEN 'review' THEN 1 ELSE 0 END) FROM rule_results rr WHERE rr.case_id = c.id)"
	"    WHEN 3 THEN 'ineligible' WHEN 2 THEN 'incomplete' WHEN 1 THEN 'review'"
	"    WHEN 0 THEN 'eligible' ELSE c.verdict END) AS verdict"
	"  FROM cases c;",
	/* 3: the case's life (guide 5 to 9) and its record, kept 6 years
	 * (guide 8). The record of a case is what people did and decided:
	 * case_records (the receipt), statuses, sanctions, appeals,
	 * qualifications, confirmations, events and decisions. They are only
	 * ever added to (a sanction is lifted, an appeal decided, once) and
	 * none can be deleted within 6 years of the receipt. What was read
	 * from the submission (cases, documents, fields ...) is not the record
	 * but a reading of it, replaced on every load: case_records refers to
	 * cases with a deferred foreign key, so a load may delete and insert
	 * a case's rows in its transaction, but nothing can take them away
	 * for good while its record stands. */
	"CREATE TABLE case_records ("
	"  case_id TEXT PRIMARY KEY REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,"
	"  received TEXT NOT NULL"        /* ISO 8601 UTC, the first load: kept from */
	");"
	"INSERT INTO case_records(case_id, received) SELECT id, received FROM cases;"
	"CREATE TRIGGER cases_recorded AFTER INSERT ON cases BEGIN"
	"  INSERT OR IGNORE INTO case_records(case_id, received) VALUES (NEW.id, NEW.received);"
	" END;"
	"CREATE TABLE statuses ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES case_records(case_id),"
	"  status TEXT NOT NULL CHECK (status IN ('received', 'formal-review',"
	"    'capability-evaluation', 'panel', 'certificate-issued', 'maintenance',"
	"    'waiting', 'answered', 'closed')),"
	"  date TEXT NOT NULL CHECK (date IS date(date)),"  /* when it took effect */
	"  at TEXT NOT NULL,"                               /* when it was recorded, UTC */
	"  actor TEXT NOT NULL CHECK (length(actor) > 0),"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0)"
	");"
	"CREATE INDEX statuses_by_case ON statuses(case_id, date);"
	"CREATE TABLE sanctions ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES case_records(case_id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('warning', 'rectification', 'suspension', 'revocation')),"
	"  date TEXT NOT NULL CHECK (date IS date(date)),"
	"  until TEXT CHECK (until IS date(until) AND until >= date)," /* deadline, or end */
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL CHECK (length(actor) > 0),"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0),"
	"  lifted TEXT CHECK (lifted IS date(lifted) AND lifted >= date),"
	"  lifted_at TEXT,"
	"  lifted_by TEXT,"
	"  lift_reason TEXT CHECK (length(lift_reason) > 0),"
	"  CHECK (kind <> 'rectification' OR until IS NOT NULL),"
	"  CHECK ((lifted IS NULL) = (lift_reason IS NULL))"
	");"
	"CREATE TABLE appeals ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES case_records(case_id),"
	"  date TEXT NOT NULL CHECK (date IS date(date)),"
	"  subject TEXT NOT NULL CHECK (length(subject) > 0),"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL CHECK (length(actor) > 0),"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0),"
	"  outcome TEXT CHECK (outcome IN ('upheld', 'dismissed', 'withdrawn')),"
	"  decided TEXT CHECK (decided IS date(decided) AND decided >= date),"
	"  decided_at TEXT,"
	"  decided_by TEXT,"
	"  outcome_reason TEXT CHECK (length(outcome_reason) > 0),"
	"  CHECK ((outcome IS NULL) = (decided IS NULL) AND (outcome IS NULL) = (outcome_reason IS NULL))"
	");"
	"CREATE TABLE qualifications ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES case_records(case_id),"
	"  number TEXT NOT NULL UNIQUE CHECK (length(number) > 0),"
	"  issued TEXT NOT NULL CHECK (issued IS date(issued)),"
	"  valid_until TEXT NOT NULL CHECK (valid_until IS date(valid_until) AND valid_until > issued),"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL CHECK (length(actor) > 0),"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0)"
	");"
	"CREATE TABLE confirmations ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES case_records(case_id),"
	"  qualification_id INTEGER NOT NULL REFERENCES qualifications(id),"
	"  date TEXT NOT NULL CHECK (date IS date(date)),"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL CHECK (length(actor) > 0),"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0)"
	");"
	KEPT("statuses") KEPT("sanctions") KEPT("appeals") KEPT("qualifications")
	KEPT("confirmations") KEPT("events") KEPT("decisions")
	"CREATE TRIGGER case_records_kept BEFORE DELETE ON case_records WHEN OLD.received > " CUTOFF
	" BEGIN SELECT RAISE(ABORT, 'records are kept 6 years'); END;"
	UNCHANGED("case_records") UNCHANGED("statuses") UNCHANGED("qualifications")
	UNCHANGED("confirmations") UNCHANGED("events") UNCHANGED("decisions")
	"CREATE TRIGGER sanctions_lifted_once BEFORE UPDATE ON sanctions WHEN OLD.lifted IS NOT NULL"
	"  OR NEW.lifted IS NULL OR (NEW.id, NEW.case_id, NEW.kind, NEW.date, NEW.until, NEW.at,"
	"  NEW.actor, NEW.reason) IS NOT (OLD.id, OLD.case_id, OLD.kind, OLD.date, OLD.until, OLD.at,"
	"  OLD.actor, OLD.reason)"
	" BEGIN SELECT RAISE(ABORT, 'a sanction is only lifted, once'); END;"
	"CREATE TRIGGER appeals_decided_once BEFORE UPDATE ON appeals WHEN OLD.outcome IS NOT NULL"
	"  OR NEW.outcome IS NULL OR (NEW.id, NEW.case_id, NEW.date, NEW.subject, NEW.at, NEW.actor,"
	"  NEW.reason) IS NOT (OLD.id, OLD.case_id, OLD.date, OLD.subject, OLD.at, OLD.actor,"
	"  OLD.reason)"
	" BEGIN SELECT RAISE(ABORT, 'an appeal is only decided, once'); END;"
	/* the name and code that stand for each case */
	"CREATE VIEW applicants AS SELECT case_id,"
	"  max(CASE name WHEN 'org.name' THEN value END) AS name,"
	"  max(CASE name WHEN 'org.uscc' THEN value END) AS uscc"
	"  FROM fields WHERE canonical AND name IN ('org.name', 'org.uscc') GROUP BY case_id;"
	/* The processing clock (guide 9) runs from the receipt (a received
	 * status, else the first load) to the first certificate-issued or
	 * closed status, and stops while the applicant is asked for 补充资料:
	 * from a waiting status to the next status that is not one. The
	 * limit, in months, is in the rules file: zz_life_clock adds it. */
	"CREATE VIEW clock_bounds AS SELECT r.case_id,"
	"  coalesce((SELECT min(s.date) FROM statuses s WHERE s.case_id = r.case_id"
	"    AND s.status = 'received'), date(r.received)) AS start,"
	"  (SELECT min(s.date) FROM statuses s WHERE s.case_id = r.case_id"
	"    AND s.status IN ('certificate-issued', 'closed')) AS stop"
	"  FROM case_records r;"
	"CREATE VIEW clock_waits AS SELECT w.case_id, w.date AS since,"
	"  (SELECT min(s.date) FROM statuses s WHERE s.case_id = w.case_id AND s.status <> 'waiting'"
	"    AND (s.date, s.id) > (w.date, w.id)) AS till"
	"  FROM statuses w WHERE w.status = 'waiting' AND coalesce((SELECT p.status FROM statuses p"
	"    WHERE p.case_id = w.case_id AND (p.date, p.id) < (w.date, w.id)"
	"    ORDER BY p.date DESC, p.id DESC LIMIT 1), '') <> 'waiting';"
	/* every change of the case's life, in one list */
	"CREATE VIEW life AS"
	"  SELECT case_id, date, at, 'status' AS kind, status AS what, NULL AS ref, actor, reason"
	"   FROM statuses"
	"  UNION ALL SELECT case_id, date, at, 'sanction', kind, id, actor,"
	"   reason || coalesce(' (until ' || until || ')', '') FROM sanctions"
	"  UNION ALL SELECT case_id, lifted, lifted_at, 'lift', kind, id, lifted_by, lift_reason"
	"   FROM sanctions WHERE lifted IS NOT NULL"
	"  UNION ALL SELECT case_id, date, at, 'appeal', subject, id, actor, reason FROM appeals"
	"  UNION ALL SELECT case_id, decided, decided_at, 'outcome', outcome, id, decided_by,"
	"   outcome_reason FROM appeals WHERE outcome IS NOT NULL"
	"  UNION ALL SELECT case_id, issued, at, 'qualification', number, id, actor,"
	"   reason || ' (valid until ' || valid_until || ')' FROM qualifications"
	"  UNION ALL SELECT c.case_id, c.date, c.at, 'confirmation', q.number, q.id, c.actor, c.reason"
	"   FROM confirmations c JOIN qualifications q ON q.id = c.qualification_id;",
	/* 4: the reviewers' station (zizhi serve). Accounts: a password is
	 * kept only as its yescrypt hash; an account is disabled, never
	 * deleted, since decisions name it. Sessions are kept by the SHA-256
	 * of their id (a copy of the database opens no session). A lease says
	 * who has a case open for review, until when. Corrections are a
	 * reviewer's value for a field, part of the record like decisions:
	 * added to, never changed, kept 6 years. */
	"CREATE TABLE users ("
	"  name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),"
	"  hash TEXT NOT NULL,"           /* crypt(3) string, $y$ (yescrypt) */
	"  created TEXT NOT NULL,"
	"  disabled TEXT,"                /* when, or NULL: may log in */
	"  failures INTEGER NOT NULL DEFAULT 0," /* failed logins in a row */
	"  failed_at TEXT"                /* the last one */
	");"
	"CREATE TABLE sessions ("
	"  hash TEXT PRIMARY KEY,"        /* SHA-256 of the id, hex */
	"  user TEXT NOT NULL REFERENCES users(name),"
	"  csrf TEXT NOT NULL,"           /* the forms' token */
	"  created TEXT NOT NULL,"
	"  seen TEXT NOT NULL,"           /* last request: idle expiry */
	"  address TEXT"
	");"
	"CREATE INDEX sessions_by_user ON sessions(user);"
	"CREATE TABLE leases ("
	"  case_id TEXT PRIMARY KEY,"
	"  user TEXT NOT NULL,"
	"  since TEXT NOT NULL,"
	"  until TEXT NOT NULL"
	");"
	"CREATE TABLE corrections ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  reviewer TEXT NOT NULL,"
	"  field TEXT NOT NULL,"
	"  document_id TEXT,"
	"  value TEXT NOT NULL,"
	"  was TEXT,"                     /* the value the program had */
	"  reason TEXT NOT NULL CHECK (length(reason) > 0)"
	");"
	"CREATE INDEX corrections_by_case ON corrections(case_id, field, id);"
	KEPT("corrections") UNCHANGED("corrections"),
	/* 4 -> 5: the re-reads tried of a field's box, for the reviewer; the
	 * rules that decided a case (a qualification's rules file, chosen by
	 * what its form declares); logins slowed by name and address */
	"ALTER TABLE fields ADD COLUMN tried TEXT;"
	"ALTER TABLE cases ADD COLUMN rules TEXT;"
	/* failed logins of names no account has and of addresses (users.c) */
	"CREATE TABLE throttles ("
	"  key TEXT PRIMARY KEY,"          /* name:NAME or address:ADDRESS */
	"  failures INTEGER NOT NULL,"
	"  failed_at TEXT NOT NULL"
	");",
};

/* Prepares sql with its ?s bound to the strings in v (NULL binds NULL). */
struct sqlite3_stmt *
zz_db_prepare(sqlite3 *db, const char *sql, const char *const *v, int n, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	for (int i = 0; rc == SQLITE_OK && i < n; i++)
		rc = v[i] ? sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_TRANSIENT)
		          : sqlite3_bind_null(st, i + 1);
	if (rc == SQLITE_OK)
		return st;
	if (err && !*err)
		*err = zz_easprintf("%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return NULL;
}

char *
zz_db_text(sqlite3 *db, const char *sql, const char *const *v, int n, char **err)
{
	sqlite3_stmt *st = zz_db_prepare(db, sql, v, n, err);
	char *r = NULL;
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		r = zz_estrdup((const char *)sqlite3_column_text(st, 0));
	else if (st && rc != SQLITE_DONE && err && !*err)
		*err = zz_easprintf("%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return r;
}

int
zz_db_run(sqlite3 *db, const char *sql, const char *const *v, int n, char **err)
{
	sqlite3_stmt *st = zz_db_prepare(db, sql, v, n, err);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (st && rc != SQLITE_DONE && rc != SQLITE_ROW && err && !*err)
		*err = zz_easprintf("%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int
zz_db_begin(sqlite3 *db, char **err)
{
	return zz_db_run(db, "BEGIN IMMEDIATE", NULL, 0, err);
}

int
zz_db_end(sqlite3 *db, char **err)
{
	if (!*err && zz_db_run(db, "COMMIT", NULL, 0, err) == 0)
		return 0;
	char *ignored = NULL;
	zz_db_run(db, "ROLLBACK", NULL, 0, &ignored);
	free(ignored);
	return -1;
}

int
zz_db_version(void)
{
	return (int)(sizeof migrations / sizeof *migrations);
}

static int
exec(sqlite3 *db, const char *sql, char **err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	*err = zz_easprintf("%s", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return -1;
}

/* The journal mode in mode; -1 with the error code in *rc when the
 * statement fails. */
static int
journal_mode(sqlite3 *db, const char *sql, char mode[16], int *rc)
{
	sqlite3_stmt *st = NULL;
	mode[0] = '\0';
	*rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (*rc == SQLITE_OK && (*rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *m = sqlite3_column_text(st, 0);
		snprintf(mode, 16, "%s", m ? (const char *)m : "");
		*rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return *rc == SQLITE_OK ? 0 : -1;
}

/* WAL, waiting as the busy timeout would. PRAGMA journal_mode = WAL needs
 * the database to itself and SQLite runs no busy handler for it: a new
 * database opened by several programs at once (the first minute of a
 * batch, eight loaders) had all but one told "database is locked". WAL
 * stays with the file, so once it is set nothing is changed; until then
 * the change is tried again, as long as the busy timeout. */
static int
wal(sqlite3 *db, char **err)
{
	char mode[16];
	int rc = SQLITE_OK;
	for (long waited = 0, step = 5;; waited += step, step = step < 100 ? step * 2 : 100) {
		if (journal_mode(db, "PRAGMA journal_mode", mode, &rc) == 0 && !strcasecmp(mode, "wal"))
			return 0;
		if (rc == SQLITE_OK &&
		    journal_mode(db, "PRAGMA journal_mode = WAL", mode, &rc) == 0 && !strcasecmp(mode, "wal"))
			return 0;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED && rc != SQLITE_OK) || waited >= BUSY_MS) {
			*err = zz_easprintf("cannot use the write-ahead log: %s",
			                    rc == SQLITE_OK ? mode : sqlite3_errstr(rc));
			return -1;
		}
		sqlite3_sleep((int)step);
	}
}

static int
user_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Each step in one IMMEDIATE transaction: two programs opening a new
 * database at once migrate it once, the second finding it done. */
static int
migrate(sqlite3 *db, const char *path, int target, char **err)
{
	for (;;) {
		if (exec(db, "BEGIN IMMEDIATE", err) < 0)
			return -1;
		int v = user_version(db);
		if (v < 0 || v > zz_db_version()) {
			exec(db, "ROLLBACK", err);
			free(*err);
			*err = v < 0 ? zz_easprintf("%s: cannot read its schema version", path)
			             : zz_easprintf("%s: schema version %d is newer than this program's %d",
			                            path, v, zz_db_version());
			return -1;
		}
		if (v >= target)
			return exec(db, "COMMIT", err);
		char *bump = zz_easprintf("PRAGMA user_version = %d", v + 1);
		int rc = exec(db, migrations[v], err) < 0 || exec(db, bump, err) < 0 ? -1 : 0;
		free(bump);
		if (rc < 0) {
			char *why = *err, *ignored = NULL;
			exec(db, "ROLLBACK", &ignored);
			free(ignored);
			*err = zz_easprintf("%s: migration to version %d: %s", path, v + 1, why);
			free(why);
			return -1;
		}
		if (exec(db, "COMMIT", err) < 0)
			return -1;
	}
}

sqlite3 *
zz_db_open(const char *path, char **err)
{
	return zz_db_open_at(path, zz_db_version(), err);
}

/* Migrating only so far lets the tests make an old database. */
sqlite3 *
zz_db_open_at(const char *path, int version, char **err)
{
	sqlite3 *db = NULL;
	*err = NULL;
	char *dir = zz_estrdup(path), *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (zz_mkdirs(dir, 0755) < 0 && errno != EEXIST)
			*err = zz_easprintf("cannot create '%s': %s", dir, strerror(errno));
	}
	free(dir);
	if (*err)
		return NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		*err = zz_easprintf("cannot open '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, BUSY_MS);
	char *why = NULL;
	if (wal(db, &why) < 0 || exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", &why) < 0 ||
	    migrate(db, path, version, &why) < 0) {
		*err = strncmp(why, path, strlen(path)) ? zz_easprintf("%s: %s", path, why) : why;
		if (*err != why)
			free(why);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

void
zz_db_close(sqlite3 **pdb)
{
	sqlite3_close(*pdb);
	*pdb = NULL;
}

const char *
zz_db_col(struct sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}
