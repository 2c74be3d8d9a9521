/* photo.c - a licence photographed with a phone: the sheet on a wooden or
 * grey table (or held up, small in the frame), seen at an angle (a
 * projective warp by Leptonica from four point pairs), under a lamp that
 * lights one side more, sometimes with the shadow of the phone or an arm
 * across it and a thumb over a margin; then the camera's blur and noise
 * (gen_scan's). And the screenshot a phone makes of such a photo. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "licence.h"

static int
clamp8(double v)
{
	return v <= 0 ? 0 : v >= 255 ? 255 : (int)(v + 0.5);
}

/* ---- the table ---- */

static PIX *
table(int w, int h, int kind, gen_rng *r)
{
	PIX *pix = pixCreate(w, h, 32);
	if (!pix)
		return NULL;
	int wpl = pixGetWpl(pix);
	double base[4][3] = {{135, 80, 48}, {128, 128, 124}, {40, 38, 40}, {215, 208, 196}};
	double k = gen_rng_real(r, 0.8, 1.15), *c = base[kind & 3];
	double freq = gen_rng_real(r, 0.015, 0.04), wob = gen_rng_real(r, 0.002, 0.006);
	double ph = gen_rng_real(r, 0, 6.28), plank = w / gen_rng_real(r, 2.5, 5);
	gen_rng nr;
	gen_rng_seed(&nr, gen_rng_u64(r));
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(pix) + (size_t)y * wpl;
		for (int x = 0; x < w; x++) {
			double v = 1 + ((double)(gen_rng_u64(&nr) & 0xff) - 128) / 128 * 0.03;
			if (kind == 0) {
				/* grain along y, wavering, faint; darker seams
				 * between planks */
				v *= 0.93 + 0.07 * sin(x * freq + 4 * sin(y * wob + ph));
				if (fmod(x + 0.0, plank) < 2)
					v *= 0.8;
			} else {
				v *= 1 - 0.15 * (double)y / h;
			}
			v *= k;
			line[x] = px_rgb(clamp8(c[0] * v), clamp8(c[1] * v), clamp8(c[2] * v));
		}
	}
	return pix;
}

/* ---- the sheet seen at an angle ---- */

static PTA *
quad_pta(const double q[8])
{
	PTA *p = ptaCreate(4);
	for (int i = 0; i < 8; i += 2)
		ptaAddPt(p, (float)q[i], (float)q[i + 1]);
	return p;
}

/* where the sheet's corners go: turned by the skew about the frame's
 * centre, shifted, each corner pulled a little (the camera not square
 * to the table: the far edge shorter) */
static void
corners(const double src[8], int fw, int fh, const gen_lic_copy *c, gen_rng *r, double dst[8])
{
	double a = c->skew * M_PI / 180, cx = fw / 2.0, cy = fh / 2.0;
	double sw = src[2] - src[0], sh = src[7] - src[1];
	double keystone = gen_rng_real(r, 0, gen_rng_chance(r, 0.8) ? 0.035 : 0.07) * sw;
	double j = 0.015 * sw;
	double shift_x = gen_rng_real(r, -0.5, 0.5) * (fw - sw) * 0.8;
	double shift_y = gen_rng_real(r, -0.5, 0.5) * (fh - sh) * 0.8;
	int far = gen_rng_int(r, 0, 1); /* the top or the bottom edge is further */
	for (int i = 0; i < 8; i += 2) {
		double x = src[i] - cx, y = src[i + 1] - cy;
		int top = i < 4;
		if (top == !far)
			x += (x < 0 ? 1 : -1) * keystone;
		x += gen_rng_real(r, -j, j), y += gen_rng_real(r, -j, j);
		dst[i] = cx + shift_x + x * cos(a) - y * sin(a);
		dst[i + 1] = cy + shift_y + x * sin(a) + y * cos(a);
	}
}

/* out = bg where the mask is 0, sheet where it is 255 */
static void
lay(PIX *bg, PIX *sheet, PIX *mask)
{
	int w = pixGetWidth(bg), h = pixGetHeight(bg);
	for (int y = 0; y < h; y++) {
		l_uint32 *b = pixGetData(bg) + (size_t)y * pixGetWpl(bg);
		l_uint32 *s = pixGetData(sheet) + (size_t)y * pixGetWpl(sheet);
		l_uint32 *m = pixGetData(mask) + (size_t)y * pixGetWpl(mask);
		for (int x = 0; x < w; x++) {
			int a = GET_DATA_BYTE(m, x);
			if (!a)
				continue;
			int u[3], v[3];
			px_split(b[x], u);
			px_split(s[x], v);
			b[x] = px_rgb(u[0] + (v[0] - u[0]) * a / 255, u[1] + (v[1] - u[1]) * a / 255,
			              u[2] + (v[2] - u[2]) * a / 255);
		}
	}
}

/* the forward map of the warp, for following points through it */
static void
follow(const double src[8], const double dst[8], double *pts, int n)
{
	PTA *s = quad_pta(src), *d = quad_pta(dst);
	l_float32 *vc = NULL;
	if (getProjectiveXformCoeffs(s, d, &vc) == 0) {
		for (int i = 0; i < 2 * n; i += 2) {
			double x = pts[i], y = pts[i + 1], z = vc[6] * x + vc[7] * y + 1;
			pts[i] = (vc[0] * x + vc[1] * y + vc[2]) / z;
			pts[i + 1] = (vc[3] * x + vc[4] * y + vc[5]) / z;
		}
	}
	LEPT_FREE(vc);
	ptaDestroy(&s);
	ptaDestroy(&d);
}

/* ---- light ---- */

struct lamp {
	double gx, gy, g0;        /* brightness falls along a direction */
	double tint[3];
	double sa, sb, sc, sw, sd; /* a shadow band: a x + b y in [c, c + w], depth d */
};

static void
lamp_init(struct lamp *l, int w, int h, const gen_lic_copy *c, gen_rng *r)
{
	double th = gen_rng_real(r, 0, 2 * M_PI), amp = gen_rng_real(r, 0.03, 0.2);
	l->gx = amp * cos(th) / w, l->gy = amp * sin(th) / h;
	l->g0 = 1 + amp / 2;
	int warm = gen_rng_chance(r, 0.6);
	l->tint[0] = 1, l->tint[1] = warm ? 0.96 : 0.99, l->tint[2] = warm ? 0.86 : 1.02;
	l->sd = c->shadow ? gen_rng_real(r, 0.1, 0.3) : 0;
	double a = gen_rng_real(r, 0, M_PI);
	l->sa = cos(a), l->sb = sin(a);
	double mx = gen_rng_real(r, 0.2, 0.8) * w, my = gen_rng_real(r, 0.2, 0.8) * h;
	double mid = l->sa * mx + l->sb * my;
	l->sw = (w < h ? w : h) * gen_rng_real(r, 0.1, 0.35);
	l->sc = mid - l->sw / 2;
}

static double
lamp_at(const struct lamp *l, int x, int y)
{
	double g = l->g0 - l->gx * x - l->gy * y;
	if (l->sd > 0) {
		double t = l->sa * x + l->sb * y - l->sc, soft = l->sw * 0.25;
		double out = t < 0 ? -t : t > l->sw ? t - l->sw : 0; /* outside the band */
		double in = 1 - fmin(out / soft, 1);
		g *= 1 - l->sd * in;
	}
	return g;
}

static void
light(PIX *pix, const gen_lic_copy *c, gen_rng *r)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	struct lamp l;
	lamp_init(&l, w, h, c, r);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(pix) + (size_t)y * wpl;
		for (int x = 0; x < w; x++) {
			double g = lamp_at(&l, x, y);
			int v[3];
			px_split(line[x], v);
			line[x] = px_rgb(clamp8(v[0] * g * l.tint[0]), clamp8(v[1] * g * l.tint[1]),
			                 clamp8(v[2] * g * l.tint[2]));
		}
	}
}

/* ---- a thumb ---- */

/* an ellipse at (cx, cy), semi-axes a along (ux, uy) and b across, in
 * skin colour shaded to its rim, with a soft edge */
static void
blob(PIX *pix, double cx, double cy, double ux, double uy, double a, double b, const double *skin)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	double m = a > b ? a : b;
	int x0 = (int)fmax(0, cx - m), x1 = (int)fmin(w - 1, cx + m);
	int y0 = (int)fmax(0, cy - m), y1 = (int)fmin(h - 1, cy + m);
	for (int y = y0; y <= y1; y++) {
		l_uint32 *line = pixGetData(pix) + (size_t)y * wpl;
		for (int x = x0; x <= x1; x++) {
			double dx = x - cx, dy = y - cy;
			double s = (dx * ux + dy * uy) / a, t = (-dx * uy + dy * ux) / b;
			double rr = s * s + t * t;
			if (rr >= 1)
				continue;
			double alpha = fmin(1, (1 - rr) * 12), shade = 0.7 + 0.3 * (1 - t * t);
			int v[3];
			px_split(line[x], v);
			line[x] = px_rgb(clamp8(v[0] + (skin[0] * shade - v[0]) * alpha),
			                 clamp8(v[1] + (skin[1] * shade - v[1]) * alpha),
			                 clamp8(v[2] + (skin[2] * shade - v[2]) * alpha));
		}
	}
}

/* A thumb on the left, right or bottom edge of the sheet, its tip a few
 * per cent into the margin (never over the fields), the hand behind it
 * off the sheet. */
static void
thumb(PIX *pix, const double q[8], gen_rng *r)
{
	static const int edges[3][2] = {{3, 0}, {1, 2}, {2, 3}}; /* left, right, bottom */
	const int *e = edges[gen_rng_int(r, 0, 2)];
	double t = gen_rng_real(r, 0.35, 0.75);
	double ex = q[2 * e[0]] + t * (q[2 * e[1]] - q[2 * e[0]]);
	double ey = q[2 * e[0] + 1] + t * (q[2 * e[1] + 1] - q[2 * e[0] + 1]);
	double mx = (q[0] + q[2] + q[4] + q[6]) / 4, my = (q[1] + q[3] + q[5] + q[7]) / 4;
	double nx = mx - ex, ny = my - ey, len = hypot(nx, ny);
	nx /= len, ny /= len;
	double sw = hypot(q[2] - q[0], q[3] - q[1]);
	double a = sw * gen_rng_real(r, 0.07, 0.1), b = a * 0.42;
	double in = sw * gen_rng_real(r, 0.015, 0.04);
	double skin[3];
	skin[0] = gen_rng_real(r, 200, 235);
	skin[1] = gen_rng_real(r, 150, 180);
	skin[2] = gen_rng_real(r, 120, 150);
	blob(pix, ex - nx * a * 2.2, ey - ny * a * 2.2, nx, ny, a * 1.6, a * 1.2, skin);
	blob(pix, ex + nx * (in - a), ey + ny * (in - a), nx, ny, a, b, skin);
	double nail[3] = {skin[0] * 1.08, skin[1] * 1.1, skin[2] * 1.12};
	blob(pix, ex + nx * (in - b * 0.7), ey + ny * (in - b * 0.7), nx, ny, b * 0.55, b * 0.55, nail);
}

/* ---- the photo ---- */

PIX *
gen_photo(PIX *page, const gen_lic_copy *c, gen_rng *r, double quad[8])
{
	int pw = pixGetWidth(page), ph = pixGetHeight(page), port = ph > pw;
	/* the frame has the sheet's orientation, 4:3; the sheet fills c->sheet
	 * of its width, or of its height if that is the tighter */
	int fw = (int)(pw / (c->sheet > 0.2 ? c->sheet : 0.8));
	int fh = port ? fw * 4 / 3 : fw * 3 / 4;
	if (ph > fh * c->sheet * 1.02) {
		fh = (int)(ph / c->sheet);
		fw = port ? fh * 3 / 4 : fh * 4 / 3;
	}
	PIX *bg = table(fw, fh, c->background, r);
	PIX *canvas = pixCreate(fw, fh, 32), *mask = pixCreate(fw, fh, 8);
	if (!bg || !canvas || !mask) {
		pixDestroy(&bg), pixDestroy(&canvas), pixDestroy(&mask);
		return NULL;
	}
	int ox = (fw - pw) / 2, oy = (fh - ph) / 2;
	pixRasterop(canvas, ox, oy, pw, ph, PIX_SRC, page, 0, 0);
	pixRasterop(mask, ox, oy, pw, ph, PIX_SET, NULL, 0, 0);
	double src[8] = {ox, oy, ox + pw, oy, ox + pw, oy + ph, ox, oy + ph}, dst[8];
	corners(src, fw, fh, c, r, dst);
	PTA *ps = quad_pta(src), *pd = quad_pta(dst);
	PIX *sheet = pixProjectivePta(canvas, pd, ps, L_BRING_IN_BLACK);
	PIX *m = pixProjectivePta(mask, pd, ps, L_BRING_IN_BLACK);
	ptaDestroy(&ps), ptaDestroy(&pd);
	pixDestroy(&canvas), pixDestroy(&mask);
	if (sheet && m)
		lay(bg, sheet, m);
	pixDestroy(&sheet), pixDestroy(&m);
	for (int i = 0; i < 8; i += 2)
		quad[i] += ox, quad[i + 1] += oy;
	follow(src, dst, quad, 4);
	light(bg, c, r);
	if (c->hand)
		thumb(bg, dst, r);
	/* the camera: a little blur, what noise its denoiser leaves, its own
	 * uneven light; then, as most phones do, sharpening */
	gen_scan_params sp = {0};
	sp.dpi = pixGetXRes(page);
	pixSetResolution(bg, sp.dpi, sp.dpi);
	sp.blur = gen_rng_real(r, 0.2, gen_rng_chance(r, 0.8) ? 0.7 : 1.3);
	sp.noise = gen_rng_real(r, 1.5, 5);
	sp.uneven = gen_rng_real(r, 0, 0.3);
	sp.grey = c->grey;
	PIX *out = gen_scan(bg, &sp, gen_rng_u64(r));
	pixDestroy(&bg);
	if (out && gen_rng_chance(r, 0.6)) {
		int half = gen_rng_int(r, 1, 2);
		PIX *sharp = pixUnsharpMasking(out, half, (float)gen_rng_real(r, 0.2, 0.6));
		if (sharp) {
			pixDestroy(&out);
			out = sharp;
		}
	}
	return out;
}

/* A phone's screenshot of the photo: black above and below, the gallery's
 * round buttons at the bottom. */
PIX *
gen_screenshot(PIX *photo, gen_rng *r)
{
	int w = 1080, h = gen_rng_chance(r, 0.5) ? 2400 : 2340;
	float k = (float)w / pixGetWidth(photo);
	PIX *p32 = pixConvertTo32(photo); /* a grey photo too */
	PIX *small = p32 ? pixScale(p32, k, k) : NULL, *out = pixCreate(w, h, 32);
	pixDestroy(&p32);
	pixDestroy(&photo);
	if (!small || !out) {
		pixDestroy(&small), pixDestroy(&out);
		return NULL;
	}
	int sh = pixGetHeight(small) < h ? pixGetHeight(small) : h;
	pixRasterop(out, 0, (h - sh) / 2, w, sh, PIX_SRC, small, 0, 0);
	pixDestroy(&small);
	double grey[3] = {70, 70, 72};
	for (int i = 0; i < 4; i++)
		blob(out, w * (0.2 + 0.2 * i), h - 110, 1, 0, 48, 48, grey);
	return out;
}
