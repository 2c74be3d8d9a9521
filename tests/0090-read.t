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
	roster=$(rq "$case" "string(/read/file[contains(@path,\"社保\")]/@content)") &&
	xmllint --noout --relaxng "$TOP/config/schema/content.rng" "$case/$roster" &&
	# 入职日期 on the roster: cells formatted as dates, read as ISO dates
	xmllint --xpath "string((//cell[@type=\"date\"])[1])" "$case/$roster" | grep -q "^20[0-9][0-9]-[01][0-9]-[0-3][0-9]$"
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

test_expect_success 'a cached page is named as the file it now came from' '
	mkdir again &&
	cp "$(ls "$(cat c)"/files/附件3-资质证书/*.jpg | head -n 1)" "again/另一份 & <副本>.jpg" &&
	zizhi-unpack again >c3 && zizhi-read "$(cat c3)" >/dev/null &&
	p="/read/file[contains(@path,\"副本\")]/page" &&
	test "$(rq "$(cat c3)" "string($p/@cached)")" = yes &&
	a=$(rq "$(cat c3)" "string($p/@alto)") &&
	xmllint --xpath "string(//*[local-name()=\"fileName\"])" "$(cat c3)/$a" >name &&
	grep -q "另一份 & <副本>.jpg\$" name &&
	test "$(xmllint --xpath "string(//*[local-name()=\"Page\"]/@ID)" "$(cat c3)/$a")" = p1
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

test_expect_success 'PNG, BMP and multi-page TIFF scans are OCRed page by page' '
	mkdir -p img &&
	set -- "$(cat c)"/files/附件3-资质证书/*.jpg &&
	imgconv img/cert.png "$1" && imgconv img/cert.bmp "$1" &&
	imgconv img/certs.tif "$1" "$1" &&
	zizhi-unpack img >ci &&
	zizhi-read "$(cat ci)" >/dev/null &&
	case=$(cat ci) &&
	for f in cert.png cert.bmp certs.tif; do
		test "$(rq "$case" "string(/read/file[contains(@path,\"$f\")]/@status)")" = ok || return 1
	done &&
	test "$(rq "$case" "count(/read/file[contains(@path,\"certs.tif\")]/page[@method=\"ocr\"])")" = 2 &&
	for t in "$case"/read/*/p000*.txt; do grep -q "信息安全服务资质证书" "$t" || return 1; done
'

test_expect_success 'hostile Excel files: DTD in shared strings, a part past 64 MiB' '
	mkdir -p x1/xl x2/xl &&
	printf "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>" >"x1/[Content_Types].xml" &&
	cp "x1/[Content_Types].xml" "x2/[Content_Types].xml" &&
	printf "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" >x1/xl/workbook.xml &&
	mkdir -p x1/xl/_rels x1/xl/worksheets &&
	printf "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>" >x1/xl/_rels/workbook.xml.rels &&
	printf "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>" >x1/xl/worksheets/sheet1.xml &&
	cp -r x1/xl/workbook.xml x1/xl/_rels x1/xl/worksheets x2/xl/ &&
	printf "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&x;</t></si></sst>" >x1/xl/sharedStrings.xml &&
	{ printf "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"; head -c 70000000 /dev/zero | tr "\0" a; printf "</sst>"; } >x2/xl/sharedStrings.xml &&
	mkdir xin && (cd x1 && zip -q -r ../xin/dtd.xlsx .) && (cd x2 && zip -q -r ../xin/bomb.xlsx .) &&
	test $(stat -c %s xin/bomb.xlsx) -lt 1000000 &&
	zizhi-unpack xin >cx &&
	test_expect_code 1 zizhi-read "$(cat cx)" >/dev/null 2>err &&
	grep -q "dtd.xlsx.*DTD" err &&
	grep -q "bomb.xlsx.*larger than 64 MiB" err
'

test_expect_success 'zizhi run: unpack then read' '
	zizhi run -s runspool "$TOP/samples/corpus/case-0002-supplement.zip" >r &&
	test -f "$(cat r)/read/read.xml"
'

test_done
