// SPDX-License-Identifier: MIT
/*
 * Description: polling. poll_add completes once with the ready events when
 * a pipe becomes readable; poll_multishot posts a CQE with IORING_CQE_F_MORE
 * for every wakeup until poll_remove ends it (the last CQE, -ECANCELED,
 * without F_MORE; the remove itself 0, -ENOENT for an unknown one);
 * poll_update changes the events and the user_data of a poll in flight.
 */
#include <poll.h>
#include "helpers.h"

static struct io_uring_cqe *wait_ud(struct io_uring *ring, __u64 ud)
{
	struct io_uring_cqe *cqe = t_wait(ring);

	if (cqe->user_data != ud)
		FAIL("CQE user_data %llu res %d, expected user_data %llu",
		     (unsigned long long)cqe->user_data, cqe->res,
		     (unsigned long long)ud);
	return cqe;
}

static void drain(int fd)
{
	char buf[64];

	CHECK(read(fd, buf, sizeof(buf)) > 0);
}

int main(int argc, char **argv)
{
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int fds[2], i, rounds = t_quick() ? 3 : 10;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	CHECK_SYS(pipe(fds));

	/* One-shot. */
	sqe = t_sqe(&ring);
	io_uring_prep_poll_add(sqe, fds[0], POLLIN);
	io_uring_sqe_set_data64(sqe, 1);
	CHECK_EQ(io_uring_submit(&ring), 1);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	CHECK_EQ(write(fds[1], "x", 1), 1);
	cqe = wait_ud(&ring, 1);
	CHECK(cqe->res & POLLIN);
	CHECK(!(cqe->flags & IORING_CQE_F_MORE));
	io_uring_cqe_seen(&ring, cqe);
	drain(fds[0]);

	/* Multishot: one CQE per wakeup, F_MORE on each. */
	sqe = t_sqe(&ring);
	io_uring_prep_poll_multishot(sqe, fds[0], POLLIN);
	io_uring_sqe_set_data64(sqe, 2);
	CHECK_EQ(io_uring_submit(&ring), 1);
	for (i = 0; i < rounds; i++) {
		CHECK_EQ(write(fds[1], "y", 1), 1);
		cqe = wait_ud(&ring, 2);
		CHECK(cqe->res & POLLIN);
		CHECK(cqe->flags & IORING_CQE_F_MORE);
		io_uring_cqe_seen(&ring, cqe);
		drain(fds[0]);
	}
	/* Removed: the remove succeeds, the poll ends without F_MORE. */
	sqe = t_sqe(&ring);
	io_uring_prep_poll_remove(sqe, 2);
	io_uring_sqe_set_data64(sqe, 3);
	CHECK_EQ(io_uring_submit(&ring), 1);
	for (i = 0; i < 2; i++) {
		cqe = t_wait(&ring);
		if (cqe->user_data == 2) {
			CHECK_EQ(cqe->res, -ECANCELED);
			CHECK(!(cqe->flags & IORING_CQE_F_MORE));
		} else {
			CHECK_EQ(cqe->user_data, 3);
			CHECK_EQ(cqe->res, 0);
		}
		io_uring_cqe_seen(&ring, cqe);
	}
	/* Gone for good: a write produces nothing, a remove finds nothing. */
	CHECK_EQ(write(fds[1], "z", 1), 1);
	sqe = t_sqe(&ring);
	io_uring_prep_poll_remove(sqe, 2);
	io_uring_sqe_set_data64(sqe, 3);
	CHECK_EQ(io_uring_submit(&ring), 1);
	cqe = wait_ud(&ring, 3);
	CHECK_EQ(cqe->res, -ENOENT);
	io_uring_cqe_seen(&ring, cqe);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	drain(fds[0]);

	/*
	 * Update: a poll for POLLIN on the write end never fires; changed to
	 * POLLOUT and to user_data 5, it fires at once, as 5.
	 */
	sqe = t_sqe(&ring);
	io_uring_prep_poll_add(sqe, fds[1], POLLIN);
	io_uring_sqe_set_data64(sqe, 4);
	CHECK_EQ(io_uring_submit(&ring), 1);
	sqe = t_sqe(&ring);
	io_uring_prep_poll_update(sqe, 99, 0, POLLOUT,
				  IORING_POLL_UPDATE_EVENTS);
	io_uring_sqe_set_data64(sqe, 6);
	CHECK_EQ(io_uring_submit(&ring), 1);
	cqe = wait_ud(&ring, 6);
	CHECK_EQ(cqe->res, -ENOENT);
	io_uring_cqe_seen(&ring, cqe);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	sqe = t_sqe(&ring);
	io_uring_prep_poll_update(sqe, 4, 5, POLLOUT,
				  IORING_POLL_UPDATE_EVENTS |
				  IORING_POLL_UPDATE_USER_DATA);
	io_uring_sqe_set_data64(sqe, 6);
	CHECK_EQ(io_uring_submit(&ring), 1);
	{
		unsigned got = 0;

		for (i = 0; i < 2; i++) {
			cqe = t_wait(&ring);
			if (cqe->user_data == 6) {
				CHECK_EQ(cqe->res, 0);
				got |= 1;
			} else {
				CHECK_EQ(cqe->user_data, 5);
				CHECK(cqe->res & POLLOUT);
				got |= 2;
			}
			io_uring_cqe_seen(&ring, cqe);
		}
		CHECK_EQ(got, 3);
	}

	io_uring_queue_exit(&ring);
	close(fds[0]);
	close(fds[1]);
	return T_EXIT_PASS;
}
