/* licence.h - business licences (营业执照) as the real ones look: the
 * layouts from before 2015 to the electronic licence, companies, 个体工商户
 * and branches, the notations of dates and capital, and how copies reach
 * a clerk (scans, photocopies, phone photos, web copies with watermarks).
 * Used by the licence set (licset.c) and by the cases' licences. */
#ifndef GEN_LICENCE_H
#define GEN_LICENCE_H

#include "model.h"
#include "render.h"

#ifndef M_PI /* not in strict C17 with POSIX */
#define M_PI 3.14159265358979323846
#endif

/* a 32-bpp pixel's channels, and one made of them (Leptonica's own are
 * functions, too slow for a loop over every pixel of a photo) */
static inline int
px_chan(l_uint32 v, int shift)
{
	return (int)(v >> shift) & 0xff;
}

static inline void
px_split(l_uint32 v, int c[3])
{
	c[0] = px_chan(v, L_RED_SHIFT), c[1] = px_chan(v, L_GREEN_SHIFT);
	c[2] = px_chan(v, L_BLUE_SHIFT);
}

static inline l_uint32
px_rgb(int r, int g, int b)
{
	return (l_uint32)r << L_RED_SHIFT | (l_uint32)g << L_GREEN_SHIFT | (l_uint32)b << L_BLUE_SHIFT;
}

enum lic_kind { LK_COMPANY, LK_INDIVIDUAL, LK_BRANCH };

enum lic_layout {
	LL_NEW_PORTRAIT,  /* 2016-19 副本: USCC top right, QR bottom left */
	LL_NEW_LANDSCAPE, /* 2019-: two columns, USCC top left, QR top right */
	LL_TRANSITIONAL,  /* 2015-16 portrait: USCC after its label, or a 注册号 */
	LL_OLD_PORTRAIT,  /* before 2015: 注册号, labels spread wide */
	LL_OLD_LEGAL,     /* 企业法人营业执照, landscape, 须知 and annual checks */
	LL_SZ_PORTRAIT,   /* Shenzhen 商事主体: no 注册资本, a 重要提示 box */
	LL_SZ_LANDSCAPE,  /* Shenzhen 2014, 注册号: 企业法人 or 个体工商户营业执照 */
	LL_ELICENCE,      /* 电子营业执照, rendered to an image */
	LL_N
};

/* the lines a licence may print */
enum lic_field {
	LF_NAME, LF_TYPE, LF_FORM, LF_ADDRESS, LF_REP, LF_CAPITAL, LF_PAIDIN, LF_EST, LF_TERM,
	LF_SCOPE, LF_N
};

/* dates: 2015年03月18日, 2015年3月18日, or in Chinese numerals with 〇,
 * ○, 0 or O for zero */
enum { LD_PADDED, LD_PLAIN, LD_CN_LING, LD_CN_CIRCLE, LD_CN_ZERO, LD_CN_O };

/* 营业期限: from .. to, from .. 至长期, 长期, from .. 至****** */
enum { LT_UNTIL, LT_LONG_FROM, LT_LONG, LT_STARS };

/* what a copy has lost: the truth is empty there */
enum { LR_USCC = 1, LR_CAPITAL = 2, LR_REP = 4 };

typedef struct gen_lic {
	enum lic_kind kind;
	enum lic_layout layout;
	int shenzhen;            /* 商事 licences print no 注册资本 */
	char uscc[20], regno[16]; /* one of the two; the other empty */
	char copyno[16];          /* 副本号: 1-1, 2-2, or empty */
	char serial[40];          /* 编号, or empty */
	char office[96];          /* 登记机关 */
	/* the facts */
	char name[200], type[100], address[200], rep[40], form[16], scope[600];
	gen_date established, issued, term_end;
	int term_style;           /* 营业期限: LT_* */
	long long capital, paidin; /* yuan */
	/* as printed */
	const char *label[LF_N];  /* NULL: no such line */
	char value[LF_N][640];
	int date_style;           /* LD_* */
	int nian;                 /* days 20-31 as 廿/卅 */
	/* drawing */
	const char *f_label, *f_value, *f_title;
	int label_bold, spread;   /* labels bold; spread to a fixed width */
	double pt;                /* the values' size */
	double box[LF_N][4];      /* where each value went, mm (x, y, w, h) */
	double code_box[4];       /* the USCC's or 注册号's value */
	double block[4];          /* the field block */
	int redacted;             /* LR_* */
	/* the truth, as the real set's README writes it */
	char t_name[200], t_type[100], t_capital[100], t_rep[40];
	char notes[512];
} gen_lic;

/* ---- facts (lic_facts.c) ---- */
/* A licence of the set: kind, layout and facts drawn from r. */
void gen_lic_invent(gen_lic *L, gen_rng *r);
/* A case's licence: its facts, one of the layouts that print a USCC and a
 * 注册资本 (so the case's truth holds), fonts and notations from r. */
void gen_lic_from_case(gen_lic *L, const gen_case *c, gen_rng *r);
const char *gen_lic_layout_name(enum lic_layout l);
const char *gen_lic_kind_name(enum lic_kind k);

/* ---- notation (lic_notation.c) ---- */
void gen_lic_date(const gen_lic *L, gen_date d, char *out, size_t n);
/* capital as printed, in one of the notations licences use */
void gen_lic_capital(gen_rng *r, long long yuan, char *out, size_t n);
/* labels for the kind and layout, and the values as printed */
void gen_lic_print(gen_lic *L, gen_rng *r);
/* the truth, as the real set's README writes it */
void gen_lic_truth(gen_lic *L);
/* whitespace out, brackets full-width */
void gen_lic_fold(const char *in, char *out, size_t n);
void gen_lic_note(gen_lic *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- drawing (lic_draw.c, lic_portrait.c, lic_landscape.c) ---- */
double gen_lic_page_w(const gen_lic *L);
double gen_lic_page_h(const gen_lic *L);
void gen_lic_draw(gen_pg *p, gen_lic *L, gen_rng *r);

/* helpers shared by the layouts */
void lic_paper(gen_pg *p, double r, double g, double b);
void lic_key_border(gen_pg *p, double x, double y, double w, double h, double unit);
void lic_guilloche(gen_pg *p, double x, double y, double w, double h, double band);
void lic_emblem(gen_pg *p, double cx, double cy, double r);
void lic_title(gen_pg *p, const gen_lic *L, double cx, double y, double pt, const char *text,
               int gold);
void lic_label(gen_pg *p, const gen_lic *L, double x, double y, double w, double pt,
               const char *label);
double lic_row(gen_pg *p, gen_lic *L, int f, double x, double y, double lw, double vw);
void lic_code_line(gen_pg *p, gen_lic *L, double x, double y, double pt, int stacked);
void lic_notice(gen_pg *p, gen_lic *L, double x, double y, double w, double h);
void lic_office(gen_pg *p, gen_lic *L, gen_rng *r, double x, double y, double pt);
void lic_seal(gen_pg *p, double cx, double cy, double r, const char *arc);
void lic_block_done(gen_lic *L, double x, double y, double w, double h);
void lic_portrait(gen_pg *p, gen_lic *L, gen_rng *r);
void lic_landscape(gen_pg *p, gen_lic *L, gen_rng *r);
void lic_old_landscape(gen_pg *p, gen_lic *L, gen_rng *r);

/* ---- copies (capture.c, paper.c, photo.c, overlay.c) ---- */
enum lic_how { LC_SCAN, LC_PHOTO, LC_RENDER, LC_SCREEN };
enum lic_mark { LW_NONE, LW_TILE, LW_SITE, LW_BANNER, LW_OVERLAY };

typedef struct gen_lic_copy {
	enum lic_how how;
	int photocopy;      /* the sheet is a photocopy */
	int creases;        /* folds and creases */
	int dpi;            /* scans: the scanner's; others: the page's */
	double sheet;       /* photos: the share of the frame's width the sheet fills */
	int background;     /* photos: 0 wood, 1 grey, 2 dark, 3 desk */
	int shadow, hand;   /* photos: a shadow band; a thumb over a margin */
	double skew;        /* degrees */
	int rotate;         /* stored turned: 0, 90, 180, 270 */
	int width;          /* the image's final width, px; 0: as made */
	int thumb;          /* a thumbnail, 500 to 900 px wide */
	enum lic_mark mark; /* a watermark over the field block */
	int seal;           /* a red seal stamped over some values */
	int grey;
	int quality;        /* JPEG quality; 0: PNG */
} gen_lic_copy;

/* how a copy of L reached us, from r; case_copy: only what a case's
 * truth survives (no redaction, light marks) */
void gen_lic_copy_plan(gen_lic_copy *c, gen_lic *L, gen_rng *r, int case_copy);
/* the same copy no wider than width px (the tests' quick sets) */
void gen_lic_copy_shrink(gen_lic_copy *c, const gen_lic *L, int width);
/* draws L and makes the copy; the page's text is left in *text when
 * text is not NULL */
PIX *gen_lic_copy_make(gen_lic *L, const gen_lic_copy *c, gen_rng *r, char **text);

/* sheet effects on a page (paper.c) */
void gen_photocopy(PIX *pix, gen_rng *r);
void gen_creases(PIX *pix, gen_rng *r);
void gen_mosaic(PIX *pix, int x, int y, int w, int h, int cell);
/* the box blurred (a box filter of the radius): a name smudged out */
void gen_blur(PIX *pix, int x, int y, int w, int h, int radius);
/* a phone photo of the sheet (photo.c): corners[8] gets where the
 * page's quad block went (x0 y0 .. x3 y3, frame px) */
PIX *gen_photo(PIX *page, const gen_lic_copy *c, gen_rng *r, double quad[8]);
/* a phone's screenshot of a photo: black bars and buttons */
PIX *gen_screenshot(PIX *photo, gen_rng *r);
/* watermarks laid over the finished image (overlay.c); quad: the field
 * block in the image, as gen_photo gives it */
PIX *gen_watermark(PIX *pix, const gen_lic *L, enum lic_mark m, const double quad[8],
                   gen_rng *r);

#endif
