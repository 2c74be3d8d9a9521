#!/bin/sh
# bench/ocr-baseline.sh - character error rate of the raw tesseract CLI on
# every scanned page of a corpus, against the text the generator drew: the
# baseline the read stage must beat. Prints per page and overall.
#
#   sh bench/ocr-baseline.sh [corpus]    default samples/corpus
# Scanned PDFs are rasterised with pdftoppm at the resolution they were
# scanned at; text-layer PDFs and office files are not OCR's work.
# Needs tesseract-ocr (chi_sim, eng), poppler-utils and xmllint.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$top/samples/corpus}
export ZIZHI_CONFIG="${ZIZHI_CONFIG:-$top/config}" OMP_THREAD_LIMIT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total_e=0
total_n=0
for truth in "$corpus"/*.truth.xml; do
	sub=$(xmllint --xpath 'string(/truth/submission/@file)' "$truth")
	case=$("$top/bin/zizhi-unpack" -q -s "$tmp/spool" "$corpus/$sub")
	n=$(xmllint --xpath 'count(/truth/document[starts-with(@form,"scan-")])' "$truth")
	i=1
	while [ "$i" -le "$n" ]; do
		doc="(/truth/document[starts-with(@form,'scan-')])[$i]"
		sha=$(xmllint --xpath "string($doc/@sha256)" "$truth")
		form=$(xmllint --xpath "string($doc/@form)" "$truth")
		pages=$(xmllint --xpath "string($doc/@pages)" "$truth")
		file=$(xmllint --xpath "string(/case/file[@sha256='$sha']/@path)" "$case/case.xml")
		rm -rf "$tmp/pg" && mkdir "$tmp/pg"
		case $form in
		scan-pdf) pdftoppm -r "$(xmllint --xpath "string($doc/page[1]/@dpi)" "$truth")" \
			-png "$case/$file" "$tmp/pg/p" ;;
		*) cp "$case/$file" "$tmp/pg/p-1.img" ;;
		esac
		# one text per page: a PDF gives one image a page, a TIFF one
		# tesseract output with pages split by form feeds
		p=0
		for img in $(ls "$tmp/pg" | sort -t- -k2 -n); do
			tesseract "$tmp/pg/$img" "$tmp/out" -l chi_sim+eng >/dev/null 2>&1 || : >"$tmp/out.txt"
			awk -v dir="$tmp/pg" -v first="$p" 'BEGIN { RS = "\f" }
				{ printf "%s", $0 > (dir "/hyp-" (first + NR)) }' "$tmp/out.txt"
			p=$((p + $(awk 'BEGIN { RS = "\f" } END { print NR }' "$tmp/out.txt")))
		done
		p=1
		while [ "$p" -le "$pages" ]; do
			xmllint --xpath "string($doc/page[$p]/text)" "$truth" >"$tmp/ref.txt"
			[ -f "$tmp/pg/hyp-$p" ] || : >"$tmp/pg/hyp-$p"
			set -- $("$top/bin/zizhi-score" --cer "$tmp/ref.txt" "$tmp/pg/hyp-$p")
			printf '%s  %s p%d  CER %.3f (%d/%d)\n' "$(basename "$truth" .truth.xml)" "$file" "$p" \
				"$(awk "BEGIN { print $2 ? $1 / $2 : 0 }")" "$1" "$2"
			total_e=$((total_e + $1))
			total_n=$((total_n + $2))
			p=$((p + 1))
		done
		i=$((i + 1))
	done
done
printf 'overall CER of raw tesseract (chi_sim+eng): %.3f over %d characters\n' \
	"$(awk "BEGIN { print $total_n ? $total_e / $total_n : 0 }")" "$total_n"
