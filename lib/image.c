/* image.c - page images from JPEG, PNG, TIFF (multi-page), BMP, GIF, WebP
 * through Leptonica, with the size checked from the header before a
 * pixel is decoded: a file may declare 100000 x 100000 pixels. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <glib.h>

#include "ocr.h"

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
	l_int32 bps = 0, spp = 0, cmap = 0, res = 0, f2 = 0;
	if (pixReadHeader(path, fmt, w, h, &bps, &spp, &cmap) != 0 || *w <= 0 || *h <= 0 ||
	    (i > 0 && (!is_tiff(*fmt) ||
	               readHeaderTiff(path, i, w, h, &bps, &spp, &res, &cmap, &f2) != 0 ||
	               *w <= 0 || *h <= 0))) {
		*err = i > 0 ? zz_easprintf("damaged TIFF: cannot read the header of page %d", i + 1)
		             : zz_estrdup("not an image Leptonica can read, or damaged");
		return -1;
	}
	return 0;
}

static uint64_t
get(const unsigned char *b, int n, int big_endian)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v |= (uint64_t)b[big_endian ? n - 1 - i : i] << (8 * i);
	return v;
}

/* Pages of a TIFF, counted by walking its chain of directories here
 * rather than with tiffGetCount, which reads every directory of a file
 * that may hold a hundred thousand: the walk stops past max, and at a
 * directory it has seen before (a chain that loops; a hash of the
 * offsets, as max is a setting). */
static int
tiff_pages(const char *path, int max, char **err)
{
	FILE *f = fopen(path, "rb");
	unsigned char b[16];
	if (!f || fread(b, 1, 16, f) < 8 || (memcmp(b, "II", 2) && memcmp(b, "MM", 2))) {
		if (f)
			fclose(f);
		*err = zz_estrdup("damaged TIFF: cannot count its pages");
		return 0;
	}
	int be = b[0] == 'M', big = get(b + 2, 2, be) == 43;
	int osz = big ? 8 : 4, csz = big ? 8 : 2, esz = big ? 20 : 12;
	uint64_t off = big ? get(b + 8, 8, be) : get(b + 4, 4, be);
	gint64 *seen = zz_ecalloc((size_t)max + 1, sizeof *seen);
	GHashTable *pages = g_hash_table_new(g_int64_hash, g_int64_equal);
	int n = 0;
	while (off && n <= max) {
		seen[n] = (gint64)off;
		gpointer was = g_hash_table_lookup(pages, &seen[n]);
		if (was) {
			*err = zz_easprintf("damaged TIFF: page %d links back to page %d", n,
			                    GPOINTER_TO_INT(was));
			break;
		}
		g_hash_table_insert(pages, &seen[n], GINT_TO_POINTER(n + 1));
		n++;
		if (fseeko(f, (off_t)off, SEEK_SET) || fread(b, 1, (size_t)csz, f) != (size_t)csz) {
			*err = zz_easprintf("damaged TIFF: page %d is cut off", n);
			break;
		}
		uint64_t entries = get(b, csz, be);
		if (fseeko(f, (off_t)(off + csz + entries * esz), SEEK_SET) ||
		    fread(b, 1, (size_t)osz, f) != (size_t)osz) {
			*err = zz_easprintf("damaged TIFF: page %d is cut off", n);
			break;
		}
		off = get(b, osz, be);
	}
	if (!*err && n > max)
		*err = zz_easprintf("too many pages: more than %d (max-pages in pipeline.xml)", max);
	g_hash_table_destroy(pages);
	free(seen);
	fclose(f);
	return *err ? 0 : n;
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
