#!/bin/sh
# bench/accuracy.sh - run the pipeline over a corpus of generated cases
# and score each against its ground truth (zizhi-score): documents found,
# and, as the stages come, verdict, rule and field accuracy, false
# "eligible" and false "ineligible" counts and time per case.
#
#   sh bench/accuracy.sh [corpus]        default samples/corpus
#   ZIZHI_SPOOL=var/spool sh bench/accuracy.sh   keep the cases
#   VERBOSE=1 sh bench/accuracy.sh             also the CER of every page
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$top/samples/corpus}
export ZIZHI_CONFIG="${ZIZHI_CONFIG:-$top/config}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
spool=${ZIZHI_SPOOL:-$tmp/spool}
: >"$tmp/times"
set --
for truth in "$corpus"/*.truth.xml; do
	[ -e "$truth" ] || { echo "accuracy: no *.truth.xml in $corpus" >&2; exit 2; }
	sub=$(xmllint --xpath 'string(/truth/submission/@file)' "$truth")
	t0=$(date +%s.%N)
	case=$("$top/bin/zizhi" run -s "$spool" "$corpus/$sub" | tail -n 1) || true
	# the 补充资料 the applicant sent later joins the case, as the inbox does
	drop=$(xmllint --xpath 'string(/truth/supplement/@file)' "$truth")
	if [ -n "$case" ] && [ -n "$drop" ] && [ -e "$corpus/$drop" ]; then
		"$top/bin/zizhi" run -s "$spool" --join "$case" "$corpus/$drop" >/dev/null || true
	fi
	t1=$(date +%s.%N)
	awk "BEGIN { print $t1 - $t0 }" >>"$tmp/times"
	[ -n "$case" ] || case="$spool/cases/none"
	set -- "$@" "$truth" "$case"
done
"$top/bin/zizhi-score" ${VERBOSE:+-v} -t "$tmp/times" "$@"
