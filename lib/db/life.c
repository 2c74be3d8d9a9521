/* life.c - a case's life after the decision, in the review database
 * (guide 5 to 9): its statuses, sanctions, appeals, the qualification
 * issued and its yearly confirmations, each change kept with who made
 * it, when and why, and an event beside it; and the processing clock.
 * Nothing here is ever changed or deleted: a sanction is lifted and an
 * appeal decided by filling in their ends, once (the schema holds to
 * that, see db.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "db/db.h"

/* The names a clerk may use, in the database's words and the guide's. */
static const char *const names[][2] = {
	{"received", "受理"},
	{"formal-review", "形式审查"},
	{"capability-evaluation", "能力评估"},
	{"panel", "专家评审"},
	{"certificate-issued", "发证"},
	{"maintenance", "证书维护"},
	{"waiting", "补充资料"},
	{"answered", "补充资料已收到"},
	{"closed", "结案"},
	{"warning", "警告"},
	{"rectification", "限期整改"},
	{"suspension", "暂停"},
	{"revocation", "取消"},
	{"upheld", "申诉成立"},
	{"dismissed", "驳回"},
	{"withdrawn", "撤回"},
};
#define NNAMES (sizeof names / sizeof *names)
enum { FIRST_STATUS = 0, FIRST_SANCTION = 9, FIRST_OUTCOME = 13 };

const char *
zz_life_label(const char *id)
{
	for (size_t i = 0; id && i < NNAMES; i++)
		if (!strcmp(id, names[i][0]))
			return names[i][1];
	return NULL;
}

/* The database's word for s among names[from, to), either spelling. */
static const char *
name_in(const char *s, size_t from, size_t to)
{
	for (size_t i = from; s && i < to; i++)
		if (!strcmp(s, names[i][0]) || !strcmp(s, names[i][1]))
			return names[i][0];
	return NULL;
}

int
zz_valid_date(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, n = 0;
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || strspn(s, "0123456789-") != 10)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] && (m != 2 || d <= 28 + leap);
}

/* The clerk's day: the local date, not UTC's. */
char *
zz_today(char buf[11])
{
	time_t t = time(NULL);
	struct tm tm;
	if (!localtime_r(&t, &tm) || !strftime(buf, 11, "%Y-%m-%d", &tm))
		strcpy(buf, "1970-01-01");
	return buf;
}

static int
int_attr(xmlNodePtr n, const char *name, int *out)
{
	char *v = zz_xml_prop(n, name);
	*out = v ? atoi(v) : -1;
	free(v);
	return *out;
}

int
zz_life_terms_load(const char *configdir, const char *rules_path, zz_life_terms *t, char **err)
{
	*err = NULL;
	memset(t, 0, sizeof *t);
	/* the guide's terms: the default qualification's file keeps them */
	char *path = rules_path ? zz_estrdup(rules_path) : zz_rules_default(configdir, err);
	if (!path)
		return -1;
	char *rng = zz_schema_path(configdir, "rules.rng");
	int rc = zz_rng_validate(rng, path, err);
	free(rng);
	xmlDocPtr doc = rc < 0 ? NULL
	                       : xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNodePtr life = NULL;
	for (xmlNodePtr n = doc ? xmlDocGetRootElement(doc)->children : NULL; n && !life; n = n->next)
		if (zz_xml_is(n, "life"))
			life = n;
	if (life) {
		int_attr(life, "valid-years", &t->valid_years);
		int_attr(life, "renewal-months", &t->renewal_months);
		int_attr(life, "confirm-notice-days", &t->confirm_notice_days);
		int_attr(life, "confirm-grace-days", &t->confirm_grace_days);
		int_attr(life, "processing-months", &t->processing_months);
		int_attr(life, "clock-warn-days", &t->clock_warn_days);
	} else if (!*err) {
		*err = doc ? zz_easprintf("%s: no <life> element (the qualification's terms)", path)
		           : zz_easprintf("%s: cannot parse", path);
	}
	xmlFreeDoc(doc);
	free(path);
	return *err ? -1 : 0;
}

static void
event(sqlite3 *db, const zz_life_change *c, const char *at, const char *kind, const char *detail,
      char **err)
{
	const char *v[5] = {c->case_id, at, c->actor, kind, detail};
	char *full = zz_easprintf("%s: %s", detail, c->reason);
	v[4] = full;
	if (!*err)
		zz_db_run(db, "INSERT INTO events(case_id, at, actor, kind, detail, version)"
		              " VALUES (?, ?, ?, ?, ?, '" ZZ_VERSION "')", v, 5, err);
	free(full);
}

/* The row a lift or an outcome ends: of this case, not yet ended. */
static int
end_row(sqlite3 *db, const char *sql, const zz_life_change *c, const char *value, const char *date,
        const char *at, char **err)
{
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", c->ref);
	const char *v[7] = {value, date, at, c->actor, c->reason, ref, c->case_id};
	if (zz_db_run(db, sql, v, 7, err) < 0)
		return -1;
	if (sqlite3_changes(db) == 1)
		return 0;
	*err = zz_easprintf("case %s has no %s %lld still open", c->case_id,
	                    c->what == ZZ_LIFE_LIFT ? "sanction" : "appeal", c->ref);
	return -1;
}

static long long
issue(sqlite3 *db, const zz_life_change *c, const zz_life_terms *t, const char *date, const char *at,
      char **err)
{
	char years[16];
	snprintf(years, sizeof years, "+%d years", t->valid_years);
	const char *w[3] = {date, years, c->until};
	/* valid_years to the day before the anniversary, unless the
	 * certificate says otherwise */
	char *until = zz_db_text(db, "SELECT coalesce(?3, date(?1, ?2, '-1 day'))", w, 3, err);
	const char *v[7] = {c->case_id, c->value, date, until, at, c->actor, c->reason};
	zz_db_run(db, "INSERT INTO qualifications(case_id, number, issued, valid_until, at, actor, reason)"
	              " VALUES (?, ?, ?, ?, ?, ?, ?)", v, 7, err);
	long long id = sqlite3_last_insert_rowid(db);
	char *d = zz_easprintf("qualification %s issued %s, valid until %s", c->value, date, until ? until : "?");
	event(db, c, at, "qualification", d, err);
	free(d), free(until);
	const char *s[5] = {c->case_id, date, at, c->actor, c->reason};
	zz_db_run(db, "INSERT INTO statuses(case_id, status, date, at, actor, reason)"
	              " VALUES (?, 'certificate-issued', ?, ?, ?, ?)", s, 5, err);
	d = zz_easprintf("certificate-issued from %s", date);
	event(db, c, at, "status", d, err);
	free(d);
	return id;
}

static long long
confirm(sqlite3 *db, const zz_life_change *c, const char *date, const char *at, char **err)
{
	const char *v[2] = {c->case_id, date};
	sqlite3_stmt *st = zz_db_prepare(db, "SELECT id, number, valid_until FROM qualifications"
	                                     " WHERE case_id = ? AND issued <= ?2 ORDER BY issued DESC, id DESC",
	                                 v, 2, err);
	if (!st || sqlite3_step(st) != SQLITE_ROW) {
		if (!*err)
			*err = zz_easprintf("case %s has no qualification issued by %s", c->case_id, date);
		sqlite3_finalize(st);
		return 0;
	}
	long long id = 0;
	const char *number = (const char *)sqlite3_column_text(st, 1);
	const char *until = (const char *)sqlite3_column_text(st, 2);
	if (strcmp(date, until) > 0) {
		*err = zz_easprintf("qualification %s expired on %s", number, until);
	} else {
		const char *w[6] = {c->case_id, (const char *)sqlite3_column_text(st, 0), date, at, c->actor,
		                    c->reason};
		zz_db_run(db, "INSERT INTO confirmations(case_id, qualification_id, date, at, actor, reason)"
		              " VALUES (?, ?, ?, ?, ?, ?)", w, 6, err);
		id = sqlite3_last_insert_rowid(db);
		char *d = zz_easprintf("qualification %s confirmed %s", number, date);
		event(db, c, at, "confirmation", d, err);
		free(d);
	}
	sqlite3_finalize(st);
	return id;
}

/* The change's own checks, before the database's: names and dates. */
static const char *
check(const zz_life_change *c, const char **value, char **err)
{
	static const char *const what[] = {"status", "sanction", "lift", "appeal", "outcome", "issue",
	                                   "confirmation"};
	*value = c->value;
	if (c->what == ZZ_LIFE_STATUS && !(*value = name_in(c->value, FIRST_STATUS, FIRST_SANCTION)))
		*err = zz_easprintf("'%s' is not a status (received, formal-review, capability-evaluation,"
		                    " panel, certificate-issued, maintenance, waiting, answered, closed)",
		                    c->value ? c->value : "");
	else if (c->what == ZZ_LIFE_SANCTION && !(*value = name_in(c->value, FIRST_SANCTION, FIRST_OUTCOME)))
		*err = zz_easprintf("'%s' is not a sanction (警告 warning, 限期整改 rectification,"
		                    " 暂停 suspension, 取消 revocation)", c->value ? c->value : "");
	else if (c->what == ZZ_LIFE_OUTCOME && !(*value = name_in(c->value, FIRST_OUTCOME, NNAMES)))
		*err = zz_easprintf("'%s' is not an appeal's outcome (申诉成立 upheld, 驳回 dismissed,"
		                    " 撤回 withdrawn)", c->value ? c->value : "");
	else if ((c->what == ZZ_LIFE_APPEAL || c->what == ZZ_LIFE_ISSUE) && (!c->value || !*c->value))
		*err = zz_easprintf("%s", c->what == ZZ_LIFE_APPEAL ? "an appeal needs a subject"
		                                                    : "a qualification needs its number");
	else if (c->what == ZZ_LIFE_SANCTION && !strcmp(*value, "rectification") && !c->until)
		*err = zz_easprintf("限期整改 (rectification) needs its deadline (until)");
	else if (c->date && !zz_valid_date(c->date))
		*err = zz_easprintf("'%s' is not a date (YYYY-MM-DD)", c->date);
	else if (c->until && !zz_valid_date(c->until))
		*err = zz_easprintf("'%s' is not a date (YYYY-MM-DD)", c->until);
	else if (!c->reason || !c->reason[strspn(c->reason, " \t\n")])
		*err = zz_easprintf("a change needs a reason");
	else if (!c->actor || !*c->actor)
		*err = zz_easprintf("a change needs the name of who makes it");
	return what[c->what];
}

/* Makes the change (value: in the database's words); the number of the
 * row made or ended. */
static long long
apply(sqlite3 *db, const zz_life_change *c, const zz_life_terms *t, const char *value, const char *date,
      const char *at, char **err)
{
	const char *v[7] = {c->case_id, value, date, c->until, at, c->actor, c->reason};
	long long id = c->ref;
	char *d = NULL;
	if (c->what == ZZ_LIFE_STATUS) {
		zz_db_run(db, "INSERT INTO statuses(case_id, status, date, at, actor, reason)"
		              " VALUES (?1, ?2, ?3, ?5, ?6, ?7)", v, 7, err);
		id = sqlite3_last_insert_rowid(db);
		event(db, c, at, "status", d = zz_easprintf("%s from %s", value, date), err);
	} else if (c->what == ZZ_LIFE_SANCTION) {
		zz_db_run(db, "INSERT INTO sanctions(case_id, kind, date, until, at, actor, reason)"
		              " VALUES (?, ?, ?, ?, ?, ?, ?)", v, 7, err);
		id = sqlite3_last_insert_rowid(db);
		d = zz_easprintf("%s %lld from %s%s%s", value, id, date, c->until ? " until " : "",
		                 c->until ? c->until : "");
		event(db, c, at, "sanction", d, err);
	} else if (c->what == ZZ_LIFE_LIFT) {
		end_row(db, "UPDATE sanctions SET lifted = ?2, lifted_at = ?3, lifted_by = ?4, lift_reason = ?5"
		            " WHERE id = ?6 AND case_id = ?7 AND lifted IS NULL", c, NULL, date, at, err);
		event(db, c, at, "sanction", d = zz_easprintf("sanction %lld lifted %s", c->ref, date), err);
	} else if (c->what == ZZ_LIFE_APPEAL) {
		zz_db_run(db, "INSERT INTO appeals(case_id, subject, date, at, actor, reason)"
		              " VALUES (?1, ?2, ?3, ?5, ?6, ?7)", v, 7, err);
		id = sqlite3_last_insert_rowid(db);
		event(db, c, at, "appeal", d = zz_easprintf("appeal %lld from %s: %s", id, date, value), err);
	} else if (c->what == ZZ_LIFE_OUTCOME) {
		end_row(db, "UPDATE appeals SET outcome = ?1, decided = ?2, decided_at = ?3, decided_by = ?4,"
		            " outcome_reason = ?5 WHERE id = ?6 AND case_id = ?7 AND outcome IS NULL", c, value,
		        date, at, err);
		event(db, c, at, "appeal", d = zz_easprintf("appeal %lld %s %s", c->ref, value, date), err);
	} else if (c->what == ZZ_LIFE_ISSUE) {
		id = issue(db, c, t, date, at, err);
	} else {
		id = confirm(db, c, date, at, err);
	}
	free(d);
	return id;
}

int
zz_life_record(sqlite3 *db, const zz_life_change *c, const zz_life_terms *t, long long *id, char **err)
{
	*err = NULL;
	*id = 0;
	const char *value, *what = check(c, &value, err);
	if (*err || zz_db_begin(db, err) < 0)
		return -1;
	char at[32], today[11];
	const char *date = c->date ? c->date : zz_today(today);
	zz_utc_time(time(NULL), at);
	const char *k[1] = {c->case_id};
	char *known = zz_db_text(db, "SELECT 1 FROM case_records WHERE case_id = ?", k, 1, err);
	if (!known && !*err)
		*err = zz_easprintf("case %s has no record (load it first)", c->case_id);
	free(known);
	if (!*err)
		*id = apply(db, c, t, value, date, at, err);
	if (zz_db_end(db, err) == 0)
		return 0;
	*id = 0;
	char *why = *err;
	*err = zz_easprintf("%s: %s", what, why);
	free(why);
	return -1;
}

/* The clock as of ?1: the paused days are the waits clipped to the time
 * the clock ran (from its start to its stop or ?1). */
static const char clock_sql[] =
	"WITH b AS (SELECT start, stop, CASE WHEN stop < ?1 THEN stop ELSE ?1 END AS upto"
	"   FROM clock_bounds WHERE case_id = ?3 AND start <= ?1),"
	" w AS (SELECT max(0, julianday(min(coalesce(till, upto), upto)) - julianday(max(since, start))) AS days,"
	"   since <= upto AND (till IS NULL OR till > upto) AS open FROM clock_waits, b WHERE case_id = ?3),"
	" p AS (SELECT CAST(coalesce(sum(days), 0) AS INTEGER) AS paused, coalesce(max(open), 0) AS open FROM w),"
	" c AS (SELECT start, coalesce(stop, '') AS stop, upto, paused, open,"
	"   date(start, '+' || ?2 || ' months', '+' || paused || ' days') AS due FROM b, p)"
	" SELECT start, stop, due, CAST(julianday(upto) - julianday(start) AS INTEGER) - paused,"
	"  CAST(julianday(due) - julianday(?1) AS INTEGER), paused, open AND stop = '' FROM c";

int
zz_life_clock(sqlite3 *db, const char *case_id, const char *as_of, const zz_life_terms *t, zz_clock *c,
              char **err)
{
	*err = NULL;
	memset(c, 0, sizeof *c);
	char months[16];
	snprintf(months, sizeof months, "%d", t->processing_months);
	const char *v[3] = {as_of, months, case_id};
	sqlite3_stmt *st = zz_db_prepare(db, clock_sql, v, 3, err);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (rc == SQLITE_ROW) {
		snprintf(c->start, sizeof c->start, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(c->stop, sizeof c->stop, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(c->due, sizeof c->due, "%s", (const char *)sqlite3_column_text(st, 2));
		c->used = sqlite3_column_int(st, 3);
		c->left = sqlite3_column_int(st, 4);
		c->paused = sqlite3_column_int(st, 5);
		c->waiting = sqlite3_column_int(st, 6);
	} else if (st && rc != SQLITE_DONE && !*err) {
		*err = zz_easprintf("%s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	return *err ? -1 : rc == SQLITE_ROW ? 0 : 1;
}
