# tests/station.sh - for the station's tests (sourced after lib.sh): a
# sample case run and loaded, accounts, the server started on a free port
# and stopped with the test, and a clerk's requests through curl with a
# cookie jar of their own.
#
#   station_case                 runs case-0002 into spool/ and db/, id in ./id
#   station_user NAME PASSWORD
#   station_start [OPTIONS]      serve; $URL (http://127.0.0.1:PORT), $PORT
#   login JAR NAME PASSWORD      logs in, as a browser would
#   page JAR PATH >out           GET; the status code in ./code
#   post JAR PATH ARG=VALUE...   POST from the station's own page (its Origin)
#   token FILE / version FILE    the csrf / version of a page's first form

command -v curl >/dev/null || skip_all "curl not installed"
ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 ||
	skip_all "tesseract-ocr-chi-sim not installed"

export ZIZHI_DB="$TRASH/db/zizhi.db"

station_case() {
	zizhi run -s "$TRASH/spool" "$TOP/samples/corpus/case-0002-supplement.zip" >"$TRASH/casedir" &&
	basename "$(cat "$TRASH/casedir")" >"$TRASH/id"
}

station_user() {
	echo "$2" | zizhi user add "$1" >/dev/null
}

station_stop() {
	[ -s "$TRASH/serve.pid" ] || return 0
	kill "$(cat "$TRASH/serve.pid")" 2>/dev/null
	# bounded: a server that does not stop is a failure, not a hang
	i=0
	while kill -0 "$(cat "$TRASH/serve.pid")" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	: >"$TRASH/serve.pid"
}

# the server stops with the test, however it ends
station_cleanup() { station_stop; cleanup; }
trap station_cleanup EXIT

station_start() {
	: >"$TRASH/url" # not the address of a server started before
	zizhi serve -q --listen 127.0.0.1:0 "$@" >"$TRASH/url" 2>>"$TRASH/serve.err" &
	echo $! >"$TRASH/serve.pid"
	i=0
	while [ ! -s "$TRASH/url" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	URL=$(sed 's,/$,,' "$TRASH/url")
	PORT=${URL##*:}
	[ -n "$PORT" ]
}

page() {
	curl -s -c "$TRASH/$1" -b "$TRASH/$1" -o - -w '%{http_code}' "$URL$2" >"$TRASH/.page"
	tail -c 3 "$TRASH/.page" >"$TRASH/code"
	head -c -3 "$TRASH/.page"
}

# the form's values through a curl config file: any value (spaces,
# quotes, SQL) goes through unsplit
post() {
	jar=$1 path=$2
	shift 2
	: >"$TRASH/.form"
	for a in "$@"; do
		printf 'data-urlencode = "%s"\n' "$(printf '%s' "$a" | sed 's/[\\"]/\\&/g')" >>"$TRASH/.form"
	done
	curl -s -c "$TRASH/$jar" -b "$TRASH/$jar" -H "Origin: $URL" -o "$TRASH/.post" \
		-w '%{http_code} %{redirect_url}' -K "$TRASH/.form" "$URL$path" >"$TRASH/code"
}

token() { grep -o 'name="csrf" value="[0-9a-f]*"' "$1" | head -n 1 | cut -d'"' -f4; }
version() { grep -o 'name="version" value="[0-9]*"' "$1" | head -n 1 | cut -d'"' -f4; }

login() {
	page "$1" /login >"$TRASH/.login" &&
	post "$1" /login "csrf=$(token "$TRASH/.login")" "user=$2" "password=$3" &&
	grep -q "^303 $URL/$" "$TRASH/code"
}

q() { dbopen "$ZIZHI_DB" "$@"; }
