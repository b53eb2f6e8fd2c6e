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
PEER_SHARED := hist meter cpu opts run loadgen cleanup datafile \
	wl_file wl_net wl_nop \
	file_uring file_uring_reg file_uring_sqpoll \
	net_uring net_uring_multishot nop_uring
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

# liburing linked statically, as the CLI links libringzero: a comparison of
# the two libraries must not be one of PLT calls against direct calls.
PEER_LIBURING := $(if $(filter 1,$(STATIC)),-luring,\
	-Wl,-Bstatic -luring -Wl,-Bdynamic)

$(PEER): $(PEER_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(PEER_OBJ) $(PEER_LIBURING) $(LDLIBS)

# The charts' log scales (svg.c) need libm.
$(CLI): LDLIBS += -lm

# The CLI's bench objects see the bench headers change too.
$(filter $(O)/bench/%,$(CLI_OBJ)): $(BENCH_HEADERS)

# make bench: liburing-dev and fio from Debian if missing, a fresh build
# (the peer appears once liburing is there), then every workload, the
# sweeps of how cost grows with queue depth and with connections, and
# Debian's qemu-img bench on Debian's liburing.so.2 and on ringzero's
# (scripts/compat-bench.sh, docs/compat.md). Tables go to the terminal
# and, with SVG charts, to $(O)/bench-results/.
BENCH_OUT := $(O)/bench-results
BENCH_FLAGS ?=
NOP_BATCHES := 1,8,32,128
# fio's batching, given to our io_uring and Linux AIO loops and to fio alike:
# a pass per reaping from the page cache; small batches, which this shared
# virtio disk serves best, for O_DIRECT
FIO_BATCH := --batch-submit 32 --batch-complete-min 1 --batch-complete-max 32
FIO_BATCH_DIRECT := --batch-submit 4 --batch-complete-min 1 \
	--batch-complete-max 4
# enough messages in flight that the server, not the generator, is busy
NET_LOAD := --conns 50 --size 64 --inflight 32
# how cost grows: every engine at every point, two shorter runs each
SWEEP := --rounds 2 --time 200ms
FILE_DEPTHS := 1,2,4,8,16,32,64,128,256
NET_CONNS := 1,10,100,1000,10000

# Each table is kept and shown; a wrong answer still fails the target.
bench_run = $(CLI) bench $(1) $(BENCH_FLAGS) --svg $(BENCH_OUT)/$(2).svg \
	> $(BENCH_OUT)/$(2).txt; status=$$?; cat $(BENCH_OUT)/$(2).txt; \
	exit $$status

bench:
	$(MAKE) deps
	$(MAKE) all
	@mkdir -p $(BENCH_OUT)
	$(call bench_run,nop --batch $(NOP_BATCHES) --rounds 5,nop)
	$(call bench_run,file --depth 32 $(FIO_BATCH),file)
	$(call bench_run,file --direct --depth 32 $(FIO_BATCH_DIRECT),file-direct)
	$(call bench_run,net $(NET_LOAD),net)
	$(call bench_run,zero,zero)
	$(call bench_run,file --depth $(FILE_DEPTHS) $(SWEEP),file-depth)
	$(call bench_run,net --conns $(NET_CONNS) $(SWEEP),net-conns)
	scripts/compat-bench.sh $(O) > $(BENCH_OUT)/compat-qemu-img.txt; \
		status=$$?; cat $(BENCH_OUT)/compat-qemu-img.txt; exit $$status

# The liburing peer is installed where the CLI looks for it beside an
# installed tree: $(BINDIR)/../libexec/ringzero/. Only when it was built
# (liburing-dev present); the CLI says so when the peer is missing.
LIBEXECDIR ?= $(PREFIX)/libexec
.PHONY: install-peer uninstall-peer
install: install-peer
uninstall: uninstall-peer
install-peer:
	if [ -x $(PEER) ]; then \
		install -d $(DESTDIR)$(LIBEXECDIR)/ringzero && \
		install -m 755 $(PEER) $(DESTDIR)$(LIBEXECDIR)/ringzero/; \
	fi
uninstall-peer:
	rm -rf $(DESTDIR)$(LIBEXECDIR)/ringzero
