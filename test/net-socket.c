// SPDX-License-Identifier: MIT
/*
 * Description: sockets made and connected through the ring (5.19/6.0):
 * socket, socket_direct, socket_direct_alloc, connect, accept and
 * accept_direct on 127.0.0.1. The results are real sockets of the asked
 * type, accept reports the peer's address, direct descriptors land in the
 * asked (or an allocated) slot and carry data, and accepting on a socket
 * that does not listen fails with -EINVAL.
 */
#include "ringmodes.h"
#include "sockets.h"

static int sock_opt(int fd, int opt)
{
	int v = -1;
	socklen_t len = sizeof(v);

	CHECK_SYS(getsockopt(fd, SOL_SOCKET, opt, &v, &len));
	return v;
}

static int ring_op(struct io_uring *ring)
{
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

/* Send len bytes on fixed file a, receive them on fixed file b. */
static void fixed_exchange(struct io_uring *ring, int a, int b, unsigned seed)
{
	char out[200], in[200];
	struct io_uring_sqe *sqe;
	int got = 0;

	t_fill(out, sizeof(out), seed, 0);
	sqe = t_sqe(ring);
	io_uring_prep_send(sqe, a, out, sizeof(out), MSG_WAITALL);
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(ring_op(ring), sizeof(out));
	while (got < (int)sizeof(in)) {
		int res;

		sqe = t_sqe(ring);
		io_uring_prep_recv(sqe, b, in + got, sizeof(in) - (size_t)got,
				   0);
		sqe->flags |= IOSQE_FIXED_FILE;
		res = ring_op(ring);
		CHECK(res > 0);
		got += res;
	}
	t_check_bytes(in, sizeof(in), seed, 0);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct sockaddr_in peer, target;
	socklen_t peer_len = sizeof(peer);
	unsigned short port;
	int lfd, cfd, afd, res, slot;
	struct io_uring_sqe *sqe;
	char c = 'x';

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_SOCKET, "IORING_OP_SOCKET", "5.19");
	lfd = t_tcp_listener(&port);
	target = t_loopback(port);

	/* A plain socket: the fd is a TCP socket of the family asked for. */
	io_uring_prep_socket(t_sqe(ring), AF_INET, SOCK_STREAM | SOCK_CLOEXEC,
			     0, 0);
	cfd = ring_op(ring);
	CHECK(cfd >= 0);
	CHECK_EQ(sock_opt(cfd, SO_TYPE), SOCK_STREAM);
	CHECK_EQ(sock_opt(cfd, SO_DOMAIN), AF_INET);
	CHECK_EQ(fcntl(cfd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);

	/* connect, then accept with the peer's address reported. */
	io_uring_prep_connect(t_sqe(ring), cfd, (struct sockaddr *)&target,
			      sizeof(target));
	CHECK_EQ(ring_op(ring), 0);
	io_uring_prep_accept(t_sqe(ring), lfd, (struct sockaddr *)&peer,
			     &peer_len, SOCK_CLOEXEC);
	afd = ring_op(ring);
	CHECK(afd >= 0);
	CHECK_EQ(peer_len, sizeof(peer));
	CHECK_EQ(peer.sin_family, AF_INET);
	CHECK_EQ(ntohs(peer.sin_port), t_local_port(cfd));
	CHECK_EQ(write(cfd, &c, 1), 1);
	c = 0;
	CHECK_EQ(read(afd, &c, 1), 1);
	CHECK_EQ(c, 'x');
	close(afd);
	close(cfd);

	/* Accept on a socket that does not listen: -EINVAL. */
	cfd = socket(AF_INET, SOCK_STREAM, 0);
	io_uring_prep_accept(t_sqe(ring), cfd, NULL, NULL, 0);
	CHECK_EQ(ring_op(ring), -EINVAL);
	close(cfd);

	/* Direct descriptors: socket into slot 2, accept into slot 5. */
	CHECK_OK(io_uring_register_files_sparse(ring, 8));
	io_uring_prep_socket_direct(t_sqe(ring), AF_INET, SOCK_STREAM, 0, 2, 0);
	CHECK_EQ(ring_op(ring), 0);
	sqe = t_sqe(ring);
	io_uring_prep_connect(sqe, 2, (struct sockaddr *)&target,
			      sizeof(target));
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(ring_op(ring), 0);
	io_uring_prep_accept_direct(t_sqe(ring), lfd, NULL, NULL, 0, 5);
	CHECK_EQ(ring_op(ring), 0);
	fixed_exchange(ring, 2, 5, 1);
	fixed_exchange(ring, 5, 2, 2);

	/* Allocated slots: res names a free slot, never the busy 2 or 5. */
	io_uring_prep_socket_direct_alloc(t_sqe(ring), AF_INET, SOCK_STREAM, 0,
					  0);
	res = ring_op(ring);
	t_skip_if_unsupported(res, "allocated direct sockets", "6.0");
	CHECK(res >= 0 && res < 8 && res != 2 && res != 5);
	slot = res;
	sqe = t_sqe(ring);
	io_uring_prep_connect(sqe, slot, (struct sockaddr *)&target,
			      sizeof(target));
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(ring_op(ring), 0);
	io_uring_prep_accept_direct(t_sqe(ring), lfd, NULL, NULL, 0,
				    IORING_FILE_INDEX_ALLOC);
	res = ring_op(ring);
	CHECK(res >= 0 && res < 8 && res != 2 && res != 5 && res != slot);
	fixed_exchange(ring, slot, res, 3);

	/* A taken slot can be closed and reused. */
	io_uring_prep_close_direct(t_sqe(ring), 2);
	CHECK_EQ(ring_op(ring), 0);
	io_uring_prep_socket_direct(t_sqe(ring), AF_INET6, SOCK_DGRAM, 0, 2, 0);
	res = ring_op(ring);
	/* A kernel without IPv6 says so; the slot itself must be free. */
	CHECK(res == 0 || res == -EAFNOSUPPORT);
	CHECK_OK(io_uring_unregister_files(ring));
	close(lfd);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
