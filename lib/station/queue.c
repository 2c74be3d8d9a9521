/* queue.c - the station's first page: the cases, those that need a look
 * first (verdict review, or a decision taken on other evidence), then by
 * the days left on the processing clock (waits for the applicant not
 * counted), filtered by verdict, status and a text (applicant, USCC, id). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "station/station.h"

typedef struct row {
	char *id, *verdict, *name, *uscc, *received, *status, *lease, *review, *stale;
	int look, left, clocked;
} row;

/* c.status: the case's latest status, NULL before its first */
static const char queue_sql[] =
	"SELECT c.id, v.verdict, a.name, a.uscc, substr(c.received, 1, 10), c.status,"
	"  (SELECT l.user FROM leases l WHERE l.case_id = c.id AND l.until > ?4),"
	"  " ZZ_SQL_REVIEW_RULES ","
	"  " ZZ_SQL_STALE_DECISIONS
	" FROM (SELECT id, received, verdict, (SELECT s.status FROM statuses s WHERE s.case_id = cases.id"
	"   ORDER BY s.date DESC, s.id DESC LIMIT 1) AS status FROM cases) c"
	" JOIN case_verdicts v ON v.id = c.id LEFT JOIN applicants a ON a.case_id = c.id"
	" WHERE (?1 IS NULL OR v.verdict = ?1)"
	"  AND (?2 IS NULL OR instr(c.id, lower(?2)) OR instr(coalesce(a.name, ''), ?2)"
	"    OR instr(coalesce(a.uscc, ''), upper(?2)))"
	"  AND (?3 IS NULL OR ?3 IS c.status OR ?3 = 'none' AND c.status IS NULL)"
	" LIMIT 2000";

static int
by_need(const void *a, const void *b)
{
	const row *x = a, *y = b;
	if (x->look != y->look)
		return y->look - x->look;
	if (x->clocked != y->clocked)
		return y->clocked - x->clocked;
	if (x->clocked && x->left != y->left)
		return x->left - y->left;
	return strcmp(x->received, y->received);
}

static const char *
blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* a select of the filter form: the database's words, shown in Chinese */
static void
choice(zz_html *b, const char *title, const char *name, const char *const *ids, size_t n,
       const char *current)
{
	zz_html_put(b, "<label>%s <select name=\"%s\" id=\"f-%s\"><option value=\"\">全部</option>",
	            title, name, name);
	for (size_t i = 0; i < n; i++)
		zz_html_put(b, "<option value=\"%s\"%S>%s</option>", ids[i],
		            current && !strcmp(current, ids[i]) ? " selected" : "", zz_station_label(ids[i]));
	zz_html_put(b, "</select></label>");
}

static void
filters(zz_html *b, const char *verdict, const char *status, const char *q)
{
	static const char *const verdicts[] = {"review", "incomplete", "ineligible", "eligible"};
	static const char *const statuses[] = {"none", "received", "formal-review", "capability-evaluation",
	                                       "panel", "waiting", "answered", "certificate-issued",
	                                       "maintenance", "closed"};
	zz_html_put(b, "<form class=\"filters\" method=\"get\" action=\"/\">");
	choice(b, "结论", "verdict", verdicts, sizeof verdicts / sizeof *verdicts, verdict);
	choice(b, "状态", "status", statuses, sizeof statuses / sizeof *statuses, status);
	zz_html_put(b, "<label>查找 <input name=\"q\" id=\"f-q\" value=\"%s\""
	               " placeholder=\"申请单位、信用代码或案件号\"></label>"
	               "<button type=\"submit\">筛选</button></form>",
	            q ? q : "");
}

static void
table(zz_html *b, row *v, int n, const char *me)
{
	zz_html_put(b, "<table class=\"queue\" id=\"queue\"><thead><tr><th>案件</th><th>申请单位</th>"
	               "<th>统一社会信用代码</th><th>结论</th><th>状态</th><th>剩余天数</th>"
	               "<th>需要查看</th><th>审核中</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		row *w = &v[i];
		char shortid[9]; /* as the command line takes it: a unique start */
		snprintf(shortid, sizeof shortid, "%s", w->id);
		zz_html_put(b, "<tr class=\"%s\" data-case=\"%s\"><td><a class=\"case-link\" href=\"/case/%u\">"
		               "%s</a></td><td>%s</td><td>%s</td><td class=\"verdict v-%s\">%s</td><td>%s</td>",
		            w->look ? "look" : "", w->id, w->id, shortid, w->name, w->uscc, w->verdict,
		            zz_station_label(w->verdict), w->status ? zz_station_label(w->status) : "");
		if (w->clocked)
			zz_html_put(b, "<td class=\"%s\">%d</td>", w->left < 15 ? "due" : "", w->left);
		else
			zz_html_put(b, "<td></td>");
		zz_html_put(b, "<td>%s%S%s</td><td>%s</td></tr>", w->review ? w->review : "",
		            w->review && w->stale ? "；" : "", w->stale ? w->stale : "",
		            w->lease ? (me && !strcmp(w->lease, me) ? "我" : w->lease) : "");
	}
	zz_html_put(b, "</tbody></table>");
	if (!n)
		zz_html_put(b, "<p class=\"empty\">没有符合条件的案件。</p>");
}

void
zz_page_queue(zz_req *r)
{
	sqlite3 *db = zz_req_db(r);
	const char *verdict = blank_null(zz_req_arg(r, "verdict")), *q = blank_null(zz_req_arg(r, "q"));
	const char *status = blank_null(zz_req_arg(r, "status"));
	char now[32], today[11], *err = NULL;
	zz_utc_time(time(NULL), now);
	zz_today(today);
	const char *v[4] = {verdict, q, status, now};
	sqlite3_stmt *st = db ? zz_db_prepare(db, queue_sql, v, 4, &err) : NULL;
	if (!st) {
		zz_warn("queue: %s", err ? err : "no database");
		free(err);
		zz_req_error(r, 500, "无法读取审核数据库");
		return;
	}
	row *rows = NULL;
	int n = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		row *w = ZZ_PUSH(rows, n, cap);
		char **col[9] = {&w->id, &w->verdict, &w->name, &w->uscc, &w->received, &w->status,
		                 &w->lease, &w->review, &w->stale};
		for (int i = 0; i < 9; i++)
			*col[i] = sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : zz_estrdup(zz_db_col(st, i));
		w->look = (w->verdict && !strcmp(w->verdict, "review")) || w->stale;
		zz_clock c;
		char *cerr = NULL;
		if (zz_life_clock(db, w->id, today, zz_req_terms(r), &c, &cerr) == 0)
			w->clocked = 1, w->left = c.left;
		free(cerr);
	}
	sqlite3_finalize(st);
	if (n) /* no rows: rows is NULL, which qsort may not be given */
		qsort(rows, (size_t)n, sizeof *rows, by_need);
	zz_html b = {0};
	zz_html_put(&b, "<h1>审核队列 <small>%d 个案件</small></h1>", n);
	filters(&b, verdict, status, q);
	table(&b, rows, n, zz_req_user(r));
	zz_req_page(r, 200, "审核队列", &b);
	zz_html_free(&b);
	for (int i = 0; i < n; i++) {
		row *w = &rows[i];
		free(w->id), free(w->verdict), free(w->name), free(w->uscc);
		free(w->received), free(w->status), free(w->lease), free(w->review), free(w->stale);
	}
	free(rows);
}
