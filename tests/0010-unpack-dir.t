#!/bin/sh
# Folders and loose files as submissions; content-derived case ids.
. "$(dirname "$0")/lib.sh"

mkdir -p app/附件3-营业执照 app/附件5-审计报告/2023年
echo licence >app/附件3-营业执照/营业执照副本.jpg
echo audit >app/附件5-审计报告/2023年/审计报告.pdf
printf 'gbk' >"app/$(printf '\311\352\307\353\312\351').docx"   # 申请书 in GBK bytes

test_expect_success 'a folder becomes a case listing every file' '
	zizhi-unpack app >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(/case/submission/@kind)")" = directory &&
	test "$(xq "$case" "count(/case/file)")" = 3 &&
	test -f "$case/files/附件3-营业执照/营业执照副本.jpg" &&
	test -f "$case/files/附件5-审计报告/2023年/审计报告.pdf" &&
	test -f "$case/files/申请书.docx" &&
	test "$(xq "$case" "string(/case/file[@original-path=\"申请书.docx\"]/@name-encoding)")" = gbk
'

test_expect_success 'sha256, size and media type are recorded' '
	case=$(cat out) &&
	sum=$(sha256sum app/附件3-营业执照/营业执照副本.jpg | cut -c1-64) &&
	test "$(xq "$case" "string(//file[@path=\"files/附件3-营业执照/营业执照副本.jpg\"]/@sha256)")" = "$sum" &&
	test "$(xq "$case" "string(//file[@path=\"files/附件3-营业执照/营业执照副本.jpg\"]/@size)")" = 8 &&
	test "$(xq "$case" "string(//file[@path=\"files/附件3-营业执照/营业执照副本.jpg\"]/@media-type)")" = text/plain
'

test_expect_success 'the same folder again is the same case, not unpacked twice' '
	case=$(cat out) &&
	stamp=$(xq "$case" "string(/case/@unpacked)") &&
	sleep 1 &&
	cp -r app app-copy &&
	zizhi-unpack app-copy >out2 &&
	test_cmp out out2 &&
	test "$(xq "$case" "string(/case/@unpacked)")" = "$stamp" &&
	zizhi-unpack -f app >out3 &&
	test_cmp out out3 &&
	test "$(xq "$case" "string(/case/@unpacked)")" != "$stamp"
'

test_expect_success 'a changed file makes a different case' '
	echo more >>app/附件3-营业执照/营业执照副本.jpg &&
	zizhi-unpack app >out4 &&
	! test_cmp out out4
'

test_expect_success 'symlinks and fifos in a folder are refused, never followed' '
	mkdir -p linky/sub &&
	echo good >linky/good.txt &&
	ln -s /etc/passwd linky/passwd &&
	ln -s .. linky/sub/up &&
	mkfifo linky/pipe &&
	test_expect_code 1 zizhi-unpack linky >out 2>err &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "count(/case/file)")" = 1 &&
	test "$(xq "$case" "string(//refused[@original-path=\"passwd\"]/@code)")" = symlink &&
	test "$(xq "$case" "string(//refused[@original-path=\"sub/up\"]/@code)")" = symlink &&
	test "$(xq "$case" "string(//refused[@original-path=\"pipe\"]/@code)")" = special-file &&
	grep -q "refused .passwd.: symbolic link" err &&
	test -z "$(find "$case" -type l)"
'

test_expect_success 'a loose file is a case of one file' '
	echo pledge >守法经营承诺书.pdf &&
	zizhi-unpack 守法经营承诺书.pdf >out &&
	case=$(cat out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(/case/submission/@kind)")" = file &&
	test -f "$case/files/守法经营承诺书.pdf"
'

test_expect_success 'an empty folder is an empty case' '
	mkdir empty &&
	zizhi-unpack empty >out &&
	valid_case "$(cat out)" &&
	test "$(xq "$(cat out)" "string(/case/@files)")" = 0
'

test_done
