/* casejoin.c - supplementary materials (补充资料) joining a case that
 * exists: the drop is unpacked by the same engine, with the same limits,
 * as a submission, its files are moved into CASE/files/补充资料-N/ and
 * case.xml is rewritten with them appended, so the case keeps its id and
 * the later stages, finding case.xml newer than their output, read,
 * extract and decide it again.
 *
 * The merge works on case.xml itself (libxml2's tree API): the drop's own
 * case.xml is written by zz_unpack_write_xml into a scratch directory, its
 * ids, paths and archive chains renumbered and its elements appended to
 * the case's. The unpack engine and the writer stay as they are, and the
 * case's earlier entries, which no zz_unpack holds any more, are carried
 * over as they were written.
 *
 * Crash safety: the files go first, in one rename, into a folder that
 * case.xml does not mention yet; case.xml follows by rename. A run killed
 * between the two leaves a folder no case.xml names, which the next join
 * removes under the case's lock before it picks a folder. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "unpack/unpack.h"

static unsigned long long
num_prop(xmlNodePtr n, const char *name)
{
	char *v = zz_xml_prop(n, name);
	unsigned long long r = v ? strtoull(v, NULL, 10) : 0;
	free(v);
	return r;
}

static void
set_num(xmlNodePtr n, const char *name, unsigned long long v)
{
	char b[32];
	snprintf(b, sizeof b, "%llu", v);
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)b);
}

/* The number of an id such as f23 or a4; -1 when it is not one. */
static long
id_num(xmlNodePtr n, const char *attr, char prefix)
{
	char *v = zz_xml_prop(n, attr), *end = NULL;
	long r = v && v[0] == prefix && v[1] ? strtol(v + 1, &end, 10) : -1;
	if (end && *end)
		r = -1;
	free(v);
	return r;
}

/* path under files/ as it is under folder instead */
static char *
moved(const char *path, const char *folder)
{
	if (!strcmp(path, "files"))
		return zz_estrdup(folder);
	if (!strncmp(path, "files/", 6))
		return zz_easprintf("%s/%s", folder, path + 6);
	return zz_estrdup(path);
}

static int
under(const char *path, const char *folder)
{
	size_t n = strlen(folder);
	return path && !strncmp(path, folder, n) && (path[n] == '\0' || path[n] == '/');
}

/* Whether case.xml names anything at or under folder (files/NAME): a
 * joined supplement, or a folder of the submission that happens to have
 * such a name. */
static int
mentioned(xmlNodePtr root, const char *folder)
{
	static const char *const attrs[][2] = {
		{"file", "path"}, {"archive", "dir"}, {"supplement", "folder"},
	};
	for (xmlNodePtr n = root->children; n; n = n->next)
		for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
			if (!zz_xml_is(n, attrs[i][0]))
				continue;
			char *v = zz_xml_prop(n, attrs[i][1]);
			int hit = under(v, folder);
			free(v);
			if (hit)
				return 1;
		}
	return 0;
}

/* "补充资料-12" -> 12; 0 for any other name */
static unsigned
folder_num(const char *name)
{
	size_t n = strlen(ZZ_SUPPLEMENT_DIR);
	if (strncmp(name, ZZ_SUPPLEMENT_DIR, n) || name[n] != '-' || name[n + 1] < '1' ||
	    name[n + 1] > '9')
		return 0;
	char *end;
	unsigned long v = strtoul(name + n + 1, &end, 10);
	return *end || v > 1000000 ? 0 : (unsigned)v;
}

/* What a join killed part way left: its scratch directory, a temp
 * case.xml, and a supplement folder that case.xml does not name (the
 * files were moved, case.xml was not yet written). With the lock held
 * nobody else is joining. */
static void
sweep(const char *casedir, xmlNodePtr root)
{
	zz_rmtree_prefixed(casedir, ".join.");
	zz_rmtree_prefixed(casedir, "case.xml.tmp.");
	char *files = zz_easprintf("%s/files", casedir);
	DIR *d = opendir(files);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (!folder_num(e->d_name))
			continue;
		char *rel = zz_easprintf("files/%s", e->d_name);
		if (!mentioned(root, rel)) {
			char *p = zz_easprintf("%s/%s", files, e->d_name);
			zz_rmtree(p);
			free(p);
		}
		free(rel);
	}
	if (d)
		closedir(d);
	free(files);
}

/* The first files/补充资料-N neither named in case.xml nor on disk. */
static char *
next_folder(const char *casedir, xmlNodePtr root)
{
	for (unsigned n = 1;; n++) {
		char *rel = zz_easprintf("files/%s-%u", ZZ_SUPPLEMENT_DIR, n);
		char *abs = zz_easprintf("%s/%s", casedir, rel);
		struct stat st;
		int free_ = !mentioned(root, rel) && lstat(abs, &st) < 0 && errno == ENOENT;
		free(abs);
		if (free_)
			return rel;
		free(rel);
	}
}

/* Nothing may be read from inside the case while it is written to. */
static int
overlaps(const char *input, const char *casedir)
{
	char a[PATH_MAX], b[PATH_MAX];
	if (!realpath(input, a) || !realpath(casedir, b))
		return 0;
	size_t la = strlen(a), lb = strlen(b);
	return (!strncmp(a, b, la) && (b[la] == '/' || b[la] == '\0' || la == 1)) ||
	       (!strncmp(a, b, lb) && a[lb] == '/');
}

/* case.xml of a case unpacked whole; NULL with *why. */
static xmlDocPtr
load_case(const char *casedir, char **why)
{
	*why = NULL;
	char *path = zz_easprintf("%s/case.xml", casedir);
	xmlDocPtr doc = NULL;
	if (access(path, F_OK) < 0) {
		*why = zz_easprintf("no case.xml: %s", strerror(errno));
	} else if (!(doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS |
	                                               XML_PARSE_NOERROR | XML_PARSE_NOWARNING))) {
		*why = zz_estrdup("its case.xml cannot be parsed");
	} else {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		char *status = root && zz_xml_is(root, "case") ? zz_xml_prop(root, "status") : NULL;
		if (!status || strcmp(status, "complete"))
			*why = zz_easprintf("its case.xml says it was %s", status ? status
			                    : "not unpacked (no <case status>)");
		free(status);
	}
	free(path);
	if (*why) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* The supplement element of sha256 in root, if that drop was joined. */
static xmlNodePtr
find_supplement(xmlNodePtr root, const char *sha)
{
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (!zz_xml_is(n, "supplement"))
			continue;
		char *v = zz_xml_prop(n, "sha256");
		int hit = v && !strcmp(v, sha);
		free(v);
		if (hit)
			return n;
	}
	return NULL;
}

/* "a3" -> "a(3+off)" in attr, for each id of a space-separated list. */
static void
renumber(xmlNodePtr n, const char *attr, char prefix, long off)
{
	char *v = zz_xml_prop(n, attr);
	if (!v)
		return;
	zz_buf b = {0};
	char *save = NULL;
	for (char *t = strtok_r(v, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char *end = NULL;
		long k = t[0] == prefix ? strtol(t + 1, &end, 10) : -1;
		if (k >= 0 && end && !*end)
			zz_buf_addf(&b, "%s%c%ld", b.len ? " " : "", prefix, k + off);
		else
			zz_buf_addf(&b, "%s%s", b.len ? " " : "", t);
	}
	xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)(b.s ? b.s : ""));
	zz_buf_free(&b);
	free(v);
}

static void
move_path(xmlNodePtr n, const char *attr, const char *folder)
{
	char *v = zz_xml_prop(n, attr);
	if (!v)
		return;
	char *m = moved(v, folder);
	xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)m);
	free(m), free(v);
}

/* The case's elements in the schema's order, for appending in place. */
enum { SUBMISSION, SUPPLEMENT, ARCHIVE, FILE_, REFUSED, REFUSED_MORE, OTHER, NGROUP };
static const char *const group_names[] = {
	"submission", "supplement", "archive", "file", "refused", "refused-more",
};

static int
group_of(xmlNodePtr n)
{
	for (int g = 0; g < OTHER; g++)
		if (zz_xml_is(n, group_names[g]))
			return g;
	return OTHER;
}

typedef struct join {
	const char *casedir, *input, *folder, *sha;
	long file_off, archive_off;
	char sid[24];
	unsigned long long files, refused, bytes; /* of the drop */
} join;

/* Appends the drop's case.xml (sup) to the case's (doc): new ids after
 * the case's highest, paths under the supplement's folder, a
 * <supplement> element saying what came when, and the counts. The case's
 * elements are taken out by kind and put back in the schema's order with
 * the drop's after each kind's last. */
static void
merge(xmlDocPtr doc, xmlDocPtr sup, join *j)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), sroot = xmlDocGetRootElement(sup);
	GPtrArray *g[NGROUP];
	for (int k = 0; k < NGROUP; k++)
		g[k] = g_ptr_array_new();
	for (xmlNodePtr n = root->children, next; n; n = next) {
		next = n->next;
		xmlUnlinkNode(n);
		g_ptr_array_add(g[group_of(n)], n);
	}
	xmlNodePtr subm = NULL;
	unsigned long long more = 0;
	for (xmlNodePtr n = sroot->children; n; n = n->next) {
		int k = group_of(n);
		if (k == SUBMISSION)
			subm = n;
		if (k == REFUSED_MORE)
			more += num_prop(n, "count");
		if (k != ARCHIVE && k != FILE_ && k != REFUSED)
			continue;
		xmlNodePtr c = xmlDocCopyNode(n, doc, 1);
		if (!c)
			zz_die(ZZ_EXIT_INTERNAL, "out of memory");
		if (k == ARCHIVE) {
			renumber(c, "id", 'a', j->archive_off);
			renumber(c, "parent", 'a', j->archive_off);
			move_path(c, "dir", j->folder);
		} else if (k == FILE_) {
			renumber(c, "id", 'f', j->file_off);
			move_path(c, "path", j->folder);
		}
		renumber(c, "chain", 'a', j->archive_off);
		renumber(c, "archive", 'a', j->archive_off);
		xmlSetProp(c, (const xmlChar *)"supplement", (const xmlChar *)j->sid);
		g_ptr_array_add(g[k], c);
	}

	xmlNodePtr s = xmlNewDocNode(doc, NULL, (const xmlChar *)"supplement", NULL);
	char *path = subm ? zz_xml_prop(subm, "path") : NULL;
	char *kind = subm ? zz_xml_prop(subm, "kind") : NULL, when[32];
	xmlSetProp(s, (const xmlChar *)"id", (const xmlChar *)j->sid);
	xmlSetProp(s, (const xmlChar *)"path", (const xmlChar *)(path ? path : j->input));
	xmlSetProp(s, (const xmlChar *)"kind", (const xmlChar *)(kind ? kind : "file"));
	xmlSetProp(s, (const xmlChar *)"sha256", (const xmlChar *)j->sha);
	xmlSetProp(s, (const xmlChar *)"added", (const xmlChar *)zz_utc_time(time(NULL), when));
	xmlSetProp(s, (const xmlChar *)"folder", (const xmlChar *)j->folder);
	set_num(s, "files", j->files);
	set_num(s, "refused", j->refused);
	set_num(s, "bytes", j->bytes);
	free(path), free(kind);
	g_ptr_array_add(g[SUPPLEMENT], s);
	if (more) {
		if (!g[REFUSED_MORE]->len)
			g_ptr_array_add(g[REFUSED_MORE],
			                xmlNewDocNode(doc, NULL, (const xmlChar *)"refused-more", NULL));
		xmlNodePtr m = g_ptr_array_index(g[REFUSED_MORE], 0);
		set_num(m, "count", num_prop(m, "count") + more);
	}

	for (int k = 0; k < NGROUP; k++) {
		for (guint i = 0; i < g[k]->len; i++)
			xmlAddChild(root, g_ptr_array_index(g[k], i));
		g_ptr_array_free(g[k], TRUE);
	}
	set_num(root, "files", num_prop(root, "files") + j->files);
	set_num(root, "refused", num_prop(root, "refused") + j->refused);
	set_num(root, "bytes", num_prop(root, "bytes") + j->bytes);
}

/* The later stages redo a case whose case.xml is newer than their output.
 * File times advance by the kernel's tick (some milliseconds), so a join
 * just after a stage finished could stamp case.xml with its output's very
 * time and look old; case.xml is then set a nanosecond past the newest. */
static void
after_outputs(const char *casedir)
{
	static const char *const outs[] = {"read/read.xml", "extract/extract.xml", "report.xml"};
	char *x = zz_easprintf("%s/case.xml", casedir);
	struct stat st;
	if (stat(x, &st) == 0) {
		struct timespec t = st.st_mtim;
		int bump = 0;
		for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) {
			char *p = zz_easprintf("%s/%s", casedir, outs[i]);
			struct stat o;
			if (stat(p, &o) == 0 && (o.st_mtim.tv_sec > t.tv_sec ||
			                         (o.st_mtim.tv_sec == t.tv_sec &&
			                          o.st_mtim.tv_nsec >= t.tv_nsec))) {
				t = o.st_mtim;
				bump = 1;
			}
			free(p);
		}
		if (bump) {
			if (++t.tv_nsec >= 1000000000L)
				t.tv_sec++, t.tv_nsec = 0;
			struct timespec ts[2] = {{0, UTIME_OMIT}, t};
			utimensat(AT_FDCWD, x, ts, 0);
		}
	}
	free(x);
}

static void
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Unpacks the drop into tmp and writes its own case.xml there; a
 * ZZ_EXIT_* code, with *err when nothing is to be joined. */
static int
unpack_drop(const char *tmp, xmlNodePtr root, const zz_limits *lim, join *j, int flags,
            char **err)
{
	/* the limits are the case's: its files, nested archives and refused
	 * entries count already (folders are not in case.xml and do not) */
	uint64_t base_bytes = num_prop(root, "bytes"), base_entries = num_prop(root, "refused");
	for (xmlNodePtr n = root->children; n; n = n->next)
		base_entries += zz_xml_is(n, "file") || (zz_xml_is(n, "archive") &&
		                                         num_prop(n, "depth") > 0);
	char *e = NULL;
	zz_unpack *u = zz_unpack_new(tmp, lim, &e);
	if (!u) {
		*err = e;
		return ZZ_EXIT_INTERNAL;
	}
	u->total = base_bytes;
	u->entries = base_entries;
	int rc = ZZ_EXIT_OK, r = zz_unpack_input(u, j->input, &e);
	if (r < 0) {
		*err = zz_easprintf("cannot read '%s': %s", j->input, e);
		rc = ZZ_EXIT_ITEMS;
		goto out;
	}
	if (r > 0) {
		/* half a drop would have the rest come again in a second one, the
		 * same files twice in the case: all of it is asked for instead */
		*err = zz_easprintf("cannot read '%s' whole: %s; nothing joined to '%s'", j->input, e,
		                    j->casedir);
		rc = ZZ_EXIT_ITEMS;
		goto out;
	}
	zz_unpack_report(u, j->input, flags & ZZ_JOIN_QUIET);
	u->total -= base_bytes; /* the drop's own bytes, in its case.xml */
	size_t nf, nr, ne;
	zz_unpack_counts(u, &nf, &nr, &ne);
	j->files = nf, j->refused = nr, j->bytes = u->total;
	char *id = zz_xml_prop(root, "id"), *x = zz_easprintf("%s/case.xml", tmp);
	if (zz_unpack_write_xml(u, id ? id : "0000000000000000", x) < 0) {
		*err = zz_easprintf("cannot write '%s': %s", x, strerror(errno));
		rc = ZZ_EXIT_IO;
	}
	free(id), free(x);
out:
	free(e);
	zz_unpack_destroy(&u);
	return rc;
}

/* Under the lock: joins the drop to the case in doc; a ZZ_EXIT_* code. */
static int
join_locked(xmlDocPtr doc, const zz_limits *lim, join *j, int flags, char **err)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	sweep(j->casedir, root);
	char *tmp = zz_easprintf("%s/.join.XXXXXX", j->casedir), *folder = NULL;
	char *files = zz_easprintf("%s/files", j->casedir), *dst = NULL, *src = NULL;
	xmlDocPtr sup = NULL;
	xmlChar *mem = NULL;
	int rc = ZZ_EXIT_IO, len = 0;
	struct stat st;
	if (!mkdtemp(tmp)) {
		*err = zz_easprintf("cannot create '%s': %s", tmp, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	mode_t mask = umask(0);
	umask(mask);
	chmod(tmp, 0777 & ~mask); /* mkdtemp made it private; a case is for reviewers */
	if ((rc = unpack_drop(tmp, root, lim, j, flags, err)) > ZZ_EXIT_ITEMS || *err)
		goto out;
	char *x = zz_easprintf("%s/case.xml", tmp);
	sup = xmlReadFile(x, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(x);
	if (!sup) {
		*err = zz_easprintf("cannot read back the case.xml of '%s'", j->input);
		rc = ZZ_EXIT_INTERNAL;
		goto out;
	}
	long maxf = 0, maxa = -1;
	unsigned maxs = 0;
	for (xmlNodePtr n = root->children; n; n = n->next) {
		long k;
		if (zz_xml_is(n, "file") && (k = id_num(n, "id", 'f')) > maxf)
			maxf = k;
		if (zz_xml_is(n, "archive") && (k = id_num(n, "id", 'a')) > maxa)
			maxa = k;
		if (zz_xml_is(n, "supplement") && (k = id_num(n, "id", 's')) > (long)maxs)
			maxs = (unsigned)k;
	}
	j->file_off = maxf;     /* f1 of the drop follows the case's last file */
	j->archive_off = maxa + 1; /* archives count from a0 */
	snprintf(j->sid, sizeof j->sid, "s%u", maxs + 1);
	j->folder = folder = next_folder(j->casedir, root);
	merge(doc, sup, j);
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (!mem) {
		*err = zz_estrdup("out of memory");
		rc = ZZ_EXIT_INTERNAL;
		goto out;
	}

	/* files/ must be the case's own folder, not a link out of it */
	if (lstat(files, &st) < 0 && errno == ENOENT)
		mkdir(files, 0755);
	if (lstat(files, &st) < 0) {
		*err = zz_easprintf("cannot use '%s': %s", files, strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		*err = zz_easprintf("cannot use '%s': not a folder", files);
		rc = ZZ_EXIT_ITEMS;
		goto out;
	}
	int tfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (tfd >= 0) {
		syncfs(tfd); /* the bytes are on disk before anything names them */
		close(tfd);
	}
	src = zz_easprintf("%s/files", tmp);
	dst = zz_easprintf("%s/%s", j->casedir, folder);
	if (rename(src, dst) < 0) {
		*err = zz_easprintf("cannot move the files of '%s' to '%s': %s", j->input, dst,
		                    strerror(errno));
		rc = ZZ_EXIT_IO;
		goto out;
	}
	sync_dir(files);
	char *cx = zz_easprintf("%s/case.xml", j->casedir);
	if (zz_write_atomic(cx, mem, (size_t)len) < 0) {
		*err = zz_easprintf("cannot write '%s': %s", cx, strerror(errno));
		free(cx);
		zz_rmtree(dst); /* no case.xml names it; the next join would remove it */
		rc = ZZ_EXIT_IO;
		goto out;
	}
	free(cx);
	sync_dir(j->casedir);
	after_outputs(j->casedir);
	rc = j->refused ? ZZ_EXIT_ITEMS : ZZ_EXIT_OK;
	if ((flags & ZZ_JOIN_VERBOSE) || j->refused)
		zz_warn("'%s': %llu files, %llu refused -> %s/%s", j->input, j->files, j->refused,
		        j->casedir, folder);
out:
	if (tmp)
		zz_rmtree(tmp);
	xmlFree(mem);
	xmlFreeDoc(sup);
	free(tmp), free(files), free(src), free(dst), free(folder);
	return rc;
}

int
zz_case_join(const char *casedir, const char *input, const zz_limits *lim, int lock_timeout,
             int flags, char **err)
{
	*err = NULL;
	struct stat st;
	char sha[65], *e = NULL, *why = NULL, *id = NULL;
	int r = stat(casedir, &st);
	if (r < 0 || !S_ISDIR(st.st_mode)) {
		*err = zz_easprintf("cannot join '%s' to '%s': %s", input, casedir,
		                    r == 0 ? "not a folder" : errno == ENOENT ? "no such case"
		                                                              : strerror(errno));
		return ZZ_EXIT_ITEMS;
	}
	if (overlaps(input, casedir)) {
		*err = zz_easprintf("cannot join '%s' to '%s': it holds the case or lies in it",
		                    input, casedir);
		return ZZ_EXIT_ITEMS;
	}
	if (zz_input_hash(input, sha, &e) < 0) {
		*err = zz_easprintf("cannot open '%s': %s", input, e);
		free(e);
		return ZZ_EXIT_ITEMS;
	}
	int rc = ZZ_EXIT_ITEMS, lock = zz_lock_case(casedir, lock_timeout);
	if (lock < 0) {
		*err = zz_easprintf("cannot lock '%s': %s", casedir,
		                    errno == EWOULDBLOCK ? "another process holds it" : strerror(errno));
		return ZZ_EXIT_ITEMS;
	}
	xmlDocPtr doc = load_case(casedir, &why);
	if (!doc) {
		*err = zz_easprintf("cannot join '%s' to '%s': not a case unpacked whole: %s", input,
		                    casedir, why);
		goto out;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc), had;
	id = zz_xml_prop(root, "id");
	if (id && strlen(id) == 16 && !strncmp(sha, id, 16)) {
		/* the case's own submission: everything in it is there */
		if (flags & ZZ_JOIN_VERBOSE)
			zz_warn("'%s': it is the submission of %s: nothing to join", input, casedir);
		rc = ZZ_EXIT_OK;
		goto out;
	}
	if ((had = find_supplement(root, sha))) {
		unsigned long long refused = num_prop(had, "refused");
		char *folder = zz_xml_prop(had, "folder");
		if ((flags & ZZ_JOIN_VERBOSE) || refused)
			zz_warn("'%s': already joined to %s as %s (%llu entries refused: see its case.xml)",
			        input, casedir, folder ? folder : "?", refused);
		free(folder);
		rc = refused ? ZZ_EXIT_ITEMS : ZZ_EXIT_OK;
		goto out;
	}
	join j = {casedir, input, NULL, sha, 0, 0, "", 0, 0, 0};
	rc = join_locked(doc, lim, &j, flags, err);
out:
	free(why), free(id);
	xmlFreeDoc(doc);
	zz_unlock(&lock);
	return rc;
}
