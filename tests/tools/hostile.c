/* hostile - write the small files that stand for large or looping ones,
 * for the bad-input tests (tests/0235-hostile-inputs.t). Written by hand,
 * byte by byte, because the libraries that would write them refuse to
 * make them (or take as long as reading them would).
 *
 *   hostile zip-entries OUT N     ZIP (ZIP64) of N empty files
 *   hostile cpio-entries OUT N    cpio (newc) stream of N empty files
 *   hostile tiff-pages OUT N      TIFF of N 8 x 8 pages
 *   hostile tiff-loop OUT         TIFF whose second page links to the first
 *   hostile tiff-tall OUT W H     TIFF of an 8 x 8 page, then one of W x H
 *   hostile jpeg-bomb OUT W H     JPEG that declares W x H pixels, has none
 *   hostile png-bomb OUT W H DPI  white 1-bpp PNG of W x H at DPI
 *   hostile pdf-pages OUT N       PDF of N empty pages
 *   hostile pdf-dag OUT LEVELS    PDF page tree of 10^LEVELS pages, each
 *                                 node listing the one below ten times
 *   hostile pdf-loop OUT          PDF page tree that lists itself
 *   hostile pdf-encrypted OUT     PDF with a user password
 *   hostile pdf-bomb OUT MB       PDF of one page whose content stream, a
 *                                 few MB deflated, inflates to a string of
 *                                 MB megabytes */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <zlib.h>

static FILE *out;

static void
le(uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		fputc((int)(v >> (8 * i) & 0xFF), out);
}

static void
zip_entries(long n)
{
	uint32_t off = 0;
	char name[32];
	for (long i = 0; i < n; i++) {
		int l = snprintf(name, sizeof name, "e/%07ld.txt", i);
		le(0x04034b50, 4), le(20, 2), le(0, 2), le(0, 2), le(0, 2), le(0x21, 2);
		le(0, 4), le(0, 4), le(0, 4), le((uint64_t)l, 2), le(0, 2);
		fwrite(name, 1, (size_t)l, out);
	}
	uint64_t cd = (uint64_t)ftell(out);
	for (long i = 0; i < n; i++) {
		int l = snprintf(name, sizeof name, "e/%07ld.txt", i);
		le(0x02014b50, 4), le(20, 2), le(20, 2), le(0, 2), le(0, 2), le(0, 2), le(0x21, 2);
		le(0, 4), le(0, 4), le(0, 4), le((uint64_t)l, 2), le(0, 2), le(0, 2), le(0, 2);
		le(0, 2), le(0, 4), le(off, 4);
		fwrite(name, 1, (size_t)l, out);
		off += 30 + (uint32_t)l;
	}
	uint64_t end = (uint64_t)ftell(out), cdsize = end - cd;
	/* ZIP64: more than 65535 entries */
	le(0x06064b50, 4), le(44, 8), le(45, 2), le(45, 2), le(0, 4), le(0, 4);
	le((uint64_t)n, 8), le((uint64_t)n, 8), le(cdsize, 8), le(cd, 8);
	le(0x07064b50, 4), le(0, 4), le(end, 8), le(1, 4);
	le(0x06054b50, 4), le(0, 2), le(0, 2), le(0xFFFF, 2), le(0xFFFF, 2);
	le(0xFFFFFFFF, 4), le(0xFFFFFFFF, 4), le(0, 2);
}

static void
cpio_one(const char *name, unsigned mode)
{
	size_t l = strlen(name) + 1;
	fprintf(out, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08zX%08X", 1u, mode, 0u,
	        0u, 1u, 0u, 0u, 0u, 0u, 0u, 0u, l, 0u);
	fwrite(name, 1, l, out);
	for (size_t pad = (4 - (110 + l) % 4) % 4; pad; pad--)
		fputc(0, out);
}

static void
cpio_entries(long n)
{
	char name[32];
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof name, "e/%07ld.txt", i);
		cpio_one(name, 0100644);
	}
	cpio_one("TRAILER!!!", 0);
}

/* Every page 8 x 8 at 1 bit, its strip the same 8 bytes; the last
 * declares w x h when w is not 0. */
static void
tiff(long n, int loop, uint32_t w, uint32_t h)
{
	fwrite("II*\0", 1, 4, out), le(16, 4);
	for (int i = 0; i < 8; i++)
		fputc(0, out);
	enum { IFD = 2 + 9 * 12 + 4 };
	static const uint16_t tag[9] = {256, 257, 258, 259, 262, 273, 277, 278, 279};
	for (long i = 0; i < n; i++) {
		uint32_t here = 16 + (uint32_t)i * IFD;
		uint32_t val[9] = {8, 8, 1, 1, 0, 8, 1, 8, 8};
		if (w && i == n - 1)
			val[0] = w, val[1] = h, val[7] = h;
		le(9, 2);
		for (int t = 0; t < 9; t++) {
			int lng = tag[t] == 273 || tag[t] == 279;
			le(tag[t], 2), le(lng ? 4 : 3, 2), le(1, 4), le(val[t], 4);
		}
		le(i + 1 < n ? here + IFD : loop ? 16 : 0, 4);
	}
}

static void
jpeg_bomb(int w, int h)
{
	PIX *p = pixCreate(8, 8, 8);
	pixSetAllArbitrary(p, 255);
	l_uint8 *data = NULL;
	size_t n = 0;
	if (pixWriteMemJpeg(&data, &n, p, 75, 0) != 0)
		exit(1);
	pixDestroy(&p);
	/* SOF0: FF C0, length, precision, height, width */
	for (size_t i = 0; i + 9 < n; i++)
		if (data[i] == 0xFF && data[i + 1] == 0xC0) {
			data[i + 5] = (l_uint8)(h >> 8), data[i + 6] = (l_uint8)h;
			data[i + 7] = (l_uint8)(w >> 8), data[i + 8] = (l_uint8)w;
			break;
		}
	/* the scan data covers 8 x 8: the decoder makes up the rest */
	fwrite(data, 1, n, out);
	free(data);
}

static void
png_bomb(int w, int h, int dpi)
{
	PIX *p = pixCreate(w, h, 1);
	if (!p)
		exit(1);
	pixSetResolution(p, dpi, dpi);
	if (pixWriteStreamPng(out, p, 0) != 0)
		exit(1);
	pixDestroy(&p);
}

/* A PDF of numbered objects, the xref written from where they landed. */
static long off[64];

static void
obj(int i, const char *fmt, ...)
{
	va_list ap;
	off[i] = ftell(out);
	fprintf(out, "%d 0 obj\n", i);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fprintf(out, "\nendobj\n");
}

static void
xref(int n, const char *trailer)
{
	long x = ftell(out);
	fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", n);
	for (int i = 1; i < n; i++)
		fprintf(out, "%010ld 00000 n \n", off[i]);
	fprintf(out, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%ld\n%%%%EOF\n", n, trailer, x);
}

static void
pdf_pages(long n)
{
	/* objects: 1 catalog, 2 pages, 3 empty content, 4.. pages */
	fprintf(out, "%%PDF-1.4\n");
	long *po = malloc((size_t)(n + 4) * sizeof *po);
	po[1] = ftell(out);
	fprintf(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	po[2] = ftell(out);
	fprintf(out, "2 0 obj\n<< /Type /Pages /Count %ld /Kids [", n);
	for (long i = 0; i < n; i++)
		fprintf(out, "%ld 0 R ", i + 4);
	fprintf(out, "] >>\nendobj\n");
	po[3] = ftell(out);
	fprintf(out, "3 0 obj\n<< /Length 0 >>\nstream\n\nendstream\nendobj\n");
	for (long i = 0; i < n; i++) {
		po[i + 4] = ftell(out);
		fprintf(out, "%ld 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
		        "/Contents 3 0 R >>\nendobj\n", i + 4);
	}
	long x = ftell(out);
	fprintf(out, "xref\n0 %ld\n0000000000 65535 f \n", n + 4);
	for (long i = 1; i < n + 4; i++)
		fprintf(out, "%010ld 00000 n \n", po[i]);
	fprintf(out, "trailer\n<< /Size %ld /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", n + 4, x);
	free(po);
}

static void
pdf_dag(int levels)
{
	fprintf(out, "%%PDF-1.4\n");
	obj(1, "<< /Type /Catalog /Pages %d 0 R >>", 4 + levels);
	obj(2, "<< /Length 0 >>\nstream\n\nendstream");
	obj(3, "<< /Type /Page /MediaBox [0 0 595 842] /Contents 2 0 R >>");
	long count = 1;
	for (int l = 1; l <= levels; l++) {
		int me = 3 + l, kid = 2 + l;
		count *= 10;
		char kids[256] = "";
		for (int k = 0; k < 10; k++)
			snprintf(kids + strlen(kids), sizeof kids - strlen(kids), "%d 0 R ", kid);
		obj(me, "<< /Type /Pages /Count %ld /Kids [%s] >>", count, kids);
	}
	xref(4 + levels, "");
}

static void
pdf_loop(void)
{
	fprintf(out, "%%PDF-1.4\n");
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
	obj(2, "<< /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>");
	obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
	obj(4, "<< /Length 0 >>\nstream\n\nendstream");
	xref(5, "");
}

static void
pdf_encrypted(void)
{
	fprintf(out, "%%PDF-1.4\n");
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
	obj(2, "<< /Type /Pages /Count 1 /Kids [3 0 R] >>");
	obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
	obj(4, "<< /Length 8 >>\nstream\nxxxxxxxx\nendstream");
	/* RC4 40-bit; O and U that no empty password opens */
	obj(5, "<< /Filter /Standard /V 1 /R 2 /P -44 "
	       "/O <2055C756C72E1AD702608E8196ACAD447AD32D17CFF583235F6DD15FED7DAB67> "
	       "/U <7E3FAF4E8E0E5BE1ABCF0CA8A2E7BE5B9F5F1A4F0C3C2D6A0F1E2D3C4B5A6978> >>");
	xref(6, "/Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> "
	        "<0123456789ABCDEF0123456789ABCDEF>] ");
}

static void
deflate_out(z_stream *z, const void *p, size_t n, int flush)
{
	unsigned char buf[1 << 16];
	z->next_in = (unsigned char *)p, z->avail_in = (uInt)n;
	do {
		z->next_out = buf, z->avail_out = sizeof buf;
		deflate(z, flush);
		fwrite(buf, 1, sizeof buf - z->avail_out, out);
	} while (z->avail_out == 0);
}

static void
pdf_bomb(long mb)
{
	fprintf(out, "%%PDF-1.4\n");
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
	obj(2, "<< /Type /Pages /Count 1 /Kids [3 0 R] >>");
	obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
	       "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	       ">> >> >> >>");
	off[4] = ftell(out);
	fprintf(out, "4 0 obj\n<< /Filter /FlateDecode >>\nstream\n");
	z_stream z = {0};
	deflateInit(&z, 9);
	static char fill[1 << 20];
	memset(fill, 'A', sizeof fill);
	const char *head = "BT /F1 12 Tf 72 700 Td (", *tail = ") Tj ET\n";
	deflate_out(&z, head, strlen(head), Z_NO_FLUSH);
	for (long i = 0; i < mb; i++)
		deflate_out(&z, fill, sizeof fill, Z_NO_FLUSH);
	deflate_out(&z, tail, strlen(tail), Z_FINISH);
	deflateEnd(&z);
	fprintf(out, "\nendstream\nendobj\n");
	xref(5, "");
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: hostile KIND OUT [ARGS]\n");
		return 2;
	}
	const char *k = argv[1];
	long a = argc > 3 ? atol(argv[3]) : 0, b = argc > 4 ? atol(argv[4]) : 0;
	if (!(out = fopen(argv[2], "wb"))) {
		perror(argv[2]);
		return 1;
	}
	if (!strcmp(k, "zip-entries"))
		zip_entries(a);
	else if (!strcmp(k, "cpio-entries"))
		cpio_entries(a);
	else if (!strcmp(k, "tiff-pages"))
		tiff(a, 0, 0, 0);
	else if (!strcmp(k, "tiff-loop"))
		tiff(2, 1, 0, 0);
	else if (!strcmp(k, "tiff-tall"))
		tiff(2, 0, (uint32_t)a, (uint32_t)b);
	else if (!strcmp(k, "jpeg-bomb"))
		jpeg_bomb((int)a, (int)b);
	else if (!strcmp(k, "png-bomb"))
		png_bomb((int)a, (int)b, argc > 5 ? atoi(argv[5]) : 300);
	else if (!strcmp(k, "pdf-pages"))
		pdf_pages(a);
	else if (!strcmp(k, "pdf-dag"))
		pdf_dag((int)a);
	else if (!strcmp(k, "pdf-loop"))
		pdf_loop();
	else if (!strcmp(k, "pdf-encrypted"))
		pdf_encrypted();
	else if (!strcmp(k, "pdf-bomb"))
		pdf_bomb(a);
	else {
		fprintf(stderr, "hostile: '%s': no such kind\n", k);
		return 2;
	}
	return fclose(out) != 0;
}
