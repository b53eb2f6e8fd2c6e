// SPDX-License-Identifier: MIT
/*
 * Description: 10 million operations (NOP, READ, WRITE, TIMEOUT, mixed at
 * random) through a ring whose CQ is far smaller than what is in flight, so
 * the kernel keeps overflowing it: every user_data completes exactly once
 * with the result its operation must give, nothing is dropped, and the
 * process's memory stays flat. RZ_QUICK=1 and sanitizer builds push 200k.
 * RZ_SEED replays a run (the seed is printed); RZ_STRESS_OPS sets the count.
 */
#include <time.h>

#include "helpers.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED	1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED	0
#endif

#define FULL_OPS	10000000ULL
#define QUICK_OPS	200000ULL
#define SQ_ENTRIES	32U
#define CQ_ENTRIES	32U	/* the smallest the kernel takes for this SQ */
#define MAX_INFLIGHT	256U	/* 8 CQs' worth: most of it overflows */
#define BLOCK		512U
#define FILE_SIZE	(1U << 20)
#define RSS_SLACK	(4U << 20)	/* growth allowed after warm-up */

enum kind { K_NOP, K_READ, K_WRITE, K_TIMER, K_COUNT_TIMEOUT, K_NR };
static const char *const kind_names[K_NR] = {
	"NOP", "READ", "WRITE", "TIMEOUT(timer)", "TIMEOUT(count)"
};

/*
 * user_data = seq << 16 | slot: seq is the operation's number (its bit in
 * the completion map), slot the in-flight slot that owns its buffers.
 */
struct slot {
	enum kind kind;
	unsigned long long off;
	struct __kernel_timespec ts;
	unsigned char buf[BLOCK];
};

static struct slot slots[MAX_INFLIGHT];
static unsigned free_slots[MAX_INFLIGHT], nr_free;
static unsigned char *done_map;
static unsigned long long per_kind[K_NR];
static unsigned char src_block[FILE_SIZE];
static unsigned long long rng;

static unsigned long long next_rand(void)
{
	/* xorshift64*: fast, and a seed replays the same run. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static long rss_bytes(void)
{
	long size, resident;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		FAIL("/proc/self/statm: %s", strerror(errno));
	if (fscanf(f, "%ld %ld", &size, &resident) != 2)
		FAIL("/proc/self/statm: unreadable");
	fclose(f);
	return resident * sysconf(_SC_PAGESIZE);
}

static void prep(struct io_uring *ring, struct io_uring_sqe *sqe,
		 unsigned long long seq, int rfd, int wfd)
{
	unsigned s = free_slots[--nr_free];
	struct slot *sl = &slots[s];
	unsigned r = (unsigned)(next_rand() % 100);

	(void)ring;
	sl->off = (next_rand() % (FILE_SIZE / BLOCK)) * BLOCK;
	if (r < 60) {
		sl->kind = K_NOP;
		io_uring_prep_nop(sqe);
	} else if (r < 75) {
		sl->kind = K_READ;
		io_uring_prep_read(sqe, rfd, sl->buf, BLOCK, sl->off);
	} else if (r < 90) {
		sl->kind = K_WRITE;
		io_uring_prep_write(sqe, wfd, src_block + sl->off, BLOCK,
				    sl->off);
	} else if (r < 95) {
		/* A pure timer: 1 to 50 us, must expire (-ETIME). */
		sl->kind = K_TIMER;
		sl->ts.tv_sec = 0;
		sl->ts.tv_nsec = 1000 + (long long)(next_rand() % 49000);
		io_uring_prep_timeout(sqe, &sl->ts, 0, 0);
	} else {
		/* Done after one other completion, or 10 ms, whichever first. */
		sl->kind = K_COUNT_TIMEOUT;
		sl->ts.tv_sec = 0;
		sl->ts.tv_nsec = 10 * 1000 * 1000;
		io_uring_prep_timeout(sqe, &sl->ts, 1, 0);
	}
	per_kind[sl->kind]++;
	io_uring_sqe_set_data64(sqe, seq << 16 | s);
}

static void complete(const struct io_uring_cqe *cqe,
		     unsigned long long submitted)
{
	unsigned long long seq = cqe->user_data >> 16;
	unsigned s = (unsigned)(cqe->user_data & 0xffff);
	struct slot *sl;

	if (s >= MAX_INFLIGHT || seq >= submitted)
		FAIL("CQE with user_data %#llx that was never submitted",
		     (unsigned long long)cqe->user_data);
	if (done_map[seq >> 3] & (1U << (seq & 7)))
		FAIL("operation %llu completed twice", seq);
	done_map[seq >> 3] |= (unsigned char)(1U << (seq & 7));
	sl = &slots[s];
	switch (sl->kind) {
	case K_NOP:
		if (cqe->res != 0)
			FAIL("NOP %llu: res %d", seq, cqe->res);
		break;
	case K_READ:
		if (cqe->res != (int)BLOCK)
			FAIL("READ %llu: res %d, expected %u", seq, cqe->res,
			     BLOCK);
		if (memcmp(sl->buf, src_block + sl->off, BLOCK))
			FAIL("READ %llu at %llu: wrong bytes", seq, sl->off);
		break;
	case K_WRITE:
		if (cqe->res != (int)BLOCK)
			FAIL("WRITE %llu: res %d, expected %u", seq, cqe->res,
			     BLOCK);
		break;
	case K_TIMER:
		if (cqe->res != -ETIME)
			FAIL("timer %llu: res %d, expected -ETIME", seq,
			     cqe->res);
		break;
	case K_COUNT_TIMEOUT:
		if (cqe->res != 0 && cqe->res != -ETIME)
			FAIL("count timeout %llu: res %d", seq, cqe->res);
		break;
	case K_NR:
		FAIL("slot %u has no operation", s);
	}
	free_slots[nr_free++] = s;
}

/* Reap what is ready (at least min CQEs); returns how many. */
static unsigned reap(struct io_uring *ring, unsigned min,
		     unsigned long long submitted)
{
	struct io_uring_cqe *batch[64];
	unsigned got = 0, n, i;

	for (;;) {
		n = io_uring_peek_batch_cqe(ring, batch, 64);
		for (i = 0; i < n; i++)
			complete(batch[i], submitted);
		io_uring_cq_advance(ring, n);
		got += n;
		if (got >= min)
			return got;
		if (!n) {
			/* A lost CQE shows up here as a wait that never ends. */
			struct __kernel_timespec ts = { .tv_sec = 10 };
			struct io_uring_cqe *cqe;
			int ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);

			if (ret == -ETIME)
				FAIL("no completion in 10 s with %u still to "
				     "reap: lost", min - got);
			if (ret < 0)
				FAIL("io_uring_wait_cqe_timeout: %s",
				     strerror(-ret));
		}
	}
}

int main(int argc, char **argv)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_CQSIZE,
		.cq_entries = CQ_ENTRIES,
	};
	unsigned long long total = t_quick() || SANITIZED ? QUICK_OPS :
				   FULL_OPS;
	unsigned long long submitted = 0, completed = 0, seed, i;
	unsigned long overflows = 0;
	long rss_start = 0, rss_end;
	char rpath[256], wpath[256];
	struct io_uring ring;
	int rfd, wfd, k;

	(void)argc;
	t_init(argv[0]);
	if (getenv("RZ_STRESS_OPS"))
		total = strtoull(getenv("RZ_STRESS_OPS"), NULL, 0);
	seed = getenv("RZ_SEED") ? strtoull(getenv("RZ_SEED"), NULL, 0) :
				   (unsigned long long)time(NULL);
	printf("stress: seed %llu (replay with RZ_SEED=%llu)\n", seed, seed);
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;

	for (i = 0; i < FILE_SIZE; i++)
		src_block[i] = t_pattern(i);
	rfd = t_tmpfile(rpath, src_block, FILE_SIZE);
	wfd = t_tmpfile(wpath, NULL, 0);
	unlink(rpath);
	unlink(wpath);

	t_ring_init(&ring, SQ_ENTRIES, &p, NULL);
	if (!(ring.features & IORING_FEAT_NODROP))
		t_skip("kernel lacks IORING_FEAT_NODROP (5.5): overflow drops");
	CHECK_EQ(ring.cq.ring_entries, CQ_ENTRIES);

	/*
	 * The completion map, every page touched now so that it does not
	 * count as growth (volatile: a plain memset of 0 on fresh memory may
	 * become calloc and touch nothing).
	 */
	done_map = calloc(1, total / 8 + 1);
	CHECK(done_map != NULL);
	for (i = 0; i < total / 8 + 1; i += 1024)
		((volatile unsigned char *)done_map)[i] = 0;
	for (i = 0; i < MAX_INFLIGHT; i++)
		free_slots[nr_free++] = (unsigned)i;

	while (completed < total) {
		unsigned batches = 1 + (unsigned)(next_rand() % 4), b;

		/* Several SQ-fulls before reaping: the CQ must overflow. */
		for (b = 0; b < batches; b++) {
			unsigned n = 0;

			while (nr_free && submitted < total && n < SQ_ENTRIES) {
				struct io_uring_sqe *sqe =
					io_uring_get_sqe(&ring);

				if (!sqe)
					break;
				prep(&ring, sqe, submitted++, rfd, wfd);
				n++;
			}
			if (!n)
				break;
			k = io_uring_submit(&ring);
			if (k != (int)n)
				FAIL("io_uring_submit: %d of %u (%s)", k, n,
				     k < 0 ? strerror(-k) : "short");
		}
		if (io_uring_cq_has_overflow(&ring))
			overflows++;
		/* Reap down to a random level, all of it at the very end. */
		{
			unsigned long long inflight = submitted - completed;
			unsigned long long keep = submitted < total ?
				next_rand() % (MAX_INFLIGHT / 2) : 0;

			if (inflight > keep)
				completed += reap(&ring,
						  (unsigned)(inflight - keep),
						  submitted);
		}
		if (!rss_start && completed >= total / 100)
			rss_start = rss_bytes();
	}
	rss_end = rss_bytes();

	CHECK_EQ(completed, total);
	CHECK_EQ(submitted, total);
	for (i = 0; i < total; i++)
		if (!(done_map[i >> 3] & (1U << (i & 7))))
			FAIL("operation %llu never completed", i);
	CHECK_EQ(*ring.cq.koverflow, 0);
	{
		struct io_uring_cqe *cqe;

		CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	}
	if (!overflows)
		FAIL("the CQ never overflowed: the test did not test overflow");
	if (rss_end - rss_start > (long)RSS_SLACK)
		FAIL("RSS grew from %ld KiB to %ld KiB", rss_start / 1024,
		     rss_end / 1024);

	printf("stress: %llu operations completed exactly once (", total);
	for (k = 0; k < K_NR; k++)
		printf("%s%s %llu", k ? ", " : "", kind_names[k], per_kind[k]);
	printf(")\nstress: CQ of %u overflowed on %lu rounds, none dropped; "
	       "RSS %ld KiB -> %ld KiB\n", CQ_ENTRIES, overflows,
	       rss_start / 1024, rss_end / 1024);
	io_uring_queue_exit(&ring);
	free(done_map);
	close(rfd);
	close(wfd);
	return T_EXIT_PASS;
}
