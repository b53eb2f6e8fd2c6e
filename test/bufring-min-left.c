// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_buf_reg.min_left (liburing 2.15; mainline 7.1 and
 * 6.18.y stable): on an incrementally consumed buffer ring, a buffer with
 * fewer than min_left bytes left after a receive is retired. Two 200-byte
 * buffers, min_left 64: a 100-byte receive leaves 100 in buffer 0
 * (IORING_CQE_F_BUF_MORE), a 50-byte one lands right after it and leaves
 * 50, under 64, so buffer 0 is done (no F_BUF_MORE), and the next receive
 * lands at the start of buffer 1. min_left without IOU_PBUF_RING_INC is
 * -EINVAL.
 */
#include "ringmodes.h"
#include "sockets.h"

#define BGID		5
#define BSZ		200
#define MIN_LEFT	64

/* Receive len bytes (stream seed) through the group; all of them arrive. */
static struct io_uring_cqe recv_slice(struct io_uring *ring, int fds[2],
				      size_t len, unsigned seed)
{
	struct io_uring_cqe cqe = t_recv_selected(ring, fds, len, seed, BGID);

	CHECK_EQ(cqe.res, (int)len);
	return cqe;
}

int main(int argc, char **argv)
{
	static unsigned char bufs[2][BSZ];
	struct io_uring_buf_reg reg;
	struct io_uring_buf_ring *br = NULL;
	struct io_uring_cqe cqe;
	struct io_uring ring;
	int fds[2], ret;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	CHECK_OK(posix_memalign((void **)&br, 4096, 4096));
	io_uring_buf_ring_init(br);

	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (__u64)(uintptr_t)br;
	reg.ring_entries = 2;
	reg.bgid = BGID;
	reg.min_left = MIN_LEFT;
	/* A minimum is a property of incremental buffers only. */
	CHECK_EQ(io_uring_register_buf_ring(&ring, &reg, 0), -EINVAL);
	reg.flags = IOU_PBUF_RING_INC;
	ret = io_uring_register_buf_ring(&ring, &reg, 0);
	if (ret < 0 && t_lacks(ret, "io_uring_buf_reg.min_left", 7, 1))
		goto out;
	CHECK_OK(ret);
	io_uring_buf_ring_add(br, bufs[0], BSZ, 0, io_uring_buf_ring_mask(2), 0);
	io_uring_buf_ring_add(br, bufs[1], BSZ, 1, io_uring_buf_ring_mask(2), 1);
	io_uring_buf_ring_advance(br, 2);
	t_tcp_pair(fds);

	cqe = recv_slice(&ring, fds, 100, 1);
	CHECK_EQ(cqe.flags >> IORING_CQE_BUFFER_SHIFT, 0);
	CHECK(cqe.flags & IORING_CQE_F_BUF_MORE);
	t_check_bytes(bufs[0], 100, 1, 0);

	cqe = recv_slice(&ring, fds, 50, 2);
	CHECK_EQ(cqe.flags >> IORING_CQE_BUFFER_SHIFT, 0);
	CHECK(!(cqe.flags & IORING_CQE_F_BUF_MORE));
	t_check_bytes(bufs[0] + 100, 50, 2, 0);

	cqe = recv_slice(&ring, fds, 10, 3);
	CHECK_EQ(cqe.flags >> IORING_CQE_BUFFER_SHIFT, 1);
	CHECK(cqe.flags & IORING_CQE_F_BUF_MORE);
	t_check_bytes(bufs[1], 10, 3, 0);

	CHECK_OK(io_uring_unregister_buf_ring(&ring, BGID));
	t_close_pair(fds);
out:
	io_uring_queue_exit(&ring);
	free(br);
	return t_done();
}
