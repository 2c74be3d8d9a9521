/* lostcode.c - a key code (统一社会信用代码, 注册号) that no line of the
 * page gave, though the page should have one: its line was read as noise
 * (the code run into its label and into the big 副本 characters above
 * it: "RN"). The page's wide lines that gave no field and read as no
 * words are read again with the code's alphabet at twice the size, from
 * a character's height before them to one after; a run of the code's
 * length whose check digit holds as read is taken, never as sure. A
 * credit code read one short, its leading 9 lost against the label's
 * last character (码9144…), is given it back when the check digit then
 * holds: a 1 in 31 chance by luck, on top of reading 17 characters of
 * the code's shape where noise was. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* Lines read again per page and code, at most: the codes stand at the
 * top of a licence. */
#define MAX_LINES 4
/* How surely the engine must have read it. */
#define MIN_CONF 0.6f

static int
han_chars(const char *s)
{
	int n = 0;
	for (size_t len; *s; s += len ? len : 1)
		n += zz_utf8_decode(s, &len) >= 0x2E80;
	return n;
}

/* The key code field missing f stands for, NULL when it is not one. */
static const zz_fdef *
code_def(const zz_found *f)
{
	const zz_fdef *d = f->doc ? zz_type_field(f->doc->type, f->name) : NULL;
	return d && d->key && d->whitelist && (d->type == ZZ_V_USCC || d->type == ZZ_V_REGNO) ? d
	                                                                                     : NULL;
}

/* A value of def as read, without repair: 1 with it set. */
static int
exact(const zz_fdef *def, const char *raw, char **value)
{
	if (zz_field_normalise(def, raw, def->unit, value) == 0 && **value)
		return 1;
	free(*value), *value = NULL;
	return 0;
}

/* The first run of the code's characters in t that is a valid value as
 * read, or, for a credit code, one short and valid with a 9 before it. */
static int
code_in(const zz_fdef *def, const char *t, char **raw, char **value)
{
	for (const char *p = t; *p;) {
		size_t n = strspn(p, def->whitelist);
		if (n >= 15 && n <= 19) {
			*raw = zz_easprintf("%.*s", (int)n, p);
			if (exact(def, *raw, value))
				return 1;
			free(*raw);
			*raw = def->type == ZZ_V_USCC && n == 17 && strchr("123", *p)
			           ? zz_easprintf("9%.*s", (int)n, p) : NULL;
			if (*raw && exact(def, *raw, value))
				return 1;
			free(*raw), *raw = NULL;
		}
		p += n ? n : 1;
	}
	return 0;
}

/* Looks for missing code f on page p of its document. */
static void
look(zz_foundset *fs, zz_found *f, const zz_fdef *def, const zz_dpage *p, zz_line_reader read,
     void *ctx)
{
	int tries = 0, lh = zz_line_height(p);
	for (int r = 0; r < p->nrows && tries < MAX_LINES; r++)
		for (int k = 0; k < p->rows[r].n && tries < MAX_LINES; k++) {
			const zz_chunk *c = &p->rows[r].chunks[k];
			/* as wide as eight characters at least and a line's
			 * height, no more than three Chinese ones in what was
			 * read of it */
			if (c->h <= 0 || c->w < 4 * c->h || 5 * c->h < 3 * lh ||
			    han_chars(c->text) > 3 || zz_found_over(fs, f->doc, p->n, c))
				continue;
			tries++;
			float conf = 0;
			int x = c->x > c->h ? c->x - c->h : 0;
			/* the line's own height: the reader adds a sixth above
			 * and below, which takes in the edge of the 副本 above */
			char *t = read(ctx, f->doc, p->n, x, c->y + c->h / 8, c->w + 2 * c->h,
			               c->h - c->h / 4, 2.0, def->whitelist, 0, &conf);
			char *raw = NULL, *value = NULL;
			if (t && conf >= MIN_CONF && code_in(def, t, &raw, &value)) {
				free(f->raw), free(f->value), free(f->note);
				f->raw = raw, f->value = value, f->def = def;
				f->status = "reread", f->method = "line", f->page = p->n;
				f->conf = conf * 0.5, f->cap = 0.5;
				f->x = x, f->y = c->y, f->w = c->w + 2 * c->h, f->h = c->h;
				f->note = zz_easprintf("a line read as '%s' read again for the missing code: "
				                       "'%s', its check digit holding%s",
				                       c->text, t,
				                       strstr(t, f->raw) ? "" : " with the 9 it lost put back");
				free(t);
				return;
			}
			free(t);
		}
}

/* Was another code of d read valid (a credit code, where a 注册号 is
 * missing)? A licence carries one or the other, nearly always. */
static int
other_code(const zz_foundset *fs, const zz_found *f)
{
	for (int i = 0; i < fs->n; i++) {
		const zz_found *o = &fs->v[i];
		if (o != f && o->doc == f->doc && o->def && *o->value &&
		    (o->def->type == ZZ_V_USCC || o->def->type == ZZ_V_REGNO))
			return 1;
	}
	return 0;
}

void
zz_lost_codes(zz_foundset *fs, zz_line_reader read, void *ctx)
{
	for (int i = 0; i < fs->n; i++) {
		zz_found *f = &fs->v[i];
		const zz_fdef *def = zz_found_is_missing(f) && !f->absent ? code_def(f) : NULL;
		if (!def || !f->doc->type || f->doc->type->record || other_code(fs, f))
			continue;
		for (int p = 0; p < f->doc->npages && !*f->value; p++) {
			const zz_dpage *pg = &f->doc->pages[p];
			if (pg->width > 0 && pg->image && (!f->page || f->page == pg->n))
				look(fs, f, def, pg, read, ctx);
		}
	}
}
