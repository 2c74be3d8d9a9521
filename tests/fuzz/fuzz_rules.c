/* fuzz_rules - a qualification's rules file (one of config/rules/) through
 * the decide stage's loader (the
 * schema, patterns, derived fields) and its rules evaluated on the
 * fixture case's extract.xml, then report.xml written; and the
 * qualification's terms (<life>) through zz_life_terms_load. */
#include <stdlib.h>
#include <unistd.h>

#include "zizhi.h"
#include "fuzz.h"

static char *dir, *file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	zz_fuzz_init();
	zz_fuzz_config_dir(&dir, &file, "rules.xml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	zz_fuzz_write(file, data, size);
	zz_facts fs = {0};
	if (zz_facts_load(&fs, zz_fuzz_case(), &err) < 0)
		abort(); /* the fixture, not the input */
	zz_decision d;
	if (zz_decide(dir, file, &fs, NULL, &d, &err) == 0) {
		char *report = zz_fuzz_path("report.xml");
		zz_report_write(report, "0123456789abcdef", &fs, &d);
		unlink(report);
		free(report);
		ZZ_FUZZ_ASSERT(d.verdict);
	}
	zz_decision_free(&d);
	free(err), err = NULL;
	zz_facts_free(&fs);
	zz_life_terms t;
	zz_life_terms_load(dir, file, &t, &err);
	free(err);
	return 0;
}
