/* rules.c - the requirements of a qualification's rules file (one of
 * CONFIG/rules/, the one the form declares) evaluated on a case's facts:
 * each check says pass, fail, missing or review, a rule takes the worst of
 * its checks (fail, then missing, then review), and the verdict the spec's
 * order. A check that needs a doubtful field says review: a false
 * "eligible" is the worst error there is. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "extract/extract.h"
#include "decide/decide.h"

enum { PASS, REVIEW, MISSING, FAIL };
static const char *const result_names[] = {"pass", "review", "missing", "fail"};

/* ---- checks ---- */

typedef struct eval {
	const zz_rules *R;
	zz_facts *fs;
	const char *as_of;
	zz_result *out;
	zz_buf msg;
	int worst;
	const char *year; /* inside <years> */
} eval;

static char *
field_name(eval *E, const char *tmpl)
{
	char latest[16];
	snprintf(latest, sizeof latest, "%d", atoi(E->as_of) - 1);
	const char *names[] = {"y", "latest"}, *values[] = {E->year, latest};
	return zz_subst(tmpl, names, values, 2);
}

/* the names the message templates may use, in this order */
enum { V_FIELD, V_VALUE, V_TYPE, V_RE, V_EXPECTED, V_MIN, V_DATE, V_OTHER, V_OTHER_VALUE, V_DOCUMENT, NV };
static const char *const var_names[NV] = {"field", "value",       "type",    "re",       "expected",
                                          "min",   "date",        "other",   "other-value", "document"};
static const char *const msg_kinds[ZZ_NMSG] = {"unreadable", "not-found", "doubtful", "no-document",
                                               "matches",    "not-equal", "under",    "not-above",
                                               "before",     "differs",   "reads",
                                               "not-recognised"};
/* when the rules file has no <messages> */
static const char *const msg_defaults[ZZ_NMSG] = {
	"{field}: on its document but not readable", "{field}: not found",
	"{field}: {value} is not sure enough to decide", "no {type} document",
	"{field}: {value} matches {re}", "{field}: {value}, not {expected}", "{field}: {value}, under {min}",
	"{field}: {value}, not above {min}", "{field}: {value}, before {date}",
	"{field}: {value}, but {other} is {other-value}", "{field}: {document} reads {other-value}",
	"no {type} document recognised; not recognised: {document}",
};

/* The check's result, and unless it passed, its message: the template
 * kind filled with the values given (index by V_*; NULL: empty). */
static void
say(eval *E, int result, int kind, const char *const *v)
{
	if (result > E->worst)
		E->worst = result;
	if (result == PASS)
		return;
	const char *vals[NV];
	for (int i = 0; i < NV; i++)
		vals[i] = v[i] ? v[i] : "";
	char *m = zz_subst(E->R->msg[kind], var_names, vals, NV);
	if (E->msg.len)
		zz_buf_adds(&E->msg, "; ");
	zz_buf_adds(&E->msg, m);
	free(m);
}

static void
evidence(eval *E, const char *name)
{
	zz_result *r = E->out;
	r->evidence = zz_erealloc(r->evidence, (size_t)(r->nevidence + 1) * sizeof *r->evidence);
	r->evidence[r->nevidence++] = zz_estrdup(name);
}

/* The field a check needs: NULL (and the check missing) when absent or
 * unreadable; *doubt when it is doubtful. */
static zz_fact *
need(eval *E, const char *tmpl, int *doubt, char **name)
{
	*name = field_name(E, tmpl);
	zz_fact *f = zz_fact_get(E->fs, *name);
	*doubt = f && zz_doubtful(E->R, f);
	if (!f || !*f->value) {
		/* on a document that is there but could not be read: the
		 * evidence is present, a reviewer reads it; else it is missing */
		int there = f || zz_facts_asked(E->fs, *name);
		const char *v[NV] = {[V_FIELD] = *name};
		say(E, there ? REVIEW : MISSING, there ? ZZ_MSG_UNREADABLE : ZZ_MSG_NOT_FOUND, v);
		return NULL;
	}
	evidence(E, *name);
	return f;
}

/* pass when ok, else fail (review when the failure is one document
 * contradicting another: the spec's review) saying kind with v; review
 * either way when the field is doubtful */
static void
judge_as(eval *E, int ok, int doubt, const char *name, const zz_fact *f, int kind, const char **v,
         int contradiction)
{
	v[V_FIELD] = name, v[V_VALUE] = f->value;
	if (doubt)
		say(E, REVIEW, ZZ_MSG_DOUBTFUL, v);
	else if (!ok)
		say(E, contradiction ? REVIEW : FAIL, kind, v);
}

static void
judge(eval *E, int ok, int doubt, const char *name, const zz_fact *f, int kind, const char **v)
{
	judge_as(E, ok, doubt, name, f, kind, v, 0);
}

/* what a missing document is called: its title in documents.xml */
static const char *
type_title(const zz_rules *R, const char *type)
{
	for (int i = 0; type && i < R->ntypes; i++)
		if (!strcmp(R->type_ids[i], type))
			return R->type_titles[i];
	return type;
}

/* Is a a few characters off b: two edits at most, or a piece of it? */
static int
near_miss(const char *a, const char *b)
{
	unsigned ca[64], cb[64];
	size_t n = 0, m = 0, len;
	for (; *a && n < 64; a += len)
		ca[n++] = zz_utf8_decode(a, &len);
	for (; *b && m < 64; b += len)
		cb[m++] = zz_utf8_decode(b, &len);
	size_t d = zz_edits(ca, n, cb, m);
	return n > 0 && (d <= 2 || d == m - n);
}

/* Does check c ask for its field only where a document gives it
 * (if-there="yes"), and no document does, read or not? */
static int
there_only(eval *E, xmlNodePtr c, const char *tmpl)
{
	char *yes = zz_xml_prop(c, "if-there");
	int only = yes && !strcmp(yes, "yes");
	free(yes);
	if (!only)
		return 0;
	char *name = field_name(E, tmpl);
	int there = zz_fact_get(E->fs, name) || zz_facts_asked(E->fs, name);
	free(name);
	return !there;
}

static void
check(eval *E, xmlNodePtr c)
{
	char *field = zz_xml_prop(c, "field"), *name = NULL, *value = zz_xml_prop(c, "value");
	int doubt = 0;
	zz_fact *f = NULL;
	if (zz_xml_is(c, "document")) {
		char *type = zz_xml_prop(c, "type");
		const char *v[NV] = {[V_TYPE] = type_title(E->R, type)};
		/* absent while documents are there that were not recognised:
		 * it may be one of them, for a reviewer to see, never missing */
		int has = zz_facts_has_document(E->fs, type);
		char *unrec = has ? NULL : zz_facts_unrecognised(E->fs);
		v[V_DOCUMENT] = unrec;
		if (!has)
			say(E, unrec ? REVIEW : MISSING, unrec ? ZZ_MSG_NOT_RECOGNISED : ZZ_MSG_NO_DOCUMENT, v);
		free(type), free(unrec);
	} else if (zz_xml_is(c, "years")) {
		char *count = zz_xml_prop(c, "count");
		for (int k = 1; count && k <= atoi(count); k++) {
			char y[16];
			snprintf(y, sizeof y, "%d", atoi(E->as_of) - k);
			E->year = y;
			for (xmlNodePtr s = c->children; s; s = s->next)
				if (s->type == XML_ELEMENT_NODE)
					check(E, s);
			E->year = NULL;
		}
		free(count);
	} else if (field && there_only(E, c, field)) {
		/* <same if-there="yes">: no document gives the field, so
		 * nothing to compare (a year whose audit report is missing is
		 * another rule's to say) */
	} else if (field && (f = need(E, field, &doubt, &name))) {
		const char *v[NV] = {0};
		if (zz_xml_is(c, "valid")) {
			judge(E, 1, doubt, name, f, ZZ_MSG_DOUBTFUL, v);
		} else if (zz_xml_is(c, "not")) {
			char *re = zz_xml_prop(c, "re"), *bad = NULL;
			size_t mo, ml;
			pcre2_code *code = zz_pattern_compile(re, &bad); /* checked at load */
			int hit = code && zz_pattern_match(code, f->value, 0, &mo, &ml);
			free(bad);
			v[V_RE] = re;
			judge(E, !hit, doubt && hit, name, f, ZZ_MSG_MATCHES, v);
			free(re);
			pcre2_code_free(code);
		} else if (zz_xml_is(c, "equals")) {
			v[V_EXPECTED] = value;
			int ok = value && !strcmp(f->value, value);
			/* read a stroke or a piece off what it must be (二级 for 一级,
			 * 营类 for 安全运营类) from a scan and not surely: a misread
			 * as likely as a failure, and the same engine re-reading the
			 * same pixels errs alike, so no re-read settles it */
			if (!ok && value && f->box && f->conf < E->R->fail_sure && near_miss(f->value, value))
				doubt = 1;
			judge(E, ok, doubt, name, f, ZZ_MSG_NOT_EQUAL, v);
		} else if (zz_xml_is(c, "at-least") || zz_xml_is(c, "above")) {
			long long n = atoll(f->value), min = value ? atoll(value) : 0;
			int ok = zz_xml_is(c, "above") ? n > min : n >= min;
			/* a derived count or sum that its sure inputs alone carry
			 * over the threshold is sure enough */
			if (doubt && f->from && f->raw && atoll(f->raw) >= min + zz_xml_is(c, "above"))
				doubt = 0;
			/* a figure that fails its threshold must be surely read:
			 * OCR drops leading digits (89,608,115 read as 608,115);
			 * a sum is as sure as its least sure part (derived.c) */
			if (!ok && !f->confirmed && f->conf < E->R->fail_sure)
				doubt = 1;
			v[V_MIN] = value;
			judge(E, ok, doubt, name, f, zz_xml_is(c, "above") ? ZZ_MSG_NOT_ABOVE : ZZ_MSG_UNDER, v);
		} else if (zz_xml_is(c, "not-before")) {
			v[V_DATE] = E->as_of;
			judge(E, strcmp(f->value, E->as_of) >= 0, doubt, name, f, ZZ_MSG_BEFORE, v);
		} else if (zz_xml_is(c, "same") || zz_xml_is(c, "declared")) {
			char *as = zz_xml_prop(c, "as"), *asname = NULL;
			int doubt2 = 0;
			zz_fact *g = as ? need(E, as, &doubt2, &asname) : NULL;
			if (g) {
				int ok = zz_xml_is(c, "same") ? !strcmp(f->value, g->value)
				                              : atoll(f->value) == atoll(g->value);
				v[V_OTHER] = asname, v[V_OTHER_VALUE] = g->value;
				/* the doubt named is the field that has it */
				int other = doubt2 && !doubt;
				/* one document contradicting another is for a reviewer
				 * (the spec's consistency), unless the rule says fail */
				char *differs = zz_xml_prop(c, "differs");
				int review = zz_xml_is(c, "declared") || (differs && !strcmp(differs, "review"));
				free(differs);
				judge_as(E, ok, doubt || doubt2, other ? asname : name, other ? g : f, ZZ_MSG_DIFFERS, v,
				         review);
			}
			free(as), free(asname);
		} else if (zz_xml_is(c, "agree")) {
			for (int i = 0; i < E->fs->n; i++) {
				zz_fact *g = &E->fs->v[i];
				if (g == f || strcmp(g->name, name) || !*g->value || !strcmp(g->value, f->value))
					continue;
				v[V_DOCUMENT] = g->document ? g->document : "?", v[V_OTHER_VALUE] = g->value;
				judge_as(E, 0, doubt || zz_doubtful(E->R, g), name, f, ZZ_MSG_READS, v, 1);
			}
		}
	}
	free(field), free(name), free(value);
}

/* ---- the rules file ---- */

static void
load_derived(zz_rules *R, xmlNodePtr n)
{
	R->derived = zz_erealloc(R->derived, (size_t)(R->nderived + 1) * sizeof *R->derived);
	zz_derived *d = &R->derived[R->nderived++];
	memset(d, 0, sizeof *d);
	d->name = zz_xml_prop(n, "name"), d->kind = zz_xml_prop(n, "kind"), d->from = zz_xml_prop(n, "from");
	d->record = zz_xml_prop(n, "record"), d->key = zz_xml_prop(n, "key"), d->valid = zz_xml_prop(n, "valid");
	d->with = zz_xml_prop(n, "with"), d->on = zz_xml_prop(n, "on"), d->where = zz_xml_prop(n, "where");
	d->is = zz_xml_prop(n, "is"), d->value = zz_xml_prop(n, "value"), d->date = zz_xml_prop(n, "date");
	char *re = zz_xml_prop(n, "re"), *years = zz_xml_prop(n, "years"), *bad = NULL;
	d->re = re ? zz_pattern_compile(re, &bad) : NULL; /* checked at load */
	d->years = years ? atoi(years) : 0;
	free(re), free(years), free(bad);
}

/* <messages><message kind="doubtful">…</message>…: the wording of the
 * results, so that the clerks read their own language */
static void
load_messages(zz_rules *R, xmlNodePtr n)
{
	for (xmlNodePtr m = n->children; m; m = m->next) {
		char *kind = zz_xml_is(m, "message") ? zz_xml_prop(m, "kind") : NULL;
		for (int k = 0; kind && k < ZZ_NMSG; k++)
			if (!strcmp(kind, msg_kinds[k])) {
				free(R->msg[k]);
				R->msg[k] = zz_xml_own_text(m);
			}
		free(kind);
	}
}

/* The document types' titles; without documents.xml a missing document
 * is called by its type id. */
static void
load_titles(zz_rules *R, const char *configdir)
{
	char *err = NULL;
	zz_doctypes *dt = zz_doctypes_load(configdir, NULL, &err);
	free(err);
	for (int i = 0; dt && i < dt->ntypes; i++) {
		R->type_ids = zz_erealloc(R->type_ids, (size_t)(R->ntypes + 1) * sizeof *R->type_ids);
		R->type_titles = zz_erealloc(R->type_titles, (size_t)(R->ntypes + 1) * sizeof *R->type_titles);
		R->type_ids[R->ntypes] = zz_estrdup(dt->types[i].id);
		R->type_titles[R->ntypes++] = zz_estrdup(dt->types[i].title ? dt->types[i].title : dt->types[i].id);
	}
	zz_doctypes_free(&dt);
}

/* Every pattern of the file compiles, or the file is refused naming the
 * line: a pattern that cannot be used must not quietly never match. */
static int
check_patterns(xmlNodePtr n, const char *path, char **err)
{
	for (; n; n = n->next) {
		char *re = n->type == XML_ELEMENT_NODE ? zz_xml_prop(n, "re") : NULL, *why = NULL;
		pcre2_code *code = re ? zz_pattern_compile(re, &why) : NULL;
		if (re && !code)
			*err = zz_easprintf("%s:%ld: bad pattern '%s': %s", path, xmlGetLineNo(n), re, why);
		pcre2_code_free(code);
		free(re), free(why);
		if (*err || check_patterns(n->children, path, err) < 0)
			return -1;
	}
	return 0;
}

static int
load_rules(zz_rules *R, const char *configdir, const char *path, char **err)
{
	memset(R, 0, sizeof *R);
	char *rng = zz_schema_path(configdir, "rules.rng");
	int rc = zz_rng_validate(rng, path, err);
	free(rng);
	if (rc < 0)
		return -1;
	R->doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!R->doc) {
		*err = zz_easprintf("%s: cannot parse", path);
		return -1;
	}
	xmlNodePtr root = xmlDocGetRootElement(R->doc);
	if (check_patterns(root, path, err) < 0)
		return -1;
	char *rb = zz_xml_prop(root, "review-below"), *dl = zz_xml_prop(root, "doubtful"), *save = NULL;
	char *fs = zz_xml_prop(root, "fail-sure");
	R->review_below = rb ? atof(rb) : 0.8;
	R->fail_sure = fs ? atof(fs) : R->review_below;
	free(fs);
	R->as_of_field = zz_xml_prop(root, "as-of");
	for (char *t = strtok_r(dl, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		R->doubtful = zz_erealloc(R->doubtful, (size_t)(R->ndoubtful + 1) * sizeof *R->doubtful);
		R->doubtful[R->ndoubtful++] = zz_estrdup(t);
	}
	free(rb), free(dl);
	for (xmlNodePtr n = root->children; n; n = n->next)
		if (zz_xml_is(n, "derived"))
			load_derived(R, n);
		else if (zz_xml_is(n, "messages"))
			load_messages(R, n);
	for (int k = 0; k < ZZ_NMSG; k++)
		if (!R->msg[k])
			R->msg[k] = zz_estrdup(msg_defaults[k]);
	load_titles(R, configdir);
	return 0;
}

static void
free_rules(zz_rules *R)
{
	for (int i = 0; i < R->nderived; i++) {
		zz_derived *d = &R->derived[i];
		char *s[] = {d->name, d->kind, d->from, d->record, d->key, d->valid,
		             d->with, d->on,   d->where, d->is,   d->value, d->date};
		for (unsigned k = 0; k < sizeof s / sizeof *s; k++)
			free(s[k]);
		pcre2_code_free(d->re);
	}
	for (int i = 0; i < R->ndoubtful; i++)
		free(R->doubtful[i]);
	for (int k = 0; k < ZZ_NMSG; k++)
		free(R->msg[k]);
	for (int i = 0; i < R->ntypes; i++)
		free(R->type_ids[i]), free(R->type_titles[i]);
	free(R->type_ids), free(R->type_titles);
	free(R->derived), free(R->doubtful), free(R->as_of_field);
	xmlFreeDoc(R->doc);
}

/* ---- the decision ---- */

static void
pick_as_of(zz_rules *R, zz_facts *fs, const char *given, zz_decision *d)
{
	zz_fact *f = R->as_of_field ? zz_fact_get(fs, R->as_of_field) : NULL;
	const char *v = given ? given : f && strlen(f->value) == 10 ? f->value : NULL;
	if (v) {
		snprintf(d->as_of, sizeof d->as_of, "%s", v);
	} else { /* no application date: today, and the report says so */
		time_t t = time(NULL);
		strftime(d->as_of, sizeof d->as_of, "%Y-%m-%d", gmtime(&t));
	}
	d->as_of_given = given != NULL;
}

/* No qualification's rules may decide the case: review, the one result
 * saying why, as of the date given or the form's date. */
static void
no_rules(zz_facts *fs, const char *given, char *why, zz_decision *d)
{
	zz_rules none = {.as_of_field = "application.date"};
	pick_as_of(&none, fs, given, d);
	d->rules = zz_ecalloc(1, sizeof *d->rules);
	d->nrules = 1;
	d->rules[0].id = zz_estrdup("qualification");
	d->rules[0].title = zz_estrdup("适用的资质规则");
	d->rules[0].result = zz_estrdup("review");
	d->rules[0].message = why;
	d->verdict = zz_estrdup("review");
}

static void
ask_for(zz_decision *d, xmlNodePtr rule, zz_facts *fs)
{
	for (xmlNodePtr c = rule->children; c; c = c->next) {
		char *type = zz_xml_is(c, "document") ? zz_xml_prop(c, "type") : NULL;
		int absent = type && !zz_facts_has_document(fs, type);
		char *unrec = absent ? zz_facts_unrecognised(fs) : NULL;
		/* asked for only when surely missing (the reviewer first looks
		 * at what was not recognised) */
		if (absent && !unrec) {
			d->missing_types = zz_erealloc(d->missing_types,
			                               (size_t)(d->nmissing + 1) * sizeof *d->missing_types);
			d->missing_types[d->nmissing++] = type;
		} else {
			free(type);
		}
		free(unrec);
	}
}

int
zz_decide(const char *configdir, const char *rules_path, zz_facts *fs, const char *as_of,
          zz_decision *d, char **err)
{
	memset(d, 0, sizeof *d);
	*err = NULL;
	zz_rules R;
	char *path = NULL, *why = NULL;
	int chosen = rules_path ? 0 : zz_rules_choose(configdir, fs, &path, &why, err);
	if (chosen < 0)
		return -1;
	if (chosen > 0) {
		no_rules(fs, as_of, why, d);
		return 0;
	}
	if (!path)
		path = zz_estrdup(rules_path);
	if (load_rules(&R, configdir, path, err) < 0) {
		free(path);
		free_rules(&R);
		return -1;
	}
	d->rules_id = zz_rules_id(path);
	d->rules_title = zz_xml_prop(xmlDocGetRootElement(R.doc), "title");
	free(path);
	pick_as_of(&R, fs, as_of, d);
	zz_derive(&R, fs, d->as_of);
	int worst = PASS;
	for (xmlNodePtr n = xmlDocGetRootElement(R.doc)->children; n; n = n->next) {
		if (!zz_xml_is(n, "rule"))
			continue;
		d->rules = zz_erealloc(d->rules, (size_t)(d->nrules + 1) * sizeof *d->rules);
		zz_result *r = &d->rules[d->nrules++];
		memset(r, 0, sizeof *r);
		r->id = zz_xml_prop(n, "id");
		r->title = zz_xml_prop(n, "title");
		eval E = {&R, fs, d->as_of, r, {0}, PASS, NULL};
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				check(&E, c);
		r->result = zz_estrdup(result_names[E.worst]);
		r->message = E.msg.s ? E.msg.s : zz_xml_prop(n, "title");
		if (E.worst > worst)
			worst = E.worst;
		ask_for(d, n, fs);
	}
	static const char *const verdicts[] = {"eligible", "review", "incomplete", "ineligible"};
	d->verdict = zz_estrdup(verdicts[worst]);
	free_rules(&R);
	return 0;
}

void
zz_decision_free(zz_decision *d)
{
	for (int i = 0; i < d->nrules; i++) {
		zz_result *r = &d->rules[i];
		free(r->id), free(r->result), free(r->message), free(r->title);
		for (int k = 0; k < r->nevidence; k++)
			free(r->evidence[k]);
		free(r->evidence);
	}
	for (int i = 0; i < d->nmissing; i++)
		free(d->missing_types[i]);
	free(d->rules), free(d->missing_types), free(d->verdict), free(d->rules_id), free(d->rules_title);
	memset(d, 0, sizeof *d);
}
