/* model.h - one synthetic application: the facts, the scenario that bent
 * them, and how each document is to be rendered. */
#ifndef GEN_MODEL_H
#define GEN_MODEL_H

#include "gen.h"

typedef struct gen_date {
	int y, m, d;
} gen_date;

typedef struct gen_person {
	char name[32], idno[32], position[48], cisp[40];
	gen_date cisp_until;
	int has_cisp, fulltime, on_roster;
} gen_person;

typedef struct gen_project {
	char name[160], client[128], type[32];
	long long amount; /* yuan */
	gen_date signed_on, completed;
	int secops;       /* a security-operations project */
} gen_project;

typedef struct gen_audit {
	int year, unit_wan, present;
	char auditor[128], number[64], name_on_report[160];
	const char *opinion;
	long long total_assets, net_assets, prev_total, prev_net; /* yuan */
} gen_audit;

enum { GEN_MAX_STAFF = 48, GEN_MAX_PROJECTS = 24 };

/* documents a scenario can leave out */
enum gen_docid {
	D_FORM, D_LICENCE, D_L1, D_AUDIT, D_CISP, D_ROSTER, D_PROJECTS, D_CONTRACT, D_PLEDGE,
	D_LIFECYCLE, D_ORGSTRUCT, D_QUALITY, D_PROCESS, D_NDOCS
};

/* How the applicant's office lays its documents out, drawn from a stream
 * of its own (facts.c) so that the facts and the other documents stay as
 * they were for a seed. Each knob is a habit seen in applications made
 * elsewhere; 0 is the layout the generator had first. */
typedef struct gen_style {
	int list_heads;   /* project list header wording: 0 ours, 1, 2 others */
	int list_title;   /* a merged title row above the header */
	int list_unit;    /* amounts in 0 元, 1 万元, 2 千元 */
	int unit_above;   /* the unit said above the table (单位：万元), not in the header */
	int list_dates;   /* 0 Excel dates, 1 2022年5月18日, 2 2022.05.18, 3 2022/5/18,
	                   * 4 day serials in number-formatted cells */
	int list_total;   /* a 合计 row under the projects */
	int list_notype;  /* no service-type column: a list of security-operations
	                   * projects only, as its title says */
	int list_sheets;  /* 0 one sheet; 1 one sheet per completion year; 2 a notes
	                   * sheet before the list */
	int list_form;    /* the project list as 0 an Excel file, 1 a Word table,
	                   * 2 a printed and scanned table (PDF) */
	int roster_heads; /* roster header wording: 0 ours, 1, 2 others */
	int roster_flag;  /* the full-time flag: 0 是/否, 1 全职/兼职, 2 专职/兼职 */
	int roster_title; /* a merged title row above the roster's header */
	int balance;      /* 0 two-sided; 1 two-sided with 行次; 2 one column of
	                   * items with 行次 (assets, then liabilities and equity) */
	int titles;       /* titles of the org, quality and process documents:
	                   * 0 ours, 1, 2 others */
	int form_wan;     /* the form's capital row says 注册资本（万元） and
	                   * gives the bare figure */
	int form_declares; /* what is applied for: 0 rows 申请服务类别 and 申请级别
	                    * under a two-line title; 1 the title alone, one line
	                    * 信息安全服务资质申请书（安全运营类二级）; 2 the title
	                    * alone, two lines (the official form's way); 3 one
	                    * row, 申请类别 安全运营类 二级, under a title that
	                    * names neither */
} gen_style;

typedef struct gen_case {
	char id[64];
	const char *scenario;
	uint64_t seed;
	gen_date applied;
	/* the organisation */
	char name[160], short_name[32], city[16], uscc[20], type[64], legal_rep[32];
	char address[192], term[64], scope[512];
	long long capital;
	gen_date established;
	/* what the form declares (differs from the facts in some scenarios) */
	char form_name[160];
	long long form_capital;
	int declared_cisp;
	/* level-1 certificate */
	char l1_number[40], l1_holder[160];
	gen_date l1_from, l1_until;
	gen_audit audits[3];
	gen_person staff[GEN_MAX_STAFF];
	int nstaff;
	gen_project projects[GEN_MAX_PROJECTS];
	int nprojects;
	char pledge_name[160];
	int present[D_NDOCS];
	/* rendering */
	int low_quality; /* the licence is a poor scan */
	int supplement;  /* the process spec arrives later as 补充资料 */
	const char *fonts[4];
	int nfonts;
	gen_style style;
} gen_case;

int gen_date_cmp(gen_date a, gen_date b);
gen_date gen_date_add_days(gen_date a, int days);
gen_date gen_date_add_years(gen_date a, int years);
void gen_date_iso(gen_date a, char out[11]);
void gen_date_cn(gen_date a, char *out, size_t n); /* 2015年03月18日 */

/* Builds a case from a seed and a scenario name; returns -1 for an
 * unknown scenario. */
int gen_case_make(gen_case *c, const char *scenario, uint64_t seed, int index);
extern const char *const gen_scenarios[];
extern const int gen_nscenarios;

/* What was written for the case, for the ground truth. */
typedef struct gen_pagerec {
	char *text; /* the text drawn on the page, a line per line */
	int dpi, rotate;
	double skew;
	int poor;   /* a deliberately bad scan */
} gen_pagerec;

typedef struct gen_docrec {
	char path[320];   /* relative to the submission */
	char sha256[65];  /* of the file as written (set before packing) */
	const char *type; /* document type id of the spec */
	const char *form; /* docx, xlsx, scan-jpeg, scan-png, scan-tiff, scan-pdf, text-pdf */
	int npages, supplement;
	gen_pagerec *pages;
} gen_docrec;

typedef struct gen_doclist {
	gen_docrec *d;
	int n, cap;
} gen_doclist;
gen_docrec *gen_doclist_add(gen_doclist *l, const char *path, const char *type, const char *form,
                            int supplement);
void gen_docrec_page(gen_docrec *d, const char *text, int dpi, int rotate, double skew, int poor);
void gen_doclist_free(gen_doclist *l);

/* Writes the ground truth, computed from the facts per the spec.
 * submission, drop: file names of the packed case and its 补充资料. */
int gen_truth_write(const gen_case *c, const gen_doclist *docs, const char *submission,
                    const char *drop, const char *path);

/* facts.c's inventions, also for the licence set */
void gen_person_name(gen_rng *r, char *out, size_t n);
/* the same, two times in five with uncommon given-name characters (the
 * licence set: real licences' holders) */
void gen_person_name_wide(gen_rng *r, char *out, size_t n);
enum gen_org { GEN_ORG_CASE, GEN_ORG_LEGACY, GEN_ORG_NEW };
void gen_uscc_make(gen_rng *r, const char *head, const char *district, enum gen_org org_kind,
                   char out[20]);

int gen_cisp_valid_fulltime(const gen_case *c);
long long gen_projects_total_3y(const gen_case *c);

/* money in Chinese capital numerals: 20000000 -> 贰仟万元整 */
void gen_money_capital(long long yuan, char *out, size_t n);
void gen_money_grouped(long long fen, int wan, char *out, size_t n); /* 1,234.56 */

#endif
