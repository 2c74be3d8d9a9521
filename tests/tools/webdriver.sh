# tests/tools/webdriver.sh - drive Debian's headless Chromium through
# ChromeDriver over the W3C WebDriver protocol, with curl and POSIX sh.
# Source it after tests/lib.sh:
#
#   . "$TOP/tests/tools/webdriver.sh"
#   why=$(wd_available) || skip_all "$why"
#   wd_start || { echo "Bail out! no browser"; exit 1; }
#   test_expect_success 'log in' '
#       wd_go "http://127.0.0.1:$port/login" &&
#       el=$(wd_find "input[name=user]") && wd_type "$el" alice &&
#       wd_click "$(wd_find "button[type=submit]")" &&
#       wd_wait_css "#welcome" 10 >/dev/null &&
#       wd_shot login.png
#   '
#   test_done
#
# Test bodies run in subshells, so nothing here keeps state in shell
# variables: wd_start writes the session into files under its directory
# (WD_DIR, default $TRASH/wd) and every other call reads them back.
# Call wd_start at the top level, or inside a test body with the default
# directory (or WD_DIR set beforehand); the other calls work anywhere.
#
# Cleanup: sourcing this file puts wd_stop in front of whatever EXIT trap
# is already set (lib.sh's cleanup, which removes $TRASH), and turns HUP,
# INT and TERM into an exit so that the EXIT trap runs on them too: the
# browser goes away however the test ends. A test may still call wd_stop
# itself (it is safe to call twice); it must not set its own EXIT trap
# afterwards, or must call wd_stop from it.
#
# Every function prints its result on stdout and returns 0, or prints
# "FUNCTION: webdriver-error: message" on stderr and returns non-zero.
# Element ids are the strings ChromeDriver hands out; pass them back as
# they are. Only Linux (/proc) is supported.
#
#   wd_available              prints why not and fails if a tool is missing
#   wd_start [DIR]            chromedriver + a headless Chromium session
#   wd_stop [DIR]             ends the session, kills all it started
#   wd_pids [DIR]             live processes of that browser, one pid a line
#   wd_go URL                 navigate; waits for the load (WD_PAGELOAD s)
#   wd_url / wd_title / wd_source
#   wd_find CSS               element id; fails if there is none
#   wd_find_all CSS           element ids, one a line (none: no output)
#   wd_wait_css CSS [SECS]    polls until present (default 10 s); prints id
#   wd_wait_js JS [SECS]      polls until the script returns a truthy value
#   wd_click EL / wd_clear EL
#   wd_type EL TEXT           types into the element; "\n" is Enter
#   wd_keys TEXT              key presses to the page (Actions API); use
#                             $WD_ENTER, $WD_ESCAPE, ... for special keys;
#                             $WD_SHIFT/$WD_CONTROL/$WD_ALT/$WD_META stay
#                             down until repeated or the end of TEXT, so
#                             "${WD_CONTROL}k" is Ctrl+K
#   wd_text EL                rendered text
#   wd_attr EL NAME           the DOM property NAME, else the attribute
#   wd_exec JS [ARG...]       runs JS as a function body (use "return");
#                             ARG is passed as a string, or "element:ID"
#                             as that element
#   wd_shot PATH              PNG of the window's viewport
#   wd_cookies                name=value, one a line
#
# Printed values: a string as its text, null as nothing, an element as
# its id, an array one item a line, anything else as JSON.
#
# Settings (environment): WD_CHROMIUM (/usr/bin/chromium), WD_CHROMEDRIVER
# (chromedriver), WD_EXTRA_ARGS (more Chromium flags, split on blanks),
# WD_PAGELOAD (page-load timeout in seconds, 20), WD_SCRIPT (script
# timeout, 10), WD_HTTP_TIMEOUT (longest single request, 60).

WD_DIR=${WD_DIR:-${TRASH:-${TMPDIR:-/tmp}/wd.$$}/wd}
WD_ELEMENT=element-6066-11e4-a52e-4f735466cecf

# WebDriver's special keys are code points of the private use area
# U+E000..U+E03F, whose UTF-8 is EE 80 80+n (octal 356 200 2nn).
wd__pua() { printf "\\356\\200\\$1"; }

WD_BACKSPACE=$(wd__pua 203)
WD_TAB=$(wd__pua 204)
WD_ENTER=$(wd__pua 207)
WD_SHIFT=$(wd__pua 210)
WD_CONTROL=$(wd__pua 211)
WD_ALT=$(wd__pua 212)
WD_ESCAPE=$(wd__pua 214)
WD_SPACE=$(wd__pua 215)
WD_PAGE_UP=$(wd__pua 216)
WD_PAGE_DOWN=$(wd__pua 217)
WD_END=$(wd__pua 220)
WD_HOME=$(wd__pua 221)
WD_LEFT=$(wd__pua 222)
WD_UP=$(wd__pua 223)
WD_RIGHT=$(wd__pua 224)
WD_DOWN=$(wd__pua 225)
WD_INSERT=$(wd__pua 226)
WD_DELETE=$(wd__pua 227)
WD_F1=$(wd__pua 261)
WD_F5=$(wd__pua 265)
WD_META=$(wd__pua 275)
# (the others likewise: F12 is U+E03C, $(wd__pua 274))

# milliseconds since the epoch (GNU date): deadlines of whole seconds
# from "date +%s" could end up to a second early
wd__ms() {
	wd__now=$(date +%s%N)
	echo $((wd__now / 1000000))
}

wd__nl='
'

# The JSON of ChromeDriver's answers: a small recursive-descent parser
# (nodes in arrays T type, V string value, A/E source span, N/K/C
# members). It runs with LC_ALL=C so that it counts bytes and %c writes
# one byte, in mawk and gawk alike: UTF-8 is put together by hand.
wd__awk_json='
function die(m) { printf "bad JSON from chromedriver: %s at byte %d\n", m, p >"/dev/stderr"; exit 2 }
function ws() { while (index(" \t\r\n", substr(s, p, 1)) && p <= ls) p++ }
function hex(h,   i, v, d) {
	for (i = 1; i <= 4; i++) {
		d = index("0123456789abcdef", tolower(substr(h, i, 1)))
		if (!d) die("bad \\u escape")
		v = v * 16 + d - 1
	}
	return v
}
function utf8(u) {
	if (u < 128) return u ? sprintf("%c", u) : ""
	if (u < 2048) return sprintf("%c%c", 192 + int(u / 64), 128 + u % 64)
	if (u < 65536) return sprintf("%c%c%c", 224 + int(u / 4096), 128 + int(u / 64) % 64, 128 + u % 64)
	return sprintf("%c%c%c%c", 240 + int(u / 262144), 128 + int(u / 4096) % 64, 128 + int(u / 64) % 64, 128 + u % 64)
}
# Long strings are built from pieces joined pairwise, each byte copied
# log(pieces) times: appending piece after piece to one string copies it
# all again each time, which costs seconds on a page source.
function join(k,   i, j) {
	while (k > 1) {
		for (i = j = 1; i <= k; i += 2) PC[j++] = i < k ? PC[i] PC[i + 1] : PC[i]
		k = j - 1
	}
	return k ? PC[1] : ""
}
# A string from its opening quote; the next quote or backslash is looked
# for in a window of the text, not in all the rest of it
function str(   k, r, q, b, e, u, lo) {
	p++
	for (;;) {
		r = substr(s, p, 256)
		if (r == "") die("unterminated string")
		q = index(r, "\""); b = index(r, "\\")
		if (q && (!b || q < b)) { p += q; PC[++k] = substr(r, 1, q - 1); return join(k) }
		if (!b) { PC[++k] = r; p += length(r); continue }
		PC[++k] = substr(r, 1, b - 1); p += b
		e = substr(s, p++, 1)
		if (e in ESC) { PC[++k] = ESC[e]; continue }
		if (e != "u") die("bad escape")
		u = hex(substr(s, p, 4)); p += 4
		if (u >= 55296 && u < 57344) {
			# a UTF-16 surrogate: only a high one followed by a low one
			# makes a character
			lo = substr(s, p, 2) == "\\u" ? hex(substr(s, p + 2, 4)) : 0
			if (u < 56320 && lo >= 56320 && lo < 57344) {
				u = 65536 + (u - 55296) * 1024 + lo - 56320; p += 6
			} else u = 65533
		}
		PC[++k] = utf8(u)
	}
}
function val(   n, c, k) {
	ws(); n = ++nodes; A[n] = p; c = substr(s, p, 1)
	if (c == "{" || c == "[") {
		T[n] = c; p++; ws()
		if (substr(s, p, 1) == (c == "{" ? "}" : "]")) p++
		else for (;;) {
			if (c == "{") {
				ws(); if (substr(s, p, 1) != "\"") die("key expected")
				k = str(); ws()
				if (substr(s, p++, 1) != ":") die("colon expected")
			}
			N[n]++; K[n, N[n]] = k; C[n, N[n]] = val(); ws()
			k = substr(s, p++, 1)
			if (k == (c == "{" ? "}" : "]")) break
			if (k != ",") die("comma expected")
		}
	} else if (c == "\"") {
		T[n] = "s"; V[n] = str()
	} else if (substr(s, p, 4) == "null") {
		T[n] = "z"; p += 4
	} else if (substr(s, p, 4) == "true") {
		T[n] = "b"; p += 4
	} else if (substr(s, p, 5) == "false") {
		T[n] = "b"; p += 5
	} else if (index("-0123456789", c) && c != "") {
		T[n] = "n"; while (index("+-.0123456789eE", substr(s, p, 1)) && p <= ls) p++
	} else die("value expected")
	E[n] = p
	return n
}
function member(n, k,   i) {
	if (T[n] == "{") for (i = 1; i <= N[n]; i++) if (K[n, i] == k) return C[n, i]
	return 0
}
function item(n,   e) {
	if (T[n] == "s") print V[n]
	else if (e = member(n, elkey)) print V[e]
	else print substr(s, A[n], E[n] - A[n])
}
function show(n,   i) {
	if (T[n] == "[") for (i = 1; i <= N[n]; i++) item(C[n, i])
	else if (T[n] != "z") item(n)
}
BEGIN {
	ESC["\""] = "\""; ESC["\\"] = "\\"; ESC["/"] = "/"; ESC["b"] = "\b"
	ESC["f"] = "\f"; ESC["n"] = "\n"; ESC["r"] = "\r"; ESC["t"] = "\t"
}
{ s = s $0 "\n" }
END {
	ls = length(s); p = 1; root = val(); ws()
	if (p <= ls) die("trailing data")
	if (!(v = member(root, "value"))) die("no \"value\"")
	if (mode == "error") {
		e = V[member(v, "error")]; m = V[member(v, "message")]
		sub(/\n.*/, "", m); sub(/ *\(Session info:.*/, "", m)
		if (e == "") e = "unknown error"
		print (index(m, e) == 1 ? m : m == "" ? e : e ": " m)
	} else if (mode == "cookies") {
		for (i = 1; i <= N[v]; i++)
			print V[member(C[v, i], "name")] "=" V[member(C[v, i], "value")]
	} else if (mode == "session") {
		if (!(i = member(v, "sessionId"))) die("no sessionId")
		print V[i]
	} else show(v)
}'

# Makes JSON out of the text on stdin, which ends in one extra byte (so
# that a final newline of the text survives the shell): mode "str" a
# string, mode "keys" the Actions body that presses each character.
wd__awk_enc='
# the same pairwise join as in the reader, for long texts typed
function join(k,   i, j) {
	while (k > 1) {
		for (i = j = 1; i <= k; i += 2) PC[j++] = i < k ? PC[i] PC[i + 1] : PC[i]
		k = j - 1
	}
	return PC[1]
}
function enc(t,   n, p, k, r, c) {
	PC[k = 1] = "\""
	n = length(t)
	for (p = 1; p <= n; ) {
		r = substr(t, p, 256)
		if (!match(r, special)) { PC[++k] = r; p += length(r); continue }
		c = substr(r, RSTART, 1)
		PC[++k] = substr(r, 1, RSTART - 1)
		PC[++k] = c in J ? J[c] : sprintf("\\u%04x", ord[c])
		p += RSTART
	}
	PC[++k] = "\""
	return join(k)
}
function key(dir, c) { acts = acts sep "{\"type\":\"key" dir "\",\"value\":" enc(c) "}"; sep = "," }
BEGIN {
	for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
	special = "[\"\\\\" sprintf("%c", 1) "-" sprintf("%c", 31) "]"
	J["\""] = "\\\""; J["\\"] = "\\\\"; J["\n"] = "\\n"; J["\r"] = "\\r"; J["\t"] = "\\t"
	# Shift, Control, Alt, Meta, left and right
	split("136 137 138 189", m, " ")
	for (i = 1; i <= 4; i++) MOD[sprintf("%c%c%c", 238, 128, m[i])] = 1
	for (i = 144; i <= 147; i++) MOD[sprintf("%c%c%c", 238, 129, i)] = 1
}
{ t = NR > 1 ? t "\n" $0 : $0 }
END {
	t = substr(t, 1, length(t) - 1)
	if (mode == "str") { print enc(t); exit }
	# one key a code point: its UTF-8 length from the lead byte
	for (i = 1; i <= length(t); i += n) {
		b = ord[substr(t, i, 1)]
		n = b < 192 ? 1 : b < 224 ? 2 : b < 240 ? 3 : 4
		c = substr(t, i, n)
		if (c in MOD) { key(down[c] ? "Up" : "Down", c); down[c] = !down[c] }
		else { key("Down", c); key("Up", c) }
	}
	for (c in down) if (down[c]) key("Up", c)
	printf "{\"actions\":[{\"type\":\"key\",\"id\":\"wd-keyboard\",\"actions\":[%s]}]}\n", acts
}'

wd__json() { LC_ALL=C awk -v mode="$1" -v elkey="$WD_ELEMENT" "$wd__awk_json"; }
# wd__str TEXT: TEXT as a JSON string
wd__str() { printf '%s.' "$1" | LC_ALL=C awk -v mode=str "$wd__awk_enc"; }

wd_available() {
	for wd__p in "${WD_CHROMIUM:-/usr/bin/chromium}" "${WD_CHROMEDRIVER:-chromedriver}" curl base64; do
		command -v "$wd__p" >/dev/null || { echo "$wd__p not installed"; return 1; }
	done
	[ -d /proc/self ] || { echo "no /proc"; return 1; }
}

# wd__http FN METHOD URL [BODY]: wd__body gets the answer. Returns 0 on
# success, 1 on a WebDriver error (told on stderr unless wd__quiet), 2
# when chromedriver cannot be reached at all.
wd__http() {
	if [ $# -ge 4 ]; then
		wd__out=$(printf '%s' "$4" | curl -sS --noproxy '*' --max-time "${WD_HTTP_TIMEOUT:-60}" \
			-X "$2" -H 'Content-Type: application/json; charset=utf-8' -H 'Expect:' \
			--data-binary @- -w '\n%{http_code}' "$3")
	else
		wd__out=$(curl -sS --noproxy '*' --max-time "${WD_HTTP_TIMEOUT:-60}" \
			-X "$2" -w '\n%{http_code}' "$3")
	fi
	wd__rc=$?
	wd__body=${wd__out%"$wd__nl"*}
	wd__code=${wd__out##*"$wd__nl"}
	if [ $wd__rc -ne 0 ]; then
		wd__err="$1: cannot reach chromedriver at ${3%%/session*} (curl exit $wd__rc)"
		[ -n "$wd__quiet" ] || echo "$wd__err" >&2
		return 2
	fi
	case $wd__code in 2??) return 0 ;; esac
	wd__err=$(printf '%s' "$wd__body" | wd__json error 2>/dev/null) ||
		wd__err="HTTP $wd__code: $(printf '%s' "$wd__body" | head -c 200)"
	wd__err="$1: $wd__err"
	[ -n "$wd__quiet" ] || echo "$wd__err" >&2
	return 1
}

# wd__cmd FN METHOD PATH [BODY]: a command of the current session
wd__cmd() {
	wd__d=$WD_DIR
	if [ ! -s "$wd__d/session" ] && [ -s "$wd__reg" ]; then
		# wd_start DIR may have run in a test body (a subshell)
		wd__d=$(tail -n 1 "$wd__reg")
	fi
	if ! read -r wd__base 2>/dev/null <"$wd__d/session" || [ -z "$wd__base" ]; then
		wd__err="$1: no WebDriver session (wd_start first)"
		echo "$wd__err" >&2
		return 2
	fi
	wd__fn=$1 wd__m=$2 wd__path=$3
	shift 3
	wd__http "$wd__fn" "$wd__m" "$wd__base$wd__path" "$@"
}

wd__need() {
	[ -n "$2" ] && return 0
	echo "$1: no element id given" >&2
	return 2
}

# wd__alive PID: running, not a zombie (a dead child of this shell stays
# a zombie until it is waited for, and kill -0 still succeeds on it)
wd__alive() {
	read -r wd__stat 2>/dev/null <"/proc/$1/stat" || return 1
	wd__stat=${wd__stat##*) }
	[ "${wd__stat%% *}" != Z ]
}

# The live Chromium, crashpad and chromedriver processes of DIR: every
# one of them has a path inside DIR on its command line (profile, crash
# database, log), which no other run's processes have.
wd_pids() {
	wd__d=${1:-$WD_DIR}
	for wd__p in /proc/[0-9]*; do
		read -r wd__comm 2>/dev/null <"$wd__p/comm" || continue
		case $wd__comm in chrom*) ;; *) continue ;; esac
		case $(tr '\0' ' ' 2>/dev/null <"$wd__p/cmdline") in
		*"$wd__d/"*) wd__alive "${wd__p#/proc/}" && echo "${wd__p#/proc/}" ;;
		esac
	done
}

# wd__launch DIR PORT: chromedriver on PORT (0: it picks one) until its
# /status says ready; sets wd__port
wd__launch() {
	rm -f "$1/chromedriver.out"
	XDG_CONFIG_HOME="$1/xdg-config" XDG_CACHE_HOME="$1/xdg-cache" \
		"${WD_CHROMEDRIVER:-chromedriver}" --port="$2" --log-path="$1/chromedriver.log" \
		</dev/null >"$1/chromedriver.out" 2>&1 &
	wd__pid=$!
	echo "$wd__pid" >"$1/chromedriver.pid"
	wd__port=
	[ "$2" = 0 ] || wd__port=$2
	wd__t0=$(wd__ms)
	while :; do
		if ! wd__alive "$wd__pid"; then
			# a port taken meanwhile, most likely: the caller tries another
			rm -f "$1/chromedriver.pid"
			return 1
		fi
		[ -n "$wd__port" ] || wd__port=$(sed -n \
			's/^ChromeDriver was started successfully on port \([0-9][0-9]*\).*/\1/p' \
			"$1/chromedriver.out")
		if [ -n "$wd__port" ] && curl -s --noproxy '*' --max-time 2 \
			"http://127.0.0.1:$wd__port/status" 2>/dev/null | grep -q '"ready": *true'; then
			return 0
		fi
		wd__t=$(($(wd__ms) - wd__t0))
		if [ -z "$wd__port" ] && [ $wd__t -ge 5000 ] || [ $wd__t -ge 20000 ]; then
			kill "$wd__pid" 2>/dev/null
			rm -f "$1/chromedriver.pid"
			[ -n "$wd__port" ] && return 3
			return 1
		fi
		sleep 0.1
	done
}

wd_start() {
	WD_DIR=${1:-$WD_DIR}
	if [ -s "$WD_DIR/session" ]; then
		echo "wd_start: a session is already running in $WD_DIR (wd_stop first)" >&2
		return 1
	fi
	mkdir -p "$WD_DIR" || return 1
	# absolute: it goes into Chromium's flags and is looked for in /proc
	WD_DIR=$(cd "$WD_DIR" && pwd) || return 1
	rm -rf "$WD_DIR/profile"
	mkdir "$WD_DIR/profile" || return 1
	[ -z "$wd__reg" ] || echo "$WD_DIR" >>"$wd__reg"

	# --port=0 lets chromedriver pick a free port and say which; should
	# it not say, try a few ports below the kernel's ephemeral range
	wd__ok=
	for wd__try in 0 1 2 3 4; do
		if [ $wd__try = 0 ]; then
			wd__want=0
		else
			wd__want=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 12000))
		fi
		wd__launch "$WD_DIR" $wd__want
		case $? in
		0) wd__ok=1; break ;;
		3) break ;;
		esac
	done
	if [ -z "$wd__ok" ]; then
		echo "wd_start: chromedriver did not get ready; its output:" >&2
		sed 's/^/  /' "$WD_DIR/chromedriver.out" >&2
		return 1
	fi

	wd__args=
	for wd__a in --headless=new --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --disable-dev-shm-usage --window-size=1366,768 \
		"--user-data-dir=$WD_DIR/profile" $WD_EXTRA_ARGS; do
		wd__args="$wd__args${wd__args:+,}$(wd__str "$wd__a")"
	done
	wd__caps='{"capabilities":{"alwaysMatch":{"browserName":"chrome",'
	wd__caps="$wd__caps\"timeouts\":{\"pageLoad\":$((${WD_PAGELOAD:-20} * 1000)),"
	wd__caps="$wd__caps\"script\":$((${WD_SCRIPT:-10} * 1000)),\"implicit\":0},"
	wd__caps="$wd__caps\"goog:chromeOptions\":{\"binary\":$(wd__str "${WD_CHROMIUM:-/usr/bin/chromium}"),"
	wd__caps="$wd__caps\"args\":[$wd__args]}}}}"
	if ! wd__http wd_start POST "http://127.0.0.1:$wd__port/session" "$wd__caps" ||
		! wd__sid=$(printf '%s' "$wd__body" | wd__json session); then
		echo "wd_start: see $WD_DIR/chromedriver.log" >&2
		wd_stop "$WD_DIR"
		return 1
	fi
	echo "http://127.0.0.1:$wd__port/session/$wd__sid" >"$WD_DIR/session"
}

# wd__reap DIR: waits up to 5 s for DIR's processes to end, signalling
# those that outlive the session (a browser that hangs, a crash)
wd__reap() {
	for wd__i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 \
		21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 \
		41 42 43 44 45 46 47 48 49 50; do
		wd__left=$(wd_pids "$1")
		[ -n "$wd__left" ] || return 0
		case $wd__i in
		20) kill $wd__left 2>/dev/null ;;
		40) kill -9 $wd__left 2>/dev/null ;;
		esac
		sleep 0.1
	done
	echo "wd_stop: still running:" $wd__left >&2
	return 1
}

wd_stop() {
	wd__d=${1:-$WD_DIR}
	[ -d "$wd__d" ] || return 0
	if read -r wd__base 2>/dev/null <"$wd__d/session"; then
		rm -f "$wd__d/session"
		curl -s --noproxy '*' --max-time 10 -X DELETE "$wd__base" >/dev/null 2>&1
	fi
	if read -r wd__pid 2>/dev/null <"$wd__d/chromedriver.pid"; then
		rm -f "$wd__d/chromedriver.pid"
		wd__alive "$wd__pid" && kill "$wd__pid" 2>/dev/null
	fi
	wd__reap "$wd__d"
}

wd_go() {
	wd__cmd wd_go POST /url "{\"url\":$(wd__str "$1")}"
}

wd_url() { wd__cmd wd_url GET /url && printf '%s' "$wd__body" | wd__json value; }
wd_title() { wd__cmd wd_title GET /title && printf '%s' "$wd__body" | wd__json value; }
wd_source() { wd__cmd wd_source GET /source && printf '%s' "$wd__body" | wd__json value; }

wd_find() {
	wd__cmd wd_find POST /element "{\"using\":\"css selector\",\"value\":$(wd__str "$1")}" &&
		printf '%s' "$wd__body" | wd__json value
}

wd_find_all() {
	wd__cmd wd_find_all POST /elements "{\"using\":\"css selector\",\"value\":$(wd__str "$1")}" &&
		printf '%s' "$wd__body" | wd__json value
}

# wd__poll SECONDS FN CMD...: runs CMD quietly until it succeeds; gives
# up at once if chromedriver is gone, else tells the last error
wd__poll() {
	wd__until=$(($(wd__ms) + $1 * 1000))
	wd__secs=$1 wd__pfn=$2
	shift 2
	while :; do
		wd__quiet=1
		wd__res=$("$@" 2>/dev/null)
		wd__rc=$?
		wd__quiet=
		[ $wd__rc -eq 0 ] && { printf '%s\n' "$wd__res"; return 0; }
		[ $wd__rc -eq 2 ] && break
		[ "$(wd__ms)" -lt "$wd__until" ] || break
		sleep 0.1
	done
	# once more, to tell why
	wd__res=$("$@" 2>&1 >/dev/null)
	echo "$wd__pfn: gave up after $wd__secs s: ${wd__res#*: }" >&2
	return 1
}

wd_wait_css() { wd__poll "${2:-10}" wd_wait_css wd__has "$1"; }
wd__has() {
	wd__cmd wd_wait_css POST /element "{\"using\":\"css selector\",\"value\":$(wd__str "$1")}" &&
		printf '%s' "$wd__body" | wd__json value
}

wd_wait_js() { wd__poll "${2:-10}" wd_wait_js wd__true "$1"; }
wd__true() {
	wd__cmd wd_wait_js POST /execute/sync \
		"{\"script\":$(wd__str "return !!(function(){$1
}).apply(this, arguments)"),\"args\":[]}" || return
	[ "$wd__body" = '{"value":true}' ] || { echo "wd_wait_js: script returned false" >&2; return 1; }
}

wd_click() {
	wd__need wd_click "$1" && wd__cmd wd_click POST "/element/$1/click" '{}'
}

wd_clear() {
	wd__need wd_clear "$1" && wd__cmd wd_clear POST "/element/$1/clear" '{}'
}

wd_type() {
	wd__need wd_type "$1" &&
		wd__cmd wd_type POST "/element/$1/value" "{\"text\":$(wd__str "$2")}"
}

wd_keys() {
	[ -n "$1" ] || return 0
	wd__cmd wd_keys POST /actions "$(printf '%s.' "$1" | LC_ALL=C awk -v mode=keys "$wd__awk_enc")"
}

wd_text() {
	wd__need wd_text "$1" && wd__cmd wd_text GET "/element/$1/text" &&
		printf '%s' "$wd__body" | wd__json value
}

# The property first, as it is what the page sees now (an input's value
# after typing, a checkbox's checked); the attribute for the rest (class,
# data-*, aria-*, which are no properties of that name)
wd_attr() {
	wd__need wd_attr "$1" && wd__cmd wd_attr GET "/element/$1/property/$2" || return
	[ "$wd__body" = '{"value":null}' ] && { wd__cmd wd_attr GET "/element/$1/attribute/$2" || return; }
	printf '%s' "$wd__body" | wd__json value
}

wd_exec() {
	wd__js=$1
	shift
	wd__args=
	for wd__a; do
		case $wd__a in
		element:*) wd__a="{\"$WD_ELEMENT\":$(wd__str "${wd__a#element:}")}" ;;
		*) wd__a=$(wd__str "$wd__a") ;;
		esac
		wd__args="$wd__args${wd__args:+,}$wd__a"
	done
	wd__cmd wd_exec POST /execute/sync "{\"script\":$(wd__str "$wd__js"),\"args\":[$wd__args]}" &&
		printf '%s' "$wd__body" | wd__json value
}

wd_cookies() {
	wd__cmd wd_cookies GET /cookie && printf '%s' "$wd__body" | wd__json cookies
}

# The answer is one base64 string; it can be megabytes, so it is cut out
# of the JSON by the shell rather than by the parser.
wd_shot() {
	wd__cmd wd_shot GET /screenshot || return
	wd__b64=${wd__body#'{"value":"'}
	wd__b64=${wd__b64%'"}'}
	case $wd__b64 in
	'' | *[!A-Za-z0-9+/=]*)
		echo "wd_shot: unexpected answer: $(printf '%s' "$wd__body" | head -c 100)" >&2
		return 1
		;;
	esac
	printf '%s' "$wd__b64" | base64 -d >"$1" || { rm -f "$1"; echo "wd_shot: cannot write $1" >&2; return 1; }
}

# Put wd_stop in front of the EXIT trap already set (lib.sh's cleanup
# removes the directory wd_stop needs). POSIX gives no way to read a
# trap but the output of "trap", which is shell input to set it again:
# it is read back with "trap -- " turned into a call of wd__grab. It goes
# through a file because dash reports no traps inside $(...).
wd__grab() {
	case $2 in
	EXIT | 0) wd__prev_exit=$1 ;;
	HUP | SIGHUP | 1) wd__had_HUP=1 ;;
	INT | SIGINT | 2) wd__had_INT=1 ;;
	TERM | SIGTERM | 15) wd__had_TERM=1 ;;
	esac
}

wd__atexit() {
	wd__st=$?
	if [ -s "$wd__reg" ]; then
		while read -r wd__x; do
			wd_stop "$wd__x" </dev/null
		done <"$wd__reg"
	fi
	rm -f "$wd__reg"
	(exit $wd__st)
	eval "$wd__prev_exit"
}

if [ -z "$wd__hooked" ]; then
	wd__hooked=1
	# the directories of the sessions started, for the EXIT trap
	wd__reg=${TRASH:-${TMPDIR:-/tmp}}/.wd-sessions.$$
	wd__prev_exit=''
	wd__had_HUP='' wd__had_INT='' wd__had_TERM=''
	if wd__t=$(mktemp); then
		trap >"$wd__t"
		eval "$(sed 's/^trap -- /wd__grab /' "$wd__t")"
		rm -f "$wd__t"
	fi
	trap wd__atexit EXIT
	# a background job of a script ignores SIGINT: on ^C, chromedriver
	# and Chromium would stay unless this shell exits through its trap
	[ -n "$wd__had_HUP" ] || trap 'exit 129' HUP
	[ -n "$wd__had_INT" ] || trap 'exit 130' INT
	[ -n "$wd__had_TERM" ] || trap 'exit 143' TERM
fi
