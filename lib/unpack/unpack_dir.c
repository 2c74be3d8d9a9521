/* unpack_dir.c - a submission given as a folder; and the content hash of
 * any submission, which names its case. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unpack/unpack.h"

#define DIR_DEPTH_MAX 64 /* folders in folders; bounds the open descriptors */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists a directory's names sorted bytewise, so every walk of the same
 * tree sees the same order (and gives the same case id and paths). */
static char **
list_dir(int dfd, size_t *n, int *err)
{
	*n = 0;
	*err = 0;
	int fd = dup(dfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		*err = errno;
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	rewinddir(d);
	char **names = NULL;
	size_t cap = 0;
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (*n == cap)
			names = zz_erealloc(names, (cap = cap ? cap * 2 : 32) * sizeof *names);
		names[(*n)++] = zz_estrdup(de->d_name);
	}
	*err = errno;
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof *names, cmp_names);
	return names;
}

static void
free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

typedef struct {
	zz_unpack *u;
	const zz_actx *ax;
} walk_ctx;

static void walk(walk_ctx *w, int dfd, const char *rel, unsigned depth);

static void
walk_entry(walk_ctx *w, int dfd, const char *rel, const char *raw, unsigned depth)
{
	const char *enc = NULL;
	char *dname = zz_decode_name(raw, strlen(raw), 1, &enc);
	char *name = *rel ? zz_easprintf("%s/%s", rel, dname) : zz_estrdup(dname);
	free(dname);
	struct stat st;
	if (fstatat(dfd, raw, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		zz_u_count_entry(w->u, w->ax, name);
		zz_u_refuse(w->u, w->ax, name, "read-error", "%s", strerror(errno));
	} else if (S_ISLNK(st.st_mode)) {
		zz_u_count_entry(w->u, w->ax, name);
		zz_u_refuse(w->u, w->ax, name, "symlink",
		            "symbolic link (links are never followed or created)");
	} else if (S_ISDIR(st.st_mode)) {
		int sub = openat(dfd, raw, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0 || depth >= DIR_DEPTH_MAX) {
			zz_u_count_entry(w->u, w->ax, name);
			zz_u_refuse(w->u, w->ax, name, "read-error", "%s",
			            sub < 0 ? strerror(errno) : "folders nested too deep");
		} else {
			walk(w, sub, name, depth + 1);
		}
		if (sub >= 0)
			close(sub);
	} else if (!S_ISREG(st.st_mode)) {
		zz_u_count_entry(w->u, w->ax, name);
		zz_u_refuse(w->u, w->ax, name, "special-file", "device, socket or pipe");
	} else {
		int fd = openat(dfd, raw, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			zz_u_count_entry(w->u, w->ax, name);
			zz_u_refuse(w->u, w->ax, name, "read-error", "%s", strerror(errno));
		} else {
			zz_u_put_fd(w->u, w->ax, name, enc, raw, strlen(raw), fd);
			close(fd);
		}
	}
	free(name);
}

static void
walk(walk_ctx *w, int dfd, const char *rel, unsigned depth)
{
	size_t n = 0;
	int e = 0;
	char **names = list_dir(dfd, &n, &e);
	if (e) {
		zz_u_count_entry(w->u, w->ax, *rel ? rel : ".");
		zz_u_refuse(w->u, w->ax, *rel ? rel : ".", "read-error", "cannot list: %s",
		            strerror(e));
	}
	for (size_t i = 0; i < n; i++)
		walk_entry(w, dfd, rel, names[i], depth);
	free_names(names, n);
}

int
zz_u_dir(zz_unpack *u, const char *path, const zz_actx *ax, char **err)
{
	*err = NULL;
	int dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		*err = zz_estrdup(strerror(errno));
		return -1;
	}
	walk_ctx w = {u, ax};
	walk(&w, dfd, "", 0);
	close(dfd);
	return 0;
}

/* ---- content hash ---- */

static int
hash_tree(zz_sha256 *h, int dfd, const char *rel, unsigned depth, char **err)
{
	size_t n = 0;
	int e = 0, rc = 0;
	char **names = list_dir(dfd, &n, &e);
	if (e) {
		*err = zz_easprintf("cannot list '%s': %s", *rel ? rel : ".", strerror(e));
		rc = -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *name = *rel ? zz_easprintf("%s/%s", rel, names[i]) : zz_estrdup(names[i]);
		struct stat st;
		char sha[65] = "-";
		if (fstatat(dfd, names[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			zz_sha256_update(h, "?", 1);
		} else if (S_ISDIR(st.st_mode) && depth < DIR_DEPTH_MAX) {
			zz_sha256_update(h, "D", 1);
			zz_sha256_update(h, name, strlen(name) + 1);
			int sub = openat(dfd, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0) {
				rc = hash_tree(h, sub, name, depth + 1, err);
				close(sub);
			}
		} else if (S_ISREG(st.st_mode)) {
			int fd = openat(dfd, names[i], O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0 || zz_sha256_fd(fd, sha) < 0)
				strcpy(sha, "-");
			if (fd >= 0)
				close(fd);
			zz_buf line = {0};
			zz_buf_addf(&line, "F%s%c%llu %s\n", name, 0, (unsigned long long)st.st_size, sha);
			zz_sha256_update(h, line.s, line.len);
			zz_buf_free(&line);
		} else {
			zz_sha256_update(h, "O", 1);
			zz_sha256_update(h, name, strlen(name) + 1);
		}
		free(name);
	}
	free_names(names, n);
	return rc;
}

int
zz_input_hash(const char *path, char out[65], char **err)
{
	*err = NULL;
	out[0] = '\0';
	struct stat st;
	if (stat(path, &st) < 0) {
		*err = zz_estrdup(strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (zz_sha256_file(path, out) < 0) {
			*err = zz_estrdup(strerror(errno));
			return -1;
		}
		return 0;
	}
	int dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		*err = zz_estrdup(strerror(errno));
		return -1;
	}
	zz_sha256 *h = zz_sha256_new();
	zz_sha256_update(h, "zizhi-dir-1\n", 12);
	int rc = hash_tree(h, dfd, "", 0, err);
	close(dfd);
	zz_sha256_hex(h, out);
	zz_sha256_destroy(&h);
	return rc;
}
