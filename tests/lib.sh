# tests/lib.sh - a small TAP test library after git's test-lib.sh.
#
#   . "$(dirname "$0")/lib.sh"
#   test_expect_success 'what it checks' '
#       commands joined with && ...
#   '
#   test_done
#
# Each test runs in its own scratch directory ($TRASH, removed unless
# ZIZHI_TEST_KEEP=1), with bin/ and tests/tools/ first on PATH, the
# project's config, and a spool and database inside the scratch directory.

TOP=$(cd "$(dirname "$0")/.." && pwd)
PATH="$TOP/bin:$TOP/tests/tools:$PATH"
ZIZHI_CONFIG="$TOP/config"
ZIZHI_NO_PROGRESS=1
LC_ALL=C.UTF-8
export PATH ZIZHI_CONFIG ZIZHI_NO_PROGRESS LC_ALL
unset ZIZHI_SPOOL ZIZHI_DB CDPATH

TRASH=$(mktemp -d "${TMPDIR:-/tmp}/zizhi-test.XXXXXX") || exit 1
cleanup() { [ -n "$ZIZHI_TEST_KEEP" ] || rm -rf "$TRASH" ${VG:+"$VG"}; }
trap cleanup EXIT

# ZIZHI_VALGRIND=1 (make check-valgrind): the programs of bin/ and of
# tests/tools/ run under memcheck, through wrapper scripts in $VG/bin put
# first on PATH and in ZIZHI_EXEC_PATH (where zizhi, zizhi run and zizhi
# inbox find the stages). Each process logs to $VG/log/; test_done fails
# the file if a log is not empty (an error, or a definite leak). Left out
# (run natively) are the programs whose work is mostly Tesseract's or
# cairo's, each far too slow under memcheck: zizhi-read (its OCR workers
# are forked, not exec'd, so they would run under valgrind too), the
# sample generator and the test tools that OCR or draw; zizhi-extract,
# whose re-reads run Tesseract in its own process (75 s a case under
# memcheck, 4 natively): the extract tests (0120, 0130) put it under
# valgrind with valgrind_too, the others run it natively; and the tools
# that only make a test's inputs or look at its database (dbopen runs a
# query a line in some tests, and the database code it shares runs
# under valgrind in every program that loads or reviews). A test puts one
# of them under valgrind with valgrind_too (tests/0245-valgrind-read.t).
VG_NATIVE="zizhi-read zizhi-samplegen zizhi-score reread bigimage imgconv fakephoto textsize"
VG_NATIVE="$VG_NATIVE zizhi-extract dbopen mkzip hostile uscc"
valgrind_wrap() {
	[ -n "$VG" ] || return 0
	cat >"$VG/bin/${1##*/}" <<-EOF
	#!/bin/sh
	exec valgrind -q --tool=memcheck --trace-children=no \\
		--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \\
		--error-exitcode=126 --num-callers=30 --suppressions="$TOP/tests/valgrind.supp" \\
		--log-file="$VG/log/${1##*/}.%p" "$1" "\$@"
	EOF
	chmod +x "$VG/bin/${1##*/}"
}
# valgrind_too zizhi-read: this test runs it under valgrind as well
valgrind_too() {
	for p in "$TOP/bin/$1" "$TOP/tests/tools/$1"; do
		[ -x "$p" ] && valgrind_wrap "$p"
	done
	return 0
}
VG=
if [ -n "$ZIZHI_VALGRIND" ]; then
	command -v valgrind >/dev/null || { echo "Bail out! ZIZHI_VALGRIND set, no valgrind"; exit 1; }
	VG=$(mktemp -d "${TMPDIR:-/tmp}/zizhi-vg.XXXXXX") || exit 1
	mkdir "$VG/bin" "$VG/log"
	for p in "$TOP"/bin/zizhi* "$TOP"/tests/tools/*; do
		case $p in *.c) continue ;; esac
		case " $VG_NATIVE " in *" ${p##*/} "*) continue ;; esac
		[ -x "$p" ] && valgrind_wrap "$p"
	done
	PATH="$VG/bin:$PATH"
	ZIZHI_EXEC_PATH="$VG/bin"
	export PATH ZIZHI_EXEC_PATH
fi

cd "$TRASH" || exit 1

test_count=0
test_failed=0

say() { printf '# %s\n' "$*"; }

# Under valgrind or a SANITIZE build the programs run 5 to 30 times
# slower; a test that only runs again code the others already run under
# them (the same case killed at ten more points, four loaders at once, a
# long file of rows) says so with the prerequisite NATIVE, as git's
# test_expect_success PREREQ 'what' '...', and runs natively only; one
# whose new code is plain C that ASan checks as well as memcheck, behind
# minutes of OCR under memcheck, says NOVALGRIND. One that needs the
# memory ceiling of <bounds> says CEILING (not under AddressSanitizer).
SANITIZED=
if [ -n "$VG" ]; then
	SANITIZED=valgrind
elif grep -qs fsanitize "$TOP/.flags"; then
	SANITIZED=sanitizers
fi

test_expect_success() {
	if [ $# -eq 3 ]; then
		case $1 in
		NATIVE)
			if [ -n "$SANITIZED" ]; then
				test_skip "$2" "runs again what other tests run under the $SANITIZED"
				return 0
			fi
			;;
		CEILING)
			# the address-space ceiling of <bounds>, which no
			# AddressSanitizer build can have (its shadow memory)
			if grep -qs fsanitize=address "$TOP/.flags"; then
				test_skip "$2" "AddressSanitizer allows no address-space ceiling"
				return 0
			fi
			;;
		NOVALGRIND)
			# Tesseract re-reads under memcheck, a minute and more each,
			# for code ASan covers as well
			if [ "$SANITIZED" = valgrind ]; then
				test_skip "$2" "runs under ASan, not memcheck (its OCR alone takes minutes there)"
				return 0
			fi
			;;
		*) echo "Bail out! unknown prerequisite $1"; exit 1 ;;
		esac
		shift
	fi
	test_count=$((test_count + 1))
	if (eval "$2") >"$TRASH/.log" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		# on standard error as well: prove shows it without -v, so a
		# failure in CI (a rare race) says what went wrong
		sed 's/^/#   /' "$TRASH/.log" | tee /dev/stderr
	fi
}

test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # SKIP $1: $2"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

test_done() {
	if [ -n "$VG" ]; then
		test_count=$((test_count + 1))
		if [ -z "$(find "$VG/log" -type f -size +0 | head -n 1)" ]; then
			echo "ok $test_count - valgrind: no errors, no definite leaks"
		else
			test_failed=$((test_failed + 1))
			echo "not ok $test_count - valgrind: errors or leaks"
			for f in $(find "$VG/log" -type f -size +0); do
				echo "# ${f##*/}:"
				sed 's/^/#   /' "$f"
			done
		fi
	fi
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

# test_cmp expect actual
test_cmp() { diff -u "$1" "$2"; }

# Runs a command that must fail with exactly the given exit code.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" -eq "$want" ] || { echo "exit code $got, wanted $want: $*"; return 1; }
}

# The RELAX NG check of every case.xml a test makes.
valid_case() { xmllint --noout --relaxng "$TOP/config/schema/case.rng" "$1/case.xml"; }

# Queries a case.xml with XPath; prints the result.
xq() { xmllint --xpath "$2" "$1/case.xml"; echo; }

# The shared test inputs (../shared/corpus beside the checkout).
find_shared() {
	for d in "$ZIZHI_SHARED" "$TOP/../shared" /work/shared; do
		[ -n "$d" ] && [ -d "$d/corpus" ] && { echo "$d"; return 0; }
	done
	return 1
}

# alto_begin WIDTH HEIGHT, alto_end: an ALTO page of one text block, its
# lines (alto_line) between them
alto_begin() {
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	printf '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="%s" HEIGHT="%s"><PrintSpace><TextBlock>\n' "$1" "$2"
}

alto_end() {
	echo '</TextBlock></PrintSpace></Page></Layout></alto>'
}

# One ALTO TextLine of one String, for read cases written by hand:
# alto_line ID X Y W H TEXT [WC]: read at WC (0.95)
alto_line() {
	printf '<TextLine ID="l%s" HPOS="%s" VPOS="%s" WIDTH="%s" HEIGHT="%s">' "$1" "$2" "$3" "$4" "$5"
	printf '<String ID="s%s" HPOS="%s" VPOS="%s" WIDTH="%s" HEIGHT="%s" CONTENT="%s" WC="%s"/></TextLine>\n' \
		"$1" "$2" "$3" "$4" "$5" "$6" "${7:-0.95}"
}

# line_boxes BOXFILE HEIGHT MARGIN: the lines of a text2image page, one
# "X Y W H" (from the top left, MARGIN pixels round their characters)
# each, from its box file: a box a character, counted from the bottom of
# the page, a tab box ending each line
line_boxes() {
	awk -v H="$2" -v M="$3" '
	function line() { print x0 - M, H - y1 - M, x1 - x0 + 2 * M, y1 - y0 + 2 * M; n = 0 }
	/^\t/ { if (n) line(); next }
	{
		k = NF - 5
		if (!n || $(k + 1) < x0) x0 = $(k + 1)
		if (!n || $(k + 2) < y0) y0 = $(k + 2)
		if (!n || $(k + 3) > x1) x1 = $(k + 3)
		if (!n || $(k + 4) > y1) y1 = $(k + 4)
		n++
	}
	END { if (n) line() }' "$1"
}

# need_render: what a test that renders pages and re-reads them needs
# (text2image, $FONT); never under memcheck, where Tesseract's re-reads
# take minutes for code ASan covers as well
need_render() {
	command -v text2image >/dev/null || skip_all "no text2image (tesseract-ocr)"
	fc-list | grep -q "$FONT" || skip_all "no $FONT (fonts-noto-cjk)"
	test "$SANITIZED" != valgrind || skip_all "OCR re-reads: run natively and under ASan"
}

# render_lines TEXT OUT MARGIN LEADING: TEXT's lines rendered by
# text2image in $FONT, 14 pt at 300 dpi on a 1400 x 1750 page, into
# OUT.tif and OUT.box
render_lines() {
	text2image --text="$1" --outputbase="$2" --font="$FONT" --ptsize=14 \
		--resolution=300 --xsize=1400 --ysize=1750 --margin="$3" --leading="$4" \
		--fonts_dir=/usr/share/fonts --fontconfig_tmpdir="$TRASH" >t2i.log 2>&1
}

# scan_case DIR IMAGE [DPI WIDTH]: a read case of one scanned page, the
# image at DPI (300), WIDTH (1400) by 1750 pixels, copied in when IMAGE
# exists (a page whose image is only named is never opened); its ALTO
# (DIR/read/f1/p0001.alto.xml) for the test to write
scan_case() {
	ext=${2##*.}
	mkdir -p "$1/read/f1" &&
	{ [ ! -e "$2" ] || cp "$2" "$1/read/f1/p0001.$ext"; } &&
	cat >"$1/read/read.xml" <<-EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<read case="case" version="1" zizhi-version="test">
	 <file id="f1" path="files/licence.jpg" media-type="image/jpeg" kind="image" status="ok">
	  <page n="1" method="ocr" alto="read/f1/p0001.alto.xml" text="read/f1/p0001.txt" image="read/f1/p0001.$ext" dpi="${3:-300}" width="${4:-1400}" height="1750" rotate="0" skew="0" confidence="0.9"/>
	 </file>
	</read>
	EOF
	: >"$1/read/f1/p0001.txt"
}

# extracted DIR ELEMENT NAME ATTR: attribute ATTR of the ELEMENT (field,
# missing) named NAME in DIR's extract.xml
extracted() {
	xmllint --xpath "string(//$2[@name=\"$3\"]/@$4)" "$1/extract/extract.xml"
}

# value_starts BOXFILE: where each line's value starts on a page of
# "LABEL VALUE" lines text2image rendered: the x of the character after
# the space, a line each
value_starts() {
	awk 'BEGIN { n = 1 } /^\t/ { n++; sp = 0; next } /^ / { sp = 1; next }
		sp == 1 { print $2; sp = 2 }' "$1"
}

# render_licence N: ./text, N "LABEL VALUE" lines, rendered by
# render_lines into lines.tif, its line boxes in ./boxes and where its
# values start in ./vx
render_licence() {
	render_lines text lines 200 40 &&
	line_boxes lines.box 1750 6 >boxes &&
	test $(wc -l <boxes) -eq "$1" &&
	value_starts lines.box >vx &&
	test $(wc -l <vx) -eq "$1"
}

# licence_header: the start of the ALTO page of a licence rendered so,
# with the lines a licence is known by
licence_header() {
	alto_begin 1400 1750
	line 1 500 40 300 60 营业执照
	line 2 700 120 240 30 统一社会信用代码
}

# licence_row N ID [VALUE [W [WC]]]: ALTO lines ID and ID+1, rendered
# row N (./text, its ./boxes and ./vx) as a reading made it: its label,
# and its value as rendered and read surely, or VALUE, W pixels wide, at WC
licence_row() {
	r=$1 id=$2 value=${3:-} vw=${4:-} wc=${5:-}
	set -- $(sed -n "${r}p" boxes)
	vx=$(sed -n "${r}p" vx)
	line "$id" "$1" "$2" $((vx - $1 - 16)) "$4" "$(sed -n "${r}p" text | cut -d" " -f1)"
	line $((id + 1)) "$vx" "$2" "${vw:-$(($1 + $3 - vx))}" "$4" \
		"${value:-$(sed -n "${r}p" text | cut -d" " -f2)}" $wc
}

# licence_page ROWS: that ALTO page, each rendered row N of ROWS as
# row_read N ID makes it (licence_row, unless a test says otherwise)
licence_page() {
	licence_header
	n=3
	for r in $1; do
		row_read "$r" $n
		n=$((n + 2))
	done
	alto_end
}
row_read() { licence_row "$@"; }

# ex ELEMENT NAME ATTR: extracted from the read case made by hand in
# ./case; line: an ALTO line of its page (alto_line)
ex() { extracted case "$@"; }
line() { alto_line "$@"; }

test_must_be_empty() {
	[ ! -s "$1" ] || { echo "'$1' is not empty:"; cat "$1"; return 1; }
}

# third-party leaks at exit under SANITIZE=address (see tests/lsan.supp)
LSAN_OPTIONS="suppressions=$TOP/tests/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
