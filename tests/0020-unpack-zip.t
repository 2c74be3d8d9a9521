#!/bin/sh
# ZIP archives: name encodings, path tricks, links, duplicates, damage.
. "$(dirname "$0")/lib.sh"

# names: 营业执照 in GBK without the UTF-8 flag; 申请书 flagged UTF-8;
# 审计报告 UTF-8 without the flag (macOS, Info-ZIP); bytes that are neither
mkzip names.zip \
	'\xb8\xbd\xbc\xfe/\xd3\xaa\xd2\xb5\xd6\xb4\xd5\xd5.jpg' 'GBK name' \
	-u '\xe7\x94\xb3\xe8\xaf\xb7\xe4\xb9\xa6.docx' 'flagged UTF-8' \
	'\xe5\xae\xa1\xe8\xae\xa1\xe6\x8a\xa5\xe5\x91\x8a.pdf' 'unflagged UTF-8' \
	'\xff\xfe\x80.bin' 'junk'

test_expect_success 'GBK, UTF-8 and undecodable names' '
	zizhi-unpack names.zip >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test -f "$case/files/附件/营业执照.jpg" &&
	test -f "$case/files/申请书.docx" &&
	test -f "$case/files/审计报告.pdf" &&
	test "$(xq "$case" "string(//file[@original-path=\"附件/营业执照.jpg\"]/@name-encoding)")" = gbk &&
	test "$(xq "$case" "string(//file[@original-path=\"附件/营业执照.jpg\"]/@raw-name)")" = b8bdbcfe2fd3aad2b5d6b4d5d52e6a7067 &&
	test "$(xq "$case" "count(//file[@original-path=\"申请书.docx\"]/@name-encoding)")" = 0 &&
	test "$(xq "$case" "string(//file[@original-path=\"审计报告.pdf\"]/@name-encoding)")" = utf-8-unflagged &&
	test "$(xq "$case" "string(//file[@raw-name=\"fffe802e62696e\"]/@name-encoding)")" = escaped
'

test_expect_success 'zip made by Info-ZIP from GBK-named files (no flag)' '
	mkdir gbk && (cd gbk &&
	printf x >"$(printf "\323\252\322\265\326\264\325\325").txt" &&
	LC_ALL=C zip -q ../infozip.zip *.txt) &&
	zizhi-unpack infozip.zip >out &&
	test -f "$(cat out)/files/营业执照.txt"
'

mkzip slip.zip \
	'good.txt' 'good' \
	'../../../../../../tmp/zizhi-slip-1.txt' 'evil' \
	'..\..\..\..\..\tmp\zizhi-slip-2.txt' 'evil' \
	'/tmp/zizhi-slip-3.txt' 'evil' \
	'C:\Windows\zizhi-slip-4.txt' 'evil' \
	'\\server\share\zizhi-slip-5.txt' 'evil' \
	'a/b/../../../zizhi-slip-6.txt' 'evil' \
	'ok\in\folders.txt' 'fine' \
	'./dot/./x.txt' 'fine'

test_expect_success 'path tricks are refused by name, good entries kept' '
	test_expect_code 1 zizhi-unpack slip.zip >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "count(/case/refused)")" = 6 &&
	test "$(xq "$case" "count(/case/refused[@code=\"path-traversal\"])")" = 3 &&
	test "$(xq "$case" "count(/case/refused[@code=\"absolute-path\"])")" = 3 &&
	grep -q "refused .\.\./\.\./\.\./\.\./\.\./\.\./tmp/zizhi-slip-1.txt.: path has a .\.\.. component" err &&
	test -f "$case/files/good.txt" &&
	test -f "$case/files/ok/in/folders.txt" &&
	test -f "$case/files/dot/x.txt" &&
	for i in 1 2 3 4 5 6; do ! test -e /tmp/zizhi-slip-$i.txt || return 1; done &&
	test -z "$(find /tmp "$TRASH/.." -maxdepth 2 -name "zizhi-slip-*" 2>/dev/null)"
'

mkzip links.zip 'before.txt' 'a' -l 'passwd' '/etc/passwd' -l 'up' '../../..' 'after.txt' 'b'

test_expect_success 'symlink entries are refused, never created' '
	test_expect_code 1 zizhi-unpack links.zip >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "count(/case/refused[@code=\"symlink\"])")" = 2 &&
	test -z "$(find "$case" -type l)" &&
	test -f "$case/files/before.txt" && test -f "$case/files/after.txt"
'

mkzip dups.zip 'scan.jpg' 'one' 'scan.jpg' 'two' 'scan.jpg' 'three' 'Scan.jpg' 'four' \
	'a/b.txt' 'dir first' 'a' 'file named like the dir'

test_expect_success 'duplicate names are kept apart' '
	zizhi-unpack dups.zip >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(cat "$case/files/scan.jpg")" = one &&
	test "$(cat "$case/files/scan~2.jpg")" = two &&
	test "$(cat "$case/files/scan~3.jpg")" = three &&
	test "$(cat "$case/files/Scan.jpg")" = four &&
	test "$(cat "$case/files/a/b.txt")" = "dir first" &&
	test "$(cat "$case/files/a~2")" = "file named like the dir" &&
	test "$(xq "$case" "count(//file[@renamed=\"yes\"])")" = 3
'

test_expect_success 'encrypted entries are refused with a reason' '
	echo secret >secret.txt && echo open >open.txt &&
	zip -q -P password enc.zip secret.txt && zip -q enc.zip open.txt &&
	test_expect_code 1 zizhi-unpack enc.zip >out 2>err &&
	case=$(cat out) &&
	test "$(xq "$case" "string(//refused[@original-path=\"secret.txt\"]/@code)")" = encrypted &&
	grep -q "refused .secret.txt.: encrypted" err &&
	test -f "$case/files/open.txt"
'

mkzip crc.zip 'fine.txt' 'fine' -c 'broken.txt' 'broken' 'also-fine.txt' 'fine too'

test_expect_success 'a damaged entry is refused, the rest unpacked' '
	test_expect_code 1 zizhi-unpack crc.zip >out 2>err &&
	case=$(cat out) &&
	test "$(xq "$case" "string(//refused[@original-path=\"broken.txt\"]/@code)")" = read-error &&
	grep -q "broken.txt.: damaged entry: CRC error" err &&
	! test -e "$case/files/broken.txt" &&
	test -f "$case/files/fine.txt" && test -f "$case/files/also-fine.txt"
'

test_expect_success 'a truncated ZIP: entries before the cut are recovered, item fails' '
	seq 1 20000 >big.txt &&
	mkzip whole.zip "first.txt" "first" "big.txt" "@big.txt" "last.txt" "last" &&
	head -c 60000 whole.zip >cut.zip &&
	test_expect_code 1 zizhi-unpack cut.zip >out 2>err &&
	test_must_be_empty out &&
	grep -q "cut.zip.*truncated" err &&
	case=$(ls -d var/spool/cases/*/ | while read d; do
		grep -l "cut.zip" "$d/case.xml"; done | xargs dirname) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(/case/@status)")" = partial &&
	test -f "$case/files/first.txt"
'

test_expect_success 'garbage with a .zip name fails that input only' '
	# fixed noise: random bytes are now and then taken for some media
	# type by libmagic (MPEG-4 LOAS), and then kept as a file
	perl -e "srand(3); print map { chr(int(rand(256))) } 1..5000" >noise.zip &&
	perl -e "srand(103); print \"PK\\003\\004\", map { chr(int(rand(256))) } 1..5000" >corrupt.zip &&
	echo fine >fine.txt &&
	test_expect_code 1 zizhi-unpack -s only noise.zip corrupt.zip fine.txt >out 2>err &&
	grep -q "cannot read .noise.zip.: not a zip archive" err &&
	grep -q "cannot read .corrupt.zip.: not a" err &&
	test $(wc -l <out) = 1 &&
	valid_case "$(cat out)" &&
	test "$(ls only/cases | wc -l)" = 1
'

test_expect_success 'Word and Excel files are documents, not archives' '
	mkdir -p docx/word && echo "<w/>" >docx/word/document.xml &&
	echo "<Types/>" >"docx/[Content_Types].xml" &&
	(cd docx && zip -q -r ../form.docx "[Content_Types].xml" word) &&
	zip -q app.zip form.docx &&
	zizhi-unpack app.zip >out &&
	case=$(cat out) &&
	test -f "$case/files/form.docx" &&
	test "$(xq "$case" "count(/case/archive)")" = 1
'

test_done
