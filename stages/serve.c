/* zizhi-serve - the reviewers' station: a web application over the review
 * database (lib/station). Prints the address to open on stdout, then
 * serves until SIGINT or SIGTERM. */
#include <getopt.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zizhi.h"

static zz_station_opts o;
static const char *hosts[16];

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-serve [-q] [-d db] [-c config] [--rules file] [--listen ADDRESS:PORT]\n"
	        "                   [--host NAME[:PORT]]... [--threads N] [--per-ip N]\n"
	        "                   [--idle-timeout S] [--request-timeout S] [--lease S]\n"
	        "                   [--secure-cookies] [--proxy]\n");
	exit(code);
}

static int
number(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || end == s || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int
extra(int opt, const char *arg)
{
	switch (opt) {
	case 'L': o.listen = arg; return 0;
	case 'H':
		if (o.nhosts == (int)(sizeof hosts / sizeof *hosts))
			return -1;
		hosts[o.nhosts++] = arg;
		return 0;
	case 'T': return number(arg, 1, 64, &o.threads);
	case 'P': return number(arg, 1, 10000, &o.per_ip);
	case 'I': return number(arg, 60, 7 * 86400, &o.idle_s);
	case 'E': return number(arg, 60, 86400, &o.lease_s);
	case 'O': return number(arg, 1, 3600, &o.timeout_s);
	case 'S': o.secure_cookies = 1; return 0;
	case 'X': o.proxy = 1; return 0;
	case 'R': o.rules = arg; return 0;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"listen", required_argument, NULL, 'L'},       {"host", required_argument, NULL, 'H'},
	{"threads", required_argument, NULL, 'T'},      {"per-ip", required_argument, NULL, 'P'},
	{"idle-timeout", required_argument, NULL, 'I'}, {"lease", required_argument, NULL, 'E'},
	{"secure-cookies", no_argument, NULL, 'S'},     {"rules", required_argument, NULL, 'R'},
	{"request-timeout", required_argument, NULL, 'O'}, {"proxy", no_argument, NULL, 'X'},
	{NULL, 0, NULL, 0},
};

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_station_defaults(&o);
	o.hosts = hosts;
	zz_settings st;
	zz_settings_init(&st);
	if (zz_settings_getopt(&st, argc, argv, "", long_opts, extra, usage) != argc)
		usage(ZZ_EXIT_USAGE);
	o.db = st.db, o.config = st.config;
	/* the signals are waited for below, not delivered: the server's
	 * threads, started after this, inherit the mask */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	char *err = NULL;
	int port = 0;
	zz_station *s = zz_station_start(&o, &port, &err);
	if (!s)
		zz_die(ZZ_EXIT_CONFIG, "%s", err);
	const char *colon = strrchr(o.listen, ':');
	char host[128];
	snprintf(host, sizeof host, "%.*s", (int)(colon - o.listen), o.listen);
	if (!*host || !strcmp(host, "0.0.0.0"))
		snprintf(host, sizeof host, "127.0.0.1");
	printf("http://%s:%d/\n", host, port);
	fflush(stdout);
	if (!st.quiet)
		zz_warn("serving %s on http://%s:%d/ (stop with Ctrl-C)", st.db, host, port);
	int sig = 0;
	sigwait(&set, &sig);
	if (!st.quiet)
		zz_warn("stopping (%s)", strsignal(sig));
	zz_station_stop(&s);
	return ZZ_EXIT_OK;
}
