/* scan.c - turn a clean 300-dpi page into what a clerk gets back from a
 * flatbed or a phone, and write the files it is delivered in. Leptonica
 * does the geometry and the codecs; the lighting and the noise are ours,
 * drawn from gen_rng, so a seed gives the same scan on every libc. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define NBLOT 4
#define PI 3.14159265358979323846

/* Lighting and paper as one smooth gain field. Each term is linear or
 * separable, so a pixel of an A4 page at 300 dpi costs a few multiplies. */
struct light {
	double tone[3];    /* paper colour, as gains on r, g, b */
	double g0, gx, gy; /* lamp falloff: brightness 1 - (g0 + gx*x + gy*y) */
	double lift;       /* a scanner's black is never 0 */
	int nblot;
	double depth[NBLOT];
	float *bx[NBLOT], *by[NBLOT]; /* blotch profiles along x and y */
	float *buf;
};

/* Stains on old paper are brownish: they take more blue than red. */
static const double stain[3] = {0.7, 0.9, 1.4};

static int
clamp8(double v)
{
	return v <= 0 ? 0 : v >= 255 ? 255 : (int)(v + 0.5);
}

/* Keeps the alpha byte, whatever it holds: Leptonica ignores it at spp 3. */
static l_uint32
rgb(int r, int g, int b, l_uint32 old)
{
	return (l_uint32)r << L_RED_SHIFT | (l_uint32)g << L_GREEN_SHIFT |
	       (l_uint32)b << L_BLUE_SHIFT | (old & (0xffu << L_ALPHA_SHIFT));
}

static int
chan(l_uint32 v, int shift)
{
	return (int)((v >> shift) & 0xff);
}

/* Four 16-bit uniforms from one draw, summed: near enough to a Gaussian
 * for sensor noise, and free of libm, whose last bits differ between
 * systems and would change the pixels. */
static double
gauss(gen_rng *r)
{
	uint64_t u = gen_rng_u64(r);
	double s = 0;

	for (int i = 0; i < 4; i++, u >>= 16)
		s += ((double)(u & 0xffff) + 0.5) / 65536.0;
	return (s - 2.0) * 1.7320508075688772; /* variance 4/12 -> 1 */
}

static void
blot_profile(float *f, int n, double c, double rad)
{
	for (int i = 0; i < n; i++) {
		double t = (i - c) / rad;
		f[i] = (float)exp(-0.5 * t * t);
	}
}

static void
light_blots(struct light *l, int w, int h, double uneven, gen_rng *r)
{
	double base = w < h ? w : h;

	/* without memory the page just stays clean */
	l->buf = malloc((size_t)NBLOT * (size_t)(w + h) * sizeof(float));
	if (!l->buf)
		return;
	l->nblot = gen_rng_int(r, 1, NBLOT);
	for (int i = 0; i < l->nblot; i++) {
		l->bx[i] = l->buf + (size_t)i * (size_t)(w + h);
		l->by[i] = l->bx[i] + w;
		blot_profile(l->bx[i], w, gen_rng_real(r, 0, w), base * gen_rng_real(r, 0.08, 0.3));
		blot_profile(l->by[i], h, gen_rng_real(r, 0, h), base * gen_rng_real(r, 0.08, 0.3));
		l->depth[i] = uneven * gen_rng_real(r, 0.02, 0.06);
	}
}

static void
light_init(struct light *l, int w, int h, double uneven, gen_rng *r)
{
	double grey = uneven * gen_rng_real(r, 0.01, 0.05);
	double yellow = uneven * gen_rng_real(r, 0, 0.07);
	double amp = uneven * gen_rng_real(r, 0.1, 0.2);
	double th = gen_rng_real(r, 0, 2 * PI), c = cos(th), s = sin(th);
	/* half the extent of the page along the gradient, so that the
	 * darkening runs from 0 in one corner to amp in the opposite one */
	double half = 0.5 * (w * fabs(c) + h * fabs(s));

	memset(l, 0, sizeof *l);
	l->tone[0] = 1 - grey;
	l->tone[1] = 1 - grey - 0.4 * yellow;
	l->tone[2] = 1 - grey - yellow;
	l->gx = 0.5 * amp * c / half;
	l->gy = 0.5 * amp * s / half;
	l->g0 = 0.5 * amp - l->gx * 0.5 * w - l->gy * 0.5 * h;
	l->lift = uneven * gen_rng_real(r, 8, 28);
	light_blots(l, w, h, uneven, r);
}

static void
light_row(const struct light *l, l_uint32 *line, int w, int y)
{
	double ey[NBLOT], k = 1 - l->lift / 255;

	for (int i = 0; i < l->nblot; i++)
		ey[i] = l->depth[i] * l->by[i][y];
	for (int x = 0; x < w; x++) {
		double f = 1 - l->g0 - l->gx * x - l->gy * y, b = 0, g[3];
		l_uint32 v = line[x];

		for (int i = 0; i < l->nblot; i++)
			b += ey[i] * l->bx[i][x];
		for (int c = 0; c < 3; c++)
			g[c] = k * f * l->tone[c] * (1 - b * stain[c]);
		line[x] = rgb(clamp8(l->lift + g[0] * chan(v, L_RED_SHIFT)),
		              clamp8(l->lift + g[1] * chan(v, L_GREEN_SHIFT)),
		              clamp8(l->lift + g[2] * chan(v, L_BLUE_SHIFT)), v);
	}
}

static void
add_uneven(PIX *pix, double uneven, uint64_t seed)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *data = pixGetData(pix);
	struct light l;
	gen_rng r;

	gen_rng_seed(&r, seed);
	light_init(&l, w, h, uneven, &r);
	for (int y = 0; y < h; y++)
		light_row(&l, data + (size_t)y * wpl, w, y);
	free(l.buf);
}

static void
add_noise(PIX *pix, double sd, uint64_t seed)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *data = pixGetData(pix);
	gen_rng r;

	gen_rng_seed(&r, seed);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)y * wpl;

		for (int x = 0; x < w; x++) {
			/* mostly luminance noise, as from a sensor, with a
			 * little colour; the two add up to sd per channel */
			double n = 0.85 * sd * gauss(&r), cn = 0.5 * sd;
			l_uint32 v = line[x];

			line[x] = rgb(clamp8(chan(v, L_RED_SHIFT) + n + cn * gauss(&r)),
			              clamp8(chan(v, L_GREEN_SHIFT) + n + cn * gauss(&r)),
			              clamp8(chan(v, L_BLUE_SHIFT) + n + cn * gauss(&r)), v);
		}
	}
}

static PIX *
blur(PIX *pix, double sigma)
{
	L_KERNEL *kx = NULL, *ky = NULL;
	int half = (int)ceil(3 * sigma);
	PIX *out;

	if (makeGaussianKernelSep(half, half, (float)sigma, 1.0, &kx, &ky))
		return NULL;
	out = pixConvolveRGBSep(pix, kx, ky);
	kernelDestroy(&kx);
	kernelDestroy(&ky);
	return out;
}

/* Puts the result of one step in place of its input; a failed step
 * leaves NULL and ends the chain. */
static int
step(PIX **pp, PIX *next)
{
	pixDestroy(pp);
	*pp = next;
	return next != NULL;
}

static PIX *
scan(PIX *page, const gen_scan_params *p, uint64_t seed)
{
	gen_rng master;
	uint64_t lseed, nseed;
	int ok, quads = ((p->rotate / 90) % 4 + 4) % 4;
	int dpi = p->dpi > 0 ? p->dpi : 300;
	int from = pixGetXRes(page) > 0 ? pixGetXRes(page) : 300;
	PIX *pix;

	/* one stream per step, so turning a step on or off leaves the
	 * others' randomness alone */
	gen_rng_seed(&master, seed);
	lseed = gen_rng_u64(&master);
	nseed = gen_rng_u64(&master);
	pix = pixGetDepth(page) == 32 ? pixCopy(NULL, page) : pixConvertTo32(page);
	if (!pix)
		return NULL;
	ok = 1;
	pixSetSpp(pix, 3); /* paper has no alpha; keep it out of PNGs */
	/* down to the scanner's resolution first: every later step then
	 * works on up to 4x fewer pixels, and the result looks the same */
	if (dpi != from)
		ok = step(&pix, pixScale(pix, (float)dpi / (float)from, (float)dpi / (float)from));
	if (ok && p->uneven > 0)
		add_uneven(pix, p->uneven, lseed);
	if (ok && p->skew_deg != 0)
		ok = step(&pix, pixRotate(pix, (float)(p->skew_deg * PI / 180),
		                          L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
	if (ok && quads)
		ok = step(&pix, pixRotateOrth(pix, quads));
	if (ok && p->blur > 0)
		ok = step(&pix, blur(pix, p->blur));
	if (ok && p->noise > 0)
		add_noise(pix, p->noise, nseed);
	if (ok && p->grey)
		ok = step(&pix, pixConvertRGBToLuminance(pix));
	if (ok)
		pixSetResolution(pix, dpi, dpi);
	return pix;
}

PIX *
gen_scan(PIX *page300, const gen_scan_params *p, uint64_t seed)
{
	int sev;
	PIX *pix;

	if (!page300 || !p)
		return NULL;
	sev = setMsgSeverity(L_SEVERITY_ERROR);
	pix = scan(page300, p, seed);
	setMsgSeverity(sev);
	return pix;
}

/* cairo keeps premultiplied, native-endian 0xAARRGGBB; Leptonica keeps
 * 0xRRGGBBAA in a native word. Where the page was left transparent the
 * scanner sees white paper, so compositing over white is the right
 * reading of alpha, and with premultiplied colour it needs no division. */
static l_uint32
over_white(uint32_t v, int opaque)
{
	int a = opaque ? 255 : (int)(v >> 24);

	return rgb((int)((v >> 16) & 0xff) + 255 - a, (int)((v >> 8) & 0xff) + 255 - a,
	           (int)(v & 0xff) + 255 - a, 0xffu << L_ALPHA_SHIFT);
}

PIX *
gen_pix_from_cairo(cairo_surface_t *s)
{
	cairo_format_t fmt;
	unsigned char *src;
	int w, h, stride, wpl;
	PIX *pix;

	if (!s || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE)
		return NULL;
	fmt = cairo_image_surface_get_format(s);
	if (fmt != CAIRO_FORMAT_ARGB32 && fmt != CAIRO_FORMAT_RGB24)
		return NULL;
	cairo_surface_flush(s);
	src = cairo_image_surface_get_data(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	if (!src || w <= 0 || h <= 0 || !(pix = pixCreate(w, h, 32)))
		return NULL;
	wpl = pixGetWpl(pix);
	for (int y = 0; y < h; y++) {
		const uint32_t *in = (const uint32_t *)(src + (size_t)y * stride);
		l_uint32 *out = pixGetData(pix) + (size_t)y * wpl;

		for (int x = 0; x < w; x++)
			out[x] = over_white(in[x], fmt == CAIRO_FORMAT_RGB24);
	}
	pixSetResolution(pix, 300, 300); /* pages are drawn at 300 dpi */
	return pix;
}

/* The inverse, for drawing over a finished image: cairo's RGB24 is the
 * native word 0x00RRGGBB. */
cairo_surface_t *
gen_cairo_from_pix(PIX *pix)
{
	PIX *p32 = pix ? pixConvertTo32(pix) : NULL;
	if (!p32)
		return NULL;
	int w = pixGetWidth(p32), h = pixGetHeight(p32), wpl = pixGetWpl(p32);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		pixDestroy(&p32);
		cairo_surface_destroy(s);
		return NULL;
	}
	unsigned char *dst = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	cairo_surface_flush(s);
	for (int y = 0; y < h; y++) {
		const l_uint32 *in = pixGetData(p32) + (size_t)y * wpl;
		uint32_t *out = (uint32_t *)(dst + (size_t)y * stride);

		for (int x = 0; x < w; x++)
			out[x] = (uint32_t)chan(in[x], L_RED_SHIFT) << 16 |
			         (uint32_t)chan(in[x], L_GREEN_SHIFT) << 8 |
			         (uint32_t)chan(in[x], L_BLUE_SHIFT);
	}
	cairo_surface_mark_dirty(s);
	pixDestroy(&p32);
	return s;
}

/* ---- writers ---- */

struct job {
	PIX **pages;
	int n, quality;
};

typedef int (*putfn)(const char *tmp, const struct job *j);

static int
quality(int q)
{
	return q <= 0 ? 75 : q > 100 ? 100 : q;
}

/* Writes through path.tmp and rename(2), so nobody reads half a file;
 * Leptonica is hushed meanwhile and then left as it was. */
static int
atomic(const char *path, putfn put, const struct job *j)
{
	size_t n;
	char *tmp;
	int sev, err;

	if (!path || !j->pages || j->n <= 0)
		return -1;
	for (int i = 0; i < j->n; i++)
		if (!j->pages[i])
			return -1;
	n = strlen(path) + sizeof ".tmp";
	if (!(tmp = malloc(n)))
		return -1;
	snprintf(tmp, n, "%s.tmp", path);
	sev = setMsgSeverity(L_SEVERITY_ERROR);
	err = put(tmp, j) || rename(tmp, path);
	setMsgSeverity(sev);
	if (err)
		remove(tmp);
	free(tmp);
	return err ? -1 : 0;
}

static int
put_jpeg(const char *tmp, const struct job *j)
{
	return pixWriteJpeg(tmp, j->pages[0], quality(j->quality), 0) != 0;
}

static int
put_png(const char *tmp, const struct job *j)
{
	return pixWrite(tmp, j->pages[0], IFF_PNG) != 0;
}

static int
put_tiff(const char *tmp, const struct job *j)
{
	for (int i = 0; i < j->n; i++) {
		PIX *pix = j->pages[i];
		int comp = pixGetDepth(pix) == 1 ? IFF_TIFF_G4 : IFF_TIFF_ZIP;

		if (pixWriteTiff(tmp, pix, comp, i ? "a" : "w"))
			return 1;
	}
	return 0;
}

/* Every page is brought to 8 or 32 bpp without a colormap, so that one
 * encoding, JPEG, fits all; res 0 makes Leptonica size each page from
 * its own resolution. No title and no creation date: a seed must give
 * the same bytes on every run. */
static int
put_pdf(const char *tmp, const struct job *j)
{
	PIXA *pixa = pixaCreate(j->n);
	int err = !pixa;

	l_pdfSetDateAndVersion(0);

	for (int i = 0; !err && i < j->n; i++) {
		PIX *pix = pixConvertTo8Or32(j->pages[i], L_CLONE, 0);

		if (!(err = !pix)) {
			pixCopyResolution(pix, j->pages[i]);
			err = pixaAddPix(pixa, pix, L_INSERT) != 0;
		}
		if (err)
			pixDestroy(&pix);
	}
	if (!err)
		err = pixaConvertToPdf(pixa, 0, 1.0, L_JPEG_ENCODE, quality(j->quality), NULL, tmp) != 0;
	pixaDestroy(&pixa);
	return err;
}

int
gen_write_jpeg(const char *path, PIX *pix, int q)
{
	struct job j = {&pix, 1, q};

	return atomic(path, put_jpeg, &j);
}

int
gen_write_png(const char *path, PIX *pix)
{
	struct job j = {&pix, 1, 0};

	return atomic(path, put_png, &j);
}

int
gen_write_tiff_multi(const char *path, PIX **pages, int n)
{
	struct job j = {pages, n, 0};

	return atomic(path, put_tiff, &j);
}

int
gen_write_scanned_pdf(const char *path, PIX **pages, int n, int jpeg_quality)
{
	struct job j = {pages, n, jpeg_quality};

	return atomic(path, put_pdf, &j);
}
