// SPDX-License-Identifier: MIT
/*
 * where-it-runs.c - where the kernel runs a request, and who posts its
 * completion (tour, chapter 2).
 *
 * Usage: where-it-runs [DIR]
 *
 * Four requests, each taking a different road through the kernel, on an
 * ordinary ring (no setup flags). After each the program prints what a
 * process can see for itself: how many CQEs are in the CQ ring
 * (io_uring_cq_ready(), a read of shared memory, no system call) and how
 * many io-wq worker threads ("iou-wrk-PID" in /proc/self/task) it has.
 *
 *  1. Inline: a NOP and a receive on a socket that holds data complete
 *     inside the io_uring_enter() that submits them; their CQEs are there
 *     when it returns. (A socket rather than a pipe: pipes take
 *     non-blocking reads from io_uring only since Linux 6.4 or so, and
 *     before that their reads went to io-wq.)
 *  2. Poll: a receive on an empty socket cannot complete and must not
 *     block the submitter; the kernel arms a poll on the socket
 *     (IORING_FEAT_FAST_POLL, 5.7) and returns. No thread waits for it.
 *  3. Task work: when data arrives, the poll wake-up queues the receive as
 *     task work for the thread that submitted it, which runs it on its
 *     next way out of the kernel: here our own send(2) on the other end.
 *     The CQE is there when send() returns, with no io_uring_enter().
 *  4. io-wq: fsync cannot be done without blocking, so the kernel hands it
 *     to a worker thread of this process, which it creates on demand.
 *
 * The file for fsync is created in DIR (default: $TMPDIR or /tmp).
 * Every line printed is deterministic; test/examples.sh compares them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "ringzero.h"
#include "threads.h"

/* What the process can see: CQEs waiting, io-wq workers alive. */
static void show(const char *when, struct io_uring *ring)
{
	printf("  %-34s CQEs ready %u, io-wq workers %d\n", when,
	       io_uring_cq_ready(ring), count_threads("iou-wrk-", NULL));
}

/* Reap every CQE in the CQ, printing each one's user_data and res. */
static void reap(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;
	unsigned head, n = 0;

	io_uring_for_each_cqe(ring, head, cqe) {
		printf("  cqe: user_data %llu, res %d\n",
		       (unsigned long long)cqe->user_data, cqe->res);
		n++;
	}
	io_uring_cq_advance(ring, n);
}

/* Queue a one-byte receive on fd into *byte, tagged ud. */
static void queue_recv(struct io_uring *ring, int fd, char *byte, __u64 ud)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_recv(sqe, fd, byte, 1, 0);
	sqe->user_data = ud;
}

// @tour-begin inline
/* sv: a connected pair of sockets, sv[0] the one to receive on. */
static int inline_completion(struct io_uring *ring, const int sv[2])
{
	struct io_uring_sqe *sqe;
	char byte;
	int ret;

	printf("1. inline: a NOP, and a receive on a socket that holds a byte\n");
	if (send(sv[1], "x", 1, 0) != 1)
		return -errno;
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_nop(sqe);
	sqe->user_data = 1;
	queue_recv(ring, sv[0], &byte, 2);
	/* Submit only: io_uring_enter(fd, 2, 0, 0) does not wait. */
	ret = io_uring_submit(ring);
	show("after io_uring_submit():", ring);
	reap(ring);
	return ret < 0 ? ret : 0;
}
// @tour-end inline

// @tour-begin poll
static int poll_then_task_work(struct io_uring *ring, const int sv[2])
{
	char byte;
	int ret;

	printf("2. poll: a receive on an empty socket\n");
	queue_recv(ring, sv[0], &byte, 3);
	ret = io_uring_submit(ring);
	if (ret < 0)
		return ret;
	show("after io_uring_submit():", ring);

	printf("3. task work: the other end sends a byte\n");
	if (send(sv[1], "y", 1, 0) != 1)
		return -errno;
	/* No io_uring_enter() since the submit: send() ran the receive. */
	show("after send(), no io_uring_enter():", ring);
	reap(ring);
	return 0;
}
// @tour-end poll

// @tour-begin iowq
static int blocking_work(struct io_uring *ring, const char *dir)
{
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	char path[4096];
	int fd, ret;

	printf("4. io-wq: fsync of a file\n");
	snprintf(path, sizeof(path), "%s/where-it-runs.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0)
		return -errno;
	unlink(path);
	show("before:", ring);
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_fsync(sqe, fd, 0);
	sqe->user_data = 4;
	/* fsync blocks: the kernel passes it to a worker and returns. */
	ret = io_uring_submit_and_wait(ring, 1);
	if (ret >= 0)
		ret = io_uring_wait_cqe(ring, &cqe);
	close(fd);
	if (ret < 0)
		return ret;
	show("after its completion:", ring);
	reap(ring);
	return 0;
}
// @tour-end iowq

int main(int argc, char **argv)
{
	const char *dir = getenv("TMPDIR");
	struct io_uring ring;
	int sv[2], ret;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "Usage: where-it-runs [DIR]\n");
		return 2;
	}
	if (argc == 2)
		dir = argv[1];
	else if (!dir || !*dir)
		dir = "/tmp";
	ret = io_uring_queue_init(8, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "where-it-runs: io_uring_queue_init: %s\n",
			strerror(-ret));
		return 1;
	}
	/* The same pair of sockets serves steps 1 to 3. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		ret = -errno;
	} else {
		ret = inline_completion(&ring, sv);
		if (!ret)
			ret = poll_then_task_work(&ring, sv);
		close(sv[0]);
		close(sv[1]);
	}
	if (!ret)
		ret = blocking_work(&ring, dir);
	io_uring_queue_exit(&ring);
	if (ret < 0) {
		fprintf(stderr, "where-it-runs: %s\n", strerror(-ret));
		return 1;
	}
	return 0;
}
