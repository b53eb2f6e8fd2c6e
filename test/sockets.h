/* SPDX-License-Identifier: MIT */
/*
 * sockets.h - real sockets for the network tests: TCP on 127.0.0.1 (a
 * listener on an ephemeral port, a connected pair), UDP pairs, socketpairs,
 * and a byte pattern to check that what arrived is what was sent.
 */
#ifndef RINGZERO_TEST_SOCKETS_H
#define RINGZERO_TEST_SOCKETS_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include "ringmodes.h"

/* 127.0.0.1:port */
static inline struct sockaddr_in t_loopback(unsigned short port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static inline unsigned short t_local_port(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	CHECK_SYS(getsockname(fd, (struct sockaddr *)&a, &len));
	return ntohs(a.sin_port);
}

static inline unsigned short t_peer_port(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	CHECK_SYS(getpeername(fd, (struct sockaddr *)&a, &len));
	return ntohs(a.sin_port);
}

/* A TCP listener on 127.0.0.1 and an ephemeral port (returned in *port). */
static inline int t_tcp_listener(unsigned short *port)
{
	struct sockaddr_in a = t_loopback(0);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	CHECK_SYS(fd);
	CHECK_SYS(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	CHECK_SYS(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	CHECK_SYS(listen(fd, 512));
	*port = t_local_port(fd);
	return fd;
}

/* A TCP client connected to 127.0.0.1:port (blocking connect). */
static inline int t_tcp_connect(unsigned short port)
{
	struct sockaddr_in a = t_loopback(port);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	CHECK_SYS(fd);
	CHECK_SYS(connect(fd, (struct sockaddr *)&a, sizeof(a)));
	return fd;
}

/* A connected TCP pair over loopback: fds[0] client, fds[1] server side. */
static inline void t_tcp_pair(int fds[2])
{
	unsigned short port;
	int lfd = t_tcp_listener(&port);

	fds[0] = t_tcp_connect(port);
	fds[1] = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	CHECK_SYS(fds[1]);
	close(lfd);
}

/* Two UDP sockets on 127.0.0.1, each bound to an ephemeral port. */
static inline void t_udp_pair(int fds[2], struct sockaddr_in addrs[2])
{
	int i;

	for (i = 0; i < 2; i++) {
		struct sockaddr_in a = t_loopback(0);

		fds[i] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		CHECK_SYS(fds[i]);
		CHECK_SYS(bind(fds[i], (struct sockaddr *)&a, sizeof(a)));
		addrs[i] = t_loopback(t_local_port(fds[i]));
	}
}

static inline void t_socketpair(int type, int fds[2])
{
	CHECK_SYS(socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds));
}

static inline void t_close_pair(int fds[2])
{
	close(fds[0]);
	close(fds[1]);
}

/* The byte at position i of stream seed: varied, and never all zero. */
static inline unsigned char t_byte(unsigned seed, size_t i)
{
	size_t x = (i + 1) * 2654435761u + seed * 40503u;

	return (unsigned char)(x ^ (x >> 13) ^ (x >> 21));
}

static inline void t_fill(void *buf, size_t len, unsigned seed, size_t start)
{
	unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = t_byte(seed, start + i);
}

/* Fail unless buf holds bytes [start, start + len) of stream seed. */
static inline void t_check_bytes(const void *buf, size_t len, unsigned seed,
				 size_t start)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != t_byte(seed, start + i))
			FAIL("byte %zu of stream %u is %#x, expected %#x",
			     start + i, seed, p[i], t_byte(seed, start + i));
}

/*
 * Write len bytes of stream seed into fds[0], then receive up to len bytes
 * from fds[1] into a buffer the kernel picks from group bgid
 * (IOSQE_BUFFER_SELECT). Returns the CQE: res the bytes received, flags
 * the buffer id (IORING_CQE_F_BUFFER is checked here).
 */
static inline struct io_uring_cqe t_recv_selected(struct io_uring *ring,
						  int fds[2], size_t len,
						  unsigned seed, int bgid)
{
	unsigned char msg[4096];
	struct io_uring_sqe *sqe = t_sqe(ring);
	struct io_uring_cqe cqe;

	CHECK(len <= sizeof(msg));
	t_fill(msg, len, seed, 0);
	CHECK_EQ(write(fds[0], msg, len), (ssize_t)len);
	io_uring_prep_recv(sqe, fds[1], NULL, (unsigned)len, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = (__u16)bgid;
	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	if (cqe.res > 0)
		CHECK(cqe.flags & IORING_CQE_F_BUFFER);
	return cqe;
}

#endif /* RINGZERO_TEST_SOCKETS_H */
