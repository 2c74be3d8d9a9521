/* supplement.c - which case a drop of supplementary material (补充资料)
 * belongs to. A clerk may name the drop after the case (its id, or the
 * first 8 digits or more of it); otherwise the drop's own text must name
 * the applicant: a USCC, or the full registered name, of exactly one case
 * in the database. A drop that is itself an application (it has an
 * application form) is a new case, never a supplement; two candidates are
 * no answer: the drop stays a case of its own for a reviewer to place. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <dirent.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <sqlite3.h>

#include "inbox/inbox.h"

char *
zz_supplement_by_name(const char *spool, const char *name)
{
	char *cases = zz_easprintf("%s/cases", spool), *found = NULL;
	int hits = 0;
	for (const char *p = name; *p && hits < 2;) {
		size_t n = strspn(p, "0123456789abcdef");
		if (n < 8 || n > 16) {
			p += n ? n : 1;
			continue;
		}
		DIR *d = opendir(cases);
		for (struct dirent *e; d && (e = readdir(d));) {
			if (strlen(e->d_name) != 16 || strncmp(e->d_name, p, n))
				continue;
			if (!found || strcmp(strrchr(found, '/') + 1, e->d_name)) {
				hits++;
				free(found);
				found = zz_easprintf("%s/%s", cases, e->d_name);
			}
		}
		if (d)
			closedir(d);
		p += n;
	}
	free(cases);
	if (hits != 1) {
		free(found);
		return NULL;
	}
	return found;
}

static zz_buf text;

/* Every text the read stage wrote, without spaces: OCR puts them between
 * Chinese characters. */
static int
gather(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	size_t n = strlen(path);
	if (flag != FTW_F || n < 4 || strcmp(path + n - 4, ".txt") || text.len > (64u << 20))
		return 0;
	char *s = NULL;
	size_t len = 0;
	if (zz_read_file(path, 16u << 20, &s, &len) == 0)
		for (size_t i = 0; i < len; i++)
			if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
				zz_buf_add(&text, &s[i], 1);
	zz_buf_add(&text, "\n", 1);
	free(s);
	return 0;
}

static int
has_application_form(const char *casedir)
{
	xmlDocPtr d = zz_case_xml(casedir, "extract/extract.xml");
	int yes = !d; /* not extracted: no telling, so no joining */
	for (xmlNodePtr n = d ? xmlDocGetRootElement(d)->children : NULL; n && !yes; n = n->next) {
		char *t = zz_xml_is(n, "document") ? zz_xml_prop(n, "type") : NULL;
		yes = t && !strcmp(t, "application-form");
		free(t);
	}
	xmlFreeDoc(d);
	return yes;
}

/* A USCC in the text (18 characters whose check character holds). */
static int
text_has_uscc(const char *uscc)
{
	return uscc && zz_uscc_valid(uscc) && strstr(text.s, uscc);
}

char *
zz_supplement_by_text(const zz_settings *st, const char *dropcase, const char **how)
{
	*how = NULL;
	if (has_application_form(dropcase))
		return NULL;
	char *readdir_ = zz_easprintf("%s/read", dropcase), *err = NULL, *found = NULL;
	text.len = 0;
	nftw(readdir_, gather, 16, FTW_PHYS);
	free(readdir_);
	struct sqlite3 *db = text.s ? zz_db_open(st->db, &err) : NULL;
	char *id = zz_case_id(dropcase);
	const char *v[1] = {id};
	/* the cases that are applications, with their USCC and name */
	sqlite3_stmt *q = db ? zz_db_prepare(db,
	                                     "SELECT c.casedir, (SELECT value FROM fields f WHERE f.case_id = c.id"
	                                     " AND f.canonical AND f.name = 'org.uscc'), (SELECT value FROM fields f"
	                                     " WHERE f.case_id = c.id AND f.canonical AND f.name = 'org.name')"
	                                     " FROM cases c WHERE c.id <> ?1 AND NOT EXISTS (SELECT 1 FROM cases"
	                                     " d WHERE d.id = ?1) AND EXISTS (SELECT 1 FROM documents d WHERE"
	                                     " d.case_id = c.id AND d.type = 'application-form')",
	                                     v, 1, &err)
	                         : NULL;
	int hits = 0;
	while (q && sqlite3_step(q) == SQLITE_ROW && hits < 2) {
		const char *dir = (const char *)sqlite3_column_text(q, 0);
		const char *uscc = (const char *)sqlite3_column_text(q, 1);
		const char *name = (const char *)sqlite3_column_text(q, 2);
		int by_uscc = text_has_uscc(uscc), by_name = name && strlen(name) >= 12 && strstr(text.s, name);
		if (dir && (by_uscc || by_name)) {
			hits++;
			free(found);
			found = zz_estrdup(dir);
			*how = by_uscc ? "by the USCC in its text" : "by the applicant's name in its text";
		}
	}
	sqlite3_finalize(q);
	zz_db_close(&db);
	free(err), free(id);
	zz_buf_free(&text);
	if (hits != 1) {
		free(found);
		*how = NULL;
		return NULL;
	}
	return found;
}
