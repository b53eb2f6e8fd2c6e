// SPDX-License-Identifier: MIT
/*
 * Description: a buffer ring whose memory the kernel allocates
 * (IOU_PBUF_RING_MMAP, 6.4): io_uring_setup_buf_ring maps it from the
 * ring fd, buffers added there are used by receives, and it is freed
 * like any other (the group id is free again afterwards).
 */
#include "ringmodes.h"
#include "sockets.h"

#define NBUFS	4
#define BGID	12

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	static unsigned char bufs[NBUFS][64];
	struct io_uring_buf_ring *br;
	struct io_uring_cqe cqe;
	int fds[2], err = 0, i;

	(void)mode;
	(void)arg;
	br = io_uring_setup_buf_ring(ring, NBUFS, BGID, IOU_PBUF_RING_MMAP,
				     &err);
	/*
	 * Before 6.4 the flags were padding: -EINVAL if checked, else the
	 * missing ring address is -EFAULT.
	 */
	if (!br && err == -EFAULT)
		t_skip("kernel lacks IOU_PBUF_RING_MMAP (Linux 6.4): -EFAULT");
	if (!br)
		t_skip_if_unsupported(err, "IOU_PBUF_RING_MMAP", "6.4");
	CHECK(br);
	CHECK_EQ(br->tail, 0);
	for (i = 0; i < NBUFS; i++)
		io_uring_buf_ring_add(br, bufs[i], 64, (unsigned short)(i + 20),
				      io_uring_buf_ring_mask(NBUFS), i);
	io_uring_buf_ring_advance(br, NBUFS);
	t_socketpair(SOCK_SEQPACKET, fds);
	for (i = 0; i < NBUFS; i++) {
		struct io_uring_sqe *sqe = t_sqe(ring);
		unsigned char msg[40];

		t_fill(msg, sizeof(msg), (unsigned)i, 0);
		CHECK_EQ(write(fds[0], msg, sizeof(msg)), sizeof(msg));
		io_uring_prep_recv(sqe, fds[1], NULL, 64, 0);
		sqe->flags |= IOSQE_BUFFER_SELECT;
		sqe->buf_group = BGID;
		t_submit(ring, 1);
		cqe = t_reap(ring, 5000);
		CHECK_EQ(cqe.res, sizeof(msg));
		CHECK_EQ(cqe.flags >> IORING_CQE_BUFFER_SHIFT, 20 + i);
		t_check_bytes(bufs[i], sizeof(msg), (unsigned)i, 0);
	}
	CHECK_OK(io_uring_free_buf_ring(ring, br, NBUFS, BGID));
	/* The id is free again: set it up anew. */
	br = io_uring_setup_buf_ring(ring, NBUFS, BGID, IOU_PBUF_RING_MMAP,
				     &err);
	CHECK(br);
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
