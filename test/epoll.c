// SPDX-License-Identifier: MIT
/*
 * Description: IORING_OP_EPOLL_CTL (5.6) adds, modifies and removes fds
 * of an epoll set as epoll_ctl(2) would (checked with epoll_wait(2)), with
 * -EEXIST for a double add and -ENOENT for removing a stranger.
 */
#include <sys/epoll.h>
#include "ringmodes.h"
#include "sockets.h"

static int ctl(struct io_uring *ring, int epfd, int fd, int op,
	       struct epoll_event *ev)
{
	io_uring_prep_epoll_ctl(t_sqe(ring), epfd, fd, op, ev);
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct epoll_event ev, out[4];
	int epfd, a[2], b[2];

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_EPOLL_CTL, "IORING_OP_EPOLL_CTL", "5.6");
	epfd = epoll_create1(EPOLL_CLOEXEC);
	CHECK_SYS(epfd);
	t_socketpair(SOCK_STREAM, a);
	t_socketpair(SOCK_STREAM, b);

	ev.events = EPOLLIN;
	ev.data.u64 = 111;
	CHECK_EQ(ctl(ring, epfd, a[1], EPOLL_CTL_ADD, &ev), 0);
	CHECK_EQ(ctl(ring, epfd, a[1], EPOLL_CTL_ADD, &ev), -EEXIST);
	ev.data.u64 = 222;
	CHECK_EQ(ctl(ring, epfd, b[1], EPOLL_CTL_ADD, &ev), 0);
	CHECK_EQ(write(b[0], "x", 1), 1);
	CHECK_EQ(epoll_wait(epfd, out, 4, 1000), 1);
	CHECK_EQ(out[0].data.u64, 222);

	/* MOD changes the cookie; DEL takes b out of the set. */
	ev.data.u64 = 333;
	CHECK_EQ(ctl(ring, epfd, b[1], EPOLL_CTL_MOD, &ev), 0);
	CHECK_EQ(epoll_wait(epfd, out, 4, 1000), 1);
	CHECK_EQ(out[0].data.u64, 333);
	CHECK_EQ(ctl(ring, epfd, b[1], EPOLL_CTL_DEL, NULL), 0);
	CHECK_EQ(epoll_wait(epfd, out, 4, 0), 0);
	CHECK_EQ(ctl(ring, epfd, b[1], EPOLL_CTL_DEL, NULL), -ENOENT);

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
