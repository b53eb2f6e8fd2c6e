// SPDX-License-Identifier: MIT
/*
 * Description: NOPs one at a time and in batches: user_data comes back
 * unchanged, res is 0, and the SQ/CQ accounting (sq_ready, sq_space_left,
 * cq_ready, cq_advance) agrees with what was queued and reaped;
 * io_uring_prep_nop_res() makes the CQE carry the given res (Linux 6.10).
 */
#include "helpers.h"

int main(int argc, char **argv)
{
	struct io_uring_cqe *cqes[64];
	struct io_uring ring;
	unsigned i, n, seen;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(32, &ring, 0));
	CHECK_EQ(ring.sq.ring_entries, 32);
	CHECK_EQ(ring.cq.ring_entries, 64);
	CHECK(ring.ring_fd >= 0);

	/* One NOP: res 0, user_data echoed. */
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(io_uring_sq_ready(&ring), 1);
	CHECK_EQ(io_uring_sq_space_left(&ring), 31);
	{
		struct io_uring_sqe *sqe;
		struct io_uring_cqe *cqe;

		io_uring_queue_exit(&ring);
		CHECK_OK(io_uring_queue_init(32, &ring, 0));
		sqe = t_sqe(&ring);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, 0xdeadbeefcafef00dULL);
		CHECK_EQ(io_uring_submit(&ring), 1);
		cqe = t_wait(&ring);
		CHECK_EQ(cqe->res, 0);
		CHECK(io_uring_cqe_get_data64(cqe) == 0xdeadbeefcafef00dULL);
		io_uring_cqe_seen(&ring, cqe);
		CHECK_EQ(io_uring_cq_ready(&ring), 0);
	}

	/* A full SQ: get_sqe hands out exactly ring_entries, then NULL. */
	for (i = 0; i < 32; i++) {
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data(sqe, (void *)(uintptr_t)(i + 1));
	}
	CHECK(io_uring_get_sqe(&ring) == NULL);
	CHECK_EQ(io_uring_sq_space_left(&ring), 0);
	CHECK_EQ(io_uring_submit_and_wait(&ring, 32), 32);
	CHECK_EQ(io_uring_sq_ready(&ring), 0);
	CHECK_EQ(io_uring_cq_ready(&ring), 32);

	/* Batch reap: every user_data exactly once. */
	seen = 0;
	n = io_uring_peek_batch_cqe(&ring, cqes, 64);
	CHECK_EQ(n, 32);
	for (i = 0; i < n; i++) {
		unsigned long ud = (unsigned long)io_uring_cqe_get_data(cqes[i]);

		CHECK_EQ(cqes[i]->res, 0);
		CHECK(ud >= 1 && ud <= 32);
		CHECK(!(seen & (1U << (ud - 1))));
		seen |= 1U << (ud - 1);
	}
	CHECK_EQ(seen, 0xffffffffU);
	io_uring_cq_advance(&ring, n);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);

	/* Peek on an empty CQ: -EAGAIN, no CQE. */
	{
		struct io_uring_cqe *cqe = (void *)1;

		CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
		CHECK(cqe == NULL);
	}

	/* for_each_cqe and the iterator walk the same CQEs in order. */
	for (i = 0; i < 8; i++) {
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, 100 + i);
	}
	CHECK_EQ(io_uring_submit_and_wait(&ring, 8), 8);
	{
		struct io_uring_cqe_iter it = io_uring_cqe_iter_init(&ring);
		struct io_uring_cqe *cqe;
		unsigned head, k = 0, order[8];

		io_uring_for_each_cqe(&ring, head, cqe)
			order[k++] = (unsigned)cqe->user_data;
		CHECK_EQ(k, 8);
		k = 0;
		while (io_uring_cqe_iter_next(&it, &cqe))
			CHECK_EQ(cqe->user_data, order[k++]);
		CHECK_EQ(k, 8);
		io_uring_cq_advance(&ring, 8);
	}
	/* A NOP that reports the result it was given. */
	{
		int ret;

		io_uring_prep_nop_res(t_sqe(&ring), -EIO);
		ret = t_submit_one(&ring);
		if (!t_lacks(ret, "IORING_NOP_INJECT_RESULT", 6, 10)) {
			CHECK_EQ(ret, -EIO);
			io_uring_prep_nop_res(t_sqe(&ring), 1234);
			CHECK_EQ(t_submit_one(&ring), 1234);
		}
	}
	io_uring_queue_exit(&ring);
	return t_done();
}
