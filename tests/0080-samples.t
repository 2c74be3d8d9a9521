#!/bin/sh
# The sample generator and the scorer: ground truth that follows the spec
# for every scenario, repeatable from a seed, and packages the unpack stage
# reads whole.
. "$(dirname "$0")/lib.sh"

command -v xorriso >/dev/null || skip_all "xorriso not installed"
fc-list :lang=zh family | grep -q . || skip_all "no CJK fonts (fonts-noto-cjk)"

truth_ok() { xmllint --noout --relaxng "$TOP/config/schema/truth.rng" "$1"; }
tq() { xmllint --xpath "$2" "$1"; }

test_expect_success NATIVE 'the committed corpus: truth valid, every document unpacked' '
	for t in "$TOP"/samples/corpus/*.truth.xml; do truth_ok "$t" || return 1; done &&
	sh "$TOP/bench/accuracy.sh" "$TOP/samples/corpus" >score &&
	grep -q "^documents found *\([0-9]*\)/\1 = 100.0%" score &&
	grep -q "^time per case" score &&
	# read, the samples come out at a CER of 0.14; a broken reader (pages
	# left turned, text layers lost) lands far above this bound
	awk "/^OCR\/text CER/ { found = 1; bad = !(\$3 < 0.3) } END { exit !found || bad }" score
'

test_expect_success NATIVE 'the committed corpus regenerates byte for byte' '
	ZIZHI_SAMPLEGEN="$TOP/bin/zizhi-samplegen" sh "$TOP/samples/make-corpus.sh" again &&
	(cd "$TOP/samples/corpus" && ls) >want && (cd again && ls) >got &&
	test_cmp want got &&
	for f in $(cat want); do cmp "$TOP/samples/corpus/$f" "again/$f" || return 1; done
'

# Under the sanitizers the generator (test tooling, five minutes of a
# prove slot there for all sixteen) draws four scenarios that between
# them take every path of its drawing: the whole set of documents
# (eligible), a branch's licence, poor scans, a supplement's drop. The
# verdicts of the others are its logic, which the native run checks.
test_expect_success 'every scenario, its verdict as the spec gives it' '
	n=$(zizhi-samplegen --help | sed -n "s/^scenarios: //p" | wc -w) &&
	test "$n" -ge 16 &&
	if test -n "$SANITIZED"; then echo 1 2 13 16; else seq 1 "$n"; fi | tr " " "\n" >which &&
	xargs -P2 -I{} zizhi-samplegen -s 7 --first {} -n 1 --small --pack dir -o gen <which >list &&
	test $(wc -l <list) = $(wc -l <which) &&
	while read -r s v rule res; do
		t=$(ls gen/case-*-$s.truth.xml 2>/dev/null) ||
			{ test -n "$SANITIZED" && continue; echo "$s: not made"; return 1; }
		truth_ok "$t" &&
		test "$(tq "$t" "string(/truth/verdict)")" = "$v" ||
			{ echo "$s: verdict $(tq "$t" "string(/truth/verdict)"), want $v"; return 1; }
		test "$rule" = - ||
		test "$(tq "$t" "string(/truth/rule[@id=\"$rule\"]/@result)")" = "$res" ||
			{ echo "$s: $rule is not $res"; return 1; }
	done <<-EOF
	eligible eligible - -
	branch ineligible 3.1.1-legal-entity fail
	fail-lawful ineligible 3.1.2-lawful fail
	fail-level1 ineligible 3.1.3-level1-valid fail
	fail-years ineligible 3.2.1-years fail
	fail-capital ineligible 3.2.2-capital fail
	fail-assets ineligible 3.2.2-assets fail
	fail-finance ineligible 3.2.3-finance fail
	fail-cisp ineligible 3.2.4-cisp fail
	fail-projects ineligible 3.2.6-projects fail
	incomplete incomplete 3.4-process missing
	missing-audit incomplete 3.2.3-finance missing
	low-quality review 3.1.1-legal-entity review
	inconsistent review consistency review
	declared-mismatch review consistency review
	supplement incomplete 3.4-process missing
	EOF
'

test_expect_success 'eligible cases pass every rule; a supplement makes its case whole' '
	t=$(ls gen/case-*-eligible.truth.xml) &&
	test "$(tq "$t" "count(/truth/rule[@result=\"pass\"])")" = 13 &&
	t=$(ls gen/case-*-supplement.truth.xml) &&
	test "$(tq "$t" "string(/truth/supplement/verdict)")" = eligible &&
	test "$(tq "$t" "count(/truth/document[@supplement=\"yes\"])")" = 1
'

test_expect_success 'truth matches the files: hashes, USCCs, Chinese numerals' '
	for t in gen/*.truth.xml; do
		dir=gen/$(tq "$t" "string(/truth/submission/@file)") &&
		drop=$dir.drop &&
		uscc "$(tq "$t" "string(/truth/field[@name=\"org.uscc\"]/@value)")" || return 1
		n=$(tq "$t" "count(/truth/document)") &&
		i=1 &&
		while [ $i -le $n ]; do
			p=$(tq "$t" "string(/truth/document[$i]/@path)") &&
			want=$(tq "$t" "string(/truth/document[$i]/@sha256)") &&
			f="$dir/$p" && { test -f "$f" || f="$drop/$p"; } &&
			test "$(sha256sum "$f" | cut -c1-64)" = "$want" ||
				{ echo "$t: $p does not match"; return 1; }
			i=$((i + 1))
		done
	done
'

test_expect_success 'the same seed makes the same case, byte for byte' '
	zizhi-samplegen -s 7 --first 2 -n 1 --small --pack dir -o again >/dev/null &&
	cmp gen/case-0002-branch.truth.xml again/case-0002-branch.truth.xml
'

test_expect_success 'packed as a GBK ZIP and as a Joliet disc, unpacked whole' '
	zizhi-samplegen -s 11 --first 1 -n 1 --small --pack zip -o z >/dev/null &&
	zizhi-samplegen -s 11 --first 1 -n 1 --small --pack iso -o i >/dev/null &&
	zizhi-unpack z/case-0001-eligible.zip >zc &&
	grep -q "name-encoding=\"gbk\"" "$(cat zc)/case.xml" &&
	test -d "$(cat zc)/files/附件2-营业执照" &&
	zizhi-unpack i/case-0001-eligible.iso >ic &&
	zizhi-score z/case-0001-eligible.truth.xml "$(cat zc)" i/case-0001-eligible.truth.xml "$(cat ic)" >s &&
	grep -q "^documents found *\([0-9]*\)/\1 = 100.0%" s
'

test_expect_success 'the scorer counts what is missing and fails' '
	cp -r "$(cat zc)" broken && rm -f broken/case.xml &&
	test_expect_code 1 zizhi-score z/case-0001-eligible.truth.xml broken >s &&
	grep -q "no case.xml" s &&
	printf "营业执照名称" >ref && printf "营业执照名秭x" >hyp &&
	test "$(zizhi-score --cer ref hyp)" = "2 6"
'

test_done
