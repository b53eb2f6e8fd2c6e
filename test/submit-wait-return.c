// SPDX-License-Identifier: MIT
/*
 * Description: what io_uring_submit_and_wait_timeout() and
 * io_uring_submit_and_wait_min_timeout() return, value for value as
 * liburing (2.0 to 2.15): the count of SQEs the enter submitted when no CQE
 * was ready before it, and 0 when one was (the enter then only submitted).
 * Either way *cqe_ptr is the first CQE and every SQE went to the kernel.
 */
#include "helpers.h"

static struct __kernel_timespec five = { .tv_sec = 5 };

/*
 * With `ready` NOP CQEs already in the CQ, queue `queued` more NOPs and
 * submit them through the call under test, waiting for wait_nr CQEs;
 * check its return and that all the NOPs complete.
 */
static void run(struct io_uring *ring, bool min_timeout, unsigned ready,
		unsigned queued, unsigned wait_nr, int want)
{
	struct io_uring_cqe *cqe = NULL;
	unsigned i;
	int ret;

	for (i = 0; i < ready; i++)
		io_uring_prep_nop(t_sqe(ring));
	CHECK_EQ(io_uring_submit(ring), ready);
	CHECK_EQ(io_uring_cq_ready(ring), ready);	/* NOPs complete inline */

	for (i = 0; i < queued; i++)
		io_uring_prep_nop(t_sqe(ring));
	if (min_timeout)
		ret = io_uring_submit_and_wait_min_timeout(ring, &cqe, wait_nr,
							   &five, 1000, NULL);
	else
		ret = io_uring_submit_and_wait_timeout(ring, &cqe, wait_nr,
						       &five, NULL);
	CHECK_EQ(ret, want);
	CHECK(cqe != NULL);
	CHECK_EQ(io_uring_sq_ready(ring), 0);
	/* Every NOP was submitted: they all complete without another submit. */
	CHECK_OK(io_uring_wait_cqe_nr(ring, &cqe, ready + queued));
	CHECK_EQ(io_uring_cq_ready(ring), ready + queued);
	io_uring_cq_advance(ring, ready + queued);
}

int main(void)
{
	struct io_uring_params p = { 0 };
	struct io_uring ring;

	t_init("submit-wait-return");
	t_ring_init(&ring, 8, &p, NULL);

	/* Empty CQ: the answer is the count submitted. */
	run(&ring, false, 0, 2, 2, 2);
	/* A CQE ready beforehand: the SQEs still go, the answer is 0. */
	run(&ring, false, 1, 3, 1, 0);
	/* The same for the min_timeout flavour, where the kernel has it (6.12). */
	if (ring.features & IORING_FEAT_MIN_TIMEOUT) {
		run(&ring, true, 0, 2, 2, 2);
		run(&ring, true, 1, 2, 1, 0);
	}
	io_uring_queue_exit(&ring);
	return t_done();
}
