/* unpack.c - the unpack engine's top: a submission in, the kind of each
 * archive (its back end: unpack_zip.c, unpack_arc.c, unpack_udf.c, each
 * in a bounded child, unpack_child.c), the counts and errors out. Where
 * the entries go is unpack_put.c's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unpack/unpack.h"

zz_unpack *
zz_unpack_new(const char *root, const zz_limits *lim, char **err)
{
	*err = NULL;
	zz_unpack *u = zz_ecalloc(1, sizeof *u);
	u->lim = *lim;
	u->filesfd = -1;
	u->chan = -1;
	u->kind_of = zz_u_archive_kind, u->open = zz_u_archive;
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
	char *media = zz_estrdup(zz_u_media(u, fd));
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
