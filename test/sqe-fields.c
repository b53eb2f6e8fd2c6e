// SPDX-License-Identifier: MIT
/*
 * Description: the SQE and CQE accessors. io_uring_get_sqe() hands out
 * SQEs cleared even when the slot held garbage; sqe_set_data/cqe_get_data
 * carry a pointer, set_data64/get_data64 a 64-bit value, unchanged;
 * sqe_set_flags reaches the kernel (IOSQE_CQE_SKIP_SUCCESS suppresses the
 * CQE, IOSQE_ASYNC still completes, an unknown flag is -EINVAL);
 * sqe_set_buf_group names the group a buffer-select read draws from (an
 * empty group: -ENOBUFS); cqe_seen(NULL) does nothing.
 */
#include "helpers.h"

int main(int argc, char **argv)
{
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	unsigned i;
	int fds[2];

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	CHECK_SYS(pipe(fds));

	/* Garbage in every slot; each SQE handed out is all zero. */
	memset(ring.sq.sqes, 0xff, 8 * sizeof(struct io_uring_sqe));
	for (i = 0; i < 8; i++) {
		size_t k;

		sqe = t_sqe(&ring);
		for (k = 0; k < sizeof(*sqe); k++)
			if (((unsigned char *)sqe)[k])
				FAIL("SQE %u byte %zu not cleared", i, k);
		io_uring_prep_nop(sqe);
	}
	CHECK_EQ(io_uring_submit_and_wait(&ring, 8), 8);
	io_uring_cq_advance(&ring, 8);

	/* Pointer and 64-bit user data round trips. */
	sqe = t_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data(sqe, &ring);
	CHECK_EQ(io_uring_submit(&ring), 1);
	cqe = t_wait(&ring);
	CHECK(io_uring_cqe_get_data(cqe) == &ring);
	io_uring_cqe_seen(&ring, cqe);
	sqe = t_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, ~0ULL - 1);
	CHECK_EQ(io_uring_submit(&ring), 1);
	cqe = t_wait(&ring);
	CHECK(io_uring_cqe_get_data64(cqe) == ~0ULL - 1);
	io_uring_cqe_seen(&ring, cqe);
	io_uring_cqe_seen(&ring, NULL);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);

	/* Flags: a skipped success, an async NOP, and an unknown flag. */
	sqe = t_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_flags(sqe, IOSQE_CQE_SKIP_SUCCESS);
	io_uring_sqe_set_data64(sqe, 1);
	sqe = t_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_flags(sqe, IOSQE_ASYNC);
	io_uring_sqe_set_data64(sqe, 2);
	CHECK_EQ(sqe->flags, IOSQE_ASYNC);
	CHECK_EQ(io_uring_submit_and_wait(&ring, 1), 2);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->user_data, 2);
	CHECK_EQ(cqe->res, 0);
	io_uring_cqe_seen(&ring, cqe);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	sqe = t_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_flags(sqe, 0x80);
	CHECK_EQ(t_submit_one(&ring), -EINVAL);

	/* Buffer group: nothing provided in group 7. */
	sqe = t_sqe(&ring);
	io_uring_prep_read(sqe, fds[0], NULL, 16, 0);
	io_uring_sqe_set_flags(sqe, IOSQE_BUFFER_SELECT);
	io_uring_sqe_set_buf_group(sqe, 7);
	CHECK_EQ(sqe->buf_group, 7);
	CHECK_EQ(write(fds[1], "x", 1), 1);
	CHECK_EQ(t_submit_one(&ring), -ENOBUFS);

	io_uring_queue_exit(&ring);
	close(fds[0]);
	close(fds[1]);
	return T_EXIT_PASS;
}
