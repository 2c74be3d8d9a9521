/* server.c - the station's HTTP side on libmicrohttpd: its limits (how
 * many connections, from one address, how long idle, how much memory a
 * request's headers may take), the checks every request passes before a
 * page sees it (the Host it names, a session, and for a change the
 * Origin and the form's token), the replies with their security headers,
 * and one database connection per worker thread. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <microhttpd.h>
#include <sqlite3.h>

#include "station/station.h"

#define MAX_POST (64 * 1024)   /* a form of ours is a few hundred bytes */
#define MAX_ARGS 32
#define MAX_FILE (64L << 20)   /* a page image */
#define SESSION_COOKIE "zz_session"
#define LOGIN_COOKIE "zz_login"

struct zz_station {
	struct MHD_Daemon *d;
	zz_station_routes routes;
	zz_station_opts o;
	char **hosts; /* Host header values answered to */
	int nhosts, caphosts;
	char *css, *js;
	size_t ncss, njs;
	zz_life_terms terms; /* the processing clock's */
	zz_doctypes *dt;     /* fields' labels and how a value is normalised */
	char **rule_ids, **rule_titles;
	int nrules;
	pthread_key_t key; /* the thread's database connection */
	/* every connection, watched for the time its request takes */
	pthread_mutex_t wmu;
	pthread_cond_t wcond;
	pthread_t sweeper;
	int sweeping, stopping;
	struct watch *watched;
	pthread_mutex_t mu;
	sqlite3 **dbs; /* every one opened, closed at the stop */
	int ndbs, capdbs;
};

/* A connection's clock: a request's line and headers must arrive within
 * timeout_s of its start, the whole request and reply within
 * REQUEST_S. MHD's own timeout counts idle time only, so a client that
 * sends a byte every few seconds (slow loris) would hold a connection
 * for ever; this cuts it off. */
#define REQUEST_S 120
struct watch {
	int fd;
	double start;
	int headers; /* its request's headers are in */
	struct watch *prev, *next;
};

typedef struct arg {
	char *k, *v;
	size_t n;
} arg;

struct zz_req {
	zz_station *st;
	struct MHD_Connection *c;
	const char *method, *url;
	struct MHD_PostProcessor *pp;
	size_t posted;
	int too_big, bad_form;
	arg args[MAX_ARGS];
	int nargs;
	char *user, *csrf;
	const char *cookie; /* the session id the client sent */
	int replied;
	char addr[64];
	char *set_cookie;
};

void
zz_station_defaults(zz_station_opts *o)
{
	memset(o, 0, sizeof *o);
	o->listen = "127.0.0.1:8080";
	o->threads = 4;
	o->per_ip = 64;
	o->timeout_s = 15;
	o->idle_s = 3600;
	o->max_s = 12 * 3600;
	o->lease_s = 900;
}

/* ---- a request's values ---- */

const char *
zz_req_arg(zz_req *r, const char *name)
{
	for (int i = 0; i < r->nargs; i++)
		if (!strcmp(r->args[i].k, name))
			return r->args[i].v;
	return MHD_lookup_connection_value(r->c, MHD_GET_ARGUMENT_KIND, name);
}

const char *zz_req_user(const zz_req *r) { return r->user; }
const char *zz_req_csrf(const zz_req *r) { return r->csrf; }
const zz_station_opts *zz_req_opts(const zz_req *r) { return &r->st->o; }
const zz_life_terms *zz_req_terms(const zz_req *r) { return &r->st->terms; }

const zz_fdef *
zz_req_fdef(const zz_req *r, const char *name)
{
	return zz_doctypes_field(r->st->dt, name);
}

const char *
zz_req_field_title(const zz_req *r, const char *name)
{
	const zz_fdef *f = zz_req_fdef(r, name);
	return f && f->nlabels ? f->labels[0] : name;
}

/* the rule's title, or its id when no rules file has it */
static const char *
rule_title_of(const zz_station *st, const char *id)
{
	for (int i = 0; i < st->nrules; i++)
		if (!strcmp(st->rule_ids[i], id))
			return st->rule_titles[i];
	return id;
}

const char *
zz_req_rule_title(const zz_req *r, const char *id)
{
	return rule_title_of(r->st, id);
}

struct sqlite3 *
zz_req_db(zz_req *r)
{
	zz_station *st = r->st;
	sqlite3 *db = pthread_getspecific(st->key);
	if (db)
		return db;
	char *err = NULL;
	if (!(db = zz_db_open(st->o.db, &err))) {
		zz_warn("%s", err);
		free(err);
		return NULL;
	}
	pthread_setspecific(st->key, db);
	pthread_mutex_lock(&st->mu);
	*ZZ_PUSH(st->dbs, st->ndbs, st->capdbs) = db;
	pthread_mutex_unlock(&st->mu);
	return db;
}

/* A form's values, each piece appended: MHD hands a long one over in
 * several calls. */
static enum MHD_Result
post_value(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
           const char *type, const char *encoding, const char *data, uint64_t off, size_t size)
{
	zz_req *r = cls;
	if (filename) { /* no uploads here */
		r->bad_form = 1;
		return MHD_NO;
	}
	arg *a = NULL;
	for (int i = 0; i < r->nargs && !a; i++)
		if (!strcmp(r->args[i].k, key))
			a = &r->args[i];
	if (!a) {
		if (r->nargs == MAX_ARGS) {
			r->bad_form = 1;
			return MHD_NO;
		}
		a = &r->args[r->nargs++];
		a->k = zz_estrdup(key), a->v = zz_estrdup(""), a->n = 0;
	}
	a->v = zz_erealloc(a->v, a->n + size + 1);
	memcpy(a->v + a->n, data, size);
	a->n += size;
	a->v[a->n] = '\0';
	return MHD_YES;
}

/* ---- replies ---- */

static void
headers_csp(zz_req *r, struct MHD_Response *resp, const char *type, const char *csp)
{
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
}

/* scripts and styles of the station's own files only, nothing inline */
#define OWN_FILES_ONLY                                                                       \
	"default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; "          \
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

static void
headers(zz_req *r, struct MHD_Response *resp, const char *type)
{
	headers_csp(r, resp, type, OWN_FILES_ONLY);
}

static void
reply(zz_req *r, int status, const char *type, const char *csp, const char *p, size_t n)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(n, (void *)p, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return;
	headers_csp(r, resp, type, csp);
	MHD_queue_response(r->c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	r->replied = 1;
}

void
zz_req_report(zz_req *r, const char *html, size_t n)
{
	reply(r, MHD_HTTP_OK, "text/html; charset=utf-8",
	      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'; "
	      "base-uri 'none'; form-action 'none'",
	      html, n);
}

void
zz_req_bytes(zz_req *r, int status, const char *type, const char *p, size_t n)
{
	reply(r, status, type, OWN_FILES_ONLY, p, n);
}

void
zz_req_page(zz_req *r, int status, const char *title, zz_html *body)
{
	zz_html h = {0};
	zz_html_put(&h, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	                "<meta name=\"viewport\" content=\"width=device-width\">"
	                "<title>%s - 资质审核工作台</title>"
	                "<link rel=\"stylesheet\" href=\"/static/station.css\">"
	                "<script src=\"/static/station.js\" defer></script></head><body>"
	                "<header><a class=\"home\" href=\"/\">资质审核工作台</a>",
	            title);
	if (r->user)
		zz_html_put(&h, "<span class=\"who\">审核员：<b id=\"user\">%s</b></span>"
		                "<form method=\"post\" action=\"/logout\" class=\"logout\">"
		                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		                "<button type=\"submit\" id=\"logout\">退出</button></form>"
		                "<span class=\"keys\">按 ? 查看快捷键</span>",
		            r->user, r->csrf);
	zz_html_put(&h, "</header><main>%S</main></body></html>\n", body ? body->p : "");
	zz_req_bytes(r, status, "text/html; charset=utf-8", h.p, h.n);
	zz_html_free(&h);
}

void
zz_req_error(zz_req *r, int status, const char *message)
{
	zz_html b = {0};
	zz_html_put(&b, "<section class=\"error\"><h1>%d</h1><p id=\"error\">%s</p>"
	                "<p><a href=\"/\">返回队列</a></p></section>",
	            status, message);
	zz_req_page(r, status, "出错", &b);
	zz_html_free(&b);
}

void
zz_req_redirect(zz_req *r, const char *location)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return;
	headers(r, resp, "text/plain");
	MHD_add_response_header(resp, "Location", location);
	MHD_queue_response(r->c, MHD_HTTP_SEE_OTHER, resp);
	MHD_destroy_response(resp);
	r->replied = 1;
}

static const char *
type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg")))
		return "image/jpeg";
	if (dot && !strcasecmp(dot, ".png"))
		return "image/png";
	if (dot && (!strcasecmp(dot, ".tif") || !strcasecmp(dot, ".tiff")))
		return "image/tiff";
	return "application/octet-stream";
}

/* The caller has checked that the path is the case's own (casepage.c);
 * opened without following a link in its last part. */
void
zz_req_file(zz_req *r, const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size > MAX_FILE) {
		if (fd >= 0)
			close(fd);
		zz_req_error(r, MHD_HTTP_NOT_FOUND, "没有这个图像");
		return;
	}
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	if (!resp) {
		close(fd);
		return;
	}
	headers(r, resp, type_of(path));
	MHD_queue_response(r->c, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	r->replied = 1;
}

/* ---- the checks before a page ---- */

/* The Host a request names must be the station's own: a page of another
 * site whose name was made to resolve to 127.0.0.1 (DNS rebinding) names
 * its own. */
static int
host_ok(zz_req *r)
{
	const char *h = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Host");
	for (int i = 0; h && i < r->st->nhosts; i++)
		if (!strcasecmp(h, r->st->hosts[i]))
			return 1;
	return 0;
}

/* A change must come from a page of the station: its Origin (every
 * browser sends one on a POST), else its Referer, names one of its hosts. */
static int
origin_ok(zz_req *r)
{
	const char *o = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Origin");
	const char *ref = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Referer");
	const char *s = o && strcmp(o, "null") ? o : ref;
	if (!s)
		return 0;
	const char *rest = !strncmp(s, "http://", 7) ? s + 7 : !strncmp(s, "https://", 8) ? s + 8 : NULL;
	if (!rest)
		return 0;
	size_t n = strcspn(rest, "/?#");
	for (int i = 0; i < r->st->nhosts; i++)
		if (strlen(r->st->hosts[i]) == n && !strncasecmp(rest, r->st->hosts[i], n))
			return 1;
	return 0;
}

static void
set_cookie(zz_req *r, const char *name, const char *value, const char *path, int max_age)
{
	free(r->set_cookie);
	r->set_cookie = zz_easprintf("%s=%s; Path=%s; HttpOnly; SameSite=Strict%s%s", name, value, path,
	                             r->st->o.secure_cookies ? "; Secure" : "",
	                             max_age < 0 ? "; Max-Age=0" : "");
}

static int
session(zz_req *r)
{
	r->cookie = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, SESSION_COOKIE);
	sqlite3 *db = zz_req_db(r);
	char *err = NULL;
	if (!r->cookie || !db)
		return 0;
	int rc = zz_session_check(db, r->cookie, r->st->o.idle_s, r->st->o.max_s, &r->user, &r->csrf,
	                          &err);
	if (rc < 0) {
		zz_warn("session: %s", err);
		free(err);
	}
	return rc == 1;
}

/* ---- logging in and out ---- */

static void
login_form(zz_req *r, int status, const char *message, const char *name)
{
	char token[65], *err = NULL;
	/* one token per browser, kept while it has one: a second load of the
	 * page (the browser's own, or another tab's) does not void the first */
	const char *had = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, LOGIN_COOKIE);
	if (zz_token_shaped(had))
		memcpy(token, had, 65);
	else if (zz_random_hex(token, &err) < 0) {
		zz_warn("%s", err);
		free(err);
		zz_req_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "无法生成令牌");
		return;
	}
	/* a token tied to this browser (double submit): a page elsewhere
	 * cannot log a clerk in under its own account */
	set_cookie(r, LOGIN_COOKIE, token, "/login", 0);
	zz_html b = {0};
	zz_html_put(&b, "<section class=\"login\"><h1>登录</h1>");
	if (message)
		zz_html_put(&b, "<p class=\"error\" id=\"error\">%s</p>", message);
	zz_html_put(&b, "<form method=\"post\" action=\"/login\">"
	                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	                "<label>用户名 <input name=\"user\" id=\"login-user\" autocomplete=\"username\""
	                " value=\"%s\" autofocus required></label>"
	                "<label>密码 <input name=\"password\" id=\"login-password\" type=\"password\""
	                " autocomplete=\"current-password\" required></label>"
	                "<button type=\"submit\" id=\"login-submit\">登录</button></form></section>",
	            token, name ? name : "");
	zz_req_page(r, status, "登录", &b);
	zz_html_free(&b);
}

static void
login(zz_req *r)
{
	const char *name = zz_req_arg(r, "user"), *pw = zz_req_arg(r, "password");
	const char *token = zz_req_arg(r, "csrf");
	const char *cookie = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, LOGIN_COOKIE);
	if (!token || !cookie || !zz_secret_equal(token, cookie) || !origin_ok(r)) {
		zz_warn("%s: a login form refused: %s", r->addr,
		        !token || !cookie ? "no token" : !origin_ok(r) ? "another origin" : "a wrong token");
		login_form(r, MHD_HTTP_FORBIDDEN, "登录表单已过期，请重试", name);
		return;
	}
	sqlite3 *db = zz_req_db(r);
	char *err = NULL, id[65], csrf[65];
	int wait = 0;
	enum zz_login rc = db && name && pw ? zz_user_login(db, name, pw, r->addr, &wait, &err) : ZZ_LOGIN_ERROR;
	if (rc == ZZ_LOGIN_OK && zz_session_new(db, name, r->addr, r->st->o.idle_s, r->st->o.max_s, id, csrf, &err) == 0) {
		zz_warn("%s: %s logged in", r->addr, name);
		set_cookie(r, SESSION_COOKIE, id, "/", 0);
		zz_req_redirect(r, "/");
	} else if (rc == ZZ_LOGIN_THROTTLED) {
		char *m = zz_easprintf("登录失败次数过多，请 %d 秒后再试", wait);
		zz_warn("%s: login as '%s' throttled (%d s)", r->addr, name, wait);
		login_form(r, MHD_HTTP_TOO_MANY_REQUESTS, m, name);
		free(m);
	} else if (rc == ZZ_LOGIN_BAD) {
		zz_warn("%s: login as '%s' refused", r->addr, name);
		login_form(r, MHD_HTTP_FORBIDDEN, "用户名或密码不正确", name);
	} else {
		if (err)
			zz_warn("login: %s", err);
		login_form(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "暂时无法登录", name);
	}
	free(err);
}

static void
logout(zz_req *r)
{
	char *err = NULL;
	sqlite3 *db = zz_req_db(r);
	if (db && r->cookie && zz_session_end(db, r->cookie, &err) < 0) {
		zz_warn("logout: %s", err);
		free(err);
	}
	set_cookie(r, SESSION_COOKIE, "", "/", -1);
	zz_req_redirect(r, "/login");
}

/* ---- routing ---- */

static void
route(zz_req *r)
{
	const char *u = r->url;
	int post = !strcmp(r->method, "POST"), get = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
	if (!host_ok(r)) {
		zz_req_error(r, MHD_HTTP_BAD_REQUEST, "这个主机名不属于本工作台");
		return;
	}
	if (!post && !get) {
		zz_req_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持的请求方法");
		return;
	}
	if (r->too_big || r->bad_form) {
		zz_req_error(r, r->too_big ? MHD_HTTP_CONTENT_TOO_LARGE : MHD_HTTP_BAD_REQUEST,
		             "表单过大或无法读取");
		return;
	}
	if (get && !strcmp(u, "/static/station.css")) {
		zz_req_bytes(r, 200, "text/css; charset=utf-8", r->st->css, r->st->ncss);
		return;
	}
	if (get && !strcmp(u, "/static/station.js")) {
		zz_req_bytes(r, 200, "text/javascript; charset=utf-8", r->st->js, r->st->njs);
		return;
	}
	if (!strcmp(u, "/login")) {
		if (post)
			login(r);
		else
			login_form(r, 200, NULL, NULL);
		return;
	}
	if (!session(r)) {
		if (get)
			zz_req_redirect(r, "/login");
		else
			zz_req_error(r, MHD_HTTP_FORBIDDEN, "请先登录");
		return;
	}
	if (post) {
		const char *t = zz_req_arg(r, "csrf");
		if (!origin_ok(r) || !t || !zz_secret_equal(t, r->csrf)) {
			zz_warn("%s: %s %s refused: no or a wrong form token or origin", r->addr, r->user, u);
			zz_req_error(r, MHD_HTTP_FORBIDDEN, "请求来源或表单令牌不正确，未作任何更改");
			return;
		}
	}
	if (post && !strcmp(u, "/logout")) {
		logout(r);
	} else if (get && !strcmp(u, "/")) {
		r->st->routes.queue(r);
	} else if (!strncmp(u, "/case/", 6)) {
		char id[65];
		size_t n = strspn(u + 6, "0123456789abcdef");
		const char *rest = u + 6 + n;
		if (n == 0 || n >= sizeof id || (*rest && *rest != '/')) {
			zz_req_error(r, MHD_HTTP_NOT_FOUND, "没有这个案件");
			return;
		}
		memcpy(id, u + 6, n);
		id[n] = '\0';
		if (post)
			r->st->routes.case_action(r, id, *rest ? rest + 1 : "");
		else
			r->st->routes.case_page(r, id, *rest ? rest + 1 : "");
	} else {
		zz_req_error(r, MHD_HTTP_NOT_FOUND, "没有这个页面");
	}
}

static void
client_address(zz_req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	strcpy(r->addr, "?");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->addr, sizeof r->addr);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, r->addr,
		          sizeof r->addr);
	/* behind a reverse proxy every request comes from it: the address its
	 * header names is the client's (logins are slowed by it), believed
	 * only of a connection from this machine, and only an address */
	const char *real = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "X-Real-IP");
	unsigned char bin[sizeof(struct in6_addr)];
	if (r->st->o.proxy && real && (!strcmp(r->addr, "127.0.0.1") || !strcmp(r->addr, "::1")) &&
	    strlen(real) < sizeof r->addr &&
	    (inet_pton(AF_INET, real, bin) == 1 || inet_pton(AF_INET6, real, bin) == 1))
		strcpy(r->addr, real);
}

static double
mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static struct watch *
watch_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void
watch_mark(zz_station *st, struct MHD_Connection *c, int headers)
{
	struct watch *w = watch_of(c);
	if (!w)
		return;
	pthread_mutex_lock(&st->wmu);
	w->headers = headers;
	if (!headers)
		w->start = mono(); /* the next request on a kept-alive connection */
	pthread_mutex_unlock(&st->wmu);
}

static void
notify(void *cls, struct MHD_Connection *c, void **ctx, enum MHD_ConnectionNotificationCode what)
{
	zz_station *st = cls;
	pthread_mutex_lock(&st->wmu);
	if (what == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct watch *w = zz_ecalloc(1, sizeof *w);
		w->fd = ci ? ci->connect_fd : -1, w->start = mono();
		w->next = st->watched;
		if (st->watched)
			st->watched->prev = w;
		st->watched = w;
		*ctx = w;
	} else if (*ctx) {
		/* before MHD closes the socket: its number is not reused under us */
		struct watch *w = *ctx;
		if (w->prev)
			w->prev->next = w->next;
		else
			st->watched = w->next;
		if (w->next)
			w->next->prev = w->prev;
		free(w);
		*ctx = NULL;
	}
	pthread_mutex_unlock(&st->wmu);
}

/* Once a second: a connection past its time is shut down; MHD sees it
 * fail and cleans it up as any other. */
static void *
sweep(void *cls)
{
	zz_station *st = cls;
	pthread_mutex_lock(&st->wmu);
	while (!st->stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&st->wcond, &st->wmu, &until);
		double t = mono();
		int head_s = st->o.timeout_s > 0 ? st->o.timeout_s : 15;
		for (struct watch *w = st->watched; w; w = w->next)
			if (w->fd >= 0 && t - w->start > (w->headers ? REQUEST_S : head_s)) {
				shutdown(w->fd, SHUT_RDWR);
				w->start = t + 1e9; /* once */
			}
	}
	pthread_mutex_unlock(&st->wmu);
	return NULL;
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
        const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	zz_req *r = *con_cls;
	if (!r) {
		r = zz_ecalloc(1, sizeof *r);
		r->st = cls, r->c = c, r->url = url, r->method = method;
		client_address(r);
		watch_mark(r->st, c, 1);
		*con_cls = r;
		if (!strcmp(method, "POST")) {
			/* NULL for a body that is not a form: refused below */
			r->pp = MHD_create_post_processor(c, 8 * 1024, post_value, r);
			if (!r->pp)
				r->bad_form = 1;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		r->posted += *upload_size;
		if (r->posted > MAX_POST)
			r->too_big = 1;
		else if (r->pp && !r->bad_form && MHD_post_process(r->pp, upload, *upload_size) != MHD_YES)
			r->bad_form = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	route(r);
	return r->replied ? MHD_YES : MHD_NO;
}

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	zz_req *r = *con_cls;
	if (!r)
		return;
	watch_mark(r->st, c, 0);
	if (r->pp)
		MHD_destroy_post_processor(r->pp);
	for (int i = 0; i < r->nargs; i++) {
		/* a password among them: not left in freed memory */
		zz_wipe(r->args[i].v, r->args[i].n);
		free(r->args[i].k), free(r->args[i].v);
	}
	free(r->user), free(r->csrf), free(r->set_cookie);
	free(r);
	*con_cls = NULL;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	buf[strcspn(buf, "\n")] = '\0';
	zz_warn("%s", buf);
}

/* ---- start and stop ---- */

static int
parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len, char **err)
{
	char host[128];
	const char *colon = strrchr(s, ':');
	memset(ss, 0, sizeof *ss);
	if (!colon || (size_t)(colon - s) >= sizeof host) {
		*err = zz_easprintf("--listen '%s': not ADDRESS:PORT", s);
		return -1;
	}
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || port < 0 || port > 65535) {
		*err = zz_easprintf("--listen '%s': bad port", s);
		return -1;
	}
	size_t hl = strlen(host);
	if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = '\0';
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, *host ? host : "127.0.0.1", &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET, a4->sin_port = htons((uint16_t)port);
		*len = sizeof *a4;
	} else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6, a6->sin6_port = htons((uint16_t)port);
		*len = sizeof *a6;
	} else {
		*err = zz_easprintf("--listen '%s': '%s' is not an IP address", s, host);
		return -1;
	}
	return 0;
}

static void
add_host(zz_station *st, char *h)
{
	*ZZ_PUSH(st->hosts, st->nhosts, st->caphosts) = h;
}

/* The Host values a browser sends for the address and port listened on,
 * and the names given with --host (a reverse proxy's), as given. */
static void
hosts_for(zz_station *st, const struct sockaddr_storage *ss, int port)
{
	char ip[64] = "";
	if (ss->ss_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, ip, sizeof ip);
	else
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr, ip, sizeof ip);
	int loop = !strcmp(ip, "127.0.0.1") || !strcmp(ip, "::1") || !strcmp(ip, "0.0.0.0") || !strcmp(ip, "::");
	add_host(st, ss->ss_family == AF_INET6 ? zz_easprintf("[%s]:%d", ip, port) : zz_easprintf("%s:%d", ip, port));
	if (loop) {
		add_host(st, zz_easprintf("localhost:%d", port));
		add_host(st, zz_easprintf("127.0.0.1:%d", port));
		add_host(st, zz_easprintf("[::1]:%d", port));
	}
	for (int i = 0; i < st->o.nhosts; i++)
		add_host(st, zz_estrdup(st->o.hosts[i]));
}

/* The rules' titles, for the case page: of every qualification's rules
 * file (or the one given), the first title of an id kept (the rules files
 * are the decide stage's; here only their <rule id title> are wanted). */
static int
file_titles(zz_station *st, const char *path, int *cap, int *cap2, char **err)
{
	xmlDocPtr d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!d) {
		*err = zz_easprintf("cannot read the rules %s", path);
		return -1;
	}
	for (xmlNodePtr n = xmlDocGetRootElement(d)->children; n; n = n->next) {
		char *id = zz_xml_is(n, "rule") ? zz_xml_prop(n, "id") : NULL;
		if (!id || strcmp(rule_title_of(st, id), id)) {
			free(id);
			continue;
		}
		char *title = zz_xml_prop(n, "title");
		int n2 = st->nrules;
		*ZZ_PUSH(st->rule_ids, st->nrules, *cap) = id;
		*ZZ_PUSH(st->rule_titles, n2, *cap2) = title ? title : zz_estrdup(id);
	}
	xmlFreeDoc(d);
	return 0;
}

static int
rule_titles(zz_station *st, char **err)
{
	int cap = 0, cap2 = 0;
	if (st->o.rules)
		return file_titles(st, st->o.rules, &cap, &cap2, err);
	zz_rulesfiles rf;
	if (zz_rulesfiles_load(st->o.config, &rf, err) < 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < rf.n && rc == 0; i++)
		rc = file_titles(st, rf.v[i].path, &cap, &cap2, err);
	zz_rulesfiles_free(&rf);
	return rc;
}

static int
asset(const char *config, const char *name, char **p, size_t *n, char **err)
{
	char *path = zz_easprintf("%s/%s", config, name);
	int rc = zz_read_file(path, 1 << 20, p, n);
	if (rc < 0)
		*err = zz_easprintf("cannot read %s: %s", path, strerror(errno));
	free(path);
	return rc;
}

zz_station *
zz_server_start(const zz_station_opts *o, const zz_station_routes *routes, int *port, char **err)
{
	*err = NULL;
	zz_station *st = zz_ecalloc(1, sizeof *st);
	st->o = *o;
	st->routes = *routes;
	pthread_mutex_init(&st->mu, NULL);
	pthread_mutex_init(&st->wmu, NULL);
	pthread_cond_init(&st->wcond, NULL);
	pthread_key_create(&st->key, NULL);
	struct sockaddr_storage ss;
	socklen_t len = 0;
	sqlite3 *db = NULL;
	if (parse_listen(o->listen, &ss, &len, err) < 0 || asset(o->config, "station.css", &st->css, &st->ncss, err) < 0 ||
	    asset(o->config, "station.js", &st->js, &st->njs, err) < 0 ||
	    zz_life_terms_load(o->config, o->rules, &st->terms, err) < 0 ||
	    !(st->dt = zz_doctypes_load(o->config, NULL, err)) || rule_titles(st, err) < 0)
		goto fail;
	/* the database opened (made, migrated) once here: a bad path is said
	 * at the start, not on a clerk's first page */
	if (!(db = zz_db_open(o->db, err)))
		goto fail;
	zz_db_close(&db);
	/* the socket bound here, so the port (for :0) and the names it
	 * answers to are known before the first request can arrive */
	int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (fd < 0 || bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 128) < 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) < 0) {
		*err = zz_easprintf("cannot listen on %s: %s", o->listen, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	*port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
	                                      : ((struct sockaddr_in6 *)&ss)->sin6_port);
	hosts_for(st, &ss, *port);
	if (pthread_create(&st->sweeper, NULL, sweep, st) != 0) {
		*err = zz_estrdup("cannot start a thread");
		close(fd);
		goto fail;
	}
	st->sweeping = 1;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	st->d = MHD_start_daemon(
		flags, 0, NULL, NULL, handler, st, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, st,
		MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 1),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(o->per_ip > 0 ? o->per_ip : 64),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(o->timeout_s > 0 ? o->timeout_s : 15),
		/* the request's line and headers must fit: a 10 MB header is
		 * answered 431 and the connection closed */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, completed, st, MHD_OPTION_NOTIFY_CONNECTION, notify, st,
		MHD_OPTION_END);
	if (!st->d) {
		*err = zz_easprintf("cannot serve on %s", o->listen);
		close(fd);
		goto fail;
	}
	return st;
fail:
	zz_station_stop(&st);
	return NULL;
}

void
zz_station_stop(zz_station **ps)
{
	zz_station *st = ps ? *ps : NULL;
	if (!st)
		return;
	if (st->d)
		MHD_stop_daemon(st->d);
	if (st->sweeping) {
		pthread_mutex_lock(&st->wmu);
		st->stopping = 1;
		pthread_cond_signal(&st->wcond);
		pthread_mutex_unlock(&st->wmu);
		pthread_join(st->sweeper, NULL);
	}
	pthread_mutex_destroy(&st->wmu);
	pthread_cond_destroy(&st->wcond);
	for (int i = 0; i < st->ndbs; i++)
		zz_db_close(&st->dbs[i]);
	free(st->dbs);
	for (int i = 0; i < st->nhosts; i++)
		free(st->hosts[i]);
	free(st->hosts), free(st->css), free(st->js);
	for (int i = 0; i < st->nrules; i++)
		free(st->rule_ids[i]), free(st->rule_titles[i]);
	free(st->rule_ids), free(st->rule_titles);
	zz_doctypes_free(&st->dt);
	pthread_key_delete(st->key);
	pthread_mutex_destroy(&st->mu);
	free(st);
	*ps = NULL;
}
