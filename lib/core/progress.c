/* progress.c - a one-line progress display on stderr, only on a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/core.h"

struct zz_progress {
	char *what;
	uint64_t total, done;
	double start, last;
};

zz_progress *
zz_progress_new(const char *what, uint64_t total)
{
	if (!isatty(2) || getenv("ZIZHI_NO_PROGRESS"))
		return NULL;
	zz_progress *p = zz_ecalloc(1, sizeof *p);
	p->what = zz_estrdup(what);
	p->total = total;
	p->start = p->last = zz_now();
	return p;
}

static void
draw(zz_progress *p, double t)
{
	double mb = p->done / 1048576.0, rate = mb / (t - p->start > 0 ? t - p->start : 1);
	if (p->total) {
		double left = (p->total - (p->done < p->total ? p->done : p->total)) / 1048576.0;
		fprintf(stderr, "\r%s: %s: %.0f/%.0f MB  %.1f MB/s  ETA %.0fs  ", zz_argv0,
		        p->what, mb, p->total / 1048576.0, rate, rate > 0 ? left / rate : 0);
	} else {
		fprintf(stderr, "\r%s: %s: %.0f MB  %.1f MB/s  ", zz_argv0, p->what, mb, rate);
	}
}

void
zz_progress_add(zz_progress *p, uint64_t n)
{
	if (!p)
		return;
	p->done += n;
	double t = zz_now();
	if (t - p->last >= 0.25) {
		p->last = t;
		draw(p, t);
	}
}

void
zz_progress_destroy(zz_progress **pp)
{
	if (!pp || !*pp)
		return;
	if ((*pp)->last > (*pp)->start)
		fputs("\r\033[K", stderr);
	free((*pp)->what);
	free(*pp);
	*pp = NULL;
}
