// SPDX-License-Identifier: MIT
/*
 * Description: eventfd notification: a registered eventfd is signalled
 * when CQEs are posted; io_uring_cq_eventfd_toggle (5.8) pauses and
 * resumes that without unregistering and cq_eventfd_enabled reports it;
 * the async form (5.6) signals only for work completed by io-wq
 * (IOSQE_ASYNC), not inline; one eventfd at a time (-EBUSY), and
 * unregistering when none is registered is -ENXIO.
 */
#include <poll.h>
#include <sys/eventfd.h>
#include "ringmodes.h"

/* The eventfd's counter, drained; 0 if it was not signalled. */
static uint64_t drain(int efd)
{
	uint64_t v = 0;

	if (read(efd, &v, sizeof(v)) != sizeof(v)) {
		CHECK_EQ(errno, EAGAIN);
		return 0;
	}
	return v;
}

/*
 * The eventfd's counter once it is signalled. The kernel may signal it
 * after the CQE is visible (from an RCU callback when the completion runs
 * where eventfd_signal() is not allowed, as io-wq completions can on 6.12),
 * so a slow guest can read the CQE first: wait up to 5 s for the signal.
 */
static uint64_t await_signal(int efd)
{
	struct pollfd pfd = { .fd = efd, .events = POLLIN };
	int ret;

	do
		ret = poll(&pfd, 1, 5000);
	while (ret < 0 && errno == EINTR);
	CHECK_SYS(ret);
	return drain(efd);
}

static void nop(struct io_uring *ring, unsigned sqe_flags)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_nop(sqe);
	sqe->flags |= (__u8)sqe_flags;
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 0);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), ret;

	(void)mode;
	(void)arg;
	CHECK_SYS(efd);
	CHECK_EQ(io_uring_register_eventfd(ring, efd), 0);
	CHECK_EQ(io_uring_register_eventfd(ring, efd), -EBUSY);
	nop(ring, 0);
	CHECK(await_signal(efd) >= 1);

	/* Paused: CQEs come, the eventfd stays quiet; resumed: signalled. */
	CHECK(io_uring_cq_eventfd_enabled(ring));
	ret = io_uring_cq_eventfd_toggle(ring, false);
	if (ret == -EOPNOTSUPP)
		t_skip("kernel lacks IORING_CQ_EVENTFD_DISABLED (Linux 5.8)");
	CHECK_EQ(ret, 0);
	CHECK(!io_uring_cq_eventfd_enabled(ring));
	nop(ring, 0);
	CHECK_EQ(drain(efd), 0);
	CHECK_EQ(io_uring_cq_eventfd_toggle(ring, true), 0);
	CHECK(io_uring_cq_eventfd_enabled(ring));
	nop(ring, 0);
	CHECK(await_signal(efd) >= 1);

	CHECK_EQ(io_uring_unregister_eventfd(ring), 0);
	nop(ring, 0);
	CHECK_EQ(drain(efd), 0);
	CHECK_EQ(io_uring_unregister_eventfd(ring), -ENXIO);

	/* Async only: an inline NOP is silent, an io-wq NOP signals. */
	CHECK_EQ(io_uring_register_eventfd_async(ring, efd), 0);
	nop(ring, 0);
	CHECK_EQ(drain(efd), 0);
	nop(ring, IOSQE_ASYNC);
	CHECK(await_signal(efd) >= 1);
	CHECK_EQ(io_uring_unregister_eventfd(ring), 0);
	close(efd);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
