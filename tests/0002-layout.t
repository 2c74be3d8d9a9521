#!/bin/sh
# The library's layout (README, Layout): a folder per part, each including
# only its own header and those of the parts below it (LIB_PARTS in the
# Makefile), no file loose in lib/ but the public header, no two files
# that call each other, and no call into a program. make check-includes
# checks it; here it must pass
# on the tree and fail, naming the file, on each kind of break planted in
# a copy.
. "$(dirname "$0")/lib.sh"

# as make check-includes does, but not through it (it could rebuild the
# objects of the suite that runs this test); without the MAKEFLAGS of the
# make that runs the suite, whose -w would print directories into $parts
parts=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$TOP" lib-parts) &&
	test -n "$parts" || { echo "Bail out! no LIB_PARTS from the Makefile"; exit 1; }
check() { sh "$TOP/tests/tools/includes.sh" "$1" $parts; }

test_expect_success 'the tree keeps its layout' '
	check "$TOP/lib" >out 2>&1 &&
	sh "$TOP/tests/tools/circles.sh" "$TOP"/lib/*/*.o >>out 2>&1 &&
	test_must_be_empty out
'

test_expect_success 'an include that goes up fails, naming the file and line' '
	cp -R "$TOP/lib" up &&
	printf "#include \"decide/decide.h\"\n" >>up/core/text.c &&
	! check "$PWD/up" >out 2>&1 &&
	grep "up/core/text.c:[0-9]*: #include \"decide/decide.h\": core does not stand on decide" out
'

test_expect_success 'an include sideways fails' '
	cp -R "$TOP/lib" side &&
	printf "#include \"unpack/unpack.h\"\n" >>side/read/image.c &&
	! check "$PWD/side" >out 2>&1 &&
	grep "side/read/image.c:.*read does not stand on unpack" out
'

test_expect_success 'a part that includes the public header, or a bare name, fails' '
	cp -R "$TOP/lib" pub &&
	printf "#include \"zizhi.h\"\n" >>pub/db/review.c &&
	printf "#include \"read.h\"\n" >>pub/extract/match.c &&
	! check "$PWD/pub" >out 2>&1 &&
	grep "pub/db/review.c:.*\"zizhi.h\"" out &&
	grep "pub/extract/match.c:.*\"read.h\"" out
'

test_expect_success 'a file loose in lib/, or a part the order does not name, fails' '
	cp -R "$TOP/lib" loose &&
	: >loose/stray.c &&
	mkdir loose/serve && : >loose/serve/serve.c &&
	! check "$PWD/loose" >out 2>&1 &&
	grep "loose/stray.c: a file loose" out &&
	grep "loose/serve/: a part the order does not name" out
'

test_expect_success 'two files that call each other fail, with the calls' '
	printf "int zz_b(void);\nint zz_a(void) { return zz_b(); }\n" >a.c &&
	printf "int zz_a(void);\nint zz_b(void) { return zz_a(); }\n" >b.c &&
	cc -c -o a.o a.c && cc -c -o b.o b.c &&
	! sh "$TOP/tests/tools/circles.sh" a.o b.o >out &&
	grep "a calls b: zz_b" out &&
	grep "b calls a: zz_a" out &&
	printf "int zz_b(void) { return 1; }\n" >d.c && cc -c -o d.o d.c &&
	sh "$TOP/tests/tools/circles.sh" a.o d.o
'

test_expect_success 'a library file calling into a program fails, naming the call' '
	printf "int zz_run_stage(void);\nint zz_c(void) { return zz_run_stage(); }\n" >c.c &&
	cc -c -o c.o c.c &&
	! sh "$TOP/tests/tools/circles.sh" c.o >out &&
	grep "c uses zz_run_stage" out
'

test_done
