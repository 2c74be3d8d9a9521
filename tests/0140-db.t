#!/bin/sh
# The review database: created with its folder, WAL and foreign keys on,
# migrated to the program's schema version once even when many programs
# open it together, refused when newer than the program, and keeping
# reviewer decisions and events when a case's rows are replaced.
. "$(dirname "$0")/lib.sh"

# the version as stored, read without migrating: the file's header
# (offset 60, 4 bytes big-endian)
sqlite_version() { od -An -tu1 -j60 -N4 "$1" | awk "{ print \$1 * 16777216 + \$2 * 65536 + \$3 * 256 + \$4 }"; }

test_expect_success 'a new database: schema version, WAL, foreign keys' '
	dbopen var/review.db "PRAGMA user_version" "PRAGMA journal_mode" \
		"PRAGMA foreign_keys" "PRAGMA integrity_check" >out &&
	printf "5\nwal\n1\nok\n" >expect &&
	test_cmp expect out &&
	dbopen var/review.db "SELECT name FROM sqlite_master WHERE type=\"table\" ORDER BY name" >out &&
	printf "%s\n" appeals case_records cases certificates confirmations corrections decisions \
		derived documents events fields leases pages qualifications rule_evidence rules sanctions \
		sessions statuses throttles users >expect &&
	test_cmp expect out
'

test_expect_success 'opened again, nothing changes' '
	dbopen var/review.db "SELECT sql FROM sqlite_master ORDER BY name" >before &&
	dbopen var/review.db "SELECT sql FROM sqlite_master ORDER BY name" >after &&
	test_cmp before after
'

# (PRAGMA journal_mode = WAL gets no busy handler from SQLite: before
# db.c waited for it, one round in ten had programs told "database is
# locked"; hence twelve at a time, five times over)
test_expect_success 'twelve programs opening a new database together migrate it once' '
	for round in 1 2 3 4 5; do
		rm -f new.db new.db-wal new.db-shm &&
		for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
			dbopen new.db "PRAGMA user_version" >v$i 2>e$i &
		done &&
		wait &&
		cat v1 v2 v3 v4 v5 v6 v7 v8 v9 v10 v11 v12 | sort -u >out &&
		echo 5 >expect && test_cmp expect out &&
		cat e1 e2 e3 e4 e5 e6 e7 e8 e9 e10 e11 e12 >errs &&
		test_must_be_empty errs &&
		test "$(dbopen new.db "PRAGMA journal_mode")" = wal || return 1
	done
'

test_expect_success 'a database newer than the program is refused, untouched' '
	dbopen newer.db "PRAGMA user_version = 99" &&
	test_expect_code 1 dbopen newer.db "SELECT 1" 2>err &&
	grep "newer.db: schema version 99 is newer than this program.s 5" err &&
	test "$(sqlite_version newer.db)" = 99
'

# a load deletes and inserts a case in one transaction; deleting it for
# good is refused while its record is kept (zizhi-case(1))
test_expect_success 'rows of a case go with it; decisions and events stay' '
	dbopen var/review.db \
		"INSERT INTO cases(id, casedir, received, loaded) VALUES (\"c1\", \"d\", \"t\", \"t\")" \
		"BEGIN" \
		"INSERT INTO documents(case_id, id, type, path) VALUES (\"c1\", \"f1\", \"other\", \"p\")" \
		"INSERT INTO fields(case_id, name, value, confidence, status, canonical, document_id)
		 VALUES (\"c1\", \"org.name\", \"x\", 1, \"ok\", 1, \"f1\")" \
		"INSERT INTO decisions(case_id, at, reviewer, decision, reason)
		 VALUES (\"c1\", \"t\", \"clerk\", \"override\", \"seen the original\")" \
		"INSERT INTO events(case_id, at, actor, kind) VALUES (\"c1\", \"t\", \"zizhi-load\", \"load\")" \
		"DELETE FROM cases WHERE id = \"c1\"" \
		"SELECT (SELECT count(*) FROM documents) || (SELECT count(*) FROM fields) ||
		        (SELECT count(*) FROM decisions) || (SELECT count(*) FROM events)" \
		"INSERT INTO cases(id, casedir, received, loaded) VALUES (\"c1\", \"d\", \"t\", \"t\")" \
		"COMMIT" >out &&
	echo 0011 >expect && test_cmp expect out
'

test_expect_success 'foreign keys hold: no field of an unknown case' '
	test_expect_code 1 dbopen var/review.db \
		"INSERT INTO fields(case_id, name, value, confidence, status, canonical, document_id)
		 VALUES (\"nope\", \"org.name\", \"x\", 1, \"ok\", 1, \"f1\")" 2>err &&
	grep "FOREIGN KEY constraint failed" err
'

test_expect_success 'a decision needs a reason' '
	test_expect_code 1 dbopen var/review.db \
		"INSERT INTO decisions(case_id, at, reviewer, decision, reason)
		 VALUES (\"c1\", \"t\", \"clerk\", \"override\", \"\")" 2>err &&
	grep "CHECK constraint failed" err
'

test_done
