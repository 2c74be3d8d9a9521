# zizhi - plain make, pkg-config for every dependency.
#   make                      build bin/zizhi and the stage programs
#   make check                build and run the tests (prove)
#   make install              PREFIX=/usr/local DESTDIR= honoured
#   make SANITIZE=address,undefined check
#   make check-asan           the tests built with SANITIZE=address,undefined
#                             apart, in build/asan (this tree's objects untouched)
#   make check-valgrind       the tests with the programs under valgrind's memcheck
#                             (also: make check VALGRIND=1; see tests/lib.sh)
#   make DEVELOPER=1          warnings are errors (on by default in CI)
#   make fuzz-smoke           libFuzzer harnesses (clang) briefly; make fuzz: long runs
# make check runs the tests and then, where this Makefile has it, make
# fuzz-smoke; with CI set (as .ci/run is run) or CHECK_ALL=1 it also runs
# check-asan and check-valgrind.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/zizhi
MANDIR ?= $(PREFIX)/share/man/man1

PKGS = libxml-2.0 libzip libarchive glib-2.0 libmagic nettle tesseract lept poppler-glib libpcre2-8 \
	sqlite3 libxslt libudfread libxcrypt libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))

CFLAGS ?= -O2 -g
override CFLAGS += -std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	-Ilib $(PKG_CFLAGS) -DZZ_DATADIR='"$(DATADIR)"'
DEVELOPER ?= $(CI)
ifneq ($(DEVELOPER),)
override CFLAGS += -Werror
endif
ifneq ($(SANITIZE),)
override CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=$(SANITIZE)
endif
LDLIBS = $(PKG_LIBS) -lm

STAGES = unpack read extract decide load
TOOLS = report review run case recheck inbox user serve
BINS = bin/zizhi $(STAGES:%=bin/zizhi-%) $(TOOLS:%=bin/zizhi-%)
# the library, one folder per part (README, "Layout"); each part stands on
# the parts after its colon and on nothing else (make check-includes)
LIB_PARTS = core: unpack:core read:core extract:core,read decide:core,read,extract db:core \
	inbox:core,db station:core,read,extract,decide,db
LIB_SRCS = $(sort $(wildcard lib/*/*.c))
LIB_OBJS = $(LIB_SRCS:.c=.o)
LIB_HDRS = lib/zizhi.h $(wildcard lib/*/*.h)
TEST_TOOLS = tests/tools/mkzip tests/tools/uscc tests/tools/bigimage tests/tools/imgconv \
	tests/tools/norm tests/tools/reread tests/tools/dbopen tests/tools/hostile \
	tests/tools/sheet tests/tools/fakephoto tests/tools/moneyread tests/tools/textsize \
	tests/tools/udfdisc tests/tools/isopatch tests/tools/httpraw tests/tools/station tests/tools/sharedfs
# the programs of make model (models/train), built with all
MODEL_TOOLS = build/model/amounts build/model/evalmoney

# the sample generator (samples/gen): cairo/pango pages, Leptonica scans;
# its names and texts are cut to fixed buffers on purpose (snprintf)
GEN_PKGS = pangocairo cairo lept libzip libxml-2.0
GEN_OBJS = samples/gen/samplegen.o samples/gen/model.o samples/gen/facts.o \
	samples/gen/truth.o samples/gen/render.o samples/gen/emit.o samples/gen/scan.o \
	samples/gen/ooxml.o samples/gen/pack.o samples/gen/doc_licence.o \
	samples/gen/doc_audit.o samples/gen/doc_misc.o samples/gen/doc_office.o \
	samples/gen/lic_facts.o samples/gen/lic_notation.o samples/gen/lic_draw.o \
	samples/gen/lic_portrait.o samples/gen/lic_landscape.o samples/gen/lic_old.o \
	samples/gen/capture.o samples/gen/paper.o samples/gen/photo.o samples/gen/overlay.o \
	samples/gen/licset.o
GEN_HDRS = $(wildcard samples/gen/*.h) $(LIB_HDRS)
MANS = man/zizhi.1 $(STAGES:%=man/zizhi-%.1) $(TOOLS:%=man/zizhi-%.1)

all: $(BINS) bin/zizhi-samplegen bin/zizhi-score bin/zizhi-licscore $(MODEL_TOOLS)

# Objects are rebuilt when the flags or the install paths change (as git's
# GIT-CFLAGS does), so a SANITIZE build or a new PREFIX never mixes with
# stale objects.
.flags: FORCE
	@echo '$(CC) $(CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS)' >$@

lib/%.o: lib/%.c $(LIB_HDRS) .flags
	$(CC) $(CFLAGS) -c -o $@ $<

stages/%.o: stages/%.c $(LIB_HDRS) .flags
	$(CC) $(CFLAGS) -c -o $@ $<

build/libzizhi.a: $(LIB_OBJS)
	@mkdir -p build
	$(AR) rcs $@ $(LIB_OBJS)

bin/zizhi: stages/zizhi.o build/libzizhi.a
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

bin/zizhi-%: stages/%.o build/libzizhi.a
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

samples/gen/%.o: samples/gen/%.c $(GEN_HDRS) .flags
	$(CC) $(CFLAGS) -Wno-format-truncation $(shell pkg-config --cflags $(GEN_PKGS)) -c -o $@ $<

bin/zizhi-samplegen: $(GEN_OBJS) build/libzizhi.a
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $^ $(shell pkg-config --libs $(GEN_PKGS)) $(LDLIBS) -lm

bin/zizhi-score: bench/score.c build/libzizhi.a
	@mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

bin/zizhi-licscore: bench/licscore.c build/libzizhi.a
	@mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

tests/tools/%: tests/tools/%.c build/libzizhi.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
# its PDF bomb is deflated (zlib comes with libzip-dev and libpng-dev)
tests/tools/hostile: LDLIBS += -lz

# The suites below are make check again with SUITE=1: the tests alone.
# T=tests/0090-read.t runs some tests only, in any of them (as git's T=).
T = tests/
# the slowest first, so that prove -j2 does not end on one of them alone
SLOW_TESTS = tests/0230-crash-safety.t tests/0258-licence-ocr.t tests/0200-recheck.t tests/0080-samples.t \
	tests/0320-cluster-ssh.t \
	tests/0190-batch.t tests/0210-case-life.t tests/0220-inbox.t
TESTS = $(SLOW_TESTS) $(filter-out $(SLOW_TESTS),$(sort $(wildcard tests/*.t)))
CHECK_ALL ?= $(CI)
ASAN = address,undefined
NPROC := $(shell nproc 2>/dev/null || echo 2)

# what the tests run is built two at a time, as is the fuzz smoke's
# build, unless make was given a -j (its jobserver then shares its slots)
J2 = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j2)
check:
	@$(MAKE) $(J2) --no-print-directory all check-includes $(TEST_TOOLS) $(FUZZ_REPLAYS)
	$(if $(VALGRIND),ZIZHI_VALGRIND=1 )prove -j2 $(if $(filter tests/,$(T)),$(TESTS),$(T))
ifeq ($(SUITE),)
	@if grep -qs '^fuzz-smoke:' $(MAKEFILE_LIST); then \
		$(MAKE) $(J2) fuzz-smoke; fi
ifneq ($(CHECK_ALL),)
	$(MAKE) check-asan
	$(MAKE) check-valgrind
endif
endif

# the library's layout: an include that goes up or sideways in its order,
# or two files that call each other, fail the check (README, Layout)
check-includes: $(LIB_OBJS)
	@sh tests/tools/includes.sh lib $(LIB_PARTS)
	@sh tests/tools/circles.sh $(LIB_OBJS) && echo "check-includes: the library keeps its layout"

# (for tests/0002-layout.t, which must not build)
lib-parts:
	@echo $(LIB_PARTS)

check-valgrind:
	$(MAKE) check VALGRIND=1 SUITE=1

# a copy of the tree (tracked and new files, mtimes kept, so it is rebuilt
# only as far as it changed), the tests' shared inputs found from here
check-asan:
	@mkdir -p build/asan
	git ls-files -z -c -o --exclude-standard | tar --null --ignore-failed-read -T - -cf - | tar -C build/asan -xf -
	ZIZHI_SHARED="$${ZIZHI_SHARED:-$(CURDIR)/../shared}" \
		$(MAKE) -C build/asan -j$(NPROC) SANITIZE=$(ASAN) SUITE=1 check

# make demo STATION=1: then the reviewers' station on its cases
demo: all bin/zizhi-score
	sh samples/make-demo.sh
	$(if $(STATION),sh samples/station-demo.sh)

# the reviewers' station on the demo's cases (LISTEN=127.0.0.1:8080)
station: all
	sh samples/station-demo.sh

# the station's load benchmark's client (bench/serve.sh)
build/httpload: bench/httpload.c
	@mkdir -p build
	$(CC) $(CFLAGS) $(LDFLAGS) -pthread -o $@ $<

# a larger corpus on demand (not committed): SAMPLES cases from SEED,
# one process per core, each case its own index so any split is the same
SAMPLES ?= 50
SEED ?= 1
samples: bin/zizhi-samplegen
	rm -rf samples/generated && mkdir -p samples/generated
	seq 1 $(SAMPLES) | xargs -P "$$(nproc)" -I{} bin/zizhi-samplegen -s $(SEED) \
		--first {} -n 1 -o samples/generated

# the committed set (samples/corpus): small files, regenerated by hand,
# byte for byte (its archives dated alike: samples/make-corpus.sh)
corpus: bin/zizhi-samplegen
	sh samples/make-corpus.sh

# The capital-numeral model config/models/zzmoney.traineddata, trained
# from scratch (models/train/README.md): not part of all or check, about
# an hour and a half on 2 cores. Its steps install the Debian fonts it
# renders in when missing (FONT_PACKAGES in models/train/train.sh); the
# programs it uses (MODEL_TOOLS) are built with all, so they keep
# compiling.
model: $(MODEL_TOOLS)
	sh models/train/train.sh

build/model/amounts: models/train/amounts.c .flags
	@mkdir -p build/model
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ models/train/amounts.c

build/model/evalmoney: models/train/evalmoney.c build/libzizhi.a
	@mkdir -p build/model
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

bench: all build/httpload
	sh bench/unpack.sh
	sh bench/ocr.sh
	sh bench/serve.sh

install: $(BINS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/config/schema
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MANS) $(DESTDIR)$(MANDIR)
	install -m 755 dist/cluster/zizhi-cluster $(DESTDIR)$(BINDIR)
	install -m 644 man/zizhi-cluster.1 $(DESTDIR)$(MANDIR)
	install -m 644 config/*.xml config/*.xsl config/*.css config/*.js $(DESTDIR)$(DATADIR)/config
	install -m 644 config/schema/*.rng $(DESTDIR)$(DATADIR)/config/schema
	install -d $(DESTDIR)$(DATADIR)/config/rules
	install -m 644 config/rules/*.xml $(DESTDIR)$(DATADIR)/config/rules
	install -d $(DESTDIR)$(DATADIR)/config/models
	install -m 644 config/models/*.traineddata $(DESTDIR)$(DATADIR)/config/models
	install -d $(DESTDIR)$(DATADIR)/dist/cron $(DESTDIR)$(DATADIR)/dist/systemd $(DESTDIR)$(DATADIR)/dist/nginx
	for f in dist/cron/zizhi dist/systemd/* dist/nginx/*; do \
		sed 's|/usr/local/bin|$(BINDIR)|g' $$f >$(DESTDIR)$(DATADIR)/$$f && \
		chmod 644 $(DESTDIR)$(DATADIR)/$$f || exit 1; \
	done

uninstall:
	rm -f $(BINS:bin/%=$(DESTDIR)$(BINDIR)/%) $(MANS:man/%=$(DESTDIR)$(MANDIR)/%)
	rm -f $(DESTDIR)$(BINDIR)/zizhi-cluster $(DESTDIR)$(MANDIR)/zizhi-cluster.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf bin lib/*/*.o build/libzizhi.a stages/*.o samples/gen/*.o $(TEST_TOOLS) .flags build/asan \
		$(MODEL_TOOLS)

.PHONY: all check check-includes lib-parts check-asan check-valgrind demo station samples corpus model bench install uninstall clean \
	FORCE
.SECONDARY:

# ---- fuzzing (tests/fuzz): libFuzzer harnesses for every parser of
# untrusted input, built with clang into build/fuzz/ so the gcc objects in
# lib/ are never mixed with them. make check replays tests/fuzz/seeds and
# tests/fuzz/regressions through the same harnesses built with $(CC).
#   make fuzz-smoke      each harness FUZZ_SMOKE_RUNS inputs or FUZZ_SMOKE_SECONDS
#                        (non-zero on a crash)
#   make fuzz            each harness FUZZ_SECONDS, FUZZ_JOBS processes
#   make fuzz-corpus     seeds into build/fuzz/corpus/HARNESS/
FUZZERS = unpack docx xlsx documents rules pipeline alto normal image pdf
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 1
FUZZ_SMOKE_RUNS ?= 3000
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -g -O1 -Wall -Wno-unused-parameter -Ilib \
	-Itests/fuzz $(PKG_CFLAGS) -DZZ_DATADIR='"$(DATADIR)"' -DZZ_FUZZ_TOP='"$(CURDIR)"'
FUZZ_BINS = $(FUZZERS:%=build/fuzz/fuzz_%)
FUZZ_REPLAYS = $(FUZZERS:%=tests/fuzz/replay-%)
FUZZ_HDRS = tests/fuzz/fuzz.h tests/fuzz/fuzz_ooxml.h

build/fuzz/lib/%.o: lib/%.c $(LIB_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/libzizhi.a: $(LIB_OBJS:lib/%=build/fuzz/lib/%)
	$(AR) rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c $(FUZZ_HDRS) build/fuzz/libzizhi.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ tests/fuzz/fuzz_$*.c \
		tests/fuzz/fuzz.c build/fuzz/libzizhi.a $(LDLIBS)

tests/fuzz/replay-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c tests/fuzz/replay.c $(FUZZ_HDRS) build/libzizhi.a
	$(CC) $(CFLAGS) -Itests/fuzz -DZZ_FUZZ_TOP='"$(CURDIR)"' $(LDFLAGS) -o $@ tests/fuzz/fuzz_$*.c \
		tests/fuzz/fuzz.c tests/fuzz/replay.c build/libzizhi.a $(LDLIBS)

fuzz-build: $(FUZZ_BINS)

fuzz-corpus: tests/tools/hostile
	sh tests/fuzz/seeds.sh build/fuzz/corpus $(FUZZERS)

# A crash leaves crash-* in build/fuzz/artifacts/ and stops make (libFuzzer
# exits non-zero); -max_len keeps the ISO and the big ZIP seeds from
# slowing every run (they are cut, which fuzzes the salvage paths).
FUZZ_OPTS = -max_len=65536 -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
# fontconfig's and cairo's caches live as long as the process (PDF pages
# are drawn with them): tests/lsan.supp
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
# Two harnesses at a time (make check asks for -j2 unless given a -j), the
# slowest first; each one's output goes to build/fuzz/smoke-HARNESS.log,
# shown only when it fails. Locally each runs FUZZ_SMOKE_SECONDS at most,
# in CI longer: make check stays under ten minutes on 2 cores.
FUZZ_SMOKE_SECONDS ?= $(if $(CI),20,10)
FUZZ_SMOKE_ORDER = pdf unpack rules documents alto $(filter-out pdf unpack rules documents alto,$(FUZZERS))
FUZZ_SMOKES = $(FUZZ_SMOKE_ORDER:%=fuzz-smoke-%)
fuzz-smoke: $(FUZZ_SMOKES)
$(FUZZ_SMOKES): fuzz-smoke-%: build/fuzz/fuzz_% fuzz-corpus
	@mkdir -p build/fuzz/artifacts
	@if build/fuzz/fuzz_$* $(FUZZ_OPTS) -runs=$(FUZZ_SMOKE_RUNS) \
		-max_total_time=$(FUZZ_SMOKE_SECONDS) -artifact_prefix=build/fuzz/artifacts/$*- \
		build/fuzz/corpus/$* >build/fuzz/smoke-$*.log 2>&1; then \
		echo "fuzz-smoke: $*: $$(grep -o 'Done [0-9]* runs in [0-9]* second.*' build/fuzz/smoke-$*.log)"; \
	else \
		tail -n 40 build/fuzz/smoke-$*.log; \
		echo "fuzz-smoke: $*: failed (build/fuzz/smoke-$*.log, build/fuzz/artifacts/$*-*)" >&2; \
		exit 1; \
	fi

# new inputs go into build/fuzz/corpus/HARNESS, so runs build on each other
fuzz: fuzz-build fuzz-corpus
	@mkdir -p build/fuzz/artifacts
	for h in $(FUZZERS); do \
		echo "fuzz: $$h" && \
		build/fuzz/fuzz_$$h $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
			$(if $(filter-out 1,$(FUZZ_JOBS)),-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) \
			-artifact_prefix=build/fuzz/artifacts/$$h- build/fuzz/corpus/$$h || exit 1; \
	done

clean: clean-fuzz
clean-fuzz:
	rm -rf build/fuzz $(FUZZ_REPLAYS)

.PHONY: fuzz fuzz-smoke $(FUZZ_SMOKES) fuzz-build fuzz-corpus clean-fuzz
