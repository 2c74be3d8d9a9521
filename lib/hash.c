/* hash.c - SHA-256 through GLib's GChecksum. GLib is already a dependency
 * (poppler-glib needs it), so no second crypto library is pulled in. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "zizhi.h"

struct zz_sha256 {
	GChecksum *c;
};

zz_sha256 *
zz_sha256_new(void)
{
	zz_sha256 *h = zz_emalloc(sizeof *h);
	h->c = g_checksum_new(G_CHECKSUM_SHA256);
	return h;
}

void
zz_sha256_update(zz_sha256 *h, const void *p, size_t n)
{
	/* g_checksum_update takes a gssize length */
	const unsigned char *s = p;
	while (n > 0) {
		size_t k = n > (1u << 30) ? (1u << 30) : n;
		g_checksum_update(h->c, s, (gssize)k);
		s += k;
		n -= k;
	}
}

void
zz_sha256_hex(zz_sha256 *h, char out[65])
{
	const char *s = g_checksum_get_string(h->c);
	memcpy(out, s, 64);
	out[64] = '\0';
}

void
zz_sha256_destroy(zz_sha256 **ph)
{
	if (!ph || !*ph)
		return;
	g_checksum_free((*ph)->c);
	free(*ph);
	*ph = NULL;
}

int
zz_sha256_fd(int fd, char out[65])
{
	out[0] = '\0';
	zz_sha256 *h = zz_sha256_new();
	char buf[1 << 16];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			zz_sha256_destroy(&h);
			return -1;
		}
		zz_sha256_update(h, buf, (size_t)n);
	}
	zz_sha256_hex(h, out);
	zz_sha256_destroy(&h);
	return 0;
}

int
zz_sha256_file(const char *path, char out[65])
{
	out[0] = '\0';
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = zz_sha256_fd(fd, out);
	int e = errno;
	close(fd);
	errno = e;
	return r;
}
