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

/* the same documents as other offices title and word them
 * (style.titles 1 and 2) */
static const narrative others[] = {
	{"org-structure", "公司组织机构及职责",
	 {{"第一章 机构设置", "%s实行总经理负责制，下设综合部、财务部、技术部、客户服务部和网络安全"
	                    "运营部，各部门职责明确、分工协作。"},
	  {"第二章 部门职责", "网络安全运营部负责客户安全监测、事件处置与运营报告；技术部负责平台"
	                    "建设与技术支撑；综合部负责人事、行政与档案管理。"},
	  {"第三章 岗位设置", "各部门设部门经理一名，按业务需要设置运营工程师、分析师等岗位。"}}},
	{"quality-manual", "服务质量管理制度",
	 {{"第一条 目的", "为规范%s服务质量管理，确保服务满足客户要求，制定本制度。"},
	  {"第二条 职责", "公司设质量负责人，负责服务质量的策划、检查与考核。"},
	  {"第三条 服务质量控制", "服务实施前进行策划评审，实施中定期检查，交付后开展客户满意度"
	                        "调查，对不符合项采取纠正和预防措施。"},
	  {"第四条 持续改进", "每年组织一次质量管理评审，形成改进计划并跟踪落实。"}}},
	{"process-spec", "安全运营服务管理流程",
	 {{"1 总则", "为规范%s安全运营服务的实施，明确各环节的输入、输出和责任，制定本流程。"},
	  {"2 服务流程", "安全运营服务按服务启动、资产梳理、监测预警、事件研判、响应处置、运营"
	               "报告、服务回顾的顺序实施，每个环节形成相应记录。"},
	  {"3 变更与偏差", "服务实施中出现重大偏差时，由项目经理提出变更申请，经审批后执行。"},
	  {"4 附则", "本流程由网络安全运营部负责解释，自发布之日起施行。"}}},
	{"org-structure", "部门设置与岗位职责说明",
	 {{"一、部门设置", "%s设有管理层、安全服务事业部、研发中心、财务部及行政人事部。"},
	  {"二、安全服务事业部", "安全服务事业部下设运营监测团队与应急响应团队，负责为客户提供"
	                        "持续的安全监测与处置服务。"}}},
	{"quality-manual", "质量管理办法",
	 {{"一、总则", "%s依据ISO 9001标准建立并保持服务质量保证体系，本办法适用于公司全部"
	              "信息安全服务。"},
	  {"二、质量控制要求", "项目经理对服务交付质量负责，质量专员按月抽查服务记录。"},
	  {"三、考核与改进", "质量问题纳入部门绩效考核，重大质量问题须在五个工作日内完成整改。"}}},
	{"process-spec", "安全运营服务实施程序",
	 {{"一、目的", "规定%s安全运营服务从合同签订到服务终止的实施步骤。"},
	  {"二、实施步骤", "（一）服务准备；（二）现场调研与资产识别；（三）部署监测手段；"
	                  "（四）日常监测与告警研判；（五）应急响应；（六）月度运营报告与服务总结。"},
	  {"三、记录", "各步骤的记录由项目组保存，项目结束后移交档案室。"}}},
};

static const narrative *
find_narrative(const char *type, int style)
{
	const narrative *set = style ? others + (style - 1) * 3 : narratives;
	size_t n = style ? 3 : sizeof narratives / sizeof *narratives;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(set[i].type, type))
			return &set[i];
	return style ? find_narrative(type, 0) : NULL;
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
	const narrative *n = find_narrative(type, c->style.titles);
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
