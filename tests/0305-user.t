#!/bin/sh
# zizhi-user and the station's accounts and sessions (lib/db/users.c): an
# account added, listed, given a new password, disabled and enabled; a
# password asked twice on a terminal without echo, or read from the first
# line of standard input; bad names, short and mismatched passwords and
# duplicates refused; only a yescrypt hash kept. Logins: right, wrong,
# unknown, disabled; from the fourth failure in a row the next try waits,
# doubling, at most 15 minutes, and is not checked meanwhile, whether or
# not the name is an account's; one address likewise from the 21st. Sessions:
# kept by the SHA-256 of their id, ended when idle or old (and deleted),
# when ended, and when their account is disabled.
. "$(dirname "$0")/lib.sh"

export ZIZHI_DB="$TRASH/var/users.db"
q() { dbopen "$ZIZHI_DB" "$@"; }
st() { station "$ZIZHI_DB" "$@"; }
pw='correct horse 电池'

test_expect_success 'an account added, the password from standard input' '
	echo "$pw" | zizhi user add alice >out &&
	echo "alice: added" >expect && test_cmp expect out &&
	zizhi user list >list &&
	sed -n 1p list | grep "^NAME  *CREATED  *FAILURES  *STATUS$" &&
	grep "^alice  *20[0-9-]*T[0-9:]*Z  *0  *active$" list &&
	test "$(wc -l <list)" = 2
'

test_expect_success 'only a yescrypt hash of the password is kept' '
	hash=$(q "SELECT hash FROM users WHERE name = \"alice\"") &&
	case $hash in "\$y\$"*) ;; *) echo "not yescrypt: $hash"; false ;; esac &&
	test "$hash" != "$pw" &&
	! q "SELECT * FROM users" | grep -F "correct horse"
'

test_expect_success NATIVE 'the same name twice is refused, the first kept' '
	q "SELECT hash FROM users" >before &&
	echo "another password" | test_expect_code 1 zizhi user add alice 2>err &&
	grep "^zizhi-user: alice: an account of that name exists$" err &&
	q "SELECT hash FROM users" >after && test_cmp before after
'

test_expect_success NATIVE 'short passwords, or none, are refused' '
	echo short77 | test_expect_code 1 zizhi user add bob 2>err &&
	grep "^zizhi-user: a password needs 8 characters or more$" err &&
	echo 七个汉字的密码 | test_expect_code 1 zizhi user add bob 2>err &&
	grep "8 characters or more" err &&
	test_expect_code 1 zizhi user add bob </dev/null 2>err &&
	grep "no password on standard input" err &&
	test "$(q "SELECT count(*) FROM users WHERE name = \"bob\"")" = 0
'

test_expect_success NATIVE 'bad names are refused: space, slash, colon, control, empty, 65 bytes' '
	long=$(printf "%065d" 0) &&
	for name in "a b" "a/b" "a:b" "$(printf "a\tb")" "" "$long" "王　芳"; do
		echo "$pw" | test_expect_code 1 zizhi user add "$name" 2>err &&
		grep "^zizhi-user: not an account name: 1 to 64 bytes" err || return 1
	done &&
	test "$(q "SELECT count(*) FROM users")" = 1 &&
	echo "$pw" | zizhi user add "$(printf "%064d" 0)" &&
	q "DELETE FROM users WHERE name LIKE \"0%\""
'

test_expect_success NATIVE 'a Chinese name' '
	echo "$pw" | zizhi user add 王芳 >out &&
	grep "^王芳: added$" out &&
	zizhi user list >list && grep "^王芳  *20[0-9-]*T.* active$" list &&
	test "$(st login 王芳 "$pw")" = ok
'

test_expect_success 'logins: right, wrong, unknown' '
	test "$(st login alice "$pw")" = ok &&
	test "$(st login alice "correct horse")" = bad &&
	test "$(st login nobody "$pw")" = bad &&
	test "$(st login "" "$pw")" = bad &&
	test "$(q "SELECT failures FROM users WHERE name = \"alice\"")" = 1 &&
	test "$(st login alice "$pw")" = ok &&
	test "$(q "SELECT failures || coalesce(failed_at, \"-\") FROM users WHERE name = \"alice\"")" = 0-
'

# (the last failure is set an hour ahead where a test needs the wait
# exact however slow the run, as under valgrind: a failure ahead of the
# clock waits the full wait, no longer)
ahead='strftime("%Y-%m-%dT%H:%M:%SZ", "now", "+1 hour")'

test_expect_success 'from the fourth failure the next try waits, unchecked' '
	for i in 1 2 3 4; do
		test "$(st login alice wrong-$i)" = bad || return 1
	done &&
	test "$(q "SELECT failures FROM users WHERE name = \"alice\"")" = 4 &&
	q "UPDATE users SET failed_at = $ahead WHERE name = \"alice\"" &&
	test "$(st login alice "$pw")" = "throttled 2" &&
	test "$(st login alice wrong)" = "throttled 2" &&
	test "$(q "SELECT failures FROM users WHERE name = \"alice\"")" = 4
'

test_expect_success NATIVE 'the wait runs from the last failure' '
	q "UPDATE users SET failures = 3 WHERE name = \"alice\"" &&
	test "$(st login alice wrong)" = bad &&
	st login alice "$pw" >out && grep "^throttled [12]$" out
'

test_expect_success NATIVE 'the wait doubles, to 15 minutes at most' '
	q "UPDATE users SET failed_at = \"2000-01-01T00:00:00Z\" WHERE name = \"alice\"" &&
	test "$(st login alice wrong)" = bad &&
	test "$(q "SELECT failures FROM users WHERE name = \"alice\"")" = 5 &&
	q "UPDATE users SET failed_at = $ahead WHERE name = \"alice\"" &&
	test "$(st login alice "$pw")" = "throttled 4" &&
	q "UPDATE users SET failures = 12 WHERE name = \"alice\"" &&
	test "$(st login alice "$pw")" = "throttled 512" &&
	q "UPDATE users SET failures = 13 WHERE name = \"alice\"" &&
	test "$(st login alice "$pw")" = "throttled 900" &&
	q "UPDATE users SET failures = 100 WHERE name = \"alice\"" &&
	test "$(st login alice "$pw")" = "throttled 900"
'

test_expect_success 'once waited, a right password is let in and clears the failures' '
	q "UPDATE users SET failed_at = \"2000-01-01T00:00:00Z\" WHERE name = \"alice\"" &&
	test "$(st login alice "$pw")" = ok &&
	test "$(q "SELECT failures || coalesce(failed_at, \"-\") FROM users WHERE name = \"alice\"")" = 0-
'

# being slowed down must not tell an account apart: a name no account has
# waits alike
test_expect_success 'a name no account has is slowed down as an account is' '
	for i in 1 2 3 4; do
		test "$(st login nobody-$$ wrong-$i)" = bad || return 1
	done &&
	test "$(q "SELECT failures FROM throttles WHERE key = \"name:nobody-$$\"")" = 4 &&
	q "UPDATE throttles SET failed_at = $ahead WHERE key = \"name:nobody-$$\"" &&
	test "$(st login nobody-$$ "$pw")" = "throttled 2"
'

# one address trying a password on many names: no name fails four times
test_expect_success NATIVE 'one address failing on many names waits from the 21st; others do not' '
	for i in $(seq 1 21); do
		test "$(st login "user-$i" wrong 10.0.0.9)" = bad || return 1
	done &&
	test "$(q "SELECT failures FROM throttles WHERE key = \"address:10.0.0.9\"")" = 21 &&
	q "UPDATE throttles SET failed_at = $ahead WHERE key = \"address:10.0.0.9\"" &&
	test "$(st login alice "$pw" 10.0.0.9)" = "throttled 2" &&
	test "$(st login alice "$pw" 10.0.0.8)" = ok &&
	q "UPDATE throttles SET failed_at = strftime(\"%Y-%m-%dT%H:%M:%SZ\", \"now\", \"-2 hours\") \
		WHERE key = \"address:10.0.0.9\"" &&
	test "$(st login alice "$pw" 10.0.0.9)" = ok &&
	test "$(st login alice wrong 10.0.0.9)" = bad &&
	test "$(q "SELECT failures FROM throttles WHERE key = \"address:10.0.0.9\"")" = 1
'

test_expect_success 'names and addresses a day past their last failure are forgotten' '
	q "INSERT INTO throttles VALUES (\"name:old-$$\", 9, \"2000-01-01T00:00:00Z\")" &&
	test "$(st login alice wrong 10.0.0.7)" = bad &&
	test "$(q "SELECT count(*) FROM throttles WHERE key = \"name:old-$$\"")" = 0 &&
	test "$(st login alice "$pw")" = ok
'

test_expect_success NATIVE 'a new password: the old one no longer, failures cleared' '
	for i in 1 2; do st login alice wrong >/dev/null || return 1; done &&
	echo "a new password" | zizhi user passwd alice >out &&
	grep "^alice: password set$" out &&
	test "$(st login alice "$pw")" = bad &&
	test "$(st login alice "a new password")" = ok &&
	echo "$pw" | zizhi user passwd alice >/dev/null &&
	test "$(q "SELECT failures FROM users WHERE name = \"alice\"")" = 0 &&
	echo "$pw" | test_expect_code 1 zizhi user passwd nobody 2>err &&
	grep "^zizhi-user: nobody: no such account$" err &&
	echo short | test_expect_code 1 zizhi user passwd alice 2>err &&
	grep "8 characters or more" err &&
	test "$(st login alice "$pw")" = ok
'

test_expect_success 'a session: its id checks, its hash is kept, never the id' '
	st new alice 192.0.2.7 >s &&
	test "$(wc -l <s)" = 2 &&
	id=$(sed -n 1p s) && csrf=$(sed -n 2p s) &&
	echo "$id" | grep -q "^[0-9a-f]\{64\}$" &&
	echo "$csrf" | grep -q "^[0-9a-f]\{64\}$" && test "$id" != "$csrf" &&
	test "$(st check "$id")" = "alice $csrf" &&
	key=$(printf %s "$id" | sha256sum | cut -d" " -f1) &&
	test "$(q "SELECT user || \" \" || address FROM sessions WHERE hash = \"$key\"")" = "alice 192.0.2.7" &&
	! q "SELECT * FROM sessions" | grep "$id" &&
	st new alice >s2 && test "$(sed -n 1p s2)" != "$id" &&
	test "$(q "SELECT count(*) FROM sessions")" = 2
'

test_expect_success NATIVE 'a forged id does not check' '
	id=$(sed -n 1p s) && csrf=$(sed -n 2p s) &&
	key=$(printf %s "$id" | sha256sum | cut -d" " -f1) &&
	for bad in "$(printf "%064d" 0)" "$csrf" "$key" "$(echo "$id" | tr a-f A-F)" "${id}0" \
		"$(echo "$id" | cut -c1-63)" ""; do
		test "$(st check "$bad")" = none || return 1
	done &&
	test "$(st check "$id")" = "alice $csrf"
'

test_expect_success 'a check makes it seen; idle too long, it is ended and deleted' '
	id=$(sed -n 1p s) && key=$(printf %s "$id" | sha256sum | cut -d" " -f1) &&
	q "UPDATE sessions SET seen = \"2000-01-01T00:00:00Z\" WHERE hash = \"$key\"" &&
	test "$(st check "$id" 999999999 999999999)" != none &&
	test "$(q "SELECT seen > \"2001\" FROM sessions WHERE hash = \"$key\"")" = 1 &&
	q "UPDATE sessions SET seen = strftime(\"%Y-%m-%dT%H:%M:%SZ\", \"now\", \"-2 hours\") WHERE hash = \"$key\"" &&
	test "$(st check "$id" 7300 86400)" != none &&
	q "UPDATE sessions SET seen = strftime(\"%Y-%m-%dT%H:%M:%SZ\", \"now\", \"-2 hours\") WHERE hash = \"$key\"" &&
	test "$(st check "$id" 3600 86400)" = none &&
	test "$(q "SELECT count(*) FROM sessions WHERE hash = \"$key\"")" = 0
'

test_expect_success NATIVE 'made too long ago, it is ended however busy' '
	st new alice >s &&
	id=$(sed -n 1p s) && key=$(printf %s "$id" | sha256sum | cut -d" " -f1) &&
	q "UPDATE sessions SET created = strftime(\"%Y-%m-%dT%H:%M:%SZ\", \"now\", \"-25 hours\") WHERE hash = \"$key\"" &&
	test "$(st check "$id" 3600 86400)" = none &&
	test "$(q "SELECT count(*) FROM sessions WHERE hash = \"$key\"")" = 0
'

# a session whose browser never comes back is never checked again: the
# next new session sweeps it
test_expect_success 'sessions ended by time, never presented again, are swept by a new one' '
	st new alice >idle && st new alice >old && st new alice >live &&
	for f in idle old live; do
		printf %s "$(sed -n 1p $f)" | sha256sum | cut -d" " -f1 >$f.key || return 1
	done &&
	q "UPDATE sessions SET seen = strftime(\"%Y-%m-%dT%H:%M:%SZ\", \"now\", \"-2 hours\") WHERE hash = \"$(cat idle.key)\"" &&
	q "UPDATE sessions SET created = strftime(\"%Y-%m-%dT%H:%M:%SZ\", \"now\", \"-25 hours\") WHERE hash = \"$(cat old.key)\"" &&
	st new alice >/dev/null &&
	test "$(q "SELECT count(*) FROM sessions WHERE hash IN (\"$(cat idle.key)\", \"$(cat old.key)\")")" = 0 &&
	test "$(q "SELECT count(*) FROM sessions WHERE hash = \"$(cat live.key)\"")" = 1
'

test_expect_success NATIVE 'a session ended does not check' '
	st new alice >s && id=$(sed -n 1p s) &&
	test "$(st check "$id")" != none &&
	st end "$id" && test "$(st check "$id")" = none &&
	st end "$id" && st end forged
'

test_expect_success 'disabled: its sessions end, it cannot log in nor get one' '
	echo "$pw" | zizhi user add bob >/dev/null &&
	st new bob >s && id=$(sed -n 1p s) &&
	st new alice >a && aid=$(sed -n 1p a) &&
	zizhi user disable bob >out && grep "^bob: disabled, its sessions ended$" out &&
	test "$(q "SELECT count(*) FROM sessions WHERE user = \"bob\"")" = 0 &&
	test "$(st check "$id")" = none &&
	test "$(st check "$aid")" != none &&
	test "$(st login bob "$pw")" = bad &&
	test_expect_code 1 st new bob 2>err && grep "bob: no such account, or disabled" err &&
	zizhi user list >list && grep "^bob  *20[0-9-]*T[0-9:]*Z  *1  *disabled 20[0-9-]*T[0-9:]*Z$" list &&
	test_expect_code 1 zizhi user disable nobody 2>err &&
	grep "^zizhi-user: nobody: no such account$" err
'

test_expect_success 'a session of a disabled account does not check, however it came' '
	st new alice >s && id=$(sed -n 1p s) &&
	q "UPDATE users SET disabled = \"2026-01-01T00:00:00Z\" WHERE name = \"alice\"" &&
	test "$(st check "$id")" = none &&
	zizhi user enable alice >/dev/null
'

test_expect_success NATIVE 'a disabled account keeps its password and can be enabled' '
	echo "bob password 2" | zizhi user passwd bob >/dev/null &&
	zizhi user list >list && grep "^bob .* disabled " list &&
	zizhi user enable bob >out && grep "^bob: enabled$" out &&
	test "$(q "SELECT failures FROM users WHERE name = \"bob\"")" = 0 &&
	zizhi user list >list && grep "^bob .* active$" list &&
	test "$(st login bob "bob password 2")" = ok &&
	test_expect_code 1 zizhi user enable nobody 2>err && grep "nobody: no such account" err
'

test_expect_success NATIVE 'on a terminal: asked twice, not echoed' '
	station pty "terminal pass 1" "terminal pass 1" -- zizhi-user add carol >out &&
	grep "^password for carol: $" out && grep "^again: $" out &&
	grep "^carol: added$" out && grep "^echo on$" out &&
	! grep "terminal pass" out &&
	test "$(st login carol "terminal pass 1")" = ok
'

test_expect_success NATIVE 'on a terminal: two passwords that differ are refused' '
	test_expect_code 1 station pty "terminal pass 1" "terminal pass 2" -- zizhi-user add dave >out &&
	grep "^zizhi-user: the two passwords differ; nothing changed$" out &&
	test "$(q "SELECT count(*) FROM users WHERE name = \"dave\"")" = 0
'

test_expect_success NATIVE 'on a terminal: interrupted, the echo is back and nothing changed' '
	test_expect_code 130 station pty "^C" -- zizhi-user add dave >out &&
	grep "^echo on$" out &&
	test_expect_code 130 station pty "terminal pass 1" "^C" -- zizhi-user passwd carol >out &&
	grep "^again: $" out && grep "^echo on$" out &&
	test "$(q "SELECT count(*) FROM users WHERE name = \"dave\"")" = 0 &&
	test "$(st login carol "terminal pass 1")" = ok
'

test_expect_success NATIVE 'usage' '
	test_expect_code 2 zizhi user 2>err && grep "^usage: zizhi-user" err &&
	test_expect_code 2 zizhi user remove alice 2>/dev/null &&
	test_expect_code 2 zizhi user add 2>/dev/null &&
	test_expect_code 2 zizhi user add a b 2>/dev/null &&
	test_expect_code 2 zizhi user list x 2>/dev/null &&
	zizhi user -h >out && grep "first line of standard input" out &&
	rm -f other.db && echo "$pw" | zizhi -d other.db user -q add erin >out && test_must_be_empty out &&
	test "$(dbopen other.db "SELECT name FROM users")" = erin
'

test_expect_success NATIVE 'secrets compare equal only when equal' '
	test "$(station equal abc abc)" = 1 && test "$(station equal "" "")" = 1 &&
	test "$(station equal abc abd)" = 0 && test "$(station equal abc abcd)" = 0 &&
	test "$(station equal abcd abc)" = 0 && test "$(station equal "" a)" = 0
'

test_done
