/* emit.h - from drawn pages to files of the submission. */
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include "model.h"
#include "render.h"

typedef struct gen_out {
	const char *root;  /* the submission's folder */
	const char *drop;  /* the 补充资料 folder, or NULL */
	gen_doclist *docs;
	gen_rng *r;
	int small;         /* the committed set: lower resolution, smaller files */
	int scans;         /* scanner-style file names given so far in this case */
} gen_out;

enum gen_form { F_JPEG, F_PNG, F_TIFF, F_SCANPDF, F_TEXTPDF };

typedef struct gen_doc {
	gen_out *o;
	enum gen_form form;
	double w, h;
	const char *font, *font2;
	char path[512], rel[320];
	const char *type;
	int poor, supplement;
	gen_pg *pdf;       /* F_TEXTPDF: the one PDF all pages go to */
	int npages;
	PIX **pix;
	char **text;
} gen_doc;

/* Starts a document at rel (relative to the submission, or to the drop
 * when supplement is set). */
void gen_doc_begin(gen_doc *d, gen_out *o, const char *rel, const char *type, enum gen_form f,
                   double wmm, double hmm, const char *font, const char *font2, int supplement);
gen_pg *gen_doc_page(gen_doc *d);
void gen_doc_page_done(gen_doc *d, gen_pg **pg);
int gen_doc_end(gen_doc *d); /* writes the file and records it */

/* writes a page already made (a photo, a copy) in form f and records it
 * with the page's text and how it was taken */
int gen_doc_write_copy(gen_out *o, const char *rel, const char *type, enum gen_form f, PIX *pix,
                       int quality, const gen_pagerec *page);
/* records a DOCX or XLSX written by other means, with its text */
void gen_doc_office(gen_out *o, const char *rel, const char *type, const char *form,
                    const char *text, int supplement);
/* the full path of rel inside the submission (folders made) */
char *gen_out_path(gen_out *o, const char *rel, int supplement);

#endif
