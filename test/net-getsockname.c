// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_prep_cmd_getsockname (SOCKET_URING_OP_GETSOCKNAME,
 * 6.19): the local address of a connected TCP socket (peer 0) and its
 * peer's (peer 1) match what getsockname(2)/getpeername(2) say, with the
 * length updated. Kernels without the command answer -EOPNOTSUPP.
 */
#include "ringmodes.h"
#include "sockets.h"

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct sockaddr_in a;
	socklen_t len;
	int fds[2], res, peer;

	(void)mode;
	(void)arg;
	t_tcp_pair(fds);
	for (peer = 0; peer <= 1; peer++) {
		memset(&a, 0, sizeof(a));
		len = sizeof(a);
		io_uring_prep_cmd_getsockname(t_sqe(ring), fds[0],
					      (struct sockaddr *)&a, &len,
					      peer);
		t_submit(ring, 1);
		res = t_reap(ring, 5000).res;
		t_skip_if_unsupported(res, "SOCKET_URING_OP_GETSOCKNAME",
				      "6.19");
		CHECK_EQ(res, 0);
		CHECK_EQ(len, sizeof(a));
		CHECK_EQ(a.sin_family, AF_INET);
		CHECK_EQ(ntohs(a.sin_port), peer ? t_peer_port(fds[0]) :
						   t_local_port(fds[0]));
	}
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
