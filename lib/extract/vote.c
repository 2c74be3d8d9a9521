/* vote.c - what several readings of one line agree on: the text,
 * character by character, or the one of a known set of values nearest
 * them all. Each reading of a name may be wrong in a place of its own
 * (沈阳瑞箭塑胶, 沈阳瑞腾饮胶, 沈阳瑞腾馈胶, 沈阳瑞腾塑胶 for 沈阳瑞腾塑胶):
 * none is right, and together they are. Only readings of one length are
 * set side by side, so a place is the same place in each: a reading that
 * lost or gained a character is left out rather than aligned, which
 * could make up a name nobody read. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

#define MAX_CHARS 64 /* a name runs to forty characters; the find caps it */
#define MAX_READINGS 16

typedef struct split {
	const char *s;
	int n;                  /* characters, -1: too long or not UTF-8 */
	unsigned cp[MAX_CHARS]; /* each character's code point */
	int at[MAX_CHARS];      /* and where it starts in s */
} split;

static void
split_of(const char *s, split *sp)
{
	sp->s = s, sp->n = 0;
	if (!s || !zz_utf8_valid(s, strlen(s))) {
		sp->n = -1;
		return;
	}
	/* (valid: each step decodes one whole character) */
	for (size_t i = 0, len; s[i]; i += len) {
		if (sp->n == MAX_CHARS) {
			sp->n = -1;
			return;
		}
		sp->at[sp->n] = (int)i, sp->cp[sp->n++] = zz_utf8_decode(s + i, &len);
	}
}

/* The value most of k[0..n) take, strictly more often than any other
 * and at least `least` times: its index, -1 when there is none. */
static int
most(const int *k, int n, int least)
{
	int best = -1, bn = 0, tie = 0;
	for (int a = 0; a < n; a++) {
		int c = 0;
		for (int b = 0; b < n; b++)
			c += k[b] == k[a];
		if (c > bn)
			best = a, bn = c, tie = 0;
		else if (c == bn && k[a] != k[best])
			tie = 1;
	}
	return bn >= least && !tie ? best : -1;
}

char *
zz_vote_chars(const char *const *v, int n)
{
	split sp[MAX_READINGS];
	int len[MAX_READINGS] = {0}, m = 0;
	for (int i = 0; i < n && i < MAX_READINGS; i++) {
		split_of(v[i], &sp[m]);
		if (sp[m].n > 0)
			len[m] = sp[m].n, m++;
	}
	/* the length most readings have, at least three of them */
	int w = most(len, m, 3);
	if (w < 0)
		return NULL;
	int L = len[w], use[MAX_READINGS], nu = 0;
	for (int i = 0; i < m; i++)
		if (len[i] == L)
			use[nu++] = i;
	char *out = zz_emalloc(4 * (size_t)L + 1);
	size_t o = 0;
	for (int p = 0; p < L; p++) {
		int k[MAX_READINGS];
		for (int u = 0; u < nu; u++)
			k[u] = (int)sp[use[u]].cp[p];
		/* the character most have here, at least two of them */
		int b = most(k, nu, 2);
		if (b < 0) {
			free(out);
			return NULL;
		}
		const split *s = &sp[use[b]];
		size_t from = (size_t)s->at[p], to = p + 1 < L ? (size_t)s->at[p + 1] : strlen(s->s);
		memcpy(out + o, s->s + from, to - from);
		o += to - from;
	}
	out[o] = '\0';
	return out;
}

/* Edits of a character between a and b, as split: -1 when either is not. */
static long
edits(const split *a, const split *b)
{
	if (a->n < 0 || b->n < 0)
		return -1;
	return (long)zz_edits(a->cp, (size_t)a->n, b->cp, (size_t)b->n);
}

/* Summed over the readings, not voted place by place: a blurred
 * reading's characters are mostly wrong and it may lose or gain some,
 * but what is there still lies nearer the value printed than the
 * others (自然人投资或控股的法人独资 against 非自然人… by the 非 no
 * reading has). The margin, an edit a reading, is what a value one
 * character longer or shorter than the one printed would lose by. */
int
zz_vote_known(const char *const *known, int nknown, const char *const *v, int n)
{
	split r[MAX_READINGS], k;
	int m = 0;
	for (int i = 0; i < n && m < MAX_READINGS; i++) {
		split_of(v[i], &r[m]);
		m += r[m].n > 0;
	}
	long best = -1, next = -1, near = 0;
	int at = -1, len = 0;
	for (int i = 0; m >= 3 && i < nknown; i++) {
		split_of(known[i], &k);
		long total = 0, least = -1;
		for (int j = 0; j < m && total >= 0; j++) {
			long e = edits(&r[j], &k);
			total = e < 0 ? -1 : total + e;
			least = least < 0 || e < least ? e : least;
		}
		if (total < 0)
			continue;
		if (best < 0 || total < best)
			next = best, best = total, at = i, near = least, len = k.n;
		else if (next < 0 || total < next)
			next = total;
	}
	if (at < 0 || (next >= 0 && next < best + m))
		return -1;
	return 2 * near <= len ? at : -1;
}
