// SPDX-License-Identifier: MIT
/*
 * Description: what io_uring_submit_and_wait_timeout() and
 * io_uring_submit_and_wait_min_timeout() return, value for value as
 * liburing (2.0 to 2.15): the count of SQEs the enter submitted when no CQE
 * was ready before it, and 0 when one was (the enter then only submitted).
 * Either way *cqe_ptr is the first CQE and every SQE went to the kernel.
 */
#include "helpers.h"

static void queue_nops(struct io_uring *ring, unsigned n)
{
	while (n--)
		io_uring_prep_nop(t_sqe(ring));
}

static void drain(struct io_uring *ring)
{
	io_uring_cq_advance(ring, io_uring_cq_ready(ring));
}

int main(void)
{
	struct __kernel_timespec ts = { .tv_sec = 5 };
	struct io_uring_cqe *cqe;
	struct io_uring_params p = { 0 };
	struct io_uring ring;
	int ret;

	t_init("submit-wait-return");
	t_ring_init(&ring, 8, &p, NULL);

	/* Empty CQ: the answer is the count submitted. */
	queue_nops(&ring, 2);
	cqe = NULL;
	ret = io_uring_submit_and_wait_timeout(&ring, &cqe, 2, &ts, NULL);
	CHECK_EQ(ret, 2);
	CHECK(cqe != NULL);
	CHECK_EQ(io_uring_cq_ready(&ring), 2);
	drain(&ring);

	/* A CQE ready beforehand: the SQEs still go, the answer is 0. */
	queue_nops(&ring, 1);
	CHECK_EQ(io_uring_submit(&ring), 1);
	CHECK_EQ(io_uring_cq_ready(&ring), 1);	/* a NOP completes inline */
	queue_nops(&ring, 3);
	cqe = NULL;
	ret = io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &ts, NULL);
	CHECK_EQ(ret, 0);
	CHECK(cqe != NULL);
	CHECK_EQ(io_uring_sq_ready(&ring), 0);
	/* The three NOPs were submitted: they complete without another submit. */
	CHECK_OK(io_uring_wait_cqe_nr(&ring, &cqe, 4));
	CHECK_EQ(io_uring_cq_ready(&ring), 4);
	drain(&ring);

	/* The same for the min_timeout flavour, where the kernel has it (6.12). */
	if (ring.features & IORING_FEAT_MIN_TIMEOUT) {
		queue_nops(&ring, 1);
		CHECK_EQ(io_uring_submit(&ring), 1);
		CHECK_EQ(io_uring_cq_ready(&ring), 1);
		queue_nops(&ring, 2);
		ret = io_uring_submit_and_wait_min_timeout(&ring, &cqe, 1, &ts,
							   1000, NULL);
		CHECK_EQ(ret, 0);
		CHECK_OK(io_uring_wait_cqe_nr(&ring, &cqe, 3));
		drain(&ring);

		queue_nops(&ring, 2);
		ret = io_uring_submit_and_wait_min_timeout(&ring, &cqe, 2, &ts,
							   1000, NULL);
		CHECK_EQ(ret, 2);
		drain(&ring);
	}
	io_uring_queue_exit(&ring);
	return t_done();
}
