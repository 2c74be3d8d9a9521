/* sharedfs.c - whether a spool (or an inbox) may live where it is when
 * several hosts share it (zizhi-cluster(1)). What the pipeline relies on
 * between its processes is the case's lock and the inbox's claim (flock
 * on a file beside the case or the drop) and atomic publication (a temp
 * file or folder renamed over its name in the same directory). On a local
 * file system only one host sees it and both hold. Between hosts:
 *
 *  - NFS (v4, or v3 with lockd): the Linux client sends flock(2) to the
 *    server as a POSIX lock on the whole file (since 2.6.12), so it holds
 *    between clients, and a rename in one directory is one atomic call at
 *    the server. Not when the mount keeps locks on the client (nolock,
 *    local_lock=flock or local_lock=all): refused. (Nor for a process on
 *    the server working in the exported directory itself, whose flock is
 *    a local lock NFS clients' locks do not see; it cannot be told from
 *    here, and zizhi-cluster(1) says to use the mount on every host.)
 *  - SMB/CIFS (cifs, smb3): flock is kept by the client's kernel or made
 *    an SMB byte-range lock depending on kernel and mount options (nobrl,
 *    cache=), the server's locks are mandatory and per handle, and a
 *    rename over a file another client holds open fails with a sharing
 *    violation: neither the lock nor the publication holds. Refused.
 *  - FUSE: the kernel keeps flock locks on the host unless the daemon
 *    implements them (sshfs, s3fs, rclone and the like do not), and a
 *    rename is whatever the daemon makes of it (SFTP's replaces nothing).
 *    Refused, but for the two kinds that sit on this host's own disk:
 *    fuseblk (ntfs-3g and the like) and fuse-overlayfs (the layers of a
 *    rootless container).
 *
 * Other file systems are taken for local ones (or cluster ones whose
 * locks are coherent, as Ceph's). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

#include "core/core.h"

#define NFS_MAGIC 0x6969u
#define CIFS_MAGIC 0xFF534D42u
#define SMB2_MAGIC 0xFE534D42u
#define SMB_MAGIC 0x517Bu
#define FUSE_MAGIC 0x65735546u

/* opts (comma-separated, as mountinfo gives them) has the option opt */
static int
has_opt(const char *opts, const char *opt)
{
	size_t n = strlen(opt);
	for (const char *p = opts; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, opt, n))
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

int
zz_shared_fs_verdict(uint32_t type, const char *fstype, const char *opts, char **why)
{
	*why = NULL;
	const char *name = fstype && *fstype ? fstype : NULL, *what = NULL;
	switch (type) {
	case NFS_MAGIC:
		if (has_opt(opts, "nolock"))
			what = "nolock";
		else if (has_opt(opts, "local_lock=all"))
			what = "local_lock=all";
		else if (has_opt(opts, "local_lock=flock"))
			what = "local_lock=flock";
		if (what)
			*why = zz_easprintf("%s mounted with %s, where locks do not hold between hosts",
			                    name ? name : "nfs", what);
		break;
	case CIFS_MAGIC:
	case SMB2_MAGIC:
	case SMB_MAGIC:
		*why = zz_easprintf("%s, where locks do not hold between hosts",
		                    name ? name : type == SMB_MAGIC ? "smbfs" : type == SMB2_MAGIC ? "smb2" : "cifs");
		break;
	case FUSE_MAGIC:
		if (name && (!strcmp(name, "fuseblk") || !strcmp(name, "fuse.fuse-overlayfs") ||
		             !strcmp(name, "fuse-overlayfs")))
			break;
		*why = zz_easprintf("%s, where locks do not hold between hosts", name ? name : "fuse");
		break;
	}
	return *why ? -1 : 0;
}

/* The type and super options of the mount whose device is dev, from
 * /proc/self/mountinfo ("36 35 0:52 / /srv/spool rw - nfs4 h:/x rw,…");
 * both NULL when it is not found. */
static void
mount_of(dev_t dev, char **fstype, char **opts)
{
	*fstype = *opts = NULL;
	FILE *f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return;
	char want[32], *line = NULL;
	size_t cap = 0;
	snprintf(want, sizeof want, "%u:%u", major(dev), minor(dev));
	while (!*fstype && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		char *sp1 = strchr(line, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		char *sep = strstr(line, " - ");
		if (!sp2 || !sep || strncmp(sp2 + 1, want, strlen(want)) || sp2[1 + strlen(want)] != ' ')
			continue;
		char *type = sep + 3, *src = strchr(type, ' ');
		char *super = src ? strchr(src + 1, ' ') : NULL;
		if (src)
			*src = '\0';
		*fstype = zz_estrdup(type);
		*opts = zz_estrdup(super ? super + 1 : "");
	}
	free(line);
	fclose(f);
}

int
zz_shared_fs_check(const char *dir, char **why)
{
	*why = NULL;
	/* a spool is made when first used: judge the folder it will be in */
	char *p = zz_estrdup(dir && *dir ? dir : ".");
	struct statfs sf;
	struct stat sb;
	while (statfs(p, &sf) < 0 || stat(p, &sb) < 0) {
		char *slash = strrchr(p, '/');
		if (errno != ENOENT || !strcmp(p, ".") || !strcmp(p, "/")) {
			free(p);
			return 0; /* what cannot be looked at is for the program's own errors */
		}
		while (slash && slash > p && slash[-1] == '/')
			slash--;
		if (!slash)
			strcpy(p, ".");
		else if (slash == p)
			p[1] = '\0';
		else
			*slash = '\0';
	}
	free(p);
	char *fstype = NULL, *opts = NULL, *what = NULL;
	mount_of(sb.st_dev, &fstype, &opts);
	int r = zz_shared_fs_verdict((uint32_t)sf.f_type, fstype, opts, &what);
	if (r < 0)
		*why = zz_easprintf("'%s' is on %s", dir && *dir ? dir : ".", what);
	free(fstype), free(opts), free(what);
	return r;
}

void
zz_eshared_fs(const char *what, const char *dir)
{
	char *why = NULL;
	if (zz_shared_fs_check(dir, &why) < 0)
		zz_die(ZZ_EXIT_IO, "%s %s: put it on NFS or a local disk (zizhi-cluster(1), \"Shared storage\")",
		       what, why);
}
