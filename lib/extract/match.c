/* match.c - finding a label in OCR text: letter-spaced labels (注 册 资 本),
 * full-width and half-width forms, a colon or not, and one misread
 * character in labels long enough that one wrong character still leaves
 * them unmistakable (two in labels of eight or more; a character lost
 * or added counts as one). A label must start its chunk (after at most two stray
 * characters that are not Chinese, such as a bullet, a bar or "1."):
 * labels open their line on forms, and this keeps 资产合计 from matching
 * inside 流动资产合计 and 年末余额 inside 上年年末余额. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

typedef struct cps {
	unsigned *c;
	size_t *off; /* byte offset of each code point; off[n] = end */
	size_t n;
} cps;

/* Full-width ASCII folded, brackets made one kind; 0 for what a label
 * match skips (spaces, colons, and the quotes and stops OCR makes of the
 * gaps of a letter-spaced label: 类”型, 名。称). */
static unsigned
fold(unsigned c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c = c - 0xFF01 + 0x21;
	if (c == 0x3000 || c == 0xA0 || c == ' ' || c == '\t' || c == '\n' || c == ':' || c == 0x2236)
		return 0;
	if (c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == '"' || c == '\'' ||
	    c == 0x3002 || c == 0x3001 || c == 0xB7 || c == 0x30FB)
		return 0;
	if (c >= 'a' && c <= 'z')
		c -= 32;
	return c;
}

static cps
to_cps(const char *s)
{
	size_t n = strlen(s), len;
	cps v = {zz_ecalloc(n + 1, sizeof *v.c), zz_ecalloc(n + 2, sizeof *v.off), 0};
	for (size_t i = 0; i < n; i += len) {
		unsigned c = fold(zz_utf8_decode(s + i, &len));
		if (!c)
			continue;
		v.c[v.n] = c;
		v.off[v.n++] = i;
	}
	v.off[v.n] = n;
	return v;
}

/* The fewest edits (a character misread, lost or added) that make
 * l.c[0..l.n) of the text from at, and how many text characters that
 * takes (*len); -1 past allowed. A tiny Levenshtein table: labels are a
 * few characters. */
static int
compare(const cps *s, size_t at, const cps *l, int allowed, size_t *len)
{
	size_t m = l->n, room = s->n - at, best_k = 0;
	size_t kmax = m + (size_t)allowed < room ? m + (size_t)allowed : room;
	int *prev = zz_ecalloc(kmax + 1, sizeof *prev), *cur = zz_ecalloc(kmax + 1, sizeof *cur);
	for (size_t k = 0; k <= kmax; k++)
		prev[k] = (int)k;
	for (size_t i = 1; i <= m; i++) {
		cur[0] = (int)i;
		for (size_t k = 1; k <= kmax; k++) {
			int sub = prev[k - 1] + (s->c[at + k - 1] != l->c[i - 1]);
			int del = prev[k] + 1, ins = cur[k - 1] + 1;
			cur[k] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		int *t = prev;
		prev = cur, cur = t;
	}
	int best = -1;
	for (size_t k = m > (size_t)allowed ? m - (size_t)allowed : 1; k <= kmax; k++)
		if (prev[k] <= allowed && (best < 0 || prev[k] < best))
			best = prev[k], best_k = k;
	free(prev), free(cur);
	*len = best_k;
	return best;
}

/* One edit in a phrase of four characters or more, two in one of eight:
 * what is left is still unmistakable. */
static int
edits_allowed(size_t n)
{
	return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}

int
zz_label_find(const char *label, const char *s, size_t *start, size_t *end)
{
	*start = *end = 0;
	cps l = to_cps(label), t = to_cps(s);
	int best = -1;
	size_t at = 0;
	size_t len = 0, blen = 0;
	if (l.n > 0) {
		int allowed = edits_allowed(l.n);
		for (size_t i = 0; i <= 2 && i < t.n; i++) {
			if (i > 0 && t.c[i - 1] >= 0x2E80)
				break; /* a Chinese character before it: not a label */
			int w = compare(&t, i, &l, allowed, &len);
			if (w >= 0 && (best < 0 || w < best))
				best = w, at = i, blen = len;
			if (best == 0)
				break;
		}
	}
	if (best >= 0) {
		*start = t.off[at];
		/* the label's end, past any spaces and colons after it */
		*end = at + blen < t.n ? t.off[at + blen] : strlen(s);
	}
	free(l.c), free(l.off), free(t.c), free(t.off);
	return best;
}

int
zz_text_find(const char *phrase, const char *s, size_t *start, size_t *end)
{
	*start = *end = 0;
	cps l = to_cps(phrase), t = to_cps(s);
	int best = -1;
	size_t at = 0;
	int allowed = edits_allowed(l.n);
	size_t len = 0, blen = 0;
	for (size_t i = 0; l.n > 0 && i < t.n && best != 0; i++) {
		int w = compare(&t, i, &l, allowed, &len);
		if (w >= 0 && (best < 0 || w < best))
			best = w, at = i, blen = len;
	}
	if (best >= 0 && blen > 0) {
		size_t last = t.off[at + blen - 1], n = 0;
		zz_utf8_decode(s + last, &n);
		*start = t.off[at], *end = last + (n ? n : 1);
	}
	free(l.c), free(l.off), free(t.c), free(t.off);
	return best;
}
