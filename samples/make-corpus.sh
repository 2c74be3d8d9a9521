#!/bin/sh
# samples/make-corpus.sh [DIR] - the committed sample set (samples/corpus by
# default) made again from its seeds, small files. Its archives are dated
# SOURCE_DATE_EPOCH (CORPUS_DATE, here), so it regenerates byte for byte:
# make corpus runs this, and tests/0080-samples.t checks it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/samples/corpus}
gen=${ZIZHI_SAMPLEGEN:-$top/bin/zizhi-samplegen}
CORPUS_DATE=1796428800 # 2026-12-05T00:00:00Z
SOURCE_DATE_EPOCH=$CORPUS_DATE
export SOURCE_DATE_EPOCH
rm -rf "$out"
mkdir -p "$out"
"$gen" -s 2026 --small --pack iso --scenario eligible -n 1 -o "$out"
"$gen" -s 2026 --small --pack zip --scenario eligible,supplement --first 2 -n 1 -o "$out"
