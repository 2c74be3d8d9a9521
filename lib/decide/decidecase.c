/* decidecase.c - one case decided: its facts (extract.xml and a
 * reviewer's corrections) through the rules, into CASE/report.xml, under
 * the case's lock. The decide stage runs it on each case; the station on
 * a case a reviewer has just corrected. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"

int
zz_decide_case(const char *configdir, const char *rules_path, const char *casedir, const char *as_of,
               int lock_s, char **err)
{
	*err = NULL;
	int lock = zz_lock_case(casedir, lock_s);
	if (lock < 0) {
		*err = zz_easprintf("cannot lock '%s': %s", casedir, strerror(errno));
		return ZZ_EXIT_ITEMS;
	}
	zz_rmtree_prefixed(casedir, "report.xml.tmp."); /* a killed run's; we hold the lock */
	zz_facts fs;
	zz_decision d;
	char *why = NULL;
	int rc = ZZ_EXIT_ITEMS;
	if (zz_facts_load(&fs, casedir, &why) < 0) {
		*err = zz_easprintf("%s: %s", casedir, why);
		free(why);
		zz_unlock(&lock);
		return rc;
	}
	if (zz_decide(configdir, rules_path, &fs, as_of, &d, &why) < 0) {
		*err = zz_easprintf("bad rules:\n%s", why);
		free(why);
		rc = ZZ_EXIT_CONFIG;
	} else {
		char *path = zz_easprintf("%s/report.xml", casedir), *id = zz_case_id(casedir);
		if (zz_report_write(path, id, &fs, &d) < 0) {
			*err = zz_easprintf("cannot write '%s': %s", path, strerror(errno));
			rc = ZZ_EXIT_IO;
		} else {
			rc = ZZ_EXIT_OK;
		}
		free(path), free(id);
		zz_decision_free(&d);
	}
	zz_facts_free(&fs);
	zz_unlock(&lock);
	return rc;
}
