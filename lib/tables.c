/* tables.c - records from tables (staff rosters, project lists) in Excel,
 * Word and scanned pages alike: a header row is the row where at least
 * min-headers column labels are found; below it, each chunk belongs to the
 * column whose band (the header's span, widened to the midpoints between
 * neighbouring headers) holds its centre, or, in Word and Excel, to the
 * column of its cell. A table may go on over the next pages without a
 * header of its own. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"

typedef struct band {
	int found;
	int lo, hi; /* pixels, for boxed pages */
	int col;    /* cell column, for Word and Excel */
	long long unit;
} band;

static int
match_header(const zz_fdef *f, const zz_chunk *c)
{
	size_t a, b;
	for (int i = 0; i < f->nlabels; i++)
		if (zz_label_find(f->labels[i], c->text, &a, &b) >= 0)
			return 1;
	return 0;
}

/* Finds the header in row r; 1 with the bands set when enough columns
 * are named there. */
static int
header_row(const zz_tdef *t, const zz_row *row, band *bands)
{
	int n = 0;
	memset(bands, 0, (size_t)t->ncols * sizeof *bands);
	for (int k = 0; k < t->ncols; k++)
		for (int i = 0; i < row->n && !bands[k].found; i++) {
			const zz_chunk *c = &row->chunks[i];
			if (!match_header(&t->cols[k], c))
				continue;
			bands[k] = (band){1, c->x, c->x + c->w, c->col, t->cols[k].unit};
			if (t->cols[k].type == ZZ_V_MONEY && strstr(c->text, "万"))
				bands[k].unit = 10000; /* 合同金额（万元） */
			n++;
		}
	if (n < t->min_headers)
		return 0;
	/* widen the bands to the midpoints between neighbours */
	for (int k = 0; k < t->ncols; k++) {
		int lo = -1000000, hi = 1000000;
		for (int j = 0; j < t->ncols; j++) {
			if (j == k || !bands[j].found || !bands[k].found)
				continue;
			if (bands[j].hi <= bands[k].lo && (bands[j].hi + bands[k].lo) / 2 > lo)
				lo = (bands[j].hi + bands[k].lo) / 2;
			if (bands[j].lo >= bands[k].hi && (bands[j].lo + bands[k].hi) / 2 < hi)
				hi = (bands[j].lo + bands[k].hi) / 2;
		}
		if (bands[k].found)
			bands[k].lo = lo, bands[k].hi = hi;
	}
	return 1;
}

static int
column_of(const zz_tdef *t, const band *bands, const zz_chunk *c)
{
	int centre = c->x + c->w / 2;
	for (int k = 0; k < t->ncols; k++) {
		if (!bands[k].found)
			continue;
		if (c->col ? c->col == bands[k].col : centre >= bands[k].lo && centre < bands[k].hi)
			return k;
	}
	return -1;
}

/* One data row as a record; 0 when it has no key (a blank or total row). */
static int
row_record(const zz_tdef *t, const band *bands, const zz_doc *d, const zz_dpage *p,
           const zz_row *row, int index, zz_foundset *fs)
{
	const zz_chunk *cell[64] = {0};
	int key = -1, have = 0;
	for (int i = 0; i < row->n; i++) {
		int k = column_of(t, bands, &row->chunks[i]);
		if (k >= 0 && k < 64 && !cell[k])
			cell[k] = &row->chunks[i], have++;
	}
	for (int k = 0; k < t->ncols; k++)
		if (!strcmp(t->cols[k].name, t->key))
			key = k;
	if (!have || key < 0 || !cell[key] || !*cell[key]->text)
		return 0;
	char *kv = zz_norm_name(cell[key]->text);
	int total = !kv || !strcmp(kv, "合计") || !strcmp(kv, "总计") || !strcmp(kv, "小计");
	free(kv);
	if (total)
		return 0;
	for (int k = 0; k < t->ncols && k < 64; k++) {
		if (!bands[k].found)
			continue;
		zz_found *f = zz_found_add(fs);
		f->name = zz_easprintf("%s[%d].%s", t->record, index, t->cols[k].name);
		f->def = &t->cols[k], f->doc = d, f->page = p->n, f->method = "table";
		const zz_chunk *c = cell[k];
		f->raw = zz_estrdup(c ? c->text : "");
		if (!*f->raw) {
			f->value = zz_estrdup(""), f->status = "empty", f->conf = 1.0;
			if (c)
				f->x = c->x, f->y = c->y, f->w = c->w, f->h = c->h, f->where = c->where;
			else if (cell[key]->where)
				f->row = zz_easprintf("row of %s", cell[key]->where);
			else /* the column's band on the row */
				f->x = bands[k].lo > 0 ? bands[k].lo : 0, f->y = row->y,
				f->w = bands[k].hi < p->width ? bands[k].hi - f->x : p->width - f->x,
				f->h = row->h;
			continue;
		}
		int rc = zz_field_normalise(&t->cols[k], c->text, bands[k].unit, &f->value);
		f->status = rc == 1 ? "repaired" : rc == 0 ? "ok" : "invalid";
		f->conf = rc < 0 ? 0.2 : c->conf * (rc == 1 ? 0.7 : 1.0);
		f->x = c->x, f->y = c->y, f->w = c->w, f->h = c->h, f->where = c->where;
	}
	return 1;
}

void
zz_tables_extract(const zz_dtype *dtype, const zz_doc *d, zz_foundset *fs, int *next)
{
	for (int ti = 0; ti < dtype->ntables; ti++) {
		const zz_tdef *t = &dtype->tables[ti];
		band bands[64];
		int have = 0, from = *next;
		if (t->ncols > 64)
			continue;
		for (int pi = 0; pi < d->npages; pi++) {
			const zz_dpage *p = &d->pages[pi];
			for (int r = 0; r < p->nrows; r++) {
				band nb[64];
				if (header_row(t, &p->rows[r], nb)) {
					memcpy(bands, nb, sizeof bands);
					have = 1;
					continue;
				}
				if (have && row_record(t, bands, d, p, &p->rows[r], *next, fs))
					(*next)++;
			}
			/* a new sheet starts a new table; a scanned page goes on */
			if (p->width == 0)
				have = 0;
		}
		/* a document of the type whose table gave no record (no header
		 * found, or no row under it): its records are not known to be
		 * none, and what is counted over them is not sure */
		if (*next == from)
			zz_found_missing(fs, t->record, d, 0);
	}
}
