#!/bin/sh
# make install: PREFIX and DESTDIR honoured; the installed copy finds its
# own config and manual pages from any directory.
. "$(dirname "$0")/lib.sh"

# build a copy, so this test never rebuilds the tree other tests run from;
# unoptimised, as what it checks is where things go (twice the speed, the
# second build a whole one again: another prefix is another datadir)
mkdir src
cp -r "$TOP/Makefile" "$TOP/lib" "$TOP/stages" "$TOP/config" "$TOP/man" "$TOP/dist" src/
rm -f src/lib/*/*.o src/stages/*.o

test_expect_success 'install under PREFIX' '
	make -s -C src -j2 install CFLAGS=-O0 PREFIX="$TRASH/inst" >build.log 2>&1 &&
	test -x inst/bin/zizhi && test -x inst/bin/zizhi-unpack &&
	test -f inst/share/man/man1/zizhi.1 && test -f inst/share/man/man1/zizhi-unpack.1 &&
	test -f inst/share/zizhi/config/pipeline.xml &&
	test -f inst/share/zizhi/config/schema/case.rng &&
	cmp "$TOP/config/models/zzmoney.traineddata" inst/share/zizhi/config/models/zzmoney.traineddata &&
	grep "^ExecStart=$TRASH/inst/bin/zizhi recheck$" inst/share/zizhi/dist/systemd/zizhi-recheck.service &&
	grep "^PATH=$TRASH/inst/bin:" inst/share/zizhi/dist/cron/zizhi
'

test_expect_success 'the installed copy runs from anywhere with no set-up' '
	mkdir -p elsewhere && cd elsewhere &&
	echo doc >doc.txt &&
	env -u ZIZHI_CONFIG PATH="$TRASH/inst/bin:/usr/bin:/bin" zizhi unpack doc.txt >out &&
	grep -q "^var/spool/cases/" out &&
	xmllint --noout --relaxng "$TRASH/inst/share/zizhi/config/schema/case.rng" "$(cat out)/case.xml" &&
	MANPATH="$TRASH/inst/share/man" MANPAGER=cat env -u ZIZHI_CONFIG \
		"$TRASH/inst/bin/zizhi" help unpack >page 2>&1 &&
	grep -q "case directory" page
'

test_expect_success 'DESTDIR stages the install' '
	make -s -C src -j2 install CFLAGS=-O0 DESTDIR="$TRASH/stage" PREFIX=/usr >>build.log 2>&1 &&
	test -x stage/usr/bin/zizhi-unpack &&
	test -f stage/usr/share/zizhi/config/pipeline.xml &&
	strings stage/usr/bin/zizhi-unpack | grep -q "^/usr/share/zizhi/config$"
'

test_expect_success 'uninstall removes what install put there' '
	make -s -C src uninstall CFLAGS=-O0 PREFIX="$TRASH/inst" >>build.log 2>&1 &&
	! test -e inst/bin/zizhi && ! test -e inst/share/zizhi
'

test_done
