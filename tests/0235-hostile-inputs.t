#!/bin/sh
# Bad inputs, made here (tests/tools/hostile): each is refused with a
# reason that names the file, in bounded memory and time, and the rest of
# its case is still read. What 0040 (zip and gzip bombs, sizes, depth),
# 0050 (zip slip) and 0090 (a DTD in document.xml and sharedStrings.xml, a
# 20000 x 20000 PNG, a truncated PDF and JPEG) already cover is not
# repeated.
. "$(dirname "$0")/lib.sh"

# limit SECONDS CMD...: runs CMD under timeout, its peak RSS in KB to rss
# (when /usr/bin/time is there) and its exit status to rc. Under valgrind
# the programs run 10 to 30 times slower (the ZIP of 200000 entries: 5 s
# natively, 68 s under memcheck, over 60 s under ASan with the other
# core busy): the timeout, there to catch a hang, is scaled for them.
time_scale=1
grep -qs fsanitize=address "$TOP/.flags" && time_scale=3
test -n "$VG" && time_scale=3
limit() {
	t=$(($1 * time_scale))
	shift
	if test -x /usr/bin/time; then
		timeout "$t" /usr/bin/time -f %M -o rss "$@"
	else
		echo 0 >rss && timeout "$t" "$@"
	fi
	echo $? >rc
}

# bounded MB: the last command stayed under MB of memory and was not
# killed by its timeout. AddressSanitizer's shadow memory and quarantine
# take several times a program's own (a SANITIZE build), as does
# valgrind's (ZIZHI_VALGRIND, where the memory measured is valgrind's): the
# bound is scaled for them, so what is checked there is that memory stays
# bounded.
mem_scale=1
grep -qs fsanitize=address "$TOP/.flags" && mem_scale=4
test -n "$VG" && mem_scale=4
bounded() {
	test "$(cat rc)" != 124 && test "$(tail -n 1 rss)" -lt $(($1 * 1024 * mem_scale)) ||
		{ echo "rc $(cat rc), rss $(tail -n 1 rss) KB"; return 1; }
}

# bounded_by_ceiling MB: as bounded, for a parse whose memory only the
# ceiling of <bounds> holds (a looping disc's libarchive, which grows as
# fast as the CPU lets it: 4 GB in its 15 CPU seconds under ASan). An
# AddressSanitizer build can have no ceiling (lib/core/bound.c): there
# only the time limits are checked.
asan=
grep -qs fsanitize=address "$TOP/.flags" && asan=1
bounded_by_ceiling() {
	if [ -n "$asan" ]; then
		test "$(cat rc)" != 124 || { echo "rc $(cat rc): timed out"; return 1; }
	else
		bounded "$1"
	fi
}

# A folder of the hostile file and a good note: unpacked (the case in c),
# then read (read's messages in err).
unpack_one() {
	rm -rf in && mkdir in && cp "$1" in/ && echo "营业执照 正本" >in/note.txt &&
	zizhi-unpack in >c
}
read_one() { unpack_one "$1" && limit 60 zizhi-read "$(cat c)" >out 2>err; }

# the status and error of a file of the case's read.xml
rstatus() { xmllint --xpath "string(/read/file[contains(@path,\"$1\")]/@status)" "$(cat c)/read/read.xml"; }
rerror() { xmllint --xpath "string(/read/file[contains(@path,\"$1\")]/@error)" "$(cat c)/read/read.xml"; }
note_read() { test "$(rstatus note.txt)" = ok; }

test_expect_success 'a ZIP of 200000 empty files: stopped at max-entries, in bounded memory' '
	hostile zip-entries many.zip 200000 &&
	limit 60 zizhi-unpack many.zip >c 2>err &&
	test "$(cat rc)" = 1 && bounded 300 &&
	case=$(cat c) && valid_case "$case" &&
	test "$(xq "$case" "count(/case/file)")" = 20000 &&
	test "$(xq "$case" "string(/case/@refused)")" = 180000 &&
	test "$(xq "$case" "string(/case/refused[1]/@code)")" = too-many-entries &&
	grep "many.zip.: 20000 files, 180000 refused" err
'

test_expect_success 'a cpio stream of 200000 empty files: the same through libarchive' '
	hostile cpio-entries many.cpio 200000 &&
	limit 60 zizhi-unpack many.cpio >c 2>err &&
	test "$(cat rc)" = 1 && bounded 300 &&
	case=$(cat c) && valid_case "$case" &&
	test "$(xq "$case" "count(/case/file)")" = 20000 &&
	test "$(xq "$case" "string(/case/refused[1]/@code)")" = too-many-entries
'

test_expect_success 'a TIFF of 100000 pages: refused on max-pages before a page is read' '
	hostile tiff-pages deep.tif 100000 &&
	read_one deep.tif &&
	test "$(cat rc)" = 1 && bounded 200 &&
	grep "deep.tif.: too many pages: more than 2000 (max-pages" err &&
	test "$(rstatus deep.tif)" = error && note_read
'

test_expect_success 'a TIFF whose second page declares 60000 x 60000: that page refused' '
	hostile tiff-tall tall.tif 60000 60000 &&
	read_one tall.tif &&
	test "$(cat rc)" = 1 && bounded 250 &&
	grep "tall.tif.: page 2: image too large: 60000 x 60000 pixels" err &&
	p="/read/file[contains(@path,\"tall.tif\")]/page" &&
	test "$(xmllint --xpath "string($p[1]/@method)" "$(cat c)/read/read.xml")" = ocr &&
	note_read
'

test_expect_success 'max-pages is a setting' '
	mkdir -p cfg/schema && cp "$TOP/config/schema/"*.rng cfg/schema/ &&
	sed "s/max-pages=\"[^\"]*\"/max-pages=\"3\"/" "$TOP/config/pipeline.xml" >cfg/pipeline.xml &&
	grep -q "max-pages=\"3\"" cfg/pipeline.xml &&
	hostile tiff-pages four.tif 4 &&
	read_one four.tif && zizhi-read -f -c cfg "$(cat c)" >/dev/null 2>err;
	grep "four.tif.: too many pages: more than 3" err
'

test_expect_success 'a TIFF whose pages link back: refused, not read round and round' '
	hostile tiff-loop loop.tif &&
	read_one loop.tif &&
	test "$(cat rc)" = 1 && bounded 200 &&
	grep "loop.tif.: damaged TIFF: page 2 links back to page 1" err && note_read
'

test_expect_success 'a PDF of 20000 empty pages: refused on max-pages, not OCRed' '
	hostile pdf-pages many.pdf 20000 &&
	read_one many.pdf &&
	test "$(cat rc)" = 1 && bounded 200 &&
	grep "many.pdf.: too many pages: 20000 (max-pages in pipeline.xml is 2000)" err &&
	note_read
'

test_expect_success 'a PDF page tree of a million pages in a kilobyte: refused' '
	hostile pdf-dag dag.pdf 6 &&
	test $(stat -c %s dag.pdf) -lt 2000 &&
	read_one dag.pdf &&
	test "$(cat rc)" = 1 && bounded 200 &&
	grep "dag.pdf.: damaged PDF" err && note_read
'

test_expect_success 'a PDF page tree that lists itself: the page it loops on fails' '
	hostile pdf-loop loop.pdf &&
	read_one loop.pdf &&
	test "$(cat rc)" = 1 && bounded 400 &&
	grep "loop.pdf.: page 2: cannot render page 2" err && note_read
'

test_expect_success 'an encrypted PDF: refused, asking for the password' '
	hostile pdf-encrypted locked.pdf &&
	read_one locked.pdf &&
	test "$(cat rc)" = 1 && bounded 200 &&
	grep "locked.pdf.: encrypted PDF (password required)" err &&
	test "$(rerror locked.pdf)" = "encrypted PDF (password required)" && note_read
'

test_expect_success 'a PDF cut off in its page objects: damaged, the note still read' '
	hostile pdf-pages three.pdf 3 && head -c 400 three.pdf >cut3.pdf &&
	read_one cut3.pdf &&
	test "$(cat rc)" = 1 && bounded 400 &&
	grep "cut3.pdf.: " err && test "$(rstatus cut3.pdf)" = error && note_read
'

test_expect_success 'a JPEG declaring 65000 x 65000 pixels in 300 bytes: refused, not decoded' '
	hostile jpeg-bomb bomb.jpg 65000 65000 &&
	test $(stat -c %s bomb.jpg) -lt 1000 &&
	read_one bomb.jpg &&
	test "$(cat rc)" = 1 && bounded 400 &&
	grep "bomb.jpg.: page 1: image too large: 65000 x 65000" err && note_read
'

# Under max-pixels (120M) it is read, but as grey, never raised to 300 dpi
# from the 72 it claims (that was 1.7G pixels, 4.4 GB); the page itself
# at the limit still takes about 550 MB in Tesseract.
test_expect_success 'a PNG bomb under max-pixels claiming 72 dpi: read in bounded memory' '
	hostile png-bomb bomb.png 10900 10900 72 &&
	test $(stat -c %s bomb.png) -lt 100000 &&
	read_one bomb.png &&
	bounded 900 && note_read
'

test_expect_success 'page-seconds: a page that takes longer fails, its worker replaced' '
	mkdir -p cfg2/schema && cp "$TOP/config/schema/"*.rng cfg2/schema/ &&
	sed "s/page-seconds=\"[^\"]*\"/page-seconds=\"1\"/" "$TOP/config/pipeline.xml" >cfg2/pipeline.xml &&
	grep -q "page-seconds=\"1\"" cfg2/pipeline.xml &&
	limit 60 zizhi-read -f --no-cache -c cfg2 "$(cat c)" >out 2>err &&
	test "$(cat rc)" = 1 && bounded 900 &&
	grep "bomb.png.: page 1: the page took longer than page-seconds in pipeline.xml" err &&
	note_read
'

# One worker, pages of about a second (blank A4 at 300 dpi): the first
# page starts the clock, and the pages not started within the second fail
# as one run of pages.
test_expect_success 'file-seconds: no more pages of a file are started after it' '
	mkdir -p cfg3/schema && cp "$TOP/config/schema/"*.rng cfg3/schema/ &&
	sed "s/file-seconds=\"[^\"]*\"/file-seconds=\"1\"/" "$TOP/config/pipeline.xml" >cfg3/pipeline.xml &&
	grep -q "file-seconds=\"1\"" cfg3/pipeline.xml &&
	hostile pdf-pages slow.pdf 30 &&
	unpack_one slow.pdf &&
	limit 120 zizhi-read -f --no-cache -j 1 -c cfg3 "$(cat c)" >out 2>err &&
	test "$(cat rc)" = 1 &&
	grep "slow.pdf.: pages [0-9]*-30: not read: the file.s OCR took longer than file-seconds (1 s)" err &&
	test $(wc -l <err) = 1 &&
	p="/read/file[contains(@path,\"slow.pdf\")]/page" &&
	test "$(xmllint --xpath "count($p[@method=\"ocr\"])" "$(cat c)/read/read.xml")" -ge 1 &&
	test "$(xmllint --xpath "count($p[@error])" "$(cat c)/read/read.xml")" -ge 1 &&
	note_read
'

# OOXML parts with a DTD where 0090 does not put one: a streamed
# worksheet, a relationships part, a part in UTF-16 (where "<!DOCTYPE"
# has other bytes)
ooxml() {
	rm -rf x && mkdir -p x/xl/_rels x/xl/worksheets x/_rels &&
	ct="<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>" &&
	printf "%s" "$ct" >"x/[Content_Types].xml" &&
	printf "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" >x/xl/workbook.xml &&
	printf "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>" >x/xl/_rels/workbook.xml.rels &&
	printf "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>fine</t></is></c></row></sheetData></worksheet>" >x/xl/worksheets/sheet1.xml
}
laughs='<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>'

test_expect_success 'Excel: billion laughs in a worksheet, XXE in the relationships, UTF-16' '
	rm -rf in && mkdir in &&
	ooxml && (cd x && zip -q -r ../in/fine.xlsx .) &&
	ooxml && printf "<?xml version=\"1.0\"?>%s<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&i;</t></is></c></row></sheetData></worksheet>" "$laughs" >x/xl/worksheets/sheet1.xml &&
	(cd x && zip -q -r ../in/laughs.xlsx .) &&
	ooxml && printf "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml&x;\"/></Relationships>" >x/xl/_rels/workbook.xml.rels &&
	(cd x && zip -q -r ../in/xxe.xlsx .) &&
	ooxml && printf "<?xml version=\"1.0\" encoding=\"UTF-16\"?>%s<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&i;</t></is></c></row></sheetData></worksheet>" "$laughs" |
		iconv -f UTF-8 -t UTF-16 >x/xl/worksheets/sheet1.xml &&
	(cd x && zip -q -r ../in/utf16.xlsx .) &&
	echo "营业执照 正本" >in/note.txt &&
	zizhi-unpack in >c &&
	limit 60 zizhi-read "$(cat c)" >out 2>err &&
	test "$(cat rc)" = 1 && bounded 200 &&
	grep "laughs.xlsx.: refused: .*declares a DTD" err &&
	grep "xxe.xlsx.: refused: .*declares a DTD" err &&
	grep "utf16.xlsx.: refused: .*not UTF-8" err &&
	test "$(rstatus fine.xlsx)" = ok && note_read &&
	! grep -rq "root:" "$(cat c)/read"
'

test_expect_success 'zizhi run on a case of all of them: every stage ends, the good files read' '
	rm -rf all && mkdir all &&
	cp deep.tif many.pdf dag.pdf loop.pdf locked.pdf bomb.jpg in/*.xlsx all/ &&
	echo "营业执照 正本" >all/note.txt &&
	limit 120 zizhi run -s runspool -d run.db all >c 2>err &&
	test "$(cat rc)" = 1 && bounded 400 &&
	test -f "$(cat c)/report.xml" &&
	note_read && test "$(rstatus fine.xlsx)" = ok &&
	test "$(dbopen run.db "SELECT count(*) FROM cases")" = 1
'

# Parsing under <bounds> (pipeline.xml): each archive unpacked, each file's
# parse and each OCR page read, each case extracted runs in a child with
# an address-space ceiling and CPU and wall-clock limits; tight ones here,
# so that a loop is stopped in seconds. Under AddressSanitizer no
# address-space ceiling can be set (its shadow memory): the CPU limit
# stops the loops there, so the messages are matched on "limit of".
bounds_cfg() {
	rm -rf "$1" && mkdir -p "$1/schema" && cp "$TOP/config/schema/"*.rng "$1/schema/" &&
	cp -r "$TOP/config/models" "$TOP/config/"*.xml "$TOP/config/"*.xsl "$1/" &&
	sed "s/<bounds [^>]*>/<bounds memory=\"$2\" cpu-seconds=\"15\" wall-seconds=\"50\"\/>/" \
		"$TOP/config/pipeline.xml" >"$1/pipeline.xml" &&
	grep -q "<bounds memory=\"$2\"" "$1/pipeline.xml"
}

test_expect_success 'discs: a Rock Ridge CE loop and a directory loop made here' '
	mkdir -p disc/sub/deeper && echo "营业执照 正本" >disc/note.txt && echo x >disc/sub/deeper/a.txt &&
	xorriso -as mkisofs -quiet -R -o good.iso disc 2>/dev/null &&
	isopatch ce-loop good.iso ce.iso && isopatch dir-loop good.iso dl.iso &&
	! cmp -s good.iso ce.iso && ! cmp -s good.iso dl.iso &&
	bounds_cfg b512 512M
'

test_expect_success 'a disc whose continuation areas loop: refused within the limits, the batch goes on' '
	limit 60 zizhi-unpack -c b512 -s bspool disc ce.iso good.iso >out 2>err &&
	test "$(cat rc)" = 1 && bounded_by_ceiling 600 &&
	grep "cannot read .ce.iso.: .*limit of [0-9]* .* reached while unpacking ce.iso" err &&
	test "$(wc -l <out)" = 2 &&
	for c in $(cat out); do test -f "$c/files/note.txt" || exit 1; done &&
	! ls bspool/cases/*/files 2>/dev/null | grep -q ce.iso
'

test_expect_success 'a disc whose directories point back at the root: refused, named' '
	limit 60 zizhi-unpack -c b512 -s bspool dl.iso >out 2>err &&
	test "$(cat rc)" = 1 && bounded 300 &&
	grep "cannot read .dl.iso.: .*loop" err
'

test_expect_success 'a looping disc in a ZIP: kept as a file, the rest of the ZIP unpacked' '
	rm -rf z && mkdir z && cp ce.iso z/ && echo "营业执照 正本" >z/note.txt &&
	(cd z && zip -q ../withce.zip ce.iso note.txt) &&
	limit 60 zizhi-unpack -c b512 -s bspool withce.zip >c 2>err &&
	test "$(cat rc)" = 0 && bounded_by_ceiling 600 &&
	x="$(cat c)" &&
	test "$(xq "$x" "string(/case/archive[@original-path=\"ce.iso\"]/@status)")" = unreadable &&
	xq "$x" "string(/case/archive[@original-path=\"ce.iso\"]/@error)" | grep "limit of .* reached while unpacking ce.iso" &&
	test -f "$(cat c)/files/ce.iso" && test -f "$(cat c)/files/note.txt"
'

test_expect_success 'a PDF that inflates past the memory ceiling: that file fails on a limit, the note is read' '
	hostile pdf-bomb infl.pdf 700 && test "$(wc -c <infl.pdf)" -lt 1000000 &&
	rm -rf in && mkdir in && cp infl.pdf in/ && echo "营业执照 正本" >in/note.txt &&
	zizhi-unpack -c b512 in >c &&
	limit 60 zizhi-read -c b512 --no-cache "$(cat c)" >out 2>err &&
	test "$(cat rc)" = 1 && bounded 600 &&
	grep "infl.pdf.: .*limit of [0-9]* .* reached while reading the file" err &&
	note_read
'

test_expect_success CEILING 'a page image past a low memory ceiling: that page fails, the note is read' '
	bounds_cfg b256 256M &&
	hostile png-bomb big.png 10900 10900 72 &&
	rm -rf in && mkdir in && cp big.png in/ && echo "营业执照 正本" >in/note.txt &&
	zizhi-unpack -c b256 in >c &&
	limit 60 zizhi-read -c b256 --no-cache "$(cat c)" >out 2>err &&
	test "$(cat rc)" = 1 && bounded 400 &&
	grep "big.png.: page 1: " err && note_read
'

# a worksheet of 15000 rows (a few MB once read)
big_sheet() {
	awk 'BEGIN { ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
		printf "<?xml version=\"1.0\"?><worksheet xmlns=\"%s\"><sheetData>", ns
		for (i = 1; i <= 15000; i++)
			printf "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>项目%d</t></is></c><c r=\"B%d\"><v>%d</v></c></row>", i, i, i, i, i * 7
		printf "</sheetData></worksheet>" }'
}

test_expect_success CEILING 'extraction runs under the bounds: a case past them fails, named' '
	bounds_cfg b16 16M &&
	ooxml && rm -rf in && mkdir in && big_sheet >x/xl/worksheets/sheet1.xml &&
	(cd x && zip -q -r ../in/list.xlsx .) &&
	zizhi-unpack in >c && zizhi-read "$(cat c)" >out &&
	test_expect_code 1 zizhi-extract -c b16 "$(cat c)" >out 2>err &&
	grep "$(cat c): memory limit of 16 MB reached while extracting it" err &&
	zizhi-extract -f "$(cat c)" >out 2>err && test -f "$(cat c)/extract/extract.xml" &&
	! grep -q "memory limit" err
'

test_expect_success 'bin/zizhi from the build tree finds its configuration from any folder' '
	mkdir -p elsewhere && echo "营业执照 正本" >elsewhere/n.txt &&
	(cd elsewhere && unset ZIZHI_CONFIG && "$TOP/bin/zizhi" unpack -s sp n.txt >out 2>err) &&
	test -f "$(cat elsewhere/out | sed "s|^|elsewhere/|")/files/n.txt"
'

test_done
