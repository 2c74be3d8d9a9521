/* imgconv - write images in other formats for the read tests:
 *   imgconv OUT.png|OUT.bmp IN       one image, format by OUT's extension
 *   imgconv OUT.tif IN...            a multi-page TIFF, a page per IN */
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
	PIX *p = pixRead(argv[2]);
	int fmt = dot && !strcmp(dot, ".bmp") ? IFF_BMP : IFF_PNG;
	int rc = !p || pixWrite(argv[1], p, fmt) != 0;
	pixDestroy(&p);
	return rc;
}
