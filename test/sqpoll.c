// SPDX-License-Identifier: MIT
/*
 * Description: an SQPOLL ring with a pinned SQ thread: writes submitted
 * without io_uring_enter while the thread is awake land on disk; after the
 * thread idles (IORING_SQ_NEED_WAKEUP) submit wakes it and work still
 * completes; sqring_wait works, and returns 0 at once without SQPOLL.
 */
#include <time.h>
#include "helpers.h"

int main(int argc, char **argv)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SQPOLL | IORING_SETUP_SQ_AFF,
		.sq_thread_cpu = 0,
		.sq_thread_idle = 50,	/* ms */
	};
	struct io_uring ring, plain;
	char path[256], buf[16];
	int fd, i, ret;

	(void)argc;
	t_init(argv[0]);
	t_ring_init(&ring, 16, &p, NULL);
	fd = t_tmpfile(path, NULL, 0);

	for (i = 0; i < 3; i++) {
		char c = (char)('a' + i);
		struct io_uring_cqe *cqe;

		/* The third round comes after the SQ thread went idle. */
		if (i == 2) {
			struct timespec ts = { 0, 300 * 1000 * 1000 };
			int spins = 0;

			nanosleep(&ts, NULL);
			while (!(IO_URING_READ_ONCE(*ring.sq.kflags) &
				 IORING_SQ_NEED_WAKEUP) && spins++ < 100)
				nanosleep(&ts, NULL);
			CHECK(IO_URING_READ_ONCE(*ring.sq.kflags) &
			      IORING_SQ_NEED_WAKEUP);
		}
		io_uring_prep_write(t_sqe(&ring), fd, &c, 1, (__u64)i);
		CHECK_EQ(io_uring_submit(&ring), 1);
		cqe = t_wait(&ring);
		CHECK_EQ(cqe->res, 1);
		io_uring_cqe_seen(&ring, cqe);
	}
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 3);
	CHECK(!memcmp(buf, "abc", 3));

	CHECK_EQ(io_uring_sqring_wait(&ring), 0);
	/*
	 * The thread posts a CQE before it moves the SQ head past the SQE
	 * (io_submit_sqes() flushes completions, then commits the ring), so
	 * the last write's entry may still be counted: wait, bounded, for
	 * the thread to hand all 16 slots back.
	 */
	{
		struct timespec ts = { 0, 1000 * 1000 };
		int spins = 0;

		while (io_uring_sq_space_left(&ring) < 16 && spins++ < 5000)
			nanosleep(&ts, NULL);
		CHECK_EQ(io_uring_sq_space_left(&ring), 16);
	}

	/*
	 * A full SQ handed to the thread: sqring_wait returns once it has
	 * taken at least one entry (or early on pending task work, see
	 * t_sqring_wait_room()), so there is room again right after.
	 */
	{
		unsigned n = 0;
		struct io_uring_sqe *sqe;

		while ((sqe = io_uring_get_sqe(&ring))) {
			io_uring_prep_nop(sqe);
			n++;
		}
		CHECK_EQ(n, 16);
		CHECK_EQ(io_uring_sq_space_left(&ring), 0);
		CHECK_EQ(io_uring_submit(&ring), 16);
		t_sqring_wait_room(&ring);
		CHECK(io_uring_get_sqe(&ring) != NULL);
		/*
		 * That extra SQE is a NOP too (cleared SQE = NOP). The count
		 * is what the thread had not yet taken: 1, or 0 if it was
		 * quicker than us.
		 */
		ret = io_uring_submit_and_wait(&ring, 17);
		CHECK(ret == 0 || ret == 1);
		CHECK(io_uring_cq_ready(&ring) >= 17);
		io_uring_cq_advance(&ring, 17);
	}
	CHECK_OK(io_uring_queue_init(4, &plain, 0));
	/* No SQ thread: nothing to wait for (liburing's answer too). */
	CHECK_EQ(io_uring_sqring_wait(&plain), 0);
	io_uring_queue_exit(&plain);

	close(fd);
	unlink(path);
	io_uring_queue_exit(&ring);
	return T_EXIT_PASS;
}
