#!/bin/sh
# A field's region of a read page: the page image its boxes refer to (the
# read stage's image, or a text-layer PDF page rendered), an evidence crop,
# and a re-reading of the box limited to the field's alphabet.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

truth="$TOP/samples/corpus/case-0001-eligible.truth.xml"
uscc=$(xmllint --xpath 'string(/truth/field[@name="org.uscc"]/@value)' "$truth")
USCC_ALPHABET=0123456789ABCDEFGHJKLMNPQRTUWXY
rq() { xmllint --xpath "$2" "$1/read/read.xml"; }

# The box (X Y W H) of the word just under the line whose words spell $2,
# left-aligned with it, in the ALTO file $1 (as zz_alto_write lays it out:
# an element a line, attributes in a fixed order).
under() {
	awk -v label="$2" '
	function attr(name,   s) {
		if (!match($0, " " name "=\"[^\"]*\""))
			return ""
		s = substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
		return s
	}
	/<TextLine / { if (text ~ label) { lx = x; ly = y + h } text = ""; x = attr("HPOS") + 0;
	               y = attr("VPOS") + 0; h = attr("HEIGHT") + 0; n++ }
	/<String / { text = text attr("CONTENT"); sx[++ns] = attr("HPOS") + 0;
	             sy[ns] = attr("VPOS") + 0; sw[ns] = attr("WIDTH"); sh[ns] = attr("HEIGHT") }
	END {
		if (text ~ label) { lx = x; ly = y + h }
		if (ly == "") exit 1
		best = 0
		for (i = 1; i <= ns; i++)
			if (sy[i] >= ly && sx[i] - lx < 60 && lx - sx[i] < 60 && (!best || sy[i] < sy[best]))
				best = i
		if (!best) exit 1
		print sx[best], sy[best], sw[best], sh[best]
	}' "$1"
}

# width and height of a PNG from its header, after checking the signature
png_size() {
	test "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = 89504e470d0a1a0a || return 1
	set -- $(od -An -tu1 -j16 -N8 "$1")
	echo "$(($1 << 24 | $2 << 16 | $3 << 8 | $4)) $(($5 << 24 | $6 << 16 | $7 << 8 | $8))"
}

test_expect_success 'the case is read; the licence page has an image and ALTO' '
	zizhi-unpack "$TOP/samples/corpus/case-0001-eligible.iso" >c &&
	case=$(cat c) &&
	zizhi-read "$case" >/dev/null &&
	img=$(rq "$case" "string(/read/file[contains(@path,\"营业执照\")]/page[1]/@image)") &&
	alto=$(rq "$case" "string(/read/file[contains(@path,\"营业执照\")]/page[1]/@alto)") &&
	test -s "$case/$img" && test -s "$case/$alto" &&
	echo "$case/$img" >img && echo "$case/$alto" >alto
'

test_expect_success 'the code under 统一社会信用代码 re-reads as the truth with its alphabet' '
	under "$(cat alto)" 统一社会信用代码 >box &&
	test -n "$uscc" &&
	reread -w $USCC_ALPHABET -s 2 -o code.png "$(cat img)" $(cat box) >out &&
	cut -f1 out >got && echo "$uscc" >want &&
	test_cmp want got &&
	grep -q "	[01]\.[0-9][0-9]$" out
'

test_expect_success 'the crop is a PNG of the box and its margins' '
	set -- $(cat box) &&
	test "$(png_size code.png)" = "$(($3 + 16)) $(($4 + 16))" &&
	reread -c -m 0 -o bare.png "$(cat img)" $(cat box) &&
	test "$(png_size bare.png)" = "$3 $4" &&
	test ! -e code.png.tmp.*
'

test_expect_success 'a box off the page or empty is refused with a message' '
	test_expect_code 1 reread -o off.png -- "$(cat img)" 9000 100 50 50 2>err &&
	grep -q "outside the page" err && test ! -e off.png &&
	test_expect_code 1 reread -o off.png -- "$(cat img)" -60 100 50 50 2>err &&
	grep -q "outside the page" err &&
	test_expect_code 1 reread -o off.png "$(cat img)" 100 100 0 40 2>err &&
	grep -q "empty box" err && test ! -e off.png &&
	test_expect_code 1 reread -o off.png nosuch.jpg 1 1 10 10 2>err &&
	grep -q "nosuch.jpg" err
'

test_expect_success 'a text-layer PDF page is rendered to fit its boxes' '
	case=$(cat c) &&
	f="/read/file[contains(@path,\"2023年度审计报告\")]" &&
	test "$(rq "$case" "string($f/page[1]/@method)")" = text-layer &&
	pdf="$case/$(rq "$case" "string($f/@path)")" &&
	a="$case/$(rq "$case" "string($f/page[1]/@alto)")" &&
	s="(//*[local-name()=\"String\"])[1]" &&
	word=$(xmllint --xpath "string($s/@CONTENT)" "$a") &&
	set -- $(xmllint --xpath "concat($s/@HPOS,\" \",$s/@VPOS,\" \",$s/@WIDTH,\" \",$s/@HEIGHT)" "$a") &&
	reread -p "$pdf" -n 1 -s 1 -o title.png $1 $2 $3 $4 >out &&
	test "$(png_size title.png)" = "$(($3 + 16)) $(($4 + 16))" &&
	cut -f1 out >got && echo "$word" >want &&
	test_cmp want got &&
	w=$(rq "$case" "string($f/page[1]/@width)") &&
	reread -c -p "$pdf" -n 1 -o edge.png $((w - 10)) 100 50 20 &&
	test "$(png_size edge.png)" = "18 36" &&
	test_expect_code 1 reread -c -p "$pdf" -n 99 -o x.png 1 1 10 10 2>err &&
	grep -q "no page 99" err
'

test_done
