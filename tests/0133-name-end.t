#!/bin/sh
# An organisation's name read without its legal form (…交通设施有限, its
# 公司 faint or under a seal) is no name; read again, its box goes two
# characters past where the reading ended (evidence.c, read_width), and
# the whole name is read. A person's name is not widened so. The page is
# rendered by text2image; the ALTO says what a first reading made of it.
# Not read again, the type's row with its label is no name either.
. "$(dirname "$0")/lib.sh"

FONT="Noto Serif CJK SC"
need_render

# the licence as read (licence_page): every row surely but the name's,
# read W pixels wide as 常州市风平设备有限 at 0.6
row_read() {
	case $(sed -n "$1p" text) in
	企业名称*) licence_row "$1" "$2" 常州市风平设备有限 "$W" 0.6 ;;
	*) licence_row "$@" ;;
	esac
}

test_expect_success 'a licence rendered' '
	printf "%s\n" "企业名称 常州市风平设备有限公司" "企业类型 有限责任公司" \
		"法定代表人 吴昌" "成立日期 2018年04月09日" >text &&
	render_licence 4 &&
	scan_case case lines.tif
'

test_expect_success 'a name read short of its 公司: read again past its end, whole' '
	set -- $(sed -n 1p boxes) &&
	vx=$(sed -n 1p vx) &&
	W=$(( ($1 + $3 - vx) * 9 / 11 )) &&
	licence_page "1 2 3 4" >case/read/f1/p0001.alto.xml &&
	zizhi-extract -f case >out 2>err &&
	test "$(ex field org.name value)" = 常州市风平设备有限公司 &&
	test "$(ex field org.name status)" = reread
'

# not read again, the name stays invalid: the type's row, its label and
# value (企业类型有限责任公司), is no name found by its shape
test_expect_success 'without re-reads: no name, and not the type row' '
	zizhi-extract -f --no-reread case >out 2>err &&
	test -z "$(ex field org.name value)" &&
	test "$(ex field org.type value)" = 有限责任公司
'

test_done
