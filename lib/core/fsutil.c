/* fsutil.c - directories, atomic writes, removal, per-case locks. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/core.h"

int
zz_mkdirs(const char *path, mode_t mode)
{
	char *p = zz_estrdup(path);
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			errno = e;
			return -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	struct stat st;
	if (stat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

int
zz_write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* This host's name as temp files carry it: letters, digits, - and . */
static const char *
host_tag(void)
{
	static char tag[64];
	if (!*tag) {
		char h[256] = "";
		gethostname(h, sizeof h - 1);
		size_t k = 0;
		for (const char *c = h; *c && k + 1 < sizeof tag; c++)
			if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
			    *c == '-' || *c == '.')
				tag[k++] = *c;
		if (!k)
			strcpy(tag, "host");
	}
	return tag;
}

/* The temp file lives in the same directory so rename(2) is atomic; it is
 * fsynced first so a crash leaves either the old or the new file whole.
 * Its name, NAME.tmp.PID.HOST, is this process's alone even where hosts
 * share the directory (the OCR cache on NFS, zizhi-cluster(1)). */
int
zz_write_atomic(const char *path, const void *p, size_t n)
{
	char *tmp = zz_easprintf("%s.tmp.%ld.%s", path, (long)getpid(), host_tag());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	if (zz_write_all(fd, p, n) < 0 || fsync(fd) < 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	free(tmp);
	return 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

int
zz_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

int
zz_replace_dir(const char *tmp, const char *dst, const char *old)
{
	struct stat st;
	zz_rmtree(old);
	int r = (lstat(dst, &st) == 0 && rename(dst, old) < 0) || rename(tmp, dst) < 0 ? -1 : 0;
	int e = errno;
	zz_rmtree(old);
	errno = e;
	return r;
}

int
zz_read_file(const char *path, size_t max, char **out, size_t *outlen)
{
	*out = NULL;
	if (outlen)
		*outlen = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	zz_buf b = {0};
	char chunk[8192];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			zz_buf_free(&b);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			close(fd);
			zz_buf_free(&b);
			errno = EFBIG;
			return -1;
		}
		zz_buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	if (!b.s)
		zz_buf_add(&b, "", 0);
	*out = b.s;
	if (outlen)
		*outlen = b.len;
	return 0;
}

char *
zz_case_id(const char *casedir)
{
	char *d = zz_estrdup(casedir);
	for (size_t l = strlen(d); l > 1 && d[l - 1] == '/'; l--)
		d[l - 1] = '\0';
	char *id = zz_estrdup(basename(d));
	free(d);
	return id;
}

/* The lock file sits beside the case directory, not in it, so it exists
 * before the case does (unpack) and survives the case being replaced. */
int
zz_lock_case(const char *casedir, int timeout_s)
{
	char *d = zz_estrdup(casedir), *id = zz_case_id(casedir);
	for (size_t l = strlen(d); l > 1 && d[l - 1] == '/'; l--)
		d[l - 1] = '\0';
	char *lock = zz_easprintf("%s/.%s.lock", dirname(d), id);
	free(d);
	free(id);
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	free(lock);
	if (fd < 0)
		return -1;
	struct timespec pause = {0, 100 * 1000 * 1000};
	for (long waited = 0;; waited += 100) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		if (waited / 1000 >= timeout_s) {
			errno = EWOULDBLOCK;
			break;
		}
		nanosleep(&pause, NULL);
	}
	int e = errno;
	close(fd);
	errno = e;
	return -1;
}

void
zz_unlock(int *pfd)
{
	if (pfd && *pfd >= 0) {
		close(*pfd); /* closing drops the flock */
		*pfd = -1;
	}
}

void
zz_rmtree_prefixed(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	size_t n = strlen(prefix);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (strncmp(e->d_name, prefix, n))
			continue;
		char *p = zz_easprintf("%s/%s", dir, e->d_name);
		zz_rmtree(p);
		free(p);
	}
	if (d)
		closedir(d);
}

/* The temp files zz_write_atomic left in dir when killed: PREFIX...tmp.PID
 * (.HOST) whose process is gone. Where several processes write (the OCR
 * cache), a live one's temp file is left alone; another host's processes
 * cannot be asked, so its temp files go only once a day old. */
void
zz_rm_stale_tmp(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	size_t n = strlen(prefix);
	for (struct dirent *e; d && (e = readdir(d));) {
		const char *t = strncmp(e->d_name, prefix, n) ? NULL : strstr(e->d_name + n, ".tmp.");
		char *end = NULL;
		long pid = t ? strtol(t + 5, &end, 10) : 0;
		if (pid <= 0 || (*end && *end != '.'))
			continue;
		char *p = zz_easprintf("%s/%s", dir, e->d_name);
		struct stat sb;
		int ours = !*end || !strcmp(end + 1, host_tag());
		int gone = ours ? kill((pid_t)pid, 0) < 0 && errno == ESRCH
		                : lstat(p, &sb) == 0 && time(NULL) - sb.st_mtime > 86400;
		if (gone)
			unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
}
