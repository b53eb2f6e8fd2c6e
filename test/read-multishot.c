// SPDX-License-Identifier: MIT
/*
 * Description: multishot read (6.7) from a pipe into a provided-buffer
 * ring: every write to the pipe produces a CQE with IORING_CQE_F_MORE and
 * a buffer holding exactly those bytes, buffers are recycled, and closing
 * the write end ends the request with res 0 and no F_MORE.
 */
#include "ringmodes.h"
#include "sockets.h"

#define NBUFS	4
#define BSZ	512
#define BGID	9

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	static unsigned char bufs[NBUFS][BSZ];
	struct io_uring_buf_ring *br;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	unsigned rounds = t_loops(64, 16), i;
	int pfd[2], err, b;

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_READ_MULTISHOT, "IORING_OP_READ_MULTISHOT",
		     "6.7");
	br = io_uring_setup_buf_ring(ring, NBUFS, BGID, 0, &err);
	CHECK(br);
	for (b = 0; b < NBUFS; b++)
		io_uring_buf_ring_add(br, bufs[b], BSZ, (unsigned short)b,
				      io_uring_buf_ring_mask(NBUFS), b);
	io_uring_buf_ring_advance(br, NBUFS);
	CHECK_SYS(pipe(pfd));

	sqe = t_sqe(ring);
	io_uring_prep_read_multishot(sqe, pfd[0], 0, 0, BGID);
	sqe->user_data = 3;
	t_submit(ring, 1);
	for (i = 0; i < rounds; i++) {
		unsigned char msg[BSZ];
		size_t len = 1 + (i * 53) % BSZ;

		t_fill(msg, len, i, 0);
		CHECK_EQ(write(pfd[1], msg, len), (ssize_t)len);
		cqe = t_wait_ms(ring, 5000);
		CHECK_EQ(cqe->user_data, 3);
		CHECK_EQ(cqe->res, (int)len);
		CHECK(cqe->flags & IORING_CQE_F_MORE);
		CHECK(cqe->flags & IORING_CQE_F_BUFFER);
		b = (int)(cqe->flags >> IORING_CQE_BUFFER_SHIFT);
		CHECK(b < NBUFS);
		t_check_bytes(bufs[b], len, i, 0);
		io_uring_buf_ring_add(br, bufs[b], BSZ, (unsigned short)b,
				      io_uring_buf_ring_mask(NBUFS), 0);
		io_uring_buf_ring_cq_advance(ring, br, 1);
	}
	close(pfd[1]);
	cqe = t_wait_ms(ring, 5000);
	CHECK_EQ(cqe->user_data, 3);
	CHECK_EQ(cqe->res, 0);
	CHECK(!(cqe->flags & IORING_CQE_F_MORE));
	io_uring_cqe_seen(ring, cqe);
	close(pfd[0]);
	CHECK_OK(io_uring_free_buf_ring(ring, br, NBUFS, BGID));
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
