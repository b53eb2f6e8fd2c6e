// SPDX-License-Identifier: MIT
/*
 * Description: cancelling requests in flight (reads of an empty pipe).
 * prep_cancel64 finds a request by its 64-bit user_data, prep_cancel by a
 * pointer set with sqe_set_data; the cancelled read completes with
 * -ECANCELED and the cancel with 0, or -ENOENT when nothing matches.
 * prep_cancel_fd (Linux 5.19) cancels by file descriptor: one request, or
 * with IORING_ASYNC_CANCEL_ALL all of them, returning how many (0 when
 * none is left, where a single cancel says -ENOENT).
 */
#include "helpers.h"

#define N	8

static void queue_read(struct io_uring *ring, int fd, char *buf, __u64 ud)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_read(sqe, fd, buf, 1, 0);
	io_uring_sqe_set_data64(sqe, ud);
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	int fds[2], other[2], res[N];
	char buf[N];
	struct io_uring_sqe *sqe;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(16, &ring, 0));
	CHECK_SYS(pipe(fds));
	CHECK_SYS(pipe(other));

	/* By 64-bit user_data. */
	queue_read(&ring, fds[0], buf, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	sqe = t_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	sqe = t_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0x1234567890ULL, 0);
	io_uring_sqe_set_data64(sqe, 2);
	t_submit_reap(&ring, 2, res, N);
	{
		struct io_uring_cqe *cqe = t_wait(&ring);

		res[cqe->user_data] = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
	}
	CHECK_EQ(res[0], -ECANCELED);
	CHECK_EQ(res[1], 0);
	CHECK_EQ(res[2], -ENOENT);

	/* By pointer. */
	{
		static int token;
		struct io_uring_cqe *cqe;
		unsigned i, got = 0;

		sqe = t_sqe(&ring);
		io_uring_prep_read(sqe, fds[0], buf, 1, 0);
		io_uring_sqe_set_data(sqe, &token);
		CHECK_EQ(io_uring_submit(&ring), 1);
		sqe = t_sqe(&ring);
		io_uring_prep_cancel(sqe, &token, 0);
		io_uring_sqe_set_data(sqe, NULL);
		CHECK_EQ(io_uring_submit(&ring), 1);
		for (i = 0; i < 2; i++) {
			cqe = t_wait(&ring);
			if (io_uring_cqe_get_data(cqe) == &token) {
				CHECK_EQ(cqe->res, -ECANCELED);
				got |= 1;
			} else {
				CHECK(io_uring_cqe_get_data(cqe) == NULL);
				CHECK_EQ(cqe->res, 0);
				got |= 2;
			}
			io_uring_cqe_seen(&ring, cqe);
		}
		CHECK_EQ(got, 3);
	}

	/* By fd: one, then all; reads on another pipe are left alone. */
	queue_read(&ring, fds[0], buf, 0);
	queue_read(&ring, fds[0], buf + 1, 1);
	queue_read(&ring, fds[0], buf + 2, 2);
	queue_read(&ring, other[0], buf + 3, 3);
	CHECK_EQ(io_uring_submit(&ring), 4);
	sqe = t_sqe(&ring);
	io_uring_prep_cancel_fd(sqe, fds[0], 0);
	io_uring_sqe_set_data64(sqe, 4);
	CHECK_EQ(io_uring_submit(&ring), 1);
	{
		int ret = 0;
		struct io_uring_cqe *cqe;
		unsigned i, cancelled = 0;

		for (i = 0; i < 2; i++) {
			cqe = t_wait(&ring);
			if (cqe->user_data == 4) {
				ret = cqe->res;
			} else {
				CHECK(cqe->user_data < 3);
				CHECK_EQ(cqe->res, -ECANCELED);
				cancelled++;
			}
			io_uring_cqe_seen(&ring, cqe);
		}
		if (t_lacks(ret, "IORING_ASYNC_CANCEL_FD", 5, 19)) {
			io_uring_queue_exit(&ring);
			return t_done();
		}
		CHECK_EQ(ret, 0);
		CHECK_EQ(cancelled, 1);
	}
	sqe = t_sqe(&ring);
	io_uring_prep_cancel_fd(sqe, fds[0], IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, 4);
	CHECK_EQ(io_uring_submit(&ring), 1);
	{
		struct io_uring_cqe *cqe;
		unsigned i, cancelled = 0;
		int ret = -1;

		for (i = 0; i < 3; i++) {
			cqe = t_wait(&ring);
			if (cqe->user_data == 4) {
				ret = cqe->res;
			} else {
				CHECK(cqe->user_data < 3);
				CHECK_EQ(cqe->res, -ECANCELED);
				cancelled++;
			}
			io_uring_cqe_seen(&ring, cqe);
		}
		CHECK_EQ(ret, 2);
		CHECK_EQ(cancelled, 2);
	}
	/*
	 * Nothing left on that fd: ALL counts 0, a single cancel finds
	 * nothing (-ENOENT). The other pipe's read is still there.
	 */
	sqe = t_sqe(&ring);
	io_uring_prep_cancel_fd(sqe, fds[0], IORING_ASYNC_CANCEL_ALL);
	CHECK_EQ(t_submit_one(&ring), 0);
	sqe = t_sqe(&ring);
	io_uring_prep_cancel_fd(sqe, fds[0], 0);
	CHECK_EQ(t_submit_one(&ring), -ENOENT);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	CHECK_EQ(write(other[1], "o", 1), 1);
	{
		struct io_uring_cqe *cqe = t_wait(&ring);

		CHECK_EQ(cqe->user_data, 3);
		CHECK_EQ(cqe->res, 1);
		CHECK_EQ(buf[3], 'o');
		io_uring_cqe_seen(&ring, cqe);
	}

	io_uring_queue_exit(&ring);
	close(fds[0]);
	close(fds[1]);
	close(other[0]);
	close(other[1]);
	return t_done();
}
