/* normal.c - normalisers: amounts, dates, names, credit codes and counts,
 * as OCR and office files give them, made comparable across documents.
 *
 * The input is decoded once into code points and folded from full width
 * (ＡＢＣ１２３ → ABC123); where spacing means nothing it is dropped. One
 * small parser reads Chinese and Arabic numerals for amounts and counts.
 * Amounts are exact decimals (a long long and a scale), never doubles, so
 * that 1,200.50万元 is 12005000 and not 12004999. */
#include <limits.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

#define MONEY_MAX 1000000000000000LL /* 10^15 yuan: larger is a misreading */
#define FRAC_MAX 9                   /* decimals kept; later ones cannot change the yuan */

/* the next code point */
static uint32_t
getcp(const unsigned char **p)
{
	size_t len;
	uint32_t c = zz_utf8_decode((const char *)*p, &len);
	*p += len;
	return c;
}

static void
putcp(zz_buf *b, uint32_t c)
{
	unsigned char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (unsigned char)c, n = 1;
	} else if (c < 0x800) {
		u[0] = (unsigned char)(0xC0 | c >> 6), n = 2;
	} else if (c < 0x10000) {
		u[0] = (unsigned char)(0xE0 | c >> 12), n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | c >> 18), n = 4;
	}
	for (size_t k = 1; k < n; k++)
		u[k] = (unsigned char)(0x80 | ((c >> (6 * (n - 1 - k))) & 0x3F));
	zz_buf_add(b, u, n);
}

/* Whether c is one of the characters of set (UTF-8); keeps the tables
 * below readable as the characters themselves. */
static int
among(uint32_t c, const char *set)
{
	for (const unsigned char *p = (const unsigned char *)set; *p;)
		if (getcp(&p) == c)
			return 1;
	return 0;
}

/* the length in code points of the first of words found at t[i], or 0 */
static size_t
word_at(const uint32_t *t, size_t n, size_t i, const char *const *words)
{
	for (; *words; words++) {
		const unsigned char *p = (const unsigned char *)*words;
		size_t k = 0;
		int same = 1;
		while (same && *p)
			same = i + k < n && t[i + k++] == getcp(&p);
		if (same)
			return k;
	}
	return 0;
}

static int
is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	       c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Decodes raw into code points folded to half width (U+FF01-FF5E, ￥),
 * white space dropped, ASCII letters upper-cased if upper; NULL for
 * invalid UTF-8. */
static uint32_t *
decode(const char *raw, int upper, size_t *n)
{
	size_t len = strlen(raw);
	*n = 0;
	if (!zz_utf8_valid(raw, len))
		return NULL;
	uint32_t *t = zz_ecalloc(len + 1, sizeof *t);
	for (const unsigned char *p = (const unsigned char *)raw; *p;) {
		uint32_t c = getcp(&p);
		if (is_space(c))
			continue;
		if (c >= 0xFF01 && c <= 0xFF5E)
			c -= 0xFEE0;
		else if (c == 0xFFE5)
			c = 0xA5;
		if (upper && c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		t[(*n)++] = c;
	}
	return t;
}

static int
arabic(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* an Arabic or Chinese digit, capital forms included; -1 for none */
static int
digit(uint32_t c)
{
	static const char *const cn[10] = {"〇零○", "一壹弌", "二两贰貳兩", "三叁參叄",
	                                   "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖"};
	if (arabic(c))
		return (int)(c - '0');
	for (int d = 0; d < 10; d++)
		if (among(c, cn[d]))
			return d;
	return -1;
}

/* 十 百 千 万 亿 as powers of ten; 0 for none */
static int
power(uint32_t c)
{
	return among(c, "十拾") ? 1 : among(c, "百佰") ? 2 : among(c, "千仟") ? 3
	     : among(c, "万萬") ? 4 : among(c, "亿億") ? 8 : 0;
}

/* ---- exact decimals ---- */

typedef struct {
	long long m; /* the value is m / 10^s */
	int s;
} dec;

/* d times 10^k; -1 when it would overflow */
static int
dec_shift(dec *d, int k)
{
	for (; k < 0; k++) {
		if (d->s < 18)
			d->s++;
		else
			d->m /= 10; /* far below a fen: cannot change the rounding */
	}
	for (; k > 0 && d->s > 0; k--)
		d->s--;
	for (; k > 0; k--) {
		if (d->m > LLONG_MAX / 10)
			return -1;
		d->m *= 10;
	}
	return 0;
}

static int
dec_add(dec *a, dec b)
{
	for (; a->s < b.s; a->s++) {
		if (a->m > LLONG_MAX / 10)
			return -1;
		a->m *= 10;
	}
	for (; b.s < a->s; b.s++) {
		if (b.m > LLONG_MAX / 10)
			return -1;
		b.m *= 10;
	}
	if (a->m > LLONG_MAX - b.m)
		return -1;
	a->m += b.m;
	for (; a->s > 0 && a->m % 10 == 0; a->s--)
		a->m /= 10;
	return 0;
}

/* rounded half up to a whole number */
static long long
dec_round(dec d)
{
	long long p = 1;
	for (int k = 0; k < d.s; k++)
		p *= 10;
	return d.m / p + (p > 1 && d.m % p >= p / 2);
}

/* ---- numerals, Chinese and Arabic ---- */

enum { MONEY = 1 };

typedef struct {
	dec done;          /* money closed by 元, with its 角 and 分 */
	dec yi, wan, sect; /* the 亿 section, the 万 section, the rest */
	dec pend;          /* digits not yet multiplied */
	int ndig;          /* digits in pend, 0 when there are none */
	int frac;          /* digits after the decimal point; -1 before it */
	int cn;            /* the last digit was Chinese */
	int lastexp;       /* the power of the last multiplier */
	int small;         /* the last of 十 百 千 in this section, 0 if none */
	int insect, inyi;  /* something was read since the last 万 or 亿, 亿 */
	int wanseen;       /* a 万 since the last 亿 */
	int any;           /* a digit or a 十 was read */
	int yuan;          /* 元, 角 or 分 was read: no multipliers after them */
	int named;         /* a unit was written (元 万 亿 角 分) */
} numst;

/* Digits run on positionally within one script: 1200, or 零五 where 零
 * holds a place; 一二 or 1二 is not a number. */
static int
put_digit(numst *st, int d, int isarabic)
{
	if (!st->ndig) {
		st->pend = (dec){0, 0};
		st->frac = -1;
	} else if (st->cn == isarabic /* the script changed */ ||
	           (!isarabic && st->frac < 0 && st->pend.m)) {
		return -1;
	}
	st->ndig++;
	st->cn = !isarabic;
	st->any = st->insect = st->inyi = 1;
	if (st->frac >= FRAC_MAX)
		return 0;
	if (st->pend.m > (LLONG_MAX - d) / 10)
		return -1;
	st->pend.m = st->pend.m * 10 + d;
	if (st->frac >= 0)
		st->frac++, st->pend.s++;
	return 0;
}

/* Takes the pending digits as a value. A lone Chinese digit after a
 * multiplier counts one step below it, as 一万二 is 12000 and 三千五 is
 * 3500; after 零 it is itself (一千零二 has two digits pending). */
static int
take_pend(numst *st, dec *v)
{
	*v = (dec){0, 0};
	if (!st->ndig)
		return 0;
	*v = st->pend;
	int lone = st->ndig == 1 && st->cn;
	st->ndig = 0;
	return lone && st->lastexp >= 2 ? dec_shift(v, st->lastexp - 1) : 0;
}

/* 十 百 千 multiply the digits before them (or 1: 十二, 拾万) and come in
 * falling order; 万 and 亿 close a section that must not be empty, so that
 * 一亿二千万 is 1 × 10^8 + 2000 × 10^4 and 万十 or 百百 are refused. */
static int
multiply(numst *st, int k)
{
	dec v;
	if (st->yuan)
		return -1;
	if (k < 4) {
		if (st->small && k >= st->small)
			return -1;
		/* a bare 百 or 千 opens a section (百万) but never follows a
		 * unit: 壹仟佰万 lost a digit, it is not 1100万 */
		if (!st->ndig && st->small)
			return -1;
		/* 零 before it only held a place: 一千零十 */
		v = st->ndig && st->pend.m ? st->pend : (dec){1, 0};
		st->ndig = 0;
		st->small = k;
		st->any = st->insect = st->inyi = 1;
		if (dec_shift(&v, k) < 0 || dec_add(&st->sect, v) < 0)
			return -1;
	} else {
		if (!(k == 8 ? st->inyi : st->insect && !st->wanseen))
			return -1;
		if (take_pend(st, &v) < 0 || dec_add(&v, st->sect) < 0 ||
		    (k == 8 && dec_add(&v, st->wan) < 0) || dec_shift(&v, k) < 0 ||
		    dec_add(k == 8 ? &st->yi : &st->wan, v) < 0)
			return -1;
		st->sect = (dec){0, 0};
		st->small = st->insect = 0;
		st->wanseen = k == 4;
		if (k == 8)
			st->wan = (dec){0, 0}, st->inyi = 0;
		st->named = 1;
	}
	st->lastexp = k;
	return 0;
}

/* 元 closes the whole yuan (once); 角 and 分 add tenths and hundredths */
static int
add_yuan(numst *st, int k)
{
	dec v;
	if (k == 0) {
		if (st->yuan || take_pend(st, &v) < 0 || dec_add(&v, st->sect) < 0 ||
		    dec_add(&v, st->wan) < 0 || dec_add(&v, st->yi) < 0)
			return -1;
		st->yi = st->wan = st->sect = (dec){0, 0};
	} else {
		if (!st->ndig)
			return -1;
		v = st->pend;
		st->ndig = 0;
		if (dec_shift(&v, k) < 0)
			return -1;
	}
	st->yuan = st->named = 1;
	st->lastexp = 0;
	return dec_add(&st->done, v);
}

/* 元 角 分 as powers of ten of a yuan; 1 for none */
static int
yuan_unit(uint32_t c)
{
	return among(c, "元圆圓块") ? 0 : among(c, "角毛") ? -1 : among(c, "分") ? -2 : 1;
}

/* a thousands separator is followed by exactly three digits */
static int
thousands(const uint32_t *t, size_t n)
{
	return n >= 3 && arabic(t[0]) && arabic(t[1]) && arabic(t[2]) && (n == 3 || !arabic(t[3]));
}

/* Reads a number in Chinese or Arabic numerals or both (1.2亿, 叁拾万零伍仟,
 * 1,200.50万) from t as far as it goes; *end says where it stopped. With
 * MONEY it also reads 元 角 分, and *named says whether a unit was written.
 * Returns -1 when there is no number or it is malformed or too large. */
static int
numeral(const uint32_t *t, size_t n, int flags, size_t *end, dec *out, int *named)
{
	numst st = {0};
	size_t i;
	dec v;
	*out = (dec){0, 0};
	*named = 0;
	for (i = 0; i < n; i++) {
		uint32_t c = t[i];
		int d = digit(c), k = power(c), r = 0;
		if (d >= 0)
			r = put_digit(&st, d, arabic(c));
		else if (c == ',' && st.ndig && !st.cn && st.frac < 0 && thousands(t + i + 1, n - i - 1))
			continue; /* 1,200,000 */
		else if (among(c, ".点") && st.ndig && st.frac < 0 && i + 1 < n && digit(t[i + 1]) >= 0)
			st.frac = 0;
		else if (k && among(c, "佰仟") && !st.ndig)
			r = -1; /* capital numerals write 壹佰: a bare 佰 lost its digit */
		else if (k)
			r = multiply(&st, k);
		else if ((flags & MONEY) && (k = yuan_unit(c)) <= 0)
			r = add_yuan(&st, k);
		else
			break;
		if (r < 0)
			return -1;
	}
	*end = i;
	/* digits after 元 need a 角 or 分 */
	if (!st.any || (st.yuan && st.ndig))
		return -1;
	if (take_pend(&st, &v) < 0 || dec_add(&v, st.sect) < 0 || dec_add(&v, st.wan) < 0 ||
	    dec_add(&v, st.yi) < 0 || dec_add(&v, st.done) < 0)
		return -1;
	*out = v;
	*named = st.named;
	return 0;
}

/* ---- money ---- */

/* Drops the currency words, noting a foreign one; drops brackets and the
 * 大写 / 小写 labels that amounts are often written with. */
static size_t
strip_currency(uint32_t *t, size_t n, int *foreign)
{
	static const char *const other[] = {
		"美元", "美金", "港元", "港币", "港幣", "澳门元", "澳门币", "澳元", "欧元", "歐元",
		"日元", "日圆", "日币", "英镑", "加拿大元", "加元", "新加坡元", "新台币", "台币",
		"卢布", "韩元", "瑞士法郎", "法郎", "USD", "US$", "HKD", "HK$", "EUR", "JPY", "GBP",
		"AUD", "CAD", "SGD", "€", "£", "$", NULL};
	static const char *const cny[] = {"人民币", "人民幣", "RMB", "CNY", "¥", "大写", "小写",
	                                  "(", ")", "[", "]", "【", "】", NULL};
	size_t o = 0, k;
	for (size_t i = 0; i < n;) {
		if ((k = word_at(t, n, i, other)))
			*foreign = 1, i += k;
		else if ((k = word_at(t, n, i, cny)))
			i += k;
		else
			t[o++] = t[i++];
	}
	return o;
}

/* Drops a label up to a colon (注册资本：) and what may close an amount
 * without being part of it: a full stop, then 整 or 正. A "label" with
 * digits in it is no label but garbage, and is kept to be refused. */
static size_t
trim_amount(uint32_t *t, size_t n)
{
	while (n > 0 && among(t[n - 1], ".,;:。"))
		n--;
	if (n > 0 && among(t[n - 1], "整正"))
		n--;
	size_t start = n;
	while (start > 0 && t[start - 1] != ':')
		start--;
	for (size_t i = 0; i < start; i++)
		if (digit(t[i]) >= 0)
			return n;
	memmove(t, t + start, (n - start) * sizeof *t);
	return n - start;
}

/* v times a unit from a table header: its powers of ten exactly */
static int
scale(dec *v, long long unit)
{
	int k = 0;
	for (; unit % 10 == 0; unit /= 10)
		k++;
	if (dec_shift(v, k) < 0 || v->m > LLONG_MAX / unit)
		return -1;
	v->m *= unit;
	return 0;
}

/* the 3-byte character at s is a Chinese numeral digit */
static int
after_numeral(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	return (*u & 0xF0) == 0xE0 && digit(getcp(&u)) > 0;
}

/* Has s a digit or a 十 百 千 万 亿 of a number? */
static int
numbered(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	for (uint32_t c; (c = getcp(&u));)
		if (digit(c) >= 0 || power(c))
			return 1;
	return 0;
}

/* OCR's misreadings of amounts, tried only when the text as read is no
 * amount: Debian's chi_sim model has no 仟 叁 柒 or 捌 (measured: it reads
 * 什 for 仟 on licences and contracts), and thin commas are read as dots
 * (1.414.200.00). NULL when nothing was changed. */
static char *
ocr_money(const char *raw)
{
	/* and, measured on real licences, the numerals it has but misreads
	 * as a character that shares their larger part: 律 and 肄 for 肆,
	 * 估 and 伯 for 佰, 任 for 仟 */
	static const char *const from[] = {"什", "仔", "仠", "任", "参", "叅", "染", "柴", "别",
	                                   "別", "律", "肄", "估", "伯", NULL};
	static const char *const to[] = {"仟", "仟", "仟", "仟", "叁", "叁", "柒", "柒", "捌",
	                                 "捌", "肆", "肆", "佰", "佰"};
	zz_buf b = {0};
	int changed = 0, dots = 0;
	for (const char *p = raw; *p;) {
		int k;
		for (k = 0; from[k] && strncmp(p, from[k], strlen(from[k])); k++)
			;
		if (from[k]) {
			zz_buf_adds(&b, to[k]);
			p += strlen(from[k]), changed = 1;
			continue;
		}
		/* a capital 佰 or 仟 opening the amount lost its digit (堂佰万元
		 * read again as 佰万元): taken as 壹, the commonest first digit
		 * of a capital (壹佰万, 壹仟万); a repair, never sure, and wrong
		 * for 捌佰万 read so */
		if ((!strncmp(p, "佰", 3) || !strncmp(p, "仟", 3)) && !numbered(b.s ? b.s : "")) {
			zz_buf_adds(&b, "壹");
			zz_buf_add(&b, p, 3);
			p += 3, changed = 1;
			continue;
		}
		/* 人 after a numeral is 仟 without its 千 (贰人万 for 贰仟万): the
		 * model's nearest character once told it can't say 仟 */
		if (!strncmp(p, "人", strlen("人")) && b.len >= 3 && after_numeral(b.s + b.len - 3)) {
			zz_buf_adds(&b, "仟");
			p += strlen("人"), changed = 1;
			continue;
		}
		/* a dot with exactly three digits after it is a thousands
		 * separator when another dot or comma follows them, or when one
		 * such dot came before it (1.414.200元) */
		if (*p == '.' && p > raw && isdigit((unsigned char)p[-1]) && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		    (p[4] == '.' || p[4] == ',' || (dots && !isdigit((unsigned char)p[4])))) {
			zz_buf_adds(&b, ",");
			p++, changed = 1, dots++;
			continue;
		}
		if (!isdigit((unsigned char)*p) && *p != '.')
			dots = 0;
		zz_buf_add(&b, p++, 1);
	}
	/* one character after 元 that is no part of an amount is its 整
	 * misread (壹佰万元下, 1000万元训) */
	const char *yuan = b.len >= 6 ? b.s + b.len - 6 : NULL;
	const unsigned char *last = yuan ? (const unsigned char *)yuan + 3 : NULL;
	uint32_t c = last && (*last & 0xF0) == 0xE0 ? getcp(&last) : 0;
	if (c && !strncmp(yuan, "元", 3) && digit(c) < 0 && !power(c) && !among(c, "整正元圆角分")) {
		b.len -= 3, b.s[b.len] = '\0', changed = 1;
	}
	if (!changed) {
		zz_buf_free(&b);
		return NULL;
	}
	return b.s;
}

static int money(const char *raw, long long unit, long long *yuan);

int
zz_norm_money(const char *raw, long long unit, long long *yuan)
{
	int r = money(raw, unit, yuan);
	char *fixed = r == -1 && raw ? ocr_money(raw) : NULL;
	if (fixed && money(fixed, unit, yuan) == 0)
		r = 1;
	free(fixed);
	return r;
}

static int
money(const char *raw, long long unit, long long *yuan)
{
	size_t n, end = 0;
	int foreign = 0, named = 0, r = -1;
	dec v;
	*yuan = 0;
	uint32_t *t = decode(raw, 1, &n);
	if (!t || unit <= 0) {
		free(t);
		return -1;
	}
	n = strip_currency(t, n, &foreign);
	n = trim_amount(t, n);
	if (n > 0 && numeral(t, n, MONEY, &end, &v, &named) == 0 && end == n &&
	    (named || scale(&v, unit) == 0) && dec_round(v) <= MONEY_MAX) {
		r = foreign ? -2 : 0;
		if (!foreign)
			*yuan = dec_round(v);
	}
	free(t);
	return r;
}

/* ---- counts ---- */

int
zz_norm_int(const char *raw, long long *v)
{
	size_t n, i = 0, end;
	int named, r = -1;
	dec d;
	*v = 0;
	uint32_t *t = decode(raw, 0, &n);
	if (!t)
		return -1;
	/* the first number: a digit, or 十 as in 十二名 */
	while (i < n && digit(t[i]) < 0 && power(t[i]) != 1)
		i++;
	if (i < n && numeral(t + i, n - i, 0, &end, &d, &named) == 0 && d.s == 0) {
		*v = d.m;
		r = 0;
	}
	free(t);
	return r;
}

/* ---- dates ---- */

/* O, o, l, I and | in a run with digits are OCR misreadings of 0 and 1 */
static void
ocr_digits(uint32_t *t, size_t n)
{
	for (size_t i = 0, j; i < n; i = j > i ? j : i + 1) {
		int digits = 0;
		for (j = i; j < n && (arabic(t[j]) || among(t[j], "OolI|")); j++)
			digits += arabic(t[j]);
		for (size_t k = i; digits && k < j; k++)
			if (!arabic(t[k]))
				t[k] = among(t[k], "Oo") ? '0' : '1';
	}
}

/* four digits of a year, Arabic or Chinese (二〇一五, O and 0 taken for
 * 〇: 二0一五 is printed as well as misread) */
static int
year_at(const uint32_t *t, size_t n, size_t *j, int *y, int *cn)
{
	if (*j + 4 > n)
		return 0;
	*cn = !arabic(t[*j]);
	*y = 0;
	for (size_t k = *j; k < *j + 4; k++) {
		int d = *cn ? (t[k] == '0' || among(t[k], "Oo") ? 0 : arabic(t[k]) ? -1 : digit(t[k]))
		            : arabic(t[k]) ? (int)(t[k] - '0') : -1;
		if (d < 0)
			return 0;
		*y = *y * 10 + d;
	}
	*j += 4;
	return 1;
}

/* a month or a day: one or two Arabic digits, or Chinese up to 三十一
 * (十, 十八, 二十, 三十一, 廿二 and 卅一 as old licences write them, and
 * 〇三 as some certificates do) */
static int
small_at(const uint32_t *t, size_t n, size_t *j, int *v)
{
	size_t i = *j;
	*v = 0;
	if (i < n && arabic(t[i])) {
		for (; i < n && arabic(t[i]); i++)
			if (i - *j < 2)
				*v = *v * 10 + (int)(t[i] - '0');
		if (i - *j > 2)
			return 0;
		*j = i;
		return 1;
	}
	if (i + 1 < n && digit(t[i]) == 0 && digit(t[i + 1]) > 0 && !arabic(t[i + 1])) {
		*v = digit(t[i + 1]);
		*j = i + 2;
		return 1;
	}
	if (i < n && among(t[i], "廿卅")) {
		*v = among(t[i++], "廿") ? 20 : 30;
		if (i < n && !arabic(t[i]) && digit(t[i]) > 0)
			*v += digit(t[i++]);
		*j = i;
		return 1;
	}
	if (i < n && digit(t[i]) > 0)
		*v = digit(t[i++]);
	if (i < n && among(t[i], "十拾")) {
		*v = (*v ? *v : 1) * 10;
		if (++i < n && !arabic(t[i]) && digit(t[i]) > 0)
			*v += digit(t[i++]);
	}
	if (i == *j)
		return 0;
	*j = i;
	return 1;
}

static int
valid_date(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= mdays[m - 1] + (m == 2 && leap);
}

/* A date starting at t[i]: 2015年3月18日 (Arabic or Chinese, 日 optional),
 * 2015.3.18 with - or / alike, or 20150318 standing alone: 1, or 2 when
 * it was repaired; 0 when none. */
static int
date_at(const uint32_t *t, size_t n, size_t i, int *y, int *m, int *d)
{
	size_t j = i;
	int cn, fixed = 0;
	if (!year_at(t, n, &j, y, &cn))
		return 0;
	/* a year's first figure misread as 0 (O〇一三 for 二〇一三): the
	 * only century it can be in */
	if (*y < 200 || (*y >= 900 && *y < 1000))
		*y += *y < 200 ? 2000 : 1000, fixed = 1;
	if (j < n && among(t[j], "年")) {
		j++;
		/* one stray mark before 月 (2018年02?月13日) */
		if (!small_at(t, n, &j, m) || j >= n)
			return 0;
		if (j + 1 < n && among(t[j], "?？'`’.,·:;") && among(t[j + 1], "月"))
			j++, fixed = 1;
		if (!among(t[j++], "月") || !small_at(t, n, &j, d))
			return 0;
	} else if (cn || fixed) {
		return 0;
	} else if (j < n && among(t[j], ".-/")) {
		uint32_t sep = t[j++];
		if (j >= n || !arabic(t[j]) || !small_at(t, n, &j, m) || j >= n || t[j++] != sep ||
		    j >= n || !arabic(t[j]) || !small_at(t, n, &j, d))
			return 0;
	} else {
		/* eight digits with no more on either side, or it is some other number */
		if ((i > 0 && arabic(t[i - 1])) || j + 4 > n || (j + 4 < n && arabic(t[j + 4])))
			return 0;
		for (size_t k = j; k < j + 4; k++)
			if (!arabic(t[k]))
				return 0;
		*m = (int)(t[j] - '0') * 10 + (int)(t[j + 1] - '0');
		*d = (int)(t[j + 2] - '0') * 10 + (int)(t[j + 3] - '0');
	}
	return valid_date(*y, *m, *d) ? 1 + fixed : 0;
}

/* YYYY-MM-DD by hand: snprintf cannot know that the date was checked */
static void
put_date(char out[11], int y, int m, int d)
{
	const int v[8] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10};
	char *p = out;
	for (int k = 0; k < 8; k++) {
		if (k == 4 || k == 6)
			*p++ = '-';
		*p++ = (char)('0' + v[k]);
	}
	*p = '\0';
}

void
zz_excel_date(long days, int date1904, int *y, int *m, int *d)
{
	if (date1904)
		days += 1462;
	else if (days >= 1 && days < 60)
		days++;
	/* days since 1970-01-01 to a date, after H. Hinnant's civil_from_days */
	long z = days - 25569 + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1), *m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
zz_norm_date(const char *raw, char out[11])
{
	static const char *const open[] = {"长期", "長期", "永久", "无固定期限", "無固定期限",
	                                   "无期限", "无限期", "不约定期限", NULL};
	size_t n;
	int r = -1, y, m, d, k;
	out[0] = '\0';
	uint32_t *t = decode(raw, 0, &n);
	if (!t)
		return -1;
	ocr_digits(t, n);
	/* whichever comes first: 自2015年3月18日至长期 is a date */
	for (size_t i = 0; i < n && r < 0; i++) {
		if (word_at(t, n, i, open)) {
			memcpy(out, "open", 5);
			r = 1;
		} else if ((k = date_at(t, n, i, &y, &m, &d))) {
			put_date(out, y, m, d);
			r = k == 2 ? 2 : 0;
		}
	}
	free(t);
	return r;
}

/* ---- names ---- */

int
zz_bracket(uint32_t c)
{
	return among(c, "(（[〔【〖﹙〈《「") ? 1 : among(c, ")）]〕】〗﹚〉》」") ? -1 : 0;
}

char *
zz_norm_name(const char *raw)
{
	size_t n;
	uint32_t *t = decode(raw, 0, &n);
	if (!t)
		return NULL;
	zz_buf b = {0};
	zz_buf_add(&b, "", 0);
	for (size_t i = 0; i < n; i++) {
		int side = zz_bracket(t[i]);
		putcp(&b, side > 0 ? 0xFF08 : side < 0 ? 0xFF09 : t[i]); /* （ ） */
	}
	free(t);
	return b.s;
}

/* ---- unified social credit codes ---- */

/* I O S V Z are outside the alphabet: each can only be a misreading, and
 * of one character. */
static char
forced(char c)
{
	switch (c) {
	case 'I': return '1';
	case 'O': return '0';
	case 'S': return '5';
	case 'V': return 'U';
	case 'Z': return '2';
	}
	return '\0';
}

/* width folded, upper case, spaces and dashes out: 18 letters and
 * digits, of which one may be a character OCR read as something else
 * altogether (a Chinese character for a K at the end): '?' there. */
static int
uscc_clean(const char *raw, char s[20], size_t len)
{
	size_t n, o = 0;
	int unknown = 0;
	uint32_t *t = decode(raw, 1, &n);
	if (!t)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (among(t[i], "-‐‑‒–—―−"))
			continue;
		int ok = (t[i] >= '0' && t[i] <= '9') || (t[i] >= 'A' && t[i] <= 'Z');
		if (o == len || (!ok && (unknown++ || t[i] < 0x80))) {
			free(t);
			return -1;
		}
		s[o++] = ok ? (char)t[i] : '?';
	}
	free(t);
	s[o] = '\0';
	return o == len ? 0 : -1;
}

/* raw as the 18 characters of a code, those outside the alphabet
 * mended (forced) and one read as something else altogether '?': 0, or
 * -1 when raw is not 18 characters. */
int
zz_uscc_chars(const char *raw, char s[19])
{
	char t[20];
	if (uscc_clean(raw, t, 18) < 0)
		return -1;
	for (int i = 0; i < 18; i++)
		s[i] = forced(t[i]) ? forced(t[i]) : t[i];
	s[18] = '\0';
	return 0;
}

/* A repaired code must look like one beyond its check digit, which one
 * in 31 wrong repairs pass by luck (13205090MA313G5PBM from a misread
 * 91320509MA213G5P8M): GB 32100 puts the registering authority first (1
 * to 9, A, N or Y) and the administrative division in places 3 to 8, six
 * digits starting with a province's code (GB/T 2260) or 10 for the
 * national level; and the organisation code in places 9 to 17 has its
 * own check character (GB 11714), which ten in eleven wrong repairs break
 * (91450103MATRHMNM8Y, a character dropped from 91450103MATRHMNM8FY, for
 * 91450103MATRHMNM3F; every code of the real licences holds it). A code
 * read valid as it is needs none of this. */
int
zz_uscc_plausible(const char *s)
{
	static const char *const provinces[] = {
		"10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
		"35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53",
		"54", "61", "62", "63", "64", "65", "71", "81", "82", NULL};
	if (!strchr("123456789ANY", s[0]) || zz_orgcode_check(s + 8) != s[16])
		return 0;
	for (int i = 2; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	for (const char *const *p = provinces; *p; p++)
		if (!strncmp(s + 2, *p, 2))
			return 1;
	return 0;
}

/* The one character that makes the check hold where s has '?': the check
 * is a weighted sum modulo 31, so at most one does. 1 and s filled in,
 * or 0. */
int
zz_uscc_solve(char s[19])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char *q = strchr(s, '?');
	int found = 0;
	char at = 0;
	for (const char *a = alphabet; q && *a; a++) {
		*q = *a;
		if (zz_uscc_valid(s) && zz_uscc_plausible(s))
			found++, at = *a;
	}
	if (q)
		*q = found == 1 ? at : '?';
	return found == 1;
}

/* 19 characters, one of them read where there was none (S8 for 8): the
 * one deletion that makes a valid and plausible code, when only one
 * does. */
static int
uscc_extra(const char *raw, char out[19])
{
	char s[20], best[19];
	int found = 0;
	if (uscc_clean(raw, s, 19) < 0 || strchr(s, '?'))
		return -1;
	for (int i = 0; i < 19; i++) {
		char c[19];
		for (int k = 0, o = 0; k < 19; k++)
			if (k != i)
				c[o++] = forced(s[k]) ? forced(s[k]) : s[k];
		c[18] = '\0';
		if (zz_uscc_valid(c) && zz_uscc_plausible(c) && (found == 0 || strcmp(c, best)))
			found++, memcpy(best, c, 19);
	}
	if (found != 1)
		return -1;
	memcpy(out, best, 19);
	return 1;
}

int
zz_norm_uscc(const char *raw, char out[19])
{
	/* Confusions between characters both in the alphabet, read → meant.
	 * Each candidate has a 1 in 31 chance of passing the check by luck,
	 * so the fewer the better: 0 → D and 0 → Q are left out because zeros
	 * are common in codes (simulated on random codes, they raised wrong
	 * repairs of misreadings outside this table from 9% to 15%). */
	static const char *const swaps[] = {"B8", "8B", "G6", "6G", "D0", "Q0", NULL};
	char s[20], best[19];
	int fixed[18] = {0}, nfixed = 0, found = 0;
	out[0] = '\0';
	if (uscc_clean(raw, s, 18) < 0)
		return uscc_extra(raw, out);
	for (int i = 0; i < 18; i++)
		if (forced(s[i]))
			s[i] = forced(s[i]), fixed[i] = 1, nfixed++;
	if (strchr(s, '?')) {
		/* the unreadable character from the check digit: a repair, and
		 * one that any other misreading would make wrong */
		if (!zz_uscc_solve(s))
			return -1;
		memcpy(out, s, 19);
		return 1;
	}
	if (zz_uscc_valid(s) && (!nfixed || zz_uscc_plausible(s))) {
		memcpy(out, s, 19);
		return nfixed > 0;
	}
	/* one substitution, and only one may make the check hold */
	for (int i = 0; i < 18; i++) {
		for (const char *const *w = swaps; !fixed[i] && *w; w++) {
			if (s[i] != (*w)[0])
				continue;
			s[i] = (*w)[1];
			if (zz_uscc_valid(s) && zz_uscc_plausible(s) && found++ == 0)
				memcpy(best, s, 19);
			s[i] = (*w)[0];
		}
	}
	if (found != 1)
		return -1;
	memcpy(out, best, 19);
	return 1;
}

/* ---- registration numbers (注册号) ---- */

int
zz_norm_regno(const char *raw, char out[16])
{
	static const char from[] = "OoDQIl|ZSBG", to[] = "00001112586";
	size_t n, o = 0;
	int mended = 0;
	out[0] = '\0';
	uint32_t *t = decode(raw, 1, &n);
	if (!t)
		return -1;
	for (size_t i = 0; i < n && o <= 15; i++) {
		const char *m = t[i] < 0x80 && t[i] ? strchr(from, (int)t[i]) : NULL;
		if (t[i] >= '0' && t[i] <= '9')
			out[o++] = (char)t[i];
		else if (m)
			out[o++] = to[m - from], mended = 1;
		else if (!among(t[i], "-‐‑‒–—―−"))
			o = 16; /* not a number */
	}
	free(t);
	if (o != 15) {
		out[0] = '\0';
		return -1;
	}
	out[15] = '\0';
	if (!zz_regno_valid(out)) {
		out[0] = '\0';
		return -1;
	}
	return mended;
}
