/* zizhi-recheck - what is due as of a date, for cron: qualifications to
 * renew or expired, yearly confirmations, cases whose verdict an expired
 * certificate would change, processing clocks running out, sanctions
 * whose deadline has come. Silent, and 0, when nothing is; else one line
 * per item and ZZ_EXIT_DUE, so cron mails the list and a script can tell
 * "due" from "broken". */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "zizhi.h"

static const char *as_of, *format = "text", *rules_file;

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-recheck [-d db] [-c config] [--rules file] [--as-of YYYY-MM-DD]\n"
	        "                     [--format text|xml]\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	switch (opt) {
	case 'A': as_of = arg; return zz_valid_date(arg) ? 0 : -1;
	case 'F': format = arg; return strcmp(arg, "text") && strcmp(arg, "xml") ? -1 : 0;
	case 'R': rules_file = arg; return 0;
	}
	return -1;
}

static const struct option long_opts[] = {
	{"as-of", required_argument, NULL, 'A'},
	{"format", required_argument, NULL, 'F'},
	{"rules", required_argument, NULL, 'R'},
	{NULL, 0, NULL, 0},
};

static void
text(const zz_dues *d)
{
	for (int i = 0; i < d->n; i++) {
		const zz_due *x = &d->v[i];
		printf("%s  ", x->case_id);
		zz_print_padded(x->applicant ? x->applicant : "?", 36);
		printf("  %-20s  %s  %s\n", x->kind, x->date, x->detail);
	}
}

/* config/schema/recheck.rng; a document even when nothing is due: it
 * is for programs, which want one to read */
static void
xml(const zz_dues *d, const char *day)
{
	zz_xmldoc doc;
	xmlTextWriterPtr w = zz_xmldoc_begin(&doc, "recheck");
	zz_xml_attr(w, "as-of", day);
	zz_xml_attr(w, "zizhi-version", ZZ_VERSION);
	for (int i = 0; i < d->n; i++) {
		const zz_due *x = &d->v[i];
		xmlTextWriterStartElement(w, BAD_CAST "due");
		zz_xml_attr(w, "case", x->case_id);
		zz_xml_attr(w, "applicant", x->applicant);
		zz_xml_attr(w, "kind", x->kind);
		zz_xml_attr(w, "date", x->date);
		zz_xml_attr(w, "rule", x->rule);
		zz_xml_attr(w, "qualification", x->qualification);
		char *t = zz_xml_text(x->detail);
		xmlTextWriterWriteString(w, BAD_CAST t);
		free(t);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndDocument(doc.w);
	xmlFreeTextWriter(doc.w);
	fwrite(xmlBufferContent(doc.buf), 1, (size_t)xmlBufferLength(doc.buf), stdout);
	xmlBufferFree(doc.buf);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	if (zz_settings_getopt(&st, argc, argv, "", long_opts, extra, usage) != argc)
		usage(ZZ_EXIT_USAGE);
	char today[11], *err = NULL;
	const char *day = as_of ? as_of : zz_today(today);
	/* a mistyped path under cron would be an empty new database, and
	 * silence: nothing due */
	if (access(st.db, F_OK) < 0)
		zz_die(ZZ_EXIT_IO, "cannot open '%s': %s", st.db, strerror(errno));
	struct sqlite3 *db = zz_db_open(st.db, &err);
	if (!db)
		zz_die(ZZ_EXIT_IO, "%s", err);
	zz_dues d;
	int rc = zz_recheck(db, st.config, rules_file, day, &d, &err);
	zz_db_close(&db);
	if (rc == ZZ_EXIT_CONFIG)
		zz_die(rc, "bad rules:\n%s", err);
	if (rc != ZZ_EXIT_OK)
		zz_die(rc, "%s: %s", st.db, err);
	if (!strcmp(format, "xml"))
		xml(&d, day);
	else
		text(&d);
	rc = d.n ? ZZ_EXIT_DUE : ZZ_EXIT_OK;
	zz_dues_free(&d);
	zz_eclose_stdout();
	return rc;
}
