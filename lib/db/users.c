/* users.c - the reviewers' station's accounts and sessions. A password is
 * kept only as its yescrypt hash (libxcrypt), checked in the time of one
 * hash whether or not the account exists; failed logins in a row slow the
 * next try on the name down, doubling from the fourth on, and those from
 * one address likewise from the 21st. A session id
 * is 256 random bits (zz_random_hex) given to the browser and kept here
 * only as its SHA-256, so a copy of the database opens no session; a
 * session ends when idle too long, when too old, or when its account is
 * disabled. Accounts are disabled, never deleted: decisions and
 * corrections name them. */
#include <crypt.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "db/db.h"

#define NAME_MAX_BYTES 64
#define PASSWORD_MIN_CHARS 8
/* libxcrypt hashes no longer passphrase */
#define PASSWORD_MAX_BYTES (CRYPT_MAX_PASSPHRASE_SIZE - 1)
/* failures in a row before the next try waits, and the longest wait */
#define FREE_FAILURES 3
#define MAX_WAIT_S 900
/* An address's failures, whatever names they tried (one guessing
 * passwords across many accounts): more before it waits, since an
 * office's clerks may share one address; forgotten after an hour
 * without one. */
#define FREE_ADDRESS_FAILURES 20
#define FORGET_ADDRESS_S 3600
/* a name no account has, or an address, whose last failure is older is
 * forgotten (the table of them stays small) */
#define FORGET_S 86400

int
zz_secret_equal(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t la = strlen(a), lb = strlen(b), n = la > lb ? la : lb;
	volatile unsigned char d = la != lb;
	for (size_t i = 0; i < n; i++)
		d |= (unsigned char)((i < la ? a[i] : 0) ^ (i < lb ? b[i] : 0));
	return d == 0;
}

/* Space as a person would not see it: ASCII, no-break and the
 * ideographic space, the general punctuation's spaces, zero widths. */
static int
is_space(unsigned c)
{
	return c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200D) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* 1 to 64 bytes of UTF-8, without control characters (C0, DEL, C1), any
 * space, ':' (a separator in logs and the cookie's world) or '/'. */
static int
valid_name(const char *name, char **err)
{
	size_t n = name ? strlen(name) : 0, len;
	int ok = n >= 1 && n <= NAME_MAX_BYTES && zz_utf8_valid(name, n);
	for (const char *s = name; ok && *s; s += len) {
		unsigned c = zz_utf8_decode(s, &len);
		ok = c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && !is_space(c) && c != ':' && c != '/';
	}
	if (!ok)
		*err = zz_easprintf("not an account name: 1 to %d bytes of UTF-8 without spaces, ':', '/'"
		                    " or control characters",
		                    NAME_MAX_BYTES);
	return ok;
}

static int
valid_password(const char *password, char **err)
{
	if (!password || zz_utf8_len(password) < PASSWORD_MIN_CHARS)
		*err = zz_easprintf("a password needs %d characters or more", PASSWORD_MIN_CHARS);
	else if (strlen(password) > PASSWORD_MAX_BYTES)
		*err = zz_easprintf("a password is at most %d bytes", PASSWORD_MAX_BYTES);
	return !*err;
}

/* crypt_r's result for password against setting, a copy; NULL when
 * libxcrypt refuses (a result starting with '*'). */
static char *
hash_with(const char *password, const char *setting)
{
	struct crypt_data *cd = zz_ecalloc(1, sizeof *cd);
	const char *h = crypt_r(password, setting, cd);
	char *r = h && h[0] != '*' ? zz_estrdup(h) : NULL;
	zz_wipe(cd, sizeof *cd);
	free(cd);
	return r;
}

/* A new yescrypt hash of password, at libxcrypt's default cost; NULL
 * with *err. */
static char *
hash_new(const char *password, char **err)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof setting)) {
		*err = zz_easprintf("cannot make a salt: %s", strerror(errno));
		return NULL;
	}
	char *h = hash_with(password, setting);
	if (!h)
		*err = zz_easprintf("cannot hash the password: %s", strerror(errno));
	return h;
}

/* The time of a hash at the default cost, for a login that has no
 * account to check against: a fixed salt, nothing is kept. */
static void
hash_nothing(const char *password)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	static const char salt[] = "zizhi: no account here";
	if (crypt_gensalt_rn("$y$", 0, salt, (int)sizeof salt - 1, setting, sizeof setting))
		free(hash_with(password, setting));
}

static char *
now_utc(char buf[32])
{
	return zz_utc_time(time(NULL), buf);
}

int
zz_user_exists(sqlite3 *db, const char *name, char **err)
{
	const char *v[1] = {name};
	char *one = zz_db_text(db, "SELECT 1 FROM users WHERE name = ?", v, 1, err);
	free(one);
	return one ? 1 : *err ? -1 : 0;
}

int
zz_user_add(sqlite3 *db, const char *name, const char *password, char **err)
{
	*err = NULL;
	if (!valid_name(name, err) || !valid_password(password, err))
		return -1;
	/* hashed before the transaction: no writer waits on it */
	char *hash = hash_new(password, err), at[32];
	if (!hash || zz_db_begin(db, err) < 0) {
		free(hash);
		return -1;
	}
	int e = zz_user_exists(db, name, err);
	if (e == 1)
		*err = zz_easprintf("%s: an account of that name exists", name);
	else if (e == 0) {
		const char *v[3] = {name, hash, now_utc(at)};
		zz_db_run(db, "INSERT INTO users(name, hash, created) VALUES (?, ?, ?)", v, 3, err);
	}
	free(hash);
	return zz_db_end(db, err);
}

/* A new password clears the failures counted against the old one. */
int
zz_user_password(sqlite3 *db, const char *name, const char *password, char **err)
{
	*err = NULL;
	if (!valid_name(name, err) || !valid_password(password, err))
		return -1;
	char *hash = hash_new(password, err);
	if (!hash || zz_db_begin(db, err) < 0) {
		free(hash);
		return -1;
	}
	const char *v[2] = {hash, name};
	if (zz_user_exists(db, name, err) == 0)
		*err = zz_easprintf("%s: no such account", name);
	else if (!*err)
		zz_db_run(db, "UPDATE users SET hash = ?, failures = 0, failed_at = NULL WHERE name = ?", v, 2, err);
	free(hash);
	return zz_db_end(db, err);
}

/* Disabling one disabled keeps when it was; its sessions end either way. */
int
zz_user_disable(sqlite3 *db, const char *name, char **err)
{
	*err = NULL;
	if (zz_db_begin(db, err) < 0)
		return -1;
	char at[32];
	const char *v[2] = {now_utc(at), name};
	if (zz_user_exists(db, name, err) == 0)
		*err = zz_easprintf("%s: no such account", name);
	else if (!*err && zz_db_run(db, "UPDATE users SET disabled = coalesce(disabled, ?) WHERE name = ?", v, 2, err) == 0)
		zz_db_run(db, "DELETE FROM sessions WHERE user = ?", v + 1, 1, err);
	return zz_db_end(db, err);
}

/* Enabling also clears the failures: how an account slowed down by
 * someone's guesses is let in again at once. */
int
zz_user_enable(sqlite3 *db, const char *name, char **err)
{
	*err = NULL;
	if (zz_db_begin(db, err) < 0)
		return -1;
	const char *v[1] = {name};
	if (zz_user_exists(db, name, err) == 0)
		*err = zz_easprintf("%s: no such account", name);
	else if (!*err)
		zz_db_run(db, "UPDATE users SET disabled = NULL, failures = 0, failed_at = NULL WHERE name = ?", v, 1,
		          err);
	return zz_db_end(db, err);
}

/* Seconds before the next try after failures in a row, the last at
 * failed_at (Unix time): 2^(failures - free) from the one after free on,
 * at most MAX_WAIT_S; 0 when it may be tried now. A last failure in the
 * future (a clock set back) waits no longer than the full wait. */
static int
throttle_wait(long long failures, long long failed_at, long long now, int free)
{
	if (failures <= free)
		return 0;
	long long need = failures - free >= 10 ? MAX_WAIT_S : 1LL << (failures - free);
	if (need > MAX_WAIT_S)
		need = MAX_WAIT_S;
	long long left = need - (now - failed_at);
	return left <= 0 ? 0 : left > need ? (int)need : (int)left;
}

/* The wait a row of the throttles table asks for (a name no account has,
 * or an address); its failures forgotten after forget_s seconds without
 * one. */
static int
throttle_row(sqlite3 *db, const char *key, int free, long long forget_s, long long now, char **err)
{
	const char *v[1] = {key};
	sqlite3_stmt *st = zz_db_prepare(db,
	                                 "SELECT failures, CAST(strftime('%s', failed_at) AS INTEGER)"
	                                 " FROM throttles WHERE key = ?",
	                                 v, 1, err);
	int wait = 0, rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (rc == SQLITE_ROW && now - sqlite3_column_int64(st, 1) <= forget_s)
		wait = throttle_wait(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), now, free);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE && !*err)
		*err = zz_easprintf("%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return wait;
}

static void
throttle_count(sqlite3 *db, const char *key, const char *at, long long forget_s, char **err)
{
	char forget[24];
	snprintf(forget, sizeof forget, "%lld", forget_s);
	const char *v[3] = {key, at, forget};
	zz_db_run(db,
	          "INSERT INTO throttles(key, failures, failed_at) VALUES (?1, 1, ?2)"
	          " ON CONFLICT(key) DO UPDATE SET failed_at = ?2, failures = CASE WHEN"
	          "  strftime('%s', ?2) - strftime('%s', failed_at) > CAST(?3 AS INTEGER) THEN 1"
	          "  ELSE failures + 1 END",
	          v, 3, err);
}

/* The account's wait, or a name's that no account has (so that being
 * slowed down tells no account apart), and the address's: the longer. */
static int
login_wait(sqlite3 *db, const char *name, const char *namekey, const char *addrkey, long long now,
           char **hash, int *enabled, char **err)
{
	const char *v[1] = {name};
	sqlite3_stmt *st = zz_db_prepare(db,
	                                 "SELECT hash, disabled IS NULL, failures,"
	                                 "  coalesce(CAST(strftime('%s', failed_at) AS INTEGER), 0)"
	                                 " FROM users WHERE name = ?",
	                                 v, 1, err);
	int wait = 0, rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (rc == SQLITE_ROW) {
		*hash = zz_estrdup(zz_db_col(st, 0));
		*enabled = sqlite3_column_int(st, 1);
		wait = throttle_wait(sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), now, FREE_FAILURES);
	} else if (rc != SQLITE_DONE && !*err) {
		*err = zz_easprintf("%s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	if (!*hash && !*err)
		wait = throttle_row(db, namekey, FREE_FAILURES, FORGET_S, now, err);
	int a = addrkey && !*err ? throttle_row(db, addrkey, FREE_ADDRESS_FAILURES, FORGET_ADDRESS_S, now, err) : 0;
	return a > wait ? a : wait;
}

/* The try is counted as a failure before the password is checked, in the
 * transaction that found it not throttled, and cleared after when the
 * password is right: tries sent at once cannot all pass the check before
 * any failure is counted. An unknown name runs alike (its failures kept
 * under its name) and one hash, so neither the time of the answer nor
 * being slowed down tells an account apart. A success takes back only
 * its own count from the address: the address's other failures are
 * forgotten after an hour without one. */
enum zz_login
zz_user_login(sqlite3 *db, const char *name, const char *password, const char *address, int *wait,
              char **err)
{
	*err = NULL;
	*wait = 0;
	if (!password || strlen(password) > PASSWORD_MAX_BYTES)
		password = ""; /* hashed all the same, and never right */
	if (!name)
		name = "";
	int right_size = *password != '\0';
	if (zz_db_begin(db, err) < 0)
		return ZZ_LOGIN_ERROR;
	char *hash = NULL, *namekey = zz_easprintf("name:%s", name);
	char *addrkey = address && *address ? zz_easprintf("address:%s", address) : NULL;
	int enabled = 0;
	long long now = (long long)time(NULL);
	*wait = login_wait(db, name, namekey, addrkey, now, &hash, &enabled, err);
	if (!*err && !*wait) {
		char at[32], day[24];
		const char *u[2] = {zz_utc_time(now, at), name};
		if (hash)
			zz_db_run(db, "UPDATE users SET failures = failures + 1, failed_at = ? WHERE name = ?", u, 2, err);
		else
			throttle_count(db, namekey, at, FORGET_S, err);
		if (addrkey)
			throttle_count(db, addrkey, at, FORGET_ADDRESS_S, err);
		snprintf(day, sizeof day, "-%d seconds", FORGET_S);
		const char *o[2] = {at, day};
		zz_db_run(db, "DELETE FROM throttles WHERE failed_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?1, ?2)", o, 2,
		          err);
	}
	free(namekey);
	if (zz_db_end(db, err) < 0 || *wait) {
		free(hash), free(addrkey);
		if (*err)
			*wait = 0;
		return *err ? ZZ_LOGIN_ERROR : ZZ_LOGIN_THROTTLED;
	}
	int ok = 0;
	if (hash) {
		char *h = hash_with(password, hash);
		ok = h && right_size && enabled && zz_secret_equal(h, hash);
		free(h);
	} else {
		hash_nothing(password);
	}
	free(hash);
	if (!ok) {
		free(addrkey);
		return ZZ_LOGIN_BAD;
	}
	/* the account's failures cleared; the address's only of this try */
	const char *v[2] = {name, addrkey};
	if (zz_db_begin(db, err) < 0) {
		free(addrkey);
		return ZZ_LOGIN_ERROR;
	}
	zz_db_run(db, "UPDATE users SET failures = 0, failed_at = NULL WHERE name = ?", v, 1, err);
	if (addrkey)
		zz_db_run(db, "UPDATE throttles SET failures = max(failures - 1, 0) WHERE key = ?", v + 1, 1, err);
	free(addrkey);
	return zz_db_end(db, err) < 0 ? ZZ_LOGIN_ERROR : ZZ_LOGIN_OK;
}

/* The key a session is kept by: the SHA-256 of its id, when the id is
 * one this program could have made (64 lower-case hex digits); -1 when
 * not. */
static int
session_key(const char *id, char key[65])
{
	if (!zz_token_shaped(id))
		return -1;
	zz_sha256 *h = zz_sha256_new();
	zz_sha256_update(h, id, 64);
	zz_sha256_hex(h, key);
	zz_sha256_destroy(&h);
	return 0;
}

int
zz_session_new(sqlite3 *db, const char *user, const char *address, int idle_s, int max_s, char id[65],
               char csrf[65], char **err)
{
	*err = NULL;
	id[0] = csrf[0] = '\0';
	char key[65], at[32];
	if (zz_random_hex(id, err) < 0 || zz_random_hex(csrf, err) < 0 || zz_db_begin(db, err) < 0) {
		zz_wipe(id, 65);
		zz_wipe(csrf, 65);
		return -1;
	}
	session_key(id, key);
	const char *v[5] = {key, csrf, now_utc(at), address, user};
	if (zz_db_run(db, "INSERT INTO sessions(hash, user, csrf, created, seen, address)"
	                  " SELECT ?1, name, ?2, ?3, ?3, ?4 FROM users WHERE name = ?5 AND disabled IS NULL",
	              v, 5, err) == 0 &&
	    sqlite3_changes(db) == 0)
		*err = zz_easprintf("%s: no such account, or disabled", user ? user : "");
	/* sessions ended by time whose browser never came back, swept here,
	 * at a login, not on every page */
	char idle[16], max[16];
	snprintf(idle, sizeof idle, "%d", idle_s);
	snprintf(max, sizeof max, "%d", max_s);
	const char *x[3] = {at, idle, max};
	if (!*err)
		zz_db_run(db, "DELETE FROM sessions WHERE strftime('%s', ?1) - strftime('%s', seen) > CAST(?2 AS INTEGER)"
		              " OR strftime('%s', ?1) - strftime('%s', created) > CAST(?3 AS INTEGER)",
		          x, 3, err);
	if (zz_db_end(db, err) < 0) {
		zz_wipe(id, 65);
		zz_wipe(csrf, 65);
		return -1;
	}
	return 0;
}

/* Times are compared in whole seconds, as they are kept. */
int
zz_session_check(sqlite3 *db, const char *id, int idle_s, int max_s, char **user, char **csrf,
                 char **err)
{
	*err = NULL;
	*user = *csrf = NULL;
	char key[65], at[32];
	if (session_key(id, key) < 0)
		return 0; /* no id this program made: no session to look for */
	if (zz_db_begin(db, err) < 0)
		return -1;
	const char *v[2] = {key, NULL};
	sqlite3_stmt *st = zz_db_prepare(db,
	                                 "SELECT s.user, s.csrf, CAST(strftime('%s', s.created) AS INTEGER),"
	                                 "  CAST(strftime('%s', s.seen) AS INTEGER), u.disabled IS NULL"
	                                 " FROM sessions s JOIN users u ON u.name = s.user WHERE s.hash = ?",
	                                 v, 1, err);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR, found = rc == SQLITE_ROW, good = 0;
	long long now = (long long)time(NULL);
	if (found) {
		long long created = sqlite3_column_int64(st, 2), seen = sqlite3_column_int64(st, 3);
		good = sqlite3_column_int(st, 4) && now - seen <= idle_s && now - created <= max_s;
		if (good) {
			*user = zz_estrdup(zz_db_col(st, 0));
			*csrf = zz_estrdup(zz_db_col(st, 1));
		}
	} else if (rc != SQLITE_DONE && !*err) {
		*err = zz_easprintf("%s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	v[1] = zz_utc_time(now, at);
	if (found && !*err)
		zz_db_run(db, good ? "UPDATE sessions SET seen = ?2 WHERE hash = ?1" : "DELETE FROM sessions WHERE hash = ?1",
		          v, good ? 2 : 1, err);
	if (zz_db_end(db, err) < 0) {
		free(*user);
		free(*csrf);
		*user = *csrf = NULL;
		return -1;
	}
	return good;
}

int
zz_session_end(sqlite3 *db, const char *id, char **err)
{
	*err = NULL;
	char key[65];
	if (session_key(id, key) < 0)
		return 0;
	if (zz_db_begin(db, err) < 0)
		return -1;
	const char *v[1] = {key};
	zz_db_run(db, "DELETE FROM sessions WHERE hash = ?", v, 1, err);
	return zz_db_end(db, err);
}
