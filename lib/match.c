/* match.c - finding a label in OCR text: letter-spaced labels (注 册 资 本),
 * full-width and half-width forms, a colon or not, and one misread
 * character in labels long enough that one wrong character still leaves
 * them unmistakable. A label must start its chunk (after at most two stray
 * characters that are not Chinese, such as a bullet, a bar or "1."):
 * labels open their line on forms, and this keeps 资产合计 from matching
 * inside 流动资产合计 and 年末余额 inside 上年年末余额. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"

typedef struct cps {
	unsigned *c;
	size_t *off; /* byte offset of each code point; off[n] = end */
	size_t n;
} cps;

/* Full-width ASCII folded, brackets made one kind; 0 for what a label
 * match skips (spaces, colons). */
static unsigned
fold(unsigned c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c = c - 0xFF01 + 0x21;
	if (c == 0x3000 || c == 0xA0 || c == ' ' || c == '\t' || c == '\n' || c == ':' || c == 0x2236)
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

static int
compare(const cps *s, size_t at, const cps *l, int allowed)
{
	int wrong = 0;
	for (size_t k = 0; k < l->n; k++)
		if (s->c[at + k] != l->c[k] && ++wrong > allowed)
			return -1;
	return wrong;
}

int
zz_label_find(const char *label, const char *s, size_t *start, size_t *end)
{
	*start = *end = 0;
	cps l = to_cps(label), t = to_cps(s);
	int best = -1;
	size_t at = 0;
	if (l.n > 0) {
		int allowed = l.n >= 4 ? 1 : 0;
		for (size_t i = 0; i <= 2 && i + l.n <= t.n; i++) {
			if (i > 0 && t.c[i - 1] >= 0x2E80)
				break; /* a Chinese character before it: not a label */
			int w = compare(&t, i, &l, allowed);
			if (w >= 0 && (best < 0 || w < best))
				best = w, at = i;
			if (best == 0)
				break;
		}
	}
	if (best >= 0) {
		*start = t.off[at];
		/* the label's end, past any spaces and colons after it */
		*end = at + l.n < t.n ? t.off[at + l.n] : strlen(s);
	}
	free(l.c), free(l.off), free(t.c), free(t.off);
	return best;
}
