/* lease.c - who has a case open for review in the station, until when,
 * and the case's version (its latest event), by which a save made on an
 * older view of the case is told from one made on the latest. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "db/db.h"

void
zz_lease_free(zz_lease *l)
{
	if (!l)
		return;
	free(l->user), free(l->since), free(l->until);
	memset(l, 0, sizeof *l);
}

static int
read_lease(sqlite3 *db, const char *case_id, const char *now, zz_lease *out, char **err)
{
	const char *v[2] = {case_id, now};
	sqlite3_stmt *st = zz_db_prepare(db, "SELECT user, since, until FROM leases"
	                                     " WHERE case_id = ? AND until > ?", v, 2, err);
	if (!st)
		return -1;
	int rc = sqlite3_step(st), got = 0;
	if (rc == SQLITE_ROW) {
		out->user = zz_estrdup(zz_db_col(st, 0));
		out->since = zz_estrdup(zz_db_col(st, 1));
		out->until = zz_estrdup(zz_db_col(st, 2));
		got = 1;
	} else if (rc != SQLITE_DONE) {
		*err = zz_easprintf("%s", sqlite3_errmsg(db));
		got = -1;
	}
	sqlite3_finalize(st);
	return got;
}

int
zz_lease_get(sqlite3 *db, const char *case_id, zz_lease *out, char **err)
{
	char now[32];
	*err = NULL;
	memset(out, 0, sizeof *out);
	zz_utc_time(time(NULL), now);
	return read_lease(db, case_id, now, out, err);
}

/* In one write transaction, so two clerks opening a case at once cannot
 * both take it. */
int
zz_lease_take(sqlite3 *db, const char *case_id, const char *user, int seconds, zz_lease *holder,
              char **err)
{
	char now[32], until[32];
	*err = NULL;
	memset(holder, 0, sizeof *holder);
	time_t t = time(NULL);
	zz_utc_time(t, now);
	zz_utc_time(t + (seconds > 0 ? seconds : 1), until);
	if (zz_db_begin(db, err) < 0)
		return -1;
	zz_lease other = {0};
	int held = read_lease(db, case_id, now, &other, err);
	int mine = held == 0 || (held == 1 && !strcmp(other.user, user));
	if (mine) {
		/* a renewal keeps its start: "since" is when the clerk opened it */
		const char *v[4] = {case_id, user, held ? other.since : now, until};
		zz_db_run(db, "INSERT OR REPLACE INTO leases(case_id, user, since, until) VALUES (?, ?, ?, ?)",
		          v, 4, err);
	}
	if (zz_db_end(db, err) < 0) {
		zz_lease_free(&other);
		return -1;
	}
	if (mine) {
		zz_lease_free(&other);
		return 1;
	}
	*holder = other;
	return 0;
}

int
zz_lease_release(sqlite3 *db, const char *case_id, const char *user, char **err)
{
	const char *v[2] = {case_id, user};
	*err = NULL;
	return zz_db_run(db, "DELETE FROM leases WHERE case_id = ? AND user = ?", v, 2, err);
}

char *
zz_case_version(sqlite3 *db, const char *case_id, char **err)
{
	const char *v[1] = {case_id};
	*err = NULL;
	char *s = zz_db_text(db, "SELECT coalesce(max(id), 0) FROM events WHERE case_id = ?", v, 1, err);
	return s ? s : *err ? NULL : zz_estrdup("0");
}
