/* db.c - the review database (SQLite): opened with WAL (readers never wait
 * for the loader), foreign keys on, a busy timeout (concurrent loaders
 * queue instead of failing), and the schema brought to this program's
 * version by the migrations below, each in its own transaction, the
 * version kept in PRAGMA user_version. A database newer than the program
 * is refused rather than misread. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "zizhi.h"

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
};

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
migrate(sqlite3 *db, const char *path, char **err)
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
		if (v == zz_db_version())
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
	sqlite3_busy_timeout(db, 30000);
	char *why = NULL;
	if (exec(db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL",
	         &why) < 0 ||
	    migrate(db, path, &why) < 0) {
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
