#!/bin/sh
# bench/unpack.sh - unpack throughput of zizhi-unpack against bsdtar -x on
# the same disc image, run side by side (alternating, warm cache), printed
# as a ratio. Not a test: nothing here passes or fails on time.
#
#   sh bench/unpack.sh [MB] [runs]     defaults: 256 MB, 5 runs each
#   BENCH_DIR=/dev/shm/x sh bench/unpack.sh   in memory: CPU cost only
#
# The image is like a real application disc: a few large scans, many small
# documents, Chinese Joliet names. zizhi-unpack does more than bsdtar: it
# hashes the input to name the case, hashes and types every file, writes
# case.xml and syncs the case to disk before publishing it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-256}
runs=${2:-5}
work=${BENCH_DIR:-$top/bench/out}
rm -rf "$work"
mkdir -p "$work/disc"
export ZIZHI_CONFIG="$top/config" ZIZHI_NO_PROGRESS=1

big=$((mb * 3 / 4 / 8)) # MB per large scan; 8 of them hold 3/4 of the data
i=1
while [ $i -le 8 ]; do
	mkdir -p "$work/disc/附件5-审计报告/$((2020 + i))年度"
	head -c "${big}M" /dev/urandom >"$work/disc/附件5-审计报告/$((2020 + i))年度/审计报告扫描件.pdf"
	i=$((i + 1))
done
small=$((mb * 1024 / 4 / 64)) # 64 KB files for the rest
i=1
while [ $i -le "$small" ]; do
	d="$work/disc/附件6-CISP证书/第$((i / 100))组"
	mkdir -p "$d"
	head -c 65536 /dev/urandom >"$d/CISP证书-$i.jpg"
	i=$((i + 1))
done
xorriso -as mkisofs -quiet --norock -J -joliet-long -input-charset utf-8 \
	-o "$work/disc.iso" "$work/disc" 2>/dev/null
rm -rf "$work/disc"
size=$(stat -c %s "$work/disc.iso")
files=$((8 + small))

now() { date +%s.%N; }
zt=""
bt=""
r=1
while [ $r -le "$runs" ]; do
	rm -rf "$work/spool" "$work/tar"
	mkdir -p "$work/tar"
	sync
	t0=$(now)
	"$top/bin/zizhi-unpack" -q -s "$work/spool" "$work/disc.iso" >/dev/null
	t1=$(now)
	n=$(find "$work/spool/cases" -path '*/files/*' -type f | wc -l)
	[ "$n" -eq "$files" ] || { echo "bench: zizhi-unpack wrote $n files, not $files" >&2; exit 1; }
	rm -rf "$work/spool"
	sync
	t2=$(now)
	bsdtar -xf "$work/disc.iso" -C "$work/tar"
	t3=$(now)
	z=$(awk "BEGIN { print $t1 - $t0 }")
	b=$(awk "BEGIN { print $t3 - $t2 }")
	printf 'run %d: zizhi-unpack %.2fs  bsdtar -x %.2fs\n' "$r" "$z" "$b"
	zt="$zt $z"
	bt="$bt $b"
	r=$((r + 1))
done
rm -rf "$work/spool" "$work/tar"
median() { echo "$@" | tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mz=$(median $zt)
mbt=$(median $bt)
mb_real=$(awk "BEGIN { print $size / 1048576 }")
printf 'image: %.0f MB, %d files, in %s; median of %d runs\n' "$mb_real" "$files" "$work" "$runs"
printf 'zizhi-unpack: %6.1f MB/s (%.2fs)\n' "$(awk "BEGIN { print $mb_real / $mz }")" "$mz"
printf 'bsdtar -x:    %6.1f MB/s (%.2fs)\n' "$(awk "BEGIN { print $mb_real / $mbt }")" "$mbt"
printf 'ratio (zizhi-unpack / bsdtar -x throughput): %.2f\n' "$(awk "BEGIN { print $mbt / $mz }")"
