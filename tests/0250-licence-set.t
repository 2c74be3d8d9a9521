#!/bin/sh
# The licence set (zizhi-samplegen --licence-set): images with a truth
# table in the real development set's format, the same from a seed however
# the indexes are split, codes that pass their checks, empty cells where a
# licence has no such line, images that are what the notes say. No OCR.
. "$(dirname "$0")/lib.sh"

fc-list :lang=zh family | grep -q . || skip_all "no CJK fonts (fonts-noto-cjk)"

# the rows with | between the cells: a tab is white space to read, and
# two tabs in a row would be one
rows() { tail -n +2 set/truth.tsv | tr "\t" "|"; }

# prints "FILE W H NOTES" for each row, from the image itself
sizes() {
	rows | while IFS="|" read -r f u n t cr cy e l notes reg; do
		wh=$(file -b "set/$f" | sed -n "s/.*[ ,]\([0-9][0-9]*\) *x *\([0-9][0-9]*\)[,;].*/\1 \2/p")
		echo "$f $wh $notes"
	done
}

test_expect_success 'twelve images, a row each, the real set'"'"'s columns and reg_no' '
	zizhi-samplegen --licence-set --small -n 12 -s 3 -o set >list &&
	test $(wc -l <list) = 12 &&
	test $(ls set/images | wc -l) = 12 &&
	printf "file\tuscc\tname\ttype\tcapital_raw\tcapital_yuan\testablished\tlegal_rep\tnotes\treg_no\n" >want &&
	head -n 1 set/truth.tsv >got && test_cmp want got &&
	test $(tail -n +2 set/truth.tsv | wc -l) = 12 &&
	awk -F "\t" "NF != 10 { print NR \": \" NF \" columns\"; bad = 1 } END { exit bad }" set/truth.tsv &&
	tail -n +2 set/truth.tsv | cut -f1 | while read -r f; do test -s "set/$f" || return 1; done
'

test_expect_success 'the same set from a split of the indexes, in parallel' '
	seq 1 12 | xargs -P2 -I{} zizhi-samplegen --licence-set --small --first {} -n 1 -s 3 -o split >/dev/null &&
	test_cmp set/truth.tsv split/truth.tsv &&
	for f in set/images/*; do cmp "$f" "split/images/${f##*/}" || return 1; done
'

test_expect_success 'every USCC and every 注册号 passes its check; one or the other' '
	rows | while IFS="|" read -r f u n t cr cy e l notes reg; do
		{ test -z "$u" || uscc "$u"; } &&
		{ test -z "$reg" || uscc -r "$reg"; } &&
		case "$u:$reg:$notes" in
		?*:?*:*) echo "$f: both a USCC and a 注册号"; return 1 ;;
		::*redacted=*uscc*) ;;
		::*) echo "$f: neither a USCC nor a 注册号"; return 1 ;;
		esac || return 1
	done &&
	# a digit changed is caught
	reg=$(tail -n +2 set/truth.tsv | cut -f10 | grep . | head -n 1) &&
	test -n "$reg" &&
	test_expect_code 1 uscc -r "${reg%?}$(( (${reg#${reg%?}} + 1) % 10 ))" >/dev/null
'

test_expect_success 'empty where the licence has no such line' '
	rows | while IFS="|" read -r f u n t cr cy e l notes reg; do
		case "$notes" in
		*kind=individual*|*kind=branch*|*shenzhen*)
			test -z "$cr$cy" || { echo "$f: a capital on a licence without the line"; return 1; } ;;
		esac
		case "$notes" in
		*style=old-*|*style=shenzhen-old*)
			test -z "$u" && test -n "$reg" || { echo "$f: an old licence has a 注册号 only"; return 1; } ;;
		esac
		case "$notes" in
		*kind=individual*style=shenzhen-old*|*style=shenzhen-old*kind=individual*) test -z "$t" ;;
		*kind=individual*) test "$t" = 个体工商户 ;;
		esac || { echo "$f: type $t"; return 1; }
		{ test -z "$cr$cy" || { test -n "$cr" && test -n "$cy"; }; } ||
			{ echo "$f: capital_raw and capital_yuan disagree"; return 1; }
		expr "$e" : "[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]\$" >/dev/null || return 1
		test -n "$n" || return 1
	done
'

test_expect_success 'a capital in digits says the same number of yuan' '
	tail -n +2 set/truth.tsv | awk -F "\t" "
		\$5 ~ /^(人民币)?[0-9.]+万(元|人民币)/ {
			v = \$5; sub(/^人民币/, \"\", v); sub(/万.*/, \"\", v)
			if (sprintf(\"%.0f\", v * 10000) != \$6) { print \$1 \": \" \$5 \" is not \" \$6; bad = 1 }
		}
		END { exit bad }"
'

test_expect_success 'images decode, at the size and turn the notes give' '
	sizes >sizes &&
	test $(wc -l <sizes) = 12 &&
	while read -r f w h notes; do
		imgconv decoded.png "set/$f" || { echo "$f does not decode"; return 1; }
		case "$notes" in *"size=${w}x${h} "*) ;; *) echo "$f is ${w}x$h: $notes"; return 1 ;; esac
		case "$notes" in *screen*) continue ;; esac
		case "$notes" in
		*style=new-landscape*|*style=e-licence*|*style=old-legal*|*style=shenzhen-old*) wide=1 ;;
		*) wide=0 ;;
		esac
		case "$notes" in *rot=90*|*rot=270*) wide=$((1 - wide)) ;; esac
		if [ $wide = 1 ]; then test "$w" -gt "$h"; else test "$h" -gt "$w"; fi ||
			{ echo "$f: ${w}x$h, not as $notes"; return 1; }
	done <sizes
'

test_done
