/* licset.c - zizhi-samplegen --licence-set: licence images alone, each a
 * submission of its own, with a truth table in the real development set's
 * format (../shared/corpus/real-licences/README.md) plus a reg_no column.
 * Image k comes from its own stream of the seed, so any split of the
 * indexes over processes makes the same set; each process merges its rows
 * into truth.tsv under a lock on the folder. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "licence.h"
#include "licset.h"
#include "zizhi.h"

static const char header[] =
	"file\tuscc\tname\ttype\tcapital_raw\tcapital_yuan\testablished\tlegal_rep\tnotes\treg_no\n";

/* one image: its file, and its row of the truth */
static int
one(const char *dir, uint64_t seed, int index, int small, zz_buf *rows)
{
	gen_rng r;
	gen_rng_seed(&r, seed * 0x2545F4914F6CDD1Dull + (uint64_t)index * 7919u + 0x11C3u);
	gen_lic L;
	gen_lic_copy c;
	gen_lic_invent(&L, &r);
	gen_lic_copy_plan(&c, &L, &r, 0);
	if (small)
		gen_lic_copy_shrink(&c, &L, 800);
	PIX *pix = gen_lic_copy_make(&L, &c, &r, NULL);
	if (!pix)
		return -1;
	char file[64];
	snprintf(file, sizeof file, "images/gen-%04d.%s", index, c.quality ? "jpg" : "png");
	char *path = zz_easprintf("%s/%s", dir, file);
	int rc = c.quality ? gen_write_jpeg(path, pix, c.quality) : gen_write_png(path, pix);
	pixDestroy(&pix);
	if (rc == 0)
		printf("%s\n", path);
	free(path);
	if (rc < 0)
		return -1;
	gen_lic_truth(&L);
	char est[11], yuan[32] = "";
	gen_date_iso(L.established, est);
	if (L.t_capital[0])
		snprintf(yuan, sizeof yuan, "%lld", L.capital);
	char *row = zz_easprintf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", file,
	                         L.redacted & LR_USCC ? "" : L.uscc, L.t_name, L.t_type, L.t_capital,
	                         yuan, est, L.t_rep, L.notes, L.regno);
	zz_buf_adds(rows, row);
	free(row);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the rows of a table, header left out, each with its newline */
static void
split_rows(const char *data, char ***lines, int *n)
{
	for (const char *s = data, *nl; s && *s && (nl = strchr(s, '\n')); s = nl + 1)
		if (strncmp(s, "file\t", 5)) {
			*lines = zz_erealloc(*lines, (size_t)(*n + 1) * sizeof **lines);
			(*lines)[(*n)++] = zz_easprintf("%.*s", (int)(nl - s + 1), s);
		}
}

static int
same_file(const char *a, const char *b)
{
	size_t k = strcspn(a, "\t");
	return k == strcspn(b, "\t") && !strncmp(a, b, k);
}

/* truth.tsv = the rows there were, these in place of any of the same
 * files, in file order; under a lock on the folder, as several processes
 * may each be making a part of the set */
static int
merge(const char *dir, const zz_buf *rows)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	char *tsv = zz_easprintf("%s/truth.tsv", dir), *data = NULL;
	size_t len = 0;
	char **old = NULL, **lines = NULL;
	int nold = 0, n = 0;
	if (zz_read_file(tsv, 1 << 26, &data, &len) == 0)
		split_rows(data, &old, &nold);
	free(data);
	split_rows(rows->s, &lines, &n);
	int fresh = n;
	for (int i = 0; i < nold; i++) {
		int again = 0;
		for (int k = 0; k < fresh && !again; k++)
			again = same_file(old[i], lines[k]);
		if (again) {
			free(old[i]);
			continue;
		}
		lines = zz_erealloc(lines, (size_t)(n + 1) * sizeof *lines);
		lines[n++] = old[i];
	}
	free(old);
	qsort(lines, (size_t)n, sizeof *lines, by_name);
	zz_buf out = {0};
	zz_buf_adds(&out, header);
	for (int i = 0; i < n; i++) {
		zz_buf_adds(&out, lines[i]);
		free(lines[i]);
	}
	free(lines);
	int rc = zz_write_atomic(tsv, out.s, out.len);
	zz_buf_free(&out);
	free(tsv);
	close(fd);
	return rc;
}

int
gen_licence_set(const char *dir, uint64_t seed, int first, int count, int small)
{
	char *images = zz_easprintf("%s/images", dir);
	if (zz_mkdirs(images, 0755) < 0)
		zz_die(ZZ_EXIT_IO, "cannot create '%s': %s", images, strerror(errno));
	free(images);
	zz_buf rows = {0};
	int bad = 0;
	for (int i = first; i < first + count; i++) {
		if (one(dir, seed, i, small, &rows) < 0) {
			zz_warn("cannot make licence %d", i);
			bad = 1;
		}
		fflush(stdout);
	}
	if (merge(dir, &rows) < 0) {
		zz_warn("cannot write '%s/truth.tsv'", dir);
		bad = 1;
	}
	zz_buf_free(&rows);
	return bad ? -1 : 0;
}
