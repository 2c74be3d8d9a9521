/* uscc.c - the unified social credit code (统一社会信用代码, GB 32100-2015):
 * 18 characters from a 31-character alphabet; the 9-character
 * organisation code inside it (positions 9-17) has its own check character
 * (GB 11714-1997), and the last character checks the whole. Also the
 * 15-digit registration number (注册号) that licences carried before. */
#include <string.h>

#include "core/core.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static int
value(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;
	return p ? (int)(p - alphabet) : -1;
}

char
zz_uscc_check(const char *first17)
{
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		int v = value(first17[i]);
		if (v < 0)
			return '\0';
		sum += v * weights[i];
	}
	return alphabet[(31 - sum % 31) % 31];
}

/* GB 11714: digits 0-9 and letters A-Z count 10-35; weights 3 7 9 10 5 8 4 2. */
char
zz_orgcode_check(const char *first8)
{
	static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		char c = first8[i];
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
		if (v < 0)
			return '\0';
		sum += v * w[i];
	}
	int r = 11 - sum % 11;
	return r == 10 ? 'X' : r == 11 ? '0' : (char)('0' + r);
}

int
zz_uscc_valid(const char *s)
{
	if (!s || strlen(s) != 18)
		return 0;
	for (int i = 0; i < 18; i++)
		if (value(s[i]) < 0)
			return 0;
	return zz_uscc_check(s) == s[17];
}

/* ISO 7064 MOD 11,10: a running product p starts at 10; each digit d
 * makes s = (p + d) mod 10 (10 for 0) and p = 2s mod 11. The check digit
 * is the one that would leave (p + c) mod 10 = 1. */
char
zz_regno_check(const char *first14)
{
	int p = 10;
	for (int i = 0; i < 14; i++) {
		char c = first14[i];
		if (c < '0' || c > '9')
			return '\0';
		int s = (p + c - '0') % 10;
		p = (s ? s : 10) * 2 % 11;
	}
	return (char)('0' + (11 - p) % 10);
}

int
zz_regno_valid(const char *s)
{
	return s && strlen(s) == 15 && s[14] >= '0' && s[14] <= '9' && zz_regno_check(s) == s[14];
}
