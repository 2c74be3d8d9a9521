/* stagepath.c - where the stage programs are: beside the running program
 * (a build tree or PREFIX/bin), in ZIZHI_EXEC_PATH, or on PATH, as git
 * finds its commands. */
#define _GNU_SOURCE
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"

const char *
zz_self_path(void)
{
	static char path[PATH_MAX];
	if (!path[0]) {
		ssize_t k = readlink("/proc/self/exe", path, sizeof path - 1);
		if (k <= 0)
			return NULL;
		path[k] = '\0';
	}
	return path;
}

const char *
zz_exec_dir(void)
{
	static char dir[PATH_MAX];
	if (!dir[0]) {
		const char *self = zz_self_path();
		if (!self)
			return ".";
		char buf[PATH_MAX];
		snprintf(buf, sizeof buf, "%s", self);
		snprintf(dir, sizeof dir, "%s", dirname(buf));
	}
	return dir;
}

char *
zz_stage_path(const char *stage)
{
	const char *dirs[] = {getenv("ZIZHI_EXEC_PATH"), zz_exec_dir()};
	for (size_t i = 0; i < 2; i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		char *p = zz_easprintf("%s/zizhi-%s", dirs[i], stage);
		if (access(p, X_OK) == 0)
			return p;
		free(p);
	}
	const char *path = getenv("PATH");
	char *copy = zz_estrdup(path ? path : "/usr/bin:/bin"), *save = NULL;
	for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		char *p = zz_easprintf("%s/zizhi-%s", d, stage);
		if (access(p, X_OK) == 0) {
			free(copy);
			return p;
		}
		free(p);
	}
	free(copy);
	return NULL;
}
