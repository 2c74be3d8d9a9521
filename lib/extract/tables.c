/* tables.c - records from tables (staff rosters, project lists) in Excel,
 * Word and scanned pages alike: a header row is the row where at least
 * min-headers column labels are found; below it, each chunk belongs to the
 * column whose band (the header's span, widened to the midpoints between
 * neighbouring headers) holds its centre, or, in Word and Excel, to the
 * column of its cell. A table may go on over the next pages without a
 * header of its own. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

typedef struct band {
	int found;
	int lo, hi; /* pixels, for boxed pages */
	int col;    /* cell column, for Word and Excel */
	long long unit;
	const char *unread_unit; /* the header, when it names a unit not read */
} band;

/* Does a header name a unit in brackets that could not be read (合同价款
 * (于元), 千 misread)? Its figures are in some unit, not surely 元. */
static int
unit_unread(const char *s)
{
	const char *open = strstr(s, "(") ? strstr(s, "(") : strstr(s, "（");
	return open && strstr(open, "元");
}

/* How well chunk c names column f: 0 not at all, else higher for a
 * label matched exactly and longer. A header cell is short and may say
 * more than the label (员工姓名, 合同签订时间, 合同金额（万元）), so the
 * label may stand anywhere in it. */
static int
header_fit(const zz_fdef *f, const zz_chunk *c)
{
	size_t a, b;
	int best = 0;
	if (zz_utf8_len(c->text) > 16)
		return 0;
	for (int i = 0; i < f->nlabels; i++) {
		int e = zz_text_find(f->labels[i], c->text, &a, &b);
		int fit = e < 0 ? 0 : (int)zz_utf8_len(f->labels[i]) * 4 - e * 3;
		if (fit > best)
			best = fit;
	}
	return best;
}

/* The columns the cells of row name, with their bands; each cell names
 * one column, the one it names best. */
static int
name_columns(const zz_tdef *t, const zz_row *row, long long above_unit, band *bands)
{
	int n = 0, fit[64] = {0};
	memset(bands, 0, (size_t)t->ncols * sizeof *bands);
	for (int i = 0; i < row->n; i++) {
		const zz_chunk *c = &row->chunks[i];
		int best = 0, k = -1;
		for (int j = 0; j < t->ncols; j++) {
			int f = header_fit(&t->cols[j], c);
			if (f > best)
				best = f, k = j;
		}
		if (k < 0 || (bands[k].found && fit[k] >= best))
			continue;
		n += !bands[k].found;
		fit[k] = best;
		bands[k] = (band){1, c->x, c->x + c->w, c->col, t->cols[k].unit, NULL};
		/* 合同金额（万元）; else the unit said above the table */
		long long u = zz_money_unit(t->cols[k].unit_re, c->text);
		if (t->cols[k].type == ZZ_V_MONEY && (u || above_unit))
			bands[k].unit = u ? u : above_unit;
		if (t->cols[k].type == ZZ_V_MONEY && !u && unit_unread(c->text))
			bands[k].unread_unit = c->text;
	}
	return n;
}

int
zz_table_columns_named(const zz_tdef *t, const zz_row *row)
{
	band bands[64];
	return t->ncols <= 64 ? name_columns(t, row, 0, bands) : 0;
}

/* Finds the header in row r; 1 with the bands set when enough columns
 * are named there. */
static int
header_row(const zz_tdef *t, const zz_row *row, long long above_unit, band *bands)
{
	if (name_columns(t, row, above_unit, bands) < t->min_headers)
		return 0;
	/* widen the bands to the midpoints between neighbours: every cell
	 * of the header, named or not (序号 left of 项目名称 is a column of
	 * its own, whose 10 is no project's name) */
	for (int k = 0; k < t->ncols; k++) {
		int lo = -1000000, hi = 1000000;
		for (int j = 0; j < row->n && bands[k].found; j++) {
			const zz_chunk *c = &row->chunks[j];
			if (c->w == 0 || (c->x == bands[k].lo && c->x + c->w == bands[k].hi))
				continue;
			if (c->x + c->w <= bands[k].lo && (c->x + c->w + bands[k].lo) / 2 > lo)
				lo = (c->x + c->w + bands[k].lo) / 2;
			if (c->x >= bands[k].hi && (c->x + bands[k].hi) / 2 < hi)
				hi = (c->x + bands[k].hi) / 2;
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
	if (!c->col && !c->w)
		return -1; /* a paragraph of a Word file: in no column */
	for (int k = 0; k < t->ncols; k++) {
		if (!bands[k].found)
			continue;
		if (c->col ? c->col == bands[k].col : centre >= bands[k].lo && centre < bands[k].hi)
			return k;
	}
	return -1;
}

/* Is the row a total (合计, 总计, 小计 in any cell)? Its figures sum
 * the rows above and are no project of their own. */
static int
total_row(const zz_row *row)
{
	static const char *const words[] = {"合计", "总计", "小计", "累计"};
	for (int i = 0; i < row->n; i++) {
		char *v = zz_norm_name(row->chunks[i].text);
		int hit = 0;
		for (unsigned k = 0; v && k < sizeof words / sizeof *words && !hit; k++)
			hit = !strncmp(v, words[k], strlen(words[k])) && zz_utf8_len(v) <= 8;
		free(v);
		if (hit)
			return 1;
	}
	return 0;
}

/* A spreadsheet cell holding a date as Excel's day count in a cell not
 * formatted as a date (45123): in a date column it is nothing else. */
static int
serial_date(const zz_fdef *f, const zz_chunk *c, char **value)
{
	char *end;
	if (f->type != ZZ_V_DATE || !c->where || !strchr(c->where, '!'))
		return 0;
	long days = strtol(c->text, &end, 10);
	/* 1954 to 2099: a count of days, not a year or an amount */
	if (end == c->text || *end || days < 20000 || days > 73050)
		return 0;
	int y, m, d;
	zz_excel_date(days, 0, &y, &m, &d);
	free(*value);
	*value = zz_easprintf("%04d-%02d-%02d", y, m, d);
	return 1;
}

/* The rows above a table's header on its page: its title, its unit. */
typedef struct above {
	const zz_dpage *p;
	int end;
} above;

/* The value of the column the table has not, from its title (a list
 * titled 安全运营项目业绩 is of security-operations projects), when the
 * column's <find>s find it there. */
static void
from_title(const zz_tdef *t, int k, const above *title, int index, const zz_doc *d,
           zz_foundset *fs)
{
	const zz_fdef *col = &t->cols[k];
	for (int r = 0; title->p && r < title->end; r++)
		for (int i = 0; i < title->p->rows[r].n; i++) {
			const zz_chunk *c = &title->p->rows[r].chunks[i];
			for (int j = 0; j < col->nfinds; j++) {
				size_t mo, ml;
				if (!zz_re_match(&col->finds[j], c->text, 0, &mo, &ml))
					continue;
				zz_found *f = zz_found_add(fs);
				f->name = zz_easprintf("%s[%d].%s", t->record, index, col->name);
				f->def = col, f->doc = d, f->page = title->p->n, f->method = "title";
				f->raw = zz_estrdup(c->text);
				f->value = zz_easprintf("%.*s", (int)ml, c->text + mo);
				f->status = "ok", f->conf = c->conf < 0.9 ? c->conf : 0.9;
				f->x = c->x, f->y = c->y, f->w = c->w, f->h = c->h, f->where = c->where;
				return;
			}
		}
}

/* An amount OCR read in a scanned table is read again (the column's key
 * fields), its box widened left over the blank of its cell up to the
 * column's band or the text before it: OCR drops a leading "1," at a
 * cell's edge (166.50 for 1,166.50), and every amount counts in a sum. */
static void
scanned_amount(const band *bands, int k, const zz_row *row, const zz_chunk *c, zz_found *f)
{
	int x0 = bands[k].lo > 0 ? bands[k].lo : 0;
	for (int i = 0; i < row->n; i++) {
		const zz_chunk *o = &row->chunks[i];
		if (o != c && o->w > 0 && o->x + o->w <= c->x && o->x + o->w + 2 > x0)
			x0 = o->x + o->w + 2;
	}
	if (x0 < c->x - 4 * c->h)
		x0 = c->x - 4 * c->h; /* a few characters at most */
	if (x0 < c->x)
		f->w += f->x - x0, f->x = x0;
	f->doubted = 1;
}

/* One data row as a record; 0 when it has no key (a blank or total row). */
static int
row_record(const zz_tdef *t, const band *bands, const above *title, const zz_doc *d,
           const zz_dpage *p, const zz_row *row, int index, zz_foundset *fs)
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
	if (total_row(row))
		return 0;
	for (int k = 0; k < t->ncols && k < 64; k++) {
		if (!bands[k].found) {
			if (t->cols[k].nfinds)
				from_title(t, k, title, index, d, fs);
			continue;
		}
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
		f->unit = bands[k].unit;
		int rc = zz_field_normalise(&t->cols[k], c->text, bands[k].unit, &f->value);
		if (rc < 0 && serial_date(&t->cols[k], c, &f->value))
			rc = 0;
		f->status = rc == 1 ? "repaired" : rc == 0 ? "ok" : "invalid";
		f->conf = rc < 0 ? 0.2 : c->conf * (rc == 1 ? 0.7 : 1.0);
		f->x = c->x, f->y = c->y, f->w = c->w, f->h = c->h, f->where = c->where;
		if (c->w > 0 && t->cols[k].type == ZZ_V_MONEY)
			scanned_amount(bands, k, row, c, f);
		if (bands[k].unread_unit && rc >= 0) {
			/* 1,368.30 in 元 or in 千元? not a figure to count surely */
			f->note = zz_easprintf("the unit its header names was not read: %s",
			                       bands[k].unread_unit);
			f->conf = f->conf < 0.5 ? f->conf : 0.5;
			f->cap = 0.5;
		}
	}
	return 1;
}

/* A 合计 row checks the amounts above it, since the header or the last
 * total (the found values from fs index from): the same sum confirms
 * them, as the balancing total does a balance sheet; another sum puts
 * every one in doubt, for one of them was misread (a leading 1 that
 * OCR dropped) or the list is not what it says. */
static void
check_total(const zz_tdef *t, const band *bands, const zz_row *row, zz_foundset *fs, int from)
{
	for (int k = 0; k < t->ncols; k++) {
		const zz_fdef *col = &t->cols[k];
		const zz_chunk *c = NULL;
		for (int i = 0; i < row->n && !c && col->type == ZZ_V_MONEY && bands[k].found; i++)
			if (column_of(t, bands, &row->chunks[i]) == k)
				c = &row->chunks[i];
		char *total = NULL;
		if (!c || zz_field_normalise(col, c->text, bands[k].unit, &total) != 0) {
			free(total);
			continue;
		}
		long long sum = 0;
		int n = 0, unread = 0;
		for (int i = from; i < fs->n; i++)
			if (fs->v[i].def == col)
				n++, unread |= !*fs->v[i].value, sum += atoll(fs->v[i].value);
		int same = sum == atoll(total);
		for (int i = from; n && !unread && i < fs->n; i++) {
			zz_found *f = &fs->v[i];
			if (f->def != col)
				continue;
			/* a reason for a cap (the unit not read) stays: the total
			 * is in the same unread unit and says nothing of it */
			char *note = zz_easprintf("%s%s%s %s: %s", f->cap > 0 && f->note ? f->note : "",
			                          f->cap > 0 && f->note ? "; " : "", row->chunks[0].text,
			                          same ? "agrees" : "reads", c->text);
			free(f->note);
			f->note = note;
			f->conf = same ? 1 - (1 - f->conf) * 0.3 : f->conf < 0.6 ? f->conf : 0.6;
			if (f->cap > 0 && f->conf > f->cap)
				f->conf = f->cap;
			f->confirmed = same;
		}
		free(total);
	}
}

/* The unit a line above the table names (金额单位：万元), for a money
 * column whose header names none. */
static long long
unit_above(const zz_tdef *t, const zz_row *row)
{
	for (int k = 0; k < t->ncols; k++)
		for (int i = 0; t->cols[k].type == ZZ_V_MONEY && i < row->n; i++) {
			long long u = zz_money_unit(t->cols[k].unit_re, row->chunks[i].text);
			if (u)
				return u;
		}
	return 0;
}

void
zz_tables_extract(const zz_dtype *dtype, const zz_doc *d, zz_foundset *fs, int *next)
{
	for (int ti = 0; ti < dtype->ntables; ti++) {
		const zz_tdef *t = &dtype->tables[ti];
		band bands[64];
		above title = {0};
		int have = 0, from = *next, since = fs->n; /* what a 合计 row sums */
		if (t->ncols > 64)
			continue;
		for (int pi = 0; pi < d->npages; pi++) {
			const zz_dpage *p = &d->pages[pi];
			long long unit = 0; /* said above the header */
			for (int r = 0; r < p->nrows; r++) {
				band nb[64];
				const zz_row *row = &p->rows[r];
				if (header_row(t, row, unit, nb)) {
					memcpy(bands, nb, sizeof bands);
					have = 1, title = (above){p, r}, since = fs->n;
					continue;
				}
				if (have && total_row(row)) {
					check_total(t, bands, row, fs, since);
					since = fs->n;
					continue;
				}
				/* a paragraph after a Word table ends it */
				if (have && p->width == 0 && row->n && !row->chunks[0].col)
					have = 0;
				if (have && row_record(t, bands, &title, d, p, row, *next, fs))
					(*next)++;
				else if (!have) {
					long long u = unit_above(t, row);
					unit = u ? u : unit;
				}
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
