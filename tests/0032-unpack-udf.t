#!/bin/sh
# UDF discs, as Windows burns them: read through libudfread when the disc
# has no ISO 9660 tree or only a stub one; a bridge disc with its files on
# both sides stays ISO 9660. The images are genisoimage -udf bridge discs,
# their ISO side removed or cut down (tests/tools/udfdisc), and hostile
# ones patched from them.
. "$(dirname "$0")/lib.sh"

command -v genisoimage >/dev/null || skip_all "genisoimage not installed"
command -v xorriso >/dev/null || skip_all "xorriso not installed"

mkdir -p disc/附件1-申请书/2021年度 disc/附件3-营业执照
echo form >disc/附件1-申请书/信息安全服务资质申请书.docx
echo audit >disc/附件1-申请书/2021年度/审计报告.pdf
echo licence >disc/附件3-营业执照/营业执照（副本）.jpg
echo "This disc contains a UDF file system" >disc/README.TXT
mkdir -p inner/CISP && echo cert >inner/CISP/张三.jpg
(cd inner && zip -q -r ../disc/CISP证书.zip .)

# bridge OUT [DIR]: ISO 9660, Joliet and UDF 1.02 trees of DIR (disc)
bridge() { genisoimage -quiet -input-charset utf-8 -udf -J -o "$1" "${2:-disc}"; }
kind() { xq "$1" "string(/case/archive[@id=\"a0\"]/@kind)"; }
# the files of a case, each as path and hash
listing() { xmllint --xpath "//file/@path | //file/@sha256" "$1/case.xml" | sort; }

test_expect_success 'a UDF-only disc (as Windows burns it): Chinese names, a ZIP on it' '
	bridge only.udf && udfdisc only only.udf &&
	test "$(file -b --mime-type only.udf)" = application/octet-stream &&
	zizhi-unpack only.udf >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(kind "$case")" = udf &&
	test "$(xq "$case" "string(/case/submission/@kind)")" = udf &&
	test "$(cat "$case/files/附件1-申请书/信息安全服务资质申请书.docx")" = form &&
	test "$(cat "$case/files/附件1-申请书/2021年度/审计报告.pdf")" = audit &&
	test "$(cat "$case/files/附件3-营业执照/营业执照（副本）.jpg")" = licence &&
	test "$(cat "$case/files/CISP证书.zip.d/CISP/张三.jpg")" = cert &&
	test "$(xq "$case" "string(//file[@original-path=\"CISP/张三.jpg\"]/@chain)")" = "a0 a1" &&
	test "$(xq "$case" "count(//file[@archive=\"a0\"][@name-encoding or @raw-name])")" = 0
'

test_expect_success 'the same files as its ISO 9660 twin' '
	xorriso -as mkisofs -quiet -input-charset utf-8 --norock -J -joliet-long -o twin.iso disc 2>/dev/null &&
	zizhi-unpack twin.iso >out2 &&
	test "$(kind "$(cat out2)")" = iso9660 &&
	listing "$(cat out)" >udf.list &&
	listing "$(cat out2)" >iso.list &&
	test_cmp iso.list udf.list
'

test_expect_success 'a bridge disc with the files on both sides stays ISO 9660' '
	bridge both.iso &&
	zizhi-unpack both.iso >out &&
	case=$(cat out) &&
	test "$(kind "$case")" = iso9660 &&
	listing "$case" >both.list &&
	test_cmp iso.list both.list
'

test_expect_success 'a bridge disc whose ISO side holds only a README is read as UDF' '
	bridge stub.iso && udfdisc stub stub.iso &&
	test "$(bsdtar tf stub.iso | grep -vc "^\.$")" = 1 &&
	zizhi-unpack stub.iso >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(kind "$case")" = udf &&
	listing "$case" >stub.list &&
	test_cmp iso.list stub.list
'

test_expect_success 'a UDF disc inside a ZIP; an empty UDF disc' '
	mkdir z && cp only.udf z/光盘.img && (cd z && zip -q ../udf.zip 光盘.img) &&
	zizhi-unpack udf.zip >out &&
	case=$(cat out) &&
	test "$(xq "$case" "string(/case/archive[@id=\"a1\"]/@kind)")" = udf &&
	test -f "$case/files/光盘.img.d/附件3-营业执照/营业执照（副本）.jpg" &&
	if command -v mkudffs >/dev/null; then
		truncate -s 2M empty.udf &&
		mkudffs -b 2048 --media-type=hd --label=空 empty.udf >/dev/null 2>&1 &&
		zizhi-unpack empty.udf >out &&
		test "$(kind "$(cat out)")" = udf &&
		test "$(xq "$(cat out)" "count(/case/file)")" = 0
	fi
'

# hostile: NAME stays partial or unreadable, under time and memory bounds,
# with a reason; the rest of the batch goes on.
hostile_udf() {
	timeout 60 zizhi-unpack "$1" ok.iso >out 2>err
	echo $? >rc
}
partial_case() {
	grep -l "original-path=\"$1\"" var/spool/cases/*/case.xml | sed "s|/case.xml\$||"
}

test_expect_success 'a loop in the directory ICBs: refused, the rest of the disc read' '
	xorriso -as mkisofs -quiet -J -o ok.iso inner 2>/dev/null &&
	cp only.udf loop.udf && udfdisc link loop.udf 2021年度 附件1-申请书 &&
	hostile_udf loop.udf &&
	test "$(cat rc)" = 1 &&
	grep -q "refused .附件1-申请书/2021年度.: directory loop: it leads back to .附件1-申请书." err &&
	grep -q "cannot read .loop.udf. whole: .附件1-申请书/2021年度.: directory loop" err &&
	case=$(partial_case loop.udf) && test -n "$case" &&
	valid_case "$case" &&
	test "$(xq "$case" "string(/case/archive[@id=\"a0\"]/@status)")" = partial &&
	test "$(xq "$case" "string(//refused/@code)")" = directory-loop &&
	test "$(xq "$case" "count(/case/file)")" = 4 &&
	test "$(cat "$case/files/附件1-申请书/信息安全服务资质申请书.docx")" = form &&
	test -n "$(partial_case ok.iso)"
'

test_expect_success 'a file whose extent lies past the end of the image: refused by name' '
	cp only.udf ext.udf && udfdisc extent ext.udf 审计报告.pdf 99999999 &&
	hostile_udf ext.udf &&
	test "$(cat rc)" = 1 &&
	grep -q "refused .附件1-申请书/2021年度/审计报告.pdf.: damaged entry: data past the end of the disc image" err &&
	case=$(partial_case ext.udf) && test -n "$case" &&
	valid_case "$case" &&
	test "$(xq "$case" "string(//refused/@code)")" = read-error &&
	test "$(xq "$case" "count(/case/file)")" = 4
'

test_expect_success 'a truncated UDF disc: what could be read is kept, or it is refused' '
	for size in 200000 530000 600000 700000 800000; do
		head -c $size only.udf >cut.udf &&
		timeout 60 zizhi-unpack cut.udf >out 2>err
		rc=$?
		test $rc = 0 || test $rc = 1 || { echo "$size: exit $rc"; cat err; return 1; }
		test $rc = 0 || grep -q "cannot read .cut.udf." err || { cat err; return 1; }
	done
'

test_expect_success 'a directory pointing to itself through two names, and to its parent' '
	mkdir -p d2/a/b/c && echo x >d2/a/b/c/x.txt && echo y >d2/a/y.txt &&
	bridge two.udf d2 && udfdisc only two.udf &&
	cp two.udf two-self.udf && udfdisc link two-self.udf c b &&
	timeout 60 zizhi-unpack two-self.udf >out 2>err; test $? = 1 &&
	grep -q "refused .a/b/c.: directory loop: it leads back to .a/b." err &&
	cp two.udf two-root.udf && udfdisc link two-root.udf c a &&
	timeout 60 zizhi-unpack two-root.udf >out 2>err; test $? = 1 &&
	grep -q "refused .a/b/c.: directory loop: it leads back to .a." err
'

test_expect_success NOVALGRIND 'a sample case: its UDF disc and its ISO twin give the same report' '
	fc-list :lang=zh family | grep -q . || { echo "no CJK fonts: skipped"; return 0; }
	zizhi-samplegen -s 7 --first 1 -n 1 --small --pack dir -o gen >/dev/null &&
	g=$(ls -d gen/case-*-eligible) &&
	mkdir -p s/附件5-人员情况 &&
	cp -r "$g/附件1-申请书" "$g/附件2-营业执照" s/ &&
	cp "$g/附件5-人员情况/全职人员及社保缴纳清单.xlsx" s/附件5-人员情况/ &&
	(cd "$g/附件5-人员情况" && zip -q -r "$TRASH/s/附件5-人员情况/CISP证书.zip" CISP证书) &&
	xorriso -as mkisofs -quiet -input-charset utf-8 --norock -J -joliet-long -o s.iso s 2>/dev/null &&
	bridge s.udf s && udfdisc only s.udf &&
	zizhi run -q -s run -d run/zizhi.db s.iso >cases &&
	zizhi run -q -s run -d run/zizhi.db s.udf >>cases &&
	test $(wc -l <cases) = 2 &&
	a=$(sed -n 1p cases) && b=$(sed -n 2p cases) &&
	test "$(kind "$a")" = iso9660 && test "$(kind "$b")" = udf &&
	test "$(xq "$b" "count(/case/file[@media-type=\"image/jpeg\"])")" -ge 2 &&
	sed "s/ id=\"[0-9a-f]\{16\}\"//" "$a/report.xml" >a.xml &&
	sed "s/ id=\"[0-9a-f]\{16\}\"//" "$b/report.xml" >b.xml &&
	grep -q "<document .*苏文辉-CISP.jpg" b.xml &&
	test_cmp a.xml b.xml
'

test_done
