#!/bin/sh
# seeds.sh - the fuzz harnesses' starting corpora from what the project
# has: the sample submissions and the Word and Excel files inside them,
# small archives of every kind made here, the configuration files, the
# normalisers' table of cases, the ALTO pages of the fixture case, the
# scans and PDFs of the sample ZIP and hostile ones (tests/tools/hostile),
# and the hand-made seeds and regressions committed under tests/fuzz/.
#   sh tests/fuzz/seeds.sh OUTDIR HARNESS...
# Each harness gets OUTDIR/HARNESS/; seeds are added to what runs found.
set -eu
out=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zizhi-seeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
have() { command -v "$1" >/dev/null 2>&1; }

# seed DIR FILE...: copied under their content's hash, so a rerun adds
# nothing twice
seed() {
	d=$1
	shift
	for f; do
		[ -f "$f" ] || continue
		sum=$(sha1sum <"$f" | cut -c1-16)
		cp "$f" "$d/seed-$sum"
	done
}

# the Word and Excel files of the sample ZIP (GBK names: bsdtar keeps bytes)
mkdir -p "$tmp/zip"
(cd "$tmp/zip" && bsdtar -xf "$top/samples/corpus/case-0002-supplement.zip") 2>/dev/null || :

for h; do
	d=$out/$h
	mkdir -p "$d"
	[ -d "$top/tests/fuzz/seeds/$h" ] && seed "$d" "$top/tests/fuzz/seeds/$h"/*
	[ -d "$top/tests/fuzz/regressions/$h" ] && seed "$d" "$top/tests/fuzz/regressions/$h"/*
	case $h in
	unpack)
		seed "$d" "$top"/samples/corpus/*.zip
		# one of each kind, small: a nested ZIP, tar, cpio, 7z, ISO
		m=$tmp/mk
		rm -rf "$m" && mkdir -p "$m/a/b"
		printf '注册资本：1200万元\n' >"$m/a/b/note.txt"
		printf 'x' >"$m/a/one"
		(cd "$m" && have zip && zip -qr inner.zip a && zip -q outer.zip inner.zip a/one) || :
		(cd "$m" && bsdtar -cf t.tar a && bsdtar --format cpio -cf t.cpio a &&
			bsdtar --format 7zip -cf t.7z a && bsdtar --format iso9660 -cf t.iso a &&
			bsdtar -czf t.tgz a) 2>/dev/null || :
		seed "$d" "$m"/*.zip "$m"/t.*
		;;
	docx | xlsx)
		# the files, and their XML parts apart at NULs (see fuzz_ooxml.h)
		if [ $h = docx ]; then
			parts='word/document.xml word/_rels/document.xml.rels [Content_Types].xml'
		else
			parts='xl/worksheets/sheet1.xml xl/sharedStrings.xml xl/workbook.xml xl/_rels/workbook.xml.rels'
		fi
		find "$tmp/zip" "$top/tests/fuzz/seeds/$h" -name "*.$h" >"$tmp/list"
		while IFS= read -r f; do
			seed "$d" "$f"
			: >"$tmp/parts"
			for p in $parts; do
				[ -s "$tmp/parts" ] && printf '\0' >>"$tmp/parts"
				unzip -p "$f" "$p" >>"$tmp/parts" 2>/dev/null || :
			done
			seed "$d" "$tmp/parts"
		done <"$tmp/list"
		;;
	documents | pipeline)
		seed "$d" "$top/config/$h.xml"
		;;
	rules)
		seed "$d" "$top"/config/rules/*.xml
		;;
	alto)
		seed "$d" $(find "$top/tests/fuzz/data/case/read" -name '*.alto.xml')
		;;
	image | pdf)
		find "$tmp/zip" -type f -name "*.$([ $h = pdf ] && echo pdf || echo jpg)" >"$tmp/list"
		while IFS= read -r f; do seed "$d" "$f"; done <"$tmp/list"
		hs="$top/tests/tools/hostile"
		if [ -x "$hs" ]; then
			m=$tmp/h && rm -rf "$m" && mkdir -p "$m"
			if [ $h = image ]; then
				"$hs" tiff-pages "$m/pages.tif" 3 && "$hs" tiff-loop "$m/loop.tif" &&
					"$hs" tiff-tall "$m/tall.tif" 100 100 &&
					"$hs" jpeg-bomb "$m/bomb.jpg" 64 64 && "$hs" png-bomb "$m/small.png" 64 64 300
			else
				"$hs" pdf-pages "$m/pages.pdf" 2 && "$hs" pdf-loop "$m/loop.pdf" &&
					"$hs" pdf-encrypted "$m/locked.pdf" && "$hs" pdf-dag "$m/dag.pdf" 2
			fi
			seed "$d" "$m"/*
		fi
		;;
	normal)
		# the inputs of the table in tests/0100-normalise.t, one a file
		awk -F '\t' '/^cat >table/ { on = 1; next } on && /^EOF/ { exit }
			on && !/^#/ && NF >= 2 { print $2 }' "$top/tests/0100-normalise.t" |
			while IFS= read -r line; do
				printf '%s' "$line" >"$tmp/n"
				seed "$d" "$tmp/n"
			done
		;;
	*)
		echo "seeds.sh: no such harness: $h" >&2
		exit 2
		;;
	esac
	echo "seeds.sh: $h: $(ls "$d" | wc -l) inputs in $d" >&2
done
