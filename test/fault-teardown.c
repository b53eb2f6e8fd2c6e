// SPDX-License-Identifier: MIT
/*
 * Description: tearing a ring down with operations in flight: reads parked
 * on an empty pipe (poll-driven, and forced into io-wq workers with
 * IOSQE_ASYNC), a long timeout and a poll, on plain, SQPOLL and
 * DEFER_TASKRUN rings, and a child that exits without tearing its ring
 * down. io_uring_queue_exit() must return at once, leave no descriptor
 * behind, and a hundred rounds must not grow the process.
 */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include "helpers.h"

#define ROUNDS		100
#define QUICK_ROUNDS	20	/* RZ_QUICK: emulated machines */
#define READS		16
#define HANG_SECS	120	/* far beyond a healthy run, even emulated */

static int count_fds(void)
{
	int n = 0, fd;

	for (fd = 0; fd < 4096; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static long rss_kib(void)
{
	long size, resident;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f || fscanf(f, "%ld %ld", &size, &resident) != 2)
		FAIL("/proc/self/statm unreadable");
	fclose(f);
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Fill the ring with work that cannot finish, submit it, walk away. */
static void park_and_exit(unsigned flags, int async)
{
	static char bufs[READS][64];
	struct __kernel_timespec ts = { .tv_sec = 3600 };
	struct io_uring_params p = { .flags = flags, .sq_thread_idle = 10 };
	struct io_uring ring;
	int fds[2], i, n;

	CHECK_SYS(pipe(fds));
	t_ring_init(&ring, 32, &p, NULL);
	for (i = 0; i < READS; i++) {
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_read(sqe, fds[0], bufs[i], sizeof(bufs[i]), 0);
		if (async)
			sqe->flags |= IOSQE_ASYNC;
		sqe->user_data = (__u64)i;
	}
	io_uring_prep_timeout(t_sqe(&ring), &ts, 0, 0);
	io_uring_prep_poll_add(t_sqe(&ring), fds[0], POLLIN);
	n = io_uring_submit(&ring);
	CHECK_EQ(n, READS + 2);
	/* Nothing can have completed: the pipe is empty. */
	{
		struct io_uring_cqe *cqe;

		CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	}
	io_uring_queue_exit(&ring);
	CHECK_EQ(ring.ring_fd, -1);
	close(fds[0]);
	close(fds[1]);
}

/* A child that leaves with a loaded ring: exit must cancel, not hang. */
static void child_exits_loaded(void)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	CHECK_SYS(pid);
	if (!pid) {
		static char buf[64];
		struct io_uring ring;
		int fds[2], i;

		if (pipe(fds) || io_uring_queue_init(32, &ring, 0))
			_exit(1);
		for (i = 0; i < READS; i++)
			io_uring_prep_read(io_uring_get_sqe(&ring), fds[0],
					   buf, sizeof(buf), 0);
		if (io_uring_submit(&ring) != READS)
			_exit(1);
		_exit(0);	/* no queue_exit, no close */
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void on_alarm(int sig)
{
	static const char msg[] = "fault-teardown: FAIL: teardown hung\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

int main(int argc, char **argv)
{
	static const struct {
		unsigned flags;
		int async;
		const char *what;
	} kinds[] = {
		{ 0, 0, "plain, poll-driven reads" },
		{ 0, 1, "plain, reads blocked in io-wq" },
		{ IORING_SETUP_SQPOLL, 0, "SQPOLL" },
		{ IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN, 0,
		  "DEFER_TASKRUN" },
	};
	int fds_before, fds_after, round, rounds;
	long rss_before = 0, rss_after;
	unsigned k;

	(void)argc;
	t_init(argv[0]);
	signal(SIGALRM, on_alarm);
	alarm(HANG_SECS);

	rounds = t_quick() ? QUICK_ROUNDS : ROUNDS;
	fds_before = count_fds();
	for (round = 0; round < rounds; round++) {
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			park_and_exit(kinds[k].flags, kinds[k].async);
		child_exits_loaded();
		/* Measure after a warm-up round: allocators settle first. */
		if (round == 4)
			rss_before = rss_kib();
	}
	fds_after = count_fds();
	rss_after = rss_kib();
	alarm(0);

	CHECK_EQ(fds_after, fds_before);
	if (rss_after - rss_before > 1024)
		FAIL("RSS grew from %ld to %ld KiB over %d rounds", rss_before,
		     rss_after, rounds);
	printf("teardown: %d rounds x %zu ring kinds with %d ops in flight "
	       "each, plus a child exiting loaded: no hang, no fd leak, RSS "
	       "%ld -> %ld KiB\n", rounds, sizeof(kinds) / sizeof(kinds[0]),
	       READS + 2, rss_before, rss_after);
	return T_EXIT_PASS;
}
