# SPDX-License-Identifier: MIT
# libFuzzer targets: fuzz/NAME.c -> build/fuzz/NAME, each linked with the
# library built for fuzzing (clang, -fsanitize=fuzzer-no-link plus ASan and
# UBSan): diagnose and names (the probe/diagnosis decoder), size (the CLI's
# size parser, tools/size.c), recvmsg (the multishot recvmsg and cmsg
# parsers) and buf_ring (the provided-buffer ring index helpers). `make fuzz` builds them; `make fuzz-check` (part of `make check`)
# runs each for FUZZ_SECONDS from a small seed corpus and prints how many
# inputs it ran. A crash, leak, UB or a failed check in a target fails it.
#
# Needs Debian's clang and libclang-rt-14-dev (the fuzzer runtime), which
# `make deps` installs.

DEPS_PACKAGES += clang libclang-rt-14-dev

FUZZ_CC ?= clang
FUZZ_O := build/fuzz
FUZZ_SECONDS ?= 20
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_SRC := $(sort $(wildcard fuzz/*.c))
FUZZ_TARGETS := $(FUZZ_SRC:fuzz/%.c=$(FUZZ_O)/%)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_O)/%.o)

.PHONY: fuzz fuzz-check
fuzz: $(FUZZ_TARGETS)
# The library objects are shared by every target: keep them between runs.
.SECONDARY: $(FUZZ_LIB_OBJ)

$(FUZZ_O)/src/%.o: src/%.c $(HEADERS) src/internal.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(WARNFLAGS) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_O)/%: fuzz/%.c $(FUZZ_LIB_OBJ) $(HEADERS) src/internal.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(WARNFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer \
		-o $@ $< $(FUZZ_LIB_OBJ) $(LDLIBS)

# The size parser is the CLI's, not the library's: link its source in.
$(FUZZ_O)/size: fuzz/size.c tools/size.c tools/size.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(WARNFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer \
		-o $@ $< tools/size.c

CHECK_EXTRA += fuzz-check

# Seeds: header bytes, then release / status / sysctl texts (diagnose);
# table, flag word, output size (names); layouts with a body, a too-short
# buffer and an error res (recvmsg); a wrapping tail (buf_ring). printf
# keeps them out of the tree
# as binary files.
fuzz-check: $(FUZZ_TARGETS)
	@set -e; for t in $(FUZZ_TARGETS); do \
		name=$$(basename $$t); \
		corpus=$(FUZZ_O)/corpus/$$name; \
		rm -rf $$corpus; mkdir -p $$corpus; \
		case $$name in \
		diagnose) \
			printf '\377\377\377\377\010\0\0\0\0\040\0\0\0\0\0\0\0\0\1\0\0\0\0\200%s\0%s\0%s' \
				'6.18.44-fc' 'Name:\tx\nSeccomp:\t2\nCapEff:\t000001ffffffffff\n' '2\n' \
				>$$corpus/eperm; \
			printf '\352\377\377\377\0\0\0\0\000\040\0\0\0\0\0\0\0\0\1\0\0\0\0\040%s\0%s\0%s' \
				'5.10.0-28-amd64' 'Seccomp:\t0\n' '-1\n' >$$corpus/einval; \
			head -c 24 /dev/zero >$$corpus/zero ;; \
		names) \
			printf '\004\003\0\0\0\0\0\0\200\100\001\042\0\0\0\0\0\0\0\010' \
				>$$corpus/flags ;; \
		recvmsg) \
			printf '\020\0\0\0\060\0\0\0\0\0\0\0\200\0\0\0%s' \
				'0123456789abcdef' >$$corpus/layout; \
			printf '\050\0\0\0\036\0\0\0\0\0\0\0\100\0\0\0' \
				>$$corpus/short; \
			printf '\020\0\0\0\0\0\0\0\0\0\0\0\377\377\377\377' \
				>$$corpus/error ;; \
		buf_ring) \
			printf '\003\377\377\0\1\0\0\0\1\377\377\377\177' \
				>$$corpus/wrap ;; \
		size) \
			for s in 4096 4K 1GiB 8t 9223372036854775807 \
				9223372036854775808 8388608T 0x10 -1 ' 1' 4KB; do \
				printf '%s' "$$s" >"$$corpus/seed-$$s"; \
			done ;; \
		esac; \
		echo "fuzz $$name: running for $(FUZZ_SECONDS) s"; \
		$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-max_len=4096 -artifact_prefix=$(FUZZ_O)/$$name- $$corpus >$(FUZZ_O)/$$name.log 2>&1 || { \
			tail -n 40 $(FUZZ_O)/$$name.log; \
			echo "fuzz $$name: FAILED (log: $(FUZZ_O)/$$name.log)"; \
			exit 1; }; \
		runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' \
			$(FUZZ_O)/$$name.log); \
		echo "fuzz $$name: $$runs executions, no crash, leak or failed check"; \
	done
