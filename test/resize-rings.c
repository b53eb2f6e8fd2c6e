// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_resize_rings() on a live DEFER_TASKRUN ring
 * (Linux 6.13). The rings grow to the sizes asked; CQEs posted before the
 * resize are all still there, in order; SQEs prepared but not yet
 * submitted survive and complete after it; shrinking below the pending
 * CQEs is -EOVERFLOW and leaves the ring as it was; a ring without
 * DEFER_TASKRUN, or a NO_MMAP ring, is -EINVAL.
 */
#include "helpers.h"

#define DEFER	(IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN)

static void queue_nops(struct io_uring *ring, unsigned n, __u64 first)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct io_uring_sqe *sqe = t_sqe(ring);

		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, first + i);
	}
}

/* Reap exactly n CQEs, which must carry user_data first, first+1, ... */
static void reap_in_order(struct io_uring *ring, unsigned n, __u64 first)
{
	unsigned i;

	CHECK_EQ(io_uring_cq_ready(ring), n);
	for (i = 0; i < n; i++) {
		struct io_uring_cqe *cqe = t_wait(ring);

		CHECK_EQ(cqe->user_data, first + i);
		CHECK_EQ(cqe->res, 0);
		io_uring_cqe_seen(ring, cqe);
	}
}

int main(int argc, char **argv)
{
	struct io_uring_params p = { .flags = DEFER };
	struct io_uring ring;
	char path[256], buf[16];
	int fd, ret;

	(void)argc;
	t_init(argv[0]);
	t_ring_init_since(&ring, 8, &p, "IORING_SETUP_DEFER_TASKRUN", 6, 1);
	CHECK_EQ(ring.sq.ring_entries, 8);
	CHECK_EQ(ring.cq.ring_entries, 16);
	fd = t_tmpfile(path, NULL, 0);

	/* 12 CQEs waiting, 2 SQEs prepared and not submitted. */
	queue_nops(&ring, 8, 0);
	CHECK_EQ(io_uring_submit(&ring), 8);
	queue_nops(&ring, 4, 8);
	CHECK_EQ(io_uring_submit(&ring), 4);
	CHECK_EQ(io_uring_cq_ready(&ring), 12);
	io_uring_prep_write(t_sqe(&ring), fd, "resized", 7, 0);
	queue_nops(&ring, 1, 100);

	ret = t_resize(&ring, &p, 32, 128);
	if (ret == 1) {
		io_uring_queue_exit(&ring);
		close(fd);
		unlink(path);
		return t_done();
	}
	CHECK_EQ(ret, 0);
	CHECK_EQ(ring.sq.ring_entries, 32);
	CHECK_EQ(ring.cq.ring_entries, 128);
	CHECK_EQ(ring.sq.ring_mask, 31);
	CHECK_EQ(ring.cq.ring_mask, 127);
	reap_in_order(&ring, 12, 0);

	/* The prepared write and NOP go now, from the new SQ. */
	CHECK_EQ(io_uring_sq_ready(&ring), 2);
	CHECK_EQ(io_uring_submit_and_wait(&ring, 2), 2);
	{
		unsigned i, got = 0;

		for (i = 0; i < 2; i++) {
			struct io_uring_cqe *cqe = t_wait(&ring);

			if (cqe->user_data == 100) {
				CHECK_EQ(cqe->res, 0);
				got |= 1;
			} else {
				CHECK_EQ(cqe->user_data, 0);
				CHECK_EQ(cqe->res, 7);
				got |= 2;
			}
			io_uring_cqe_seen(&ring, cqe);
		}
		CHECK_EQ(got, 3);
	}
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 7);
	CHECK(!memcmp(buf, "resized", 7));

	/* The bigger rings hold more than the old ones could. */
	queue_nops(&ring, 32, 200);
	CHECK_EQ(io_uring_submit(&ring), 32);
	queue_nops(&ring, 32, 232);
	CHECK_EQ(io_uring_submit(&ring), 32);

	/* 64 CQEs pending do not fit a 16-entry CQ: nothing changes. */
	memset(&p, 0, sizeof(p));
	p.sq_entries = 8;
	p.cq_entries = 16;
	p.flags = IORING_SETUP_CQSIZE;
	CHECK_EQ(io_uring_resize_rings(&ring, &p), -EOVERFLOW);
	CHECK_EQ(ring.cq.ring_entries, 128);
	reap_in_order(&ring, 64, 200);

	/*
	 * Now empty, shrinking works, and the small ring still runs. p is
	 * in/out (the kernel wrote the new layout back): set it up afresh.
	 */
	memset(&p, 0, sizeof(p));
	p.sq_entries = 8;
	p.cq_entries = 16;
	p.flags = IORING_SETUP_CQSIZE;
	CHECK_EQ(io_uring_resize_rings(&ring, &p), 0);
	CHECK_EQ(ring.sq.ring_entries, 8);
	CHECK_EQ(ring.cq.ring_entries, 16);
	queue_nops(&ring, 8, 300);
	CHECK_EQ(io_uring_submit(&ring), 8);
	reap_in_order(&ring, 8, 300);
	io_uring_queue_exit(&ring);

	/* Only DEFER_TASKRUN rings resize; NO_MMAP ones never do. */
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	memset(&p, 0, sizeof(p));
	p.sq_entries = 16;
	CHECK_EQ(io_uring_resize_rings(&ring, &p), -EINVAL);
	io_uring_queue_exit(&ring);
	memset(&p, 0, sizeof(p));
	p.flags = DEFER | IORING_SETUP_NO_MMAP;
	CHECK_OK(io_uring_queue_init_params(8, &ring, &p));
	memset(&p, 0, sizeof(p));
	p.sq_entries = 16;
	CHECK_EQ(io_uring_resize_rings(&ring, &p), -EINVAL);
	io_uring_queue_exit(&ring);

	close(fd);
	unlink(path);
	return t_done();
}
