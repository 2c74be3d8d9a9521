/* image.c - page images from JPEG, PNG, TIFF (multi-page), BMP, GIF, WebP
 * through Leptonica, with the size checked from the header before a
 * pixel is decoded: a file may declare 100000 x 100000 pixels. */
#include <stdio.h>

#include "ocr.h"

static int
header(const char *path, l_int32 *fmt, l_int32 *w, l_int32 *h, char **err)
{
	l_int32 bps = 0, spp = 0, cmap = 0;
	if (pixReadHeader(path, fmt, w, h, &bps, &spp, &cmap) != 0 || *w <= 0 || *h <= 0) {
		*err = zz_estrdup("not an image Leptonica can read, or damaged");
		return -1;
	}
	return 0;
}

int
zz_image_pages(const char *path, char **err)
{
	*err = NULL;
	l_int32 fmt = 0, w = 0, h = 0;
	if (header(path, &fmt, &w, &h, err) < 0)
		return 0;
	if (fmt != IFF_TIFF && fmt != IFF_TIFF_G4 && fmt != IFF_TIFF_G3 && fmt != IFF_TIFF_LZW &&
	    fmt != IFF_TIFF_ZIP && fmt != IFF_TIFF_PACKBITS && fmt != IFF_TIFF_RLE &&
	    fmt != IFF_TIFF_JPEG)
		return 1;
	FILE *f = fopen(path, "rb");
	l_int32 n = 0;
	if (!f || tiffGetCount(f, &n) != 0 || n < 1) {
		if (f)
			fclose(f);
		*err = zz_estrdup("damaged TIFF: cannot count its pages");
		return 0;
	}
	fclose(f);
	return n;
}

PIX *
zz_image_page(const char *path, int i, long max_pixels, char **err)
{
	*err = NULL;
	l_int32 fmt = 0, w = 0, h = 0;
	if (header(path, &fmt, &w, &h, err) < 0)
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
