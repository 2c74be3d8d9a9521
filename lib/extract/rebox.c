/* rebox.c - where a key field's value is read again: its box as the page
 * reading left it may have lost the value's start (a word starting far
 * from its label), its end (a name stopping inside its brackets) or most
 * of it (a code's first characters alone on its line). Each box is
 * widened to what the value should take before the re-reads
 * (evidence.c) look at it, and the value marked doubted so that one
 * re-read does not settle it. */
#include <stdlib.h>

#include "extract/extract.h"

/* The median of the gaps between a label and its value on f's page, 0
 * when fewer than three values were found right of their labels. */
static int
page_gap(const zz_foundset *fs, const zz_found *f)
{
	int g[64], n = 0;
	for (int i = 0; i < fs->n && n < 64; i++) {
		const zz_found *o = &fs->v[i];
		if (o->doc == f->doc && o->page == f->page && o->lx > 0 && o->w > 0 && o->x >= o->lx)
			g[n++] = o->x - o->lx;
	}
	return n < 3 ? 0 : zz_median(g, n);
}

/* A word that starts much further from its label than the page's other
 * values do lost its first characters to OCR (北京伊华园… read as
 * 伊华园…, 71 pixels right of 称 where the page's other values start 24
 * right of theirs): its box is widened back to where they start, never
 * over the label, and read again. */
static void
late_start(const zz_foundset *fs, zz_found *f)
{
	if (!zz_field_words(f->def) || f->lx <= 0 || f->w <= 0 || f->h <= 0)
		return;
	int m = page_gap(fs, f);
	if (m <= 0 || 2 * (f->x - f->lx - m) <= 3 * f->h)
		return;
	int x = f->lx + (m > f->h / 2 ? m : f->h / 2);
	f->w += f->x - x, f->x = x;
	f->doubted = 1;
}

/* A name cut short inside its brackets (有限责任公司(自然, the rest of
 * the line lost under a watermark) is read again over the rest of its
 * line: as far right as eight of its heights, never into the next word
 * read on that line (another column's label). */
static void
early_end(zz_found *f)
{
	if (!f->open_end || f->w <= 0 || f->h <= 0 || !f->doc)
		return;
	const zz_dpage *p = zz_doc_page(f->doc, f->page);
	if (!p || !p->width)
		return;
	int end = f->x + f->w, right = end + 8 * f->h;
	for (int r = 0; r < p->nrows; r++)
		for (int k = 0; k < p->rows[r].n; k++) {
			const zz_chunk *c = &p->rows[r].chunks[k];
			int overlap = c->y < f->y + f->h && f->y < c->y + c->h;
			if (overlap && c->x >= end + f->h / 2 && c->x - f->h / 2 < right)
				right = c->x - f->h / 2;
		}
	if (right > p->width)
		right = p->width;
	if (right > end) {
		f->w = right - f->x;
		f->doubted = 1;
	}
}

/* A code of which only the start was read (91110113MA0, the rest lost
 * under a watermark) is read again over the width the whole code takes:
 * its characters are of one width, so as many more as are missing and
 * one for the margin. */
static void
code_rest(zz_found *f)
{
	int full = f->def->type == ZZ_V_USCC ? 18 : f->def->type == ZZ_V_REGNO ? 15 : 0, n = 0;
	if (!full || *f->value || !f->raw || f->w <= 0 || f->h <= 0)
		return;
	for (const char *c = f->raw; *c; c++)
		n += (*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z');
	if (n < 8 || n >= full)
		return;
	f->w = f->w * full / n + f->w / n;
	f->doubted = 1;
}

void
zz_rebox(const zz_foundset *fs, zz_found *f)
{
	late_start(fs, f);
	early_end(f);
	code_rest(f);
}
