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

# page ROWS: the licence as read, each row N of ROWS (a rendered line's
# number) as its label (four characters) and its value, read surely
page() {
	alto_begin 1400 1750
	line 1 500 40 300 60 营业执照
	line 2 700 120 240 30 统一社会信用代码
	n=3
	for r in $1; do
		set -- $(sed -n "${r}p" boxes)
		label=$(sed -n "${r}p" text | cut -d" " -f1)
		value=$(sed -n "${r}p" text | cut -d" " -f2)
		line $n "$1" "$2" 232 "$4" "$label"
		line $((n + 1)) 451 "$2" $(($1 + $3 - 451)) "$4" "$value"
		n=$((n + 2))
	done
	alto_end
}

test_expect_success 'a licence rendered, its type row under a watermark' '
	printf "%s\n" "企业名称 常州市风平设备有限公司" "企业类型 有限责任公司" \
		"注册资本 伍佰万元整" "成立日期 2018年04月09日" \
		"营业期限 2018年04月09日至长期" >text &&
	render_lines text lines 200 40 &&
	line_boxes lines.box 1750 6 >boxes &&
	test $(wc -l <boxes) -eq 5 &&
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
	page "1 3 4 5" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test "$(ex field org.name value)" = 常州市风平设备有限公司 &&
	test "$(ex field org.type value)" = 有限责任公司 &&
	test "$(ex field org.type method)" = line &&
	test "$(ex field org.type status)" = reread &&
	ex field org.type note | grep -q "its row read again as a line" &&
	awk "BEGIN { exit !($(ex field org.type confidence) < 0.9) }"
'

test_expect_success 'rows at their pitch: none is read again' '
	page "1 2 3 4 5" >case/read/f1/p0001.alto.xml &&
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
	page "1 3 4 5" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test -n "$(ex missing org.type document)" &&
	test -z "$(ex field org.type value)"
'

test_done
