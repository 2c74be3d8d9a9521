#!/bin/sh
# zizhi serve in a real browser (headless Chromium through ChromeDriver),
# as a clerk uses it on a 1366 x 768 screen: log in, the queue, a sample
# case, the keys to its fields, correct the registered capital and see
# its rule and the verdict change, decide the case, log out; the
# correction, the decision and their events are in the database in the
# clerk's name. Screenshots are kept in build/test-artefacts/station/.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/station.sh"
. "$TOP/tests/tools/webdriver.sh"

why=$(wd_available) || skip_all "$why"
# the station's code runs under memcheck in 0310; a browser waiting on it
# there would time out, and adds nothing memcheck sees
[ -z "$VG" ] || skip_all "the browser test runs natively and under ASan, not memcheck"
shots="$TOP/build/test-artefacts/station"
mkdir -p "$shots"
rm -f "$shots"/*.png

test_expect_success 'setup: a case loaded, a clerk' '
	station_case &&
	station_user 李明 "li-ming-password"
'

station_start

test_expect_success 'the browser starts' '
	wd_start
'

test_expect_success 'log in' '
	wd_go "$URL/" &&
	wd_wait_css "#login-user" &&
	wd_shot "$shots/1-login.png" &&
	wd_type "$(wd_find "#login-user")" "李明" &&
	wd_type "$(wd_find "#login-password")" "li-ming-password" &&
	wd_click "$(wd_find "#login-submit")" &&
	wd_wait_css "#queue" &&
	test "$(wd_text "$(wd_find "#user")")" = 李明
'

test_expect_success 'the queue, and the case opened from it' '
	id=$(cat id) &&
	wd_wait_css "tr[data-case=\"$id\"]" &&
	wd_shot "$shots/2-queue.png" &&
	wd_click "$(wd_find "tr[data-case=\"$id\"] a.case-link")" &&
	wd_wait_css "#rule-3\\.2\\.2-capital" &&
	wd_text "$(wd_find "#verdict")" >verdict.before &&
	test -s verdict.before
'

test_expect_success 'j and k move between the fields that need a look; the page shows the box' '
	wd_wait_js "return document.querySelector(\".field.current\") !== null" &&
	first=$(wd_exec "return document.querySelector(\".field.current\").id") &&
	wd_keys j &&
	second=$(wd_exec "return document.querySelector(\".field.current\").id") &&
	test "$first" != "$second" &&
	wd_keys k &&
	test "$(wd_exec "return document.querySelector(\".field.current\").id")" = "$first" &&
	wd_keys "?" &&
	test "$(wd_exec "return document.getElementById(\"help\").hidden")" = false &&
	wd_shot "$shots/3-help.png" &&
	wd_keys "$WD_ESCAPE" &&
	test "$(wd_exec "return document.getElementById(\"help\").hidden")" = true &&
	shown=$(wd_exec "var s = document.querySelector(\".field[data-img]\"); s.click(); return s.id") &&
	wd_wait_js "var b = document.getElementById(\"page-box\"); return !b.hidden && b.offsetWidth > 0" &&
	wd_wait_js "return document.getElementById(\"page-img\").naturalWidth > 0" &&
	wd_shot "$shots/4-page-box.png"
'

test_expect_success 'correct the registered capital: its rule and the verdict change' '
	f="#f-org\\.registered_capital" &&
	wd_exec "document.getElementById(\"f-org.registered_capital\").scrollIntoView()" >/dev/null &&
	wd_click "$(wd_find "$f h3")" &&
	wd_keys e &&
	test "$(wd_exec "return document.activeElement.className")" = value &&
	wd_clear "$(wd_find "$f input.value")" &&
	wd_type "$(wd_find "$f input.value")" "人民币伍佰万元整" &&
	wd_type "$(wd_find "$f input.reason")" "与营业执照原件核对" &&
	wd_shot "$shots/5-correct.png" &&
	wd_click "$(wd_find "$f button.do-correct")" &&
	wd_wait_css "$f.current" &&
	test "$(wd_text "$(wd_find "$f dd.v")")" = 5000000 &&
	test "$(wd_text "$(wd_find "#rule-3\\.2\\.2-capital td.result")")" = 不通过 &&
	test "$(wd_text "$(wd_find "#verdict")")" = 不符合条件 &&
	! test_cmp verdict.before verdict.after 2>/dev/null &&
	wd_shot "$shots/6-corrected.png"
'

test_expect_success 'decide the case from the keyboard' '
	wd_keys d &&
	test "$(wd_exec "return document.activeElement.id")" = decide-reason &&
	wd_exec "document.getElementById(\"decide-decision\").value = \"ineligible\"" >/dev/null &&
	wd_type "$(wd_find "#decide-reason")" "注册资本不足一千万元" &&
	wd_click "$(wd_find "#decide-submit")" &&
	wd_wait_css "#history" &&
	wd_text "$(wd_find "#history")" | grep "李明 review" &&
	wd_shot "$shots/7-decided.png"
'

test_expect_success 'log out' '
	wd_click "$(wd_find "#logout")" &&
	wd_wait_css "#login-user" &&
	wd_go "$URL/" &&
	wd_wait_css "#login-user"
'

test_expect_success 'the correction, the decision and their events name the clerk' '
	test "$(q "SELECT reviewer || \" \" || value FROM corrections")" = "李明 5000000" &&
	test "$(q "SELECT reviewer || \" \" || decision FROM decisions")" = "李明 ineligible" &&
	test "$(q "SELECT group_concat(kind || \":\" || actor) FROM events WHERE kind IN (\"correct\", \"review\")")" = "correct:李明,review:李明" &&
	test "$(q "SELECT count(*) FROM sessions")" = 0
'

test_expect_success 'the screenshots are pictures' '
	for s in 1-login 2-queue 4-page-box 6-corrected 7-decided; do
		head -c 4 "$shots/$s.png" | od -An -c | grep -q "P   N   G" || return 1
	done
'

test_expect_success 'the browser stops' '
	wd_stop
'

test_done
