#!/bin/sh
# zizhi-recheck on a database built from the sample case, its dates
# shifted so that each kind of thing due comes up: processing clocks,
# certificates whose expiry would change the verdict (thresholds from
# config/rules/security-operations-2.xml), the qualification's confirmations, renewal and
# expiry, sanctions' deadlines; silent and 0 when nothing is due, 7 when
# something is. Then the sample crontab and systemd units, run as cron
# and systemd would run them.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

q() { dbopen db/review.db "$@"; }
d() { q "SELECT date('$1', '$2')"; }
export ZIZHI_DB="$TRASH/db/review.db" ZIZHI_REVIEWER=clerk
# nothing due: silent, 0
none() { zizhi recheck --as-of "$1" >due && test_must_be_empty due; }
# something due: 7, and the line "ID  APPLICANT  KIND  DATE  ..." for each KIND DATE given
listed() {
	test_expect_code 7 zizhi recheck --as-of "$1" >due || return 1
	shift
	while [ $# -gt 1 ]; do
		grep "^$(cat id)  [^ ].*  $1 *$2  " due || { cat due; return 1; }
		shift 2
	done
}

test_expect_success 'the sample case, received on its application date: nothing due' '
	zizhi run -s spool "$TOP/samples/corpus/case-0001-eligible.iso" >c 2>/dev/null &&
	id=$(basename "$(cat c)") && echo "$id" >id &&
	B=$(q "SELECT value FROM fields WHERE canonical AND name = \"application.date\"") &&
	echo "$B" >B && test -n "$B" &&
	test "$(q "SELECT verdict FROM case_verdicts")" != ineligible &&
	zizhi case --status received --date "$B" --reason "光盘已收到" "$id" >/dev/null &&
	none "$(d "$B" "+1 day")" &&
	name=$(q "SELECT value FROM fields WHERE canonical AND name = \"org.name\"") &&
	test_expect_code 7 zizhi recheck --as-of "$(d "$B" "+1 year")" >due &&
	grep "^$id  $name  " due
'

test_expect_success 'the processing clock: 14 days left, then overdue' '
	B=$(cat B) && due=$(d "$B" "+3 months") &&
	none "$(d "$due" "-15 days")" &&
	listed "$(d "$due" "-14 days")" clock "$due" &&
	grep "processing clock from $B: [0-9]* days used, 14 left" due &&
	listed "$(d "$due" "+1 day")" clock-overdue "$due" &&
	grep "1 over" due
'

test_expect_success 'time waiting on the applicant is not counted, nor listed' '
	id=$(cat id) && B=$(cat B) && due=$(d "$B" "+3 months") &&
	zizhi case --status 补充资料 --date "$(d "$B" "+10 days")" --reason "补充资料：审计报告" "$id" >/dev/null &&
	zizhi case --status answered --date "$(d "$B" "+20 days")" --reason "已收到" "$id" >/dev/null &&
	later=$(d "$due" "+10 days") &&
	listed "$due" clock "$later" &&
	wait=$(d "$later" "-5 days") &&
	zizhi case --status waiting --date "$wait" --reason "补充资料：合同原件" "$id" >/dev/null &&
	none "$(d "$wait" "+30 days")"
'

test_expect_success 'a CISP certificate expiring: rule 3.2.4 would fail, threshold from its rules file' '
	id=$(cat id) && B=$(cat B) &&
	min=$(xmllint --xpath "string(//rule[@id=\"3.2.4-cisp\"]/at-least/@value)" "$TOP/config/rules/security-operations-2.xml") &&
	test "$min" -gt 0 &&
	inputs=$(q "SELECT inputs FROM derived WHERE name = \"derived.cisp_valid_fulltime\"") &&
	n=$(echo $inputs | wc -w) && test "$n" -ge "$min" &&
	q "UPDATE fields SET value = date(\"$B\", \"+10 years\") WHERE name GLOB \"cisp*.valid_until\"" &&
	E=$(d "$B" "+30 days") && k=$((n - min + 1)) &&
	for w in $(echo $inputs | tr " " "\n" | head -n "$k"); do
		q "UPDATE fields SET value = \"$E\" WHERE canonical AND name = \"${w%.number}.valid_until\"" || return 1
	done &&
	none "$E" &&
	listed "$(d "$E" "+1 day")" evidence "$(d "$E" "+1 day")" &&
	grep "rule 3.2.4-cisp would fail: $((min - 1)) of the $n cisp records counted are valid on .*, at least $min needed" due
'

# The rule passes as read, or (its holder's name misread by OCR) once a
# reviewer has checked the certificate, as a clerk would: either way it
# stands as passed until the date comes.
test_expect_success 'the level-1 certificate expiring: rule 3.1.3 would fail' '
	B=$(cat B) && L=$(d "$B" "+40 days") && E1=$(d "$B" "+31 days") && L1=$(d "$L" "+1 day") &&
	zizhi review --rule 3.1.3-level1-valid --decide pass --reason "原件已核对" "$(cat id)" >/dev/null &&
	q "UPDATE fields SET value = \"$L\" WHERE canonical AND name = \"l1.valid_until\"" &&
	listed "$L1" evidence "$E1" evidence "$L1" &&
	grep "rule 3.1.3-level1-valid would fail: l1.valid_until $L has passed" due &&
	test "$(wc -l <due)" = 2
'

test_expect_success 'XML: every item, valid against recheck.rng; a document when none' '
	B=$(cat B) && day=$(d "$B" "+41 days") &&
	test_expect_code 7 zizhi recheck --as-of "$day" >text &&
	test_expect_code 7 zizhi recheck --as-of "$day" --format xml >r.xml &&
	xmllint --noout --relaxng "$TOP/config/schema/recheck.rng" r.xml &&
	test "$(xmllint --xpath "count(/recheck/due)" r.xml)" = "$(wc -l <text)" &&
	test "$(xmllint --xpath "count(/recheck/due[@kind=\"evidence\"][@rule=\"3.2.4-cisp\"][@case=\"$(cat id)\"])" r.xml)" = 1 &&
	zizhi recheck --as-of "$(d "$B" "+1 day")" --format xml >e.xml &&
	xmllint --noout --relaxng "$TOP/config/schema/recheck.rng" e.xml &&
	test "$(xmllint --xpath "count(/recheck/due)" e.xml)" = 0
'

test_expect_success 'a case already failing that rule: no verdict to change' '
	id=$(cat id) && B=$(cat B) &&
	zizhi review --rule 3.2.4-cisp --decide fail --reason "CISP不足" "$id" >/dev/null &&
	zizhi review --decide ineligible --reason "不符合3.2.4" "$id" >/dev/null &&
	none "$(d "$B" "+41 days")" &&
	zizhi review --rule 3.2.4-cisp --decide pass --reason "已核实" "$id" >/dev/null &&
	zizhi review --decide review --reason "重新审查" "$id" >/dev/null &&
	listed "$(d "$B" "+41 days")" evidence "$(d "$B" "+31 days")"
'

test_expect_success 'loaded again, the dates as read are back' '
	B=$(cat B) &&
	zizhi-load "$(cat c)" >/dev/null &&
	none "$(d "$B" "+41 days")"
'

test_expect_success 'the qualification issued: nothing due; the clock has stopped' '
	id=$(cat id) && B=$(cat B) && Q=$(d "$B" "+60 days") && echo "$Q" >Q &&
	zizhi case --issue SO2-TEST-0001 --issued "$Q" --reason "评审通过" "$id" >/dev/null &&
	q "UPDATE fields SET value = date(\"$B\", \"+10 years\") WHERE name GLOB \"cisp*.valid_until\" OR name = \"l1.valid_until\"" &&
	none "$(d "$Q" "+1 day")" &&
	none "$(d "$B" "+6 months")"
'

test_expect_success 'sanctions: a deadline and an end that have come' '
	id=$(cat id) && Q=$(cat Q) && S=$(d "$Q" "+100 days") && S2=$(d "$Q" "+120 days") &&
	zizhi case --sanction 限期整改 --date "$(d "$Q" "+90 days")" --until "$S" --reason "整改" "$id" >/dev/null &&
	zizhi case --sanction 暂停 --date "$(d "$Q" "+110 days")" --until "$S2" --reason "暂停" "$id" >/dev/null &&
	none "$(d "$S" "-1 day")" &&
	listed "$S" rectification "$S" &&
	zizhi case --lift 1 --date "$(d "$S" "+1 day")" --reason "整改完成" "$id" >/dev/null &&
	listed "$S2" suspension-end "$S2" &&
	test "$(wc -l <due)" = 1 &&
	zizhi case --lift 2 --date "$S2" --reason "恢复" "$id" >/dev/null &&
	none "$S2"
'

test_expect_success 'yearly confirmations: from 30 days before, overdue 30 days after' '
	id=$(cat id) && Q=$(cat Q) && A1=$(d "$Q" "+1 year") && A2=$(d "$Q" "+2 years") &&
	none "$(d "$A1" "-31 days")" &&
	listed "$(d "$A1" "-30 days")" confirmation "$A1" &&
	grep "yearly confirmation 1 of qualification SO2-TEST-0001, overdue after $(d "$A1" "+30 days")" due &&
	listed "$(d "$A1" "+31 days")" confirmation-overdue "$A1" &&
	zizhi case --confirm "$(d "$A1" "+35 days")" --reason "年度确认" "$id" >/dev/null &&
	none "$(d "$A1" "+40 days")" &&
	listed "$(d "$A2" "-10 days")" confirmation "$A2" &&
	zizhi case --confirm "$(d "$A2" "-5 days")" --reason "年度确认" "$id" >/dev/null &&
	none "$A2"
'

test_expect_success 'renewal: due 6 months before expiry, until a new case comes in' '
	id=$(cat id) &&
	V=$(q "SELECT valid_until FROM qualifications") && R=$(d "$V" "-6 months") && echo "$V" >V &&
	none "$(d "$R" "-1 day")" &&
	listed "$R" renewal "$V" &&
	uscc=$(q "SELECT value FROM fields WHERE canonical AND name = \"org.uscc\"") &&
	q "INSERT INTO cases(id, casedir, received, loaded) VALUES (\"ffff000000000001\", \"d\", \"${R}T09:00:00Z\", \"t\")" \
	  "INSERT INTO documents(case_id, id, type, path) VALUES (\"ffff000000000001\", \"f1\", \"business-licence\", \"p\")" \
	  "INSERT INTO fields(case_id, name, value, confidence, status, canonical, document_id)
	   VALUES (\"ffff000000000001\", \"org.uscc\", \"$uscc\", 1, \"ok\", 1, \"f1\")" &&
	zizhi case --status closed --date "$R" --reason "并入续期申请" ffff000000000001 >/dev/null &&
	none "$(d "$R" "+1 day")"
'

test_expect_success 'expired: listed with nothing else, until revoked or closed' '
	id=$(cat id) && V=$(cat V) &&
	listed "$(d "$V" "+1 day")" expired "$V" &&
	test "$(wc -l <due)" = 1 &&
	zizhi case --sanction 取消 --date "$(d "$V" "+1 day")" --reason "证书过期未续" "$id" >/dev/null &&
	none "$(d "$V" "+1 day")"
'

test_expect_success 'errors: no database, bad date, rules without <life>' '
	test_expect_code 4 zizhi recheck -d nowhere.db 2>err && grep "cannot open .nowhere.db." err &&
	! test -e nowhere.db &&
	test_expect_code 2 zizhi recheck --as-of 2026-02-30 2>err &&
	sed "/<life /,/\/>/d" "$TOP/config/rules/security-operations-2.xml" >nolife.xml &&
	test_expect_code 3 zizhi recheck --rules nolife.xml 2>err && grep "no <life>" err
'

# ---- the sample crontab and systemd units, run against a small database
# where, whatever today is, a qualification has long expired

sub() { sed "s|/usr/local/bin|$TOP/bin|g; s|/var/lib/zizhi|$TRASH/var|g" "$@"; }

test_expect_success 'a database with something due, whatever the date' '
	mkdir -p var/inbox &&
	dbopen var/zizhi.db \
		"INSERT INTO cases(id, casedir, received, loaded) VALUES (\"aaaa000000000001\", \"d\", \"2001-01-01T00:00:00Z\", \"t\")" \
		"INSERT INTO qualifications(case_id, number, issued, valid_until, at, actor, reason)
		 VALUES (\"aaaa000000000001\", \"OLD-1\", \"2001-02-01\", \"2004-01-31\", \"t\", \"clerk\", \"test\")" &&
	test_expect_code 7 zizhi recheck -d var/zizhi.db >out &&
	grep "^aaaa000000000001  ?  *expired  *2004-01-31  " out
'

test_expect_success 'the crontab: well-formed lines whose commands run as cron runs them' '
	sub "$TOP/dist/cron/zizhi" | grep -v "^#" | grep -v "^[[:space:]]*$" >cron &&
	grep "^[A-Z_]*=" cron >cron.env && grep "^ZIZHI_DB=$TRASH/var/zizhi.db$" cron.env &&
	grep -v "^[A-Z_]*=" cron >cron.jobs && test "$(wc -l <cron.jobs)" = 2 &&
	awk "{ split(\"59 23 31 12 7\", max, \" \")
	       for (i = 1; i <= 5; i++) {
	           if (\$i !~ /^(\\*|[0-9]+(-[0-9]+)?)(\\/[0-9]+)?(,(\\*|[0-9]+(-[0-9]+)?)(\\/[0-9]+)?)*\$/)
	               { print \"bad time field: \" \$i; bad = 1 }
	           n = split(\$i, v, /[^0-9]+/)
	           for (j = 1; j <= n; j++) if (v[j] != \"\" && v[j] + 0 > max[i])
	               { print \"out of range: \" \$i; bad = 1 }
	       } }
	     END { exit bad }" cron.jobs &&
	while read -r m h dom mon dow user cmd; do
		test "$user" = zizhi && echo "$cmd" >>cron.cmds || return 1
	done <cron.jobs &&
	grep "^$TOP/bin/zizhi recheck$" cron.cmds &&
	cmd=$(grep recheck cron.cmds) &&
	(set -a && . ./cron.env && set +a && sh -c "$cmd") >mail; test $? = 7 &&
	grep " expired " mail &&
	dbopen var/zizhi.db "INSERT INTO statuses(case_id, status, date, at, actor, reason)
		VALUES (\"aaaa000000000001\", \"closed\", \"2004-02-01\", \"t\", \"clerk\", \"test\")" &&
	(set -a && . ./cron.env && set +a && sh -c "$cmd") >mail &&
	test_must_be_empty mail
'

if test -x "$TOP/bin/zizhi-inbox" && command -v flock >/dev/null; then
	test_expect_success 'the crontab inbox line runs' '
		cmd=$(grep " inbox " cron.cmds) &&
		(set -a && . ./cron.env && set +a && sh -c "$cmd")
	'
else
	test_skip 'the crontab inbox line runs' "no zizhi-inbox (or flock) yet"
fi

test_expect_success 'the systemd units: verified, and their commands run as systemd would' '
	mkdir units && for u in "$TOP"/dist/systemd/*; do sub "$u" >units/"${u##*/}" || return 1; done &&
	ls units >list && printf "%s\n" zizhi-inbox-run.service zizhi-inbox.path zizhi-inbox.service \
		zizhi-recheck.service zizhi-recheck.timer zizhi-serve.service >expect && test_cmp expect list &&
	if command -v systemd-analyze >/dev/null &&
	   printf "[Service]\nType=oneshot\nExecStart=/bin/true\n" >units.ok.service &&
	   systemd-analyze verify --man=no ./units.ok.service >/dev/null 2>&1; then
		systemd-analyze verify --man=no units/* || return 1
	else
		say "systemd-analyze cannot verify here; the commands only"
	fi &&
	grep "^ExecStart=$TOP/bin/zizhi recheck$" units/zizhi-recheck.service &&
	grep "^ExecStart=$TOP/bin/zizhi inbox --watch $TRASH/var/inbox$" units/zizhi-inbox.service &&
	grep "^ExecStart=$TOP/bin/zizhi inbox $TRASH/var/inbox$" units/zizhi-inbox-run.service &&
	grep "^Unit=zizhi-inbox-run.service$" units/zizhi-inbox.path &&
	grep "^PathChanged=$TRASH/var/inbox$" units/zizhi-inbox.path &&
	grep "^ExecStart=$TOP/bin/zizhi serve --listen 127.0.0.1:8080 " units/zizhi-serve.service
'

# runs a unit's ExecStart= with its Environment=; succeeds as systemd
# would count it (0 or one of SuccessExitStatus=)
run_unit() {
	env=$(sed -n "s/^Environment=//p" "$1") && cmd=$(sed -n "s/^ExecStart=//p" "$1") &&
	ok="0 $(sed -n "s/^SuccessExitStatus=//p" "$1")" &&
	env $env $2 sh -c "$cmd" >unit.out
	rc=$?
	case " $ok " in *" $rc "*) return 0 ;; esac
	echo "$1: exit $rc"
	return 1
}

test_expect_success 'zizhi-recheck.service: succeeds whether due or not, fails when broken' '
	dbopen var/zizhi.db "INSERT INTO cases(id, casedir, received, loaded)
		VALUES (\"aaaa000000000002\", \"d\", \"2002-01-01T00:00:00Z\", \"t\")" &&
	run_unit units/zizhi-recheck.service && grep "^aaaa000000000002 .* clock-overdue " unit.out &&
	dbopen var/zizhi.db "INSERT INTO statuses(case_id, status, date, at, actor, reason)
		VALUES (\"aaaa000000000002\", \"closed\", \"2002-02-01\", \"t\", \"clerk\", \"test\")" &&
	run_unit units/zizhi-recheck.service && test_must_be_empty unit.out &&
	! run_unit units/zizhi-recheck.service ZIZHI_DB=$TRASH/var/missing.db
'

if test -x "$TOP/bin/zizhi-inbox"; then
	test_expect_success 'the inbox units run: once, and watching' '
		run_unit units/zizhi-inbox-run.service &&
		sed -i "s|^ExecStart=|ExecStart=timeout 3 |" units/zizhi-inbox.service &&
		sed -i "s|^SuccessExitStatus=.*||; \$a SuccessExitStatus=124" units/zizhi-inbox.service &&
		run_unit units/zizhi-inbox.service
	'
else
	test_skip 'the inbox units run: once, and watching' "no zizhi-inbox yet"
fi

test_done
