/* fuzz_ooxml.h - the DOCX and XLSX harnesses are one, with the reader,
 * the template package and its fuzzed parts set before including this.
 *
 * An input starting "PK" is the whole file. Any other is the XML of the
 * parts FUZZ_PARTS, apart at NUL bytes, put in the template package (the
 * committed seed) in their place: mutations of deflated data rarely get
 * past the ZIP layer, so the readers' own XML handling would go unfuzzed. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "zizhi.h"
#include "fuzz.h"

static char *schema;
static const char *const parts[] = {FUZZ_PARTS};
enum { NPARTS = sizeof parts / sizeof *parts };
static struct member {
	char *name;
	void *data;
	zip_uint64_t len;
} *tmpl;
static zip_int64_t ntmpl;

static void
load_template(void)
{
	char *path = zz_easprintf("%s/tests/fuzz/seeds/" FUZZ_TEMPLATE, zz_fuzz_top());
	int ze = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &ze);
	if (!za) {
		fprintf(stderr, "cannot open the template %s\n", path);
		abort();
	}
	ntmpl = zip_get_num_entries(za, 0);
	tmpl = zz_ecalloc((size_t)ntmpl, sizeof *tmpl);
	for (zip_int64_t i = 0; i < ntmpl; i++) {
		zip_stat_t st;
		zip_file_t *zf = NULL;
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0 || !(zf = zip_fopen_index(za, (zip_uint64_t)i, 0)))
			abort();
		tmpl[i].name = zz_estrdup(st.name);
		tmpl[i].len = st.size;
		tmpl[i].data = zz_emalloc(st.size + 1);
		if (zip_fread(zf, tmpl[i].data, st.size) != (zip_int64_t)st.size)
			abort();
		zip_fclose(zf);
	}
	zip_close(za);
	free(path);
}

/* the template with the input's parts in place, stored, at path */
static void
write_package(const char *path, const uint8_t *data, size_t size)
{
	const uint8_t *part[NPARTS] = {0};
	size_t plen[NPARTS] = {0};
	for (int k = 0; k < NPARTS && (k == 0 || part[k - 1] + plen[k - 1] < data + size); k++) {
		const uint8_t *from = k ? part[k - 1] + plen[k - 1] + 1 : data;
		const uint8_t *nul = memchr(from, 0, (size_t)(data + size - from));
		part[k] = from;
		plen[k] = nul ? (size_t)(nul - from) : (size_t)(data + size - from);
	}
	int ze = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	if (!za)
		abort();
	for (zip_int64_t i = 0; i < ntmpl; i++) {
		const void *p = tmpl[i].data;
		zip_uint64_t n = tmpl[i].len;
		for (int k = 0; k < NPARTS; k++)
			if (part[k] && !strcmp(tmpl[i].name, parts[k]))
				p = part[k], n = plen[k];
		zip_source_t *src = zip_source_buffer(za, p, n, 0);
		zip_int64_t idx = src ? zip_file_add(za, tmpl[i].name, src, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0 || zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0)
			abort();
	}
	if (zip_close(za) < 0)
		abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	zz_fuzz_init();
	schema = zz_schema_path(zz_fuzz_config(), "content.rng");
	load_template();
	return 0;
}

/* The file is read as the read stage reads it; what it writes must be
 * whole, as the extract stage relies on: a content.xml valid against its
 * schema, and text.txt beside it. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = zz_fuzz_path("in." FUZZ_KIND), *out = zz_fuzz_path("out"), *err = NULL;
	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
		zz_fuzz_write(in, data, size);
	else
		write_package(in, data, size);
	if (mkdir(out, 0755) < 0)
		abort();
	if (FUZZ_READ(in, out, &err) == 0) {
		char *c = zz_fuzz_path("out/content.xml"), *t = zz_fuzz_path("out/text.txt");
		struct stat st;
		ZZ_FUZZ_ASSERT(stat(t, &st) == 0);
		char *why = NULL;
		if (zz_rng_validate(schema, c, &why) < 0) {
			fprintf(stderr, "content.xml not valid: %s\n", why);
			ZZ_FUZZ_ASSERT(!"content.xml valid");
		}
		free(c), free(t);
	}
	free(err);
	zz_rmtree(out);
	unlink(in);
	free(in), free(out);
	return 0;
}
