#!/bin/sh
# The fuzz harnesses of tests/fuzz, built with the ordinary compiler
# (tests/fuzz/replay-HARNESS, see replay.c), run over every input that
# once crashed one (tests/fuzz/regressions/HARNESS/, kept after the fix)
# and over their seeds (tests/fuzz/seeds.sh: the samples, the config
# files, the normalisers' table, the hand-made seeds). An input passes
# when the harness returns: no crash, no failed contract, and under
# make SANITIZE=address,undefined no sanitizer report.
. "$(dirname "$0")/lib.sh"

FUZZERS=$(sed -n "s/^FUZZERS = //p" "$TOP/Makefile")
[ -n "$FUZZERS" ] || { echo "Bail out! no FUZZERS in the Makefile"; exit 1; }
for h in $FUZZERS; do
	[ -x "$TOP/tests/fuzz/replay-$h" ] || skip_all "tests/fuzz/replay-$h not built (make check builds it)"
done

for h in $FUZZERS; do
	reg=$TOP/tests/fuzz/regressions/$h
	if [ -d "$reg" ] && [ -n "$(ls "$reg")" ]; then
		test_expect_success "$h: the inputs that crashed it ($(ls "$reg" | wc -l))" '
			"$TOP/tests/fuzz/replay-$h" "$reg"/*
		'
	else
		test_skip "$h: the inputs that crashed it" "none kept"
	fi
done

test_expect_success 'the seed corpora are made' '
	sh "$TOP/tests/fuzz/seeds.sh" corpus $FUZZERS 2>/dev/null &&
	for h in $FUZZERS; do
		[ -n "$(ls corpus/$h)" ] || { echo "no seeds for $h"; exit 1; }
	done
'

for h in $FUZZERS; do
	test_expect_success "$h: its seeds" '
		"$TOP/tests/fuzz/replay-$h" corpus/$h/*
	'
done

test_expect_success 'a replay that cannot read its input fails' '
	test_expect_code 4 "$TOP/tests/fuzz/replay-normal" no-such-file 2>err &&
	grep no-such-file err
'

test_done
