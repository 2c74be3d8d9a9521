/* actions.c - what a clerk changes in the station: a field corrected or
 * confirmed (kept in the case directory, the case decided again at once
 * and loaded), a decision on a rule or the case, a new status, the lease
 * given up. A change is refused, and nothing applied, when another clerk
 * holds the case or when it was made on an older view of the case than
 * the one in the database: the clerk is shown what changed since. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "station/station.h"

typedef struct act {
	zz_req *r;
	sqlite3 *db;
	const char *id;
	char *casedir;
} act;

static const char *
arg(act *a, const char *name)
{
	const char *s = zz_req_arg(a->r, name);
	return s ? s : "";
}

/* What happened to the case after the version the form was made on. */
static void
stale(act *a, const char *since)
{
	zz_html b = {0};
	zz_html_put(&b, "<section class=\"error stale\"><h1>未保存</h1><p id=\"error\">您打开此页后，"
	                "案件已有更改；您的更改没有保存，以免覆盖他人的工作。请重新打开案件，"
	                "核对后再提交。</p>");
	zz_page_events(&b, a->db, a->id, "changes", "id > CAST(?2 AS INTEGER) ORDER BY id", since);
	zz_html_put(&b, "<p><a id=\"reopen\" href=\"/case/%u\">重新打开案件</a></p></section>", a->id);
	zz_req_page(a->r, 409, "未保存", &b);
	zz_html_free(&b);
}

/* The lease is the clerk's (taken or renewed) and the form's version is
 * the case's: 1; else the refusal is sent and 0. */
static int
may_change(act *a)
{
	zz_lease other = {0};
	char *err = NULL;
	int took = zz_lease_take(a->db, a->id, zz_req_user(a->r), zz_req_opts(a->r)->lease_s, &other, &err);
	if (took <= 0) {
		char *m = took < 0 ? zz_estrdup("无法读取审核数据库")
		                   : zz_easprintf("%s 自 %s 起正在审核此案件，您的更改没有保存", other.user,
		                                  other.since);
		if (err)
			zz_warn("lease: %s", err);
		zz_req_error(a->r, took < 0 ? 500 : 409, m);
		free(m), free(err);
		zz_lease_free(&other);
		return 0;
	}
	char *now = zz_case_version(a->db, a->id, &err);
	if (!now) {
		zz_warn("version: %s", err);
		free(err);
		zz_req_error(a->r, 500, "无法读取审核数据库");
		return 0;
	}
	int same = !strcmp(now, arg(a, "version"));
	if (!same)
		stale(a, arg(a, "version"));
	free(now);
	return same;
}

/* The correction kept in the case directory (under the case's lock),
 * the case decided again with it as zizhi-decide does, and loaded. */
static int
redecide(act *a, const zz_correction *c, char **err)
{
	int lock = zz_lock_case(a->casedir, 30);
	if (lock < 0) {
		*err = zz_easprintf("cannot lock %s: %s", a->casedir, strerror(errno));
		return -1;
	}
	int rc = zz_corrections_add(a->casedir, c, err);
	zz_unlock(&lock);
	const zz_station_opts *o = zz_req_opts(a->r);
	if (rc < 0 || zz_decide_case(o->config, o->rules, a->casedir, NULL, 30, err) != ZZ_EXIT_OK)
		return -1;
	return zz_load_case(a->db, a->casedir, err);
}

/* The clerk's value as the field's own reading would be normalised
 * (人民币壹仟万元 as 10000000); a field the documents file does not
 * describe keeps it as typed. NULL with *why when it cannot be. */
static char *
normalised(act *a, const char *field, const char *typed, char **why)
{
	const zz_fdef *f = zz_req_fdef(a->r, field);
	size_t n = strspn(typed, " \t");
	char *t = zz_estrdup(typed + n), *value = NULL;
	for (n = strlen(t); n && (t[n - 1] == ' ' || t[n - 1] == '\t'); n--)
		t[n - 1] = '\0';
	if (!f || !*t || !zz_xml_clean(t)) {
		if (!zz_xml_clean(t))
			*why = zz_estrdup("值含有不能保存的字符");
		else
			value = zz_estrdup(t);
	} else if (zz_field_normalise(f, t, f->unit, &value) < 0) {
		*why = zz_easprintf("“%s”不是有效的%s", t, f->nlabels ? f->labels[0] : field);
		free(value);
		value = NULL;
	}
	free(t);
	return value;
}

static void
correct(act *a, int confirm)
{
	const char *field = arg(a, "field"), *doc = arg(a, "document");
	char *why = NULL, *err = NULL, *was = NULL;
	const char *v[3] = {a->id, field, doc};
	was = zz_db_text(a->db, "SELECT value FROM fields WHERE case_id = ? AND name = ?"
	                        " AND document_id = ? ORDER BY canonical DESC",
	                 v, 3, &err);
	if (!was) {
		zz_req_error(a->r, 400, "此案件没有这个字段");
		free(err);
		return;
	}
	char *value = confirm ? zz_estrdup(was) : normalised(a, field, arg(a, "value"), &why);
	const char *reason = confirm ? "审核员确认与原件一致" : arg(a, "reason");
	if (!value || !reason[strspn(reason, " \t")]) {
		zz_req_error(a->r, 400, why ? why : "更正需要填写理由");
	} else {
		char at[32];
		zz_utc_time(time(NULL), at);
		zz_correction c = {at, (char *)zz_req_user(a->r), (char *)field, (char *)doc, value, was,
		                   (char *)reason};
		if (redecide(a, &c, &err) < 0) {
			zz_warn("%s: correcting %s of %s: %s", zz_req_user(a->r), field, a->id, err);
			zz_req_error(a->r, 500, "保存失败，案件未更改");
		} else {
			char *to = zz_easprintf("/case/%s#f-%s", a->id, field);
			zz_req_redirect(a->r, to);
			free(to);
		}
	}
	free(why), free(err), free(was), free(value);
}

/* A change recorded (rc 0) shows the case again; refused, why (err is
 * freed). */
static void
done(act *a, int rc, char *err)
{
	if (rc < 0) {
		zz_req_error(a->r, 400, err);
	} else {
		char *to = zz_easprintf("/case/%s", a->id);
		zz_req_redirect(a->r, to);
		free(to);
	}
	free(err);
}

static void
decide(act *a)
{
	const char *rule = arg(a, "rule");
	zz_review rv = {a->id, *rule ? rule : NULL, arg(a, "decision"), arg(a, "reason"), zz_req_user(a->r)};
	char *err = NULL;
	int rc = zz_review_record(a->db, &rv, &err); /* before err is read: C orders no arguments */
	done(a, rc, err);
}

static void
status(act *a)
{
	zz_life_change c = {ZZ_LIFE_STATUS, a->id, zz_req_user(a->r), arg(a, "reason"), arg(a, "status"),
	                    NULL, NULL, 0};
	long long row = 0;
	char *err = NULL;
	int rc = zz_life_record(a->db, &c, zz_req_terms(a->r), &row, &err);
	done(a, rc, err);
}

static void
release(act *a)
{
	char *err = NULL;
	if (zz_lease_release(a->db, a->id, zz_req_user(a->r), &err) < 0)
		zz_warn("release: %s", err);
	free(err);
	zz_req_redirect(a->r, "/");
}

void
zz_action_case(zz_req *r, const char *id, const char *action)
{
	act a = {r, zz_req_db(r), id, NULL};
	const char *v[1] = {id};
	char *err = NULL;
	a.casedir = a.db ? zz_db_text(a.db, "SELECT casedir FROM cases WHERE id = ?", v, 1, &err) : NULL;
	free(err);
	if (!a.casedir) {
		zz_req_error(r, 404, "没有这个案件");
		return;
	}
	if (!strcmp(action, "release"))
		release(&a);
	else if (strcmp(action, "correct") && strcmp(action, "confirm") && strcmp(action, "decide") &&
	         strcmp(action, "status"))
		zz_req_error(r, 404, "没有这个操作");
	else if (!may_change(&a))
		; /* refused, and said why */
	else if (!strcmp(action, "correct") || !strcmp(action, "confirm"))
		correct(&a, !strcmp(action, "confirm"));
	else if (!strcmp(action, "decide"))
		decide(&a);
	else
		status(&a);
	free(a.casedir);
}
