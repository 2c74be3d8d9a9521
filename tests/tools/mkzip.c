/* mkzip - write a ZIP archive exactly as a test needs it, lies included:
 * raw (e.g. GBK) names with or without the UTF-8 flag, '..' and absolute
 * names, duplicate names, symlink entries, wrong CRCs. Entries are
 * stored, not compressed (use zip(1) for deflate and encryption).
 *
 *   mkzip OUT.zip [-u] [-l] [-c] NAME CONTENT ...
 *     -u  set the UTF-8 flag on the next entry
 *     -l  make the next entry a symlink (CONTENT is its target)
 *     -c  give the next entry a wrong CRC
 *   NAME may hold \xHH escapes for raw bytes; CONTENT is literal text, or
 *   @PATH for a file's bytes.
 *
 * libzip cannot write duplicate names or wrong CRCs, hence this tool. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zizhi.h"

typedef struct {
	char *name, *data;
	size_t nlen, dlen;
	uint32_t crc, mode, flags, off;
} entry;

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static void
put16(FILE *f, unsigned v)
{
	fputc((int)(v & 0xFF), f);
	fputc((int)((v >> 8) & 0xFF), f);
}

static void
put32(FILE *f, uint32_t v)
{
	put16(f, v & 0xFFFF);
	put16(f, v >> 16);
}

static char *
unescape(const char *s, size_t *n)
{
	char *out = zz_emalloc(strlen(s) + 1);
	size_t k = 0;
	for (; *s; s++) {
		unsigned v;
		if (s[0] == '\\' && s[1] == 'x' && sscanf(s + 2, "%2x", &v) == 1) {
			out[k++] = (char)v;
			s += 3;
		} else {
			out[k++] = *s;
		}
	}
	*n = k;
	return out;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	if (argc < 2)
		zz_die(ZZ_EXIT_USAGE, "usage: mkzip OUT.zip [-u] [-l] [-c] NAME CONTENT ...");
	entry *e = zz_ecalloc((size_t)argc, sizeof *e);
	size_t n = 0;
	uint32_t flags = 0, mode = 0100644;
	int badcrc = 0;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-u")) { flags |= 0x800; continue; }
		if (!strcmp(argv[i], "-l")) { mode = 0120777; continue; }
		if (!strcmp(argv[i], "-c")) { badcrc = 1; continue; }
		if (i + 1 >= argc)
			zz_die(ZZ_EXIT_USAGE, "entry '%s' has no content", argv[i]);
		e[n].name = unescape(argv[i], &e[n].nlen);
		const char *c = argv[++i];
		if (c[0] == '@') {
			if (zz_read_file(c + 1, 1u << 30, &e[n].data, &e[n].dlen) < 0)
				zz_die(ZZ_EXIT_IO, "cannot read '%s'", c + 1);
		} else {
			e[n].data = zz_estrdup(c);
			e[n].dlen = strlen(c);
		}
		e[n].crc = crc32_of((unsigned char *)e[n].data, e[n].dlen) ^ (badcrc ? 1u : 0u);
		e[n].flags = flags;
		e[n].mode = mode;
		n++;
		flags = 0, mode = 0100644, badcrc = 0;
	}
	FILE *f = fopen(argv[1], "wb");
	if (!f)
		zz_die(ZZ_EXIT_IO, "cannot open '%s'", argv[1]);
	for (size_t i = 0; i < n; i++) {
		e[i].off = (uint32_t)ftell(f);
		put32(f, 0x04034b50), put16(f, 20), put16(f, e[i].flags), put16(f, 0);
		put16(f, 0), put16(f, 0x21), put32(f, e[i].crc);
		put32(f, (uint32_t)e[i].dlen), put32(f, (uint32_t)e[i].dlen);
		put16(f, (unsigned)e[i].nlen), put16(f, 0);
		fwrite(e[i].name, 1, e[i].nlen, f);
		fwrite(e[i].data, 1, e[i].dlen, f);
	}
	uint32_t cd = (uint32_t)ftell(f);
	for (size_t i = 0; i < n; i++) {
		put32(f, 0x02014b50), put16(f, (3u << 8) | 20), put16(f, 20);
		put16(f, e[i].flags), put16(f, 0), put16(f, 0), put16(f, 0x21);
		put32(f, e[i].crc), put32(f, (uint32_t)e[i].dlen), put32(f, (uint32_t)e[i].dlen);
		put16(f, (unsigned)e[i].nlen), put16(f, 0), put16(f, 0), put16(f, 0), put16(f, 0);
		put32(f, e[i].mode << 16), put32(f, e[i].off);
		fwrite(e[i].name, 1, e[i].nlen, f);
	}
	uint32_t end = (uint32_t)ftell(f);
	put32(f, 0x06054b50), put16(f, 0), put16(f, 0), put16(f, (unsigned)n), put16(f, (unsigned)n);
	put32(f, end - cd), put32(f, cd), put16(f, 0);
	if (fclose(f) != 0)
		zz_die(ZZ_EXIT_IO, "cannot write '%s'", argv[1]);
	for (size_t i = 0; i < n; i++)
		free(e[i].name), free(e[i].data);
	free(e);
	return 0;
}
