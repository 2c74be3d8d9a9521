/* zizhi.h - the one public header of libzizhi.
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
#ifndef ZIZHI_H
#define ZIZHI_H

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
};

/* ---- messages and e-wrappers (util.c) ---- */
extern const char *zz_argv0;
void zz_setprogname(const char *argv0);
void zz_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void zz_die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void *zz_emalloc(size_t n);
void *zz_ecalloc(size_t n, size_t m);
void *zz_erealloc(void *p, size_t n);
char *zz_estrdup(const char *s);
char *zz_easprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void zz_eclose_stdout(void); /* flush and check stdout, exit ZZ_EXIT_IO on error */
/* Tesseract's OpenMP threads would fight our worker processes for the
 * cores: one thread each. libgomp reads OMP_THREAD_LIMIT when it is
 * loaded, before main, so this sets it and runs the program again. */
void zz_one_omp_thread(char **argv);

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
/* Appends a zeroed element to the array v of n elements (room for cap);
 * yields a pointer to it. */
#define ZZ_PUSH(v, n, cap) \
	((v) = zz_grow((v), (n), &(cap), sizeof *(v)), memset(&(v)[(n)], 0, sizeof *(v)), &(v)[(n)++])

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

/* ---- items: operands or lines of stdin (items.c) ---- */
typedef struct zz_items zz_items;
zz_items *zz_items_open(int argc, char **argv); /* argv empty: read stdin */
const char *zz_items_next(zz_items *it);        /* NULL at the end */
void zz_items_destroy(zz_items **pit);

/* ---- files (fsutil.c) ---- */
int zz_mkdirs(const char *path, mode_t mode);                  /* mkdir -p */
int zz_write_atomic(const char *path, const void *p, size_t n); /* temp + rename */
int zz_rmtree(const char *path);                                /* never follows links */
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
/* tmpl with each "{name}" of names[] replaced by values[] (NULL: empty);
 * a new string. */
char *zz_subst(const char *tmpl, const char *const *names, const char *const *values, int n);
/* Levenshtein distance between two code point strings, two rows of memory. */
size_t zz_edits(const unsigned *a, size_t n, const unsigned *b, size_t m);
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

/* ---- unified social credit code, GB 32100-2015 (uscc.c) ---- */
char zz_uscc_check(const char *first17); /* the 18th character, '\0' if not in the alphabet */
char zz_orgcode_check(const char *first8); /* GB 11714 check of the organisation code */
int zz_uscc_valid(const char *s);         /* 18 characters, alphabet and check digit hold */

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
} zz_limits;
/* Loads CONFIG/pipeline.xml, validated against CONFIG/schema/pipeline.rng. */
int zz_config_limits(const char *configdir, zz_limits *out, char **err);
/* The read stage's settings: CONFIG/pipeline.xml <read>. */
typedef struct zz_readconf {
	char langs[64];  /* Tesseract languages */
	int psm;         /* page segmentation mode */
	long max_pixels; /* larger page images are refused or read reduced */
} zz_readconf;
int zz_config_read(const char *configdir, zz_readconf *out, char **err);
/* Validates a document against a RELAX NG schema; *err gets the reasons. */
int zz_rng_validate(const char *schema, const char *docpath, char **err);
/* Finds the schema file NAME under the config directory. */
char *zz_schema_path(const char *configdir, const char *name);

/* ---- the review database (db.c) ---- */
struct sqlite3;
/* Opens (creating it and its folder) the SQLite database at path with WAL,
 * foreign keys and a busy timeout, and migrates its schema to this
 * program's version; NULL with *err, also for a database newer than the
 * program. */
struct sqlite3 *zz_db_open(const char *path, char **err);
void zz_db_close(struct sqlite3 **pdb);
int zz_db_version(void); /* the schema version this program writes */
/* Loads CASE (case.xml, read/read.xml, extract/extract.xml, and
 * report.xml when there is one) into db, replacing its earlier rows in one
 * transaction; -1 with *err. */
int zz_load_case(struct sqlite3 *db, const char *casedir, char **err);

/* ---- safe paths (safepath.c) ---- */
/* Checks and normalises an archive member name (UTF-8). Returns a new
 * relative path, or NULL with *reason and *code (a short token) set.
 * backslash_sep: a backslash separates folders (archives made on Windows);
 * off for names from a local folder, where it is an ordinary character. */
char *zz_safepath(const char *name, unsigned max_bytes, int backslash_sep,
                  const char **code, const char **reason);

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
zz_pool *zz_pool_new(int n, zz_pool_init_fn init, zz_pool_work_fn work, void *arg);
/* Runs the jobs (lines without newlines), one at a time per worker, and
 * calls done as each finishes, in the parent. Workers outlive a run. */
int zz_pool_run(zz_pool *p, char **jobs, int n, zz_pool_done_fn done, void *ctx);
void zz_pool_destroy(zz_pool **pp);

/* ---- unpacking a submission into a case (unpack*.c, casexml.c) ---- */
typedef struct zz_unpack zz_unpack;
/* root: an existing, empty directory that becomes the case; files go to
 * root/files. Returns NULL with *err set if libmagic cannot be loaded. */
zz_unpack *zz_unpack_new(const char *root, const zz_limits *lim, char **err);
/* Unpacks one submission: an archive, a directory or a loose file.
 * Returns 0 when it was read to the end (refused entries are recorded, not
 * failures), 1 when it broke off part way (what was read is kept and the
 * error recorded), -1 when it could not be read at all; *err says why. */
int zz_unpack_input(zz_unpack *u, const char *path, char **err);
/* Same for a submission held in memory (used by the fuzz harness). */
int zz_unpack_memory(zz_unpack *u, const void *p, size_t n, const char *name, char **err);
/* Counts of what was unpacked so far. */
void zz_unpack_counts(const zz_unpack *u, size_t *files, size_t *refused, size_t *errors);
/* The i-th refused entry, and the i-th archive that could not be read
 * whole, for messages; 0, or -1 past the end. */
int zz_unpack_refusal(const zz_unpack *u, size_t i, const char **orig, const char **reason);
int zz_unpack_error(const zz_unpack *u, size_t i, const char **orig, const char **msg);
/* Writes case.xml for the case id (atomically). */
int zz_unpack_write_xml(zz_unpack *u, const char *id, const char *path);
void zz_unpack_destroy(zz_unpack **pu);

/* Content id of a submission: SHA-256 of a file's bytes, or of a
 * directory's sorted manifest (names, types, sizes, content hashes). */
int zz_input_hash(const char *path, char out[65], char **err);

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
 * Returns 0; 1 with out = "open" for open-ended terms (长期, 永久, 无固定期限,
 * 长期有效) when one comes before any date; -1 when there is no valid date
 * (month 1-12, day within the month, leap years, year 1900-2199). */
int zz_norm_date(const char *raw, char out[11]);

/* A name made comparable across documents: full-width ASCII letters,
 * digits and punctuation folded to half-width except brackets, which all
 * become full-width （）; 〔〕[] 【】 also become （）; all whitespace
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

/* A count or integer: "9", "9人", "九人", "十二名", "共 12 人", "１２" → value,
 * the first number in raw. Returns 0, or -1 when there is no number or it
 * is not a whole one (12.5). */
int zz_norm_int(const char *raw, long long *v);

#endif
