#!/bin/sh
# Generated licences of every style (scans, thumbnails, phone photos,
# watermarks, seals over the text) read by unpack, read and extract, and
# scored against their truth by zizhi-licscore as bench/licences.sh scores
# the real set: no value wrong and sure, none sure where the licence has
# no such line, and a floor under the share read right, so a change that
# loses the reading of a layout fails here before the benchmark. The
# floor sits well below what is read today (about half); accuracy itself
# is judged by the benchmark on real images, not here. An accuracy test:
# not run again under valgrind or the sanitizers.
. "$(dirname "$0")/lib.sh"

fc-list :lang=zh family | grep -q . || skip_all "no CJK fonts (fonts-noto-cjk)"
test -n "$SANITIZED" && skip_all "OCR accuracy, not memory: run natively only"

# each image through the stages that read a licence; a RUNS line for it
# as bench/licences.sh writes them, without times or tesseract's text
read_set() {
	: >runs &&
	tail -n +2 set/truth.tsv | cut -f1 | while read -r f; do
		case=$(zizhi-unpack -q -f "set/$f" | zizhi-read -q -f -j 1 --no-cache |
			zizhi-extract -q -f | tail -n 1)
		printf "%s\t%s\t0\t0\t0\t0\t/dev/null\n" "$f" "${case:--}" >>runs
	done
}

test_expect_success 'eight licences of all styles: read, none wrong and sure' '
	zizhi-samplegen --licence-set --small -n 8 -s 5 -o set >/dev/null &&
	read_set && test $(wc -l <runs) = 8 &&
	zizhi-licscore -v set/truth.tsv runs >score &&
	cat score &&
	# a value marked ! was reported sure (confidence >= 0.9, status ok)
	! grep -q "!" score &&
	awk "\$1 == \"all\" { split(\$2, r, \"/\"); n = r[2]; ok = r[1]; sure = \$4 }
		END { exit !(n >= 30 && sure == 0 && ok * 100 >= 35 * n) }" score
'

test_expect_success 'every image taken for a licence, none for another document' '
	awk "NF && \$1 ~ /^gen-/ && \$2 != \"business-licence\" { bad = 1; print }
		END { exit bad }" score
'

test_done
