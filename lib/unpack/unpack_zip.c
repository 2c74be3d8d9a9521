/* unpack_zip.c - ZIP archives through libzip.
 *
 * libzip rather than libarchive for ZIP because it exposes the raw name
 * bytes and the UTF-8 flag, which GBK names from Windows archivers need,
 * and reads the central directory, which is what other tools show. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "unpack/unpack.h"

typedef struct {
	zip_file_t *zf;
} zsrc;

static ssize_t
z_read(void *h, void *buf, size_t n)
{
	zip_int64_t r = zip_fread(((zsrc *)h)->zf, buf, n);
	return r < 0 ? -1 : (ssize_t)r;
}

static const char *
z_error(void *h)
{
	return zip_file_strerror(((zsrc *)h)->zf);
}

int
zz_u_is_office_zip(const char *path)
{
	int ze = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &ze);
	if (!za)
		return 0;
	int office = zip_name_locate(za, "[Content_Types].xml", 0) >= 0 ||
	             zip_name_locate(za, "mimetype", 0) >= 0;
	zip_discard(za);
	return office;
}

static char *
zip_open_error(int ze)
{
	zip_error_t e;
	zip_error_init_with_code(&e, ze);
	const char *what = ze == ZIP_ER_NOZIP ? "not a ZIP archive, or truncated"
	                   : ze == ZIP_ER_INCONS ? "damaged ZIP archive"
	                                         : "cannot open ZIP archive";
	char *s = zz_easprintf("%s (%s)", what, zip_error_strerror(&e));
	zip_error_fini(&e);
	return s;
}

/* Is entry i something other than a regular file? Returns a refusal code. */
static const char *
entry_kind(zip_t *za, zip_uint64_t i, const char *raw, int *isdir)
{
	zip_uint8_t os = 0;
	zip_uint32_t attr = 0;
	size_t n = strlen(raw);
	*isdir = n > 0 && (raw[n - 1] == '/' || raw[n - 1] == '\\');
	if (zip_file_get_external_attributes(za, i, 0, &os, &attr) < 0 || os != ZIP_OPSYS_UNIX)
		return NULL;
	/* a ZIP entry is bytes whatever mode it claims (zip(1) reading a pipe
	 * records a FIFO) and is written as a regular file; only a link's
	 * bytes are not content but a target */
	mode_t m = (mode_t)(attr >> 16);
	if (S_ISLNK(m))
		return "symlink";
	if (S_ISDIR(m))
		*isdir = 1;
	return NULL;
}

static void
one_entry(zz_unpack *u, zip_t *za, zip_uint64_t i, const zz_actx *ax)
{
	const char *r = zip_get_name(za, i, ZIP_FL_ENC_RAW);
	if (!r)
		return;
	char *raw = zz_estrdup(r);
	const char *strict = zip_get_name(za, i, ZIP_FL_ENC_STRICT);
	/* libzip gives the raw bytes under ENC_STRICT only when the UTF-8 flag
	 * (or a Unicode path extra field) vouches for them */
	int flagged = strict && strcmp(strict, raw) == 0;
	const char *enc = NULL;
	char *name = zz_decode_name(raw, strlen(raw), flagged, &enc);
	int isdir = 0;
	const char *code = entry_kind(za, i, raw, &isdir);
	zip_stat_t st;
	zip_stat_init(&st);
	if (code) {
		zz_u_count_entry(u, ax, name);
		zz_u_refuse(u, ax, name, code, "%s", strcmp(code, "symlink") == 0
		                   ? "symbolic link (links are never followed or created)"
		                   : "device, socket or pipe");
	} else if (isdir) {
		/* directories are made as their files need them */
	} else if (zip_stat_index(za, i, 0, &st) < 0) {
		zz_u_count_entry(u, ax, name);
		zz_u_refuse(u, ax, name, "read-error", "%s", zip_strerror(za));
	} else if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		zz_u_count_entry(u, ax, name);
		zz_u_refuse(u, ax, name, "encrypted",
		            "encrypted (password-protected) entry: ask the applicant for it unencrypted");
	} else if ((st.valid & ZIP_STAT_COMP_METHOD) &&
	           !zip_compression_method_supported(st.comp_method, 0)) {
		zz_u_count_entry(u, ax, name);
		zz_u_refuse(u, ax, name, "unsupported",
		            "compression method %u is not supported", (unsigned)st.comp_method);
	} else {
		zsrc h = {zip_fopen_index(za, i, 0)};
		if (!h.zf) {
			zz_u_count_entry(u, ax, name);
			zz_u_refuse(u, ax, name, "read-error", "%s", zip_strerror(za));
		} else {
			zz_source src = {z_read, z_error, NULL, &h,
			                 (st.valid & ZIP_STAT_SIZE) ? st.size : UINT64_MAX,
			                 (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0};
			if (src.compressed == 0 && src.declared != 0)
				src.compressed = 1; /* a stored size of 0 for data is a lie */
			char *err = NULL;
			zz_u_put(u, ax, name, enc, raw, strlen(raw), &src, &err);
			free(err);
			zip_fclose(h.zf);
		}
	}
	free(name);
	free(raw);
}

/* Without its central directory (a cut-off download or copy) a ZIP can
 * still be read front to back from its local headers; whatever that yields
 * is kept, and the archive counts as read in part. */
static int
salvage(zz_unpack *u, const char *path, const zz_actx *ax, char **err)
{
	uint64_t before = zz_u_seen(u);
	char *why = NULL;
	int r = zz_u_libarchive(u, path, ax, 1, &why);
	uint64_t got = zz_u_seen(u) - before;
	free(why);
	if (r < 0 || got == 0)
		return -1;
	char *e = zz_easprintf("%s; %llu entries recovered from local headers", *err,
	                      (unsigned long long)got);
	free(*err);
	*err = e;
	return 1;
}

int
zz_u_zip(zz_unpack *u, const char *path, const zz_actx *ax, char **err)
{
	*err = NULL;
	int ze = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	const char *note = NULL;
	if (!za && (ze == ZIP_ER_INCONS || ze == ZIP_ER_EXISTS)) {
		/* local and central headers disagree, or two entries share a
		 * name: the central directory is what is read and duplicates are
		 * kept apart, so go on but say so */
		note = ze == ZIP_ER_EXISTS
		               ? "two or more entries share a name; each is kept under its own"
		               : "local and central ZIP headers disagree; central directory used";
		za = zip_open(path, ZIP_RDONLY, &ze);
	}
	if (!za) {
		*err = zip_open_error(ze);
		return ze == ZIP_ER_NOZIP ? salvage(u, path, ax, err) : -1;
	}
	if (note)
		zz_u_note(u, ax, "%s", note);
	zip_int64_t n = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < n; i++)
		one_entry(u, za, (zip_uint64_t)i, ax);
	zip_discard(za);
	return 0;
}
