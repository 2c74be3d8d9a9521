#!/bin/sh
# Another qualification is a config file: zizhi-decide decides a case by
# the rules file of CONFIG/rules/ whose category and level its form
# declares, and the report and the database say which; a second one added
# to a config folder of the test's own (its thresholds test data, not the
# guide's) decides the case that declares it, without a rebuild; a level
# no file is for, or a declaration not read surely, is review and says
# what was declared and what is known; --rules still forces one file.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

rq() { xmllint --xpath "string($2)" "$1/report.xml"; }
# a copy of the decided case whose form declares what sed makes of it
declare_as() {
	rm -rf "$1" && cp -R "$(cat c)" "$1" && rm -f "$1/report.xml" &&
	sed "$2" "$(cat c)/extract/extract.xml" >"$1/extract/extract.xml"
}

test_expect_success 'setup: a sample case, declared 安全运营类 二级, decided by its rules' '
	zizhi run -s spool -d db/review.db "$TOP/samples/corpus/case-0001-eligible.iso" >c &&
	test "$(rq "$(cat c)" /case/@rules)" = security-operations-2 &&
	test "$(rq "$(cat c)" /case/@rules-title)" = "信息安全服务资质（安全运营类二级）" &&
	test "$(rq "$(cat c)" "count(//rule)")" = 13 &&
	test "$(rq "$(cat c)" "//rule[@id=\"3.2.1-years\"]/@result")" = pass &&
	test "$(dbopen db/review.db "SELECT rules FROM cases")" = security-operations-2
'

# the second qualification: test data, made from the first with another
# level, a bar of years in business no sample meets and a rule of its own
test_expect_success 'a second qualification in the test config folder decides the case declaring it' '
	cp -R "$ZIZHI_CONFIG" conf &&
	sed -e "s/level=\"二级\"/level=\"三级\"/" -e "s/ default=\"yes\"//" \
		-e "s/title=\"信息安全服务资质（安全运营类二级）\"/title=\"测试资质（安全运营类三级，测试数据）\"/" \
		-e "s/<at-least field=\"derived.years_in_business\" value=\"3\"\/>/<at-least field=\"derived.years_in_business\" value=\"99\"\/>/" \
		-e "s|^ <rule id=\"3.2.2-capital\"\(.*\)$| <rule id=\"t-test-only\" guide=\"test\" title=\"测试数据：仅测试规则\"><document type=\"application-form\"/></rule>\n <rule id=\"3.2.2-capital\"\1|" \
		conf/rules/security-operations-2.xml >conf/rules/test-operations-3.xml &&
	grep -q "years_in_business\" value=\"99\"" conf/rules/test-operations-3.xml &&
	grep -q "t-test-only" conf/rules/test-operations-3.xml &&
	declare_as spool/cases/3ccccccccccccccc "s/name=\"application.level\" value=\"二级\"/name=\"application.level\" value=\"三级\"/" &&
	zizhi-decide -c conf spool/cases/3ccccccccccccccc >out &&
	r=spool/cases/3ccccccccccccccc &&
	test "$(rq $r /case/@rules)" = test-operations-3 &&
	test "$(rq $r /case/@rules-title)" = "测试资质（安全运营类三级，测试数据）" &&
	test "$(rq $r "count(//rule)")" = 14 &&
	test "$(rq $r "//rule[@id=\"t-test-only\"]/@result")" = pass &&
	test "$(rq $r "//rule[@id=\"3.2.1-years\"]/@result")" != pass &&
	xmllint --noout --relaxng "$TOP/config/schema/report.rng" $r/report.xml &&
	zizhi-load -c conf -d db/review.db $r >/dev/null &&
	test "$(dbopen db/review.db "SELECT rules FROM cases WHERE casedir = \"$r\"")" = test-operations-3
'

test_expect_success 'the case declaring 安全运营类 二级 is still decided by its own rules' '
	zizhi-decide -c conf "$(cat c)" >/dev/null &&
	test "$(rq "$(cat c)" /case/@rules)" = security-operations-2 &&
	test "$(rq "$(cat c)" "count(//rule[@id=\"t-test-only\"])")" = 0
'

test_expect_success 'a level no rules file is for: review, naming what was declared and what is known' '
	declare_as spool/cases/4ddddddddddddddd "s/name=\"application.level\" value=\"二级\"/name=\"application.level\" value=\"四级\"/" &&
	zizhi-decide -c conf spool/cases/4ddddddddddddddd >/dev/null &&
	r=spool/cases/4ddddddddddddddd &&
	test "$(rq $r /case/@verdict)" = review &&
	test "$(rq $r "count(//rule)")" = 1 &&
	test "$(rq $r "//rule/@id")" = qualification &&
	test "$(rq $r "//rule/@result")" = review &&
	rq $r "//rule" >msg &&
	grep "安全运营类四级，没有该类别和级别的资质规则" msg &&
	grep "安全运营类二级（security-operations-2）" msg &&
	grep "安全运营类三级（test-operations-3）" msg &&
	test -z "$(rq $r /case/@rules)" &&
	zizhi report --format html $r >page.html &&
	grep "<td id=\"rules\">未能确定" page.html &&
	zizhi report --format html "$(cat c)" >page.html &&
	grep "<td id=\"rules\">信息安全服务资质（安全运营类二级）（security-operations-2）" page.html &&
	xmllint --noout --relaxng "$TOP/config/schema/report.rng" $r/report.xml
'

test_expect_success 'a declaration not read surely, or not found: review, never some rules' '
	declare_as spool/cases/5eeeeeeeeeeeeeee "/name=\"application.level\"/s/confidence=\"[0-9.]*\"/confidence=\"0.310\"/" &&
	zizhi-decide spool/cases/5eeeeeeeeeeeeeee >/dev/null &&
	r=spool/cases/5eeeeeeeeeeeeeee &&
	test "$(rq $r /case/@verdict)" = review &&
	rq $r "//rule" >msg &&
	grep "申请级别读作“二级”，未能确认（置信度 0.31）" msg &&
	declare_as spool/cases/6fffffffffffffff "/name=\"application.category\"/d" &&
	zizhi-decide spool/cases/6fffffffffffffff >/dev/null &&
	r=spool/cases/6fffffffffffffff &&
	test "$(rq $r /case/@verdict)" = review &&
	rq $r "//rule" >msg &&
	grep "申请书上未找到申请服务类别" msg
'

test_expect_success 'the form says 2级 and （二级）: the same level' '
	declare_as spool/cases/7aaaaaaaaaaaaaaa "s/name=\"application.level\" value=\"二级\"/name=\"application.level\" value=\"（2级）\"/" &&
	zizhi-decide spool/cases/7aaaaaaaaaaaaaaa >/dev/null &&
	test "$(rq spool/cases/7aaaaaaaaaaaaaaa /case/@rules)" = security-operations-2
'

test_expect_success '--rules forces one file, whatever the form declares' '
	zizhi-decide -c conf --rules "$TOP/config/rules/security-operations-2.xml" spool/cases/4ddddddddddddddd >/dev/null &&
	r=spool/cases/4ddddddddddddddd &&
	test "$(rq $r /case/@rules)" = security-operations-2 &&
	test "$(rq $r "count(//rule)")" = 13
'

test_expect_success 'a rules folder with two defaults, or none, is a clear error' '
	cp -R conf conf2 &&
	sed "s/level=\"三级\"/level=\"三级\" default=\"yes\"/" conf/rules/test-operations-3.xml >conf2/rules/test-operations-3.xml &&
	test_expect_code 3 zizhi case -c conf2 -d db/review.db "$(basename "$(cat c)")" >out 2>err &&
	grep "conf2/rules: more than one rules file says default=\"yes\"" err &&
	rm conf2/rules/*.xml &&
	test_expect_code 3 zizhi-decide -c conf2 "$(cat c)" 2>err &&
	grep "conf2/rules: no rules file" err
'

test_done
