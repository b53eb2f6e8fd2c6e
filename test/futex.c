// SPDX-License-Identifier: MIT
/*
 * Description: futex operations (6.7): a futex_wait in the ring sleeps
 * until futex_wake from the ring or FUTEX_WAKE from another thread wakes
 * it (res 0), and a futex_wake from the ring wakes a thread blocked in
 * futex(2) (res 1: one woken); a wait whose value no longer matches is
 * -EAGAIN; futex_waitv reports which futex woke it; a pending wait can be
 * cancelled (-ECANCELED).
 */
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include "ringmodes.h"

#ifndef FUTEX2_SIZE_U32
#define FUTEX2_SIZE_U32		0x02
#endif
#ifndef FUTEX2_PRIVATE
#define FUTEX2_PRIVATE		FUTEX_PRIVATE_FLAG
#endif
#define F32			(FUTEX2_SIZE_U32 | FUTEX2_PRIVATE)

static uint32_t word;
static volatile int thread_state;	/* 1 about to sleep, 2 woke */

static long sys_futex(uint32_t *uaddr, int op, uint32_t val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

/* Sleeps in futex(2) on word while it is 0. */
static void *sleeper(void *arg)
{
	(void)arg;
	__atomic_store_n(&thread_state, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&word, __ATOMIC_SEQ_CST) == 0)
		sys_futex(&word, FUTEX_WAIT_PRIVATE, 0);
	__atomic_store_n(&thread_state, 2, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Waits for a byte on the pipe, then sets word and wakes its waiter. */
static void *waker(void *arg)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int *go = arg;
	char c;

	if (read(go[0], &c, 1) != 1)
		return NULL;
	nanosleep(&ts, NULL);
	__atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
	sys_futex(&word, FUTEX_WAKE_PRIVATE, 1);
	return NULL;
}

static void queue_wait(struct io_uring *ring, uint32_t *f, uint64_t val,
		       __u64 ud)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_futex_wait(sqe, f, val, FUTEX_BITSET_MATCH_ANY, F32, 0);
	sqe->user_data = ud;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct futex_waitv vec[2];
	uint32_t other = 0;
	struct io_uring_cqe cqe;
	struct io_uring_sqe *sqe;
	pthread_t th;
	int i, go[2];

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_FUTEX_WAIT, "IORING_OP_FUTEX_WAIT", "6.7");

	/* Ring waits, ring wakes. */
	word = 0;
	queue_wait(ring, &word, 0, 1);
	t_submit(ring, 1);
	t_expect_no_cqe(ring, 30);
	sqe = t_sqe(ring);
	io_uring_prep_futex_wake(sqe, &word, 1, FUTEX_BITSET_MATCH_ANY, F32, 0);
	sqe->user_data = 2;
	t_submit(ring, 1);
	for (i = 0; i < 2; i++) {
		cqe = t_reap(ring, 5000);
		if (cqe.user_data == 1)
			CHECK_EQ(cqe.res, 0);	/* woken */
		else
			CHECK_EQ(cqe.res, 1);	/* woke one */
	}

	/* The value changed before arming: -EAGAIN, no sleep. */
	word = 5;
	queue_wait(ring, &word, 0, 3);
	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.user_data, 3);
	CHECK_EQ(cqe.res, -EAGAIN);

	/*
	 * Ring waits, another thread wakes with plain futex(2). The thread
	 * exists before the wait is armed: a process that becomes threaded
	 * gets a private futex hash (6.16+), and a wait armed before that
	 * would not be found by the wake.
	 */
	word = 0;
	CHECK_SYS(pipe(go));
	CHECK_EQ(pthread_create(&th, NULL, waker, go), 0);
	queue_wait(ring, &word, 0, 4);
	t_submit(ring, 1);
	t_expect_no_cqe(ring, 10);
	CHECK_EQ(write(go[1], "g", 1), 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.user_data, 4);
	CHECK_EQ(cqe.res, 0);
	pthread_join(th, NULL);
	close(go[0]);
	close(go[1]);

	/* A thread sleeps in futex(2); the ring's futex_wake wakes it. */
	word = 0;
	thread_state = 0;
	CHECK_EQ(pthread_create(&th, NULL, sleeper, NULL), 0);
	for (i = 0; i < 5000; i++) {
		struct io_uring_cqe c;

		if (__atomic_load_n(&thread_state, __ATOMIC_SEQ_CST) != 1) {
			usleep(1000);
			continue;
		}
		/* Wake repeatedly until one wake found it asleep. */
		usleep(2000);
		sqe = t_sqe(ring);
		io_uring_prep_futex_wake(sqe, &word, 1,
					 FUTEX_BITSET_MATCH_ANY, F32, 0);
		sqe->user_data = 5;
		t_submit(ring, 1);
		c = t_reap(ring, 5000);
		CHECK(c.res == 0 || c.res == 1);
		if (c.res == 1)
			break;
	}
	CHECK(i < 5000);
	/* It was woken with word still 0: let it leave now. */
	__atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
	sys_futex(&word, FUTEX_WAKE_PRIVATE, 1);
	pthread_join(th, NULL);
	CHECK_EQ(thread_state, 2);

	/* waitv on two futexes: res is the index of the one woken. */
	word = 0;
	memset(vec, 0, sizeof(vec));
	vec[0].uaddr = (uintptr_t)&word;
	vec[0].flags = F32;
	vec[1].uaddr = (uintptr_t)&other;
	vec[1].flags = F32;
	sqe = t_sqe(ring);
	io_uring_prep_futex_waitv(sqe, vec, 2, 0);
	sqe->user_data = 6;
	t_submit(ring, 1);
	t_expect_no_cqe(ring, 20);
	sqe = t_sqe(ring);
	io_uring_prep_futex_wake(sqe, &other, 1, FUTEX_BITSET_MATCH_ANY, F32,
				 0);
	sqe->user_data = 7;
	t_submit(ring, 1);
	for (i = 0; i < 2; i++) {
		cqe = t_reap(ring, 5000);
		/* waitv: index 1 woke it; wake: one waiter woken. */
		CHECK(cqe.user_data == 6 || cqe.user_data == 7);
		CHECK_EQ(cqe.res, 1);
	}

	/* A pending wait is cancellable. */
	queue_wait(ring, &word, 0, 8);
	t_submit(ring, 1);
	t_expect_no_cqe(ring, 10);
	sqe = t_sqe(ring);
	io_uring_prep_cancel64(sqe, 8, 0);
	sqe->user_data = 9;
	t_submit(ring, 1);
	for (i = 0; i < 2; i++) {
		cqe = t_reap(ring, 5000);
		if (cqe.user_data == 8)
			CHECK_EQ(cqe.res, -ECANCELED);
		else	/* futex cancel reports how many it found */
			CHECK(cqe.res == 0 || cqe.res == 1);
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
