#!/bin/sh
# The sheet of paper in a phone photo (lib/read/photo.c): synthetic photos of a
# page, seen by a pinhole camera at several angles, sizes and turns, on a
# dark table and on wood, in shadow, in colour and grey. The corners must
# be found within a few pixels, and the straightened page must be the
# page: upright, of its aspect, matching it. A page filling the frame (a
# scan, square or a little skewed) and a table with no sheet are left
# alone. No OCR.
. "$(dirname "$0")/lib.sh"

# check NAME TOL [fakephoto photo options and arguments]: the photo made
# (NAME.png, or NAME.jpg when NAME ends in .jpg),
# its sheet found within TOL pixels of each true corner, the straightened
# page within 4% of the page's aspect and like the page
check() {
	name=${1%.jpg} photo=$1 tol=$2
	case $photo in *.jpg) ;; *) photo=$photo.png ;; esac
	shift 2
	page=
	for a in "$@"; do
		case $a in *.png) page=${page:-$a} ;; esac
	done
	fakephoto photo "$@" "$photo" >"$name.truth" &&
	sheet "$photo" "$name-straight.png" >"$name.out" &&
	grep -q "^found 1" "$name.out" &&
	sed -n "s/^corners //p" "$name.out" >"$name.found" &&
	cat "$name.truth" "$name.found" | tr '\n' ' ' | awk -v tol="$tol" '{
		for (i = 1; i <= 8; i++) {
			d = $i - $(i + 8)
			if (d < 0) d = -d
			if (d > tol) { print "corner value " i ": " $(i + 8) ", true " $i; bad = 1 }
		}
		exit bad
	}' &&
	set -- $(sed -n "s/^size //p" "$name.out") &&
	set -- "$@" $(pngsize "$page") &&
	awk -v w="$1" -v h="$2" -v pw="$3" -v ph="$4" 'BEGIN {
		r = (w / h) / (pw / ph)
		if (r < 0.96 || r > 1.04) { print "aspect " w "x" h ", page " pw "x" ph; exit 1 }
	}' &&
	fakephoto compare "$page" "$name-straight.png" >"$name.corr" &&
	awk '$1 < 0.9 { print "straightened page unlike the page: correlation " $1; exit 1 }' \
		"$name.corr"
}

# width and height of a PNG from its header
pngsize() {
	set -- $(od -An -tu1 -j16 -N8 "$1")
	echo "$(($1 << 24 | $2 << 16 | $3 << 8 | $4)) $(($5 << 24 | $6 << 16 | $7 << 8 | $8))"
}

# none NAME IMAGE: no sheet is found in IMAGE, and nothing is written
none() {
	test_expect_code 1 sheet "$2" "$1-straight.png" >"$1.out" &&
	grep -q "^found 0" "$1.out" && grep -q "^why ." "$1.out" &&
	test ! -e "$1-straight.png"
}

test_expect_success 'synthetic pages: portrait and landscape' '
	fakephoto page page.png &&
	fakephoto page landscape.png 1754 1240 &&
	test "$(pngsize page.png)" = "1240 1754"
'

test_expect_success 'a page seen square on, on a dark table' '
	check square 3 page.png 1200 900 0 0 0 0.8
'

test_expect_success 'tilted back 20 degrees: a keystone' '
	check keystone 3 page.png 1200 900 20 0 0 0.85
'

test_expect_success 'tilted back 30 degrees, on wood' '
	check steep 3 -w page.png 1200 900 -30 0 0 0.9
'

test_expect_success 'tilted sideways and turned, on wood, in a shadow' '
	check shadow 3 -s -w page.png 1200 900 0 -15 10 0.8
'

test_expect_success 'a landscape page turned 25 degrees, on wood' '
	check turned 3 -w landscape.png 1600 1200 0 0 -25 0.6
'

test_expect_success 'off the centre, tilted both ways' '
	check aside 3 -o 0.1,0.05 page.png 1200 900 -10 10 -5 0.65
'

test_expect_success 'a 500-pixel thumbnail' '
	check thumb 2 page.png 500 375 10 -10 3 0.9
'

test_expect_success 'a page far off, a seventh of the frame, in a shadow' '
	check far 3 -s page.png 1600 1200 10 -5 3 0.5 &&
	grep -q "^frac 0\.1" far.out
'

test_expect_success 'a 12-megapixel photo, tilted, in a shadow' '
	check big.jpg 8 -s landscape.png 4000 3000 25 10 4 0.75
'

test_expect_success 'a grey photo (8 bpp)' '
	check grey 3 -g page.png 1200 900 15 -10 5 0.8 &&
	test "$(od -An -tu1 -j24 -N2 grey-straight.png | tr -s " ")" = " 8 0"
'

test_expect_success 'the licence page of the sample case, photographed' '
	zizhi-unpack "$TOP/samples/corpus/case-0001-eligible.iso" >c &&
	find "$(cat c)/files" -path "*营业执照*" -name "*.jpg" >lic &&
	test "$(wc -l <lic)" -eq 1 &&
	imgconv licence-page.png "$(cat lic)" &&
	check licence 3 -w licence-page.png 1600 1200 15 -10 4 0.7 &&
	check licence2 3 licence-page.png 1600 1200 -20 5 -3 0.65
'

test_expect_success 'the comparison tells a page turned upside down' '
	fakephoto skew square-straight.png flipped.png 180 &&
	fakephoto compare page.png flipped.png >flipped &&
	awk "\$1 >= 0.5 { print \"upside down, yet correlation \" \$1; exit 1 }" flipped
'

test_expect_success 'a page filling the frame (a scan) is left alone' '
	none scan page.png &&
	grep -q "scan" scan.out
'

test_expect_success 'a scan skewed 1.5 degrees is left alone' '
	fakephoto skew page.png skewed.png 1.5 &&
	none skewed skewed.png
'

test_expect_success 'a table with no sheet on it (a speck of paper) gives none' '
	fakephoto photo -w page.png 1200 900 0 0 0 0.05 table.png >/dev/null &&
	none table table.png
'

test_expect_success 'the light of a shadowed page is evened out, the print kept' '
	sheet -l shadow.png shadow-even.png >/dev/null &&
	fakephoto light shadow-straight.png >before &&
	fakephoto light shadow-even.png >after &&
	awk "\$1 < 40 { print \"the shadow was too faint to test: \" \$1; exit 1 }" before &&
	awk "\$1 > 12 { print \"paper still uneven after: \" \$1; exit 1 }" after &&
	fakephoto compare page.png shadow-even.png >corr &&
	awk "\$1 < 0.9 { print \"print damaged: correlation \" \$1; exit 1 }" corr
'

test_expect_success 'an evenly lit page is left exactly as it is' '
	sheet -l square.png square-even.png >/dev/null &&
	fakephoto light square-even.png >even &&
	awk "\$1 > 12 { exit 1 }" even &&
	fakephoto grey square-straight.png square-grey.png &&
	cmp square-grey.png square-even.png
'

test_done
