// SPDX-License-Identifier: MIT
/*
 * Description: IORING_TIMEOUT_IMMEDIATE_ARG (7.1): a timeout prepared with
 * no timespec, its length in nanoseconds in sqe->addr, fires with -ETIME.
 * Kernels before 7.1 answer -EINVAL to the flag.
 */
#include "helpers.h"

static int timeout_ns(struct io_uring *ring, __u64 ns)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_timeout(sqe, NULL, 0, IORING_TIMEOUT_IMMEDIATE_ARG);
	sqe->addr = ns;
	return t_submit_one(ring);
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	int res;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	res = timeout_ns(&ring, 1000000);	/* 1 ms */
	if (!t_lacks(res, "IORING_TIMEOUT_IMMEDIATE_ARG", 7, 1))
		CHECK_EQ(res, -ETIME);
	io_uring_queue_exit(&ring);
	return t_done();
}
