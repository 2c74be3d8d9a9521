#!/bin/sh
# bootstrap.sh - the README's first command: install the Debian packages
# that are missing, build, and run the pipeline on the bundled samples.
#   sh bootstrap.sh              everything
#   sh bootstrap.sh --deps-only  only the packages (used by .ci/run)
set -eu
cd "$(dirname "$0")"

# build, libraries (the -dev packages), OCR models, the sample generator's
# rendering (pango, cairo, the CJK fonts it draws with), and the tools the
# tests and benchmarks drive (xmllint, xorriso, genisoimage and udftools
# for UDF discs, zip, bsdtar, pdftoppm,
# tesseract, man, prove, chromium, which draws the HTML report, and
# chromium-driver and curl, which drive the station in its tests), and
# clang with its sanitizer and libFuzzer runtimes for make fuzz-smoke (not
# a dependency of clang-14 without recommends), and valgrind (with
# libc6-dbg, which it recommends: its ld.so symbols) for make
# check-valgrind (run by make check in CI), and sshd and GNU parallel for
# the batch over several machines (zizhi-cluster; tests/0320 runs two
# sshd on 127.0.0.1)
PACKAGES="gcc make pkg-config
libxml2-dev libxslt1-dev libzip-dev libarchive-dev libtesseract-dev
libleptonica-dev libpoppler-glib-dev libsqlite3-dev libpcre2-dev libmagic-dev nettle-dev libudfread-dev
libmicrohttpd-dev libcrypt-dev
tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-script-hans
libpango1.0-dev libcairo2-dev fontconfig fonts-noto-cjk fonts-wqy-zenhei
fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming
libxml2-utils xorriso udftools genisoimage zip unzip libarchive-tools poppler-utils man-db perl util-linux time
chromium chromium-driver curl
clang libclang-rt-14-dev valgrind libc6-dbg
openssh-server parallel"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "bootstrap: installing:$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2
fi
[ "${1:-}" = "--deps-only" ] && exit 0

make -j"$(nproc 2>/dev/null || echo 2)"
make demo
