/* doc_misc.c - contracts (key pages), the compliance pledge, and the
 * narrative documents (lifecycle case, org structure, quality manual,
 * process specification) as DOCX or text-layer PDF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"

void
gen_write_contract(gen_out *o, const gen_case *c, const gen_project *pr, const char *rel)
{
	gen_doc d;
	char amount[64], capital[128], signed_on[32], done[32];
	gen_money_grouped(pr->amount * 100, 0, amount, sizeof amount);
	gen_money_capital(pr->amount, capital, sizeof capital);
	gen_date_cn(pr->signed_on, signed_on, sizeof signed_on);
	gen_date_cn(pr->completed, done, sizeof done);
	gen_doc_begin(&d, o, rel, "contract", F_SCANPDF, 210, 297, c->fonts[1], c->fonts[0], 0);
	gen_pg *p = gen_doc_page(&d);
	double x = 25, w = p->w - 50, y = 30, pt = 11.5;
	gen_text(p, p->w / 2, y, 20, GEN_CENTER | GEN_BOLD, pr->name);
	gen_text(p, p->w / 2, y += 14, 16, GEN_CENTER | GEN_BOLD, "服 务 合 同");
	gen_textf(p, x, y += 22, pt, 0, "甲方（委托方）：%s", pr->client);
	gen_textf(p, x, y += 10, pt, 0, "乙方（服务方）：%s", c->name);
	char t[900];
	snprintf(t, sizeof t,
	         "根据《中华人民共和国民法典》及有关法律法规，甲乙双方本着平等自愿、诚实信用的原则，"
	         "就甲方委托乙方提供%s服务事宜，经协商一致，订立本合同。", pr->type);
	y += 10 + gen_para(p, x, y + 10, w, pt, 0, t);
	gen_text(p, x, y += 12, pt, GEN_BOLD, "第一条 服务内容");
	snprintf(t, sizeof t, "乙方为甲方提供7×24小时安全监测、威胁分析、事件响应及月度安全运营报告等服务，"
	                      "服务期自合同签订之日起至%s止。", done);
	y += 10 + gen_para(p, x, y + 10, w, pt, 0, t);
	gen_text(p, x, y += 12, pt, GEN_BOLD, "第二条 合同金额");
	snprintf(t, sizeof t, "本合同总金额为人民币%s元（大写：%s），含税。", amount, capital);
	gen_para(p, x, y + 10, w, pt, 0, t);
	gen_doc_page_done(&d, &p);
	p = gen_doc_page(&d);
	y = 40;
	gen_text(p, x, y, pt, GEN_BOLD, "第十条 其他");
	gen_para(p, x, y + 10, w, pt, 0, "本合同一式肆份，甲乙双方各执贰份，自双方签字盖章之日起生效。");
	y = 150;
	gen_textf(p, x, y, pt, 0, "甲方（盖章）：%s", pr->client);
	gen_textf(p, x, y += 12, pt, 0, "签订日期：%s", signed_on);
	gen_textf(p, x, y += 28, pt, 0, "乙方（盖章）：%s", c->name);
	gen_textf(p, x, y += 12, pt, 0, "签订日期：%s", signed_on);
	gen_seal(p, x + 95, 152, 19, pr->client, "合同专用章");
	gen_seal(p, x + 95, y - 8, 19, c->name, "合同专用章");
	gen_doc_page_done(&d, &p);
	gen_doc_end(&d);
}

void
gen_write_pledge(gen_out *o, const gen_case *c, const char *rel)
{
	gen_doc d;
	char date[32];
	gen_date_cn(gen_date_add_days(c->applied, -gen_rng_int(o->r, 1, 20)), date, sizeof date);
	gen_doc_begin(&d, o, rel, "compliance-pledge", F_SCANPDF, 210, 297, c->fonts[0], c->fonts[2],
	              0);
	gen_pg *p = gen_doc_page(&d);
	double x = 28, w = p->w - 56, y = 40, pt = 13;
	gen_text(p, p->w / 2, y, 22, GEN_CENTER | GEN_BOLD, "守法经营承诺书");
	gen_text(p, x, y += 26, pt, 0, "中国信息安全测评中心：");
	char t[1200];
	snprintf(t, sizeof t,
	         "本单位%s郑重承诺：本单位依法设立、合法经营，近三年内未因违法违规经营受到行政处罚，"
	         "未发生重大信息安全事故，未在经营活动中有欺诈、泄露客户信息等违法违规行为；所提交的"
	         "申请材料真实、准确、完整。如有不实，本单位愿承担相应的法律责任。",
	         c->pledge_name);
	y += 12 + gen_para(p, x + 8, y + 12, w - 8, pt, 0, t);
	gen_text(p, x + 8, y += 10, pt, 0, "特此承诺。");
	gen_textf(p, p->w - 30, 200, pt, GEN_RIGHT, "承诺单位（盖章）：%s", c->pledge_name);
	gen_textf(p, p->w - 30, 214, pt, GEN_RIGHT, "法定代表人（签字）：%s", c->legal_rep);
	gen_text(p, p->w - 30, 228, pt, GEN_RIGHT, date);
	gen_seal(p, p->w - 62, 206, 21, c->pledge_name, "");
	gen_doc_page_done(&d, &p);
	gen_doc_end(&d);
}

typedef struct narrative {
	const char *type, *title;
	const char *sections[6][2];
} narrative;

static const narrative narratives[] = {
	{"lifecycle-case", "安全运营全生命周期案例",
	 {{"一、项目概况", "本案例为%s承接的%s，服务对象为%s，覆盖资产梳理、监测预警、分析研判、"
	                  "响应处置、复盘改进等安全运营全生命周期各阶段。"},
	  {"二、规划与准备", "项目启动阶段完成资产识别与分级、威胁建模和运营指标（MTTD、MTTR）约定，"
	                    "形成《安全运营服务方案》并经甲方确认。"},
	  {"三、监测与分析", "依托态势感知平台实施7×24小时监测，累计处置告警事件，按周输出分析报告。"},
	  {"四、响应与处置", "对确认的安全事件按预案分级响应，完成溯源、遏制、根除与恢复。"},
	  {"五、评估与改进", "每季度开展运营成效评估，持续优化检测规则与处置流程。"}}},
	{"org-structure", "组织架构说明",
	 {{"一、组织架构", "%s设总经理办公室、安全运营中心、技术研发部、质量管理部、综合管理部。"},
	  {"二、安全运营中心", "安全运营中心负责安全运营服务的组织实施，下设监测分析组、应急响应组和"
	                      "运营保障组，由安全运营经理统一管理。"},
	  {"三、质量管理部", "质量管理部独立于业务部门，负责质量管理体系的建立、运行和内部审核。"}}},
	{"quality-manual", "质量管理体系文件（质量手册）",
	 {{"一、质量方针", "客户至上、过程受控、持续改进。%s依据GB/T 19001建立质量管理体系。"},
	  {"二、质量目标", "服务满意度不低于95%%；重大安全事件响应及时率100%%。"},
	  {"三、过程控制", "对服务策划、实施、交付、验收和改进实施全过程控制，保留记录。"},
	  {"四、内部审核与管理评审", "每年至少开展一次内部审核和管理评审。"}}},
	{"process-spec", "安全运营过程规范",
	 {{"一、适用范围", "本规范适用于%s安全运营服务项目的实施与管理。"},
	  {"二、过程定义", "安全运营过程包括：服务策划、资产梳理、监测预警、分析研判、响应处置、"
	                  "复盘改进六个过程，各过程的输入、输出、角色与职责见附表。"},
	  {"三、过程跟踪", "项目经理按周跟踪计划执行情况，发现重大偏离时启动纠正措施并记录。"},
	  {"四、记录管理", "过程记录由安全运营中心统一归档，保存期限不少于三年。"}}},
};

static const narrative *
find_narrative(const char *type)
{
	for (size_t i = 0; i < sizeof narratives / sizeof *narratives; i++)
		if (!strcmp(narratives[i].type, type))
			return &narratives[i];
	return NULL;
}

static void
section_text(const gen_case *c, const narrative *n, int i, char *out, size_t len)
{
	const gen_project *p = &c->projects[0];
	if (n->sections[i][1] && !strcmp(n->type, "lifecycle-case") && i == 0)
		snprintf(out, len, n->sections[i][1], c->name, p->name, p->client);
	else
		snprintf(out, len, n->sections[i][1], c->name);
}

void
gen_write_narrative(gen_out *o, const gen_case *c, const char *type, const char *rel,
                    int supplement)
{
	const narrative *n = find_narrative(type);
	char t[1200];
	if (!n)
		return;
	if (strstr(rel, ".docx")) {
		gen_docx *x = gen_docx_new();
		zz_buf all = {0};
		gen_docx_heading(x, n->title, 0);
		zz_buf_addf(&all, "%s\n", n->title);
		for (int i = 0; i < 6 && n->sections[i][0]; i++) {
			section_text(c, n, i, t, sizeof t);
			gen_docx_heading(x, n->sections[i][0], 1);
			gen_docx_para(x, t);
			zz_buf_addf(&all, "%s\n%s\n", n->sections[i][0], t);
		}
		char *path = gen_out_path(o, rel, supplement);
		if (gen_docx_save(x, path, "宋体") < 0)
			zz_warn("cannot write '%s'", path);
		free(path);
		gen_docx_free(&x);
		gen_doc_office(o, rel, type, "docx", all.s, supplement);
		zz_buf_free(&all);
		return;
	}
	gen_doc d;
	gen_doc_begin(&d, o, rel, type, F_TEXTPDF, 210, 297, c->fonts[1], c->fonts[0], supplement);
	gen_pg *p = gen_doc_page(&d);
	double y = 30;
	gen_text(p, p->w / 2, y, 18, GEN_CENTER | GEN_BOLD, n->title);
	y += 20;
	for (int i = 0; i < 6 && n->sections[i][0]; i++) {
		section_text(c, n, i, t, sizeof t);
		y += gen_text(p, 25, y, 12, GEN_BOLD, n->sections[i][0]) + 3;
		y += gen_para(p, 25, y, p->w - 50, 11, 0, t) + 6;
	}
	gen_doc_page_done(&d, &p);
	gen_doc_end(&d);
}
