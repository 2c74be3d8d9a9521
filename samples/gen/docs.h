/* docs.h - the documents of an application, each drawn by its own file. */
#ifndef GEN_DOCS_H
#define GEN_DOCS_H

#include "emit.h"

void gen_write_licence(gen_out *o, const gen_case *c, const char *rel, enum gen_form f);
void gen_write_level1(gen_out *o, const gen_case *c, const char *rel, enum gen_form f);
void gen_write_cisp(gen_out *o, const gen_case *c, const char *dir, int one_file, enum gen_form f);
void gen_write_audit(gen_out *o, const gen_case *c, const gen_audit *a, const char *rel,
                     enum gen_form f);
void gen_write_contract(gen_out *o, const gen_case *c, const gen_project *p, const char *rel);
void gen_write_pledge(gen_out *o, const gen_case *c, const char *rel);
/* narrative documents (lifecycle case, org structure, quality manual,
 * process spec) as DOCX or text-layer PDF, by rel's extension */
void gen_write_narrative(gen_out *o, const gen_case *c, const char *type, const char *rel,
                         int supplement);
void gen_write_form(gen_out *o, const gen_case *c, const char *rel);
void gen_write_roster(gen_out *o, const gen_case *c, const char *rel);
void gen_write_projects(gen_out *o, const gen_case *c, const char *rel);

#endif
