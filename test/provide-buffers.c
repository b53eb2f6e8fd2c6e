// SPDX-License-Identifier: MIT
/*
 * Description: classic provided buffers (5.7): IORING_OP_PROVIDE_BUFFERS
 * hands the kernel a group of buffers with consecutive ids, receives with
 * IOSQE_BUFFER_SELECT use each exactly once (ids in the CQE, data in the
 * buffer the id names), an empty group is -ENOBUFS, and
 * IORING_OP_REMOVE_BUFFERS takes unused ones back (res: how many, 0 for
 * an exhausted group, -ENOENT for a group that does not exist).
 */
#include "ringmodes.h"
#include "sockets.h"

#define BGID	2
#define BSZ	32

static unsigned char pool[8][BSZ];

static int one(struct io_uring *ring, struct io_uring_cqe *out)
{
	struct io_uring_cqe cqe;

	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	if (out)
		*out = cqe;
	return cqe.res;
}

static int select_recv(struct io_uring *ring, int fd, unsigned *bid)
{
	struct io_uring_sqe *sqe = t_sqe(ring);
	struct io_uring_cqe cqe;

	io_uring_prep_recv(sqe, fd, NULL, BSZ, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = BGID;
	one(ring, &cqe);
	if (cqe.res >= 0) {
		CHECK(cqe.flags & IORING_CQE_F_BUFFER);
		*bid = cqe.flags >> IORING_CQE_BUFFER_SHIFT;
	}
	return cqe.res;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	unsigned seen = 0, bid, i;
	int fds[2], res;

	(void)mode;
	(void)arg;
	t_socketpair(SOCK_SEQPACKET, fds);
	/* Ids 10..13, 32 bytes each, back to back in pool[0..3]. */
	io_uring_prep_provide_buffers(t_sqe(ring), pool, BSZ, 4, BGID, 10);
	CHECK_EQ(one(ring, NULL), 0);
	for (i = 0; i < 4; i++) {
		unsigned char msg[20];

		t_fill(msg, sizeof(msg), i, 0);
		CHECK_EQ(write(fds[0], msg, sizeof(msg)), sizeof(msg));
		CHECK_EQ(select_recv(ring, fds[1], &bid), sizeof(msg));
		CHECK(bid >= 10 && bid <= 13);
		CHECK(!(seen & (1U << bid)));
		seen |= 1U << bid;
		t_check_bytes(pool[bid - 10], sizeof(msg), i, 0);
	}
	CHECK_EQ(write(fds[0], "z", 1), 1);
	CHECK_EQ(select_recv(ring, fds[1], &bid), -ENOBUFS);

	/* Nothing left to remove: 0; a group that never existed: -ENOENT. */
	io_uring_prep_remove_buffers(t_sqe(ring), 8, BGID);
	CHECK_EQ(one(ring, NULL), 0);
	/* (6.1 keeps groups below 64 in an array: they always "exist".) */
	io_uring_prep_remove_buffers(t_sqe(ring), 8, 1000);
	CHECK_EQ(one(ring, NULL), -ENOENT);

	/* Three more (ids 0..2), take two back: one remains for the recv. */
	io_uring_prep_provide_buffers(t_sqe(ring), pool[4], BSZ, 3, BGID, 0);
	CHECK_EQ(one(ring, NULL), 0);
	io_uring_prep_remove_buffers(t_sqe(ring), 2, BGID);
	CHECK_EQ(one(ring, NULL), 2);
	res = select_recv(ring, fds[1], &bid);
	CHECK_EQ(res, 1);
	CHECK(bid <= 2);
	CHECK_EQ(pool[4 + bid][0], 'z');
	CHECK_EQ(write(fds[0], "y", 1), 1);
	CHECK_EQ(select_recv(ring, fds[1], &bid), -ENOBUFS);
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
