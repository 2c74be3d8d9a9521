#!/bin/sh
# Limits against bombs: sizes, counts, ratios, nesting. Each refusal is
# recorded with its reason while the good entries are still unpacked.
. "$(dirname "$0")/lib.sh"

# a config with small limits (the real ones come from config/pipeline.xml)
limits() {
	mkdir -p cfg/schema && cp "$TOP/config/schema/"*.rng cfg/schema/ &&
	sed -e "s/max-total-bytes=\"[^\"]*\"/max-total-bytes=\"$1\"/" \
	    -e "s/max-file-bytes=\"[^\"]*\"/max-file-bytes=\"$2\"/" \
	    -e "s/max-entries=\"[^\"]*\"/max-entries=\"$3\"/" \
	    -e "s/max-depth=\"[^\"]*\"/max-depth=\"$4\"/" \
	    -e "s/max-refusals-listed=\"[^\"]*\"/max-refusals-listed=\"$5\"/" \
	    -e "s/max-path-bytes=\"[^\"]*\"/max-path-bytes=\"$6\"/" \
	    "$TOP/config/pipeline.xml" >cfg/pipeline.xml
}

test_expect_success 'zip bomb: refused on its declared ratio, other entries kept' '
	dd if=/dev/zero of=zeros.bin bs=1M count=64 2>/dev/null &&
	echo real >real.txt &&
	zip -q bomb.zip zeros.bin real.txt && rm zeros.bin &&
	test $(stat -c %s bomb.zip) -lt 200000 &&
	test_expect_code 1 zizhi-unpack bomb.zip >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(//refused[@original-path=\"zeros.bin\"]/@code)")" = compression-ratio &&
	grep -q "zeros.bin.: compression ratio over 200:1" err &&
	! test -e "$case/files/zeros.bin" &&
	test -f "$case/files/real.txt"
'

test_expect_success 'gzip bomb in a tarball: refused on the bytes as they come' '
	dd if=/dev/zero of=zeros.bin bs=1M count=64 2>/dev/null &&
	tar czf bomb.tar.gz zeros.bin real.txt && rm zeros.bin &&
	test_expect_code 1 zizhi-unpack bomb.tar.gz >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(//refused[@original-path=\"zeros.bin\"]/@code)")" = compression-ratio &&
	test -z "$(find "$case" -name zeros.bin)" &&
	test -f "$case/files/real.txt"
'

test_expect_success 'file size, total size and entry count limits' '
	limits 3K 2K 6 3 200 1024 &&
	for i in 1 2 3 4 5; do head -c 1000 /dev/urandom >part$i.bin; done &&
	head -c 2500 /dev/urandom >big.bin &&
	mkzip many.zip big.bin @big.bin part1.bin @part1.bin part2.bin @part2.bin \
		part3.bin @part3.bin part4.bin @part4.bin x.txt x y.txt y z.txt z &&
	test_expect_code 1 zizhi-unpack -c cfg many.zip >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(//refused[@original-path=\"big.bin\"]/@code)")" = file-too-big &&
	test "$(xq "$case" "string(//refused[@original-path=\"part4.bin\"]/@code)")" = total-size &&
	test "$(xq "$case" "count(//refused[@code=\"too-many-entries\"])")" = 2 &&
	test -f "$case/files/part1.bin" && test -f "$case/files/part3.bin" &&
	test "$(xq "$case" "string(/case/@bytes)")" -le 3072
'

test_expect_success 'the same limits hold for a folder' '
	mkdir -p folder && cp part1.bin part2.bin part3.bin part4.bin big.bin folder/ &&
	test_expect_code 1 zizhi-unpack -c cfg folder >out &&
	case=$(cat out) &&
	test "$(xq "$case" "string(//refused[@original-path=\"big.bin\"]/@code)")" = file-too-big &&
	test "$(xq "$case" "count(//refused[@code=\"total-size\"])")" = 1
'

test_expect_success 'nesting deeper than the limit: kept as a file, not unpacked' '
	limits 8G 2G 1000 1 200 1024 &&
	echo deep >deep.txt &&
	zip -q l3.zip deep.txt && zip -q l2.zip l3.zip && zip -q l1.zip l2.zip &&
	test_expect_code 1 zizhi-unpack -c cfg l1.zip >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(//refused[@original-path=\"l3.zip\"]/@code)")" = nesting-depth &&
	test -f "$case/files/l2.zip.d/l3.zip" &&
	! test -e "$case/files/l2.zip.d/l3.zip.d"
'

test_expect_success 'many refusals: the first are listed, the rest counted' '
	limits 8G 2G 1000 3 2 1024 &&
	mkzip evil.zip ../a 1 ../b 2 ../c 3 ../d 4 ../e 5 fine.txt fine &&
	test_expect_code 1 zizhi-unpack -c cfg evil.zip >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "count(/case/refused)")" = 2 &&
	test "$(xq "$case" "string(/case/refused-more/@count)")" = 3 &&
	test "$(xq "$case" "string(/case/@refused)")" = 5 &&
	grep -q "3 more entries refused" err
'

test_expect_success 'over-long names: components shortened, long paths refused' '
	limits 8G 2G 1000 3 200 400 &&
	long=$(printf "长%.0s" $(seq 1 100)) &&
	mkzip long.zip "$long.pdf" short "a/$long/$long/b.txt" deep &&
	test_expect_code 1 zizhi-unpack -c cfg long.zip >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "count(//file[@renamed=\"yes\"])")" = 1 &&
	ls "$case/files" | grep -q "^长*\.pdf$" &&
	test "$(xq "$case" "string(/case/refused/@code)")" = path-too-long
'

test_done
