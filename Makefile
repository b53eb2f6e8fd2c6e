# SPDX-License-Identifier: MIT
# ringzero top-level build.
#
# Sources are picked up by wildcard so that adding a file needs no edit here:
#   src/*.c       -> libringzero.a / libringzero.so
#   tools/*.c     -> the ringzero command (with bench/*.c, the I/O-models lab)
#   test/*.c      -> one test program each; test/*.sh are shell tests
#   examples/*.c  -> example programs (built and run by the test suite)
# Each part with targets of its own (vm, bench, man, ...) adds a fragment in
# mk/*.mk, included at the end.
#
# Build variants go to their own output folder:
#   make                      -> build/
#   make O=build/san SAN=1    -> ASan + UBSan build
#   make O=build/static STATIC=1 -> statically linked programs (the VM guest)

VERSION_MAJOR := 0
VERSION_MINOR := 1
VERSION_PATCH := 0
VERSION := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)
SONAME := libringzero.so.$(VERSION_MAJOR)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=

O ?= build
CC ?= cc
AR ?= ar
CFLAGS ?= -O2 -g
WARNFLAGS := -Wall -Wextra -Werror
CPPFLAGS += -Iinclude -D_GNU_SOURCE \
	-DRINGZERO_VERSION_MAJOR=$(VERSION_MAJOR) \
	-DRINGZERO_VERSION_MINOR=$(VERSION_MINOR) \
	-DRINGZERO_VERSION_STRING='"$(VERSION)"'
LDLIBS += -lpthread -lrt

ifeq ($(SAN),1)
CFLAGS += -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(STATIC),1)
LDFLAGS += -static
endif

LIB_SRC := $(sort $(wildcard src/*.c))
CLI_SRC := $(sort $(wildcard tools/*.c bench/*.c))
TEST_SRC := $(sort $(wildcard test/*.c))
EXAMPLE_SRC := $(sort $(wildcard examples/*.c))
HEADERS := $(wildcard include/*.h include/ringzero/*.h)

LIB_OBJ := $(LIB_SRC:%.c=$(O)/%.o)
PIC_OBJ := $(LIB_SRC:%.c=$(O)/pic/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(O)/%.o)
TESTS := $(TEST_SRC:%.c=$(O)/%)
EXAMPLES := $(EXAMPLE_SRC:%.c=$(O)/%)

STATIC_LIB := $(O)/libringzero.a
SHARED_LIB := $(O)/libringzero.so.$(VERSION)
CLI := $(O)/ringzero

ALL_CFLAGS = $(CPPFLAGS) $(WARNFLAGS) $(CFLAGS)

.PHONY: all lib tests examples check check-host check-san demo bench \
	install uninstall clean
.DEFAULT_GOAL := all

all: lib $(CLI) tests examples
lib: $(STATIC_LIB) $(if $(filter 1,$(STATIC)),,$(SHARED_LIB))
tests: $(TESTS)
examples: $(EXAMPLES)

$(O)/%.o: %.c $(HEADERS) src/internal.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/pic/%.o: %.c $(HEADERS) src/internal.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

$(STATIC_LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

# The shared library exports only what src/ringzero.map lists.
$(SHARED_LIB): $(PIC_OBJ) src/ringzero.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
		-Wl,--version-script=src/ringzero.map -o $@ $(PIC_OBJ)
	ln -sf libringzero.so.$(VERSION) $(O)/$(SONAME)
	ln -sf $(SONAME) $(O)/libringzero.so

$(CLI): $(CLI_OBJ) $(STATIC_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(STATIC_LIB) $(LDLIBS)

# Tests and examples link the static library: the same binaries then run in
# the VM guest, which has no shared libraries at all.
$(O)/test/%: test/%.c $(wildcard test/*.h) $(HEADERS) $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itest $(LDFLAGS) -o $@ $< $(STATIC_LIB) $(LDLIBS)

$(O)/examples/%: examples/%.c $(HEADERS) $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(STATIC_LIB) $(LDLIBS)

# check: everything, the sanitizer build too, plus whatever the fragments in
# mk/ append to CHECK_EXTRA (the VM test, the install test, ...).
# Each stage is its own make run so that they happen in this order.
CHECK_EXTRA :=
check:
	$(MAKE) deps
	$(MAKE) check-host
	$(MAKE) check-san
	$(MAKE) check-extra

check-host: all
	test/run.sh $(O)

check-san:
	$(MAKE) O=build/san SAN=1 all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		test/run.sh build/san

install: lib $(CLI)
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/ringzero \
		$(DESTDIR)$(BINDIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 include/ringzero.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 include/ringzero/*.h $(DESTDIR)$(INCLUDEDIR)/ringzero/
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libringzero.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libringzero.so
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		ringzero.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/ringzero.pc

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libringzero.* $(DESTDIR)$(BINDIR)/ringzero \
		$(DESTDIR)$(PKGCONFIGDIR)/ringzero.pc $(DESTDIR)$(INCLUDEDIR)/ringzero.h
	rm -rf $(DESTDIR)$(INCLUDEDIR)/ringzero

clean:
	rm -rf build

include $(sort $(wildcard mk/*.mk))

check-extra: $(CHECK_EXTRA)
