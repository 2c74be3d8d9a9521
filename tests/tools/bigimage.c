/* bigimage - write a white 1-bpp PNG of W x H pixels: a tiny file that
 * declares a huge image, for the pixel-limit tests. */
#include <stdlib.h>
#include <leptonica/allheaders.h>

int
main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	PIX *p = pixCreate(atoi(argv[2]), atoi(argv[3]), 1);
	int rc = !p || pixWrite(argv[1], p, IFF_PNG) != 0;
	pixDestroy(&p);
	return rc;
}
