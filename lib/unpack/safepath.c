/* safepath.c - turn an archive member name into a safe relative path.
 *
 * Security problems (absolute paths, drive letters, '..' components, also
 * when spelt with backslashes) refuse the entry; cosmetic ones (control
 * characters, over-long components) are mended so no good file is lost. */
#include <stdlib.h>
#include <string.h>

#include "unpack/unpack.h"

#define COMPONENT_MAX 240 /* bytes; leaves room for a "~N" de-duplication mark */

/* Cuts s (NUL-terminated, UTF-8) to at most max bytes, keeping its
 * extension and never splitting a character. */
static void
shorten(zz_buf *out, const char *s, size_t len)
{
	const char *dot = strrchr(s, '.');
	size_t ext = (dot && len - (size_t)(dot - s) <= 16) ? len - (size_t)(dot - s) : 0;
	size_t keep = COMPONENT_MAX - ext;
	while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
		keep--;
	zz_buf_add(out, s, keep);
	zz_buf_add(out, s + len - ext, ext);
}

static int
is_drive(const char *s)
{
	return ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) && s[1] == ':';
}

char *
zz_safepath(const char *name, unsigned max_bytes, int backslash_sep, const char **code,
            const char **reason)
{
	*code = NULL;
	*reason = NULL;
	char *n = zz_estrdup(name);
	for (char *p = n; backslash_sep && *p; p++)
		if (*p == '\\')
			*p = '/';
	if (n[0] == '/' || is_drive(n)) {
		free(n);
		*code = "absolute-path";
		*reason = "absolute path";
		return NULL;
	}
	zz_buf out = {0};
	char *save = NULL;
	for (char *c = strtok_r(n, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (strcmp(c, ".") == 0)
			continue;
		if (strcmp(c, "..") == 0) {
			free(n);
			zz_buf_free(&out);
			*code = "path-traversal";
			*reason = "path has a '..' component";
			return NULL;
		}
		for (char *p = c; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7F)
				*p = '_';
		if (out.len)
			zz_buf_add(&out, "/", 1);
		size_t len = strlen(c);
		if (len > COMPONENT_MAX)
			shorten(&out, c, len);
		else
			zz_buf_add(&out, c, len);
	}
	free(n);
	if (out.len == 0) {
		zz_buf_free(&out);
		*code = "empty-name";
		*reason = "empty file name";
		return NULL;
	}
	if (out.len > max_bytes) {
		zz_buf_free(&out);
		*code = "path-too-long";
		*reason = "path longer than the configured limit";
		return NULL;
	}
	return out.s;
}
