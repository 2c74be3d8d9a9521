#!/bin/sh
# Many machines, one batch (zizhi-cluster(1)): GNU parallel hands the
# inputs out over SSH to two "hosts", sshd instances on 127.0.0.1 started
# here (host keys and a client key of their own), which run
# zizhi run --no-load into one shared spool; this host loads the cases.
# The reports and the database are those of a batch on one machine; one
# host going down mid-batch (its sshd and everything under it killed)
# loses no case: parallel tries the input again on the other host and
# zizhi run resumes it. First, which file systems a shared spool may be
# on (the verdict of lib/core/sharedfs.c, through tests/tools/sharedfs).
. "$(dirname "$0")/lib.sh"

verdict() { sharedfs "$@" || :; }

test_expect_success 'shared storage: NFS and local disks hold; SMB/CIFS, NFS locking locally, network FUSE are refused' '
	test "$(verdict 0x6969 nfs4 rw,vers=4.2,hard,proto=tcp,local_lock=none)" = ok &&
	test "$(verdict 0x6969 nfs rw,vers=3,local_lock=posix)" = ok &&
	test "$(verdict 0x6969)" = ok &&
	test "$(verdict 0x6969 nfs4 rw,vers=4.1,local_lock=flock)" = \
		"refused: nfs4 mounted with local_lock=flock, where locks do not hold between hosts" &&
	verdict 0x6969 nfs rw,vers=3,nolock,local_lock=all | grep "^refused: nfs mounted with nolock" &&
	verdict 0x6969 nfs rw,local_lock=all | grep "^refused: nfs mounted with local_lock=all" &&
	test "$(verdict 0xFF534D42 cifs rw,vers=3.1.1)" = "refused: cifs, where locks do not hold between hosts" &&
	test "$(verdict 0xFE534D42 smb3 rw)" = "refused: smb3, where locks do not hold between hosts" &&
	test "$(verdict 0xFE534D42)" = "refused: smb2, where locks do not hold between hosts" &&
	test "$(verdict 0x517B)" = "refused: smbfs, where locks do not hold between hosts" &&
	test "$(verdict 0x65735546 fuse.sshfs rw)" = "refused: fuse.sshfs, where locks do not hold between hosts" &&
	test "$(verdict 0x65735546)" = "refused: fuse, where locks do not hold between hosts" &&
	test "$(verdict 0x65735546 fuseblk rw)" = ok &&
	test "$(verdict 0x65735546 fuse.fuse-overlayfs rw)" = ok &&
	test "$(verdict 0xEF53 ext4 rw,relatime)" = ok &&
	test "$(verdict 0x01021994 tmpfs rw)" = ok &&
	test "$(verdict 0x9123683E btrfs rw)" = ok &&
	test "$(verdict 0x58465342 xfs rw)" = ok &&
	test "$(sharedfs -d "$TRASH")" = ok &&
	test "$(sharedfs -d "$TRASH/not/made/yet")" = ok &&
	test "$(sharedfs -d not/made/either)" = ok
'

# The rest needs root (sshd's privilege separation), sshd and GNU parallel
# (packages openssh-server and parallel), and OCR. It runs natively only:
# the C it runs is that of every batch (0190), under the sanitizers there.
skip=
if [ "$(id -u)" -ne 0 ]; then
	skip="not root (sshd runs here as root)"
elif [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null; then
	skip="no sshd (openssh-server)"
elif ! parallel --version 2>/dev/null | grep -q "GNU parallel"; then
	skip="no GNU parallel (parallel)"
elif ! ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1; then
	skip="tesseract-ocr-chi-sim not installed"
fi
ssh_test() {
	if [ -n "$skip" ]; then
		test_skip "$1" "$skip"
	else
		test_expect_success NATIVE "$1" "$2"
	fi
}

# pid $1 runs (a zombie, killed and not yet reaped, does not)
alive() {
	s=$(ps -o stat= -p "$1" 2>/dev/null) && case $s in Z*) return 1 ;; esac
}
# A host's processes: its sshd and every process under it (a connection,
# the command it runs, that command's children).
host_procs() {
	echo "$1"
	for c in $(pgrep -P "$1"); do host_procs "$c"; done
}
# The host goes down: its processes stopped top-down (none forks or is
# left to init meanwhile), then killed.
host_down() {
	h=$1
	[ -s "$TRASH/$h.pid" ] || return 0
	todo=$(cat "$TRASH/$h.pid") gone=
	while :; do
		set -- $todo
		[ $# -gt 0 ] || break
		p=$1
		shift
		todo=$*
		kill -STOP "$p" 2>/dev/null || continue
		gone="$gone $p"
		todo="$todo $(pgrep -P "$p" | tr '\n' ' ')"
	done
	[ -z "$gone" ] || kill -KILL $gone 2>/dev/null
	: >"$TRASH/$h.pid"
}
# A host whose zizhi-read has read a page of its case (an ALTO file in
# the read stage's temporary folder), and that case: "h1 CASEDIR"; nothing
# if none has.
reading() {
	for h in h1 h2; do
		for p in $(host_procs "$(cat "$TRASH/$h.pid")"); do
			set -- $({ tr '\000' ' ' <"/proc/$p/cmdline"; } 2>/dev/null)
			[ "${1:-}" = "$TOP/bin/zizhi-read" ] || continue
			eval "c=\${$#}"
			if ls "$c"/.read.*/*/*.alto.xml >/dev/null 2>&1; then
				echo "$h $c"
				return 0
			fi
		done
	done
}
trap 'host_down h1; host_down h2; cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# sshd -D for host $1 on a free port from $2 up: writes $1.pid and $1.port
start_host() {
	for port in $(seq "$2" $(($2 + 20))); do
		cat >"$1.sshd_config" <<-EOF
		ListenAddress 127.0.0.1
		Port $port
		HostKey $TRASH/$1.hostkey
		PidFile $TRASH/$1.sshd.pid
		AuthorizedKeysFile $TRASH/authorized_keys
		PermitRootLogin prohibit-password
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		UsePAM no
		StrictModes no
		PrintMotd no
		EOF
		: >"$1.log"
		/usr/sbin/sshd -D -e -f "$TRASH/$1.sshd_config" </dev/null >/dev/null 2>"$1.log" &
		echo $! >"$1.pid"
		# listening, or gone (the port taken: the next one)
		n=0
		until grep -q "Server listening" "$1.log" || ! kill -0 "$(cat "$1.pid")" 2>/dev/null ||
			test $n -gt 100; do
			sleep 0.1
			n=$((n + 1))
		done
		if grep -q "Server listening" "$1.log"; then
			echo "$port" >"$1.port"
			return 0
		fi
		kill "$(cat "$1.pid")" 2>/dev/null
		: >"$1.pid"
	done
	cat "$1.log"
	return 1
}

in1="$TOP/samples/corpus/case-0001-eligible.iso"
in2="$TOP/samples/corpus/case-0002-supplement.zip"
in3="$TOP/samples/corpus/case-0002-supplement.drop.zip"
in4="$TRASH/申请 材料"

zizhi_cluster() { "$TOP/dist/cluster/zizhi-cluster" "$@"; }
cluster() { # cluster SPOOL DB [INPUT...]: through the two hosts; the four inputs
	sp=$1 db=$2
	shift 2
	[ $# -gt 0 ] || set -- "$in1" "$in2" "$in3" "$in4"
	zizhi_cluster -S "$TRASH/hosts" --ssh "ssh -F $TRASH/ssh_config" --remote-zizhi "$TOP/bin/zizhi" \
		-s "$sp" -d "$db" "$@"
}

# What the cases hold, to compare: report.xml, extract.xml and case.xml
# of each, byte for byte but for the time case.xml says the case was
# unpacked. The one other thing that may differ is the date a case with
# no dates of its own is decided as of (today), should the test run over
# midnight: then the as-of dates are left out.
day0=$(date +%F)
cases_of() { # cases_of SPOOL: each case's files, named by its id
	for c in "$1"/cases/*/; do
		id=$(basename "$c")
		for f in report.xml extract/extract.xml case.xml; do
			echo "== $id/$f"
			if [ "$(date +%F)" = "$day0" ]; then
				sed "s/ unpacked=\"[^\"]*\"//" "$c/$f"
			else
				sed -e "s/ unpacked=\"[^\"]*\"//" -e "s/ as-of=\"[0-9-]*\"//" "$c/$f"
			fi
		done
	done
}
# What the database holds of the cases, but for what says where and when
# it was loaded: the case directory (the spool's path), the times of
# receipt, load and events.
db_of() {
	dbopen "$1" "SELECT id, submission, verdict, as_of FROM cases" \
		"SELECT case_id, actor, kind, detail, version FROM events" >"$1.rows" &&
	for t in documents pages fields rules rule_evidence derived certificates; do
		dbopen "$1" "SELECT '$t', * FROM $t" >>"$1.rows" || return 1
	done &&
	if [ "$(date +%F)" = "$day0" ]; then sort "$1.rows"; else sed "s/[0-9-]\{10\}//g" "$1.rows" | sort; fi
}

ssh_test 'two hosts: sshd on 127.0.0.1 with host keys of their own, a key for the user' '
	mkdir -p /run/sshd &&
	ssh-keygen -q -t ed25519 -N "" -f h1.hostkey &&
	ssh-keygen -q -t ed25519 -N "" -f h2.hostkey &&
	ssh-keygen -q -t ed25519 -N "" -f client &&
	cp client.pub authorized_keys &&
	base=$((20000 + $$ % 20000)) &&
	start_host h1 "$base" && start_host h2 "$(($(cat h1.port) + 1))" &&
	cat >ssh_config <<-EOF &&
	Host h1
		Port $(cat h1.port)
	Host h2
		Port $(cat h2.port)
	Host *
		HostName 127.0.0.1
		User $(id -un)
		IdentityFile $TRASH/client
		IdentitiesOnly yes
		BatchMode yes
		StrictHostKeyChecking no
		UserKnownHostsFile /dev/null
		LogLevel ERROR
	EOF
	printf "# the workers\nh1\nh2\n" >hosts &&
	test "$(ssh -F ssh_config h1 echo here)" = here &&
	test "$(ssh -F ssh_config h2 echo here)" = here &&
	mkdir "$in4" && printf "补充说明：申请材料见附件。\n" >"$in4/说明.txt"
'

ssh_test 'zizhi-cluster: usage, an unreadable sshloginfile, a missing input, a failed one named' '
	test_expect_code 2 zizhi_cluster -s . in 2>err &&
	grep "no sshloginfile" err && grep "^usage: zizhi-cluster" err &&
	test_expect_code 2 zizhi_cluster -S nohosts -s . in 2>err &&
	grep "^zizhi-cluster: cannot read .nohosts.: No such file or directory" err &&
	mkdir nowhere &&
	test_expect_code 4 zizhi_cluster -S hosts -s nowhere/spool in 2>err &&
	grep "cannot use spool .nowhere/spool.: No such file" err &&
	mkdir sp0 &&
	test_expect_code 1 zizhi_cluster -S hosts -s sp0 -d sp0.db no-such.iso >out 2>err &&
	grep "^zizhi-cluster: cannot open .no-such.iso.: No such file or directory" err &&
	test_must_be_empty out && ! test -e sp0/cases &&
	printf "PK\003\004 not really a zip" >broken.zip &&
	test_expect_code 1 cluster "$TRASH/sp0" sp0.db broken.zip >out 2>err &&
	test_must_be_empty out &&
	grep "^zizhi-cluster: h[12]: exit 1: .*/broken.zip$" err &&
	grep "^zizhi-cluster: 1 input(s) failed, or had parts refused, on every try" err &&
	grep "failed in unpack: zizhi-unpack: .*broken.zip.: not a zip archive" err
'

# in two runs, the first input last: the cache of the pages of the others
# is kept for the batch a host is taken down in
ssh_test 'one machine: the reference batch' '
	zizhi run -s "$TRASH/one" -d one.db "$in2" "$in3" "$in4" >one.out 2>one.err &&
	cp -R one/ocr-cache cache.2 &&
	zizhi run -s "$TRASH/one" -d one.db "$in1" >>one.out 2>>one.err &&
	test "$(wc -l <one.out)" = 4
'

# The pages read on one machine are in the cache the hosts share: this
# batch is about the way the cases go (the next OCRs from nothing).
ssh_test 'over two hosts: the same reports, the same database' '
	mkdir two && cp -R one/ocr-cache two/ &&
	cluster "$TRASH/two" two.db >two.out 2>two.err &&
	test "$(wc -l <two.out)" = 4 &&
	sed "s|^$TRASH/two/|$TRASH/one/|" two.out | sort >got && sort one.out >want && test_cmp want got &&
	cut -f2 two/logs/cluster-*.joblog | sort | uniq -c >hosts.used &&
	grep " h1$" hosts.used && grep " h2$" hosts.used &&
	test "$(cut -f7 two/logs/cluster-*.joblog | sort -u)" = "$(printf "0\nExitval")" &&
	cases_of one >one.cases && cases_of two >two.cases && test_cmp one.cases two.cases &&
	db_of one.db >one.db.txt && db_of two.db >two.db.txt && test_cmp one.db.txt two.db.txt &&
	test "$(dbopen two.db "SELECT count(*) FROM cases")" = 4 &&
	test "$(dbopen two.db "SELECT count(*) FROM events WHERE kind = '"'"'load'"'"'")" = 4
'

ssh_test 'run again: nothing is sent again, nothing loaded again' '
	cluster "$TRASH/two" two.db >again.out 2>again.err &&
	test_cmp two.out again.out &&
	test_must_be_empty again.err &&
	test "$(dbopen two.db "SELECT count(*) FROM events WHERE kind = '"'"'load'"'"'")" = 4
'

# A host goes down while it reads a scanned case, some of its pages done:
# its connection drops, parallel tries the input on the other host
# (--retries), where zizhi run finds the case unpacked and its pages so
# far in the shared cache. The first input is read from nothing here, the
# others from the cache of the reference batch.
ssh_test 'a host down mid-batch: no case lost, the same reports' '
	mkdir three && cp -R cache.2 three/ocr-cache &&
	( cluster "$TRASH/three" three.db >three.out 2>three.err; echo $? >three.rc ) &
	n=0 && down= &&
	until test -n "$down" || test -f three.rc || test $n -gt 1200; do
		down=$(reading)
		test -n "$down" || sleep 0.1
		n=$((n + 1))
	done &&
	test -n "$down" &&
	host_down ${down%% *} &&
	wait &&
	x=${down#* } && up=h2 && { test ${down%% *} = h2 && up=h1 || :; } &&
	echo "$down; $up up" &&
	test "$(cat three.rc)" = 0 &&
	test "$(wc -l <three.out)" = 4 &&
	# the case the host was reading was run again on the other, to its end
	test "$(ls "$x"/log/*.log | wc -l)" = 2 &&
	grep -F "$(xq "$x" "string(/case/submission/@path)")" three/logs/cluster-*.joblog | cut -f2 >host.x &&
	test "$(cat host.x)" = $up &&
	test -z "$(find three/cases -mindepth 2 -maxdepth 2 -name ".*")" &&
	cases_of one >one.cases && cases_of three >three.cases && test_cmp one.cases three.cases &&
	db_of three.db >three.db.txt && test_cmp one.db.txt three.db.txt &&
	test "$(dbopen three.db "PRAGMA integrity_check")" = ok
'

ssh_test 'no daemon left behind' '
	host_down h1 && host_down h2 &&
	! alive "$(cat h1.sshd.pid)" && ! alive "$(cat h2.sshd.pid)" &&
	! pgrep -f "sshd -D -e -f $TRASH/" &&
	! pgrep -f "zizhi-read .*$TRASH/"
'

test_done
