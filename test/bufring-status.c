// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_buf_ring_head and io_uring_buf_ring_available
 * (IORING_REGISTER_PBUF_STATUS, 6.8): the kernel's head starts at 0,
 * moves by one per consumed buffer, and available is tail minus head;
 * an unknown group is -ENOENT.
 */
#include "ringmodes.h"
#include "sockets.h"

#define NBUFS	8
#define BGID	6

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	static unsigned char bufs[NBUFS][32];
	struct io_uring_buf_ring *br;
	uint16_t head = 99;
	int fds[2], err, ret, i;

	(void)mode;
	(void)arg;
	br = io_uring_setup_buf_ring(ring, NBUFS, BGID, 0, &err);
	CHECK(br);
	ret = io_uring_buf_ring_head(ring, BGID, &head);
	t_skip_if_unsupported(ret, "IORING_REGISTER_PBUF_STATUS", "6.8");
	CHECK_EQ(ret, 0);
	CHECK_EQ(head, 0);
	CHECK_EQ(io_uring_buf_ring_available(ring, br, BGID), 0);
	for (i = 0; i < NBUFS; i++)
		io_uring_buf_ring_add(br, bufs[i], 32, (unsigned short)i,
				      io_uring_buf_ring_mask(NBUFS), i);
	io_uring_buf_ring_advance(br, NBUFS);
	CHECK_EQ(io_uring_buf_ring_available(ring, br, BGID), NBUFS);

	t_socketpair(SOCK_SEQPACKET, fds);
	for (i = 1; i <= 3; i++) {
		struct io_uring_sqe *sqe = t_sqe(ring);

		CHECK_EQ(write(fds[0], "abc", 3), 3);
		io_uring_prep_recv(sqe, fds[1], NULL, 32, 0);
		sqe->flags |= IOSQE_BUFFER_SELECT;
		sqe->buf_group = BGID;
		t_submit(ring, 1);
		CHECK_EQ(t_reap(ring, 5000).res, 3);
		CHECK_OK(io_uring_buf_ring_head(ring, BGID, &head));
		CHECK_EQ(head, i);
		CHECK_EQ(io_uring_buf_ring_available(ring, br, BGID),
			 NBUFS - i);
	}
	CHECK_EQ(io_uring_buf_ring_head(ring, BGID + 1, &head), -ENOENT);
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
