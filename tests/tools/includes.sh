#!/bin/sh
# includes.sh - the library's layout holds: each part of lib/ (a folder)
# includes only its own header and those of the parts it stands on, never
# one above it or beside it, and never the public header (lib/zizhi.h,
# which includes them all, is for programs). Nothing but the public header
# lies loose in lib/.
#
#   sh tests/tools/includes.sh LIBDIR PART:BELOW,BELOW ...
#   e.g.  sh tests/tools/includes.sh lib core: unpack:core read:core
#
# Prints each include that breaks the order as FILE:LINE: what and why,
# and exits 1 when there is one (make check-includes).
set -u
lib=${1:?usage: includes.sh LIBDIR PART:BELOW,... ...}
shift
status=0
allowed=
for spec in "$@"; do
	part=${spec%%:*}
	[ -d "$lib/$part" ] || { echo "includes: no part '$part' in $lib" >&2; exit 2; }
	allowed="$allowed $part:$part,${spec#*:}"
done
for f in "$lib"/*; do
	case $f in
	"$lib/zizhi.h") ;;
	*) [ -d "$f" ] || { echo "$f: a file loose in $lib (parts are folders)"; status=1; } ;;
	esac
done
for d in "$lib"/*/; do
	part=$(basename "$d")
	ok=
	for a in $allowed; do
		[ "${a%%:*}" = "$part" ] && ok=${a#*:}
	done
	if [ -z "$ok" ]; then
		echo "$d: a part the order does not name"
		status=1
		continue
	fi
	for f in "$d"*.c "$d"*.h; do
		[ -f "$f" ] || continue
		# the quoted includes only: system and library headers are <...>
		out=$(awk -v ok=",$ok," -v part="$part" '
			/^[ \t]*#[ \t]*include[ \t]*"/ {
				split($0, q, "\"")
				inc = q[2]
				n = split(inc, p, "/")
				if (n != 2) {
					printf "%s:%d: #include \"%s\": a part includes a part'"'"'s header (PART/PART.h)\n", FILENAME, FNR, inc
					next
				}
				if (index(ok, "," p[1] ",") == 0) {
					printf "%s:%d: #include \"%s\": %s does not stand on %s\n", FILENAME, FNR, inc, part, p[1]
				}
			}' "$f")
		if [ -n "$out" ]; then
			printf '%s\n' "$out"
			status=1
		fi
	done
done
exit $status
