#!/bin/sh
# The zizhi command: dispatch, help, exit codes, settings.
. "$(dirname "$0")/lib.sh"

test_expect_success 'version and usage' '
	zizhi --version | grep -q "^zizhi [0-9]" &&
	zizhi-unpack --version | grep -q "^zizhi-unpack [0-9]" &&
	zizhi --help | grep -q "run INPUT" &&
	test_expect_code 2 zizhi 2>err &&
	test_expect_code 2 zizhi-unpack --no-such-option 2>err &&
	grep -q "usage: zizhi-unpack" err
'

test_expect_success 'unknown stage is a clear error' '
	test_expect_code 6 zizhi frobnicate 2>err &&
	grep -q "zizhi: .frobnicate. is not a zizhi command" err &&
	test_expect_code 2 zizhi "../../bin/sh" 2>err &&
	grep -q "no such command" err
'

test_expect_success 'zizhi STAGE runs zizhi-STAGE' '
	echo hello >note.txt &&
	zizhi unpack note.txt >out &&
	grep -q "^var/spool/cases/[0-9a-f]\{16\}$" out &&
	test -f "$(cat out)/case.xml"
'

test_expect_success 'help shows the manual page' '
	MANPAGER=cat MANWIDTH=80 zizhi help unpack >page 2>&1 &&
	grep -q "case.xml" page &&
	MANPAGER=cat zizhi help >page 2>&1 &&
	grep -qi "exit status" page
'

test_expect_success 'spool from option and from environment' '
	echo a >a.txt &&
	zizhi unpack -s s1 a.txt >out1 &&
	grep -q "^s1/cases/" out1 &&
	ZIZHI_SPOOL=s2 zizhi unpack a.txt >out2 &&
	grep -q "^s2/cases/" out2 &&
	ZIZHI_SPOOL=s2 zizhi -s s3 unpack a.txt >out3 &&
	grep -q "^s3/cases/" out3
'

test_expect_success 'bad configuration: exit 3 naming file and line' '
	mkdir -p badcfg/schema &&
	cp "$TOP/config/schema/"*.rng badcfg/schema/ &&
	sed "s/max-ratio=\"200\"/max-ratio=\"lots\"/" "$TOP/config/pipeline.xml" >badcfg/pipeline.xml &&
	echo x >x.txt &&
	test_expect_code 3 zizhi-unpack -c badcfg x.txt 2>err &&
	grep -q "badcfg/pipeline.xml:[0-9]*:" err &&
	grep -q "max-ratio" err &&
	test_expect_code 3 zizhi-unpack -c nowhere x.txt 2>err &&
	grep -q "nowhere" err
'

test_expect_success 'unwritable spool: I/O error, exit 4' '
	echo x >x.txt &&
	echo file >spoolfile &&
	test_expect_code 4 zizhi-unpack -s spoolfile x.txt 2>err &&
	grep -q "cannot create .spoolfile/cases." err
'

test_expect_success 'a missing input fails that item only' '
	echo y >y.txt &&
	test_expect_code 1 zizhi-unpack no-such.iso y.txt >out 2>err &&
	grep -q "cannot open .no-such.iso.: No such file" err &&
	test $(wc -l <out) -eq 1
'

test_done
