/* unpack_child.c - each archive is parsed in a bounded child (bound.c).
 *
 * The child runs the back end (libarchive, libzip, name decoding) and
 * hands every call a back end makes (put, refuse, count, copy, note) to
 * the parent over a socket; the parent does what it always did with them:
 * paths, limits, writing, nested archives (each in a child of its own).
 * When the child is ended by a limit, the entry being written is removed
 * and what was stored before is kept, as for a cut-off disc.
 *
 * Frames, child to parent: a type byte, a 32-bit length, the payload.
 * After 'P' (an entry) and after each 'D' (its data) the child waits for
 * one byte: 'c' for more, 's' to skip the rest of the entry. Only the
 * parent asks for data, so a refused entry is never decompressed. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unpack/unpack.h"

/* ---- the child ---- */

static int
is_office(void *arg, int fd)
{
	return zz_u_is_office_zip(arg) ? 1 : 0;
}

/* Word and Excel files are ZIPs: told apart by opening them, in a child. */
int
zz_u_office_zip(zz_unpack *u, const char *path)
{
	if (!u->bounded || u->chan >= 0)
		return zz_u_is_office_zip(path);
	char *out = NULL, *why = NULL;
	size_t n = 0;
	int r = zz_bounded_run(&u->bounds, is_office, (void *)path, &out, &n, &why);
	free(out), free(why);
	return r == 1; /* a ZIP that ends its child is taken for an archive and refused there */
}

static void
child_main(zz_unpack *u, int fd, const char *path, const char *kind, const zz_actx *ax)
{
	signal(SIGPIPE, SIG_IGN);
	zz_bounds_apply(&u->bounds);
	zz_bounds_hush();
	u->chan = fd;
	/* the parser gets nothing to write to: the case is the parent's */
	close(u->filesfd), close(u->rootfd);
	u->filesfd = u->rootfd = -1;
	char *err = NULL;
	int r = u->open(u, path, kind, ax, &err);
	zz_buf f = {0};
	if (u->tally_entries || u->tally_refused) {
		zz_buf_add(&f, &u->tally_entries, 8);
		zz_buf_add(&f, &u->tally_refused, 8);
		zz_u_frame(u, 'K', &f);
		f.len = 0;
	}
	zz_buf_add(&f, &r, sizeof r);
	zz_buf_adds(&f, err ? err : "");
	zz_u_frame(u, 'F', &f);
	_exit(0);
}

/* ---- the parent ---- */

typedef struct chlink {
	zz_unpack *u;
	int fd;
	pid_t pid;
	long waited_ms;       /* waiting for this child, nested archives not counted */
	int timed_out, dead;  /* dead: the socket broke before 'F' */
	char type;            /* the frame read last */
	char *buf;            /* its payload */
	uint32_t len;
	size_t off;           /* of a 'D' payload handed out so far */
	int waiting, ended;   /* the entry: the child waits for an answer; E or X seen */
	uint64_t consumed;
	char *error;
} chlink;

static int
get_all(chlink *l, void *p, size_t n)
{
	char *s = p;
	unsigned wall = l->u->bounds.wall_seconds;
	while (n) {
		struct pollfd pf = {l->fd, POLLIN, 0};
		long t0 = (long)(zz_now() * 1000), left = wall ? wall * 1000L - l->waited_ms : 60000;
		if (left <= 0) {
			l->timed_out = 1;
			return -1;
		}
		int k = poll(&pf, 1, (int)(left > 60000 ? 60000 : left));
		if (wall)
			l->waited_ms += (long)(zz_now() * 1000) - t0;
		if (k < 0 && errno != EINTR)
			return -1;
		if (k <= 0)
			continue;
		ssize_t r = read(l->fd, s, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		s += r, n -= (size_t)r;
	}
	return 0;
}

/* The next frame into l->type, l->buf; -1 when the child is gone. */
static int
next_frame(chlink *l)
{
	unsigned char h[5];
	free(l->buf);
	l->buf = NULL, l->len = 0, l->off = 0;
	if (get_all(l, h, 5) < 0) {
		l->dead = 1;
		return -1;
	}
	l->type = (char)h[0];
	memcpy(&l->len, h + 1, 4);
	if (l->len > ZZ_U_CHUNK + (1 << 20)) { /* no frame the child writes is this long */
		l->dead = 1;
		return -1;
	}
	l->buf = zz_emalloc((size_t)l->len + 1);
	l->buf[l->len] = '\0';
	if (l->len && get_all(l, l->buf, l->len) < 0) {
		l->dead = 1;
		return -1;
	}
	return 0;
}

static void
answer(chlink *l, char c)
{
	zz_write_all(l->fd, &c, 1);
}

static ssize_t
l_read(void *h, void *out, size_t n)
{
	chlink *l = h;
	if (l->ended)
		return l->error ? -1 : 0;
	if (l->type != 'D' || l->off + 8 >= l->len) {
		answer(l, 'c');
		l->waiting = 0;
		if (next_frame(l) < 0 || (l->type != 'D' && l->type != 'E' && l->type != 'X') ||
		    (l->type == 'D' && l->len <= 8)) {
			l->ended = 1;
			l->error = zz_estrdup(l->dead ? "the reading process ended" : "bad frame");
			l->dead = 1;
			return -1;
		}
		if (l->type != 'D') {
			l->ended = 1;
			if (l->type == 'X')
				l->error = zz_estrdup(*l->buf ? l->buf : "damaged entry");
			return l->error ? -1 : 0;
		}
		l->waiting = 1; /* until it hears whether to go on */
		memcpy(&l->consumed, l->buf, 8);
		l->off = 0;
	}
	size_t have = l->len - 8 - l->off;
	size_t k = have < n ? have : n;
	memcpy(out, l->buf + 8 + l->off, k);
	l->off += k;
	return (ssize_t)k;
}

static const char *
l_error(void *h)
{
	chlink *l = h;
	return l->error ? l->error : "damaged archive";
}

static uint64_t
l_consumed(void *h)
{
	return ((chlink *)h)->consumed;
}

/* The i-th NUL-ended string of the payload from *pos; NULL past its end
 * (the child runs the library we do not trust: nothing it sends is
 * taken on faith). */
static const char *
field(const chlink *l, size_t *pos)
{
	if (*pos >= l->len)
		return NULL;
	const char *s = l->buf + *pos;
	*pos += strlen(s) + 1; /* buf[len] is NUL */
	return s;
}

/* A 'P' frame: the entry is stored as the back end would have stored it. */
static void
take_put(chlink *l, const zz_actx *ax)
{
	size_t pos = 0;
	const char *name = field(l, &pos), *enc = field(l, &pos);
	uint32_t rl = 0;
	if (name && enc && pos + 4 <= l->len)
		memcpy(&rl, l->buf + pos, 4);
	if (!name || !enc || pos + 4 + (size_t)rl + 16 != l->len) {
		l->dead = 1;
		return;
	}
	const char *raw = l->buf + pos + 4;
	zz_source src = {l_read, l_error, l_consumed, l, 0, 0};
	memcpy(&src.declared, raw + rl, 8);
	memcpy(&src.compressed, raw + rl + 8, 8);
	/* the file's record keeps enc as a constant, as the back ends give it */
	const char *en = *enc ? g_intern_string(enc) : NULL;
	char *nm = zz_estrdup(name), *rw = NULL;
	if (rl)
		rw = zz_emalloc(rl), memcpy(rw, raw, rl);
	l->type = 'P', l->ended = 0, l->waiting = 1, l->consumed = 0;
	free(l->error);
	l->error = NULL;
	char *err = NULL;
	zz_u_put(l->u, ax, nm, en, rw, rl, &src, &err);
	free(err);
	if (!l->ended && !l->dead && l->waiting) {
		/* refused, or over a limit: the rest is skipped */
		zz_unpack *u = l->u;
		int all = u->entries >= u->lim.max_entries &&
		          u->refused->len >= u->lim.max_refusals_listed;
		answer(l, all ? 'n' : 's');
	}
	free(nm), free(rw);
}

static int
converse(chlink *l, const zz_actx *ax, char **err)
{
	while (!l->dead && next_frame(l) == 0) {
		size_t pos = 0;
		const char *a = field(l, &pos), *b = field(l, &pos), *c = field(l, &pos);
		int rc;
		switch (l->type) {
		case 'P': take_put(l, ax); break;
		case 'R':
			if (c)
				zz_u_refuse(l->u, ax, a, g_intern_string(b), "%s", c);
			break;
		case 'N':
			if (a)
				zz_u_count_entry(l->u, ax, a);
			break;
		case 'C':
			if (b)
				zz_u_put_copy(l->u, ax, a, b);
			break;
		case 'O':
			if (a)
				zz_u_note(l->u, ax, "%s", a);
			break;
		case 'K':
			if (l->len == 16) {
				uint64_t e, r;
				memcpy(&e, l->buf, 8), memcpy(&r, l->buf + 8, 8);
				l->u->entries += e, l->u->refused_unlisted += r;
			}
			break;
		case 'F':
			if (l->len < sizeof rc)
				return -2;
			memcpy(&rc, l->buf, sizeof rc);
			*err = l->buf[sizeof rc] ? zz_estrdup(l->buf + sizeof rc) : NULL;
			return rc < -1 ? -1 : rc > 1 ? 1 : rc;
		default: l->dead = 1;
		}
	}
	return -2; /* ended before it said how it went */
}

static const char *
base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int
zz_u_child_archive(zz_unpack *u, const char *path, const char *kind, const zz_actx *ax,
                   const char *shown, char **err)
{
	*err = NULL;
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		*err = zz_easprintf("cannot make a socket: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(sv[0]);
		child_main(u, sv[1], path, kind, ax);
	}
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		*err = zz_easprintf("cannot fork: %s", strerror(errno));
		return -1;
	}
	size_t files0 = u->files->len;
	chlink l = {.u = u, .fd = sv[0], .pid = pid};
	int rc = converse(&l, ax, err);
	if (rc == -2 || l.timed_out)
		kill(pid, SIGKILL);
	close(sv[0]);
	int status = 0;
	struct rusage ru = {0};
	zz_wait_rusage(pid, &status, &ru);
	uint64_t peak = (uint64_t)ru.ru_maxrss * 1024;
	/* a library that meets a refused allocation mostly says so and stops */
	int nomem = rc != 0 && zz_bounds_ceiling(&u->bounds) &&
	            (peak >= u->bounds.memory / 4 || (*err && strcasestr(*err, "memory")));
	int limited = rc == -2 || l.timed_out || nomem;
	if (limited) {
		char *why = nomem && rc != -2 && !l.timed_out
		                    ? zz_bounds_oom(&u->bounds)
		                    : zz_bounds_explain(&u->bounds, status, &ru, l.timed_out);
		if (why) {
			free(*err);
			*err = zz_easprintf("%s while unpacking %s", why, shown ? shown : base(path));
			free(why);
			rc = u->files->len > files0 ? 1 : -1;
		}
	}
	free(l.buf), free(l.error);
	return rc;
}
