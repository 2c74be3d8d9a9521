/* zizhi-unpack - take submissions (disc images, ZIPs, folders, loose
 * files) apart into case directories SPOOL/cases/ID and print each case
 * directory. ID comes from the submission's content hash, so the same
 * disc submitted twice is one case, unpacked once. With --into CASEDIR,
 * one drop of supplementary materials joins that case instead
 * (lib/unpack/casejoin.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "zizhi.h"

#define ID_HEX 16 /* 64 bits of the content hash name a case */

static int force;
static int lock_timeout = 600;
static const char *into; /* --into: the case a drop of 补充资料 joins */

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-unpack [-fqv] [-s spool] [-c config] [--lock-timeout sec] [input...]\n"
	        "       zizhi-unpack [-qv] [-c config] [--lock-timeout sec] --into casedir input\n"
	        "With no input, reads input paths from standard input, one per line.\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	switch (opt) {
	case 'f': force = 1; return 0;
	case 'i': into = arg; return 0;
	case 'T': lock_timeout = atoi(arg); return lock_timeout >= 0 ? 0 : -1;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"force", no_argument, NULL, 'f'},
	{"into", required_argument, NULL, 'i'},
	{"lock-timeout", required_argument, NULL, 'T'},
	{NULL, 0, NULL, 0},
};

/* A case is done when its case.xml says it was read to the end; *refused
 * gets how many entries it refused. */
static int
case_complete(const char *casedir, unsigned long *refused)
{
	*refused = 0;
	char *path = zz_easprintf("%s/case.xml", casedir);
	xmlDocPtr doc = access(path, R_OK) == 0 ? xmlReadFile(path, NULL, XML_PARSE_NONET) : NULL;
	free(path);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlChar *status = root ? xmlGetProp(root, (const xmlChar *)"status") : NULL;
	xmlChar *nref = root ? xmlGetProp(root, (const xmlChar *)"refused") : NULL;
	int done = status && strcmp((const char *)status, "complete") == 0;
	if (nref)
		*refused = strtoul((const char *)nref, NULL, 10);
	xmlFree(status);
	xmlFree(nref);
	xmlFreeDoc(doc);
	return done;
}

/* Anything left by a run that died holding this case's lock is stale. */
static void
clear_stale(const char *cases, const char *id)
{
	char *prefix = zz_easprintf(".tmp.%s.", id);
	zz_rmtree_prefixed(cases, prefix);
	free(prefix);
}

/* Moves the finished temp directory into place; an older, incomplete
 * unpacking of the same submission is replaced. */
static int
publish(const char *tmp, const char *casedir, const char *cases, const char *id)
{
	int dfd = open(cases, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0)
		syncfs(dfd);
	char *old = zz_easprintf("%s/.tmp.%s.old", cases, id);
	int r = zz_replace_dir(tmp, casedir, old);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(old);
	return r;
}

/* A folder that holds the spool (or lies in it) would be unpacked into
 * itself. */
static int
overlaps_spool(const char *input, const char *spool)
{
	char a[PATH_MAX], b[PATH_MAX];
	if (!realpath(input, a) || !realpath(spool, b))
		return 0;
	size_t la = strlen(a), lb = strlen(b);
	return (!strncmp(a, b, la) && (b[la] == '/' || b[la] == '\0' || la == 1)) ||
	       (!strncmp(a, b, lb) && a[lb] == '/');
}

/* Unpacks one input; returns a ZZ_EXIT_* code. */
static int
unpack_one(const zz_settings *st, const zz_limits *lim, const char *input)
{
	char sha[65], *err = NULL;
	if (overlaps_spool(input, st->spool)) {
		zz_warn("cannot unpack '%s': it holds the spool '%s' or lies in it", input, st->spool);
		return ZZ_EXIT_ITEMS;
	}
	if (zz_input_hash(input, sha, &err) < 0) {
		zz_warn("cannot open '%s': %s", input, err);
		free(err);
		return ZZ_EXIT_ITEMS;
	}
	char id[ID_HEX + 1];
	memcpy(id, sha, ID_HEX);
	id[ID_HEX] = '\0';
	char *cases = zz_easprintf("%s/cases", st->spool);
	char *casedir = zz_easprintf("%s/%s", cases, id);
	char *tmp = zz_easprintf("%s/.tmp.%s.XXXXXX", cases, id);
	int rc = ZZ_EXIT_ITEMS, lock = -1;
	zz_unpack *u = NULL;
	if (zz_mkdirs(cases, 0755) < 0) {
		zz_warn("cannot create '%s': %s", cases, strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	if ((lock = zz_lock_case(casedir, lock_timeout)) < 0) {
		zz_warn("cannot lock '%s': %s", casedir,
		        errno == EWOULDBLOCK ? "another process holds it" : strerror(errno));
		goto out;
	}
	unsigned long refused = 0;
	if (!force && case_complete(casedir, &refused)) {
		if (st->verbose || refused)
			zz_warn("'%s': already unpacked as %s (%lu entries refused: see its case.xml)",
			        input, casedir, refused);
		rc = refused ? ZZ_EXIT_ITEMS : ZZ_EXIT_OK;
		goto print;
	}
	clear_stale(cases, id);
	if (!mkdtemp(tmp)) {
		zz_warn("cannot create '%s': %s", tmp, strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	mode_t mask = umask(0);
	umask(mask);
	chmod(tmp, 0777 & ~mask); /* mkdtemp made it private; a case is for reviewers */
	if (!(u = zz_unpack_new(tmp, lim, &err))) {
		zz_warn("%s", err);
		rc = ZZ_EXIT_INTERNAL;
		goto out;
	}
	int r = zz_unpack_input(u, input, &err);
	if (r < 0) {
		zz_warn("cannot read '%s': %s", input, err);
		goto out;
	}
	zz_unpack_report(u, input, st->quiet);
	char *xml = zz_easprintf("%s/case.xml", tmp);
	int w = zz_unpack_write_xml(u, id, xml);
	free(xml);
	if (w < 0 || publish(tmp, casedir, cases, id) < 0) {
		zz_warn("cannot write case '%s': %s", casedir, strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	if (r > 0) {
		zz_warn("'%s': read in part only; what could be read is in %s", input, casedir);
		goto out;
	}
	size_t nf, nr, ne;
	zz_unpack_counts(u, &nf, &nr, &ne);
	if (st->verbose || nr)
		zz_warn("'%s': %zu files, %zu refused -> %s", input, nf, nr, casedir);
	/* refused entries make the item fail, though its good files go on */
	rc = nr ? ZZ_EXIT_ITEMS : ZZ_EXIT_OK;
print:
	printf("%s\n", casedir);
	fflush(stdout);
out:
	if (!strstr(tmp, "XXXXXX") && access(tmp, F_OK) == 0) /* not published */
		zz_rmtree(tmp);
	zz_unpack_destroy(&u);
	zz_unlock(&lock);
	free(err), free(cases), free(casedir), free(tmp);
	return rc;
}

/* Joins one drop of supplementary materials to the case --into names;
 * returns the exit code. */
static int
join_one(const zz_settings *st, const zz_limits *lim, const char *input)
{
	char *err = NULL;
	int flags = (st->quiet ? ZZ_JOIN_QUIET : 0) | (st->verbose ? ZZ_JOIN_VERBOSE : 0);
	int rc = zz_case_join(into, input, lim, lock_timeout, flags, &err);
	if (err)
		zz_warn("%s", err);
	else
		printf("%s\n", into);
	free(err);
	zz_eclose_stdout();
	return rc;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	/* libarchive converts names through the locale; UTF-8 keeps them whole */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "fT:i:", long_opts, extra, usage);
	if (into && (argc - i != 1 || force)) {
		zz_warn("--into takes exactly one input%s", force ? ", and no -f" : "");
		usage(ZZ_EXIT_USAGE);
	}
	zz_limits lim;
	char *err = NULL;
	if (zz_config_limits(st.config, &lim, &err) < 0)
		zz_die(ZZ_EXIT_CONFIG, "bad configuration in '%s':\n%s", st.config, err);
	if (into)
		return join_one(&st, &lim, argv[i]);
	zz_items *it = zz_items_open(argc - i, argv + i);
	int status = ZZ_EXIT_OK;
	for (const char *in; (in = zz_items_next(it));) {
		int r = unpack_one(&st, &lim, in);
		if (r > status)
			status = r;
		if (r == ZZ_EXIT_IO || r == ZZ_EXIT_INTERNAL)
			break; /* the spool itself is broken: later items would fail too */
	}
	zz_items_destroy(&it);
	zz_eclose_stdout();
	return status;
}
