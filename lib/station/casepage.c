#define _XOPEN_SOURCE 700 /* realpath */
/* casepage.c - one case for review: its verdict and rules with the fields
 * each used; every field with its value, the text as read, confidence,
 * status, the other documents' readings of it and the page it was read
 * from with its box drawn (station.js places the box, zooms and pans);
 * forms to correct or confirm a field and to decide. Opening it takes the
 * case's lease; a clerk who does not hold it sees who does, and no forms. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "station/station.h"

typedef struct view {
	zz_req *r;
	sqlite3 *db;
	const char *id;
	char *casedir; /* from the case's row: found, the case is known */
	char *name;    /* the applicant's, or NULL */
	char *version;
	int mine; /* the lease is this clerk's: forms shown */
} view;

static char *
text1(view *v, const char *sql)
{
	const char *a[1] = {v->id};
	char *err = NULL, *s = zz_db_text(v->db, sql, a, 1, &err);
	free(err);
	return s;
}

/* The hidden inputs every form of the page carries: the session's token
 * and the version of the case it was made on. */
static void
hidden(view *v, zz_html *b)
{
	zz_html_put(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	               "<input type=\"hidden\" name=\"version\" value=\"%s\">",
	            zz_req_csrf(v->r), v->version);
}

static void
heading(view *v, zz_html *b, const zz_lease *other)
{
	char *verdict = text1(v, "SELECT verdict FROM case_verdicts WHERE id = ?");
	char *machine = text1(v, "SELECT verdict FROM cases WHERE id = ?");
	char *status = text1(v, "SELECT status FROM statuses WHERE case_id = ? ORDER BY date DESC, id DESC LIMIT 1");
	char *received = text1(v, "SELECT substr(received, 1, 10) FROM cases WHERE id = ?");
	zz_html_put(b, "<div class=\"case-head\" data-case=\"%s\" data-version=\"%s\"><h1>%s "
	               "<small>案件 %s</small></h1><p>结论：<b id=\"verdict\" class=\"verdict v-%s\">%s</b>",
	            v->id, v->version, v->name ? v->name : "（未读出申请单位）", v->id, verdict,
	            zz_station_label(verdict));
	if (machine && verdict && strcmp(machine, verdict))
		zz_html_put(b, "（程序结论：%s）", zz_station_label(machine));
	zz_html_put(b, "　状态：<span id=\"status\">%s</span>　收到：%s", status ? zz_station_label(status) : "未设",
	            received);
	char today[11], *err = NULL;
	zz_clock c;
	if (zz_life_clock(v->db, v->id, zz_today(today), zz_req_terms(v->r), &c, &err) == 0)
		zz_html_put(b, "　办理时限：剩 <b id=\"days-left\">%d</b> 天（至 %s）%S", c.left, c.due,
		            c.waiting ? "，等待补充资料，暂停计时" : "");
	free(err);
	zz_html_put(b, "　<a href=\"/case/%u/report\" target=\"_blank\">打印报告</a>"
	               "　<a href=\"/case/%u/letter\" target=\"_blank\">补充资料通知</a></p>",
	            v->id, v->id);
	if (other && other->user)
		zz_html_put(b, "<p class=\"lease\" id=\"lease\">%s 自 %s 起正在审核此案件（至 %s），"
		               "此页只读。</p>",
		            other->user, other->since, other->until);
	zz_html_put(b, "</div>");
	free(verdict), free(machine), free(status), free(received);
}

static void
decide_forms(view *v, zz_html *b)
{
	static const char *const verdicts[] = {"eligible", "ineligible", "incomplete", "review"};
	static const char *const statuses[] = {"received", "formal-review", "capability-evaluation",
	                                       "panel", "waiting", "answered", "certificate-issued",
	                                       "maintenance", "closed"};
	if (!v->mine)
		return;
	zz_html_put(b, "<section class=\"decide\" id=\"decide\"><h2>决定</h2>"
	               "<form method=\"post\" action=\"/case/%u/decide\">",
	            v->id);
	hidden(v, b);
	zz_html_put(b, "<label>对象 <select name=\"rule\" id=\"decide-rule\"><option value=\"\">整个案件</option>");
	const char *a[1] = {v->id};
	char *err = NULL;
	sqlite3_stmt *st = zz_db_prepare(v->db, "SELECT id FROM rules WHERE case_id = ? ORDER BY rowid", a, 1, &err);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		zz_html_put(b, "<option value=\"%s\">%s</option>", zz_db_col(st, 0), zz_db_col(st, 0));
	sqlite3_finalize(st);
	free(err);
	zz_html_put(b, "</select></label><label>决定 <select name=\"decision\" id=\"decide-decision\">");
	for (size_t i = 0; i < 4; i++)
		zz_html_put(b, "<option value=\"%s\">%s</option>", verdicts[i], zz_station_label(verdicts[i]));
	zz_html_put(b, "<option value=\"pass\">通过</option><option value=\"fail\">不通过</option>"
	               "<option value=\"missing\">缺材料</option></select></label>"
	               "<label>理由 <input name=\"reason\" id=\"decide-reason\" required></label>"
	               "<button type=\"submit\" id=\"decide-submit\">记录决定</button></form>"
	               "<form method=\"post\" action=\"/case/%u/status\">",
	            v->id);
	hidden(v, b);
	zz_html_put(b, "<label>状态 <select name=\"status\" id=\"status-select\">");
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		zz_html_put(b, "<option value=\"%s\">%s</option>", statuses[i], zz_station_label(statuses[i]));
	zz_html_put(b, "</select></label><label>理由 <input name=\"reason\" id=\"status-reason\" required>"
	               "</label><button type=\"submit\" id=\"status-submit\">更改状态</button></form>"
	               "<form method=\"post\" action=\"/case/%u/release\">",
	            v->id);
	hidden(v, b);
	zz_html_put(b, "<button type=\"submit\" id=\"release\">结束审核（释放）</button></form></section>");
}

static void
rules(view *v, zz_html *b)
{
	const char *a[1] = {v->id};
	char *err = NULL;
	sqlite3_stmt *st = zz_db_prepare(
		v->db,
		"SELECT r.id, rr.result, r.result, r.message, (SELECT group_concat(e.field, ' ')"
		"  FROM rule_evidence e WHERE e.case_id = r.case_id AND e.rule_id = r.id)"
		" FROM rules r JOIN rule_results rr ON rr.case_id = r.case_id AND rr.id = r.id"
		" WHERE r.case_id = ? ORDER BY r.rowid",
		a, 1, &err);
	zz_html_put(b, "<section class=\"rules\"><h2>规则</h2><table id=\"rules\"><thead><tr><th>规则</th>"
	               "<th>结果</th><th>说明</th><th>所用字段</th></tr></thead><tbody>");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *id = zz_db_col(st, 0), *res = zz_db_col(st, 1), *machine = zz_db_col(st, 2);
		zz_html_put(b, "<tr id=\"rule-%s\" class=\"r-%s\"><td><b>%s</b><br><small>%s</small></td>"
		               "<td class=\"result\">%s",
		            id, res, zz_req_rule_title(v->r, id), id, zz_station_label(res));
		if (strcmp(res, machine))
			zz_html_put(b, "<br><small>程序：%s</small>", zz_station_label(machine));
		zz_html_put(b, "</td><td>%s</td><td>", zz_db_col(st, 3));
		char *fields = zz_estrdup(zz_db_col(st, 4)), *save = NULL;
		for (char *f = strtok_r(fields, " ", &save); f; f = strtok_r(NULL, " ", &save))
			zz_html_put(b, "<a class=\"field-ref\" href=\"#f-%u\">%s</a> ", f, f);
		free(fields);
		zz_html_put(b, "</td></tr>");
	}
	sqlite3_finalize(st);
	free(err);
	zz_html_put(b, "</tbody></table></section>");
}

/* A field needs a look when a rule that used it does not pass, or it was
 * not read surely and no reviewer has confirmed it. */
static const char field_sql[] =
	"SELECT f.name, f.value, f.raw, f.confidence, f.status, f.canonical, f.document_id, f.page,"
	"  f.box, f.cell, f.note, d.type, p.image IS NOT NULL,"
	"  f.status <> 'confirmed' AND (f.confidence < 0.9 OR f.status NOT IN ('ok', 'reread')"
	"   OR EXISTS (SELECT 1 FROM rule_evidence e JOIN rule_results rr ON rr.case_id = e.case_id"
	"    AND rr.id = e.rule_id WHERE e.case_id = f.case_id AND e.field = f.name"
	"    AND rr.result <> 'pass')),"
	"  coalesce(f.tried, ''), f.crop IS NOT NULL"
	" FROM fields f LEFT JOIN documents d ON d.case_id = f.case_id AND d.id = f.document_id"
	" LEFT JOIN pages p ON p.case_id = f.case_id AND p.document_id = f.document_id AND p.n = f.page"
	" WHERE f.case_id = ? ORDER BY f.name, f.canonical DESC, f.document_id";

static void
where(view *v, zz_html *b, sqlite3_stmt *st)
{
	const char *doc = zz_db_col(st, 6), *page = zz_db_col(st, 7), *cell = zz_db_col(st, 9);
	zz_html_put(b, "%s（%s）", doc, zz_db_col(st, 11));
	if (*page)
		zz_html_put(b, " 第 %s 页", page);
	if (*cell)
		zz_html_put(b, " %s", cell);
}

static void
viewer_attrs(view *v, zz_html *b, sqlite3_stmt *st)
{
	if (sqlite3_column_int(st, 12) && *zz_db_col(st, 8))
		zz_html_put(b, " data-img=\"/case/%u/page/%u/%u\" data-box=\"%s\"", v->id, zz_db_col(st, 6),
		            zz_db_col(st, 7), zz_db_col(st, 8));
}

static void
field_forms(view *v, zz_html *b, sqlite3_stmt *st)
{
	const char *name = zz_db_col(st, 0), *doc = zz_db_col(st, 6);
	zz_html_put(b, "<form method=\"post\" action=\"/case/%u/correct\" class=\"correct\">", v->id);
	hidden(v, b);
	zz_html_put(b, "<input type=\"hidden\" name=\"field\" value=\"%s\">"
	               "<input type=\"hidden\" name=\"document\" value=\"%s\">"
	               "<label>值 <input name=\"value\" class=\"value\" value=\"%s\"></label>"
	               "<label>理由 <input name=\"reason\" class=\"reason\" required></label>"
	               "<button type=\"submit\" class=\"do-correct\">更正</button></form>"
	               "<form method=\"post\" action=\"/case/%u/confirm\" class=\"confirm\">",
	            name, doc, zz_db_col(st, 1), v->id);
	hidden(v, b);
	zz_html_put(b, "<input type=\"hidden\" name=\"field\" value=\"%s\">"
	               "<input type=\"hidden\" name=\"document\" value=\"%s\">"
	               "<button type=\"submit\" class=\"do-confirm\">确认无误</button></form>",
	            name, doc);
}

/* One document's reading of the field, a row of the table that sets the
 * documents' readings side by side, each with its crop. */
static void
reading(view *v, zz_html *b, sqlite3_stmt *st, int own)
{
	zz_html_put(b, "<tr class=\"%S\"", own ? "own" : "other");
	viewer_attrs(v, b, st);
	zz_html_put(b, "><td>");
	where(v, b, st);
	zz_html_put(b, "%S</td><td>", own ? "<br><small>本项</small>" : "");
	if (sqlite3_column_int(st, 15))
		zz_html_put(b, "<img class=\"crop\" loading=\"lazy\" alt=\"\" src=\"/case/%u/crop/%u/%u\">", v->id,
		            zz_db_col(st, 6), zz_db_col(st, 0));
	zz_html_put(b, "</td><td>%s</td><td>%s</td><td>%f</td></tr>", zz_db_col(st, 1), zz_db_col(st, 2),
	            sqlite3_column_double(st, 3));
}

static void
field_head(view *v, zz_html *b, sqlite3_stmt *st)
{
	const char *name = zz_db_col(st, 0), *tried = zz_db_col(st, 14);
	zz_html_put(b, "<div class=\"field%S\" id=\"f-%s\" tabindex=\"-1\"", sqlite3_column_int(st, 13) ? " look" : "",
	            name);
	viewer_attrs(v, b, st);
	zz_html_put(b, "><h3>%s <code>%s</code></h3><dl><dt>值</dt><dd class=\"v\">%s</dd>"
	               "<dt>识别文本</dt><dd>%s</dd><dt>置信度</dt><dd>%f</dd><dt>状态</dt><dd "
	               "class=\"st\">%s</dd><dt>来源</dt><dd>",
	            zz_req_field_title(v->r, name), name, zz_db_col(st, 1), zz_db_col(st, 2),
	            sqlite3_column_double(st, 3), zz_station_label(zz_db_col(st, 4)));
	where(v, b, st);
	zz_html_put(b, "</dd><dt>说明</dt><dd class=\"note\">%s</dd>", zz_db_col(st, 10));
	/* the re-reads made of its box, one a line: 1x and 2x the scale, the
	 * money model */
	if (*tried) {
		char *list = zz_estrdup(tried), *save = NULL;
		zz_html_put(b, "<dt>重读</dt><dd><ul class=\"tried\">");
		for (char *t = strtok_r(list, ";", &save); t; t = strtok_r(NULL, ";", &save))
			zz_html_put(b, "<li>%s</li>", t + strspn(t, " "));
		zz_html_put(b, "</ul></dd>");
		free(list);
	}
	zz_html_put(b, "</dl>");
	if (v->mine)
		field_forms(v, b, st);
	zz_html_put(b, "<table class=\"others\"><tr><th>文件</th><th>图像</th><th>值</th><th>识别文本</th>"
	               "<th>置信度</th></tr>");
	reading(v, b, st, 1);
}

static void
fields(view *v, zz_html *b)
{
	const char *a[1] = {v->id};
	char *err = NULL, *open = NULL;
	sqlite3_stmt *st = zz_db_prepare(v->db, field_sql, a, 1, &err);
	zz_html_put(b, "<section class=\"fields\"><h2>字段 <small>j / k 跳到下一个 / 上一个需要查看的字段"
	               "</small></h2>");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = zz_db_col(st, 0);
		if (open && !strcmp(open, name) && !sqlite3_column_int(st, 5)) {
			/* another document's reading of the same field */
			reading(v, b, st, 0);
			continue;
		}
		if (open)
			zz_html_put(b, "</table></div>");
		free(open);
		open = zz_estrdup(name);
		field_head(v, b, st);
	}
	if (open)
		zz_html_put(b, "</table></div>");
	free(open);
	sqlite3_finalize(st);
	free(err);
	zz_html_put(b, "</section>");
}

void
zz_page_events(zz_html *b, struct sqlite3 *db, const char *id, const char *ul, const char *where,
               const char *arg)
{
	const char *a[2] = {id, arg};
	char *err = NULL, *sql = zz_easprintf("SELECT at, actor, kind, coalesce(detail, '') FROM events"
	                                      " WHERE case_id = ?1 AND %s", where);
	sqlite3_stmt *st = zz_db_prepare(db, sql, a, arg ? 2 : 1, &err);
	zz_html_put(b, "<ul id=\"%s\">", ul);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		zz_html_put(b, "<li><time>%s</time> <b>%s</b> %s %s</li>", zz_db_col(st, 0), zz_db_col(st, 1),
		            zz_db_col(st, 2), zz_db_col(st, 3));
	zz_html_put(b, "</ul>");
	sqlite3_finalize(st);
	free(sql), free(err);
}

static void
help(zz_html *b)
{
	zz_html_put(b, "<div id=\"help\" class=\"help\" hidden><h2>快捷键</h2><dl>"
	               "<dt>j / k</dt><dd>下一个 / 上一个需要查看的字段</dd>"
	               "<dt>e</dt><dd>更正当前字段（光标进入值）</dd>"
	               "<dt>c</dt><dd>确认当前字段无误</dd>"
	               "<dt>d</dt><dd>记录决定</dd>"
	               "<dt>+ / - / 0</dt><dd>放大 / 缩小 / 复原页面图像</dd>"
	               "<dt>g</dt><dd>返回队列</dd><dt>?</dt><dd>显示或关闭本帮助</dd>"
	               "<dt>Esc</dt><dd>关闭帮助，离开输入框</dd></dl></div>");
}

static void
case_page(zz_req *r, view *v)
{
	zz_lease other = {0};
	char *err = NULL;
	int took = zz_lease_take(v->db, v->id, zz_req_user(r), zz_req_opts(r)->lease_s, &other, &err);
	if (took < 0) {
		zz_warn("lease: %s", err);
		free(err), err = NULL;
	}
	v->mine = took == 1;
	if (!(v->version = zz_case_version(v->db, v->id, &err))) {
		zz_warn("version: %s", err);
		free(err);
		zz_req_error(r, 500, "无法读取审核数据库");
		return;
	}
	zz_html b = {0};
	heading(v, &b, &other);
	zz_html_put(&b, "<div class=\"work\"><div class=\"left\">");
	rules(v, &b);
	decide_forms(v, &b);
	fields(v, &b);
	zz_html_put(&b, "<section class=\"history\"><h2>记录</h2>");
	zz_page_events(&b, v->db, v->id, "history",
	               "kind NOT IN ('unpack', 'read', 'extract') ORDER BY id DESC LIMIT 50", NULL);
	zz_html_put(&b, "</section>");
	zz_html_put(&b, "</div><aside class=\"viewer\" id=\"viewer\"><div class=\"viewer-bar\">"
	                "<span id=\"viewer-what\">选择字段查看页面</span> <button type=\"button\""
	                " id=\"zoom-in\">+</button><button type=\"button\" id=\"zoom-out\">-</button>"
	                "<button type=\"button\" id=\"zoom-reset\">1:1</button></div><div class=\"pane\""
	                " id=\"pane\"><div class=\"sheet\" id=\"sheet\"><img id=\"page-img\" alt=\"\">"
	                "<div class=\"box\" id=\"page-box\" hidden></div></div></div></aside></div>");
	help(&b);
	zz_req_page(r, 200, v->name ? v->name : v->id, &b);
	zz_html_free(&b);
	zz_lease_free(&other);
	free(v->version);
}

/* Serves rel (a path the case's rows give, relative to its directory)
 * when, links resolved, it is inside the case's directory. */
static void
case_file(zz_req *r, view *v, const char *rel, const char *missing)
{
	char *path = rel && *rel ? zz_easprintf("%s/%s", v->casedir, rel) : NULL;
	char rdir[PATH_MAX], rpath[PATH_MAX];
	if (path && realpath(v->casedir, rdir) && realpath(path, rpath) &&
	    !strncmp(rpath, rdir, strlen(rdir)) && rpath[strlen(rdir)] == '/')
		zz_req_file(r, rpath);
	else
		zz_req_error(r, 404, missing);
	free(path);
}

/* /case/ID/page/DOC/N: the page image the read stage kept, looked up by
 * the case's own rows; the client names no path. */
static void
page_image(zz_req *r, view *v, const char *rest)
{
	char doc[32];
	int n = 0, used = 0;
	if (sscanf(rest, "%31[a-z0-9]/%9d%n", doc, &n, &used) != 2 || rest[used] || n < 1) {
		zz_req_error(r, 404, "没有这个页面");
		return;
	}
	char num[16];
	snprintf(num, sizeof num, "%d", n);
	const char *a[3] = {v->id, doc, num};
	char *err = NULL;
	char *image = zz_db_text(v->db, "SELECT image FROM pages WHERE case_id = ? AND document_id = ? AND n = ?",
	                         a, 3, &err);
	case_file(r, v, image, "没有这个页面图像");
	free(err), free(image);
}

/* /case/ID/crop/DOC/FIELD: the evidence crop the extract cut of that
 * document's reading of the field, by the case's rows likewise. */
static void
crop_image(zz_req *r, view *v, const char *rest)
{
	char doc[32], field[128];
	int used = 0;
	if (sscanf(rest, "%31[a-z0-9]/%127[][a-z0-9_.]%n", doc, field, &used) != 2 || rest[used]) {
		zz_req_error(r, 404, "没有这个图像");
		return;
	}
	const char *a[3] = {v->id, doc, field};
	char *err = NULL;
	char *crop = zz_db_text(v->db, "SELECT crop FROM fields WHERE case_id = ? AND document_id = ? AND name = ?"
	                               " AND crop IS NOT NULL ORDER BY canonical DESC LIMIT 1", a, 3, &err);
	case_file(r, v, crop, "没有这个图像");
	free(err), free(crop);
}

static void
report(zz_req *r, view *v, const char *xsl, unsigned flags)
{
	char *err = NULL, *out = NULL;
	size_t n = 0;
	zz_reportfmt *f = zz_reportfmt_load(zz_req_opts(r)->config, xsl, flags, &err);
	if (f && zz_reportfmt_case(f, v->casedir, &out, &n, &err) == 0)
		zz_req_report(r, out, n);
	else {
		zz_warn("report of %s: %s", v->id, err);
		zz_req_error(r, 500, "无法生成报告");
	}
	zz_reportfmt_destroy(&f);
	free(err), free(out);
}

void
zz_page_case(zz_req *r, const char *id, const char *rest)
{
	view v = {r, zz_req_db(r), id, NULL, NULL, NULL, 0};
	if (!v.db || !(v.casedir = text1(&v, "SELECT casedir FROM cases WHERE id = ?"))) {
		zz_req_error(r, 404, "没有这个案件");
		return;
	}
	v.name = text1(&v, "SELECT name FROM applicants WHERE case_id = ?");
	if (!*rest)
		case_page(r, &v);
	else if (!strncmp(rest, "page/", 5))
		page_image(r, &v, rest + 5);
	else if (!strncmp(rest, "crop/", 5))
		crop_image(r, &v, rest + 5);
	else if (!strcmp(rest, "report"))
		report(r, &v, "report-html.xsl", ZZ_REPORT_IMAGES);
	else if (!strcmp(rest, "letter"))
		report(r, &v, "request-letter.xsl", 0);
	else
		zz_req_error(r, 404, "没有这个页面");
	free(v.casedir), free(v.name);
}
