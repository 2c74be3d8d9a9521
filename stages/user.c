/* zizhi-user - the accounts of the reviewers' station (zizhi serve), in
 * the review database: add one, set its password, disable it (its
 * sessions end; an account is never deleted, decisions name it), enable
 * it again, list them. A password is asked twice on the terminal without
 * echo, or, when standard input is not a terminal, is its first line. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sqlite3.h>

#include "zizhi.h"

/* longer than any password the library takes, so that it says why */
#define LINE_MAX_BYTES 1024

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-user [-q] [-d db] add NAME\n"
	        "       zizhi-user [-q] [-d db] passwd NAME\n"
	        "       zizhi-user [-q] [-d db] disable NAME\n"
	        "       zizhi-user [-q] [-d db] enable NAME\n"
	        "       zizhi-user [-d db] list\n"
	        "a password is asked twice on the terminal, or is the first line of standard input\n");
	exit(code);
}

/* The name as said on the terminal and in messages: not one whose control
 * characters would drive the terminal (the library refuses it anyway). */
static const char *
shown(const char *name)
{
	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		if (*s < 0x20 || *s == 0x7f)
			return "(a name with control characters)";
	return name;
}

/* ---- the terminal, echo off while a password is typed ---- */
static int tty_fd = -1;
static struct termios tty_saved;
static volatile sig_atomic_t tty_quiet; /* echo is off: restore it */
static const int tty_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
#define NSIGNALS (sizeof tty_signals / sizeof *tty_signals)
static struct sigaction tty_old[NSIGNALS];

static void on_signal(int sig);

static void
catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaddset(&sa.sa_mask, tty_signals[i]);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(tty_signals[i], &sa, &tty_old[i]);
}

static void
release_signals(void)
{
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(tty_signals[i], &tty_old[i], NULL);
}

static int
echo_off(void)
{
	struct termios t = tty_saved;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
	t.c_lflag |= ECHONL;
	return tcsetattr(tty_fd, TCSAFLUSH, &t);
}

/* Echo comes back on every way out: a signal that ends the program is
 * raised again once the terminal is restored; one that stops it (^Z)
 * stops it with the echo on, and when it goes on the echo is off again.
 * Only async-signal-safe calls here. */
static void
on_signal(int sig)
{
	int saved_errno = errno;
	if (tty_quiet) {
		tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
		if (write(tty_fd, "\n", 1) < 0) {
			/* nothing more to do */
		}
	}
	struct sigaction dfl, mine;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, &mine);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig); /* ends the program, or stops it until SIGCONT */
	sigaction(sig, &mine, NULL);
	if (tty_quiet)
		echo_off();
	errno = saved_errno;
}

/* A line of at most LINE_MAX_BYTES from fd into buf, without its end of
 * line; read a byte at a time, nothing after the line is taken (and no
 * stdio buffer keeps a copy). 0, or -1 at the end of input before any
 * line, -2 on a line too long, -3 on a NUL byte, with errno on an error. */
static int
read_line(int fd, char buf[LINE_MAX_BYTES + 1])
{
	size_t n = 0;
	int nul = 0;
	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0 && n == 0)
			return errno = 0, -1;
		if (r == 0 || c == '\n')
			break;
		if (n == LINE_MAX_BYTES)
			return -2;
		nul |= c == '\0';
		buf[n++] = c;
	}
	if (n && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return nul ? -3 : 0;
}

static void
line_failed(int rc, const char *where)
{
	if (rc == -2)
		zz_die(ZZ_EXIT_ITEMS, "the password is too long; nothing changed");
	if (rc == -3)
		zz_die(ZZ_EXIT_ITEMS, "a password cannot hold a NUL byte");
	if (errno)
		zz_die(ZZ_EXIT_IO, "cannot read the password from %s: %s", where, strerror(errno));
	zz_die(ZZ_EXIT_ITEMS, "no password on %s; nothing changed", where);
}

/* Asks on the terminal, twice, without echo; dies when the two differ. */
static void
ask_twice(const char *name, char pw[LINE_MAX_BYTES + 1])
{
	static char again[LINE_MAX_BYTES + 1];
	tty_fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty_fd < 0)
		zz_die(ZZ_EXIT_IO, "cannot open the terminal: %s", strerror(errno));
	if (tcgetattr(tty_fd, &tty_saved) < 0)
		zz_die(ZZ_EXIT_IO, "cannot read the terminal's settings: %s", strerror(errno));
	catch_signals();
	int rc = 0;
	const char *prompt[2] = {"password for ", "again: "};
	char *into[2] = {pw, again};
	for (int i = 0; i < 2 && rc == 0; i++) {
		tty_quiet = 1;
		if (echo_off() < 0) {
			tty_quiet = 0;
			release_signals();
			zz_die(ZZ_EXIT_IO, "cannot turn the echo off: %s", strerror(errno));
		}
		char *p = i ? zz_estrdup(prompt[1]) : zz_easprintf("%s%s: ", prompt[0], shown(name));
		if (zz_write_all(tty_fd, p, strlen(p)) < 0)
			rc = -1;
		free(p);
		if (rc == 0)
			rc = read_line(tty_fd, into[i]);
		int e = errno;
		tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
		tty_quiet = 0;
		errno = e;
	}
	release_signals();
	close(tty_fd);
	tty_fd = -1;
	int same = rc == 0 && !strcmp(pw, again);
	zz_wipe(again, sizeof again);
	if (rc < 0) {
		zz_wipe(pw, LINE_MAX_BYTES + 1);
		line_failed(rc, "the terminal");
	}
	if (!same) {
		zz_wipe(pw, LINE_MAX_BYTES + 1);
		zz_die(ZZ_EXIT_ITEMS, "the two passwords differ; nothing changed");
	}
}

/* The new password: asked on the terminal, or the first line of stdin. */
static void
get_password(const char *name, char pw[LINE_MAX_BYTES + 1])
{
	if (isatty(STDIN_FILENO)) {
		ask_twice(name, pw);
		return;
	}
	int rc = read_line(STDIN_FILENO, pw);
	if (rc < 0) {
		zz_wipe(pw, LINE_MAX_BYTES + 1);
		line_failed(rc, "standard input");
	}
}

/* ---- the commands ---- */
static int
list_users(sqlite3 *db)
{
	char *err = NULL;
	sqlite3_stmt *st = zz_db_prepare(db,
	                                 "SELECT name, created, failures, disabled FROM users ORDER BY name",
	                                 NULL, 0, &err);
	if (!st)
		zz_die(ZZ_EXIT_IO, "%s", err);
	int rc, header = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!header++)
			printf("%-20s  %-20s  %-8s  %s\n", "NAME", "CREATED", "FAILURES", "STATUS");
		zz_print_padded(zz_db_col(st, 0), 20);
		printf("  %-20s  %-8s  %s%s\n", zz_db_col(st, 1), zz_db_col(st, 2),
		       sqlite3_column_type(st, 3) == SQLITE_NULL ? "active" : "disabled ", zz_db_col(st, 3));
	}
	if (rc != SQLITE_DONE)
		zz_die(ZZ_EXIT_IO, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return ZZ_EXIT_OK;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", NULL, NULL, usage);
	if (i >= argc)
		usage(ZZ_EXIT_USAGE);
	const char *cmd = argv[i++];
	static const char *const named[] = {"add", "passwd", "disable", "enable"};
	int which = -1;
	for (int k = 0; k < 4; k++)
		if (!strcmp(cmd, named[k]))
			which = k;
	if (which < 0 ? strcmp(cmd, "list") || argc != i : argc != i + 1)
		usage(ZZ_EXIT_USAGE);
	const char *name = which < 0 ? NULL : argv[i];
	char *err = NULL;
	sqlite3 *db = zz_db_open(st.db, &err);
	if (!db)
		zz_die(ZZ_EXIT_IO, "%s", err);
	if (which < 0) {
		int status = list_users(db);
		zz_db_close(&db);
		zz_eclose_stdout();
		return status;
	}
	/* the account must be there, or not, before its password is asked */
	if (which <= 1) {
		int exists = zz_user_exists(db, name, &err);
		if (exists < 0)
			zz_die(ZZ_EXIT_IO, "%s", err);
		if (which == 0 && exists)
			zz_die(ZZ_EXIT_ITEMS, "%s: an account of that name exists", shown(name));
		if (which == 1 && !exists)
			zz_die(ZZ_EXIT_ITEMS, "%s: no such account", shown(name));
	}
	static char pw[LINE_MAX_BYTES + 1];
	int rc;
	switch (which) {
	case 0:
		get_password(name, pw);
		rc = zz_user_add(db, name, pw, &err);
		break;
	case 1:
		get_password(name, pw);
		rc = zz_user_password(db, name, pw, &err);
		break;
	case 2: rc = zz_user_disable(db, name, &err); break;
	default: rc = zz_user_enable(db, name, &err); break;
	}
	zz_wipe(pw, sizeof pw);
	zz_db_close(&db);
	if (rc < 0) {
		zz_warn("%s", err);
		free(err);
		return ZZ_EXIT_ITEMS;
	}
	static const char *const done[] = {"added", "password set", "disabled, its sessions ended", "enabled"};
	if (!st.quiet)
		printf("%s: %s\n", name, done[which]);
	zz_eclose_stdout();
	return ZZ_EXIT_OK;
}
