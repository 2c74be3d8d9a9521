/* httpload - a small HTTP/1.1 load generator for benchmarks on loopback.
 *
 *   httpload [-c CLIENTS] [-d SECONDS] [-t SECONDS] [-H 'Name: value']...
 *            [-o CSV] http://127.0.0.1:PORT PATH...
 *
 * CLIENTS threads (default 50) each keep one connection alive and GET the
 * PATHs in turn (client i starts at PATH i), for SECONDS (default 30). No
 * call waits past the end of the run: every wait is a poll() bounded by
 * it, so a server that hangs cannot hold the run up. A request that takes
 * longer than -t SECONDS (default 10) counts as a timeout error; one still
 * in flight when the run ends is "unfinished", neither a request nor an
 * error, since only the stopping cut it short.
 *
 * A response with a status of 400 or more is an error, as is a failure to
 * connect, a timeout, a malformed response (protocol) or a connection that
 * failed or closed in the middle of a response (io). After an error the
 * connection is closed and the next request opens a new one. A kept-alive
 * connection that the server closed while it was idle shows as a failure
 * before the first byte of the response: that request is sent again once
 * on a new connection, as browsers do, and is no error.
 *
 * At the end it prints "key value" lines and a line for people (see
 * print_summary); -o CSV writes a row per request. Latencies run from
 * before the connect (when one is needed) to the last byte of the body.
 * Only numeric loopback hosts are accepted: it is meant for a benchmark on
 * this machine, never for loading someone else's server.
 *
 * Exit status: 0 when it ran, 1 when it could not (memory, threads, the
 * CSV file), 2 on a usage error. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_S INT64_C(1000000000)
#define NS_PER_MS 1000000.0
#define MAX_CLIENTS 10000
#define BUFSZ 65536                 /* per client; also bounds a header or chunk line */
#define MAX_HEAD 65536              /* bytes of a response's status line and headers */
#define BACKOFF_NS (10 * 1000000L)  /* pause after a failed connect */

/* what became of one request */
enum kind { K_OK, K_STATUS, K_CONNECT, K_TIMEOUT, K_PROTOCOL, K_IO, K_UNFINISHED, NKINDS };
static const char *const kind_name[NKINDS] = {"", "status", "connect", "timeout", "protocol",
	"io", "unfinished"};

/* what became of one step of it */
enum io { IO_OK, IO_EOF, IO_ERR, IO_TIMEOUT, IO_DEADLINE, IO_PROTO };

typedef struct config {
	int clients;
	int64_t run_ns, timeout_ns;
	struct sockaddr_storage addr;
	socklen_t addrlen;
	char *const *paths; /* into argv */
	size_t npaths;
	char **reqs; /* the whole request for each path */
	size_t *reqlen;
	const char *csv;
} config;

/* holds the clients until all of them exist, so that they start together
 * and a failure to create one stops the others before they begin */
typedef struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state; /* 0 wait, 1 go, -1 abort */
	int64_t deadline;
} gate;

typedef struct record {
	int64_t latency;
	uint32_t path;
	uint16_t status;
	uint8_t kind;
} record;

typedef struct stats {
	uint64_t requests, ok, kind[NKINDS], connections, bytes;
	uint64_t status[600];
	int64_t *lat; /* ns, of every response */
	size_t nlat, latcap;
	record *rec; /* with -o only */
	size_t nrec, reccap;
	int oom;
} stats;

typedef struct client {
	pthread_t tid;
	size_t id;
	const config *cfg;
	gate *gate;
	stats st;
} client;

/* a connection and what has been read from it but not yet used */
typedef struct conn {
	int fd;
	char *buf;
	size_t pos, len;
	uint64_t got;    /* bytes of the current response so far */
	uint64_t *bytes; /* the client's total */
	int64_t until, deadline; /* the request's timeout, the run's end */
} conn;

typedef struct response {
	int status, minor, keep;
} response;

static int64_t
now_ns(void)
{
	struct timespec ts;
	/* CLOCK_MONOTONIC cannot fail on a POSIX system that has it; a
	 * failure would leave ts unset, so stop at once rather than run on */
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		perror("httpload: clock_gettime");
		abort();
	}
	return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static int
ms_ceil(int64_t ns)
{
	int64_t ms = (ns + 999999) / 1000000;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* Waits until fd is ready for events or until the earlier of the
 * request's timeout and the end of the run; which of the two came first
 * decides between a timeout and an unfinished request. */
static enum io
wait_fd(int fd, short events, int64_t until, int64_t deadline)
{
	for (;;) {
		int64_t now = now_ns(), end = until < deadline ? until : deadline;
		if (now >= deadline)
			return IO_DEADLINE;
		if (now >= end)
			return IO_TIMEOUT;
		struct pollfd p = {.fd = fd, .events = events};
		int n = poll(&p, 1, ms_ceil(end - now));
		if (n > 0)
			return IO_OK; /* POLLERR and POLLHUP too: the next call reports them */
		if (n < 0 && errno != EINTR)
			return IO_ERR;
	}
}

static void
conn_close(conn *c)
{
	/* close() of a socket can only report what the connection already
	 * failed with, and the connection is given up either way */
	if (c->fd >= 0)
		(void)close(c->fd);
	c->fd = -1;
	c->pos = c->len = 0;
}

static enum io
conn_open(conn *c, const config *cfg)
{
	int fd = socket(cfg->addr.ss_family, SOCK_STREAM, 0), one = 1, fl;
	if (fd < 0)
		return IO_ERR;
	/* non-blocking, so that no connect, send or recv outlasts a poll */
	if ((fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) {
		(void)close(fd);
		return IO_ERR;
	}
	if (connect(fd, (const struct sockaddr *)&cfg->addr, cfg->addrlen) < 0) {
		enum io r = errno == EINPROGRESS ? wait_fd(fd, POLLOUT, c->until, c->deadline) : IO_ERR;
		int err = 0;
		socklen_t len = sizeof err;
		if (r == IO_OK && (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err))
			r = IO_ERR;
		if (r != IO_OK) {
			(void)close(fd);
			return r;
		}
	}
	c->fd = fd;
	c->pos = c->len = 0;
	return IO_OK;
}

static enum io
send_all(conn *c, const char *p, size_t n)
{
	while (n > 0) {
		enum io r = wait_fd(c->fd, POLLOUT, c->until, c->deadline);
		if (r != IO_OK)
			return r;
		/* MSG_NOSIGNAL: a closed peer is an error to count, not SIGPIPE */
		ssize_t k = send(c->fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			return IO_ERR;
		if (k > 0) {
			p += k;
			n -= (size_t)k;
		}
	}
	return IO_OK;
}

/* Reads more into the buffer, after what is there and not yet used. */
static enum io
conn_fill(conn *c)
{
	if (c->pos == c->len) {
		c->pos = c->len = 0;
	} else if (c->len == BUFSZ && c->pos > 0) {
		memmove(c->buf, c->buf + c->pos, c->len - c->pos);
		c->len -= c->pos;
		c->pos = 0;
	}
	if (c->len == BUFSZ)
		return IO_PROTO; /* a line longer than the buffer */
	for (;;) {
		enum io r = wait_fd(c->fd, POLLIN, c->until, c->deadline);
		if (r != IO_OK)
			return r;
		ssize_t k = recv(c->fd, c->buf + c->len, BUFSZ - c->len, 0);
		if (k > 0) {
			c->len += (size_t)k;
			c->got += (uint64_t)k;
			*c->bytes += (uint64_t)k;
			return IO_OK;
		}
		if (k == 0)
			return IO_EOF;
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			return IO_ERR;
	}
}

/* The next line, without its CRLF (or bare LF); it stays valid until the
 * next read from c. */
static enum io
conn_line(conn *c, const char **line, size_t *n)
{
	for (;;) {
		const char *nl = memchr(c->buf + c->pos, '\n', c->len - c->pos);
		if (nl) {
			*line = c->buf + c->pos;
			*n = (size_t)(nl - *line);
			c->pos += *n + 1;
			if (*n > 0 && (*line)[*n - 1] == '\r')
				--*n;
			return IO_OK;
		}
		enum io r = conn_fill(c);
		if (r != IO_OK)
			return r;
	}
}

static enum io
conn_skip(conn *c, uint64_t n)
{
	while (n > 0) {
		if (c->pos == c->len) {
			enum io r = conn_fill(c);
			if (r != IO_OK)
				return r;
		}
		size_t take = c->len - c->pos;
		if (take > n)
			take = (size_t)n;
		c->pos += take;
		n -= take;
	}
	return IO_OK;
}

/* a body delimited by the end of the connection */
static enum io
conn_drain(conn *c)
{
	for (;;) {
		c->pos = c->len;
		enum io r = conn_fill(c);
		if (r == IO_EOF)
			return IO_OK;
		if (r != IO_OK)
			return r;
	}
}

static int
parse_status_line(const char *s, size_t n, response *rs)
{
	if (n < 12 || memcmp(s, "HTTP/1.", 7) || s[7] < '0' || s[7] > '9' || s[8] != ' ' ||
	    s[9] < '1' || s[9] > '5' || s[10] < '0' || s[10] > '9' || s[11] < '0' || s[11] > '9' ||
	    (n > 12 && s[12] != ' '))
		return 0;
	rs->minor = s[7] - '0';
	rs->status = (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
	return 1;
}

static int
name_is(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/* parses a Content-Length value; 0 when it is not a plain number */
static int
parse_length(const char *s, size_t n, uint64_t *len)
{
	uint64_t v = 0;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*len = v;
	return 1;
}

/* whether the comma-separated list s holds the token tok */
static int
has_token(const char *s, size_t n, const char *tok)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ',')
			j++;
		size_t a = i, b = j;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (name_is(s + a, b - a, tok))
			return 1;
		i = j + 1;
	}
	return 0;
}

/* whether the last coding of a Transfer-Encoding value is chunked: only
 * then does the body end by itself (RFC 9112 6.3) */
static int
last_is_chunked(const char *s, size_t n)
{
	size_t a = n;
	while (a > 0 && s[a - 1] != ',')
		a--;
	return has_token(s + a, n - a, "chunked");
}

enum framing { F_NONE, F_LENGTH, F_CHUNKED, F_CLOSE };

typedef struct head {
	int has_len, has_te, chunked, close, keepalive;
	uint64_t len;
} head;

static enum io
header_line(const char *s, size_t n, head *h)
{
	if (s[0] == ' ' || s[0] == '\t')
		return IO_OK; /* obsolete folding: none of the headers read here */
	const char *colon = memchr(s, ':', n);
	if (!colon || colon == s)
		return IO_PROTO;
	size_t nl = (size_t)(colon - s), a = nl + 1, b = n;
	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	const char *v = s + a;
	size_t vn = b - a;
	if (name_is(s, nl, "content-length")) {
		uint64_t len;
		if (!parse_length(v, vn, &len) || (h->has_len && len != h->len))
			return IO_PROTO;
		h->has_len = 1;
		h->len = len;
	} else if (name_is(s, nl, "transfer-encoding")) {
		h->has_te = 1;
		h->chunked = last_is_chunked(v, vn);
	} else if (name_is(s, nl, "connection")) {
		h->close |= has_token(v, vn, "close");
		h->keepalive |= has_token(v, vn, "keep-alive");
	}
	return IO_OK;
}

/* Reads a status line and headers, skipping interim (1xx) responses, and
 * says how the body is framed. */
static enum io
read_head(conn *c, response *rs, head *h, enum framing *f)
{
	size_t total = 0;
	const char *s;
	size_t n;
	for (;;) {
		enum io r = conn_line(c, &s, &n);
		if (r != IO_OK)
			return r;
		if (!parse_status_line(s, n, rs))
			return IO_PROTO;
		*h = (head){0};
		for (;;) {
			if ((r = conn_line(c, &s, &n)) != IO_OK)
				return r;
			if ((total += n + 2) > MAX_HEAD)
				return IO_PROTO;
			if (n == 0)
				break;
			if ((r = header_line(s, n, h)) != IO_OK)
				return r;
		}
		if (rs->status == 101)
			return IO_PROTO; /* no upgrade was asked for */
		if (rs->status >= 200)
			break;
	}
	rs->keep = rs->minor >= 1 ? !h->close : h->keepalive && !h->close;
	if (rs->status == 204 || rs->status == 304) {
		*f = F_NONE;
	} else if (h->has_te) {
		*f = h->chunked ? F_CHUNKED : F_CLOSE;
		/* with both, the length may have been smuggled (RFC 9112 6.1) */
		if (h->has_len)
			rs->keep = 0;
	} else {
		*f = h->has_len ? F_LENGTH : F_CLOSE;
	}
	if (*f == F_CLOSE)
		rs->keep = 0;
	return IO_OK;
}

static int
parse_chunk_size(const char *s, size_t n, uint64_t *size)
{
	uint64_t v = 0;
	size_t i = 0;
	for (; i < n; i++) {
		int d;
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			break;
		if (v > UINT64_MAX >> 4)
			return 0;
		v = v << 4 | (uint64_t)d;
	}
	/* what may follow the size: extensions, after optional whitespace */
	if (i == 0 || (i < n && s[i] != ';' && s[i] != ' ' && s[i] != '\t'))
		return 0;
	*size = v;
	return 1;
}

static enum io
read_chunked(conn *c)
{
	const char *s;
	size_t n;
	uint64_t size;
	enum io r;
	for (;;) {
		if ((r = conn_line(c, &s, &n)) != IO_OK)
			return r;
		if (!parse_chunk_size(s, n, &size))
			return IO_PROTO;
		if (size == 0)
			break;
		if ((r = conn_skip(c, size)) != IO_OK || (r = conn_line(c, &s, &n)) != IO_OK)
			return r;
		if (n != 0)
			return IO_PROTO;
	}
	/* trailers, up to the empty line */
	size_t total = 0;
	do {
		if ((r = conn_line(c, &s, &n)) != IO_OK)
			return r;
		if ((total += n + 2) > MAX_HEAD)
			return IO_PROTO;
	} while (n != 0);
	return IO_OK;
}

static enum io
read_response(conn *c, response *rs)
{
	head h;
	enum framing f;
	enum io r = read_head(c, rs, &h, &f);
	if (r != IO_OK)
		return r;
	switch (f) {
	case F_NONE:
		break;
	case F_LENGTH:
		r = conn_skip(c, h.len);
		break;
	case F_CHUNKED:
		r = read_chunked(c);
		break;
	case F_CLOSE:
		r = conn_drain(c);
		break;
	}
	/* nothing was pipelined, so anything more is the server's mistake */
	if (r == IO_OK && rs->keep && c->pos != c->len)
		return IO_PROTO;
	return r;
}

static enum kind
kind_of(enum io r)
{
	switch (r) {
	case IO_OK:
		return K_OK;
	case IO_TIMEOUT:
		return K_TIMEOUT;
	case IO_DEADLINE:
		return K_UNFINISHED;
	case IO_PROTO:
		return K_PROTOCOL;
	case IO_EOF:
	case IO_ERR:
		break;
	}
	return K_IO;
}

/* One GET of path on the client's connection, opening one when there is
 * none; *status is set when a response came. */
static enum kind
one_request(client *cl, conn *c, size_t path, int *status)
{
	const config *cfg = cl->cfg;
	c->until = now_ns() + cfg->timeout_ns;
	for (;;) {
		int reused = c->fd >= 0;
		enum io r;
		if (!reused) {
			if ((r = conn_open(c, cfg)) != IO_OK)
				return r == IO_DEADLINE ? K_UNFINISHED : K_CONNECT;
			cl->st.connections++;
		}
		c->got = 0;
		response rs;
		if ((r = send_all(c, cfg->reqs[path], cfg->reqlen[path])) == IO_OK &&
		    (r = read_response(c, &rs)) == IO_OK) {
			if (!rs.keep)
				conn_close(c);
			*status = rs.status;
			return rs.status >= 400 ? K_STATUS : K_OK;
		}
		conn_close(c);
		/* a connection the server closed while it sat idle: send again
		 * once, on a fresh one (which is never retried) */
		if (!(reused && c->got == 0 && (r == IO_EOF || r == IO_ERR)))
			return kind_of(r);
	}
}

static int
grow(void **p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 1;
	size_t nc = *cap ? *cap * 2 : 4096;
	if (nc > SIZE_MAX / size)
		return 0;
	void *q = realloc(*p, nc * size);
	if (!q)
		return 0;
	*p = q;
	*cap = nc;
	return 1;
}

/* counts one request; 0 when memory ran out */
static int
tally(stats *st, int csv, size_t path, enum kind k, int status, int64_t latency)
{
	st->kind[k]++;
	if (k != K_UNFINISHED)
		st->requests++;
	if (k == K_OK)
		st->ok++;
	if (k == K_OK || k == K_STATUS) {
		st->status[status]++;
		void *p = st->lat;
		if (!grow(&p, &st->latcap, st->nlat, sizeof *st->lat))
			return 0;
		st->lat = p;
		st->lat[st->nlat++] = latency;
	}
	if (csv) {
		void *p = st->rec;
		if (!grow(&p, &st->reccap, st->nrec, sizeof *st->rec))
			return 0;
		st->rec = p;
		st->rec[st->nrec++] = (record){latency, (uint32_t)path, (uint16_t)status, (uint8_t)k};
	}
	return 1;
}

/* Sleeps ns, but not past the deadline. */
static void
pause_until(int64_t ns, int64_t deadline)
{
	int64_t left = deadline - now_ns();
	if (left < ns)
		ns = left;
	if (ns <= 0)
		return;
	struct timespec ts = {.tv_sec = (time_t)(ns / NS_PER_S), .tv_nsec = (long)(ns % NS_PER_S)};
	/* an early wake-up (EINTR) only shortens the pause */
	(void)nanosleep(&ts, NULL);
}

static int
gate_wait(gate *g, int64_t *deadline)
{
	int state = -1;
	if (pthread_mutex_lock(&g->mu) != 0)
		return 0;
	while (g->state == 0)
		if (pthread_cond_wait(&g->cv, &g->mu) != 0)
			break;
	state = g->state;
	*deadline = g->deadline;
	if (pthread_mutex_unlock(&g->mu) != 0)
		return 0;
	return state > 0;
}

static void *
client_run(void *arg)
{
	client *cl = arg;
	const config *cfg = cl->cfg;
	int64_t deadline;
	if (!gate_wait(cl->gate, &deadline))
		return NULL;
	conn c = {.fd = -1, .buf = malloc(BUFSZ), .bytes = &cl->st.bytes, .deadline = deadline};
	if (!c.buf) {
		cl->st.oom = 1;
		return NULL;
	}
	size_t path = cl->id % cfg->npaths;
	while (now_ns() < deadline) {
		int status = 0;
		int64_t t0 = now_ns();
		enum kind k = one_request(cl, &c, path, &status);
		if (!tally(&cl->st, cfg->csv != NULL, path, k, status, now_ns() - t0)) {
			cl->st.oom = 1;
			break;
		}
		if (k == K_UNFINISHED)
			break;
		/* a refused connect returns at once: without a pause the
		 * client would spin and count thousands of errors a second */
		if (k == K_CONNECT)
			pause_until(BACKOFF_NS, deadline);
		path = (path + 1) % cfg->npaths;
	}
	conn_close(&c);
	free(c.buf);
	return NULL;
}

static void
usage(FILE *f)
{
	fputs("usage: httpload [-c CLIENTS] [-d SECONDS] [-t SECONDS] [-H 'Name: value']...\n"
	      "                [-o CSV] http://127.0.0.1:PORT PATH...\n"
	      "  -c  clients, each a thread with its own keep-alive connection (default 50)\n"
	      "  -d  length of the run in seconds (default 30)\n"
	      "  -t  seconds after which a request counts as a timeout (default 10)\n"
	      "  -H  a header to send with every request (repeatable)\n"
	      "  -o  write a row per request to CSV (client,path,status,latency_ms,error)\n"
	      "The host must be a numeric loopback address: 127.0.0.1 (127/8) or [::1].\n",
	      f);
}

static int
parse_int(const char *s, long lo, long hi, long *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (errno || end == s || *end || x < lo || x > hi)
		return 0;
	*v = x;
	return 1;
}

static int
parse_seconds(const char *s, int64_t *ns)
{
	char *end;
	errno = 0;
	double x = strtod(s, &end);
	/* also refuses NaN, for which both comparisons are false */
	if (errno || end == s || *end || !(x > 0 && x <= 1e6))
		return 0;
	*ns = (int64_t)(x * 1e9);
	return *ns > 0;
}

/* Takes http://HOST[:PORT][/] with HOST 127.x.x.x or [::1]; the Host
 * header to send is written to host. */
static int
parse_url(const char *url, config *cfg, char *host, size_t hostsz)
{
	char addr[INET6_ADDRSTRLEN];
	const char *p, *end;
	long port = 80;
	if (strncmp(url, "http://", 7) != 0) {
		fprintf(stderr, "httpload: %s: only http:// URLs are taken (a loopback benchmark)\n", url);
		return 0;
	}
	p = url + 7;
	int v6 = *p == '[';
	if (v6) {
		end = strchr(++p, ']');
		if (!end) {
			fprintf(stderr, "httpload: %s: no ] after the IPv6 address\n", url);
			return 0;
		}
	} else {
		end = p + strcspn(p, ":/");
	}
	if ((size_t)(end - p) >= sizeof addr || end == p) {
		fprintf(stderr, "httpload: %s: no numeric host (an IPv6 one goes in [])\n", url);
		return 0;
	}
	memcpy(addr, p, (size_t)(end - p));
	addr[end - p] = '\0';
	p = end + v6;
	if (*p == ':') {
		char digits[8];
		size_t n = strcspn(++p, "/");
		if (n == 0 || n >= sizeof digits || strspn(p, "0123456789") != n) {
			fprintf(stderr, "httpload: %s: bad port\n", url);
			return 0;
		}
		memcpy(digits, p, n);
		digits[n] = '\0';
		if (!parse_int(digits, 1, 65535, &port)) {
			fprintf(stderr, "httpload: %s: bad port\n", url);
			return 0;
		}
		p += n;
	}
	if (*p && strcmp(p, "/") != 0) {
		fprintf(stderr, "httpload: %s: the URL takes no path; give the PATHs after it\n", url);
		return 0;
	}
	memset(&cfg->addr, 0, sizeof cfg->addr);
	struct sockaddr_in *a4 = (struct sockaddr_in *)&cfg->addr;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&cfg->addr;
	if (!v6 && inet_pton(AF_INET, addr, &a4->sin_addr) == 1 &&
	    (ntohl(a4->sin_addr.s_addr) >> 24) == 127) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		cfg->addrlen = sizeof *a4;
	} else if (v6 && inet_pton(AF_INET6, addr, &a6->sin6_addr) == 1 &&
		   IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr)) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		cfg->addrlen = sizeof *a6;
	} else {
		fprintf(stderr, "httpload: %s: the host must be a numeric loopback address "
				"(127.0.0.1 or [::1]); httpload loads this machine only\n", url);
		return 0;
	}
	int n = port == 80 ? snprintf(host, hostsz, v6 ? "[%s]" : "%s", addr)
			   : snprintf(host, hostsz, v6 ? "[%s]:%ld" : "%s:%ld", addr, port);
	return n > 0 && (size_t)n < hostsz;
}

/* a header as it is sent: a token, a colon, no line breaks or controls */
static int
valid_header(const char *h)
{
	size_t n = strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			     "!#$%&'*+-.^_`|~");
	if (n == 0 || h[n] != ':')
		return 0;
	for (const unsigned char *p = (const unsigned char *)h + n; *p; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return 0;
	return 1;
}

/* a request target as it is sent: no spaces, controls or raw non-ASCII */
static int
valid_path(const char *p)
{
	if (*p != '/')
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return 0;
	return 1;
}

static int
header_given(char *const *hdrs, size_t n, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < n; i++)
		if (strncasecmp(hdrs[i], name, len) == 0 && hdrs[i][len] == ':')
			return 1;
	return 0;
}

/* The request for each path, built once: the clients only read them. */
static int
build_requests(config *cfg, const char *host, char *const *hdrs, size_t nhdrs)
{
	size_t extra = 0;
	for (size_t i = 0; i < nhdrs; i++)
		extra += strlen(hdrs[i]) + 2;
	char dflt[300];
	int dn = snprintf(dflt, sizeof dflt, "%s%s%s%s%s",
			  header_given(hdrs, nhdrs, "host") ? "" : "Host: ",
			  header_given(hdrs, nhdrs, "host") ? "" : host,
			  header_given(hdrs, nhdrs, "host") ? "" : "\r\n",
			  header_given(hdrs, nhdrs, "user-agent") ? "" : "User-Agent: httpload\r\n",
			  header_given(hdrs, nhdrs, "accept") ? "" : "Accept: */*\r\n");
	if (dn < 0 || (size_t)dn >= sizeof dflt)
		return 0;
	cfg->reqs = calloc(cfg->npaths, sizeof *cfg->reqs);
	cfg->reqlen = calloc(cfg->npaths, sizeof *cfg->reqlen);
	if (!cfg->reqs || !cfg->reqlen)
		return 0;
	for (size_t i = 0; i < cfg->npaths; i++) {
		size_t cap = strlen(cfg->paths[i]) + (size_t)dn + extra + 32;
		char *r = malloc(cap), *p = r;
		if (!r)
			return 0;
		p += sprintf(p, "GET %s HTTP/1.1\r\n%s", cfg->paths[i], dflt);
		for (size_t j = 0; j < nhdrs; j++)
			p += sprintf(p, "%s\r\n", hdrs[j]);
		p += sprintf(p, "\r\n");
		cfg->reqs[i] = r;
		cfg->reqlen[i] = (size_t)(p - r);
	}
	return 1;
}

static void
free_requests(config *cfg)
{
	for (size_t i = 0; cfg->reqs && i < cfg->npaths; i++)
		free(cfg->reqs[i]);
	free(cfg->reqs);
	free(cfg->reqlen);
}

/* an open file descriptor per client, and a few for stdio and the CSV */
static int
enough_fds(int clients)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return 1;
	return (rlim_t)clients + 16 <= rl.rlim_cur;
}

/* 0 when it parsed, else the exit status */
static int
parse_args(int argc, char **argv, config *cfg, char **hdrs, size_t *nhdrs, char *host,
	   size_t hostsz)
{
	long v;
	int c;
	while ((c = getopt(argc, argv, "c:d:t:H:o:h")) != -1) {
		switch (c) {
		case 'c':
			if (!parse_int(optarg, 1, MAX_CLIENTS, &v)) {
				fprintf(stderr, "httpload: -c wants 1 to %d clients\n", MAX_CLIENTS);
				return 2;
			}
			cfg->clients = (int)v;
			break;
		case 'd':
		case 't':
			if (!parse_seconds(optarg, c == 'd' ? &cfg->run_ns : &cfg->timeout_ns)) {
				fprintf(stderr, "httpload: -%c wants seconds, more than 0\n", c);
				return 2;
			}
			break;
		case 'H':
			if (!valid_header(optarg)) {
				fprintf(stderr, "httpload: -H '%s': not a 'Name: value' header\n", optarg);
				return 2;
			}
			hdrs[(*nhdrs)++] = optarg;
			break;
		case 'o':
			cfg->csv = optarg;
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind < 2) {
		usage(stderr);
		return 2;
	}
	if (!parse_url(argv[optind], cfg, host, hostsz))
		return 2;
	cfg->paths = argv + optind + 1;
	cfg->npaths = (size_t)(argc - optind - 1);
	for (size_t i = 0; i < cfg->npaths; i++)
		if (!valid_path(cfg->paths[i])) {
			fprintf(stderr, "httpload: %s: a PATH starts with / and has no spaces, "
					"controls or raw non-ASCII (percent-encode them)\n", cfg->paths[i]);
			return 2;
		}
	if (!enough_fds(cfg->clients)) {
		fprintf(stderr, "httpload: %d clients need more open files than ulimit -n allows\n",
			cfg->clients);
		return 2;
	}
	return 0;
}

/* Runs the clients; the seconds they ran, or a negative number when they
 * could not all be started. */
static double
run_clients(const config *cfg, client *cl)
{
	gate g = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
	pthread_attr_t attr;
	int started = 0, err = pthread_attr_init(&attr);
	/* little stack is needed, and -c in the thousands should not reserve
	 * gigabytes of it */
	if (!err)
		err = pthread_attr_setstacksize(&attr, 256 * 1024);
	for (; !err && started < cfg->clients; started++) {
		cl[started] = (client){.id = (size_t)started, .cfg = cfg, .gate = &g};
		err = pthread_create(&cl[started].tid, &attr, client_run, &cl[started]);
		if (err)
			break;
	}
	if (err)
		fprintf(stderr, "httpload: starting client %d: %s\n", started, strerror(err));
	int64_t start = now_ns();
	if (pthread_mutex_lock(&g.mu) != 0) {
		fputs("httpload: pthread_mutex_lock failed\n", stderr);
		abort(); /* the clients would wait for ever */
	}
	g.state = err ? -1 : 1;
	g.deadline = start + cfg->run_ns;
	if (pthread_cond_broadcast(&g.cv) != 0 || pthread_mutex_unlock(&g.mu) != 0) {
		fputs("httpload: cannot start the clients\n", stderr);
		abort();
	}
	for (int i = 0; i < started; i++)
		if ((err = pthread_join(cl[i].tid, NULL)) != 0)
			fprintf(stderr, "httpload: joining client %d: %s\n", i, strerror(err));
	/* the window the requests were counted in: joining a thousand
	 * threads after the deadline is no part of it */
	int64_t took = now_ns() - start;
	double secs = (double)(took < cfg->run_ns ? took : cfg->run_ns) / (double)NS_PER_S;
	/* these fail only for objects never set up or still in use, and no
	 * client is left to use them */
	(void)pthread_attr_destroy(&attr);
	(void)pthread_mutex_destroy(&g.mu);
	(void)pthread_cond_destroy(&g.cv);
	return err ? -1 : secs;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* nearest rank: the smallest latency with at least pct % at or below it */
static double
percentile_ms(const int64_t *sorted, size_t n, unsigned pct)
{
	if (n == 0)
		return 0;
	size_t rank = (n * pct + 99) / 100;
	return (double)sorted[rank ? rank - 1 : 0] / NS_PER_MS;
}

/* Adds up every client's counts into t and gathers the latencies,
 * sorted, into *lat; 0 when memory ran out. */
static int
merge(client *cl, int n, stats *t, int64_t **lat)
{
	*t = (stats){0};
	for (int i = 0; i < n; i++) {
		const stats *s = &cl[i].st;
		t->requests += s->requests;
		t->ok += s->ok;
		t->connections += s->connections;
		t->bytes += s->bytes;
		t->nlat += s->nlat;
		t->oom |= s->oom;
		for (int k = 0; k < NKINDS; k++)
			t->kind[k] += s->kind[k];
		for (int k = 0; k < 600; k++)
			t->status[k] += s->status[k];
	}
	*lat = malloc((t->nlat ? t->nlat : 1) * sizeof **lat);
	if (!*lat)
		return 0;
	size_t at = 0;
	for (int i = 0; i < n; i++) {
		if (cl[i].st.nlat)
			memcpy(*lat + at, cl[i].st.lat, cl[i].st.nlat * sizeof **lat);
		at += cl[i].st.nlat;
	}
	qsort(*lat, t->nlat, sizeof **lat, cmp_i64);
	return 1;
}

static void
print_summary(const stats *t, const int64_t *lat, double secs)
{
	uint64_t errors = t->requests - t->ok;
	double rps = secs > 0 ? (double)t->requests / secs : 0;
	printf("requests %" PRIu64 "\n", t->requests);
	printf("ok %" PRIu64 "\n", t->ok);
	printf("errors %" PRIu64 "\n", errors);
	printf("errors_status %" PRIu64 "\n", t->kind[K_STATUS]);
	for (int s = 400; s < 600; s++)
		if (t->status[s])
			printf("errors_status_%d %" PRIu64 "\n", s, t->status[s]);
	for (int k = K_CONNECT; k <= K_IO; k++)
		printf("errors_%s %" PRIu64 "\n", kind_name[k], t->kind[k]);
	printf("unfinished %" PRIu64 "\n", t->kind[K_UNFINISHED]);
	printf("connections %" PRIu64 "\n", t->connections);
	printf("seconds %.3f\n", secs);
	printf("requests_per_second %.1f\n", rps);
	printf("latency_p50_ms %.3f\n", percentile_ms(lat, t->nlat, 50));
	printf("latency_p90_ms %.3f\n", percentile_ms(lat, t->nlat, 90));
	printf("latency_p99_ms %.3f\n", percentile_ms(lat, t->nlat, 99));
	printf("latency_max_ms %.3f\n", percentile_ms(lat, t->nlat, 100));
	printf("bytes_received %" PRIu64 "\n", t->bytes);
	printf("%" PRIu64 " requests in %.2f s (%.1f/s), %" PRIu64 " errors (%" PRIu64 " status, %"
	       PRIu64 " connect, %" PRIu64 " timeout, %" PRIu64 " protocol, %" PRIu64 " io), "
	       "%" PRIu64 " connections; latency p50 %.2f p90 %.2f p99 %.2f max %.2f ms; "
	       "%.1f MB received\n",
	       t->requests, secs, rps, errors, t->kind[K_STATUS], t->kind[K_CONNECT],
	       t->kind[K_TIMEOUT], t->kind[K_PROTOCOL], t->kind[K_IO], t->connections,
	       percentile_ms(lat, t->nlat, 50), percentile_ms(lat, t->nlat, 90),
	       percentile_ms(lat, t->nlat, 99), percentile_ms(lat, t->nlat, 100),
	       (double)t->bytes / 1e6);
}

/* a CSV field, quoted when it holds a comma or a quote */
static void
csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"")) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* A row per request, each client's in the order it sent them (status 0
 * when no response came); 0 on a write error. */
static int
write_csv(FILE *f, const config *cfg, const client *cl)
{
	fputs("client,path,status,latency_ms,error\n", f);
	for (int i = 0; i < cfg->clients; i++)
		for (size_t j = 0; j < cl[i].st.nrec; j++) {
			const record *r = &cl[i].st.rec[j];
			fprintf(f, "%d,", i);
			csv_field(f, cfg->paths[r->path]);
			fprintf(f, ",%d,%.3f,%s\n", r->status, (double)r->latency / NS_PER_MS,
				kind_name[r->kind]);
		}
	int bad = ferror(f);
	return !bad && fflush(f) == 0;
}

int
main(int argc, char **argv)
{
	config cfg = {.clients = 50, .run_ns = 30 * NS_PER_S, .timeout_ns = 10 * NS_PER_S};
	char host[INET6_ADDRSTRLEN + 16];
	char **hdrs = calloc((size_t)argc, sizeof *hdrs); /* -H at most once an argument */
	size_t nhdrs = 0;
	if (!hdrs) {
		perror("httpload");
		return 1;
	}
	int rc = parse_args(argc, argv, &cfg, hdrs, &nhdrs, host, sizeof host);
	if (rc) {
		free(hdrs);
		return rc < 0 ? 0 : rc;
	}
	FILE *csv = NULL;
	client *cl = NULL;
	int64_t *lat = NULL;
	stats total;
	double secs;
	/* open the CSV first, not to learn after the run that it cannot be */
	if (cfg.csv && !(csv = fopen(cfg.csv, "w"))) {
		fprintf(stderr, "httpload: %s: %s\n", cfg.csv, strerror(errno));
		rc = 1;
	} else if (!build_requests(&cfg, host, hdrs, nhdrs) ||
		   !(cl = calloc((size_t)cfg.clients, sizeof *cl))) {
		fputs("httpload: out of memory\n", stderr);
		rc = 1;
	} else if ((secs = run_clients(&cfg, cl)) < 0) {
		rc = 1;
	} else if (!merge(cl, cfg.clients, &total, &lat) || total.oom) {
		fputs("httpload: out of memory\n", stderr);
		rc = 1;
	} else {
		print_summary(&total, lat, secs);
		if (fflush(stdout) != 0) {
			perror("httpload: stdout");
			rc = 1;
		}
		if (csv && !write_csv(csv, &cfg, cl)) {
			fprintf(stderr, "httpload: %s: write error\n", cfg.csv);
			rc = 1;
		}
	}
	if (csv && fclose(csv) != 0 && !rc) {
		fprintf(stderr, "httpload: %s: %s\n", cfg.csv, strerror(errno));
		rc = 1;
	}
	for (int i = 0; cl && i < cfg.clients; i++) {
		free(cl[i].st.lat);
		free(cl[i].st.rec);
	}
	free(cl);
	free(lat);
	free_requests(&cfg);
	free(hdrs);
	return rc;
}
