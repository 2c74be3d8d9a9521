/* facts.c - invent an organisation, its staff, projects and accounts, then
 * bend them for the scenario. */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "zizhi.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) gen_rng_pick(r, a, N(a))
#define WAN 10000LL

static const struct place {
	const char *province, *city, *district, *code;
} places[] = {
	{"浙江省", "杭州", "西湖区", "330106"}, {"江苏省", "南京", "鼓楼区", "320106"},
	{"四川省", "成都", "武侯区", "510107"}, {"湖北省", "武汉", "武昌区", "420106"},
	{"陕西省", "西安", "雁塔区", "610113"}, {"广东省", "深圳", "南山区", "440305"},
	{"江苏省", "苏州", "虎丘区", "320505"}, {"安徽省", "合肥", "蜀山区", "340104"},
	{"山东省", "济南", "历下区", "370102"}, {"湖南省", "长沙", "岳麓区", "430104"},
	{"", "北京", "海淀区", "110108"},       {"", "上海", "浦东新区", "310115"},
	{"广东省", "广州", "天河区", "440106"}, {"福建省", "福州", "鼓楼区", "350102"},
	{"", "天津", "滨海新区", "120116"},     {"河南省", "郑州", "金水区", "410105"},
};
static const char *const brands[] = {
	"恒御", "天穹", "中睿", "铭安", "卫宸", "磐石", "数盾", "智鼎", "华远", "守望",
	"御安", "信诚", "鼎信", "安域", "云锋", "明鉴", "瀚海", "星盾", "安澜", "永信",
	"弘盾", "凌云", "翊安", "曜安", "宸安", "睿盾", "拓安", "衡信", "九章", "北辰",
};
static const char *const trades[] = {
	"网络安全技术", "信息安全技术", "信息科技", "数据安全技术", "网络科技", "安全技术服务",
};
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
	"胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
	"邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶",
	"程", "苏", "魏", "吕", "丁", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "范",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
	"涛", "明", "超", "霞", "平", "刚", "建华", "文辉", "晨阳", "宇", "浩然", "子轩",
	"欣怡", "梓涵", "思远", "俊杰", "志强", "海燕", "晓东", "红梅", "立新", "雪",
	"佳琪", "博文", "一鸣", "嘉怡", "天宇", "鹏", "凯", "琳", "瑶", "昊", "睿", "航",
};
static const char *const roads[] = {
	"文三路", "学院路", "科技园路", "软件大道", "高新大道", "创新路", "天府大道",
	"光谷大道", "科技二路", "望江路", "云栖路", "长江路", "建设路", "东方路",
};
static const char *const positions[] = {
	"安全运营工程师", "安全分析师", "安全运营经理", "渗透测试工程师", "应急响应工程师",
	"技术总监", "项目经理", "安全咨询顾问", "安全服务工程师",
};
static const char *const audit_firms[] = {
	"华诚", "正衡", "瑞信达", "中审远", "明德", "诚信和", "永和", "汇正", "公正天成", "同方信",
};
static const char *const client_orgs[] = {
	"市大数据管理局", "市人力资源和社会保障局", "市公安局", "市卫生健康委员会",
	"市第一人民医院", "市住房公积金管理中心", "市教育局", "市政务服务中心",
	"市自来水有限公司", "市公共交通集团有限公司", "农村商业银行股份有限公司", "市中心医院",
};
static const char *const secops_work[] = {
	"网络安全运营服务项目", "安全托管运营服务（MSS）项目", "态势感知平台运营服务项目",
	"安全运营中心（SOC）运营服务项目", "网络安全监测与应急响应服务项目", "云安全运营服务项目",
};
static const char *const other_work[] = {
	"等级保护测评服务项目", "渗透测试服务项目", "安全设备集成项目", "数据安全咨询项目",
};
static const char *const other_types[] = {"等级保护测评", "渗透测试", "安全集成", "安全咨询"};

/* a date between lo and hi years before d */
static gen_date
random_between(gen_rng *r, gen_date d, int lo, int hi)
{
	return gen_date_add_days(d, -gen_rng_int(r, lo * 365, hi * 365));
}

void
gen_person_name(gen_rng *r, char *out, size_t n)
{
	snprintf(out, n, "%s%s", PICK(r, surnames), PICK(r, given));
}

/* Given-name characters that the common ones above do not have, as real
 * licences' holders have them: chosen for their meaning and rare in
 * other text (琰 焱 翀 赟 彧 堃 垚), so read less surely; some are in the
 * extractor's <given> prior, some not. None is a character of the real
 * development set's names. */
static const char *const uncommon[] = {
	"琰", "珺", "瑾", "璐", "璇", "玥", "琦", "昱", "煜", "炜", "烨", "焱", "婧", "媛",
	"妍", "嫣", "蕾", "薇", "萱", "茜", "菁", "铮", "锴", "钰", "镕", "骞", "骁", "翀",
	"翊", "韬", "颢", "赟", "彧", "祎", "祺", "潇", "澜", "淼", "沅", "泓", "渤", "滢",
	"漪", "筠", "箐", "霏", "雯", "麟", "骥", "曦", "晗", "暄", "皓", "堃", "垚", "峥",
	"嵘", "崧", "岚", "彤", "蔚", "芃", "芮", "苒", "莘", "婷", "怡", "琛", "瀚", "桦",
};

void
gen_person_name_wide(gen_rng *r, char *out, size_t n)
{
	if (!gen_rng_chance(r, 0.4)) {
		gen_person_name(r, out, n);
		return;
	}
	const char *s = PICK(r, surnames), *a = PICK(r, uncommon);
	if (gen_rng_chance(r, 0.5))
		snprintf(out, n, "%s%s", s, a);
	else
		snprintf(out, n, "%s%s%s", s, a, PICK(r, uncommon));
}

/* A valid USCC registered in the district: head is 9 (market regulator)
 * and 1 (enterprise) or 2 (个体工商户); then the district code, an
 * organisation code with its GB 11714 check, and the GB 32100 check.
 * Organisation codes given since 2015 begin MA (GEN_ORG_NEW); older ones,
 * kept in the USCC, are eight digits (GEN_ORG_LEGACY); the cases' mix
 * (GEN_ORG_CASE) is either kind, as the committed corpus has it. */
void
gen_uscc_make(gen_rng *r, const char *head, const char *district, enum gen_org org_kind,
              char out[20])
{
	static const char body[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char org[10];
	for (;;) {
		if (org_kind == GEN_ORG_LEGACY) {
			for (int i = 0; i < 8; i++)
				org[i] = (char)('0' + gen_rng_int(r, i == 0 ? 1 : 0, 9));
		} else if (org_kind == GEN_ORG_NEW) {
			org[0] = 'M', org[1] = 'A';
			for (int i = 2; i < 8; i++)
				org[i] = body[gen_rng_int(r, 0, 30)];
		} else {
			org[0] = gen_rng_chance(r, 0.6) ? 'M' : body[gen_rng_int(r, 0, 9)];
			org[1] = 'A';
			for (int i = 2; i < 8; i++)
				org[i] = body[gen_rng_int(r, 0, 30)];
		}
		org[8] = zz_orgcode_check(org);
		org[9] = '\0';
		/* the check of the organisation code must be in the USCC
		 * alphabet (it always is: 0-9 and X); draw again if not */
		if (strchr(body, org[8]))
			break;
	}
	snprintf(out, 20, "%.2s%s%s", head, district, org);
	out[17] = zz_uscc_check(out);
	out[18] = '\0';
}

static void
make_org(gen_case *c, gen_rng *r, const struct place **pl)
{
	*pl = &places[gen_rng_int(r, 0, N(places) - 1)];
	const char *brand = PICK(r, brands);
	int plc = gen_rng_chance(r, 0.25);
	snprintf(c->city, sizeof c->city, "%s", (*pl)->city);
	snprintf(c->short_name, sizeof c->short_name, "%s", brand);
	snprintf(c->name, sizeof c->name, "%s%s%s%s", (*pl)->city, brand, PICK(r, trades),
	         plc ? "股份有限公司" : "有限公司");
	snprintf(c->type, sizeof c->type, "%s",
	         plc ? "股份有限公司（非上市、自然人投资或控股）" : "有限责任公司（自然人投资或控股）");
	gen_uscc_make(r, "91", (*pl)->code, GEN_ORG_CASE, c->uscc);
	gen_person_name(r, c->legal_rep, sizeof c->legal_rep);
	snprintf(c->address, sizeof c->address, "%s%s市%s%s%d号%d幢%d层", (*pl)->province,
	         (*pl)->city, (*pl)->district, PICK(r, roads), gen_rng_int(r, 1, 999),
	         gen_rng_int(r, 1, 9), gen_rng_int(r, 2, 21));
	static const long long caps[] = {1000, 1200, 1500, 2000, 2000, 3000, 5000, 5008, 10000};
	c->capital = caps[gen_rng_int(r, 0, N(caps) - 1)] * WAN;
	c->established = random_between(r, c->applied, 4, 18);
	if (gen_rng_chance(r, 0.5))
		snprintf(c->term, sizeof c->term, "长期");
	else {
		char a[32], b[32];
		gen_date_cn(c->established, a, sizeof a);
		gen_date_cn(gen_date_add_days(gen_date_add_years(c->established, 30), -1), b,
		            sizeof b);
		snprintf(c->term, sizeof c->term, "%s至%s", a, b);
	}
	snprintf(c->scope, sizeof c->scope,
	         "一般项目：网络与信息安全软件开发；信息系统集成服务；信息技术咨询服务；"
	         "安全系统监控服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；"
	         "计算机系统服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。");
}

static void
make_staff(gen_case *c, gen_rng *r, const struct place *pl)
{
	c->nstaff = gen_rng_int(r, 12, 20);
	int certs = gen_rng_int(r, 9, 12);
	for (int i = 0; i < c->nstaff; i++) {
		gen_person *p = &c->staff[i];
		gen_person_name(r, p->name, sizeof p->name);
		snprintf(p->idno, sizeof p->idno, "%s********%03d%c", pl->code,
		         gen_rng_int(r, 0, 999), "0123456789X"[gen_rng_int(r, 0, 10)]);
		snprintf(p->position, sizeof p->position, "%s", PICK(r, positions));
		p->fulltime = 1;
		p->on_roster = 1;
		if (i < certs) {
			int year = gen_rng_int(r, c->applied.y - 5, c->applied.y - 1);
			p->has_cisp = 1;
			snprintf(p->cisp, sizeof p->cisp, "CNITSEC%04dCISP%05d", year,
			         gen_rng_int(r, 1000, 99999));
			/* CISP certificates run three years and are renewed */
			p->cisp_until = gen_date_add_days(c->applied, gen_rng_int(r, 60, 3 * 365));
		}
	}
	c->declared_cisp = certs;
}

static void
make_projects(gen_case *c, gen_rng *r)
{
	c->nprojects = gen_rng_int(r, 6, 10);
	for (int i = 0; i < c->nprojects; i++) {
		gen_project *p = &c->projects[i];
		char client[128];
		snprintf(client, sizeof client, "%s%s", c->city, PICK(r, client_orgs));
		snprintf(p->client, sizeof p->client, "%s", client);
		p->secops = i < 4 || gen_rng_chance(r, 0.6);
		int k = gen_rng_int(r, 0, N(other_work) - 1);
		snprintf(p->name, sizeof p->name, "%s%s", client,
		         p->secops ? PICK(r, secops_work) : other_work[k]);
		snprintf(p->type, sizeof p->type, "%s", p->secops ? "安全运营" : other_types[k]);
		/* a list without a service-type column is of security-operations
		 * projects only (its title says so); the draws above stay, so
		 * the rest of the case is as it was */
		if (c->style.list_notype && !p->secops) {
			p->secops = 1;
			snprintf(p->name, sizeof p->name, "%s%s", client, secops_work[i % N(secops_work)]);
			snprintf(p->type, sizeof p->type, "安全运营");
		}
		p->amount = (long long)gen_rng_int(r, 35, 320) * WAN + gen_rng_int(r, 0, 99) * 100LL;
		/* most completed inside the three years before the application */
		p->completed = gen_date_add_days(c->applied, -gen_rng_int(r, 30, i < 6 ? 1000 : 1500));
		p->signed_on = gen_date_add_days(p->completed, -gen_rng_int(r, 90, 400));
	}
}

static void
make_audits(gen_case *c, gen_rng *r)
{
	long long assets = (long long)gen_rng_int(r, 1800, 9000) * WAN + gen_rng_int(r, 0, 9999) * 97;
	char firm[64];
	snprintf(firm, sizeof firm, "%s%s会计师事务所（特殊普通合伙）", c->city,
	         PICK(r, audit_firms));
	for (int i = 0; i < 3; i++) {
		gen_audit *a = &c->audits[i];
		a->present = 1;
		a->year = c->applied.y - 1 - i;
		a->unit_wan = gen_rng_chance(r, 0.35);
		snprintf(a->auditor, sizeof a->auditor, "%s", firm);
		snprintf(a->number, sizeof a->number, "%s审字〔%d〕第%04d号", c->city, a->year + 1,
		         gen_rng_int(r, 10, 3999));
		snprintf(a->name_on_report, sizeof a->name_on_report, "%s", c->name);
		a->opinion = "标准无保留意见";
		a->total_assets = assets;
		a->net_assets = assets * gen_rng_int(r, 35, 70) / 100;
		/* a year earlier the company was smaller */
		assets = assets * gen_rng_int(r, 78, 96) / 100;
		a->prev_total = assets;
		a->prev_net = assets * gen_rng_int(r, 30, 65) / 100;
	}
	/* the comparative column restates the year before's own report, in
	 * the unit the firm keeps every year */
	for (int i = 0; i < 2; i++) {
		c->audits[i].prev_net = c->audits[i + 1].net_assets;
		c->audits[i + 1].unit_wan = c->audits[0].unit_wan;
	}
}

static void
make_level1(gen_case *c, gen_rng *r)
{
	c->l1_from = gen_date_add_days(c->applied, -gen_rng_int(r, 200, 900));
	c->l1_until = gen_date_add_days(gen_date_add_years(c->l1_from, 3), -1);
	snprintf(c->l1_number, sizeof c->l1_number, "CNITSEC%04dSRV-SO-I-%04d", c->l1_from.y,
	         gen_rng_int(r, 100, 2999));
	snprintf(c->l1_holder, sizeof c->l1_holder, "%s", c->name);
}

/* Scales the security-operations projects so the 3-year total lands near
 * target, keeping the amounts uneven. */
static void
scale_projects(gen_case *c, long long target)
{
	long long sum = gen_projects_total_3y(c);
	for (int i = 0; i < c->nprojects && sum > 0; i++)
		if (c->projects[i].secops)
			c->projects[i].amount = c->projects[i].amount * target / sum / 100 * 100;
}

static void
different_name(gen_rng *r, const gen_case *c, char *out, size_t n)
{
	const char *b;
	do
		b = PICK(r, brands);
	while (strcmp(b, c->short_name) == 0);
	snprintf(out, n, "%s%s%s有限公司", c->city, b, PICK(r, trades));
}

static void
fail_cisp(gen_case *c, gen_rng *r)
{
	/* of 9+ holders, expire some and make one part-time: 7 remain */
	int holders = 0, keep = 7;
	for (int i = 0; i < c->nstaff; i++) {
		gen_person *p = &c->staff[i];
		if (!p->has_cisp || holders++ < keep)
			continue;
		if (holders == keep + 1)
			p->fulltime = 0;
		else
			p->cisp_until = gen_date_add_days(c->applied, -gen_rng_int(r, 5, 400));
	}
}

/* Bends the facts for one scenario; 0, or -1 for an unknown name. */
static int
apply_scenario(gen_case *c, gen_rng *r, const char *s)
{
	if (!strcmp(s, "eligible") || !strcmp(s, "low-quality"))
		c->low_quality = !strcmp(s, "low-quality");
	else if (!strcmp(s, "branch")) {
		char branch[160];
		snprintf(branch, sizeof branch, "%s%s分公司", c->name, PICK(r, roads));
		/* a branch named after its street, e.g. ...有限公司文三路分公司 */
		memcpy(c->name, branch, sizeof c->name);
		snprintf(c->type, sizeof c->type, "有限责任公司分公司（自然人投资或控股）");
	} else if (!strcmp(s, "fail-lawful"))
		different_name(r, c, c->pledge_name, sizeof c->pledge_name);
	else if (!strcmp(s, "fail-level1")) {
		c->l1_until = gen_date_add_days(c->applied, -gen_rng_int(r, 10, 200));
		c->l1_from = gen_date_add_days(gen_date_add_years(c->l1_until, -3), 1);
	} else if (!strcmp(s, "fail-years")) {
		c->established = gen_date_add_days(c->applied, -gen_rng_int(r, 500, 1000));
		for (int i = 0; i < 3; i++)
			c->audits[i].present = c->audits[i].year > c->established.y;
		c->l1_from = gen_date_add_days(c->established, 120);
		c->l1_until = gen_date_add_days(gen_date_add_years(c->l1_from, 3), -1);
		for (int i = 0; i < c->nprojects; i++)
			if (gen_date_cmp(c->projects[i].signed_on, c->established) < 0) {
				c->projects[i].signed_on = gen_date_add_days(c->established, 30 + 9 * i);
				c->projects[i].completed = gen_date_add_days(c->projects[i].signed_on, 200);
			}
	} else if (!strcmp(s, "fail-capital"))
		c->capital = (long long)(gen_rng_chance(r, 0.5) ? 500 : 800) * WAN;
	else if (!strcmp(s, "fail-assets")) {
		c->audits[0].total_assets = (long long)gen_rng_int(r, 600, 950) * WAN + 4321;
		c->audits[0].net_assets = c->audits[0].total_assets / 2;
	} else if (!strcmp(s, "fail-finance"))
		c->audits[gen_rng_int(r, 0, 2)].opinion = "保留意见";
	else if (!strcmp(s, "fail-cisp"))
		fail_cisp(c, r);
	else if (!strcmp(s, "fail-projects"))
		scale_projects(c, (long long)gen_rng_int(r, 250, 450) * WAN);
	else if (!strcmp(s, "incomplete"))
		c->present[D_QUALITY] = c->present[D_PROCESS] = c->present[D_LIFECYCLE] = 0;
	else if (!strcmp(s, "missing-audit"))
		c->audits[2].present = 0;
	else if (!strcmp(s, "inconsistent"))
		different_name(r, c, c->audits[0].name_on_report, sizeof c->audits[0].name_on_report);
	else if (!strcmp(s, "declared-mismatch"))
		c->declared_cisp += gen_rng_int(r, 2, 4);
	else if (!strcmp(s, "supplement")) {
		c->present[D_PROCESS] = 0;
		c->supplement = 1;
	} else
		return -1;
	return 0;
}

const char *const gen_scenarios[] = {
	"eligible", "branch", "fail-lawful", "fail-level1", "fail-years", "fail-capital",
	"fail-assets", "fail-finance", "fail-cisp", "fail-projects", "incomplete",
	"missing-audit", "low-quality", "inconsistent", "declared-mismatch", "supplement",
};
const int gen_nscenarios = N(gen_scenarios);

static const char *const font_families[] = {
	"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei",
	"WenQuanYi Micro Hei", "AR PL UKai CN",
};

/* The office's habits, from a stream of their own. */
static void
make_style(gen_style *st, uint64_t seed)
{
	gen_rng r;
	gen_rng_seed(&r, seed ^ 0x6f66666963652121u);
	st->list_heads = gen_rng_int(&r, 0, 2);
	st->list_title = gen_rng_chance(&r, 0.5);
	st->list_unit = gen_rng_chance(&r, 0.5) ? 0 : gen_rng_chance(&r, 0.7) ? 1 : 2;
	st->unit_above = gen_rng_chance(&r, 0.4);
	st->list_dates = gen_rng_int(&r, 0, 4);
	st->list_total = gen_rng_chance(&r, 0.5);
	st->list_notype = gen_rng_chance(&r, 0.25);
	st->list_sheets = gen_rng_chance(&r, 0.6) ? 0 : gen_rng_int(&r, 1, 2);
	st->roster_heads = gen_rng_int(&r, 0, 2);
	st->roster_flag = gen_rng_int(&r, 0, 2);
	st->roster_title = gen_rng_chance(&r, 0.5);
	st->balance = gen_rng_int(&r, 0, 2);
	st->titles = gen_rng_int(&r, 0, 2);
	st->form_wan = gen_rng_chance(&r, 0.3);
	st->list_form = gen_rng_chance(&r, 0.7) ? 0 : gen_rng_int(&r, 1, 2);
	st->form_declares = gen_rng_chance(&r, 0.6) ? 0 : gen_rng_int(&r, 1, 3);
}

int
gen_case_make(gen_case *c, const char *scenario, uint64_t seed, int index)
{
	gen_rng r;
	gen_rng_seed(&r, seed * 1000003u + (uint64_t)index);
	memset(c, 0, sizeof *c);
	c->seed = seed;
	c->scenario = scenario;
	snprintf(c->id, sizeof c->id, "case-%04d-%s", index, scenario);
	c->applied = (gen_date){2026, gen_rng_int(&r, 1, 10), gen_rng_int(&r, 1, 28)};
	for (int i = 0; i < D_NDOCS; i++)
		c->present[i] = 1;
	const struct place *pl = NULL;
	make_style(&c->style, seed * 1000003u + (uint64_t)index);
	make_org(c, &r, &pl);
	make_staff(c, &r, pl);
	make_projects(c, &r);
	make_audits(c, &r);
	make_level1(c, &r);
	scale_projects(c, (long long)gen_rng_int(&r, 620, 1500) * WAN);
	snprintf(c->pledge_name, sizeof c->pledge_name, "%s", c->name);
	c->nfonts = 3;
	for (int i = 0; i < c->nfonts; i++)
		c->fonts[i] = PICK(&r, font_families);
	if (apply_scenario(c, &r, scenario) < 0)
		return -1;
	/* a branch's and a pledge's name follow the bent facts */
	if (!strcmp(scenario, "branch")) {
		snprintf(c->pledge_name, sizeof c->pledge_name, "%s", c->name);
		snprintf(c->l1_holder, sizeof c->l1_holder, "%s", c->name);
		for (int i = 0; i < 3; i++)
			snprintf(c->audits[i].name_on_report, sizeof c->audits[i].name_on_report, "%s",
			         c->name);
	}
	/* a report in 万元 shows amounts to 0.01 万元: the facts are what it shows */
	for (int i = 0; i < 3; i++) {
		gen_audit *a = &c->audits[i];
		if (a->unit_wan) {
			a->total_assets = (a->total_assets + 50) / 100 * 100;
			a->net_assets = (a->net_assets + 50) / 100 * 100;
			a->prev_total = (a->prev_total + 50) / 100 * 100;
			a->prev_net = (a->prev_net + 50) / 100 * 100;
		}
	}
	snprintf(c->form_name, sizeof c->form_name, "%s", c->name);
	c->form_capital = c->capital;
	return 0;
}
