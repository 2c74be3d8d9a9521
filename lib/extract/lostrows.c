/* lostrows.c - key fields of a scanned form whose label the page reading
 * lost (法定代表人 read as "ET", its value split into pieces): the rows
 * from the form's first found row down that gave no field are read again, each as
 * one line from where the labels stand to the end of the value, and the
 * missing fields are looked for in that line as in any other. The page
 * reading takes the page as scattered text (sparse mode) and can break a
 * row that a single line's reading keeps whole. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* Rows read again per page, at most: a form has a dozen labelled rows. */
#define MAX_ROWS 6

typedef struct form {
	const zz_doc *d;
	const zz_dpage *p;
	int vx[32], n; /* found values' left edges */
	int vy[32];    /* and tops */
	int gap;       /* between a label and its value, typically */
	int y0, y1, h; /* the rows of found values, a typical height */
	int left;      /* where the first column's values start */
	int x1;        /* and where they end, at most */
} form;

/* The values found on page p (by their label or not: a name found by
 * its shape still shows where values start), the band of rows they
 * span, and how far right of its label a value starts: 0 when fewer
 * than two values are known, or none by its label (no form to speak
 * of). */
static int
form_of(const zz_foundset *fs, const zz_doc *d, const zz_dpage *p, form *fm)
{
	memset(fm, 0, sizeof *fm);
	fm->d = d, fm->p = p;
	int hs[32], gap = -1;
	for (int i = 0; i < fs->n && fm->n < 32; i++) {
		const zz_found *f = &fs->v[i];
		/* (a value below its label stands in the labels' column) */
		if (f->doc != d || f->page != p->n || f->w <= 0 || f->h <= 0 ||
		    !strcmp(f->method, "below"))
			continue;
		if (!fm->n || f->y < fm->y0)
			fm->y0 = f->y;
		if (!fm->n || f->y + f->h > fm->y1)
			fm->y1 = f->y + f->h;
		if (f->lx > 0 && f->x >= f->lx && (gap < 0 || f->x - f->lx < gap))
			gap = f->x - f->lx;
		fm->vx[fm->n] = f->x, fm->vy[fm->n] = f->y, hs[fm->n] = f->h;
		fm->n++;
	}
	if (fm->n < 2 || gap < 0)
		return 0;
	/* the least gap: a value taken from inside its chunk (the end of
	 * a business term, after 至) starts far right of its label */
	fm->h = zz_median(hs, fm->n), fm->gap = gap;
	fm->left = fm->vx[0];
	for (int v = 1; v < fm->n; v++)
		fm->left = fm->vx[v] < fm->left ? fm->vx[v] : fm->left;
	for (int i = 0; i < fs->n; i++) {
		const zz_found *f = &fs->v[i];
		/* (a value of the first column starts where values start, or
		 * after a label that ends before they do) */
		int first = f->x - fm->left < fm->h || (f->lx > 0 && f->lx < fm->left);
		if (f->doc == d && f->page == p->n && f->w > 0 && strcmp(f->method, "below") &&
		    first && f->x + f->w > fm->x1)
			fm->x1 = f->x + f->w;
	}
	return fm->h > 0;
}

/* Did a chunk of row that lies across [x0, x1) give a field (a found
 * value's box on it)? */
static int
band_used(const zz_foundset *fs, const form *fm, const zz_row *row, int x0, int x1)
{
	for (int k = 0; k < row->n; k++) {
		const zz_chunk *c = &row->chunks[k];
		if (c->x < x1 && x0 < c->x + c->w && zz_found_over(fs, fm->d, fm->p->n, c))
			return 1;
	}
	return 0;
}

/* The line of row r to read again: from where its label would start to
 * the end of the value that starts in a column where the form's values
 * start, when none of it gave a field (in a form of two columns, the
 * other column's half of the row may have); 0 when there is none. */
static int
row_line(const zz_foundset *fs, const form *fm, const zz_row *row, int *x, int *y, int *w,
         int *h, int *vx)
{
	for (int k = 0; k < row->n; k++) {
		const zz_chunk *c = &row->chunks[k];
		for (int v = 0; v < fm->n; v++) {
			/* (half a character more: a value whose first
			 * character was lost, 贰佰万元 read from 佰) */
			if (2 * abs(c->x - fm->vx[v]) > 3 * fm->h)
				continue;
			int x1 = c->x + c->w, y0 = c->y, y1 = c->y + c->h;
			for (int j = k + 1; j < row->n && row->chunks[j].x - x1 < 2 * fm->h; j++)
				x1 = row->chunks[j].x + row->chunks[j].w;
			/* labels of up to eight characters, or fewer
			 * letter-spaced as wide; and two characters more
			 * than was read of the value (武汉世纪光源电子有限,
			 * its 公司 lost) */
			int x0 = c->x - fm->gap - 8 * fm->h;
			x0 = x0 > 0 ? x0 : 0;
			x1 += 2 * fm->h;
			if (x1 > fm->p->width)
				x1 = fm->p->width;
			if (band_used(fs, fm, row, x0, x1))
				break;
			for (int j = 0; j < k; j++) /* the label's pieces as read */
				if (row->chunks[j].x + row->chunks[j].w > x0 && row->chunks[j].y < y0)
					y0 = row->chunks[j].y;
			*x = x0, *y = y0, *vx = c->x;
			*w = x1 - x0, *h = (y1 > y0 + fm->h ? y1 : y0 + fm->h) - y0;
			return 1;
		}
	}
	return 0;
}

/* characters in the first n bytes of s */
static size_t
chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n && s[i]; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* miss as read again in line t: raw and value (taken over), its status,
 * its box the line's from vx, where the value starts */
static void
line_read(zz_found *miss, const zz_fdef *def, char *raw, char *value, const char *status,
          const char *t, int x, int y, int w, int h, int vx)
{
	free(miss->raw), free(miss->value), free(miss->note);
	miss->raw = raw, miss->value = value, miss->def = def;
	miss->status = status, miss->method = "line";
	miss->x = vx, miss->y = y, miss->w = x + w - vx, miss->h = h;
	miss->note = zz_easprintf("its row read again as a line: '%s'", t);
}

/* The label of missing field miss was read in line t, and what follows
 * it (rest) gives no value: the place of its value, from vx, where values
 * start, to the end of the line, is kept with what was read there, for
 * the re-reads that follow (the money model reads 捌佰万元整, which
 * chi_sim cannot) and for the reviewer; not a value. */
static void
unread(const zz_fdef *def, const char *rest, const char *t, int x, int y, int w, int h, int vx,
       zz_found *miss)
{
	if (miss->w > 0 || x + w <= vx || !*rest)
		return;
	line_read(miss, def, zz_estrdup(rest), zz_estrdup(""), "invalid", t, x, y, w, h, vx);
	miss->conf = 0;
}

/* Field def's value after one of its labels in line t: 1 with it set
 * into miss, its box the line's from vx, where the value starts, and
 * *src where it starts in t; 0 when a label was there without a value,
 * -1 when no label was. */
static int
take_field(const zz_fdef *def, const char *t, float conf, int x, int y, int w, int h, int vx,
           zz_found *miss, const char **src)
{
	int rc = -1;
	for (int i = 0; i < def->nlabels; i++) {
		size_t a, b, mo = 0, ml, no, nl;
		/* a piece of the margin or the frame may come before it (但|法定
		 * 代表人田孟炀): a label among the line's first characters */
		if (zz_text_find(def->labels[i], t, &a, &b) < 0 || chars(t, a) > 4)
			continue;
		rc = 0;
		const char *rest = t + b;
		ml = strlen(rest);
		if ((def->value_re && !zz_re_match(def->value_re, rest, 0, &mo, &ml)) ||
		    (def->not_re && zz_re_match(def->not_re, rest + mo, 0, &no, &nl))) {
			unread(def, rest, t, x, y, w, h, vx, miss);
			continue;
		}
		char *raw = zz_emalloc(ml + 1), *value = NULL;
		memcpy(raw, rest + mo, ml);
		raw[ml] = '\0';
		if (zz_field_normalise(def, raw, def->unit, &value) < 0 ||
		    !zz_field_plausible(def, value) || !zz_field_usual(def, value)) {
			unread(def, rest, t, x, y, w, h, vx, miss);
			free(raw), free(value);
			continue;
		}
		line_read(miss, def, raw, value, "reread", t, x, y, w, h, vx);
		/* never sure: the label itself was not read on the page */
		miss->conf = conf * 0.8 < 0.8 ? conf * 0.8 : 0.8;
		miss->cap = 0.8;
		*src = rest + mo;
		return 1;
	}
	return rc;
}

static const zz_fdef *
key_def(const zz_dtype *t, const char *name)
{
	const zz_fdef *f = zz_type_field(t, name);
	return f && f->key && f->right && f->nlabels ? f : NULL;
}

/* Missing key fields of page fm->p; *n gets how many. */
static int
missing(zz_foundset *fs, const form *fm, zz_found **out, int max)
{
	int n = 0;
	for (int i = 0; i < fs->n && n < max; i++) {
		zz_found *f = &fs->v[i];
		if (f->doc == fm->d && f->page == fm->p->n && zz_found_is_missing(f) && !f->absent &&
		    key_def(fm->d->type, f->name))
			out[n++] = f;
	}
	return n;
}

/* The missing fields (*nm of miss) looked for in line t, read again
 * over (x,y,w,h) with values from vx: 1 when one was taken (and is no
 * longer missing), 0 when a label was read there without its value, -1
 * when none was. A name taken in the line of row r (r >= 0) that goes on
 * below it is joined with the rest. */
static int
take_missing(const form *fm, zz_found **miss, int *nm, const char *t, float conf, int x, int y,
             int w, int h, int vx, int r)
{
	int seen = 0;
	for (int i = 0; t && i < *nm; i++) {
		const zz_fdef *def = key_def(fm->d->type, miss[i]->name);
		const char *src = NULL;
		int got = take_field(def, t, conf, x, y, w, h, vx, miss[i], &src);
		seen |= got == 0;
		if (got > 0) {
			if (r >= 0) /* (a long name goes on below the line) */
				zz_wrap_name(fm->d->type, def, fm->p, r, def->unit, src, miss[i]);
			miss[i] = miss[--*nm];
			return 1;
		}
	}
	return seen ? 0 : -1;
}

/* The pitch of the form's rows: the median step between the tops of
 * found values on rows next to each other (a typical height to three
 * apart); 0 when fewer than two such steps are known. */
static int
pitch(const form *fm)
{
	int ys[32], n = fm->n, steps[32], ns = 0;
	memcpy(ys, fm->vy, sizeof ys);
	for (int i = 1; i < n; i++) /* (a handful: insertion sort) */
		for (int k = i; k > 0 && ys[k - 1] > ys[k]; k--) {
			int t = ys[k];
			ys[k] = ys[k - 1], ys[k - 1] = t;
		}
	for (int i = 1; i < n; i++) {
		int d = ys[i] - ys[i - 1];
		if (d >= fm->h && d <= 3 * fm->h)
			steps[ns++] = d;
	}
	return ns >= 2 ? zz_median(steps, ns) : 0;
}

/* Does row r hold a chunk in the form's columns (a label's, a value's)? */
static int
form_row(const form *fm, const zz_row *row)
{
	for (int k = 0; k < row->n; k++)
		if (row->chunks[k].x < fm->x1 && row->chunks[k].w > 0)
			return 1;
	return 0;
}

/* Where the form's labels start: the median left edge of what stands
 * left of a found value on its row (the page's frame and margin further
 * left make a line read as noise); -1 when none does. */
static int
labels_left(const form *fm)
{
	int xs[32], n = 0;
	for (int v = 0; v < fm->n; v++)
		for (int r = 0; r < fm->p->nrows; r++) {
			const zz_row *row = &fm->p->rows[r];
			if (row->n <= 0 || fm->vy[v] + fm->h / 2 < row->y ||
			    fm->vy[v] + fm->h / 2 > row->y + row->h)
				continue;
			const zz_chunk *c = &row->chunks[0]; /* (chunks run left to right) */
			if (c->w > 0 && c->x + fm->h < fm->vx[v])
				xs[n++] = c->x;
			break;
		}
	return n ? zz_median(xs, n) : -1;
}

/* Gap row y read as a line from x0, its ink only, at scale 1 and then
 * 2, for the missing fields: how many are still missing. */
static int
read_gap_row(const form *fm, zz_found **miss, int nm, int x0, int y, int vx,
             zz_line_reader read, void *ctx)
{
	int w = fm->x1 - x0;
	for (int k = 1; k <= 2; k++) {
		float conf = 0;
		char *t = read(ctx, fm->d, fm->p->n, x0, y, w, fm->h, k, NULL, ZZ_LINE_INK, &conf);
		int got = take_missing(fm, miss, &nm, t, conf, x0, y, w, fm->h, vx, -1);
		free(t);
		if (got > 0)
			break;
	}
	return nm;
}

/* Rows the page reading lost whole, nothing of them read (a watermark's
 * blocks over 类型 and its value): where the rows of the form stand
 * further apart than their pitch, those the pitch puts in the gap are
 * read as lines, their ink only, from where labels start to where the
 * first column's values end. */
static void
gap_rows(const form *fm, zz_found **miss, int nm, zz_line_reader read, void *ctx)
{
	int step = pitch(fm), prev = -1, tries = 0;
	if (!step || nm <= 0)
		return;
	int x0 = labels_left(fm) - fm->h / 2;
	if (x0 < 0 || x0 >= fm->left)
		return;
	for (int r = 0; r < fm->p->nrows && nm > 0 && tries < MAX_ROWS; r++) {
		const zz_row *row = &fm->p->rows[r];
		if (row->y + row->h < fm->y0 - 3 * step || row->y > fm->y1 || !form_row(fm, row))
			continue;
		/* the rows' middles, the gap shared evenly among those the
		 * pitch puts in it (a row's top moves with what was read of it) */
		int mid = row->y + row->h / 2, k = prev < 0 ? 0 : (2 * (mid - prev) + step) / (2 * step) - 1;
		for (int j = 1; j <= k && j <= 2 && nm > 0 && tries < MAX_ROWS; j++) {
			int y = prev + j * (mid - prev) / (k + 1) - fm->h / 2;
			tries++;
			nm = read_gap_row(fm, miss, nm, x0, y, fm->left, read, ctx);
		}
		prev = mid;
	}
}

static void
page_rows(zz_foundset *fs, const form *fm, zz_line_reader read, void *ctx)
{
	zz_found *miss[16];
	int nm = missing(fs, fm, miss, 16), tries = 0;
	for (int r = 0; r < fm->p->nrows && nm > 0 && tries < MAX_ROWS; r++) {
		const zz_row *row = &fm->p->rows[r];
		int x, y, w, h, vx;
		/* from a row above the form's first found value down: an
		 * old licence prints 成立日期 below its 经营范围, which can
		 * run long */
		if (row->y + row->h < fm->y0 - 2 * fm->h ||
		    !row_line(fs, fm, row, &x, &y, &w, &h, &vx))
			continue;
		tries++;
		/* the first engine at scale 1; only when a label was read
		 * without its value, at scale 2 and then the second engine
		 * (成立日期二DO一年所月五日 by the first, 二OO一年九月五日 by
		 * the second) */
		static const struct {
			double scale;
			int second;
		} how[] = {{1, 0}, {2, 0}, {1, 1}};
		for (int k = 0, seen = 0; k < 3 && (k == 0 || seen); k++) {
			float conf = 0;
			char *t = read(ctx, fm->d, fm->p->n, x, y, w, h, how[k].scale, NULL,
			               how[k].second ? ZZ_LINE_SECOND : 0, &conf);
			int got = take_missing(fm, miss, &nm, t, conf, x, y, w, h, vx, r);
			seen |= got == 0;
			free(t);
			if (got > 0)
				break;
		}
	}
	gap_rows(fm, miss, nm, read, ctx);
}

void
zz_lost_rows(zz_foundset *fs, zz_line_reader read, void *ctx)
{
	const zz_doc *seen[64];
	int nseen = 0;
	for (int i = 0; i < fs->n; i++) {
		const zz_doc *d = fs->v[i].doc;
		int dup = 0;
		for (int k = 0; k < nseen; k++)
			dup |= seen[k] == d;
		if (!d || dup || nseen == 64 || !d->type || d->type->record)
			continue;
		seen[nseen++] = d;
		for (int p = 0; p < d->npages; p++) {
			form fm;
			if (d->pages[p].width > 0 && d->pages[p].image && form_of(fs, d, &d->pages[p], &fm))
				page_rows(fs, &fm, read, ctx);
		}
	}
}
