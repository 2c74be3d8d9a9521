/* classify.c - a document's type from its content: the weights of the
 * type's cues found in its text (spaces removed: titles are often letter
 * spaced), of its head cues found in the top quarter of the first page
 * (or the first rows of a Word or Excel file), and of its file-name hints,
 * which count least because names say little. Below every type's minimum,
 * or tied between two types, the document is "other" - listed, never
 * dropped. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* text of the pages with whitespace removed, up to about max bytes */
char *
zz_doc_text(const zz_doc *d, size_t max, int head)
{
	zz_buf b = {0};
	for (int i = 0; i < d->npages && b.len < max; i++) {
		const zz_dpage *p = &d->pages[i];
		for (int r = 0; r < p->nrows && b.len < max; r++) {
			if (head && (p->height ? p->rows[r].y > p->height / 4 : r >= 3))
				break;
			for (int c = 0; c < p->rows[r].n; c++)
				for (const char *s = p->rows[r].chunks[c].text; *s; s++)
					if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
						zz_buf_add(&b, s, 1);
			zz_buf_adds(&b, "\n");
		}
		if (head)
			break;
	}
	if (!b.s)
		zz_buf_adds(&b, "");
	return b.s;
}

static int
weigh(const zz_re *v, int n, const char *s)
{
	int score = 0;
	size_t mo, ml;
	for (int i = 0; i < n; i++)
		if (zz_re_match(&v[i], s, 0, &mo, &ml))
			score += v[i].weight;
	return score;
}

/* Does a label of field f open a chunk on the document's first pages? */
static int
label_seen(const zz_fdef *f, const zz_doc *d)
{
	for (int l = 0; l < f->nlabels; l++)
		for (int i = 0; i < d->npages && i < 2; i++)
			for (int r = 0; r < d->pages[i].nrows; r++)
				for (int c = 0; c < d->pages[i].rows[r].n; c++) {
					int last;
					size_t e;
					if (zz_label_at(f->labels[l], &d->pages[i].rows[r], c, &last, &e) >= 0)
						return 1;
				}
	return 0;
}

int
zz_labels_seen(const zz_dtype *t, const zz_doc *d, const zz_fdef *only, int max)
{
	if (only)
		return label_seen(only, d);
	int found = 0;
	for (int f = 0; f < t->nfields && found < max; f++)
		found += label_seen(&t->fields[f], d);
	return found;
}

/* A table's structure says what it is when its title says nothing (a
 * project list whose only title is its sheet's name): the columns its
 * header row names, at most four, on the first two pages. */
static int
table_seen(const zz_dtype *t, const zz_doc *d)
{
	int best = 0;
	for (int k = 0; k < t->ntables; k++)
		for (int i = 0; t->tables[k].weight && i < d->npages && i < 2; i++)
			for (int r = 0; r < d->pages[i].nrows && r < 40; r++) {
				int n = zz_table_columns_named(&t->tables[k], &d->pages[i].rows[r]);
				n = n < t->tables[k].min_headers ? 0 : n > 4 ? 4 : n;
				if (n * t->tables[k].weight > best)
					best = n * t->tables[k].weight;
			}
	return best;
}

void
zz_classify(const zz_doctypes *dt, zz_doc *d)
{
	char *all = zz_doc_text(d, 64 * 1024, 0), *head = zz_doc_text(d, 4096, 1);
	const char *base = strrchr(d->path, '/');
	base = base ? base + 1 : d->path;
	const char *dir = d->path; /* folder names are hints as well */
	d->type = d->runner = NULL;
	d->score = d->runner_score = 0;
	for (int i = 0; i < dt->ntypes; i++) {
		const zz_dtype *t = &dt->types[i];
		int s = weigh(t->cues, t->ncues, all) + weigh(t->head_cues, t->nhead_cues, head);
		/* a form's structure says what it is when its title was misread:
		 * its labels, each counted once, at most four */
		if (t->label_weight)
			s += t->label_weight * zz_labels_seen(t, d, NULL, 4);
		s += table_seen(t, d);
		int h = weigh(t->hints, t->nhints, base);
		if (!h)
			h = weigh(t->hints, t->nhints, dir) > 0;
		s += h;
		if (s < t->min_score)
			continue;
		if (!d->type || s > d->score) {
			d->runner = d->type, d->runner_score = d->score;
			d->type = t, d->score = s;
		} else if (!d->runner || s > d->runner_score) {
			d->runner = t, d->runner_score = s;
		}
	}
	if (d->type && d->runner && d->runner_score == d->score)
		d->type = NULL; /* a tie: say so rather than guess */
	free(all), free(head);
}
