/* fuzz_alto - an ALTO page (as OCR or a PDF text layer gives it) as
 * the extract stage reads it: lines and words with boxes and
 * confidences into rows and chunks, amounts joined, then the real
 * document types classify it and find their fields, and extract.xml is
 * written. The input is the one page of a scanned file in a case made
 * in scratch space. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "zizhi.h"
#include "fuzz.h"

static zz_doctypes *dt;
static char *casedir, *page;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;
	zz_fuzz_init();
	if (!(dt = zz_doctypes_load(zz_fuzz_config(), NULL, &err))) {
		fprintf(stderr, "fuzz_alto: %s\n", err);
		abort();
	}
	casedir = zz_fuzz_path("case");
	char *read = zz_fuzz_path("case/read"), *index = zz_fuzz_path("case/read/read.xml");
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<read case=\"0123456789abcdef\" version=\"1\">\n"
		" <file id=\"f1\" path=\"files/scan.jpg\" media-type=\"image/jpeg\" kind=\"image\" status=\"ok\">\n"
		"  <page n=\"1\" method=\"ocr\" alto=\"read/p1.alto.xml\" dpi=\"300\"/>\n"
		" </file>\n"
		"</read>\n";
	if (zz_mkdirs(read, 0755) < 0)
		abort();
	zz_fuzz_write(index, xml, sizeof xml - 1);
	page = zz_fuzz_path("case/read/p1.alto.xml");
	free(read), free(index);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a page that does not parse is warned of (once per input) and
	 * goes no further: the parse alone is fuzzed then */
	if (size > INT32_MAX)
		return 0;
	xmlDocPtr doc = xmlReadMemory((const char *)data, (int)size, NULL, NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return 0;
	xmlFreeDoc(doc);
	zz_fuzz_write(page, data, size);
	char *out = zz_fuzz_path("out"), *err = NULL;
	zz_extract_opts o = {.no_reread = 1, .no_crops = 1};
	if (mkdir(out, 0755) < 0)
		abort();
	zz_extract_case(dt, casedir, out, &o, &err);
	free(err);
	zz_rmtree(out);
	free(out);
	return 0;
}
