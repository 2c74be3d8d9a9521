#!/bin/sh
# circles.sh - no two files of the library call each other, directly or
# round a longer circle, and the library calls nothing of a program's: from the objects' symbols (nm), an edge from each
# object to every object defining a symbol it uses, and tsort finds the
# circles. Where two files need the same thing, one file below both owns
# it (README, Layout).
#
#   sh tests/tools/circles.sh OBJECT...
#
# Prints each circle tsort reports and the calls that close it, and each
# zz_ symbol used and defined by no object given, and exits 1 when there
# is one (make check-includes).
set -u
[ $# -gt 0 ] || { echo "usage: circles.sh OBJECT..." >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
for o in "$@"; do
	n=${o%.o}
	nm -g --defined-only "$o" | awk -v f="$n" 'NF == 3 && $2 ~ /[TDBRC]/ { print $3, f }'
done | sort >"$tmp/defs"
for o in "$@"; do
	nm -u "$o" | awk -v f="${o%.o}" '{ print $NF, f }'
done | sort >"$tmp/uses"
# the library never calls into a program: every zz_ symbol it uses is
# its own
join -v 1 "$tmp/uses" "$tmp/defs" | awk '$1 ~ /^zz_/ { print "  " $2 " uses " $1 }' >"$tmp/outside"
status=0
if [ -s "$tmp/outside" ]; then
	echo "the library calls what it does not define (a program's):"
	cat "$tmp/outside"
	status=1
fi
# "user definer" pairs; a file's own symbols are no edge
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 { print $2, $3 }' | sort -u >"$tmp/edges"
if tsort "$tmp/edges" >/dev/null 2>"$tmp/loops"; then
	exit $status
fi
echo "circles among the library's files (each file calls the next):"
sed -n 's/^tsort: -*//p' "$tmp/loops" | grep -v 'input contains a loop' | sed 's/^/  /'
# the calls of every pair that calls each other, the usual circle
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 { print $2, $3, $1 }' | sort -u >"$tmp/calls"
awk 'NR == FNR { e[$1 " " $2] = 1; next } ($2 " " $1) in e { print "  " $1 " calls " $2 ": " $3 }' \
	"$tmp/edges" "$tmp/calls"
exit 1
