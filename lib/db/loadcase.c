/* loadcase.c - one case into the review database: its documents, pages,
 * fields with their evidence, certificates, and (once a decide stage has
 * written CASE/report.xml) verdict and rule results. Loading a case again
 * replaces its rows in one transaction; the date it was first received,
 * the events and the reviewers' decisions are kept. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "db/db.h"

typedef struct loader {
	sqlite3 *db;
	const char *id;
	char *err;
} loader;

/* Runs sql with the ?s bound to v; the first error is kept. */
static int
run(loader *L, const char *sql, const char *const *v, int n)
{
	return zz_db_run(L->db, sql, v, n, &L->err);
}

static void
documents(loader *L, xmlNodePtr root)
{
	for (xmlNodePtr d = root->children; d; d = d->next) {
		if (!zz_xml_is(d, "document"))
			continue;
		char *v[7] = {zz_estrdup(L->id), zz_xml_prop(d, "id"), zz_xml_prop(d, "type"),
		              zz_xml_prop(d, "path"), zz_xml_prop(d, "sha256"), zz_xml_prop(d, "pages"),
		              zz_xml_prop(d, "status")};
		if (!v[6])
			v[6] = zz_estrdup("ok");
		run(L, "INSERT INTO documents(case_id, id, type, path, sha256, pages, status) "
		       "VALUES (?, ?, ?, ?, ?, ?, ?)", (const char *const *)v, 7);
		for (int i = 0; i < 7; i++)
			free(v[i]);
	}
}

static void
pages(loader *L, xmlNodePtr root)
{
	for (xmlNodePtr f = root->children; f; f = f->next) {
		if (!zz_xml_is(f, "file"))
			continue;
		char *doc = zz_xml_prop(f, "id");
		for (xmlNodePtr p = f->children; p; p = p->next) {
			if (!zz_xml_is(p, "page"))
				continue;
			char *v[6] = {zz_estrdup(L->id), zz_estrdup(doc), zz_xml_prop(p, "n"),
			              zz_xml_prop(p, "method"), zz_xml_prop(p, "confidence"),
			              zz_xml_prop(p, "image")};
			/* pages of files the extract did not list (none today) are skipped */
			run(L, "INSERT INTO pages(case_id, document_id, n, method, confidence, image) "
			       "SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS "
			       "(SELECT 1 FROM documents WHERE case_id = ?1 AND id = ?2)",
			    (const char *const *)v, 6);
			for (int i = 0; i < 6; i++)
				free(v[i]);
		}
		free(doc);
	}
}

static void
fields(loader *L, xmlNodePtr root)
{
	static const char *const attrs[] = {"name", "value", "raw", "confidence", "status",
	                                    "document", "page", "box", "cell", "crop", "note", "tried"};
	for (xmlNodePtr f = root->children; f; f = f->next) {
		int canonical = zz_xml_is(f, "field");
		if (!canonical && !zz_xml_is(f, "observation"))
			continue;
		char *v[14] = {zz_estrdup(L->id), zz_estrdup(canonical ? "1" : "0")};
		for (int i = 0; i < 12; i++)
			v[i + 2] = zz_xml_prop(f, attrs[i]);
		run(L, "INSERT INTO fields(case_id, canonical, name, value, raw, confidence, status, "
		       "document_id, page, box, cell, crop, note, tried) "
		       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (const char *const *)v, 14);
		for (int i = 0; i < 14; i++)
			free(v[i]);
	}
}

/* A reviewer's corrections (CASE/review/corrections.xml) over the
 * readings, as zizhi-decide takes them; each one not yet in the record
 * is added to it, with an event in the reviewer's name. */
static void
corrections(loader *L, const char *casedir)
{
	zz_corrections cs;
	char *err = NULL;
	if (zz_corrections_load(casedir, &cs, &err) < 0) {
		if (!L->err)
			L->err = err;
		else
			free(err);
		return;
	}
	for (int i = 0; i < cs.n; i++) {
		const zz_correction *c = &cs.v[i];
		char *note = zz_easprintf("corrected by %s: %s", c->reviewer, c->reason);
		const char *u[5] = {c->value, note, L->id, c->field, c->document};
		run(L, "UPDATE fields SET value = ?1, status = 'confirmed', confidence = 1,"
		       " note = ?2 || '; read ''' || value || '''' WHERE rowid = (SELECT rowid FROM fields"
		       " WHERE case_id = ?3 AND name = ?4 AND document_id = ?5 ORDER BY canonical DESC LIMIT 1)",
		    u, 5);
		if (sqlite3_changes(L->db) == 0)
			run(L, "INSERT INTO fields(case_id, canonical, name, value, confidence, status,"
			       " document_id, note) SELECT ?3, NOT EXISTS (SELECT 1 FROM fields WHERE"
			       " case_id = ?3 AND name = ?4 AND canonical), ?4, ?1, 1, 'confirmed', ?5, ?2"
			       " WHERE EXISTS (SELECT 1 FROM documents WHERE case_id = ?3 AND id = ?5)", u, 5);
		const char *r[8] = {L->id, c->at, c->reviewer, c->field, c->document, c->value, c->was,
		                    c->reason};
		run(L, "INSERT INTO corrections(case_id, at, reviewer, field, document_id, value, was,"
		       " reason) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM"
		       " corrections WHERE case_id = ?1 AND at = ?2 AND reviewer = ?3 AND field = ?4)", r, 8);
		if (sqlite3_changes(L->db) > 0) {
			char *detail = zz_easprintf("field %s of %s: '%s' (was '%s'): %s", c->field,
			                            c->document, c->value, c->was ? c->was : "", c->reason);
			const char *e[4] = {L->id, c->at, c->reviewer, detail};
			run(L, "INSERT INTO events(case_id, at, actor, kind, detail, version)"
			       " VALUES (?, ?, ?, 'correct', ?, '" ZZ_VERSION "')", e, 4);
			free(detail);
		}
		free(note);
	}
	zz_corrections_free(&cs);
}

/* The certificates whose expiry a scheduled re-check looks at: the
 * level-1 certificate and each CISP record, from the case's fields. */
static void
certificates(loader *L)
{
	const char *v[1] = {L->id};
	run(L, "INSERT INTO certificates(case_id, kind, holder, number, valid_until) "
	       "SELECT ?1, 'level1', "
	       " (SELECT value FROM fields WHERE case_id = ?1 AND canonical AND name = 'l1.holder'),"
	       " (SELECT value FROM fields WHERE case_id = ?1 AND canonical AND name = 'l1.number'),"
	       " (SELECT value FROM fields WHERE case_id = ?1 AND canonical AND name = 'l1.valid_until')"
	       " WHERE EXISTS (SELECT 1 FROM fields WHERE case_id = ?1 AND name LIKE 'l1.%')",
	    v, 1);
	run(L, "INSERT INTO certificates(case_id, kind, holder, number, valid_until) "
	       "SELECT ?1, 'cisp', "
	       " (SELECT value FROM fields g WHERE g.case_id = ?1 AND g.canonical AND"
	       "   g.name = substr(f.name, 1, instr(f.name, '].')) || '.name'),"
	       " f.value,"
	       " (SELECT value FROM fields g WHERE g.case_id = ?1 AND g.canonical AND"
	       "   g.name = substr(f.name, 1, instr(f.name, '].')) || '.valid_until')"
	       " FROM fields f WHERE f.case_id = ?1 AND f.canonical AND f.name GLOB 'cisp[[]*].number'",
	    v, 1);
}

/* A stage's run as an event, timed by when it wrote its file, once:
 * loading again adds only runs since. */
static void
stage_event(loader *L, const char *casedir, const char *rel, xmlDocPtr doc, const char *stage,
            const char *detail)
{
	struct stat sb;
	char *path = zz_easprintf("%s/%s", casedir, rel), at[32];
	int ok = doc && stat(path, &sb) == 0;
	free(path);
	if (!ok)
		return;
	zz_utc_time(sb.st_mtime, at);
	char *actor = zz_easprintf("zizhi-%s", stage);
	char *version = zz_xml_prop(xmlDocGetRootElement(doc), "zizhi-version");
	const char *v[6] = {L->id, at, actor, stage, detail, version};
	run(L, "INSERT INTO events(case_id, at, actor, kind, detail, version) SELECT ?1, ?2, ?3, ?4, ?5, ?6"
	       " WHERE NOT EXISTS (SELECT 1 FROM events WHERE case_id = ?1 AND kind = ?4 AND at = ?2)",
	    v, 6);
	free(actor), free(version);
}

/* A field the decide stage computed (it has inputs, not a page). */
static void
derived(loader *L, xmlNodePtr f)
{
	static const char *const a[] = {"name", "value", "sure", "confidence", "status", "from", "note"};
	char *v[8] = {zz_estrdup(L->id)};
	for (int i = 0; i < 7; i++)
		v[i + 1] = zz_xml_prop(f, a[i]);
	if (v[6])
		run(L, "INSERT INTO derived(case_id, name, value, sure, confidence, status, inputs, note)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (const char *const *)v, 8);
	for (int i = 0; i < 8; i++)
		free(v[i]);
}

/* Verdict and rules, when the decide stage has given them. */
static void
report(loader *L, const char *casedir)
{
	xmlDocPtr rep = zz_case_xml(casedir, "report.xml");
	if (!rep)
		return;
	xmlNodePtr root = xmlDocGetRootElement(rep);
	char *v[4] = {zz_xml_prop(root, "verdict"), zz_xml_prop(root, "as-of"), zz_xml_prop(root, "rules"),
	              zz_estrdup(L->id)};
	run(L, "UPDATE cases SET verdict = ?, as_of = ?, rules = ? WHERE id = ?", (const char *const *)v, 4);
	char *detail = zz_easprintf("%s as of %s by %s", v[0] ? v[0] : "?", v[1] ? v[1] : "?",
	                            v[2] ? v[2] : "no rules");
	stage_event(L, casedir, "report.xml", rep, "decide", detail);
	free(detail);
	for (int i = 0; i < 4; i++)
		free(v[i]);
	for (xmlNodePtr r = root->children; r; r = r->next) {
		if (zz_xml_is(r, "field"))
			derived(L, r);
		if (!zz_xml_is(r, "rule"))
			continue;
		char *w[4] = {zz_estrdup(L->id), zz_xml_prop(r, "id"), zz_xml_prop(r, "result"),
		              zz_xml_own_text(r)};
		run(L, "INSERT INTO rules(case_id, id, result, message) VALUES (?, ?, ?, ?)",
		    (const char *const *)w, 4);
		for (xmlNodePtr e = r->children; e; e = e->next) {
			if (!zz_xml_is(e, "evidence"))
				continue;
			free(w[2]);
			w[2] = zz_xml_prop(e, "field");
			run(L, "INSERT INTO rule_evidence(case_id, rule_id, field) VALUES (?, ?, ?)",
			    (const char *const *)w, 3);
		}
		for (int i = 0; i < 4; i++)
			free(w[i]);
	}
	xmlFreeDoc(rep);
}

static void
rows(loader *L, const char *casedir, xmlDocPtr cs, xmlDocPtr rd, xmlDocPtr ex)
{
	xmlNodePtr croot = xmlDocGetRootElement(cs), sub = NULL;
	for (xmlNodePtr n = croot->children; n && !sub; n = n->next)
		if (zz_xml_is(n, "submission"))
			sub = n;
	char t[32], *submission = sub ? zz_xml_prop(sub, "path") : NULL;
	zz_utc_time(time(NULL), t);
	const char *v[5] = {L->id, casedir, submission, t, t};
	/* the first receipt is kept over re-loads: the processing clock
	 * counts from it */
	run(L, "INSERT INTO cases(id, casedir, submission, received, loaded) VALUES (?1, ?2, ?3, "
	       " coalesce((SELECT at FROM events WHERE case_id = ?1 AND kind = 'load' ORDER BY at"
	       " LIMIT 1), ?4), ?5)", v, 5);
	documents(L, xmlDocGetRootElement(ex));
	if (rd)
		pages(L, xmlDocGetRootElement(rd));
	fields(L, xmlDocGetRootElement(ex));
	corrections(L, casedir);
	certificates(L);
	stage_event(L, casedir, "case.xml", cs, "unpack", submission);
	stage_event(L, casedir, "read/read.xml", rd, "read", NULL);
	stage_event(L, casedir, "extract/extract.xml", ex, "extract", NULL);
	report(L, casedir);
	const char *e[4] = {L->id, t, "zizhi-load", ZZ_VERSION};
	run(L, "INSERT INTO events(case_id, at, actor, kind, version) VALUES (?, ?, ?, 'load', ?)", e, 4);
	free(submission);
}

int
zz_load_case(struct sqlite3 *db, const char *casedir, char **err)
{
	*err = NULL;
	xmlDocPtr cs = zz_case_xml(casedir, "case.xml"), rd = zz_case_xml(casedir, "read/read.xml");
	xmlDocPtr ex = zz_case_xml(casedir, "extract/extract.xml");
	loader L = {db, NULL, NULL};
	if (!cs || !ex) {
		*err = zz_easprintf("%s: no %s (run the stages before zizhi-load)", casedir,
		                    !cs ? "case.xml" : "extract/extract.xml");
		goto out;
	}
	char *id = zz_xml_prop(xmlDocGetRootElement(cs), "id");
	L.id = id;
	const char *v[1] = {id};
	if (!id || run(&L, "BEGIN IMMEDIATE", NULL, 0) < 0) {
		*err = L.err ? L.err : zz_easprintf("%s: case.xml has no id", casedir);
		free(id);
		goto out;
	}
	run(&L, "DELETE FROM cases WHERE id = ?", v, 1);
	rows(&L, casedir, cs, rd, ex);
	if (L.err || run(&L, "COMMIT", NULL, 0) < 0) {
		char *why = L.err;
		L.err = NULL;
		run(&L, "ROLLBACK", NULL, 0);
		free(L.err);
		*err = zz_easprintf("%s: %s", casedir, why);
		free(why);
	}
	free(id);
out:
	xmlFreeDoc(cs), xmlFreeDoc(rd), xmlFreeDoc(ex);
	return *err ? -1 : 0;
}
