/* unpack_fwd.c - in an archive's bounded child (unpack_child.c), what
 * the back ends hand to the entry store (unpack_put.c) is sent to the
 * parent instead, as frames over the child's socket: a type byte, a
 * 32-bit length, the payload. After 'P' (an entry) and after each 'D'
 * (its data) the child waits for the parent's one-byte answer. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unpack/unpack.h"

void
zz_u_frame(zz_unpack *u, char type, const zz_buf *b)
{
	unsigned char h[5] = {(unsigned char)type};
	uint32_t n = b ? (uint32_t)b->len : 0;
	memcpy(h + 1, &n, 4);
	if (zz_write_all(u->chan, h, 5) < 0 || (n && zz_write_all(u->chan, b->s, n) < 0))
		_exit(0); /* the parent is gone or gave up on us */
}

/* 'c': send the data; 's': skip this entry; 'n': skip it, and the parent
 * will refuse every entry from now on (over max-entries, its list of
 * refusals full), so they are only counted, not sent one by one (a ZIP
 * of 200000 entries would otherwise cost 180000 round trips). */
static int
child_answer(zz_unpack *u)
{
	char c = 's';
	while (read(u->chan, &c, 1) < 0 && errno == EINTR)
		;
	u->counting |= c == 'n';
	return c == 'c';
}

static void
add_str(zz_buf *b, const char *s)
{
	zz_buf_add(b, s ? s : "", strlen(s ? s : "") + 1);
}

void
zz_u_fwd(zz_unpack *u, char type, const char *a, const char *b, const char *c)
{
	u->forwarded += type == 'R';
	if (u->counting && (type == 'N' || type == 'R' || type == 'C')) {
		/* as the parent counts them: an entry counted is refused, a
		 * refusal after it is one more */
		u->tally_entries += type != 'R';
		u->tally_refused++;
		return;
	}
	zz_buf f = {0};
	add_str(&f, a), add_str(&f, b), add_str(&f, c);
	zz_u_frame(u, type, &f);
	zz_buf_free(&f);
}

int
zz_u_fwd_put(zz_unpack *u, const char *name, const char *enc, const char *raw, size_t rawlen,
             zz_source *src, char **err)
{
	uint32_t rl = (uint32_t)rawlen;
	u->forwarded++;
	if (u->counting) {
		u->tally_entries++, u->tally_refused++;
		return 0;
	}
	zz_buf f = {0};
	add_str(&f, name), add_str(&f, enc);
	zz_buf_add(&f, &rl, 4);
	zz_buf_add(&f, raw ? raw : "", rawlen);
	zz_buf_add(&f, &src->declared, 8);
	zz_buf_add(&f, &src->compressed, 8);
	zz_u_frame(u, 'P', &f);
	zz_buf_free(&f);
	char *data = zz_emalloc(ZZ_U_CHUNK + 8);
	int rc = 0;
	while (child_answer(u)) {
		ssize_t r = src->read(src->h, data + 8, ZZ_U_CHUNK);
		if (r <= 0) {
			zz_buf e = {0};
			if (r < 0)
				zz_buf_adds(&e, src->error(src->h));
			zz_u_frame(u, r < 0 ? 'X' : 'E', &e);
			zz_buf_free(&e);
			if (r < 0) {
				*err = zz_estrdup(src->error(src->h));
				rc = -1;
			}
			break;
		}
		uint64_t used = src->consumed ? src->consumed(src->h) : 0;
		memcpy(data, &used, 8);
		zz_buf d = {data, (size_t)r + 8, ZZ_U_CHUNK + 8};
		zz_u_frame(u, 'D', &d);
	}
	free(data);
	return rc;
}
