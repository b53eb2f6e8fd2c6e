/* SPDX-License-Identifier: MIT */
/*
 * ringmodes.h - run one test body on every kind of ring a feature must work
 * on: a plain ring, an SQPOLL ring (submission by a kernel thread, errors
 * only in CQEs) and a DEFER_TASKRUN + SINGLE_ISSUER ring (completions only
 * appear when the submitter enters the kernel). A failure names the mode
 * it happened in ("net-send[sqpoll]: FAIL at ...").
 *
 * Also here: deciding from the kernel's own answer whether a feature
 * exists, so a test skips (77, naming the feature and the kernel version
 * that adds it) exactly when the kernel lacks it.
 */
#ifndef RINGZERO_TEST_RINGMODES_H
#define RINGZERO_TEST_RINGMODES_H

#include <poll.h>
#include <sys/mman.h>
#include "helpers.h"

struct t_ring_mode {
	const char *name;
	unsigned flags;
};

#define T_MODE_PLAIN	(1U << 0)
#define T_MODE_SQPOLL	(1U << 1)
#define T_MODE_DEFER	(1U << 2)
#define T_MODE_ALL	(T_MODE_PLAIN | T_MODE_SQPOLL | T_MODE_DEFER)

static const struct t_ring_mode t_ring_modes[] = {
	{ "plain",	0 },
	{ "sqpoll",	IORING_SETUP_SQPOLL },
	{ "defer",	IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SINGLE_ISSUER },
};

/* What every mode's ring starts from. */
struct t_ring_opts {
	unsigned entries;	/* SQ size, default 64 */
	unsigned flags;		/* added to the mode's flags (R_DISABLED, ...) */
	unsigned cq_entries;	/* with IORING_SETUP_CQSIZE, when non-zero */
	unsigned modes;		/* T_MODE_* to run, default T_MODE_ALL */
};

typedef void (*t_mode_fn)(struct io_uring *ring,
			  const struct t_ring_mode *mode, void *arg);

/*
 * Set up ring in the given mode. Returns 0, or -EINVAL when the kernel
 * does not take the mode's flags (the caller decides what that means).
 * The SQ thread idles after 20 ms: the test machines are small and shared.
 */
static inline int t_ring_init_mode(struct io_uring *ring, unsigned entries,
				   const struct t_ring_mode *mode,
				   unsigned extra_flags, unsigned cq_entries)
{
	struct io_uring_params p = { .flags = mode->flags | extra_flags };
	int ret;

	if (p.flags & IORING_SETUP_SQPOLL)
		p.sq_thread_idle = 20;
	if (cq_entries) {
		p.flags |= IORING_SETUP_CQSIZE;
		p.cq_entries = cq_entries;
	}
	ret = io_uring_queue_init_params(entries, ring, &p);
	if (ret == -EINVAL)
		return ret;
	if (ret < 0)
		FAIL("io_uring_queue_init_params(%s, flags=%#x): %s",
		     mode->name, p.flags, strerror(-ret));
	return 0;
}

static char t_mode_name_buf[128];
static const char *t_base_name;

/*
 * Run fn once per selected mode, each on a fresh ring that is torn down
 * afterwards. A mode whose flags the kernel rejects is reported and
 * skipped; if none could run, the whole test skips.
 */
static inline void t_for_each_ring_mode(const struct t_ring_opts *opts,
					t_mode_fn fn, void *arg)
{
	struct t_ring_opts o = { 64, 0, 0, T_MODE_ALL };
	unsigned i, ran = 0;

	if (opts) {
		o = *opts;
		if (!o.entries)
			o.entries = 64;
		if (!o.modes)
			o.modes = T_MODE_ALL;
	}
	if (!t_base_name)
		t_base_name = t_name;
	for (i = 0; i < sizeof(t_ring_modes) / sizeof(t_ring_modes[0]); i++) {
		const struct t_ring_mode *mode = &t_ring_modes[i];
		struct io_uring ring;

		if (!(o.modes & (1U << i)))
			continue;
		if (t_ring_init_mode(&ring, o.entries, mode, o.flags,
				     o.cq_entries)) {
			fprintf(stderr, "%s: mode %s: kernel rejects flags "
				"%#x, not run\n", t_base_name, mode->name,
				mode->flags | o.flags);
			continue;
		}
		snprintf(t_mode_name_buf, sizeof(t_mode_name_buf), "%s[%s]",
			 t_base_name, mode->name);
		t_name = t_mode_name_buf;
		fn(&ring, mode, arg);
		io_uring_queue_exit(&ring);
		t_name = t_base_name;
		ran++;
	}
	if (!ran)
		t_skip("kernel accepts none of the ring modes");
}

/*
 * Skip unless the kernel supports opcode op (its probe says so). name and
 * version go into the skip message: "IORING_OP_BIND needs Linux 6.11".
 */
static inline void t_require_op(struct io_uring *ring, int op,
				const char *name, const char *version)
{
	struct io_uring_probe *p = io_uring_get_probe_ring(ring);
	char kname[64];
	int ok;

	if (!p)
		t_skip("no IORING_REGISTER_PROBE (Linux 5.6), cannot tell "
		       "whether %s exists", name);
	ok = io_uring_opcode_supported(p, op);
	io_uring_free_probe(p);
	if (!ok)
		t_skip("kernel lacks %s (Linux %s)", name, version);
	/*
	 * A kernel patched with ringzero's IORING_OP_ZERO has it at the
	 * number a later kernel gives to another opcode (49 on 6.1, 58 on
	 * 6.12): supported, but not what we want. The kernel's own name for
	 * the number tells.
	 */
	if (ringzero_kernel_opcode_name(op, kname, sizeof(kname)) >= 0 &&
	    !strcmp(kname, "ZERO"))
		t_skip("kernel lacks %s (Linux %s): opcode %d is IORING_OP_ZERO "
		       "here", name, version, op);
}

/*
 * A register call or CQE answered -EINVAL (or -EOPNOTSUPP where the
 * kernel uses that for unknown commands): the kernel does not know it.
 */
static inline void t_skip_if_unsupported(int ret, const char *name,
					 const char *version)
{
	if (ret == -EINVAL || ret == -EOPNOTSUPP)
		t_skip("kernel lacks %s (Linux %s): %s", name, version,
		       strerror(-ret));
}

/*
 * Wait for one CQE, at most ms milliseconds: a test never hangs on a
 * completion that does not come. Fails the test on timeout.
 */
static inline struct io_uring_cqe *t_wait_ms(struct io_uring *ring, int ms)
{
	struct __kernel_timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (long long)(ms % 1000) * 1000000,
	};
	struct io_uring_cqe *cqe = NULL;
	int ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);

	if (ret == -ETIME)
		FAIL("no CQE within %d ms", ms);
	if (ret < 0)
		FAIL("io_uring_wait_cqe_timeout: %s", strerror(-ret));
	if (!cqe)
		FAIL("io_uring_wait_cqe_timeout returned no CQE");
	return cqe;
}

/* Expect no CQE within ms milliseconds (a request is still pending). */
static inline void t_expect_no_cqe(struct io_uring *ring, int ms)
{
	struct __kernel_timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (long long)(ms % 1000) * 1000000,
	};
	struct io_uring_cqe *cqe = NULL;
	int ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);

	if (ret != -ETIME)
		FAIL("expected no CQE, got ret %d (res %d, user_data %llu)",
		     ret, cqe ? cqe->res : 0,
		     cqe ? (unsigned long long)cqe->user_data : 0ULL);
}

/* Wait up to ms for the next CQE; return a copy and mark it seen. */
static inline struct io_uring_cqe t_reap(struct io_uring *ring, int ms)
{
	struct io_uring_cqe *cqe = t_wait_ms(ring, ms);
	struct io_uring_cqe copy = *cqe;

	io_uring_cqe_seen(ring, cqe);
	return copy;
}

/*
 * Collect the tag CQEs an unregister posts: user_data tag_base + i for bit
 * i of want, res 0. Newer kernels (6.18) post one for every tagged
 * resource still registered; older ones (6.12) post none at unregister,
 * only for resources an update replaced. Returns the mask seen, which is either want or 0;
 * anything in between fails.
 */
static inline unsigned t_unregister_tags(struct io_uring *ring, __u64 tag_base,
					 unsigned want)
{
	unsigned seen = 0;

	while (seen != want) {
		struct __kernel_timespec ts = { .tv_nsec = 300 * 1000 * 1000 };
		struct io_uring_cqe *cqe = NULL;
		unsigned bit;

		if (io_uring_wait_cqe_timeout(ring, &cqe, &ts) == -ETIME) {
			if (seen)
				FAIL("unregister posted tags %#x of %#x", seen,
				     want);
			return 0;
		}
		CHECK(cqe->user_data >= tag_base &&
		      cqe->user_data < tag_base + 32);
		CHECK_EQ(cqe->res, 0);
		bit = 1U << (cqe->user_data - tag_base);
		CHECK(want & bit);
		CHECK(!(seen & bit));
		seen |= bit;
		io_uring_cqe_seen(ring, cqe);
	}
	return seen;
}

/*
 * Submit everything queued; the count must be n. With SQPOLL the count is
 * what the SQ thread has not consumed yet, which can include entries of an
 * earlier submit whose CQEs already arrived (the thread moves the SQ head
 * after the whole batch): at least n, then.
 */
static inline void t_submit(struct io_uring *ring, int n)
{
	int ret = io_uring_submit(ring);

	if ((ring->flags & IORING_SETUP_SQPOLL) && ret >= n)
		return;
	if (ret != n)
		FAIL("io_uring_submit returned %d, expected %d%s%s", ret, n,
		     ret < 0 ? ": " : "", ret < 0 ? strerror(-ret) : "");
}

/*
 * Memory for registered buffers: anonymous pages. A static binary's data
 * and bss pages may be file-backed, and 6.1 refuses to pin those (-EINVAL).
 */
static inline void *t_anon_alloc(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		FAIL("mmap %zu bytes: %s", len, strerror(errno));
	return p;
}

/* Loop sizes: smaller under emulation (RZ_QUICK=1). */
static inline unsigned t_loops(unsigned normal, unsigned quick)
{
	return t_quick() ? quick : normal;
}

#endif /* RINGZERO_TEST_RINGMODES_H */
