#!/bin/sh
# ISO 9660 disc images: Joliet and Rock Ridge names, nested archives,
# links, truncation.
. "$(dirname "$0")/lib.sh"

command -v xorriso >/dev/null || skip_all "xorriso not installed"

mkdir -p disc/附件1-申请书 disc/附件3-营业执照 disc/附件5-审计报告/2021年度
echo form >disc/附件1-申请书/信息安全服务资质申请书.docx
echo licence >disc/附件3-营业执照/营业执照（副本）.jpg
echo audit >disc/附件5-审计报告/2021年度/审计报告.pdf
mkdir -p inner/附件6-CISP证书 && echo cert >inner/附件6-CISP证书/张三.jpg
(cd inner && zip -q -r ../disc/附件6-CISP证书.zip .)

iso() { out=$1; shift; xorriso -as mkisofs -quiet -input-charset utf-8 "$@" -o "$out" disc 2>/dev/null; }

test_expect_success 'Joliet-only disc (as burned on Windows), Chinese names' '
	iso joliet.iso --norock -J -joliet-long &&
	zizhi-unpack joliet.iso >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(/case/archive[@id=\"a0\"]/@kind)")" = iso9660 &&
	test -f "$case/files/附件1-申请书/信息安全服务资质申请书.docx" &&
	test -f "$case/files/附件3-营业执照/营业执照（副本）.jpg" &&
	test -f "$case/files/附件5-审计报告/2021年度/审计报告.pdf"
'

test_expect_success 'a ZIP on the disc is unpacked too, with its chain' '
	case=$(cat out) &&
	test -f "$case/files/附件6-CISP证书.zip.d/附件6-CISP证书/张三.jpg" &&
	test "$(xq "$case" "string(//file[@original-path=\"附件6-CISP证书/张三.jpg\"]/@chain)")" = "a0 a1" &&
	test "$(xq "$case" "string(/case/archive[@id=\"a1\"]/@original-path)")" = 附件6-CISP证书.zip &&
	test "$(xq "$case" "string(/case/archive[@id=\"a1\"]/@parent)")" = a0 &&
	! test -e "$case/files/附件6-CISP证书.zip"
'

test_expect_success 'Rock Ridge disc: a symlink on it is refused' '
	ln -s /etc/shadow disc/shadow &&
	iso rr.iso -R -J &&
	rm disc/shadow &&
	test_expect_code 1 zizhi-unpack rr.iso >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(//refused[@original-path=\"shadow\"]/@code)")" = symlink &&
	grep -q "refused .shadow.: symbolic link to ./etc/shadow." err &&
	test -z "$(find "$case" -type l)" &&
	test -f "$case/files/附件3-营业执照/营业执照（副本）.jpg"
'

test_expect_success 'hard links on a disc are copied, not linked' '
	mkdir -p hl && echo same >hl/a.txt && ln hl/a.txt hl/b.txt &&
	xorriso -as mkisofs -quiet -R -o hl.iso hl 2>/dev/null &&
	zizhi-unpack hl.iso >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(cat "$case/files/a.txt")" = same &&
	test "$(cat "$case/files/b.txt")" = same &&
	test "$(stat -c %h "$case/files/a.txt")" = 1
'

test_expect_success 'a truncated disc image is an error for that input only' '
	size=$(stat -c %s joliet.iso) &&
	head -c 40000 joliet.iso >cut-early.iso &&
	head -c 61440 joliet.iso >cut-mid.iso &&
	test_expect_code 1 zizhi-unpack -s trunc cut-early.iso cut-mid.iso joliet.iso >out 2>err &&
	grep -q "cannot read .cut-early.iso.: truncated disc image: 40000 of $size bytes" err &&
	test $(wc -l <out) = 1 &&
	for c in trunc/cases/*/; do valid_case "$c" || return 1; done
'

test_expect_success 'a disc with a ZIP with a ZIP in it (nested twice)' '
	mkdir -p n1 n2 && echo deep >n1/deep.txt &&
	(cd n1 && zip -q ../n2/level2.zip deep.txt) &&
	(cd n2 && zip -q ../disc/level1.zip level2.zip) &&
	iso nested.iso -J -R &&
	zizhi-unpack nested.iso >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test -f "$case/files/level1.zip.d/level2.zip.d/deep.txt" &&
	test "$(xq "$case" "string(//file[@original-path=\"deep.txt\"]/@chain)")" = "a0 a1 a2"
'

test_done
