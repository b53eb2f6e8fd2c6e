// SPDX-License-Identifier: MIT
/*
 * Description: IORING_SETUP_SQ_REWIND (7.0, with NO_SQARRAY): every
 * submission takes the SQEs from slot 0, so after io_uring_submit() the
 * next io_uring_get_sqe() hands out slot 0 again and the shared SQ tail
 * stays 0; two batches of NOPs (3, then 2) complete with their own
 * user_data. Kernels before 7.0 reject the flag with -EINVAL.
 */
#include "helpers.h"

static void batch(struct io_uring *ring, unsigned first, unsigned n)
{
	unsigned i, seen = 0;

	for (i = 0; i < n; i++) {
		struct io_uring_sqe *sqe = t_sqe(ring);

		CHECK(sqe == &ring->sq.sqes[i]);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, first + i);
	}
	CHECK_EQ(io_uring_submit(ring), n);
	CHECK_EQ(*ring->sq.ktail, 0);
	CHECK_EQ(ring->sq.sqe_tail, 0);
	for (i = 0; i < n; i++) {
		struct io_uring_cqe *cqe = t_wait(ring);

		CHECK_EQ(cqe->res, 0);
		CHECK(cqe->user_data >= first && cqe->user_data < first + n);
		seen |= 1U << (cqe->user_data - first);
		io_uring_cqe_seen(ring, cqe);
	}
	CHECK_EQ(seen, (1U << n) - 1);
}

int main(int argc, char **argv)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SQ_REWIND | IORING_SETUP_NO_SQARRAY,
	};
	struct io_uring ring;

	(void)argc;
	t_init(argv[0]);
	t_ring_init_since(&ring, 8, &p, "IORING_SETUP_SQ_REWIND", 7, 0);
	batch(&ring, 100, 3);
	batch(&ring, 200, 2);
	io_uring_queue_exit(&ring);
	return t_done();
}
