/* recheck.c - what is due as of a date, from the review database (spec
 * §4): qualifications to renew or expired, yearly confirmations, cases
 * whose verdict an expired certificate would change, processing clocks
 * running out, sanctions whose deadline has come. The terms and the
 * rules that date or count certificates are read from the rules file,
 * so another qualification's file brings its own. A case closed, or
 * whose qualification was revoked, has nothing due. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "db/db.h"

/* A rule that a date check or a count of dated records can make fail
 * as time passes: <not-before field=> or <at-least field=derived.X>
 * with X a count of records valid on the day. */
typedef struct evcheck {
	char *rules; /* the rules file's id: the cases it decided are checked */
	char *rule, *field;
	char *record, *key, *valid; /* a count: record[i].key counted, record[i].valid its date */
	long long min;
} evcheck;

typedef struct rechecker {
	sqlite3 *db;
	const char *as_of;
	zz_life_terms t;
	evcheck *ev;
	int nev, evcap;
	zz_dues *out;
	char *err;
} rechecker;

/* as of ?1: closed, or its qualification revoked and not restored */
#define ENDED(id)                                                                                 \
	"(EXISTS (SELECT 1 FROM statuses s WHERE s.case_id = " id " AND s.status = 'closed'"    \
	"   AND s.date <= ?1) OR EXISTS (SELECT 1 FROM sanctions k WHERE k.case_id = " id        \
	"   AND k.kind = 'revocation' AND k.date <= ?1 AND (k.lifted IS NULL OR k.lifted > ?1)))"
/* as of ?1: its latest qualification, if it has one, has not expired */
#define UNEXPIRED(id)                                                                             \
	"coalesce((SELECT q.valid_until FROM qualifications q WHERE q.case_id = " id             \
	"  AND q.issued <= ?1 ORDER BY q.issued DESC, q.id DESC LIMIT 1), ?1) >= ?1"

static void
due(rechecker *R, const char *case_id, const char *applicant, const char *kind, const char *date,
    const char *rule, const char *qualification, char *detail)
{
	zz_due *d = ZZ_PUSH(R->out->v, R->out->n, R->out->cap);
	d->case_id = zz_estrdup(case_id);
	d->applicant = applicant && *applicant ? zz_estrdup(applicant) : NULL;
	d->kind = zz_estrdup(kind);
	d->date = zz_estrdup(date);
	d->rule = rule ? zz_estrdup(rule) : NULL;
	d->qualification = qualification ? zz_estrdup(qualification) : NULL;
	d->detail = detail;
}

/* base moved by the SQLite date modifiers m1 and m2 (NULL: none) */
static char *
shift(rechecker *R, const char *base, const char *m1, const char *m2)
{
	const char *v[3] = {base, m1, m2};
	sqlite3_stmt *st = zz_db_prepare(R->db, "SELECT date(?1, coalesce(?2, '+0 days'), coalesce(?3, '+0 days'))",
	                                 v, 3, &R->err);
	char *r = zz_estrdup(st && sqlite3_step(st) == SQLITE_ROW ? zz_db_col(st, 0) : "");
	sqlite3_finalize(st);
	return r;
}

/* Each confirmation, in order, answers the earliest anniversary not yet
 * answered whose half-year before it has begun: one done late still
 * counts for its year, one done twice in a year not for the next. */
static void
confirmations(rechecker *R, const char *case_id, const char *applicant, const char *qid,
              const char *number, const char *issued, const char *until)
{
	enum { MAXY = 64 };
	char *anniv[MAXY], *opens[MAXY];
	int n = 0, confirmed[MAXY] = {0};
	for (; n < MAXY && n < R->t.valid_years; n++) {
		char years[24];
		snprintf(years, sizeof years, "+%d years", n + 1);
		anniv[n] = shift(R, issued, years, NULL);
		opens[n] = shift(R, anniv[n], "-6 months", NULL);
		if (strcmp(anniv[n], until) >= 0) { /* the last one is the expiry's */
			free(anniv[n]), free(opens[n]);
			break;
		}
	}
	const char *v[2] = {R->as_of, qid};
	sqlite3_stmt *st = zz_db_prepare(R->db, "SELECT date FROM confirmations WHERE qualification_id = ?2"
	                                        " AND date <= ?1 ORDER BY date, id", v, 2, &R->err);
	for (int j = 0; st && sqlite3_step(st) == SQLITE_ROW && j < n;)
		if (strcmp(zz_db_col(st, 0), opens[j]) >= 0)
			confirmed[j++] = 1;
	sqlite3_finalize(st);
	char notice[24], grace[24];
	snprintf(notice, sizeof notice, "-%d days", R->t.confirm_notice_days);
	snprintf(grace, sizeof grace, "+%d days", R->t.confirm_grace_days);
	for (int k = 0; k < n; k++) {
		char *from = shift(R, anniv[k], notice, NULL), *late = shift(R, anniv[k], grace, NULL);
		if (!confirmed[k] && strcmp(R->as_of, from) >= 0) {
			int overdue = strcmp(R->as_of, late) > 0;
			due(R, case_id, applicant, overdue ? "confirmation-overdue" : "confirmation", anniv[k], NULL,
			    number, zz_easprintf("yearly confirmation %d of qualification %s%s%s", k + 1, number,
			                         overdue ? ", overdue since " : ", overdue after ", late));
		}
		free(from), free(late), free(anniv[k]), free(opens[k]);
	}
}

static void
qualifications(rechecker *R)
{
	char months[24];
	snprintf(months, sizeof months, "-%d months", R->t.renewal_months);
	const char *v[2] = {R->as_of, months};
	/* the latest qualification of each applicant (one issued later in
	 * the same case or to the same credit code replaces it); renewal is
	 * applied for when a case of the same credit code came in after it
	 * was issued */
	sqlite3_stmt *st = zz_db_prepare(
		R->db,
		"SELECT q.case_id, a.name, q.id, q.number, q.issued, q.valid_until, date(q.valid_until, ?2),"
		"  EXISTS (SELECT 1 FROM case_records r JOIN applicants b ON b.case_id = r.case_id"
		"    WHERE b.uscc = a.uscc AND r.case_id <> q.case_id AND date(r.received) >= q.issued)"
		" FROM qualifications q LEFT JOIN applicants a ON a.case_id = q.case_id"
		" WHERE q.issued <= ?1 AND NOT " ENDED("q.case_id")
		"  AND NOT EXISTS (SELECT 1 FROM qualifications p LEFT JOIN applicants b ON b.case_id = p.case_id"
		"    WHERE p.issued <= ?1 AND (p.issued, p.id) > (q.issued, q.id)"
		"    AND (p.case_id = q.case_id OR b.uscc = a.uscc))",
		v, 2, &R->err);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *id = zz_db_col(st, 0), *name = zz_db_col(st, 1), *number = zz_db_col(st, 3), *until = zz_db_col(st, 5);
		if (strcmp(R->as_of, until) > 0) {
			due(R, id, name, "expired", until, NULL, number,
			    zz_easprintf("qualification %s expired (close the case once it is dealt with)", number));
			continue;
		}
		if (strcmp(R->as_of, zz_db_col(st, 6)) >= 0 && !sqlite3_column_int(st, 7))
			due(R, id, name, "renewal", until, NULL, number,
			    zz_easprintf("qualification %s expires; renewal due since %s", number, zz_db_col(st, 6)));
		confirmations(R, id, name, zz_db_col(st, 2), number, zz_db_col(st, 4), until);
	}
	sqlite3_finalize(st);
}

/* the cases the rules file ?4 decided (or, loaded before cases recorded
 * it, any) whose verdict would change were rule ?2 to fail, with their
 * applicant and a column of their field (or derived field) ?3 */
#define OPEN_CASES_WITH(table, column)                                                            \
	"SELECT c.id, a.name, f." column " FROM cases c JOIN case_verdicts v ON v.id = c.id"      \
	" JOIN rule_results rr ON rr.case_id = c.id AND rr.id = ?2 AND rr.result = 'pass'"         \
	" JOIN " table " f ON f.case_id = c.id AND f.name = ?3"                                    \
	" LEFT JOIN applicants a ON a.case_id = c.id"                                              \
	" WHERE v.verdict <> 'ineligible' AND (c.rules IS NULL OR c.rules = ?4)"                    \
	"  AND NOT " ENDED("c.id") " AND " UNEXPIRED("c.id")

static void
dated(rechecker *R, const evcheck *e)
{
	const char *v[4] = {R->as_of, e->rule, e->field, e->rules};
	sqlite3_stmt *st = zz_db_prepare(R->db, OPEN_CASES_WITH("fields", "value") " AND f.canonical"
	                                        " AND f.value IS date(f.value) AND f.value < ?1", v, 4, &R->err);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char *from = shift(R, zz_db_col(st, 2), "+1 day", NULL);
		due(R, zz_db_col(st, 0), zz_db_col(st, 1), "evidence", from, e->rule, NULL,
		    zz_easprintf("rule %s would fail: %s %s has passed", e->rule, e->field, zz_db_col(st, 2)));
		free(from);
	}
	sqlite3_finalize(st);
}

/* The dates of the records a count used, latest first; the rule fails
 * the day after the min-th of them. */
static void
counted(rechecker *R, const evcheck *e)
{
	const char *v[4] = {R->as_of, e->rule, e->field, e->rules};
	sqlite3_stmt *st =
		zz_db_prepare(R->db, OPEN_CASES_WITH("derived", "inputs") " AND f.inputs <> ''", v, 4, &R->err);
	char *keysuffix = zz_easprintf(".%s", e->key), *validsuffix = zz_easprintf(".%s", e->valid);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *w[4] = {zz_db_col(st, 0), NULL, keysuffix, validsuffix};
		char *inputs = zz_estrdup(zz_db_col(st, 2));
		w[1] = inputs;
		sqlite3_stmt *d = zz_db_prepare(
			R->db,
			"SELECT g.value FROM fields k JOIN fields g ON g.case_id = k.case_id AND g.canonical"
			"  AND g.name = substr(k.name, 1, length(k.name) - length(?3)) || ?4"
			" WHERE k.case_id = ?1 AND k.canonical AND instr(' ' || ?2 || ' ', ' ' || k.name || ' ') > 0"
			"  AND g.value IS date(g.value) ORDER BY g.value DESC",
			w, 4, &R->err);
		long long n = 0, valid = 0;
		char *drop = NULL;
		while (d && sqlite3_step(d) == SQLITE_ROW) {
			valid += strcmp(zz_db_col(d, 0), R->as_of) >= 0;
			if (++n == e->min)
				drop = shift(R, zz_db_col(d, 0), "+1 day", NULL);
		}
		sqlite3_finalize(d);
		if (drop && valid < e->min)
			due(R, zz_db_col(st, 0), zz_db_col(st, 1), "evidence", drop, e->rule, NULL,
			    zz_easprintf("rule %s would fail: %lld of the %lld %s records counted are valid on %s,"
			                 " at least %lld needed", e->rule, valid, n, e->record, R->as_of, e->min));
		free(drop), free(inputs);
	}
	sqlite3_finalize(st);
	free(keysuffix), free(validsuffix);
}

static void
clocks(rechecker *R)
{
	const char *v[1] = {R->as_of};
	sqlite3_stmt *st = zz_db_prepare(R->db, "SELECT r.case_id, a.name FROM case_records r"
	                                        " LEFT JOIN applicants a ON a.case_id = r.case_id"
	                                        " WHERE NOT " ENDED("r.case_id"), v, 1, &R->err);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		zz_clock c;
		char *err = NULL;
		if (zz_life_clock(R->db, zz_db_col(st, 0), R->as_of, &R->t, &c, &err) != 0 || *c.stop) {
			if (err && !R->err)
				R->err = err;
			else
				free(err);
			continue;
		}
		/* a clock stopped while the applicant is asked can run out no sooner */
		if (c.left < 0 || (c.left <= R->t.clock_warn_days && !c.waiting))
			due(R, zz_db_col(st, 0), zz_db_col(st, 1), c.left < 0 ? "clock-overdue" : "clock", c.due, NULL, NULL,
			    zz_easprintf("processing clock from %s: %d days used, %d %s, %d days waiting on the"
			                 " applicant not counted", c.start, c.used, c.left < 0 ? -c.left : c.left,
			                 c.left < 0 ? "over" : "left", c.paused));
	}
	sqlite3_finalize(st);
}

static void
sanctions(rechecker *R)
{
	const char *v[1] = {R->as_of};
	sqlite3_stmt *st = zz_db_prepare(
		R->db,
		"SELECT k.case_id, a.name, k.id, k.kind, k.until FROM sanctions k"
		" LEFT JOIN applicants a ON a.case_id = k.case_id"
		" WHERE k.kind IN ('rectification', 'suspension') AND k.until <= ?1"
		"  AND (k.lifted IS NULL OR k.lifted > ?1) AND NOT " ENDED("k.case_id"),
		v, 1, &R->err);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int fix = !strcmp(zz_db_col(st, 3), "rectification");
		due(R, zz_db_col(st, 0), zz_db_col(st, 1), fix ? "rectification" : "suspension-end", zz_db_col(st, 4), NULL, NULL,
		    zz_easprintf(fix ? "限期整改 %s: the deadline has come (lift it once done)"
		                     : "暂停 %s: its end has come (lift it, or sanction further)",
		                 zz_db_col(st, 2)));
	}
	sqlite3_finalize(st);
}

static void
evcheck_free(evcheck *e)
{
	free(e->rules), free(e->rule), free(e->field), free(e->record), free(e->key), free(e->valid);
}

static void
load_file_checks(rechecker *R, const char *path, const char *id, char **err)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root)
		*err = zz_easprintf("%s: cannot parse", path);
	for (xmlNodePtr r = root ? root->children : NULL; r; r = r->next) {
		for (xmlNodePtr c = zz_xml_is(r, "rule") ? r->children : NULL; c; c = c->next) {
			char *field = zz_xml_is(c, "not-before") || zz_xml_is(c, "at-least") ? zz_xml_prop(c, "field") : NULL;
			xmlNodePtr def = NULL;
			for (xmlNodePtr d = root->children; field && zz_xml_is(c, "at-least") && d && !def; d = d->next) {
				char *name = zz_xml_is(d, "derived") ? zz_xml_prop(d, "name") : NULL;
				char *kind = name && !strcmp(name, field) ? zz_xml_prop(d, "kind") : NULL;
				if (kind && !strcmp(kind, "count"))
					def = d;
				free(name), free(kind);
			}
			if (!field || strchr(field, '{') || (zz_xml_is(c, "at-least") && !def)) {
				free(field);
				continue;
			}
			evcheck *e = ZZ_PUSH(R->ev, R->nev, R->evcap);
			e->rule = zz_xml_prop(r, "id");
			e->rules = zz_estrdup(id);
			e->field = field;
			if (def) {
				char *min = zz_xml_prop(c, "value");
				e->min = atoll(min);
				e->record = zz_xml_prop(def, "record");
				e->key = zz_xml_prop(def, "key");
				e->valid = zz_xml_prop(def, "valid");
				free(min);
			}
		}
	}
	xmlFreeDoc(doc);
}

/* The rules that time can make fail, from each rules file (or the one
 * given): a case is checked by the rules that decided it. */
static int
load_checks(rechecker *R, const char *configdir, const char *rules_path, char **err)
{
	if (rules_path) {
		char *id = zz_rules_id(rules_path);
		load_file_checks(R, rules_path, id, err);
		free(id);
		return *err ? -1 : 0;
	}
	zz_rulesfiles rf;
	if (zz_rulesfiles_load(configdir, &rf, err) < 0)
		return -1;
	for (int i = 0; i < rf.n && !*err; i++)
		load_file_checks(R, rf.v[i].path, rf.v[i].id, err);
	zz_rulesfiles_free(&rf);
	return *err ? -1 : 0;
}

static int
by_date(const void *a, const void *b)
{
	const zz_due *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	c = c ? c : strcmp(x->kind, y->kind);
	return c ? c : strcmp(x->case_id, y->case_id);
}

int
zz_recheck(sqlite3 *db, const char *configdir, const char *rules_path, const char *as_of, zz_dues *out,
           char **err)
{
	*err = NULL;
	memset(out, 0, sizeof *out);
	rechecker R = {.db = db, .as_of = as_of, .out = out};
	if (zz_life_terms_load(configdir, rules_path, &R.t, err) < 0 ||
	    load_checks(&R, configdir, rules_path, err) < 0) {
		for (int i = 0; i < R.nev; i++)
			evcheck_free(&R.ev[i]);
		free(R.ev);
		return ZZ_EXIT_CONFIG;
	}
	/* one snapshot: a loader running meanwhile is seen whole or not at all */
	zz_db_run(db, "BEGIN", NULL, 0, &R.err);
	qualifications(&R);
	for (int i = 0; i < R.nev; i++) {
		if (R.ev[i].record)
			counted(&R, &R.ev[i]);
		else
			dated(&R, &R.ev[i]);
		evcheck_free(&R.ev[i]);
	}
	free(R.ev);
	clocks(&R);
	sanctions(&R);
	char *ignored = NULL;
	zz_db_run(db, "COMMIT", NULL, 0, &ignored);
	free(ignored);
	if (R.err) {
		*err = R.err;
		return ZZ_EXIT_IO;
	}
	if (out->n) /* qsort wants an array, even of nothing */
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_date);
	return ZZ_EXIT_OK;
}

void
zz_dues_free(zz_dues *d)
{
	for (int i = 0; i < d->n; i++) {
		zz_due *x = &d->v[i];
		free(x->case_id), free(x->applicant), free(x->kind), free(x->date), free(x->rule),
			free(x->qualification), free(x->detail);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}
