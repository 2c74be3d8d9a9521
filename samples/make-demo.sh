#!/bin/sh
# Packs samples/demo as a GBK-named ZIP (with a ZIP inside) and as a Joliet
# disc image, then runs the pipeline on the folder, the ZIP and the disc.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
gen="$top/samples/generated"
rm -rf "$gen"
mkdir -p "$gen/gbk"

# copy the tree with every name converted to GBK, as on Chinese Windows
(cd "$top/samples/demo" && find . -mindepth 1 | sort) | while IFS= read -r p; do
	q=$(printf '%s' "$p" | iconv -f UTF-8 -t GBK)
	if [ -d "$top/samples/demo/$p" ]; then mkdir -p "$gen/gbk/$q"
	else cp "$top/samples/demo/$p" "$gen/gbk/$q"; fi
done
cd "$gen/gbk"
certs=$(printf '%s' '附件6-CISP证书' | iconv -f UTF-8 -t GBK)
LC_ALL=C zip -q -r "$gen/certs.zip" "$certs"
rm -rf "$certs"
mv "$gen/certs.zip" "./$certs.zip"
LC_ALL=C zip -q -r "$gen/demo.zip" .
cd "$top"
rm -rf "$gen/gbk"
xorriso -as mkisofs -quiet --norock -J -joliet-long -input-charset utf-8 \
	-V ZIZHI_DEMO -o "$gen/demo.iso" samples/demo 2>/dev/null

echo "make-demo: running the pipeline on the samples" >&2
status=0
bin/zizhi run samples/demo "$gen/demo.zip" "$gen/demo.iso" || status=$?
for c in $(ls -d var/spool/cases/*/); do
	xmllint --noout --relaxng config/schema/case.rng "$c/case.xml" 2>/dev/null ||
		{ echo "make-demo: $c/case.xml does not validate" >&2; status=1; }
done
exit $status
