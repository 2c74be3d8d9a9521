#!/bin/sh
# zizhi inbox: drops made slowly and at once (a file written in pieces
# over seconds, a folder, the same name twice, a broken archive) while two
# watching inboxes run: each drop ends in done/ or failed/ exactly once,
# whole, taken by one inbox; supplementary material joins its case by the
# case id in its name or by the applicant named in its text; a drop that
# failed for a passing reason is tried again, then given up with a
# reason; a drop a dead inbox left in processing/ is taken up again.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

main="$TOP/samples/corpus/case-0002-supplement.zip"
drop="$TOP/samples/corpus/case-0002-supplement.drop.zip"
# the inbox's settings, quick: settle 2 s, retry after 1 s
cp -r "$TOP/config" conf &&
sed -i 's/<inbox [^>]*>/<inbox settle="2" poll="1" tries="3" retry-after="1"\/>/' conf/pipeline.xml
export ZIZHI_CONFIG="$TRASH/conf" ZIZHI_SPOOL="$TRASH/spool" ZIZHI_DB="$TRASH/db/review.db"

# waits (up to $2 s, three times that under a sanitizer, where a drop
# takes several times as long to read) for the inbox folder $1 to have
# nothing left to do
settled() {
	f=1
	[ -z "$SANITIZED" ] || f=3
	set -- "$1" $(($2 * f))
	n=0
	while test $n -lt $(($2 * 10)); do
		left=$(find "$1" -mindepth 1 -maxdepth 1 ! -name done ! -name failed ! -name processing | wc -l)
		busy=$(find "$1/processing" -mindepth 1 -maxdepth 1 ! -name ".*.lock" | wc -l)
		test "$left$busy" = 00 && return 0
		sleep 0.1; n=$((n + 1))
	done
	return 1
}

test_expect_success 'two watching inboxes, drops made slowly and at once: each once, whole' '
	mkdir in &&
	zizhi inbox --watch in >w1.out 2>w1.err & echo $! >w1 &&
	zizhi inbox --watch in >w2.out 2>w2.err & echo $! >w2 &&
	sleep 0.5 &&
	(
		{ head -c 1500 "$drop"; sleep 3; tail -c +1501 "$drop"; } >in/pieces.zip &
		{ head -c 1000 "$drop" >in/appended.zip; sleep 1; tail -c +1001 "$drop" >>in/appended.zip; } &
		{ mkdir in/folder.tmp && cp "$drop" in/folder.tmp/a.zip && sleep 1 &&
		  cp "$main" in/folder.tmp/b.zip && mv in/folder.tmp in/folder; } &
		cp "$drop" in/same.zip &
		printf "PK\003\004 not a zip" >in/broken.zip &
		{ cp "$drop" in/early.zip.part; sleep 1; mv in/early.zip.part in/early.zip; } &
		wait
	) &&
	sleep 1 && settled in 90 &&
	cp "$drop" in/same.zip && settled in 30 &&
	kill -TERM "$(cat w1)" "$(cat w2)" && wait "$(cat w1)" "$(cat w2)";
	ls in/done in/failed | grep -v -e "\.case$" -e "\.reason$" -e "\.log$" -e "^in/" -e "^$" | sort >got &&
	printf "%s\n" appended.zip broken.zip early.zip folder pieces.zip "same (2).zip" same.zip | sort >expect &&
	test_cmp expect got &&
	cmp "$drop" in/done/pieces.zip && cmp "$drop" in/done/appended.zip &&
	# taken whole: the same content is the same case
	for f in appended.zip early.zip pieces.zip "same (2).zip"; do
		test "$(grep "^case: " "in/done/$f.case")" = "$(grep "^case: " in/done/same.zip.case)" || return 1
	done &&
	test -f in/failed/broken.zip.reason && grep "not a zip" in/failed/broken.zip.reason &&
	for f in appended.zip early.zip folder pieces.zip same.zip "same (2).zip"; do
		grep "^case: .*/cases/[0-9a-f]*$" "in/done/$f.case" || return 1
	done &&
	cat w1.err w2.err | grep -c "^zizhi-inbox: .*: done/" >n && echo 6 >expect && test_cmp expect n &&
	for f in appended.zip early.zip folder pieces.zip same.zip "same (2).zip"; do
		test "$(cat w1.err w2.err | grep -c "^zizhi-inbox: [^:]*: done/$f: ")" = 1 || return 1
	done &&
	grep "^zizhi-inbox: broken.zip: failed/broken.zip: failed in unpack: " w1.err w2.err ||
	{ ls -lR in; for f in w1.err w2.err; do echo "--- $f"; cat "$f"; done; false; }
'

test_expect_success 'one shot: an application, then its supplement named by nothing but its text' '
	export ZIZHI_SPOOL="$TRASH/spool2" ZIZHI_DB="$TRASH/db2/review.db" &&
	mkdir box && cp "$main" box/application.zip &&
	zizhi inbox box >out 2>err && test -f box/done/application.zip.case &&
	case=$(sed -n "s/^case: //p" box/done/application.zip.case) && echo "$case" >case &&
	grep "3.4-process" "$case/report.xml" | grep -q missing &&
	cp "$drop" box/材料.zip && zizhi inbox box >out 2>err &&
	grep "^joined: by the applicant.s name in its text$" box/done/材料.zip.case &&
	grep "^case: $case$" box/done/材料.zip.case &&
	! grep "3.4-process.*missing" "$case/report.xml" &&
	test "$(ls spool2/cases | grep -c "^[0-9a-f]*$")" = 1
'

test_expect_success 'a supplement named after its case joins it' '
	export ZIZHI_SPOOL="$TRASH/spool2" ZIZHI_DB="$TRASH/db2/review.db" &&
	case=$(cat case) && id=$(basename "$case") &&
	cp "$drop" "box/补充资料-$(echo "$id" | cut -c1-8).zip" &&
	zizhi inbox box >out 2>err &&
	grep "^joined: by the case id in its name$" "box/done/补充资料-$(echo "$id" | cut -c1-8).zip.case" &&
	grep "^case: $case$" "box/done/补充资料-$(echo "$id" | cut -c1-8).zip.case"
'

test_expect_success 'a passing failure is tried again, then given up with a reason' '
	mkdir retry && cp "$drop" retry/x.zip && mkdir baddb &&
	test_expect_code 1 env ZIZHI_DB="$TRASH/baddb" zizhi inbox retry 2>err &&
	test -f retry/processing/x.zip && grep "will try again in 1 s (try 1 of 3)" err &&
	sleep 1.2 && test_expect_code 1 env ZIZHI_DB="$TRASH/baddb" zizhi inbox retry 2>err &&
	grep "try 2 of 3" err &&
	sleep 1.2 && zizhi inbox retry >out 2>err &&
	test -f retry/done/x.zip.case && ! test -e retry/processing/x.zip &&
	cp "$drop" retry/y.zip &&
	for i in 1 2 3; do env ZIZHI_DB="$TRASH/baddb" zizhi inbox retry 2>/dev/null; sleep 1.2; done;
	test -f retry/failed/y.zip && grep "^gave up after 3 tries: " retry/failed/y.zip.reason
'

test_expect_success 'a drop left in processing/ by a dead inbox is taken up again' '
	mkdir -p dead/processing && cp "$drop" dead/processing/left.zip && : >dead/processing/.left.zip.out &&
	zizhi inbox dead >out 2>err &&
	test -f dead/done/left.zip.case && test -z "$(ls dead/processing)"
'

test_done
