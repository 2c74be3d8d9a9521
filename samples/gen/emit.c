/* emit.c - pages become files: scans are degraded as a scanner would and
 * written as JPEG, PNG, multi-page TIFF or image-only PDF; text-layer PDFs
 * are written by cairo as they are drawn. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit.h"

static const char *const form_name[] = {"scan-jpeg", "scan-png", "scan-tiff", "scan-pdf",
                                        "text-pdf"};

char *
gen_out_path(gen_out *o, const char *rel, int supplement)
{
	char *path = zz_easprintf("%s/%s", supplement && o->drop ? o->drop : o->root, rel);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	if (zz_mkdirs(path, 0755) < 0)
		zz_die(ZZ_EXIT_IO, "cannot create '%s': %s", path, strerror(errno));
	*slash = '/';
	return path;
}

void
gen_doc_begin(gen_doc *d, gen_out *o, const char *rel, const char *type, enum gen_form f,
              double wmm, double hmm, const char *font, const char *font2, int supplement)
{
	memset(d, 0, sizeof *d);
	d->o = o;
	d->form = f;
	d->w = wmm;
	d->h = hmm;
	d->font = font;
	d->font2 = font2;
	d->type = type;
	d->supplement = supplement;
	snprintf(d->rel, sizeof d->rel, "%s", rel);
	char *p = gen_out_path(o, rel, supplement);
	snprintf(d->path, sizeof d->path, "%s", p);
	free(p);
	if (f == F_TEXTPDF)
		d->pdf = gen_pg_pdf(d->path, wmm, hmm, font, font2);
}

gen_pg *
gen_doc_page(gen_doc *d)
{
	if (d->pdf) {
		if (d->npages)
			gen_pg_next(d->pdf);
		return d->pdf;
	}
	return gen_pg_image(d->w, d->h, d->font, d->font2);
}

void
gen_doc_page_done(gen_doc *d, gen_pg **pg)
{
	d->text = zz_erealloc(d->text, (size_t)(d->npages + 1) * sizeof *d->text);
	d->pix = zz_erealloc(d->pix, (size_t)(d->npages + 1) * sizeof *d->pix);
	d->text[d->npages] = gen_pg_take_text(*pg);
	d->pix[d->npages] = d->pdf ? NULL : gen_pg_pix(*pg);
	d->npages++;
	if (!d->pdf)
		gen_pg_free(pg);
	*pg = NULL;
}

/* How this page was scanned: mostly upright and clean, some sideways or
 * upside down, a few poor; the committed set stays small. */
static gen_scan_params
scan_params(gen_rng *r, int small, int poor)
{
	static const int dpis[] = {150, 200, 200, 240, 300, 300};
	gen_scan_params p = {0};
	p.dpi = small ? (gen_rng_chance(r, 0.5) ? 150 : 200) : dpis[gen_rng_int(r, 0, 5)];
	p.skew_deg = gen_rng_chance(r, 0.8) ? gen_rng_real(r, -1.5, 1.5) : gen_rng_real(r, -3, 3);
	int turn = gen_rng_int(r, 0, 99);
	p.rotate = turn < 8 ? 90 : turn < 12 ? 180 : turn < 14 ? 270 : 0;
	p.blur = gen_rng_chance(r, 0.5) ? gen_rng_real(r, 0.2, 0.9) : 0;
	p.noise = gen_rng_real(r, 0, 9);
	p.uneven = gen_rng_real(r, 0, 0.6);
	p.grey = gen_rng_chance(r, small ? 0.8 : 0.6);
	p.jpeg_quality = small ? gen_rng_int(r, 45, 65) : gen_rng_int(r, 60, 90);
	if (poor) {
		p.dpi = 150;
		p.skew_deg = gen_rng_chance(r, 0.5) ? 2.9 : -2.9;
		p.blur = 1.8;
		p.noise = 22;
		p.uneven = 0.95;
		p.jpeg_quality = 22;
		p.rotate = 0;
	}
	return p;
}

/* finished page images in the document's form */
static int
write_form(const char *path, enum gen_form f, PIX **pages, int n, int q)
{
	switch (f) {
	case F_JPEG: return gen_write_jpeg(path, pages[0], q);
	case F_PNG: return gen_write_png(path, pages[0]);
	case F_TIFF: return gen_write_tiff_multi(path, pages, n);
	case F_SCANPDF: return gen_write_scanned_pdf(path, pages, n, q);
	case F_TEXTPDF: break;
	}
	return -1;
}

static int
write_scans(gen_doc *d, gen_docrec *rec)
{
	PIX **out = zz_ecalloc((size_t)d->npages, sizeof *out);
	for (int i = 0; i < d->npages; i++) {
		gen_scan_params p = scan_params(d->o->r, d->o->small, d->poor);
		out[i] = gen_scan(d->pix[i], &p, gen_rng_u64(d->o->r));
		gen_docrec_page(rec, d->text[i], p.dpi, p.rotate, p.skew_deg, d->poor);
	}
	int q = d->poor ? 22 : d->o->small ? 55 : 80;
	int rc = write_form(d->path, d->form, out, d->npages, q);
	for (int i = 0; i < d->npages; i++)
		pixDestroy(&out[i]);
	free(out);
	return rc;
}

int
gen_doc_write_copy(gen_out *o, const char *rel, const char *type, enum gen_form f, PIX *pix,
                   int quality, const gen_pagerec *page)
{
	gen_docrec *rec = gen_doclist_add(o->docs, rel, type, form_name[f], 0);
	gen_docrec_page(rec, page->text, page->dpi, page->rotate, page->skew, page->poor);
	char *path = gen_out_path(o, rel, 0);
	int rc = write_form(path, f, &pix, 1, quality);
	if (rc < 0)
		zz_warn("cannot write '%s'", path);
	free(path);
	return rc;
}

int
gen_doc_end(gen_doc *d)
{
	gen_docrec *rec = gen_doclist_add(d->o->docs, d->rel, d->type, form_name[d->form],
	                                  d->supplement);
	int rc;
	if (d->pdf) {
		for (int i = 0; i < d->npages; i++)
			gen_docrec_page(rec, d->text[i], 0, 0, 0, 0);
		rc = gen_pg_free(&d->pdf);
	} else {
		rc = write_scans(d, rec);
	}
	for (int i = 0; i < d->npages; i++) {
		free(d->text[i]);
		if (d->pix[i])
			pixDestroy(&d->pix[i]);
	}
	free(d->text);
	free(d->pix);
	if (rc < 0)
		zz_warn("cannot write '%s'", d->path);
	return rc;
}

void
gen_doc_office(gen_out *o, const char *rel, const char *type, const char *form,
               const char *text, int supplement)
{
	gen_docrec *rec = gen_doclist_add(o->docs, rel, type, form, supplement);
	gen_docrec_page(rec, text, 0, 0, 0, 0);
}
