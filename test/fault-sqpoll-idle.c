// SPDX-License-Identifier: MIT
/*
 * Description: the SQPOLL thread going idle and waking up. After
 * sq_thread_idle milliseconds without work the kernel thread sleeps and
 * sets IORING_SQ_NEED_WAKEUP; io_uring_submit() must then wake it (enter
 * with IORING_ENTER_SQ_WAKEUP), or the SQE would sit in the ring forever.
 * Twenty rounds of sleep-and-submit, each completing within a bound, with
 * work in between that keeps the thread awake.
 */
#include <time.h>

#include "helpers.h"

#define IDLE_MS		10
#define ROUNDS		20

static int need_wakeup(const struct io_uring *ring)
{
	/* Acquire: pairs with the SQ thread's update of the flags. */
	return io_uring_smp_load_acquire(ring->sq.kflags) &
	       IORING_SQ_NEED_WAKEUP;
}

/* Wait (up to 2 s) for the thread to fall asleep. */
static void wait_asleep(const struct io_uring *ring)
{
	int ms;

	for (ms = 0; ms < 2000; ms++) {
		if (need_wakeup(ring))
			return;
		usleep(1000);
	}
	FAIL("the SQPOLL thread never set NEED_WAKEUP (idle %d ms)", IDLE_MS);
}

static void one_nop(struct io_uring *ring, __u64 ud)
{
	struct __kernel_timespec ts = { .tv_sec = 5 };
	struct io_uring_sqe *sqe = t_sqe(ring);
	struct io_uring_cqe *cqe;
	int ret;

	io_uring_prep_nop(sqe);
	sqe->user_data = ud;
	/*
	 * With SQPOLL, submit counts every entry the thread has not taken
	 * yet (as liburing does); the kernel may post a CQE before it moves
	 * the SQ head, so an earlier entry can still be counted.
	 */
	ret = io_uring_submit(ring);
	CHECK(ret >= 1);
	/* A sleeping thread that nobody woke shows up as this timeout. */
	ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
	if (ret == -ETIME)
		FAIL("NOP %llu not completed in 5 s: SQ thread not woken",
		     (unsigned long long)ud);
	CHECK_OK(ret);
	CHECK_EQ(cqe->user_data, ud);
	CHECK_EQ(cqe->res, 0);
	io_uring_cqe_seen(ring, cqe);
}

int main(int argc, char **argv)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SQPOLL,
		.sq_thread_idle = IDLE_MS,
	};
	struct io_uring ring;
	unsigned wakeups = 0, awake_nops = 0;
	int round, i;

	(void)argc;
	t_init(argv[0]);
	t_ring_init(&ring, 8, &p, NULL);

	for (round = 0; round < ROUNDS; round++) {
		wait_asleep(&ring);
		one_nop(&ring, (__u64)round << 8);
		wakeups++;
		/* Right after, the thread is awake: a burst needs no wakeup. */
		for (i = 1; i <= 16; i++) {
			one_nop(&ring, (__u64)round << 8 | (unsigned)i);
			awake_nops++;
		}
	}
	CHECK_EQ(*ring.sq.kdropped, 0);
	io_uring_queue_exit(&ring);
	printf("SQPOLL idle %d ms: %u sleeps, each woken by submit; %u NOPs "
	       "while awake\n", IDLE_MS, wakeups, awake_nops);
	return T_EXIT_PASS;
}
