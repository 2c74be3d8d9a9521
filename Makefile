# zizhi - plain make, pkg-config for every dependency.
#   make                      build bin/zizhi and the stage programs
#   make check                build and run the tests (prove)
#   make install              PREFIX=/usr/local DESTDIR= honoured
#   make SANITIZE=address,undefined check
#   make DEVELOPER=1          warnings are errors (on by default in CI)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/zizhi
MANDIR ?= $(PREFIX)/share/man/man1

PKGS = libxml-2.0 libzip libarchive glib-2.0 libmagic nettle
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
LDLIBS = $(PKG_LIBS)

STAGES = unpack
BINS = bin/zizhi $(STAGES:%=bin/zizhi-%)
LIB_OBJS = lib/util.o lib/fsutil.o lib/hash.o lib/text.o lib/config.o lib/settings.o \
	lib/items.o lib/progress.o lib/safepath.o lib/unpack.o lib/unpack_zip.o \
	lib/unpack_arc.o lib/unpack_dir.o lib/casexml.o
TEST_TOOLS = tests/tools/mkzip
MANS = man/zizhi.1 $(STAGES:%=man/zizhi-%.1)

all: $(BINS)

# Objects are rebuilt when the flags or the install paths change (as git's
# GIT-CFLAGS does), so a SANITIZE build or a new PREFIX never mixes with
# stale objects.
.flags: FORCE
	@echo '$(CC) $(CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS)' >$@

lib/%.o: lib/%.c lib/zizhi.h lib/unpack.h .flags
	$(CC) $(CFLAGS) -c -o $@ $<

stages/%.o: stages/%.c lib/zizhi.h .flags
	$(CC) $(CFLAGS) -c -o $@ $<

lib/libzizhi.a: $(LIB_OBJS)
	$(AR) rcs $@ $(LIB_OBJS)

bin/zizhi: stages/zizhi.o lib/libzizhi.a
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

bin/zizhi-%: stages/%.o lib/libzizhi.a
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

tests/tools/%: tests/tools/%.c lib/libzizhi.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

check: all $(TEST_TOOLS)
	prove -j2 tests/

demo: all
	sh samples/make-demo.sh

bench: all
	sh bench/unpack.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/config/schema
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MANS) $(DESTDIR)$(MANDIR)
	install -m 644 config/*.xml $(DESTDIR)$(DATADIR)/config
	install -m 644 config/schema/*.rng $(DESTDIR)$(DATADIR)/config/schema

uninstall:
	rm -f $(BINS:bin/%=$(DESTDIR)$(BINDIR)/%) $(MANS:man/%=$(DESTDIR)$(MANDIR)/%)
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf bin lib/*.o lib/*.a stages/*.o $(TEST_TOOLS) .flags

.PHONY: all check demo bench install uninstall clean FORCE
.SECONDARY:
