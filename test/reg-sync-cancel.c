// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_register_sync_cancel (6.0): cancels pending
 * receives by user_data (0), or all of them on an fd (res: how many), and
 * returns only when they are gone (their -ECANCELED CQEs are posted);
 * nothing matching is -ENOENT; a request left alone completes normally.
 */
#include "ringmodes.h"
#include "sockets.h"

static char sink[4][8];

static void queue_recv(struct io_uring *ring, int fd, __u64 ud)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_recv(sqe, fd, sink[ud % 4], sizeof(sink[0]), 0);
	sqe->user_data = ud;
}

static void expect_cancelled(struct io_uring *ring, unsigned mask)
{
	unsigned seen = 0;

	while (seen != mask) {
		struct io_uring_cqe cqe = t_reap(ring, 5000);

		CHECK_EQ(cqe.res, -ECANCELED);
		CHECK(mask & (1U << cqe.user_data));
		seen |= 1U << cqe.user_data;
	}
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring_sync_cancel_reg reg;
	int a[2], b[2], ret;

	(void)mode;
	(void)arg;
	t_socketpair(SOCK_STREAM, a);
	t_socketpair(SOCK_STREAM, b);
	queue_recv(ring, a[1], 1);
	queue_recv(ring, a[1], 2);
	queue_recv(ring, b[1], 3);
	t_submit(ring, 3);
	t_expect_no_cqe(ring, 20);

	memset(&reg, 0, sizeof(reg));
	reg.addr = 3;
	reg.fd = -1;
	reg.timeout.tv_sec = -1;
	reg.timeout.tv_nsec = -1;
	ret = io_uring_register_sync_cancel(ring, &reg);
	t_skip_if_unsupported(ret, "IORING_REGISTER_SYNC_CANCEL", "6.0");
	CHECK_EQ(ret, 0);
	expect_cancelled(ring, 1U << 3);
	CHECK_EQ(io_uring_register_sync_cancel(ring, &reg), -ENOENT);

	/* Everything on a[1]. */
	memset(&reg, 0, sizeof(reg));
	reg.fd = a[1];
	reg.flags = IORING_ASYNC_CANCEL_FD | IORING_ASYNC_CANCEL_ALL;
	reg.timeout.tv_sec = -1;
	reg.timeout.tv_nsec = -1;
	/* With ALL the result is how many were cancelled. */
	CHECK_EQ(io_uring_register_sync_cancel(ring, &reg), 2);
	expect_cancelled(ring, (1U << 1) | (1U << 2));
	t_expect_no_cqe(ring, 10);

	/* A request left alone completes as usual. */
	queue_recv(ring, b[1], 0);
	t_submit(ring, 1);
	CHECK_EQ(write(b[0], "fine", 4), 4);
	CHECK_EQ(t_reap(ring, 5000).res, 4);
	t_close_pair(a);
	t_close_pair(b);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
