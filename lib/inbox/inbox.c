/* inbox.c - a drop's way through the inbox: claimed by rename into
 * processing/ while holding processing/.NAME.lock (taken before the
 * rename, so an inbox that finds a drop in processing/ with its lock free
 * knows it was left by one that died), run, and moved to done/ or
 * failed/ under a name no drop there has (" (2)" added before the
 * extension), never replacing anything: renameat2 RENAME_NOREPLACE. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "inbox/inbox.h"

int
zz_inbox_open(zz_inbox *ib, const char *dir, const zz_settings *st, char **err)
{
	memset(ib, 0, sizeof *ib);
	*err = NULL;
	struct stat sb;
	if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		*err = zz_easprintf("cannot use inbox '%s': %s", dir, errno ? strerror(errno) : "not a folder");
		return -1;
	}
	char *why = NULL;
	if (zz_config_inbox(st->config, &ib->conf, &why) < 0) {
		*err = zz_easprintf("bad configuration in '%s':\n%s", st->config, why);
		free(why);
		return -1;
	}
	if (!(ib->run = zz_stage_path("run"))) {
		*err = zz_easprintf("zizhi-run not found");
		return -1;
	}
	ib->st = st;
	ib->dir = zz_estrdup(dir);
	ib->processing = zz_easprintf("%s/processing", dir);
	ib->done = zz_easprintf("%s/done", dir);
	ib->failed = zz_easprintf("%s/failed", dir);
	const char *sub[] = {ib->processing, ib->done, ib->failed};
	for (int i = 0; i < 3; i++)
		if (mkdir(sub[i], 0775) < 0 && errno != EEXIST) {
			*err = zz_easprintf("cannot create '%s': %s", sub[i], strerror(errno));
			return -1;
		}
	return 0;
}

void
zz_inbox_close(zz_inbox *ib)
{
	free(ib->dir), free(ib->processing), free(ib->done), free(ib->failed), free(ib->run);
	memset(ib, 0, sizeof *ib);
}

/* "a.zip", then "a (2).zip", "a (3).zip" … */
static char *
variant(const char *name, int k)
{
	if (k == 1)
		return zz_estrdup(name);
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		dot = name + strlen(name);
	return zz_easprintf("%.*s (%d)%s", (int)(dot - name), name, k, dot);
}

/* The drop's lock, or -1 when another inbox holds it. The file is checked
 * to be the one at the path once locked: an inbox that finished a drop
 * removes its lock file, and a lock on a removed file guards nothing. */
static int
lock_item(const char *processing, const char *name)
{
	char *path = zz_easprintf("%s/.%s.lock", processing, name);
	int fd = -1;
	for (int tries = 0; tries < 5 && fd < 0; tries++) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		struct stat a, b;
		if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
			if (fd >= 0)
				close(fd);
			fd = -1;
			break;
		}
		if (fstat(fd, &a) < 0 || stat(path, &b) < 0 || a.st_ino != b.st_ino) {
			close(fd);
			fd = -1;
		}
	}
	free(path);
	return fd;
}

static void
unlock_item(const char *processing, const char *name, int fd, int finished)
{
	if (finished) { /* removed while held: see lock_item */
		char *path = zz_easprintf("%s/.%s.lock", processing, name);
		unlink(path);
		free(path);
	}
	close(fd);
}

/* Moves from/name into dir under a name not taken there; the name given
 * in *final. -1 (errno) when from/name is gone or cannot move. */
static int
move_new(const char *from, const char *name, const char *dir, char **final)
{
	char *src = zz_easprintf("%s/%s", from, name);
	int rc = -1;
	for (int k = 1; k < 1000 && rc < 0; k++) {
		char *v = variant(name, k), *dst = zz_easprintf("%s/%s", dir, v);
		rc = renameat2(AT_FDCWD, src, AT_FDCWD, dst, RENAME_NOREPLACE);
		free(dst);
		if (rc == 0)
			*final = v;
		else
			free(v);
		if (rc < 0 && errno != EEXIST)
			break;
	}
	free(src);
	return rc;
}

/* what the run said last about why the drop failed */
static char *
reason_of(const char *log)
{
	char *text = NULL, *r = NULL;
	size_t n = 0;
	if (zz_read_file(log, 1 << 24, &text, &n) < 0) {
		free(text);
		return zz_estrdup("no reason given (see the log)");
	}
	for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		char *f = strstr(line, " failed in ");
		if (f || (!r && *line && strncmp(line, "  ", 2))) {
			free(r);
			r = zz_estrdup(f ? f + 1 : line);
		}
	}
	free(text);
	return r ? r : zz_estrdup("no reason given (see the log)");
}

/* the last line of a file: the case directory a run printed last */
static char *
last_line(const char *path)
{
	char *text = NULL, *r = NULL;
	size_t n = 0;
	if (zz_read_file(path, 1 << 20, &text, &n) == 0) {
		while (n && text[n - 1] == '\n')
			text[--n] = '\0';
		char *nl = strrchr(text, '\n');
		if (n)
			r = zz_estrdup(nl ? nl + 1 : text);
	}
	free(text);
	return r;
}

typedef struct item {
	char *name, *path, *out, *log, *tries_path;
	int tries; /* runs before this one */
	time_t next;
	char *last_reason;
} item;

static void
item_init(item *it, const zz_inbox *ib, const char *name)
{
	memset(it, 0, sizeof *it);
	it->name = zz_estrdup(name);
	it->path = zz_easprintf("%s/%s", ib->processing, name);
	it->out = zz_easprintf("%s/.%s.out", ib->processing, name);
	it->log = zz_easprintf("%s/.%s.log", ib->processing, name);
	it->tries_path = zz_easprintf("%s/.%s.tries", ib->processing, name);
	char *t = NULL;
	size_t n = 0;
	long long next = 0;
	if (zz_read_file(it->tries_path, 1 << 16, &t, &n) == 0 && sscanf(t, "%d %lld", &it->tries, &next) == 2) {
		char *nl = strchr(t, '\n');
		it->last_reason = zz_estrdup(nl ? nl + 1 : "");
	}
	it->next = (time_t)next;
	free(t);
}

static void
item_free(item *it)
{
	free(it->name), free(it->path), free(it->out), free(it->log), free(it->tries_path);
	free(it->last_reason);
}

/* The drop leaves processing/ for done/ or failed/ with its note (NAME.case
 * or NAME.reason) and its log beside it. */
static char *
leave(zz_inbox *ib, item *it, const char *to, const char *note_ext, const char *note)
{
	char *final = NULL;
	if (move_new(ib->processing, it->name, to, &final) < 0) {
		zz_warn("%s: cannot move to '%s': %s (it stays in processing/)", it->name, to, strerror(errno));
		ib->status = ZZ_EXIT_IO > ib->status ? ZZ_EXIT_IO : ib->status;
		return zz_estrdup("?");
	}
	char *np = zz_easprintf("%s/%s.%s", to, final, note_ext), *lp = zz_easprintf("%s/%s.log", to, final);
	zz_rm_stale_tmp(to, final);
	if (zz_write_atomic(np, note, strlen(note)) < 0)
		zz_warn("cannot write '%s': %s", np, strerror(errno));
	rename(it->log, lp);
	unlink(it->out), unlink(it->tries_path);
	free(np), free(lp);
	return final; /* another name when one like it was there */
}

/* Runs the drop: as a supplement to the case its name gives; else up to
 * extract as a case of its own, then joined to the case its text names,
 * or on to the end. Returns the run's status; *casedir, *how. */
static int
run_drop(zz_inbox *ib, item *it, char **casedir, const char **how)
{
	char *target = zz_supplement_by_name(ib->st->spool, it->name);
	*how = target ? "by the case id in its name" : NULL;
	char *join[] = {ib->run, "--join", target, "--", it->path, NULL};
	char *until[] = {ib->run, "--until", "extract", "--", it->path, NULL};
	char *all[] = {ib->run, "--", it->path, NULL};
	int rc;
	if (!target) {
		rc = ib->spawn(until, it->out, it->log);
		char *own = rc <= ZZ_EXIT_ITEMS ? last_line(it->out) : NULL;
		if (own && (target = zz_supplement_by_text(ib->st, own, how))) {
			join[2] = target;
			zz_rmtree(own); /* never loaded: it lives on in the case it joins */
		}
		free(own);
		if (rc > ZZ_EXIT_ITEMS)
			return rc;
	}
	rc = ib->spawn(target ? join : all, it->out, it->log);
	free(target);
	*casedir = last_line(it->out);
	return rc;
}

static void
run_item(zz_inbox *ib, item *it)
{
	char *casedir = NULL;
	const char *how = NULL;
	int rc = run_drop(ib, it, &casedir, &how);
	if (rc == ZZ_EXIT_OK || (rc == ZZ_EXIT_ITEMS && casedir)) {
		char *v = zz_case_verdict(casedir), *id = zz_case_id(casedir);
		if (!v)
			v = zz_estrdup("-");
		char *note = zz_easprintf("case: %s\nverdict: %s\n%s%s%s", casedir, v, how ? "joined: " : "",
		                          how ? how : "", how ? "\n" : "");
		char *as = leave(ib, it, ib->done, "case", note);
		printf("%s\n", casedir);
		fflush(stdout);
		if (!ib->st->quiet)
			fprintf(stderr, "zizhi-inbox: %s: done/%s: %s %s%s%s\n", it->name, as, id, v, how ? ", joined " : "",
			        how ? how : "");
		free(v), free(id), free(note), free(as);
	} else {
		/* a bad input fails for good; the rest (busy database, full disk,
		 * killed run, broken configuration) may pass */
		int passing = rc > ZZ_EXIT_USAGE;
		char *why = reason_of(it->log);
		if (passing && it->tries + 1 < (int)ib->conf.tries && !getenv("ZIZHI_INBOX_NO_RETRY")) {
			char *t = zz_easprintf("%d %lld\n%s\n", it->tries + 1,
			                       (long long)time(NULL) + ib->conf.retry_after, why);
			zz_write_atomic(it->tries_path, t, strlen(t));
			free(t);
			zz_warn("%s: will try again in %u s (try %d of %u): %s", it->name, ib->conf.retry_after,
			        it->tries + 1, ib->conf.tries, why);
		} else {
			char *note = passing ? zz_easprintf("gave up after %d tries: %s\n", it->tries + 1, why)
			                     : zz_easprintf("%s\n", why);
			char *as = leave(ib, it, ib->failed, "reason", note);
			zz_warn("%s: failed/%s: %s", it->name, as, note);
			free(note), free(as);
		}
		if (ib->status < ZZ_EXIT_ITEMS)
			ib->status = ZZ_EXIT_ITEMS;
		free(why);
	}
	free(casedir);
}

void
zz_inbox_take(zz_inbox *ib, const char *name)
{
	for (int k = 1; k < 1000; k++) {
		char *v = variant(name, k);
		int fd = lock_item(ib->processing, v);
		if (fd < 0) { /* another inbox is at a drop of that name */
			free(v);
			continue;
		}
		char *src = zz_easprintf("%s/%s", ib->dir, name), *dst = zz_easprintf("%s/%s", ib->processing, v);
		int r = renameat2(AT_FDCWD, src, AT_FDCWD, dst, RENAME_NOREPLACE), e = errno;
		free(src), free(dst);
		if (r < 0) {
			unlock_item(ib->processing, v, fd, e != EEXIST);
			free(v);
			if (e == EEXIST)
				continue; /* a drop of that name waits for a retry */
			if (e != ENOENT) /* ENOENT: another inbox took it first */
				zz_warn("cannot claim '%s/%s': %s", ib->dir, name, strerror(e));
			return;
		}
		item it;
		item_init(&it, ib, v);
		run_item(ib, &it);
		unlock_item(ib->processing, v, fd, access(it.path, F_OK) != 0);
		item_free(&it);
		free(v);
		return;
	}
}

void
zz_inbox_retry(zz_inbox *ib)
{
	DIR *d = opendir(ib->processing);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		int fd = lock_item(ib->processing, e->d_name);
		if (fd < 0)
			continue;
		item it;
		item_init(&it, ib, e->d_name);
		if (!it.tries && access(it.out, F_OK) == 0) /* an inbox died running it */
			it.tries = 1;
		if (time(NULL) >= it.next)
			run_item(ib, &it);
		unlock_item(ib->processing, e->d_name, fd, access(it.path, F_OK) != 0);
		item_free(&it);
	}
	if (d)
		closedir(d);
}
