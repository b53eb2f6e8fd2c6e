/* SPDX-License-Identifier: MIT */
/*
 * ringzero.h - libringzero's public interface.
 *
 * libringzero is an io_uring library written on the raw io_uring_setup,
 * io_uring_enter and io_uring_register system calls. Its interface is
 * liburing's: the same function names, argument order and public struct
 * fields, so a liburing program moves over by changing its #include and -l.
 *
 * Return convention, everywhere: 0 or a non-negative count on success,
 * -errno on failure. errno is never used as the error channel.
 *
 * Layout of this interface:
 *   ringzero/io_uring.h   the kernel ABI (structs, opcodes, flags)
 *   ringzero/barrier.h    memory-ordering primitives
 *   ringzero.h            rings, setup, submission, completion, registration
 *   ringzero/prep.h       io_uring_prep_*: files, timeouts, polling, cancel
 *   ringzero/prep_net.h   io_uring_prep_*: sockets, messages, futexes, ...
 *   ringzero/register.h   io_uring_register() wrappers
 *   ringzero/buf_ring.h   provided-buffer rings
 *   ringzero/zero.h       io_uring_prep_zero: IORING_OP_ZERO or its fallback
 *   ringzero/diag.h       names, what the kernel accepts, why setup failed
 *   ringzero/sandbox.h    rings restricted to an allow-list of operations
 */
#ifndef RINGZERO_H
#define RINGZERO_H

/*
 * glibc declares sigset_t (used below) only under a POSIX feature macro,
 * and musl cpu_set_t only under _GNU_SOURCE; liburing.h asks for both, so
 * a program built with -std=c11 compiles against either library. They take
 * effect when this header comes before the system headers.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 500
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

/*
 * The system headers liburing.h brings, so that a program written for
 * liburing finds PRIu64, CLOCK_MONOTONIC, waitid()'s P_PID, PATH_MAX (from
 * <linux/fs.h> through ringzero/io_uring.h), struct sock_filter and the
 * rest where it did. Keep this list a superset of liburing's.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <sched.h>
#include <linux/filter.h>
#include <linux/swab.h>
#include <linux/time_types.h>

#include "ringzero/io_uring.h"
#include "ringzero/barrier.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The liburing API level ringzero implements; programs that test
 * IO_URING_CHECK_VERSION() for features see the newest functions as present.
 */
#define IO_URING_VERSION_MAJOR	2
#define IO_URING_VERSION_MINOR	15

/*
 * liburing.h's spelling aids, for programs that use them: the exception
 * specification of its C++ declarations, branch hints, and the marker
 * that the 64-bit user_data helpers exist.
 */
#ifdef __cplusplus
#define LIBURING_NOEXCEPT	noexcept
#else
#define LIBURING_NOEXCEPT
#endif
#ifndef uring_likely
#define uring_likely(cond)	__builtin_expect(!!(cond), 1)
#endif
#ifndef uring_unlikely
#define uring_unlikely(cond)	__builtin_expect(!!(cond), 0)
#endif
#define LIBURING_HAVE_DATA64
/* The user_data liburing gives its internal timeouts; ringzero posts none. */
#define LIBURING_UDATA_TIMEOUT	((__u64)-1)

/*
 * The system call numbers, for libcs that predate io_uring. Spelled as the
 * kernel's <asm/unistd.h> spells them, so that including <sys/syscall.h>
 * afterwards redefines them identically (no warning).
 */
#ifndef __NR_io_uring_setup
#if defined(__alpha__)
#define __NR_io_uring_setup 535
#define __NR_io_uring_enter 536
#define __NR_io_uring_register 537
#elif defined(__mips__)
#define __NR_io_uring_setup (__NR_Linux + 425)
#define __NR_io_uring_enter (__NR_Linux + 426)
#define __NR_io_uring_register (__NR_Linux + 427)
#else
#define __NR_io_uring_setup 425
#define __NR_io_uring_enter 426
#define __NR_io_uring_register 427
#endif
#endif

/* ringzero's own release, independent of the API level above. */
#define RINGZERO_VERSION_MAJOR_PUBLIC	0
#define RINGZERO_VERSION_MINOR_PUBLIC	1

/* The submission side of a ring, as mapped from the kernel. */
struct io_uring_sq {
	unsigned *khead;	/* kernel's consumer index */
	unsigned *ktail;	/* our producer index, as the kernel sees it */
	unsigned *kring_mask;	/* deprecated: use ring_mask */
	unsigned *kring_entries;	/* deprecated: use ring_entries */
	unsigned *kflags;	/* IORING_SQ_* */
	unsigned *kdropped;	/* invalid SQEs the kernel skipped */
	unsigned *array;	/* SQ index array (absent with NO_SQARRAY) */
	struct io_uring_sqe *sqes;

	unsigned sqe_head;	/* first SQE not yet published to ktail */
	unsigned sqe_tail;	/* next SQE io_uring_get_sqe hands out */

	size_t ring_sz;
	void *ring_ptr;

	unsigned ring_mask;
	unsigned ring_entries;

	unsigned sqes_sz;	/* bytes of the SQE array's mapping */
	unsigned pad;
};

/* The completion side of a ring. */
struct io_uring_cq {
	unsigned *khead;	/* our consumer index */
	unsigned *ktail;	/* kernel's producer index */
	unsigned *kring_mask;	/* deprecated: use ring_mask */
	unsigned *kring_entries;	/* deprecated: use ring_entries */
	unsigned *kflags;	/* IORING_CQ_* */
	unsigned *koverflow;	/* CQEs dropped: with FEAT_NODROP only when
				 * the kernel could not allocate room to
				 * keep one */
	struct io_uring_cqe *cqes;

	size_t ring_sz;
	void *ring_ptr;

	unsigned ring_mask;
	unsigned ring_entries;

	unsigned pad[2];
};

/* A ring: what io_uring_queue_init() fills in. */
struct io_uring {
	struct io_uring_sq sq;
	struct io_uring_cq cq;
	unsigned flags;		/* IORING_SETUP_* this ring was made with */
	int ring_fd;		/* the ring's file descriptor, -1 if closed */
	unsigned features;	/* IORING_FEAT_* the kernel reported */
	int enter_ring_fd;	/* fd or registered index used to enter */
	__u8 int_flags;		/* ringzero-private state, see below */
	__u8 pad[3];
	unsigned pad2;
};

/*
 * Bits of io_uring.int_flags: private, but with liburing 2.15's values
 * (its src/int_flags.h), so that a struct io_uring means the same to
 * ringzero's liburing.so.2 as to liburing's. The two bits a ring enters
 * with are the IORING_ENTER_* flags themselves, as in liburing; OWN_MEM is
 * ringzero's alone and sits on a bit liburing leaves free
 * (test/compat-abi.sh checks all of them).
 */
#define RINGZERO_INT_REG_REG_RING	(1U << 0)	/* register via it too */
#define RINGZERO_INT_APP_MEM		(1U << 1)	/* NO_MMAP memory is the caller's */
#define RINGZERO_INT_CQ_ENTER		(1U << 2)	/* reaping needs enter (IOPOLL) */
#define RINGZERO_INT_REG_RING		(1U << 4)	/* = IORING_ENTER_REGISTERED_RING */
#define RINGZERO_INT_OWN_MEM		(1U << 6)	/* NO_MMAP memory is ours */
#define RINGZERO_INT_NO_IOWAIT		(1U << 7)	/* = IORING_ENTER_NO_IOWAIT */

/*
 * Raw system calls. Each returns what the kernel returned: a count or fd on
 * success, -errno on failure.
 */
int io_uring_setup(unsigned int entries, struct io_uring_params *p);
int io_uring_enter(unsigned int fd, unsigned int to_submit,
		   unsigned int min_complete, unsigned int flags, sigset_t *sig);
int io_uring_enter2(unsigned int fd, unsigned int to_submit,
		    unsigned int min_complete, unsigned int flags,
		    void *arg, size_t sz);
int io_uring_register(unsigned int fd, unsigned int opcode, const void *arg,
		      unsigned int nr_args);

/*
 * Setup and teardown.
 *
 * io_uring_queue_init*() return 0 or -errno: -ENOMEM (memlock limit or
 * memory), -EINVAL (flags or sizes the kernel rejects), -EPERM
 * (kernel.io_uring_disabled, or a seccomp filter), -ENOSYS (no io_uring).
 * io_uring_diagnose() in ringzero/diag.h explains these for a person.
 * After a failure the ring holds nothing and its ring_fd is -1:
 * io_uring_queue_exit() on it does nothing.
 */
int io_uring_queue_init(unsigned entries, struct io_uring *ring,
			unsigned flags);
int io_uring_queue_init_params(unsigned entries, struct io_uring *ring,
			       struct io_uring_params *p);
/*
 * NO_MMAP ring in caller memory (page-aligned, at least
 * io_uring_memory_size() bytes, cleared here): returns the bytes used, or
 * -errno (-ENOMEM too small, -EINVAL misaligned or NULL). Like
 * io_uring_queue_init_params() it asks for IORING_SETUP_NO_SQARRAY first
 * (6.6), so the memory holds no SQ index array; on a 6.5 kernel the ring
 * needs room for one as well.
 */
int io_uring_queue_init_mem(unsigned entries, struct io_uring *ring,
			    struct io_uring_params *p, void *buf,
			    size_t buf_size);
/*
 * Map the rings of fd, which io_uring_setup() made and described in p:
 * 0, or -EINVAL (p's entry counts are not nonzero powers of two within the
 * kernel's limits, or it lacks the SQ array offset) or mmap's -errno.
 */
int io_uring_queue_mmap(int fd, struct io_uring_params *p,
			struct io_uring *ring);
void io_uring_queue_exit(struct io_uring *ring);
int io_uring_ring_dontfork(struct io_uring *ring);
int io_uring_enable_rings(struct io_uring *ring);
int io_uring_close_ring_fd(struct io_uring *ring);
/*
 * Resize the SQ/CQ rings of a live DEFER_TASKRUN ring (since 6.13).
 * p->flags: 0, IORING_SETUP_CQSIZE, IORING_SETUP_CLAMP; it is 0 again on
 * return (as in liburing 2.15), so p can be passed again.
 */
int io_uring_resize_rings(struct io_uring *ring, struct io_uring_params *p);

/*
 * Bytes of locked memory (RLIMIT_MEMLOCK) a ring needs: 0 on kernels that
 * charge ring memory to the memory cgroup instead (5.12+).
 */
ssize_t io_uring_mlock_size(unsigned entries, unsigned flags);
ssize_t io_uring_mlock_size_params(unsigned entries, struct io_uring_params *p);
/*
 * Bytes of memory a ring's SQ/CQ rings and SQE array occupy, each part in
 * whole pages: the size io_uring_queue_init_mem() needs on 6.6+ (no SQ
 * index array), as liburing 2.15 counts it. -EINVAL for sizes the kernel
 * would refuse.
 */
ssize_t io_uring_memory_size(unsigned entries, unsigned flags);
ssize_t io_uring_memory_size_params(unsigned entries,
				    struct io_uring_params *p);

/* Submission. Each returns the number of SQEs submitted, or -errno. */
int io_uring_submit(struct io_uring *ring);
int io_uring_submit_and_wait(struct io_uring *ring, unsigned wait_nr);
int io_uring_submit_and_get_events(struct io_uring *ring);
/*
 * The two below also set *cqe_ptr; as in liburing they return 0 instead of
 * the count when a CQE was already ready before they entered the kernel.
 */
int io_uring_submit_and_wait_timeout(struct io_uring *ring,
				     struct io_uring_cqe **cqe_ptr,
				     unsigned wait_nr,
				     struct __kernel_timespec *ts,
				     sigset_t *sigmask);
/* Wait at least min_wait_usec for wait_nr CQEs, then for any (since 6.12). */
int io_uring_submit_and_wait_min_timeout(struct io_uring *ring,
					 struct io_uring_cqe **cqe_ptr,
					 unsigned wait_nr,
					 struct __kernel_timespec *ts,
					 unsigned min_wait_usec,
					 sigset_t *sigmask);
/*
 * SQPOLL: wait until the SQ thread has freed a slot. 0 at once when the SQ
 * has room or the ring has no SQ thread; -errno from the kernel.
 */
int io_uring_sqring_wait(struct io_uring *ring);
/* Its unconditional half: enter with IORING_ENTER_SQ_WAIT (liburing ABI). */
int __io_uring_sqring_wait(struct io_uring *ring);

/*
 * Completion. 0 with *cqe_ptr set, or -errno: -EAGAIN (peek, nothing
 * ready), -ETIME (timeout expired), -EINTR (a signal arrived).
 */
int io_uring_wait_cqes(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		       unsigned wait_nr, struct __kernel_timespec *ts,
		       sigset_t *sigmask);
int io_uring_wait_cqes_min_timeout(struct io_uring *ring,
				   struct io_uring_cqe **cqe_ptr,
				   unsigned wait_nr,
				   struct __kernel_timespec *ts,
				   unsigned min_wait_usec, sigset_t *sigmask);
int io_uring_wait_cqe_timeout(struct io_uring *ring,
			      struct io_uring_cqe **cqe_ptr,
			      struct __kernel_timespec *ts);
/*
 * Point cqes[] at up to count ready CQEs, one pointer per CQE whatever its
 * size; returns how many. On a CQE_MIXED ring a filler in front is
 * consumed and a later one ends the batch. Hand the CQEs back with
 * io_uring_cq_advance(ring, sum of io_uring_cqe_nr()). Enters the kernel
 * only when the CQ is empty and the kernel flags CQEs held back.
 */
unsigned io_uring_peek_batch_cqe(struct io_uring *ring,
				 struct io_uring_cqe **cqes, unsigned count);
/* Flush overflowed CQEs and run pending task work, without waiting. */
int io_uring_get_events(struct io_uring *ring);
/* The engine behind wait/peek: submit, wait for wait_nr, return one. */
int __io_uring_get_cqe(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		       unsigned submit, unsigned wait_nr, sigset_t *sigmask);

/* Probing which opcodes the kernel supports. */
struct io_uring_probe *io_uring_get_probe_ring(struct io_uring *ring);
struct io_uring_probe *io_uring_get_probe(void);
void io_uring_free_probe(struct io_uring_probe *probe);
int io_uring_register_probe(struct io_uring *ring, struct io_uring_probe *p,
			    unsigned nr);

static inline int io_uring_opcode_supported(const struct io_uring_probe *p,
					    int op)
{
	if (op < 0 || op > p->last_op || op >= p->ops_len)
		return 0;
	return (p->ops[op].flags & IO_URING_OP_SUPPORTED) != 0;
}

/*
 * Registered ring fd (5.18): io_uring_enter() then takes an index instead of
 * an fd and skips the fd-table lookup. Returns 1 on success.
 */
int io_uring_register_ring_fd(struct io_uring *ring);
int io_uring_unregister_ring_fd(struct io_uring *ring);

/* Library version: the liburing API level, and ringzero's own. */
int io_uring_major_version(void);
int io_uring_minor_version(void);
bool io_uring_check_version(int major, int minor);
#define IO_URING_CHECK_VERSION(major, minor) \
	((major) > IO_URING_VERSION_MAJOR || \
	 ((major) == IO_URING_VERSION_MAJOR && \
	  (minor) > IO_URING_VERSION_MINOR))
const char *ringzero_version(void);

/*
 * Inline fast paths: SQ and CQ accounting, user data, the CQE loop.
 */

/* log2 of CQE array entries per ring slot: 1 on a CQE32 ring, else 0. */
static inline unsigned io_uring_cqe_shift(const struct io_uring *ring)
{
	return (ring->flags & IORING_SETUP_CQE32) ? 1U : 0U;
}

/*
 * Ring slots this CQE takes: 2 for a 32-byte CQE on a CQE_MIXED ring (the
 * kernel sets IORING_CQE_F_32 only there), else 1.
 */
static inline unsigned io_uring_cqe_nr(const struct io_uring_cqe *cqe)
{
	return (cqe->flags & IORING_CQE_F_32) ? 2U : 1U;
}

static inline unsigned io_uring_sqe_shift(const struct io_uring *ring)
{
	return (ring->flags & IORING_SETUP_SQE128) ? 1U : 0U;
}

/* The same shifts from setup flags, for code that sizes rings itself. */
static inline unsigned io_uring_cqe_shift_from_flags(unsigned flags)
{
	return (flags & IORING_SETUP_CQE32) ? 1U : 0U;
}

static inline unsigned io_uring_sqe_shift_from_flags(unsigned flags)
{
	return (flags & IORING_SETUP_SQE128) ? 1U : 0U;
}

/* A pointer as the 64-bit value SQE fields carry. */
static inline __u64 uring_ptr_to_u64(const void *ptr)
{
	return (__u64)(uintptr_t)ptr;
}

/* Hand n CQE slots back to the kernel. */
static inline void io_uring_cq_advance(struct io_uring *ring, unsigned nr)
{
	if (nr) {
		struct io_uring_cq *cq = &ring->cq;

		/*
		 * Release: our reads of these CQEs complete before the kernel
		 * sees the slots free (pairs with its acquire of khead).
		 */
		io_uring_smp_store_release(cq->khead, *cq->khead + nr);
	}
}

/* Mark one CQE, from peek or wait, as consumed. */
static inline void io_uring_cqe_seen(struct io_uring *ring,
				     struct io_uring_cqe *cqe)
{
	if (cqe)
		io_uring_cq_advance(ring, (ring->flags & IORING_SETUP_CQE_MIXED) ?
				    io_uring_cqe_nr(cqe) : 1);
}

static inline void io_uring_sqe_set_data(struct io_uring_sqe *sqe, void *data)
{
	sqe->user_data = (unsigned long)data;
}

static inline void *io_uring_cqe_get_data(const struct io_uring_cqe *cqe)
{
	return (void *)(uintptr_t)cqe->user_data;
}

static inline void io_uring_sqe_set_data64(struct io_uring_sqe *sqe,
					   __u64 data)
{
	sqe->user_data = data;
}

static inline __u64 io_uring_cqe_get_data64(const struct io_uring_cqe *cqe)
{
	return cqe->user_data;
}

static inline void io_uring_sqe_set_flags(struct io_uring_sqe *sqe,
					  unsigned flags)
{
	sqe->flags = (__u8)flags;
}

/*
 * An opcode no kernel has (opcodes are below 64 through 6.18): an SQE that
 * carries it completes with -EINVAL. The inline helpers below have no way
 * to return an error, so they refuse a bad argument this way rather than
 * build an SQE that acts on something the caller did not name.
 */
#define RINGZERO_OP_REFUSED	0xffU

/*
 * Buffer group ids are 16 bits in the SQE. A bgid outside 0..65535 would
 * be truncated into another group: the SQE is made to complete with
 * -EINVAL instead. Every helper that takes a group id goes through here.
 */
static inline void io_uring_sqe_set_buf_group(struct io_uring_sqe *sqe,
					      int bgid)
{
	if (bgid < 0 || bgid > 0xffff)
		sqe->opcode = (__u8)RINGZERO_OP_REFUSED;
	sqe->buf_group = (__u16)bgid;
}

/* The kernel's SQ head: how far it has consumed SQEs. */
static inline unsigned io_uring_load_sq_head(const struct io_uring *ring)
{
	/*
	 * With SQPOLL the kernel thread moves khead concurrently; acquire
	 * pairs with its release so freed slots are really free.
	 */
	if (ring->flags & IORING_SETUP_SQPOLL)
		return io_uring_smp_load_acquire(ring->sq.khead);
	return *ring->sq.khead;
}

/* SQEs queued with get_sqe but not yet consumed by the kernel. */
static inline unsigned io_uring_sq_ready(const struct io_uring *ring)
{
	return ring->sq.sqe_tail - io_uring_load_sq_head(ring);
}

static inline unsigned io_uring_sq_space_left(const struct io_uring *ring)
{
	return ring->sq.ring_entries - io_uring_sq_ready(ring);
}

/* CQEs posted by the kernel and not yet seen. */
static inline unsigned io_uring_cq_ready(const struct io_uring *ring)
{
	/* Acquire pairs with the kernel's release of ktail after the CQEs. */
	return io_uring_smp_load_acquire(ring->cq.ktail) - *ring->cq.khead;
}

/* True when CQEs wait in the kernel's overflow list (flush with enter). */
static inline bool io_uring_cq_has_overflow(const struct io_uring *ring)
{
	return IO_URING_READ_ONCE(*ring->sq.kflags) & IORING_SQ_CQ_OVERFLOW;
}

static inline bool io_uring_cq_eventfd_enabled(const struct io_uring *ring)
{
	if (!ring->cq.kflags)
		return true;
	return !(*ring->cq.kflags & IORING_CQ_EVENTFD_DISABLED);
}

/* Turn eventfd notification on/off; -EOPNOTSUPP if the kernel can't. */
static inline int io_uring_cq_eventfd_toggle(struct io_uring *ring,
					     bool enabled)
{
	unsigned flags;

	if (!!enabled == io_uring_cq_eventfd_enabled(ring))
		return 0;
	if (!ring->cq.kflags)
		return -EOPNOTSUPP;
	flags = *ring->cq.kflags;
	if (enabled)
		flags &= ~IORING_CQ_EVENTFD_DISABLED;
	else
		flags |= IORING_CQ_EVENTFD_DISABLED;
	IO_URING_WRITE_ONCE(*ring->cq.kflags, flags);
	return 0;
}

/* The CQ array index of ring position ptr (liburing's older macro). */
#define io_uring_cqe_index(ring, ptr, mask) \
	(((ptr) & (mask)) << io_uring_cqe_shift(ring))

/*
 * Walking the CQ. Units: the kernel's CQ head and tail count slots. On a
 * plain ring a CQE is one 16-byte slot, on an IORING_SETUP_CQE32 ring one
 * 32-byte slot, and on an IORING_SETUP_CQE_MIXED ring (6.18) a 16-byte CQE
 * takes one slot and a 32-byte CQE (IORING_CQE_F_32) two. A mixed ring may
 * also hold a one-slot filler (IORING_CQE_F_SKIP, no result) where a
 * 32-byte CQE would have straddled the end of the array. io_uring_cq_ready()
 * and io_uring_cq_advance() count slots; io_uring_cqe_nr() says how many
 * slots a CQE takes, so "advance by the sum of io_uring_cqe_nr()" is right
 * for every kind of ring.
 *
 * The walk below is liburing 2.15's: it snapshots the tail once (acquire,
 * pairing with the kernel's release after writing the CQEs), so CQEs that
 * complete while the loop body runs (it may submit more) wait for the next
 * walk instead of extending this one; it steps one CQE, not one slot; and
 * it hands fillers to the caller like any CQE (ignore those with
 * IORING_CQE_F_SKIP, but count their slot). The CQ is never walked further
 * than its own size, whatever the shared tail says.
 */
struct io_uring_cqe_iter {
	struct io_uring_cqe *cqes;
	unsigned mask;
	unsigned shift;
	unsigned head;
	unsigned tail;
};

static inline struct io_uring_cqe_iter
io_uring_cqe_iter_init(const struct io_uring *ring)
{
	struct io_uring_cqe_iter it;

	it.cqes = ring->cq.cqes;
	it.mask = ring->cq.ring_mask;
	it.shift = io_uring_cqe_shift(ring);
	it.head = *ring->cq.khead;
	/* Acquire: CQEs up to tail are fully written (kernel's release). */
	it.tail = io_uring_smp_load_acquire(ring->cq.ktail);
	/* Any process mapping the ring can write the tail: bound the walk. */
	if (it.tail - it.head > ring->cq.ring_entries)
		it.tail = it.head + ring->cq.ring_entries;
	return it;
}

static inline bool io_uring_cqe_iter_next(struct io_uring_cqe_iter *it,
					  struct io_uring_cqe **cqe)
{
	/*
	 * Signed distance: a 32-byte CQE in the last ready slot (only a
	 * corrupted ring has one) steps past the tail instead of onto it.
	 */
	if ((int)(it->tail - it->head) <= 0)
		return false;
	*cqe = &it->cqes[(it->head & it->mask) << it->shift];
	it->head += io_uring_cqe_nr(*cqe);
	return true;
}

/*
 * Visit each CQE ready when the loop starts; head is the slot index of the
 * CQE being visited. Consume them afterwards with io_uring_cq_advance(ring,
 * sum of io_uring_cqe_nr()), or one by one with io_uring_cqe_seen().
 */
#define io_uring_for_each_cqe(ring, head, cqe)				\
	for (struct io_uring_cqe_iter __rz_cqe_it =			\
		     io_uring_cqe_iter_init(ring);			\
	     (head) = __rz_cqe_it.head,					\
	     io_uring_cqe_iter_next(&__rz_cqe_it, &(cqe));		\
	     (void)(head))

/*
 * Peek at the next CQE without entering the kernel unless CQEs are stuck in
 * overflow or task work. 0 and *cqe_ptr, or -EAGAIN.
 */
static inline int __io_uring_peek_cqe(struct io_uring *ring,
				      struct io_uring_cqe **cqe_ptr,
				      unsigned *nr_available)
{
	unsigned shift = io_uring_cqe_shift(ring);
	unsigned mask = ring->cq.ring_mask, skipped = 0;

	for (;;) {
		/* Acquire pairs with the kernel's release of ktail. */
		unsigned tail = io_uring_smp_load_acquire(ring->cq.ktail);
		unsigned head = *ring->cq.khead;
		struct io_uring_cqe *cqe;

		if (nr_available)
			*nr_available = tail - head;
		if (tail == head) {
			*cqe_ptr = NULL;
			return 0;
		}
		cqe = &ring->cq.cqes[(head & mask) << shift];
		/*
		 * CQE_MIXED rings pad with SKIP entries: step over them. The
		 * kernel never posts two in a row: past a ring's worth of
		 * them (someone else wrote those), the next is handed over
		 * as it is, rather than walking on forever.
		 */
		if ((ring->flags & IORING_SETUP_CQE_MIXED) &&
		    (cqe->flags & IORING_CQE_F_SKIP) &&
		    skipped++ < ring->cq.ring_entries) {
			io_uring_cq_advance(ring, 1);
			continue;
		}
		*cqe_ptr = cqe;
		return 0;
	}
}

/*
 * For loops that walk CQEs themselves: true (and the CQE consumed) when
 * cqe is padding a CQE_MIXED ring inserted, which carries no result.
 * err is left alone: ringzero never posts CQEs of its own.
 */
static inline bool io_uring_skip_cqe(struct io_uring *ring,
				     struct io_uring_cqe *cqe, int *err)
{
	(void)err;
	if (!(cqe->flags & IORING_CQE_F_SKIP) ||
	    !(ring->flags & IORING_SETUP_CQE_MIXED))
		return false;
	io_uring_cq_advance(ring, io_uring_cqe_nr(cqe));
	return true;
}

static inline int io_uring_wait_cqe_nr(struct io_uring *ring,
				       struct io_uring_cqe **cqe_ptr,
				       unsigned wait_nr)
{
	return __io_uring_get_cqe(ring, cqe_ptr, 0, wait_nr, NULL);
}

/*
 * 0 with *cqe_ptr set, or -EAGAIN when nothing is ready. Enters the kernel
 * (as liburing 2.15 does) only where that can make a CQE appear at once:
 * reaping polled I/O on an IOPOLL ring without an SQ thread, or flushing
 * CQEs held back as overflow (IORING_SQ_CQ_OVERFLOW) or behind task work
 * (IORING_SQ_TASKRUN). Everything else returns without a system call.
 */
static inline int io_uring_peek_cqe(struct io_uring *ring,
				    struct io_uring_cqe **cqe_ptr)
{
	if (!__io_uring_peek_cqe(ring, cqe_ptr, NULL)) {
		if (*cqe_ptr)
			return 0;
		if (!(ring->int_flags & RINGZERO_INT_CQ_ENTER) &&
		    !(IO_URING_READ_ONCE(*ring->sq.kflags) &
		      (IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN)))
			return -EAGAIN;
	}
	return io_uring_wait_cqe_nr(ring, cqe_ptr, 0);
}

static inline int io_uring_wait_cqe(struct io_uring *ring,
				    struct io_uring_cqe **cqe_ptr)
{
	if (!__io_uring_peek_cqe(ring, cqe_ptr, NULL) && *cqe_ptr)
		return 0;
	return io_uring_wait_cqe_nr(ring, cqe_ptr, 1);
}

/*
 * Hand out the next free SQE, cleared, or NULL if the SQ is full (submit,
 * or with SQPOLL io_uring_sqring_wait(), to make room).
 */
static inline struct io_uring_sqe *_io_uring_get_sqe(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned next = sq->sqe_tail + 1, shift = io_uring_sqe_shift(ring);
	struct io_uring_sqe *sqe;

	/*
	 * Acquire pairs with the SQPOLL thread's release of khead: a slot it
	 * has consumed is free to overwrite. Without SQPOLL the kernel only
	 * moves khead inside io_uring_enter(); on x86 both are a plain load,
	 * so one form serves both instead of a branch.
	 */
	if (next - io_uring_smp_load_acquire(sq->khead) > sq->ring_entries)
		return NULL;
	sqe = &sq->sqes[(sq->sqe_tail & sq->ring_mask) << shift];
	sq->sqe_tail = next;
	/* Hand out a cleared SQE: prep helpers then set only their fields. */
	memset(sqe, 0, sizeof(*sqe));
	if (shift)
		memset(sqe + 1, 0, sizeof(*sqe));
	return sqe;
}

/*
 * Reset the SQE fields that prep helpers may leave alone, for code that
 * reuses an SQE without io_uring_get_sqe() (which clears all of it).
 */
static inline void io_uring_initialize_sqe(struct io_uring_sqe *sqe)
{
	sqe->flags = 0;
	sqe->ioprio = 0;
	sqe->rw_flags = 0;
	sqe->buf_index = 0;
	sqe->personality = 0;
	sqe->file_index = 0;
	sqe->addr3 = 0;
	sqe->__pad2[0] = 0;
}

#ifndef RINGZERO_INTERNAL
static inline struct io_uring_sqe *io_uring_get_sqe(struct io_uring *ring)
{
	return _io_uring_get_sqe(ring);
}
#else
struct io_uring_sqe *io_uring_get_sqe(struct io_uring *ring);
#endif

/*
 * Hand out a cleared 128-byte SQE, or NULL if the SQ lacks room.
 *   - IORING_SETUP_SQE128 ring: every SQE is 128 bytes; as io_uring_get_sqe().
 *   - IORING_SETUP_SQE_MIXED ring (6.19): two adjacent 64-byte slots. They
 *     must not wrap, so when the next free slot is the ring's last one it
 *     is filled with a NOP that posts no CQE (IOSQE_CQE_SKIP_SUCCESS) and
 *     the big SQE starts at slot 0. Prepare it with a 128-byte opcode
 *     (io_uring_prep_nop128(), io_uring_prep_uring_cmd128()): that is how
 *     the kernel knows to consume both slots.
 *   - any other ring: NULL.
 */
static inline struct io_uring_sqe *io_uring_get_sqe128(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned tail = sq->sqe_tail, head, slots = 2;
	struct io_uring_sqe *sqe;

	if (ring->flags & IORING_SETUP_SQE128)
		return _io_uring_get_sqe(ring);
	if (!(ring->flags & IORING_SETUP_SQE_MIXED))
		return NULL;
	/* The last slot cannot start a big SQE: it becomes padding. */
	if (((tail + 1) & sq->ring_mask) == 0)
		slots = 3;
	/* Acquire pairs with the SQPOLL thread's release of khead. */
	head = io_uring_smp_load_acquire(sq->khead);
	if (tail + slots - head > sq->ring_entries)
		return NULL;
	if (slots == 3) {
		/* Room was checked above; the slot comes back cleared. */
		sqe = _io_uring_get_sqe(ring);
		sqe->opcode = IORING_OP_NOP;
		sqe->fd = -1;
		sqe->flags = IOSQE_CQE_SKIP_SUCCESS;
		tail = sq->sqe_tail;
	}
	sqe = &sq->sqes[tail & sq->ring_mask];
	sq->sqe_tail = tail + 2;
	memset(sqe, 0, 2 * sizeof(*sqe));
	return sqe;
}

#ifdef __cplusplus
}
#endif

#include "ringzero/prep.h"
#include "ringzero/prep_net.h"
#include "ringzero/register.h"
#include "ringzero/buf_ring.h"
#include "ringzero/zero.h"
#include "ringzero/diag.h"
#include "ringzero/sandbox.h"

#endif /* RINGZERO_H */
