/* fuzz.c - scratch space and silence for the fuzz harnesses. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zizhi.h"
#include "fuzz.h"

/* the source tree, for its config/ and tests/fuzz/data/ (set by make) */
#ifndef ZZ_FUZZ_TOP
#define ZZ_FUZZ_TOP "."
#endif

static char *scratch;
static pid_t owner;

static void
quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx, (void)fmt;
}

static void
quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx, (void)e;
}

static void
cleanup(void)
{
	/* a forked child (libarchive filters, workers) must not take the
	 * parent's scratch with it */
	if (scratch && getpid() == owner)
		zz_rmtree(scratch);
}

void
zz_fuzz_init(void)
{
	if (scratch)
		return;
	xmlInitParser();
	/* the library resets the structured handler to NULL after each use,
	 * which falls back to the generic one: both must be quiet */
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	setenv("ZIZHI_NO_PROGRESS", "1", 1);
	const char *tmp = getenv("TMPDIR");
	char *tmpl = zz_easprintf("%s/zizhi-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmpl)) {
		perror(tmpl);
		abort();
	}
	scratch = tmpl;
	owner = getpid();
	atexit(cleanup);
}

char *
zz_fuzz_path(const char *name)
{
	return zz_easprintf("%s/%s", scratch, name);
}

void
zz_fuzz_write(const char *path, const void *p, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	const char *s = p;
	while (fd >= 0 && n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		s += w, n -= (size_t)w;
	}
	if (fd < 0 || n > 0 || close(fd) < 0) {
		perror(path);
		abort();
	}
}

const char *
zz_fuzz_config(void)
{
	const char *c = getenv("ZIZHI_CONFIG");
	return c && *c ? c : ZZ_FUZZ_TOP "/config";
}

const char *
zz_fuzz_top(void)
{
	return ZZ_FUZZ_TOP;
}

const char *
zz_fuzz_case(void)
{
	return ZZ_FUZZ_TOP "/tests/fuzz/data/case";
}

void
zz_fuzz_config_dir(char **dir, char **file, const char *name)
{
	*dir = zz_fuzz_path("config");
	*file = zz_easprintf("%s/%s", *dir, name);
	if (access(*dir, F_OK) == 0)
		return;
	char *schema = zz_easprintf("%s/schema", *dir), *real = realpath(zz_fuzz_config(), NULL);
	char *target = real ? zz_easprintf("%s/schema", real) : NULL;
	if (!target || mkdir(*dir, 0755) < 0 || symlink(target, schema) < 0) {
		perror(*dir);
		abort();
	}
	free(schema), free(real), free(target);
}

char *
zz_fuzz_str(const uint8_t *data, size_t size)
{
	char *s = zz_emalloc(size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void
zz_fuzz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: contract broken: %s\n", file, line, what);
	abort();
}

/* Nothing a harness writes needs to outlast it, and the library's
 * atomic writes fsync: 25 ms an input on a disk, most of a run's time.
 * The executable's definitions take the place of libc's. */
int
fsync(int fd)
{
	(void)fd;
	return 0;
}

int
fdatasync(int fd)
{
	(void)fd;
	return 0;
}
