#!/bin/sh
# models/train/licences.sh - the money model on the 注册资本 of real
# licences, beside chi_sim's reading of the same place: a check, not a
# test (the images are in ../shared and never come into the project).
#
#   sh models/train/licences.sh SPOOL RUNS [SET]    MODELS=DIR: another model
#
# RUNS has a line FILE<TAB>CASEDIR for each licence image of SET (default
# ../shared/corpus/real-licences) already through zizhi-unpack and
# zizhi-read into SPOOL. On each page the line whose words spell 注册资本
# (or 注册资金) is found in the read stage's ALTO; the value is the text
# to its right on the same band (the ALTO lines there, or 9 label heights
# when chi_sim found none). chi_sim's words there, and zz_money_read of
# the value's box and of the label and value together, are normalised
# (zz_norm_money, label dropped) and compared with the truth's
# capital_yuan. Prints a line per licence and the totals.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
spool=$1 runs=$2
models=${MODELS:-$top/config/models}
set_dir=${3:-$top/../shared/corpus/real-licences}
export PATH="$top/bin:$top/tests/tools:$PATH" LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# LABEL_BOX VALUE_BOX CHI_TEXT of the capital line of an ALTO page, or
# nothing (one ALTO element a line, attributes in a fixed order)
capital_boxes() {
	awk '
	function attr(name,   s) {
		if (!match($0, " " name "=\"[^\"]*\""))
			return ""
		return substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
	}
	/<TextLine / { n++; lx[n] = attr("HPOS") + 0; ly[n] = attr("VPOS") + 0
	               lw[n] = attr("WIDTH") + 0; lh[n] = attr("HEIGHT") + 0; t[n] = "" }
	/<String / { t[n] = t[n] attr("CONTENT") }
	END {
		for (i = 1; i <= n; i++)
			if (t[i] ~ /注册资本|注册资金/) break
		if (i > n) exit 0
		x0 = lx[i]; y0 = ly[i]; x1 = lx[i] + lw[i]; y1 = ly[i] + lh[i]; h = lh[i]
		mid = y0 + h / 2; vx0 = vy0 = -1; vx1 = vy1 = 0; text = ""
		# the label line may hold the value already: then it is its own
		sub(/.*(注册资本|注册资金)(:|：)?/, "", t[i])
		for (j = 1; j <= n; j++) {
			if (j == i || lx[j] < x1 - h / 2 || lx[j] > x1 + 9 * h) continue
			if (ly[j] > mid || ly[j] + lh[j] < mid) continue
			if (vx0 < 0 || lx[j] < vx0) vx0 = lx[j]
			if (lx[j] + lw[j] > vx1) vx1 = lx[j] + lw[j]
			if (vy0 < 0 || ly[j] < vy0) vy0 = ly[j]
			if (ly[j] + lh[j] > vy1) vy1 = ly[j] + lh[j]
			text = text t[j]
		}
		if (vx0 < 0) { vx0 = x1 + h / 4; vx1 = x1 + 9 * h; vy0 = y0; vy1 = y1 }
		else if (vy0 > y0) vy0 = y0
		if (vy1 < y1) vy1 = y1
		m = int(h / 5)
		printf "%d %d %d %d\t%d %d %d %d\t%s\n", x0 - m, vy0 - m, vx1 - x0 + 2 * m, vy1 - vy0 + 2 * m,
		       vx0 - m, vy0 - m, vx1 - vx0 + 2 * m, vy1 - vy0 + 2 * m, t[i] text
	}' "$1"
}

yuan() {
	printf 'money\t%s\n' "$(printf '%s' "$1" | sed 's/^[注册资本金出额实收 ：:]*//')" | norm | cut -f3
}

printf '%-22s %-12s %-26s %-26s %s\n' file truth chi_sim zzmoney "zzmoney (label+value)"
found=0 chi=0 zz=0 zzl=0 total=0
while IFS="	" read -r file case; do
	[ -n "$case" ] && [ -d "$case" ] || continue
	want=$(awk -F'\t' -v f="$file" '$1 == f { print $6 }' "$set_dir/truth.tsv")
	[ -n "$want" ] || continue # no 注册资本 on it (个体工商户)
	total=$((total + 1))
	img=$(xmllint --xpath 'string(//page[1]/@image)' "$case/read/read.xml")
	alto=$(xmllint --xpath 'string(//page[1]/@alto)' "$case/read/read.xml")
	capital_boxes "$case/$alto" >"$tmp/b"
	if [ ! -s "$tmp/b" ]; then
		printf '%-22s %-12s (no 注册资本 line read)\n' "${file##*/}" "$want"
		continue
	fi
	found=$((found + 1))
	IFS="	" read -r lbox vbox ctext <"$tmp/b"
	cv=$(yuan "$ctext")
	zt=$(moneyread -d "$models" "$case/$img" $vbox | cut -f1)
	zv=$(yuan "$zt")
	lt=$(moneyread -d "$models" "$case/$img" $lbox | cut -f1)
	lv=$(yuan "$lt")
	[ "$cv" = "$want" ] && chi=$((chi + 1))
	[ "$zv" = "$want" ] && zz=$((zz + 1))
	[ "$lv" = "$want" ] && zzl=$((zzl + 1))
	printf '%-22s %-12s %-26s %-26s %s\n' "${file##*/}" "$want" "$ctext=$cv" "$zt=$zv" "$lt=$lv"
done <"$runs"
echo "licences with a 注册资本: $total; its line found by the read stage: $found"
echo "amount right: chi_sim $chi, zzmoney (value box) $zz, zzmoney (label and value) $zzl"
