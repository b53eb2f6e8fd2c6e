// SPDX-License-Identifier: MIT
/*
 * Description: IORING_OP_EPOLL_WAIT (6.15) waits in the ring until the
 * epoll set has a ready fd, then reports the events with their cookies,
 * as many as are ready and fit.
 */
#include <sys/epoll.h>
#include "ringmodes.h"
#include "sockets.h"

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct epoll_event ev, out[4];
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	int epfd, a[2], b[2];

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_EPOLL_WAIT, "IORING_OP_EPOLL_WAIT",
		     "6.15");
	epfd = epoll_create1(EPOLL_CLOEXEC);
	CHECK_SYS(epfd);
	t_socketpair(SOCK_STREAM, a);
	t_socketpair(SOCK_STREAM, b);
	ev.events = EPOLLIN;
	ev.data.u64 = 111;
	CHECK_SYS(epoll_ctl(epfd, EPOLL_CTL_ADD, a[1], &ev));
	ev.data.u64 = 222;
	CHECK_SYS(epoll_ctl(epfd, EPOLL_CTL_ADD, b[1], &ev));

	/* Nothing ready: the request waits. */
	memset(out, 0, sizeof(out));
	sqe = t_sqe(ring);
	io_uring_prep_epoll_wait(sqe, epfd, out, 4, 0);
	sqe->user_data = 9;
	t_submit(ring, 1);
	t_expect_no_cqe(ring, 30);
	CHECK_EQ(write(a[0], "x", 1), 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.user_data, 9);
	CHECK_EQ(cqe.res, 1);
	CHECK_EQ(out[0].data.u64, 111);
	CHECK(out[0].events & EPOLLIN);

	/* Both ready: both reported. */
	CHECK_EQ(write(b[0], "y", 1), 1);
	memset(out, 0, sizeof(out));
	io_uring_prep_epoll_wait(t_sqe(ring), epfd, out, 4, 0);
	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.res, 2);
	CHECK_EQ(out[0].data.u64 + out[1].data.u64, 333);
	t_close_pair(a);
	t_close_pair(b);
	close(epfd);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
