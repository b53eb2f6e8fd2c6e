// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_register_sync_msg (6.13): a MSG_RING SQE prepared
 * on the stack, with no ring of the sender's own, is delivered to the
 * target ring by the register call itself; a bad target fd is -EBADF.
 */
#include "ringmodes.h"

static void run(struct io_uring *dst, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring_sqe sqe;
	struct io_uring_cqe cqe;
	int ret, i;

	(void)mode;
	(void)arg;
	for (i = 0; i < 4; i++) {
		memset(&sqe, 0, sizeof(sqe));
		io_uring_prep_msg_ring(&sqe, dst->ring_fd, 10u + i,
				       0xc0de0000ULL + i, 0);
		ret = io_uring_register_sync_msg(&sqe);
		/*
		 * The target is a live ring, so -EBADF here means the kernel
		 * has no ring-less register calls at all: fd -1 was refused.
		 */
		if (ret == -EBADF && i == 0)
			t_skip("kernel lacks IORING_REGISTER_SEND_MSG_RING "
			       "(Linux 6.13): fd -1 refused");
		t_skip_if_unsupported(ret, "IORING_REGISTER_SEND_MSG_RING",
				      "6.13");
		CHECK_EQ(ret, 0);
		cqe = t_reap(dst, 5000);
		CHECK_EQ(cqe.user_data, 0xc0de0000ULL + i);
		CHECK_EQ(cqe.res, 10 + i);
	}
	memset(&sqe, 0, sizeof(sqe));
	io_uring_prep_msg_ring(&sqe, -1, 1, 1, 0);
	CHECK_EQ(io_uring_register_sync_msg(&sqe), -EBADF);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
