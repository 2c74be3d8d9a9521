/* qualify.c - which qualification's rules decide a case: the rules file
 * of CONFIG/rules/ whose category and level are what the application
 * form declares (申请服务类别, 申请级别). Sure before judging: a
 * declaration not read surely, or one no rules file is for, chooses
 * nothing, and the case is review; never judged by another
 * qualification's rules. */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"

#define CATEGORY "application.category"
#define LEVEL "application.level"
/* how sure a declaration must be read to choose by it (the rules files
 * say their own bars, but which file is the question) */
#define SURE 0.80

/* s without spaces and brackets, the level's numeral as a Chinese one
 * with its 级: 2级, 二 and 贰级 are all 二级. */
static char *
canon(const char *s, int level)
{
	static const char *const drop[] = {" ", "\t", "\u3000", "（", "）", "(", ")", "《", "》", "【", "】"};
	static const char *const digits[][3] = {{"1", "壹", "一"}, {"2", "贰", "二"}, {"3", "叁", "三"},
	                                        {"4", "肆", "四"}, {"5", "伍", "五"}};
	zz_buf b = {0};
	zz_buf_adds(&b, "");
	while (*s) {
		size_t n = 0;
		for (size_t k = 0; k < sizeof drop / sizeof *drop && !n; k++)
			if (!strncmp(s, drop[k], strlen(drop[k])))
				n = strlen(drop[k]);
		for (size_t k = 0; level && k < sizeof digits / sizeof *digits && !n; k++)
			for (int j = 0; j < 2 && !n; j++)
				if (!strncmp(s, digits[k][j], strlen(digits[k][j]))) {
					n = strlen(digits[k][j]);
					zz_buf_adds(&b, digits[k][2]);
				}
		if (n) {
			s += n;
			continue;
		}
		zz_utf8_decode(s, &n);
		zz_buf_add(&b, s, n ? n : 1);
		s += n ? n : 1;
	}
	if (level && b.len && (b.len < 3 || strcmp(b.s + b.len - 3, "级")))
		zz_buf_adds(&b, "级");
	return b.s;
}

/* The declared value, when read surely: NULL, with *why saying so, when
 * not. */
static const char *
declared(zz_facts *fs, const char *name, const char *title, zz_buf *why)
{
	zz_fact *f = zz_fact_get(fs, name);
	int sure = f && *f->value &&
	           (!strcmp(f->status, "confirmed") ||
	            (f->conf >= SURE && strcmp(f->status, "invalid") && strcmp(f->status, "conflict") &&
	             strcmp(f->status, "implausible")));
	if (sure)
		return f->value;
	if (f && *f->value)
		zz_buf_addf(why, "%s%s读作“%s”，未能确认（置信度 %.2f）", why->len ? "；" : "", title, f->value, f->conf);
	else
		zz_buf_addf(why, "%s申请书上未找到%s", why->len ? "；" : "", title);
	return NULL;
}

int
zz_rules_choose(const char *configdir, zz_facts *fs, char **path, char **why, char **err)
{
	*path = *why = *err = NULL;
	zz_rulesfiles rf;
	if (zz_rulesfiles_load(configdir, &rf, err) < 0)
		return -1;
	zz_buf w = {0}, known = {0};
	const char *cat = declared(fs, CATEGORY, "申请服务类别", &w);
	const char *lvl = declared(fs, LEVEL, "申请级别", &w);
	char *c = cat ? canon(cat, 0) : NULL, *l = lvl ? canon(lvl, 1) : NULL;
	for (int i = 0; i < rf.n; i++) {
		char *fc = canon(rf.v[i].category, 0), *fl = canon(rf.v[i].level, 1);
		if (c && l && !strcmp(fc, c) && !strcmp(fl, l) && !*path)
			*path = zz_estrdup(rf.v[i].path);
		zz_buf_addf(&known, "%s%s%s（%s）", known.len ? "、" : "", rf.v[i].category, rf.v[i].level,
		            rf.v[i].id);
		free(fc), free(fl);
	}
	if (!*path && c && l)
		zz_buf_addf(&w, "申请书声明%s%s，没有该类别和级别的资质规则", cat, lvl);
	if (!*path)
		*why = zz_easprintf("未能确定适用的资质规则：%s；已有规则：%s", w.s, known.s);
	free(c), free(l);
	zz_buf_free(&w), zz_buf_free(&known);
	zz_rulesfiles_free(&rf);
	return *path ? 0 : 1;
}
