// SPDX-License-Identifier: MIT
/*
 * queue.c - submitting SQEs and waiting for CQEs.
 *
 * The rule that shapes this file: enter the kernel only when something
 * needs it. Submission needs io_uring_enter() unless an SQPOLL thread is
 * awake to pick the entries up; completion needs it only to wait, to poll
 * (IOPOLL), or to flush CQEs the kernel parked in its overflow list or
 * task work it has not run (DEFER_TASKRUN, TASKRUN_FLAG).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>

#include "internal.h"

/* What one trip through get_cqe() should do. */
struct wait_req {
	unsigned submit;	/* SQEs to submit on the way */
	unsigned wait_nr;	/* CQEs to wait for */
	unsigned enter_flags;	/* extra IORING_ENTER_* (EXT_ARG) */
	bool has_ts;		/* a timeout bounds the wait */
	void *arg;		/* sigmask or io_uring_getevents_arg */
	size_t argsz;
};

int __rz_enter(struct io_uring *ring, unsigned int to_submit,
	       unsigned int min_complete, unsigned int flags,
	       void *arg, size_t argsz)
{
	if (ring->int_flags & RINGZERO_INT_REG_RING)
		flags |= IORING_ENTER_REGISTERED_RING;
	/* io_uring_set_iowait(ring, false): waits are not iowait (6.15). */
	if (ring->int_flags & RINGZERO_INT_NO_IOWAIT)
		flags |= IORING_ENTER_NO_IOWAIT;
	return io_uring_enter2((unsigned)ring->enter_ring_fd, to_submit,
			       min_complete, flags, arg, argsz);
}

/*
 * Publish the SQEs handed out since the last call by moving the shared SQ
 * tail; return how many the kernel has not consumed yet.
 */
static unsigned flush_sq(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned tail = sq->sqe_tail, pending;

	/*
	 * IORING_SETUP_SQ_REWIND (7.0): each enter takes the SQEs from slot 0
	 * and the shared head and tail stay 0. Submit what was queued and
	 * start the next batch at slot 0 again.
	 */
	if (ring->flags & IORING_SETUP_SQ_REWIND) {
		sq->sqe_head = sq->sqe_tail = 0;
		return tail;
	}
	if (sq->sqe_head != tail) {
		sq->sqe_head = tail;
		if (ring->flags & IORING_SETUP_SQPOLL)
			/*
			 * Release: the SQE contents are visible before the SQ
			 * thread's acquire of ktail can see the new tail.
			 */
			io_uring_smp_store_release(sq->ktail, tail);
		else
			/* io_uring_enter() itself orders this for the kernel. */
			IO_URING_WRITE_ONCE(*sq->ktail, tail);
	}
	pending = tail - IO_URING_READ_ONCE(*sq->khead);
	/*
	 * khead is shared memory any process mapping the ring can write:
	 * never report more pending than the SQ can hold.
	 */
	return pending > sq->ring_entries ? sq->ring_entries : pending;
}

/* Does submitting need a syscall? Adds SQ_WAKEUP when the thread sleeps. */
static bool sq_needs_enter(struct io_uring *ring, unsigned submit,
			   unsigned *flags)
{
	if (!submit)
		return false;
	if (!(ring->flags & IORING_SETUP_SQPOLL))
		return true;
	/*
	 * Full fence: the tail store above must be visible before we read
	 * NEED_WAKEUP, pairing with the SQ thread, which sets NEED_WAKEUP and
	 * then re-reads the tail before sleeping. Either it sees our entries
	 * or we see its flag; never neither.
	 */
	io_uring_smp_mb();
	if (IO_URING_READ_ONCE(*ring->sq.kflags) & IORING_SQ_NEED_WAKEUP) {
		*flags |= IORING_ENTER_SQ_WAKEUP;
		return true;
	}
	return false;
}

/* CQEs are stuck kernel-side: overflowed, or behind pending task work. */
static bool cq_needs_flush(const struct io_uring *ring)
{
	return IO_URING_READ_ONCE(*ring->sq.kflags) &
	       (IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN);
}

static bool cq_needs_enter(const struct io_uring *ring)
{
	return (ring->int_flags & RINGZERO_INT_CQ_ENTER) ||
	       cq_needs_flush(ring);
}

static int submit_and_maybe_wait(struct io_uring *ring, unsigned submitted,
				 unsigned wait_nr, bool getevents)
{
	bool cq_enter = getevents || wait_nr || cq_needs_enter(ring);
	unsigned flags = 0;

	if (sq_needs_enter(ring, submitted, &flags) || cq_enter) {
		if (cq_enter)
			flags |= IORING_ENTER_GETEVENTS;
		return __rz_enter(ring, submitted, wait_nr, flags, NULL,
				  _NSIG / 8);
	}
	return (int)submitted;
}

int io_uring_submit(struct io_uring *ring)
{
	return submit_and_maybe_wait(ring, flush_sq(ring), 0, false);
}

int io_uring_submit_and_wait(struct io_uring *ring, unsigned wait_nr)
{
	return submit_and_maybe_wait(ring, flush_sq(ring), wait_nr, false);
}

int io_uring_submit_and_get_events(struct io_uring *ring)
{
	return submit_and_maybe_wait(ring, flush_sq(ring), 0, true);
}

struct io_uring_sqe *io_uring_get_sqe(struct io_uring *ring)
{
	return _io_uring_get_sqe(ring);
}

/*
 * Submit, wait and return the next CQE, entering the kernel as few times as
 * the request allows. Returns, with *cqe_ptr set when a CQE is ready, 0 if
 * the CQE was there before the first enter, else what that enter returned
 * (the SQEs it submitted); -EAGAIN for a peek
 * that found nothing; the kernel's -errno (-ETIME, -EINTR, ...) otherwise.
 */
static int get_cqe(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		   struct wait_req *req)
{
	struct io_uring_cqe *cqe = NULL;
	bool entered = false;
	int err = 0;

	for (;;) {
		unsigned nr_available, flags = 0;
		bool need_enter = false;
		int ret;

		__io_uring_peek_cqe(ring, &cqe, &nr_available);
		if (!cqe && !req->wait_nr && !req->submit) {
			/* A pure peek: only stuck CQEs are worth a syscall. */
			if (entered || !cq_needs_enter(ring)) {
				if (!err)
					err = -EAGAIN;
				break;
			}
			need_enter = true;
		}
		if (req->wait_nr > nr_available || need_enter) {
			flags = IORING_ENTER_GETEVENTS | req->enter_flags;
			need_enter = true;
		}
		if (sq_needs_enter(ring, req->submit, &flags))
			need_enter = true;
		if (!need_enter)
			break;
		if (entered && req->has_ts) {
			/* The kernel already waited out the timeout once. */
			if (!cqe && !err)
				err = -ETIME;
			break;
		}

		ret = __rz_enter(ring, req->submit, req->wait_nr, flags,
				 req->arg, req->argsz);
		if (ret < 0) {
			if (!err)
				err = ret;
			break;
		}
		req->submit -= (unsigned)ret;
		/*
		 * A CQE found before this enter (the enter only submitted) is
		 * returned with 0, not the count submitted: liburing's answer
		 * (2.0 to 2.15), which callers of submit_and_wait_timeout()
		 * compare against.
		 */
		if (cqe)
			break;
		if (!entered) {
			entered = true;
			err = ret;	/* report what the first enter submitted */
		}
	}
	*cqe_ptr = cqe;
	return err;
}

int __io_uring_get_cqe(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		       unsigned submit, unsigned wait_nr, sigset_t *sigmask)
{
	struct wait_req req = {
		.submit = submit,
		.wait_nr = wait_nr,
		.arg = sigmask,
		.argsz = _NSIG / 8,
	};

	return get_cqe(ring, cqe_ptr, &req);
}

/*
 * Waits bounded by a timeout use IORING_ENTER_EXT_ARG (5.11), which hands
 * the kernel the timeout and sigmask in one struct; every kernel ringzero
 * supports has it, so there is no fallback through internal TIMEOUT SQEs:
 * a timeout on a ring without IORING_FEAT_EXT_ARG is -EINVAL, and so is
 * io_uring_submit_and_wait_min_timeout() on a ring without
 * IORING_FEAT_MIN_TIMEOUT (6.12), as in liburing.
 * Arguments are checked before anything is published: a refused call
 * leaves the SQ as it was (submit says whether to flush it).
 */
static int wait_with_arg(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
			 bool submit, unsigned wait_nr,
			 struct __kernel_timespec *ts, bool min_timeout,
			 unsigned min_wait_usec, sigset_t *sigmask)
{
	struct io_uring_getevents_arg arg = {
		.sigmask = (unsigned long)sigmask,
		.sigmask_sz = _NSIG / 8,
		.min_wait_usec = min_wait_usec,
		.ts = (unsigned long)ts,
	};
	struct wait_req req = {
		.wait_nr = wait_nr,
		.enter_flags = IORING_ENTER_EXT_ARG,
		.has_ts = ts != NULL,
		.arg = &arg,
		.argsz = sizeof(arg),
	};

	if (min_timeout && !(ring->features & IORING_FEAT_MIN_TIMEOUT))
		return -EINVAL;
	if (!(ring->features & IORING_FEAT_EXT_ARG)) {
		if (ts)
			return -EINVAL;
		return __io_uring_get_cqe(ring, cqe_ptr,
					  submit ? flush_sq(ring) : 0,
					  wait_nr, sigmask);
	}
	if (submit)
		req.submit = flush_sq(ring);
	return get_cqe(ring, cqe_ptr, &req);
}

int io_uring_wait_cqes(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		       unsigned wait_nr, struct __kernel_timespec *ts,
		       sigset_t *sigmask)
{
	return wait_with_arg(ring, cqe_ptr, false, wait_nr, ts, false, 0,
			     sigmask);
}

int io_uring_wait_cqes_min_timeout(struct io_uring *ring,
				   struct io_uring_cqe **cqe_ptr,
				   unsigned wait_nr,
				   struct __kernel_timespec *ts,
				   unsigned min_wait_usec, sigset_t *sigmask)
{
	/* liburing leaves this one to the kernel, which refuses a nonzero
	 * min_wait_usec before 6.12 (the field was padding). */
	return wait_with_arg(ring, cqe_ptr, false, wait_nr, ts,
			     min_wait_usec != 0, min_wait_usec, sigmask);
}

int io_uring_wait_cqe_timeout(struct io_uring *ring,
			      struct io_uring_cqe **cqe_ptr,
			      struct __kernel_timespec *ts)
{
	return wait_with_arg(ring, cqe_ptr, false, 1, ts, false, 0, NULL);
}

int io_uring_submit_and_wait_timeout(struct io_uring *ring,
				     struct io_uring_cqe **cqe_ptr,
				     unsigned wait_nr,
				     struct __kernel_timespec *ts,
				     sigset_t *sigmask)
{
	return wait_with_arg(ring, cqe_ptr, true, wait_nr, ts, false, 0,
			     sigmask);
}

int io_uring_submit_and_wait_min_timeout(struct io_uring *ring,
					 struct io_uring_cqe **cqe_ptr,
					 unsigned wait_nr,
					 struct __kernel_timespec *ts,
					 unsigned min_wait_usec,
					 sigset_t *sigmask)
{
	return wait_with_arg(ring, cqe_ptr, true, wait_nr, ts, true,
			     min_wait_usec, sigmask);
}

/*
 * Wait as entry reg_index of the registered wait region says (6.13): the
 * argument is the entry's byte offset in the region, not a pointer.
 * -EINVAL, with the SQ left as it was, for a negative index or a ring
 * without IORING_FEAT_EXT_ARG.
 */
int io_uring_submit_and_wait_reg(struct io_uring *ring,
				 struct io_uring_cqe **cqe_ptr,
				 unsigned wait_nr, int reg_index)
{
	struct wait_req req = {
		.wait_nr = wait_nr,
		.enter_flags = IORING_ENTER_EXT_ARG | IORING_ENTER_EXT_ARG_REG,
		.has_ts = true,		/* the entry may carry a timeout */
		.argsz = sizeof(struct io_uring_reg_wait),
	};

	if (reg_index < 0 || !(ring->features & IORING_FEAT_EXT_ARG))
		return -EINVAL;
	req.arg = (void *)(uintptr_t)((size_t)reg_index *
				      sizeof(struct io_uring_reg_wait));
	req.submit = flush_sq(ring);
	return get_cqe(ring, cqe_ptr, &req);
}

int io_uring_get_events(struct io_uring *ring)
{
	return __rz_enter(ring, 0, 0, IORING_ENTER_GETEVENTS, NULL,
			  _NSIG / 8);
}

/*
 * Point cqes[] at up to count CQEs ready now, one pointer per CQE whatever
 * its size. A CQE_MIXED filler (IORING_CQE_F_SKIP) in front is consumed
 * here; one after the first CQE ends the batch, so that advancing the CQ by
 * the sum of io_uring_cqe_nr() over the batch lands on it, and the next
 * call consumes it. Returns the number of pointers filled in.
 */
static unsigned fill_batch(struct io_uring *ring, struct io_uring_cqe **cqes,
			   unsigned count)
{
	struct io_uring_cqe_iter it = io_uring_cqe_iter_init(ring);
	bool mixed = ring->flags & IORING_SETUP_CQE_MIXED;
	struct io_uring_cqe *cqe;
	unsigned n = 0;

	while (n < count && io_uring_cqe_iter_next(&it, &cqe)) {
		if (mixed && (cqe->flags & IORING_CQE_F_SKIP)) {
			if (n)
				break;
			io_uring_cq_advance(ring, 1);
			continue;
		}
		cqes[n++] = cqe;
	}
	return n;
}

unsigned io_uring_peek_batch_cqe(struct io_uring *ring,
				 struct io_uring_cqe **cqes, unsigned count)
{
	unsigned n = fill_batch(ring, cqes, count);

	/* Empty: pull in overflowed CQEs or run task work once, then look again. */
	if (!n && count && cq_needs_flush(ring)) {
		io_uring_get_events(ring);
		n = fill_batch(ring, cqes, count);
	}
	return n;
}

int __io_uring_sqring_wait(struct io_uring *ring)
{
	return __rz_enter(ring, 0, 0, IORING_ENTER_SQ_WAIT, NULL, _NSIG / 8);
}

/*
 * Without SQPOLL nobody but us frees SQ slots, so there is nothing to wait
 * for: return 0 at once, as liburing does (a liburing program that calls
 * this unconditionally must not start failing here).
 */
int io_uring_sqring_wait(struct io_uring *ring)
{
	if (!(ring->flags & IORING_SETUP_SQPOLL))
		return 0;
	if (io_uring_sq_space_left(ring))
		return 0;
	return __io_uring_sqring_wait(ring);
}
