/* html.c - pages made from strings the client and the documents gave us:
 * every %s is escaped, so a field read as <script> is shown, not run. Our
 * own markup goes in the format or through %S. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "station/station.h"

static void
grow(zz_html *h, size_t more)
{
	if (h->n + more + 1 <= h->cap)
		return;
	size_t cap = h->cap ? h->cap : 1024;
	while (cap < h->n + more + 1)
		cap *= 2;
	h->p = zz_erealloc(h->p, cap);
	h->cap = cap;
}

static void
raw(zz_html *h, const char *s, size_t n)
{
	grow(h, n);
	memcpy(h->p + h->n, s, n);
	h->n += n;
	h->p[h->n] = '\0';
}

static void
escaped(zz_html *h, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': raw(h, "&amp;", 5); break;
		case '<': raw(h, "&lt;", 4); break;
		case '>': raw(h, "&gt;", 4); break;
		case '"': raw(h, "&quot;", 6); break;
		case '\'': raw(h, "&#39;", 5); break;
		default: raw(h, s, 1);
		}
	}
}

/* RFC 3986's unreserved characters stay; every other byte is %XX (and,
 * being a URL inside HTML, the result needs no HTML escaping) */
static void
url_escaped(zz_html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			raw(h, s, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			raw(h, e, 3);
		}
	}
}

void
zz_html_put(zz_html *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char num[64];
	for (const char *p = fmt; *p; p++) {
		const char *q = strchr(p, '%');
		if (!q) {
			raw(h, p, strlen(p));
			break;
		}
		raw(h, p, (size_t)(q - p));
		p = q + 1;
		switch (*p) {
		case 's': escaped(h, va_arg(ap, const char *)); break;
		case 'u': url_escaped(h, va_arg(ap, const char *)); break;
		case 'S': {
			const char *s = va_arg(ap, const char *);
			if (s)
				raw(h, s, strlen(s));
			break;
		}
		case 'd': raw(h, num, (size_t)snprintf(num, sizeof num, "%d", va_arg(ap, int))); break;
		case 'f': raw(h, num, (size_t)snprintf(num, sizeof num, "%.2f", va_arg(ap, double))); break;
		case 'l':
			p++; /* %ld */
			raw(h, num, (size_t)snprintf(num, sizeof num, "%ld", va_arg(ap, long)));
			break;
		case '%': raw(h, "%", 1); break;
		default: zz_die(ZZ_EXIT_INTERNAL, "zz_html_put: bad format '%s'", fmt);
		}
		if (!*p)
			break;
	}
	va_end(ap);
}

void
zz_html_free(zz_html *h)
{
	free(h->p);
	memset(h, 0, sizeof *h);
}
