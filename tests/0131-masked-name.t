#!/bin/sh
# A person's name masked on the page (a web copy's redaction: the surname
# left, a mosaic over the given name): what a reading makes of the mosaic
# (吴昌 for 吴 and its blocks) is no name, and the licence shows none; a
# name whose characters are all there stays. The page is rendered by
# text2image, the mosaic laid over it by imgconv; the ALTO says what a
# first reading made of it, the name read unsurely (masked.c).
. "$(dirname "$0")/lib.sh"

FONT="Noto Serif CJK SC"
need_render

# page ROWS [W]: the licence as read, each row N of ROWS (a rendered
# line's number) as its label and its value (from the character after
# the space), read surely but for the legal representative's (吴昌 at
# 0.3, W pixels wide when given)
page() {
	alto_begin 1400 1750
	line 1 500 40 300 60 营业执照
	line 2 700 120 240 30 统一社会信用代码
	n=3
	for r in $1; do
		set -- $(sed -n "${r}p" boxes) "$2"
		label=$(sed -n "${r}p" text | cut -d" " -f1)
		value=$(sed -n "${r}p" text | cut -d" " -f2)
		vx=$(sed -n "${r}p" vx)
		case $label in
		法定代表人) line $n "$1" "$2" $((vx - $1 - 16)) "$4" "$label"
			line $((n + 1)) "$vx" "$2" "${5:-$(($1 + $3 - vx))}" "$4" 吴昌 0.3 ;;
		*) line $n "$1" "$2" $((vx - $1 - 16)) "$4" "$label"
			line $((n + 1)) "$vx" "$2" $(($1 + $3 - vx)) "$4" "$value" ;;
		esac
		n=$((n + 2))
	done
	alto_end
}

test_expect_success 'a licence rendered, one name whole and one masked' '
	printf "%s\n" "企业名称 常州市风平设备有限公司" "企业类型 有限责任公司" \
		"法定代表人 吴昌" "法定代表人 吴" "成立日期 2018年04月09日" >text &&
	render_lines text lines 200 40 &&
	line_boxes lines.box 1750 6 >boxes &&
	test $(wc -l <boxes) -eq 5 &&
	awk "BEGIN { n = 1 } /^\t/ { n++; sp = 0; next } /^ / { sp = 1; next }
		sp == 1 { print \$2; sp = 2 }" lines.box >vx &&
	test $(wc -l <vx) -eq 5 &&
	set -- $(sed -n 4p boxes) &&
	imgconv masked.png lines.tif blocks $(($1 + $3 + 2)) "$2" 96 "$4" &&
	scan_case case masked.png
'

test_expect_success 'the mosaic after the surname: no name, what was read kept in the note' '
	page "1 2 4 5" 160 >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test "$(ex field org.name value)" = 常州市风平设备有限公司 &&
	test -z "$(ex field org.legal_rep value)" &&
	test "$(ex field org.legal_rep status)" = invalid &&
	ex field org.legal_rep note | grep -q "masked on the page"
'

test_expect_success 'a name whose characters are all there is no masked one' '
	page "1 2 3 5" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test "$(ex field org.legal_rep value)" = 吴昌 &&
	! ex field org.legal_rep note | grep -q "masked"
'

test_done
