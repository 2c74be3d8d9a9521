# tests/lib.sh - a small TAP test library after git's test-lib.sh.
#
#   . "$(dirname "$0")/lib.sh"
#   test_expect_success 'what it checks' '
#       commands joined with && ...
#   '
#   test_done
#
# Each test runs in its own scratch directory ($TRASH, removed unless
# ZIZHI_TEST_KEEP=1), with bin/ and tests/tools/ first on PATH, the
# project's config, and a spool and database inside the scratch directory.

TOP=$(cd "$(dirname "$0")/.." && pwd)
PATH="$TOP/bin:$TOP/tests/tools:$PATH"
ZIZHI_CONFIG="$TOP/config"
ZIZHI_NO_PROGRESS=1
LC_ALL=C.UTF-8
export PATH ZIZHI_CONFIG ZIZHI_NO_PROGRESS LC_ALL
unset ZIZHI_SPOOL ZIZHI_DB CDPATH

TRASH=$(mktemp -d "${TMPDIR:-/tmp}/zizhi-test.XXXXXX") || exit 1
cleanup() { [ -n "$ZIZHI_TEST_KEEP" ] || rm -rf "$TRASH"; }
trap cleanup EXIT
cd "$TRASH" || exit 1

test_count=0
test_failed=0

say() { printf '# %s\n' "$*"; }

test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$TRASH/.log" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.log"
	fi
}

test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # SKIP $1: $2"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

# test_cmp expect actual
test_cmp() { diff -u "$1" "$2"; }

# Runs a command that must fail with exactly the given exit code.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" -eq "$want" ] || { echo "exit code $got, wanted $want: $*"; return 1; }
}

# The RELAX NG check of every case.xml a test makes.
valid_case() { xmllint --noout --relaxng "$TOP/config/schema/case.rng" "$1/case.xml"; }

# Queries a case.xml with XPath; prints the result.
xq() { xmllint --xpath "$2" "$1/case.xml"; echo; }

# The shared test inputs (../shared/corpus beside the checkout).
find_shared() {
	for d in "$ZIZHI_SHARED" "$TOP/../shared" /work/shared; do
		[ -n "$d" ] && [ -d "$d/corpus" ] && { echo "$d"; return 0; }
	done
	return 1
}

test_must_be_empty() {
	[ ! -s "$1" ] || { echo "'$1' is not empty:"; cat "$1"; return 1; }
}

# third-party leaks at exit under SANITIZE=address (see tests/lsan.supp)
LSAN_OPTIONS="suppressions=$TOP/tests/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
