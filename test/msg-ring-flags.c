// SPDX-License-Identifier: MIT
/*
 * Description: MSG_RING's flags: io_uring_prep_msg_ring_cqe_flags (6.3)
 * sets the flags of the CQE the target sees (IORING_MSG_RING_FLAGS_PASS);
 * IORING_MSG_RING_CQE_SKIP on a descriptor message installs the file in
 * the target without posting a CQE there, while the sender still gets its
 * own.
 */
#include "ringmodes.h"

static void run(struct io_uring *src, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring dst;
	struct io_uring_cqe cqe;
	struct io_uring_sqe *sqe;
	int pfd[2];
	char c = 's';

	(void)arg;
	t_require_op(src, IORING_OP_MSG_RING, "IORING_OP_MSG_RING", "5.18");
	CHECK_EQ(t_ring_init_mode(&dst, 8, mode, 0, 0), 0);

	sqe = t_sqe(src);
	io_uring_prep_msg_ring_cqe_flags(sqe, dst.ring_fd, 42, 0x77, 0,
					 0x12340000);
	sqe->user_data = 1;
	t_submit(src, 1);
	cqe = t_reap(src, 5000);
	CHECK_EQ(cqe.user_data, 1);
	t_skip_if_unsupported(cqe.res, "IORING_MSG_RING_FLAGS_PASS", "6.3");
	CHECK_EQ(cqe.res, 0);
	cqe = t_reap(&dst, 5000);
	CHECK_EQ(cqe.user_data, 0x77);
	CHECK_EQ(cqe.res, 42);
	CHECK_EQ(cqe.flags, 0x12340000);

	/* CQE_SKIP: the descriptor arrives in slot 1, silently. */
	CHECK_SYS(pipe(pfd));
	CHECK_OK(io_uring_register_files(src, &pfd[1], 1));
	CHECK_OK(io_uring_register_files_sparse(&dst, 2));
	sqe = t_sqe(src);
	io_uring_prep_msg_ring_fd(sqe, dst.ring_fd, 0, 1, 0x79,
				  IORING_MSG_RING_CQE_SKIP);
	sqe->user_data = 2;
	t_submit(src, 1);
	cqe = t_reap(src, 5000);
	CHECK_EQ(cqe.user_data, 2);
	CHECK_EQ(cqe.res, 0);
	t_expect_no_cqe(&dst, 50);
	sqe = t_sqe(&dst);
	io_uring_prep_write(sqe, 1, &c, 1, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	sqe->user_data = 3;
	t_submit(&dst, 1);
	cqe = t_reap(&dst, 5000);
	CHECK_EQ(cqe.user_data, 3);
	CHECK_EQ(cqe.res, 1);
	c = 0;
	CHECK_EQ(read(pfd[0], &c, 1), 1);
	CHECK_EQ(c, 's');
	close(pfd[0]);
	close(pfd[1]);
	io_uring_queue_exit(&dst);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
