/* zizhi - run a command (git-style: "zizhi unpack" runs zizhi-unpack,
 * "zizhi run" zizhi-run) or show its manual ("zizhi help unpack"). The
 * shared options given before the command reach it through the
 * environment. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zizhi.h"

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi [-s spool] [-d db] [-c config] command [args...]\n"
	        "commands:\n"
	        "  run INPUT...   every stage, in order, on each input; prints case directories\n"
	        "  COMMAND ARGS.. one stage or tool (unpack, review, ...): runs zizhi-COMMAND\n"
	        "  help [STAGE]   the manual of zizhi or of a stage\n");
	exit(code);
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
	char *local = zz_easprintf("%s/../man/%s.1", zz_exec_dir(), page);
	if (access(local, R_OK) == 0)
		execlp("man", "man", "-l", local, (char *)NULL);
	else
		execlp("man", "man", page, (char *)NULL);
	zz_die(ZZ_EXIT_IO, "cannot run man for '%s': %s (the page is %s)", page, strerror(errno),
	       access(local, R_OK) == 0 ? local : "not in this build");
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", NULL, NULL, usage);
	zz_settings_export(&st);
	if (i >= argc)
		usage(ZZ_EXIT_USAGE);
	const char *cmd = argv[i];
	if (strcmp(cmd, "help") == 0)
		return help(i + 1 < argc ? argv[i + 1] : NULL);
	if (!valid_stage(cmd))
		zz_die(ZZ_EXIT_USAGE, "no such command: '%s'", cmd);
	char *prog = zz_stage_path(cmd);
	if (!prog)
		zz_die(ZZ_EXIT_NOSTAGE, "'%s' is not a zizhi command (no zizhi-%s found)", cmd, cmd);
	argv[i] = prog;
	execv(prog, argv + i);
	zz_die(ZZ_EXIT_NOSTAGE, "cannot run '%s': %s", prog, strerror(errno));
}
