// SPDX-License-Identifier: MIT
/*
 * timeouts.c - the four ways io_uring measures time (tour, chapter 2).
 *
 * Usage: timeouts
 *
 *  1. A timer: IORING_OP_TIMEOUT alone completes with -ETIME when it
 *     expires.
 *  2. A completion counter: the same request with a count completes with
 *     0 as soon as that many other requests have completed, however long
 *     its timer still had to run.
 *  3. A deadline for one request: IORING_OP_LINK_TIMEOUT linked behind a
 *     read that cannot finish (an empty pipe) cancels the read, which
 *     completes with -ECANCELED, while the timeout reports -ETIME.
 *  4. A deadline for waiting: io_uring_wait_cqe_timeout() gives up with
 *     -ETIME when nothing completes in time; no request is involved.
 *
 * Each prints what the kernel answered; every line is deterministic, so
 * test/examples.sh compares them exactly.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ringzero.h"

#define MSEC	1000000LL	/* nanoseconds */

/* Print one CQE as "what: res N (meaning)". */
static void show(const char *what, int res)
{
	printf("%s: res %d (%s)\n", what, res,
	       res < 0 ? strerror(-res) : "ok");
}

/* Submit what is queued and collect nr CQEs by user_data into res[]. */
static int collect(struct io_uring *ring, int *res, unsigned nr)
{
	struct io_uring_cqe *cqe;
	unsigned i;
	int ret;

	ret = io_uring_submit_and_wait(ring, nr);
	if (ret < 0)
		return ret;
	for (i = 0; i < nr; i++) {
		ret = io_uring_wait_cqe(ring, &cqe);
		if (ret < 0)
			return ret;
		res[cqe->user_data] = cqe->res;
		io_uring_cqe_seen(ring, cqe);
	}
	return 0;
}

// @tour-begin timer
static int timer(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 10 * MSEC };
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	int res[1], ret;

	/* count 0: only the clock can complete it. */
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	sqe->user_data = 0;
	ret = collect(ring, res, 1);
	if (ret < 0)
		return ret;
	show("timer, 10 ms", res[0]);
	return 0;
}
// @tour-end timer

// @tour-begin counter
static int counter(struct io_uring *ring)
{
	/* Ten seconds: if this one fires by its clock, we waited too long. */
	struct __kernel_timespec ts = { .tv_sec = 10 };
	struct io_uring_sqe *sqe;
	int res[3], ret;

	sqe = io_uring_get_sqe(ring);
	io_uring_prep_timeout(sqe, &ts, 2, 0);	/* after 2 completions */
	sqe->user_data = 0;
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_nop(sqe);
	sqe->user_data = 1;
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_nop(sqe);
	sqe->user_data = 2;
	ret = collect(ring, res, 3);
	if (ret < 0)
		return ret;
	show("counter, 2 completions", res[0]);
	show("  nop 1", res[1]);
	show("  nop 2", res[2]);
	return 0;
}
// @tour-end counter

// @tour-begin link
static int deadline(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 20 * MSEC };
	struct io_uring_sqe *sqe;
	int fds[2], res[2], ret;
	char byte;

	if (pipe(fds) < 0)
		return -errno;
	/* Nobody ever writes to the pipe: the read alone would wait forever. */
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_read(sqe, fds[0], &byte, 1, 0);
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	sqe->user_data = 0;
	/* Linked right behind it: the read's deadline. */
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_link_timeout(sqe, &ts, 0);
	sqe->user_data = 1;
	ret = collect(ring, res, 2);
	close(fds[0]);
	close(fds[1]);
	if (ret < 0)
		return ret;
	show("read from an empty pipe, 20 ms deadline", res[0]);
	show("  its link timeout", res[1]);
	return 0;
}
// @tour-end link

// @tour-begin wait
static int wait_deadline(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 10 * MSEC };
	struct io_uring_cqe *cqe;
	int ret;

	/* Nothing is in flight; the wait itself carries the deadline. */
	ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
	show("wait for a CQE, 10 ms", ret);
	return ret == -ETIME ? 0 : ret;
}
// @tour-end wait

int main(void)
{
	static int (*const steps[])(struct io_uring *) = {
		timer, counter, deadline, wait_deadline,
	};
	struct io_uring ring;
	unsigned i;
	int ret;

	ret = io_uring_queue_init(8, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "timeouts: io_uring_queue_init: %s\n",
			strerror(-ret));
		return 1;
	}
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		ret = steps[i](&ring);
		if (ret < 0) {
			fprintf(stderr, "timeouts: step %u: %s\n", i + 1,
				strerror(-ret));
			break;
		}
	}
	io_uring_queue_exit(&ring);
	return ret < 0 ? 1 : 0;
}
