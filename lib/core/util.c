/* util.c - messages, exit-on-failure wrappers, growable strings. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/core.h"

const char *zz_argv0 = "zizhi";

void
zz_setprogname(const char *argv0)
{
	const char *s = argv0 ? strrchr(argv0, '/') : NULL;
	zz_argv0 = s ? s + 1 : (argv0 ? argv0 : "zizhi");
}

/* Page images are tens of megabytes each (an A4 page at 300 dpi is 35
 * MB in 32 bits), and reading one makes a dozen: greyed, scaled, deskewed,
 * binarised, Tesseract's copies. glibc gives each allocation that large
 * pages of its own from mmap and gives them back on free, so every image
 * cost page faults and the kernel zeroing the pages again: 13 % of
 * zizhi-read's time on a 30-page case, half the sample generator's. Kept
 * on the heap they are reused. What is freed stays with the process up
 * to TRIM (the stages that call this run a batch and exit; peak memory
 * rose 6 %). glibc only; elsewhere nothing changes. */
void
zz_keep_heap(void)
{
#ifdef M_MMAP_MAX
	mallopt(M_MMAP_MAX, 0);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

int zz_msg_fd = 2;

static void
vwarn(const char *fmt, va_list ap)
{
	/* one write per message so parallel workers do not interleave lines */
	char line[4096];
	int n = snprintf(line, sizeof line, "%s: ", zz_argv0);
	if (n < 0)
		return;
	int m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	if (m < 0)
		return;
	size_t len = (size_t)n + (size_t)m;
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	line[len++] = '\n';
	ssize_t w = write(zz_msg_fd, line, len);
	(void)w;
}

void
zz_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void
zz_die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(code);
}

int zz_oom_status;

static void *
oom(void)
{
	if (zz_oom_status) {
		/* a bounded child: its parent says which limit was reached */
		_exit(zz_oom_status);
	}
	zz_die(ZZ_EXIT_INTERNAL, "out of memory");
}

void *
zz_emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom();
}

void *
zz_ecalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	return p ? p : oom();
}

void *
zz_erealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom();
}

char *
zz_estrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	return p ? p : oom();
}

char *
zz_easprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n < 0 ? oom() : s;
}

void
zz_eclose_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF)
		zz_die(ZZ_EXIT_IO, "cannot write standard output: %s", strerror(errno));
}

void
zz_buf_add(zz_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = zz_erealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
zz_buf_adds(zz_buf *b, const char *s)
{
	zz_buf_add(b, s, strlen(s));
}

void
zz_buf_addf(zz_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	zz_buf_add(b, s, (size_t)n);
	free(s);
}

void
zz_buf_free(zz_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void *
zz_grow_size(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 8;
	if (*cap > (size_t)-1 / size)
		oom();
	return zz_erealloc(v, *cap * size);
}

void *
zz_grow(void *v, int n, int *cap, size_t size)
{
	size_t c = (size_t)*cap;
	v = zz_grow_size(v, (size_t)n, &c, size);
	*cap = (int)c;
	return v;
}

static int
by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int
zz_median(int *v, int n)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, by_int);
	return v[n / 2];
}

double
zz_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

char *
zz_utc_time(long long t, char buf[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || !strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(buf, "1970-01-01T00:00:00Z");
	return buf;
}

int
zz_wait_rusage(pid_t pid, int *status, struct rusage *ru)
{
	*status = 0;
	while (wait4(pid, status, 0, ru) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

int
zz_wait_status(pid_t pid)
{
	int ws;
	if (zz_wait_rusage(pid, &ws, NULL) < 0)
		return ZZ_EXIT_INTERNAL;
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	return WIFSIGNALED(ws) ? ZZ_EXIT_SIGNAL + WTERMSIG(ws) : ZZ_EXIT_INTERNAL;
}
