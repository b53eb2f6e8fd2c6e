// SPDX-License-Identifier: MIT
/*
 * when-it-appears.c - when a request's CQE is in the CQ ring: two cases
 * where a finished request's CQE waits until the process enters the
 * kernel, and a request held back until those before it complete (tour,
 * chapter 2).
 *
 * Usage: when-it-appears
 *
 *  1. IORING_SETUP_DEFER_TASKRUN (6.1): the task work that completes a
 *     request is kept for the ring's one submitter thread
 *     (IORING_SETUP_SINGLE_ISSUER) and run only when that thread calls
 *     io_uring_enter() with IORING_ENTER_GETEVENTS, not on its way out of
 *     any system call, nor on an enter without GETEVENTS. A receive
 *     whose data has arrived shows no CQE until then, while a NOP
 *     submitted meanwhile, which completes inline, posts its CQE at once.
 *  2. CQ overflow: when a CQE finds the CQ ring full, a kernel with
 *     IORING_FEAT_NODROP (5.5) keeps it in a list of its own and sets
 *     IORING_SQ_CQ_OVERFLOW in the SQ ring's flags. Freeing CQ slots does
 *     not bring those CQEs in; the next io_uring_enter() with GETEVENTS
 *     does. The ring's overflow counter stays 0: it counts only CQEs the
 *     kernel dropped, which it does only when it cannot allocate room
 *     for one.
 *
 *  3. IOSQE_IO_DRAIN: a request so flagged does not start before every
 *     request submitted ahead of it has completed. A NOP behind a receive
 *     that waits for data shows no CQE until the data comes.
 *
 * Every line printed is deterministic; test/examples.sh compares them.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "ringzero.h"

/*
 * The ring state a process can read without a system call: the CQEs in
 * the CQ ring and, with overflow, the flag and the counter.
 */
static void show(const char *when, struct io_uring *ring, bool overflow)
{
	printf("  %-35s CQEs ready %2u", when, io_uring_cq_ready(ring));
	if (overflow)
		printf(", IORING_SQ_CQ_OVERFLOW %s, overflow counter %u",
		       io_uring_cq_has_overflow(ring) ? "set" : "clear",
		       IO_URING_READ_ONCE(*ring->cq.koverflow));
	printf("\n");
}

// @tour-begin defer
/* sv: a connected pair of sockets, sv[0] the one to receive on. */
static int defer_taskrun(const int sv[2])
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SINGLE_ISSUER |
			 IORING_SETUP_DEFER_TASKRUN,
	};
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char byte;
	int ret;

	printf("1. DEFER_TASKRUN: a receive, then the data it waits for\n");
	ret = io_uring_queue_init_params(4, &ring, &p);
	if (ret < 0)
		return ret;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_recv(sqe, sv[0], &byte, 1, 0);
	ret = io_uring_submit(&ring);
	if (ret < 0)
		goto out;
	if (send(sv[1], "y", 1, 0) != 1) {
		ret = -errno;
		goto out;
	}
	show("after send():", &ring, false);
	/* Any other system call: still nothing. */
	getppid();
	show("after another system call:", &ring, false);
	/*
	 * io_uring_enter(fd, 1, 0, 0): an enter without GETEVENTS leaves the
	 * receive's task work kept too, but the NOP it submits completes
	 * inline and posts its CQE at once: only task work is deferred.
	 */
	io_uring_prep_nop(io_uring_get_sqe(&ring));
	ret = io_uring_submit(&ring);
	if (ret < 0)
		goto out;
	show("after io_uring_submit() of a NOP:", &ring, false);
	/* io_uring_enter(fd, 0, 0, IORING_ENTER_GETEVENTS) */
	ret = io_uring_get_events(&ring);
	show("after io_uring_get_events():", &ring, false);
	io_uring_cq_advance(&ring, io_uring_cq_ready(&ring));
out:
	io_uring_queue_exit(&ring);
	return ret < 0 ? ret : 0;
}
// @tour-end defer

/* Queue and submit nr NOPs; 0 or -errno. */
static int nops(struct io_uring *ring, unsigned nr)
{
	unsigned i;
	int ret;

	for (i = 0; i < nr; i++)
		io_uring_prep_nop(io_uring_get_sqe(ring));
	ret = io_uring_submit(ring);
	return ret < 0 ? ret : 0;
}

// @tour-begin overflow
static int overflow(void)
{
	struct io_uring ring;
	unsigned cq;
	int ret;

	/* 8 SQ entries, 16 CQ entries. */
	ret = io_uring_queue_init(8, &ring, 0);
	if (ret < 0)
		return ret;
	cq = ring.cq.ring_entries;
	printf("2. CQ overflow: 24 NOPs into a CQ ring of %u entries, "
	       "nothing reaped\n", cq);
	ret = nops(&ring, 8);
	if (!ret)
		ret = nops(&ring, 8);
	if (!ret)
		ret = nops(&ring, 8);
	if (ret < 0)
		goto out;
	show("after 3 x 8 NOPs:", &ring, true);
	/* Free every slot, without a system call. */
	io_uring_cq_advance(&ring, io_uring_cq_ready(&ring));
	show("after reaping all the ring holds:", &ring, true);
	ret = io_uring_get_events(&ring);
	show("after io_uring_get_events():", &ring, true);
	io_uring_cq_advance(&ring, io_uring_cq_ready(&ring));
out:
	io_uring_queue_exit(&ring);
	return ret < 0 ? ret : 0;
}
// @tour-end overflow

// @tour-begin drain
static int drain(const int sv[2])
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	unsigned head, n = 0;
	char byte;
	int ret;

	printf("3. IOSQE_IO_DRAIN: a receive, then a NOP that drains\n");
	ret = io_uring_queue_init(4, &ring, 0);
	if (ret < 0)
		return ret;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_recv(sqe, sv[0], &byte, 1, 0);
	sqe->user_data = 1;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->user_data = 2;
	/* Start only once everything submitted before has completed. */
	io_uring_sqe_set_flags(sqe, IOSQE_IO_DRAIN);
	ret = io_uring_submit(&ring);
	if (ret < 0)
		goto out;
	show("after io_uring_submit():", &ring, false);
	if (send(sv[1], "y", 1, 0) != 1) {
		ret = -errno;
		goto out;
	}
	/* Both complete now, the receive first; wait until both are in. */
	ret = io_uring_wait_cqe_nr(&ring, &cqe, 2);
	if (ret < 0)
		goto out;
	io_uring_for_each_cqe(&ring, head, cqe) {
		printf("  cqe: %s, res %d\n",
		       cqe->user_data == 1 ? "the receive" : "the NOP",
		       cqe->res);
		n++;
	}
	io_uring_cq_advance(&ring, n);
out:
	io_uring_queue_exit(&ring);
	return ret < 0 ? ret : 0;
}
// @tour-end drain

int main(int argc, char **argv)
{
	int sv[2], ret;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "Usage: when-it-appears\n");
		return 2;
	}
	/* One pair of sockets for cases 1 and 3; each reads what it sends. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		fprintf(stderr, "when-it-appears: socketpair: %s\n",
			strerror(errno));
		return 1;
	}
	ret = defer_taskrun(sv);
	if (ret == -EINVAL) {
		fprintf(stderr, "when-it-appears: this kernel has no "
			"IORING_SETUP_DEFER_TASKRUN (6.1)\n");
		return 1;
	}
	if (!ret)
		ret = overflow();
	if (!ret)
		ret = drain(sv);
	close(sv[0]);
	close(sv[1]);
	if (ret < 0) {
		fprintf(stderr, "when-it-appears: %s\n", strerror(-ret));
		return 1;
	}
	return 0;
}
