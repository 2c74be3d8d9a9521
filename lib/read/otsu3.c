/* otsu3.c - Otsu's method for three classes of grey: ink, what is grey
 * over the paper (a watermark's blocks, a stamp, a mosaic over a name),
 * paper. Leptonica's Otsu splits in two, and there the grey goes with
 * the ink; written here for that. */
#include "read/read.h"

int
zz_otsu3(const l_float32 *h, int *t1, int *t2)
{
	double p[257] = {0}, s[257] = {0};
	*t1 = *t2 = -1;
	for (int i = 0; i < 256; i++)
		p[i + 1] = p[i] + h[i], s[i + 1] = s[i] + (double)i * h[i];
	if (p[256] <= 0)
		return -1;
	/* the split with the most variance between the classes; prefix
	 * sums make each O(1) */
	double mu = s[256] / p[256], best = -1;
	for (int a = 1; a < 255; a++) {
		double w0 = p[a], m0 = w0 > 0 ? s[a] / w0 : 0;
		if (w0 <= 0)
			continue;
		for (int b = a + 1; b < 256; b++) {
			double w1 = p[b] - p[a], w2 = p[256] - p[b];
			if (w1 <= 0 || w2 <= 0)
				continue;
			double m1 = (s[b] - s[a]) / w1, m2 = (s[256] - s[b]) / w2;
			double v = w0 * (m0 - mu) * (m0 - mu) + w1 * (m1 - mu) * (m1 - mu) +
			           w2 * (m2 - mu) * (m2 - mu);
			if (v > best)
				best = v, *t1 = a, *t2 = b;
		}
	}
	return *t1 > 0 ? 0 : -1;
}

int
zz_otsu3_pix(PIX *g, int *t1, int *t2)
{
	*t1 = *t2 = -1;
	NUMA *h = g && pixGetDepth(g) == 8 ? pixGetGrayHistogram(g, 1) : NULL;
	l_float32 *v = h && numaGetCount(h) == 256 ? numaGetFArray(h, L_NOCOPY) : NULL;
	int rc = v ? zz_otsu3(v, t1, t2) : -1;
	numaDestroy(&h);
	return rc;
}
