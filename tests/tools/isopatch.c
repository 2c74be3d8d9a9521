/* isopatch - turn a good ISO 9660 image (made by xorriso -R) into a
 * hostile one, for tests/0236-bounded-parsing.t.
 *
 *   isopatch ce-loop IN OUT   every Rock Ridge continuation area (CE)
 *                             begins with two CEs that point at it
 *                             (Debian 12's libarchive 3.6.2 reads it round
 *                             and round, its queue of areas growing
 *                             without end; libarchive PR 3021)
 *   isopatch dir-loop IN OUT  every subdirectory's record points back at
 *                             the root directory's extent */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t
le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ISO 9660 writes numbers both ways: little-endian, then big-endian. */
static void
both32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		p[i] = (unsigned char)(v >> (8 * i));
		p[7 - i] = (unsigned char)(v >> (8 * i));
	}
}

static int
is_both32(const unsigned char *p)
{
	return p[0] == p[7] && p[1] == p[6] && p[2] == p[5] && p[3] == p[4];
}

static int
ce_loop(unsigned char *b, size_t n)
{
	int done = 0;
	for (size_t i = 32768; i + 28 <= n; i++) {
		unsigned char *e = b + i;
		if (e[0] != 'C' || e[1] != 'E' || e[2] != 28 || e[3] != 1 || !is_both32(e + 4) ||
		    !is_both32(e + 12) || !is_both32(e + 20))
			continue;
		uint64_t at = (uint64_t)le32(e + 4) * 2048 + le32(e + 12);
		if (at + 56 > n || at == i || le32(e + 20) < 56)
			continue;
		/* two of them: each pass over the area finds two more to read */
		for (int k = 0; k < 2; k++) {
			unsigned char *t = b + at + 28 * k;
			memcpy(t, "CE\x1c\x01", 4);
			both32(t + 4, le32(e + 4));
			both32(t + 12, le32(e + 12));
			both32(t + 20, 56);
		}
		done++;
	}
	return done;
}

static int
dir_loop(unsigned char *b, size_t n)
{
	const unsigned char *root = b + 16 * 2048 + 156;
	uint32_t rext = le32(root + 2), rlen = le32(root + 10);
	if ((uint64_t)rext * 2048 + rlen > n)
		return 0;
	int done = 0;
	unsigned char *d = b + (size_t)rext * 2048, *end = d + rlen;
	while (d < end && d[0]) {
		int len = d[0], idlen = d[32];
		int dot = idlen == 1 && (d[33] == 0 || d[33] == 1);
		if ((d[25] & 2) && !dot) {
			both32(d + 2, rext);
			both32(d + 10, rlen);
			done++;
		}
		d += len;
	}
	return done;
}

int
main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: isopatch ce-loop|dir-loop IN OUT\n");
		return 2;
	}
	FILE *f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	unsigned char *b = malloc((size_t)n);
	if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "isopatch: cannot read '%s'\n", argv[2]);
		return 1;
	}
	fclose(f);
	int done = !strcmp(argv[1], "ce-loop")    ? ce_loop(b, (size_t)n)
	           : !strcmp(argv[1], "dir-loop") ? dir_loop(b, (size_t)n)
	                                          : -1;
	if (done <= 0) {
		fprintf(stderr, "isopatch: %s: nothing to patch in '%s'\n", argv[1], argv[2]);
		return 1;
	}
	f = fopen(argv[3], "wb");
	if (!f || fwrite(b, 1, (size_t)n, f) != (size_t)n || fclose(f) != 0) {
		perror(argv[3]);
		return 1;
	}
	free(b);
	return 0;
}
