/* image.c - page images from JPEG, PNG, TIFF (multi-page), BMP, GIF, WebP
 * through Leptonica, with the size checked from the header before a
 * pixel is decoded: a file may declare 100000 x 100000 pixels. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <glib.h>

#include "read/read.h"

static uint64_t
get(const unsigned char *b, int n, int big_endian)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v |= (uint64_t)b[big_endian ? n - 1 - i : i] << (8 * i);
	return v;
}

/* A TIFF's chain of directories (pages), walked here: see tiff_pages. */
typedef struct twalk {
	FILE *f;
	int be, osz, csz, esz; /* byte order; sizes of an offset, a count, an entry */
	uint64_t off;          /* the current directory; 0 past the last */
} twalk;

static int
tw_open(twalk *t, const char *path)
{
	unsigned char b[16];
	t->f = fopen(path, "rb");
	if (!t->f || fread(b, 1, 16, t->f) < 8 || (memcmp(b, "II", 2) && memcmp(b, "MM", 2))) {
		if (t->f)
			fclose(t->f);
		t->f = NULL;
		return -1;
	}
	t->be = b[0] == 'M';
	int big = get(b + 2, 2, t->be) == 43;
	t->osz = big ? 8 : 4, t->csz = big ? 8 : 2, t->esz = big ? 20 : 12;
	t->off = big ? get(b + 8, 8, t->be) : get(b + 4, 4, t->be);
	return 0;
}

/* reads n bytes at off into b */
static int
tw_read(twalk *t, uint64_t off, unsigned char *b, int n)
{
	return off > INT64_MAX || fseeko(t->f, (off_t)off, SEEK_SET) ||
	               fread(b, 1, (size_t)n, t->f) != (size_t)n
	           ? -1
	           : 0;
}

/* the current directory's entry count; -1 if it is cut off */
static int64_t
tw_entries(twalk *t)
{
	unsigned char b[8];
	return tw_read(t, t->off, b, t->csz) < 0 ? -1 : (int64_t)(get(b, t->csz, t->be) & INT32_MAX);
}

/* on to the next directory */
static int
tw_next(twalk *t)
{
	unsigned char b[8];
	int64_t n = tw_entries(t);
	if (n < 0 || tw_read(t, t->off + (uint64_t)t->csz + (uint64_t)n * (uint64_t)t->esz, b, t->osz) < 0)
		return -1;
	t->off = get(b, t->osz, t->be);
	return 0;
}

/* Pages of a TIFF, counted by walking its chain of directories here
 * rather than with tiffGetCount, which reads every directory of a file
 * that may hold a hundred thousand: the walk stops past max, and at a
 * directory it has seen before (a chain that loops; a hash of the
 * offsets, as max is a setting). */
static int
tiff_pages(const char *path, int max, char **err)
{
	twalk t;
	if (tw_open(&t, path) < 0) {
		*err = zz_estrdup("damaged TIFF: cannot count its pages");
		return 0;
	}
	gint64 *seen = zz_ecalloc((size_t)max + 1, sizeof *seen);
	GHashTable *pages = g_hash_table_new(g_int64_hash, g_int64_equal);
	int n = 0;
	while (t.off && n <= max) {
		seen[n] = (gint64)t.off;
		gpointer was = g_hash_table_lookup(pages, &seen[n]);
		if (was) {
			*err = zz_easprintf("damaged TIFF: page %d links back to page %d", n,
			                    GPOINTER_TO_INT(was));
			break;
		}
		g_hash_table_insert(pages, &seen[n], GINT_TO_POINTER(n + 1));
		n++;
		if (tw_next(&t) < 0) {
			*err = zz_easprintf("damaged TIFF: page %d is cut off", n);
			break;
		}
	}
	if (!*err && n > max)
		*err = zz_easprintf("too many pages: more than %d (max-pages in pipeline.xml)", max);
	g_hash_table_destroy(pages);
	free(seen);
	fclose(t.f);
	return *err ? 0 : n;
}

/* The size page i declares (ImageWidth, ImageLength), from its directory.
 * Here rather than Leptonica's readHeaderTiff, which leaks libtiff's
 * handle when page i is not there. */
static int
tiff_page_size(const char *path, int i, l_int32 *w, l_int32 *h)
{
	twalk t;
	if (tw_open(&t, path) < 0)
		return -1;
	int ok = 1;
	for (int k = 0; ok && k < i; k++)
		ok = t.off && tw_next(&t) == 0;
	int64_t n = ok && t.off ? tw_entries(&t) : -1;
	*w = *h = 0;
	for (int64_t k = 0; k < n && k < 4096; k++) {
		unsigned char e[20];
		if (tw_read(&t, t.off + (uint64_t)t.csz + (uint64_t)k * (uint64_t)t.esz, e, t.esz) < 0)
			break;
		unsigned tag = (unsigned)get(e, 2, t.be), type = (unsigned)get(e + 2, 2, t.be);
		const unsigned char *v = e + 4 + (t.osz == 8 ? 8 : 4);
		uint64_t val = type == 3 ? get(v, 2, t.be) : type == 4 ? get(v, 4, t.be)
		             : type == 16 ? get(v, 8, t.be) : 0;
		val = val > INT32_MAX ? INT32_MAX : val;
		if (tag == 256)
			*w = (l_int32)val;
		else if (tag == 257)
			*h = (l_int32)val;
	}
	fclose(t.f);
	return *w > 0 && *h > 0 ? 0 : -1;
}

static int
is_tiff(l_int32 fmt)
{
	return fmt == IFF_TIFF || fmt == IFF_TIFF_G4 || fmt == IFF_TIFF_G3 || fmt == IFF_TIFF_LZW ||
	       fmt == IFF_TIFF_ZIP || fmt == IFF_TIFF_PACKBITS || fmt == IFF_TIFF_RLE ||
	       fmt == IFF_TIFF_JPEG;
}

/* The format, and the size of page i: a TIFF's pages each have their own
 * (its first may be 8 x 8, its second 60000 x 60000). */
static int
header(const char *path, int i, l_int32 *fmt, l_int32 *w, l_int32 *h, char **err)
{
	l_int32 bps = 0, spp = 0, cmap = 0;
	if (pixReadHeader(path, fmt, w, h, &bps, &spp, &cmap) != 0 || *w <= 0 || *h <= 0 ||
	    (i > 0 && (!is_tiff(*fmt) || tiff_page_size(path, i, w, h) < 0))) {
		*err = i > 0 ? zz_easprintf("damaged TIFF: cannot read the header of page %d", i + 1)
		             : zz_estrdup("not an image Leptonica can read, or damaged");
		return -1;
	}
	return 0;
}

int
zz_image_pages(const char *path, int max_pages, char **err)
{
	*err = NULL;
	l_int32 fmt = 0, w = 0, h = 0;
	if (header(path, 0, &fmt, &w, &h, err) < 0)
		return 0;
	if (!is_tiff(fmt))
		return 1;
	return tiff_pages(path, max_pages, err);
}

PIX *
zz_image_page(const char *path, int i, long max_pixels, char **err)
{
	*err = NULL;
	l_int32 fmt = 0, w = 0, h = 0;
	if (header(path, i, &fmt, &w, &h, err) < 0)
		return NULL;
	long pixels = (long)w * h;
	PIX *pix = NULL;
	if (pixels > max_pixels && fmt == IFF_JFIF_JPEG) {
		/* JPEG decodes at 1/2, 1/4, 1/8 for free */
		int r = 2;
		while (r < 8 && pixels / ((long)r * r) > max_pixels)
			r *= 2;
		if (pixels / ((long)r * r) <= max_pixels)
			pix = pixReadJpeg(path, 0, r, NULL, 0);
	} else if (pixels > max_pixels) {
		*err = zz_easprintf("image too large: %d x %d pixels (limit %ld)", w, h, max_pixels);
		return NULL;
	} else if (i > 0) {
		pix = pixReadTiff(path, i);
	} else {
		pix = pixRead(path);
	}
	if (!pix && !*err)
		*err = zz_easprintf(pixels > max_pixels ? "image too large: %d x %d pixels"
		                                        : "cannot decode the image (%d x %d)", w, h);
	return pix;
}
