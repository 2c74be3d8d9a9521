/* extractcase.c - the extract stage for one case: classify every read
 * document, find its type's fields, number the records (one per distinct
 * certificate, roster row, project), choose the value that stands for the
 * case where several documents give one, re-read doubtful key fields,
 * cut an evidence crop for each key field, and write extract.xml. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* ---- fields of one document ---- */

static void
one_field(const zz_doctypes *dt, const zz_dtype *t, const zz_fdef *f, const zz_doc *d, int p0,
          int p1, const char *name, const char *year, zz_foundset *fs)
{
	zz_found tmp;
	if (zz_field_extract(dt, t, f, d, p0, p1, name, year, &tmp))
		*zz_found_add(fs) = tmp;
	else
		zz_found_missing(fs, name, d, p1 - p0 == 1 ? d->pages[p0].n : 0);
}

/* Fields not found that the document has no line for, as its type's
 * <absent> rules tell from what it has (a 个体工商户's licence has no
 * 注册资本; one with a 注册号 has no credit code): not the same as a
 * line that could not be read. Never guessed from a label not seen: a
 * misread label is common. */
static void
mark_absent(const zz_dtype *t, const zz_doc *d, zz_foundset *fs, int from)
{
	for (int a = 0; a < t->nabsents; a++) {
		const zz_absent *ab = &t->absents[a];
		zz_found *miss = NULL, *when = NULL;
		for (int i = from; i < fs->n; i++) {
			zz_found *f = &fs->v[i];
			if (f->doc != d)
				continue;
			if (!strcmp(f->name, ab->field) && zz_found_is_missing(f))
				miss = f;
			else if (!strcmp(f->name, ab->when) && f->value && *f->value)
				when = f;
		}
		size_t mo, ml;
		int hit = 0;
		if (miss && !strcmp(ab->when, "text")) {
			char *text = zz_doc_text(d, 64 * 1024, 0);
			hit = zz_re_match(&ab->re, text, 0, &mo, &ml);
			free(text);
		} else if (miss && when) {
			hit = zz_re_match(&ab->re, when->value, 0, &mo, &ml);
		}
		if (hit)
			miss->absent = 1;
	}
}

/* A keyed record (audit.2024.*): the key field first, then the others. */
static void
keyed_record(const zz_doctypes *dt, const zz_dtype *t, const zz_doc *d, zz_foundset *fs)
{
	const zz_fdef *kf = zz_type_field(t, t->rkey);
	zz_found k;
	char *key = NULL;
	if (kf && zz_field_extract(dt, t, kf, d, 0, d->npages, "", NULL, &k) && *k.value)
		key = zz_estrdup(k.value);
	if (kf && key) {
		free(k.name);
		k.name = zz_easprintf("%s.%s.%s", t->record, key, kf->name);
		*zz_found_add(fs) = k;
	} else if (kf) {
		if (k.name)
			free(k.name), free(k.raw), free(k.value);
		char *name = zz_easprintf("%s.unknown.%s", t->record, t->rkey);
		zz_found_missing(fs, name, d, 0);
		free(name);
	}
	for (int i = 0; i < t->nfields; i++) {
		if (&t->fields[i] == kf || (t->fields[i].prior && !key))
			continue;
		/* the comparative column is the year before's figure, a second
		 * reading of what that year's own report says */
		char prev[24];
		snprintf(prev, sizeof prev, "%d", key ? atoi(key) - 1 : 0);
		char *name = zz_easprintf("%s.%s.%s", t->record,
		                          t->fields[i].prior ? prev : key ? key : "unknown", t->fields[i].name);
		one_field(dt, t, &t->fields[i], d, 0, d->npages, name, key, fs);
		free(name);
	}
	free(key);
}

static void
doc_fields(const zz_doctypes *dt, const zz_doc *d, zz_foundset *fs, int *next)
{
	const zz_dtype *t = d->type;
	if (t->record && t->keyed) {
		keyed_record(dt, t, d, fs);
	} else if (t->record) {
		/* a list record per document, or per page when each page is one
		 * (a PDF of all the CISP certificates) */
		int step = t->per_page ? 1 : d->npages;
		for (int p0 = 0; p0 < d->npages; p0 += step) {
			for (int i = 0; i < t->nfields; i++) {
				char *name = zz_easprintf("%s[%d].%s", t->record, *next, t->fields[i].name);
				one_field(dt, t, &t->fields[i], d, p0, p0 + step, name, NULL, fs);
				free(name);
			}
			(*next)++;
		}
	} else {
		int from = fs->n;
		for (int i = 0; i < t->nfields; i++)
			one_field(dt, t, &t->fields[i], d, 0, d->npages, t->fields[i].name, NULL, fs);
		mark_absent(t, d, fs, from);
	}
	zz_tables_extract(t, d, fs, next);
}

/* the rows as the field rules see them, for whoever writes those rules */
static void
dump_rows(const zz_doc *d)
{
	for (int i = 0; i < d->npages; i++)
		for (int r = 0; r < d->pages[i].nrows; r++) {
			const zz_row *row = &d->pages[i].rows[r];
			fprintf(stderr, "p%d r%d y=%d:", d->pages[i].n, r, row->y);
			for (int c = 0; c < row->n; c++)
				fprintf(stderr, " [%s @%d,%d]", row->chunks[c].text, row->chunks[c].x,
				        row->chunks[c].w);
			fputc('\n', stderr);
		}
}

int
zz_extract_case(const zz_doctypes *dt, const char *casedir, const char *outdir,
                const zz_extract_opts *o, char **err)
{
	int nd = 0, next = 0;
	zz_doc *docs = zz_docs_load(casedir, &nd, err);
	if (!docs)
		return -1;
	zz_foundset fs = {0};
	const char *dump = getenv("ZIZHI_DUMP_ROWS"); /* a document id: its rows on stderr */
	int broken = 0;
	for (int i = 0; i < nd; i++) {
		if (docs[i].broken) {
			zz_warn("%s: cannot use the reading of '%s': %s", casedir, docs[i].path,
			        docs[i].broken);
			broken++;
		}
		if (dump && !strcmp(dump, docs[i].id))
			dump_rows(&docs[i]);
		zz_classify(dt, &docs[i]);
		if (docs[i].type)
			doc_fields(dt, &docs[i], &fs, &next);
	}
	zz_renumber(dt, &fs);
	zz_pick(dt, &fs);
	zz_doubt(dt, &fs, 0); /* doubtful, so re-read */
	zz_evidence(dt, casedir, outdir, o, &fs);
	zz_same_day(dt, docs, nd, &fs);
	zz_pick(dt, &fs); /* the re-reads may have changed which is surest */
	zz_agree(dt, &fs);
	zz_doubt(dt, &fs, 1); /* and still doubtful unless the re-read changed it */
	zz_reconcile(dt, &fs);
	char *path = zz_easprintf("%s/extract.xml", outdir);
	int rc = zz_extract_write(path, casedir, docs, nd, &fs);
	if (rc < 0)
		*err = zz_easprintf("cannot write '%s': %s", path, strerror(errno));
	else
		rc = broken;
	free(path);
	zz_foundset_free(&fs);
	zz_docs_free(&docs, nd);
	return rc;
}
