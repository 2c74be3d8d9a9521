/* amounts - lines of money as licences and application forms print them,
 * the training text of the capital-numeral model (models/train/train.sh).
 *
 *   amounts [-s SEED] [-n LINES] [-y] [-c]
 *
 * Each line is an amount in one of the notations real documents use
 * (人民币壹仟贰佰万元整, 壹仟贰佰万元（人民币）, 1,200.00万元, 100.0000万元整,
 * 一千二百万元 ...), alone or after its label as it stands on a licence line
 * (注册资本：, 注 册 资 本, 出资额, 实收资本, with spaces of various widths).
 * Amounts are plausible registered capitals, 1万 to 100亿 yuan. -y puts
 * the amount in whole yuan and a tab before each line (for evaluation);
 * -c prints the character set the lines can use instead. The same seed
 * gives the same lines on every machine (own generator, no rand()). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every character a line can hold, and nothing else: the model's charset
 * (space aside) is this list. */
static const char CHARSET[] = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆整角分"
                              "一二三四五六七八九十百千"
                              "人民币注册资本出额实收"
                              "0123456789.,:：()（）";

static uint64_t rng;

/* splitmix64: fixed output for a seed, whatever the libc */
static uint64_t
next(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int
pick(int n)
{
	return (int)(next() % (uint64_t)n);
}

/* true with probability pct % */
static int
chance(int pct)
{
	return pick(100) < pct;
}

#define PICK(a) ((a)[pick((int)(sizeof(a) / sizeof(a)[0]))])

typedef struct {
	char s[512];
	size_t n;
} line;

static void
add(line *l, const char *s)
{
	size_t k = strlen(s);
	if (l->n + k < sizeof l->s) {
		memcpy(l->s + l->n, s, k + 1);
		l->n += k;
	}
}

static void
spaces(line *l, int k)
{
	while (k-- > 0)
		add(l, " ");
}

typedef struct {
	const char *digit[10];
	const char *unit[4]; /* "", 十, 百, 千 */
	const char *wan, *yi;
} numerals;

static const numerals CAPITAL = {
	{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"},
	{"", "拾", "佰", "仟"}, "万", "亿"};
static const numerals LOWER = {
	{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
	{"", "十", "百", "千"}, "万", "亿"};

/* A section below 10^4 (nonzero), its inner zeros as 零 once. A leading
 * 1 before 拾 is written (壹拾) unless short_ten: 十二 in lower case. */
static void
section(line *l, const numerals *nu, int v, int first, int short_ten)
{
	int div = 1000, zero = 0, started = 0;
	for (int pos = 3; pos >= 0; pos--, div /= 10) {
		int d = v / div % 10;
		if (!d) {
			zero = started;
			continue;
		}
		if (zero)
			add(l, nu->digit[0]);
		if (!(d == 1 && pos == 1 && first && !started && short_ten))
			add(l, nu->digit[d]);
		add(l, nu->unit[pos]);
		started = 1, zero = 0;
	}
}

/* n (> 0) in Chinese numerals: 亿, 万 and units sections, a gap (a
 * zero section, or a section under a thousand after a higher one)
 * written as one 零. */
static void
chinese(line *l, const numerals *nu, long long n, int short_ten)
{
	int sec[3] = {(int)(n / 100000000), (int)(n / 10000 % 10000), (int)(n % 10000)};
	const char *big[3] = {nu->yi, nu->wan, ""};
	int out = 0, gap = 0;
	for (int i = 0; i < 3; i++) {
		if (!sec[i]) {
			gap = out;
			continue;
		}
		if (out && (gap || sec[i] < 1000))
			add(l, nu->digit[0]);
		section(l, nu, sec[i], !out, short_ten);
		add(l, big[i]);
		out = 1, gap = 0;
	}
}

/* A registered capital in yuan: 1万 to 100亿, mostly round in 万, with
 * one to four significant figures (1.25万 too); now and then exact to
 * the yuan, or to the fen (*fen gets 0..99) as paid-in capital is. */
static long long
amount(int *fen)
{
	static const int figures[] = {1, 1, 2, 2, 2, 3, 3, 4};
	int e = pick(6), k = PICK(figures); /* 10^e to 10^(e+1) 万, k figures */
	long long p = 1, yuan;
	for (int i = 1; i < k; i++)
		p *= 10;
	yuan = p + pick((int)(9 * p));
	for (int i = 0; i < e + 5 - k; i++)
		yuan *= 10;
	if (chance(1))
		yuan = 10000000000LL; /* 100亿 */
	if (chance(12))
		yuan += pick(10000) + (long long)pick(10) * 10000;
	*fen = chance(4) ? pick(100) : 0;
	return yuan;
}

/* digits with a thousands comma every three */
static void
grouped(line *l, long long v, int commas)
{
	char d[32], o[48];
	int n = snprintf(d, sizeof d, "%lld", v), k = 0;
	for (int i = 0; i < n; i++) {
		if (commas && i && (n - i) % 3 == 0)
			o[k++] = ',';
		o[k++] = d[i];
	}
	o[k] = '\0';
	add(l, o);
}

static const char *
currency_after(void)
{
	static const char *const after[] = {"（人民币）", "(人民币)", "人民币"};
	return PICK(after);
}

/* 人民币壹仟贰佰万元整, 壹仟贰佰万圆（人民币）, 壹佰元伍角 */
static void
capital(line *l, long long yuan, int fen, int lower)
{
	const numerals *nu = lower ? &LOWER : &CAPITAL;
	int before = chance(45), after = !before && chance(30);
	if (before)
		add(l, "人民币");
	if (before && chance(15))
		spaces(l, 1);
	chinese(l, nu, yuan, lower && chance(80));
	add(l, !lower && chance(15) ? "圆" : "元");
	if (fen) {
		if (fen / 10)
			add(l, nu->digit[fen / 10]), add(l, "角");
		else
			add(l, "零");
		if (fen % 10)
			add(l, nu->digit[fen % 10]), add(l, "分");
		else if (!lower)
			add(l, "整");
	} else if (chance(lower ? 25 : 70)) {
		add(l, "整");
	}
	if (after)
		add(l, currency_after());
}

/* 100.0000万元整, 188万元整, 1,200.00万元, 12,000,000.00元, 1.2亿元 */
static void
arabic(line *l, long long yuan, int fen)
{
	int before = chance(30), sp = chance(20);
	if (before)
		add(l, "人民币");
	if (before && (sp || chance(30)))
		spaces(l, 1);
	char buf[64];
	int form = pick(10);
	if (!fen && yuan % 100000000 == 0 && form == 0) {
		grouped(l, yuan / 100000000, 0);
		add(l, "亿元");
	} else if (!fen && yuan % 10000000 == 0 && yuan >= 100000000 && form == 1) {
		snprintf(buf, sizeof buf, "%lld.%lld亿元", yuan / 100000000, yuan / 10000000 % 10);
		add(l, buf);
	} else if (fen || form >= 8) { /* in yuan */
		grouped(l, yuan, chance(70));
		if (fen || chance(50))
			snprintf(buf, sizeof buf, ".%02d", fen), add(l, buf);
		add(l, "元");
	} else { /* in 万 */
		grouped(l, yuan / 10000, chance(25));
		int places = yuan % 10000 ? 4 : PICK(((const int[]){0, 0, 0, 0, 2, 4, 4, 6}));
		if (places) {
			snprintf(buf, sizeof buf, ".%04lld", yuan % 10000);
			for (int i = 4; i < places; i++)
				buf[i + 1] = '0';
			buf[places + 1] = '\0';
			add(l, buf);
		}
		if (sp)
			spaces(l, 1);
		add(l, "万元");
	}
	if (chance(25))
		add(l, "整");
	if (!before && chance(20))
		add(l, currency_after());
}

/* the label, letter-spaced or not, and what stands between it and the
 * amount: a colon (full or half width), spaces, or both */
static void
label(line *l)
{
	static const char *const labels[] = {
		"注册资本", "注册资本", "注册资本", "注 册 资 本", "注  册  资  本",
		"注   册   资   本", "出资额", "出 资 额", "实收资本", "实 收 资 本"};
	add(l, PICK(labels));
	switch (pick(5)) {
	case 0: add(l, "："); break;
	case 1: add(l, "："), spaces(l, 1 + pick(2)); break;
	case 2: add(l, ":"); break;
	default: spaces(l, 1 + pick(5)); break;
	}
}

static void
make_line(line *l, long long *yuan)
{
	int fen;
	l->n = 0;
	l->s[0] = '\0';
	*yuan = amount(&fen);
	if (chance(55))
		label(l);
	int form = pick(20);
	if (form < 10)
		capital(l, *yuan, fen, 0);
	else if (form < 17)
		arabic(l, *yuan, fen);
	else
		capital(l, *yuan, fen, 1);
	*yuan += fen >= 50; /* whole yuan, half up, as zz_norm_money rounds */
}

int
main(int argc, char **argv)
{
	unsigned long long seed = 1;
	long n = 1000;
	int with_yuan = 0, c;
	while ((c = getopt(argc, argv, "s:n:yc")) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'n': n = strtol(optarg, NULL, 10); break;
		case 'y': with_yuan = 1; break;
		case 'c': fputs(CHARSET, stdout), putchar('\n'); return 0;
		default:
			fprintf(stderr, "usage: amounts [-s SEED] [-n LINES] [-y] [-c]\n");
			return 2;
		}
	}
	rng = seed * 0x2545F4914F6CDD1Dull + 1;
	for (long i = 0; i < n; i++) {
		line l;
		long long yuan;
		make_line(&l, &yuan);
		if (with_yuan)
			printf("%lld\t", yuan);
		puts(l.s);
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
