// SPDX-License-Identifier: MIT
/*
 * Description: a DEFER_TASKRUN ring (Linux 6.1) used the ordinary way.
 * Completions that need task work wait in the kernel until the submitter
 * asks: cq_ready stays 0 after the event, then io_uring_wait_cqe() gets it;
 * several pending completions all arrive through submit_and_wait; timed
 * waits time out (-ETIME); another thread may not wait on the ring
 * (-EEXIST).
 */
#include <pthread.h>
#include "helpers.h"

#define N	4

static void *wait_from_thread(void *arg)
{
	struct __kernel_timespec ts = { 1, 0 };
	struct io_uring_cqe *cqe;

	return (void *)(intptr_t)io_uring_wait_cqe_timeout(arg, &cqe, &ts);
}

int main(int argc, char **argv)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SINGLE_ISSUER |
			 IORING_SETUP_DEFER_TASKRUN,
	};
	struct __kernel_timespec ts = { 0, 10 * 1000 * 1000 };
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	int fds[N][2], i;
	char bufs[N];
	pthread_t t;
	void *ret;

	(void)argc;
	t_init(argv[0]);
	t_ring_init_since(&ring, 8, &p, "IORING_SETUP_DEFER_TASKRUN", 6, 1);
	for (i = 0; i < N; i++)
		CHECK_SYS(pipe(fds[i]));

	/* One read: ready in the kernel, not posted until we wait. */
	io_uring_prep_read(t_sqe(&ring), fds[0][0], bufs, 1, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	CHECK_EQ(write(fds[0][1], "a", 1), 1);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->res, 1);
	CHECK_EQ(bufs[0], 'a');
	io_uring_cqe_seen(&ring, cqe);

	/* Several reads, made ready before submit_and_wait(N) runs them. */
	for (i = 0; i < N; i++) {
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_read(sqe, fds[i][0], bufs + i, 1, 0);
		io_uring_sqe_set_data64(sqe, (__u64)i);
	}
	CHECK_EQ(io_uring_submit(&ring), N);
	for (i = 0; i < N; i++)
		CHECK_EQ(write(fds[i][1], "b", 1), 1);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	CHECK_EQ(io_uring_submit_and_wait(&ring, N), 0);
	CHECK_EQ(io_uring_cq_ready(&ring), N);
	io_uring_cq_advance(&ring, N);
	CHECK(!memcmp(bufs, "bbbb", N));

	/* Nothing pending: a timed wait times out. */
	io_uring_prep_read(t_sqe(&ring), fds[0][0], bufs, 1, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	CHECK_EQ(io_uring_wait_cqe_timeout(&ring, &cqe, &ts), -ETIME);

	/* Only the submitter task may wait. */
	CHECK(!pthread_create(&t, NULL, wait_from_thread, &ring));
	CHECK(!pthread_join(t, &ret));
	CHECK_EQ((intptr_t)ret, -EEXIST);

	CHECK_EQ(write(fds[0][1], "c", 1), 1);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->res, 1);
	CHECK_EQ(bufs[0], 'c');
	io_uring_cqe_seen(&ring, cqe);

	io_uring_queue_exit(&ring);
	for (i = 0; i < N; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	return t_done();
}
