// SPDX-License-Identifier: MIT
/*
 * Description: signals and waits. A signal arriving while the thread sleeps
 * in io_uring_wait_cqe() ends the wait with -EINTR (and the handler runs);
 * a signal pending but blocked is let in by the sigmask given to
 * wait_cqes()/submit_and_wait_timeout(), giving -EINTR at once; with a
 * sigmask that blocks it the wait is not interrupted (-ETIME after the
 * timeout) and the signal stays pending. The ring works after each.
 */
#include <pthread.h>
#include <time.h>
#include "helpers.h"

static volatile sig_atomic_t handled;
static volatile int waiting_done;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* Keep signalling the main thread until its wait has returned. */
static void *pester(void *arg)
{
	pthread_t main_thread = *(pthread_t *)arg;
	struct timespec pause = { 0, 5 * 1000 * 1000 };

	while (!__atomic_load_n(&waiting_done, __ATOMIC_ACQUIRE)) {
		pthread_kill(main_thread, SIGUSR1);
		nanosleep(&pause, NULL);
	}
	return NULL;
}

static void reap_nop(struct io_uring *ring)
{
	io_uring_prep_nop(t_sqe(ring));
	CHECK_EQ(t_submit_one(ring), 0);
}

int main(int argc, char **argv)
{
	struct __kernel_timespec ts = { 0, 20 * 1000 * 1000 };
	struct sigaction sa;
	sigset_t blocked, unblocked, pending;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	pthread_t self, t;
	char buf[1];
	int fds[2];

	(void)argc;
	t_init(argv[0]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;	/* no SA_RESTART: waits see EINTR */
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	CHECK_SYS(pipe(fds));
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	/* Something in flight that never completes, so waits really sleep. */
	io_uring_prep_read(t_sqe(&ring), fds[0], buf, 1, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);

	/* 1. A signal during a plain wait. */
	self = pthread_self();
	CHECK(!pthread_create(&t, NULL, pester, &self));
	CHECK_EQ(io_uring_wait_cqe(&ring, &cqe), -EINTR);
	__atomic_store_n(&waiting_done, 1, __ATOMIC_RELEASE);
	CHECK(!pthread_join(t, NULL));
	CHECK(handled > 0);
	reap_nop(&ring);

	/* 2. Pending while blocked; the wait's sigmask lets it in. */
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGUSR1);
	CHECK(!pthread_sigmask(SIG_BLOCK, &blocked, &unblocked));
	sigdelset(&unblocked, SIGUSR1);
	handled = 0;
	CHECK(!raise(SIGUSR1));
	CHECK_EQ(handled, 0);
	CHECK_EQ(io_uring_wait_cqes(&ring, &cqe, 1, NULL, &unblocked), -EINTR);
	CHECK_EQ(handled, 1);
	/* The same through the timeout path (EXT_ARG carries the mask). */
	CHECK(!raise(SIGUSR1));
	CHECK_EQ(io_uring_wait_cqes(&ring, &cqe, 1, &ts, &unblocked), -EINTR);
	CHECK_EQ(handled, 2);
	CHECK(!raise(SIGUSR1));
	io_uring_prep_nop(t_sqe(&ring));
	/* The NOP is submitted before the wait is interrupted. */
	CHECK_EQ(io_uring_submit_and_wait_timeout(&ring, &cqe, 2, &ts,
						  &unblocked), 1);
	CHECK_EQ(handled, 3);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->res, 0);
	io_uring_cqe_seen(&ring, cqe);

	/* 3. Pending, and the wait's sigmask keeps it blocked: -ETIME. */
	CHECK(!raise(SIGUSR1));
	CHECK_EQ(io_uring_wait_cqes(&ring, &cqe, 1, &ts, &blocked), -ETIME);
	CHECK_EQ(handled, 3);
	CHECK_SYS(sigpending(&pending));
	CHECK(sigismember(&pending, SIGUSR1));
	/* Unblocking delivers it now. */
	CHECK(!pthread_sigmask(SIG_UNBLOCK, &blocked, NULL));
	CHECK_EQ(handled, 4);

	reap_nop(&ring);
	io_uring_queue_exit(&ring);
	close(fds[0]);
	close(fds[1]);
	return T_EXIT_PASS;
}
