# SPDX-License-Identifier: MIT
# Big-endian check: the tests that need no kernel (the SQE bytes every prep
# helper writes, the recvmsg/cmsg parsers) built statically for s390x with
# the library's sources and run under qemu-user. The kernel reads some SQE
# fields differently on big-endian machines (poll32_events is half-word
# swapped), so what passes on x86-64 alone proves nothing there.
#
# `make check-bigendian` (part of `make check`) builds them in
# build/s390x/ and runs each; needs Debian's gcc-s390x-linux-gnu,
# libc6-dev-s390x-cross and qemu-user-static, which `make deps` installs.
# The library's syscall layer falls back to syscall(2) on s390x; nothing
# here enters io_uring (qemu-user does not emulate it).

DEPS_PACKAGES += gcc-s390x-linux-gnu libc6-dev-s390x-cross qemu-user-static

BE_CC ?= s390x-linux-gnu-gcc
BE_RUN ?= qemu-s390x-static
BE_O := build/s390x
BE_TESTS := sqe-bytes recvmsg-parse
BE_BINS := $(BE_TESTS:%=$(BE_O)/test/%)

.PHONY: check-bigendian
CHECK_EXTRA += check-bigendian

$(BE_O)/test/%: test/%.c $(LIB_SRC) $(HEADERS) src/internal.h \
		$(wildcard test/*.h)
	@mkdir -p $(@D)
	$(BE_CC) $(CPPFLAGS) $(WARNFLAGS) -O2 -Itest -static -o $@ $< \
		$(LIB_SRC) -lpthread -lrt

check-bigendian: $(BE_BINS)
	@set -e; for t in $(BE_BINS); do \
		echo "s390x: $$t"; \
		$(BE_RUN) $$t || { echo "s390x: $$t FAILED"; exit 1; }; \
	done; \
	echo "s390x: $(words $(BE_BINS)) passed"
