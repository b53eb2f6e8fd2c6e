// SPDX-License-Identifier: MIT
/*
 * Description: socket commands through IORING_OP_URING_CMD (6.7):
 * SIOCINQ counts the bytes waiting on a TCP socket, SIOCOUTQ the bytes not
 * yet acknowledged, SETSOCKOPT sets an option getsockopt(2) then sees,
 * GETSOCKOPT reads one back (res: its length); io_uring_prep_uring_cmd
 * builds the same command by hand; a file without commands (a pipe)
 * answers -EOPNOTSUPP.
 */
#include <poll.h>
#include "ringmodes.h"
#include "sockets.h"

static int cmd(struct io_uring *ring, int op, int fd, int level, int optname,
	       void *optval, int optlen)
{
	io_uring_prep_cmd_sock(t_sqe(ring), op, fd, level, optname, optval,
			       optlen);
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct pollfd pfd;
	int fds[2], pipefd[2], val, res;
	socklen_t len = sizeof(val);
	struct io_uring_sqe *sqe;

	(void)mode;
	(void)arg;
	t_tcp_pair(fds);
	res = cmd(ring, SOCKET_URING_OP_SIOCINQ, fds[1], 0, 0, NULL, 0);
	t_skip_if_unsupported(res, "socket uring_cmd (SIOCINQ)", "6.7");
	CHECK_EQ(res, 0);
	CHECK_EQ(write(fds[0], "12345", 5), 5);
	pfd.fd = fds[1];
	pfd.events = POLLIN;
	CHECK_EQ(poll(&pfd, 1, 5000), 1);
	CHECK_EQ(cmd(ring, SOCKET_URING_OP_SIOCINQ, fds[1], 0, 0, NULL, 0), 5);
	res = cmd(ring, SOCKET_URING_OP_SIOCOUTQ, fds[0], 0, 0, NULL, 0);
	CHECK(res >= 0 && res <= 5);

	/* The hand-built form of the same command. */
	sqe = t_sqe(ring);
	io_uring_prep_uring_cmd(sqe, SOCKET_URING_OP_SIOCINQ, fds[1]);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 5);

	/* setsockopt, seen by getsockopt(2); getsockopt reads it back. */
	val = 1;
	CHECK_EQ(cmd(ring, SOCKET_URING_OP_SETSOCKOPT, fds[1], SOL_SOCKET,
		     SO_KEEPALIVE, &val, sizeof(val)), 0);
	val = 0;
	CHECK_SYS(getsockopt(fds[1], SOL_SOCKET, SO_KEEPALIVE, &val, &len));
	CHECK_EQ(val, 1);
	val = -1;
	CHECK_EQ(cmd(ring, SOCKET_URING_OP_GETSOCKOPT, fds[1], SOL_SOCKET,
		     SO_TYPE, &val, sizeof(val)), sizeof(val));
	CHECK_EQ(val, SOCK_STREAM);

	CHECK_SYS(pipe(pipefd));
	CHECK_EQ(cmd(ring, SOCKET_URING_OP_SIOCINQ, pipefd[0], 0, 0, NULL, 0),
		 -EOPNOTSUPP);
	close(pipefd[0]);
	close(pipefd[1]);
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
