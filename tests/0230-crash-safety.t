#!/bin/sh
# Crash safety: zizhi run killed with SIGKILL (the whole process group, as
# a power cut would) during unpack, mid-OCR, in extract, at decide, at
# load, and zizhi-load killed inside its transaction again and again;
# then run again. Each time the case directory ends as an uninterrupted
# run leaves it, the database holds the same rows and passes its
# integrity check, the input is unchanged, no temporary directory is
# left, and no stage output was ever visible half-written. Under valgrind
# and the sanitizers only the kills in read and extract run: the others
# run again the same stages, and the memory of the database's recovery
# is SQLite's.
#
# What is allowed to differ from the uninterrupted run, and nothing else:
#   - case.xml's unpacked attribute (the time it was unpacked);
#   - log/ (one log per run);
#   - read.xml's cached="yes" (pages read from the OCR cache say so);
#   - ALTO's fileName: the source's path, through the spool of that run;
#   - the database's times (cases.received and .loaded, events.at and
#     the other "at" columns, case_records.received) and row ids;
#   - events: compared as distinct rows, since a run killed after its
#     load committed loads again when re-run, and records that twice.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

cp "$TOP/samples/corpus/case-0002-supplement.zip" in.zip
sha256sum in.zip >in.sum

# tree SPOOL: every path under its cases with a hash of what it holds,
# the volatile parts (above) taken out
tree() {
	(cd "$1/cases" && find . -path "*/log" -prune -o -print | LC_ALL=C sort |
	while read -r p; do
		if test -d "$p"; then
			echo "$p/"
			continue
		fi
		case $p in
		*/case.xml) sed "s/ unpacked=\"[^\"]*\"//" "$p" ;;
		*/read/read.xml) sed "s/ cached=\"yes\"//" "$p" ;;
		*.alto.xml) sed "s|<fileName>.*</fileName>||" "$p" ;;
		*) cat "$p" ;;
		esac | sha256sum | sed "s|-\$|$p|"
	done)
}

# dump DB SPOOL: every table's rows without the time columns and row
# ids, sorted, the spool's name taken out of the case directories; events
# as distinct rows
dump() {
	for t in $(dbopen "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
		cols=$(dbopen "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t')
			WHERE name NOT IN ('at', 'received', 'loaded')
			AND NOT (name = 'id' AND type = 'INTEGER')") &&
		d= && test "$t" = events && d=DISTINCT
		echo "== $t ($cols)" &&
		dbopen "$1" "SELECT $d $cols FROM $t" | sed "s|$2/cases/|SPOOL/cases/|g" |
			LC_ALL=C sort || return 1
	done
}

# start SPOOL DB INPUT...: zizhi run in a session of its own
start() {
	s=$1 d=$2
	shift 2
	(setsid zizhi run -s "$s" -d "$d" "$@" >/dev/null 2>&1 & echo $! >pid)
}

# crash: SIGKILL to every process of the run, and wait until all are gone
crash() {
	pkill -KILL -s "$(cat pid)"
	n=0 && while pgrep -s "$(cat pid)" >/dev/null && test $n -lt 100; do
		sleep 0.05; n=$((n + 1)); done
	! pgrep -s "$(cat pid)" >/dev/null
}

# until_seen 'SHELL COMMAND': polls it (its globs anew) every 20 ms for up
# to 30 s
until_seen() {
	n=0 && until eval "$1" >/dev/null 2>&1; do
		test $n -gt 1500 && { echo "never seen: $1"; return 1; }
		sleep 0.02; n=$((n + 1))
	done
}

# finish SPOOL DB REF REFDB INPUT...: runs again to the end and checks the
# outcome against the uninterrupted one
finish() {
	s=$1 d=$2 ref=$3 refdb=$4
	shift 4
	zizhi run -s "$s" -d "$d" "$@" >out 2>err && check "$s" "$d" "$ref" "$refdb"
}

check() {
	tree "$3" >expect && tree "$1" >actual && test_cmp expect actual &&
	dump "$4" "$3" >expect && dump "$2" "$1" >actual && test_cmp expect actual &&
	test "$(dbopen "$2" "PRAGMA integrity_check")" = ok &&
	sha256sum -c --quiet in.sum &&
	test -z "$(find "$1/cases" -name ".*" ! -name ".*.lock")" &&
	test -z "$(find "$1" -name "*.tmp.*")"
}

# a stage's output is published whole or not at all: read.xml is
# complete XML whenever read/ is there, report.xml likewise
whole() {
	for c in "$1"/cases/*/; do
		! test -e "$c/read" || xmllint --noout "$c/read/read.xml" || return 1
		! test -e "$c/extract" || xmllint --noout "$c/extract/extract.xml" || return 1
		! test -e "$c/report.xml" || xmllint --noout "$c/report.xml" || return 1
		! test -e "$c/case.xml" || valid_case "$c" || return 1
	done
}

test_expect_success 'the uninterrupted run, for reference' '
	zizhi run -s ref -d ref.db in.zip >c 2>err &&
	id=$(basename "$(cat c)") && echo "$id" >id &&
	test -f "ref/cases/$id/report.xml" &&
	test "$(dbopen ref.db "SELECT count(*) FROM cases")" = 1 &&
	dump ref.db ref >refdump && grep -q "^== fields" refdump &&
	test "$(grep -c . refdump)" -gt 50
'

# A process killed inside zz_write_atomic leaves NAME.tmp.PID.HOST: the
# next writer of that name removes it, unless its process still runs (the
# OCR cache is written by many at once); another host's (a cache shared
# over NFS) only once a day old, since its processes cannot be asked.
test_expect_success 'a killed writer'"'"'s temp files are removed by the next one' '
	cp -r ref sw && c="sw/cases/$(cat id)" &&
	sh -c "echo \$\$" >dead && dead=$(cat dead) && ! kill -0 "$dead" 2>/dev/null &&
	: >"$c/report.xml.tmp.$dead" &&
	zizhi-decide "$c" >/dev/null && ! test -e "$c/report.xml.tmp.$dead" &&
	k=$(ls sw/ocr-cache/*/*.meta | head -n 1) && page=${k%.meta} && rm "$k" &&
	host=$(uname -n | tr -cd "A-Za-z0-9.-") &&
	: >"$page.alto.xml.tmp.$dead.$host" && : >"$page.jpg.tmp.$$.$host" &&
	: >"$page.alto.xml.tmp.$dead.other-host" && : >"$page.jpg.tmp.$dead.old-host" &&
	touch -d "2 days ago" "$page.jpg.tmp.$dead.old-host" &&
	zizhi-read -f -s sw "$c" >/dev/null &&
	test -e "$k" && ! test -e "$page.alto.xml.tmp.$dead.$host" && test -e "$page.jpg.tmp.$$.$host" &&
	test -e "$page.alto.xml.tmp.$dead.other-host" && ! test -e "$page.jpg.tmp.$dead.old-host"
'

# everything but the OCR is done again in each run below; the OCR cache
# of the reference run saves 20 s a time
cached() { mkdir -p "$1" && cp -r ref/ocr-cache "$1/"; }

test_expect_success 'killed mid-OCR: nothing of read/ shows; run again, the same case and rows' '
	cached ocr &&
	# pages whose cache entry is gone are OCRed again, in the killed run
	for k in $(ls ocr/ocr-cache/*/*.meta | head -n 6); do rm -f "${k%.meta}".*; done &&
	metas=$(ls ocr/ocr-cache/*/*.meta | wc -l) &&
	start ocr ocr.db in.zip &&
	until_seen "ls -d ocr/cases/*/.read.*" &&
	until_seen "test \$(ls ocr/ocr-cache/*/*.meta | wc -l) -gt $metas" &&
	crash &&
	test "$(ls ocr/ocr-cache/*/*.meta | wc -l)" -lt $((metas + 6)) &&
	! ls -d ocr/cases/*/read &&
	whole ocr &&
	finish ocr ocr.db ref ref.db in.zip
'

test_expect_success 'killed in extract: extract/ not there; run again, the same' '
	cached ex &&
	start ex ex.db in.zip &&
	until_seen "ls -d ex/cases/*/.extract.*" &&
	crash &&
	! ls -d ex/cases/*/extract && ! ls ex/cases/*/report.xml &&
	whole ex &&
	test "$(dbopen ex.db "SELECT count(*) FROM cases")" = 0 &&
	finish ex ex.db ref ref.db in.zip
'

test_expect_success NATIVE 'killed as decide starts: run again, the same' '
	cached de &&
	start de de.db in.zip &&
	until_seen "grep -q \"zizhi-decide \" de/cases/*/log/*.log" &&
	crash &&
	whole de &&
	finish de de.db ref ref.db in.zip
'

test_expect_success NATIVE 'killed as load starts: the database whole; run again, the same' '
	cached lo &&
	start lo lo.db in.zip &&
	until_seen "grep -q \"zizhi-load \" lo/cases/*/log/*.log" &&
	crash &&
	whole lo &&
	{ ! test -e lo.db || test "$(dbopen lo.db "PRAGMA integrity_check")" = ok; } &&
	finish lo lo.db ref ref.db in.zip
'

# One zizhi-load of the same case 300 times over is 300 transactions one
# after the other (8 ms each), two seconds or so: killed at any moment,
# it is most likely inside one. After every kill the database has either all of the case or
# what it had before, which here is the same rows.
test_expect_success NATIVE 'zizhi-load killed inside its transactions, 10 times: never half a case' '
	case="lo/cases/$(cat id)" &&
	set -- && for i in $(seq 1 300); do set -- "$@" "$case"; done &&
	done_loads= &&
	for ms in 50 120 200 280 370 450 530 620 700 800; do
		e0=$(dbopen lo.db "SELECT count(*) FROM events WHERE kind = '\''load'\''") &&
		(setsid zizhi-load -d lo.db "$@" >loaded 2>/dev/null & echo $! >pid) &&
		sleep "$(printf "%d.%03d" $((ms / 1000)) $((ms % 1000)))" &&
		pgrep -s "$(cat pid)" >/dev/null &&
		crash &&
		test "$(dbopen lo.db "PRAGMA integrity_check")" = ok &&
		dump lo.db lo >actual && test_cmp refdump actual || return 1
		e1=$(dbopen lo.db "SELECT count(*) FROM events WHERE kind = '\''load'\''") &&
		done_loads="$done_loads $((e1 - e0))" &&
		test $((e1 - e0)) -lt 300 || return 1
	done &&
	say "loads committed before each kill:$done_loads" &&
	zizhi-load -d lo.db "$case" >/dev/null &&
	check lo lo.db ref ref.db
'

# a submission big enough for the kill to land in the middle of unpacking
# it: 150 MB that does not compress, and a document
test_expect_success NATIVE 'a big submission, for reference' '
	mkdir big && head -c 150000000 /dev/urandom >big/noise.bin &&
	echo "营业执照 正本" >big/note.txt &&
	(cd big && zip -q -0 ../big.zip noise.bin note.txt) && rm -r big &&
	sha256sum big.zip >>in.sum &&
	zizhi run -s bigref -d bigref.db big.zip >/dev/null 2>&1;
	test -f bigref/cases/*/report.xml
'

test_expect_success NATIVE 'killed during unpack: no case in view; run again, the same' '
	start un un.db big.zip &&
	until_seen "ls -d un/cases/.tmp.*" &&
	until_seen "test -n \"\$(find un/cases -path \"*/.tmp.*/files/*\" -size +1M)\"" &&
	crash &&
	ls -d un/cases/.tmp.* &&
	test -z "$(find un/cases -mindepth 1 -maxdepth 1 ! -name ".*")" &&
	zizhi run -s un -d un.db big.zip >/dev/null 2>&1;
	check un un.db bigref bigref.db
'

test_done
