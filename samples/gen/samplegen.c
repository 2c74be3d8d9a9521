/* zizhi-samplegen - write synthetic application submissions with ground
 * truth, for tests, demos and the accuracy scorer.
 *
 * Written in C with cairo and pango (pages and text-layer PDFs, any CJK
 * font fontconfig knows), Leptonica (scanner degradation; JPEG, PNG, TIFF,
 * image-only PDF) and libzip (DOCX, XLSX and GBK-named ZIPs) rather than
 * as a shell script over ImageMagick and LibreOffice: it knows where every
 * line of text went (the OCR truth), runs in seconds a case, and needs no
 * office suite on the machine. xorriso makes the disc images. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docs.h"
#include "licset.h"
#include "pack.h"

static void
usage(int code)
{
	fprintf(code ? stderr : stdout,
	        "usage: zizhi-samplegen [-o dir] [-s seed] [-n count] [--scenario name[,name...]]\n"
	        "                       [--first index] [--small] [--pack iso|zip|dir|mixed] [--keep-dir]\n"
	        "       zizhi-samplegen --licence-set [-o dir] [-s seed] [-n count] [--first index]\n"
	        "scenarios:");
	for (int i = 0; i < gen_nscenarios; i++)
		fprintf(code ? stderr : stdout, " %s", gen_scenarios[i]);
	fputc('\n', code ? stderr : stdout);
	exit(code);
}

/* File names say little: sometimes meaningful, sometimes a scanner's.
 * The scanner's count is the case's own, so a case comes out the same
 * whichever process makes it. */
static void
name(gen_out *o, char *out, size_t n, const char *dir, const char *meaningful, const char *ext)
{
	gen_rng *r = o->r;
	int k = gen_rng_int(r, 0, 9);
	if (k < 7)
		snprintf(out, n, "%s/%s.%s", dir, meaningful, ext);
	else if (k < 9)
		snprintf(out, n, "%s/扫描件%04d.%s", dir, ++o->scans + gen_rng_int(r, 0, 50), ext);
	else
		snprintf(out, n, "%s/IMG_2026%02d%02d_%06d.%s", dir, gen_rng_int(r, 1, 12),
		         gen_rng_int(r, 1, 28), gen_rng_int(r, 80000, 180000), ext);
}

/* the committed set keeps to the compact forms */
static enum gen_form
scan_form(gen_rng *r, int small)
{
	static const enum gen_form f[] = {F_JPEG, F_SCANPDF, F_JPEG, F_PNG, F_TIFF};
	return f[gen_rng_int(r, 0, small ? 1 : 4)];
}

static const char *
ext_of(enum gen_form f)
{
	return f == F_JPEG ? "jpg" : f == F_PNG ? "png" : f == F_TIFF ? "tif" : "pdf";
}

static void
write_docs(gen_out *o, const gen_case *c)
{
	gen_rng *r = o->r;
	char rel[400];
	if (c->present[D_FORM])
		gen_write_form(o, c, "附件1-申请书/信息安全服务资质申请书.docx");
	enum gen_form f = scan_form(r, o->small);
	name(o, rel, sizeof rel, "附件2-营业执照", "营业执照（副本）", ext_of(f));
	gen_write_licence(o, c, rel, f);
	f = gen_rng_chance(r, 0.5) || o->small ? F_JPEG : F_PNG;
	name(o, rel, sizeof rel, "附件3-资质证书", "安全运营类一级资质证书", ext_of(f));
	gen_write_level1(o, c, rel, f);
	for (int i = 0; i < 3; i++) {
		const gen_audit *a = &c->audits[i];
		if (!a->present)
			continue;
		snprintf(rel, sizeof rel, "附件4-财务审计报告/%d年度审计报告.pdf", a->year);
		gen_write_audit(o, c, a, rel, gen_rng_chance(r, o->small ? 0.25 : 0.6) ? F_SCANPDF
		                                                                       : F_TEXTPDF);
	}
	int one = gen_rng_chance(r, 0.4);
	gen_write_cisp(o, c, "附件5-人员情况/CISP证书", one,
	               one ? (gen_rng_chance(r, 0.5) || o->small ? F_SCANPDF : F_TIFF) : F_JPEG);
	gen_write_roster(o, c, "附件5-人员情况/全职人员及社保缴纳清单.xlsx");
	static const char *const list_ext[] = {"xlsx", "docx", "pdf"};
	snprintf(rel, sizeof rel, "附件6-项目业绩/安全运营项目业绩清单.%s", list_ext[c->style.list_form]);
	gen_write_projects(o, c, rel);
	for (int i = 0, k = 0; i < c->nprojects && k < (o->small ? 1 : 2); i++)
		if (c->projects[i].secops) {
			snprintf(rel, sizeof rel, "附件6-项目业绩/合同/合同%02d.pdf", ++k);
			gen_write_contract(o, c, &c->projects[i], rel);
		}
	if (c->present[D_PLEDGE])
		gen_write_pledge(o, c, "附件7-守法经营承诺书/守法经营承诺书.pdf");
	const char *x = gen_rng_chance(r, 0.5) ? "docx" : "pdf";
	if (c->present[D_LIFECYCLE]) {
		snprintf(rel, sizeof rel, "附件8-安全运营全生命周期案例/案例说明.%s", x);
		gen_write_narrative(o, c, "lifecycle-case", rel, 0);
	}
	if (c->present[D_ORGSTRUCT])
		gen_write_narrative(o, c, "org-structure", "附件9-组织与质量管理/组织架构说明.docx", 0);
	if (c->present[D_QUALITY]) {
		snprintf(rel, sizeof rel, "附件9-组织与质量管理/质量手册.%s", x);
		gen_write_narrative(o, c, "quality-manual", rel, 0);
	}
	if (c->present[D_PROCESS] || c->supplement)
		gen_write_narrative(o, c, "process-spec", "附件10-过程规范/安全运营过程规范.docx",
		                    c->supplement);
}

static void
hash_docs(gen_out *o)
{
	for (int i = 0; i < o->docs->n; i++) {
		gen_docrec *d = &o->docs->d[i];
		char *p = zz_easprintf("%s/%s", d->supplement ? o->drop : o->root, d->path);
		if (zz_sha256_file(p, d->sha256) < 0)
			zz_warn("cannot read '%s'", p);
		free(p);
	}
}

/* On a disc the CISP certificates sometimes come as a ZIP of their own. */
static void
nest_cisp(const char *root, gen_rng *r)
{
	char *dir = zz_easprintf("%s/附件5-人员情况/CISP证书", root);
	char *zip = zz_easprintf("%s.zip", dir);
	if (access(dir, F_OK) == 0 && gen_pack_zip(dir, zip, gen_rng_chance(r, 0.7)) == 0)
		zz_rmtree(dir);
	free(dir);
	free(zip);
}

typedef struct opts {
	const char *out, *pack;
	const char *only[64];
	int nonly, count, first, small, keep, licences;
	uint64_t seed;
} opts;

static int
one_case(const opts *op, int index, const char *scenario)
{
	gen_case c;
	if (gen_case_make(&c, scenario, op->seed, index) < 0) {
		zz_warn("no such scenario: '%s'", scenario);
		return -1;
	}
	gen_rng r;
	gen_rng_seed(&r, op->seed * 7919u + (uint64_t)index * 104729u);
	char *root = zz_easprintf("%s/%s", op->out, c.id);
	char *drop = c.supplement ? zz_easprintf("%s/%s.drop", op->out, c.id) : NULL;
	zz_rmtree(root);
	if (drop)
		zz_rmtree(drop);
	gen_doclist docs = {0};
	gen_out o = {root, drop, &docs, &r, op->small, 0};
	write_docs(&o, &c);
	hash_docs(&o);
	const char *pack = op->pack;
	if (!strcmp(pack, "mixed"))
		pack = gen_rng_chance(&r, 0.5) ? "iso" : "zip";
	char *sub = NULL, *dropzip = NULL;
	int rc = 0;
	if (!strcmp(pack, "dir")) {
		sub = zz_estrdup(c.id);
	} else if (!strcmp(pack, "iso")) {
		if (gen_rng_chance(&r, 0.35))
			nest_cisp(root, &r);
		sub = zz_easprintf("%s.iso", c.id);
		char *path = zz_easprintf("%s/%s", op->out, sub);
		rc = gen_pack_iso(root, path, "SQ_APPLICATION", gen_rng_chance(&r, 0.3));
		free(path);
	} else {
		sub = zz_easprintf("%s.zip", c.id);
		char *path = zz_easprintf("%s/%s", op->out, sub);
		rc = gen_pack_zip(root, path, 1);
		free(path);
	}
	if (drop && rc == 0 && !strcmp(pack, "dir")) {
		dropzip = zz_easprintf("%s.drop", c.id);
	} else if (drop && rc == 0) {
		dropzip = zz_easprintf("%s.drop.zip", c.id);
		char *path = zz_easprintf("%s/%s", op->out, dropzip);
		rc = gen_pack_zip(drop, path, 1);
		free(path);
		zz_rmtree(drop);
	}
	char *truth = zz_easprintf("%s/%s.truth.xml", op->out, c.id);
	if (rc == 0 && gen_truth_write(&c, &docs, sub, dropzip, truth) < 0)
		rc = -1;
	if (rc == 0)
		printf("%s/%s\n", op->out, sub);
	if (strcmp(pack, "dir") != 0 && !op->keep)
		zz_rmtree(root);
	gen_doclist_free(&docs);
	free(root), free(drop), free(sub), free(dropzip), free(truth);
	return rc;
}

int
main(int argc, char **argv)
{
	zz_setprogname(argv[0]);
	/* every page is drawn at 300 dpi in 32 bits: 12 s to 5 s a case */
	zz_keep_heap();
	opts op = {NULL, "mixed", {0}, 0, 0, 1, 0, 0, 0, 1};
	static const struct option lo[] = {
		{"out", required_argument, NULL, 'o'}, {"seed", required_argument, NULL, 's'},
		{"count", required_argument, NULL, 'n'}, {"scenario", required_argument, NULL, 'S'},
		{"small", no_argument, NULL, 'm'}, {"pack", required_argument, NULL, 'p'},
		{"keep-dir", no_argument, NULL, 'k'}, {"help", no_argument, NULL, 'h'},
		{"first", required_argument, NULL, 'f'}, {"licence-set", no_argument, NULL, 'L'},
		{NULL, 0, NULL, 0},
	};
	int ch;
	while ((ch = getopt_long(argc, argv, "o:s:n:h", lo, NULL)) != -1) {
		switch (ch) {
		case 'o': op.out = optarg; break;
		case 's': op.seed = strtoull(optarg, NULL, 10); break;
		case 'n': op.count = atoi(optarg); break;
		case 'S':
			for (char *t = strtok(optarg, ","); t && op.nonly < 64; t = strtok(NULL, ","))
				op.only[op.nonly++] = t;
			break;
		case 'm': op.small = 1; break;
		case 'p': op.pack = optarg; break;
		case 'k': op.keep = 1; break;
		case 'f': op.first = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
		case 'L': op.licences = 1; break;
		case 'h': usage(0); break;
		default: usage(ZZ_EXIT_USAGE);
		}
	}
	if (strcmp(op.pack, "iso") && strcmp(op.pack, "zip") && strcmp(op.pack, "dir") &&
	    strcmp(op.pack, "mixed"))
		usage(ZZ_EXIT_USAGE);
	if (op.licences) {
		int rc = gen_licence_set(op.out ? op.out : "samples/licences", op.seed, op.first,
		                         op.count > 0 ? op.count : 30, op.small);
		zz_eclose_stdout();
		return rc < 0 ? ZZ_EXIT_ITEMS : 0;
	}
	if (!op.out)
		op.out = "samples/generated";
	const char *const *list = op.nonly ? op.only : gen_scenarios;
	int nlist = op.nonly ? op.nonly : gen_nscenarios;
	if (op.count <= 0)
		op.count = nlist;
	if (zz_mkdirs(op.out, 0755) < 0)
		zz_die(ZZ_EXIT_IO, "cannot create '%s'", op.out);
	int status = 0;
	/* case k is always scenario k of the list: any split of the indexes
	 * over processes makes the same corpus */
	for (int i = op.first - 1; i < op.first - 1 + op.count; i++) {
		if (one_case(&op, i + 1, list[i % nlist]) < 0)
			status = ZZ_EXIT_ITEMS;
		fflush(stdout);
	}
	zz_eclose_stdout();
	return status;
}
