/* settings.c - options and environment every program shares. */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"

#ifndef ZZ_DATADIR
#define ZZ_DATADIR "/usr/local/share/zizhi"
#endif

void
zz_settings_init(zz_settings *st)
{
	memset(st, 0, sizeof *st);
}

static const struct option common_long[] = {
	{"spool", required_argument, NULL, 's'},
	{"db", required_argument, NULL, 'd'},
	{"config", required_argument, NULL, 'c'},
	{"verbose", no_argument, NULL, 'v'},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
};
#define NCOMMON (sizeof common_long / sizeof common_long[0])

/* ./config when run from a checkout or a working folder; else the one
 * beside the program (bin/../config in a build tree run from anywhere,
 * bin/../share/zizhi/config under an install's prefix, wherever it was
 * moved); else the copy make install put under the data directory. */
static const char *
default_config(void)
{
	static char near[4096];
	if (access("config/pipeline.xml", R_OK) == 0)
		return "config";
	const char *rel[] = {"../config", "../share/zizhi/config"};
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		char probe[4200];
		snprintf(near, sizeof near, "%s/%s", zz_exec_dir(), rel[i]);
		snprintf(probe, sizeof probe, "%s/pipeline.xml", near);
		if (access(probe, R_OK) == 0)
			return near;
	}
	return ZZ_DATADIR "/config";
}

static const char *
pick(const char *opt, const char *env, const char *def)
{
	const char *e = getenv(env);
	return opt ? opt : (e && *e) ? e : def;
}

int
zz_settings_getopt(zz_settings *st, int argc, char **argv, const char *extra_short,
                   const struct option *extra_long, int (*extra)(int opt, const char *arg),
                   void (*usage)(int))
{
	size_t nextra = 0;
	while (extra_long && extra_long[nextra].name)
		nextra++;
	struct option *lo = zz_ecalloc(NCOMMON + nextra + 1, sizeof *lo);
	memcpy(lo, common_long, sizeof common_long);
	if (nextra)
		memcpy(lo + NCOMMON, extra_long, nextra * sizeof *lo);
	char *so = zz_easprintf("+s:d:c:vqhV%s", extra_short ? extra_short : "");
	int c;
	while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		switch (c) {
		case 's': st->spool = optarg; break;
		case 'd': st->db = optarg; break;
		case 'c': st->config = optarg; break;
		case 'v': st->verbose++; break;
		case 'q': st->quiet = 1; break;
		case 'h': usage(ZZ_EXIT_OK); break;
		case 'V':
			printf("%s %s\n", zz_argv0, ZZ_VERSION);
			zz_eclose_stdout();
			exit(ZZ_EXIT_OK);
		default:
			if (c == '?' || !extra || extra(c, optarg) < 0)
				usage(ZZ_EXIT_USAGE);
		}
	}
	free(lo);
	free(so);
	st->spool = pick(st->spool, "ZIZHI_SPOOL", "var/spool");
	st->db = pick(st->db, "ZIZHI_DB", "var/zizhi.db");
	st->config = pick(st->config, "ZIZHI_CONFIG", default_config());
	return optind;
}

/* The programs a command runs read these, so an option given to it
 * reaches all of them. */
void
zz_settings_export(const zz_settings *st)
{
	setenv("ZIZHI_SPOOL", st->spool, 1);
	setenv("ZIZHI_DB", st->db, 1);
	setenv("ZIZHI_CONFIG", st->config, 1);
}

/* Who records a decision: ZIZHI_REVIEWER, else the login name. */
const char *
zz_reviewer_name(void)
{
	const char *r = getenv("ZIZHI_REVIEWER");
	if (r && *r)
		return r;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : NULL;
}
