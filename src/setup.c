// SPDX-License-Identifier: MIT
/*
 * setup.c - creating, mapping, resizing and tearing down rings.
 *
 * A ring is an fd plus up to three shared mappings: the SQ ring (indices and
 * the SQ index array), the CQ ring (indices and CQEs; the same mapping as
 * the SQ ring when the kernel has IORING_FEAT_SINGLE_MMAP) and the SQE
 * array. With IORING_SETUP_NO_MMAP (6.5) the memory is ours instead: the
 * caller's (io_uring_queue_init_mem) or allocated here. Teardown undoes
 * setup in reverse order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "internal.h"

/* The kernel's limits on ring sizes (io_uring/io_uring.h). */
#define KERN_MAX_ENTRIES	32768U
#define KERN_MAX_CQ_ENTRIES	(2 * KERN_MAX_ENTRIES)
/*
 * Bytes of the kernel's struct io_rings before the CQE array: the two
 * cacheline-aligned index pairs and the masks and flags, on 64-byte lines.
 * Rounded up generously: this only sizes memory we hand to the kernel.
 */
#define KERN_RINGS_HEADER	256U

/*
 * Answers that never change, cached on first use. Threads may race to fill
 * a cache; relaxed atomics make that race harmless (they store the same
 * value) instead of undefined.
 */
static size_t page_size(void)
{
	static size_t cached;
	size_t size = __atomic_load_n(&cached, __ATOMIC_RELAXED);

	if (!size) {
		size = (size_t)sysconf(_SC_PAGESIZE);
		__atomic_store_n(&cached, size, __ATOMIC_RELAXED);
	}
	return size;
}

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) / to * to;
}

static unsigned roundup_pow2(unsigned n)
{
	unsigned r = 1;

	while (r < n)
		r <<= 1;
	return r;
}

/*
 * The SQ and CQ sizes the kernel will choose for entries and p, mirroring
 * io_uring_create(): powers of two, CQ twice the SQ unless CQSIZE, clamped
 * only with CLAMP. 0 or -EINVAL.
 */
static int kernel_ring_sizes(unsigned entries, const struct io_uring_params *p,
			     unsigned *sq_entries, unsigned *cq_entries)
{
	unsigned sq, cq;

	if (!entries)
		return -EINVAL;
	if (entries > KERN_MAX_ENTRIES) {
		if (!(p->flags & IORING_SETUP_CLAMP))
			return -EINVAL;
		entries = KERN_MAX_ENTRIES;
	}
	sq = roundup_pow2(entries);
	if (p->flags & IORING_SETUP_CQSIZE) {
		if (!p->cq_entries)
			return -EINVAL;
		cq = p->cq_entries;
		if (cq > KERN_MAX_CQ_ENTRIES) {
			if (!(p->flags & IORING_SETUP_CLAMP))
				return -EINVAL;
			cq = KERN_MAX_CQ_ENTRIES;
		}
		cq = roundup_pow2(cq);
		if (cq < sq)
			return -EINVAL;
	} else {
		cq = 2 * sq;
	}
	*sq_entries = sq;
	*cq_entries = cq;
	return 0;
}

/* Bytes for the SQE array and for the rings, each page-rounded. */
static int nommap_sizes(unsigned entries, const struct io_uring_params *p,
			size_t *sqes_sz, size_t *rings_sz,
			unsigned *sq_entries, unsigned *cq_entries)
{
	size_t sqe_size = sizeof(struct io_uring_sqe);
	size_t cqe_size = sizeof(struct io_uring_cqe);
	unsigned sq, cq;
	size_t rings;
	int ret;

	ret = kernel_ring_sizes(entries, p, &sq, &cq);
	if (ret)
		return ret;
	*sq_entries = sq;
	*cq_entries = cq;
	if (p->flags & IORING_SETUP_SQE128)
		sqe_size *= 2;
	if (p->flags & IORING_SETUP_CQE32)
		cqe_size *= 2;
	rings = KERN_RINGS_HEADER + (size_t)cq * cqe_size;
	if (!(p->flags & IORING_SETUP_NO_SQARRAY))
		rings = round_up(rings, 64) + (size_t)sq * sizeof(__u32);
	*sqes_sz = round_up((size_t)sq * sqe_size, page_size());
	*rings_sz = round_up(rings, page_size());
	return 0;
}

/*
 * Sized for the ring io_uring_queue_init_mem() makes first: one without an
 * SQ index array (IORING_SETUP_NO_SQARRAY, 6.6), which is also what
 * liburing 2.15 counts, so that a buffer sized by its formula fits here
 * too. On a 6.5 kernel the fallback ring needs the array as well, and
 * io_uring_queue_init_mem() says -ENOMEM when the buffer lacks room for it.
 */
ssize_t io_uring_memory_size_params(unsigned entries,
				    struct io_uring_params *p)
{
	struct io_uring_params first = *p;
	size_t sqes_sz, rings_sz;
	unsigned sq, cq;
	int ret;

	first.flags |= IORING_SETUP_NO_SQARRAY;
	ret = nommap_sizes(entries, &first, &sqes_sz, &rings_sz, &sq, &cq);
	return ret ? ret : (ssize_t)(sqes_sz + rings_sz);
}

ssize_t io_uring_memory_size(unsigned entries, unsigned flags)
{
	struct io_uring_params p = { .flags = flags };

	return io_uring_memory_size_params(entries, &p);
}

/*
 * Since 5.12 (IORING_FEAT_NATIVE_WORKERS) ring memory is charged to the
 * memory cgroup, not RLIMIT_MEMLOCK: then nothing needs locking. That is
 * liburing's answer, and so ours; but since 6.14 the kernel charges the
 * rings to RLIMIT_MEMLOCK again for a process without CAP_IPC_LOCK (see
 * memlock_counts() in diag.c), so 0 here does not promise that a small
 * limit is enough. Asking the kernel costs a throwaway ring, so the answer
 * is cached.
 */
ssize_t io_uring_mlock_size_params(unsigned entries, struct io_uring_params *p)
{
	static int cached = -1;		/* see page_size() */
	ssize_t size = io_uring_memory_size_params(entries, p);
	int native_workers;

	if (size < 0)
		return size;
	native_workers = __atomic_load_n(&cached, __ATOMIC_RELAXED);
	if (native_workers < 0) {
		struct io_uring_params probe = { 0 };
		int fd = io_uring_setup(1, &probe);

		if (fd < 0)
			return fd;
		close(fd);
		native_workers = !!(probe.features &
				    IORING_FEAT_NATIVE_WORKERS);
		__atomic_store_n(&cached, native_workers, __ATOMIC_RELAXED);
	}
	return native_workers ? 0 : size;
}

ssize_t io_uring_mlock_size(unsigned entries, unsigned flags)
{
	struct io_uring_params p = { .flags = flags };

	return io_uring_mlock_size_params(entries, &p);
}

/*
 * The ring sizes setup reported in p, checked the way the kernel makes
 * them: nonzero powers of two within its limits. These (never the copies
 * in the shared ring header, which any process that maps the ring can
 * overwrite) size every mmap, munmap and index of the library. 0 or
 * -EINVAL.
 */
static int check_ring_sizes(const struct io_uring_params *p)
{
	unsigned sq = p->sq_entries, cq = p->cq_entries;

	if (!sq || (sq & (sq - 1)) || sq > KERN_MAX_ENTRIES)
		return -EINVAL;
	if (!cq || (cq & (cq - 1)) || cq > KERN_MAX_CQ_ENTRIES)
		return -EINVAL;
	return 0;
}

/*
 * Point sq and cq at the fields inside the mapped (or given) memory, and
 * keep our own entry counts and masks, from p (see check_ring_sizes()).
 * kring_mask and kring_entries still point into the ring for programs
 * that read them (liburing ABI); the library never does.
 */
static void fill_ring_pointers(struct io_uring_params *p,
			       struct io_uring_sq *sq, struct io_uring_cq *cq)
{
	char *sqp = sq->ring_ptr, *cqp = cq->ring_ptr;
	unsigned i;

	sq->khead = (unsigned *)(sqp + p->sq_off.head);
	sq->ktail = (unsigned *)(sqp + p->sq_off.tail);
	sq->kring_mask = (unsigned *)(sqp + p->sq_off.ring_mask);
	sq->kring_entries = (unsigned *)(sqp + p->sq_off.ring_entries);
	sq->kflags = (unsigned *)(sqp + p->sq_off.flags);
	sq->kdropped = (unsigned *)(sqp + p->sq_off.dropped);
	sq->array = NULL;
	if (!(p->flags & IORING_SETUP_NO_SQARRAY))
		sq->array = (unsigned *)(sqp + p->sq_off.array);
	sq->ring_entries = p->sq_entries;
	sq->ring_mask = p->sq_entries - 1;

	cq->khead = (unsigned *)(cqp + p->cq_off.head);
	cq->ktail = (unsigned *)(cqp + p->cq_off.tail);
	cq->kring_mask = (unsigned *)(cqp + p->cq_off.ring_mask);
	cq->kring_entries = (unsigned *)(cqp + p->cq_off.ring_entries);
	cq->koverflow = (unsigned *)(cqp + p->cq_off.overflow);
	cq->cqes = (struct io_uring_cqe *)(cqp + p->cq_off.cqes);
	cq->kflags = p->cq_off.flags ? (unsigned *)(cqp + p->cq_off.flags) :
				       NULL;
	cq->ring_entries = p->cq_entries;
	cq->ring_mask = p->cq_entries - 1;

	/*
	 * Slot i always submits SQE i: fill the index array once here, and
	 * submission only has to move the tail.
	 */
	if (sq->array)
		for (i = 0; i < sq->ring_entries; i++)
			sq->array[i] = i;
}

void __rz_unmap_rings(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	struct io_uring_cq *cq = &ring->cq;

	if (ring->flags & IORING_SETUP_NO_MMAP)
		return;
	if (cq->ring_ptr && cq->ring_ptr != sq->ring_ptr)
		munmap(cq->ring_ptr, cq->ring_sz);
	if (sq->ring_ptr)
		munmap(sq->ring_ptr, sq->ring_sz);
	sq->ring_ptr = cq->ring_ptr = NULL;
}

int __rz_mmap_rings(int fd, struct io_uring_params *p,
		    struct io_uring_sq *sq, struct io_uring_cq *cq)
{
	size_t sqe_size = sizeof(struct io_uring_sqe);
	size_t cqe_size = sizeof(struct io_uring_cqe);
	void *ptr;
	int ret = check_ring_sizes(p);

	if (ret)
		return ret;
	if (p->flags & IORING_SETUP_SQE128)
		sqe_size *= 2;
	if (p->flags & IORING_SETUP_CQE32)
		cqe_size *= 2;

	sq->ring_sz = p->sq_off.array + p->sq_entries * sizeof(unsigned);
	if (p->flags & IORING_SETUP_NO_SQARRAY)
		sq->ring_sz = p->cq_off.cqes + p->cq_entries * cqe_size;
	cq->ring_sz = p->cq_off.cqes + p->cq_entries * cqe_size;
	/* One mapping serves both rings where the kernel allows it (5.4). */
	if (p->features & IORING_FEAT_SINGLE_MMAP) {
		if (cq->ring_sz > sq->ring_sz)
			sq->ring_sz = cq->ring_sz;
		cq->ring_sz = sq->ring_sz;
	}

	ptr = mmap(NULL, sq->ring_sz, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
	if (ptr == MAP_FAILED)
		return -errno;
	sq->ring_ptr = ptr;

	if (p->features & IORING_FEAT_SINGLE_MMAP) {
		cq->ring_ptr = sq->ring_ptr;
	} else {
		ptr = mmap(NULL, cq->ring_sz, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
		if (ptr == MAP_FAILED) {
			int err = -errno;

			munmap(sq->ring_ptr, sq->ring_sz);
			sq->ring_ptr = NULL;
			return err;
		}
		cq->ring_ptr = ptr;
	}

	ptr = mmap(NULL, p->sq_entries * sqe_size, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
	if (ptr == MAP_FAILED) {
		int err = -errno;

		if (cq->ring_ptr != sq->ring_ptr)
			munmap(cq->ring_ptr, cq->ring_sz);
		munmap(sq->ring_ptr, sq->ring_sz);
		sq->ring_ptr = cq->ring_ptr = NULL;
		return err;
	}
	sq->sqes = ptr;
	sq->sqes_sz = (unsigned)(p->sq_entries * sqe_size);
	fill_ring_pointers(p, sq, cq);
	return 0;
}

/*
 * The state of a ring that holds nothing: no memory, and fd -1 rather
 * than 0, so that io_uring_queue_exit() on it (after a failed init, or
 * twice) closes nothing of the caller's.
 */
static void ring_reset(struct io_uring *ring)
{
	memset(ring, 0, sizeof(*ring));
	ring->ring_fd = -1;
	ring->enter_ring_fd = -1;
}

static void set_ring_identity(struct io_uring *ring, int fd,
			      const struct io_uring_params *p)
{
	ring->flags = p->flags;
	ring->features = p->features;
	ring->ring_fd = fd;
	ring->enter_ring_fd = fd;
	/*
	 * Polled I/O completes only when someone polls for it: the SQ thread
	 * when there is one, else us, through io_uring_enter(GETEVENTS). Only
	 * then does reaping need a system call (as in liburing 2.15).
	 */
	if ((p->flags & (IORING_SETUP_IOPOLL | IORING_SETUP_SQPOLL)) ==
	    IORING_SETUP_IOPOLL)
		ring->int_flags |= RINGZERO_INT_CQ_ENTER;
}

int io_uring_queue_mmap(int fd, struct io_uring_params *p,
			struct io_uring *ring)
{
	int ret;

	/*
	 * p must be what the kernel filled in for fd: a ring with an SQ
	 * array has it after the ring header, never at offset 0. Mapping
	 * with mismatched params would write over the ring's indices.
	 */
	if (!(p->flags & IORING_SETUP_NO_SQARRAY) && !p->sq_off.array)
		return -EINVAL;
	memset(ring, 0, sizeof(*ring));
	ret = __rz_mmap_rings(fd, p, &ring->sq, &ring->cq);
	if (ret) {
		ring_reset(ring);
		return ret;
	}
	set_ring_identity(ring, fd, p);
	return 0;
}

/*
 * Create a NO_MMAP ring in memory at buf: the SQE array first, the rings on
 * the next page boundary. Kernels 6.5 to 6.12 need each of the two parts to
 * be one page or one huge page; 6.13+ take any memory.
 */
static int setup_in_memory(unsigned entries, struct io_uring *ring,
			   struct io_uring_params *p, void *buf,
			   size_t buf_size)
{
	size_t sqes_sz, rings_sz;
	unsigned sq, cq;
	int fd, ret;

	ret = nommap_sizes(entries, p, &sqes_sz, &rings_sz, &sq, &cq);
	if (ret)
		return ret;
	if (buf_size < sqes_sz + rings_sz)
		return -ENOMEM;

	/*
	 * Kernels before 6.13 map the caller's pages as they are and never
	 * clear the ring indices in them: stale bytes would become the SQ
	 * and CQ heads and tails (found by the ring-memory test on 6.12).
	 */
	memset(buf, 0, sqes_sz + rings_sz);
	p->sq_off.user_addr = (unsigned long)buf;
	p->cq_off.user_addr = (unsigned long)buf + sqes_sz;
	fd = io_uring_setup(entries, p);
	if (fd < 0)
		return fd;
	/* The memory was sized for the rings nommap_sizes() predicted. */
	if (check_ring_sizes(p) || p->sq_entries > sq || p->cq_entries > cq) {
		close(fd);
		return -EINVAL;
	}

	ring->sq.sqes = buf;
	ring->sq.sqes_sz = (unsigned)sqes_sz;
	ring->sq.ring_ptr = (char *)buf + sqes_sz;
	ring->cq.ring_ptr = ring->sq.ring_ptr;
	ring->sq.ring_sz = buf_size - sqes_sz;
	ring->cq.ring_sz = ring->sq.ring_sz;
	fill_ring_pointers(p, &ring->sq, &ring->cq);
	set_ring_identity(ring, fd, p);

	/*
	 * REGISTERED_FD_ONLY (6.5): setup returned a registered-ring index,
	 * not an fd. Every enter and register call must use the index.
	 */
	if (p->flags & IORING_SETUP_REGISTERED_FD_ONLY) {
		ring->ring_fd = -1;
		ring->int_flags |= RINGZERO_INT_REG_RING |
				   RINGZERO_INT_REG_REG_RING;
	}
	return (int)(sqes_sz + rings_sz);
}

static int init_params(unsigned entries, struct io_uring *ring,
		       struct io_uring_params *p)
{
	int fd, ret;

	memset(ring, 0, sizeof(*ring));
	if (p->flags & IORING_SETUP_NO_MMAP) {
		size_t sqes_sz, rings_sz;
		unsigned sq, cq;
		void *mem;

		ret = nommap_sizes(entries, p, &sqes_sz, &rings_sz, &sq, &cq);
		if (ret)
			return ret;
		mem = mmap(NULL, sqes_sz + rings_sz, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (mem == MAP_FAILED)
			return -errno;
		ret = setup_in_memory(entries, ring, p, mem,
				      sqes_sz + rings_sz);
		if (ret < 0) {
			munmap(mem, sqes_sz + rings_sz);
			return ret;
		}
		ring->int_flags |= RINGZERO_INT_OWN_MEM;
		return 0;
	}

	/* REGISTERED_FD_ONLY needs NO_MMAP: there is no fd to map. */
	if (p->flags & IORING_SETUP_REGISTERED_FD_ONLY)
		return -EINVAL;

	fd = io_uring_setup(entries, p);
	if (fd < 0)
		return fd;
	ret = io_uring_queue_mmap(fd, p, ring);
	if (ret) {
		close(fd);
		return ret;
	}
	return 0;
}

/*
 * One attempt at making the ring: in the caller's memory when buf is set
 * (returning the bytes used), else as init_params() does (returning 0).
 */
static int init_attempt(unsigned entries, struct io_uring *ring,
			struct io_uring_params *p, void *buf, size_t buf_size)
{
	if (buf)
		return setup_in_memory(entries, ring, p, buf, buf_size);
	return init_params(entries, ring, p);
}

/*
 * Since 6.6 the kernel can take SQE i from slot i directly
 * (IORING_SETUP_NO_SQARRAY), sparing it one indirection per SQE and the
 * memory of the index array; liburing 2.15 makes that the default for
 * io_uring_queue_init_params() and io_uring_queue_init_mem(), and so do
 * we. Older kernels reject the flag with -EINVAL: then the ring is made
 * the classic way, unless the caller asked for NO_SQARRAY itself.
 *
 * On success p->flags keeps NO_SQARRAY: the kernel has filled p for a ring
 * without an SQ array (sq_off.array is 0), and p must go on describing the
 * ring it was filled for. Restoring the caller's flags there made
 * io_uring_queue_mmap(fd, p, ...) map an SQ array at offset 0 and write
 * its identity indices over the ring's head and tail (found by the
 * raw-syscalls test). On failure p->flags is the caller's again.
 */
static int init_try_nosqarray(unsigned entries, struct io_uring *ring,
			      struct io_uring_params *p, void *buf,
			      size_t buf_size)
{
	unsigned asked = p->flags;
	int ret;

	if (!(asked & IORING_SETUP_NO_SQARRAY)) {
		p->flags = asked | IORING_SETUP_NO_SQARRAY;
		ret = init_attempt(entries, ring, p, buf, buf_size);
		if (ret >= 0)
			return ret;
		p->flags = asked;
		if (ret != -EINVAL)
			return ret;
	}
	return init_attempt(entries, ring, p, buf, buf_size);
}

int io_uring_queue_init_mem(unsigned entries, struct io_uring *ring,
			    struct io_uring_params *p, void *buf,
			    size_t buf_size)
{
	int ret;

	ring_reset(ring);
	if (!buf || ((uintptr_t)buf & (page_size() - 1)))
		return -EINVAL;
	p->flags |= IORING_SETUP_NO_MMAP;
	ret = init_try_nosqarray(entries, ring, p, buf, buf_size);
	if (ret < 0) {
		ring_reset(ring);
		return ret;
	}
	ring->int_flags |= RINGZERO_INT_APP_MEM;
	return ret;
}

/*
 * See init_try_nosqarray() for the SQ array. After a failure the ring is
 * left empty with ring_fd -1: io_uring_queue_exit() on it is harmless.
 */
int io_uring_queue_init_params(unsigned entries, struct io_uring *ring,
			       struct io_uring_params *p)
{
	int ret = init_try_nosqarray(entries, ring, p, NULL, 0);

	if (ret)
		ring_reset(ring);
	return ret;
}

int io_uring_queue_init(unsigned entries, struct io_uring *ring,
			unsigned flags)
{
	struct io_uring_params p = { .flags = flags };

	return io_uring_queue_init_params(entries, ring, &p);
}

void io_uring_queue_exit(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	size_t sqe_size = sizeof(struct io_uring_sqe);

	if (ring->flags & IORING_SETUP_SQE128)
		sqe_size *= 2;

	/* Memory first, while the fd still keeps the ring alive. */
	if (!(ring->flags & IORING_SETUP_NO_MMAP)) {
		if (sq->sqes)
			munmap(sq->sqes, sq->ring_entries * sqe_size);
		__rz_unmap_rings(ring);
	}

	/*
	 * A registered ring fd holds a reference of its own: drop it, or a
	 * REGISTERED_FD_ONLY ring (which has no fd) would never go away.
	 */
	if (ring->int_flags & RINGZERO_INT_REG_RING)
		io_uring_unregister_ring_fd(ring);
	if (ring->ring_fd >= 0)
		close(ring->ring_fd);

	/* Kernel references are gone: our own NO_MMAP memory can go too. */
	if (ring->int_flags & RINGZERO_INT_OWN_MEM)
		munmap(sq->sqes, (size_t)((char *)sq->ring_ptr -
					  (char *)sq->sqes) + sq->ring_sz);
	ring_reset(ring);
}

/* Keep the ring's memory out of fork()ed children (MADV_DONTFORK). */
int io_uring_ring_dontfork(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	size_t sqe_size = sizeof(struct io_uring_sqe);

	if (!sq->ring_ptr || !sq->sqes || !ring->cq.ring_ptr)
		return -EINVAL;
	if (ring->flags & IORING_SETUP_SQE128)
		sqe_size *= 2;
	if (ring->flags & IORING_SETUP_NO_MMAP) {
		/* One region: SQEs, then the rings. */
		size_t len = (size_t)((char *)sq->ring_ptr -
				      (char *)sq->sqes) + sq->ring_sz;

		return madvise(sq->sqes, len, MADV_DONTFORK) ? -errno : 0;
	}
	if (madvise(sq->sqes, sq->ring_entries * sqe_size, MADV_DONTFORK) ||
	    madvise(sq->ring_ptr, sq->ring_sz, MADV_DONTFORK))
		return -errno;
	if (ring->cq.ring_ptr != sq->ring_ptr &&
	    madvise(ring->cq.ring_ptr, ring->cq.ring_sz, MADV_DONTFORK))
		return -errno;
	return 0;
}

/* Start a ring created with IORING_SETUP_R_DISABLED (5.10). */
int io_uring_enable_rings(struct io_uring *ring)
{
	return __rz_register(ring, IORING_REGISTER_ENABLE_RINGS, NULL, 0);
}

/*
 * Close the ring's fd once it is registered, so it cannot be inherited or
 * dup'ed; the ring lives on through its registered index (6.3,
 * IORING_FEAT_REG_REG_RING). Returns 1, or -EOPNOTSUPP (kernel too old),
 * -EINVAL (ring fd not registered), -EBADF (already closed).
 */
int io_uring_close_ring_fd(struct io_uring *ring)
{
	if (!(ring->features & IORING_FEAT_REG_REG_RING))
		return -EOPNOTSUPP;
	if (!(ring->int_flags & RINGZERO_INT_REG_RING))
		return -EINVAL;
	if (ring->ring_fd == -1)
		return -EBADF;
	close(ring->ring_fd);
	ring->ring_fd = -1;
	return 1;
}

/*
 * Grow or shrink a live ring (6.13; the kernel wants DEFER_TASKRUN). The
 * kernel copies pending SQEs and CQEs into the new rings; we remap. 0 or
 * -errno: -EINVAL (NO_MMAP ring, bad sizes), -EOVERFLOW (too many pending
 * CQEs for the new CQ), -EEXIST... as the kernel says.
 *
 * p->flags may hold only IORING_SETUP_CQSIZE and IORING_SETUP_CLAMP. The
 * kernel writes the ring's own flags back into p; as liburing 2.15 does,
 * p->flags is 0 again on return once the kernel has seen p, so that p can
 * be passed again (set CQSIZE again to keep a CQ size of your own).
 */
int io_uring_resize_rings(struct io_uring *ring, struct io_uring_params *p)
{
	struct io_uring_sq *sq = &ring->sq;
	size_t sqe_size = sizeof(struct io_uring_sqe);
	unsigned sqe_head = sq->sqe_head, sqe_tail = sq->sqe_tail;
	size_t old_sqes_sz;
	int ret;

	if (ring->flags & IORING_SETUP_NO_MMAP)
		return -EINVAL;
	if (ring->ring_fd < 0)
		return -EBADF;	/* nothing left to mmap the new rings from */
	if (ring->flags & IORING_SETUP_SQE128)
		sqe_size *= 2;
	/*
	 * Publish SQEs that were prepared but not submitted: the kernel
	 * copies published entries into the new ring, unpublished ones would
	 * vanish with the old SQE array.
	 */
	io_uring_smp_store_release(sq->ktail, sqe_tail);
	sqe_head = sqe_tail;
	old_sqes_sz = sq->ring_entries * sqe_size;

	memset(&p->sq_off, 0, sizeof(p->sq_off));
	memset(&p->cq_off, 0, sizeof(p->cq_off));
	ret = __rz_register(ring, IORING_REGISTER_RESIZE_RINGS, p, 1);
	if (ret < 0)
		goto out;

	munmap(sq->sqes, old_sqes_sz);
	__rz_unmap_rings(ring);
	memset(&ring->sq, 0, sizeof(ring->sq));
	memset(&ring->cq, 0, sizeof(ring->cq));
	/* p now describes the new rings, with the ring's own flags. */
	p->flags |= ring->flags;
	p->features = ring->features;
	ret = __rz_mmap_rings(ring->ring_fd, p, &ring->sq, &ring->cq);
	if (ret)
		goto out;
	ring->sq.sqe_head = sqe_head;
	ring->sq.sqe_tail = sqe_tail;
out:
	p->flags = 0;
	return ret;
}
