// SPDX-License-Identifier: MIT
/*
 * Description: timeout SQEs. A timeout fires with -ETIME; one with a count
 * completes with 0 once that many other CQEs arrived; timeout_remove
 * cancels it (-ECANCELED on the timeout, 0 on the remove, -ENOENT for an
 * unknown one); timeout_update moves its expiry (a one-minute timeout made
 * to fire within 10 ms); an absolute timeout fires too; link_timeout
 * cancels a pipe read that does not finish in time (-ECANCELED on the
 * read, -ETIME on the link timeout) and is itself cancelled when the read
 * wins. Waits for timeouts that should fire soon are bounded, so a broken
 * update fails instead of hanging.
 */
#include <time.h>
#include "helpers.h"

/* Generous bound for "fires soon": far above 10 ms even under emulation. */
static struct __kernel_timespec soon = { 20, 0 };

static struct io_uring_cqe *wait_soon(struct io_uring *ring)
{
	struct io_uring_cqe *cqe = NULL;
	int ret = io_uring_wait_cqe_timeout(ring, &cqe, &soon);

	if (ret)
		FAIL("no CQE within %llds: %s", (long long)soon.tv_sec,
		     strerror(-ret));
	return cqe;
}

/* Reap n CQEs into res[] by user_data, with bounded waits. */
static void reap(struct io_uring *ring, unsigned n, int *res, unsigned nres)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct io_uring_cqe *cqe = wait_soon(ring);

		CHECK(cqe->user_data < nres);
		res[cqe->user_data] = cqe->res;
		io_uring_cqe_seen(ring, cqe);
	}
	CHECK_EQ(io_uring_cq_ready(ring), 0);
}

static struct io_uring_sqe *sqe_ud(struct io_uring *ring, __u64 ud)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_sqe_set_data64(sqe, ud);
	return sqe;
}

int main(int argc, char **argv)
{
	struct __kernel_timespec ms10 = { 0, 10 * 1000 * 1000 };
	struct __kernel_timespec minute = { 60, 0 };
	struct io_uring ring;
	int res[4], fds[2];
	char buf[8];

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	CHECK_SYS(pipe(fds));

	/* Fires. */
	io_uring_prep_timeout(sqe_ud(&ring, 0), &ms10, 0, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	reap(&ring, 1, res, 4);
	CHECK_EQ(res[0], -ETIME);

	/* Completed by count: two NOPs after it satisfy count 2. */
	io_uring_prep_timeout(sqe_ud(&ring, 0), &minute, 2, 0);
	io_uring_prep_nop(sqe_ud(&ring, 1));
	io_uring_prep_nop(sqe_ud(&ring, 2));
	CHECK_EQ(io_uring_submit(&ring), 3);
	reap(&ring, 3, res, 4);
	CHECK_EQ(res[0], 0);
	CHECK_EQ(res[1], 0);
	CHECK_EQ(res[2], 0);

	/* Removed. */
	io_uring_prep_timeout(sqe_ud(&ring, 0), &minute, 0, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	io_uring_prep_timeout_remove(sqe_ud(&ring, 1), 0, 0);
	io_uring_prep_timeout_remove(sqe_ud(&ring, 2), 12345, 0);
	CHECK_EQ(io_uring_submit(&ring), 2);
	reap(&ring, 3, res, 4);
	CHECK_EQ(res[0], -ECANCELED);
	CHECK_EQ(res[1], 0);
	CHECK_EQ(res[2], -ENOENT);

	/* Updated: a minute becomes 10 ms. */
	io_uring_prep_timeout(sqe_ud(&ring, 0), &minute, 0, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	io_uring_prep_timeout_update(sqe_ud(&ring, 1), &ms10, 0, 0);
	io_uring_prep_timeout_update(sqe_ud(&ring, 2), &ms10, 12345, 0);
	CHECK_EQ(io_uring_submit(&ring), 2);
	reap(&ring, 3, res, 4);
	CHECK_EQ(res[1], 0);
	CHECK_EQ(res[0], -ETIME);
	CHECK_EQ(res[2], -ENOENT);

	/* Absolute: CLOCK_MONOTONIC now + 10 ms. */
	{
		struct timespec now;
		struct __kernel_timespec abs;

		CHECK_SYS(clock_gettime(CLOCK_MONOTONIC, &now));
		abs.tv_sec = now.tv_sec;
		abs.tv_nsec = now.tv_nsec + 10 * 1000 * 1000;
		if (abs.tv_nsec >= 1000000000) {
			abs.tv_sec++;
			abs.tv_nsec -= 1000000000;
		}
		io_uring_prep_timeout(sqe_ud(&ring, 0), &abs, 0,
				      IORING_TIMEOUT_ABS);
		CHECK_EQ(io_uring_submit(&ring), 1);
		reap(&ring, 1, res, 4);
		CHECK_EQ(res[0], -ETIME);
	}

	/* link_timeout cancels a read of an empty pipe. */
	{
		struct io_uring_sqe *sqe = sqe_ud(&ring, 0);

		io_uring_prep_read(sqe, fds[0], buf, sizeof(buf), 0);
		io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
		io_uring_prep_link_timeout(sqe_ud(&ring, 1), &ms10, 0);
		CHECK_EQ(io_uring_submit(&ring), 2);
		reap(&ring, 2, res, 4);
		CHECK_EQ(res[0], -ECANCELED);
		CHECK_EQ(res[1], -ETIME);
	}

	/* ... and is cancelled itself when the read finishes first. */
	{
		struct io_uring_sqe *sqe = sqe_ud(&ring, 0);

		CHECK_EQ(write(fds[1], "data", 4), 4);
		io_uring_prep_read(sqe, fds[0], buf, sizeof(buf), 0);
		io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
		io_uring_prep_link_timeout(sqe_ud(&ring, 1), &minute, 0);
		CHECK_EQ(io_uring_submit(&ring), 2);
		reap(&ring, 2, res, 4);
		CHECK_EQ(res[0], 4);
		CHECK_EQ(res[1], -ECANCELED);
		CHECK(!memcmp(buf, "data", 4));
	}

	io_uring_queue_exit(&ring);
	close(fds[0]);
	close(fds[1]);
	return T_EXIT_PASS;
}
