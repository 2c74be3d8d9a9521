#!/bin/sh
# zizhi run -j: a night's inputs, cases at once; a line per case and a
# summary on standard error, a failed input named with its reason, each
# case's log in its directory; killed mid-way (SIGKILL) and run again it
# ends with the same reports; stopped by SIGTERM it stops its stages and
# says so; finished work is not done again.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

in1="$TOP/samples/corpus/case-0001-eligible.iso"
in2="$TOP/samples/corpus/case-0002-supplement.zip"

test_expect_success 'a batch: case directories out, a line per case, a summary, the failure named' '
	printf "PK\003\004 not really a zip" >broken.zip &&
	test_expect_code 1 zizhi run -j 2 -s ref -d ref.db "$in1" broken.zip "$in2" >cases 2>err &&
	test "$(wc -l <cases)" = 2 &&
	for c in $(cat cases); do
		test -f "$c/report.xml" && ls "$c"/log/*.log >/dev/null &&
		grep "zizhi-load exit 0" "$c"/log/*.log || return 1
	done &&
	test "$(grep -c "^zizhi-run: \[[1-3]/3\] " err)" = 3 &&
	grep "^zizhi-run: 3 inputs: 2 done, 1 failed" err &&
	grep "^  -  *failed .* broken.zip  failed in unpack: zizhi-unpack: .*broken.zip" err &&
	for c in $(cat cases); do
		v=$(xmllint --xpath "string(/case/@verdict)" "$c/report.xml") &&
		grep "^  $(basename "$c")  $v " err || return 1
	done &&
	test "$(dbopen ref.db "SELECT count(*) FROM cases")" = 2
'

test_expect_success NATIVE 'killed mid-OCR, run again: the same reports, nothing left over' '
	(setsid zizhi run -j 2 -s spool -d spool.db "$in1" "$in2" >/dev/null 2>&1 & echo $! >pid) &&
	n=0 && until ls spool/ocr-cache/*/*.alto.xml >/dev/null 2>&1 || test $n -gt 300; do
		sleep 0.1; n=$((n + 1)); done &&
	pkill -KILL -s "$(cat pid)" &&
	sleep 0.5 &&
	! ls spool/cases/*/report.xml 2>/dev/null &&
	zizhi run -j 2 -s spool -d spool.db "$in1" "$in2" >cases2 2>err2 &&
	test "$(wc -l <cases2)" = 2 &&
	for c in $(cat cases); do
		id=$(basename "$c") &&
		cmp "$c/report.xml" "spool/cases/$id/report.xml" &&
		cmp "$c/extract/extract.xml" "spool/cases/$id/extract/extract.xml" || return 1
	done &&
	test -z "$(find spool/cases -mindepth 2 -maxdepth 2 -name ".*")" &&
	test "$(dbopen spool.db "PRAGMA integrity_check")" = ok &&
	test "$(dbopen spool.db "SELECT count(*) FROM cases")" = 2
'

test_expect_success NATIVE 'run again when done: nothing is read again' '
	for c in spool/cases/*/; do stat -c %Y "$c/read/read.xml"; done >before &&
	sleep 1 &&
	zizhi run -s spool -d spool.db "$in1" "$in2" >cases3 2>err3 &&
	for c in spool/cases/*/; do stat -c %Y "$c/read/read.xml"; done >after &&
	test_cmp before after &&
	test "$(wc -l <cases3)" = 2
'

test_expect_success 'SIGTERM: the stages stop, the run says what is left' '
	(zizhi run -s "$PWD/term" -d term.db "$in2" >/dev/null 2>err4 & echo $! >pid2) &&
	n=0 && until ls term/cases/*/case.xml >/dev/null 2>&1 || test $n -gt 300; do
		sleep 0.1; n=$((n + 1)); done &&
	sleep 1 &&
	kill -TERM "$(cat pid2)" &&
	n=0 && while kill -0 "$(cat pid2)" 2>/dev/null && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	! kill -0 "$(cat pid2)" 2>/dev/null &&
	grep "interrupted (run again to resume)" err4 &&
	! pgrep -f "zizhi-read.*$PWD/term/cases" &&
	! ls term/cases/*/report.xml 2>/dev/null
'

# Forked OCR workers hold zizhi-read's standard error; stopped, it ends
# them, so whoever reads that (zizhi run) is not kept waiting on the page
# in hand (here a blank page of 10900 x 10900 pixels: seconds of work).
test_expect_success 'zizhi-read stopped by SIGTERM mid-page: its workers end with it' '
	mkdir slowin && hostile png-bomb slowin/big.png 10900 10900 72 &&
	c=$(zizhi-unpack -s slow slowin) &&
	(zizhi-read -j 1 --no-cache "$c" >/dev/null 2>err5 & echo $! >pid5) &&
	n=0 && until pgrep -f "zizhi-read.*$c" | grep -vqx "$(cat pid5)" || test $n -gt 100; do
		sleep 0.1; n=$((n + 1)); done &&
	sleep 1 &&
	kill -TERM "$(cat pid5)" &&
	sleep 0.5 &&
	! pgrep -f "zizhi-read.*$c"
'

test_done
