/* model.c - the facts of one synthetic application, from a seed and a
 * scenario. Names, places and numbers are invented; USCCs carry valid
 * GB 32100 check digits. Each scenario bends exactly the facts its rule
 * looks at, so the truth can be computed from the facts (truth.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "zizhi.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

void
gen_rng_seed(gen_rng *r, uint64_t seed)
{
	r->s = seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
}

uint64_t
gen_rng_u64(gen_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

int
gen_rng_int(gen_rng *r, int lo, int hi)
{
	return lo + (int)(gen_rng_u64(r) % (uint64_t)(hi - lo + 1));
}

double
gen_rng_real(gen_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * ((double)(gen_rng_u64(r) >> 11) / 9007199254740992.0);
}

int
gen_rng_chance(gen_rng *r, double p)
{
	return gen_rng_real(r, 0, 1) < p;
}

const char *
gen_rng_pick(gen_rng *r, const char *const *list, int n)
{
	return list[gen_rng_int(r, 0, n - 1)];
}

/* ---- dates ---- */

static long
days_from_civil(gen_date a)
{
	int y = a.y - (a.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (a.m + (a.m > 2 ? -3 : 9)) + 2) / 5 + a.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static gen_date
civil_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	gen_date r;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

int
gen_date_cmp(gen_date a, gen_date b)
{
	long x = days_from_civil(a), y = days_from_civil(b);
	return x < y ? -1 : x > y;
}

gen_date
gen_date_add_days(gen_date a, int days)
{
	return civil_from_days(days_from_civil(a) + days);
}

gen_date
gen_date_add_years(gen_date a, int years)
{
	a.y += years;
	if (a.m == 2 && a.d == 29)
		a.d = 28;
	return a;
}

void
gen_date_iso(gen_date a, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)a.y % 10000u, (unsigned)a.m % 100u,
	         (unsigned)a.d % 100u);
}

void
gen_date_cn(gen_date a, char *out, size_t n)
{
	snprintf(out, n, "%04d年%02d月%02d日", a.y, a.m, a.d);
}

/* ---- money ---- */

static const char *const cn_digit[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};

static void
group_cn(int g, zz_buf *b)
{
	static const char *const unit[] = {"仟", "佰", "拾", ""};
	int div = 1000, zero = 0, started = 0;
	for (int i = 0; i < 4; i++, div /= 10) {
		int d = g / div % 10;
		if (d == 0) {
			zero = started;
			continue;
		}
		if (zero)
			zz_buf_adds(b, "零");
		zz_buf_adds(b, cn_digit[d]);
		zz_buf_adds(b, unit[i]);
		zero = 0;
		started = 1;
	}
}

void
gen_money_capital(long long yuan, char *out, size_t n)
{
	long long g[3] = {yuan / 100000000, yuan / 10000 % 10000, yuan % 10000};
	static const char *const unit[] = {"亿", "万", ""};
	zz_buf b = {0};
	int started = 0, gap = 0;
	for (int i = 0; i < 3; i++) {
		if (g[i] == 0) {
			gap = started;
			continue;
		}
		if (started && (gap || g[i] < 1000))
			zz_buf_adds(&b, "零");
		group_cn((int)g[i], &b);
		zz_buf_adds(&b, unit[i]);
		started = 1;
		gap = 0;
	}
	if (!started)
		zz_buf_adds(&b, "零");
	zz_buf_adds(&b, "元整");
	snprintf(out, n, "%s", b.s);
	zz_buf_free(&b);
}

/* fen (hundredths of a yuan) as 12,345,678.90, or in 万元 as 1,234.57 */
void
gen_money_grouped(long long fen, int wan, char *out, size_t n)
{
	int neg = fen < 0;
	long long v = neg ? -fen : fen;
	if (wan)
		v = (v + 5000) / 10000; /* 万元 with two decimals: units of 100 yuan */
	long long whole = v / 100, frac = v % 100;
	char digits[32], grouped[48];
	snprintf(digits, sizeof digits, "%lld", whole);
	size_t len = strlen(digits), k = 0;
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	snprintf(out, n, "%s%s.%02lld", neg ? "-" : "", grouped, frac);
}
