#!/bin/sh
# Pages are scaled by the height of their text, measured on the page, not
# by the dpi the file declares; a page whose lines run down is seen to be
# sideways; read.xml records what was done to each page and why.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

rq() { xmllint --xpath "$2" "$1/read/read.xml"; }
# within 15 % of each other; a product (mul)
near() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > 0 && b > 0 && a / b < 1.15 && b / a < 1.15) }'; }
mul() { awk -v a="$1" -v b="$2" 'BEGIN { print a * b }'; }

test_expect_success 'the sample licence and certificate scans' '
	zizhi-unpack "$TOP/samples/corpus/case-0001-eligible.iso" >c &&
	case=$(cat c) &&
	lic=$(xq "$case" "string(/case/file[contains(@path,\"营业执照\")]/@path)") &&
	cert=$(xq "$case" "string(/case/file[contains(@path,\"资质证书\")]/@path)") &&
	test -n "$lic" && test -n "$cert" &&
	echo "$case/$lic" >lic && echo "$case/$cert" >cert
'

test_expect_success 'the height measured follows the print, whatever the pixels' '
	for img in "$(cat lic)" "$(cat cert)"; do
		set -- $(textsize "$img") &&
		h=$1 && test "$3" = 0 &&
		set -- $(textsize -s 0.5 "$img") && near "$1" "$(mul "$h" 0.5)" &&
		set -- $(textsize -s 2 "$img") && near "$1" "$(mul "$h" 2)" &&
		set -- $(textsize -s 3 "$img") && near "$1" "$(mul "$h" 3)" || return 1
	done
'

test_expect_success 'a page turned a quarter either way is seen to be sideways' '
	for img in "$(cat lic)" "$(cat cert)"; do
		set -- $(textsize "$img") && h=$1 &&
		set -- $(textsize -r 1 "$img") && test "$3" = 1 && near "$1" "$h" &&
		set -- $(textsize -r 3 -s 0.7 "$img") && test "$3" = 1 &&
		set -- $(textsize -r 2 "$img") && test "$3" = 0 || return 1
	done
'

test_expect_success 'a blank page gives no height, not a guess' '
	printf "P5\n64 64\n255\n" >blank.pgm &&
	head -c 4096 /dev/zero | tr "\000" "\377" >>blank.pgm &&
	set -- $(textsize blank.pgm) && test "$1" = 0.0
'

# The licence three times as large, saying 72 dpi as a phone does: read
# by its text, it is scaled down to the top of pipeline.xml's text
# heights, not raised to 300 dpi (12 times the pixels) as its dpi would
# have had it.
test_expect_success 'a large page that says 72 dpi is scaled by its text, down' '
	set -- $(textsize -s 3 -o big72.png -d 72 "$(cat lic)") &&
	mkdir -p in && cp big72.png in/licence.png &&
	zizhi-unpack in >c2 && case=$(cat c2) &&
	zizhi-read "$case" >/dev/null &&
	xmllint --noout --relaxng "$TOP/config/schema/read.rng" "$case/read/read.xml" &&
	p="/read/file[1]/page[1]" &&
	scale=$(rq "$case" "string($p/@scale)") &&
	th=$(rq "$case" "string($p/@text-height)") &&
	want=$(xmllint --xpath "string(/pipeline/read/@text-height)" "$TOP/config/pipeline.xml" |
		sed "s/.*-//") &&
	awk -v s="$scale" "BEGIN { exit !(s > 0.2 && s < 0.6) }" &&
	near "$(mul "$th" "$scale")" "$want" &&
	test "$(rq "$case" "string($p/@width)")" -lt 5262 &&
	rq "$case" "string($p/@treatment)" | grep -q "scaled" &&
	test "$(rq "$case" "string($p/@confidence)" | cut -c1-3)" != 0.0
'

# The sample licence is stored upside down: the first reading is poor,
# orientation detection turns it, and read.xml says what was tried.
test_expect_success 'a poor reading is read again turned, and both are recorded' '
	case=$(cat c) &&
	zizhi-read "$case" >/dev/null &&
	p="/read/file[contains(@path,\"营业执照\")]/page[1]" &&
	test "$(rq "$case" "string($p/@rotate)")" = 180 &&
	rq "$case" "string($p/@treatment)" | grep -q "^upright:" &&
	rq "$case" "string($p/@tried)" | grep -q "^first=[0-9]" &&
	q=$(rq "$case" "string($p/@quality)") &&
	first=$(rq "$case" "string($p/@tried)" | sed "s/^first=\\([0-9]*\\).*/\\1/") &&
	test "$q" -gt "$first"
'

# Two real phone photos (../shared/corpus/real-licences, when there):
# each reads poorly but as an upright page does, from its sheet; one
# other treatment is tried at most (each costs a whole reading), and the
# one lying sideways is not turned the other quarter round as well.
reals=$(find_shared)/corpus/real-licences/images
if [ -f "$reals/train-0296.jpg" ] && [ -f "$reals/train-0357.jpg" ] && [ -z "$SANITIZED" ]; then
	test_expect_success 'a page read as upright ones are gets one other treatment at most' '
		mkdir photos && cp "$reals/train-0296.jpg" "$reals/train-0357.jpg" photos/ &&
		case=$(zizhi-unpack -q photos) && zizhi-read -q "$case" >/dev/null &&
		for f in train-0296 train-0357; do
			p="/read/file[contains(@path,\"$f\")]/page[1]" &&
			rq "$case" "string($p/@treatment)" | grep -q "^sheet:" &&
			test "$(rq "$case" "string($p/@quality)")" -ge 50 &&
			tried=$(rq "$case" "string($p/@tried)") &&
			echo "$f: $tried" &&
			test "$(echo "$tried" | tr , "\n" | grep -c =)" -le 1 &&
			! echo "$tried" | grep -q other-quarter || return 1
		done
	'
else
	test_skip 'a page read as upright ones are gets one other treatment at most' \
		"no real licence set (or a sanitized build)"
fi

test_done
