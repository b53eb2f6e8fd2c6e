// SPDX-License-Identifier: MIT
/*
 * Description: signals during waits. A signal (handler installed without
 * SA_RESTART) interrupts io_uring_wait_cqe, io_uring_wait_cqe_timeout and
 * io_uring_wait_cqes with -EINTR, on plain and DEFER_TASKRUN rings, and
 * loses nothing: the read that was pending completes with its bytes once
 * they arrive. A signal blocked by the wait's sigmask does not interrupt
 * (the wait times out with -ETIME) and is delivered afterwards.
 */
#include <signal.h>
#include <sys/time.h>

#include "helpers.h"

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/*
 * SIGALRM every ms milliseconds until disarmed: should the first one land
 * before the wait starts (a loaded machine), the next still interrupts it.
 */
static void alarm_every(long ms)
{
	struct itimerval it = {
		.it_value = { .tv_sec = ms / 1000, .tv_usec = ms % 1000 * 1000 },
		.it_interval = { .tv_sec = ms / 1000,
				 .tv_usec = ms % 1000 * 1000 },
	};

	CHECK_SYS(setitimer(ITIMER_REAL, &it, NULL));
}

static void disarm(void)
{
	struct itimerval off = { { 0, 0 }, { 0, 0 } };

	CHECK_SYS(setitimer(ITIMER_REAL, &off, NULL));
}

static void run(unsigned flags, const char *what)
{
	struct io_uring_params p = { .flags = flags };
	struct __kernel_timespec five = { .tv_sec = 5 };
	struct __kernel_timespec short_ts = { .tv_nsec = 200 * 1000 * 1000 };
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	sigset_t block_alarm;
	char buf[8];
	int fds[2], before;

	CHECK_SYS(pipe(fds));
	t_ring_init(&ring, 8, &p, what);

	/* Nothing pending at all: a plain wait, interrupted. */
	before = alarms;
	alarm_every(20);
	CHECK_EQ(io_uring_wait_cqe(&ring, &cqe), -EINTR);
	disarm();
	CHECK(alarms > before);

	/* A read waits on the empty pipe; the signal must not eat it. */
	io_uring_prep_read(t_sqe(&ring), fds[0], buf, 5, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	before = alarms;
	alarm_every(20);
	CHECK_EQ(io_uring_wait_cqe_timeout(&ring, &cqe, &five), -EINTR);
	CHECK_EQ(io_uring_wait_cqes(&ring, &cqe, 1, NULL, NULL), -EINTR);
	disarm();
	CHECK(alarms >= before + 2);

	/* Blocked by the wait's own sigmask: no EINTR, the timeout wins. */
	sigemptyset(&block_alarm);
	sigaddset(&block_alarm, SIGALRM);
	before = alarms;
	alarm_every(20);
	CHECK_EQ(io_uring_wait_cqes(&ring, &cqe, 1, &short_ts, &block_alarm),
		 -ETIME);
	disarm();
	/* ...and the signal was held, not lost: it ran once unmasked. */
	CHECK(alarms > before);

	/* Data arrives: the read that sat through the signals completes. */
	CHECK_EQ(write(fds[1], "hello", 5), 5);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->res, 5);
	CHECK(!memcmp(buf, "hello", 5));
	io_uring_cqe_seen(&ring, cqe);

	/* And the ring is healthy. */
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(t_submit_one(&ring), 0);
	CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);

	io_uring_queue_exit(&ring);
	close(fds[0]);
	close(fds[1]);
	printf("%s: 3 waits interrupted with -EINTR, 1 signal held by the "
	       "wait's sigmask, the pending read intact\n", what);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm };

	(void)argc;
	t_init(argv[0]);
	/* No SA_RESTART: an interrupted wait must come back as -EINTR. */
	sigemptyset(&sa.sa_mask);
	CHECK_SYS(sigaction(SIGALRM, &sa, NULL));
	run(0, "plain ring");
	run(IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
	    "DEFER_TASKRUN (6.1)");
	return T_EXIT_PASS;
}
