/* imgconv - write images in other formats for the read tests:
 *   imgconv OUT.png|OUT.bmp IN       one image, format by OUT's extension
 *   imgconv OUT.tif IN...            a multi-page TIFF, a page per IN
 *   imgconv OUT.png IN blocks X Y W H
 *                                    IN as 8-bit grey with a pixelated
 *                                    watermark over the box: squares of 16
 *                                    pixels, grey 110 and 165 in turn,
 *                                    laid over it as ink (multiplied) */
#include <stdlib.h>
#include <string.h>
#include <leptonica/allheaders.h>

int
main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	const char *dot = strrchr(argv[1], '.');
	if (dot && !strcmp(dot, ".tif")) {
		PIXA *pa = pixaCreate(argc - 2);
		for (int i = 2; i < argc; i++) {
			PIX *p = pixRead(argv[i]);
			if (!p)
				return 1;
			pixaAddPix(pa, p, L_INSERT);
		}
		int rc = pixaWriteMultipageTiff(argv[1], pa) != 0;
		pixaDestroy(&pa);
		return rc;
	}
	if (argc == 8 && !strcmp(argv[3], "blocks")) {
		PIX *in = pixRead(argv[2]), *g = in ? pixConvertTo8(in, 0) : NULL;
		int x0 = atoi(argv[4]), y0 = atoi(argv[5]), w = atoi(argv[6]), h = atoi(argv[7]);
		for (int y = y0; g && y < y0 + h && y < (int)pixGetHeight(g); y++)
			for (int x = x0; x < x0 + w && x < (int)pixGetWidth(g); x++) {
				l_uint32 v = 0, k = ((x - x0) / 16 + (y - y0) / 16) % 2 ? 110 : 165;
				pixGetPixel(g, x, y, &v);
				pixSetPixel(g, x, y, v * k / 255);
			}
		int rc = !g || pixWrite(argv[1], g, IFF_PNG) != 0;
		pixDestroy(&in), pixDestroy(&g);
		return rc;
	}
	PIX *p = pixRead(argv[2]);
	int fmt = dot && !strcmp(dot, ".bmp") ? IFF_BMP : IFF_PNG;
	int rc = !p || pixWrite(argv[1], p, fmt) != 0;
	pixDestroy(&p);
	return rc;
}
