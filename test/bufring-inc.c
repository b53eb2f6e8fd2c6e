// SPDX-License-Identifier: MIT
/*
 * Description: incrementally consumed buffer rings (IOU_PBUF_RING_INC,
 * 6.12): receives take one large buffer in slices, each CQE naming the
 * same buffer id with IORING_CQE_F_BUF_MORE while room remains and the
 * data placed right after the previous slice; the CQE that uses up the
 * buffer has no F_BUF_MORE, and the next receive finds the ring empty.
 */
#include "ringmodes.h"
#include "sockets.h"

#define BGID	7
#define BSZ	1024
#define SLICE	100

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	static unsigned char buf[BSZ];
	struct io_uring_buf_ring *br;
	struct io_uring_cqe cqe;
	size_t off = 0;
	int fds[2], err = 0, i;

	(void)mode;
	(void)arg;
	br = io_uring_setup_buf_ring(ring, 2, BGID, IOU_PBUF_RING_INC, &err);
	if (!br)
		t_skip_if_unsupported(err, "IOU_PBUF_RING_INC", "6.12");
	CHECK(br);
	io_uring_buf_ring_add(br, buf, BSZ, 3, io_uring_buf_ring_mask(2), 0);
	io_uring_buf_ring_advance(br, 1);
	t_tcp_pair(fds);

	for (i = 0; off < BSZ; i++) {
		size_t want = BSZ - off < SLICE ? BSZ - off : SLICE;

		cqe = t_recv_selected(ring, fds, SLICE, (unsigned)i, BGID);
		CHECK_EQ(cqe.res, (int)want);
		CHECK_EQ(cqe.flags >> IORING_CQE_BUFFER_SHIFT, 3);
		t_check_bytes(buf + off, want, (unsigned)i, 0);
		off += want;
		if (off < BSZ)
			CHECK(cqe.flags & IORING_CQE_F_BUF_MORE);
		else
			CHECK(!(cqe.flags & IORING_CQE_F_BUF_MORE));
		/* A slice cut short leaves its tail in the socket: drain it. */
		if (want < SLICE) {
			unsigned char rest[SLICE];

			CHECK_EQ(read(fds[1], rest, SLICE - want),
				 (ssize_t)(SLICE - want));
			t_check_bytes(rest, SLICE - want, (unsigned)i, want);
		}
	}
	CHECK_EQ(i, (BSZ + SLICE - 1) / SLICE);
	{
		struct io_uring_sqe *sqe = t_sqe(ring);

		CHECK_EQ(write(fds[0], "x", 1), 1);
		io_uring_prep_recv(sqe, fds[1], NULL, SLICE, 0);
		sqe->flags |= IOSQE_BUFFER_SELECT;
		sqe->buf_group = BGID;
		t_submit(ring, 1);
		CHECK_EQ(t_reap(ring, 5000).res, -ENOBUFS);
	}
	CHECK_OK(io_uring_free_buf_ring(ring, br, 2, BGID));
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
