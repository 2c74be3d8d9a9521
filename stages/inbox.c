/* zizhi-inbox - process what clerks drop into a folder. A drop (a file
 * or a folder) is taken when complete (see drop.c), claimed by a rename
 * into DIR/processing/ under a lock, so two inboxes never take one drop,
 * run through every stage (zizhi-run), and moved to DIR/done/ (with
 * NAME.case: its case) or DIR/failed/ (with NAME.reason). A drop that
 * failed for a passing reason (the database busy, the disk full, the run
 * killed) stays in processing/ and is tried again later, up to a number
 * of tries. A drop that is supplementary material (补充资料) for a case
 * joins it: by a case id in its name, or by the USCC or the registered
 * name of exactly one applicant found in its text. One shot (for cron),
 * or --watch (inotify, or polling on network shares). */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "zizhi.h"

static int watch, force_poll;
static long settle_opt = -1;
static volatile sig_atomic_t stop_signal;
static pid_t child;

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-inbox [-q] [--watch] [--poll] [--settle sec] [-s spool] [-d db] [-c config] dir\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	switch (opt) {
	case 'W': watch = 1; return 0;
	case 'P': force_poll = 1; return 0;
	case 'S': return (settle_opt = atol(arg)) >= 0 ? 0 : -1;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"watch", no_argument, NULL, 'W'},
	{"poll", no_argument, NULL, 'P'},
	{"settle", required_argument, NULL, 'S'},
	{NULL, 0, NULL, 0},
};

static void
on_signal(int sig)
{
	stop_signal = sig;
	if (child > 0)
		kill(child, SIGTERM); /* the run stops; the drop is tried again */
}

/* Runs argv with stdout to out and stderr appended to log; its status
 * (a zz_inbox_spawn_fn). */
static int
spawn_run(char *const *argv, const char *out, const char *log)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return ZZ_EXIT_INTERNAL;
	if (pid == 0) {
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
		int n = open("/dev/null", O_RDONLY);
		if (o < 0 || e < 0 || n < 0)
			_exit(ZZ_EXIT_IO);
		dup2(n, 0), dup2(o, 1), dup2(e, 2);
		signal(SIGTERM, SIG_DFL), signal(SIGINT, SIG_DFL);
		execv(argv[0], argv);
		dprintf(2, "zizhi-inbox: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(ZZ_EXIT_NOSTAGE);
	}
	child = pid;
	int status = zz_wait_status(pid);
	child = 0;
	return status;
}

/* Network shares tell inotify nothing of what other machines write. */
static int
is_network_fs(const char *dir)
{
	struct statfs sf;
	if (statfs(dir, &sf) < 0)
		return 0;
	switch ((unsigned long)sf.f_type) {
	case 0x6969UL:     /* NFS */
	case 0xFF534D42UL: /* CIFS */
	case 0xFE534D42UL: /* SMB2 */
	case 0x517BUL:     /* SMB */
	case 0x65735546UL: /* FUSE (sshfs, …) */
		return 1;
	}
	return 0;
}

/* Names a copy in progress goes by, and our own folders. */
static int
ignored(const char *name)
{
	static const char *const tails[] = {".part", ".partial", ".tmp", ".crdownload", ".filepart", ".swp", "~"};
	if (name[0] == '.' || !strncmp(name, "~$", 2) || !strcmp(name, "processing") || !strcmp(name, "done") ||
	    !strcmp(name, "failed"))
		return 1;
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		size_t k = strlen(tails[i]);
		if (n > k && !strcmp(name + n - k, tails[i]))
			return 1;
	}
	return 0;
}

typedef struct seen {
	char *name;
	zz_dropstate st;
	time_t first;
	int present;
} seen;

/* One look at the inbox: complete drops are claimed and run; returns how
 * many drops wait still (for the one-shot mode: 0 when it may stop). */
static int
scan(zz_inbox *ib, seen **pv, int *pn, int *pcap)
{
	DIR *d = opendir(ib->dir);
	if (!d)
		zz_die(ZZ_EXIT_IO, "cannot open '%s': %s", ib->dir, strerror(errno));
	for (int i = 0; i < *pn; i++)
		(*pv)[i].present = 0;
	for (struct dirent *e; !stop_signal && (e = readdir(d));) {
		if (ignored(e->d_name))
			continue;
		seen *s = NULL;
		for (int i = 0; i < *pn && !s; i++)
			if (!strcmp((*pv)[i].name, e->d_name))
				s = &(*pv)[i];
		if (!s) {
			s = ZZ_PUSH(*pv, *pn, *pcap);
			s->name = zz_estrdup(e->d_name);
			s->st.bytes = s->st.entries = -1;
			s->first = time(NULL);
		}
		s->present = 1;
		char *path = zz_easprintf("%s/%s", ib->dir, e->d_name);
		if (zz_drop_complete(path, ib->conf.settle, &s->st))
			zz_inbox_take(ib, e->d_name);
		free(path);
	}
	closedir(d);
	/* forget what went (taken, or moved away); count what waits still */
	int waiting = 0, k = 0;
	time_t now = time(NULL);
	for (int i = 0; i < *pn; i++) {
		seen *s = &(*pv)[i];
		char *path = zz_easprintf("%s/%s", ib->dir, s->name);
		int there = s->present && access(path, F_OK) == 0;
		free(path);
		if (!there) {
			free(s->name);
			continue;
		}
		/* one shot: a drop has settle and two looks to complete */
		if (now - s->first < (time_t)(ib->conf.settle + 2 * ib->conf.poll + 1))
			waiting++;
		(*pv)[k++] = *s;
	}
	*pn = k;
	return waiting;
}

static int
watch_fd(const char *dir)
{
	if (force_poll || is_network_fs(dir))
		return -1;
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd >= 0 && inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ATTRIB) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Sleeps until the inbox changes or timeout_s passes. */
static void
wait_change(int ifd, int timeout_s)
{
	struct pollfd p = {ifd, POLLIN, 0};
	if (ifd < 0) {
		poll(NULL, 0, timeout_s * 1000);
		return;
	}
	if (poll(&p, 1, timeout_s * 1000) > 0) {
		char buf[4096];
		while (read(ifd, buf, sizeof buf) > 0)
			; /* what changed does not matter: the next look sees it */
	}
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", long_opts, extra, usage);
	if (argc - i != 1)
		usage(ZZ_EXIT_USAGE);
	zz_settings_export(&st);
	zz_eshared_fs("spool", st.spool); /* where hosts share it, its locks must hold */
	zz_inbox ib;
	char *err = NULL;
	if (zz_inbox_open(&ib, argv[i], &st, &err) < 0)
		zz_die(err && !strncmp(err, "bad configuration", 17) ? ZZ_EXIT_CONFIG : ZZ_EXIT_IO, "%s", err);
	ib.spawn = spawn_run;
	if (settle_opt >= 0)
		ib.conf.settle = (unsigned)settle_opt;
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL), sigaction(SIGTERM, &sa, NULL), sigaction(SIGHUP, &sa, NULL);
	int ifd = watch ? watch_fd(ib.dir) : -1;
	if (watch && ifd < 0 && !st.quiet)
		zz_warn("%s: watching by polling every %u s", ib.dir, ib.conf.poll);
	seen *v = NULL;
	int n = 0, cap = 0;
	for (;;) {
		zz_inbox_retry(&ib);
		int waiting = stop_signal ? 0 : scan(&ib, &v, &n, &cap);
		if (stop_signal || (!watch && !waiting))
			break;
		/* a drop settles by the clock: look again soon while one waits */
		wait_change(ifd, waiting ? 1 : (int)(ib.conf.poll ? ib.conf.poll : 1));
	}
	for (int k = 0; k < n; k++)
		free(v[k].name);
	free(v);
	if (ifd >= 0)
		close(ifd);
	int status = ib.status;
	zz_inbox_close(&ib);
	zz_eclose_stdout();
	if (stop_signal && !watch)
		return ZZ_EXIT_SIGNAL + stop_signal;
	return status;
}
