/* unpack_arc.c - ISO 9660 (Joliet, Rock Ridge), 7z, RAR, tar and cpio
 * through libarchive. */
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include "unpack/unpack.h"

static ssize_t
a_read(void *h, void *buf, size_t n)
{
	la_ssize_t r = archive_read_data(h, buf, n);
	return r < 0 ? -1 : (ssize_t)r;
}

static const char *
a_error(void *h)
{
	const char *s = archive_error_string(h);
	return s ? s : "damaged archive";
}

static uint64_t
a_consumed(void *h)
{
	la_int64_t n = archive_filter_bytes(h, -1);
	return n > 0 ? (uint64_t)n : 0;
}

static struct archive *
reader(int zip)
{
	struct archive *a = archive_read_new();
	if (zip) {
		archive_read_support_format_zip_streamable(a);
		return a;
	}
	archive_read_support_filter_all(a);
	archive_read_support_format_iso9660(a);
	archive_read_support_format_7zip(a);
	archive_read_support_format_rar(a);
	archive_read_support_format_rar5(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_cpio(a);
	return a;
}

/* Joliet names arrive as UTF-16 and libarchive hands them out as UTF-8;
 * Rock Ridge and tar names are bytes and may be GBK. */
static char *
entry_name(struct archive_entry *e, const char **enc, const char **raw)
{
	*raw = archive_entry_pathname(e);
	const char *u8 = archive_entry_pathname_utf8(e);
	if (u8 && zz_utf8_valid(u8, strlen(u8))) {
		*enc = "utf-8";
		*raw = NULL;
		return zz_estrdup(u8);
	}
	if (!*raw)
		*raw = "";
	return zz_decode_name(*raw, strlen(*raw), 0, enc);
}

static void
one_entry(zz_unpack *u, struct archive *a, struct archive_entry *e, const zz_actx *ax)
{
	const char *enc = NULL, *raw = NULL;
	char *name = entry_name(e, &enc, &raw);
	const char *link = archive_entry_hardlink_utf8(e);
	if (!link)
		link = archive_entry_hardlink(e);
	mode_t type = archive_entry_filetype(e);
	if (link) {
		/* a second name for data already unpacked: copied, never linked */
		zz_u_put_copy(u, ax, name, link);
	} else if (type == AE_IFDIR) {
		/* directories are made as their files need them */
	} else if (type == AE_IFLNK) {
		zz_u_count_entry(u, ax, name);
		zz_u_refuse(u, ax, name, "symlink",
		            "symbolic link to '%s' (links are never followed or created)",
		            archive_entry_symlink(e) ? archive_entry_symlink(e) : "?");
	} else if (type != AE_IFREG) {
		zz_u_count_entry(u, ax, name);
		zz_u_refuse(u, ax, name, "special-file", "device, socket or pipe");
	} else if (archive_entry_is_encrypted(e)) {
		zz_u_count_entry(u, ax, name);
		zz_u_refuse(u, ax, name, "encrypted",
		            "encrypted (password-protected) entry: ask the applicant for it unencrypted");
	} else {
		zz_source src = {a_read, a_error, a_consumed, a,
		                 archive_entry_size_is_set(e) ? (uint64_t)archive_entry_size(e)
		                                              : UINT64_MAX,
		                 0};
		char *err = NULL;
		zz_u_put(u, ax, name, enc, raw, raw ? strlen(raw) : 0, &src, &err);
		free(err);
	}
	free(name);
}

/* libarchive meets the end of a cut-off disc image as a plain end of
 * archive; the primary volume descriptor says how big the image must be. */
static char *
iso_truncated(const char *path)
{
	unsigned char pvd[2048];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	ssize_t n = pread(fd, pvd, sizeof pvd, 16 * 2048);
	int ok = fstat(fd, &st) == 0;
	close(fd);
	if (!ok || n < (ssize_t)sizeof pvd)
		return n >= 0 && ok ? zz_estrdup("truncated disc image: no volume descriptor") : NULL;
	if (pvd[0] != 1 || memcmp(pvd + 1, "CD001", 5) != 0)
		return NULL;
	uint64_t blocks = pvd[80] | pvd[81] << 8 | pvd[82] << 16 | (uint64_t)pvd[83] << 24;
	uint64_t bsize = pvd[128] | pvd[129] << 8;
	uint64_t want = blocks * bsize;
	if ((uint64_t)st.st_size >= want)
		return NULL;
	return zz_easprintf("truncated disc image: %llu of %llu bytes",
	                    (unsigned long long)st.st_size, (unsigned long long)want);
}

int
zz_u_libarchive(zz_unpack *u, const char *path, const zz_actx *ax, int zip, char **err)
{
	*err = NULL;
	struct archive *a = reader(zip);
	if (archive_read_open_filename(a, path, 1 << 16) != ARCHIVE_OK) {
		*err = zz_estrdup(a_error(a));
		archive_read_free(a);
		return -1;
	}
	struct archive_entry *e;
	int r, seen = 0;
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		seen++;
		one_entry(u, a, e, ax); /* unread data is skipped by the next header */
	}
	int rc = 0;
	char *cut = zip ? NULL : iso_truncated(path);
	if (r != ARCHIVE_EOF || (cut && !seen)) {
		*err = cut ? cut : zz_estrdup(a_error(a));
		cut = NULL;
		rc = seen ? 1 : -1;
	} else if (cut) {
		/* every entry was read to its end: only padding is missing */
		zz_u_note(u, ax, "%s; every entry was read whole", cut);
	}
	free(cut);
	archive_read_free(a);
	return rc;
}
