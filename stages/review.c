/* zizhi-review - the reviewers' side of the database. Without a case: the
 * cases by verdict (those that need a human look first) with what needs
 * it. With cases: for each, the rules to look at with the evidence they
 * used, and the decisions taken. With --decide: records a reviewer's
 * decision on a case, or with --rule on one of its rules, with a reason;
 * decisions outlive every re-load of the case. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "zizhi.h"

static const char *verdict_filter, *decision, *rule, *reason, *reviewer;
static int pending_only;

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-review [-d db] [--verdict V] [--pending]\n"
	        "       zizhi-review [-d db] case...\n"
	        "       zizhi-review [-d db] --decide D --reason TEXT [--rule ID] [--reviewer NAME] case\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	switch (opt) {
	case 'V' + 256: verdict_filter = arg; return 0;
	case 'P': pending_only = 1; return 0;
	case 'D': decision = arg; return 0;
	case 'R': rule = arg; return 0;
	case 'W': reason = arg; return 0;
	case 'N': reviewer = arg; return 0;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"verdict", required_argument, NULL, 'V' + 256}, {"pending", no_argument, NULL, 'P'},
	{"decide", required_argument, NULL, 'D'},        {"rule", required_argument, NULL, 'R'},
	{"reason", required_argument, NULL, 'W'},        {"reviewer", required_argument, NULL, 'N'},
	{NULL, 0, NULL, 0},
};

static const char list_sql[] =
	"SELECT c.id, v.verdict, c.verdict, substr(c.received, 1, 10),"
	"  (SELECT f.value FROM fields f WHERE f.case_id = c.id AND f.canonical AND f.name = 'org.name'),"
	"  " ZZ_SQL_REVIEW_RULES ","
	"  " ZZ_SQL_STALE_DECISIONS ","
	"  (SELECT count(*) FROM decisions d WHERE d.case_id = c.id)"
	" FROM cases c JOIN case_verdicts v ON v.id = c.id"
	" WHERE (?1 IS NULL OR v.verdict = ?1)"
	" ORDER BY CASE v.verdict WHEN 'review' THEN 0 WHEN 'incomplete' THEN 1"
	"  WHEN 'ineligible' THEN 2 WHEN 'eligible' THEN 3 ELSE 4 END, c.received, c.id";

static int
list_cases(sqlite3 *db)
{
	char *err = NULL;
	const char *v[1] = {verdict_filter};
	sqlite3_stmt *st = zz_db_prepare(db, list_sql, v, 1, &err);
	if (!st)
		zz_die(ZZ_EXIT_IO, "%s", err);
	int header = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *look = zz_db_col(st, 5), *stale = zz_db_col(st, 6);
		int needs = !strcmp(zz_db_col(st, 1), "review") || *stale;
		if (pending_only && !needs)
			continue;
		if (!header++)
			printf("%-16s  %-10s  %-10s  %-10s  %-36s  %s\n", "CASE", "VERDICT", "PROGRAM", "RECEIVED",
			       "APPLICANT", "NEEDS A LOOK");
		printf("%-16s  %-10s  %-10s  %-10s  ", zz_db_col(st, 0), zz_db_col(st, 1), *zz_db_col(st, 2) ? zz_db_col(st, 2) : "-",
		       zz_db_col(st, 3));
		const char *applicant = *zz_db_col(st, 4) ? zz_db_col(st, 4) : "?";
		if (!*look && !*stale) { /* no trailing blanks */
			printf("%s\n", applicant);
			continue;
		}
		zz_print_padded(applicant, 36);
		printf("  %s%s%s%s\n", look, *look && *stale ? "; " : "", *stale ? "decided on other evidence: " : "",
		       stale);
	}
	if (rc != SQLITE_DONE)
		zz_die(ZZ_EXIT_IO, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return ZZ_EXIT_OK;
}

/* The fields a rule used, as the reviewer checks them against the page. */
static void
show_evidence(sqlite3 *db, const char *id, const char *rule_id)
{
	const char *v[2] = {id, rule_id};
	char *err = NULL;
	sqlite3_stmt *st = zz_db_prepare(
		db,
		"SELECT e.field, f.value, f.raw, f.confidence, f.status, f.document_id, f.page,"
		"  coalesce(f.box, f.cell), f.crop, f.note, d.value, d.sure, d.confidence, d.status, d.inputs,"
		"  d.note FROM rule_evidence e LEFT JOIN fields f"
		"  ON f.case_id = e.case_id AND f.name = e.field AND f.canonical"
		"  LEFT JOIN derived d ON d.case_id = e.case_id AND d.name = e.field"
		" WHERE e.case_id = ? AND e.rule_id = ? ORDER BY e.rowid",
		v, 2, &err);
	if (!st)
		zz_die(ZZ_EXIT_IO, "%s", err);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 1) == SQLITE_NULL && sqlite3_column_type(st, 10) != SQLITE_NULL) {
			printf("             %s = %s (at least %s surely, confidence %.2f, %s)\n               from: %s\n",
			       zz_db_col(st, 0), zz_db_col(st, 10), zz_db_col(st, 11), sqlite3_column_double(st, 12), zz_db_col(st, 13),
			       *zz_db_col(st, 14) ? zz_db_col(st, 14) : "nothing counted");
			if (*zz_db_col(st, 15))
				printf("               note: %s\n", zz_db_col(st, 15));
			continue;
		}
		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			printf("             %s: not found\n", zz_db_col(st, 0));
			continue;
		}
		printf("             %s = %s (read \"%s\", confidence %.2f, %s; %s p%s %s)\n", zz_db_col(st, 0), zz_db_col(st, 1),
		       zz_db_col(st, 2), sqlite3_column_double(st, 3), zz_db_col(st, 4), zz_db_col(st, 5), zz_db_col(st, 6), zz_db_col(st, 7));
		if (*zz_db_col(st, 8))
			printf("               crop: %s\n", zz_db_col(st, 8));
		if (*zz_db_col(st, 9))
			printf("               note: %s\n", zz_db_col(st, 9));
	}
	sqlite3_finalize(st);
}

static void
show_rules(sqlite3 *db, const char *id)
{
	const char *v[1] = {id};
	char *err = NULL;
	sqlite3_stmt *st = zz_db_prepare(db,
	                                 "SELECT rr.id, rr.result, rr.machine, r.message FROM rule_results rr"
	                                 " JOIN rules r ON r.case_id = rr.case_id AND r.id = rr.id"
	                                 " WHERE rr.case_id = ? AND (rr.result <> 'pass' OR rr.machine <> 'pass')"
	                                 " ORDER BY r.rowid",
	                                 v, 1, &err);
	if (!st)
		zz_die(ZZ_EXIT_IO, "%s", err);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!n++)
			printf("rules to look at:\n");
		int overridden = strcmp(zz_db_col(st, 1), zz_db_col(st, 2));
		printf("  %-9s  %s%s%s%s\n", zz_db_col(st, 1), zz_db_col(st, 0), overridden ? " (program: " : "",
		       overridden ? zz_db_col(st, 2) : "", overridden ? ")" : "");
		if (*zz_db_col(st, 3))
			printf("             %s\n", zz_db_col(st, 3));
		show_evidence(db, id, zz_db_col(st, 0));
	}
	if (!n)
		printf("every rule passes\n");
	sqlite3_finalize(st);
}

static void
show_decisions(sqlite3 *db, const char *id)
{
	const char *v[1] = {id};
	char *err = NULL;
	sqlite3_stmt *st = zz_db_prepare(db,
	                                 "SELECT at, reviewer, coalesce('rule ' || rule_id, 'case'), decision,"
	                                 "  coalesce(machine, '?'), reason FROM decisions WHERE case_id = ?"
	                                 " ORDER BY at, id",
	                                 v, 1, &err);
	if (!st)
		zz_die(ZZ_EXIT_IO, "%s", err);
	for (int n = 0; sqlite3_step(st) == SQLITE_ROW; n++)
		printf("%s  %s  %s  %s: %s (program said %s): %s\n", n ? "" : "decisions:\n", zz_db_col(st, 0), zz_db_col(st, 1),
		       zz_db_col(st, 2), zz_db_col(st, 3), zz_db_col(st, 4), zz_db_col(st, 5));
	sqlite3_finalize(st);
}

static int
show_case(sqlite3 *db, const char *id)
{
	const char *v[1] = {id};
	char *err = NULL;
	sqlite3_stmt *st = zz_db_prepare(
		db,
		"SELECT c.id, v.verdict, coalesce(c.verdict, '-'), coalesce(c.as_of, '-'), c.received, c.loaded,"
		"  coalesce(c.submission, '?'), c.casedir, (SELECT f.value FROM fields f WHERE f.case_id = c.id"
		"  AND f.canonical AND f.name = 'org.name') FROM cases c JOIN case_verdicts v ON v.id = c.id"
		" WHERE c.id = ?",
		v, 1, &err);
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		zz_die(ZZ_EXIT_IO, "%s", err ? err : sqlite3_errmsg(db));
	printf("case %s  %s\n", zz_db_col(st, 0), *zz_db_col(st, 8) ? zz_db_col(st, 8) : "(applicant not read)");
	printf("  verdict %s (program: %s, as of %s)\n  received %s, loaded %s\n  submission %s\n  directory %s\n",
	       *zz_db_col(st, 1) ? zz_db_col(st, 1) : "-", zz_db_col(st, 2), zz_db_col(st, 3), zz_db_col(st, 4), zz_db_col(st, 5), zz_db_col(st, 6),
	       zz_db_col(st, 7));
	sqlite3_finalize(st);
	show_rules(db, id);
	show_decisions(db, id);
	return ZZ_EXIT_OK;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", long_opts, extra, usage);
	if (decision ? argc - i != 1 || !reason : rule || reason || (argc > i && (verdict_filter || pending_only)))
		usage(ZZ_EXIT_USAGE);
	char *err = NULL;
	sqlite3 *db = zz_db_open(st.db, &err);
	if (!db)
		zz_die(ZZ_EXIT_IO, "%s", err);
	int status = ZZ_EXIT_OK;
	if (argc == i)
		status = list_cases(db);
	for (; i < argc; i++) {
		char *id = zz_review_find_case(db, argv[i], &err);
		if (!id) {
			zz_warn("%s", err);
			free(err);
			status = ZZ_EXIT_ITEMS;
			continue;
		}
		zz_review r = {id, rule, decision, reason, reviewer ? reviewer : zz_reviewer_name()};
		if (!decision) {
			show_case(db, id);
		} else if (zz_review_record(db, &r, &err) < 0) {
			zz_warn("%s: %s", argv[i], err);
			free(err);
			status = ZZ_EXIT_ITEMS;
		} else if (!st.quiet) {
			printf("%s: %s %s recorded\n", id, rule ? rule : "case", decision);
		}
		free(id);
	}
	zz_db_close(&db);
	zz_eclose_stdout();
	return status;
}
