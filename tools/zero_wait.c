// SPDX-License-Identifier: MIT
/*
 * zero_wait.c - waiting for `ringzero zero`'s CQEs through EINTR and stop
 * signals, with progress ticks (the contract is in zero_wait.h).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "zero_wait.h"

#define TICK_NS		(250 * 1000 * 1000)

/* The signals that ask the command to stop: it reports, then exits. */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

static volatile sig_atomic_t stop_signo;
static sigset_t stop_set;	/* the stop signals handled: not ignored */
static sigset_t wait_mask;	/* the mask inside waits: stop signals open */
static sigset_t saved_mask;	/* the mask before zero_signals_init() */
static zero_tick_fn tick_fn;
static void *tick_arg;

static void on_stop_signal(int signo)
{
	if (!stop_signo)
		stop_signo = signo;
}

int zero_signals_init(void)
{
	struct sigaction sa;
	size_t i;

	/* A write past RLIMIT_FSIZE must fail with EFBIG, not kill us. */
	if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: the wait must come back */
	sigemptyset(&stop_set);
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++) {
		struct sigaction old;

		/*
		 * A signal ignored on entry stays ignored, as POSIX tools
		 * leave it: nohup(1) ignores SIGHUP and a shell ignores
		 * SIGINT for a background job precisely so that the command
		 * runs to the end. Catching it would stop a long write
		 * halfway when the terminal goes away.
		 */
		if (sigaction(stop_signals[i], NULL, &old) < 0)
			return -errno;
		if (old.sa_handler == SIG_IGN)
			continue;
		if (sigaction(stop_signals[i], &sa, NULL) < 0)
			return -errno;
		sigaddset(&stop_set, stop_signals[i]);
	}
	if (sigprocmask(SIG_BLOCK, &stop_set, &saved_mask) < 0)
		return -errno;
	wait_mask = saved_mask;
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		if (sigismember(&stop_set, stop_signals[i]) == 1)
			sigdelset(&wait_mask, stop_signals[i]);
	return 0;
}

int zero_signals_finish(void)
{
	/* A signal still pending is delivered here, to on_stop_signal(). */
	sigprocmask(SIG_SETMASK, &saved_mask, NULL);
	return stop_signo;
}

int zero_stop_requested(void)
{
	sigset_t pending;
	size_t i;

	if (stop_signo || sigpending(&pending) < 0)
		return stop_signo;
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		if (sigismember(&stop_set, stop_signals[i]) == 1 &&
		    sigismember(&pending, stop_signals[i]) == 1)
			return stop_signals[i];
	return 0;
}

void zero_wait_set_tick(zero_tick_fn tick, void *arg)
{
	tick_fn = tick;
	tick_arg = arg;
}

uint64_t zero_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int zero_wait_cqe(struct io_uring *ring, struct io_uring_cqe **cqe)
{
	struct __kernel_timespec ts = { .tv_nsec = TICK_NS };
	/* A timeout beside a sigmask needs IORING_ENTER_EXT_ARG (5.11). */
	bool ticks = tick_fn && (ring->features & IORING_FEAT_EXT_ARG);

	for (;;) {
		int ret;

		*cqe = NULL;
		/*
		 * Submits whatever is queued (a retry submits nothing more)
		 * and waits with the stop signals open. With a timeout the
		 * call may return >= 0 with no CQE: the tick went by.
		 */
		ret = io_uring_submit_and_wait_timeout(ring, cqe, 1,
						       ticks ? &ts : NULL,
						       &wait_mask);
		if (ret >= 0 && *cqe)
			return 0;
		if (ret < 0 && ret != -EINTR && ret != -ETIME)
			return ret;
		/* EINTR (a signal, or a stop and continue) or a tick. */
		if (ticks)
			tick_fn(tick_arg);
	}
}
