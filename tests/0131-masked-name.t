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

# the licence as read (licence_page): every row surely but the legal
# representative's, 吴昌 at 0.3 (W pixels wide when set)
row_read() {
	case $(sed -n "$1p" text) in
	法定代表人*) licence_row "$1" "$2" 吴昌 "${W:-}" 0.3 ;;
	*) licence_row "$@" ;;
	esac
}

test_expect_success 'a licence rendered, one name whole and one masked' '
	printf "%s\n" "企业名称 常州市风平设备有限公司" "企业类型 有限责任公司" \
		"法定代表人 吴昌" "法定代表人 吴" "成立日期 2018年04月09日" >text &&
	render_licence 5 &&
	set -- $(sed -n 4p boxes) &&
	imgconv masked.png lines.tif blocks $(($1 + $3 + 2)) "$2" 96 "$4" &&
	scan_case case masked.png
'

test_expect_success 'the mosaic after the surname: no name, what was read kept in the note' '
	W=160 licence_page "1 2 4 5" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test "$(ex field org.name value)" = 常州市风平设备有限公司 &&
	test -z "$(ex field org.legal_rep value)" &&
	test "$(ex field org.legal_rep status)" = invalid &&
	ex field org.legal_rep note | grep -q "masked on the page"
'

test_expect_success 'a name whose characters are all there is no masked one' '
	licence_page "1 2 3 5" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test "$(ex field org.legal_rep value)" = 吴昌 &&
	! ex field org.legal_rep note | grep -q "masked"
'

test_done
