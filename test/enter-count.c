// SPDX-License-Identifier: MIT
/*
 * Description: the library enters the kernel exactly where liburing 2.15
 * does. io_uring_enter() calls are counted by a seccomp filter that
 * reports each one to a supervisor thread (SECCOMP_RET_USER_NOTIF, which
 * counts it and lets it run with SECCOMP_USER_NOTIF_FLAG_CONTINUE, 5.5):
 * exact, whatever the timing, and blind to every other system call.
 * 1000 empty io_uring_peek_cqe() calls make no enter on a SQPOLL|IOPOLL
 * ring (they made 1000), a plain, SQPOLL or DEFER_TASKRUN ring, and 1000
 * on an IOPOLL ring without an SQ thread, whose completions only an enter
 * reaps. An empty io_uring_submit() enters only on that IOPOLL ring. With
 * a CQE ready, peek and wait never enter. CQEs held back (overflow, or
 * task work flagged by IORING_SQ_TASKRUN) cost one enter; task work on a
 * DEFER_TASKRUN ring without IORING_SETUP_TASKRUN_FLAG is invisible, so
 * peek does not enter there, and io_uring_get_events() does.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/ioctl.h>

#include "seccomp.h"

#define PEEKS	1000

static atomic_uint enters;

/*
 * The supervisor: count each io_uring_enter() and let it proceed. The
 * count is raised before the reply, and the caller stays in the system
 * call until the reply, so it is exact by the time the call returns.
 */
static void *supervise(void *arg)
{
	int listener = (int)(intptr_t)arg;

	for (;;) {
		struct seccomp_notif req;
		struct seccomp_notif_resp resp;

		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req)) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			FAIL("SECCOMP_IOCTL_NOTIF_RECV: %s", strerror(errno));
		}
		atomic_fetch_add(&enters, 1);
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		/*
		 * ENOENT: the caller was interrupted meanwhile (task work
		 * from a ring's teardown can do that: TIF_NOTIFY_SIGNAL, seen
		 * on 6.1). Its call did not run; it restarts and comes back
		 * as a new notification, so this one is not counted.
		 */
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp)) {
			if (errno != ENOENT)
				FAIL("SECCOMP_IOCTL_NOTIF_SEND: %s",
				     strerror(errno));
			atomic_fetch_sub(&enters, 1);
		}
	}
	return NULL;
}

/* Report this thread's io_uring_enter() calls to a supervisor thread. */
static void count_enters(void)
{
	static const unsigned nrs[] = { __NR_io_uring_enter };
	pthread_t thread;
	long listener;
	int err;

	listener = t_seccomp_filter(nrs, 1, SECCOMP_RET_USER_NOTIF,
				    SECCOMP_FILTER_FLAG_NEW_LISTENER);
	if (listener < 0 && (errno == EINVAL || errno == ENOSYS) &&
	    t_kernel_before(5, 5))
		t_skip("seccomp user notification needs Linux 5.5");
	if (listener < 0)
		FAIL("seccomp(NEW_LISTENER): %s", strerror(errno));
	/* The thread inherits the filter, harmlessly: it never enters. */
	err = pthread_create(&thread, NULL, supervise,
			     (void *)(intptr_t)listener);
	if (err)
		FAIL("pthread_create: %s", strerror(err));
	pthread_detach(thread);
}

/* Make a ring, or say why not: 1 to skip this case. */
static int ring_init(struct io_uring *ring, unsigned flags, const char *what,
		     int major, int minor)
{
	struct io_uring_params p = { .flags = flags };
	int ret = io_uring_queue_init_params(8, ring, &p);

	if (ret == -EPERM && (flags & IORING_SETUP_SQPOLL)) {
		printf("%s: SQPOLL not permitted here, not checked\n", what);
		return 1;
	}
	if (ret < 0 && t_lacks(ret, what, major, minor))
		return 1;
	CHECK_OK(ret);
	return 0;
}

/* 1000 peeks at an empty CQ: each -EAGAIN; how many enters they took. */
static unsigned empty_peeks(struct io_uring *ring)
{
	unsigned i, before = atomic_load(&enters);

	for (i = 0; i < PEEKS; i++) {
		struct io_uring_cqe *cqe = (void *)1;

		CHECK_EQ(io_uring_peek_cqe(ring, &cqe), -EAGAIN);
		CHECK(cqe == NULL);
	}
	return atomic_load(&enters) - before;
}

/* Enters made by an io_uring_submit() with nothing queued. */
static unsigned empty_submit(struct io_uring *ring)
{
	unsigned before = atomic_load(&enters);

	CHECK_EQ(io_uring_submit(ring), 0);
	return atomic_load(&enters) - before;
}

/* Enters made by one io_uring_peek_batch_cqe() on an empty CQ. */
static unsigned empty_batch(struct io_uring *ring)
{
	struct io_uring_cqe *cqes[4];
	unsigned before = atomic_load(&enters);

	CHECK_EQ(io_uring_peek_batch_cqe(ring, cqes, 4), 0);
	return atomic_load(&enters) - before;
}

/* Empty CQ, by ring kind: peek, submit, batch. */
static void empty_ring(unsigned flags, const char *what, int major, int minor,
		       unsigned want_peek, unsigned want_submit)
{
	struct io_uring ring;

	if (ring_init(&ring, flags, what, major, minor))
		return;
	printf("%s: %u peeks\n", what, PEEKS);
	CHECK_EQ(empty_peeks(&ring), want_peek);
	CHECK_EQ(empty_submit(&ring), want_submit);
	CHECK_EQ(empty_batch(&ring), 0);
	io_uring_queue_exit(&ring);
}

/* A NOP costs one enter; reaping its ready CQE none. */
static void ready_cqe(void)
{
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	unsigned before;

	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	before = atomic_load(&enters);
	io_uring_prep_nop(t_sqe(&ring));
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(io_uring_submit(&ring), 2);
	CHECK_EQ(atomic_load(&enters) - before, 1);
	CHECK_OK(io_uring_peek_cqe(&ring, &cqe));
	io_uring_cqe_seen(&ring, cqe);
	CHECK_OK(io_uring_wait_cqe(&ring, &cqe));
	io_uring_cqe_seen(&ring, cqe);
	CHECK_EQ(atomic_load(&enters) - before, 1);
	io_uring_queue_exit(&ring);
}

/* CQEs parked in the overflow list: the peek that needs them enters once. */
static void overflowed(void)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_CQSIZE,
		.cq_entries = 2,
	};
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	unsigned i, before;

	CHECK_OK(io_uring_queue_init_params(2, &ring, &p));
	if (!(ring.features & IORING_FEAT_NODROP)) {
		io_uring_queue_exit(&ring);
		return;		/* before 5.5 overflowed CQEs are dropped */
	}
	/* 4 CQEs for a CQ of 2. */
	for (i = 0; i < 4; i++) {
		io_uring_prep_nop(t_sqe(&ring));
		if (i & 1)
			CHECK_EQ(io_uring_submit(&ring), 2);
	}
	CHECK(io_uring_cq_has_overflow(&ring));
	io_uring_cq_advance(&ring, 2);
	before = atomic_load(&enters);
	CHECK_OK(io_uring_peek_cqe(&ring, &cqe));
	CHECK_EQ(atomic_load(&enters) - before, 1);
	io_uring_queue_exit(&ring);
}

/*
 * Task work completes a receive on a DEFER_TASKRUN ring. With
 * IORING_SETUP_TASKRUN_FLAG the kernel says so (IORING_SQ_TASKRUN) and the
 * peek enters once to run it; without, a peek cannot know and does not
 * enter, and io_uring_get_events() runs it.
 */
static void task_work(bool flagged)
{
	unsigned flags = IORING_SETUP_SINGLE_ISSUER |
			 IORING_SETUP_DEFER_TASKRUN;
	const char *what = flagged ? "DEFER_TASKRUN|TASKRUN_FLAG" :
				     "DEFER_TASKRUN";
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	unsigned before;
	char buf[4];
	int fds[2];

	if (flagged)
		flags |= IORING_SETUP_TASKRUN_FLAG;
	if (ring_init(&ring, flags, what, 6, 1))
		return;
	CHECK_EQ(empty_peeks(&ring), 0);
	/*
	 * A socket is always pollable: the receive waits on its poll queue,
	 * and the write below queues the task work before it returns.
	 */
	CHECK_SYS(socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
	io_uring_prep_recv(t_sqe(&ring), fds[0], buf, sizeof(buf), 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	CHECK_EQ(write(fds[1], "abc", 3), 3);

	before = atomic_load(&enters);
	if (flagged) {
		CHECK(IO_URING_READ_ONCE(*ring.sq.kflags) & IORING_SQ_TASKRUN);
		CHECK_OK(io_uring_peek_cqe(&ring, &cqe));
		CHECK_EQ(atomic_load(&enters) - before, 1);
	} else {
		CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
		CHECK_EQ(atomic_load(&enters) - before, 0);
		CHECK_OK(io_uring_get_events(&ring));
		CHECK_EQ(atomic_load(&enters) - before, 1);
		CHECK_OK(io_uring_peek_cqe(&ring, &cqe));
		CHECK_EQ(atomic_load(&enters) - before, 1);
	}
	CHECK_EQ(cqe->res, 3);
	io_uring_cqe_seen(&ring, cqe);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	count_enters();

	/* The issue's input, then its neighbours. */
	empty_ring(IORING_SETUP_SQPOLL | IORING_SETUP_IOPOLL,
		   "SQPOLL|IOPOLL", 5, 11, 0, 0);
	empty_ring(0, "plain ring", 5, 1, 0, 0);
	empty_ring(IORING_SETUP_SQPOLL, "SQPOLL", 5, 11, 0, 0);
	empty_ring(IORING_SETUP_IOPOLL, "IOPOLL", 5, 1, PEEKS, 1);
	ready_cqe();
	overflowed();
	task_work(true);
	task_work(false);
	return t_done();
}
