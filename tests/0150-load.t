#!/bin/sh
# zizhi-load: a case into the review database with its evidence; loaded
# again it replaces its rows and keeps when it was received, its events and
# the reviewers' decisions; loaders running together are safe; a case not
# yet extracted is an error for that case only.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

q() { dbopen db/review.db "$@"; }

test_expect_success 'zizhi run ends with the case in the database' '
	zizhi run -s spool -d db/review.db "$TOP/samples/corpus/case-0001-eligible.iso" >c &&
	case=$(cat c) && id=$(basename "$case") &&
	q "SELECT id FROM cases" >out && echo "$id" >expect && test_cmp expect out &&
	q "PRAGMA integrity_check" "PRAGMA foreign_key_check" >out &&
	echo ok >expect && test_cmp expect out
'

test_expect_success 'documents, fields with evidence, certificates as extracted' '
	case=$(cat c) && x="$case/extract/extract.xml" &&
	test "$(q "SELECT count(*) FROM documents")" = "$(xmllint --xpath "count(//document)" "$x")" &&
	test "$(q "SELECT count(*) FROM fields WHERE canonical")" = "$(xmllint --xpath "count(//field)" "$x")" &&
	test "$(q "SELECT count(*) FROM fields WHERE box IS NULL AND cell IS NULL")" = 0 &&
	q "SELECT value FROM fields WHERE canonical AND name = \"org.uscc\"" >out &&
	xmllint --xpath "string(/truth/field[@name=\"org.uscc\"]/@value)" \
		"$TOP/samples/corpus/case-0001-eligible.truth.xml" >expect &&
	test_cmp expect out &&
	test "$(q "SELECT count(*) FROM certificates WHERE kind = \"cisp\"")" -ge 8 &&
	test "$(q "SELECT count(*) FROM certificates WHERE kind = \"level1\" AND valid_until GLOB \"20[0-9][0-9]-*\"")" = 1 &&
	test "$(q "SELECT count(*) FROM pages")" = "$(xmllint --xpath "count(//page)" "$case/read/read.xml")"
'

test_expect_success 'loaded again: rows replaced, receipt, events and decisions kept' '
	case=$(cat c) && id=$(basename "$case") &&
	q "INSERT INTO decisions(case_id, at, reviewer, decision, reason)
	   VALUES (\"$id\", \"2026-11-24T10:00:00Z\", \"clerk\", \"accept\", \"licence seen in the original\")" &&
	q "SELECT received FROM cases" >received &&
	q "SELECT count(*) FROM fields" >fields &&
	sleep 1 &&
	zizhi-load -d db/review.db "$case" >out && test_cmp c out &&
	q "SELECT received FROM cases" >after && test_cmp received after &&
	q "SELECT count(*) FROM fields" >after && test_cmp fields after &&
	test "$(q "SELECT count(*) FROM events WHERE kind = \"load\"")" = 2 &&
	test "$(q "SELECT reason FROM decisions")" = "licence seen in the original" &&
	test "$(q "SELECT loaded > received FROM cases")" = 1
'

test_expect_success NATIVE 'four loaders at once: every load lands, the database stays whole' '
	case=$(cat c) &&
	for i in 1 2 3 4; do zizhi-load -d db/review.db "$case" >/dev/null 2>e$i & done &&
	wait &&
	cat e1 e2 e3 e4 >errs && test_must_be_empty errs &&
	test "$(q "SELECT count(*) FROM events WHERE kind = \"load\"")" = 6 &&
	q "SELECT count(*) FROM fields" >after && test_cmp fields after &&
	q "PRAGMA integrity_check" >out && echo ok >expect && test_cmp expect out
'

test_expect_success 'a case not extracted is an error for it alone' '
	mkdir -p spool/cases/raw && cp "$(cat c)/case.xml" spool/cases/raw/ &&
	test_expect_code 1 zizhi-load -d db/review.db spool/cases/raw "$(cat c)" >out 2>err &&
	test_cmp c out &&
	grep "spool/cases/raw: no extract/extract.xml" err
'

test_expect_success 'a database the program cannot use is a clear error' '
	echo "not a database" >bad.db &&
	test_expect_code 4 zizhi-load -d bad.db "$(cat c)" 2>err &&
	grep "bad.db" err
'

test_done
