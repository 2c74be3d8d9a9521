/* items.c - the items a program works on: its operands, or, with none,
 * the lines of standard input (one path per line, as in mblaze). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

struct zz_items {
	char **argv;
	int argc, i;
	char *line;
	size_t cap;
};

zz_items *
zz_items_open(int argc, char **argv)
{
	zz_items *it = zz_ecalloc(1, sizeof *it);
	it->argv = argv;
	it->argc = argc;
	return it;
}

const char *
zz_items_next(zz_items *it)
{
	if (it->argc > 0)
		return it->i < it->argc ? it->argv[it->i++] : NULL;
	for (;;) {
		ssize_t n = getline(&it->line, &it->cap, stdin);
		if (n < 0)
			return NULL;
		while (n > 0 && (it->line[n - 1] == '\n' || it->line[n - 1] == '\r'))
			it->line[--n] = '\0';
		if (n > 0)
			return it->line;
	}
}

void
zz_items_destroy(zz_items **pit)
{
	if (!pit || !*pit)
		return;
	free((*pit)->line);
	free(*pit);
	*pit = NULL;
}
