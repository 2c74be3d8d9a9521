#!/bin/sh
# zizhi report --format html: one page that stands alone (evidence crops
# and small page thumbnails inside as data: URIs, nothing fetched, no
# script) which a browser draws; a crop gone missing says so. --format
# letter: the 补充资料 request with the documents' Chinese titles, and
# nothing at all for a case with nothing to ask for.
. "$(dirname "$0")/lib.sh"

ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

rq() { xmllint --xpath "string($2)" "$1/report.xml"; }

test_expect_success 'a sample case decided' '
	zizhi run -s spool -d db/review.db "$TOP/samples/corpus/case-0001-eligible.iso" >c &&
	test -s "$(cat c)/report.xml"
'

test_expect_success '--format html: parses, verdict, applicant, every rule' '
	case=$(cat c) &&
	zizhi report --format html "$case" >report.html &&
	xmllint --html --noout report.html &&
	grep -q "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">" report.html &&
	grep -q "class=\"verdict v-$(rq "$case" /case/@verdict)\"" report.html &&
	grep -qF "$(rq "$case" "//field[@name=\"org.name\"]/@value")" report.html &&
	grep -qF "$(rq "$case" /case/@as-of)" report.html &&
	xmllint --xpath "//rule/@id" "$case/report.xml" | tr " " "\n" |
		sed -n "s/^id=\"\(.*\)\"$/\1/p" >rules &&
	test "$(wc -l <rules)" -ge 13 &&
	while read -r r; do
		grep -qF "<code>$r</code>" report.html || { echo "rule $r not shown"; return 1; }
	done <rules
'

test_expect_success '--format html: crops and thumbnails inside, nothing outside' '
	case=$(cat c) &&
	grep -q "src=\"data:image/png;base64,iVBORw0KGgo" report.html &&
	grep -o "data:image/jpeg;base64," report.html | wc -l >thumbs &&
	xmllint --xpath "count(//page)" "$case/read/read.xml" >pages && echo >>pages &&
	test "$(cat thumbs)" = "$(cat pages)" &&
	grep -oE "(src|href)=\"[^\"]{0,5}" report.html | grep -v "^href=\"#" | sort -u >refs &&
	echo "src=\"data:" >expect && test_cmp expect refs &&
	! grep -qiE "<script|<link|<iframe|url\(|@import|src=\"http|file:" report.html
'

test_expect_success '--format html: thumbnails are small, never the scans' '
	grep -oE "data:image/jpeg;base64,[A-Za-z0-9+/=]+" report.html >uris &&
	awk "length(\$0) > 80000 { print \"too big: \" length(\$0); bad = 1 } END { exit bad }" uris &&
	head -1 uris | sed "s/^data:image\/jpeg;base64,//" | base64 -d >t.jpg &&
	imgconv t.bmp t.jpg &&
	test "$(od -An -tu4 -j18 -N4 t.bmp | tr -d " ")" = 200 &&
	test "$(wc -c <report.html)" -lt 3000000
'

test_expect_success 'a crop gone missing: "no crop", the page still made' '
	cp -R "$(cat c)" nocrop &&
	crop=$(rq nocrop "(//field/@crop)[1]") && test -n "$crop" &&
	rm "nocrop/$crop" &&
	zizhi report --format html nocrop >nocrop.html &&
	xmllint --html --noout nocrop.html &&
	grep -q "no crop" nocrop.html &&
	test "$(grep -o "data:image/png" nocrop.html | wc -l)" -lt \
		"$(grep -o "data:image/png" report.html | wc -l)"
'

test_expect_success '--format letter: nothing to ask for, nothing printed' '
	case=$(cat c) &&
	test "$(xmllint --xpath "count(//request | //rule[@result=\"missing\"])" "$case/report.xml")" = 0 &&
	zizhi report --format letter "$case" >letter &&
	test_must_be_empty letter
'

test_expect_success '--format letter: the documents to supply by their Chinese titles' '
	cp -R "$(cat c)" nopledge &&
	sed "/<document [^>]*type=\"compliance-pledge\"/d" nopledge/extract/extract.xml >x &&
	mv x nopledge/extract/extract.xml &&
	zizhi-decide nopledge >/dev/null &&
	test "$(rq nopledge "//request/@document-type")" = compliance-pledge &&
	zizhi report --format letter nopledge >letter &&
	grep -q "^    1\. 守法经营承诺书$" letter &&
	grep -qF "$(rq nopledge "//field[@name=\"org.name\"]/@value")：" letter &&
	grep -q "nopledge" letter &&
	grep -q "^    3.1.2-lawful 守法经营承诺：缺少守法经营承诺书$" letter &&
	zizhi report --format html nopledge >nopledge.html &&
	grep -q "<li>守法经营承诺书" nopledge.html
'

test_expect_success 'a stylesheet that is not there is a configuration error' '
	mkdir conf && cp -R "$ZIZHI_CONFIG"/* conf/ && rm conf/report-html.xsl &&
	test_expect_code 3 zizhi report -c conf --format html "$(cat c)" 2>err &&
	grep "cannot open .*report-html.xsl" err &&
	test_expect_code 2 zizhi report --format pdf "$(cat c)"
'

# Chromium draws the page the panel will see. A blank page, an error page
# or a file it could not open gives no verdict badge: count the pixels of
# the verdict's colour (report-html.xsl) in the screenshot.
test_expect_success 'chromium draws it: a screenshot with the verdict badge' '
	command -v chromium >/dev/null ||
		{ echo "chromium is not installed: run sh bootstrap.sh"; return 1; } &&
	mkdir -p home &&
	HOME="$TRASH/home" timeout 30 chromium --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --user-data-dir="$TRASH/home/profile" --window-size=1200,2000 \
		--screenshot="$TRASH/shot.png" "file://$TRASH/report.html" >chromium.log 2>&1;
	test -s shot.png || { tail -5 chromium.log; return 1; } &&
	test "$(head -c 8 shot.png | od -An -tx1 | tr -d " ")" = 89504e470d0a1a0a &&
	test "$(wc -c <shot.png)" -gt 100000 &&
	imgconv shot.bmp shot.png &&
	case "$(rq "$(cat c)" /case/@verdict)" in
	eligible) bgr="\x37\x7f\x1a" ;; ineligible) bgr="\x2e\x22\xcf" ;;
	incomplete) bgr="\x00\x4c\xbc" ;; *) bgr="\x00\x67\x9a" ;;
	esac &&
	n=$(perl -0777 -ne "print scalar(() = /$bgr/g)" shot.bmp) &&
	echo "verdict-coloured pixels: $n" && test "$n" -gt 8000
'

test_done
