#!/bin/sh
# Paths on stdin and stdout, zizhi run, per-case locks, interrupted runs.
. "$(dirname "$0")/lib.sh"

echo one >one.txt
echo two >two.txt

test_expect_success 'inputs from stdin, one per line; case dirs on stdout' '
	printf "one.txt\n\ntwo.txt\n" | zizhi-unpack >out &&
	test $(wc -l <out) = 2 &&
	while read -r c; do valid_case "$c" || exit 1; done <out
'

test_expect_success 'zizhi run prints each case directory' '
	zizhi run one.txt two.txt >run.out &&
	test_cmp out run.out &&
	test_expect_code 2 zizhi run 2>err &&
	grep -q "no input" err
'

test_expect_success 'works under xargs -P' '
	for i in 1 2 3 4 5 6; do echo "doc $i" >doc$i.txt; done &&
	ls doc*.txt | xargs -n1 -P3 zizhi-unpack >x.out &&
	test $(sort -u x.out | wc -l) = 6
'

test_expect_success 'a case locked by another process: waits, then gives up' '
	echo locked >locked.txt &&
	id=$(sha256sum locked.txt | cut -c1-16) &&
	mkdir -p var/spool/cases &&
	{ flock var/spool/cases/.$id.lock sh -c "touch held; while test ! -f done; do sleep 0.1; done" & } &&
	n=0 && while test ! -f held && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	test_expect_code 1 zizhi-unpack --lock-timeout 1 locked.txt >out 2>err &&
	touch done && wait &&
	grep -q "cannot lock .*$id.: another process holds it" err &&
	test_must_be_empty out &&
	zizhi-unpack locked.txt >out &&
	valid_case "$(cat out)"
'

test_expect_success 'two processes on one submission make one case' '
	mkdir -p same && for i in $(seq 1 200); do echo "page $i" >same/p$i.txt; done &&
	{ zizhi-unpack -s race same >a.out & } &&
	zizhi-unpack -s race same >b.out &&
	wait &&
	test_cmp a.out b.out &&
	test $(ls race/cases | wc -l) = 1 &&
	valid_case "$(cat a.out)" &&
	test "$(xq "$(cat a.out)" "string(/case/@files)")" = 200 &&
	test -z "$(ls -a race/cases | grep "^\.tmp")"
'

test_expect_success NATIVE 'killed mid-way: nothing half-made is published, a re-run completes' '
	mkdir -p slow && truncate -s 400M slow/disc-image.bin && echo x >slow/x.txt &&
	zizhi-unpack -s killed slow >k.out & pid=$! &&
	sleep 1.2 && kill -9 $pid; wait $pid;
	for c in killed/cases/*/; do
		test -d "$c" || continue;
		case "$c" in */.tmp*) ;; *) valid_case "$c" || exit 1;; esac;
	done &&
	zizhi-unpack -s killed slow >k2.out &&
	case=$(cat k2.out) &&
	valid_case "$case" &&
	test "$(xq "$case" "string(/case/@files)")" = 2 &&
	test -z "$(ls -a killed/cases | grep "^\.tmp")" &&
	cmp slow/disc-image.bin "$case/files/disc-image.bin"
'

test_done
