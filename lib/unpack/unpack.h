/* unpack.h - the unpack part: a submission (archive, disc, folder or
 * file) made into a case's files/ and case.xml under limits, safe paths,
 * supplements joining a case; below the public calls, what the engine's
 * files share among themselves (the top, the entry store, the back ends,
 * the bounded child). Stands on core. */
#ifndef ZZ_UNPACK_H
#define ZZ_UNPACK_H

#include <glib.h>
#include <magic.h>

#include "core/core.h"

/* ---- safe paths (safepath.c) ---- */
/* Checks and normalises an archive member name (UTF-8). Returns a new
 * relative path, or NULL with *reason and *code (a short token) set.
 * backslash_sep: a backslash separates folders (archives made on Windows);
 * off for names from a local folder, where it is an ordinary character. */
char *zz_safepath(const char *name, unsigned max_bytes, int backslash_sep,
                  const char **code, const char **reason);

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
/* From now on each archive is parsed in a child under b (bound.c); NULL:
 * in this process (the fuzz harness, which wants the crash itself). */
void zz_unpack_bound(zz_unpack *u, const zz_bounds *b);
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

/* ---- supplementary materials joining a case (casejoin.c, unpack.c) ---- */
/* Says on stderr which archives could not be read whole and, unless
 * quiet, which entries were refused and why ('input': refused 'x': ...). */
void zz_unpack_report(const zz_unpack *u, const char *input, int quiet);
/* The folder under CASE/files/ of the n-th drop joined: 补充资料-n. */
#define ZZ_SUPPLEMENT_DIR "补充资料"
enum { ZZ_JOIN_QUIET = 1, ZZ_JOIN_VERBOSE = 2 };
/* Joins the drop input (any input zizhi-unpack takes) to the complete
 * case casedir under its lock: unpacked with lim, counting the case's
 * files against them, into CASE/files/补充资料-N/ (the first N unused),
 * and appended to case.xml with ids after the case's and a <supplement>
 * element. A drop already joined (same content hash) or the case's own
 * submission changes nothing. Returns ZZ_EXIT_OK, or ZZ_EXIT_ITEMS when
 * entries were refused (each said, unless ZZ_JOIN_QUIET): the case is as
 * it should be then and *err is NULL. Otherwise nothing was joined and
 * *err says why, with a ZZ_EXIT_* code (ZZ_EXIT_ITEMS for a missing or
 * incomplete case or an unreadable drop). */
int zz_case_join(const char *casedir, const char *input, const zz_limits *lim, int lock_timeout,
                 int flags, char **err);

/* ---- the engine's parts, among themselves ---- */

typedef struct zz_arec { /* one archive the case came through */
	char *kind;          /* zip, iso9660, udf, 7zip, tar, ... */
	char *orig;          /* its path inside its parent (or the input's name) */
	char *dir;           /* where its members went, relative to the case */
	char sha256[65];
	uint64_t size;
	int parent;          /* index of the parent archive, -1 for none */
	unsigned depth;      /* 0: the submission itself */
	const char *status;  /* ok, partial, unreadable */
	char *error;
	char *note;
} zz_arec;

typedef struct zz_frec { /* one file in the case */
	char *path;          /* relative to the case: files/... */
	char *orig;          /* path inside its archive, UTF-8 */
	char *rawhex;        /* the name's bytes, when they were not UTF-8 */
	const char *enc;     /* how the name was decoded */
	char sha256[65];
	uint64_t size;
	char *media;
	int archive;         /* -1: not from an archive */
	int renamed;         /* path differs from orig beyond the prefix */
	char *note;
} zz_frec;

typedef struct zz_rrec { /* one refused entry */
	char *orig;
	int archive;
	const char *code;
	char *reason;
} zz_rrec;

struct zz_actx;

struct zz_unpack {
	int rootfd, filesfd;
	zz_limits lim;
	magic_t magic;
	uint64_t total, entries;
	GArray *archives, *files, *refused; /* of zz_arec, zz_frec, zz_rrec */
	uint64_t refused_unlisted;
	GHashTable *used;                    /* relative paths taken, for de-duplication */
	char *input;                         /* the submission as given */
	char *input_kind;
	zz_progress *prog;
	char *memdir;                        /* scratch for zz_unpack_memory */
	char *rootpath;                      /* the case being built */
	int bounded;                         /* archives are parsed in bounded children */
	zz_bounds bounds;
	int chan;                            /* in such a child: its socket to the parent, else -1 */
	uint64_t forwarded;                  /* in such a child: entries stored or refused */
	int counting;                        /* the parent refuses all from now: only count */
	uint64_t tally_entries, tally_refused; /* what was only counted */
	/* set by unpack.c: the kind of archive a stored file is (NULL: none)
	 * and unpacking one, for the entry store's nested archives and the
	 * bounded child (the back ends are above both) */
	const char *(*kind_of)(zz_unpack *u, const char *path, const char *media);
	int (*open)(zz_unpack *u, const char *path, const char *kind, const struct zz_actx *ax,
	            char **err);
};

/* Where an entry's bytes come from. */
typedef struct zz_source {
	ssize_t (*read)(void *h, void *buf, size_t n); /* -1 on error */
	const char *(*error)(void *h);
	uint64_t (*consumed)(void *h);                 /* compressed bytes read so far, or NULL */
	void *h;
	uint64_t declared;                             /* declared size, UINT64_MAX unknown */
	uint64_t compressed;                           /* declared compressed size, 0 unknown */
} zz_source;

/* The archive or directory being read. */
typedef struct zz_actx {
	int archive;        /* index into archives, -1 for a directory input */
	unsigned depth;
	const char *prefix; /* directory under files/ for its members ("" = top) */
	int local;          /* names come from a local folder, not an archive */
} zz_actx;

/* unpack_child.c: the parent's side runs one archive in a bounded child */
int zz_u_child_archive(zz_unpack *u, const char *path, const char *kind, const zz_actx *ax,
                       const char *shown, char **err);
int zz_u_office_zip(zz_unpack *u, const char *path);

/* unpack_fwd.c: in the child, the entry store's calls are forwarded to
 * the parent as frames of at most ZZ_U_CHUNK bytes of data */
enum { ZZ_U_CHUNK = 256 * 1024 };
void zz_u_frame(zz_unpack *u, char type, const zz_buf *b);
void zz_u_fwd(zz_unpack *u, char type, const char *a, const char *b, const char *c);
int zz_u_fwd_put(zz_unpack *u, const char *name, const char *enc, const char *raw,
                 size_t rawlen, zz_source *src, char **err);

/* unpack_put.c: the entry store */
const char *zz_u_media(zz_unpack *u, int fd); /* libmagic's media type of fd */
uint64_t zz_u_seen(const zz_unpack *u); /* entries stored or refused so far */
/* A note on the archive being read (a disc cut off after its last entry). */
void zz_u_note(zz_unpack *u, const zz_actx *ax, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void zz_u_refuse(zz_unpack *u, const zz_actx *ax, const char *orig, const char *code,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int zz_u_count_entry(zz_unpack *u, const zz_actx *ax, const char *orig);
/* Stores one entry; name is the member name as UTF-8, enc/raw say how it
 * was decoded. Returns 0 stored or refused, -1 when the source failed in a
 * way that ends the archive (the error is in *err). */
int zz_u_put(zz_unpack *u, const zz_actx *ax, const char *name, const char *enc,
             const char *raw, size_t rawlen, zz_source *src, char **err);
int zz_u_put_fd(zz_unpack *u, const zz_actx *ax, const char *name, const char *enc,
                const char *raw, size_t rawlen, int fd);
int zz_u_put_copy(zz_unpack *u, const zz_actx *ax, const char *name, const char *relsrc);
int zz_u_new_archive(zz_unpack *u, const char *kind, const char *orig, const char *dir,
                     int parent, unsigned depth);

/* unpack.c: opens path as an archive of the given kind into ax (in a
 * bounded child when so set); returns as zz_unpack_input. The entry
 * store and the child reach them through u->open and u->kind_of. */
int zz_u_archive(zz_unpack *u, const char *path, const char *kind, const zz_actx *ax, char **err);
const char *zz_u_archive_kind(zz_unpack *u, const char *path, const char *media);

/* unpack_zip.c, unpack_arc.c, unpack_dir.c */
int zz_u_zip(zz_unpack *u, const char *path, const zz_actx *ax, char **err);
/* zip: read a ZIP front to back (salvage); else every other format */
int zz_u_libarchive(zz_unpack *u, const char *path, const zz_actx *ax, int zip, char **err);
int zz_u_dir(zz_unpack *u, const char *path, const zz_actx *ax, char **err);
int zz_u_is_office_zip(const char *path);

/* unpack_udf.c: UDF discs through libudfread; zz_u_is_udf says whether a
 * disc image is to be read as UDF (a UDF volume, no or a stub ISO 9660 tree) */
int zz_u_udf(zz_unpack *u, const char *path, const zz_actx *ax, char **err);
int zz_u_is_udf(const char *path);

#endif
