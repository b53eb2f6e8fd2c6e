# SPDX-License-Identifier: MIT
# ringzero as a binary drop-in for liburing (docs/compat.md):
#   $(O)/compat/liburing.so.2      soname liburing.so.2, the library's
#                                  objects, liburing's symbol versions
#   $(O)/compat/liburing-ffi.so.2  the same plus every inline helper of
#                                  the headers as a function (compat/ffi.c)
# Both are built by `make`, except in STATIC=1 builds (no shared libraries)
# and SAN=1 builds (an ASan library cannot be loaded into Debian's programs,
# which do not start with the ASan runtime). Their version scripts
# come from compat/nodes.txt through scripts/compat-map.sh, which fails the
# build when an exported function has no node there.
#   make install-compat   installs both in $(LIBDIR)/ringzero/compat, a
#                         private directory: never over the system's liburing
# The tests test/compat-*.sh run Debian's own liburing programs (plocate,
# qemu-io) on both libraries, and patch a copy of plocate (patchelf);
# hence the packages below.

DEPS_PACKAGES += liburing2 liburing-dev plocate qemu-utils binutils patchelf

COMPAT_DIR := $(O)/compat
COMPAT_LIB := $(COMPAT_DIR)/liburing.so.2
COMPAT_FFI := $(COMPAT_DIR)/liburing-ffi.so.2
COMPAT_FFI_INC := $(COMPAT_DIR)/ffi-include
COMPATDIR ?= $(LIBDIR)/ringzero/compat

.PHONY: compat install-compat uninstall-compat
compat: $(COMPAT_LIB) $(COMPAT_FFI)
ifeq ($(filter 1,$(STATIC) $(SAN)),)
all: compat
endif

$(COMPAT_DIR)/liburing.map: compat/nodes.txt src/ringzero.map \
		scripts/compat-map.sh
	@mkdir -p $(@D)
	scripts/compat-map.sh so compat/nodes.txt src/ringzero.map > $@.tmp
	mv $@.tmp $@

$(COMPAT_LIB): $(PIC_OBJ) $(COMPAT_DIR)/liburing.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,liburing.so.2 \
		-Wl,--version-script=$(COMPAT_DIR)/liburing.map -o $@ $(PIC_OBJ)

# The headers with "static inline" dropped where it starts a line: the
# helpers become external definitions in the one file that includes them.
$(COMPAT_FFI_INC)/ringzero.h: $(HEADERS)
	rm -rf $(COMPAT_FFI_INC)
	mkdir -p $(COMPAT_FFI_INC)/ringzero
	for h in $(HEADERS); do \
		sed 's/^static inline //' $$h > $(COMPAT_FFI_INC)/$${h#include/} || exit 1; \
	done

$(COMPAT_DIR)/ffi.o: compat/ffi.c $(COMPAT_FFI_INC)/ringzero.h
	$(CC) $(filter-out -Iinclude,$(CPPFLAGS)) -I$(COMPAT_FFI_INC) \
		$(WARNFLAGS) $(CFLAGS) -fPIC -c -o $@ $<

$(COMPAT_DIR)/liburing-ffi.map: compat/nodes.txt src/ringzero.map \
		scripts/compat-map.sh $(COMPAT_DIR)/ffi.o
	scripts/compat-map.sh ffi compat/nodes.txt src/ringzero.map \
		$(COMPAT_DIR)/ffi.o > $@.tmp
	mv $@.tmp $@

$(COMPAT_FFI): $(PIC_OBJ) $(COMPAT_DIR)/ffi.o $(COMPAT_DIR)/liburing-ffi.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,liburing-ffi.so.2 \
		-Wl,--version-script=$(COMPAT_DIR)/liburing-ffi.map -o $@ \
		$(PIC_OBJ) $(COMPAT_DIR)/ffi.o

install-compat: compat
	install -d $(DESTDIR)$(COMPATDIR)
	install -m 755 $(COMPAT_LIB) $(COMPAT_FFI) $(DESTDIR)$(COMPATDIR)/

uninstall-compat:
	rm -f $(DESTDIR)$(COMPATDIR)/liburing.so.2 \
		$(DESTDIR)$(COMPATDIR)/liburing-ffi.so.2
	-rmdir $(DESTDIR)$(COMPATDIR) $(DESTDIR)$(LIBDIR)/ringzero 2>/dev/null
