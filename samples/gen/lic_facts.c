/* lic_facts.c - what a licence of the set says: a company, a 个体工商户
 * or a branch, somewhere in China, registered in some year, and a layout
 * of the time (a licence issued in 2012 has a 注册号, not a USCC). The
 * mix follows the real development set: about a quarter without a USCC,
 * a quarter without a 注册资本 line. */
#include <stdio.h>
#include <string.h>

#include "licence.h"
#include "zizhi.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) gen_rng_pick(r, a, N(a))
#define WAN 10000LL

static const struct lplace {
	const char *province, *city, *district, *code;
} places[] = {
	{"北京市", "北京", "朝阳区", "110105"},   {"北京市", "北京", "海淀区", "110108"},
	{"北京市", "北京", "西城区", "110102"},   {"上海市", "上海", "浦东新区", "310115"},
	{"上海市", "上海", "徐汇区", "310104"},   {"上海市", "上海", "青浦区", "310118"},
	{"天津市", "天津", "滨海新区", "120116"}, {"重庆市", "重庆", "江北区", "500105"},
	{"广东省", "广州", "天河区", "440106"},   {"广东省", "广州", "增城区", "440118"},
	{"广东省", "东莞", "", "441900"},         {"广东省", "佛山", "顺德区", "440606"},
	{"浙江省", "杭州", "西湖区", "330106"},   {"浙江省", "杭州", "滨江区", "330108"},
	{"浙江省", "义乌", "", "330782"},         {"浙江省", "温州", "鹿城区", "330302"},
	{"江苏省", "南京", "秦淮区", "320104"},   {"江苏省", "苏州", "吴中区", "320506"},
	{"江苏省", "常州", "武进区", "320412"},   {"江苏省", "无锡", "新吴区", "320214"},
	{"湖北省", "武汉", "洪山区", "420111"},   {"湖北省", "武汉", "江岸区", "420102"},
	{"四川省", "成都", "武侯区", "510107"},   {"四川省", "广汉", "", "510681"},
	{"陕西省", "西安", "雁塔区", "610113"},   {"安徽省", "合肥", "蜀山区", "340104"},
	{"山东省", "济南", "历下区", "370102"},   {"山东省", "青岛", "黄岛区", "370211"},
	{"湖南省", "长沙", "岳麓区", "430104"},   {"福建省", "厦门", "思明区", "350203"},
	{"河南省", "郑州", "金水区", "410105"},   {"河北省", "石家庄", "桥西区", "130104"},
	{"辽宁省", "沈阳", "铁西区", "210106"},   {"云南省", "昆明", "五华区", "530102"},
	{"江西省", "南昌", "青山湖区", "360111"}, {"广西壮族自治区", "南宁", "青秀区", "450103"},
};
static const struct lplace shenzhen[] = {
	{"广东省", "深圳", "福田区", "440304"}, {"广东省", "深圳", "南山区", "440305"},
	{"广东省", "深圳", "宝安区", "440306"}, {"广东省", "深圳", "龙岗区", "440307"},
	{"广东省", "深圳", "龙华区", "440309"}, {"广东省", "深圳", "罗湖区", "440303"},
};
/* brands are two characters, one from each list */
static const char *const brand1[] = {
	"宏", "欣", "讯", "飞", "恒", "运", "德", "卓", "万", "新", "天", "华", "金", "永", "瑞",
	"中", "鑫", "盛", "创", "博", "联", "汇", "凯", "正", "和", "启", "嘉", "星", "明", "泰",
};
static const char *const brand2[] = {
	"晟", "凯", "嘉", "易", "利", "邦", "朋", "源", "帛", "和", "达", "通", "信", "丰", "科",
	"诚", "润", "远", "捷", "拓", "辉", "航", "美", "恒", "腾", "益", "宇", "昊", "鼎", "安",
};
static const char *const trades[] = {
	"电子", "科技", "信息科技", "网络科技", "贸易", "商贸", "餐饮管理", "建筑工程", "环保设备",
	"塑胶制品", "交通设施", "知识产权服务", "供应链管理", "新材料科技", "农业", "化工",
	"仪器设备", "教育科技", "认证", "工艺礼品", "实业", "机电设备", "医疗器械", "物流",
	"文化传媒", "食品", "服饰", "电气", "汽车服务", "软件", "生物科技", "建材", "家具",
	"广告", "物业管理", "人力资源", "机房设备", "半导体", "国际供应链管理", "智能科技",
};
static const char *const shops[] = {
	"汽车用品店", "烘焙坊", "便利店", "五金店", "服装店", "餐馆", "化工厂", "电子商行",
	"经营部", "小吃店", "理发店", "建材经营部", "水果店", "茶叶店", "文具店", "家电维修部",
	"设计工作室", "副食店", "百货商行", "眼镜店",
};
static const char *const roads[] = {
	"竞舟路", "马连道南街", "寮步镇西溪村", "浪荣路", "望江西路", "金穗路", "太平南路",
	"回龙埔工业区", "花桥街", "民治街道", "西乡街道", "华原街", "东环路", "人民中路",
	"建设大道", "解放路", "中山北路", "长江东路", "科技园南路", "工业大道",
};
static const char *const scopes[] = {
	"电子产品、机电产品的技术开发", "批发、零售：电子产品、通信设备", "计算机软硬件的技术开发",
	"技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", "企业管理咨询",
	"货物进出口、技术进出口", "建筑材料销售", "日用百货销售", "五金产品零售",
	"塑胶制品的设计、研发、生产及销售", "供应链管理服务", "仓储服务（不含危险化学品）",
	"工艺美术品及礼仪用品销售", "化工产品销售（不含许可类化工产品）", "办公用品销售",
	"仪器仪表销售", "广告设计、代理", "信息系统集成服务", "认证服务",
	"食品销售（仅销售预包装食品）",
	"汽车零配件零售", "家用电器销售", "机械设备租赁", "会议及展览服务", "物业管理",
};

static const struct lplace *
place(gen_rng *r, int sz)
{
	return sz ? &shenzhen[gen_rng_int(r, 0, N(shenzhen) - 1)]
	          : &places[gen_rng_int(r, 0, N(places) - 1)];
}

static void
brand(gen_rng *r, char *out, size_t n)
{
	const char *a = PICK(r, brand1), *b = PICK(r, brand2);
	snprintf(out, n, "%s%s", a, b);
}

static void
company_name(gen_lic *L, gen_rng *r, const struct lplace *pl)
{
	static const char *const forms[] = {"有限公司", "有限公司", "有限公司", "有限公司",
	                                    "股份有限公司", "集团有限公司", "有限责任公司"};
	char b[16];
	brand(r, b, sizeof b);
	const char *t = PICK(r, trades), *f = PICK(r, forms);
	int k = gen_rng_int(r, 0, 9);
	if (k < 4)
		snprintf(L->name, sizeof L->name, "%s市%s%s%s", pl->city, b, t, f);
	else if (k < 7)
		snprintf(L->name, sizeof L->name, "%s%s%s%s", pl->city, b, t, f);
	else if (k < 9)
		snprintf(L->name, sizeof L->name, "%s%s（%s）%s%s", b, PICK(r, brand2), pl->city, t, f);
	else
		snprintf(L->name, sizeof L->name, "%s%s%s%s", *pl->province ? pl->province : pl->city,
		         b, t, f);
}

static void
company_type(gen_lic *L, gen_rng *r)
{
	static const char *const types[] = {
		"有限责任公司（自然人投资或控股）", "有限责任公司（自然人投资或控股）",
		"有限责任公司（自然人投资或控股）", "有限责任公司", "有限责任公司",
		"有限责任公司（自然人独资）", "有限责任公司（法人独资）",
		"有限责任公司（自然人投资或控股的法人独资）",
		"有限责任公司（非自然人投资或控股的法人独资）",
		"股份有限公司（非上市、自然人投资或控股）", "有限责任公司（台港澳法人独资）",
		"有限责任公司（中外合资）", "其他有限责任公司", "股份有限公司（非上市）",
	};
	snprintf(L->type, sizeof L->type, "%s",
	         strstr(L->name, "股份") ? "股份有限公司（非上市、自然人投资或控股）" : PICK(r, types));
}

static void
branch_facts(gen_lic *L, gen_rng *r, const struct lplace *pl)
{
	static const char *const types[] = {
		"有限责任公司分公司（自然人投资或控股）", "有限责任公司分公司",
		"其他有限责任公司分公司",
		"有限责任公司分公司（法人独资）", "有限责任公司（中外合资）分支机构",
		"股份有限公司分公司（非上市、自然人投资或控股）",
	};
	char parent[200];
	company_name(L, r, &places[gen_rng_int(r, 0, N(places) - 1)]);
	snprintf(parent, sizeof parent, "%s", L->name);
	if (gen_rng_chance(r, 0.25)) {
		char b[16];
		brand(r, b, sizeof b);
		snprintf(L->name, sizeof L->name, "%s财产保险有限公司%s市%s支公司", b, pl->city,
		         *pl->district ? pl->district : "城区");
	} else {
		snprintf(L->name, sizeof L->name, "%s%s%s分公司", parent, pl->city,
		         gen_rng_chance(r, 0.5) ? PICK(r, roads) : "");
	}
	const char *t = PICK(r, types);
	if (strstr(L->name, "股份"))
		t = types[5];
	snprintf(L->type, sizeof L->type, "%s", t);
}

static void
individual_facts(gen_lic *L, gen_rng *r, const struct lplace *pl)
{
	char b[16];
	brand(r, b, sizeof b);
	const char *street = gen_rng_chance(r, 0.3) ? "城关街道" : "", *shop = PICK(r, shops);
	snprintf(L->name, sizeof L->name, "%s市%s%s%s%s", pl->city, pl->district, street, b, shop);
	/* since 2022 the name says what it is */
	if (L->issued.y >= 2022 && gen_rng_chance(r, 0.6))
		strncat(L->name, "（个体工商户）", sizeof L->name - strlen(L->name) - 1);
	snprintf(L->type, sizeof L->type, "个体工商户");
	snprintf(L->form, sizeof L->form, "%s", gen_rng_chance(r, 0.85) ? "个人经营" : "家庭经营");
}

/* the number and room of an address; each draw in its own statement, so
 * the order of draws does not rest on the compiler */
static void
room(gen_rng *r, char *out, size_t n)
{
	int k = gen_rng_int(r, 0, 3), a = gen_rng_int(r, 1, 300), b = gen_rng_int(r, 1, 20);
	int c = gen_rng_int(r, 101, 1804);
	if (k == 0)
		snprintf(out, n, "%d号%d室", a, c);
	else if (k == 1)
		snprintf(out, n, "%d号%d幢%d层", a, b, c % 28 + 1);
	else if (k == 2)
		snprintf(out, n, "%d号院%d号楼%d层%d", a % 99 + 1, b, c % 11 + 2, c % 220 + 1001);
	else
		snprintf(out, n, "%d号%s大厦%c%d", a, PICK(r, brand1), "ABCD"[b % 4], c);
}

static void
address(gen_lic *L, gen_rng *r, const struct lplace *pl)
{
	char where[48];
	room(r, where, sizeof where);
	/* the province, sometimes; a municipality is its own province */
	int prov = gen_rng_chance(r, 0.3) && strncmp(pl->province, pl->city, strlen(pl->city));
	const char *road = PICK(r, roads);
	snprintf(L->address, sizeof L->address, "%s%s市%s%s%s", prov ? pl->province : "", pl->city,
	         pl->district, road, where);
}

/* a few items of business, none twice */
static void
scope(gen_lic *L, gen_rng *r)
{
	int n = gen_rng_int(r, 2, 7), order[N(scopes)];
	for (int i = 0; i < N(scopes); i++)
		order[i] = i;
	size_t k = 0;
	k += (size_t)snprintf(L->scope, sizeof L->scope, "%s",
	                      gen_rng_chance(r, 0.4) ? "一般项目：" : "");
	for (int i = 0; i < n && k < sizeof L->scope - 200; i++) {
		int j = gen_rng_int(r, i, N(scopes) - 1), t = order[i];
		order[i] = order[j], order[j] = t;
		k += (size_t)snprintf(L->scope + k, sizeof L->scope - k, "%s%s", i ? "；" : "",
		                      scopes[order[i]]);
	}
	snprintf(L->scope + k, sizeof L->scope - k, "%s",
	         "。（依法须经批准的项目，经相关部门批准后方可开展经营活动）");
}

/* a 15-digit 注册号: the registering office's code, a digit for the kind
 * of subject (0-1 domestic, 5 foreign-invested, 6-8 个体), seven more and
 * the MOD 11,10 check */
static void
regno(gen_lic *L, gen_rng *r, const char *code)
{
	int kind = L->kind == LK_INDIVIDUAL ? gen_rng_int(r, 6, 8)
	         : strstr(L->type, "外") || strstr(L->type, "台港澳") ? 5 : gen_rng_int(r, 0, 1);
	snprintf(L->regno, sizeof L->regno, "%s%d%07d", code, kind, gen_rng_int(r, 0, 9999999));
	L->regno[14] = zz_regno_check(L->regno);
	L->regno[15] = '\0';
}

static gen_date
date_in(gen_rng *r, int y0, int m0, int y1, int m1)
{
	return gen_date_add_days((gen_date){y0, m0, 1},
	                         gen_rng_int(r, 0, (y1 - y0) * 365 + (m1 - m0) * 30 + 27));
}

/* the licence's issue date, and so which codes it can carry */
static void
dates(gen_lic *L, gen_rng *r, int uscc)
{
	switch (L->layout) {
	case LL_NEW_PORTRAIT: L->issued = date_in(r, 2016, 1, 2019, 6); break;
	case LL_NEW_LANDSCAPE:
	case LL_ELICENCE: L->issued = date_in(r, 2019, 3, 2025, 10); break;
	case LL_TRANSITIONAL:
		L->issued = uscc ? date_in(r, 2015, 10, 2016, 12) : date_in(r, 2014, 3, 2015, 9);
		break;
	case LL_SZ_PORTRAIT: L->issued = date_in(r, 2016, 1, 2020, 12); break;
	case LL_SZ_LANDSCAPE: L->issued = date_in(r, 2013, 3, 2015, 9); break;
	default: L->issued = date_in(r, 2004, 1, 2014, 12); break;
	}
	int back = gen_rng_chance(r, 0.45) ? gen_rng_int(r, 0, 120) : gen_rng_int(r, 120, 7000);
	L->established = gen_date_add_days(L->issued, -back);
	int t = gen_rng_int(r, 0, 9);
	L->term_style = t < 4 ? LT_UNTIL : t < 7 ? LT_LONG_FROM : t < 9 ? LT_LONG : LT_STARS;
	static const int years[] = {10, 20, 20, 30, 50};
	L->term_end = gen_date_add_days(gen_date_add_years(L->established, years[gen_rng_int(r, 0, 4)]),
	                                -1);
}

static void
capital(gen_lic *L, gen_rng *r)
{
	static const int wan[] = {3,   5,   10,  20,   30,   40,   50,   100,  100,  100,   120,
	                          150, 188, 200, 200,  300,  500,  500,  800,  1000, 1000,  1000,
	                          1200, 2000, 2000, 3000, 5000, 5008, 10000, 50000};
	L->capital = wan[gen_rng_int(r, 0, N(wan) - 1)] * WAN;
	if (gen_rng_chance(r, 0.05))
		L->capital += gen_rng_int(r, 1, 99) * 100LL;
	L->paidin = gen_rng_chance(r, 0.6) ? L->capital : L->capital / 10 * gen_rng_int(r, 1, 9);
}

static void
office(gen_lic *L, const struct lplace *pl)
{
	int old = L->issued.y < 2014;
	snprintf(L->office, sizeof L->office, "%s市%s%s", pl->city,
	         old ? "工商行政管理局" : *pl->district ? pl->district : "",
	         old ? (*pl->district ? pl->district : "") : "市场监督管理局");
	if (old && *pl->district)
		strncat(L->office, "分局", sizeof L->office - strlen(L->office) - 1);
}

static void
numbers(gen_lic *L, gen_rng *r, const char *code)
{
	static const char *const copies[] = {"1-1", "1-1", "1/1", "2-2", "1-2", "4-4", "", ""};
	snprintf(L->copyno, sizeof L->copyno, "%s", PICK(r, copies));
	int k = gen_rng_int(r, 0, 3);
	if (k == 0)
		snprintf(L->serial, sizeof L->serial, "%s%04d%02d%02d%05d", code, L->issued.y,
		         L->issued.m, L->issued.d, gen_rng_int(r, 0, 99999));
	else if (k == 1)
		snprintf(L->serial, sizeof L->serial, "No %07d", gen_rng_int(r, 0, 9999999));
	else if (k == 2 && L->layout == LL_OLD_PORTRAIT)
		snprintf(L->serial, sizeof L->serial, "S%d%d%08d", k + 1, L->issued.y,
		         gen_rng_int(r, 0, 99999999));
	else
		L->serial[0] = '\0';
}

static enum lic_layout
layout(gen_rng *r, enum lic_kind k)
{
	static const enum lic_layout company[] = {
		LL_NEW_PORTRAIT,  LL_NEW_PORTRAIT, LL_NEW_PORTRAIT, LL_NEW_PORTRAIT, LL_NEW_LANDSCAPE,
		LL_NEW_LANDSCAPE, LL_NEW_LANDSCAPE, LL_NEW_LANDSCAPE, LL_TRANSITIONAL, LL_TRANSITIONAL,
		LL_TRANSITIONAL,  LL_TRANSITIONAL, LL_TRANSITIONAL, LL_OLD_PORTRAIT, LL_OLD_PORTRAIT,
		LL_OLD_LEGAL,     LL_SZ_PORTRAIT, LL_SZ_LANDSCAPE, LL_ELICENCE,     LL_ELICENCE,
	};
	static const enum lic_layout individual[] = {LL_NEW_LANDSCAPE, LL_NEW_LANDSCAPE,
	                                             LL_NEW_PORTRAIT, LL_SZ_LANDSCAPE,
	                                             LL_OLD_PORTRAIT};
	static const enum lic_layout branch[] = {LL_NEW_PORTRAIT, LL_TRANSITIONAL, LL_TRANSITIONAL,
	                                         LL_OLD_PORTRAIT, LL_NEW_LANDSCAPE};
	if (k == LK_INDIVIDUAL)
		return individual[gen_rng_int(r, 0, N(individual) - 1)];
	if (k == LK_BRANCH)
		return branch[gen_rng_int(r, 0, N(branch) - 1)];
	return company[gen_rng_int(r, 0, N(company) - 1)];
}

static void
fonts(gen_lic *L, gen_rng *r)
{
	static const char *const label[] = {"Noto Sans CJK SC", "WenQuanYi Zen Hei",
	                                    "WenQuanYi Micro Hei", "Noto Serif CJK SC",
	                                    "AR PL UMing CN", "Noto Sans CJK SC"};
	static const char *const value[] = {"AR PL UMing CN",   "AR PL UMing CN", "AR PL UMing CN",
	                                    "Noto Serif CJK SC", "Noto Serif CJK SC", "HanaMinA",
	                                    "LXGW WenKai",      "Noto Sans CJK SC", "AR PL UKai CN"};
	static const char *const title[] = {"Noto Serif CJK SC", "Noto Serif CJK SC", "AR PL UMing CN",
	                                    "AR PL UKai CN", "LXGW WenKai", "Noto Sans CJK SC"};
	L->f_label = PICK(r, label);
	L->f_value = PICK(r, value);
	L->f_title = PICK(r, title);
	L->label_bold = gen_rng_chance(r, 0.85);
	L->spread = L->layout == LL_OLD_PORTRAIT || gen_rng_chance(r, 0.8);
	L->pt = gen_rng_real(r, 12, 14.5); /* a 副本 prints its values at about 14 pt */
}

void
gen_lic_invent(gen_lic *L, gen_rng *r)
{
	memset(L, 0, sizeof *L);
	int k = gen_rng_int(r, 0, 99);
	L->kind = k < 88 ? LK_COMPANY : k < 94 ? LK_INDIVIDUAL : LK_BRANCH;
	L->layout = layout(r, L->kind);
	int uscc = L->layout == LL_NEW_PORTRAIT || L->layout == LL_NEW_LANDSCAPE ||
	           L->layout == LL_ELICENCE || L->layout == LL_SZ_PORTRAIT ||
	           (L->layout == LL_TRANSITIONAL && gen_rng_chance(r, 0.75));
	L->shenzhen = L->layout == LL_SZ_PORTRAIT || L->layout == LL_SZ_LANDSCAPE ||
	              (L->layout == LL_ELICENCE && gen_rng_chance(r, 0.25));
	const struct lplace *pl = place(r, L->shenzhen);
	dates(L, r, uscc);
	if (L->kind == LK_INDIVIDUAL)
		individual_facts(L, r, pl);
	else if (L->kind == LK_BRANCH)
		branch_facts(L, r, pl);
	else {
		company_name(L, r, pl);
		company_type(L, r);
	}
	/* Shenzhen's USCCs are the city's; a company older than the USCC
	 * kept its organisation code in it */
	const char *code = L->shenzhen && uscc ? "440300" : pl->code;
	if (uscc)
		gen_uscc_make(r, L->kind == LK_INDIVIDUAL ? "92" : "91", code,
		              L->kind != LK_INDIVIDUAL && L->established.y < 2015 ? GEN_ORG_LEGACY
		                                                                  : GEN_ORG_NEW,
		              L->uscc);
	else
		regno(L, r, code);
	gen_person_name_wide(r, L->rep, sizeof L->rep);
	address(L, r, pl);
	scope(L, r);
	capital(L, r);
	office(L, pl);
	numbers(L, r, pl->code);
	fonts(L, r);
	gen_lic_print(L, r);
	gen_lic_note(L, "style=%s kind=%s", gen_lic_layout_name(L->layout),
	             gen_lic_kind_name(L->kind));
	if (L->shenzhen)
		gen_lic_note(L, "shenzhen");
}

void
gen_lic_from_case(gen_lic *L, const gen_case *c, gen_rng *r)
{
	static const enum lic_layout ok[] = {LL_NEW_PORTRAIT, LL_NEW_LANDSCAPE, LL_TRANSITIONAL,
	                                     LL_ELICENCE};
	memset(L, 0, sizeof *L);
	L->kind = LK_COMPANY;
	L->layout = ok[gen_rng_int(r, 0, N(ok) - 1)];
	snprintf(L->uscc, sizeof L->uscc, "%s", c->uscc);
	snprintf(L->name, sizeof L->name, "%s", c->name);
	snprintf(L->type, sizeof L->type, "%s", c->type);
	snprintf(L->address, sizeof L->address, "%s", c->address);
	snprintf(L->rep, sizeof L->rep, "%s", c->legal_rep);
	snprintf(L->scope, sizeof L->scope, "%s", c->scope);
	L->capital = L->paidin = c->capital;
	L->established = c->established;
	L->issued = gen_date_add_days(c->established, gen_rng_int(r, 0, 1200));
	if (gen_date_cmp(L->issued, c->applied) > 0)
		L->issued = gen_date_add_days(c->applied, -gen_rng_int(r, 30, 200));
	L->term_style = strcmp(c->term, "长期") ? LT_UNTIL : LT_LONG;
	L->term_end = gen_date_add_days(gen_date_add_years(c->established, 30), -1);
	snprintf(L->office, sizeof L->office, "%s市市场监督管理局", c->city);
	char code[8];
	snprintf(code, sizeof code, "%.6s", c->uscc + 2);
	numbers(L, r, code);
	fonts(L, r);
	gen_lic_print(L, r);
	gen_lic_note(L, "style=%s kind=company", gen_lic_layout_name(L->layout));
}

const char *
gen_lic_layout_name(enum lic_layout l)
{
	static const char *const names[LL_N] = {"new-portrait", "new-landscape", "transitional",
	                                        "old-portrait", "old-legal",     "shenzhen-portrait",
	                                        "shenzhen-old",  "e-licence"};
	return l < LL_N ? names[l] : "?";
}

const char *
gen_lic_kind_name(enum lic_kind k)
{
	return k == LK_INDIVIDUAL ? "individual" : k == LK_BRANCH ? "branch" : "company";
}
