#!/bin/sh
# zizhi serve: logging in, the queue, a case with its fields and page
# images, a correction that decides the case again at once and is kept
# over a re-load, in the reviewer's name; and every request that must be
# refused is, with nothing changed: no or a wrong form token, a foreign
# Host or Origin, a forged or ended session, paths out of the case, SQL
# in every text, a 10 MB header, a slow-loris client.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/station.sh"

test_expect_success 'setup: a case loaded, two clerks' '
	station_case &&
	station_user li "li-password-1" &&
	station_user wang "wang-password-2"
'

# here, not in a test's subshell: $URL and $PORT are the script's
station_start --request-timeout 3

test_expect_success 'a page without a session goes to the login' '
	page anon / >out &&
	test "$(cat code)" = 303 &&
	page anon /login >out &&
	test "$(cat code)" = 200 &&
	grep "id=\"login-user\"" out
'

test_expect_success 'a wrong password is refused, a right one logs in' '
	page li /login >form &&
	post li /login "csrf=$(token form)" user=li password=wrong-one &&
	grep "^403" code &&
	grep "用户名或密码不正确" .post &&
	! grep zz_session li &&
	login li li li-password-1 &&
	grep zz_session li &&
	test "$(q "SELECT failures FROM users WHERE name = \"li\"")" = 0
'

test_expect_success 'the queue lists the case with its applicant' '
	page li / >queue &&
	test "$(cat code)" = 200 &&
	grep "data-case=\"$(cat id)\"" queue &&
	grep "$(q "SELECT name FROM applicants")" queue &&
	page li "/?q=$(cat id | cut -c1-6)" >found &&
	grep "data-case=\"$(cat id)\"" found &&
	page li "/?q=%27%20OR%201%3D1%20--" >none &&
	test "$(cat code)" = 200 &&
	! grep "data-case=" none
'

test_expect_success 'the case: verdict, rules, fields, and page images by id' '
	page li "/case/$(cat id)" >case.html &&
	test "$(cat code)" = 200 &&
	grep "id=\"verdict\"" case.html &&
	grep "id=\"rule-3.2.2-capital\"" case.html &&
	grep "id=\"f-org.registered_capital\"" case.html &&
	img=$(grep -o "data-img=\"[^\"]*\"" case.html | head -n 1 | cut -d\" -f2) &&
	test -n "$img" &&
	curl -s -b "$TRASH/li" -o page.jpg -w "%{http_code} %{content_type}" "$URL$img" >got &&
	grep "^200 image/" got &&
	test -s page.jpg
'

# the documents' readings of a field side by side, each with its crop,
# and the re-reads tried of its box
test_expect_success 'a field: the readings of each document with their crops, the re-reads' '
	test "$(q "SELECT count(*) FROM fields WHERE tried IS NOT NULL")" -gt 0 &&
	f=$(q "SELECT name FROM fields WHERE tried IS NOT NULL AND canonical LIMIT 1") &&
	sed "s/<div class=\"field/\n&/g" case.html | grep -F "id=\"f-$f\"" >field &&
	grep "<dt>重读</dt>" field &&
	grep "<tr class=\"own\"" field &&
	n=$(q "SELECT count(*) FROM fields WHERE name = \"$f\"") &&
	test "$(grep -o "<tr class=\"o[a-z]*\"" field | wc -l)" = "$n" &&
	crop=$(grep -o "src=\"/case/[^\"]*/crop/[^\"]*\"" case.html | head -n 1 | cut -d\" -f2) &&
	test -n "$crop" &&
	curl -s -b "$TRASH/li" -o crop.png -w "%{http_code} %{content_type}" "$URL$crop" >got &&
	grep "^200 image/png" got &&
	test "$(od -An -c -N4 crop.png | tr -d " ")" = "211PNG"
'

test_expect_success 'image requests name no path: ../ and absolute ones are not found' '
	id=$(cat id) &&
	for p in "page/../../../etc/passwd" "page/f1/../../case.xml" "page/%2e%2e/%2e%2e/etc/passwd" \
		"page//etc/passwd" "page/f1/0" "page/f1/1x" "page/F1/1" "page/f1/99999" \
		"crop/../../../etc/passwd" "crop/f1/../../case.xml" "crop/f1/%2e%2e%2fcase.xml" \
		"crop/f1/org.name%27%20OR%201%3D1" "crop/f1/no.such.field" "crop//etc/passwd"; do
		curl -s -b "$TRASH/li" -o body -w "%{http_code}" --path-as-is "$URL/case/$id/$p" >st &&
		test "$(cat st)" = 404 || { echo "$p: $(cat st)"; return 1; }
		! grep -q "root:" body || return 1
	done
'

test_expect_success 'a correction: stored as the reviewer confirmed, the case decided again' '
	id=$(cat id) &&
	doc=$(q "SELECT document_id FROM fields WHERE canonical AND name = \"org.registered_capital\"") &&
	post li "/case/$id/correct" "csrf=$(token case.html)" "version=$(version case.html)" \
		field=org.registered_capital "document=$doc" "value=人民币伍佰万元整" \
		"reason=与原件核对；\"引号\" 与 \\ 反斜杠" &&
	grep "^303 $URL/case/$id#f-org.registered_capital" code &&
	test "$(q "SELECT value || \" \" || status || \" \" || confidence FROM fields WHERE canonical AND name = \"org.registered_capital\"")" = "5000000 confirmed 1.0" &&
	test "$(q "SELECT result FROM rules WHERE id = \"3.2.2-capital\"")" = fail &&
	test "$(q "SELECT reviewer || \" \" || value FROM corrections")" = "li 5000000" &&
	q "SELECT reason FROM corrections" >reason &&
	echo "与原件核对；\"引号\" 与 \\ 反斜杠" >expect &&
	test_cmp expect reason &&
	test "$(q "SELECT actor FROM events WHERE kind = \"correct\"")" = li &&
	grep "value=\"5000000\"" "$(cat casedir)/review/corrections.xml" &&
	grep "<rule id=\"3.2.2-capital\" result=\"fail\"" "$(cat casedir)/report.xml" &&
	page li "/case/$id" >after.html &&
	grep "审核员确认" after.html
'

test_expect_success 'the correction is kept when the pipeline runs again' '
	zizhi decide "$(cat casedir)" >/dev/null &&
	zizhi load "$(cat casedir)" >/dev/null &&
	test "$(q "SELECT value FROM fields WHERE canonical AND name = \"org.registered_capital\"")" = 5000000 &&
	test "$(q "SELECT result FROM rules WHERE id = \"3.2.2-capital\"")" = fail &&
	test "$(q "SELECT count(*) FROM corrections")" = 1
'

test_expect_success 'a value that is not one is refused, nothing changed' '
	id=$(cat id) && page li "/case/$id" >c.html &&
	post li "/case/$id/correct" "csrf=$(token c.html)" "version=$(version c.html)" \
		field=org.registered_capital "document=$(q "SELECT document_id FROM fields WHERE canonical AND name = \"org.registered_capital\"")" \
		"value=很多钱" reason=试试 &&
	grep "^400" code &&
	test "$(q "SELECT count(*) FROM corrections")" = 1
'

# what may not change anything: counted before and after
counts() { q "SELECT (SELECT count(*) FROM corrections) || \" \" || (SELECT count(*) FROM decisions) || \" \" || (SELECT count(*) FROM events WHERE kind IN (\"correct\", \"review\"))"; }

test_expect_success 'a POST without the form token, or with a wrong one, is refused' '
	id=$(cat id) && page li "/case/$id" >c.html && counts >before &&
	post li "/case/$id/decide" "version=$(version c.html)" decision=eligible reason=x &&
	grep "^403" code &&
	post li "/case/$id/decide" "csrf=0000$(token c.html | cut -c5-)" "version=$(version c.html)" \
		decision=eligible reason=x &&
	grep "^403" code &&
	counts >after && test_cmp before after
'

test_expect_success 'a foreign Origin, none at all, or a foreign Host is refused' '
	id=$(cat id) && page li "/case/$id" >c.html && counts >before &&
	for o in "Origin: http://evil.example" "Origin: null" "Origin: $URL.evil.example"; do
		curl -s -b "$TRASH/li" -H "$o" -o /dev/null -w "%{http_code}" \
			--data-urlencode "csrf=$(token c.html)" --data-urlencode "version=$(version c.html)" \
			--data-urlencode decision=eligible --data-urlencode reason=x "$URL/case/$id/decide" >st &&
		test "$(cat st)" = 403 || { echo "$o: $(cat st)"; return 1; }
	done &&
	curl -s -b "$TRASH/li" -o /dev/null -w "%{http_code}" \
		--data-urlencode "csrf=$(token c.html)" --data-urlencode "version=$(version c.html)" \
		--data-urlencode decision=eligible --data-urlencode reason=x "$URL/case/$id/decide" >st &&
	test "$(cat st)" = 403 &&
	curl -s -b "$TRASH/li" -H "Host: evil.example:$PORT" -o /dev/null -w "%{http_code}" "$URL/" >st &&
	test "$(cat st)" = 400 &&
	counts >after && test_cmp before after
'

test_expect_success 'a forged session is none; sessions are stored hashed' '
	id=$(cat id) &&
	curl -s -b "zz_session=$(printf "%064d" 7)" -o /dev/null -w "%{http_code}" "$URL/" >st &&
	test "$(cat st)" = 303 &&
	sid=$(grep zz_session li | cut -f7) &&
	test "$(q "SELECT count(*) FROM sessions WHERE hash = \"$sid\"")" = 0 &&
	test "$(q "SELECT count(*) FROM sessions WHERE user = \"li\"")" = 1
'

test_expect_success 'SQL in every text is only text' '
	id=$(cat id) && page li "/case/$id" >c.html &&
	sq=$(printf "\047") && evil="x$sq); DROP TABLE decisions; --" &&
	post li "/case/$id/decide" "csrf=$(token c.html)" "version=$(version c.html)" \
		"rule=3.2.2-capital" decision=review "reason=$evil" &&
	grep "^303" code &&
	test "$(q "SELECT reason FROM decisions")" = "$evil" &&
	page li "/case/$id" >c.html &&
	post li "/case/$id/decide" "csrf=$(token c.html)" "version=$(version c.html)" \
		"rule=x$sq OR 1=1 --" decision=pass reason=y &&
	grep "^400" code &&
	grep -F "has no rule" .post &&
	page li "/?verdict=%27%20OR%20%271%27%3D%271&status=%22%3B--" >q.html &&
	test "$(cat code)" = 200 &&
	test "$(q "SELECT count(*) FROM decisions")" = 1
'

test_expect_success 'a 10 MB header is refused; the station goes on' '
	httpraw big "$PORT" 10485760 >big &&
	grep "^HTTP/1.1 431" big &&
	page li / >out && test "$(cat code)" = 200
'

test_expect_success 'a slow-loris client is cut off; others are served meanwhile' '
	httpraw slow "$PORT" 500 30 >slow &
	sleep 1 &&
	page li / >out && test "$(cat code)" = 200 &&
	wait &&
	grep "^closed after [3-6] s" slow
'

test_expect_success 'two clerks, one case: the second sees the lease, and cannot change it' '
	id=$(cat id) &&
	page li "/case/$id" >li.html &&
	grep "class=\"do-correct\"" li.html &&
	login wang wang wang-password-2 &&
	page wang "/case/$id" >wang.html &&
	grep "id=\"lease\">li 自 20" wang.html &&
	! grep "class=\"do-correct\"" wang.html &&
	page wang / >wq.html &&
	grep "<td>li</td></tr>" wq.html &&
	counts >before &&
	post wang "/case/$id/decide" "csrf=$(token wq.html)" "version=$(version li.html)" \
		decision=eligible reason=mine &&
	grep "^409" code &&
	grep "li 自" .post &&
	counts >after && test_cmp before after
'

test_expect_success 'a save made on an older view is refused with what changed' '
	id=$(cat id) &&
	page li "/case/$id" >old.html &&
	ZIZHI_REVIEWER=zhao zizhi review --decide review --rule 3.2.1-years --reason "从命令行" "$id" >/dev/null &&
	counts >before &&
	post li "/case/$id/decide" "csrf=$(token old.html)" "version=$(version old.html)" \
		decision=eligible reason=stale &&
	grep "^409" code &&
	grep "id=\"changes\"" .post &&
	grep "zhao" .post &&
	counts >after && test_cmp before after &&
	page li "/case/$id" >new.html &&
	post li "/case/$id/decide" "csrf=$(token new.html)" "version=$(version new.html)" \
		decision=ineligible reason=核对后决定 &&
	grep "^303" code &&
	test "$(q "SELECT verdict FROM case_verdicts")" = ineligible
'

test_expect_success 'the lease given up, the other clerk takes the case' '
	id=$(cat id) &&
	page li "/case/$id" >li.html &&
	post li "/case/$id/release" "csrf=$(token li.html)" "version=$(version li.html)" &&
	grep "^303 $URL/$" code &&
	page wang "/case/$id" >wang.html &&
	grep "class=\"do-correct\"" wang.html &&
	! grep "id=\"lease\"" wang.html
'

test_expect_success 'logging out ends the session' '
	page li / >q.html &&
	sid=$(grep zz_session li | cut -f7) &&
	post li /logout "csrf=$(token q.html)" &&
	grep "^303 $URL/login" code &&
	curl -s -b "zz_session=$sid" -o /dev/null -w "%{http_code}" "$URL/" >st &&
	test "$(cat st)" = 303 &&
	test "$(q "SELECT count(*) FROM sessions WHERE user = \"li\"")" = 0
'

test_expect_success 'an expired session is none, and is removed' '
	login li2 li li-password-1 &&
	page li2 / >out && test "$(cat code)" = 200 &&
	q "UPDATE sessions SET seen = \"2020-01-01T00:00:00Z\" WHERE user = \"li\"" &&
	page li2 / >out && test "$(cat code)" = 303 &&
	test "$(q "SELECT count(*) FROM sessions WHERE user = \"li\"")" = 0
'

# behind a reverse proxy every client is the proxy: with --proxy, logins
# are slowed by the address it names; without, the header is not believed
test_expect_success 'X-Real-IP is not believed without --proxy' '
	page anon /login >form &&
	curl -s -c "$TRASH/anon" -b "$TRASH/anon" -H "Origin: $URL" -H "X-Real-IP: 198.51.100.9" -o /dev/null \
		--data-urlencode "csrf=$(token form)" --data-urlencode user=li --data-urlencode password=wrong \
		"$URL/login" &&
	test "$(q "SELECT count(*) FROM throttles WHERE key = \"address:198.51.100.9\"")" = 0 &&
	test "$(q "SELECT count(*) FROM throttles WHERE key = \"address:127.0.0.1\"")" = 1
'

test_expect_success 'every change above is in the record with the clerk name' '
	test "$(q "SELECT group_concat(DISTINCT actor) FROM events WHERE kind IN (\"correct\", \"review\")")" = li,zhao &&
	test "$(q "SELECT group_concat(DISTINCT reviewer) FROM decisions")" = li,zhao
'

station_stop
station_start --proxy

# (a name of its own each try: no name's own slowing down, which depends
# on how fast the tries come, stops one from counting)
test_expect_success 'with --proxy, the address the proxy names (an address only)' '
	local=$(q "SELECT failures FROM throttles WHERE key = \"address:127.0.0.1\"") &&
	i=0 &&
	for real in 198.51.100.9 "2001:db8::7" "not an address" "10.0.0.1, 10.0.0.2"; do
		i=$((i + 1)) &&
		page anon /login >form &&
		curl -s -c "$TRASH/anon" -b "$TRASH/anon" -H "Origin: $URL" -H "X-Real-IP: $real" \
			-o /dev/null --data-urlencode "csrf=$(token form)" --data-urlencode user=nobody-$i \
			--data-urlencode password=wrong "$URL/login" || return 1
	done &&
	q "SELECT key || \" \" || failures FROM throttles WHERE key LIKE \"address:%\" ORDER BY key" >out &&
	printf "%s\n" "address:127.0.0.1 $((local + 2))" "address:198.51.100.9 1" "address:2001:db8::7 1" >expect &&
	test_cmp expect out
'

test_done
