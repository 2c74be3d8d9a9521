/* unpack_udf.c - UDF discs (1.02 to 2.60) through libudfread.
 *
 * Windows burns discs as UDF by default, often with no ISO 9660 tree at
 * all, or a stub one; libarchive reads no UDF. libudfread does, but it
 * trusts the disc: it follows volume descriptor pointers and allocation
 * extent chains without end, and caches every directory it opens. So the
 * blocks it may read are counted (a loop on the disc runs into the count,
 * not forever), reads past the end of the image fail, and the walk here
 * bounds depth and directories and refuses directory loops itself. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <udfread/blockinput.h>
#include <udfread/udfread.h>
#include <unistd.h>

#include "unpack/unpack.h"

enum {
	MAX_DEPTH = 64,      /* directory levels; Windows paths end near 30 */
	MAX_DIRS = 20000,    /* directories opened (libudfread keeps them all) */
	LOOP_PROOF = 8,      /* levels a repeated listing must go on to be a loop */
	EXTRA_BLOCKS = 1 << 16,
};

/* The image as libudfread reads it; in first, as libudfread hands it back. */
typedef struct blk {
	udfread_block_input in;
	int fd;
	uint32_t blocks;     /* whole blocks in the image */
	uint64_t budget;     /* blocks that may still be read */
	const char *why;     /* why the last read failed */
	uint32_t past;       /* the first block asked for past the end, or 0 */
} blk;

static int
b_read(udfread_block_input *in, uint32_t lba, void *buf, uint32_t n, int flags)
{
	blk *b = (blk *)in;
	(void)flags;
	if (lba >= b->blocks) {
		b->why = "data past the end of the disc image (truncated or damaged disc)";
		if (!b->past)
			b->past = lba;
		return -1;
	}
	if (n > b->blocks - lba)
		n = b->blocks - lba;
	if (n > b->budget) {
		b->why = "the disc's structures loop (far more blocks read than the disc holds)";
		b->budget = 0;
		return -1;
	}
	size_t want = (size_t)n * UDF_BLOCK_SIZE;
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(b->fd, (char *)buf + got, want - got,
		                  (off_t)lba * UDF_BLOCK_SIZE + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			b->why = r < 0 ? strerror(errno) : "the disc image shrank while read";
			break;
		}
		got += (size_t)r;
	}
	n = (uint32_t)(got / UDF_BLOCK_SIZE);
	b->budget -= n;
	return n ? (int)n : -1;
}

static uint32_t
b_size(udfread_block_input *in)
{
	return ((blk *)in)->blocks;
}

/* Opens the UDF volume of path; NULL (and *err when wanted) if there is
 * none or it cannot be read. */
static udfread *
open_udf(const char *path, blk *b, char **err)
{
	memset(b, 0, sizeof *b);
	b->in.read = b_read;
	b->in.size = b_size;
	b->fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (b->fd < 0 || fstat(b->fd, &st) < 0) {
		if (err)
			*err = zz_estrdup(strerror(errno));
		if (b->fd >= 0)
			close(b->fd);
		return NULL;
	}
	uint64_t nb = (uint64_t)st.st_size / UDF_BLOCK_SIZE;
	b->blocks = nb > UINT32_MAX ? UINT32_MAX : (uint32_t)nb;
	/* a sound disc reads each block about once; twice over leaves room */
	b->budget = 2 * (uint64_t)b->blocks + EXTRA_BLOCKS;
	udfread *udf = udfread_init();
	if (udf && udfread_open_input(udf, &b->in) == 0)
		return udf;
	if (err)
		*err = zz_easprintf("not a readable UDF volume%s%s", b->why ? ": " : "",
		                    b->why ? b->why : "");
	if (udf)
		udfread_close(udf);
	close(b->fd);
	return NULL;
}

/* One directory's entries, read whole before any is followed. */
typedef struct ent {
	char *name;
	int dir;
} ent;

typedef struct walk {
	zz_unpack *u;
	const zz_actx *ax;
	blk *b;
	uint64_t sig[MAX_DEPTH + 1]; /* listings of the directories on the path */
	unsigned dirs;
	uint64_t files;              /* regular files met */
	char *err;                   /* the first reason the disc is not read whole */
} walk;

/* The entries of d, a hash of their names and types in *sig; the number
 * of entries. libudfread caches the directory, so listing it again is
 * free. */
static size_t
list(UDFDIR *d, ent **out, uint64_t *sig)
{
	struct udfread_dirent de;
	size_t n = 0, cap = 0;
	uint64_t h = 1469598103934665603ULL;
	*out = NULL;
	udfread_rewinddir(d);
	while (udfread_readdir(d, &de)) {
		if (!de.d_name || strcmp(de.d_name, "..") == 0)
			continue;
		if (n == cap)
			*out = zz_erealloc(*out, (cap = cap ? 2 * cap : 16) * sizeof **out);
		(*out)[n].name = zz_estrdup(de.d_name);
		(*out)[n].dir = de.d_type == UDF_DT_DIR;
		for (const char *p = de.d_name;; p++) {
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
			if (!*p)
				break;
		}
		h = (h ^ (unsigned)(*out)[n].dir) * 1099511628211ULL;
		n++;
	}
	*sig = h;
	return n;
}

static void
free_list(ent *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

static int
repeats(const walk *w, unsigned depth, uint64_t sig)
{
	for (unsigned i = 0; i < depth; i++)
		if (w->sig[i] == sig)
			return (int)i;
	return -1;
}

/* The directory d at depth repeats an ancestor's listing: a folder copied
 * into a folder of its own name (申请材料/申请材料/) does that once or
 * twice, a directory ICB pointing back up does it without end. It is a
 * loop when a subdirectory repeating an ancestor goes on k levels down. */
static int
loops(walk *w, UDFDIR *d, unsigned depth, unsigned k)
{
	if (k == 0 || depth >= MAX_DEPTH || w->dirs >= MAX_DIRS || !w->b->budget)
		return 1;
	ent *e;
	uint64_t sig;
	size_t n = list(d, &e, &sig);
	int r = 0;
	for (size_t i = 0; i < n && !r; i++) {
		if (!e[i].dir)
			continue;
		UDFDIR *c = udfread_opendir_at(d, e[i].name);
		w->dirs++;
		if (!c)
			continue;
		ent *ce;
		size_t cn = list(c, &ce, &w->sig[depth + 1]);
		free_list(ce, cn);
		if (repeats(w, depth + 1, w->sig[depth + 1]) >= 0) {
			/* the first repeating child is followed, not all: a
			 * branching loop must not cost its branches to the k-th */
			r = loops(w, c, depth + 1, k - 1);
			i = n;
		}
		udfread_closedir(c);
	}
	free_list(e, n);
	return r;
}

static char *
vfmt(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *s = zz_emalloc(n > 0 ? (size_t)n + 1 : 1);
	if (vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap) < 0)
		*s = '\0';
	return s;
}

/* Keeps the first reason the disc is not read whole: the archive's error. */
static void __attribute__((format(printf, 2, 3)))
partial(walk *w, const char *fmt, ...)
{
	if (w->err)
		return;
	va_list ap;
	va_start(ap, fmt);
	w->err = vfmt(fmt, ap);
	va_end(ap);
}

/* libudfread spells a character outside the BMP as two 3-byte surrogates
 * (CESU-8); joined here into one UTF-8 sequence. NUL stays C0 80, which
 * the name decoder then escapes. */
static char *
utf8_name(const char *s, const char **enc, char **raw)
{
	size_t n = strlen(s);
	char *o = zz_emalloc(n + 1), *q = o;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (p[0] == 0xed && (p[1] & 0xf0) == 0xa0 && p[3] == 0xed && (p[4] & 0xf0) == 0xb0 &&
		    (p[2] & 0xc0) == 0x80 && (p[5] & 0xc0) == 0x80) {
			unsigned hi = ((p[1] & 0x0fu) << 6) | (p[2] & 0x3fu);
			unsigned lo = ((p[4] & 0x0fu) << 6) | (p[5] & 0x3fu);
			unsigned c = 0x10000 + (hi << 10) + lo;
			*q++ = (char)(0xf0 | c >> 18);
			*q++ = (char)(0x80 | (c >> 12 & 0x3f));
			*q++ = (char)(0x80 | (c >> 6 & 0x3f));
			*q++ = (char)(0x80 | (c & 0x3f));
			p += 6;
		} else {
			*q++ = (char)*p++;
		}
	}
	*q = '\0';
	*raw = NULL;
	if (zz_utf8_valid(o, (size_t)(q - o))) {
		*enc = "utf-8";
		return o;
	}
	char *d = zz_decode_name(o, (size_t)(q - o), 0, enc);
	*raw = o;
	return d;
}

static void __attribute__((format(printf, 4, 5)))
refuse(walk *w, const char *path, const char *code, const char *fmt, ...)
{
	const char *enc;
	char *raw, *name = utf8_name(path, &enc, &raw);
	va_list ap;
	va_start(ap, fmt);
	char *why = vfmt(fmt, ap);
	va_end(ap);
	zz_u_count_entry(w->u, w->ax, name);
	zz_u_refuse(w->u, w->ax, name, code, "%s", why);
	free(name), free(raw), free(why);
}

typedef struct fsrc {
	UDFFILE *f;
	blk *b;
} fsrc;

static ssize_t
f_read(void *h, void *buf, size_t n)
{
	return udfread_file_read(((fsrc *)h)->f, buf, n);
}

static const char *
f_error(void *h)
{
	const char *why = ((fsrc *)h)->b->why;
	return why ? why : "its data cannot be read (damaged disc)";
}

static void
one_file(walk *w, UDFDIR *d, const char *path, const char *leaf)
{
	w->files++;
	const char *enc;
	char *raw, *name = utf8_name(path, &enc, &raw);
	w->b->why = NULL;
	UDFFILE *f = udfread_file_openat(d, leaf);
	if (!f) {
		const char *why = w->b->why ? w->b->why : "its file entry is damaged";
		zz_u_count_entry(w->u, w->ax, name);
		zz_u_refuse(w->u, w->ax, name, "read-error", "damaged entry: %s", why);
		partial(w, "'%s': %s", name, why);
	} else {
		int64_t size = udfread_file_size(f);
		fsrc s = {f, w->b};
		zz_source src = {f_read, f_error, NULL, &s, size < 0 ? UINT64_MAX : (uint64_t)size, 0};
		char *err = NULL;
		if (zz_u_put(w->u, w->ax, name, enc, raw, raw ? strlen(raw) : 0, &src, &err) < 0)
			partial(w, "'%s': %s", name, err ? err : "read error");
		free(err);
		udfread_file_close(f);
	}
	free(name), free(raw);
}

static void walk_dir(walk *w, UDFDIR *d, const char *path, unsigned depth);

static void
sub_dir(walk *w, UDFDIR *d, const char *path, const char *leaf, unsigned depth)
{
	const char *enc;
	char *raw, *name = utf8_name(path, &enc, &raw); /* for messages */
	free(raw);
	if (depth + 1 >= MAX_DEPTH) {
		refuse(w, path, "nesting-depth", "directory nested more than %d levels deep: not read",
		       MAX_DEPTH);
		partial(w, "'%s': directories nested too deep", name);
		free(name);
		return;
	}
	if (w->dirs >= MAX_DIRS) {
		partial(w, "'%s': more than %d directories: the rest not read", name, MAX_DIRS);
		free(name);
		return;
	}
	w->b->why = NULL;
	UDFDIR *c = udfread_opendir_at(d, leaf);
	w->dirs++;
	if (!c) {
		const char *why = w->b->why ? w->b->why : "its directory entries are damaged";
		refuse(w, path, "read-error", "damaged directory: %s", why);
		partial(w, "'%s': %s", name, why);
		free(name);
		return;
	}
	ent *e;
	size_t n = list(c, &e, &w->sig[depth + 1]);
	free_list(e, n);
	int a = repeats(w, depth + 1, w->sig[depth + 1]);
	if (a >= 0 && loops(w, c, depth + 1, LOOP_PROOF)) {
		/* the ancestor it repeats is the head of the path, a levels in */
		const char *up = name;
		for (int i = 0; i < a && up; i++)
			up = strchr(up + (i > 0), '/');
		char *to = a == 0 ? zz_estrdup("the root directory")
		                  : zz_easprintf("'%.*s'", (int)(up ? up - name : 0), name);
		refuse(w, path, "directory-loop",
		       "directory loop: it leads back to %s (a damaged or hostile disc): not followed",
		       to);
		partial(w, "'%s': directory loop back to %s", name, to);
		free(to);
	} else {
		walk_dir(w, c, path, depth + 1);
	}
	udfread_closedir(c);
	free(name);
}

static void
walk_dir(walk *w, UDFDIR *d, const char *path, unsigned depth)
{
	ent *e;
	size_t n = list(d, &e, &w->sig[depth]);
	for (size_t i = 0; i < n; i++) {
		if (!w->b->budget) {
			partial(w, "%s", w->b->why ? w->b->why : "the disc's structures loop");
			break;
		}
		char *p = *path ? zz_easprintf("%s/%s", path, e[i].name) : zz_estrdup(e[i].name);
		if (e[i].dir)
			sub_dir(w, d, p, e[i].name, depth);
		else
			one_file(w, d, p, e[i].name);
		free(p);
	}
	free_list(e, n);
}

int
zz_u_udf(zz_unpack *u, const char *path, const zz_actx *ax, char **err)
{
	*err = NULL;
	blk b;
	udfread *udf = open_udf(path, &b, err);
	if (!udf)
		return -1;
	walk w = {0};
	w.u = u, w.ax = ax, w.b = &b;
	UDFDIR *root = udfread_opendir(udf, "/");
	int rc = 0;
	if (!root) {
		*err = zz_easprintf("cannot read the root directory%s%s", b.why ? ": " : "",
		                    b.why ? b.why : "");
		rc = -1;
	} else {
		walk_dir(&w, root, "", 0);
		udfread_closedir(root);
		if (w.err) {
			*err = w.err;
			rc = w.files || w.dirs ? 1 : -1;
		}
	}
	udfread_close(udf);
	close(b.fd);
	return rc;
}

/* ---- which reader a disc image gets ---- */

static int
block(int fd, uint32_t lba, unsigned char *buf)
{
	return pread(fd, buf, 2048, (off_t)lba * 2048) == 2048 ? 0 : -1;
}

/* A UDF volume: an NSR descriptor in the volume recognition sequence and
 * an anchor volume descriptor pointer (tag 2) at sector 256. */
static int
has_udf(int fd, unsigned char *buf)
{
	if (block(fd, 256, buf) < 0 || (buf[0] | buf[1] << 8) != 2)
		return 0;
	unsigned sum = 0;
	for (int i = 0; i < 16; i++)
		sum += i == 4 ? 0 : buf[i];
	if ((sum & 0xff) != buf[4])
		return 0;
	for (uint32_t lba = 16; lba < 16 + 64 && block(fd, lba, buf) == 0; lba++)
		if (memcmp(buf + 1, "NSR02", 5) == 0 || memcmp(buf + 1, "NSR03", 5) == 0)
			return 1;
	return 0;
}

/* Is the tree of an ISO 9660 (or Joliet) volume descriptor a stub: a root
 * with no directory and at most one file, the README ("this disc needs
 * UDF") that burners put on the ISO side of a UDF disc? */
static int
iso_stub(int fd, const unsigned char *vd)
{
	const unsigned char *r = vd + 156; /* the root's directory record */
	uint32_t lba = r[2] | r[3] << 8 | r[4] << 16 | (uint32_t)r[5] << 24;
	uint32_t len = r[10] | r[11] << 8 | r[12] << 16 | (uint32_t)r[13] << 24;
	if (len > 8 * 2048)
		return 0; /* a root this long holds more than a README */
	unsigned char buf[2048];
	unsigned files = 0, dirs = 0;
	for (uint32_t off = 0; off < len; off += 2048) {
		if (block(fd, lba + off / 2048, buf) < 0)
			return 0;
		for (unsigned p = 0; p + 34 <= 2048 && buf[p] >= 34; p += buf[p]) {
			int dot = buf[p + 32] == 1 && buf[p + 33] <= 1; /* "." and ".." */
			if (!dot)
				(buf[p + 25] & 2) ? dirs++ : files++;
		}
	}
	return dirs == 0 && files <= 1;
}

/* The rule (see zizhi-unpack(1)): a disc image is read as UDF when it has
 * a UDF volume and no ISO 9660 tree, or only a stub one. A bridge disc
 * with the files on both sides stays with ISO 9660 and libarchive, as it
 * was read before UDF was. Only fixed-size structures are looked at here:
 * the disc's directories are parsed by the back end alone. */
int
zz_u_is_udf(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	unsigned char buf[2048];
	int udf = has_udf(fd, buf), stub = 1;
	/* the ISO 9660 descriptors: primary (1), supplementary/Joliet (2), up
	 * to the terminator (255) */
	for (uint32_t lba = 16; udf && stub && lba < 16 + 32 && block(fd, lba, buf) == 0; lba++) {
		if (memcmp(buf + 1, "CD001", 5) != 0 || buf[0] == 255)
			break;
		if (buf[0] == 1 || buf[0] == 2)
			stub = iso_stub(fd, buf);
	}
	close(fd);
	return udf && stub;
}
