#!/bin/sh
# zizhi-review: the cases by verdict with what needs a look; a case's rules
# to look at with their evidence; a reviewer's decision on a rule or a case,
# with a reason, recorded as a decision and an event, standing over the
# program's verdict, and kept when the case is loaded again; a decision
# taken on other evidence is shown for another look; an old database is
# migrated without losing its decisions.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

# The rules with a stricter review-below, so that the sample has rules to
# look at however well it is read (at 0.80, its capital read surely on
# both documents, it has none but its missing document)
cp -R "$ZIZHI_CONFIG" "$TRASH/conf" &&
	sed -i "s/review-below=\"0.80\"/review-below=\"0.999\"/" "$TRASH/conf/rules/security-operations-2.xml" ||
	exit 1
export ZIZHI_CONFIG="$TRASH/conf"

q() { dbopen db/review.db "$@"; }
export ZIZHI_DB="$TRASH/db/review.db" ZIZHI_REVIEWER=clerk

test_expect_success 'the list: every case, its verdict and the rules to look at' '
	grep -q "review-below=\"0.999\"" "$ZIZHI_CONFIG/rules/security-operations-2.xml" &&
	zizhi run -s spool "$TOP/samples/corpus/case-0002-supplement.zip" >c &&
	id=$(basename "$(cat c)") && echo "$id" >id &&
	zizhi review >list &&
	head -n 1 list | grep "^CASE *VERDICT *PROGRAM *RECEIVED *APPLICANT *NEEDS A LOOK$" &&
	verdict=$(q "SELECT verdict FROM cases") &&
	look=$(q "SELECT group_concat(id, \" \") FROM rules WHERE result = \"review\"") &&
	test -n "$look" &&
	grep "^$id  $verdict *$verdict *20[0-9-]* .* $look$" list &&
	grep "$(q "SELECT value FROM fields WHERE canonical AND name = \"org.name\"")" list
'

test_expect_success 'a case: each rule not passed, with the fields it used' '
	id=$(cat id) &&
	zizhi review "$(echo "$id" | cut -c1-6)" >show &&
	grep "^case $id " show &&
	for r in $(q "SELECT id FROM rules WHERE result <> \"pass\""); do
		grep "^  [a-z]* *$r$" show || return 1
	done &&
	for f in $(q "SELECT field FROM rule_evidence WHERE rule_id = \"consistency\""); do
		grep "^             $f = " show || return 1
	done &&
	grep "crop: extract/crops/" show
'

test_expect_success 'derived evidence is shown with what it counted' '
	grep "derived.cisp_valid_fulltime = .*(at least [0-9]* surely" show &&
	grep "from: cisp\[0\].number" show
'

test_expect_success 'bad decisions are refused, naming why' '
	id=$(cat id) &&
	test_expect_code 2 zizhi review --decide pass "$id" &&
	test_expect_code 2 zizhi review --rule consistency "$id" &&
	test_expect_code 1 zizhi review --decide maybe --reason x "$id" 2>err &&
	grep "not a decision on a case" err &&
	test_expect_code 1 zizhi review --rule 9.9-none --decide pass --reason x "$id" 2>err &&
	grep "has no rule .9.9-none." err &&
	test_expect_code 1 zizhi review --decide eligible --reason " " "$id" 2>err &&
	grep "needs a reason" err &&
	test_expect_code 1 zizhi review --decide eligible --reason x ffff0000 2>err &&
	grep "ffff0000: no such case" err &&
	test "$(q "SELECT count(*) FROM decisions")" = 0
'

test_expect_success 'a rule overridden: it stands, the verdict follows, an event records it' '
	id=$(cat id) &&
	for r in $(q "SELECT id FROM rules WHERE result = \"review\""); do
		zizhi review --rule "$r" --decide pass --reason "原件已核对" "$id" >out &&
		grep "^$id: $r pass recorded$" out || return 1
	done &&
	test "$(q "SELECT count(*) FROM rule_results WHERE result = \"review\"")" = 0 &&
	test "$(q "SELECT count(*) FROM rule_results WHERE result <> machine")" = \
		"$(q "SELECT count(*) FROM decisions")" &&
	test "$(q "SELECT count(*) FROM events WHERE kind = \"review\" AND actor = \"clerk\" AND detail LIKE \"rule %: pass (program: review): 原件已核对\"")" = \
		"$(q "SELECT count(*) FROM decisions")" &&
	worst=$(q "SELECT CASE WHEN sum(result = \"fail\") THEN \"ineligible\" WHEN sum(result = \"missing\") THEN \"incomplete\" ELSE \"eligible\" END FROM rule_results") &&
	test "$(q "SELECT verdict FROM case_verdicts")" = "$worst"
'

test_expect_success 'a case decided: it stands over the program and leaves the pending list' '
	id=$(cat id) &&
	zizhi review --decide eligible --reason "补充资料已收到" --reviewer 王芳 "$id" >out &&
	test "$(q "SELECT verdict FROM case_verdicts")" = eligible &&
	test "$(q "SELECT machine FROM decisions WHERE rule_id IS NULL")" = "$(q "SELECT verdict FROM cases")" &&
	zizhi review --pending >pending && test_must_be_empty pending &&
	zizhi review --verdict eligible >list && grep "^$id  eligible " list &&
	zizhi review "$id" >show && grep "王芳  case: eligible (program said .*): 补充资料已收到$" show
'

test_expect_success 'loaded again: every decision and the verdict they give are kept' '
	q "SELECT * FROM decisions ORDER BY id" >before &&
	q "SELECT verdict FROM case_verdicts" >vbefore &&
	zizhi-load "$(cat c)" >/dev/null &&
	q "SELECT * FROM decisions ORDER BY id" >after && test_cmp before after &&
	q "SELECT verdict FROM case_verdicts" >vafter && test_cmp vbefore vafter &&
	test "$(q "SELECT count(*) FROM rule_evidence")" -gt 0
'

test_expect_success 'stage runs are events, each once' '
	q "SELECT kind FROM events WHERE kind <> \"review\" ORDER BY id" >kinds &&
	printf "%s\n" unpack read extract decide load load >expect && test_cmp expect kinds
'

test_expect_success 'decided on other evidence: shown again for a look, the decision stands' '
	id=$(cat id) &&
	zizhi-decide --as-of 2045-01-01 "$(cat c)" >/dev/null &&
	zizhi-load "$(cat c)" >/dev/null &&
	test "$(q "SELECT verdict FROM cases")" != "$(q "SELECT machine FROM decisions WHERE rule_id IS NULL")" &&
	test "$(q "SELECT verdict FROM case_verdicts")" = eligible &&
	zizhi review --pending >pending &&
	grep "^$id  eligible .*decided on other evidence: .*case" pending
'

test_expect_success 'a version-1 database is migrated with its decisions' '
	rm -f old.db && dbopen -m 1 old.db "PRAGMA user_version" >v && echo 1 >expect && test_cmp expect v &&
	dbopen -m 1 old.db "INSERT INTO decisions(case_id, at, reviewer, decision, reason)
		VALUES (\"$(cat id)\", \"2026-01-01T00:00:00Z\", \"clerk\", \"eligible\", \"seen\")" &&
	zizhi-load -d old.db "$(cat c)" >/dev/null &&
	test "$(dbopen old.db "PRAGMA user_version")" = "$(q "PRAGMA user_version")" &&
	test "$(dbopen old.db "SELECT verdict FROM case_verdicts")" = eligible &&
	zizhi review -d old.db --pending >pending && grep "decided on other evidence: case" pending
'

test_done
