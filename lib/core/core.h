/* core.h - the ground every part of libzizhi stands on: messages and
 * allocation, buffers, files and atomic writes, a case's lock, hashing,
 * text and UTF-8, XML, settings and configuration, patterns, bounded
 * children and worker pools, the value normalisers. Nothing here knows a
 * stage.
 *
 *
 * Conventions (after Leptonica and sbase):
 *  - every symbol carries the zz_ / ZZ_ prefix;
 *  - output arguments are set to NULL (or 0) first, so callers can free
 *    them unconditionally;
 *  - destroy functions take T ** and null the pointer;
 *  - the library never prints to stdout; diagnostics go to stderr through
 *    zz_warn(), prefixed with the program name;
 *  - e-prefixed functions exit with a ZZ_EXIT_* code instead of failing.
 */
#ifndef ZZ_CORE_H
#define ZZ_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h> /* ZZ_PUSH */
#include <sys/types.h>

#define ZZ_VERSION "0.1.0"

/* Exit codes shared by every program; documented in zizhi(1). */
enum zz_exit {
	ZZ_EXIT_OK = 0,       /* every item done */
	ZZ_EXIT_ITEMS = 1,    /* some items failed; each was reported, others done */
	ZZ_EXIT_USAGE = 2,    /* bad command line */
	ZZ_EXIT_CONFIG = 3,   /* configuration missing or invalid */
	ZZ_EXIT_IO = 4,       /* spool, database or output unusable */
	ZZ_EXIT_INTERNAL = 5, /* out of memory or a bug */
	ZZ_EXIT_NOSTAGE = 6,  /* zizhi: no such stage program */
	ZZ_EXIT_DUE = 7,      /* zizhi-recheck: something is due (listed) */
	ZZ_EXIT_NOMEM = 8,    /* a bounded child (bound.c) ran out of its memory */
	ZZ_EXIT_SIGNAL = 128, /* + the signal's number: interrupted, run again to resume */
};

/* ---- messages and e-wrappers (util.c) ---- */
extern const char *zz_argv0;
extern int zz_msg_fd; /* where zz_warn writes: standard error, unless hushed */
void zz_setprogname(const char *argv0);
/* Big buffers kept on the heap for reuse (glibc's mallopt): for the
 * stages that make page images by the dozen, called first in main. */
void zz_keep_heap(void);
void zz_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void zz_die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void *zz_emalloc(size_t n);
void *zz_ecalloc(size_t n, size_t m);
void *zz_erealloc(void *p, size_t n);
char *zz_estrdup(const char *s);
char *zz_easprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void zz_eclose_stdout(void); /* flush and check stdout, exit ZZ_EXIT_IO on error */
/* How the child pid ended: its exit status, or ZZ_EXIT_SIGNAL + the
 * signal that killed it. */
int zz_wait_status(pid_t pid);
struct rusage;
/* Waits for pid through EINTR: its raw status and (ru not NULL) its
 * resource use; -1 when it cannot be waited for. */
int zz_wait_rusage(pid_t pid, int *status, struct rusage *ru);
/* t as ISO 8601 UTC (2026-11-24T16:00:00Z) in buf; returns buf */
char *zz_utc_time(long long t, char buf[32]);
double zz_now(void); /* seconds on the monotonic clock, for durations */

/* growable byte string */
typedef struct zz_buf {
	char *s;
	size_t len, cap;
} zz_buf;
void zz_buf_add(zz_buf *b, const void *p, size_t n);
void zz_buf_adds(zz_buf *b, const char *s);
void zz_buf_addf(zz_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void zz_buf_free(zz_buf *b);
/* The array v of n elements of size bytes with room for one more (*cap
 * grows, doubling). */
void *zz_grow(void *v, int n, int *cap, size_t size);
void *zz_grow_size(void *v, size_t n, size_t *cap, size_t size); /* the same, size_t */
/* Appends a zeroed element to the array v of n elements (room for cap);
 * yields a pointer to it. */
#define ZZ_PUSH(v, n, cap) \
	((v) = zz_grow((v), (n), &(cap), sizeof *(v)), memset(&(v)[(n)], 0, sizeof *(v)), &(v)[(n)++])
/* The median of v[0..n) (the upper of the two middle ones), v sorted in
 * place; 0 when n is 0. */
int zz_median(int *v, int n);

/* ---- settings: spool, database, config (settings.c) ---- */
typedef struct zz_settings {
	const char *spool;  /* ZIZHI_SPOOL, default ./var/spool */
	const char *db;     /* ZIZHI_DB, default ./var/zizhi.db */
	const char *config; /* ZIZHI_CONFIG, default ./config or the installed copy */
	int verbose, quiet;
} zz_settings;
void zz_settings_init(zz_settings *st);
struct option;
/* Parses the options every program shares (-s/--spool, -d/--db, -c/--config,
 * -v, -q, -h, -V) plus the program's own (extra_short, extra_long, handled
 * by extra(), which returns -1 for a bad value). Environment variables fill
 * what the options left. Returns the index of the first operand; calls
 * usage(ZZ_EXIT_USAGE) on a bad option and usage(ZZ_EXIT_OK) for -h. */
int zz_settings_getopt(zz_settings *st, int argc, char **argv, const char *extra_short,
                       const struct option *extra_long, int (*extra)(int opt, const char *arg),
                       void (*usage)(int));
void zz_settings_export(const zz_settings *st); /* into the environment */
const char *zz_reviewer_name(void); /* ZIZHI_REVIEWER, else the login name */

/* ---- items: operands or lines of stdin (items.c) ---- */
typedef struct zz_items zz_items;
zz_items *zz_items_open(int argc, char **argv); /* argv empty: read stdin */
const char *zz_items_next(zz_items *it);        /* NULL at the end */
void zz_items_destroy(zz_items **pit);

/* ---- files (fsutil.c) ---- */
int zz_mkdirs(const char *path, mode_t mode);                  /* mkdir -p */
int zz_write_atomic(const char *path, const void *p, size_t n); /* temp + rename */
int zz_write_all(int fd, const void *p, size_t n);             /* all of it, or -1 */
int zz_rmtree(const char *path);                                /* never follows links */
void zz_rmtree_prefixed(const char *dir, const char *prefix);     /* each entry so named */
void zz_rm_stale_tmp(const char *dir, const char *prefix); /* killed writers' temp files */
/* Puts the finished directory tmp at dst, moving an earlier dst aside to
 * old (a scratch name) and removing it after: readers see one or the other. */
int zz_replace_dir(const char *tmp, const char *dst, const char *old);
int zz_read_file(const char *path, size_t max, char **out, size_t *outlen);

/* A stage's output for a case, CASE/name: under the case's lock, skipped
 * (and the case printed) when fresh() says it is up to date; else work()
 * fills a new directory tmpdir and returns a ZZ_EXIT_* code, or -1 when
 * the case failed as a whole (then ZZ_EXIT_ITEMS and nothing published).
 * On ZZ_EXIT_OK or ZZ_EXIT_ITEMS (some files failed) tmpdir replaces
 * CASE/name in one rename and the case directory is printed on stdout. */
typedef int (*zz_stage_fresh_fn)(void *ctx, const char *casedir);
typedef int (*zz_stage_work_fn)(void *ctx, const char *casedir, const char *tmpdir);
int zz_stage_case(const char *casedir, const char *name, zz_stage_fresh_fn fresh,
                  zz_stage_work_fn work, void *ctx, int verbose);
/* a case's id: its directory's own name, trailing slashes ignored */
char *zz_case_id(const char *casedir);
/* per-case lock: flock on DIR/../.ID.lock; waits up to timeout seconds.
 * Returns an fd >= 0, or -1 with errno set (EWOULDBLOCK on timeout). */
int zz_lock_case(const char *casedir, int timeout_s);
void zz_unlock(int *pfd);

/* ---- storage hosts share (sharedfs.c) ---- */
/* Whether case locks (flock) and publication by rename hold between the
 * hosts sharing a file system, from statfs(2)'s f_type and, when known,
 * the mount's type and super options (/proc/self/mountinfo: "nfs4",
 * "fuse.sshfs"; "rw,vers=4.2,local_lock=none"): 0 when they hold or the
 * file system is local, -1 with *why naming it and what fails ("cifs,
 * where locks do not hold between hosts"). */
int zz_shared_fs_verdict(uint32_t type, const char *fstype, const char *opts, char **why);
/* The same for dir's file system (its nearest existing parent's when dir
 * is not made yet); *why names dir. 0 when it cannot be looked at. */
int zz_shared_fs_check(const char *dir, char **why);
/* zz_shared_fs_check, exiting ZZ_EXIT_IO on a refusal: "WHAT 'dir' is on
 * cifs, where locks do not hold between hosts: ..." */
void zz_eshared_fs(const char *what, const char *dir);

/* ---- hashing (hash.c) ---- */
typedef struct zz_sha256 zz_sha256;
zz_sha256 *zz_sha256_new(void);
void zz_sha256_update(zz_sha256 *h, const void *p, size_t n);
void zz_sha256_hex(zz_sha256 *h, char out[65]); /* finishes h */
void zz_sha256_destroy(zz_sha256 **ph);
int zz_sha256_file(const char *path, char out[65]);
int zz_sha256_fd(int fd, char out[65]); /* reads fd to its end */

/* ---- text (text.c) ---- */
int zz_utf8_valid(const char *s, size_t n);
/* The code point at s and *len, its length in bytes; U+FFFD and 1 for a
 * byte that does not start a well-formed sequence. */
unsigned zz_utf8_decode(const char *s, size_t *len);
size_t zz_utf8_len(const char *s); /* code points, as zz_utf8_decode steps */
/* tmpl with each "{name}" of names[] replaced by values[] (NULL: empty);
 * a new string. */
char *zz_subst(const char *tmpl, const char *const *names, const char *const *values, int n);
/* Levenshtein distance between two code point strings, two rows of memory. */
size_t zz_edits(const unsigned *a, size_t n, const unsigned *b, size_t m);
/* prints s and blanks to fill width terminal columns (CJK count two) */
void zz_print_padded(const char *s, int width);
/* Converts bytes in charset from to a new UTF-8 string; NULL if invalid. */
char *zz_iconv_utf8(const char *from, const char *s, size_t n);
/* Converts a UTF-8 string to charset to; NULL if it cannot be. */
char *zz_iconv_to(const char *utf8, const char *to);
/* Decodes a file name of unknown encoding; *enc gets the name of the
 * encoding used ("ascii", "utf-8", "gbk", "utf-8-unflagged", "escaped"). */
char *zz_decode_name(const char *raw, size_t n, int flagged_utf8, const char **enc);
char *zz_hex(const void *p, size_t n);

/* ---- XML text (xmlout.c) ---- */
struct _xmlTextWriter;
int zz_xml_clean(const char *s); /* valid UTF-8 without forbidden controls */
char *zz_xml_text(const char *s); /* a copy fit for XML: decoded, controls as U+FFFD */
/* writes the attribute through zz_xml_text; nothing when value is NULL */
void zz_xml_attr(struct _xmlTextWriter *w, const char *name, const char *value);
/* an XML document built in memory and saved whole (temp file + rename) */
struct _xmlBuffer;
typedef struct zz_xmldoc {
	struct _xmlBuffer *buf;
	struct _xmlTextWriter *w;
} zz_xmldoc;
/* starts the document, indented, with its root element open */
struct _xmlTextWriter *zz_xmldoc_begin(zz_xmldoc *d, const char *root);
/* closes what is open, writes the document to path atomically and frees
 * it; -1 (errno set) when it cannot be written */
int zz_xmldoc_save(zz_xmldoc *d, const char *path);
struct _xmlNode;
char *zz_xml_prop(struct _xmlNode *n, const char *name); /* a copy, NULL when absent */
int zz_xml_is(const struct _xmlNode *n, const char *name); /* an element of that name */
char *zz_xml_own_text(struct _xmlNode *n); /* its own text, trimmed; never NULL */
struct _xmlDoc;
/* CASEDIR/rel parsed quietly (no network); NULL when absent or broken */
struct _xmlDoc *zz_case_xml(const char *casedir, const char *rel);
char *zz_case_verdict(const char *casedir); /* report.xml's verdict, or NULL */

/* ---- the qualifications' rules files (rulesfiles.c) ---- */
typedef struct zz_rulesfile {
	char *path;            /* CONFIG/rules/ID.xml */
	char *id;              /* its name without .xml: what a case records */
	char *title, *category, *level; /* what it applies to, as written */
	int is_default;        /* default="yes": its <life> terms are kept */
} zz_rulesfile;
typedef struct zz_rulesfiles {
	zz_rulesfile *v; /* by path */
	int n;
} zz_rulesfiles;
/* The files of CONFIG/rules/, their roots' attributes read; -1 with *err
 * when the folder cannot be read, has none, or one names no category
 * and level. */
int zz_rulesfiles_load(const char *configdir, zz_rulesfiles *out, char **err);
void zz_rulesfiles_free(zz_rulesfiles *rf);
/* The default rules file's path (the only one, or the one marked); NULL
 * with *err. */
char *zz_rules_default(const char *configdir, char **err);
char *zz_rules_id(const char *path); /* a rules file's id: its name less .xml */

/* ---- secrets (secret.c) ---- */
/* 256 random bits from getrandom(2) as 64 hex digits; -1 with *err. */
int zz_random_hex(char out[65], char **err);
/* s has the shape zz_random_hex gives: 64 lower-case hex digits */
int zz_token_shaped(const char *s);
void zz_wipe(void *p, size_t n); /* zeroes, not optimised away */

/* ---- reviewers' corrections of a case (corrections.c) ---- */
typedef struct zz_correction {
	char *at, *reviewer, *field;
	char *document; /* the document whose reading of the field it replaces */
	char *value, *was, *reason;
} zz_correction;
typedef struct zz_corrections {
	zz_correction *v;
	int n, cap;
} zz_corrections;
/* CASE/review/corrections.xml, oldest first (none when absent); -1 with
 * *err when it cannot be read. */
int zz_corrections_load(const char *casedir, zz_corrections *cs, char **err);
/* Adds c to the file (the caller holds the case's lock); -1 with *err. */
int zz_corrections_add(const char *casedir, const zz_correction *c, char **err);
void zz_corrections_free(zz_corrections *cs);

/* ---- unified social credit code, GB 32100-2015 (uscc.c) ---- */
char zz_uscc_check(const char *first17); /* the 18th character, '\0' if not in the alphabet */
char zz_orgcode_check(const char *first8); /* GB 11714 check of the organisation code */
int zz_uscc_valid(const char *s);         /* 18 characters, alphabet and check digit hold */
/* The code several readings of a box agree on (usccagree.c): where they
 * differ, any character read there, or in one place of the organisation
 * code the one the check digit gives; both check characters must hold
 * and the code be plausible, and of the codes that do, the one the
 * readings support most must lead the next by two characters. 1 and out
 * when one does, else 0 (fewer than three readings of 18 characters,
 * more than three places in doubt, none, or no clear lead). A likely
 * reading, not a sure one. */
int zz_uscc_agree(const char *const *raw, int n, char out[19]);
/* the 15-digit 注册号 of licences before the USCC (GS15-2006): its last
 * digit checks the first 14 by ISO 7064 MOD 11,10 (GB/T 17710) */
char zz_regno_check(const char *first14); /* '\0' if not 14 digits */
int zz_regno_valid(const char *s);

/* ---- parsing in a child under limits (bound.c) ---- */
typedef struct zz_bounds {
	uint64_t memory;       /* bytes of address space; 0: none */
	unsigned cpu_seconds;  /* CPU time; 0: none */
	unsigned wall_seconds; /* wall-clock time; 0: none */
} zz_bounds;
/* The status oom() exits with; a bounded child sets it to ZZ_EXIT_NOMEM. */
extern int zz_oom_status;
int zz_bounds_set(const zz_bounds *b);   /* any limit at all */
char *zz_bounds_oom(const zz_bounds *b); /* "memory limit of N MB reached" */
/* The memory ceiling a child really gets: b->memory, or 0 in a build with
 * AddressSanitizer, whose shadow memory no address-space limit allows. */
uint64_t zz_bounds_ceiling(const zz_bounds *b);
/* In a child just forked: the bounds as rlimits (and no core files). */
void zz_bounds_apply(const zz_bounds *b);
/* In such a child: what the parsing libraries print on standard error
 * (poppler's syntax errors, libstdc++'s bad_alloc, libudfread's ERROR
 * lines) is dropped, zz_warn still reaches it; ZIZHI_LIBRARY_MESSAGES=1
 * keeps them. */
void zz_bounds_hush(void);
/* In a bounded child whose work failed with err: err, or, when the child
 * came near its memory limit (a library that cannot allocate fails in
 * its own words), "memory limit of N MB reached while WHAT: err". */
char *zz_bounds_blame(const zz_bounds *b, const char *what, const char *err);
int zz_bounds_near(const zz_bounds *b); /* the child came near its memory limit */
struct rusage;
/* Why a bounded child ended as it did ("memory limit of 2048 MB reached",
 * "CPU time limit of 600 s reached", "time limit of 1800 s reached", ...). */
char *zz_bounds_explain(const zz_bounds *b, int status, const struct rusage *ru,
                        int timed_out);
/* Runs fn(arg, fd) in a child under b; what it writes to fd is returned in
 * *out (NUL-terminated, *outn bytes). Returns fn's return value (its exit
 * status, 0-255), or -1 with *why when the child was ended or crashed. */
int zz_bounded_run(const zz_bounds *b, int (*fn)(void *arg, int fd), void *arg, char **out,
                   size_t *outn, char **why);

/* ---- configuration (config.c) ---- */
typedef struct zz_limits {
	uint64_t max_total_bytes;  /* all files of a case together */
	uint64_t max_file_bytes;   /* one file */
	uint64_t max_entries;      /* entries of a case, over all archives */
	uint64_t ratio_min_bytes;  /* ratio is checked once an entry is this big */
	unsigned max_ratio;        /* uncompressed : compressed */
	unsigned max_depth;        /* archives inside archives */
	unsigned max_path_bytes;   /* one relative path */
	unsigned max_refusals_listed; /* further refusals are counted, not listed */
	zz_bounds bounds;          /* each archive is parsed in a child under these
	                              (<bounds>); all 0: in this process */
} zz_limits;
/* Loads CONFIG/pipeline.xml, validated against CONFIG/schema/pipeline.rng. */
int zz_config_limits(const char *configdir, zz_limits *out, char **err);
/* The limits on each parse of untrusted input: CONFIG/pipeline.xml
 * <bounds>, defaults when it is absent. */
int zz_config_bounds(const char *configdir, zz_bounds *out, char **err);
/* The read stage's settings: CONFIG/pipeline.xml <read>. */
typedef struct zz_readconf {
	char langs[64];  /* Tesseract languages */
	int psm;         /* page segmentation mode */
	long max_pixels; /* larger page images are refused or read reduced */
	int max_pages;   /* documents of more pages are refused */
	int page_seconds; /* a page OCRed for longer fails */
	int file_seconds; /* no more pages of a file are started after this long */
	int text_min, text_max; /* pixels body text is scaled into for OCR */
	zz_bounds bounds;       /* <bounds>: each file's parse and each OCR worker */
} zz_readconf;
int zz_config_read(const char *configdir, zz_readconf *out, char **err);
/* The inbox's settings: CONFIG/pipeline.xml <inbox>, in seconds. */
typedef struct zz_inboxconf {
	unsigned settle;      /* a drop unchanged this long is complete */
	unsigned poll;        /* how often to look, when not told by inotify */
	unsigned tries;       /* runs of a drop that failed for a passing reason */
	unsigned retry_after; /* seconds before the next try */
} zz_inboxconf;
int zz_config_inbox(const char *configdir, zz_inboxconf *out, char **err);
/* Validates a document against a RELAX NG schema; *err gets the reasons. */
int zz_rng_validate(const char *schema, const char *docpath, char **err);
/* Finds the schema file NAME under the config directory. */
char *zz_schema_path(const char *configdir, const char *name);

/* ---- stage programs (stagepath.c) ---- */
const char *zz_self_path(void); /* the running program, by /proc/self/exe; NULL if unknown */
const char *zz_exec_dir(void); /* the running program's folder */
/* zizhi-STAGE beside the running program, in ZIZHI_EXEC_PATH or on PATH;
 * NULL when there is none */
char *zz_stage_path(const char *stage);

/* ---- progress on a TTY (progress.c) ---- */
typedef struct zz_progress zz_progress;
zz_progress *zz_progress_new(const char *what, uint64_t total);
void zz_progress_add(zz_progress *p, uint64_t n);
void zz_progress_destroy(zz_progress **pp);

/* ---- worker processes (pool.c) ---- */
typedef struct zz_pool zz_pool;
typedef void *(*zz_pool_init_fn)(void *arg, char **err);   /* in each worker, once */
typedef char *(*zz_pool_work_fn)(void *state, const char *job); /* a job line -> a reply line */
typedef void (*zz_pool_done_fn)(void *ctx, int job, const char *reply); /* NULL: worker died */
/* Asked, in the parent, before a job is handed out: NULL to run it, or the
 * reply it gets without running (malloc'd) */
typedef char *(*zz_pool_skip_fn)(void *ctx, int job);
zz_pool *zz_pool_new(int n, zz_pool_init_fn init, zz_pool_work_fn work, void *arg);
void zz_pool_set_skip(zz_pool *p, zz_pool_skip_fn skip);
/* Each worker under b: its memory for its life, CPU time for each job; a
 * job whose worker a limit ended gets "ERR\tREASON". */
void zz_pool_set_bounds(zz_pool *p, const zz_bounds *b);
/* Runs the jobs (lines without newlines), one at a time per worker, and
 * calls done as each finishes, in the parent. Workers outlive a run. */
int zz_pool_run(zz_pool *p, char **jobs, int n, zz_pool_done_fn done, void *ctx);
void zz_pool_destroy(zz_pool **pp);

/* ---- normalisers (normal.c) ---- */
/* Money to whole yuan (CNY). Accepts Chinese capital and common numerals
 * (人民币贰仟万元整, 壹仟伍佰万圆, 柒仟柒佰柒拾柒万元, 叁拾万零伍仟元, 一千二百万元),
 * Arabic with separators and units (1,000.00万元, 5000 万人民币, 10000000元,
 * ¥1,200,000.00, 1.2亿元, RMB 500万), full-width digits and punctuation,
 * and a label before a colon (注册资本：1200万元). unit: the multiplier when
 * raw names none of 元 万 亿 角 分 (1 for 元, 10000 for 万元, from a table
 * header). Fractions of a yuan (角, 分, decimals) round half up. Returns 0
 * and *yuan; 1 and *yuan when it is an amount only after mending OCR's
 * misreadings (什 for 仟, 参 for 叁, dots for thousands commas: a guess the
 * caller should flag); -1 when raw is not an amount or is over 10^15
 * yuan; -2 when it is in a currency other than CNY (美元, USD, 港元 …). */
int zz_norm_money(const char *raw, long long unit, long long *yuan);

/* The first date in raw as YYYY-MM-DD in out: 2015年03月18日, 2015年3月18日,
 * 二〇一五年三月十八日 (also 〇/零/○/O as zero, 十/二十/三十一 days),
 * 2015.3.18, 2015-03-18, 2015/3/18, 20150318, with spaces anywhere and
 * full-width digits; OCR confusions inside digit runs (O→0, o→0, l/I/|→1)
 * are folded. Text before the date is skipped (自2025年12月05日 → the date).
 * Returns 0; 2 for a date mended (a year's first figure read as 0, a stray
 * mark before 月); 1 with out = "open" for open-ended terms (长期, 永久,
 * 无固定期限, 长期有效) when one comes before any date; -1 when there is
 * no valid date
 * (month 1-12, day within the month, leap years, year 1900-2199). */
int zz_norm_date(const char *raw, char out[11]);
/* Excel's day count (whole days) as a date. Day 0 is 1899-12-30, or
 * 1904-01-01 in workbooks from old Macs; Excel also counts a 1900-02-29
 * that never was, so the days before it are one off. */
void zz_excel_date(long days, int date1904, int *y, int *m, int *d);

/* The bracket c is: 1 an opening one, -1 a closing one, 0 none. Round
 * brackets of either width and every other kind OCR makes of them in a
 * Chinese name ([ 〔 【 〖 ﹙ 〈 《 「 and their closers): no name is
 * written with those, so all count as （ and ）. */
int zz_bracket(uint32_t c);
/* A name made comparable across documents: full-width ASCII letters,
 * digits and punctuation folded to half-width except brackets, which all
 * become full-width （）, every kind zz_bracket knows; all whitespace
 * (ASCII, U+3000, NBSP) removed; Latin letters kept in their case. Returns
 * a new string (never NULL for valid UTF-8 input; NULL for invalid UTF-8). */
char *zz_norm_name(const char *raw);

/* A unified social credit code from OCR text: width folded, uppercased,
 * spaces and dashes removed, then must be 18 characters. Returns 0 with
 * out set when it is valid as read; 1 with out = the repair when the
 * GB 32100-2015 check holds after mending OCR confusions: I O S V Z lie
 * outside the alphabet (0-9 A-H J-N P-R T U W-Y), so each is forced to
 * 1 0 5 U 2, however many there are; if the check still fails, exactly
 * one substitution among the characters inside the alphabet (B↔8, G↔6,
 * D→0, Q→0) must make it hold. -1 when no candidate holds, more than one
 * does (ambiguous: not repaired), or it is not 18 characters. A repair is
 * a likely reading, not a certainty: confirm it from another document. */
int zz_norm_uscc(const char *raw, char out[19]);
/* raw as a code's 18 characters, I O S V Z mended and one character
 * read as something else altogether '?'; -1 when it is not 18 */
int zz_uscc_chars(const char *raw, char s[19]);
/* the one character where s has '?' that makes the code valid and
 * plausible: 1 and s filled in, or 0 */
int zz_uscc_solve(char s[19]);
/* a registering authority and an administrative division where GB 32100
 * puts them, and the organisation code's own check character (GB 11714):
 * what a repaired code must have */
int zz_uscc_plausible(const char *s);
/* A licence's 15-digit 注册号 from OCR text: 0 and out set when its check
 * digit holds as read; 1 when it holds once letters read for digits
 * (O I l Z S B G) are mended; -1 otherwise. */
int zz_norm_regno(const char *raw, char out[16]);

/* A count or integer: "9", "9人", "九人", "十二名", "共 12 人", "１２" → value,
 * the first number in raw. Returns 0, or -1 when there is no number or it
 * is not a whole one (12.5). */
int zz_norm_int(const char *raw, long long *v);

/* ---- patterns of the configuration (pattern.c) ---- */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* src with UTF and Unicode properties; NULL with *err (the message and
 * where in src). */
pcre2_code *zz_pattern_compile(const char *src, char **err);
/* First match of re in s from byte off: 1 with the span of the group named
 * v when the pattern has one, else of the whole match; 0 when none, or
 * when the pattern backtracks past the limits. */
int zz_pattern_match(const pcre2_code *re, const char *s, size_t off, size_t *mo, size_t *ml);

#endif
