// SPDX-License-Identifier: MIT
/*
 * Description: more completions than CQ entries. With IORING_FEAT_NODROP the
 * kernel parks the excess in its overflow list and sets IORING_SQ_CQ_OVERFLOW;
 * the library must flush it, so that every user_data arrives exactly once,
 * whether reaped by wait, peek or peek_batch.
 */
#include "helpers.h"

#define ROUNDS	64

static void run(unsigned flags, const char *what)
{
	struct io_uring_params p = { .flags = flags | IORING_SETUP_CQSIZE,
				     .cq_entries = 8 };
	static unsigned char seen[ROUNDS * 64];
	struct io_uring ring;
	unsigned total = 0, i, sent = 0;

	memset(seen, 0, sizeof(seen));
	t_ring_init(&ring, 8, &p, what);
	if (!(ring.features & IORING_FEAT_NODROP))
		t_skip("kernel lacks IORING_FEAT_NODROP (5.5)");

	/* Fill: 8 SQ entries per submit, CQ of 8, several submits unreaped. */
	for (i = 0; i < ROUNDS; i++) {
		unsigned k;

		for (k = 0; k < 8; k++) {
			struct io_uring_sqe *sqe = t_sqe(&ring);

			io_uring_prep_nop(sqe);
			io_uring_sqe_set_data64(sqe, sent++);
		}
		CHECK_EQ(io_uring_submit(&ring), 8);
		if (i == 4 && !(flags & IORING_SETUP_DEFER_TASKRUN))
			CHECK(io_uring_cq_has_overflow(&ring));
	}

	/* Drain with a mix of reaping calls. */
	while (total < sent) {
		struct io_uring_cqe *cqe, *batch[4];
		unsigned n, k;

		if (total % 3 == 0) {
			cqe = t_wait(&ring);
			batch[0] = cqe;
			n = 1;
		} else {
			n = io_uring_peek_batch_cqe(&ring, batch, 4);
			if (!n) {
				cqe = t_wait(&ring);
				batch[0] = cqe;
				n = 1;
			}
		}
		for (k = 0; k < n; k++) {
			__u64 ud = batch[k]->user_data;

			CHECK_EQ(batch[k]->res, 0);
			CHECK(ud < sent);
			if (seen[ud])
				FAIL("user_data %llu completed twice",
				     (unsigned long long)ud);
			seen[ud] = 1;
		}
		io_uring_cq_advance(&ring, n);
		total += n;
	}
	CHECK_EQ(total, sent);
	CHECK_EQ(*ring.cq.koverflow, 0);
	{
		struct io_uring_cqe *cqe;

		CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	}
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	run(0, NULL);
	run(IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
	    "DEFER_TASKRUN (6.1)");
	return T_EXIT_PASS;
}
