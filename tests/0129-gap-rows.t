#!/bin/sh
# A row of a licence the page reading lost whole, label and value (a
# watermark's blocks over 类型 and its value): where the form's rows stand
# further apart than their pitch, the row the pitch puts in the gap is
# read again as a line, its ink only (what is lighter than the type goes,
# measured by a three-class Otsu on the box), and the missing field is
# looked for in it. The page is rendered by text2image; the ALTO says
# what a first reading made of it, the type's row left out.
. "$(dirname "$0")/lib.sh"

FONT="Noto Serif CJK SC"
need_render

test_expect_success 'a licence rendered, its type row under a watermark' '
	printf "%s\n" "企业名称 常州市风平设备有限公司" "企业类型 有限责任公司" \
		"注册资本 伍佰万元整" "成立日期 2018年04月09日" \
		"营业期限 2018年04月09日至长期" >text &&
	render_licence 5 &&
	set -- $(sed -n 2p boxes) &&
	imgconv wm.png lines.tif blocks $(($1 - 10)) $(($2 - 10)) 700 $(($4 + 20)) &&
	scan_case case wm.png
'

test_expect_success 'its ink read alone, the watermark gone' '
	set -- $(sed -n 2p boxes) &&
	REREAD_LANGS=chi_sim reread -i wm.png "$@" >ink &&
	test "$(cut -f1 ink)" = 企业类型有限责任公司
'

test_expect_success 'the row lost whole is found between its neighbours, unsure' '
	licence_page "1 3 4 5" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test "$(ex field org.name value)" = 常州市风平设备有限公司 &&
	test "$(ex field org.type value)" = 有限责任公司 &&
	test "$(ex field org.type method)" = line &&
	test "$(ex field org.type status)" = reread &&
	ex field org.type note | grep -q "its row read again as a line" &&
	awk "BEGIN { exit !($(ex field org.type confidence) < 0.9) }"
'

test_expect_success 'rows at their pitch: none is read again' '
	licence_page "1 2 3 4 5" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test "$(ex field org.type method)" = label
'

test_expect_success 'the gap holds another row: the type stays missing' '
	sed "2s/.*/经营范围 软件开发/" text >text2 &&
	cp text2 text &&
	render_lines text other 200 40 &&
	line_boxes other.box 1750 6 >boxes2 &&
	test "$(sed -n 3p boxes)" = "$(sed -n 3p boxes2)" &&
	imgconv case/read/f1/p0001.png other.tif &&
	licence_page "1 3 4 5" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test -n "$(ex missing org.type document)" &&
	test -z "$(ex field org.type value)"
'

test_done
