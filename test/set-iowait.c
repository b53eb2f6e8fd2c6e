// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_set_iowait (IORING_FEAT_NO_IOWAIT, 6.15): turning
 * iowait accounting off makes every later wait carry
 * IORING_ENTER_NO_IOWAIT, which the kernel accepts: timed waits still
 * expire with -ETIME and completions still arrive; turning it back on
 * works the same.
 */
#include "ringmodes.h"

static void waits_work(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 10 * 1000 * 1000 };
	struct io_uring_cqe *cqe = NULL;

	CHECK_EQ(io_uring_wait_cqe_timeout(ring, &cqe, &ts), -ETIME);
	io_uring_prep_nop(t_sqe(ring));
	CHECK_EQ(io_uring_submit_and_wait(ring, 1) >= 0, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 0);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	int ret;

	(void)mode;
	(void)arg;
	ret = io_uring_set_iowait(ring, false);
	if (ret == -EOPNOTSUPP)
		t_skip("kernel lacks IORING_FEAT_NO_IOWAIT (Linux 6.15)");
	CHECK_EQ(ret, 0);
	CHECK(ring->int_flags & RINGZERO_INT_NO_IOWAIT);
	waits_work(ring);
	CHECK_EQ(io_uring_set_iowait(ring, true), 0);
	CHECK(!(ring->int_flags & RINGZERO_INT_NO_IOWAIT));
	waits_work(ring);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
