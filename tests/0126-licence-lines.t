#!/bin/sh
# A licence as OCR leaves its lines, without OCR: a read case written by
# hand (read.xml and one ALTO page; its page image is named, as a scan's
# is, but never opened: no re-reads, no crops). A name Tesseract broke into two
# lines a few pixels apart is one value; a label's characters spaced for
# show stay apart; a value that starts far later after its label than
# the page's others lost its first characters, so its box is widened
# back to where values start (for the re-read and the reviewer); a name
# that closes a bracket it never opened lost its start and is no name.
. "$(dirname "$0")/lib.sh"

valgrind_too zizhi-extract

# page NAME-PIECES...: the licence with the name line given as lines of
# "X W TEXT" (at y 600, 30 high), NOLABEL: without its label; LRY, LRH: the legal representative's
# label's top and height, LRL, LRW its text and width, LVY, LVW its
# value's top and width, RIGHT "X Y W H TEXT" a
# line in a column on the right; CAPL, CAPV the capital's label and value;
# TYPE, LR, EST the type's, legal representative's and date's values;
# TERM_LINE a 营业期限 line; NOTYPE: no type line
page() {
	alto_begin 1300 1750
	line 1 500 300 300 80 营业执照
	line 2 400 450 240 30 统一社会信用代码
	line 3 660 450 300 30 91320412MA1WBLRK0R
	if [ -z "$NOLABEL" ]; then
		line 4 150 600 30 30 名
		line 5 320 600 30 30 称
	fi
	n=10
	for piece in "$@"; do
		set -- $piece
		line $n "$1" 600 "$2" 30 "$3"
		n=$((n + 1))
	done
	if [ -z "$NOTYPE" ]; then
		line 20 150 660 30 30 类
		line 21 320 660 30 30 型
		line 22 390 660 300 30 "${TYPE:-有限责任公司}"
	fi
	line 23 150 "${LRY:-720}" "${LRW:-200}" "${LRH:-30}" "${LRL:-法定代表人}"
	line 24 390 "${LVY:-720}" "${LVW:-90}" 30 "${LR:-何燕萍}"
	if [ -n "$RIGHT" ]; then line 31 $RIGHT; fi
	line 25 150 780 200 30 "${CAPL:-注册资本}"
	line 26 390 780 150 30 "${CAPV:-188万元整}"
	line 27 150 840 200 30 成立日期
	line 28 390 840 240 30 "${EST:-2018年04月09日}"
	line 29 150 900 200 30 经营范围
	line 30 390 900 300 30 地板制造、销售
	if [ -n "$TERM_LINE" ]; then
		line 32 150 960 200 30 营业期限
		line 33 390 960 520 30 "$TERM_LINE"
	fi
	alto_end
}

scan_case case p0001.png 200 1300

# read_page ARGS: the case's page as page ARGS writes it, extracted
# without re-reads or crops
read_page() {
	page "$@" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f --no-reread --no-crops case >out
}

test_expect_success 'a name broken into two lines a few pixels apart is one value' '
	read_page "390 390 常州市风平机房设备有限公" "790 30 司" &&
	test "$(xmllint --xpath "string(//document/@type)" case/extract/extract.xml)" = business-licence &&
	test "$(ex field org.name value)" = 常州市风平机房设备有限公司 &&
	test "$(ex field org.name box)" = 390,600,430,30 &&
	test "$(ex field org.legal_rep value)" = 何燕萍
'

test_expect_success 'lines a character apart stay apart' '
	read_page "390 390 常州市风平机房设备有限公" "840 30 司" &&
	test "$(ex field org.name value)" = "" &&
	test "$(ex field org.name raw)" = 常州市风平机房设备有限公
'

test_expect_success 'a value starting late after its label: its box goes back to where values start' '
	read_page "450 360 风平机房设备有限公司" &&
	test "$(ex field org.name value)" = 风平机房设备有限公司 &&
	test "$(ex field org.name box)" = 390,600,420,30 &&
	test "$(ex field org.legal_rep box)" = 390,720,90,30
'

test_expect_success 'a name closing a bracket it never opened is no name' '
	read_page "390 390 广州）知识产权服务有限公司" &&
	test "$(ex field org.name value)" = "" &&
	test "$(ex field org.name status)" = invalid &&
	read_page "390 390 财企猫（广州）知识产权服务有限公司" &&
	test "$(ex field org.name value)" = 财企猫（广州）知识产权服务有限公司
'

# the closing bracket of a place misread (关) or lost, before 有限
test_expect_success 'a place in brackets left open before 有限 is closed, a repair' '
	read_page "390 390 芯源国际半导体〔深圳有限公司" &&
	test "$(ex field org.name value)" = 芯源国际半导体（深圳）有限公司 &&
	test "$(ex field org.name status)" = repaired &&
	read_page "390 390 湾流汇国际供应链管理〈北京关有限公司" &&
	test "$(ex field org.name value)" = 湾流汇国际供应链管理（北京）有限公司 &&
	read_page "390 390 湾流汇国际供应链管理（北京关股份有限公司" &&
	test "$(ex field org.name value)" = 湾流汇国际供应链管理（北京）股份有限公司
'

# 限 misread in the legal form (有卫公司), and the bracket before it too
test_expect_success 'a legal form one character off at 限 is mended, a repair' '
	read_page "390 390 芯源国际半导体〈深圳六有卫公司" &&
	test "$(ex field org.name value)" = 芯源国际半导体（深圳）有限公司 &&
	test "$(ex field org.name status)" = repaired &&
	read_page "390 390 常州市风平机房设备股份有眼公司" &&
	test "$(ex field org.name value)" = 常州市风平机房设备股份有限公司 &&
	read_page "390 390 常州市风平机房设备科技公司" &&
	test "$(ex field org.name value)" = 常州市风平机房设备科技公司 &&
	test "$(ex field org.name status)" = ok &&
	read_page "390 390 常州市风平机房设备存限公司" &&
	test "$(ex field org.name value)" = 常州市风平机房设备有限公司 &&
	test "$(ex field org.name status)" = repaired &&
	read_page "390 390 常州市风平机房设备集团公司" &&
	test "$(ex field org.name value)" = 常州市风平机房设备集团公司
'

# the page reading broke the name line in pieces, its brackets lost in
# the gaps: no value, but its box spans the pieces (for the re-read),
# not the next column
test_expect_success 'a name broken in pieces: its box spans them' '
	(RIGHT="1100 600 150 30 注册资本" read_page "390 120 物联亿寺" "560 60 上海" \
		"680 200 鼻科技存限公司" ) &&
	test "$(ex field org.name status)" = invalid &&
	test "$(ex field org.name box)" = 390,600,490,30
'

# the type's label lost: a line a character from a known type is that
# type; a name's tail read alone (…科技有限公司) is two from 股份有限公司
test_expect_success 'a type without its label is a known one a character off, not two' '
	(NOTYPE=1 RIGHT="900 1000 150 30 限责任公司" read_page "390 390 武汉骏诚威视科技有限公司") &&
	test "$(ex field org.type value)" = 有限责任公司 &&
	test "$(ex field org.type status)" = repaired &&
	(NOTYPE=1 RIGHT="900 1000 150 30 技有限公司" read_page "390 390 武汉骏诚威视科技有限公司") &&
	test "$(ex field org.type value)" = ""
'

# OCR writes brackets in many forms (【中外合资) for （中外合资）): each is
# a bracket, in the type found by its label or by its shape and in a name
test_expect_success 'a value goes on through a bracket read as 【 or 〔' '
	(TYPE="有限责任公司【中外合资)" read_page "390 390 武汉骏诚威视科技有限公司") &&
	test "$(ex field org.type value)" = "有限责任公司（中外合资）" &&
	(NOTYPE=1 RIGHT="900 1000 330 30 有限责任公司【中外合资)" read_page "390 390 武汉骏诚威视科技有限公司") &&
	test "$(ex field org.type value)" = "有限责任公司（中外合资）" &&
	(NOTYPE=1 RIGHT="900 1000 330 30 股份有限公司〔非上市〕" read_page "390 390 武汉骏诚威视科技有限公司") &&
	test "$(ex field org.type value)" = "股份有限公司（非上市）" &&
	read_page "390 390 华信科达【上海】信息科技有限公司" &&
	test "$(ex field org.name value)" = "华信科达（上海）信息科技有限公司"
'

# a seal's stroke after a value reads as [ or 「: not a bracket of it
test_expect_success 'a value ends at a [ after it' '
	(TYPE="有限责任公司(自然人投资或控肌[售父站" read_page "390 390 武汉骏诚威视科技有限公司") &&
	test "$(ex field org.type value)" = "有限责任公司（自然人投资或控股）"
'

test_expect_success 'what is in brackets and not a place, or two characters off, stays as read' '
	read_page "390 390 常州（风平机房有限公司" &&
	test "$(ex field org.name value)" = 常州（风平机房有限公司 &&
	read_page "390 390 常州市风平（北京电子有限公司" &&
	test "$(ex field org.name value)" = 常州市风平（北京电子有限公司
'

# a label read with noise inside it, one piece with the name: the name
# is found by its shape, without the label's characters
test_expect_success 'a name found by its shape leaves out its label read with noise' '
	(NOLABEL=1 page "150 660 名，”称常州市风平机房设备有限公司") >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f --no-reread --no-crops case >out &&
	test "$(ex field org.name value)" = 常州市风平机房设备有限公司 &&
	test "$(ex field org.name method)" = find
'

# the unit in the label, the figure bare
test_expect_success 'a unit in brackets after the label is the bare figure'"'"'s' '
	(CAPL="注册资本（万元）" CAPV=188 read_page "390 390 常州市风平机房设备有限公司") &&
	test "$(ex field org.registered_capital value)" = 1880000 &&
	(CAPL="注册资本(万元)" CAPV=188 read_page "390 390 常州市风平机房设备有限公司") &&
	test "$(ex field org.registered_capital value)" = 1880000 &&
	(CAPL="注册资本（元）" CAPV=1880000 read_page "390 390 常州市风平机房设备有限公司") &&
	test "$(ex field org.registered_capital value)" = 1880000
'

# OCR gave the label a box taller than its line; the row was made by a
# line of the right column, which the value beside the label misses
test_expect_success 'a value beside a label the rows put apart from it' '
	(LRY=700 LRH=70 LVY=740 RIGHT="900 700 300 30 本执照仅供参考" \
		page "390 390 常州市风平机房设备有限公司") >case/read/f1/p0001.alto.xml &&
	ZIZHI_DUMP_ROWS=f1 zizhi-extract -f --no-reread --no-crops case >out 2>rows &&
	grep "法定代表人.*本执照仅供参考" rows && ! grep "法定代表人.*何燕萍" rows &&
	test "$(ex field org.legal_rep value)" = 何燕萍 &&
	test "$(ex field org.legal_rep box)" = 390,740,90,30
'

NAME="390 390 常州市风平机房设备有限公司"

# a value cut short: its box goes on over what cut it, or to the rest of
# its line, where the re-read and the reviewer look
test_expect_success 'a name cut short by a figure or inside its brackets: the box goes on' '
	(LR="伊利9" read_page "$NAME") &&
	test "$(ex field org.legal_rep value)" = 伊利 &&
	test "$(ex field org.legal_rep box)" = 390,720,90,30 &&
	(TYPE="有限责任公司（自然" read_page "$NAME") &&
	test "$(ex field org.type box)" = 390,660,540,30 &&
	(TYPE="有限责任公司（自然" RIGHT="800 660 200 30 成立日期" read_page "$NAME") &&
	test "$(ex field org.type box)" = 390,660,395,30
'

test_expect_success 'a name that wraps goes on where the next line starts, with nothing left of it' '
	(RIGHT="390 632 30 26 司" read_page "390 500 常州市风平机房设备有限公司武进分公") &&
	test "$(ex field org.name value)" = 常州市风平机房设备有限公司武进分公司 &&
	test "$(ex field org.name box)" = 390,600,500,58 &&
	(TYPE="股份有限公司〈非上市、自然人投资或控" RIGHT="390 692 60 26 股）" read_page "$NAME") &&
	test "$(ex field org.type value)" = "股份有限公司（非上市、自然人投资或控股）"
'

test_expect_success 'a letter-spaced label whose gaps OCR read as quotes or stops is the label' '
	(NOTYPE=1 RIGHT="150 660 600 30 类”型”其他有限责任公司" read_page "$NAME") &&
	test "$(ex field org.type value)" = 其他有限责任公司 &&
	test "$(ex field org.type method)" = label &&
	(NOLABEL=1 read_page "150 700 名。称常州市风平机房设备有限公司") &&
	test "$(ex field org.name value)" = 常州市风平机房设备有限公司 &&
	test "$(ex field org.name method)" = label
'

test_expect_success 'a row with a label of its own is no rest of the name above it' '
	read_page "390 500 常州市风平机房设备有限公司武进分公" &&
	test "$(ex field org.name value)" = 常州市风平机房设备有限公司 &&
	(RIGHT="390 632 200 26 资产管理" read_page "390 390 常州市风平机房设备有限公司") &&
	test "$(ex field org.name value)" = 常州市风平机房设备有限公司
'

# 成立日期 printed twice: as the first day of the business term, and as
# the day after the term's end, an anniversary of it
test_expect_success 'a day not read is the first day of the business term, never surely' '
	(EST="20l8年月09" TERM_LINE="2018年04月09月芭2038年04月08晶" read_page "$NAME") &&
	test "$(ex field org.established value)" = 2018-04-09 &&
	test "$(ex field org.established method)" = same-day &&
	test "$(ex field org.established status)" = repaired &&
	awk -v c="$(ex field org.established confidence)" "BEGIN { exit !(c <= 0.5) }" &&
	xmllint --noout --relaxng "$TOP/config/schema/extract.rng" case/extract/extract.xml
'

test_expect_success 'a lone 1 the term says was two figures is mended; one it does not, kept' '
	(EST="2020年1月17日" TERM_LINE="2020年1上月17日至2040年11月16日" read_page "$NAME") &&
	test "$(ex field org.established value)" = 2020-11-17 &&
	test "$(ex field org.established status)" = repaired &&
	awk -v c="$(ex field org.established confidence)" "BEGIN { exit !(c <= 0.6) }" &&
	(EST="2020年1月17日" TERM_LINE="2020年01月17日至2040年01月16日" read_page "$NAME") &&
	test "$(ex field org.established value)" = 2020-01-17 &&
	(EST="2020年11月17日" TERM_LINE="2021年03月02日至2041年03月01日" read_page "$NAME") &&
	test "$(ex field org.established value)" = 2020-11-17 &&
	test "$(ex field org.established method)" = label
'

# 经 营 者 spaced across the label column, 营 and 者 lost: the piece read
# and a name beside it, as far as the rest of the label would reach
test_expect_success 'a label read as a piece of itself: its value, never sure' '
	(LRL=经 LRW=30 LR=杨其扬 read_page "$NAME") &&
	test "$(ex field org.legal_rep value)" = 杨其扬 &&
	ex field org.legal_rep note | grep -q "read as .经. only" &&
	awk -v c="$(ex field org.legal_rep confidence)" "BEGIN { exit !(c <= 0.6) }" &&
	xmllint --noout --relaxng "$TOP/config/schema/extract.rng" case/extract/extract.xml
'

test_expect_success 'a piece of a label: not the start of a longer line, nor a word without a surname' '
	(LRL=经 LRW=30 LR=计算机、通信和其他电子设备制造业 LVW=500 read_page "$NAME") &&
	test "$(ex field org.legal_rep value)" = "" &&
	(LRL=经 LRW=30 LR=软硬件 read_page "$NAME") &&
	test "$(ex field org.legal_rep value)" = "" &&
	(LRL=经营 LRW=60 LR=杨其扬 read_page "$NAME") &&
	test "$(ex field org.legal_rep value)" = 杨其扬
'

# an e-licence printout names its holder in its notes, who printed it:
# the name where the label's line gives none valid, found, so unsure; a
# valid name beside the label stands
NOTE="150 1400 1000 30 1、本营业执照于2021年03月15日08时11分34秒由崔一鸣(法定代表人)留存(打印)"
test_expect_success 'an e-licence'"'"'s notes name its holder where the label gives none' '
	(LR="大\\崔=唱" RIGHT="$NOTE" read_page "$NAME") &&
	test "$(ex field org.legal_rep value)" = 崔一鸣 &&
	test "$(ex field org.legal_rep method)" = find &&
	awk "BEGIN { exit !($(ex field org.legal_rep confidence) <= 0.6) }" &&
	(RIGHT="$NOTE" read_page "$NAME") &&
	test "$(ex field org.legal_rep value)" = 何燕萍
'

# A project list whose header row could not be read gives no records,
# and says so (<missing name="project">), so that nothing summed over it
# is taken for a sure 0; with its header read, its rows are records.
plist() {
	alto_begin 2480 3508
	line 1 900 200 600 60 项目业绩清单
	line 2 200 400 300 40 "$1"
	line 3 700 400 200 40 "$2"
	line 4 1100 400 200 40 完成日期
	line 5 200 480 400 40 某市安全运营服务项目
	line 6 700 480 150 40 120
	line 7 1100 480 220 40 2025-03-01
	alto_end
}
test_expect_success 'a project list whose header was not read says its records are not known' '
	mkdir -p pl/read/f1 && sed "s|files/licence.jpg|files/projects.jpg|" case/read/read.xml >pl/read/read.xml &&
	: >pl/read/f1/p0001.txt &&
	plist 顶目名杯 台同金颖 >pl/read/f1/p0001.alto.xml &&
	zizhi-extract -f --no-reread --no-crops pl >out &&
	test "$(xmllint --xpath "string(//document/@type)" pl/extract/extract.xml)" = project-list &&
	test "$(xmllint --xpath "count(//missing[@name=\"project\"][@document=\"f1\"])" pl/extract/extract.xml)" = 1 &&
	plist 项目名称 合同金额 >pl/read/f1/p0001.alto.xml &&
	zizhi-extract -f --no-reread --no-crops pl >out &&
	test "$(xmllint --xpath "count(//missing[@name=\"project\"])" pl/extract/extract.xml)" = 0 &&
	test "$(xmllint --xpath "string(//field[@name=\"project[0].amount\"]/@value)" pl/extract/extract.xml)" = 120
'

test_done
