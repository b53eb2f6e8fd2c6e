// SPDX-License-Identifier: MIT
/*
 * Description: IORING_OP_MSG_RING (5.18) delivers to another ring: the
 * target sees a CQE with the sent len as res and data as user_data, the
 * sender's CQE says 0 (ring fds themselves cannot be registered files:
 * -EBADF). msg_ring_fd (6.0) installs the sender's direct descriptor in the
 * target's table at a chosen slot or, with msg_ring_fd_alloc, a free one,
 * and the target can use it. A target that is not a ring is -EBADFD.
 */
#include "ringmodes.h"
#include "sockets.h"

static int one(struct io_uring *ring)
{
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void run(struct io_uring *src, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring dst;
	struct io_uring_cqe cqe;
	struct io_uring_sqe *sqe;
	int pfd[2], res, i;
	char c;

	(void)arg;
	t_require_op(src, IORING_OP_MSG_RING, "IORING_OP_MSG_RING", "5.18");
	/* The target ring is of the same kind as the sender. */
	CHECK_EQ(t_ring_init_mode(&dst, 8, mode, 0, 0), 0);

	for (i = 0; i < 3; i++) {
		io_uring_prep_msg_ring(t_sqe(src), dst.ring_fd, 0x100u + i,
				       0xfeed0000ULL + i, 0);
		CHECK_EQ(one(src), 0);
		cqe = t_reap(&dst, 5000);
		CHECK_EQ(cqe.user_data, 0xfeed0000ULL + i);
		CHECK_EQ(cqe.res, 0x100 + i);
	}

	/* A ring fd cannot sit in the fixed file table at all. */
	CHECK_EQ(io_uring_register_files(src, &dst.ring_fd, 1), -EBADF);

	/* Not a ring at all. */
	CHECK_SYS(pipe(pfd));
	io_uring_prep_msg_ring(t_sqe(src), pfd[0], 1, 1, 0);
	CHECK_EQ(one(src), -EBADFD);

	/* Passing a direct descriptor: the pipe's write end, sender slot 0. */
	CHECK_OK(io_uring_register_files(src, &pfd[1], 1));
	CHECK_OK(io_uring_register_files_sparse(&dst, 4));
	io_uring_prep_msg_ring_fd(t_sqe(src), dst.ring_fd, 0, 2, 0x5eed, 0);
	res = one(src);
	t_skip_if_unsupported(res, "IORING_MSG_SEND_FD", "6.0");
	CHECK_EQ(res, 0);
	cqe = t_reap(&dst, 5000);
	CHECK_EQ(cqe.user_data, 0x5eed);
	CHECK_EQ(cqe.res, 0);
	/* The target writes through its new slot 2; the pipe gets it. */
	sqe = t_sqe(&dst);
	c = 'm';
	io_uring_prep_write(sqe, 2, &c, 1, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(one(&dst), 1);
	c = 0;
	CHECK_EQ(read(pfd[0], &c, 1), 1);
	CHECK_EQ(c, 'm');

	/* ...and into a slot the kernel picks: both CQEs name it. */
	io_uring_prep_msg_ring_fd_alloc(t_sqe(src), dst.ring_fd, 0, 0x5eee, 0);
	res = one(src);
	CHECK(res >= 0 && res < 4 && res != 2);
	cqe = t_reap(&dst, 5000);
	CHECK_EQ(cqe.user_data, 0x5eee);
	CHECK_EQ(cqe.res, res);		/* both sides learn the slot */
	sqe = t_sqe(&dst);
	c = 'n';
	io_uring_prep_write(sqe, cqe.res, &c, 1, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(one(&dst), 1);
	CHECK_EQ(read(pfd[0], &c, 1), 1);
	CHECK_EQ(c, 'n');

	CHECK_OK(io_uring_unregister_files(src));
	t_close_pair(pfd);
	io_uring_queue_exit(&dst);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
