#!/bin/sh
# make station: the reviewers' station on the demo's cases (make demo),
# with an account "demo" made on first use, its password random and
# printed here once (zizhi user passwd demo sets another).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export ZIZHI_DB=var/zizhi.db ZIZHI_CONFIG="$top/config"
[ -e var/zizhi.db ] || { echo "station: no var/zizhi.db (run make demo first)" >&2; exit 1; }
if ! bin/zizhi user list | grep -q '^demo '; then
	pw=$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')
	echo "$pw" | bin/zizhi user add demo >/dev/null
	echo "station: account demo, password $pw" >&2
fi
exec bin/zizhi serve --listen "${LISTEN:-127.0.0.1:8080}"
