#!/bin/sh
# bench/licences.sh - the pipeline on real licence images (one image per
# submission) against their hand-checked truth, and, side by side in the
# same run, the plain tesseract CLI on the same files: exact accuracy per
# field, wrong-but-sure values, values read where the licence has none,
# CPU seconds per image against tesseract's, and how often tesseract's raw
# text holds the true value at all. Not a test: nothing passes or fails.
#
#   sh bench/licences.sh [set]      default ../shared/corpus/real-licences
#   VERBOSE=1 sh bench/licences.sh  also each image's wrong fields
#   ZIZHI_SPOOL=DIR sh bench/licences.sh   keep the cases
#   ONLY='0008 0296' sh bench/licences.sh  some images only
#
# The set is a folder with images/ and truth.tsv (columns: file, uscc,
# name, type, capital_raw, capital_yuan, established, legal_rep, notes).
# Its images are never copied into the project. zizhi reads with one
# worker and no OCR cache; tesseract runs as a user would run it
# (`tesseract IMAGE - -l chi_sim`, its own threads); both are timed by
# CPU seconds (user + system), which do not depend on the other core.
# The CLI runs a second time on the page images zizhi read, as zizhi
# scaled them ("page s"): small print is enlarged before it is read, and
# this tells what is the reading of more pixels and what zizhi's own.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
set_dir=${1:-$top/../shared/corpus/real-licences}
if [ ! -f "$set_dir/truth.tsv" ]; then
	echo "licences: no real licence set at $set_dir (truth.tsv): skipped" >&2
	exit 0
fi
for t in tesseract /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "licences: $t is needed" >&2; exit 2; }
done
export ZIZHI_CONFIG="${ZIZHI_CONFIG:-$top/config}" ZIZHI_NO_PROGRESS=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
spool=${ZIZHI_SPOOL:-$tmp/spool}
: >"$tmp/runs"
cpu() { awk '{ printf "%.2f\t%.2f", $2 + $3, $1 }' "$1"; }

tail -n +2 "$set_dir/truth.tsv" | cut -f1 | while read -r file; do
	img=$set_dir/$file
	[ -f "$img" ] || continue
	if [ -n "${ONLY:-}" ]; then
		hit=
		for o in $ONLY; do case $file in *"$o"*) hit=1 ;; esac; done
		[ -n "$hit" ] || continue
	fi
	n=$(basename "$file")
	# the stages that read a licence: unpack, read (OCR), extract
	/usr/bin/time -f '%e %U %S' -o "$tmp/zz.time" sh -c '
		"$1/bin/zizhi-unpack" -q -f -s "$2" "$3" |
		"$1/bin/zizhi-read" -q -f -j 1 --no-cache -s "$2" |
		"$1/bin/zizhi-extract" -q -f -s "$2"' sh "$top" "$spool" "$img" \
		>"$tmp/case" 2>"$tmp/$n.err" || true
	case=$(tail -n 1 "$tmp/case")
	[ -n "$case" ] || case=-
	/usr/bin/time -f '%e %U %S' -o "$tmp/tess.time" \
		tesseract "$img" - -l chi_sim >"$tmp/$n.txt" 2>/dev/null || true
	# the CLI again on the page images zizhi read, as it scaled them
	# (its page segmentation mode): what reading those pixels costs
	page_cpu=0
	for pg in "$case"/read/*/p[0-9]*.jpg "$case"/read/*/p[0-9]*.png; do
		[ -f "$pg" ] || continue
		/usr/bin/time -f '%e %U %S' -o "$tmp/page.time" \
			tesseract "$pg" - -l chi_sim --psm 11 >/dev/null 2>&1 || true
		page_cpu=$(awk -v a="$page_cpu" '{ printf "%.2f", a + $2 + $3 }' "$tmp/page.time")
	done
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$case" "$(cpu "$tmp/zz.time")" \
		"$(cpu "$tmp/tess.time")" "$tmp/$n.txt" "$page_cpu" >>"$tmp/runs"
	printf '.' >&2
done
echo >&2
"$top/bin/zizhi-licscore" ${VERBOSE:+-v} "$set_dir/truth.tsv" "$tmp/runs"
