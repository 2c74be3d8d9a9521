#!/bin/sh
# zizhi-read on a few small inputs of every kind, also under valgrind:
# make check-valgrind runs zizhi-read natively everywhere else (its forked
# OCR workers spend minutes in Tesseract per page under memcheck), so this
# is where its own code is checked for errors and leaks: a Word form, an
# Excel list, a PDF with a text layer, a small scanned strip at 100 dpi,
# the OCR cache, and hostile files refused.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"
command -v pdftoppm >/dev/null || skip_all "pdftoppm (poppler-utils) not installed"

valgrind_too zizhi-read
rq() { xmllint --xpath "$2" "$1/read/read.xml"; }

test_expect_success 'setup: a few small files of every kind' '
	zizhi-unpack "$TOP/samples/corpus/case-0002-supplement.zip" >c &&
	f=$(cat c)/files && mkdir app &&
	cp "$f"/附件1-申请书/*.docx app/form.docx &&
	cp "$f"/附件6-项目业绩/*.xlsx app/projects.xlsx &&
	cp "$f"/附件4-财务审计报告/2025*.pdf app/audit.pdf &&
	pdftoppm -r 100 -f 1 -l 1 -x 0 -y 80 -W 800 -H 220 -png -singlefile \
		"$f"/附件7-守法经营承诺书/*.pdf app/scan &&
	zizhi-unpack app >ca
'

test_expect_success 'Word, Excel, a text layer and a scan are read' '
	case=$(cat ca) &&
	zizhi-read -j 1 "$case" >out &&
	test_cmp ca out &&
	xmllint --noout --relaxng "$TOP/config/schema/read.rng" "$case/read/read.xml" &&
	test "$(rq "$case" "count(/read/file[@status=\"ok\"])")" = 4 &&
	test "$(rq "$case" "count(//page[@method=\"text-layer\"])")" = 4 &&
	test "$(rq "$case" "count(//page[@method=\"ocr\"])")" = 1 &&
	grep -q "经营承诺书" "$case"/read/*/p0001.txt
'

test_expect_success 'read again: the scan from the cache' '
	case=$(cat ca) &&
	zizhi-read -j 1 -f "$case" >/dev/null &&
	test "$(rq "$case" "count(//page[@method=\"ocr\"][@cached=\"yes\"])")" = 1
'

test_expect_success 'hostile files are refused, each with a reason' '
	mkdir -p bad/xxe/word in &&
	printf "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>" >"bad/xxe/[Content_Types].xml" &&
	printf "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>" >bad/xxe/word/document.xml &&
	(cd bad/xxe && zip -q -r ../../in/xxe.docx .) &&
	head -c 3000 app/audit.pdf >in/cut.pdf &&
	head -c 300 app/scan.png >in/cut.png &&
	bigimage in/huge.png 20000 20000 &&
	zizhi-unpack in >cb &&
	test_expect_code 1 zizhi-read -j 1 "$(cat cb)" >/dev/null 2>err &&
	grep -q "xxe.docx.*DTD" err &&
	grep -q "cut.pdf.*damaged PDF" err &&
	grep -q "cut.png" err &&
	grep -q "huge.png.*too large" err
'

test_done
