/* udfdisc - turns a genisoimage -udf bridge image into the UDF discs the
 * tests need, in place:
 *   udfdisc only IMG             drop the ISO 9660 side: UDF only, as Windows burns
 *   udfdisc stub IMG             leave the ISO 9660 side only its first file (README)
 *   udfdisc link IMG FROM TO     the UDF entry FROM points at TO's ICB (a loop)
 *   udfdisc extent IMG NAME LBA  NAME's first extent starts at LBA (past the end)
 * Names are single UDF file identifiers (UTF-8), unique on the disc. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *img;
static size_t len;

static void
die(const char *msg)
{
	fprintf(stderr, "udfdisc: %s\n", msg);
	exit(1);
}

static unsigned
u16(const unsigned char *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t
u32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff, p[1] = v >> 8 & 0xff, p[2] = v >> 16 & 0xff, p[3] = v >> 24;
}

static int
tag_ok(const unsigned char *t, unsigned id)
{
	unsigned sum = 0;
	for (int i = 0; i < 16; i++)
		sum += i == 4 ? 0 : t[i];
	return u16(t) == id && (sum & 0xff) == t[4];
}

/* ECMA 167 7.2: CRC-ITU-T over the descriptor after its tag, then the
 * tag checksum. */
static void
retag(unsigned char *t)
{
	unsigned n = u16(t + 10), crc = 0;
	for (unsigned i = 0; i < n; i++) {
		crc ^= (unsigned)t[16 + i] << 8;
		for (int b = 0; b < 8; b++)
			crc = crc & 0x8000 ? (crc << 1 ^ 0x1021) & 0xffff : crc << 1 & 0xffff;
	}
	t[8] = crc & 0xff, t[9] = crc >> 8;
	unsigned sum = 0;
	for (int i = 0; i < 16; i++)
		sum += i == 4 ? 0 : t[i];
	t[4] = sum & 0xff;
}

/* A file identifier's name (CS0) as UTF-8, BMP only. */
static void
cs0(const unsigned char *p, unsigned n, char *out)
{
	char *o = out;
	for (unsigned i = 1; i < n; i += p[0] == 16 ? 2 : 1) {
		unsigned c = p[0] == 16 ? (unsigned)p[i] << 8 | p[i + 1] : p[i];
		if (c < 0x80) {
			*o++ = (char)c;
		} else if (c < 0x800) {
			*o++ = (char)(0xc0 | c >> 6), *o++ = (char)(0x80 | (c & 0x3f));
		} else {
			*o++ = (char)(0xe0 | c >> 12), *o++ = (char)(0x80 | (c >> 6 & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		}
	}
	*o = '\0';
}

/* The file identifier descriptor named name (tag 257, 4-byte aligned). */
static unsigned char *
fid(const char *name)
{
	char buf[1024];
	for (size_t o = 0; o + 38 < len; o += 4) {
		unsigned char *p = img + o;
		if (!tag_ok(p, 257))
			continue;
		unsigned lfi = p[19], liu = u16(p + 36);
		if (lfi == 0 || o + 38 + liu + lfi > len || lfi > 255)
			continue;
		cs0(p + 38 + liu, lfi, buf);
		if (strcmp(buf, name) == 0)
			return p;
	}
	die("no such name on the UDF side");
	return NULL;
}

static uint32_t
partition_start(void)
{
	for (size_t b = 16; b < 512 && (b + 1) * 2048 <= len; b++)
		if (tag_ok(img + b * 2048, 5))
			return u32(img + b * 2048 + 188);
	die("no partition descriptor");
	return 0;
}

static void
only(void)
{
	size_t bea = 0, tea = 0;
	for (size_t b = 16; b < 64; b++) {
		if (!memcmp(img + b * 2048 + 1, "BEA01", 5))
			bea = b;
		if (!memcmp(img + b * 2048 + 1, "TEA01", 5))
			tea = b;
	}
	if (!bea || tea < bea)
		die("no UDF volume recognition sequence");
	memmove(img + 16 * 2048, img + bea * 2048, (tea - bea + 1) * 2048);
	memset(img + (16 + tea - bea + 1) * 2048, 0, (bea - 16) * 2048);
}

/* Rewrites a root directory's records: ".", ".." and its first file. */
static void
stub_root(unsigned char *vd)
{
	unsigned char *r = vd + 156;
	size_t at = (size_t)u32(r + 2) * 2048, n = u32(r + 10), keep = 0, files = 0;
	unsigned char *d = img + at, *out = calloc(1, n);
	for (size_t p = 0; p < n && d[p] >= 34; p += d[p]) {
		int dot = d[p + 32] == 1 && d[p + 33] <= 1;
		if (dot || (!(d[p + 25] & 2) && files++ == 0)) {
			memcpy(out + keep, d + p, d[p]);
			keep += d[p];
		}
	}
	memcpy(d, out, n);
	free(out);
}

static void
stub(void)
{
	for (size_t b = 16; b < 64; b++) {
		unsigned char *vd = img + b * 2048;
		if (memcmp(vd + 1, "CD001", 5) != 0 || vd[0] == 255)
			break;
		if (vd[0] == 1 || vd[0] == 2)
			stub_root(vd);
	}
}

int
main(int argc, char **argv)
{
	if (argc < 3)
		die("usage: udfdisc only|stub|link|extent IMG ...");
	FILE *f = fopen(argv[2], "r+b");
	if (!f || fseek(f, 0, SEEK_END) < 0)
		die("cannot open the image");
	len = (size_t)ftell(f);
	img = malloc(len);
	rewind(f);
	if (!img || fread(img, 1, len, f) != len)
		die("cannot read the image");
	if (!strcmp(argv[1], "only")) {
		only();
	} else if (!strcmp(argv[1], "stub")) {
		stub();
	} else if (!strcmp(argv[1], "link") && argc == 5) {
		unsigned char *from = fid(argv[3]), *to = fid(argv[4]);
		memcpy(from + 20, to + 20, 16);
		retag(from);
	} else if (!strcmp(argv[1], "extent") && argc == 5) {
		unsigned char *p = fid(argv[3]);
		size_t fe = ((size_t)partition_start() + u32(p + 24)) * 2048;
		unsigned char *e = img + fe;
		int ext = tag_ok(e, 266);
		if (!ext && !tag_ok(e, 261))
			die("no file entry");
		unsigned ea = u32(e + (ext ? 208 : 168)), type = u16(e + 34) & 7;
		unsigned char *ad = e + (ext ? 216 : 176) + ea;
		if (type > 1)
			die("the file's data is inline: make it bigger");
		put32(ad + 4, (uint32_t)strtoul(argv[4], NULL, 10));
		retag(e);
	} else {
		die("usage: udfdisc only|stub|link|extent IMG ...");
	}
	rewind(f);
	if (fwrite(img, 1, len, f) != len || fclose(f) != 0)
		die("cannot write the image");
	free(img);
	return 0;
}
