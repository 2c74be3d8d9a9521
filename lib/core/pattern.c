/* pattern.c - compiling and matching the configuration's PCRE2 patterns
 * (document cues and fields, rule checks) on text read from strangers'
 * files. */
#include <string.h>

#include "core/core.h"

pcre2_code *
zz_pattern_compile(const char *src, char **err)
{
	int code;
	PCRE2_SIZE off;
	*err = NULL;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
	                               &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[200];
		pcre2_get_error_message(code, msg, sizeof msg);
		*err = zz_easprintf("%s at offset %zu", (char *)msg, (size_t)off);
	}
	return re;
}

int
zz_pattern_match(const pcre2_code *re, const char *s, size_t off, size_t *mo, size_t *ml)
{
	*mo = *ml = 0;
	/* the text is a stranger's: a pattern that backtracks badly on it
	 * gives up (as no match) instead of hanging the batch */
	static pcre2_match_context *mc;
	if (!mc && (mc = pcre2_match_context_create(NULL))) {
		pcre2_set_match_limit(mc, 1000000);
		pcre2_set_depth_limit(mc, 10000);
	}
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), off, 0, md, mc);
	if (rc > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "v");
		if (g > 0 && g < rc && ov[2 * g] != PCRE2_UNSET)
			*mo = ov[2 * g], *ml = ov[2 * g + 1] - ov[2 * g];
		else
			*mo = ov[0], *ml = ov[1] - ov[0];
	}
	pcre2_match_data_free(md);
	return rc > 0;
}
