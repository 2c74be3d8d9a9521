#!/bin/sh
# zizhi-case and schema version 3: a case's statuses, waits on the
# applicant, sanctions, appeals, qualification and confirmations, each
# with who, when and why and an event; the processing clock with the
# waits not counted; records that cannot be changed, nor deleted within 6
# years, while loading a case again still replaces what was read from it.
. "$(dirname "$0")/lib.sh"

q() { dbopen db/review.db "$@"; }
export ZIZHI_DB="$TRASH/db/review.db" ZIZHI_REVIEWER=clerk

# a case that goes through every stage in a moment: a note
test_expect_success 'a loaded case has its record, from its first load' '
	echo "信息安全服务资质申请" >note.txt &&
	zizhi run -s spool note.txt >c 2>/dev/null &&
	id=$(basename "$(cat c)") && echo "$id" >id &&
	test "$(q "PRAGMA user_version")" = 5 &&
	test "$(q "SELECT received FROM case_records")" = "$(q "SELECT received FROM cases")" &&
	zizhi case "$id" >show &&
	grep "^case $id " show && grep "^  status     none recorded$" show
'

test_expect_success 'an older database is migrated: its cases get their records' '
	dbopen -m 2 old.db "INSERT INTO cases(id, casedir, received, loaded)
		VALUES (\"abcd000000000000\", \"d\", \"2026-01-02T03:04:05Z\", \"t\")" &&
	dbopen old.db "SELECT case_id, received FROM case_records" >out &&
	printf "abcd000000000000\t2026-01-02T03:04:05Z\n" >expect && test_cmp expect out
'

test_expect_success 'statuses and waits, in English or Chinese, each with an event' '
	id=$(cat id) &&
	zizhi case --status received --date 2026-01-05 --reason "光盘已收到" "$id" >out &&
	grep "^$id: status [0-9]* recorded$" out &&
	zizhi case --status 形式审查 --date 2026-01-10 --reason "材料齐全" "$id" &&
	zizhi case --status waiting --date 2026-02-01 --reason "补充资料：审计报告原件" "$id" &&
	zizhi case --status 补充资料已收到 --date 2026-02-11 --reason "原件已收到" "$id" &&
	zizhi case --status panel --date 2026-02-20 --reason "送专家评审" --actor 王芳 "$id" &&
	q "SELECT status || \" \" || date || \" \" || actor FROM statuses ORDER BY id" >out &&
	printf "%s\n" "received 2026-01-05 clerk" "formal-review 2026-01-10 clerk" \
		"waiting 2026-02-01 clerk" "answered 2026-02-11 clerk" "panel 2026-02-20 王芳" >expect &&
	test_cmp expect out &&
	test "$(q "SELECT count(*) FROM events WHERE kind = \"status\"")" = 5 &&
	q "SELECT detail FROM events WHERE kind = \"status\" AND actor = \"王芳\"" >out &&
	echo "panel from 2026-02-20: 送专家评审" >expect && test_cmp expect out
'

test_expect_success 'the clock: from the receipt, the wait on the applicant not counted' '
	id=$(cat id) &&
	zizhi case --as-of 2026-03-01 "$id" >show &&
	grep "^  status     panel (专家评审) since 2026-02-20$" show &&
	grep "^  clock      45 days used, 45 left, due 2026-04-15 (as of 2026-03-01; 10 days waiting not counted)$" show &&
	zizhi case --as-of 2026-02-05 "$id" >show &&
	grep "waiting on the applicant (补充资料) since 2026-02-01" show &&
	grep "^  clock      27 days used, .* due 2026-04-09 (as of 2026-02-05; 4 days waiting not counted, stopped now)$" show &&
	zizhi case --as-of 2026-05-01 "$id" >show &&
	grep "^  clock      106 days used, 16 over, due 2026-04-15 " show
'

test_expect_success 'bad changes are refused, saying why, and leave nothing' '
	id=$(cat id) &&
	q "SELECT count(*) FROM events" >before &&
	test_expect_code 2 zizhi case --status panel "$id" &&
	test_expect_code 2 zizhi case --status panel --lift 1 --reason x "$id" &&
	test_expect_code 2 zizhi case --decide-appeal 1 --reason x "$id" &&
	test_expect_code 1 zizhi case --status done --reason x "$id" 2>err &&
	grep "not a status" err &&
	test_expect_code 1 zizhi case --status panel --reason " " "$id" 2>err &&
	grep "needs a reason" err &&
	test_expect_code 1 zizhi case --status panel --date 2026-02-30 --reason x "$id" 2>err &&
	grep "not a date" err &&
	test_expect_code 1 zizhi case --sanction 限期整改 --reason x "$id" 2>err &&
	grep "needs its deadline" err &&
	test_expect_code 1 zizhi case --lift 7 --reason x "$id" 2>err &&
	grep "has no sanction 7 still open" err &&
	test_expect_code 1 zizhi case --confirm 2026-03-01 --reason x "$id" 2>err &&
	grep "has no qualification issued by 2026-03-01" err &&
	test_expect_code 1 zizhi case --status panel --reason x ffff0000 2>err &&
	grep "no such case" err &&
	q "SELECT count(*) FROM events" >after && test_cmp before after
'

test_expect_success 'sanctions: kept with their end, lifted once' '
	id=$(cat id) &&
	zizhi case --sanction 限期整改 --date 2026-03-01 --until 2026-06-01 --reason "CISP人数不足" "$id" >out &&
	n=$(sed -n "s/^$id: sanction \([0-9]*\) recorded$/\1/p" out) && test -n "$n" &&
	zizhi case --sanction 警告 --date 2026-03-01 --reason "未按期报告变更" "$id" &&
	zizhi case --as-of 2026-03-02 "$id" >show &&
	grep "sanction $n rectification (限期整改) from 2026-03-01 until 2026-06-01" show &&
	zizhi case --lift "$n" --date 2026-05-20 --reason "整改完成" "$id" &&
	test_expect_code 1 zizhi case --lift "$n" --reason "again" "$id" 2>err &&
	grep "still open" err &&
	q "SELECT kind, until, lifted, lift_reason FROM sanctions WHERE id = $n" >out &&
	printf "rectification\t2026-06-01\t2026-05-20\t整改完成\n" >expect && test_cmp expect out &&
	test "$(q "SELECT count(*) FROM events WHERE kind = \"sanction\"")" = 3
'

test_expect_success 'appeals: a subject, then an outcome' '
	id=$(cat id) &&
	zizhi case --appeal "对警告不服" --date 2026-03-05 --reason "申诉书已收到" "$id" >out &&
	n=$(sed -n "s/^$id: appeal \([0-9]*\) recorded$/\1/p" out) &&
	zizhi case --decide-appeal "$n" --outcome 驳回 --date 2026-04-01 --reason "理由不成立" "$id" &&
	q "SELECT subject, outcome, decided, outcome_reason FROM appeals" >out &&
	printf "对警告不服\tdismissed\t2026-04-01\t理由不成立\n" >expect && test_cmp expect out &&
	q "SELECT detail FROM events WHERE kind = \"appeal\" ORDER BY id" >out &&
	printf "%s\n" "appeal $n from 2026-03-05: 对警告不服: 申诉书已收到" \
		"appeal $n dismissed 2026-04-01: 理由不成立" >expect && test_cmp expect out
'

test_expect_success 'the qualification: valid 3 years, stops the clock; confirmations' '
	id=$(cat id) &&
	zizhi case --issue SO2-2026-0042 --issued 2026-04-10 --reason "评审通过，发证" "$id" &&
	q "SELECT number, issued, valid_until FROM qualifications" >out &&
	printf "SO2-2026-0042\t2026-04-10\t2029-04-09\n" >expect && test_cmp expect out &&
	zizhi case --confirm 2027-04-01 --reason "年度确认" "$id" &&
	test_expect_code 1 zizhi case --issue SO2-2026-0042 --reason "twice" "$id" 2>err &&
	grep "UNIQUE" err &&
	zizhi case --as-of 2027-05-01 "$id" >show &&
	grep "^  status     certificate-issued (发证) since 2026-04-10$" show &&
	grep "^  clock      stopped 2026-04-10 after 85 days (due 2026-04-15; 10 days waiting not counted)$" show &&
	grep "^  qualification SO2-2026-0042 issued 2026-04-10, valid until 2029-04-09, confirmed 2027-04-01$" show &&
	grep "^  2027-04-01  confirmation  SO2-2026-0042 #1  clerk: 年度确认$" show &&
	test "$(q "SELECT count(*) FROM events WHERE kind IN (\"qualification\", \"confirmation\")")" = 2
'

test_expect_success 'records are never changed, nor deleted within 6 years' '
	for t in statuses sanctions appeals qualifications confirmations events case_records; do
		test_expect_code 1 q "DELETE FROM $t" 2>err &&
		grep "records are kept 6 years" err || return 1
	done &&
	q "INSERT INTO decisions(case_id, at, reviewer, decision, reason)
	   VALUES (\"$(cat id)\", \"2026-04-01T00:00:00Z\", \"clerk\", \"eligible\", \"seen\")" &&
	test_expect_code 1 q "DELETE FROM decisions" 2>err && grep "kept 6 years" err &&
	for t in statuses qualifications confirmations events decisions case_records; do
		test_expect_code 1 q "UPDATE $t SET case_id = case_id" 2>err &&
		grep "records are not changed" err || return 1
	done &&
	test_expect_code 1 q "UPDATE sanctions SET reason = \"other\"" 2>err &&
	grep "only lifted, once" err &&
	test_expect_code 1 q "UPDATE appeals SET outcome = \"upheld\"" 2>err &&
	grep "only decided, once" err &&
	test_expect_code 1 q "DELETE FROM cases" 2>err && grep "FOREIGN KEY" err &&
	test "$(q "SELECT count(*) FROM cases")" = 1
'

test_expect_success 'loaded again: what was read is replaced, the record kept' '
	q "SELECT * FROM life ORDER BY date, at" "SELECT * FROM events WHERE kind <> \"load\"" \
		"SELECT * FROM case_records" >before &&
	zizhi-load "$(cat c)" >out && test_cmp c out &&
	q "SELECT * FROM life ORDER BY date, at" "SELECT * FROM events WHERE kind <> \"load\"" \
		"SELECT * FROM case_records" >after &&
	test_cmp before after &&
	test "$(q "SELECT count(*) FROM events WHERE kind = \"load\"")" = 2 &&
	q "PRAGMA foreign_key_check" "PRAGMA integrity_check" >out &&
	echo ok >expect && test_cmp expect out
'

test_expect_success 'after 6 years a case can go, its record first' '
	q "INSERT INTO cases(id, casedir, received, loaded)
	   VALUES (\"0ld0000000000000\", \"d\", \"2015-03-01T00:00:00Z\", \"t\")" &&
	q "INSERT INTO statuses(case_id, status, date, at, actor, reason)
	   VALUES (\"0ld0000000000000\", \"closed\", \"2015-06-01\", \"2015-06-01T00:00:00Z\", \"clerk\", \"撤回\")" \
	  "INSERT INTO events(case_id, at, actor, kind) VALUES (\"0ld0000000000000\", \"2015-03-01T00:00:00Z\", \"zizhi-load\", \"load\")" &&
	test_expect_code 1 q "DELETE FROM cases WHERE id = \"0ld0000000000000\"" 2>err &&
	q "DELETE FROM statuses WHERE case_id = \"0ld0000000000000\"" \
	  "DELETE FROM events WHERE case_id = \"0ld0000000000000\"" \
	  "DELETE FROM case_records WHERE case_id = \"0ld0000000000000\"" \
	  "DELETE FROM cases WHERE id = \"0ld0000000000000\"" &&
	test "$(q "SELECT count(*) FROM case_records")" = 1
'

test_expect_success 'the timeline lists every change in order' '
	zizhi case "$(cat id)" >show &&
	sed -n "s/^  \(20[0-9-]*\)  \([a-z]*\) .*/\1 \2/p" show >out &&
	printf "%s\n" "2026-01-05 status" "2026-01-10 status" "2026-02-01 status" "2026-02-11 status" \
		"2026-02-20 status" "2026-03-01 sanction" "2026-03-01 sanction" "2026-03-05 appeal" \
		"2026-04-01 outcome" "2026-04-10 status" "2026-04-10 qualification" "2026-05-20 lift" \
		"2027-04-01 confirmation" >expect &&
	test_cmp expect out
'

test_done
