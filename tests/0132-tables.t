#!/bin/sh
# Tables by meaning, without OCR: a read case written by hand (the read
# stage's content.xml of two workbooks) laid out as offices other than
# ours lay them out: a notes sheet first, a merged title and the unit in a
# line above the header, headers in other words, dates as text and as day
# counts, a 合计 row, one sheet per year, no service-type column; a roster
# whose full-time flag says 专职/兼职. The extract stage must find each
# column by what its header means and read every record, and only those.
. "$(dirname "$0")/lib.sh"

# the stage this file tests: under valgrind here (tests/lib.sh)
valgrind_too zizhi-extract
val() { # record key field: the value of field of the record whose name is key
	n=$(xmllint --xpath "string(//field[starts-with(@name,\"$1[\") and substring-after(@name,\"].\")=\"name\" and @value=\"$2\"]/@name)" case/extract/extract.xml) &&
	xmllint --xpath "string(//field[@name=\"${n%.name}.$3\"]/@$4)" case/extract/extract.xml
}
cell() { printf '<cell ref="%s" col="%s" type="%s"%s>%s</cell>' "$1" "$2" "$3" "$4" "$5"; }

mkdir -p case/read/f1 case/read/f2 &&
cat >case/read/read.xml <<\EOF &&
<?xml version="1.0" encoding="UTF-8"?>
<read case="case" version="1" zizhi-version="test">
 <file id="f1" path="files/附件6/业绩.xlsx" media-type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" kind="xlsx" status="ok" content="read/f1/content.xml" text="read/f1/text.txt"/>
 <file id="f2" path="files/附件5/人员.xlsx" media-type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" kind="xlsx" status="ok" content="read/f2/content.xml" text="read/f2/text.txt"/>
</read>
EOF
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<content kind="xlsx" source="业绩.xlsx">'
	echo '<sheet n="1" name="说明" rows="1" cols="1"><row n="1">'
	cell A1 1 string "" "填表说明：请填写近三年完成的项目。"
	echo '</row></sheet>'
	echo '<sheet n="2" name="2025年" rows="6" cols="6"><row n="1">'
	cell A1 1 string "" "测试科技有限公司近三年安全运营服务项目业绩一览表"
	echo '</row><row n="2">'
	cell F2 6 string "" "金额单位：万元"
	echo '</row><row n="3">'
	cell A3 1 string "" 序号; cell B3 2 string "" 合同名称; cell C3 3 string "" 业主单位
	cell D3 4 string "" 合同额; cell E3 5 string "" 合同签订时间; cell F3 6 string "" 项目完成时间
	echo '</row><row n="4">'
	cell A4 1 number "" 1; cell B4 2 string "" 甲市医院安全托管服务项目; cell C4 3 string "" 甲市医院
	cell D4 4 number "" 120.5; cell E4 5 number "" 45000; cell F4 6 string "" 2025年3月18日
	echo '</row><row n="5">'
	cell A5 1 number "" 2; cell B5 2 string "" 乙市银行态势感知运营项目; cell C5 3 string "" 乙市银行
	cell D5 4 number "" 380; cell E5 5 string "" 2024.05.06; cell F5 6 string "" 2025/1/9
	echo '</row><row n="6">'
	cell A6 1 string "" "合  计"; cell D6 4 number "" 500.5
	echo '</row></sheet>'
	echo '<sheet n="3" name="2024年" rows="2" cols="7"><row n="1">'
	cell A1 1 string "" 序号; cell B1 2 string "" 项目名称; cell C1 3 string "" 客户名称
	cell D1 4 string "" "合同金额（千元）"; cell E1 5 string "" 签订日期; cell F1 6 string "" 完成日期
	cell G1 7 string "" 服务类型
	echo '</row><row n="2">'
	cell A2 1 number "" 1; cell B2 2 string "" 丙区教育局等级保护测评项目; cell C2 3 string "" 丙区教育局
	cell D2 4 number "" 2500; cell E2 5 date ' serial="44927"' 2023-01-01; cell F2 6 date ' serial="45325"' 2024-02-04
	cell G2 7 string "" 等级保护测评
	echo '</row></sheet></content>'
} >case/read/f1/content.xml &&
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<content kind="xlsx" source="人员.xlsx">'
	echo '<sheet n="1" name="人员" rows="4" cols="4"><row n="1">'
	cell A1 1 string "" "测试科技有限公司服务人员情况表"
	echo '</row><row n="2">'
	cell A2 1 string "" 序号; cell B2 2 string "" 员工姓名; cell C2 3 string "" CISP证书号; cell D2 4 string "" 人员性质
	echo '</row><row n="3">'
	cell A3 1 number "" 1; cell B3 2 string "" 张三; cell C3 3 string "" CNITSEC2020CISP01234; cell D3 4 string "" 专职
	echo '</row><row n="4">'
	cell A4 1 number "" 2; cell B4 2 string "" 李四; cell D4 4 string "" 兼职
	echo '</row></sheet></content>'
} >case/read/f2/content.xml &&
: >case/read/f1/text.txt && : >case/read/f2/text.txt

test_expect_success 'lists known by their columns when their titles say little' '
	zizhi-extract --no-reread --no-crops case >out &&
	echo case >expect && test_cmp expect out &&
	xmllint --noout --relaxng "$TOP/config/schema/extract.rng" case/extract/extract.xml &&
	test "$(xmllint --xpath "string(//document[@id=\"f1\"]/@type)" case/extract/extract.xml)" = project-list &&
	test "$(xmllint --xpath "string(//document[@id=\"f2\"]/@type)" case/extract/extract.xml)" = staff-roster
'

test_expect_success 'every project once, the 合计 row and the notes sheet none' '
	test "$(xmllint --xpath "count(//field[starts-with(@name,\"project[\") and contains(@name,\"].name\")])" \
		case/extract/extract.xml)" = 3 &&
	! grep "value=\"合" case/extract/extract.xml
'

test_expect_success 'a 合计 row confirms the amounts above it' '
	test "$(val project 乙市银行态势感知运营项目 amount confirmed)" = yes &&
	val project 乙市银行态势感知运营项目 amount note | grep "agrees: 500.5"
'

test_expect_success 'a 合计 row that disagrees puts every amount above it in doubt' '
	sed "s|>500.5<|>510.5<|" case/read/f1/content.xml >c && mv c case/read/f1/content.xml &&
	zizhi-extract -f --no-reread --no-crops case >out &&
	for p in 甲市医院安全托管服务项目 乙市银行态势感知运营项目; do
		val project $p amount note | grep "reads: 510.5" &&
		test -z "$(val project $p amount confirmed)" &&
		awk -v c="$(val project $p amount confidence)" "BEGIN { exit !(c <= 0.6) }" || return 1
	done &&
	test "$(val project 丙区教育局等级保护测评项目 amount confidence)" = 1.000
'

test_expect_success 'headers in other words; the unit above the table, or in the header' '
	test "$(val project 甲市医院安全托管服务项目 client value)" = 甲市医院 &&
	test "$(val project 甲市医院安全托管服务项目 amount value)" = 1205000 &&
	test "$(val project 乙市银行态势感知运营项目 amount value)" = 3800000 &&
	test "$(val project 丙区教育局等级保护测评项目 amount value)" = 2500000
'

test_expect_success 'dates as day counts, as text and as dates' '
	test "$(val project 甲市医院安全托管服务项目 signed value)" = 2023-03-15 &&
	test "$(val project 甲市医院安全托管服务项目 completed value)" = 2025-03-18 &&
	test "$(val project 乙市银行态势感知运营项目 signed value)" = 2024-05-06 &&
	test "$(val project 乙市银行态势感知运营项目 completed value)" = 2025-01-09 &&
	test "$(val project 丙区教育局等级保护测评项目 completed value)" = 2024-02-04
'

test_expect_success 'no service-type column: the kind from the title, said so' '
	test "$(val project 甲市医院安全托管服务项目 service_type value)" = 安全运营 &&
	test "$(val project 甲市医院安全托管服务项目 service_type method)" = title &&
	test "$(val project 丙区教育局等级保护测评项目 service_type value)" = 等级保护测评 &&
	test "$(val project 丙区教育局等级保护测评项目 service_type method)" = table
'

test_expect_success 'a roster under a title: 专职 and 兼职 are the full-time flag' '
	test "$(val roster 张三 full_time value)" = true &&
	test "$(val roster 李四 full_time value)" = false &&
	test "$(val roster 张三 cisp_number value)" = CNITSEC2020CISP01234
'

test_expect_success 'a unit in the header that was not read: the amounts are not sure' '
	# with a 合计 under it, in the same unread unit: it confirms the sum,
	# not the unit
	sed "s|合同金额（千元）|合同金额（于元）|; s|</row></sheet></content>|</row><row n=\"3\"><cell ref=\"A3\" col=\"1\" type=\"string\">合计</cell><cell ref=\"D3\" col=\"4\" type=\"number\">2500</cell></row></sheet></content>|" \
		case/read/f1/content.xml >c && ! cmp -s c case/read/f1/content.xml && mv c case/read/f1/content.xml &&
	zizhi-extract -f --no-reread --no-crops case >out &&
	val project 丙区教育局等级保护测评项目 amount note | grep "unit its header names was not read.*合计 agrees" &&
	awk -v c="$(val project 丙区教育局等级保护测评项目 amount confidence)" "BEGIN { exit !(c <= 0.5) }" &&
	sed "s|合同金额（于元）|合同金额（人民币元）|" case/read/f1/content.xml >c && mv c case/read/f1/content.xml &&
	zizhi-extract -f --no-reread --no-crops case >out &&
	test "$(val project 丙区教育局等级保护测评项目 amount value)" = 2500 &&
	test "$(val project 丙区教育局等级保护测评项目 amount confidence)" = 1.000
'

test_done
