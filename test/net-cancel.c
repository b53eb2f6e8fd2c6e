// SPDX-License-Identifier: MIT
/*
 * Description: cancelling pending socket receives with
 * IORING_OP_ASYNC_CANCEL: by user_data (only that request goes), by fd
 * with IORING_ASYNC_CANCEL_ALL (every request on that fd, res counts
 * them), by fixed file, and everything with IORING_ASYNC_CANCEL_ANY.
 * Cancelled requests complete with -ECANCELED, the others keep waiting
 * and still receive data; a single cancel that matches nothing is
 * -ENOENT, a counting one (ALL/ANY) says 0.
 */
#include "ringmodes.h"
#include "sockets.h"

#define UD_CANCEL	1000

static char sink[8][16];

static void queue_recv(struct io_uring *ring, int fd, __u64 ud, bool fixed)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_recv(sqe, fd, sink[ud % 8], sizeof(sink[0]), 0);
	if (fixed)
		sqe->flags |= IOSQE_FIXED_FILE;
	sqe->user_data = ud;
}

/*
 * Submit cancel (already prepared with UD_CANCEL) and collect n CQEs:
 * the cancel's res goes to *cancel_res, the others' user_data to mask
 * (each must be -ECANCELED).
 */
static unsigned reap_cancel(struct io_uring *ring, unsigned n, int *cancel_res)
{
	unsigned mask = 0, i;

	t_submit(ring, 1);
	for (i = 0; i < n; i++) {
		struct io_uring_cqe cqe = t_reap(ring, 5000);

		if (cqe.user_data == UD_CANCEL) {
			*cancel_res = cqe.res;
			continue;
		}
		if (cqe.res != -ECANCELED)
			FAIL("request %llu: res %d, expected -ECANCELED",
			     (unsigned long long)cqe.user_data, cqe.res);
		mask |= 1U << cqe.user_data;
	}
	return mask;
}

static struct io_uring_sqe *cancel_sqe(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	sqe->user_data = UD_CANCEL;
	return sqe;
}

/* Data written to fd reaches the request still waiting there. */
static void still_pending(struct io_uring *ring, int wfd, __u64 ud)
{
	struct io_uring_cqe cqe;

	CHECK_EQ(write(wfd, "ok", 2), 2);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.user_data, ud);
	CHECK_EQ(cqe.res, 2);
	CHECK(!memcmp(sink[ud % 8], "ok", 2));
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	int a[2], b[2], res = 1;
	unsigned mask;

	(void)mode;
	(void)arg;
	t_socketpair(SOCK_STREAM, a);
	t_socketpair(SOCK_STREAM, b);

	/* By user_data: only request 2 goes. */
	queue_recv(ring, a[1], 1, false);
	queue_recv(ring, b[1], 2, false);
	t_submit(ring, 2);
	t_expect_no_cqe(ring, 20);
	io_uring_prep_cancel64(cancel_sqe(ring), 2, 0);
	mask = reap_cancel(ring, 2, &res);
	CHECK_EQ(mask, 1U << 2);
	CHECK_EQ(res, 0);
	/* No match any more: -ENOENT. The pointer form, for a change. */
	io_uring_prep_cancel(cancel_sqe(ring), (void *)(uintptr_t)2, 0);
	reap_cancel(ring, 1, &res);
	CHECK_EQ(res, -ENOENT);
	still_pending(ring, a[0], 1);

	/* By fd, all of them: two on a[1] go, the one on b[1] stays. */
	queue_recv(ring, a[1], 3, false);
	queue_recv(ring, a[1], 4, false);
	queue_recv(ring, b[1], 5, false);
	t_submit(ring, 3);
	t_expect_no_cqe(ring, 20);
	io_uring_prep_cancel_fd(cancel_sqe(ring), a[1],
				IORING_ASYNC_CANCEL_ALL);
	mask = reap_cancel(ring, 3, &res);
	t_skip_if_unsupported(res, "IORING_ASYNC_CANCEL_FD/ALL", "5.19");
	CHECK_EQ(mask, (1U << 3) | (1U << 4));
	CHECK_EQ(res, 2);
	still_pending(ring, b[0], 5);

	/* Everything, whatever it is: res counts them all. */
	queue_recv(ring, a[1], 6, false);
	queue_recv(ring, b[1], 7, false);
	t_submit(ring, 2);
	t_expect_no_cqe(ring, 20);
	io_uring_prep_cancel64(cancel_sqe(ring), 0,
			       IORING_ASYNC_CANCEL_ANY |
			       IORING_ASYNC_CANCEL_ALL);
	mask = reap_cancel(ring, 3, &res);
	CHECK_EQ(mask, (1U << 6) | (1U << 7));
	CHECK_EQ(res, 2);
	/* Nothing left: with ANY/ALL the count is simply 0. */
	io_uring_prep_cancel64(cancel_sqe(ring), 0, IORING_ASYNC_CANCEL_ANY);
	reap_cancel(ring, 1, &res);
	CHECK_EQ(res, 0);

	/* A fixed file, named by its index. */
	CHECK_OK(io_uring_register_files(ring, &b[1], 1));
	queue_recv(ring, 0, 1, true);
	t_submit(ring, 1);
	t_expect_no_cqe(ring, 20);
	io_uring_prep_cancel_fd(cancel_sqe(ring), 0,
				IORING_ASYNC_CANCEL_FD_FIXED);
	mask = reap_cancel(ring, 2, &res);
	CHECK_EQ(mask, 1U << 1);
	CHECK_EQ(res, 0);
	CHECK_OK(io_uring_unregister_files(ring));

	t_close_pair(a);
	t_close_pair(b);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
