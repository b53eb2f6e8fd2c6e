// SPDX-License-Identifier: MIT
/*
 * Description: send/recv, sendto, sendmsg/recvmsg and shutdown over real
 * sockets (TCP on loopback, UDP, unix socketpairs): every byte sent
 * arrives, in order and unchanged; datagram boundaries and source
 * addresses survive; a shut-down peer reads end of stream; sending on a
 * closed connection fails with -EPIPE. On plain, SQPOLL and DEFER_TASKRUN
 * rings.
 */
#include "ringmodes.h"
#include "sockets.h"

#define UD_SEND	1
#define UD_RECV	2

/* Stream bytes through a TCP pair: sends of up to chunk, recvs alongside. */
static void stream_bulk(struct io_uring *ring, int fds[2], size_t total,
			size_t chunk)
{
	unsigned char *out = malloc(total), *in = malloc(total);
	size_t sent = 0, rcvd = 0;
	bool send_busy = false, recv_busy = false;

	CHECK(out && in);
	t_fill(out, total, 7, 0);
	while (rcvd < total) {
		struct io_uring_cqe cqe;

		if (!send_busy && sent < total) {
			size_t n = total - sent < chunk ? total - sent : chunk;
			struct io_uring_sqe *sqe = t_sqe(ring);

			io_uring_prep_send(sqe, fds[0], out + sent, n,
					   MSG_NOSIGNAL);
			sqe->user_data = UD_SEND;
			send_busy = true;
		}
		if (!recv_busy) {
			struct io_uring_sqe *sqe = t_sqe(ring);

			io_uring_prep_recv(sqe, fds[1], in + rcvd,
					   total - rcvd, 0);
			sqe->user_data = UD_RECV;
			recv_busy = true;
		}
		CHECK_OK(io_uring_submit(ring));
		cqe = t_reap(ring, 10000);
		if (cqe.res <= 0)
			FAIL("%s returned %d (%s)",
			     cqe.user_data == UD_SEND ? "send" : "recv",
			     cqe.res, strerror(-cqe.res));
		if (cqe.user_data == UD_SEND) {
			sent += (size_t)cqe.res;
			send_busy = false;
		} else {
			rcvd += (size_t)cqe.res;
			CHECK(rcvd <= sent);
			recv_busy = false;
		}
	}
	CHECK_EQ(sent, total);
	t_check_bytes(in, total, 7, 0);
	/* A last send may still be in flight only if sent < total: it isn't. */
	CHECK(!send_busy);
	free(out);
	free(in);
}

static void tcp_small_and_shutdown(struct io_uring *ring)
{
	char out[3000], in[4096];
	struct io_uring_cqe cqe;
	int fds[2], i;

	t_tcp_pair(fds);
	t_fill(out, sizeof(out), 1, 0);
	io_uring_prep_send(t_sqe(ring), fds[0], out, sizeof(out), 0);
	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.res, sizeof(out));
	/* Collect exactly what was sent, however the stream splits it. */
	for (i = 0; i < (int)sizeof(out);) {
		io_uring_prep_recv(t_sqe(ring), fds[1], in + i,
				   sizeof(in) - (size_t)i, 0);
		t_submit(ring, 1);
		cqe = t_reap(ring, 5000);
		CHECK(cqe.res > 0);
		i += cqe.res;
	}
	CHECK_EQ(i, sizeof(out));
	t_check_bytes(in, sizeof(out), 1, 0);

	/* shutdown(SHUT_WR) on one side: the other reads end of stream. */
	io_uring_prep_shutdown(t_sqe(ring), fds[0], SHUT_WR);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 0);
	io_uring_prep_recv(t_sqe(ring), fds[1], in, sizeof(in), 0);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 0);

	/* After the peer is gone, a send fails with EPIPE (no SIGPIPE). */
	close(fds[1]);
	io_uring_prep_send(t_sqe(ring), fds[0], out, sizeof(out),
			   MSG_NOSIGNAL);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, -EPIPE);
	close(fds[0]);
}

/* sendmsg with three iovecs, recvmsg into two: boundaries preserved. */
static void seqpacket_msgs(struct io_uring *ring)
{
	char a[100], b[200], c[50], r1[120], r2[400];
	struct iovec siov[3] = {
		{ a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) },
	};
	struct iovec riov[2] = { { r1, sizeof(r1) }, { r2, sizeof(r2) } };
	struct msghdr smsg = { .msg_iov = siov, .msg_iovlen = 3 };
	struct msghdr rmsg = { .msg_iov = riov, .msg_iovlen = 2 };
	unsigned char joined[350];
	int fds[2], round;

	t_socketpair(SOCK_SEQPACKET, fds);
	for (round = 0; round < 3; round++) {
		struct io_uring_sqe *sqe;
		struct io_uring_cqe cqe;
		int k;

		t_fill(a, sizeof(a), 10 + round, 0);
		t_fill(b, sizeof(b), 10 + round, 100);
		t_fill(c, sizeof(c), 10 + round, 300);
		memset(r1, 0, sizeof(r1));
		memset(r2, 0, sizeof(r2));
		/* recv first, so it waits in the kernel for the message. */
		sqe = t_sqe(ring);
		io_uring_prep_recvmsg(sqe, fds[1], &rmsg, 0);
		sqe->user_data = UD_RECV;
		sqe = t_sqe(ring);
		io_uring_prep_sendmsg(sqe, fds[0], &smsg, 0);
		sqe->user_data = UD_SEND;
		t_submit(ring, 2);
		for (k = 0; k < 2; k++) {
			cqe = t_reap(ring, 5000);
			CHECK_EQ(cqe.res, 350);
		}
		CHECK(!(rmsg.msg_flags & MSG_TRUNC));
		memcpy(joined, r1, sizeof(r1));
		memcpy(joined + sizeof(r1), r2, 350 - sizeof(r1));
		t_check_bytes(joined, 350, 10 + round, 0);
	}
	t_close_pair(fds);
}

/* sendto names the destination; recvmsg reports the source. */
static void udp_sendto(struct io_uring *ring)
{
	struct sockaddr_in addrs[2], from;
	char out[512], in[1024];
	struct iovec iov = { in, sizeof(in) };
	struct msghdr msg = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	int fds[2], k;

	t_udp_pair(fds, addrs);
	t_fill(out, sizeof(out), 3, 0);
	sqe = t_sqe(ring);
	io_uring_prep_recvmsg(sqe, fds[1], &msg, 0);
	sqe->user_data = UD_RECV;
	sqe = t_sqe(ring);
	io_uring_prep_sendto(sqe, fds[0], out, sizeof(out), 0,
			     (struct sockaddr *)&addrs[1], sizeof(addrs[1]));
	sqe->user_data = UD_SEND;
	t_submit(ring, 2);
	for (k = 0; k < 2; k++) {
		cqe = t_reap(ring, 5000);
		/* A destination on IORING_OP_SEND came with Linux 6.1. */
		if (cqe.user_data == UD_SEND)
			t_skip_if_unsupported(cqe.res, "sendto (IORING_OP_SEND "
					      "with an address)", "6.1");
		CHECK_EQ(cqe.res, sizeof(out));
	}
	t_check_bytes(in, sizeof(out), 3, 0);
	CHECK_EQ(msg.msg_namelen, sizeof(from));
	CHECK_EQ(from.sin_port, addrs[0].sin_port);
	CHECK_EQ(from.sin_addr.s_addr, addrs[0].sin_addr.s_addr);
	t_close_pair(fds);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	int fds[2];

	(void)mode;
	(void)arg;
	tcp_small_and_shutdown(ring);
	seqpacket_msgs(ring);
	udp_sendto(ring);
	t_tcp_pair(fds);
	stream_bulk(ring, fds, t_loops(4 << 20, 256 << 10), 64 << 10);
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
