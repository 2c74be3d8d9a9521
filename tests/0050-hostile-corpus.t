#!/bin/sh
# The shared hostile corpus: every entry that tries to leave the case is
# refused and named; the good entries are unpacked; nothing lands outside.
. "$(dirname "$0")/lib.sh"

shared=$(find_shared) || skip_all "../shared/corpus not found (set ZIZHI_SHARED)"

for f in "$shared"/corpus/hostile/*.zip; do
	name=$(basename "$f")
	test_expect_success "hostile: $name" '
		rm -rf out err before after /tmp/evil.txt &&
		find / -xdev -newer "$f" -name "evil.txt" 2>/dev/null | grep -v "^$TRASH" >before;
		test_expect_code 1 zizhi-unpack "$f" >out 2>err &&
		case=$(cat out) &&
		valid_case "$case" &&
		grep -q "refused .*evil.txt.: path has a .\.\.. component" err &&
		test "$(xq "$case" "count(/case/refused[@code=\"path-traversal\"])")" -ge 1 &&
		test "$(xq "$case" "count(/case/file)")" -ge 1 &&
		test -f "$case/files/good.txt" &&
		test -z "$(find "$case" -name evil.txt)" &&
		! test -e /tmp/evil.txt &&
		find / -xdev -newer "$f" -name "evil.txt" 2>/dev/null | grep -v "^$TRASH" >after;
		test_cmp before after
	'
	test_expect_success "hostile: $name, the rest of the pipeline on what was kept" '
		case=$(cat out) &&
		zizhi-read "$case" >/dev/null &&
		zizhi-extract --no-reread "$case" >/dev/null &&
		xmllint --noout --relaxng "$TOP/config/schema/extract.rng" "$case/extract/extract.xml" &&
		test "$(xmllint --xpath "count(//document)" "$case/extract/extract.xml")" = \
			"$(xq "$case" "count(/case/file)")"
	'
done

test_done
