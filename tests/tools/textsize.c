/* textsize - the height of an image's body text as the read stage
 * measures it (zz_text_height), for tests/0091-text-size.t:
 *   textsize [-s SCALE] [-r QUARTERS] [-o OUT.png [-d DPI]] IMAGE
 * prints "HEIGHT CHARS SIDEWAYS" for the image scaled by SCALE and turned
 * QUARTERS quarter turns clockwise first (grey, seals dropped); -o also
 * writes that image, saying it is DPI dots per inch (0: nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "zizhi.h"

int
main(int argc, char **argv)
{
	double scale = 1;
	int quarters = 0, opt, dpi = 0;
	const char *out = NULL;
	while ((opt = getopt(argc, argv, "s:r:o:d:")) != -1)
		if (opt == 's')
			scale = atof(optarg);
		else if (opt == 'r')
			quarters = atoi(optarg);
		else if (opt == 'o')
			out = optarg;
		else if (opt == 'd')
			dpi = atoi(optarg);
		else
			return 2;
	if (optind + 1 != argc || scale <= 0 || scale > 8) {
		fprintf(stderr, "usage: textsize [-s scale] [-r quarters] [-o out.png [-d dpi]] image\n");
		return 2;
	}
	setMsgSeverity(L_SEVERITY_NONE);
	PIX *in = pixRead(argv[optind]);
	double dropped = 0, chars = 0;
	PIX *g = in ? zz_ocr_grey(in, 1, &dropped) : NULL;
	PIX *s = g && scale != 1 ? pixScale(g, (float)scale, (float)scale) : pixClone(g);
	PIX *r = s && quarters % 4 ? pixRotateOrth(s, quarters % 4) : pixClone(s);
	if (!r) {
		fprintf(stderr, "textsize: cannot read '%s'\n", argv[optind]);
		return 1;
	}
	int sideways = 0;
	double h = zz_text_height(r, &chars, &sideways);
	printf("%.1f %.0f %d\n", h, chars, sideways);
	if (out) {
		pixSetResolution(r, dpi, dpi);
		if (pixWrite(out, r, IFF_PNG) != 0)
			return 1;
	}
	pixDestroy(&in), pixDestroy(&g), pixDestroy(&s), pixDestroy(&r);
	return 0;
}
