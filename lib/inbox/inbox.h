/* inbox.h - the inbox part: the folder clerks drop into, complete drops
 * claimed and run, their tries, and what a supplement joins. Stands on
 * core and db. */
#ifndef ZZ_INBOX_H
#define ZZ_INBOX_H

#include "core/core.h"
#include "db/db.h"

/* Runs argv, standard output to out, standard error added to log; its
 * status. The program gives it (zizhi-inbox passes on its stop signals
 * to the child): the library never calls into a program. */
typedef int (*zz_inbox_spawn_fn)(char *const *argv, const char *out, const char *log);

typedef struct zz_inbox {
	char *dir, *processing, *done, *failed; /* DIR and its three folders */
	char *run;                               /* the zizhi-run program */
	zz_inbox_spawn_fn spawn;                 /* set by the caller after open */
	const zz_settings *st;
	zz_inboxconf conf;
	int status; /* the worst ZZ_EXIT_* of the drops so far */
} zz_inbox;

/* Checks the settings and makes DIR's folders; -1 with *err. */
int zz_inbox_open(zz_inbox *ib, const char *dir, const zz_settings *st, char **err);
void zz_inbox_close(zz_inbox *ib);
/* Claims DIR/name (when no other inbox has) and runs it. */
void zz_inbox_take(zz_inbox *ib, const char *name);
/* Runs again the drops in processing/ whose time has come: those that
 * failed for a passing reason, and those a killed inbox left. */
void zz_inbox_retry(zz_inbox *ib);

/* The case a supplement joins: a case id (8 hex digits or more, the start
 * of exactly one case's id) in the drop's name; else, when the drop was
 * run up to extract as its own case dropcase and has no application form,
 * the one other case in the database whose USCC or registered name its
 * text holds. A new casedir, or NULL; *how says by what. */
char *zz_supplement_by_name(const char *spool, const char *name);
char *zz_supplement_by_text(const zz_settings *st, const char *dropcase, const char **how);

/* ---- drops in the inbox (drop.c) ---- */
typedef struct zz_dropstate {
	long long bytes, entries; /* as last seen; start them at -1 */
} zz_dropstate;
/* Whether the file or folder at path is complete: unchanged (times, size,
 * count) since the last look and for settle seconds, and open for writing
 * by no process we can see. */
int zz_drop_complete(const char *path, unsigned settle, zz_dropstate *st);

#endif
