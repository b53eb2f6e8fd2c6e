// SPDX-License-Identifier: MIT
/*
 * Description: waits bounded by a timeout. wait_cqe_timeout() on an empty
 * CQ is -ETIME with no CQE, and 0 at once when one is ready; wait_cqes()
 * for more CQEs than arrive returns the one that did when the time is up;
 * submit_and_wait_timeout() returns the number submitted, with the CQE, or
 * with none when the wait ran out (liburing's contract). The min-timeout
 * variants (Linux 6.12) return after min_wait_usec with fewer than wait_nr
 * CQEs instead of sleeping out the full timeout, which is set far beyond
 * what the test allows itself (a watchdog alarm fails it).
 */
#include "helpers.h"

static struct __kernel_timespec short_ts = { 0, 10 * 1000 * 1000 };

static void check_plain(struct io_uring *ring, int pipe_rd)
{
	struct io_uring_cqe *cqe = (void *)1;
	char buf[1];
	int ret;

	CHECK_EQ(io_uring_wait_cqe_timeout(ring, &cqe, &short_ts), -ETIME);
	CHECK(cqe == NULL);

	io_uring_prep_nop(t_sqe(ring));
	CHECK_EQ(io_uring_submit(ring), 1);
	CHECK_EQ(io_uring_wait_cqe_timeout(ring, &cqe, &short_ts), 0);
	CHECK(cqe != NULL);
	CHECK_EQ(cqe->res, 0);
	/* Not consumed yet: asking again gives the same one. */
	{
		struct io_uring_cqe *again;

		CHECK_EQ(io_uring_wait_cqe_timeout(ring, &again, &short_ts), 0);
		CHECK(again == cqe);
	}
	io_uring_cqe_seen(ring, cqe);

	/* Two wanted, one comes: after the timeout, that one. */
	io_uring_prep_nop(t_sqe(ring));
	CHECK_EQ(io_uring_submit(ring), 1);
	CHECK_EQ(io_uring_wait_cqes(ring, &cqe, 2, &short_ts, NULL), 0);
	CHECK(cqe != NULL);
	io_uring_cqe_seen(ring, cqe);
	CHECK_EQ(io_uring_wait_cqes(ring, &cqe, 1, &short_ts, NULL), -ETIME);
	/* wait_nr 0 with nothing there: a peek, -EAGAIN. */
	CHECK_EQ(io_uring_wait_cqes(ring, &cqe, 0, &short_ts, NULL), -EAGAIN);

	/* submit_and_wait_timeout: returns what it submitted. */
	io_uring_prep_nop(t_sqe(ring));
	io_uring_prep_nop(t_sqe(ring));
	CHECK_EQ(io_uring_submit_and_wait_timeout(ring, &cqe, 2, &short_ts,
						  NULL), 2);
	CHECK(cqe != NULL);
	CHECK_EQ(io_uring_cq_ready(ring), 2);
	io_uring_cq_advance(ring, 2);

	/* A read that never completes: submitted, timed out, no CQE. */
	io_uring_prep_read(t_sqe(ring), pipe_rd, buf, 1, 0);
	ret = io_uring_submit_and_wait_timeout(ring, &cqe, 1, &short_ts, NULL);
	CHECK_EQ(ret, 1);
	CHECK(cqe == NULL);
	CHECK_EQ(io_uring_submit_and_wait_timeout(ring, &cqe, 1, &short_ts,
						  NULL), -ETIME);
	CHECK(cqe == NULL);
}

static void check_min_timeout(struct io_uring *ring)
{
	struct __kernel_timespec long_ts = { 600, 0 };
	struct io_uring_cqe *cqe;
	int ret;

	if (!(ring->features & IORING_FEAT_MIN_TIMEOUT)) {
		/* The library refuses what the kernel cannot do. */
		CHECK_EQ(io_uring_wait_cqes_min_timeout(ring, &cqe, 2,
							&long_ts, 10000,
							NULL), -EINVAL);
		t_lacks(-EINVAL, "IORING_FEAT_MIN_TIMEOUT", 6, 12);
		return;
	}
	/*
	 * Ten minutes for 2 CQEs, one of which will come: only the 20 ms
	 * minimum wait lets this return. The watchdog fails us if not.
	 */
	alarm(60);
	io_uring_prep_nop(t_sqe(ring));
	CHECK_EQ(io_uring_submit(ring), 1);
	CHECK_EQ(io_uring_wait_cqes_min_timeout(ring, &cqe, 2, &long_ts,
						20000, NULL), 0);
	CHECK(cqe != NULL);
	CHECK_EQ(io_uring_cq_ready(ring), 1);
	io_uring_cqe_seen(ring, cqe);

	io_uring_prep_nop(t_sqe(ring));
	ret = io_uring_submit_and_wait_min_timeout(ring, &cqe, 2, &long_ts,
						   20000, NULL);
	CHECK_EQ(ret, 1);
	CHECK(cqe != NULL);
	io_uring_cqe_seen(ring, cqe);
	alarm(0);

	/* Nothing at all arrives: the full (short) timeout, -ETIME. */
	CHECK_EQ(io_uring_wait_cqes_min_timeout(ring, &cqe, 1, &short_ts,
						1000, NULL), -ETIME);
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	int fds[2];

	(void)argc;
	t_init(argv[0]);
	CHECK_SYS(pipe(fds));
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	check_plain(&ring, fds[0]);
	check_min_timeout(&ring);
	io_uring_queue_exit(&ring);
	close(fds[0]);
	close(fds[1]);
	return t_done();
}
