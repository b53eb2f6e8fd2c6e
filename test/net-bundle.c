// SPDX-License-Identifier: MIT
/*
 * Description: bundles (IORING_FEAT_RECVSEND_BUNDLE, 6.10) over TCP on
 * loopback: a recv with IORING_RECVSEND_BUNDLE fills several consecutive
 * buffers of a ring (the CQE names the first, the next recv goes on from
 * there), and io_uring_prep_send_bundle
 * sends every buffer queued in a group in one request; the bytes arrive in
 * order.
 */
#include "ringmodes.h"
#include "sockets.h"

#define NBUFS	16
#define BSZ	64
#define RX_BGID	1
#define TX_BGID	2

static void fill_ring(struct io_uring_buf_ring *br, unsigned char (*bufs)[BSZ],
		      int n)
{
	int b;

	for (b = 0; b < n; b++)
		io_uring_buf_ring_add(br, bufs[b], BSZ, (unsigned short)b,
				      io_uring_buf_ring_mask(NBUFS), b);
	io_uring_buf_ring_advance(br, n);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	static unsigned char rx[NBUFS][BSZ], tx[NBUFS][BSZ];
	struct io_uring_buf_ring *rbr, *tbr;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	unsigned char in[4 * BSZ];
	int fds[2], err, got, b;

	(void)mode;
	(void)arg;
	if (!(ring->features & IORING_FEAT_RECVSEND_BUNDLE))
		t_skip("kernel lacks IORING_FEAT_RECVSEND_BUNDLE (Linux 6.10)");
	t_tcp_pair(fds);
	rbr = io_uring_setup_buf_ring(ring, NBUFS, RX_BGID, 0, &err);
	tbr = io_uring_setup_buf_ring(ring, NBUFS, TX_BGID, 0, &err);
	CHECK(rbr && tbr);
	fill_ring(rbr, rx, NBUFS);

	/* 300 bytes wait in the socket; one bundle recv takes them all. */
	{
		unsigned char out[300];

		t_fill(out, sizeof(out), 1, 0);
		CHECK_EQ(write(fds[0], out, sizeof(out)), sizeof(out));
	}
	/*
	 * Each bundle recv takes as many whole buffers as the kernel likes
	 * (at least two here, with 300 bytes waiting), naming the first; the
	 * next one continues with the following buffer id.
	 */
	for (got = 0, b = 0; got < 300;) {
		int nbufs, k;

		sqe = t_sqe(ring);
		io_uring_prep_recv(sqe, fds[1], NULL, 0, 0);
		sqe->ioprio |= IORING_RECVSEND_BUNDLE;
		sqe->flags |= IOSQE_BUFFER_SELECT;
		sqe->buf_group = RX_BGID;
		t_submit(ring, 1);
		cqe = t_reap(ring, 5000);
		CHECK(cqe.res > 0 && cqe.res <= 300 - got);
		CHECK(cqe.flags & IORING_CQE_F_BUFFER);
		CHECK_EQ(cqe.flags >> IORING_CQE_BUFFER_SHIFT, b);
		if (got == 0)
			CHECK(cqe.res > BSZ);	/* a real bundle */
		nbufs = (cqe.res + BSZ - 1) / BSZ;
		for (k = 0; k < nbufs; k++) {
			int part = cqe.res - k * BSZ < BSZ ? cqe.res - k * BSZ
							    : BSZ;

			t_check_bytes(rx[b + k], (size_t)part, 1,
				      (size_t)(got + k * BSZ));
		}
		got += cqe.res;
		b += nbufs;
	}
	CHECK_EQ(got, 300);

	/* Send side: four queued buffers go out in one request. */
	for (b = 0; b < 4; b++)
		t_fill(tx[b], BSZ, 2, (size_t)b * BSZ);
	fill_ring(tbr, tx, 4);
	sqe = t_sqe(ring);
	io_uring_prep_send_bundle(sqe, fds[0], 0, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = TX_BGID;
	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.res, 4 * BSZ);
	CHECK(cqe.flags & IORING_CQE_F_BUFFER);
	CHECK_EQ(cqe.flags >> IORING_CQE_BUFFER_SHIFT, 0);
	for (got = 0; got < 4 * BSZ;) {
		ssize_t n = read(fds[1], in + got, sizeof(in) - (size_t)got);

		CHECK(n > 0);
		got += (int)n;
	}
	t_check_bytes(in, 4 * BSZ, 2, 0);
	CHECK_OK(io_uring_free_buf_ring(ring, rbr, NBUFS, RX_BGID));
	CHECK_OK(io_uring_free_buf_ring(ring, tbr, NBUFS, TX_BGID));
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
