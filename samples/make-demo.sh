#!/bin/sh
# The README's demo: every stage there is on the committed sample
# submissions (samples/corpus), cases kept in var/spool, then each case
# scored against its ground truth.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
echo "make-demo: running the pipeline on samples/corpus" >&2
ZIZHI_SPOOL=var/spool sh bench/accuracy.sh samples/corpus
for c in var/spool/cases/*/; do
	for x in case.xml:case.rng read/read.xml:read.rng extract/extract.xml:extract.rng \
		report.xml:report.rng; do
		f=${x%%:*} rng=${x#*:}
		[ -e "$c/$f" ] || continue
		xmllint --noout --relaxng "config/schema/$rng" "$c/$f" 2>/dev/null ||
			{ echo "make-demo: $c/$f does not validate" >&2; exit 1; }
	done
done
# what the people see: the panel's page and the 补充资料 letter of each
# case, and the reviewers' list
mkdir -p var/reports
for c in var/spool/cases/*/; do
	[ -e "$c/report.xml" ] || continue
	id=$(basename "$c")
	bin/zizhi report --format html "$c" >"var/reports/$id.html"
	bin/zizhi report --format letter "$c" >"var/reports/$id.letter.txt"
	[ -s "var/reports/$id.letter.txt" ] || rm -f "var/reports/$id.letter.txt"
done
echo "make-demo: HTML reports and letters in var/reports/; the review list:" >&2
ZIZHI_DB=var/zizhi.db bin/zizhi review >&2
echo "make-demo: to review these cases in a browser: make station (or make demo STATION=1), then open" >&2
echo "make-demo: http://127.0.0.1:8080/ (it prints the account's password on first use)" >&2
