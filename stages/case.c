/* zizhi-case - a case's life after the decision: with no option, its
 * status, processing clock, qualification and timeline; with one, a
 * change recorded (a status, a sanction or its lifting, an appeal or its
 * outcome, the qualification issued, a yearly confirmation), with who
 * made it and why, beside an event. Nothing recorded is ever changed:
 * a mistake is put right by recording what is so, with the reason. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "zizhi.h"

static zz_life_change change;
static const char *as_of, *rules_file, *outcome;
static int nchanges;

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-case [-d db] [--as-of DATE] case...\n"
	        "       zizhi-case [-d db] CHANGE --reason TEXT [--date DATE] [--actor NAME] case\n"
	        "changes: --status S | --sanction 警告|限期整改|暂停|取消 [--until DATE] | --lift N |\n"
	        "         --appeal SUBJECT | --decide-appeal N --outcome 申诉成立|驳回|撤回 |\n"
	        "         --issue NUMBER [--issued DATE] [--valid-until DATE] | --confirm DATE\n");
	exit(code);
}

/* one change per run: its kind, and the name, subject or number given */
static int
set(enum zz_life_what what, const char *value, const char *ref)
{
	char *end = NULL;
	nchanges++;
	change.what = what;
	change.value = value;
	change.ref = ref ? strtoll(ref, &end, 10) : 0;
	return !ref || (*ref && !*end && change.ref > 0) ? 0 : -1;
}

static int
extra(int opt, const char *arg)
{
	switch (opt) {
	case 'S': return set(ZZ_LIFE_STATUS, arg, NULL);
	case 'K': return set(ZZ_LIFE_SANCTION, arg, NULL);
	case 'L': return set(ZZ_LIFE_LIFT, NULL, arg);
	case 'P': return set(ZZ_LIFE_APPEAL, arg, NULL);
	case 'O': return set(ZZ_LIFE_OUTCOME, NULL, arg);
	case 'I': return set(ZZ_LIFE_ISSUE, arg, NULL);
	case 'C': change.date = arg; return set(ZZ_LIFE_CONFIRM, NULL, NULL);
	case 'o': outcome = arg; return 0;
	case 'U': change.until = arg; return 0;
	case 'D': change.date = arg; return 0;
	case 'W': change.reason = arg; return 0;
	case 'N': change.actor = arg; return 0;
	case 'A': as_of = arg; return zz_valid_date(arg) ? 0 : -1;
	case 'R': rules_file = arg; return 0;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"status", required_argument, NULL, 'S'},        {"sanction", required_argument, NULL, 'K'},
	{"lift", required_argument, NULL, 'L'},          {"appeal", required_argument, NULL, 'P'},
	{"decide-appeal", required_argument, NULL, 'O'}, {"outcome", required_argument, NULL, 'o'},
	{"issue", required_argument, NULL, 'I'},         {"confirm", required_argument, NULL, 'C'},
	{"until", required_argument, NULL, 'U'},         {"valid-until", required_argument, NULL, 'U'},
	{"date", required_argument, NULL, 'D'},          {"issued", required_argument, NULL, 'D'},
	{"reason", required_argument, NULL, 'W'},        {"actor", required_argument, NULL, 'N'},
	{"as-of", required_argument, NULL, 'A'},         {"rules", required_argument, NULL, 'R'},
	{NULL, 0, NULL, 0},
};

/* sql on the case ?1 and, unless NULL, the day ?2 */
static sqlite3_stmt *
query(sqlite3 *db, const char *sql, const char *id, const char *day)
{
	const char *v[2] = {id, day};
	char *err = NULL;
	sqlite3_stmt *st = zz_db_prepare(db, sql, v, day ? 2 : 1, &err);
	if (!st)
		zz_die(ZZ_EXIT_IO, "%s", err);
	return st;
}

/* "panel (专家评审)" */
static void
named(const char *id)
{
	const char *zh = zz_life_label(id);
	printf("%s%s%s%s", id, zh ? " (" : "", zh ? zh : "", zh ? ")" : "");
}

static void
show_state(sqlite3 *db, const char *id, const char *day)
{
	sqlite3_stmt *st = query(db, "SELECT status, date FROM statuses WHERE case_id = ?1 AND date <= ?2"
	                             " AND status NOT IN ('waiting', 'answered')"
	                             " ORDER BY date DESC, id DESC", id, day);
	printf("  status     ");
	if (sqlite3_step(st) == SQLITE_ROW)
		named(zz_db_col(st, 0)), printf(" since %s", zz_db_col(st, 1));
	else
		printf("none recorded");
	sqlite3_finalize(st);
	st = query(db, "SELECT since FROM clock_waits WHERE case_id = ?1 AND since <= ?2"
	               " AND (till IS NULL OR till > ?2)", id, day);
	if (sqlite3_step(st) == SQLITE_ROW)
		printf("; waiting on the applicant (补充资料) since %s", zz_db_col(st, 0));
	sqlite3_finalize(st);
	/* a warning stays on the record but binds to nothing */
	st = query(db, "SELECT kind, id, date, coalesce(' until ' || until, '') FROM sanctions"
	               " WHERE case_id = ?1 AND kind <> 'warning' AND date <= ?2"
	               " AND (lifted IS NULL OR lifted > ?2) ORDER BY date, id", id, day);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("; sanction %s ", zz_db_col(st, 1)), named(zz_db_col(st, 0)), printf(" from %s%s", zz_db_col(st, 2), zz_db_col(st, 3));
	sqlite3_finalize(st);
	printf("\n");
}

static void
show_clock(sqlite3 *db, const char *id, const char *day, const zz_life_terms *t)
{
	zz_clock c;
	char *err = NULL;
	int rc = zz_life_clock(db, id, day, t, &c, &err);
	if (rc < 0)
		zz_die(ZZ_EXIT_IO, "%s", err);
	if (rc > 0)
		printf("  clock      not started on %s\n", day);
	else if (*c.stop)
		printf("  clock      stopped %s after %d days (due %s; %d days waiting not counted)\n", c.stop,
		       c.used, c.due, c.paused);
	else
		printf("  clock      %d days used, %d %s, due %s (as of %s; %d days waiting not counted%s)\n", c.used,
		       c.left < 0 ? -c.left : c.left, c.left < 0 ? "over" : "left", c.due, day, c.paused,
		       c.waiting ? ", stopped now" : "");
}

static void
show_qualifications(sqlite3 *db, const char *id)
{
	sqlite3_stmt *st = query(db, "SELECT number, issued, valid_until, (SELECT group_concat(date, ', ')"
	                             "  FROM (SELECT date FROM confirmations c"
	                             "  WHERE c.qualification_id = q.id ORDER BY date))"
	                             " FROM qualifications q WHERE case_id = ?1 ORDER BY issued, id", id, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("  qualification %s issued %s, valid until %s%s%s\n", zz_db_col(st, 0), zz_db_col(st, 1), zz_db_col(st, 2),
		       *zz_db_col(st, 3) ? ", confirmed " : "", zz_db_col(st, 3));
	sqlite3_finalize(st);
}

static void
show_timeline(sqlite3 *db, const char *id)
{
	sqlite3_stmt *st = query(db, "SELECT date, kind, what, coalesce(ref, ''), actor, reason FROM life"
	                             " WHERE case_id = ?1 ORDER BY date, at", id, NULL);
	for (int n = 0; sqlite3_step(st) == SQLITE_ROW; n++) {
		if (!n)
			printf("timeline:\n");
		printf("  %s  %-13s ", zz_db_col(st, 0), zz_db_col(st, 1));
		named(zz_db_col(st, 2));
		printf("%s%s  %s: %s\n", *zz_db_col(st, 3) ? " #" : "", zz_db_col(st, 3), zz_db_col(st, 4), zz_db_col(st, 5));
	}
	sqlite3_finalize(st);
}

static void
show_case(sqlite3 *db, const char *id, const char *day, const zz_life_terms *t)
{
	sqlite3_stmt *st = query(db, "SELECT a.name, r.received, date(r.received, '+6 years')"
	                             " FROM case_records r LEFT JOIN applicants a ON a.case_id = r.case_id"
	                             " WHERE r.case_id = ?1", id, NULL);
	if (sqlite3_step(st) != SQLITE_ROW)
		zz_die(ZZ_EXIT_IO, "case %s has no record", id);
	printf("case %s  %s\n", id, *zz_db_col(st, 0) ? zz_db_col(st, 0) : "(applicant not read)");
	printf("  received   %s, records kept until %s\n", zz_db_col(st, 1), zz_db_col(st, 2));
	sqlite3_finalize(st);
	show_state(db, id, day);
	show_clock(db, id, day, t);
	show_qualifications(db, id);
	show_timeline(db, id);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", long_opts, extra, usage);
	if (nchanges > 1 || (nchanges ? argc - i != 1 || !change.reason : change.reason || argc == i) ||
	    (change.what == ZZ_LIFE_OUTCOME) != (outcome != NULL))
		usage(ZZ_EXIT_USAGE);
	if (outcome)
		change.value = outcome;
	char *err = NULL, today[11];
	zz_life_terms t;
	if (zz_life_terms_load(st.config, rules_file, &t, &err) < 0)
		zz_die(ZZ_EXIT_CONFIG, "bad rules:\n%s", err);
	sqlite3 *db = zz_db_open(st.db, &err);
	if (!db)
		zz_die(ZZ_EXIT_IO, "%s", err);
	if (!change.actor)
		change.actor = zz_reviewer_name();
	int status = ZZ_EXIT_OK;
	for (int n = 0; i < argc; i++, n++) {
		char *id = zz_review_find_case(db, argv[i], &err);
		long long row;
		change.case_id = id;
		if (!id) {
			zz_warn("%s", err);
			free(err);
			status = ZZ_EXIT_ITEMS;
		} else if (!nchanges) {
			if (n)
				printf("\n");
			show_case(db, id, as_of ? as_of : zz_today(today), &t);
		} else if (zz_life_record(db, &change, &t, &row, &err) < 0) {
			zz_warn("%s: %s", argv[i], err);
			free(err);
			status = ZZ_EXIT_ITEMS;
		} else if (!st.quiet) {
			static const char *const what[] = {"status", "sanction", "lift of sanction", "appeal",
			                                   "outcome of appeal", "qualification", "confirmation"};
			printf("%s: %s %lld recorded\n", id, what[change.what], row);
		}
		free(id);
	}
	zz_db_close(&db);
	zz_eclose_stdout();
	return status;
}
