/* zizhi-report - print the report of each case (its directory, as zizhi run
 * prints it, or its bare id, looked up in the spool): CASE/report.xml, the
 * contract of the spec's §5, as written by zizhi-decide; or, with
 * --format text, a summary for a terminal; html, a page for the expert
 * panel that stands alone; letter, the 补充资料 request to the applicant
 * (nothing when there is nothing to ask for). */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "zizhi.h"

enum { XML, TEXT, HTML, LETTER };
static const char *const formats[] = {"xml", "text", "html", "letter"};
static int format;

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-report [-s spool] [-c config] [--format xml|text|html|letter] case...\n");
	exit(code);
}

static int
extra(int opt, const char *arg)
{
	for (int i = 0; opt == 'F' && i < (int)(sizeof formats / sizeof *formats); i++) {
		if (!strcmp(arg, formats[i])) {
			format = i;
			return 0;
		}
	}
	return -1;
}

static const struct option long_opts[] = {
	{"format", required_argument, NULL, 'F'}, {NULL, 0, NULL, 0},
};

/* The verdict, each rule that did not pass with its message, and what to
 * ask the applicant for: what a clerk reads first. */
static int
print_text(const char *xml, size_t n)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)n, "report.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	if (!doc)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *id = zz_xml_prop(root, "id"), *v = zz_xml_prop(root, "verdict");
	char *asof = zz_xml_prop(root, "as-of");
	printf("case %s: %s (as of %s)\n", id ? id : "?", v ? v : "?", asof ? asof : "?");
	free(id), free(v), free(asof);
	for (xmlNodePtr r = root->children; r; r = r->next) {
		if (zz_xml_is(r, "rule")) {
			char *rid = zz_xml_prop(r, "id"), *res = zz_xml_prop(r, "result");
			xmlChar *msg = xmlNodeGetContent(r);
			char *m = (char *)msg, *e;
			/* the indentation around the evidence elements is not message */
			while (m && (*m == ' ' || *m == '\n'))
				m++;
			for (e = m ? m + strlen(m) : NULL; e && e > m && (e[-1] == ' ' || e[-1] == '\n');)
				*--e = '\0';
			if (res && strcmp(res, "pass") && m && *m)
				printf("  %-8s %-20s %s\n", res, rid ? rid : "?", m);
			else
				printf("  %-8s %s\n", res ? res : "?", rid ? rid : "?");
			xmlFree(msg);
			free(rid), free(res);
		} else if (zz_xml_is(r, "request")) {
			char *t = zz_xml_prop(r, "document-type");
			printf("  ask for: %s\n", t ? t : "?");
			free(t);
		}
	}
	xmlFreeDoc(doc);
	return 0;
}

/* html and letter: the report through its stylesheet */
static int
print_styled(zz_reportfmt *fmt, const char *dir, char **err)
{
	char *out = NULL;
	size_t n = 0;
	if (zz_reportfmt_case(fmt, dir, &out, &n, err) < 0)
		return -1;
	fwrite(out, 1, n, stdout);
	free(out);
	return 0;
}

/* the case directory of a directory or a bare id */
static char *
case_dir(const zz_settings *st, const char *arg)
{
	struct stat sb;
	if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode))
		return zz_estrdup(arg);
	if (strchr(arg, '/') || strspn(arg, "0123456789abcdef") != strlen(arg))
		return NULL;
	return zz_easprintf("%s/cases/%s", st->spool, arg);
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	setlocale(LC_CTYPE, "C.UTF-8");
	zz_settings st;
	zz_settings_init(&st);
	int i = zz_settings_getopt(&st, argc, argv, "", long_opts, extra, usage);
	zz_reportfmt *fmt = NULL;
	char *err = NULL;
	if (format == HTML)
		fmt = zz_reportfmt_load(st.config, "report-html.xsl", ZZ_REPORT_IMAGES, &err);
	else if (format == LETTER)
		fmt = zz_reportfmt_load(st.config, "request-letter.xsl", 0, &err);
	if (err)
		zz_die(ZZ_EXIT_CONFIG, "%s", err);
	zz_items *it = zz_items_open(argc - i, argv + i);
	int status = ZZ_EXIT_OK;
	for (const char *c; (c = zz_items_next(it));) {
		char *dir = case_dir(&st, c), *path = dir ? zz_easprintf("%s/report.xml", dir) : NULL;
		char *xml = NULL;
		size_t n = 0;
		if (!path || zz_read_file(path, 1 << 26, &xml, &n) < 0) {
			zz_warn("%s: no report (%s)", c,
			        !dir ? "not a case directory or id" : "run zizhi-decide first");
			status = ZZ_EXIT_ITEMS;
		} else if (format == XML) {
			fwrite(xml, 1, n, stdout);
		} else if (format == TEXT && print_text(xml, n) < 0) {
			zz_warn("%s: cannot parse '%s'", c, path);
			status = ZZ_EXIT_ITEMS;
		} else if (fmt && print_styled(fmt, dir, &err) < 0) {
			zz_warn("%s: %s", c, err);
			free(err);
			status = ZZ_EXIT_ITEMS;
		}
		free(dir), free(path), free(xml);
	}
	zz_items_destroy(&it);
	zz_reportfmt_destroy(&fmt);
	zz_eclose_stdout();
	return status;
}
