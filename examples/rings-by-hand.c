// SPDX-License-Identifier: MIT
/*
 * rings-by-hand.c - io_uring with no library at all (tour, chapter 1).
 *
 * Usage: rings-by-hand [--two-mmaps] [--no-sqarray] [--sqpoll] FILE
 *
 * Sets up a ring with the raw io_uring_setup(2) system call, maps the
 * shared memory the kernel hands back, prints the layout it got (entries,
 * the offsets of every field inside the mappings, the mapping sizes), then
 * submits a NOP and a read of FILE's first bytes by writing SQEs and moving
 * the SQ tail itself, and reaps both CQEs by reading the CQ ring.
 * --two-mmaps maps the CQ ring on its own even where the kernel offers
 * one mapping for both, as programs for kernels before 5.4 had to.
 * --no-sqarray asks for IORING_SETUP_NO_SQARRAY (6.6): no SQ index array.
 * --sqpoll asks for IORING_SETUP_SQPOLL: a kernel thread reads the SQ; the
 * program waits until that thread has gone to sleep, shows that a
 * published SQE then stays unread, and wakes the thread the way every
 * SQPOLL program must.
 *
 * Only the kernel ABI comes from ringzero (ringzero/io_uring.h: the struct
 * layouts and constants, which Debian's older <linux/io_uring.h> would
 * also do for this program); no libringzero function is called. Lines
 * between "@tour" markers are quoted by the tour (docs/tour/).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "ringzero/io_uring.h"
#include "threads.h"

#define RING_ENTRIES	4	/* the kernel rounds up to a power of two */
#define READ_SIZE	4096
#define UDATA_NOP	0x1111	/* user_data: how we tell the CQEs apart */
#define UDATA_READ	0x2222
#define SQ_THREAD_IDLE	10	/* ms the SQPOLL thread spins before sleeping */

// @tour-begin syscalls
/*
 * glibc has no wrappers for io_uring, so the calls go through syscall(2),
 * which returns -1 and sets errno; we turn that into -errno like the rest
 * of ringzero.
 */
static int sys_io_uring_setup(unsigned entries, struct io_uring_params *p)
{
	long ret = syscall(__NR_io_uring_setup, entries, p);

	return ret < 0 ? -errno : (int)ret;
}

static int sys_io_uring_enter(int fd, unsigned to_submit,
			      unsigned min_complete, unsigned flags)
{
	/* The last two arguments are a signal mask and its size: none. */
	long ret = syscall(__NR_io_uring_enter, fd, to_submit, min_complete,
			   flags, NULL, 0);

	return ret < 0 ? -errno : (int)ret;
}
// @tour-end syscalls

// @tour-begin barriers
/*
 * The ring indices are shared with the kernel, which runs on other CPUs at
 * the same time. A producer fills entries and then moves the tail; the
 * consumer reads the tail and then the entries. Two C11 orderings make
 * that safe: a store-release of an index is never seen before the writes
 * that precede it, and a load-acquire of an index is never overtaken by
 * the reads that follow it.
 */
static unsigned load_acquire(const unsigned *p)
{
	return atomic_load_explicit((const _Atomic unsigned *)p,
				    memory_order_acquire);
}

static void store_release(unsigned *p, unsigned v)
{
	atomic_store_explicit((_Atomic unsigned *)p, v, memory_order_release);
}
// @tour-end barriers

// @tour-begin struct
/* Everything we learn about one ring, as pointers into its mappings. */
struct ring {
	int fd;
	struct io_uring_params p;	/* what io_uring_setup() filled in */
	bool single_mmap;		/* SQ and CQ ring share one mapping */
	void *sq_map, *cq_map;		/* the ring mappings */
	size_t sq_map_len, cq_map_len;
	struct io_uring_sqe *sqes;	/* the SQE array, its own mapping */
	size_t sqes_len;

	unsigned *sq_head, *sq_tail, *sq_mask, *sq_flags;
	unsigned *sq_array;		/* NULL with IORING_SETUP_NO_SQARRAY */
	unsigned *cq_head, *cq_tail, *cq_mask;
	struct io_uring_cqe *cqes;
};
// @tour-end struct

// @tour-begin map
/*
 * Map what io_uring_setup() created: 0 or -errno. two_mmaps: map the CQ
 * ring separately even when one mapping would do.
 */
static int map_ring(struct ring *r, bool two_mmaps)
{
	struct io_uring_params *p = &r->p;
	int prot = PROT_READ | PROT_WRITE;
	int flags = MAP_SHARED | MAP_POPULATE;

	/*
	 * The SQ ring ends with the index array (one u32 per SQE slot), the
	 * CQ ring with the CQE array. The offsets say where each field sits.
	 * Without the index array (IORING_SETUP_NO_SQARRAY, 6.6) sq_off.array
	 * is 0 and the SQ fields are part of the header the CQ ring starts
	 * with, so the region, for either offset, ends with the CQEs.
	 */
	r->cq_map_len = p->cq_off.cqes +
			p->cq_entries * sizeof(struct io_uring_cqe);
	if (p->flags & IORING_SETUP_NO_SQARRAY)
		r->sq_map_len = r->cq_map_len;
	else
		r->sq_map_len = p->sq_off.array +
				p->sq_entries * sizeof(__u32);

	/*
	 * Since 5.4 both rings live in one region that either offset maps
	 * (IORING_FEAT_SINGLE_MMAP): map it once, as large as the larger.
	 */
	r->single_mmap = (p->features & IORING_FEAT_SINGLE_MMAP) && !two_mmaps;
	if (r->single_mmap) {
		if (r->cq_map_len > r->sq_map_len)
			r->sq_map_len = r->cq_map_len;
		r->cq_map_len = r->sq_map_len;
	}
	r->sq_map = mmap(NULL, r->sq_map_len, prot, flags, r->fd,
			 IORING_OFF_SQ_RING);
	if (r->sq_map == MAP_FAILED)
		return -errno;
	if (r->single_mmap) {
		r->cq_map = r->sq_map;
	} else {
		r->cq_map = mmap(NULL, r->cq_map_len, prot, flags, r->fd,
				 IORING_OFF_CQ_RING);
		if (r->cq_map == MAP_FAILED)
			return -errno;
	}

	/* The SQEs themselves are a third mapping, an array of 64 bytes. */
	r->sqes_len = p->sq_entries * sizeof(struct io_uring_sqe);
	r->sqes = mmap(NULL, r->sqes_len, prot, flags, r->fd,
		       IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED)
		return -errno;

	r->sq_head = (unsigned *)((char *)r->sq_map + p->sq_off.head);
	r->sq_tail = (unsigned *)((char *)r->sq_map + p->sq_off.tail);
	r->sq_mask = (unsigned *)((char *)r->sq_map + p->sq_off.ring_mask);
	r->sq_flags = (unsigned *)((char *)r->sq_map + p->sq_off.flags);
	if (!(p->flags & IORING_SETUP_NO_SQARRAY))
		r->sq_array = (unsigned *)((char *)r->sq_map + p->sq_off.array);
	r->cq_head = (unsigned *)((char *)r->cq_map + p->cq_off.head);
	r->cq_tail = (unsigned *)((char *)r->cq_map + p->cq_off.tail);
	r->cq_mask = (unsigned *)((char *)r->cq_map + p->cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)((char *)r->cq_map + p->cq_off.cqes);
	return 0;
}
// @tour-end map

static void unmap_ring(struct ring *r)
{
	if (r->sqes && r->sqes != MAP_FAILED)
		munmap(r->sqes, r->sqes_len);
	if (r->cq_map && r->cq_map != MAP_FAILED && !r->single_mmap)
		munmap(r->cq_map, r->cq_map_len);
	if (r->sq_map && r->sq_map != MAP_FAILED)
		munmap(r->sq_map, r->sq_map_len);
	close(r->fd);
}

/* IORING_FEAT_* bits by name, for the layout report. */
static const char *const feature_names[] = {
	"SINGLE_MMAP", "NODROP", "SUBMIT_STABLE", "RW_CUR_POS",
	"CUR_PERSONALITY", "FAST_POLL", "POLL_32BITS", "SQPOLL_NONFIXED",
	"EXT_ARG", "NATIVE_WORKERS", "RSRC_TAGS", "CQE_SKIP", "LINKED_FILE",
	"REG_REG_RING", "RECVSEND_BUNDLE", "MIN_TIMEOUT", "RW_ATTR",
	"NO_IOWAIT",
};

static void print_layout(const struct ring *r)
{
	const struct io_uring_params *p = &r->p;
	unsigned bit;

	printf("io_uring_setup(%d) = fd %d, features %#x\n", RING_ENTRIES,
	       r->fd, p->features);
	printf("  features:");
	for (bit = 0; bit < 32; bit++) {
		if (!(p->features & (1U << bit)))
			continue;
		if (bit < sizeof(feature_names) / sizeof(feature_names[0]))
			printf(" %s", feature_names[bit]);
		else
			printf(" bit%u", bit);
	}
	printf("\n");
	printf("  entries: SQ %u, CQ %u\n", p->sq_entries, p->cq_entries);
	printf("  sq_off: head %u, tail %u, ring_mask %u, ring_entries %u, "
	       "flags %u, dropped %u, array %u\n", p->sq_off.head,
	       p->sq_off.tail, p->sq_off.ring_mask, p->sq_off.ring_entries,
	       p->sq_off.flags, p->sq_off.dropped, p->sq_off.array);
	printf("  cq_off: head %u, tail %u, ring_mask %u, ring_entries %u, "
	       "overflow %u, cqes %u, flags %u\n", p->cq_off.head,
	       p->cq_off.tail, p->cq_off.ring_mask, p->cq_off.ring_entries,
	       p->cq_off.overflow, p->cq_off.cqes, p->cq_off.flags);
	if (r->single_mmap)
		printf("  mmap: SQ+CQ rings %zu bytes at IORING_OFF_SQ_RING "
		       "(one mapping: IORING_FEAT_SINGLE_MMAP)\n",
		       r->sq_map_len);
	else
		printf("  mmap: SQ ring %zu bytes, CQ ring %zu bytes "
		       "(two mappings)\n", r->sq_map_len, r->cq_map_len);
	printf("  mmap: SQE array %zu bytes (%u x %zu) at IORING_OFF_SQES\n",
	       r->sqes_len, p->sq_entries, sizeof(struct io_uring_sqe));
	printf("  masks: SQ %#x, CQ %#x\n", *r->sq_mask, *r->cq_mask);
}

// @tour-begin submit
/*
 * Claim the next free SQE: NULL when all slots hold entries the kernel has
 * not consumed yet. Only this thread writes the SQ tail, so a plain read
 * of it is enough; the head is the kernel's.
 */
static struct io_uring_sqe *get_sqe(struct ring *r)
{
	unsigned head = load_acquire(r->sq_head);
	unsigned tail = *r->sq_tail;
	unsigned index = tail & *r->sq_mask;
	struct io_uring_sqe *sqe;

	if (tail - head == r->p.sq_entries)
		return NULL;
	sqe = &r->sqes[index];
	memset(sqe, 0, sizeof(*sqe));
	/* The index array maps ring slots to SQEs; we keep it 1:1. */
	if (r->sq_array)
		r->sq_array[index] = index;
	return sqe;
}

/*
 * Publish one filled SQE. Release: the kernel must not see the new tail
 * before the SQE's contents (it reads the tail with an acquire). Without
 * SQPOLL the io_uring_enter() call would order this too; with an SQ
 * polling thread nothing else would.
 */
static void publish_sqe(struct ring *r)
{
	store_release(r->sq_tail, *r->sq_tail + 1);
}
// @tour-end submit

// @tour-begin reap
/*
 * Take the next CQE, if any, copying it out. Acquire on the tail pairs
 * with the kernel's release after it wrote the CQE; release on the head
 * tells the kernel the slot is free only after we have read it.
 */
static bool reap_cqe(struct ring *r, struct io_uring_cqe *out)
{
	unsigned head = *r->cq_head;

	if (head == load_acquire(r->cq_tail))
		return false;
	*out = r->cqes[head & *r->cq_mask];
	store_release(r->cq_head, head + 1);
	return true;
}
// @tour-end reap

// @tour-begin sqpoll
/*
 * With IORING_SETUP_SQPOLL a kernel thread, not io_uring_enter(), reads
 * the SQ: while it is awake, moving the tail is all a submission takes.
 * After sq_thread_idle milliseconds with nothing to do it sets
 * IORING_SQ_NEED_WAKEUP in the SQ ring's flags and sleeps, and from then
 * on only io_uring_enter() with IORING_ENTER_SQ_WAKEUP brings it back.
 * So after publishing, look at the flags: returns 1 if the thread had to
 * be woken, 0 if it was awake, or -errno.
 *
 * The fence: we store the tail and then load the flags; the thread
 * stores the flag and then loads the tail, with a full barrier between
 * (smp_mb__after_atomic() in io_sq_thread()). Release and acquire do not
 * stop a load from overtaking an earlier store, and if both sides' loads
 * did, we would see no flag while the thread saw the old tail and went
 * to sleep: our SQE would wait forever. A full fence on each side means
 * at least one of us sees the other's store.
 */
static int wake_sq_thread(struct ring *r)
{
	int ret;

	atomic_thread_fence(memory_order_seq_cst);
	if (!(atomic_load_explicit((_Atomic unsigned *)r->sq_flags,
				   memory_order_relaxed) &
	      IORING_SQ_NEED_WAKEUP))
		return 0;	/* awake: it will see the new tail itself */
	ret = sys_io_uring_enter(r->fd, 0, 0, IORING_ENTER_SQ_WAKEUP);
	return ret < 0 ? ret : 1;
}
// @tour-end sqpoll

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * Wait (up to 10 s) until the SQ polling thread sleeps: it has set
 * IORING_SQ_NEED_WAKEUP and the scheduler has it asleep ('S'), so nothing
 * but our wake-up can make it read the SQ. 0 or -ETIMEDOUT.
 */
static int wait_sq_thread_asleep(struct ring *r)
{
	char state;
	int i;

	for (i = 0; i < 10000; i++) {
		if ((load_acquire(r->sq_flags) & IORING_SQ_NEED_WAKEUP) &&
		    count_threads("iou-sqp-", &state) == 1 && state == 'S')
			return 0;
		sleep_ms(1);
	}
	return -ETIMEDOUT;
}

/* Report one completion; the read's data goes to stdout. */
static int show_cqe(const struct io_uring_cqe *cqe, const char *buf,
		    const char *path)
{
	if (cqe->user_data == UDATA_NOP) {
		printf("cqe: user_data %#llx (NOP), res %d\n",
		       (unsigned long long)cqe->user_data, cqe->res);
		return cqe->res;
	}
	if (cqe->user_data == UDATA_READ) {
		printf("cqe: user_data %#llx (READ), res %d\n",
		       (unsigned long long)cqe->user_data, cqe->res);
		if (cqe->res < 0)
			return cqe->res;
		printf("read %d bytes from %s:\n", cqe->res, path);
		fflush(stdout);
		if (write(STDOUT_FILENO, buf, (size_t)cqe->res) != cqe->res)
			return -EIO;
		return 0;
	}
	printf("cqe: unexpected user_data %#llx\n",
	       (unsigned long long)cqe->user_data);
	return -EPROTO;
}

static int reap_two(struct ring *r, char *buf, const char *path);
static int sqpoll_reap(struct ring *r, char *buf, const char *path);

// @tour-begin run
/* Submit a NOP and a read in one io_uring_enter(), then reap both. */
static int nop_and_read(struct ring *r, int fd, char *buf, const char *path)
{
	struct io_uring_sqe *sqe;
	int ret;

	sqe = get_sqe(r);
	sqe->opcode = IORING_OP_NOP;
	sqe->user_data = UDATA_NOP;
	publish_sqe(r);

	sqe = get_sqe(r);
	sqe->opcode = IORING_OP_READ;
	sqe->fd = fd;
	sqe->addr = (unsigned long)buf;	/* where the data goes */
	sqe->len = READ_SIZE;		/* at most this many bytes */
	sqe->off = 0;			/* file offset */
	sqe->user_data = UDATA_READ;
	publish_sqe(r);

	if (r->p.flags & IORING_SETUP_SQPOLL)
		return sqpoll_reap(r, buf, path);
	/* Consume 2 SQEs, and return once 2 CQEs are there. */
	ret = sys_io_uring_enter(r->fd, 2, 2, IORING_ENTER_GETEVENTS);
	if (ret < 0)
		return ret;
	printf("io_uring_enter: submitted %d\n", ret);
	return reap_two(r, buf, path);
}
// @tour-end run

/* Reap the NOP's and the read's CQEs: 0 or -errno. */
static int reap_two(struct ring *r, char *buf, const char *path)
{
	struct io_uring_cqe cqe;
	int ret, seen = 0, err = 0;

	while (seen < 2 && reap_cqe(r, &cqe)) {
		ret = show_cqe(&cqe, buf, path);
		if (ret < 0 && !err)
			err = ret;
		seen++;
	}
	if (seen != 2)
		return -EPROTO;
	return err;
}

/*
 * Under SQPOLL: the two SQEs are published while the thread sleeps. Show
 * that they stay unread, wake the thread, and wait for both CQEs.
 */
static int sqpoll_reap(struct ring *r, char *buf, const char *path)
{
	int ret;

	sleep_ms(50);
	printf("after 50 ms: SQ head %u, tail %u, CQ tail %u: "
	       "the sleeping thread has not read the SQ\n",
	       load_acquire(r->sq_head), *r->sq_tail,
	       load_acquire(r->cq_tail));
	// @tour-begin sqpoll-run
	ret = wake_sq_thread(r);
	if (ret < 0)
		return ret;
	printf("IORING_SQ_NEED_WAKEUP was %s\n", ret ?
	       "set: io_uring_enter(IORING_ENTER_SQ_WAKEUP)" : "clear");
	/* to_submit is ignored under SQPOLL; this only waits for 2 CQEs. */
	ret = sys_io_uring_enter(r->fd, 0, 2, IORING_ENTER_GETEVENTS);
	// @tour-end sqpoll-run
	if (ret < 0)
		return ret;
	return reap_two(r, buf, path);
}

static void usage(void)
{
	fprintf(stderr, "Usage: rings-by-hand [--two-mmaps] [--no-sqarray] "
		"[--sqpoll] FILE\n");
}

int main(int argc, char **argv)
{
	struct ring r = { .fd = -1 };
	static char buf[READ_SIZE];
	bool two_mmaps = false;
	unsigned flags = 0;
	const char *path;
	int i, fd, ret;

	for (i = 1; i < argc - 1; i++) {
		if (!strcmp(argv[i], "--two-mmaps"))
			two_mmaps = true;
		else if (!strcmp(argv[i], "--no-sqarray"))
			flags |= IORING_SETUP_NO_SQARRAY;
		else if (!strcmp(argv[i], "--sqpoll"))
			flags |= IORING_SETUP_SQPOLL;
		else
			break;
	}
	if (i != argc - 1 || argv[i][0] == '-') {
		usage();
		return 2;
	}
	path = argv[i];
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "rings-by-hand: %s: %s\n", path,
			strerror(errno));
		return 1;
	}

	// @tour-begin setup
	/* Zeroed params but for our flags; the kernel fills in the rest. */
	memset(&r.p, 0, sizeof(r.p));
	r.p.flags = flags;
	if (flags & IORING_SETUP_SQPOLL)
		r.p.sq_thread_idle = SQ_THREAD_IDLE;	/* ms */
	r.fd = sys_io_uring_setup(RING_ENTRIES, &r.p);
	// @tour-end setup
	if (r.fd < 0) {
		ret = r.fd;
		fprintf(stderr, "rings-by-hand: io_uring_setup: %s%s\n",
			strerror(-ret),
			ret == -ENOSYS ? " (kernel built without io_uring)" :
			ret == -EPERM ? " (io_uring disabled: see sysctl "
					"kernel.io_uring_disabled, or a seccomp "
					"filter)" :
			ret == -EINVAL && flags ? " (a flag this kernel does "
					"not know: NO_SQARRAY needs 6.6)" : "");
		return 1;
	}
	ret = map_ring(&r, two_mmaps);
	if (ret < 0) {
		fprintf(stderr, "rings-by-hand: mmap of the rings: %s\n",
			strerror(-ret));
		unmap_ring(&r);
		return 1;
	}
	print_layout(&r);
	if (flags & IORING_SETUP_SQPOLL) {
		ret = wait_sq_thread_asleep(&r);
		if (ret < 0) {
			fprintf(stderr, "rings-by-hand: the SQ thread never "
				"went to sleep\n");
			unmap_ring(&r);
			return 1;
		}
		printf("SQ thread iou-sqp-%d: asleep after %u ms idle, "
		       "IORING_SQ_NEED_WAKEUP set\n", (int)getpid(),
		       r.p.sq_thread_idle);
	}

	ret = nop_and_read(&r, fd, buf, path);
	unmap_ring(&r);
	close(fd);
	if (ret < 0) {
		fprintf(stderr, "rings-by-hand: %s: %s\n", path,
			strerror(-ret));
		return 1;
	}
	return 0;
}
