#!/bin/sh
# Balance sheets as OCR leaves them, without OCR: a read case written by
# hand (read.xml and one ALTO page) with an amount read in pieces, a
# period header misread, the unit in the page head and a comparative
# column; the extract stage must find the period's amounts, the year
# before's from the comparative column, and check the totals.
. "$(dirname "$0")/lib.sh"

# the stage this file tests: under valgrind here (tests/lib.sh)
valgrind_too zizhi-extract

mkdir -p case/read/f1 &&
cat >case/read/read.xml <<\EOF &&
<?xml version="1.0" encoding="UTF-8"?>
<read case="case" version="1" zizhi-version="test">
 <file id="f1" path="files/report.pdf" media-type="application/pdf" kind="pdf" status="ok">
  <page n="1" method="ocr" alto="read/f1/p0001.alto.xml" text="read/f1/p0001.txt" dpi="300" width="2480" height="3508" rotate="0" skew="0" confidence="0.9"/>
 </file>
</read>
EOF
{
	alto_begin 2480 3508
	line 1 1000 100 400 80 审计报告
	line 2 900 220 600 60 2024年度财务报表
	line 3 200 330 900 50 二、形成审计意见的基础
	line 4 1000 400 380 70 资产负债表
	line 5 200 450 700 50 编制单位：测试安全技术有限公司
	line 6 2000 450 260 50 单位：万元
	line 7 100 500 80 50 资产
	line 8 700 500 200 50 期末余额
	line 9 1000 500 280 50 上年年末余额
	line 10 1300 500 400 50 负债和所有者权益
	line 11 1900 500 140 50 WARM
	line 12 2150 500 280 50 上年年末余额
	line 13 1300 2000 300 50 所有者权益合计
	line 14 1800 2000 200 50 1,442.32
	line 15 2150 2000 200 50 1,051.53
	line 16 100 2100 200 50 资产总计
	line 17 700 2100 30 50 2
	line 18 745 2100 80 50 721
	line 19 840 2100 50 50 36
	line 20 1000 2100 200 50 2,285.94
	line 21 1300 2100 420 50 负债和所有者权益总计
	line 22 1800 2100 200 50 2,721.36
	line 23 2150 2100 200 50 2,285.94
	alto_end
} >case/read/f1/p0001.alto.xml

test_expect_success 'the statement is an audit report of 2024' '
	zizhi-extract --no-reread --no-crops case >out &&
	echo case >expect && test_cmp expect out &&
	xmllint --noout --relaxng "$TOP/config/schema/extract.rng" case/extract/extract.xml &&
	test "$(xmllint --xpath "string(//document/@type)" case/extract/extract.xml)" = audit-report &&
	test "$(ex field audit.2024.year value)" = 2024 &&
	test "$(ex field audit.2024.opinion value)" = 标准无保留意见
'

test_expect_success 'an amount read in pieces, in the period column, in 万元' '
	test "$(ex field audit.2024.total_assets value)" = 27213600 &&
	test "$(ex field audit.2024.total_assets raw)" = 2,721.36 &&
	test "$(ex field audit.2024.total_assets method)" = column &&
	ex field audit.2024.total_assets note | grep "负债和所有者权益总计 agrees"
'

test_expect_success 'a misread period header: the amount not under the comparative one' '
	test "$(ex field audit.2024.net_assets value)" = 14423200 &&
	test "$(ex field audit.2024.net_assets method)" = row
'

test_expect_success 'the comparative column gives the year before' '
	test "$(ex field audit.2023.total_assets value)" = 22859400 &&
	test "$(ex field audit.2023.net_assets value)" = 10515300
'

test_expect_success 'totals that do not balance are doubted' '
	sed "s/CONTENT=\"2,721.36\"/CONTENT=\"2,727.36\"/" case/read/f1/p0001.alto.xml >a &&
	mv a case/read/f1/p0001.alto.xml &&
	zizhi-extract -f --no-reread --no-crops case >out &&
	test "$(ex field audit.2024.total_assets value)" = 27213600 &&
	ex field audit.2024.total_assets note | grep "负债和所有者权益总计 reads: 2,727.36" &&
	conf=$(ex field audit.2024.total_assets confidence) &&
	awk -v c="$conf" "BEGIN { exit !(c < 0.5) }"
'

# a sheet of one column of items with 行次 (assets, then liabilities and
# equity), its period header misread, and two amounts read as one chunk
mkdir -p case2/read/f1 &&
sed 's/case="case"/case="case2"/' case/read/read.xml >case2/read/read.xml &&
{
	alto_begin 2480 3508
	line 1 1000 100 400 80 资产负债表
	line 25 100 60 600 40 审计报告 第5页
	line 2 2000 170 200 40 会企01表
	line 3 200 230 700 50 编制单位：测试安全技术有限公司
	line 4 1000 230 380 50 2024年12月31日
	line 5 2100 230 200 50 单位：元
	line 6 200 320 100 50 项目
	line 7 1100 320 100 50 行次
	line 8 1500 320 200 50 期末薮
	line 9 1950 320 200 50 年初数
	line 10 200 400 300 50 货币资金
	line 11 1120 400 40 50 1
	line 12 1450 400 300 50 5,120,000.00
	line 13 1900 400 300 50 4,002,000.00
	line 14 200 480 300 50 资产总计
	line 15 1120 480 60 50 13
	line 16 1450 480 300 50 27,213,600.00
	line 17 1900 480 300 50 22,859,400.00
	line 18 200 560 400 50 所有者权益合计
	line 19 1120 560 60 50 27
	line 20 1450 560 750 50 "14,423,200.00 10,515,300.00"
	line 21 200 640 500 50 负债和所有者权益总计
	line 22 1120 640 60 50 28
	line 23 1450 640 300 50 27,213,600.00
	line 24 1900 640 300 50 22,859,400.00
	alto_end
} >case2/read/f1/p0001.alto.xml

test_expect_success 'a sheet with 行次: the amount, never the line number' '
	zizhi-extract --no-reread --no-crops case2 >out &&
	x() { xmllint --xpath "string(//field[@name=\"$1\"]/@$2)" case2/extract/extract.xml; } &&
	test "$(x audit.2024.total_assets value)" = 27213600 &&
	x audit.2024.total_assets note | grep "负债和所有者权益总计 agrees" &&
	test "$(x audit.2023.total_assets value)" = 22859400
'

test_expect_success 'two amounts read as one chunk: each its own' '
	x() { xmllint --xpath "string(//field[@name=\"$1\"]/@$2)" case2/extract/extract.xml; } &&
	test "$(x audit.2024.net_assets value)" = 14423200 &&
	test "$(x audit.2024.net_assets raw)" = 14,423,200.00 &&
	test "$(x audit.2023.net_assets value)" = 10515300
'

test_done
