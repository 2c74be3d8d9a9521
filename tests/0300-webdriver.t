#!/bin/sh
# tests/tools/webdriver.sh: headless Chromium through ChromeDriver, on
# local pages only (file:// and data: URLs).
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/tools/webdriver.sh"

why=$(wd_available) || skip_all "$why"

# a form whose submit handler copies the input into #out, and an element
# that appears late
cat >form.html <<'EOF'
<!doctype html>
<html><head><meta charset="utf-8"><title>Form 表单</title></head><body>
<form id="f"><input id="q" name="q" type="text" value="preset" class="big field">
<button id="go" type="submit">Go</button></form>
<p id="out"></p>
<script>
document.getElementById('f').addEventListener('submit', function (e) {
	e.preventDefault();
	document.getElementById('out').textContent = document.getElementById('q').value;
});
setTimeout(function () {
	var p = document.createElement('p');
	p.id = 'late';
	p.textContent = 'late';
	document.body.appendChild(p);
}, 300);
</script></body></html>
EOF

# page-level shortcuts: j/k and the arrows move the highlight, Enter
# opens the item, Ctrl+K shows the overlay, Escape hides it
cat >keys.html <<'EOF'
<!doctype html>
<html><head><meta charset="utf-8"><title>Keys</title>
<style>li.cur { background: #fc0 } #overlay { position: fixed; inset: 20%; background: #369 }</style>
</head><body>
<ul><li class="cur">一</li><li>二</li><li>三</li></ul>
<p id="log">none</p>
<div id="overlay" hidden>overlay</div>
<script>
var items = document.querySelectorAll('li'), cur = 0;
function move(d) {
	items[cur].className = '';
	cur = Math.max(0, Math.min(items.length - 1, cur + d));
	items[cur].className = 'cur';
}
document.addEventListener('keydown', function (e) {
	var overlay = document.getElementById('overlay');
	if (e.ctrlKey && e.key === 'k') { overlay.hidden = false; e.preventDefault(); }
	else if (e.key === 'j' || e.key === 'ArrowDown') move(1);
	else if (e.key === 'k' || e.key === 'ArrowUp') move(-1);
	else if (e.key === 'Escape') overlay.hidden = true;
	else if (e.key === 'Enter') document.getElementById('log').textContent = 'opened ' + items[cur].textContent;
});
</script></body></html>
EOF

WEIRD='人民币壹仟万元 "quoted" back\slash'

# answers as ChromeDriver gives them, for the JSON reader alone
cat >string.json <<'EOF'
{"value":"a\"b\\c\/\u4eba\ud83d\ude00\n\u003Cp> \ud800!"}
EOF
printf 'a"b\\c/人\360\237\230\200\n<p> \357\277\275!\n' >string.expect
cat >elements.json <<'EOF'
{"value": [{"element-6066-11e4-a52e-4f735466cecf": "f.1.d.2.e.3"},
           {"element-6066-11e4-a52e-4f735466cecf": "f.1.d.2.e.4"}]}
EOF
printf 'f.1.d.2.e.3\nf.1.d.2.e.4\n' >elements.expect
cat >cookies.json <<'EOF'
{"value":[{"domain":"127.0.0.1","httpOnly":true,"name":"sid","path":"/","value":"x\u00e9 y=z"},{"name":"e","value":""}]}
EOF
printf 'sid=x\303\251 y=z\ne=\n' >cookies.expect
cat >error.json <<'EOF'
{"value":{"error":"no such window","message":"no such window: target window already closed\n  (Session info: chrome=156.0)","stacktrace":"#0 0x55 \u003Cunknown>\n"}}
EOF
echo "no such window: target window already closed" >error.expect

test_expect_success 'the JSON of answers: escapes, elements, cookies, errors' '
	wd__json value <string.json >out &&
	test_cmp string.expect out &&
	wd__json value <elements.json >out &&
	test_cmp elements.expect out &&
	wd__json cookies <cookies.json >out &&
	test_cmp cookies.expect out &&
	wd__json error <error.json >out &&
	test_cmp error.expect out &&
	! printf "%s" "{\"value\":\"abc" | wd__json value 2>err &&
	grep -q "unterminated string" err
'

test_expect_success 'wd_start: chromedriver and a headless Chromium' '
	wd_start &&
	test -s "$TRASH/wd/session" &&
	test -n "$(wd_pids)"
'

test_expect_success 'navigate a file:// page: url, title, source' '
	wd_go "file://$TRASH/form.html" &&
	test "$(wd_url)" = "file://$TRASH/form.html" &&
	test "$(wd_title)" = "Form 表单" &&
	wd_source >src &&
	grep -q "<form id=\"f\">" src &&
	grep -q "<title>Form 表单</title>" src
'

test_expect_success 'type Chinese, quotes and a backslash; submit' '
	el=$(wd_find "#q") &&
	test "$(wd_attr "$el" value)" = preset &&
	test "$(wd_attr "$el" class)" = "big field" &&
	wd_clear "$el" &&
	wd_type "$el" "$WEIRD" &&
	test "$(wd_attr "$el" value)" = "$WEIRD" &&
	wd_click "$(wd_find "button#go")" &&
	test "$(wd_text "$(wd_find "#out")")" = "$WEIRD"
'

test_expect_success 'a newline typed is Enter, which submits the form' '
	el=$(wd_find "#q") &&
	wd_clear "$el" &&
	wd_type "$el" "second line
" &&
	test "$(wd_text "$(wd_find "#out")")" = "second line"
'

test_expect_success 'wd_find fails for a missing element; wd_find_all' '
	! wd_find "#nowhere" >out 2>err &&
	test_must_be_empty out &&
	grep -q "^wd_find: no such element: .*#nowhere" err &&
	! wd_find "p[" >out 2>err &&
	grep -q "^wd_find: invalid selector" err &&
	wd_find_all "form > *" >ids &&
	test $(wc -l <ids) -eq 2 &&
	test "$(wd_attr "$(sed -n 2p ids)" id)" = go &&
	wd_find_all ".none" >ids &&
	test_must_be_empty ids
'

test_expect_success 'wd_wait_css polls; gives up within its time' '
	wd_go "file://$TRASH/form.html" &&
	test "$(wd_text "$(wd_wait_css "#late" 5)")" = late &&
	start=$(date +%s) &&
	! wd_wait_css "#never" 1 2>err &&
	test $(($(date +%s) - start)) -le 3 &&
	grep -q "^wd_wait_css: gave up after 1 s: no such element" err
'

test_expect_success 'wd_exec: arguments, elements, values, errors' '
	el=$(wd_find "#q") &&
	test "$(wd_exec "return arguments[0] + arguments[1].id" "$WEIRD" "element:$el")" = "${WEIRD}q" &&
	test "$(wd_exec "return 6 * 7")" = 42 &&
	test "$(wd_exec "return [\"a\", \"\\u4e2d\"]")" = "a
中" &&
	test "$(wd_exec "return document.getElementById(\"go\")")" = "$(wd_find "#go")" &&
	test "$(wd_exec "return {a: 1}")" = "{\"a\":1}" &&
	test -z "$(wd_exec "return null")" &&
	! wd_exec "throw new Error(\"boom\")" 2>err &&
	grep -q "^wd_exec: javascript error: .*boom" err &&
	wd_wait_js "return document.readyState === \"complete\"" 2 &&
	! wd_wait_js "return false" 1 2>err &&
	grep -q "gave up" err
'

test_expect_success 'page-level keys: j, arrows, Enter, Ctrl+K, Escape' '
	wd_go "file://$TRASH/keys.html" &&
	test "$(wd_text "$(wd_find "li.cur")")" = 一 &&
	wd_keys j &&
	test "$(wd_text "$(wd_find "li.cur")")" = 二 &&
	wd_keys "$WD_DOWN$WD_DOWN$WD_UP" &&
	test "$(wd_text "$(wd_find "li.cur")")" = 二 &&
	wd_keys "$WD_ENTER" &&
	test "$(wd_text "$(wd_find "#log")")" = "opened 二" &&
	wd_keys "${WD_CONTROL}k" &&
	test "$(wd_exec "return document.getElementById(\"overlay\").hidden")" = false &&
	test "$(wd_text "$(wd_find "li.cur")")" = 二 &&
	wd_keys "$WD_ESCAPE" &&
	test "$(wd_exec "return document.getElementById(\"overlay\").hidden")" = true &&
	wd_keys jjjjk &&
	test "$(wd_text "$(wd_find "li.cur")")" = 二
'

test_expect_success 'a data: URL; no cookies on local pages' '
	wd_go "data:text/html;charset=utf-8,<title>data</title><p>%E4%B8%AD</p>" &&
	test "$(wd_title)" = data &&
	test "$(wd_text "$(wd_find p)")" = 中 &&
	wd_cookies >cookies &&
	test_must_be_empty cookies
'

test_expect_success 'wd_shot: a PNG of the window' '
	wd_go "file://$TRASH/keys.html" &&
	wd_keys "${WD_CONTROL}k" &&
	wd_shot shot.png &&
	test "$(od -An -tx1 -N8 shot.png | tr -d " ")" = 89504e470d0a1a0a &&
	test $(wc -c <shot.png) -gt 2000 &&
	# IHDR: the width and height, big-endian, at bytes 16 and 20; the
	# viewport, which is the window (1366x768) less what new headless
	# Chromium keeps of the browser frame
	od -An -tu1 -j16 -N8 shot.png |
		awk "{ print \$1*16777216+\$2*65536+\$3*256+\$4, \$5*16777216+\$6*65536+\$7*256+\$8 }" >size &&
	wd_exec "return innerWidth + \" \" + innerHeight" >expect &&
	test_cmp expect size &&
	grep -q "^1366 " size
'

test_expect_success 'wd_stop leaves no process behind, and may run twice' '
	pids=$(wd_pids) &&
	test -n "$pids" &&
	echo "$pids" | grep -qx "$(cat "$TRASH/wd/chromedriver.pid")" &&
	wd_stop &&
	test -z "$(wd_pids)" &&
	for p in $pids; do ! wd__alive $p || exit 1; done &&
	wd_stop &&
	! wd_url 2>err &&
	grep -q "no WebDriver session" err
'

# A script that starts a browser and is killed, as a test interrupted:
# the trap stops the browser and still runs the EXIT trap it found.
cat >killed.sh <<EOF
TRASH=\$1
trap 'echo ran >"\$TRASH/earlier-trap"' EXIT
. "$TOP/tests/tools/webdriver.sh"
wd_start "\$TRASH/wd" || exit 1
: >"\$TRASH/ready"
while :; do sleep 0.1; done
EOF

test_expect_success 'killed with TERM: the EXIT trap stops the browser' '
	mkdir k &&
	{ sh killed.sh "$TRASH/k" >k/out 2>&1 & } &&
	pid=$! &&
	i=0 &&
	while [ ! -e k/ready ] && [ $i -lt 200 ] && wd__alive $pid; do sleep 0.1; i=$((i + 1)); done &&
	test -e k/ready &&
	test -n "$(wd_pids "$TRASH/k/wd")" &&
	kill -TERM $pid &&
	i=0 &&
	while wd__alive $pid && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done &&
	! wd__alive $pid &&
	test -z "$(wd_pids "$TRASH/k/wd")" &&
	test "$(cat k/earlier-trap)" = ran &&
	test ! -e k/.wd-sessions.$pid
'

test_done
