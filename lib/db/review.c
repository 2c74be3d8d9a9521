/* review.c - what the reviewers decide, in the review database: a case
 * named as a clerk would (its id, a unique start of it, or its
 * directory), and a decision on a case or one of its rules, kept with the
 * reviewer, the reason and what the program said then. Decisions are only
 * ever added: the latest one stands, the earlier ones are the record. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "db/db.h"

static const char *const case_decisions[] = {"eligible", "ineligible", "incomplete", "review", NULL};
static const char *const rule_decisions[] = {"pass", "fail", "missing", "review", NULL};

static int
one_of(const char *s, const char *const *v)
{
	for (; *v; v++)
		if (!strcmp(s, *v))
			return 1;
	return 0;
}

char *
zz_review_find_case(sqlite3 *db, const char *name, char **err)
{
	*err = NULL;
	const char *base = strrchr(name, '/');
	char *key = zz_estrdup(base && base[1] ? base + 1 : name);
	if (base && !base[1]) { /* a directory given with its slash */
		char *dir = zz_estrdup(name);
		dir[strlen(dir) - 1] = '\0';
		base = strrchr(dir, '/');
		free(key);
		key = zz_estrdup(base ? base + 1 : dir);
		free(dir);
	}
	char *id = NULL;
	if (strlen(key) < 4 || strspn(key, "0123456789abcdef") != strlen(key)) {
		*err = zz_easprintf("%s: not a case id", name);
	} else {
		/* a unique start of an id will do, as with git's abbreviations */
		const char *v[1] = {key};
		char *count = zz_db_text(db, "SELECT count(*) FROM cases WHERE substr(id, 1, length(?1)) = ?1", v, 1, err);
		if (count && !strcmp(count, "1"))
			id = zz_db_text(db, "SELECT id FROM cases WHERE substr(id, 1, length(?1)) = ?1", v, 1, err);
		else if (count && !*err)
			*err = zz_easprintf("%s: %s", name, strcmp(count, "0") ? "more than one case starts so"
			                                                        : "no such case in the database");
		free(count);
	}
	free(key);
	return id;
}

/* What the program says now about the case or the rule; NULL with *err
 * when there is no such rule, or the case was never decided. */
static char *
program_says(sqlite3 *db, const char *case_id, const char *rule_id, char **err)
{
	const char *v[2] = {case_id, rule_id};
	char *m = rule_id ? zz_db_text(db, "SELECT result FROM rules WHERE case_id = ? AND id = ?", v, 2, err)
	                  : zz_db_text(db, "SELECT verdict FROM cases WHERE id = ?", v, 1, err);
	if (!m && !*err)
		*err = rule_id ? zz_easprintf("case %s has no rule '%s'", case_id, rule_id)
		               : zz_easprintf("case %s has no verdict yet (run zizhi-decide and zizhi-load)", case_id);
	return m;
}

int
zz_review_record(sqlite3 *db, const zz_review *r, char **err)
{
	*err = NULL;
	if (!one_of(r->decision, r->rule_id ? rule_decisions : case_decisions)) {
		*err = zz_easprintf("'%s' is not a decision on a %s (%s)", r->decision, r->rule_id ? "rule" : "case",
		                    r->rule_id ? "pass, fail, missing, review" : "eligible, ineligible, incomplete, review");
		return -1;
	}
	if (!r->reason || !r->reason[strspn(r->reason, " \t\n")]) {
		*err = zz_easprintf("a decision needs a reason");
		return -1;
	}
	if (!r->reviewer || !*r->reviewer) {
		*err = zz_easprintf("a decision needs a reviewer's name");
		return -1;
	}
	if (zz_db_begin(db, err) < 0)
		return -1;
	char at[32], *machine = program_says(db, r->case_id, r->rule_id, err);
	zz_utc_time(time(NULL), at);
	if (machine) {
		char *detail = zz_easprintf("%s%s: %s (program: %s): %s", r->rule_id ? "rule " : "case",
		                            r->rule_id ? r->rule_id : "", r->decision, machine, r->reason);
		const char *d[7] = {r->case_id, at, r->reviewer, r->rule_id, r->decision, r->reason, machine};
		const char *e[5] = {r->case_id, at, r->reviewer, detail, ZZ_VERSION};
		zz_db_run(db, "INSERT INTO decisions(case_id, at, reviewer, rule_id, decision, reason, machine)"
		              " VALUES (?, ?, ?, ?, ?, ?, ?)", d, 7, err);
		zz_db_run(db, "INSERT INTO events(case_id, at, actor, kind, detail, version)"
		              " VALUES (?, ?, ?, 'review', ?, ?)", e, 5, err);
		free(detail);
	}
	free(machine);
	return zz_db_end(db, err);
}
