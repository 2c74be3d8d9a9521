#!/bin/sh
# bench/serve.sh - the reviewers' station under load, on loopback only:
# CLIENTS browsers (default 50) fetching the queue and the case pages for
# DURATION seconds (default 30) while zizhi run loads the sample cases into the
# same database. Prints requests per second, p50/p99 latency, errors
# (the target is 0) and the server's peak memory. Not a test.
#
#   sh bench/serve.sh            (after make demo: its database, copied)
#   CLIENTS=20 DURATION=10 sh bench/serve.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
clients=${CLIENTS:-50} seconds=${DURATION:-30}
[ -x "$top/build/httpload" ] || make -C "$top" -s build/httpload
command -v curl >/dev/null || { echo "serve: curl is needed" >&2; exit 2; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
export ZIZHI_CONFIG="$top/config" ZIZHI_NO_PROGRESS=1 ZIZHI_DB="$tmp/zizhi.db"
if [ -e "$top/var/zizhi.db" ]; then
	cp "$top/var/zizhi.db" "$ZIZHI_DB"
else
	echo "serve: no var/zizhi.db (make demo): loading the samples first" >&2
	"$top/bin/zizhi" run -q -s "$tmp/first" "$top"/samples/corpus/*.zip "$top"/samples/corpus/*.iso >/dev/null
fi
echo bench-password-1 | "$top/bin/zizhi" user add bench >/dev/null
"$top/bin/zizhi" serve -q --listen 127.0.0.1:0 --per-ip $((clients + 16)) >"$tmp/url" 2>"$tmp/serve.err" &
pid=$!
i=0
while [ ! -s "$tmp/url" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
url=$(sed 's,/$,,' "$tmp/url")
jar="$tmp/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $url" --data-urlencode "csrf=$csrf" \
	--data-urlencode user=bench --data-urlencode password=bench-password-1 "$url/login"
cookie=$(awk '$6 == "zz_session" { print $7 }' "$jar")
[ -n "$cookie" ] || { echo "serve: could not log in" >&2; exit 1; }
paths="/"
for id in $(curl -s -b "$jar" "$url/" | grep -o 'data-case="[0-9a-f]*"' | cut -d'"' -f2); do
	paths="$paths /case/$id"
done
# the batch writing to the same database meanwhile
( "$top/bin/zizhi" run -q -s "$tmp/spool" "$top"/samples/corpus/*.zip >/dev/null 2>"$tmp/run.err"
  echo "run $?" >"$tmp/run.rc" ) &
echo "serve: $clients clients for $seconds s on $url over: $paths (zizhi run loading meanwhile)" >&2
# shellcheck disable=SC2086
"$top/build/httpload" -c "$clients" -d "$seconds" -H "Cookie: zz_session=$cookie" "$url" $paths |
	tee "$tmp/load"
echo "server_peak_rss_kb $(awk '/^VmHWM/ { print $2 }' /proc/$pid/status)"
echo "server_errors_logged $(grep -c . "$tmp/serve.err" || true)"
wait
[ -s "$tmp/run.rc" ] && echo "zizhi_run_exit $(cut -d' ' -f2 "$tmp/run.rc")"
grep -i "locked" "$tmp/run.err" "$tmp/serve.err" && echo "serve: database is locked seen" >&2 || true
