/* pack.c - a submission folder becomes what clerks receive: a ZIP made on
 * Chinese Windows (GBK names, no UTF-8 flag, folder entries) or a disc
 * image burned there (Joliet, sometimes also Rock Ridge). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "pack.h"
#include "zizhi.h"

extern char **environ;

/* The time an archive's entries and a disc's dates say: SOURCE_DATE_EPOCH
 * when set (reproducible-builds.org; make corpus sets it, so the committed
 * corpus regenerates byte for byte), else now, as a clerk's machine would
 * stamp them. xorriso reads the variable itself for the volume's dates. */
static time_t
pack_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long t = e && *e ? strtoll(e, &end, 10) : -1;
	return t >= 0 && end && !*end ? (time_t)t : time(NULL);
}

/* Calls fn for every file and folder under dir, a folder before what it
 * holds; rel is the entry's path below the top. */
typedef int (*entry_fn)(const char *path, const char *rel, int is_dir, void *ctx);

static int
walk(const char *dir, const char *rel, entry_fn fn, void *ctx)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *path = zz_easprintf("%s/%s", dir, e->d_name);
		char *name = *rel ? zz_easprintf("%s/%s", rel, e->d_name) : zz_estrdup(e->d_name);
		struct stat st;
		int is_dir = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
		rc = fn(path, name, is_dir, ctx);
		if (rc == 0 && is_dir)
			rc = walk(path, name, fn, ctx);
		free(path), free(name);
	}
	closedir(d);
	return rc;
}

/* Dates an entry (a disc takes the files' own dates). */
static int
stamp(const char *path, const char *rel, int is_dir, void *ctx)
{
	const time_t *t = ctx;
	struct timespec ts[2] = {{*t, 0}, {*t, 0}};
	return utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW);
}

typedef struct zipping {
	zip_t *za;
	int gbk;
	time_t t;
} zipping;

/* Adds an entry to the ZIP, dated, its name in GBK without the UTF-8 flag
 * when so asked (as Chinese Windows writes them). */
static int
add(const char *path, const char *rel, int is_dir, void *ctx)
{
	zipping *z = ctx;
	char *stored = z->gbk ? zz_iconv_to(rel, "GBK") : NULL;
	if (!stored)
		stored = zz_estrdup(rel);
	zip_flags_t enc = z->gbk ? ZIP_FL_ENC_CP437 : ZIP_FL_ENC_UTF_8;
	zip_int64_t i;
	if (is_dir) {
		char *dn = zz_easprintf("%s/", stored);
		i = zip_dir_add(z->za, dn, enc);
		free(dn);
	} else {
		zip_source_t *src = zip_source_file(z->za, path, 0, -1);
		i = src ? zip_file_add(z->za, stored, src, enc) : -1;
	}
	free(stored);
	return i < 0 || zip_file_set_mtime(z->za, (zip_uint64_t)i, z->t, 0) < 0 ? -1 : 0;
}

int
gen_pack_zip(const char *dir, const char *out, int gbk)
{
	int err = 0;
	char *tmp = zz_easprintf("%s.tmp", out);
	zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!za) {
		free(tmp);
		return -1;
	}
	zipping z = {za, gbk, pack_time()};
	int rc = walk(dir, "", add, &z);
	if (zip_close(za) < 0) {
		zip_discard(za);
		rc = -1;
	}
	if (rc == 0 && rename(tmp, out) < 0)
		rc = -1;
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
gen_pack_iso(const char *dir, const char *out, const char *volume, int rockridge)
{
	time_t t = pack_time();
	struct timespec ts[2] = {{t, 0}, {t, 0}};
	if (walk(dir, "", stamp, &t) < 0 || utimensat(AT_FDCWD, dir, ts, 0) < 0)
		zz_warn("cannot date the files of '%s': %s", dir, strerror(errno));
	char *tmp = zz_easprintf("%s.tmp", out);
	char *argv[] = {"xorriso", "-as", "mkisofs", "-quiet", "-input-charset", "utf-8", "-J",
	                "-joliet-long", rockridge ? "-R" : "--norock", "-V", (char *)volume, "-o",
	                tmp, (char *)dir, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, "xorriso", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	int ws = 0;
	if (rc == 0)
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
	rc = rc == 0 && WIFEXITED(ws) && WEXITSTATUS(ws) == 0 ? 0 : -1;
	if (rc == 0 && rename(tmp, out) < 0)
		rc = -1;
	if (rc < 0) {
		unlink(tmp);
		zz_warn("cannot make '%s' with xorriso", out);
	}
	free(tmp);
	return rc;
}
