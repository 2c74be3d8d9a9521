/* drop.c - is a file (or a folder) that a clerk dropped complete? A copy
 * in progress changes the times of what it writes, and the program
 * writing holds it open; a drop is complete when nothing in it has
 * changed for the settle time and no process here has any of it open for
 * writing. A writer on another machine (a network share) cannot be seen,
 * so the settle time is what covers that case. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "inbox/inbox.h"

static time_t newest;
static long long bytes, entries;

static int
visit(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	time_t t = sb->st_mtime > sb->st_ctime ? sb->st_mtime : sb->st_ctime;
	if (t > newest)
		newest = t;
	bytes += (long long)sb->st_size;
	entries++;
	return 0;
}

/* Whether some process here holds path (or, for a folder, a file in it)
 * open for writing: its /proc/PID/fd link names it, and fdinfo's flags
 * say O_WRONLY or O_RDWR. Processes of other users are not visible unless
 * we are root, which the inbox service need not be: settle covers them. */
static int
open_for_writing(const char *real)
{
	size_t n = strlen(real);
	DIR *proc = opendir("/proc");
	int found = 0;
	for (struct dirent *p; proc && !found && (p = readdir(proc));) {
		if (p->d_name[0] < '1' || p->d_name[0] > '9')
			continue;
		char dir[300];
		snprintf(dir, sizeof dir, "/proc/%s/fd", p->d_name);
		DIR *fds = opendir(dir);
		for (struct dirent *f; fds && !found && (f = readdir(fds));) {
			char link[PATH_MAX + 600], target[PATH_MAX];
			snprintf(link, sizeof link, "%s/%s", dir, f->d_name);
			ssize_t k = readlink(link, target, sizeof target - 1);
			if (k <= 0)
				continue;
			target[k] = '\0';
			if (strncmp(target, real, n) || (target[n] && target[n] != '/'))
				continue;
			snprintf(link, sizeof link, "/proc/%s/fdinfo/%s", p->d_name, f->d_name);
			FILE *info = fopen(link, "r");
			char line[128];
			while (info && fgets(line, sizeof line, info)) {
				unsigned long flags;
				if (sscanf(line, "flags: %lo", &flags) == 1 && (flags & O_ACCMODE) != O_RDONLY)
					found = 1;
			}
			if (info)
				fclose(info);
		}
		if (fds)
			closedir(fds);
	}
	if (proc)
		closedir(proc);
	return found;
}

int
zz_drop_complete(const char *path, unsigned settle, zz_dropstate *st)
{
	newest = 0, bytes = 0, entries = 0;
	if (nftw(path, visit, 16, FTW_PHYS) != 0)
		return 0; /* gone, or moving: look again later */
	/* the same size and count as last time too: a copy that keeps old
	 * times (cp -p, unzip) changes those */
	int same = st->bytes == bytes && st->entries == entries;
	st->bytes = bytes, st->entries = entries;
	if (!same || time(NULL) - newest < (time_t)settle)
		return 0;
	char real[PATH_MAX];
	return realpath(path, real) && !open_for_writing(real);
}
