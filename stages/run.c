/* zizhi-run - every stage, in order, on each input (a night's discs): up
 * to -j cases at once, each through unpack, read, extract, decide and
 * load in turn, the machine's cores shared among their OCR workers (never
 * jobs x cores); inputs handed out one at a time as slots free up. Prints
 * each case directory when its case is done, a line per case on standard
 * error, a progress line on a terminal, and a summary at the end. Each
 * case's messages go to its log (CASE/log/). Interrupted or killed, a run
 * again resumes: every stage skips what it finished. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "zizhi.h"

static const char *const stages[] = {"unpack", "read", "extract", "decide", "load"};
#define NSTAGES (int)(sizeof stages / sizeof *stages)

typedef struct slot {
	int busy, input; /* index into the inputs */
	int stage;       /* running stages[stage] */
	pid_t pid;
	int out; /* its standard output */
	zz_buf line;
	char *casedir, *log, *failed;
	int status; /* the worst stage status */
	double start;
} slot;

typedef struct row {
	char *casedir, *verdict, *reason, *log;
	int status, pages, done;
	double secs;
} row;

static int jobs;
static const char *join_case; /* --join: the inputs are supplements to it */
static int last_stage = NSTAGES; /* --until: stages run, up to this one */
static volatile sig_atomic_t stop_signal;
static char *progs[NSTAGES];

static void
usage(int code)
{
	fprintf(code ? stderr : stdout, "usage: zizhi-run [-qv] [-j cases] [--join casedir] [--until stage] [--no-load]\n"
	                                "                 [-s spool] [-d db] [-c config] [input...]\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	if (opt == 'J') {
		join_case = arg;
		return 0;
	}
	if (opt == 'U') {
		for (int k = 0; k < NSTAGES; k++)
			if (!strcmp(arg, stages[k]))
				return last_stage = k + 1, 0;
		return -1;
	}
	if (opt == 'N') /* a worker of a batch over many hosts: one host loads */
		return last_stage = NSTAGES - 1, 0;
	if (opt != 'j')
		return -1;
	return (jobs = atoi(arg)) > 0 && jobs <= 256 ? 0 : -1;
}

static void
on_signal(int sig)
{
	stop_signal = sig;
}

/* Starts the slot's current stage on its case (unpack: on its input),
 * standard error into the slot's log. */
static void
spawn(slot *s, const char *input, int read_workers)
{
	int fds[2];
	if (pipe(fds) < 0)
		zz_die(ZZ_EXIT_INTERNAL, "cannot make a pipe: %s", strerror(errno));
	fflush(NULL);
	if ((s->pid = fork()) < 0)
		zz_die(ZZ_EXIT_INTERNAL, "cannot fork: %s", strerror(errno));
	if (s->pid == 0) {
		int log = open(s->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		char t[32];
		dprintf(log, "zizhi-run: %s: zizhi-%s %s\n", zz_utc_time(time(NULL), t), stages[s->stage],
		        s->stage ? s->casedir : input);
		dup2(fds[1], 1);
		if (log >= 0)
			dup2(log, 2);
		close(fds[0]), close(fds[1]);
		int in = open("/dev/null", O_RDONLY);
		dup2(in, 0);
		char workers[16];
		snprintf(workers, sizeof workers, "%d", read_workers);
		const char *p = progs[s->stage];
		if (s->stage == 0 && join_case)
			execl(p, p, "--into", join_case, "--", input, (char *)NULL);
		else if (s->stage == 0)
			execl(p, p, "--", input, (char *)NULL);
		else if (!strcmp(stages[s->stage], "read"))
			execl(p, p, "-j", workers, "--", s->casedir, (char *)NULL);
		else
			execl(p, p, "--", s->casedir, (char *)NULL);
		fprintf(stderr, "zizhi-run: cannot run '%s': %s\n", p, strerror(errno));
		_exit(ZZ_EXIT_NOSTAGE);
	}
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK); /* one poll serves every slot */
	s->out = fds[0];
	s->line.len = 0;
}

/* how each stage ended, in the log, for whoever reads it later */
static void
log_status(const slot *s, int status)
{
	FILE *f = fopen(s->log, "a");
	if (!f)
		return;
	char t[32];
	fprintf(f, "zizhi-run: %s: zizhi-%s exit %d\n", zz_utc_time(time(NULL), t), stages[s->stage], status);
	fclose(f);
}

/* The last line a stage wrote to the log (not ours): its reason, when it
 * failed. */
static char *
last_message(const char *log)
{
	char *text = NULL, *r = NULL;
	size_t n = 0;
	if (zz_read_file(log, 1 << 24, &text, &n) < 0) {
		free(text);
		return NULL;
	}
	for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		if (*line && strncmp(line, "zizhi-run: ", 11)) {
			free(r);
			r = zz_estrdup(line);
		}
	}
	free(text);
	return r;
}

/* what a finished case says of itself: its verdict and how many pages */
static void
case_facts(row *r)
{
	r->verdict = zz_case_verdict(r->casedir);
	xmlDocPtr d = zz_case_xml(r->casedir, "read/read.xml");
	for (xmlNodePtr f = d ? xmlDocGetRootElement(d)->children : NULL; f; f = f->next)
		for (xmlNodePtr pg = f->children; pg; pg = pg->next)
			r->pages += zz_xml_is(pg, "page");
	xmlFreeDoc(d);
}

/* The case is known once unpacked: its log moves into it (CASE/log/),
 * where the case's later runs add theirs. */
static void
adopt_log(slot *s)
{
	char *dir = zz_easprintf("%s/log", s->casedir), t[32];
	zz_utc_time(time(NULL), t);
	char *to = zz_easprintf("%s/%s-%ld.log", dir, t, (long)getpid());
	if ((zz_mkdirs(dir, 0755) == 0 || errno == EEXIST) && rename(s->log, to) == 0) {
		free(s->log);
		s->log = to;
	} else {
		free(to);
	}
	free(dir);
}

static int total, ndone, nfailed, npages;
static double t0;

static void
progress_line(int running)
{
	static int shown = -1;
	if (shown < 0)
		shown = isatty(2) && !getenv("ZIZHI_NO_PROGRESS");
	if (!shown)
		return;
	double el = zz_now() - t0;
	char eta[32] = "?";
	if (ndone > 0) {
		int left = (int)(el / ndone * (total - ndone));
		snprintf(eta, sizeof eta, "%dm%02ds", left / 60, left % 60);
	}
	fprintf(stderr, "\r\033[Kzizhi-run: %d/%d cases, %d running, %d failed; %d pages, %.2f pages/s; ETA %s", ndone,
	        total, running, nfailed, npages, el > 0 ? npages / el : 0.0, eta);
}

static void
clear_progress(void)
{
	if (isatty(2) && !getenv("ZIZHI_NO_PROGRESS"))
		fputs("\r\033[K", stderr);
}

/* The slot's stage ended: on to the next stage, or the case is done. */
static void
stage_done(slot *s, row *r, char *const *inputs, int read_workers, int quiet)
{
	int st = zz_wait_status(s->pid);
	log_status(s, st);
	close(s->out);
	s->out = -1;
	while (s->line.len && s->line.s[s->line.len - 1] == '\n')
		s->line.s[--s->line.len] = '\0';
	char *last = s->line.len ? strrchr(s->line.s, '\n') : NULL;
	const char *dir = s->line.len ? (last ? last + 1 : s->line.s) : NULL;
	if (st > s->status)
		s->status = st;
	if (!dir || !*dir) {
		s->failed = zz_estrdup(stages[s->stage]);
		if (s->status < ZZ_EXIT_ITEMS)
			s->status = ZZ_EXIT_ITEMS;
	} else if (s->stage == 0) {
		s->casedir = zz_estrdup(dir);
		adopt_log(s);
	}
	if (!s->failed && ++s->stage < last_stage && !stop_signal) {
		spawn(s, inputs[s->input], read_workers);
		return;
	}
	r->done = !s->failed && s->stage == last_stage;
	r->status = s->status;
	r->secs = zz_now() - s->start;
	r->log = s->log;
	r->casedir = s->casedir;
	s->log = s->casedir = NULL;
	if (r->casedir)
		case_facts(r);
	if (s->failed) {
		char *m = last_message(r->log);
		r->reason = zz_easprintf("failed in %s%s%s", s->failed, m ? ": " : "", m ? m : "");
		free(m);
		nfailed++;
	}
	npages += r->pages;
	ndone++;
	if (r->done) {
		printf("%s\n", r->casedir);
		fflush(stdout);
	}
	clear_progress();
	char *id = r->casedir ? zz_case_id(r->casedir) : zz_estrdup("-");
	if (!quiet)
		fprintf(stderr, "zizhi-run: [%d/%d] %s: %s %s%s(%d pages, %.1f s)%s%s\n", ndone, total, inputs[s->input],
		        id, r->reason ? r->reason : r->verdict ? r->verdict : "", r->reason || r->verdict ? " " : "",
		        r->pages, r->secs, r->reason ? "; log " : "", r->reason ? r->log : "");
	free(id);
	free(s->failed);
	s->failed = NULL;
	s->busy = 0;
}

static void
summary(char *const *inputs, const row *rows, int n, int interrupted)
{
	double el = zz_now() - t0;
	fprintf(stderr, "zizhi-run: %d input%s: %d done, %d failed%s, in %d min %d s; %d pages, %.2f pages/s\n", n,
	        n == 1 ? "" : "s", ndone - nfailed, nfailed, interrupted ? ", the rest interrupted (run again to resume)" : "",
	        (int)el / 60, (int)el % 60, npages, el > 0 ? npages / el : 0.0);
	fprintf(stderr, "  %-16s  %-10s  %5s  %8s  %s\n", "CASE", "VERDICT", "PAGES", "TIME", "INPUT");
	for (int i = 0; i < n; i++) {
		const row *r = &rows[i];
		char *id = r->casedir ? zz_case_id(r->casedir) : zz_estrdup("-");
		const char *v = r->reason ? "failed" : r->done ? (r->verdict ? r->verdict : "-") : "not done";
		fprintf(stderr, "  %-16s  %-10s  %5d  %6.1f s  %s%s%s\n", id, v, r->pages, r->secs, inputs[i],
		        r->reason ? "  " : "", r->reason ? r->reason : "");
		free(id);
	}
}

/* Read workers per case: the cores shared by the cases at once. */
static int
workers_per_case(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 1;
	if (!jobs)
		jobs = (int)((cores + 3) / 4);
	return cores / jobs > 0 ? (int)(cores / jobs) : 1;
}

static void
run_all(char *const *inputs, row *rows, int n, const zz_settings *st)
{
	int w = workers_per_case();
	slot *slots = zz_ecalloc((size_t)jobs, sizeof *slots);
	struct pollfd *pf = zz_ecalloc((size_t)jobs, sizeof *pf);
	int next = 0, busy = 0;
	char *logs = zz_easprintf("%s/logs", st->spool);
	if (zz_mkdirs(logs, 0755) < 0 && errno != EEXIST)
		zz_die(ZZ_EXIT_IO, "cannot create '%s': %s", logs, strerror(errno));
	while ((next < n && !stop_signal) || busy > 0) {
		for (int i = 0; i < jobs && next < n && !stop_signal; i++) {
			if (slots[i].busy)
				continue;
			slot *s = &slots[i];
			s->busy = 1, s->input = next, s->stage = 0, s->status = 0, s->start = zz_now();
			s->log = zz_easprintf("%s/run-%ld-%d.log", logs, (long)getpid(), next);
			spawn(s, inputs[next++], w);
		}
		int k = 0;
		busy = 0;
		for (int i = 0; i < jobs; i++)
			if (slots[i].busy)
				pf[k++] = (struct pollfd){slots[i].out, POLLIN, 0}, busy++;
		progress_line(busy);
		if (!busy)
			break;
		if (poll(pf, (nfds_t)k, 1000) < 0 && errno != EINTR)
			zz_die(ZZ_EXIT_INTERNAL, "poll: %s", strerror(errno));
		static int told;
		for (int i = 0; stop_signal && !told && i < jobs; i++)
			if (slots[i].busy) /* a terminal's ^C reached them too; a kill did not */
				kill(slots[i].pid, SIGTERM);
		told |= stop_signal != 0;
		for (int i = 0; i < jobs; i++) {
			slot *s = &slots[i];
			if (!s->busy)
				continue;
			char buf[4096];
			ssize_t got = read(s->out, buf, sizeof buf);
			if (got > 0)
				zz_buf_add(&s->line, buf, (size_t)got);
			else if (got == 0 || errno != EAGAIN)
				stage_done(s, &rows[s->input], inputs, w, st->quiet);
		}
	}
	clear_progress();
	for (int i = 0; i < jobs; i++)
		zz_buf_free(&slots[i].line);
	free(slots), free(pf), free(logs);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	static const struct option long_opts[] = {
		{"join", required_argument, NULL, 'J'}, {"until", required_argument, NULL, 'U'},
		{"no-load", no_argument, NULL, 'N'}, {NULL, 0, NULL, 0}};
	int i = zz_settings_getopt(&st, argc, argv, "j:", long_opts, extra, usage);
	zz_settings_export(&st);
	for (int k = 0; k < NSTAGES; k++)
		if (!(progs[k] = zz_stage_path(stages[k])))
			zz_die(ZZ_EXIT_NOSTAGE, "zizhi-%s not found", stages[k]);
	/* every input is known before the first starts: the progress counts them */
	char **inputs = NULL;
	int n = 0, cap = 0;
	zz_items *it = zz_items_open(argc - i, argv + i);
	for (const char *c; (c = zz_items_next(it));)
		*(char **)ZZ_PUSH(inputs, n, cap) = zz_estrdup(c);
	zz_items_destroy(&it);
	if (n == 0)
		zz_die(ZZ_EXIT_USAGE, "no input given");
	zz_eshared_fs("spool", st.spool); /* where hosts share it, its locks must hold */
	if (join_case)
		jobs = 1; /* supplements to one case join it one after another */
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL), sigaction(SIGTERM, &sa, NULL), sigaction(SIGHUP, &sa, NULL);
	setenv("ZIZHI_NO_PROGRESS", "1", 1); /* the stages write to logs, not the terminal */
	row *rows = zz_ecalloc((size_t)n, sizeof *rows);
	total = n;
	t0 = zz_now();
	run_all(inputs, rows, n, &st);
	int status = ZZ_EXIT_OK;
	for (int k = 0; k < n; k++)
		if (rows[k].status > status)
			status = rows[k].status;
	if (!st.quiet && (n > 1 || stop_signal || status))
		summary(inputs, rows, n, stop_signal != 0);
	for (int k = 0; k < n; k++) {
		free(rows[k].casedir), free(rows[k].verdict), free(rows[k].reason), free(rows[k].log);
		free(inputs[k]);
	}
	for (int k = 0; k < NSTAGES; k++)
		free(progs[k]);
	free(rows), free(inputs);
	zz_eclose_stdout();
	return stop_signal ? ZZ_EXIT_SIGNAL + stop_signal : status > ZZ_EXIT_INTERNAL ? ZZ_EXIT_INTERNAL : status;
}
