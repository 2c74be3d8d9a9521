/* station.h - the reviewers' station (zizhi serve): a web application over
 * the review database, on libmicrohttpd. Pages are made on the server;
 * every change goes through the same records as the command line
 * (decisions, corrections, events), in the reviewer's name. Stands on
 * core, db, decide (deciding a case again), extract and read (a corrected
 * value normalised as a read one). */
#ifndef ZZ_STATION_H
#define ZZ_STATION_H

#include <stddef.h>

#include "core/core.h"
#include "db/db.h"
#include "decide/decide.h"
#include "extract/extract.h"

/* ---- the server's settings and life (server.c) ---- */
typedef struct zz_station_opts {
	const char *listen;   /* ADDRESS:PORT, default 127.0.0.1:8080 */
	const char **hosts;   /* the names the station answers to beside its address */
	int nhosts;
	const char *db, *config, *rules;
	int threads;          /* worker threads, default 4 */
	int per_ip;           /* connections from one address at once */
	int timeout_s;        /* an idle connection is closed after */
	int idle_s, max_s;    /* sessions: idle and absolute expiry */
	int lease_s;          /* a case opened for review is held so long */
	int secure_cookies;   /* behind TLS (a reverse proxy): cookies are Secure */
	int proxy;            /* behind a reverse proxy on this machine: a client's
	                       * address is the X-Real-IP it sets */
} zz_station_opts;
void zz_station_defaults(zz_station_opts *o);
typedef struct zz_station zz_station;
/* Starts listening with the station's pages (station.c); NULL with *err
 * (the address, the database, the config). The port actually bound is in
 * *port (for --listen :0). */
zz_station *zz_station_start(const zz_station_opts *o, int *port, char **err);
void zz_station_stop(zz_station **ps);
typedef struct zz_req zz_req;
/* The pages the server hands requests to, past its checks: the server
 * knows them only so (the pages call the server, not the other way). */
typedef struct zz_station_routes {
	void (*queue)(zz_req *r);
	void (*case_page)(zz_req *r, const char *id, const char *rest);
	void (*case_action)(zz_req *r, const char *id, const char *action);
} zz_station_routes;
zz_station *zz_server_start(const zz_station_opts *o, const zz_station_routes *routes, int *port,
                            char **err);

/* ---- HTML made safely (html.c) ---- */
typedef struct zz_html {
	char *p;
	size_t n, cap;
} zz_html;
/* Appends fmt: %s a string escaped for HTML text and attributes (NULL as
 * nothing), %u the same escaped for a URL's path or query part, %S a
 * string as it is (markup of ours only), %d an int, %ld a long, %f a
 * double as 0.00, %% a percent sign. */
void zz_html_put(zz_html *h, const char *fmt, ...);
void zz_html_free(zz_html *h);

/* ---- one request (server.c, used by the pages) ---- */
const char *zz_req_arg(zz_req *r, const char *name);   /* query or form value; NULL */
const char *zz_req_user(const zz_req *r);              /* the reviewer logged in */
const char *zz_req_csrf(const zz_req *r);              /* the session's form token */
struct sqlite3 *zz_req_db(zz_req *r);
const zz_station_opts *zz_req_opts(const zz_req *r);
const zz_life_terms *zz_req_terms(const zz_req *r);
const zz_fdef *zz_req_fdef(const zz_req *r, const char *name); /* NULL: none such */
const char *zz_req_field_title(const zz_req *r, const char *name); /* its label, or name */
const char *zz_req_rule_title(const zz_req *r, const char *id);
/* Replies with a whole page (title and body of ours), status code given. */
void zz_req_page(zz_req *r, int status, const char *title, zz_html *body);
void zz_req_redirect(zz_req *r, const char *location);
void zz_req_error(zz_req *r, int status, const char *message);
/* A file of the case directory (its image of a page), by the type its
 * name says; 404 when it cannot be opened. */
void zz_req_file(zz_req *r, const char *path);
void zz_req_bytes(zz_req *r, int status, const char *type, const char *p, size_t n);
/* The printable report or letter (the report's own HTML: its styles
 * inline and images as data: URLs, no script allowed). */
void zz_req_report(zz_req *r, const char *html, size_t n);

/* ---- the pages (queue.c, casepage.c, actions.c) ---- */
void zz_page_queue(zz_req *r);
/* /case/ID[/rest]: the case page, its page images, its report and letter */
void zz_page_case(zz_req *r, const char *id, const char *rest);
/* POST /case/ID/ACTION */
void zz_action_case(zz_req *r, const char *id, const char *action);
/* The case's events as a list <ul id=ul>, those SQL where (after "WHERE
 * case_id = ?1 AND") picks, in its order; ?2 in it is bound to arg. */
struct sqlite3;
void zz_page_events(zz_html *b, struct sqlite3 *db, const char *id, const char *ul,
                    const char *where, const char *arg);
/* The short Chinese name of a verdict, result or status. */
const char *zz_station_label(const char *id);

#endif
