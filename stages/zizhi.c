/* zizhi - run a stage (git-style: "zizhi unpack" runs zizhi-unpack), show
 * a stage's manual ("zizhi help unpack"), or run every stage in order on
 * each input ("zizhi run INPUT..."). */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "zizhi.h"

/* The pipeline, in order; stages not yet installed are skipped. */
static const char *const pipeline[] = {"unpack", "read", "extract", "decide", "load"};
#define NPIPE (sizeof pipeline / sizeof pipeline[0])

static char exec_dir[PATH_MAX];

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi [-s spool] [-d db] [-c config] command [args...]\n"
	        "commands:\n"
	        "  run INPUT...   every stage, in order, on each input; prints case directories\n"
	        "  STAGE ARGS...  one stage (unpack, ...): runs zizhi-STAGE\n"
	        "  help [STAGE]   the manual of zizhi or of a stage\n");
	exit(code);
}

/* Stage programs live beside zizhi (a build tree or PREFIX/bin), or in
 * ZIZHI_EXEC_PATH, or on PATH. */
static char *
stage_path(const char *stage)
{
	const char *dirs[] = {getenv("ZIZHI_EXEC_PATH"), exec_dir};
	for (size_t i = 0; i < 2; i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		char *p = zz_easprintf("%s/zizhi-%s", dirs[i], stage);
		if (access(p, X_OK) == 0)
			return p;
		free(p);
	}
	const char *path = getenv("PATH");
	char *copy = zz_estrdup(path ? path : "/usr/bin:/bin"), *save = NULL;
	for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		char *p = zz_easprintf("%s/zizhi-%s", d, stage);
		if (access(p, X_OK) == 0) {
			free(copy);
			return p;
		}
		free(p);
	}
	free(copy);
	return NULL;
}

static int
valid_stage(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

static int
help(const char *stage)
{
	char *page = stage ? zz_easprintf("zizhi-%s", stage) : zz_estrdup("zizhi");
	if (stage && !valid_stage(stage))
		zz_die(ZZ_EXIT_USAGE, "no such command: '%s'", stage);
	/* in a build tree the pages are in ../man; installed, man finds them */
	char *local = zz_easprintf("%s/../man/%s.1", exec_dir, page);
	if (access(local, R_OK) == 0)
		execlp("man", "man", "-l", local, (char *)NULL);
	else
		execlp("man", "man", page, (char *)NULL);
	zz_die(ZZ_EXIT_IO, "cannot run man for '%s': %s (the page is %s)", page, strerror(errno),
	       access(local, R_OK) == 0 ? local : "not in this build");
}

static int
status_of(pid_t pid)
{
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return ZZ_EXIT_INTERNAL;
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	return ZZ_EXIT_INTERNAL;
}

/* Connects the stages with pipes like "zizhi-unpack IN... | zizhi-read |
 * ...": each case flows on as soon as its stage prints it. The status is
 * the worst of the stages'. */
static void
export_settings(const zz_settings *st)
{
	/* the stages read these, so an option given here reaches all of them */
	setenv("ZIZHI_SPOOL", st->spool, 1);
	setenv("ZIZHI_DB", st->db, 1);
	setenv("ZIZHI_CONFIG", st->config, 1);
}

/* argv[0] is "run"; the shared options may follow it too */
static int
run(int argc, char **argv)
{
	zz_settings st;
	zz_settings_init(&st);
	optind = 0; /* restart getopt on the command's own arguments */
	int first = zz_settings_getopt(&st, argc, argv, "", NULL, NULL, usage);
	export_settings(&st);
	argc -= first;
	argv += first;
	if (argc < 1)
		zz_die(ZZ_EXIT_USAGE, "run: no input given");
	char *progs[NPIPE];
	size_t n = 0;
	for (size_t i = 0; i < NPIPE; i++)
		if ((progs[n] = stage_path(pipeline[i])))
			n++;
	if (n == 0 || !strstr(progs[0], "zizhi-unpack"))
		zz_die(ZZ_EXIT_NOSTAGE, "run: zizhi-unpack not found");
	pid_t pids[NPIPE];
	int in = -1;
	for (size_t i = 0; i < n; i++) {
		int fds[2] = {-1, -1};
		if (i + 1 < n && pipe(fds) < 0)
			zz_die(ZZ_EXIT_INTERNAL, "cannot make a pipe: %s", strerror(errno));
		fflush(NULL);
		if ((pids[i] = fork()) < 0)
			zz_die(ZZ_EXIT_INTERNAL, "cannot fork: %s", strerror(errno));
		if (pids[i] == 0) {
			if (in >= 0)
				dup2(in, 0), close(in);
			if (fds[1] >= 0)
				dup2(fds[1], 1), close(fds[1]), close(fds[0]);
			if (i == 0) {
				char **av = zz_ecalloc((size_t)argc + 3, sizeof *av);
				av[0] = progs[0];
				av[1] = "--";
				memcpy(av + 2, argv, (size_t)argc * sizeof *av);
				execv(progs[0], av);
			} else {
				execl(progs[i], progs[i], (char *)NULL);
			}
			zz_die(ZZ_EXIT_NOSTAGE, "cannot run '%s': %s", progs[i], strerror(errno));
		}
		if (in >= 0)
			close(in);
		if (fds[1] >= 0)
			close(fds[1]);
		in = fds[0];
	}
	int status = ZZ_EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		int s = status_of(pids[i]);
		if (s > status)
			status = s;
		free(progs[i]);
	}
	return status;
}

static void
find_exec_dir(const char *argv0)
{
	char buf[PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (k > 0)
		buf[k] = '\0';
	else if (!realpath(argv0, buf))
		return;
	snprintf(exec_dir, sizeof exec_dir, "%s", dirname(buf));
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	find_exec_dir(argv[0]);
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", NULL, NULL, usage);
	export_settings(&st);
	if (i >= argc)
		usage(ZZ_EXIT_USAGE);
	const char *cmd = argv[i];
	if (strcmp(cmd, "help") == 0)
		return help(i + 1 < argc ? argv[i + 1] : NULL);
	if (strcmp(cmd, "run") == 0)
		return run(argc - i, argv + i);
	if (!valid_stage(cmd))
		zz_die(ZZ_EXIT_USAGE, "no such command: '%s'", cmd);
	char *prog = stage_path(cmd);
	if (!prog)
		zz_die(ZZ_EXIT_NOSTAGE, "'%s' is not a zizhi command (no zizhi-%s found)", cmd, cmd);
	argv[i] = prog;
	execv(prog, argv + i);
	zz_die(ZZ_EXIT_NOSTAGE, "cannot run '%s': %s", prog, strerror(errno));
}
