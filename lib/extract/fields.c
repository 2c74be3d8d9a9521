/* fields.c - one field of one document: by its labels (the value right of
 * the label, in the same chunk or the next, or below it), by the columns
 * of a statement (balance sheets: the row of the label, the column of the
 * period), or by patterns anywhere; then normalised by its type. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* ---- normalising by type ---- */

static int
norm_bool(const char *raw)
{
	static const char *t[] = {"是", "全职", "Y", "y", "YES", "yes", "√", "✓", "true", "专职"};
	static const char *f[] = {"否", "兼职", "N", "n", "NO", "no", "×", "✗", "false", "非全职"};
	char *s = zz_norm_name(raw);
	int r = -1;
	for (unsigned i = 0; s && r < 0 && i < sizeof f / sizeof *f; i++)
		if (!strcmp(s, f[i]))
			r = 0;
	for (unsigned i = 0; s && r < 0 && i < sizeof t / sizeof *t; i++)
		if (!strcmp(s, t[i]))
			r = 1;
	free(s);
	return r;
}

/* what OCR reads for a digit, and for a letter */
static char
as_digit(char c)
{
	static const char from[] = "ODQIL|ZSBGT", to[] = "00011125867";
	const char *p = strchr(from, c);
	return c >= '0' && c <= '9' ? c : p && c ? to[p - from] : 0;
}

static char
as_letter(char c, char want)
{
	static const char from[] = "01528627", to[] = "OISBZGZT";
	for (const char *p = from; *p; p++)
		if (*p == c && to[p - from] == want)
			return want;
	return c == want ? c : 0;
}

/* s against shape, position by position; -1 when it cannot be made to
 * fit, else the number of digits that had to be repaired */
static int
fit_shape(const char *shape, char *s)
{
	if (strlen(s) != strlen(shape))
		return -1;
	int fixed = 0;
	for (size_t i = 0; shape[i]; i++) {
		char c = s[i];
		if (shape[i] == '9') {
			if (!(s[i] = as_digit(c)))
				return -1;
			fixed += s[i] != c;
		} else if (shape[i] == 'A') {
			if (!(c >= 'A' && c <= 'Z'))
				return -1;
		} else if (!(s[i] = as_letter(c, shape[i]))) {
			return -1; /* a literal letter misread as a digit is certain */
		}
	}
	return fixed;
}

/* A code of a fixed shape (CNITSEC9999CISP99999): width folded, spaces
 * dropped, upper case; one character too many is tried away. 0 as read
 * (literal letters set right), 1 with digits repaired, -1 no fit. */
static int
norm_code(const char *shape, const char *raw, char **value)
{
	char *n = zz_norm_name(raw);
	size_t k = 0;
	for (size_t i = 0; n && n[i]; i++)
		if ((n[i] >= '0' && n[i] <= '9') || (n[i] >= 'A' && n[i] <= 'Z') ||
		    (n[i] >= 'a' && n[i] <= 'z') || n[i] == '-' || n[i] == '|')
			n[k++] = n[i] >= 'a' && n[i] <= 'z' ? (char)(n[i] - 32) : n[i];
	if (n)
		n[k] = '\0';
	int r = n ? fit_shape(shape, n) : -1;
	for (size_t drop = 0; n && r < 0 && k == strlen(shape) + 1 && drop < k; drop++) {
		char *t = zz_easprintf("%.*s%s", (int)drop, n, n + drop + 1);
		if ((r = fit_shape(shape, t)) >= 0) {
			free(n);
			n = t;
			r = 1;
		} else {
			free(t);
		}
	}
	if (r >= 0)
		*value = n;
	else
		free(n);
	return r < 0 ? -1 : r > 0;
}

/* An opening bracket left alone at the end of a name whose line was
 * cut. (The brackets OCR gets wrong, 《自然人投资或控股）, are round ones
 * once normalised: zz_bracket.) */
static void
drop_open_end(char *s)
{
	const char *open = "（";
	size_t n = strlen(s), ol = strlen(open);
	if (n >= ol && !strcmp(s + n - ol, open))
		s[n - ol] = '\0';
}

/* Does s close a bracket it never opened? Then its start was lost
 * (广州）知识产权服务有限公司 for 财企猫（广州）知识产权服务有限公司). */
static int
closes_first(const char *s)
{
	int depth = 0;
	for (size_t len; *s; s += len ? len : 1) {
		int side = zz_bracket(zz_utf8_decode(s, &len));
		if (side < 0 && depth-- == 0)
			return 1;
		depth += side > 0;
	}
	return 0;
}

/* code points of s, for zz_edits */
static unsigned *
cps_of(const char *s, size_t *n)
{
	size_t len = strlen(s), k = 0, cl;
	unsigned *c = zz_ecalloc(len + 1, sizeof *c);
	for (size_t i = 0; i < len; i += cl ? cl : 1)
		c[k++] = zz_utf8_decode(s + i, &cl);
	*n = k;
	return c;
}

int
zz_field_known(const zz_fdef *f, const char *value)
{
	for (int i = 0; i < f->nknown; i++)
		if (!strcmp(f->known[i], value))
			return 1;
	return 0;
}

/* a month or a day of a date written 2020年1月17日 that is a lone 1 */
static int
lone_one(const char *raw)
{
	for (const char *p = strstr(raw, "1"); p; p = strstr(p + 1, "1")) {
		int before = p - raw >= 3 && (!strncmp(p - 3, "年", 3) || !strncmp(p - 3, "月", 3));
		if (before && (!strncmp(p + 1, "月", 3) || !strncmp(p + 1, "日", 3)))
			return 1;
	}
	return 0;
}

/* A name read a character or two away from one of the values the field
 * usually takes (有限责任公司（自然人投资成控股）, 有有限惧任公司) is that
 * value: 1 and *value replaced; 0 when it is one already, or near none,
 * or as near two (有限合伙企业 and 普通合伙企业 are two apart), or, three
 * characters off, when another is within three more; never more than
 * most characters off. */
static int
snap_known(const zz_fdef *f, char **value, size_t most)
{
	size_t n, m, best = (size_t)-1, next = (size_t)-1;
	unsigned *v = cps_of(*value, &n);
	int hit = -1;
	for (int i = 0; i < f->nknown; i++) {
		unsigned *k = cps_of(f->known[i], &m);
		/* three in a long one (有限责任公司(自然人投次或治股 for
		 * 有限责任公司（自然人投资或控股）), when no other is near */
		size_t d = zz_edits(v, n, k, m), allowed = m >= 12 ? 3 : m >= 6 ? 2 : m >= 4 ? 1 : 0;
		if (allowed > most)
			allowed = most;
		free(k);
		if (d == 0) {
			hit = -1; /* read as it is */
			break;
		}
		if (d < best) {
			next = best, best = d;
			hit = d <= allowed ? i : -1;
		} else if (d < next) {
			next = d;
		}
	}
	free(v);
	if (hit < 0 || next <= best || (best == 3 && next < best + 3))
		return 0;
	free(*value);
	*value = zz_estrdup(f->known[hit]);
	return 1;
}

/* Does s begin a company's legal form (有限公司, 有限责任公司, 股份…)? */
static int
legal_form_at(const char *s)
{
	return !strncmp(s, "有限", strlen("有限")) || !strncmp(s, "股份", strlen("股份"));
}

/* A company's name whose legal form is one character off at 限 or at 有,
 * the characters OCR misreads most in it (芯源国际半导体（深圳）有卫公司;
 * 有眼, 有搬 in types; 信息科技存限公司): no name registered since 1994
 * ends 有X公司 or X限公司 but with 有限公司 (the law knows no other
 * company ending so). 1 when it was mended; the value is then a
 * repair. */
static int
mend_form(char **value)
{
	static const char form[] = "有限公司";
	const size_t cl = strlen("限"), tail = strlen("公司");
	size_t n = strlen(*value), len;
	if (n < strlen(form) + 2 * cl || strcmp(*value + n - tail, "公司"))
		return 0;
	char *x = *value + n - tail - cl, *you = x - cl;
	int has_you = !strncmp(you, "有", cl), has_xian = !strncmp(x, "限", cl);
	if (has_you == has_xian) /* 有限 as it should be, or neither */
		return 0;
	char *odd = has_you ? x : you;
	unsigned c = zz_utf8_decode(odd, &len);
	if (len != cl || c < 0x4E00 || c > 0x9FFF)
		return 0;
	memcpy(odd, has_you ? "限" : "有", cl);
	return 1;
}

/* A name's place in brackets left open where OCR misread or lost the
 * closing one, just before 有限 or 股份 (芯源国际半导体（深圳7有限公司,
 * 湾流汇国际供应链管理〈北京有限公司): the place is what f's <usual>
 * pattern knows, and the bracket is put back. 1 when it was; the value
 * is then a repair. */
static int
close_place(const zz_fdef *f, char **value)
{
	/* (normalised: every bracket is a round one, zz_bracket) */
	char *s = *value, *p = NULL;
	size_t ol = strlen("（"), mo, ml, n;
	if (!f->usual_re || strstr(s, "）"))
		return 0;
	for (char *q = strstr(s, "（"); q; q = strstr(q + 1, "（"))
		p = q;
	if (!p || !zz_re_match(f->usual_re, s, (size_t)(p + ol - s), &mo, &ml) ||
	    mo != (size_t)(p + ol - s))
		return 0;
	/* the place, then the legal form or one character in its way */
	char *stray = s + mo + ml, *q = stray;
	if (!legal_form_at(q)) {
		zz_utf8_decode(q, &n);
		q += n ? n : 1;
		if (!*stray || !legal_form_at(q))
			return 0;
	}
	char *r = zz_easprintf("%.*s（%.*s）%s", (int)(p - s), s, (int)(stray - p - ol), p + ol, q);
	free(*value);
	*value = r;
	return 1;
}

int
zz_field_normalise(const zz_fdef *f, const char *raw, long long unit, char **value)
{
	*value = NULL;
	char buf[32] = "";
	long long v;
	int rc = -1;
	switch (f->type) {
	case ZZ_V_TEXT:
	case ZZ_V_NAME:
		if ((*value = zz_norm_name(raw)))
			drop_open_end(*value);
		rc = *value && **value && !closes_first(*value) ? 0 : -1;
		if (rc == 0 && f->usual_re && mend_form(value))
			rc = 1;
		if (rc >= 0 && close_place(f, value))
			rc = 1;
		if (rc == 0 && f->nknown)
			rc = snap_known(f, value, 3);
		break;
	case ZZ_V_MONEY:
		if ((rc = zz_norm_money(raw, unit, &v)) >= 0)
			snprintf(buf, sizeof buf, "%lld", v);
		else
			rc = -1;
		break;
	case ZZ_V_DATE:
		rc = zz_norm_date(raw, buf);
		rc = rc < 0 ? -1 : rc == 2;
		break;
	case ZZ_V_USCC:
		rc = zz_norm_uscc(raw, buf);
		break;
	case ZZ_V_REGNO:
		rc = zz_norm_regno(raw, buf);
		break;
	case ZZ_V_INT:
		if (zz_norm_int(raw, &v) == 0)
			snprintf(buf, sizeof buf, "%lld", v), rc = 0;
		break;
	case ZZ_V_YEAR:
		if (zz_norm_int(raw, &v) == 0 && v >= 1949 && v <= 2199)
			snprintf(buf, sizeof buf, "%lld", v), rc = 0;
		break;
	case ZZ_V_BOOL:
		if ((rc = norm_bool(raw)) >= 0)
			snprintf(buf, sizeof buf, "%s", rc ? "true" : "false"), rc = 0;
		break;
	case ZZ_V_CODE:
		rc = f->shape ? norm_code(f->shape, raw, value) : -1;
		break;
	case ZZ_V_ENUM:
		for (int i = 0; i < f->noptions && rc < 0; i++) {
			size_t mo, ml;
			if (zz_re_match(&f->options[i], raw, 0, &mo, &ml))
				snprintf(buf, sizeof buf, "%s", f->options[i].value), rc = 0;
		}
		break;
	}
	if (rc < 0) {
		free(*value);
		*value = zz_estrdup("");
	} else if (!*value) {
		*value = zz_estrdup(buf);
	}
	return rc;
}

/* ---- evidence ---- */

/* The box and mean word confidence of bytes [a, b) of chunk c. */
static void
span_box(const zz_chunk *c, size_t a, size_t b, zz_found *out)
{
	int x0 = 0, y0 = 0, x1 = 0, y1 = 0, k = 0;
	double conf = 0;
	for (int i = 0; i < c->nwords; i++) {
		const zz_dword *w = &c->words[i];
		if ((size_t)(w->off + w->len) <= a || (size_t)w->off >= b)
			continue;
		if (!k || w->x < x0)
			x0 = w->x;
		if (!k || w->y < y0)
			y0 = w->y;
		if (!k || w->x + w->w > x1)
			x1 = w->x + w->w;
		if (!k || w->y + w->h > y1)
			y1 = w->y + w->h;
		conf += w->conf, k++;
	}
	out->x = x0, out->y = y0, out->w = x1 - x0, out->h = y1 - y0;
	out->conf = k ? conf / k : c->conf;
	out->where = c->where;
}

static void
found_set(zz_found *out, const zz_fdef *f, const zz_doc *d, int page, const char *name,
          const char *method)
{
	memset(out, 0, sizeof *out);
	out->def = f, out->doc = d, out->page = page, out->method = method;
	out->name = zz_estrdup(name);
}

/* A number inside the field's plausible range (a company's total assets
 * of 3,881 yuan were read without their unit or their first digits). */
int
zz_field_plausible(const zz_fdef *f, const char *value)
{
	if (f->type != ZZ_V_MONEY && f->type != ZZ_V_INT)
		return 1;
	long long v = atoll(value);
	return (!f->has_min || v >= f->min) && (!f->has_max || v <= f->max);
}

int
zz_field_usual(const zz_fdef *f, const char *value)
{
	size_t mo, ml;
	return !f->usual_re || !*value || zz_re_match(f->usual_re, value, 0, &mo, &ml);
}

int
zz_field_words(const zz_fdef *f)
{
	return f->type == ZZ_V_TEXT || f->type == ZZ_V_NAME || f->type == ZZ_V_ENUM;
}

int
zz_field_likely(const zz_fdef *f, const char *value)
{
	size_t mo = 0, ml = 0, go, gl;
	if (!f->given_re || !*value || (f->usual_re && !zz_re_match(f->usual_re, value, 0, &mo, &ml)))
		return 0;
	return zz_re_match(f->given_re, value + mo + ml, 0, &go, &gl);
}

/* More brackets opened than closed (any kind: zz_bracket). */
static int
unclosed(const char *s)
{
	int depth = 0;
	for (size_t len; *s; s += len) {
		unsigned c = zz_utf8_decode(s, &len);
		if (!len)
			break;
		depth += zz_bracket(c);
	}
	return depth > 0;
}

/* Does the text before byte at end in a character that joins the value:
 * Chinese, or a bracket OCR made of one? */
static int
joined_before(const char *text, size_t at)
{
	size_t i = at, len = 0;
	while (i > 0 && ((unsigned char)text[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
		i--;
	unsigned c = zz_utf8_decode(text + i, &len);
	return (c >= 0x3400 && c <= 0x9FFF) || zz_bracket(c);
}

/* Takes bytes [a, b) of chunk c as the value when its pattern and its
 * normaliser accept it: 1 accepted, 0 rejected (out keeps the first
 * rejected candidate, for the reviewer and the re-read). */
static int
try_value(const zz_fdef *f, const zz_dpage *p, const zz_chunk *c, size_t a, size_t b,
          long long unit, double factor, const char *method, zz_found *out)
{
	char *text = zz_emalloc(b - a + 1);
	memcpy(text, c->text + a, b - a);
	text[b - a] = '\0';
	size_t mo = 0, ml = b - a, no, nl;
	if ((f->value_re && !zz_re_match(f->value_re, text, 0, &mo, &ml)) ||
	    (f->not_re && zz_re_match(f->not_re, text + mo, 0, &no, &nl))) {
		/* kept as the first failed candidate: its box is where a
		 * re-read looks */
		if (!out->raw && *text) {
			out->raw = text, out->value = zz_estrdup(""), out->method = method;
			out->page = p->n, out->unit = unit, out->status = "invalid";
			span_box(c, a, b, out);
			out->conf = out->conf < 0.2 ? out->conf : 0.2;
		} else {
			free(text);
		}
		return 0;
	}
	char *raw = zz_emalloc(ml + 1), *value = NULL;
	memcpy(raw, text + mo, ml);
	raw[ml] = '\0';
	/* Latin letters right after a Chinese value are the English model's
	 * guess at the rest of it (有限责任公司(BAARARIE)): a partial read */
	int partial = 0;
	size_t tail = 0; /* bytes of the word after the value */
	for (const char *q = text + mo + ml; *q && *q != ' '; q++, tail++)
		partial |= (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z');
	/* and a figure right after a name is a character misread (伊利9
	 * for 伊利宁) */
	partial |= f->type == ZZ_V_NAME && text[mo + ml] >= '0' && text[mo + ml] <= '9';
	/* a name that stops inside its brackets (有限责任公司(自然, the
	 * rest under a watermark) was cut short where the reading broke
	 * the line: its re-read looks further right (evidence.c) */
	int open_end = f->type == ZZ_V_NAME && unclosed(raw);
	partial |= open_end;
	/* a value cut short by such a tail has its box over the tail too:
	 * the re-read and the reviewer see what was misread (伊利9 read
	 * again as one line is 伊利宁) */
	size_t boxend = a + mo + ml + (partial ? tail : 0);
	/* so is a Chinese value whose chunk goes on before it: it is the end
	 * of something longer that did not fit the pattern (财企猫〈上广州)》
	 * before 知识产权服务有限公司) */
	partial |= f->type == ZZ_V_NAME && mo > 0 && joined_before(text, mo);
	free(text);
	int rc = zz_field_normalise(f, raw, unit, &value);
	if (rc < 0 && out->raw) {
		free(raw), free(value);
		return 0;
	}
	free(out->raw), free(out->value);
	out->raw = raw, out->value = value, out->method = method, out->page = p->n;
	out->unit = unit;
	span_box(c, a + mo, boxend, out);
	out->open_end = open_end;
	double doubt = factor * (partial ? 0.6 : 1.0);
	out->conf *= doubt;
	if (!strcmp(method, "find") || partial)
		out->cap = doubt;
	/* A name read by OCR has nothing in it to check it by (叶文风 for
	 * 叶文凤 at 0.96): never sure on its own; another document's reading
	 * of it is what confirms it */
	if (f->type == ZZ_V_NAME && p->image && out->conf > 0.89)
		out->conf = 0.89;
	/* two narrow figures alike run together when read: a month or a
	 * day read as a lone 1 may be 11; its box is read again */
	if (f->type == ZZ_V_DATE && p->image && lone_one(raw))
		out->doubted = 1;
	/* a name read without what names nearly always have (a holder's
	 * surname, a place in a business's name: 澡州市 for 常州市) is
	 * read again too */
	if (p->image && rc >= 0 && !zz_field_usual(f, value))
		out->doubted = 1;
	out->status = rc == 1 ? "repaired" : rc == 0 ? "ok" : "invalid";
	if (rc >= 0 && !zz_field_plausible(f, value)) {
		free(out->note);
		out->note = zz_easprintf("%s is outside the plausible range", value);
		out->conf = out->conf < 0.4 ? out->conf : 0.4;
		out->status = "implausible"; /* whatever a re-read says of the digits */
	}
	if (rc == 1)
		out->conf *= 0.7;
	if (rc < 0)
		out->conf = out->conf < 0.2 ? out->conf : 0.2;
	return rc >= 0;
}

/* Does chunk text s begin with a label of any field of the type? Then it
 * is the next label of a form, not a value. */
static int
starts_label(const zz_dtype *t, const char *s)
{
	size_t a, b;
	for (int i = 0; t && i < t->nfields; i++)
		for (int k = 0; k < t->fields[i].nlabels; k++)
			if (zz_label_find(t->fields[i].labels[k], s, &a, &b) >= 0 && a == 0)
				return 1;
	for (int i = 0; t && i < t->nstops; i++)
		if (zz_label_find(t->stops[i], s, &a, &b) >= 0 && a == 0)
			return 1;
	return 0;
}

static int
overlap(int a0, int a1, int b0, int b1)
{
	int lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	return hi - lo;
}

/* The chunk below label chunk l (the next two rows), the one overlapping
 * it most horizontally. */
static const zz_chunk *
below(const zz_dpage *p, int r, const zz_chunk *l)
{
	for (int k = r + 1; k < p->nrows && k <= r + 2; k++) {
		const zz_chunk *best = NULL;
		int bo = 0;
		for (int i = 0; i < p->rows[k].n; i++) {
			const zz_chunk *c = &p->rows[k].chunks[i];
			int o = l->w ? overlap(l->x, l->x + l->w + l->h * 4, c->x, c->x + c->w)
			             : (c->col == l->col) * 1;
			if (o > bo)
				bo = o, best = c;
		}
		if (best)
			return best;
	}
	return NULL;
}

/* A chunk right of label chunk l that the rows put on a row next to it:
 * OCR gave the label a box taller than its line (法定代表人姓名 at 100
 * pixels, its value 林虎青 at 44 beside it), and the rows were made by
 * others. It must lie within l's height for at least half its own, and
 * start within six character heights of it. */
static const zz_chunk *
beside(const zz_dpage *p, int r, const zz_chunk *l)
{
	const zz_chunk *best = NULL;
	for (int k = r - 1; l->w > 0 && k <= r + 1; k++) {
		if (k < 0 || k == r || k >= p->nrows)
			continue;
		for (int i = 0; i < p->rows[k].n; i++) {
			const zz_chunk *c = &p->rows[k].chunks[i];
			int gap = c->x - (l->x + l->w);
			if (c->h > 0 && gap >= -c->h / 2 && gap <= 6 * c->h &&
			    2 * overlap(l->y, l->y + l->h, c->y, c->y + c->h) >= c->h &&
			    (!best || c->x < best->x))
				best = c;
		}
	}
	return best;
}

/* Is chunk c, right of prev on the label's row, too far from it to be
 * the label's value? A value starts within a few characters of its
 * label (letter-spaced labels included); what lies half a page away on
 * the same row is another column's, or noise at the page's edge. */
static int
far_right(const zz_chunk *label, const zz_chunk *prev, const zz_chunk *c)
{
	int h = label->h > c->h ? label->h : c->h;
	return label->w > 0 && h > 0 && c->x - (prev->x + prev->w) > 6 * h;
}

/* brackets opened and not closed in s, any kind (zz_bracket: 〈非上市…
 * for （非上市…); a closing one with none open is passed over */
static int
open_brackets(const char *s)
{
	int n = 0;
	for (size_t len; *s; s += len ? len : 1) {
		int side = zz_bracket(zz_utf8_decode(s, &len));
		n += side > 0;
		n -= side < 0 && n > 0;
	}
	return n;
}

/* Does s start with a Chinese character? */
static int
han_first(const char *s)
{
	size_t len = 0;
	unsigned c = zz_utf8_decode(s, &len);
	return len && c >= 0x3400 && c <= 0x9FFF;
}

/* Is chunk c the first thing on row k (nothing left of it: no label, so
 * the row goes on the value above it)? */
static int
first_on_row(const zz_row *row, const zz_chunk *c)
{
	for (int i = 0; i < row->n; i++)
		if (&row->chunks[i] != c && row->chunks[i].x + row->chunks[i].w <= c->x)
			return 0;
	return 1;
}

/* The wrapped name from src, the text the value was read from (from
 * where it starts), and the next line's text: the value's pattern over
 * both, when it runs into the next line; NULL otherwise. */
static char *
run_on(const zz_fdef *f, const char *src, const char *next)
{
	char *both = zz_easprintf("%s%s", src, next);
	size_t mo = 0, ml = strlen(both), no, nl;
	if (!f->value_re || !zz_re_match(f->value_re, both, 0, &mo, &ml) || mo != 0 ||
	    ml <= strlen(src) || (f->not_re && zz_re_match(f->not_re, both, 0, &no, &nl))) {
		free(both);
		return NULL;
	}
	both[ml] = '\0';
	return both;
}

/* A name that wraps, and the rest starts the next line where the value
 * started, with nothing left of it: its bracket left open at the end of
 * its line (有限责任公司（自然人投资或控股的 / 法人独资）), or, src (the
 * text the value was read from, from where it starts; NULL when not
 * known) going on in Chinese after the value its pattern ended at
 * (…股份有限公司合肥竞舟路分公 / 司: a branch's name ends at 分公司).
 * Joined when what it gives is valid and closes the bracket. */
void
zz_wrap_name(const zz_dtype *t, const zz_fdef *f, const zz_dpage *p, int r, long long unit,
             const char *src, zz_found *out)
{
	if (f->type != ZZ_V_NAME || !out->raw || !*out->raw || out->h <= 0)
		return;
	const char *rest = src && !strncmp(src, out->raw, strlen(out->raw)) ? src + strlen(out->raw)
	                                                                    : NULL;
	int open = open_brackets(out->raw), runs = rest && han_first(rest);
	if (!open && !runs)
		return;
	for (int k = r + 1; k < p->nrows && k <= r + 2; k++)
		for (int i = 0; i < p->rows[k].n; i++) {
			const zz_chunk *c = &p->rows[k].chunks[i];
			if (c->x < out->x - out->h || c->x > out->x + 2 * out->h || c->y < out->y ||
			    c->y > out->y + 3 * out->h || starts_label(t, c->text))
				continue;
			char *raw = open ? zz_easprintf("%s%s", out->raw, c->text)
			          : first_on_row(&p->rows[k], c) ? run_on(f, src, c->text) : NULL;
			char *value = NULL;
			if (raw && !open_brackets(raw) && zz_field_normalise(f, raw, unit, &value) >= 0) {
				free(out->raw), free(out->value);
				out->raw = raw, out->value = value;
				int x1 = out->x + out->w > c->x + c->w ? out->x + out->w : c->x + c->w;
				out->x = out->x < c->x ? out->x : c->x;
				out->w = x1 - out->x, out->h = c->y + c->h - out->y;
				out->conf = out->conf < c->conf ? out->conf : c->conf;
				return;
			}
			free(raw), free(value);
			return;
		}
}

/* The right edge of the words of chunk l before byte end (its label),
 * 0 when they have no boxes. */
static int
label_right(const zz_chunk *l, size_t end)
{
	int x = 0;
	for (int i = 0; i < l->nwords; i++)
		if ((size_t)l->words[i].off < end && l->words[i].x + l->words[i].w > x)
			x = l->words[i].x + l->words[i].w;
	return x;
}

/* Does chunk c start within a character of where b ends (or over it)? */
static int
touches(const zz_chunk *b, const zz_chunk *c)
{
	int h = b->h > c->h ? b->h : c->h;
	return b->w > 0 && c->x - (b->x + b->w) < h;
}

/* A value taken after a piece of the line that was no value, right
 * against it, is the end of something longer (营类 after 安全卫宫 for
 * 安全运营类): a partial read, as try_value marks one, its box widened
 * back over the piece for the re-read and the reviewer. */
static void
part_read(zz_found *out, const zz_chunk *piece)
{
	out->conf *= 0.6;
	out->cap = out->cap > 0 && out->cap < 0.6 ? out->cap : 0.6;
	if (out->w > 0 && piece->x < out->x)
		out->w += out->x - piece->x, out->x = piece->x;
}

/* A name after label chunk i that gave no value (物联亿寺), the page
 * reading having broken its line in pieces (物联亿寺 上海 鼻科技存限公司,
 * its brackets lost in the gaps): its box is widened over the pieces
 * that follow it within a few characters, for the re-read to take the
 * line whole (物联亿达（上海）信息科技有限公司). */
static void
widen_broken(const zz_dtype *t, const zz_row *row, int i, zz_found *out)
{
	if (!out->raw || !out->value || *out->value || out->w <= 0 || out->h <= 0)
		return;
	int k = i + 1;
	while (k < row->n && row->chunks[k].x + row->chunks[k].w <= out->x)
		k++;
	if (k >= row->n || row->chunks[k].x > out->x + out->w)
		return; /* the candidate is no chunk of this row */
	for (k++; k < row->n; k++) {
		const zz_chunk *c = &row->chunks[k], *prev = &row->chunks[k - 1];
		int h = c->h > prev->h ? c->h : prev->h;
		if (starts_label(t, c->text) || c->x - (prev->x + prev->w) > 3 * h)
			break;
		int x1 = c->x + c->w > out->x + out->w ? c->x + c->w : out->x + out->w;
		int y0 = c->y < out->y ? c->y : out->y;
		int y1 = c->y + c->h > out->y + out->h ? c->y + c->h : out->y + out->h;
		out->w = x1 - out->x, out->y = y0, out->h = y1 - y0;
	}
}

/* A unit in brackets at s, after spaces (注册资本（万元）, 合同金额(万元)):
 * the bytes it takes, its unit in *unit; 0 when there is none. */
static size_t
bracket_unit(const char *s, long long *unit)
{
	static const struct { const char *name; long long unit; } units[] = {
		{"元", 1}, {"人民币元", 1}, {"千元", 1000}, {"万元", 10000}, {"万", 10000},
		{"人民币万元", 10000}, {"万元人民币", 10000}, {"亿元", 100000000},
	};
	const char *q = s + strspn(s, " ");
	size_t len = 0;
	unsigned c = zz_utf8_decode(q, &len);
	if (c != '(' && c != 0xFF08)
		return 0;
	char in[64];
	size_t k = 0;
	for (q += len; *q && k + 4 < sizeof in; q += len) {
		c = zz_utf8_decode(q, &len);
		if (!len)
			return 0;
		if (c == ')' || c == 0xFF09) {
			in[k] = '\0';
			for (size_t u = 0; u < sizeof units / sizeof *units; u++)
				if (!strcmp(in, units[u].name)) {
					*unit = units[u].unit;
					return (size_t)(q + len - s);
				}
			return 0;
		}
		if (c != ' ')
			memcpy(in + k, q, len), k += len;
	}
	return 0;
}

/* The value of a label found at bytes [.., end) of chunk i of row r. */
static int
after_label(const zz_dtype *t, const zz_fdef *f, const zz_dpage *p, int r, int i, size_t end,
            double factor, long long unit, zz_found *out)
{
	const zz_row *row = &p->rows[r];
	const zz_chunk *l = &row->chunks[i];
	/* the label says the unit of a figure that says none (3000 under
	 * 注册资本（万元）is thirty million yuan) */
	long long lu = 0;
	size_t bu = f->type == ZZ_V_MONEY ? bracket_unit(l->text + end, &lu) : 0;
	if (bu)
		end += bu, unit = lu;
	if (f->right && end < strlen(l->text) &&
	    try_value(f, p, l, end, strlen(l->text), unit, factor, "label", out)) {
		zz_wrap_name(t, f, p, r, unit, strstr(l->text + end, out->raw), out);
		out->lx = label_right(l, end);
		return 1;
	}
	for (int k = i + 1; f->right && k < row->n && k <= i + 2; k++) {
		const zz_chunk *c = &row->chunks[k];
		if (starts_label(t, c->text) || far_right(l, &row->chunks[k - 1], c))
			break;
		if (try_value(f, p, c, 0, strlen(c->text), unit, factor, "label", out)) {
			zz_wrap_name(t, f, p, r, unit, strstr(c->text, out->raw), out);
			out->lx = label_right(l, end);
			if (k > i + 1 && touches(&row->chunks[k - 1], c))
				part_read(out, &row->chunks[k - 1]);
			return 1;
		}
	}
	if (f->type == ZZ_V_NAME)
		widen_broken(t, row, i, out);
	const zz_chunk *c = f->right ? beside(p, r, l) : NULL;
	if (c && !starts_label(t, c->text) &&
	    try_value(f, p, c, 0, strlen(c->text), unit, factor, "label", out)) {
		out->lx = label_right(l, end);
		return 1;
	}
	/* nothing read right of the label on a scan: that is where a re-read
	 * should look, whatever lies below */
	int nothing = end >= strlen(l->text) && (i + 1 >= row->n || starts_label(t, row->chunks[i + 1].text));
	if (f->right && nothing && l->w > 0 && !out->raw) {
		out->raw = zz_estrdup(""), out->value = zz_estrdup(""), out->status = "invalid";
		out->method = "label", out->page = p->n, out->unit = unit, out->conf = 0;
		out->x = l->x + l->w + l->h / 2, out->y = l->y, out->w = 8 * l->h, out->h = l->h;
		if (out->x + out->w > p->width)
			out->w = p->width - out->x;
	}
	c = f->below ? below(p, r, l) : NULL;
	if (c && !starts_label(t, c->text) &&
	    try_value(f, p, c, 0, strlen(c->text), unit, factor * 0.95, "below", out))
		return 1;
	return 0;
}

/* ---- statements: the row of the label, the column of the period ---- */

/* h with {year} and {prev} (the year before) put in */
static char *
subst_year(const char *h, const char *year)
{
	char prev[16] = "";
	if (year)
		snprintf(prev, sizeof prev, "%d", atoi(year) - 1);
	const char *names[] = {"year", "prev"}, *values[] = {year, prev};
	return zz_subst(h, names, values, 2);
}

/* Does chunk c hold one of the headers, exactly (本年年末 is one
 * character from 上年年末)? */
static int
is_header(char **hs, int n, const zz_chunk *c, const char *year, int *dated)
{
	for (int h = 0; h < n; h++) {
		char *hd = subst_year(hs[h], year);
		size_t a, b;
		int m = zz_label_find(hd, c->text, &a, &b);
		free(hd);
		if (m == 0) {
			if (dated)
				*dated = strchr(hs[h], '{') != NULL;
			return 1;
		}
	}
	return 0;
}

/* the headers of the column a field reads (own), and of the other
 * period's: a prior="yes" field reads the comparative column */
static void
header_lists(const zz_fdef *f, int compare, char ***hs, int *n)
{
	int theirs = compare != f->prior;
	*hs = theirs ? f->compares : f->columns;
	*n = theirs ? f->ncompares : f->ncolumns;
}

static int
row_has(const zz_fdef *f, const zz_row *row, const char *year)
{
	char **hs;
	int n;
	header_lists(f, 1, &hs, &n);
	for (int i = 0; i < row->n; i++)
		if (is_header(hs, n, &row->chunks[i], year, NULL))
			return 1;
	return 0;
}

/* The header of the field's column (compare: of the other period's):
 * above row r, right of the label chunk and nearest to it. A dated
 * header counts only beside the other period's: the statement's date
 * stands above the table as well. */
static const zz_chunk *
period_header(const zz_fdef *f, const zz_dpage *p, int r, const zz_chunk *l, const char *year,
              int compare)
{
	const zz_chunk *best = NULL;
	char **hs;
	int n;
	header_lists(f, compare, &hs, &n);
	for (int k = 0; k < r; k++)
		for (int i = 0; i < p->rows[k].n; i++) {
			const zz_chunk *c = &p->rows[k].chunks[i];
			int right = l->w ? c->x > l->x + l->w / 2 : c->col > l->col, dated = 0;
			if (!right || (best && (l->w ? c->x >= best->x : c->col >= best->col)))
				continue;
			if (is_header(hs, n, c, year, &dated) &&
			    (compare || !dated || row_has(f, &p->rows[k], year)))
				best = c;
		}
	return best;
}

static int
in_column(const zz_chunk *c, const zz_chunk *h)
{
	if (!h)
		return 0;
	if (!h->w)
		return c->col == h->col;
	return overlap(c->x, c->x + c->w, h->x, h->x + h->w) > 0;
}

/* The amount a row that must agree gives (the k-th chunk right of its
 * label, as the value is right of its own) checks it: the same amount
 * raises the confidence, another halves it. */
static void
cross_check(const zz_fdef *f, const zz_dpage *p, const zz_chunk *v, int k, long long unit,
            zz_found *out)
{
	for (int a = 0; a < f->nagrees; a++)
		for (int r = 0; r < p->nrows; r++)
			for (int i = 0; i < p->rows[r].n; i++) {
				size_t s0, e0;
				if (zz_label_find(f->agrees[a], p->rows[r].chunks[i].text, &s0, &e0) != 0)
					continue;
				const zz_row *row = &p->rows[r];
				const zz_chunk *c = NULL;
				/* the same place after its label: the balancing total
				 * often stands on the same row, across the sheet */
				for (int j = i + 1, n = 0; j < row->n && !c; j++, n++)
					if (n == k)
						c = &row->chunks[j];
				char *value = NULL;
				if (c && zz_field_normalise(f, c->text, unit, &value) == 0) {
					int same = !strcmp(value, out->value);
					free(out->note);
					out->note = zz_easprintf("%s %s: %s", f->agrees[a],
					                         same ? "agrees" : "reads", c->text);
					out->conf = same ? 1 - (1 - out->conf) * 0.3 : out->conf * 0.5;
					out->confirmed = same;
				}
				free(value);
				return;
			}
}

/* one to three digits alone: a statement's 行次 or a note number */
static int
line_number(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n >= 1 && n <= 3 && s[n + strspn(s + n, " ")] == '\0';
}

/* nothing but marks: a table's rule read as | or a stray comma */
static int
only_marks(const char *s)
{
	size_t len;
	for (; *s; s += len) {
		unsigned c = zz_utf8_decode(s, &len);
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x3400)
			return 0;
	}
	return 1;
}

/* Does p end close before q starts on its row (a gap under one and a
 * half heights): one piece of text with q, perhaps? */
static int
close_before(const zz_chunk *p, const zz_chunk *q)
{
	int h = p->h > q->h ? p->h : q->h;
	return p->w > 0 && q->w > 0 && q->x >= p->x + p->w && q->x - (p->x + p->w) < h * 3 / 2;
}

/* Two amounts read as one chunk (12,670,970.00 20,711,898.00: narrow
 * columns close together; each with its fen, or it may be one amount
 * OCR put a space in): the span [*a, *b) of the one under the
 * header hd (by where it stands in the chunk's box), or else the which-th;
 * the whole chunk when it holds one amount. */
static void
amount_span(const zz_chunk *c, const zz_chunk *hd, int which, size_t *a, size_t *b)
{
	size_t len = strlen(c->text), at[8], end[8];
	int n = 0;
	*a = 0, *b = len;
	for (size_t i = 0; i < len && n < 8;) {
		i += strspn(c->text + i, " ");
		size_t e = i + strcspn(c->text + i, " ");
		int digits = 0, other = 0;
		for (size_t k = i; k < e; k++)
			digits |= c->text[k] >= '0' && c->text[k] <= '9',
			other |= !strchr("0123456789,.-", c->text[k]);
		/* each whole, to the fen (28,347 528.00 is one amount that
		 * OCR put a space in) */
		int whole = e - i >= 4 && c->text[e - 3] == '.';
		if (e > i && digits && !other && whole)
			at[n] = i, end[n++] = e;
		else if (e > i)
			return; /* words, or pieces: not a row of amounts */
		i = e;
	}
	if (n < 2)
		return;
	int k = which < n ? which : n - 1;
	if (hd && hd->w && c->w && len) {
		double best = -1, centre = hd->x + hd->w / 2.0;
		for (int j = 0; j < n; j++) {
			double mid = c->x + c->w * (at[j] + end[j]) / 2.0 / (double)len;
			double d = mid > centre ? mid - centre : centre - mid;
			if (best < 0 || d < best)
				best = d, k = j;
		}
	}
	*a = at[k], *b = end[k];
}

/* The amount on the label's row in the field's column; without that
 * header, the first amount not under the other period's header (for a
 * prior="yes" field, the second amount): statements put the period
 * reported on before the comparative one. */
static int
column_value(const zz_fdef *f, const zz_dpage *p, int r, int i, long long unit, double factor,
             const char *year, zz_found *out)
{
	const zz_row *row = &p->rows[r];
	const zz_chunk *hd = period_header(f, p, r, &row->chunks[i], year, 0);
	const zz_chunk *cmp = hd ? NULL : period_header(f, p, r, &row->chunks[i], year, 1);
	int skip = f->prior && !cmp;
	for (int pass = 0; pass < 2; pass++)
		for (int k = i + 1; k < row->n; k++) {
			const zz_chunk *c = &row->chunks[k];
			size_t a, b, ca, cb;
			if (pass == 0 && !in_column(c, hd))
				continue;
			amount_span(c, pass ? NULL : hd, skip, &a, &b);
			if (pass == 1 && in_column(c, cmp)) {
				/* under the other period's header: unless two amounts
				 * were read as one, and this one is not that period's */
				amount_span(c, cmp, 0, &ca, &cb);
				if (ca == 0 && cb == strlen(c->text))
					continue;
				amount_span(c, NULL, ca == 0, &a, &b);
			}
			/* 行次, the line number, stands between the item and its
			 * amounts on most statements: no amount of its own */
			if (pass == 1 && k + 1 < row->n && line_number(c->text))
				continue;
			if (pass == 1 && skip && a == 0) {
				char *v = NULL;
				skip = zz_field_normalise(f, c->text, unit, &v) < 0;
				free(v);
				continue;
			}
			if (try_value(f, p, c, a, b, unit, factor * (pass ? 0.85 : 1.0),
			              pass ? "row" : "column", out)) {
				/* ls 315,828.00 for 15,315,828.00: what stood before it
				 * in the column may be its start misread; the re-read
				 * takes both */
				const zz_chunk *before = k - 1 > i ? &row->chunks[k - 1] : NULL;
				if (before && close_before(before, c) && !only_marks(before->text) &&
				    !strpbrk(before->text, "0123456789"))
					part_read(out, before);
				cross_check(f, p, c, k - i - 1, unit, out);
				return 1;
			}
			/* the column's amount unreadable: not a piece of it after
			 * (00, the fen of 27,.114,160 00), but a re-read of it */
			if (pass == 1 || strpbrk(c->text, "0123456789"))
				return 0;
		}
	return 0;
}

long long
zz_money_unit(const zz_re *re, const char *text)
{
	size_t mo, ml;
	if (!re || !text || !zz_re_match(re, text, 0, &mo, &ml))
		return 0;
	return !strncmp(text + mo, "万", strlen("万")) ? 10000 : !strncmp(text + mo, "千", strlen("千")) ? 1000 : 1;
}

static long long
doc_unit(const zz_fdef *f, const zz_doc *d, int p0, int p1)
{
	for (int i = p0; f->unit_re && i < p1; i++) {
		long long u = zz_money_unit(f->unit_re, d->pages[i].text);
		if (u)
			return u;
	}
	return f->unit;
}

/* ---- the strategies in order ---- */

/* Label at chunk i of row r: in the chunk, or across it and its right
 * neighbours for labels spaced so wide that they were read apart
 * (姓    名). Returns 0 exact, 1 with one error, -1 none; *last gets the
 * chunk the label ends in and *end the byte there. */
int
zz_label_at(const char *label, const zz_row *row, int i, int *last, size_t *end)
{
	size_t a, e;
	int m = zz_label_find(label, row->chunks[i].text, &a, &e);
	*last = i, *end = e;
	if (m >= 0)
		return m;
	zz_buf b = {0};
	zz_buf_adds(&b, row->chunks[i].text);
	for (int j = i + 1; j < row->n && b.len < strlen(label) + 8; j++) {
		size_t from = b.len;
		zz_buf_adds(&b, row->chunks[j].text);
		m = zz_label_find(label, b.s, &a, &e);
		if (m >= 0 && e > from && a < from) {
			*last = j, *end = e - from;
			break;
		}
		m = -1;
	}
	zz_buf_free(&b);
	return m;
}

static int
other_label(const zz_dtype *t, const zz_fdef *f, const char *s)
{
	size_t a, b;
	for (int i = 0; t && i < t->nfields; i++)
		for (int k = 0; &t->fields[i] != f && k < t->fields[i].nlabels; k++)
			if (zz_label_find(t->fields[i].labels[k], s, &a, &b) == 0 && a == 0)
				return 1;
	return 0;
}

/* The field's labels, longest first: 法定代表人姓名 before 法定代表人,
 * which would take 姓名 for the value. */
static void
label_order(const zz_fdef *f, int *order, int n)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && strlen(f->labels[order[k]]) > strlen(f->labels[order[k - 1]]);
		     k--) {
			int t = order[k];
			order[k] = order[k - 1], order[k - 1] = t;
		}
}

/* Exact labels anywhere in the pages before labels read with an error. */
static int
by_labels(const zz_doctypes *dt, const zz_dtype *t, const zz_fdef *f, const zz_doc *d, int p0,
          int p1, const char *year, long long unit, zz_found *out)
{
	int order[64], nl = f->nlabels < 64 ? f->nlabels : 64;
	label_order(f, order, nl);
	for (int fuzzy = 0; fuzzy <= 1; fuzzy++)
		for (int oi = 0; oi < nl; oi++)
			for (int pi = p0, li = order[oi]; pi < p1; pi++) {
				const zz_dpage *p = &d->pages[pi];
				for (int r = 0; r < p->nrows; r++)
					for (int i = 0; i < p->rows[r].n; i++) {
						int last;
						size_t e;
						int errs = zz_label_at(f->labels[li], &p->rows[r], i, &last, &e);
						if (errs < 0 || (errs > 0) != fuzzy)
							continue;
						/* 资质级别 is one character from 资质类别: not
						 * when it is another field's label exactly */
						if (fuzzy && other_label(t, f, p->rows[r].chunks[i].text))
							continue;
						double factor = errs == 2 ? dt->fuzzy_label * dt->fuzzy_label
						              : errs ? dt->fuzzy_label : 1.0;
						if (f->ncolumns
						        ? column_value(f, p, r, last, unit, factor, year, out)
						        : after_label(t, f, p, r, last, e, factor, unit, out))
							return 1;
					}
			}
	return 0;
}

static int
by_finds(const zz_fdef *f, const zz_doc *d, int p0, int p1, long long unit, zz_found *out)
{
	for (int fi = 0; fi < f->nfinds; fi++)
		for (int pi = p0; pi < p1; pi++) {
			const zz_dpage *p = &d->pages[pi];
			for (int r = 0; r < p->nrows; r++)
				for (int i = 0; i < p->rows[r].n; i++) {
					const zz_chunk *c = &p->rows[r].chunks[i];
					size_t mo, ml;
					if (!zz_re_match(&f->finds[fi], c->text, 0, &mo, &ml))
						continue;
					/* the find's match is the value; a name's shape is
					 * still checked, as names have no other check */
					zz_fdef plain = *f;
					if (f->type != ZZ_V_NAME)
						plain.value_re = NULL;
					if (try_value(&plain, p, c, mo, mo + ml, unit, f->finds[fi].factor, "find",
					              out))
						return 1;
				}
		}
	return 0;
}

/* A field with known values, its label lost and nothing found otherwise:
 * a chunk that is one of them, or a character or two from exactly one
 * (限责任公司 after a 型 whose 类 was lost), a label's last character
 * before it allowed. Taken as repaired, never sure: where it stood says
 * nothing of what it is. One character off at most: a company name's
 * tail read alone (…科技有限公司 as 技有限公司) is two from 股份有限公司. */
static int
by_known(const zz_fdef *f, const zz_doc *d, int p0, int p1, zz_found *out)
{
	for (int pi = p0; f->nknown && pi < p1; pi++) {
		const zz_dpage *p = &d->pages[pi];
		for (int r = 0; r < p->nrows; r++)
			for (int i = 0; i < p->rows[r].n; i++) {
				const zz_chunk *c = &p->rows[r].chunks[i];
				size_t len = 0, skip = 0;
				unsigned first = zz_utf8_decode(c->text, &len);
				/* (strchr finds the NUL: only ASCII is looked for) */
				if (first && first < 128 && strchr("|[]", (int)first) && len)
					skip = len;
				else if (len && (first == 0x578B || first == 0x7C7B)) /* 型 类 */
					skip = len;
				/* brackets as a name's normaliser sets them (《 for （) */
				char *value = zz_norm_name(c->text + skip);
				if (!value)
					continue;
				drop_open_end(value);
				if (snap_known(f, &value, 1) || zz_field_known(f, value)) {
					out->page = p->n, out->method = "known";
					out->raw = zz_estrdup(c->text + skip), out->value = value;
					span_box(c, skip, strlen(c->text), out);
					out->conf = out->conf < 0.6 ? out->conf : 0.6;
					out->cap = 0.6;
					out->status = "repaired";
					return 1;
				}
				free(value);
			}
	}
	return 0;
}

/* An enum without labels: the first option found anywhere in the text.
 * Options are matched over each page's chunks joined without breaks, as
 * the phrase that decides (在所有重大方面……公允反映) often runs over a
 * line end; the evidence is the chunk where the match starts. */
static int
by_options(const zz_fdef *f, const zz_doc *d, int p0, int p1, zz_found *out)
{
	for (int oi = 0; oi < f->noptions; oi++)
		for (int pi = p0; pi < p1; pi++) {
			const zz_dpage *p = &d->pages[pi];
			zz_buf b = {0};
			zz_buf_adds(&b, "");
			for (int r = 0; r < p->nrows; r++)
				for (int i = 0; i < p->rows[r].n; i++)
					zz_buf_adds(&b, p->rows[r].chunks[i].text);
			size_t mo, ml, at = 0;
			int hit = zz_re_match(&f->options[oi], b.s, 0, &mo, &ml);
			for (int r = 0; hit && r < p->nrows; r++)
				for (int i = 0; i < p->rows[r].n; i++) {
					const zz_chunk *c = &p->rows[r].chunks[i];
					size_t len = strlen(c->text);
					if (mo >= at + len) {
						at += len;
						continue;
					}
					size_t end = mo + ml - at < len ? mo + ml - at : len;
					out->page = p->n;
					out->raw = zz_estrdup(b.s + mo);
					out->raw[ml] = '\0';
					out->value = zz_estrdup(f->options[oi].value);
					out->status = "ok", out->method = "option";
					span_box(c, mo - at, end, out);
					out->conf *= 0.95;
					zz_buf_free(&b);
					return 1;
				}
			zz_buf_free(&b);
		}
	return 0;
}

/* out as found_set left it: a candidate taken and then refused */
static void
forget(zz_found *out, const zz_fdef *f, const zz_doc *d)
{
	char *name = out->name;
	out->name = NULL;
	zz_found_clear(out);
	found_set(out, f, d, 0, name, "label");
	free(name);
}

/* Is chunk text s one or two Chinese characters of label, in order, the
 * label longer (经 of 经营者)? */
static int
piece_of(const char *s, const char *label)
{
	size_t n, m, k = 0;
	unsigned *a = cps_of(s, &n), *b = cps_of(label, &m);
	int ok = n >= 1 && n <= 2 && m > n;
	for (size_t j = 0; j < n; j++)
		ok &= a[j] >= 0x4E00 && a[j] <= 0x9FFF;
	for (size_t j = 0; ok && j < m && k < n; j++)
		k += a[k] == b[j];
	free(a), free(b);
	return ok && k == n;
}

/* A key field of a scan whose letter-spaced label lost all but a
 * character or two (经 营 者 read as 经 alone, 营 and 者 too far apart
 * for the reading to take them as text): a chunk of them read surely, its
 * value beside it. Such a piece says little (经 starts 经营范围 too, and
 * 计算机 begins a scope's line), so the value must be all of the chunk
 * beside it and have what the field's values nearly always have
 * (<usual>: a surname for a person), and it is never sure: capped as a
 * value found without its label is. */
static int
by_piece(const zz_doctypes *dt, const zz_dtype *t, const zz_fdef *f, const zz_doc *d, int p0,
         int p1, long long unit, zz_found *out)
{
	if (!f->key || !f->right || !f->usual_re)
		return 0;
	for (int pi = p0; pi < p1; pi++) {
		const zz_dpage *p = &d->pages[pi];
		for (int r = 0; p->image && r < p->nrows; r++)
			for (int i = 0; i + 1 < p->rows[r].n; i++) {
				const zz_chunk *l = &p->rows[r].chunks[i];
				int li = 0;
				while (li < f->nlabels && !piece_of(l->text, f->labels[li]))
					li++;
				if (l->conf < 0.9 || li == f->nlabels || starts_label(t, l->text))
					continue;
				/* the value beside it, as far as the rest of a label
				 * letter-spaced a few characters apart would reach */
				const zz_chunk *c = &p->rows[r].chunks[i + 1];
				int m = (int)zz_utf8_len(f->labels[li]), h = l->h > c->h ? l->h : c->h;
				if (c->x - (l->x + l->w) > (4 * m + 2) * h || starts_label(t, c->text))
					continue;
				double factor = dt->fuzzy_label * dt->fuzzy_label * dt->fuzzy_label;
				if (try_value(f, p, c, 0, strlen(c->text), unit, factor, "label", out) &&
				    !strcmp(out->status, "ok") && zz_field_usual(f, out->value) &&
				    !strcmp(out->raw, c->text)) {
					out->lx = l->x + l->w;
					out->cap = out->cap > 0 && out->cap < 0.6 ? out->cap : 0.6;
					out->conf = out->conf < 0.6 ? out->conf : 0.6;
					free(out->note);
					out->note = zz_easprintf("its label read as '%s' only (%s)", l->text,
					                         f->labels[li]);
					return 1;
				}
				forget(out, f, d);
			}
	}
	return 0;
}

int
zz_field_extract(const zz_doctypes *dt, const zz_dtype *t, const zz_fdef *f, const zz_doc *d,
                 int p0, int p1, const char *name, const char *year, zz_found *out)
{
	found_set(out, f, d, 0, name, "label");
	long long unit = f->type == ZZ_V_MONEY ? doc_unit(f, d, p0, p1) : 1;
	if (by_labels(dt, t, f, d, p0, p1, year, unit, out) || by_finds(f, d, p0, p1, unit, out) ||
	    (!out->raw && by_known(f, d, p0, p1, out)) ||
	    (!out->raw && by_piece(dt, t, f, d, p0, p1, unit, out)))
		return 1;
	if (!f->nlabels && !f->nfinds && f->type == ZZ_V_ENUM && by_options(f, d, p0, p1, out))
		return 1;
	if (out->raw)
		return 1; /* found, but not valid: the reviewer sees what was read */
	free(out->name);
	memset(out, 0, sizeof *out);
	return 0;
}
