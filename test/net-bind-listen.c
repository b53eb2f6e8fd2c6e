// SPDX-License-Identifier: MIT
/*
 * Description: bind and listen through the ring (6.11), on normal and on
 * direct descriptors: the socket ends up listening on the bound port and
 * accepts a real connection; binding a port already in use fails with
 * -EADDRINUSE.
 */
#include "ringmodes.h"
#include "sockets.h"

static int ring_op(struct io_uring *ring)
{
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct sockaddr_in any = t_loopback(0), taken;
	struct io_uring_sqe *sqe;
	unsigned short port;
	int fd, cfd, afd, other;
	char c = 'b';

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_BIND, "IORING_OP_BIND", "6.11");
	t_require_op(ring, IORING_OP_LISTEN, "IORING_OP_LISTEN", "6.11");

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK_SYS(fd);
	io_uring_prep_bind(t_sqe(ring), fd, (struct sockaddr *)&any,
			   sizeof(any));
	CHECK_EQ(ring_op(ring), 0);
	port = t_local_port(fd);
	CHECK(port != 0);
	io_uring_prep_listen(t_sqe(ring), fd, 16);
	CHECK_EQ(ring_op(ring), 0);
	cfd = t_tcp_connect(port);
	afd = accept(fd, NULL, NULL);
	CHECK_SYS(afd);
	CHECK_EQ(write(cfd, &c, 1), 1);
	c = 0;
	CHECK_EQ(read(afd, &c, 1), 1);
	CHECK_EQ(c, 'b');
	close(afd);
	close(cfd);

	/* The same port again, from another socket: -EADDRINUSE. */
	other = socket(AF_INET, SOCK_STREAM, 0);
	taken = t_loopback(port);
	io_uring_prep_bind(t_sqe(ring), other, (struct sockaddr *)&taken,
			   sizeof(taken));
	CHECK_EQ(ring_op(ring), -EADDRINUSE);
	close(other);
	close(fd);

	/*
	 * Entirely on a direct descriptor: socket, bind, listen, accept. The
	 * direct socket has no fd to ask for its port, so it binds a port we
	 * pick: one the kernel just handed to a plain socket we closed.
	 */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK_SYS(bind(fd, (struct sockaddr *)&any, sizeof(any)));
	port = t_local_port(fd);
	close(fd);
	taken = t_loopback(port);
	CHECK_OK(io_uring_register_files_sparse(ring, 4));
	io_uring_prep_socket_direct(t_sqe(ring), AF_INET, SOCK_STREAM, 0, 1, 0);
	CHECK_EQ(ring_op(ring), 0);
	sqe = t_sqe(ring);
	io_uring_prep_bind(sqe, 1, (struct sockaddr *)&taken, sizeof(taken));
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(ring_op(ring), 0);
	sqe = t_sqe(ring);
	io_uring_prep_listen(sqe, 1, 4);
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(ring_op(ring), 0);
	cfd = t_tcp_connect(port);
	sqe = t_sqe(ring);
	io_uring_prep_accept(sqe, 1, NULL, NULL, SOCK_CLOEXEC);
	sqe->flags |= IOSQE_FIXED_FILE;
	afd = ring_op(ring);
	CHECK(afd >= 0);
	c = 'd';
	CHECK_EQ(write(afd, &c, 1), 1);
	c = 0;
	CHECK_EQ(read(cfd, &c, 1), 1);
	CHECK_EQ(c, 'd');
	close(afd);
	close(cfd);
	CHECK_OK(io_uring_unregister_files(ring));
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
