#!/bin/sh
# bench/cluster.sh - a batch over two hosts (zizhi-cluster: GNU parallel
# over SSH, zizhi run --no-load on each, one load here) against the same
# cases on one machine (zizhi run -j 2), side by side, as a ratio of wall
# times. Not a test: nothing here passes or fails on time.
#
#   sh bench/cluster.sh [N]        N generated cases (default 4), seed 1
#   BENCH_DIR=/dev/shm/x sh bench/cluster.sh
#
# The two "hosts" are sshd instances on 127.0.0.1 started here (root
# only: sshd's privilege separation), so on one box they share its cores:
# expect a ratio about 1.0, less the cost of ssh and parallel per case
# (also printed: a job that does nothing, through the same hosts). It can
# come out a little above 1: each host gives its case all the cores it
# sees (it thinks itself alone), so the two run twice the OCR workers of
# zizhi run -j 2, which keeps the cores busy while a case is in its
# single-threaded stages. On real machines the batch's time goes down
# with the number of hosts, the load on this host staying a second or so
# a case. Both runs read from nothing (each its own spool and OCR cache);
# their reports are compared.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-4}
work=${BENCH_DIR:-$top/bench/out}/cluster
[ "$(id -u)" -eq 0 ] || { echo "cluster: sshd runs here as root only" >&2; exit 2; }
[ -x /usr/sbin/sshd ] || { echo "cluster: no sshd (apt-get install openssh-server)" >&2; exit 2; }
parallel --version 2>/dev/null | grep -q "GNU parallel" ||
	{ echo "cluster: no GNU parallel (apt-get install parallel)" >&2; exit 2; }
rm -rf "$work"
mkdir -p "$work/in" "$work/one" "$work/two" /run/sshd
export ZIZHI_CONFIG="$top/config" ZIZHI_NO_PROGRESS=1
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null || :; done' EXIT
now() { date +%s.%N; }

i=1
while [ "$i" -le "$n" ]; do
	"$top/bin/zizhi-samplegen" -s 1 --first "$i" -n 1 --small --pack zip -o "$work/in" >/dev/null
	i=$((i + 1))
done
ls "$work"/in/*.zip >"$work/inputs"

# the two hosts
ssh-keygen -q -t ed25519 -N "" -f "$work/client"
cp "$work/client.pub" "$work/authorized_keys"
: >"$work/ssh_config"
port=$((30000 + $$ % 20000))
for h in h1 h2; do
	ssh-keygen -q -t ed25519 -N "" -f "$work/$h.key"
	while :; do
		port=$((port + 1))
		printf '%s\n' "ListenAddress 127.0.0.1" "Port $port" "HostKey $work/$h.key" \
			"PidFile $work/$h.pid" "AuthorizedKeysFile $work/authorized_keys" "UsePAM no" \
			"StrictModes no" "PasswordAuthentication no" "PermitRootLogin prohibit-password" \
			>"$work/$h.sshd_config"
		: >"$work/$h.log"
		/usr/sbin/sshd -D -e -f "$work/$h.sshd_config" </dev/null >/dev/null 2>"$work/$h.log" &
		p=$!
		k=0
		until grep -q "Server listening" "$work/$h.log" || ! kill -0 "$p" 2>/dev/null || [ $k -gt 100 ]; do
			sleep 0.1
			k=$((k + 1))
		done
		grep -q "Server listening" "$work/$h.log" && break
		kill "$p" 2>/dev/null || :
	done
	pids="$pids $p"
	printf 'Host %s\n\tHostName 127.0.0.1\n\tPort %s\n' "$h" "$port" >>"$work/ssh_config"
done
printf '%s\n' "Host *" "	User $(id -un)" "	IdentityFile $work/client" "	IdentitiesOnly yes" \
	"	BatchMode yes" "	StrictHostKeyChecking no" "	UserKnownHostsFile /dev/null" "	LogLevel ERROR" \
	>>"$work/ssh_config"
printf 'h1\nh2\n' >"$work/hosts"

# one machine
sync
t0=$(now)
"$top/bin/zizhi" run -j 2 -s "$work/one" -d "$work/one.db" <"$work/inputs" >"$work/one.out" 2>"$work/one.err"
t1=$(now)
# two hosts
sync
t2=$(now)
sh "$top/dist/cluster/zizhi-cluster" -S "$work/hosts" --ssh "ssh -F $work/ssh_config" \
	--remote-zizhi "$top/bin/zizhi" -s "$work/two" -d "$work/two.db" <"$work/inputs" >"$work/two.out" 2>"$work/two.err"
t3=$(now)
# a job that does nothing, N times over the same hosts
t4=$(now)
seq "$n" | parallel --ssh "ssh -F $work/ssh_config" --sshloginfile "$work/hosts" --jobs 1 true
t5=$(now)

same=identical
for c in "$work"/one/cases/*/; do
	cmp -s "$c/report.xml" "$work/two/cases/$(basename "$c")/report.xml" || same="DIFFERENT"
done
[ "$(wc -l <"$work/one.out")" -eq "$n" ] && [ "$(wc -l <"$work/two.out")" -eq "$n" ] ||
	same="$same (cases: $(wc -l <"$work/one.out") and $(wc -l <"$work/two.out") of $n)"
pages=$(sed -n 's/.* \([0-9]*\) pages, [0-9.]* pages\/s$/\1/p' "$work/one.err")
one=$(awk "BEGIN { print $t1 - $t0 }")
two=$(awk "BEGIN { print $t3 - $t2 }")
nop=$(awk "BEGIN { print ($t5 - $t4) / ($n / 2) }")
printf 'cases: %d (zizhi-samplegen --small, seed 1), %s pages, %d cores, in %s\n' "$n" "${pages:-?}" "$(nproc)" "$work"
printf 'one machine (zizhi run -j 2):                   %5.1f s  %5.2f pages/s\n' "$one" \
	"$(awk "BEGIN { print ${pages:-0} / $one }")"
printf 'two hosts (zizhi-cluster, 2 sshd on loopback): %5.1f s  %5.2f pages/s\n' "$two" \
	"$(awk "BEGIN { print ${pages:-0} / $two }")"
printf 'ssh and parallel per case (an empty job):      %5.2f s\n' "$nop"
printf 'reports: %s\n' "$same"
printf 'ratio (one machine / two hosts, wall time): %.2f [about 1.0 on one box: its cores shared]\n' \
	"$(awk "BEGIN { print $one / $two }")"
