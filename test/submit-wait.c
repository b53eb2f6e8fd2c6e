// SPDX-License-Identifier: MIT
/*
 * Description: the submit and wait calls. io_uring_submit() returns how
 * many SQEs went (0 with none queued); submit_and_wait(n) returns only with
 * n CQEs ready; wait_cqe_nr(n) waits for n completions that a second thread
 * causes one at a time; submit_and_get_events() and get_events() flush
 * completions held back as task work (DEFER_TASKRUN); peek_cqe() on an empty CQ is -EAGAIN
 * and never blocks; sq_ready/sq_space_left follow get_sqe and submit.
 */
#include <poll.h>
#include <pthread.h>
#include <time.h>
#include "helpers.h"

#define NPIPES	4

static int pipes[NPIPES][2];

/* Make the pipes readable one after another, with pauses in between. */
static void *writer(void *arg)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	int i;

	(void)arg;
	for (i = 0; i < NPIPES; i++) {
		nanosleep(&pause, NULL);
		if (write(pipes[i][1], "w", 1) != 1)
			return (void *)1;
	}
	return NULL;
}

static void queue_reads(struct io_uring *ring, char *bufs)
{
	int i;

	for (i = 0; i < NPIPES; i++) {
		struct io_uring_sqe *sqe = t_sqe(ring);

		io_uring_prep_read(sqe, pipes[i][0], bufs + i, 1, 0);
		io_uring_sqe_set_data64(sqe, (__u64)i);
	}
}

static void check_wait_nr(void)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	char bufs[NPIPES];
	pthread_t t;
	void *ret;

	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	queue_reads(&ring, bufs);
	CHECK_EQ(io_uring_submit(&ring), NPIPES);
	CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	CHECK(!pthread_create(&t, NULL, writer, NULL));
	/* Three of the four: the writer makes them complete one by one. */
	CHECK_EQ(io_uring_wait_cqe_nr(&ring, &cqe, 3), 0);
	CHECK(cqe != NULL);
	CHECK(io_uring_cq_ready(&ring) >= 3);
	CHECK_EQ(cqe->user_data, 0);
	CHECK_EQ(cqe->res, 1);
	io_uring_cq_advance(&ring, 3);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->user_data, 3);
	io_uring_cqe_seen(&ring, cqe);
	CHECK(!pthread_join(t, &ret));
	CHECK(ret == NULL);
	CHECK(!memcmp(bufs, "wwww", NPIPES));
	io_uring_queue_exit(&ring);
}

static void check_submit_counts(void)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	unsigned i;

	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	CHECK_EQ(io_uring_submit(&ring), 0);
	CHECK_EQ(io_uring_sq_ready(&ring), 0);
	CHECK_EQ(io_uring_sq_space_left(&ring), 8);
	for (i = 0; i < 5; i++)
		io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(io_uring_sq_ready(&ring), 5);
	CHECK_EQ(io_uring_sq_space_left(&ring), 3);
	/* submit_and_wait: back only with all five CQEs ready. */
	CHECK_EQ(io_uring_submit_and_wait(&ring, 5), 5);
	CHECK_EQ(io_uring_sq_ready(&ring), 0);
	CHECK_EQ(io_uring_sq_space_left(&ring), 8);
	CHECK_EQ(io_uring_cq_ready(&ring), 5);
	io_uring_cq_advance(&ring, 5);
	/* Nothing queued, nothing waited for: no blocking, 0 submitted. */
	CHECK_EQ(io_uring_submit_and_wait(&ring, 0), 0);
	CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	CHECK(cqe == NULL);
	CHECK_EQ(io_uring_get_events(&ring), 0);
	CHECK_EQ(io_uring_submit_and_get_events(&ring), 0);
	io_uring_queue_exit(&ring);
}

/*
 * On a DEFER_TASKRUN ring a poll that became ready only completes when we
 * ask for events: submit_and_get_events() and get_events() do. (Polls, not
 * reads: our own write() wakes a poll, so its task work is queued before
 * write() returns; a pipe read may be finished later by an io-wq worker.)
 */
static void check_get_events(void)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SINGLE_ISSUER |
			 IORING_SETUP_DEFER_TASKRUN,
	};
	struct io_uring ring;
	int i;

	t_ring_init_since(&ring, 8, &p, "IORING_SETUP_DEFER_TASKRUN", 6, 1);
	for (i = 0; i < NPIPES; i++) {
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_poll_add(sqe, pipes[i][0], POLLIN);
		io_uring_sqe_set_data64(sqe, (__u64)i);
	}
	CHECK_EQ(io_uring_submit(&ring), NPIPES);
	CHECK_EQ(write(pipes[0][1], "a", 1), 1);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	/* One new NOP submitted, and the poll's completion flushed. */
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(io_uring_submit_and_get_events(&ring), 1);
	CHECK_EQ(io_uring_cq_ready(&ring), 2);
	io_uring_cq_advance(&ring, 2);

	for (i = 1; i < NPIPES; i++)
		CHECK_EQ(write(pipes[i][1], "b", 1), 1);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	CHECK_EQ(io_uring_get_events(&ring), 0);
	CHECK_EQ(io_uring_cq_ready(&ring), NPIPES - 1);
	io_uring_cq_advance(&ring, NPIPES - 1);
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	int i;

	(void)argc;
	t_init(argv[0]);
	for (i = 0; i < NPIPES; i++)
		CHECK_SYS(pipe(pipes[i]));
	check_submit_counts();
	check_wait_nr();
	check_get_events();
	for (i = 0; i < NPIPES; i++) {
		close(pipes[i][0]);
		close(pipes[i][1]);
	}
	return t_done();
}
