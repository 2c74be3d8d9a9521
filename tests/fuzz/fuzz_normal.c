/* fuzz_normal - the normalisers of lib/core/normal.c on the input as one
 * string: money (in 元 and in a 万元 column), dates, credit codes (and its
 * lines as readings of one code, of a name and of a known value), names
 * and counts, each result held to what zizhi.h promises of it. */
#include <stdlib.h>
#include <string.h>

#include "zizhi.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	zz_fuzz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = zz_fuzz_str(data, size);
	long long v;
	int r;
	for (int unit = 1; unit <= 10000; unit *= 10000) {
		r = zz_norm_money(s, unit, &v);
		ZZ_FUZZ_ASSERT(r >= -2 && r <= 1);
		if (r >= 0)
			ZZ_FUZZ_ASSERT(v >= 0 && v <= 1000000000000000LL);
	}
	char date[11];
	memset(date, 'x', sizeof date);
	r = zz_norm_date(s, date);
	ZZ_FUZZ_ASSERT(r >= -1 && r <= 2);
	if (r == 0 || r == 2)
		ZZ_FUZZ_ASSERT(zz_valid_date(date) && strcmp(date, "1900") > 0 &&
		               strcmp(date, "2200") < 0);
	if (r == 1)
		ZZ_FUZZ_ASSERT(!strcmp(date, "open"));
	char code[19];
	r = zz_norm_uscc(s, code);
	ZZ_FUZZ_ASSERT(r >= -1 && r <= 1);
	if (r >= 0)
		ZZ_FUZZ_ASSERT(zz_uscc_valid(code));
	/* the input's lines as readings of one code */
	char *copy = strdup(s), *save = NULL;
	const char *reads[16];
	int nr = 0;
	for (char *t = copy ? strtok_r(copy, "\n", &save) : NULL; t && nr < 16;
	     t = strtok_r(NULL, "\n", &save))
		reads[nr++] = t;
	if (zz_uscc_agree(reads, nr, code))
		ZZ_FUZZ_ASSERT(zz_uscc_valid(code) && zz_orgcode_check(code + 8) == code[16]);
	/* and as readings of a name: what they agree on is text, and one
	 * more reading of it changes nothing */
	char *vote = zz_vote_chars(reads, nr);
	if (vote) {
		ZZ_FUZZ_ASSERT(zz_utf8_valid(vote, strlen(vote)));
		if (nr < 16) {
			reads[nr] = vote;
			char *again = zz_vote_chars(reads, nr + 1);
			ZZ_FUZZ_ASSERT(again && !strcmp(again, vote));
			free(again);
		}
		free(vote);
	}
	/* and as values known and readings both: a value chosen is one of
	 * them, and chosen again with one more reading of it */
	int k = zz_vote_known(reads, nr, reads, nr);
	ZZ_FUZZ_ASSERT(k >= -1 && k < nr);
	if (k >= 0 && nr < 16) {
		reads[nr] = reads[k];
		ZZ_FUZZ_ASSERT(zz_vote_known(reads, nr, reads, nr + 1) == k);
	}
	free(copy);
	char *name = zz_norm_name(s);
	if (name) {
		/* folding a folded name changes nothing */
		char *again = zz_norm_name(name);
		ZZ_FUZZ_ASSERT(again && !strcmp(again, name));
		free(again);
	}
	free(name);
	zz_norm_int(s, &v);
	free(s);
	return 0;
}
