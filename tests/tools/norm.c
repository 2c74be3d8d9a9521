/* norm - run the normalisers over lines KIND<TAB>INPUT on stdin and print
 * KIND<TAB>INPUT<TAB>RESULT for each, so tests can be tables.
 *
 *   KIND    money, money-wan (a 万元 column), date, name, uscc, regno, int,
 *           uscc-agree (readings of one code separated by |), vote
 *           (readings of one line separated by |: what they agree on),
 *           known (READINGS>VALUES, each separated by |: the value of
 *           VALUES the readings are nearest)
 *   RESULT  the value; repaired:VALUE for a mended code or date; open for
 *           an open-ended date; error:N when the normaliser returned N
 *
 * A line without a tab or with an unknown kind is a usage error (exit 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zizhi.h"

/* in's readings, separated by |, into raw (16 at most, *n of them),
 * pointing into the copy returned */
static char *
readings(const char *in, const char **raw, int *n)
{
	char *copy = zz_estrdup(in), *save = NULL;
	*n = 0;
	for (char *t = strtok_r(copy, "|", &save); t && *n < 16; t = strtok_r(NULL, "|", &save))
		raw[(*n)++] = t;
	return copy;
}

static void
normalise(const char *kind, const char *in, zz_buf *res)
{
	long long v;
	char s[19];
	int r, n;
	if (strcmp(kind, "money") == 0 || strcmp(kind, "money-wan") == 0) {
		r = zz_norm_money(in, kind[5] ? 10000 : 1, &v);
		if (r >= 0)
			zz_buf_addf(res, "%s%lld", r ? "repaired:" : "", v);
	} else if (strcmp(kind, "int") == 0) {
		r = zz_norm_int(in, &v);
		if (r == 0)
			zz_buf_addf(res, "%lld", v);
	} else if (strcmp(kind, "date") == 0) {
		r = zz_norm_date(in, s);
		if (r >= 0)
			zz_buf_addf(res, "%s%s", r == 2 ? "repaired:" : "", s);
	} else if (strcmp(kind, "uscc") == 0) {
		r = zz_norm_uscc(in, s);
		if (r >= 0)
			zz_buf_addf(res, "%s%s", r ? "repaired:" : "", s);
	} else if (strcmp(kind, "uscc-agree") == 0) {
		const char *raw[16];
		char *copy = readings(in, raw, &n);
		r = zz_uscc_agree(raw, n, s) ? 0 : -1;
		if (r == 0)
			zz_buf_adds(res, s);
		free(copy);
	} else if (strcmp(kind, "vote") == 0) {
		const char *raw[16];
		char *copy = readings(in, raw, &n), *out;
		r = (out = zz_vote_chars(raw, n)) ? 0 : -1;
		if (out)
			zz_buf_adds(res, out);
		free(out), free(copy);
	} else if (strcmp(kind, "known") == 0) {
		const char *raw[16], *known[16];
		int nk = 0;
		char *in2 = zz_estrdup(in), *gt = strchr(in2, '>');
		if (!gt)
			zz_die(ZZ_EXIT_USAGE, "known: no '>' in %s", in);
		*gt = '\0';
		char *copy = readings(in2, raw, &n), *kcopy = readings(gt + 1, known, &nk);
		r = zz_vote_known(known, nk, raw, n);
		if (r >= 0)
			zz_buf_adds(res, known[r]), r = 0;
		free(copy), free(kcopy), free(in2);
	} else if (strcmp(kind, "regno") == 0) {
		char rn[16];
		r = zz_norm_regno(in, rn);
		if (r >= 0)
			zz_buf_addf(res, "%s%s", r ? "repaired:" : "", rn);
	} else if (strcmp(kind, "name") == 0) {
		char *name = zz_norm_name(in);
		r = name ? 0 : -1;
		if (name)
			zz_buf_adds(res, name);
		free(name);
	} else {
		zz_die(ZZ_EXIT_USAGE, "unknown kind: %s", kind);
	}
	if (r < 0)
		zz_buf_addf(res, "error:%d", r);
}

int
main(int argc, char **argv)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	zz_setprogname(argv[0]);
	if (argc > 1)
		zz_die(ZZ_EXIT_USAGE, "usage: norm <KIND<TAB>INPUT lines");
	while ((len = getline(&line, &cap, stdin)) != -1) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		char *tab = strchr(line, '\t');
		if (!tab)
			zz_die(ZZ_EXIT_USAGE, "no tab in line: %s", line);
		*tab = '\0';
		zz_buf res = {0};
		zz_buf_add(&res, "", 0);
		normalise(line, tab + 1, &res);
		printf("%s\t%s\t%s\n", line, tab + 1, res.s);
		zz_buf_free(&res);
	}
	free(line);
	zz_eclose_stdout();
	return 0;
}
