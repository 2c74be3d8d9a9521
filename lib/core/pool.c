/* pool.c - worker processes that take jobs one at a time.
 *
 * Each worker is forked once and initialises its state once (a Tesseract
 * engine: half a second and 100 MB), then serves jobs, a line each way
 * over a socketpair. Jobs are handed to whichever worker is free, so a
 * slow page never holds up the others (a fixed split up front would). A
 * worker that dies (a library abort on a hostile page) fails its job only
 * and is replaced. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/core.h"

typedef struct worker {
	pid_t pid;
	int fd, job; /* job: index running, -1 idle */
	FILE *in;
} worker;

struct zz_pool {
	int n;
	worker *w;
	zz_pool_init_fn init;
	zz_pool_work_fn work;
	zz_pool_skip_fn skip;
	void *arg;
	zz_bounds bounds; /* memory for the worker's life; CPU for each job */
};

zz_pool *
zz_pool_new(int n, zz_pool_init_fn init, zz_pool_work_fn work, void *arg)
{
	zz_pool *p = zz_ecalloc(1, sizeof *p);
	p->n = n < 1 ? 1 : n;
	p->w = zz_ecalloc((size_t)p->n, sizeof *p->w);
	for (int i = 0; i < p->n; i++)
		p->w[i].fd = -1, p->w[i].job = -1;
	p->init = init;
	p->work = work;
	p->arg = arg;
	return p;
}

void
zz_pool_set_skip(zz_pool *p, zz_pool_skip_fn skip)
{
	p->skip = skip;
}

void
zz_pool_set_bounds(zz_pool *p, const zz_bounds *b)
{
	p->bounds = *b;
}

/* The pool whose jobs are running, for on_stop. */
static zz_pool *volatile live;

/* A stop signal (zizhi run passing on a ^C or a kill) ends the workers
 * with their parent: each holds the parent's standard error, and the
 * caller waiting for it to close would otherwise wait for the page in
 * hand, which with its retries can take a minute. */
static void
on_stop(int sig)
{
	zz_pool *p = live;
	for (int i = 0; p && i < p->n; i++)
		if (p->w[i].pid > 0)
			kill(p->w[i].pid, SIGKILL);
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int stop_sigs[] = {SIGTERM, SIGINT, SIGHUP};
#define NSTOP (int)(sizeof stop_sigs / sizeof *stop_sigs)

/* SIGXCPU once this job has had seconds of CPU time; the soft limit is
 * moved on from what the worker used before it. */
static void
job_cpu_limit(unsigned seconds)
{
	struct rusage ru;
	struct rlimit rl;
	if (!seconds || getrusage(RUSAGE_SELF, &ru) < 0 || getrlimit(RLIMIT_CPU, &rl) < 0)
		return;
	rlim_t want = (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec + 1 + seconds;
	rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && want > rl.rlim_max ? rl.rlim_max : want;
	setrlimit(RLIMIT_CPU, &rl);
}

static void
serve(zz_pool *p, int fd)
{
	char *err = NULL;
	live = NULL;
	for (int i = 0; i < NSTOP; i++)
		signal(stop_sigs[i], SIG_DFL);
	/* the CPU limit is for each job, not for the worker's life */
	zz_bounds life = p->bounds;
	life.cpu_seconds = 0;
	zz_bounds_apply(&life);
	/* the worker's state (a Tesseract engine) lives as long as the worker
	 * and ends with it at _exit; held here so that it stays reachable to
	 * the end (a local the compiler no longer needs was reported by
	 * memcheck as lost once the loop had nothing left to use it for) */
	static void *state;
	state = p->init(p->arg, &err);
	FILE *in = fdopen(fd, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while (in && (n = getline(&line, &cap, in)) > 0) {
		line[n - 1] = '\0';
		job_cpu_limit(p->bounds.cpu_seconds);
		char *reply = state ? p->work(state, line) : zz_easprintf("ERR\t%s", err);
		zz_buf b = {0};
		zz_buf_adds(&b, reply);
		zz_buf_add(&b, "\n", 1);
		if (zz_write_all(fd, b.s, b.len) < 0)
			_exit(1);
		zz_buf_free(&b);
		free(reply);
	}
	_exit(0);
}

static int
spawn(zz_pool *p, worker *w)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(sv[0]), close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		for (int i = 0; i < p->n; i++)
			if (p->w[i].fd >= 0)
				close(p->w[i].fd);
		serve(p, sv[1]);
	}
	close(sv[1]);
	w->pid = pid;
	w->fd = sv[0];
	w->job = -1;
	w->in = fdopen(dup(sv[0]), "r");
	return 0;
}

/* Ends what is left of worker w; *why (when asked) says how it ended. */
static void
reap(zz_pool *p, worker *w, char **why)
{
	if (w->in)
		fclose(w->in);
	if (w->fd >= 0)
		close(w->fd);
	int status = 0;
	struct rusage ru = {0};
	if (w->pid > 0)
		zz_wait_rusage(w->pid, &status, &ru);
	if (why && WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		*why = zz_estrdup("ERR\tthe page took longer than page-seconds in pipeline.xml");
	else if (why) {
		char *e = zz_bounds_explain(&p->bounds, status, &ru, 0);
		*why = zz_easprintf("ERR\tthe OCR worker ended on this page: %s", e);
		free(e);
	}
	w->in = NULL;
	w->fd = -1;
	w->pid = 0;
	w->job = -1;
}

static int
send_job(worker *w, int i, const char *job)
{
	char *line = zz_easprintf("%s\n", job);
	int r = zz_write_all(w->fd, line, strlen(line));
	free(line);
	if (r < 0)
		return -1;
	w->job = i;
	return 0;
}

/* Hands the next job to worker w (spawning it if needed); next advances. */
static void
feed(zz_pool *p, worker *w, char **jobs, int n, int *next, zz_pool_done_fn done, void *ctx)
{
	while (*next < n) {
		char *skipped = p->skip ? p->skip(ctx, *next) : NULL;
		if (skipped) {
			done(ctx, *next, skipped);
			free(skipped);
			(*next)++;
			continue;
		}
		if (w->pid <= 0 && spawn(p, w) < 0) {
			done(ctx, *next, NULL);
			(*next)++;
			continue;
		}
		if (send_job(w, *next, jobs[*next]) == 0) {
			(*next)++;
			return;
		}
		reap(p, w, NULL); /* it died idle: start another and try again */
	}
}

int
zz_pool_run(zz_pool *p, char **jobs, int n, zz_pool_done_fn done, void *ctx)
{
	signal(SIGPIPE, SIG_IGN); /* a dead worker is seen as an error, not a signal */
	/* a program's own handling of a stop signal, or ignoring it, stands */
	struct sigaction old[NSTOP], sa = {0};
	memset(old, 0, sizeof old);
	sa.sa_handler = on_stop;
	live = p;
	for (int i = 0; i < NSTOP; i++)
		if (sigaction(stop_sigs[i], NULL, &old[i]) == 0 && old[i].sa_handler == SIG_DFL)
			sigaction(stop_sigs[i], &sa, NULL);
	int next = 0, running = 0;
	for (int i = 0; i < p->n && next < n; i++) {
		feed(p, &p->w[i], jobs, n, &next, done, ctx);
		running += p->w[i].job >= 0;
	}
	struct pollfd *pf = zz_ecalloc((size_t)p->n, sizeof *pf);
	char *line = NULL;
	size_t cap = 0;
	while (running > 0) {
		for (int i = 0; i < p->n; i++)
			pf[i] = (struct pollfd){p->w[i].job >= 0 ? p->w[i].fd : -1, POLLIN, 0};
		if (poll(pf, (nfds_t)p->n, -1) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < p->n; i++) {
			worker *w = &p->w[i];
			if (w->job < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			int job = w->job;
			ssize_t k = getline(&line, &cap, w->in);
			if (k > 0) {
				line[k - 1] = '\0';
				w->job = -1;
				done(ctx, job, line);
			} else {
				char *why = NULL;
				reap(p, w, &why); /* died on this job */
				done(ctx, job, why);
				free(why);
			}
			running--;
			feed(p, w, jobs, n, &next, done, ctx);
			running += w->job >= 0;
		}
	}
	free(line);
	free(pf);
	for (int i = 0; i < NSTOP; i++)
		if (old[i].sa_handler == SIG_DFL)
			sigaction(stop_sigs[i], &old[i], NULL);
	live = NULL;
	return 0;
}

void
zz_pool_destroy(zz_pool **pp)
{
	zz_pool *p = pp ? *pp : NULL;
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		if (p->w[i].pid > 0) {
			shutdown(p->w[i].fd, SHUT_WR); /* end of jobs: the worker exits */
			reap(p, &p->w[i], NULL);
		}
	free(p->w);
	free(p);
	*pp = NULL;
}
