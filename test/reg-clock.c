// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_register_clock (6.12): a ring's waits can be timed
 * by CLOCK_BOOTTIME instead of CLOCK_MONOTONIC; waits with a timeout then
 * still expire (-ETIME) and completions still arrive; a clock other than
 * the two is -EINVAL, and so are non-zero reserved fields.
 */
#include <time.h>
#include "ringmodes.h"

static void timed_wait_expires(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_sec = 0, .tv_nsec = 20000000 };
	struct io_uring_cqe *cqe = NULL;

	CHECK_EQ(io_uring_wait_cqe_timeout(ring, &cqe, &ts), -ETIME);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring_clock_register reg = { .clockid = CLOCK_BOOTTIME };
	int ret;

	(void)mode;
	(void)arg;
	ret = io_uring_register_clock(ring, &reg);
	t_skip_if_unsupported(ret, "IORING_REGISTER_CLOCK", "6.12");
	CHECK_EQ(ret, 0);
	timed_wait_expires(ring);
	io_uring_prep_nop(t_sqe(ring));
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 0);

	reg.clockid = CLOCK_MONOTONIC;
	CHECK_EQ(io_uring_register_clock(ring, &reg), 0);
	timed_wait_expires(ring);
	reg.clockid = CLOCK_REALTIME;
	CHECK_EQ(io_uring_register_clock(ring, &reg), -EINVAL);
	reg.clockid = CLOCK_BOOTTIME;
	reg.__resv[1] = 1;
	CHECK_EQ(io_uring_register_clock(ring, &reg), -EINVAL);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
