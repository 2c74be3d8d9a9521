/* unpack_put.c - where the back ends' entries go: safe paths, limits,
 * de-duplicated names, the bytes written and hashed, refusals and notes;
 * a stored file that is an archive itself is unpacked in turn (through
 * u->open, which unpack.c sets: the back ends are above this file). In a
 * bounded child each call is forwarded to the parent (unpack_fwd.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unpack/unpack.h"

enum { USED_FILE = 1, USED_DIR = 2 };

void
zz_u_refuse(zz_unpack *u, const zz_actx *ax, const char *orig, const char *code,
            const char *fmt, ...)
{
	if (u->chan < 0 && u->refused->len >= u->lim.max_refusals_listed) {
		u->refused_unlisted++;
		return;
	}
	zz_rrec r = {zz_estrdup(orig), ax ? ax->archive : -1, code, NULL};
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&r.reason, fmt, ap) < 0)
		r.reason = zz_estrdup(code);
	va_end(ap);
	if (u->chan >= 0) {
		zz_u_fwd(u, 'R', r.orig, code, r.reason);
		free(r.orig), free(r.reason);
		return;
	}
	g_array_append_val(u->refused, r);
}

uint64_t
zz_u_seen(const zz_unpack *u)
{
	if (u->chan >= 0)
		return u->forwarded;
	return u->files->len + u->refused->len + u->refused_unlisted;
}

void
zz_u_note(zz_unpack *u, const zz_actx *ax, const char *fmt, ...)
{
	char *note = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&note, fmt, ap) < 0)
		note = NULL;
	va_end(ap);
	if (u->chan >= 0)
		zz_u_fwd(u, 'O', note ? note : "", NULL, NULL);
	else if (note && ax->archive >= 0) {
		zz_arec *a = &g_array_index(u->archives, zz_arec, ax->archive);
		free(a->note);
		a->note = note;
		note = NULL;
	}
	free(note);
}

int
zz_u_count_entry(zz_unpack *u, const zz_actx *ax, const char *orig)
{
	if (u->chan >= 0) {
		zz_u_fwd(u, 'N', orig, NULL, NULL);
		return 0;
	}
	if (++u->entries > u->lim.max_entries) {
		zz_u_refuse(u, ax, orig, "too-many-entries",
		            "more than %llu entries in the submission",
		            (unsigned long long)u->lim.max_entries);
		return -1;
	}
	return 0;
}

int
zz_u_new_archive(zz_unpack *u, const char *kind, const char *orig, const char *dir,
                 int parent, unsigned depth)
{
	zz_arec a = {0};
	a.kind = zz_estrdup(kind);
	a.orig = zz_estrdup(orig);
	a.dir = zz_estrdup(dir);
	a.parent = parent;
	a.depth = depth;
	a.status = "ok";
	g_array_append_val(u->archives, a);
	return (int)u->archives->len - 1;
}

/* Marks "stem~N.ext" style alternatives until one is free. A path that is
 * a directory for one entry and a file for another is kept apart too. */
static char *
claim(zz_unpack *u, const char *path, int as)
{
	gpointer v = g_hash_table_lookup(u->used, path);
	if (!v || (as == USED_DIR && GPOINTER_TO_INT(v) == USED_DIR)) {
		g_hash_table_insert(u->used, zz_estrdup(path), GINT_TO_POINTER(as));
		return zz_estrdup(path);
	}
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = as == USED_FILE ? strrchr(base, '.') : NULL;
	if (dot == base)
		dot = NULL;
	size_t stem = dot ? (size_t)(dot - path) : strlen(path);
	for (unsigned n = 2;; n++) {
		char *alt = zz_easprintf("%.*s~%u%s", (int)stem, path, n, dot ? dot : "");
		v = g_hash_table_lookup(u->used, alt);
		if (!v || (as == USED_DIR && GPOINTER_TO_INT(v) == USED_DIR)) {
			g_hash_table_insert(u->used, zz_estrdup(alt), GINT_TO_POINTER(as));
			return alt;
		}
		free(alt);
	}
}

/* Claims a unique path for rel (each parent as a directory) and creates
 * the directories. Creates through openat with O_NOFOLLOW at every step:
 * nothing can lead outside files/ even if something raced us. */
static char *
reserve(zz_unpack *u, const char *rel, int *dirfd, const char **leaf)
{
	zz_buf cur = {0};
	char *copy = zz_estrdup(rel), *save = NULL;
	int dfd = dup(u->filesfd);
	char *c = strtok_r(copy, "/", &save), *next;
	for (; c && (next = strtok_r(NULL, "/", &save)); c = next) {
		char *want = cur.len ? zz_easprintf("%s/%s", cur.s, c) : zz_estrdup(c);
		char *got = claim(u, want, USED_DIR);
		const char *comp = strrchr(got, '/') ? strrchr(got, '/') + 1 : got;
		if (dfd >= 0 && mkdirat(dfd, comp, 0755) < 0 && errno != EEXIST) {
			close(dfd);
			dfd = -1;
		}
		int nfd = dfd >= 0 ? openat(dfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		                                           O_CLOEXEC) : -1;
		if (dfd >= 0)
			close(dfd);
		dfd = nfd;
		cur.len = 0;
		zz_buf_adds(&cur, got);
		free(want), free(got);
	}
	char *want = cur.len ? zz_easprintf("%s/%s", cur.s, c) : zz_estrdup(c);
	char *got = claim(u, want, USED_FILE);
	free(want), free(copy), zz_buf_free(&cur);
	*dirfd = dfd;
	*leaf = strrchr(got, '/') ? strrchr(got, '/') + 1 : got;
	return got;
}

/* Checks the limits as an entry grows; returns a refusal code or NULL. */
static const char *
over_limit(zz_unpack *u, const zz_source *src, uint64_t n, uint64_t used0, char **why)
{
	const zz_limits *l = &u->lim;
	if (n > l->max_file_bytes) {
		*why = zz_easprintf("larger than the %llu-byte file limit",
		                    (unsigned long long)l->max_file_bytes);
		return "file-too-big";
	}
	if (u->total + n > l->max_total_bytes) {
		*why = zz_easprintf("the case would pass its %llu-byte total limit",
		                    (unsigned long long)l->max_total_bytes);
		return "total-size";
	}
	if (n < l->ratio_min_bytes)
		return NULL;
	uint64_t packed = src->compressed;
	if (!packed && src->consumed)
		packed = src->consumed(src->h) - used0;
	if (packed && n / packed > l->max_ratio) {
		*why = zz_easprintf("compression ratio over %u:1 (zip bomb?)", l->max_ratio);
		return "compression-ratio";
	}
	return NULL;
}

/* The declared sizes are checked first so a bomb is refused before a byte
 * is written; the real sizes are checked as the bytes arrive because
 * declarations can lie. */
static const char *
over_declared(zz_unpack *u, const zz_source *src, char **why)
{
	if (src->declared == UINT64_MAX)
		return NULL;
	zz_source s = *src;
	s.consumed = NULL;
	const char *code = over_limit(u, &s, src->declared, 0, why);
	if (!code && src->compressed && src->declared >= u->lim.ratio_min_bytes &&
	    src->declared / src->compressed > u->lim.max_ratio) {
		*why = zz_easprintf("declared compression ratio over %u:1 (zip bomb?)",
		                    u->lim.max_ratio);
		code = "compression-ratio";
	}
	return code;
}

/* Copies src into dirfd/leaf; returns 0, or -1 with *code and *why set. */
static int
copy_in(zz_unpack *u, int fd, zz_source *src, zz_sha256 *h, uint64_t *size,
        const char **code, char **why)
{
	char buf[1 << 16];
	uint64_t n = 0, used0 = src->consumed ? src->consumed(src->h) : 0;
	for (;;) {
		ssize_t r = src->read(src->h, buf, sizeof buf);
		if (r < 0) {
			*code = "read-error";
			*why = zz_estrdup(src->error ? src->error(src->h) : "read error");
			return -1;
		}
		if (r == 0)
			break;
		n += (uint64_t)r;
		if ((*code = over_limit(u, src, n, used0, why)))
			return -1;
		if (zz_write_all(fd, buf, (size_t)r) < 0) {
			*code = "write-error";
			*why = zz_easprintf("cannot write: %s", strerror(errno));
			return -1;
		}
		zz_sha256_update(h, buf, (size_t)r);
		zz_progress_add(u->prog, (uint64_t)r);
	}
	*size = n;
	return 0;
}

static void
record_file(zz_unpack *u, const zz_actx *ax, const char *rel, const char *name,
            const char *enc, const char *raw, size_t rawlen, const char *sha,
            uint64_t size, const char *media)
{
	zz_frec f = {0};
	f.path = zz_easprintf("files/%s", rel);
	f.orig = zz_estrdup(name);
	f.enc = enc;
	if (raw && enc && strcmp(enc, "utf-8") != 0 && strcmp(enc, "ascii") != 0)
		f.rawhex = zz_hex(raw, rawlen);
	memcpy(f.sha256, sha, 65);
	f.size = size;
	f.media = zz_estrdup(media);
	f.archive = ax->archive;
	size_t pl = strlen(ax->prefix);
	const char *tail = pl ? rel + pl + 1 : rel;
	f.renamed = strcmp(tail, name) != 0;
	g_array_append_val(u->files, f);
}

const char *
zz_u_media(zz_unpack *u, int fd)
{
	const char *m = NULL;
	if (lseek(fd, 0, SEEK_SET) == 0)
		m = magic_descriptor(u->magic, fd);
	return m ? m : "application/octet-stream";
}

/* An archive inside the submission: unpacked into REL.d when the depth
 * allows; it is kept as a file when it cannot be unpacked whole. */
static int
nested(zz_unpack *u, const zz_actx *ax, const char *rel, const char *name,
       const char *kind, const char *sha, uint64_t size)
{
	if (ax->depth + 1 > u->lim.max_depth) {
		zz_u_refuse(u, ax, name, "nesting-depth",
		            "archive nested more than %u levels deep: kept as a file, not unpacked",
		            u->lim.max_depth);
		return 0;
	}
	char *want = zz_easprintf("%s.d", rel);
	char *dir = claim(u, want, USED_DIR);
	free(want);
	int idx = zz_u_new_archive(u, kind, name, dir, ax->archive, ax->depth + 1);
	zz_arec *a = &g_array_index(u->archives, zz_arec, idx);
	memcpy(a->sha256, sha, 65);
	a->size = size;
	zz_actx sub = {idx, ax->depth + 1, dir, 0};
	char *path = zz_easprintf("%s/files/%s", u->rootpath, rel), *err = NULL;
	int r = u->open(u, path, kind, &sub, &err);
	a = &g_array_index(u->archives, zz_arec, idx);
	free(path);
	free(dir);
	if (r != 0) {
		a->status = r < 0 ? "unreadable" : "partial";
		a->error = err;
		a->note = zz_estrdup("kept as a file as well");
		return 0;
	}
	free(err);
	unlinkat(u->filesfd, rel, 0);
	u->total -= size;
	return 1;
}

int
zz_u_put(zz_unpack *u, const zz_actx *ax, const char *name, const char *enc,
         const char *raw, size_t rawlen, zz_source *src, char **err)
{
	*err = NULL;
	if (u->chan >= 0)
		return zz_u_fwd_put(u, name, enc, raw, rawlen, src, err);
	if (zz_u_count_entry(u, ax, name) < 0)
		return 0;
	const char *code = NULL, *reason = NULL;
	char *why = NULL;
	char *safe = zz_safepath(name, u->lim.max_path_bytes, !ax->local, &code, &reason);
	if (!safe) {
		zz_u_refuse(u, ax, name, code, "%s", reason);
		return 0;
	}
	if ((code = over_declared(u, src, &why))) {
		zz_u_refuse(u, ax, name, code, "%s", why);
		free(why), free(safe);
		return 0;
	}
	char *full = *ax->prefix ? zz_easprintf("%s/%s", ax->prefix, safe) : zz_estrdup(safe);
	free(safe);
	int dfd = -1;
	const char *leaf = NULL;
	char *rel = reserve(u, full, &dfd, &leaf);
	free(full);
	int fd = dfd < 0 ? -1 : openat(dfd, leaf, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
	                                               O_CLOEXEC, 0644);
	if (fd < 0) {
		zz_u_refuse(u, ax, name, "write-error", "cannot create '%s': %s", rel,
		            strerror(errno));
		if (dfd >= 0)
			close(dfd);
		free(rel);
		return 0;
	}
	zz_sha256 *h = zz_sha256_new();
	uint64_t size = 0;
	int rc = copy_in(u, fd, src, h, &size, &code, &why);
	if (rc < 0) {
		close(fd);
		unlinkat(dfd, leaf, 0);
		int broken = strcmp(code, "read-error") == 0;
		zz_u_refuse(u, ax, name, code, "%s%s", broken ? "damaged entry: " : "", why);
		if (broken)
			*err = why;
		else
			free(why);
		rc = broken ? -1 : 0;
	} else {
		char sha[65];
		zz_sha256_hex(h, sha);
		char *media = zz_estrdup(zz_u_media(u, fd));
		close(fd);
		u->total += size;
		char *abs = zz_easprintf("%s/files/%s", u->rootpath, rel);
		const char *kind = u->kind_of(u, abs, media);
		free(abs);
		if (!kind || !nested(u, ax, rel, name, kind, sha, size))
			record_file(u, ax, rel, name, enc, raw, rawlen, sha, size, media);
		free(media);
	}
	zz_sha256_destroy(&h);
	close(dfd);
	free(rel);
	return rc;
}

static ssize_t
fd_read(void *h, void *buf, size_t n)
{
	for (;;) {
		ssize_t r = read(*(int *)h, buf, n);
		if (r >= 0 || errno != EINTR)
			return r;
	}
}

static const char *
fd_error(void *h)
{
	(void)h;
	return strerror(errno);
}

/* Stores the file open on fd (a loose file, a directory member, or the
 * copy for a hard link) under name. */
int
zz_u_put_fd(zz_unpack *u, const zz_actx *ax, const char *name, const char *enc,
       const char *raw, size_t rawlen, int fd)
{
	struct stat st;
	zz_source src = {fd_read, fd_error, NULL, &fd, UINT64_MAX, 0};
	if (fstat(fd, &st) == 0)
		src.declared = (uint64_t)st.st_size;
	char *err = NULL;
	int r = zz_u_put(u, ax, name, enc, raw, rawlen, &src, &err);
	free(err);
	return r;
}

int
zz_u_put_copy(zz_unpack *u, const zz_actx *ax, const char *name, const char *target)
{
	if (u->chan >= 0) {
		zz_u_fwd(u, 'C', name, target, NULL);
		return 0;
	}
	for (guint i = u->files->len; i-- > 0;) {
		zz_frec *f = &g_array_index(u->files, zz_frec, i);
		if (f->archive != ax->archive || strcmp(f->orig, target) != 0)
			continue;
		int fd = openat(u->rootfd, f->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			break;
		int r = zz_u_put_fd(u, ax, name, "utf-8", NULL, 0, fd);
		close(fd);
		return r;
	}
	zz_u_refuse(u, ax, name, "link", "hard link to '%s', which is not in the archive",
	            target);
	return 0;
}
