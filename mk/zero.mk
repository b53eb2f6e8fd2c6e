# SPDX-License-Identifier: MIT
# IORING_OP_ZERO on the library/CLI side: what the ZERO tests share, the
# unit tests of the size parser and of zero's diagnosis, and `make demo`.

# The ZERO tests include test/zero-helpers.h: rebuild them when it changes.
$(filter $(O)/test/zero-%,$(TESTS)): test/zero-helpers.h

# The size parser lives in the CLI; its test links it directly.
$(O)/test/size-parse: test/size-parse.c tools/size.c tools/size.h \
		test/helpers.h $(HEADERS) $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itest -Itools $(LDFLAGS) -o $@ $< tools/size.c \
		$(STATIC_LIB) $(LDLIBS)

# The zero command's diagnosis rules live in the CLI; their test links them.
# (with the helpers its messages use: quoting names, "N byte(s)").
ZERO_DIAG_SRC := tools/zero_diag.c tools/quote.c tools/size.c
$(O)/test/zero-diag: test/zero-diag.c $(ZERO_DIAG_SRC) tools/zero_diag.h \
		tools/cmd.h tools/quote.h tools/size.h test/helpers.h \
		$(HEADERS) $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itest -Itools $(LDFLAGS) -o $@ $< $(ZERO_DIAG_SRC) \
		$(STATIC_LIB) $(LDLIBS)

# The seed's scenario on this machine's kernel: "1234567890\n", its first
# 5 bytes zeroed through io_uring by `ringzero zero`, dumped before and
# after (od is in coreutils: nothing more to install than the build needs).
demo:
	$(MAKE) deps
	$(MAKE) $(CLI)
	scripts/demo.sh $(CLI)

# zero-range checks every method of the CLI's chain too: it links the
# chain's sources (they print nothing; the CLI's reporting stays out).
ZERO_CHAIN_SRC := tools/zero_chain.c tools/zero_wait.c tools/zero_fs.c \
		  tools/zero_resident.c tools/size.c
$(O)/test/zero-range: test/zero-range.c $(ZERO_CHAIN_SRC) \
		tools/zero_chain.h tools/zero_wait.h tools/zero_resident.h \
		tools/size.h test/zero-helpers.h \
		test/helpers.h $(HEADERS) $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itest -Itools $(LDFLAGS) -o $@ $< \
		$(ZERO_CHAIN_SRC) $(STATIC_LIB) $(LDLIBS)

# test/zero-fs.sh: private mounts (unshare, mount, losetup, fsfreeze and
# script from util-linux), pgrep (procps) and the filesystems it
# loop-mounts for the chain's property test.
DEPS_PACKAGES += util-linux procps e2fsprogs xfsprogs btrfs-progs
