// SPDX-License-Identifier: MIT
/*
 * Description: a full SQ. io_uring_get_sqe() hands out exactly as many
 * entries as the SQ has, then NULL, without overwriting a prepared SQE;
 * submitting frees them all. When the kernel stops a batch at a bad SQE
 * (no IORING_SETUP_SUBMIT_ALL), the entries after it stay queued and the
 * next submit sends them; with SUBMIT_ALL the whole batch goes at once.
 * On an SQPOLL ring, io_uring_sqring_wait() waits for room.
 */
#include "helpers.h"

#define ENTRIES	8

/* Reap n CQEs; each user_data once; the one at bad gets -EINVAL. */
static void reap(struct io_uring *ring, unsigned n, int bad)
{
	unsigned seen = 0, i;

	for (i = 0; i < n; i++) {
		struct io_uring_cqe *cqe = t_wait(ring);
		unsigned ud = (unsigned)cqe->user_data;

		CHECK(ud < n && !(seen & (1U << ud)));
		seen |= 1U << ud;
		CHECK_EQ(cqe->res, (int)ud == bad ? -EINVAL : 0);
		io_uring_cqe_seen(ring, cqe);
	}
	CHECK_EQ(seen, (1U << n) - 1);
}

static void fill(struct io_uring *ring, unsigned n, int bad)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

		CHECK(sqe != NULL);
		io_uring_prep_nop(sqe);
		if ((int)i == bad)
			sqe->opcode = 0xff;	/* no such opcode */
		sqe->user_data = i;
	}
}

static void plain_full(void)
{
	struct io_uring ring;
	int round;

	CHECK_OK(io_uring_queue_init(ENTRIES, &ring, 0));
	for (round = 0; round < 3; round++) {
		fill(&ring, ENTRIES, -1);
		CHECK_EQ(io_uring_sq_space_left(&ring), 0);
		CHECK_EQ(io_uring_sq_ready(&ring), ENTRIES);
		CHECK(io_uring_get_sqe(&ring) == NULL);
		CHECK(io_uring_get_sqe(&ring) == NULL);
		/* The refusals did not disturb the entries already made. */
		CHECK_EQ(io_uring_submit(&ring), ENTRIES);
		CHECK_EQ(io_uring_sq_space_left(&ring), ENTRIES);
		reap(&ring, ENTRIES, -1);
	}
	io_uring_queue_exit(&ring);
}

static void stopped_batch(unsigned flags)
{
	struct io_uring_params p = { .flags = flags };
	struct io_uring ring;
	int first;

	t_ring_init(&ring, ENTRIES, &p, flags ? "SUBMIT_ALL (5.18)" : NULL);
	fill(&ring, ENTRIES, 3);
	first = io_uring_submit(&ring);
	if (flags & IORING_SETUP_SUBMIT_ALL) {
		CHECK_EQ(first, ENTRIES);
	} else {
		/* The kernel consumed up to and including the bad entry. */
		CHECK_EQ(first, 4);
		CHECK_EQ(io_uring_sq_ready(&ring), ENTRIES - 4);
		CHECK_EQ(io_uring_submit(&ring), ENTRIES - 4);
	}
	CHECK_EQ(io_uring_sq_ready(&ring), 0);
	reap(&ring, ENTRIES, 3);
	io_uring_queue_exit(&ring);
}

static void sqpoll_full(void)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
				     .sq_thread_idle = 50 };
	struct io_uring ring;
	unsigned total = 0;
	int round, ret;

	t_ring_init(&ring, ENTRIES, &p, NULL);
	for (round = 0; round < 50; round++) {
		unsigned n = 0;
		struct io_uring_sqe *sqe;

		/* Fill whatever room there is, then wait for more. */
		while ((sqe = io_uring_get_sqe(&ring))) {
			io_uring_prep_nop(sqe);
			sqe->user_data = total + n++;
		}
		CHECK_EQ(io_uring_sq_space_left(&ring), 0);
		/* Counts what the thread has not taken: n, or a few more. */
		ret = io_uring_submit(&ring);
		CHECK(ret >= (int)n && ret <= ENTRIES);
		t_sqring_wait_room(&ring);
		while (n--) {
			struct io_uring_cqe *cqe = t_wait(&ring);

			CHECK_EQ(cqe->res, 0);
			io_uring_cqe_seen(&ring, cqe);
			total++;
		}
	}
	CHECK_EQ(io_uring_sqring_wait(&ring), 0);
	io_uring_queue_exit(&ring);
	printf("SQPOLL: %u NOPs through a ring filled to the brim 50 times\n",
	       total);
}

int main(int argc, char **argv)
{
	struct io_uring ring;

	(void)argc;
	t_init(argv[0]);
	plain_full();
	stopped_batch(0);
	stopped_batch(IORING_SETUP_SUBMIT_ALL);
	sqpoll_full();
	/* Without SQPOLL nothing else frees slots: no wait (as liburing). */
	CHECK_OK(io_uring_queue_init(ENTRIES, &ring, 0));
	fill(&ring, ENTRIES, -1);
	CHECK_EQ(io_uring_sqring_wait(&ring), 0);
	CHECK_EQ(io_uring_submit(&ring), ENTRIES);
	reap(&ring, ENTRIES, -1);
	io_uring_queue_exit(&ring);
	return T_EXIT_PASS;
}
