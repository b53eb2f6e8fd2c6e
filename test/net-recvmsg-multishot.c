// SPDX-License-Identifier: MIT
/*
 * Description: multishot recvmsg (6.0) on UDP with a source address and
 * IP_PKTINFO control data, parsed with the io_uring_recvmsg_* helpers:
 * validate accepts each buffer, name gives the sender's address, the
 * control messages walk to IP_PKTINFO and end, payload holds exactly the
 * datagram, and an oversized datagram fills the buffer and is flagged
 * MSG_TRUNC. Too short a buffer fails validate.
 */
#include "ringmodes.h"
#include "sockets.h"

#define NBUFS	8
#define BSZ	512
#define BGID	4

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	static unsigned char bufs[NBUFS][BSZ];
	char control[CMSG_SPACE(sizeof(struct in_pktinfo))];
	struct sockaddr_in addrs[2];
	struct io_uring_buf_ring *br;
	struct io_uring_sqe *sqe;
	struct msghdr msg;
	unsigned n = t_loops(40, 12), i;
	int fds[2], err, one = 1, b;

	(void)mode;
	(void)arg;
	t_udp_pair(fds, addrs);
	CHECK_SYS(setsockopt(fds[1], IPPROTO_IP, IP_PKTINFO, &one,
			     sizeof(one)));
	br = io_uring_setup_buf_ring(ring, NBUFS, BGID, 0, &err);
	CHECK(br);
	for (b = 0; b < NBUFS; b++)
		io_uring_buf_ring_add(br, bufs[b], BSZ, (unsigned short)b,
				      io_uring_buf_ring_mask(NBUFS), b);
	io_uring_buf_ring_advance(br, NBUFS);

	/* The msghdr only fixes the layout: name and control sizes. */
	memset(&msg, 0, sizeof(msg));
	msg.msg_namelen = sizeof(struct sockaddr_in);
	msg.msg_controllen = sizeof(control);
	sqe = t_sqe(ring);
	io_uring_prep_recvmsg_multishot(sqe, fds[1], &msg, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = BGID;
	sqe->user_data = 1;
	t_submit(ring, 1);

	for (i = 0; i <= n; i++) {
		/* The last datagram does not fit: it is truncated. */
		size_t len = i < n ? 1 + (i * 41) % 300 : 1000;
		unsigned char out[1000];
		struct io_uring_recvmsg_out *o;
		struct sockaddr_in *from;
		struct cmsghdr *cm;
		struct io_uring_cqe *cqe;
		unsigned plen;
		int found = 0;

		t_fill(out, len, i, 0);
		CHECK_EQ(sendto(fds[0], out, len, 0,
				(struct sockaddr *)&addrs[1], sizeof(addrs[1])),
			 (ssize_t)len);
		cqe = t_wait_ms(ring, 5000);
		t_skip_if_unsupported(cqe->res, "multishot recvmsg", "6.0");
		CHECK(cqe->res > 0);
		CHECK(cqe->flags & IORING_CQE_F_MORE);
		b = (int)(cqe->flags >> IORING_CQE_BUFFER_SHIFT);
		CHECK(!io_uring_recvmsg_validate(bufs[b],
			(int)sizeof(struct io_uring_recvmsg_out), &msg));
		o = io_uring_recvmsg_validate(bufs[b], cqe->res, &msg);
		CHECK(o != NULL);
		CHECK_EQ(o->namelen, sizeof(struct sockaddr_in));
		from = io_uring_recvmsg_name(o);
		CHECK_EQ(from->sin_port, addrs[0].sin_port);
		CHECK_EQ(from->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
		for (cm = io_uring_recvmsg_cmsg_firsthdr(o, &msg); cm;
		     cm = io_uring_recvmsg_cmsg_nexthdr(o, &msg, cm)) {
			struct in_pktinfo *pi = (void *)CMSG_DATA(cm);

			CHECK_EQ(cm->cmsg_level, IPPROTO_IP);
			CHECK_EQ(cm->cmsg_type, IP_PKTINFO);
			CHECK_EQ(pi->ipi_addr.s_addr, htonl(INADDR_LOOPBACK));
			found++;
		}
		CHECK_EQ(found, 1);
		plen = io_uring_recvmsg_payload_length(o, cqe->res, &msg);
		CHECK_EQ(o->payloadlen, plen);
		if (i < n) {
			CHECK_EQ(plen, len);
			CHECK(!(o->flags & MSG_TRUNC));
		} else {
			/* What fit after header, name and control. */
			CHECK_EQ(plen, BSZ - sizeof(*o) - msg.msg_namelen -
				 msg.msg_controllen);
			CHECK(o->flags & MSG_TRUNC);
		}
		t_check_bytes(io_uring_recvmsg_payload(o, &msg), plen, i, 0);
		io_uring_buf_ring_add(br, bufs[b], BSZ, (unsigned short)b,
				      io_uring_buf_ring_mask(NBUFS), 0);
		io_uring_buf_ring_cq_advance(ring, br, 1);
	}
	io_uring_prep_cancel64(t_sqe(ring), 1, 0);
	t_submit(ring, 1);
	for (i = 0; i < 2; i++) {
		struct io_uring_cqe cqe = t_reap(ring, 5000);

		if (cqe.user_data == 1) {
			CHECK_EQ(cqe.res, -ECANCELED);
			CHECK(!(cqe.flags & IORING_CQE_F_MORE));
		}
	}
	CHECK_OK(io_uring_free_buf_ring(ring, br, NBUFS, BGID));
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
