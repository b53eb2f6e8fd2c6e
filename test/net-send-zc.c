// SPDX-License-Identifier: MIT
/*
 * Description: zero-copy sends: send_zc (6.0), send_zc_fixed from a
 * registered buffer, sendmsg_zc (6.1) and send_zc with a destination
 * address on UDP. Each completes with a result CQE carrying
 * IORING_CQE_F_MORE and then a notification CQE with IORING_CQE_F_NOTIF
 * (same user_data) once the buffer is free again; the bytes arrive
 * unchanged on the other side. With IORING_SEND_ZC_REPORT_USAGE (6.2)
 * the notification may say the data was copied after all.
 */
#include "ringmodes.h"
#include "sockets.h"

#define LEN	(48 * 1024)

/*
 * Reap the two CQEs of a zero-copy send with user_data ud: the result
 * (F_MORE, res = want) first, then the notification (F_NOTIF, no F_MORE).
 */
static void reap_zc(struct io_uring *ring, __u64 ud, int want)
{
	struct io_uring_cqe cqe = t_reap(ring, 5000);

	CHECK_EQ(cqe.user_data, ud);
	if (cqe.res == -EINVAL || cqe.res == -EOPNOTSUPP)
		t_skip_if_unsupported(cqe.res, "zero-copy send", "6.0/6.1");
	CHECK_EQ(cqe.res, want);
	CHECK(cqe.flags & IORING_CQE_F_MORE);
	CHECK(!(cqe.flags & IORING_CQE_F_NOTIF));
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.user_data, ud);
	CHECK(cqe.flags & IORING_CQE_F_NOTIF);
	CHECK(!(cqe.flags & IORING_CQE_F_MORE));
	CHECK_EQ(cqe.res, 0);
}

/* Read exactly len bytes of stream seed from fd. */
static void drain(int fd, size_t len, unsigned seed)
{
	unsigned char *in = malloc(len);
	size_t got = 0;

	CHECK(in);
	while (got < len) {
		ssize_t n = read(fd, in + got, len - got);

		CHECK_SYS(n);
		CHECK(n > 0);
		got += (size_t)n;
	}
	t_check_bytes(in, len, seed, 0);
	free(in);
}

/*
 * IORING_SEND_ZC_REPORT_USAGE (6.2): the notification says whether the
 * kernel had to copy after all (loopback always does).
 */
static void usage_report(struct io_uring *ring, int fd, int peer,
			 unsigned char *buf)
{
	struct io_uring_sqe *sqe = t_sqe(ring);
	struct io_uring_cqe cqe;

	t_fill(buf, 4096, 5, 0);
	io_uring_prep_send_zc(sqe, fd, buf, 4096, MSG_WAITALL,
			      IORING_SEND_ZC_REPORT_USAGE);
	sqe->user_data = 5;
	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	if (cqe.res == -EINVAL)
		t_skip("kernel lacks IORING_SEND_ZC_REPORT_USAGE (Linux 6.2)");
	CHECK_EQ(cqe.res, 4096);
	CHECK(cqe.flags & IORING_CQE_F_MORE);
	cqe = t_reap(ring, 5000);
	CHECK(cqe.flags & IORING_CQE_F_NOTIF);
	CHECK((cqe.res & ~(int)IORING_NOTIF_USAGE_ZC_COPIED) == 0);
	drain(peer, 4096, 5);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	unsigned char *buf = arg;
	struct iovec reg = { buf, 2 * LEN };
	struct iovec iov[3];
	struct msghdr msg;
	struct io_uring_sqe *sqe;
	int fds[2];

	(void)mode;
	t_require_op(ring, IORING_OP_SEND_ZC, "IORING_OP_SEND_ZC", "6.0");
	t_tcp_pair(fds);

	/* Plain zero-copy send. */
	t_fill(buf, LEN, 1, 0);
	sqe = t_sqe(ring);
	io_uring_prep_send_zc(sqe, fds[0], buf, LEN, MSG_WAITALL, 0);
	sqe->user_data = 1;
	t_submit(ring, 1);
	reap_zc(ring, 1, LEN);
	drain(fds[1], LEN, 1);

	/* From a registered buffer. */
	CHECK_OK(io_uring_register_buffers(ring, &reg, 1));
	t_fill(buf + LEN, LEN, 2, 0);
	sqe = t_sqe(ring);
	io_uring_prep_send_zc_fixed(sqe, fds[0], buf + LEN, LEN, MSG_WAITALL,
				    0, 0);
	sqe->user_data = 2;
	t_submit(ring, 1);
	reap_zc(ring, 2, LEN);
	drain(fds[1], LEN, 2);
	CHECK_OK(io_uring_unregister_buffers(ring));

	/* sendmsg_zc gathers three pieces into one stream. */
	t_require_op(ring, IORING_OP_SENDMSG_ZC, "IORING_OP_SENDMSG_ZC", "6.1");
	t_fill(buf, 3000, 3, 0);
	iov[0] = (struct iovec){ buf, 1000 };
	iov[1] = (struct iovec){ buf + 1000, 1500 };
	iov[2] = (struct iovec){ buf + 2500, 500 };
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = 3;
	sqe = t_sqe(ring);
	io_uring_prep_sendmsg_zc(sqe, fds[0], &msg, MSG_WAITALL);
	sqe->user_data = 3;
	t_submit(ring, 1);
	reap_zc(ring, 3, 3000);
	drain(fds[1], 3000, 3);
	t_close_pair(fds);

	/* UDP: a destination per request via send_set_addr. */
	{
		struct sockaddr_in addrs[2];
		char in[600];

		t_udp_pair(fds, addrs);
		t_fill(buf, 600, 4, 0);
		sqe = t_sqe(ring);
		io_uring_prep_send_zc(sqe, fds[0], buf, 600, 0, 0);
		io_uring_prep_send_set_addr(sqe, (struct sockaddr *)&addrs[1],
					    sizeof(addrs[1]));
		sqe->user_data = 4;
		t_submit(ring, 1);
		reap_zc(ring, 4, 600);
		CHECK_EQ(recv(fds[1], in, sizeof(in), 0), 600);
		t_check_bytes(in, 600, 4, 0);
		t_close_pair(fds);
	}

	/* Last, as older kernels skip here: usage reports. */
	t_tcp_pair(fds);
	usage_report(ring, fds[0], fds[1], buf);
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	unsigned char *buf;

	(void)argc;
	t_init(argv[0]);
	buf = malloc(2 * LEN);
	CHECK(buf);
	t_for_each_ring_mode(NULL, run, buf);
	free(buf);
	return T_EXIT_PASS;
}
