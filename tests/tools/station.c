/* station - the station's logins and sessions (lib/db/users.c) for the
 * tests, one call a run:
 *   station DB login NAME PASSWORD [ADDRESS]   ok, bad, or throttled SECONDS
 *   station DB new USER [ADDRESS]    a session: its id, then its csrf token
 *   station DB check ID [IDLE MAX]   the user and the csrf token, or none
 *                                    (idle and max default to 3600 and 86400)
 *   station DB end ID
 *   station equal A B                zz_secret_equal: 1 or 0
 *   station pty LINE... -- CMD ARG...
 *                                    runs CMD on a new terminal, typing each
 *                                    LINE after the next ": " it writes (^C:
 *                                    an interrupt instead); prints what it
 *                                    wrote, then "echo on" or "echo off" as
 *                                    it left the terminal, and exits as CMD
 *                                    did (128 + a signal that ended it)
 * Exit 1 with the message on an error. */
#define _XOPEN_SOURCE 700 /* posix_openpt */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <sqlite3.h>

#include "zizhi.h"

/* what the program wrote on the terminal so far */
static zz_buf seen;

/* Reads from the terminal until want appears after *from (want NULL: to
 * the end); 0, or -1 at the end or after 120 s (valgrind is slow). */
static int
wait_for(int master, const char *want, size_t *from)
{
	for (;;) {
		char *at = want && seen.s ? strstr(seen.s + *from, want) : NULL;
		if (at) {
			*from = (size_t)(at - seen.s) + strlen(want);
			return 0;
		}
		struct pollfd p = {master, POLLIN, 0};
		int n = poll(&p, 1, 120000);
		if (n < 0 && errno == EINTR)
			continue;
		char buf[512];
		ssize_t r = n > 0 ? read(master, buf, sizeof buf) : -1;
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) /* EIO: every end of the terminal closed */
			return -1;
		zz_buf_add(&seen, buf, (size_t)r);
	}
}

static int
pty(char **lines, int nlines, char **cmd)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
		zz_die(ZZ_EXIT_IO, "cannot make a terminal: %s", strerror(errno));
	char *slave = zz_estrdup(ptsname(master));
	pid_t pid = fork();
	if (pid < 0)
		zz_die(ZZ_EXIT_IO, "fork: %s", strerror(errno));
	if (pid == 0) {
		setsid(); /* the terminal opened next is the controlling one */
		int fd = open(slave, O_RDWR);
		if (fd < 0)
			_exit(127);
		dup2(fd, 0), dup2(fd, 1), dup2(fd, 2);
		if (fd > 2)
			close(fd);
		close(master);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	free(slave);
	size_t from = 0;
	for (int i = 0; i < nlines; i++) {
		if (wait_for(master, ": ", &from) < 0)
			break;
		char *s = strcmp(lines[i], "^C") ? zz_easprintf("%s\n", lines[i]) : zz_estrdup("\003");
		zz_write_all(master, s, strlen(s));
		free(s);
	}
	int status;
	struct termios t;
	wait_for(master, NULL, &from);
	waitpid(pid, &status, 0);
	int echo = tcgetattr(master, &t) == 0 && (t.c_lflag & ECHO);
	close(master);
	for (size_t i = 0; i < seen.len; i++)
		if (seen.s[i] != '\r')
			putchar(seen.s[i]);
	printf("%secho %s\n", seen.len && seen.s[seen.len - 1] != '\n' ? "\n" : "", echo ? "on" : "off");
	zz_buf_free(&seen);
	zz_eclose_stdout();
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void
usage(void)
{
	zz_die(ZZ_EXIT_USAGE, "usage: station DB login NAME PASSWORD [ADDRESS] | new USER [ADDRESS] | check ID [IDLE MAX]"
	                      " | end ID; station equal A B; station pty LINE... -- CMD ARG...");
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	if (argc > 2 && !strcmp(argv[1], "pty")) {
		int dashes = 2;
		while (dashes < argc && strcmp(argv[dashes], "--"))
			dashes++;
		if (dashes + 1 >= argc)
			usage();
		return pty(argv + 2, dashes - 2, argv + dashes + 1);
	}
	if (argc == 4 && !strcmp(argv[1], "equal")) {
		printf("%d\n", zz_secret_equal(argv[2], argv[3]));
		zz_eclose_stdout();
		return 0;
	}
	if (argc < 4)
		usage();
	const char *cmd = argv[2];
	char *err = NULL;
	sqlite3 *db = zz_db_open(argv[1], &err);
	if (!db)
		zz_die(ZZ_EXIT_ITEMS, "%s", err);
	int rc = 0;
	if (!strcmp(cmd, "login") && (argc == 5 || argc == 6)) {
		int wait;
		switch (zz_user_login(db, argv[3], argv[4], argc == 6 ? argv[5] : NULL, &wait, &err)) {
		case ZZ_LOGIN_OK: printf("ok\n"); break;
		case ZZ_LOGIN_BAD: printf("bad\n"); break;
		case ZZ_LOGIN_THROTTLED: printf("throttled %d\n", wait); break;
		case ZZ_LOGIN_ERROR: rc = -1; break;
		}
	} else if (!strcmp(cmd, "new") && (argc == 4 || argc == 5)) {
		char id[65], csrf[65];
		if ((rc = zz_session_new(db, argv[3], argc == 5 ? argv[4] : NULL, 3600, 86400, id, csrf, &err)) == 0)
			printf("%s\n%s\n", id, csrf);
	} else if (!strcmp(cmd, "check") && (argc == 4 || argc == 6)) {
		char *user, *csrf;
		int idle = argc == 6 ? atoi(argv[4]) : 3600, max = argc == 6 ? atoi(argv[5]) : 86400;
		rc = zz_session_check(db, argv[3], idle, max, &user, &csrf, &err);
		if (rc == 1)
			printf("%s %s\n", user, csrf);
		else if (rc == 0)
			printf("none\n");
		free(user);
		free(csrf);
	} else if (!strcmp(cmd, "end") && argc == 4) {
		rc = zz_session_end(db, argv[3], &err);
	} else {
		usage();
	}
	zz_db_close(&db);
	if (rc < 0)
		zz_die(ZZ_EXIT_ITEMS, "%s", err);
	zz_eclose_stdout();
	return 0;
}
