# SPDX-License-Identifier: MIT
# The I/O-models lab (bench/): the liburing peer and `make bench`.
#
# bench/*.c are linked into the ringzero CLI by the top-level Makefile. The
# liburing rows need the io_uring engines built a second time, against
# Debian's liburing, into a program of their own (the two libraries export
# the same symbols): $(O)/ringzero-peer-liburing, from bench/peer/*.c and
# the shared sources below compiled with -DRZ_PEER_LIBURING. It is built
# whenever liburing-dev is installed; without it the CLI says the liburing
# rows are missing.

DEPS_PACKAGES += liburing-dev fio

PEER := $(O)/ringzero-peer-liburing
PEER_SHARED := hist meter cpu opts run loadgen \
	wl_file wl_net wl_nop wl_zero \
	file_uring net_uring net_uring_multishot nop_uring zero_uring
PEER_OBJ := $(PEER_SHARED:%=$(O)/peer/bench/%.o) \
	$(O)/peer/tools/size.o \
	$(patsubst %.c,$(O)/peer/%.o,$(wildcard bench/peer/*.c))
BENCH_HEADERS := $(wildcard bench/*.h)
HAVE_LIBURING := $(wildcard /usr/include/liburing.h)

ifneq ($(HAVE_LIBURING),)
all: $(PEER)
endif

$(O)/peer/%.o: %.c $(BENCH_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DRZ_PEER_LIBURING -c -o $@ $<

$(PEER): $(PEER_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(PEER_OBJ) -luring $(LDLIBS)

# The CLI's bench objects see the bench headers change too.
$(filter $(O)/bench/%,$(CLI_OBJ)): $(BENCH_HEADERS)

# make bench: liburing-dev and fio from Debian if missing, a fresh build
# (the peer appears once liburing is there), then every workload with the
# issue's settings. Tables go to the terminal and, with SVG charts, to
# $(O)/bench-results/.
BENCH_OUT := $(O)/bench-results
BENCH_FLAGS ?=

bench:
	$(MAKE) deps
	$(MAKE) all
	@mkdir -p $(BENCH_OUT)
	$(CLI) bench nop --batch 1,8,32,128 --rounds 5 $(BENCH_FLAGS) \
		--svg $(BENCH_OUT)/nop.svg | tee $(BENCH_OUT)/nop.txt
	$(CLI) bench file --depth 32 $(BENCH_FLAGS) \
		--svg $(BENCH_OUT)/file.svg | tee $(BENCH_OUT)/file.txt
	$(CLI) bench net --conns 50 --size 64 $(BENCH_FLAGS) \
		--svg $(BENCH_OUT)/net.svg | tee $(BENCH_OUT)/net.txt
	$(CLI) bench zero $(BENCH_FLAGS) \
		--svg $(BENCH_OUT)/zero.svg | tee $(BENCH_OUT)/zero.txt
