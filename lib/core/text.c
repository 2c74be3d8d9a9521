/* text.c - UTF-8 checks, charset conversion, file-name decoding. */
#define _XOPEN_SOURCE 700 /* wcswidth */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/core.h"

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF. If
 * mincp is not NULL it receives the smallest non-ASCII code point seen. */
static int
utf8_scan(const unsigned char *s, size_t n, unsigned *mincp)
{
	unsigned lo = 0;
	for (size_t i = 0; i < n;) {
		unsigned c = s[i], cp, len;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2, cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3, cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4, cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + len > n)
			return 0;
		for (unsigned k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		if (!lo || cp < lo)
			lo = cp;
		i += len;
	}
	if (mincp)
		*mincp = lo;
	return 1;
}

int
zz_utf8_valid(const char *s, size_t n)
{
	return utf8_scan((const unsigned char *)s, n, NULL);
}

static char *
convert(const char *to, const char *from, const char *s, size_t n)
{
	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = n * 4 + 4, left = cap - 1;
	char *out = zz_emalloc(cap), *op = out;
	char *ip = (char *)s;
	size_t il = n;
	size_t r = iconv(cd, &ip, &il, &op, &left);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &op, &left);
	iconv_close(cd);
	if (r == (size_t)-1 || il != 0) {
		free(out);
		return NULL;
	}
	*op = '\0';
	return out;
}

char *
zz_iconv_utf8(const char *from, const char *s, size_t n)
{
	return convert("UTF-8", from, s, n);
}

char *
zz_iconv_to(const char *utf8, const char *to)
{
	return convert(to, "UTF-8", utf8, strlen(utf8));
}

char *
zz_hex(const void *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *s = p;
	char *out = zz_emalloc(2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[s[i] >> 4];
		out[2 * i + 1] = digits[s[i] & 15];
	}
	out[2 * n] = '\0';
	return out;
}

/* Bytes that fit no encoding are kept visible as %XX rather than dropped. */
static char *
escape_bytes(const unsigned char *s, size_t n)
{
	zz_buf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7F && s[i] != '%')
			zz_buf_add(&b, &s[i], 1);
		else
			zz_buf_addf(&b, "%%%02X", s[i]);
	}
	if (!b.s)
		zz_buf_add(&b, "", 0);
	return b.s;
}

/* Windows archivers write names in the ANSI code page (GBK in China) with no
 * UTF-8 flag; macOS and Info-ZIP write UTF-8 without the flag. UTF-8 that
 * decodes only to code points >= U+0800 (CJK and friends) is taken as UTF-8:
 * GBK text almost never forms such sequences, whereas GBK pairs often form
 * two-byte UTF-8 (Latin/Cyrillic), which Chinese file names do not contain. */
char *
zz_decode_name(const char *raw, size_t n, int flagged_utf8, const char **enc)
{
	unsigned mincp = 0;
	int utf8 = utf8_scan((const unsigned char *)raw, n, &mincp);
	if (memchr(raw, '\0', n))
		utf8 = 0;
	if (utf8 && mincp == 0) {
		*enc = "ascii";
		return zz_estrdup(raw);
	}
	if (utf8 && flagged_utf8) {
		*enc = "utf-8";
		return zz_estrdup(raw);
	}
	if (utf8 && mincp >= 0x800) {
		*enc = flagged_utf8 ? "utf-8" : "utf-8-unflagged";
		return zz_estrdup(raw);
	}
	char *s = zz_iconv_utf8("GBK", raw, n);
	if (!s)
		s = zz_iconv_utf8("GB18030", raw, n);
	if (s) {
		*enc = "gbk";
		return s;
	}
	if (utf8) {
		*enc = "utf-8-unflagged";
		return zz_estrdup(raw);
	}
	*enc = "escaped";
	return escape_bytes((const unsigned char *)raw, n);
}

unsigned
zz_utf8_decode(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0];
	size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	*len = 1;
	if (n == 1)
		return c;
	if (n == 0)
		return 0xFFFD;
	c &= 0x7Fu >> n;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0xFFFD; /* also a sequence cut short by the end */
		c = c << 6 | (u[i] & 0x3Fu);
	}
	*len = n;
	return c;
}

size_t
zz_utf8_len(const char *s)
{
	size_t n = 0, len;
	for (; *s; s += len, n++)
		zz_utf8_decode(s, &len);
	return n;
}

size_t
zz_edits(const unsigned *a, size_t n, const unsigned *b, size_t m)
{
	size_t *prev = zz_ecalloc(m + 1, sizeof *prev), *cur = zz_ecalloc(m + 1, sizeof *cur);
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		size_t *t = prev;
		prev = cur;
		cur = t;
	}
	size_t d = prev[m];
	free(prev);
	free(cur);
	return d;
}

char *
zz_subst(const char *tmpl, const char *const *names, const char *const *values, int n)
{
	zz_buf b = {0};
	zz_buf_adds(&b, "");
	for (const char *p = tmpl; *p;) {
		int k;
		size_t len = 0;
		for (k = 0; k < n; k++) {
			len = strlen(names[k]);
			if (p[0] == '{' && !strncmp(p + 1, names[k], len) && p[len + 1] == '}')
				break;
		}
		if (k < n) {
			zz_buf_adds(&b, values[k] ? values[k] : "");
			p += len + 2;
		} else {
			zz_buf_add(&b, p++, 1);
		}
	}
	return b.s;
}

/* Columns of Chinese text line up by what a terminal shows, not bytes
 * (the caller has set an UTF-8 LC_CTYPE). */
void
zz_print_padded(const char *s, int width)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, s, sizeof w / sizeof *w - 1);
	int shown = n == (size_t)-1 ? (int)strlen(s) : wcswidth(w, n);
	printf("%s%*s", s, width > shown ? width - shown : 0, "");
}
