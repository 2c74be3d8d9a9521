/* usccagree.c - the credit code several readings of one box agree on,
 * none of them valid (zz_uscc_agree): the readings as normal.c mends
 * them, the codes as uscc.c checks them. */
#include <string.h>

#include "core/core.h"

enum { AGREE_READS = 12, AGREE_OPEN = 3 };

typedef struct agree {
	char r[AGREE_READS][19];                /* the readings, 18 characters each */
	int m;
	char s[19];                             /* the code being filled in, '?' to solve */
	int at[AGREE_OPEN], nat;                /* the places in doubt */
	char opts[AGREE_OPEN][AGREE_READS + 2]; /* what was read there; '?': solve */
	char best[19];
	int top, second;                        /* the best code's support, the next one's */
} agree;

/* How many characters of the readings, at the places in doubt, code
 * has. */
static int
support(const agree *a, const char *code)
{
	int n = 0;
	for (int k = 0; k < a->nat; k++)
		for (int j = 0; j < a->m; j++)
			n += a->r[j][a->at[k]] == code[a->at[k]];
	return n;
}

/* (plausible: the organisation code's own check character holds too) */
static void
consider(agree *a, const char *code)
{
	if (!zz_uscc_valid(code) || !zz_uscc_plausible(code))
		return;
	int n = support(a, code);
	if (a->best[0] && !strcmp(a->best, code)) {
		if (n > a->top)
			a->top = n;
	} else if (!a->best[0] || n > a->top) {
		if (a->best[0])
			a->second = a->top > a->second ? a->top : a->second;
		memcpy(a->best, code, 19);
		a->top = n;
	} else if (n > a->second) {
		a->second = n;
	}
}

/* Every combination of the characters read at the places k.. onwards,
 * with at most one place ('?') solved from the check digit once the
 * others are filled in. */
static void
combine(agree *a, int k, int solved)
{
	if (k == a->nat) {
		char code[19];
		memcpy(code, a->s, 19);
		if (!solved || zz_uscc_solve(code))
			consider(a, code);
		return;
	}
	int i = a->at[k];
	for (const char *o = a->opts[k]; *o; o++) {
		if (*o != '?' || !solved) {
			a->s[i] = *o;
			combine(a, k + 1, solved || *o == '?');
		}
	}
}

/* Why solve a place at all: readings held to the code's alphabet may
 * never give the right character (an H read as B four times, as 6 and as
 * E once each, on a real licence). Only in the organisation code, where
 * its own check character (GB 11714, modulo 11) tests what the code's
 * check (modulo 31) gives; elsewhere nothing would. Among the codes that
 * hold, the one whose characters more readings made (J five times and 2
 * once, against T once and 8 once) stands when it leads by two.
 * Simulated on random codes with three misread places, one code in
 * thirty that comes out is wrong; when every reading also errs alike in
 * another place, most are: hence a likely reading, never a sure one. */
int
zz_uscc_agree(const char *const *raw, int n, char out[19])
{
	agree a = {0};
	out[0] = '\0';
	a.second = -1;
	for (int i = 0; i < n && a.m < AGREE_READS; i++)
		if (raw[i] && zz_uscc_chars(raw[i], a.r[a.m]) == 0)
			a.m++;
	if (a.m < 3)
		return 0;
	memcpy(a.s, a.r[0], 19);
	for (int i = 0; i < 18; i++) {
		char seen[AGREE_READS + 2];
		int ns = 0, open = 0;
		for (int j = 0; j < a.m; j++) {
			open |= a.r[j][i] != a.r[0][i] || a.r[j][i] == '?';
			if (a.r[j][i] != '?' && !memchr(seen, a.r[j][i], ns))
				seen[ns++] = a.r[j][i];
		}
		if (!open)
			continue;
		if (a.nat == AGREE_OPEN)
			return 0;
		if (i >= 8 && i <= 16)
			seen[ns++] = '?';
		seen[ns] = '\0';
		memcpy(a.opts[a.nat], seen, ns + 1);
		a.at[a.nat++] = i;
	}
	if (!a.nat)
		return 0;
	combine(&a, 0, 0);
	if (!a.best[0] || a.top < a.second + 2)
		return 0;
	memcpy(out, a.best, 19);
	return 1;
}
