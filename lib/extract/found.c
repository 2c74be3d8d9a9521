/* found.c - the set of values found in a case, and the entries for the
 * fields asked for and not found: the extract stage's files all add to
 * it and ask of it, so it is their own file below them all. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

zz_found *
zz_found_add(zz_foundset *fs)
{
	return ZZ_PUSH(fs->v, fs->n, fs->cap);
}

void
zz_found_missing(zz_foundset *fs, const char *name, const zz_doc *d, int page)
{
	zz_found *f = zz_found_add(fs);
	f->name = zz_estrdup(name), f->value = zz_estrdup(""), f->status = "missing";
	f->doc = d, f->page = page, f->method = "label";
}

int
zz_found_is_missing(const zz_found *f)
{
	return !strcmp(f->status, "missing");
}

int
zz_found_over(const zz_foundset *fs, const zz_doc *d, int page, const zz_chunk *c)
{
	for (int i = 0; i < fs->n; i++) {
		const zz_found *f = &fs->v[i];
		if (f->doc == d && f->page == page && f->w > 0 && c->x < f->x + f->w &&
		    f->x < c->x + c->w && c->y < f->y + f->h && f->y < c->y + c->h)
			return 1;
	}
	return 0;
}

void
zz_found_clear(zz_found *f)
{
	free(f->name), free(f->raw), free(f->value), free(f->crop), free(f->note), free(f->row);
	free(f->tried);
	memset(f, 0, sizeof *f);
}

void
zz_foundset_free(zz_foundset *fs)
{
	for (int i = 0; i < fs->n; i++)
		zz_found_clear(&fs->v[i]);
	free(fs->v);
	memset(fs, 0, sizeof *fs);
}
