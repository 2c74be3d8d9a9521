#!/bin/sh
# Supplementary materials (补充资料) joining a case: zizhi-unpack --into.
. "$(dirname "$0")/lib.sh"

CORPUS=$TOP/samples/corpus
SUB=$CORPUS/case-0002-supplement.zip
DROP=$CORPUS/case-0002-supplement.drop.zip
[ -f "$SUB" ] && [ -f "$DROP" ] || skip_all "no samples/corpus/case-0002-supplement*.zip"

DOC=files/补充资料-1/附件10-过程规范/安全运营过程规范.docx

# an attribute of the case's file at a path
fattr() { xq "$1" "string(/case/file[@path=\"$2\"]/@$3)"; }

# a file's modification time in nanoseconds
mtime_ns() { stat -c %.9Y "$1" | tr -d .; }

test_expect_success 'a drop joins the case under 补充资料-1 with the next ids' '
	zizhi-unpack "$SUB" >case &&
	case=$(cat case) &&
	n=$(xq "$case" "count(/case/file)") &&
	a=$(xq "$case" "count(/case/archive)") &&
	bytes=$(xq "$case" "string(/case/@bytes)") &&
	cp "$case/case.xml" before.xml &&
	zizhi-unpack --into "$case" "$DROP" >out &&
	test_cmp case out &&
	valid_case "$case" &&
	test -f "$case/$DOC" &&
	test "$(fattr "$case" "$DOC" id)" = "f$((n + 1))" &&
	test "$(fattr "$case" "$DOC" chain)" = "a$a" &&
	test "$(fattr "$case" "$DOC" supplement)" = s1 &&
	test "$(fattr "$case" "$DOC" original-path)" = 附件10-过程规范/安全运营过程规范.docx &&
	test "$(xq "$case" "string(/case/archive[@id=\"a$a\"]/@dir)")" = files/补充资料-1 &&
	test "$(xq "$case" "string(/case/@files)")" = $((n + 1)) &&
	test "$(xq "$case" "string(/case/@bytes)")" = $((bytes + $(stat -c %s "$case/$DOC"))) &&
	test "$(xq "$case" "string(/case/@status)")" = complete &&
	test "$(xq "$case" "count(/case/supplement)")" = 1 &&
	test "$(xq "$case" "string(/case/supplement/@folder)")" = files/补充资料-1 &&
	test "$(xq "$case" "string(/case/supplement/@kind)")" = zip &&
	test "$(xq "$case" "string(/case/supplement/@files)")" = 1 &&
	test "$(xq "$case" "string(/case/supplement/@sha256)")" = "$(sha256sum "$DROP" | cut -c1-64)" &&
	for i in $(seq 1 "$n"); do
		test "$(xmllint --xpath "string(//file[@id=\"f$i\"]/@path)" before.xml)" = \
		     "$(xq "$case" "string(//file[@id=\"f$i\"]/@path)")" || return 1
	done &&
	test -z "$(ls -A "$case" | grep -v -e ^case.xml$ -e ^files$)"
'

test_expect_success 'the same drop again, under another name, changes nothing' '
	case=$(cat case) &&
	cp "$case/case.xml" once.xml &&
	cp "$DROP" again.zip &&
	zizhi-unpack --into "$case" again.zip >out &&
	test_cmp case out &&
	cmp once.xml "$case/case.xml" &&
	test "$(ls "$case/files" | grep -c 补充资料)" = 1 &&
	zizhi-unpack --into "$case" "$SUB" >out &&
	cmp once.xml "$case/case.xml"
'

test_expect_success 'a second drop goes to 补充资料-2, ids continuing' '
	case=$(cat case) &&
	n=$(xq "$case" "count(/case/file)") &&
	echo "补正说明" >补正说明.txt &&
	zizhi-unpack -i "$case" 补正说明.txt >out &&
	test_cmp case out &&
	valid_case "$case" &&
	test -f "$case/files/补充资料-2/补正说明.txt" &&
	test "$(fattr "$case" files/补充资料-2/补正说明.txt id)" = "f$((n + 1))" &&
	test "$(fattr "$case" files/补充资料-2/补正说明.txt supplement)" = s2 &&
	test "$(xq "$case" "string(/case/supplement[2]/@kind)")" = file &&
	test "$(xq "$case" "string(/case/supplement[2]/@folder)")" = files/补充资料-2 &&
	test "$(xq "$case" "count(/case/supplement)")" = 2
'

test_expect_success 'a zip-slip entry in a drop is refused, the good entries kept' '
	case=$(cat case) &&
	mkzip slip.zip good.txt good ../evil evil "a/../../evil2" evil &&
	test_expect_code 1 zizhi-unpack --into "$case" slip.zip >out 2>err &&
	test_cmp case out &&
	valid_case "$case" &&
	grep -q "refused .\.\./evil.: path has a .\.\.. component" err &&
	test -f "$case/files/补充资料-3/good.txt" &&
	test "$(xq "$case" "string(/case/@refused)")" = 2 &&
	test "$(xq "$case" "count(/case/refused[@supplement=\"s3\"][@code=\"path-traversal\"])")" = 2 &&
	test "$(xq "$case" "string(/case/supplement[3]/@refused)")" = 2 &&
	test -z "$(find "$TRASH" -name "evil*" -not -name "*.zip")" &&
	test_expect_code 1 zizhi-unpack --into "$case" slip.zip >out 2>err &&
	test_cmp case out &&
	grep -q "already joined.*2 entries refused" err
'

test_expect_success 'a drop that cannot be read whole is not joined at all' '
	case=$(cat case) &&
	cp "$case/case.xml" pre.xml &&
	seq 1 20000 >big.txt &&
	mkzip whole.zip first.txt first big.txt @big.txt last.txt last &&
	head -c 60000 whole.zip >cut.zip &&
	test_expect_code 1 zizhi-unpack --into "$case" cut.zip >out 2>err &&
	test_must_be_empty out &&
	grep -q "cannot read .cut.zip. whole: .*nothing joined to" err &&
	cmp pre.xml "$case/case.xml" &&
	! test -e "$case/files/补充资料-4" &&
	test -z "$(ls -A "$case" | grep -v -e ^case.xml$ -e ^files$)"
'

test_expect_success 'a folder as a drop' '
	case=$(cat case) &&
	mkdir -p 补交/附件11 && echo x >补交/附件11/说明.txt &&
	zizhi-unpack --into "$case" 补交 >out &&
	valid_case "$case" &&
	test -f "$case/files/补充资料-4/附件11/说明.txt" &&
	test "$(xq "$case" "string(/case/supplement[4]/@kind)")" = directory
'

test_expect_success 'a missing or incomplete case is an error naming it' '
	test_expect_code 1 zizhi-unpack --into var/spool/cases/0123456789abcdef "$DROP" >out 2>err &&
	test_must_be_empty out &&
	grep -q "zizhi-unpack: cannot join .*to .var/spool/cases/0123456789abcdef.: no such case" err &&
	mkdir -p var/spool/cases/00000000000000aa/files &&
	test_expect_code 1 zizhi-unpack --into var/spool/cases/00000000000000aa "$DROP" >out 2>err &&
	test_must_be_empty out &&
	grep -q "var/spool/cases/00000000000000aa.: not a case unpacked whole: no case.xml" err &&
	cp -r "$(cat case)" half &&
	sed -i "s/status=\"complete\"/status=\"partial\"/" half/case.xml &&
	cp half/case.xml half.xml &&
	test_expect_code 1 zizhi-unpack --into half 补正说明.txt >out 2>err &&
	test_must_be_empty out &&
	grep -q "half.: not a case unpacked whole: its case.xml says it was partial" err &&
	cmp half.xml half/case.xml &&
	test_expect_code 2 zizhi-unpack --into half 补正说明.txt "$DROP" 2>err &&
	grep -q "exactly one input" err
'

test_expect_success 'what a killed join left is removed by the next one' '
	case=$(cat case) &&
	mkdir -p "$case/files/补充资料-5/sub" "$case/.join.AbCdEf/files" &&
	echo stale >"$case/files/补充资料-5/sub/stale.txt" &&
	echo stale >"$case/case.xml.tmp.99999" &&
	cp "$case/case.xml" pre.xml &&
	echo "第三次" >third.txt &&
	zizhi-unpack --into "$case" third.txt >out &&
	valid_case "$case" &&
	test -f "$case/files/补充资料-5/third.txt" &&
	! test -e "$case/files/补充资料-5/sub" &&
	! test -e "$case/.join.AbCdEf" &&
	! test -e "$case/case.xml.tmp.99999" &&
	test "$(xq "$case" "string(/case/supplement[5]/@folder)")" = files/补充资料-5 &&
	test "$(xq "$case" "count(/case/file[starts-with(@path, \"files/补充资料-5/\")])")" = 1
'

test_expect_success 'a folder of the submission named 补充资料-1 is not taken for a drop' '
	mkzip own.zip "补充资料-1/原有.txt" "applicant" 申请书.txt form &&
	zizhi-unpack own.zip >own &&
	own=$(cat own) &&
	echo late >late.txt &&
	zizhi-unpack --into "$own" late.txt >out &&
	valid_case "$own" &&
	test -f "$own/files/补充资料-1/原有.txt" &&
	test -f "$own/files/补充资料-2/late.txt" &&
	test "$(xq "$own" "string(/case/supplement/@folder)")" = files/补充资料-2
'

test_expect_success 'the limits count the files the case has already' '
	mkdir -p cfg/schema && cp "$TOP/config/schema/"*.rng cfg/schema/ &&
	sed -e "s/max-total-bytes=\"[^\"]*\"/max-total-bytes=\"3K\"/" \
	    -e "s/max-entries=\"[^\"]*\"/max-entries=\"3\"/" \
	    "$TOP/config/pipeline.xml" >cfg/pipeline.xml &&
	head -c 2000 /dev/urandom >first.bin &&
	zizhi-unpack -c cfg first.bin >small &&
	small=$(cat small) &&
	head -c 1500 /dev/urandom >second.bin &&
	test_expect_code 1 zizhi-unpack -c cfg --into "$small" second.bin >out 2>err &&
	valid_case "$small" &&
	test "$(xq "$small" "string(//refused[@original-path=\"second.bin\"]/@code)")" = total-size &&
	# the case has 2 entries now (first.bin, refused second.bin)
	mkzip three.zip x.txt x y.txt y z.txt z &&
	test_expect_code 1 zizhi-unpack -c cfg --into "$small" three.zip >out 2>err &&
	valid_case "$small" &&
	test -f "$small/files/补充资料-2/x.txt" &&
	test "$(xq "$small" "count(//refused[@code=\"too-many-entries\"])")" = 2
'

test_expect_success 'after a join case.xml is newer than every output of the case' '
	case=$(cat own) &&
	mkdir -p "$case/read" && echo "<read/>" >"$case/read/read.xml" &&
	touch -d "@$(($(date +%s) + 3600))" "$case/read/read.xml" &&
	echo later >later.txt &&
	zizhi-unpack --into "$case" later.txt >out &&
	test "$(mtime_ns "$case/case.xml")" -gt "$(mtime_ns "$case/read/read.xml")"
'

# reads the scans of the sample once (~10 s)
test_expect_success 'read, extract and decide pick up the joined document' '
	zizhi-unpack -s sp "$SUB" >c2 &&
	case=$(cat c2) &&
	zizhi-read -s sp "$case" >/dev/null && zizhi-extract -s sp "$case" >/dev/null &&
	zizhi-decide "$case" >/dev/null &&
	test "$(xmllint --xpath "count(//document[@type=\"process-spec\"])" "$case/extract/extract.xml")" = 0 &&
	test "$(xmllint --xpath "string(//rule[@id=\"3.4-process\"]/@result)" "$case/report.xml")" = missing &&
	zizhi-unpack -s sp --into "$case" "$DROP" >/dev/null &&
	zizhi-read -v -s sp "$case" >/dev/null 2>err &&
	! grep -q "up to date" err &&
	zizhi-extract -v -s sp "$case" >/dev/null 2>err &&
	! grep -q "up to date" err &&
	zizhi-decide "$case" >/dev/null &&
	test "$(xmllint --xpath "count(//document[@type=\"process-spec\"])" "$case/extract/extract.xml")" = 1 &&
	test "$(xmllint --xpath "string(//rule[@id=\"3.4-process\"]/@result)" "$case/report.xml")" != missing &&
	zizhi-read -v -s sp "$case" >/dev/null 2>err && grep -q "read is up to date" err
'

test_done
