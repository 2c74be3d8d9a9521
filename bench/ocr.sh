#!/bin/sh
# bench/ocr.sh - the read stage's OCR against tesseract on the same page
# images, run side by side, printed as ratios (issue 4's targets in
# brackets). Not a test: nothing here passes or fails on time.
#
#   sh bench/ocr.sh [corpus] [max-pages]     default samples/corpus, 40 pages
#   VERBOSE=1 sh bench/ocr.sh                 also the CER of every page
#
#  1. pages/s of zizhi-read -j cores (no cache) vs the limit: one
#     OMP_THREAD_LIMIT=1 tesseract process per core over the pages
#     (xargs -P)                                              [>= 0.95]
#  2. the same vs the naive loop: tesseract per page, default threading
#                                                             [>= 3]
#  3. a second zizhi-read of the same case (cache) vs the first [>= 50]
#  4. peak RSS of a worker on these pages                     [<= 250 MB]
#  5. CER of zizhi-read vs raw tesseract on the same pages    [lower]
#  6. if ocrmypdf is installed: the corpus's scanned PDFs, zizhi-read vs
#     ocrmypdf -j cores --sidecar, throughput                 [>= 1.5]
# Needs tesseract, pdftoppm, xmllint, GNU time (/usr/bin/time).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$top/samples/corpus}
max=${2:-40}
cores=$(nproc)
export ZIZHI_CONFIG="${ZIZHI_CONFIG:-$top/config}" ZIZHI_NO_PROGRESS=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/pages"
now() { date +%s.%N; }
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }

# the scanned pages of the corpus, each as an image file, with its truth
k=0
for truth in "$corpus"/*.truth.xml; do
	sub=$(xmllint --xpath 'string(/truth/submission/@file)' "$truth")
	case=$("$top/bin/zizhi-unpack" -q -s "$tmp/spool" "$corpus/$sub")
	n=$(xmllint --xpath 'count(/truth/document[starts-with(@form,"scan-")])' "$truth")
	i=1
	while [ "$i" -le "$n" ] && [ "$k" -lt "$max" ]; do
		doc="(/truth/document[starts-with(@form,'scan-')])[$i]"
		sha=$(xmllint --xpath "string($doc/@sha256)" "$truth")
		form=$(xmllint --xpath "string($doc/@form)" "$truth")
		file=$case/$(xmllint --xpath "string(/case/file[@sha256='$sha']/@path)" "$case/case.xml")
		[ "$form" != scan-pdf ] || cp "$file" "$tmp/pdf-$k.pdf"
		pages=$(xmllint --xpath "string($doc/@pages)" "$truth")
		p=1
		while [ "$p" -le "$pages" ] && [ "$k" -lt "$max" ]; do
			k=$((k + 1))
			out=$(printf '%s/pages/%03d' "$tmp" "$k")
			dpi=$(xmllint --xpath "string($doc/page[$p]/@dpi)" "$truth")
			case $form in
			scan-pdf) pdftoppm -r "$dpi" -png -f "$p" -l "$p" -singlefile "$file" "$out" ;;
			scan-tiff) "$top/bin/zizhi-score" --tiff-page "$file" "$((p - 1))" "$out.png" ;;
			*) cp "$file" "$out.${file##*.}" ;;
			esac
			xmllint --xpath "string($doc/page[$p]/text)" "$truth" >"$out.ref"
			echo "$(basename "$truth" .truth.xml) ${file#$case/} p$p" >>"$tmp/pages.txt"
			p=$((p + 1))
		done
		i=$((i + 1))
	done
done
npages=$(ls "$tmp"/pages/*.ref | wc -l)
echo "pages: $npages scanned pages from $corpus, $cores cores"

# 1. zizhi-read on a case made of exactly these pages
mkdir -p "$tmp/in" && cp "$tmp"/pages/[0-9]*.[a-z]* "$tmp/in/" && rm -f "$tmp"/in/*.ref
rc=$("$top/bin/zizhi-unpack" -q -s "$tmp/spool" "$tmp/in")
t0=$(now)
/usr/bin/time -f %M -o "$tmp/rss" "$top/bin/zizhi-read" -q -f -s "$tmp/spool" "$rc" >/dev/null
t1=$(now)
ours=$(awk "BEGIN { print $t1 - $t0 }")
t0=$(now)
"$top/bin/zizhi-read" -q -f -s "$tmp/spool" "$rc" >/dev/null
t1=$(now)
cached=$(awk "BEGIN { print $t1 - $t0 }")
# 2. the limit and the naive CLI on the same images
imgs=$(ls "$tmp"/in/*)
t0=$(now)
echo "$imgs" | OMP_THREAD_LIMIT=1 xargs -P "$cores" -I{} tesseract {} {}.lim -l chi_sim+eng >/dev/null 2>&1
t1=$(now)
limit=$(awk "BEGIN { print $t1 - $t0 }")
t0=$(now)
for f in $imgs; do tesseract "$f" "$f.naive" -l chi_sim+eng >/dev/null 2>&1; done
t1=$(now)
naive=$(awk "BEGIN { print $t1 - $t0 }")
rm -rf "$tmp/spool/ocr-cache"
pps() { awk "BEGIN { printf \"%.2f\", $npages / $1 }"; }
printf 'zizhi-read -j %d: %s pages/s   limit (tesseract xargs -P %d, 1 thread): %s   naive CLI: %s\n' \
	"$cores" "$(pps "$ours")" "$cores" "$(pps "$limit")" "$(pps "$naive")"
printf 'ratio vs limit: %s [>= 0.95]   vs naive: %s [>= 3]\n' "$(ratio "$limit" "$ours")" \
	"$(ratio "$naive" "$ours")"
printf 'second run (cached): %.2fs vs %.2fs: %sx faster [>= 50]\n' "$cached" "$ours" \
	"$(ratio "$ours" "$cached")"
printf 'peak RSS (zizhi-read and its workers): %d MB [<= 250]\n' $(($(cat "$tmp/rss") / 1024))

# 5. CER, ours and raw tesseract's, page by page (the page's origin in
#    the corpus is in pages.txt)
e1=0 e2=0 n=0
for ref in "$tmp"/pages/*.ref; do
	b=$(basename "$ref" .ref)
	img=$(ls "$tmp"/in/"$b".* | head -n 1)
	fid=$(xmllint --xpath "string(/case/file[contains(@path,'/$b.')]/@id)" "$rc/case.xml")
	cat "$rc"/read/"$fid"/p*.txt >"$tmp/ours.txt" 2>/dev/null || : >"$tmp/ours.txt"
	set -- $("$top/bin/zizhi-score" --cer "$ref" "$tmp/ours.txt")
	e1=$((e1 + $1)) n=$((n + $2)) ours=$1 len=$2
	set -- $("$top/bin/zizhi-score" --cer "$ref" "$img.lim.txt")
	e2=$((e2 + $1))
	[ -z "${VERBOSE:-}" ] || printf 'page %s (%s): CER zizhi-read %.3f  tesseract %.3f\n' "$b" \
		"$(sed -n "${b#0}p" "$tmp/pages.txt")" "$(awk "BEGIN { print $ours / $len }")" \
		"$(awk "BEGIN { print $1 / $len }")"
done
printf 'CER zizhi-read: %.3f   raw tesseract: %.3f   over %d characters [lower]\n' \
	"$(awk "BEGIN { print $e1 / $n }")" "$(awk "BEGIN { print $e2 / $n }")" "$n"

# 6. whole scanned PDFs against OCRmyPDF
if command -v ocrmypdf >/dev/null && ls "$tmp"/pdf-*.pdf >/dev/null 2>&1; then
	mkdir -p "$tmp/pdfs" && mv "$tmp"/pdf-*.pdf "$tmp/pdfs/"
	np=0
	for f in "$tmp"/pdfs/*.pdf; do np=$((np + $(pdfinfo "$f" | awk '/^Pages:/ { print $2 }'))); done
	pc=$("$top/bin/zizhi-unpack" -q -s "$tmp/spool" "$tmp/pdfs")
	t0=$(now)
	"$top/bin/zizhi-read" -q -f --no-cache -s "$tmp/spool" "$pc" >/dev/null
	t1=$(now)
	zr=$(awk "BEGIN { print $t1 - $t0 }")
	t0=$(now)
	for f in "$tmp"/pdfs/*.pdf; do
		ocrmypdf -q -j "$cores" -l chi_sim+eng --sidecar "$f.txt" "$f" "$f.ocr.pdf" 2>/dev/null ||
			echo "bench: ocrmypdf failed on $f" >&2
	done
	t1=$(now)
	om=$(awk "BEGIN { print $t1 - $t0 }")
	printf 'scanned PDFs (%d pages): zizhi-read %.2f pages/s   ocrmypdf -j %d: %.2f pages/s   ratio %s [>= 1.5]\n' \
		"$np" "$(awk "BEGIN { print $np / $zr }")" "$cores" "$(awk "BEGIN { print $np / $om }")" \
		"$(ratio "$om" "$zr")"
fi
