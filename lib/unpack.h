/* unpack.h - internals shared by the unpack engine's parts (not public). */
#ifndef ZZ_UNPACK_H
#define ZZ_UNPACK_H

#include <glib.h>
#include <magic.h>

#include "zizhi.h"

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
