/* secret.c - random tokens from the kernel, and wiping what held a
 * secret before its memory is given back. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "core/core.h"

int
zz_random_hex(char out[65], char **err)
{
	unsigned char b[32];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = zz_easprintf("no random bytes from the kernel: %s", strerror(errno));
			out[0] = '\0';
			return -1;
		}
		got += (size_t)n;
	}
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof b; i++)
		out[2 * i] = hex[b[i] >> 4], out[2 * i + 1] = hex[b[i] & 15];
	out[64] = '\0';
	zz_wipe(b, sizeof b);
	return 0;
}

int
zz_token_shaped(const char *s)
{
	return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* through a volatile pointer, so the stores are not dropped as dead */
void
zz_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;
	while (v && n--)
		*v++ = 0;
}
