/* unpack.c - the unpack engine: where entries go, limits, nesting. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unpack.h"

enum { USED_FILE = 1, USED_DIR = 2 };

zz_unpack *
zz_unpack_new(const char *root, const zz_limits *lim, char **err)
{
	*err = NULL;
	zz_unpack *u = zz_ecalloc(1, sizeof *u);
	u->lim = *lim;
	u->filesfd = -1;
	u->chan = -1;
	const zz_bounds *b = &lim->bounds;
	if (zz_bounds_set(b))
		zz_unpack_bound(u, b);
	u->rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (u->rootfd < 0 || (mkdirat(u->rootfd, "files", 0755) < 0 && errno != EEXIST) ||
	    (u->filesfd = openat(u->rootfd, "files", O_RDONLY | O_DIRECTORY | O_CLOEXEC |
	                                                 O_NOFOLLOW)) < 0) {
		*err = zz_easprintf("cannot use '%s': %s", root, strerror(errno));
		zz_unpack_destroy(&u);
		return NULL;
	}
	u->magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	/* the signatures we need (ISO at 32 KiB, OOXML member names, image and
	 * PDF headers) are near the start; libmagic's default of 7 MiB makes it
	 * scan every large scan for text encodings (21% of an unpack) */
	size_t bytes_max = 256 * 1024;
	if (u->magic)
		magic_setparam(u->magic, MAGIC_PARAM_BYTES_MAX, &bytes_max);
	if (!u->magic || magic_load(u->magic, NULL) < 0) {
		*err = zz_easprintf("cannot load libmagic's database: %s",
		                    u->magic ? magic_error(u->magic) : strerror(errno));
		zz_unpack_destroy(&u);
		return NULL;
	}
	u->archives = g_array_new(FALSE, TRUE, sizeof(zz_arec));
	u->files = g_array_new(FALSE, TRUE, sizeof(zz_frec));
	u->refused = g_array_new(FALSE, TRUE, sizeof(zz_rrec));
	u->used = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	u->rootpath = zz_estrdup(root);
	return u;
}

void
zz_unpack_destroy(zz_unpack **pu)
{
	zz_unpack *u = pu ? *pu : NULL;
	if (!u)
		return;
	if (u->archives) {
		for (guint i = 0; i < u->archives->len; i++) {
			zz_arec *a = &g_array_index(u->archives, zz_arec, i);
			free(a->kind), free(a->orig), free(a->dir), free(a->error), free(a->note);
		}
		g_array_free(u->archives, TRUE);
	}
	if (u->files) {
		for (guint i = 0; i < u->files->len; i++) {
			zz_frec *f = &g_array_index(u->files, zz_frec, i);
			free(f->path), free(f->orig), free(f->rawhex), free(f->media), free(f->note);
		}
		g_array_free(u->files, TRUE);
	}
	if (u->refused) {
		for (guint i = 0; i < u->refused->len; i++) {
			zz_rrec *r = &g_array_index(u->refused, zz_rrec, i);
			free(r->orig), free(r->reason);
		}
		g_array_free(u->refused, TRUE);
	}
	if (u->used)
		g_hash_table_destroy(u->used);
	if (u->magic)
		magic_close(u->magic);
	if (u->filesfd >= 0)
		close(u->filesfd);
	if (u->rootfd >= 0)
		close(u->rootfd);
	if (u->memdir) {
		zz_rmtree(u->memdir);
		free(u->memdir);
	}
	zz_progress_destroy(&u->prog);
	free(u->input), free(u->input_kind), free(u->rootpath);
	free(u);
	*pu = NULL;
}

void
zz_unpack_counts(const zz_unpack *u, size_t *files, size_t *refused, size_t *errors)
{
	size_t e = 0;
	for (guint i = 0; i < u->archives->len; i++)
		e += g_array_index(u->archives, zz_arec, i).error != NULL;
	*files = u->files->len;
	*refused = u->refused->len + u->refused_unlisted;
	*errors = e;
}

int
zz_unpack_refusal(const zz_unpack *u, size_t i, const char **orig, const char **reason)
{
	*orig = *reason = NULL;
	if (i >= u->refused->len)
		return -1;
	zz_rrec *r = &g_array_index(u->refused, zz_rrec, i);
	*orig = r->orig;
	*reason = r->reason;
	return 0;
}

int
zz_unpack_error(const zz_unpack *u, size_t i, const char **orig, const char **msg)
{
	*orig = *msg = NULL;
	for (guint k = 0; k < u->archives->len; k++) {
		zz_arec *a = &g_array_index(u->archives, zz_arec, k);
		if (a->error && i-- == 0) {
			*orig = a->orig;
			*msg = a->error;
			return 0;
		}
	}
	return -1;
}

/* The refusals and errors are in case.xml; they are said here too so the
 * clerk running the command sees what was left out and why. */
void
zz_unpack_report(const zz_unpack *u, const char *input, int quiet)
{
	const char *orig, *why;
	for (size_t i = 0; zz_unpack_error(u, i, &orig, &why) == 0; i++)
		zz_warn("'%s': cannot read '%s' whole: %s", input, orig, why);
	if (quiet)
		return;
	size_t nf, nr, ne;
	zz_unpack_counts(u, &nf, &nr, &ne);
	size_t i = 0;
	for (; zz_unpack_refusal(u, i, &orig, &why) == 0; i++)
		zz_warn("'%s': refused '%s': %s", input, orig, why);
	if (nr > i)
		zz_warn("'%s': %zu more entries refused", input, nr - i);
}

void
zz_unpack_bound(zz_unpack *u, const zz_bounds *b)
{
	u->bounded = b != NULL;
	if (b)
		u->bounds = *b;
}

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

static const char *
media_of(zz_unpack *u, int fd)
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
	int r = zz_u_archive(u, path, kind, &sub, &err);
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
		char *media = zz_estrdup(media_of(u, fd));
		close(fd);
		u->total += size;
		char *abs = zz_easprintf("%s/files/%s", u->rootpath, rel);
		const char *kind = zz_u_archive_kind(u, abs, media);
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

static const struct {
	const char *media, *kind;
} archive_types[] = {
	{"application/zip", "zip"},
	{"application/x-zip-compressed", "zip"},
	{"application/x-iso9660-image", "iso9660"},
	{"application/x-7z-compressed", "7zip"},
	{"application/x-rar", "rar"},
	{"application/vnd.rar", "rar"},
	{"application/x-tar", "tar"},
	{"application/x-gtar", "tar"},
	{"application/x-cpio", "cpio"},
	/* compressed tarballs; a compressed single file fails to open as an
	 * archive and is kept as it is */
	{"application/gzip", "tar"},
	{"application/x-bzip2", "tar"},
	{"application/x-xz", "tar"},
};

/* Word and Excel files are ZIPs too: they are documents, not archives. */
const char *
zz_u_archive_kind(zz_unpack *u, const char *path, const char *media)
{
	/* UDF-only discs have no media type of their own */
	if (path && (strcmp(media, "application/x-iso9660-image") == 0 ||
	             strcmp(media, "application/octet-stream") == 0) && zz_u_is_udf(path))
		return "udf";
	for (size_t i = 0; i < sizeof archive_types / sizeof archive_types[0]; i++) {
		if (strcmp(media, archive_types[i].media) != 0)
			continue;
		if (strcmp(archive_types[i].kind, "zip") == 0 && path && zz_u_office_zip(u, path))
			return NULL;
		return archive_types[i].kind;
	}
	return NULL;
}

int
zz_u_archive(zz_unpack *u, const char *path, const char *kind, const zz_actx *ax, char **err)
{
	if (u->bounded && u->chan < 0) {
		const char *shown = ax->archive >= 0
		                            ? g_array_index(u->archives, zz_arec, ax->archive).orig
		                            : NULL;
		return zz_u_child_archive(u, path, kind, ax, shown, err);
	}
	if (strcmp(kind, "zip") == 0)
		return zz_u_zip(u, path, ax, err);
	if (strcmp(kind, "udf") == 0)
		return zz_u_udf(u, path, ax, err);
	return zz_u_libarchive(u, path, ax, 0, err);
}

static const char *
base_name(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	const char *s = path + n;
	while (s > path && s[-1] != '/')
		s--;
	return s;
}

/* A name given by the clerk's system: taken as UTF-8 when it is, else GBK. */
static char *
local_name(const char *raw, const char **enc)
{
	return zz_decode_name(raw, strlen(raw), 1, enc);
}

int
zz_unpack_input(zz_unpack *u, const char *path, char **err)
{
	*err = NULL;
	struct stat st;
	if (stat(path, &st) < 0) {
		*err = zz_estrdup(strerror(errno));
		return -1;
	}
	free(u->input);
	u->input = zz_estrdup(path);
	zz_actx ax = {-1, 0, "", 0};
	if (S_ISDIR(st.st_mode)) {
		free(u->input_kind);
		u->input_kind = zz_estrdup("directory");
		ax.local = 1;
		return zz_u_dir(u, path, &ax, err);
	}
	if (!S_ISREG(st.st_mode)) {
		*err = zz_estrdup("not a regular file or a directory");
		return -1;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = zz_estrdup(strerror(errno));
		return -1;
	}
	const char *enc = NULL;
	char *name = local_name(base_name(path), &enc);
	char *media = zz_estrdup(media_of(u, fd));
	const char *kind = zz_u_archive_kind(u, path, media);
	const char *ext = strrchr(base_name(path), '.');
	if (!kind && ext && strstr(" .zip .iso .7z .rar .tar ", ext) && ext[1] &&
	    strcmp(media, "application/octet-stream") == 0) {
		/* a submission named as an archive that is none is a broken one */
		*err = zz_easprintf("not a %s archive: its content is not recognised", ext + 1);
		close(fd);
		free(name);
		free(media);
		return -1;
	}
	free(u->input_kind);
	u->input_kind = zz_estrdup(kind ? kind : "file");
	int r;
	if (kind) {
		close(fd);
		ax.archive = zz_u_new_archive(u, kind, name, "", -1, 0);
		zz_arec *a = &g_array_index(u->archives, zz_arec, ax.archive);
		a->size = (uint64_t)st.st_size;
		if (zz_sha256_file(path, a->sha256) < 0)
			a->sha256[0] = '\0';
		u->prog = zz_progress_new(name, (uint64_t)st.st_size);
		r = zz_u_archive(u, path, kind, &ax, err);
		a = &g_array_index(u->archives, zz_arec, ax.archive);
		if (r != 0) {
			a->status = r < 0 ? "unreadable" : "partial";
			a->error = zz_estrdup(*err);
		}
	} else {
		ax.local = 1;
		r = zz_u_put_fd(u, &ax, name, enc, base_name(path), strlen(base_name(path)), fd);
		close(fd);
		if (r < 0)
			*err = zz_estrdup("read error");
	}
	free(name);
	free(media);
	return r;
}

int
zz_unpack_memory(zz_unpack *u, const void *p, size_t n, const char *name, char **err)
{
	*err = NULL;
	if (!u->memdir) {
		char tmpl[] = "/tmp/zizhi-mem.XXXXXX";
		if (!mkdtemp(tmpl)) {
			*err = zz_easprintf("cannot make a scratch directory: %s", strerror(errno));
			return -1;
		}
		u->memdir = zz_estrdup(tmpl);
	}
	char *path = zz_easprintf("%s/%s", u->memdir, strchr(name, '/') ? "input" : name);
	if (zz_write_atomic(path, p, n) < 0) {
		*err = zz_easprintf("cannot write '%s': %s", path, strerror(errno));
		free(path);
		return -1;
	}
	int r = zz_unpack_input(u, path, err);
	unlink(path);
	free(path);
	return r;
}
