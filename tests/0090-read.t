#!/bin/sh
# The read stage: Word and Excel through their XML, PDF text layers, OCR of
# scans with the cache, and hostile files refused with a reason.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

truth="$TOP/samples/corpus/case-0002-supplement.truth.xml"
org=$(xmllint --xpath 'string(/truth/field[@name="org.name"]/@value)' "$truth")
rq() { xmllint --xpath "$2" "$1/read/read.xml"; }

test_expect_success 'a whole case is read; read.xml says how, page by page' '
	zizhi-unpack "$TOP/samples/corpus/case-0002-supplement.zip" >c &&
	case=$(cat c) &&
	zizhi-read "$case" >out 2>err &&
	test_cmp c out &&
	xmllint --noout --relaxng "$TOP/config/schema/read.rng" "$case/read/read.xml" &&
	test "$(rq "$case" "count(/read/file)")" = "$(xq "$case" "count(/case/file)")" &&
	test "$(rq "$case" "count(/read/file[@status!=\"ok\"])")" = 0 &&
	test "$(rq "$case" "count(//page[@method=\"ocr\"])")" -ge 10 &&
	test "$(rq "$case" "count(//page[@method=\"text-layer\"])")" -ge 3
'

test_expect_success 'Word and Excel: structure and text' '
	case=$(cat c) &&
	form=$(rq "$case" "string(/read/file[@kind=\"docx\"][contains(@path,\"申请书\")]/@content)") &&
	xmllint --noout --relaxng "$TOP/config/schema/content.rng" "$case/$form" &&
	xmllint --xpath "//table/row[cell=\"申请单位名称\"]/cell[2]/text()" "$case/$form" >name &&
	test "$(cat name)" = "$org" &&
	roster=$(rq "$case" "string(/read/file[contains(@path,\"清单\")]/@content)") &&
	xmllint --noout --relaxng "$TOP/config/schema/content.rng" "$case/$roster" &&
	plist=$(rq "$case" "string(/read/file[contains(@path,\"业绩清单\")]/@content)") &&
	xmllint --xpath "string((//cell[@type=\"date\"])[1])" "$case/$plist" | grep -q "^20[0-9][0-9]-[01][0-9]-[0-3][0-9]$"
'

test_expect_success 'text-layer PDF pages are read from their text, exactly' '
	case=$(cat c) &&
	t=$(rq "$case" "string((//page[@method=\"text-layer\"])[1]/@text)") &&
	test -s "$case/$t" &&
	grep -h "编制单位" "$case"/read/*/p*.txt | grep -q "$org"
'

test_expect_success 'OCR pages: ALTO with boxes and confidences, the page image' '
	case=$(cat c) &&
	a=$(rq "$case" "string((//page[@method=\"ocr\"])[1]/@alto)") &&
	i=$(rq "$case" "string((//page[@method=\"ocr\"])[1]/@image)") &&
	test "$(xmllint --xpath "count(//*[local-name()=\"String\"][@WC][@HPOS])" "$case/$a")" -gt 5 &&
	test -s "$case/$i" &&
	grep -q "CISP" "$case"/read/*/p*.txt
'

test_expect_success 'reading again takes every OCR page from the cache' '
	case=$(cat c) &&
	cat "$case"/read/*/p*.txt >before &&
	zizhi-read -f "$case" >/dev/null &&
	test "$(rq "$case" "count(//page[@method=\"ocr\"][not(@cached)])")" = 0 &&
	cat "$case"/read/*/p*.txt >after &&
	test_cmp before after
'

test_expect_success 'hostile files are refused by name; the rest is read' '
	mkdir -p bad/xxe/word bad/laughs/word &&
	printf "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>" >"bad/xxe/[Content_Types].xml" &&
	cp "bad/xxe/[Content_Types].xml" "bad/laughs/[Content_Types].xml" &&
	printf "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>" >bad/xxe/word/document.xml &&
	printf "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>" >bad/laughs/word/document.xml &&
	mkdir in && (cd bad/xxe && zip -q -r ../../in/xxe.docx .) && (cd bad/laughs && zip -q -r ../../in/laughs.docx .) &&
	pdf=$(ls "$(cat c)"/files/附件4-财务审计报告/*.pdf | head -n 1) &&
	head -c 3000 "$pdf" >in/cut.pdf &&
	bigimage in/huge.png 20000 20000 &&
	head -c 2000 "$(ls "$(cat c)"/files/附件3-资质证书/*.jpg | head -n 1)" >in/cut.jpg &&
	echo "营业执照 正本" >in/note.txt &&
	zizhi-unpack in >c2 &&
	test_expect_code 1 zizhi-read "$(cat c2)" >out 2>err &&
	test_cmp c2 out &&
	case=$(cat c2) &&
	xmllint --noout --relaxng "$TOP/config/schema/read.rng" "$case/read/read.xml" &&
	grep -q "xxe.docx.*DTD" err && grep -q "laughs.docx.*DTD" err &&
	grep -q "cut.pdf.*damaged PDF" err &&
	grep -q "huge.png.*too large" err &&
	grep -q "cut.jpg" err &&
	! grep -rq "root:" "$case/read" &&
	test "$(rq "$case" "string(/read/file[contains(@path,\"note.txt\")]/@status)")" = ok &&
	grep -q "营业执照" "$case/$(rq "$case" "string(/read/file[contains(@path,\"note.txt\")]/@text)")"
'

test_expect_success 'zizhi run: unpack then read' '
	zizhi run -s runspool "$TOP/samples/corpus/case-0002-supplement.zip" >r &&
	test -f "$(cat r)/read/read.xml"
'

test_done
