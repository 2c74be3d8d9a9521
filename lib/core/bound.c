/* bound.c - parsing untrusted input in a child under limits it cannot
 * escape.
 *
 * The libraries that parse what applicants send have bugs we cannot
 * choose: Debian 12's libarchive loops on a Rock Ridge disc whose
 * continuation areas point at each other and grows until the kernel kills
 * it. So each such parse runs in a forked child with an address-space
 * ceiling (RLIMIT_AS: the kernel refuses the allocation, whatever the
 * library does with the refusal), a CPU-time ceiling (RLIMIT_CPU) and a
 * wall-clock deadline the parent keeps, and the parent says which one
 * ended it. A cgroup would measure better but needs privileges a clerk's
 * PC and a cron job do not have. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/core.h"

/* AddressSanitizer reserves terabytes of address space for its shadow
 * memory, so an address-space ceiling would stop the program before main;
 * under it only the time limits apply (the tests scale their bounds). */
#if defined(__SANITIZE_ADDRESS__)
#define ZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZZ_ASAN 1
#endif
#endif

int
zz_bounds_set(const zz_bounds *b)
{
	return b->memory || b->cpu_seconds || b->wall_seconds;
}

uint64_t
zz_bounds_ceiling(const zz_bounds *b)
{
#ifdef ZZ_ASAN
	(void)b;
	return 0;
#else
	return b->memory;
#endif
}

void
zz_bounds_apply(const zz_bounds *b)
{
	struct rlimit none = {0, 0};
	setrlimit(RLIMIT_CORE, &none);
	if (zz_bounds_ceiling(b)) {
		struct rlimit as = {b->memory, b->memory};
		setrlimit(RLIMIT_AS, &as);
	}
	if (b->cpu_seconds) {
		/* SIGXCPU at the soft limit, SIGKILL a little after if it is caught */
		struct rlimit cpu = {b->cpu_seconds, b->cpu_seconds + 5};
		struct rlimit old;
		if (getrlimit(RLIMIT_CPU, &old) == 0 && old.rlim_cur != RLIM_INFINITY) {
			/* a child of a bounded child: the CPU it already used counts */
			if (cpu.rlim_cur > old.rlim_cur)
				cpu = old;
		}
		setrlimit(RLIMIT_CPU, &cpu);
	}
	zz_oom_status = ZZ_EXIT_NOMEM;
}

/* The most address space this process has had, in bytes (0: unknown). */
static uint64_t
vm_peak(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long kb = 0;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmPeak: %llu kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return (uint64_t)kb * 1024;
}

int
zz_bounds_near(const zz_bounds *b)
{
	/* a buffer grown by doubling is refused once it holds a third of
	 * what is left beside the libraries' own mappings */
	uint64_t m = zz_bounds_ceiling(b);
	return m && vm_peak() >= m / 3;
}

char *
zz_bounds_oom(const zz_bounds *b)
{
	return zz_easprintf("memory limit of %llu MB reached", (unsigned long long)(b->memory >> 20));
}

char *
zz_bounds_blame(const zz_bounds *b, const char *what, const char *err)
{
	if (!zz_bounds_near(b))
		return zz_estrdup(err);
	char *oom = zz_bounds_oom(b), *s = zz_easprintf("%s while %s: %s", oom, what, err);
	free(oom);
	return s;
}

void
zz_bounds_hush(void)
{
	const char *keep = getenv("ZIZHI_LIBRARY_MESSAGES");
	if (keep && *keep && strcmp(keep, "0"))
		return;
	int mine = fcntl(2, F_DUPFD_CLOEXEC, 3);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (mine >= 0 && null >= 0 && dup2(null, 2) == 2)
		zz_msg_fd = mine;
	else if (mine >= 0)
		close(mine);
	if (null >= 0)
		close(null);
}

static double
seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + tv->tv_usec / 1e6;
}

char *
zz_bounds_explain(const zz_bounds *b, int status, const struct rusage *ru, int timed_out)
{
	double cpu = seconds(&ru->ru_utime) + seconds(&ru->ru_stime);
	uint64_t peak = (uint64_t)ru->ru_maxrss * 1024;
	if (timed_out)
		return zz_easprintf("time limit of %u s reached", b->wall_seconds);
	if (WIFEXITED(status) && WEXITSTATUS(status) == ZZ_EXIT_NOMEM)
		return zz_bounds_oom(b);
	if (WIFEXITED(status))
		return zz_easprintf("ended with status %d", WEXITSTATUS(status));
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	if (b->cpu_seconds && (sig == SIGXCPU || (sig == SIGKILL && cpu >= b->cpu_seconds)))
		return zz_easprintf("CPU time limit of %u s reached", b->cpu_seconds);
	/* a library that meets a refused allocation aborts (C++: bad_alloc) or
	 * follows a NULL; a buffer grown by doubling has by then touched over a
	 * third of what it was allowed */
	if (zz_bounds_ceiling(b) && peak >= b->memory / 4)
		return zz_bounds_oom(b);
	return zz_easprintf("crashed (%s)", strsignal(sig));
}

int
zz_bounded_run(const zz_bounds *b, int (*fn)(void *arg, int fd), void *arg, char **out,
               size_t *outn, char **why)
{
	*out = NULL, *outn = 0, *why = NULL;
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) {
		*why = zz_easprintf("cannot make a pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL); /* nothing buffered is written twice */
	pid_t pid = fork();
	if (pid < 0) {
		*why = zz_easprintf("cannot fork: %s", strerror(errno));
		close(p[0]), close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		zz_bounds_apply(b);
		int rc = fn(arg, p[1]);
		_exit(rc);
	}
	close(p[1]);
	zz_buf got = {0};
	long deadline = b->wall_seconds ? (long)(zz_now() * 1000) + b->wall_seconds * 1000L : 0;
	int timed_out = 0;
	for (;;) {
		struct pollfd pf = {p[0], POLLIN, 0};
		long left = deadline ? deadline - (long)(zz_now() * 1000) : -1;
		if (deadline && left <= 0) {
			timed_out = 1;
			kill(pid, SIGKILL);
			break;
		}
		int k = poll(&pf, 1, deadline ? (int)(left > 60000 ? 60000 : left) : -1);
		if (k < 0 && errno != EINTR)
			break;
		if (k <= 0)
			continue;
		char chunk[65536];
		ssize_t r = read(p[0], chunk, sizeof chunk);
		if (r > 0)
			zz_buf_add(&got, chunk, (size_t)r);
		else if (r == 0 || errno != EINTR)
			break; /* its end, or a broken pipe */
	}
	close(p[0]);
	int status = 0;
	struct rusage ru = {0};
	zz_wait_rusage(pid, &status, &ru);
	*outn = got.len;
	*out = got.s ? got.s : zz_ecalloc(1, 1);
	if (!timed_out && WIFEXITED(status) && WEXITSTATUS(status) != ZZ_EXIT_NOMEM)
		return WEXITSTATUS(status);
	*why = zz_bounds_explain(b, status, &ru, timed_out);
	return -1;
}
