/* pattern.h - PCRE2 patterns of the configuration (internal): one way to
 * compile them and one to match them, with limits on the matching. */
#ifndef ZZ_PATTERN_H
#define ZZ_PATTERN_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* src with UTF and Unicode properties; NULL with *err (the message and
 * where in src). */
pcre2_code *zz_pattern_compile(const char *src, char **err);
/* First match of re in s from byte off: 1 with the span of the group named
 * v when the pattern has one, else of the whole match; 0 when none, or
 * when the pattern backtracks past the limits. */
int zz_pattern_match(const pcre2_code *re, const char *s, size_t off, size_t *mo, size_t *ml);

#endif
