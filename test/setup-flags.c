// SPDX-License-Identifier: MIT
/*
 * Description: every io_uring_setup() flag the kernel accepts, one table row
 * each: the ring is created, reports the flag in ring.flags, moves real
 * bytes to a file, and shows the behaviour the flag promises (SQ thread
 * pinned to its CPU, CQ sized as asked, sizes clamped, disabled ring refusing
 * work until enabled, SUBMIT_ALL going past a bad SQE, 128-byte SQEs and
 * 32-byte CQEs laid out as such, a second submitter refused, deferred task
 * work held back until we enter, NO_MMAP rings with no mapping to be had,
 * a ring without any fd, no SQ index array, one shared ring mapping).
 * Rows whose flag the kernel predates are reported and the test skips.
 */
#include <dirent.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include "helpers.h"

struct row;

/* What a row's check gets: the ring and a temp file to do I/O on. */
struct ctx {
	struct io_uring *ring;
	struct io_uring_params *p;
	int fd;
	const char *path;
};

struct row {
	const char *name;
	unsigned flags;
	int major, minor;		/* first kernel with the flag */
	void (*params)(struct io_uring_params *p);	/* extra setup */
	void (*check)(struct ctx *c);	/* what the flag promises */
	bool no_io;			/* the generic write-back check is wrong */
};

/* Write a row-specific string through the ring and read it back. */
static void check_io(struct ctx *c, const char *what)
{
	size_t len = strlen(what);
	char buf[64];

	io_uring_prep_write(t_sqe(c->ring), c->fd, what, (unsigned)len, 0);
	CHECK_EQ(t_submit_one(c->ring), len);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(c->fd, buf, sizeof(buf), 0), len);
	CHECK(!memcmp(buf, what, len));
}

/* SQPOLL + SQ_AFF: the SQ thread exists and may run on CPU 0 only. */
static void params_sqpoll(struct io_uring_params *p)
{
	p->sq_thread_cpu = 0;
	p->sq_thread_idle = 20;
}

static void check_sqpoll(struct ctx *c)
{
	char dirpath[64], comm[64];
	int found = 0;
	struct dirent *de;
	DIR *d;

	/* The SQ thread is one of our tasks (5.12+), named iou-sqp-PID. */
	snprintf(dirpath, sizeof(dirpath), "/proc/%d/task", (int)getpid());
	d = opendir(dirpath);
	CHECK(d != NULL);
	while ((de = readdir(d))) {
		char path[128];
		cpu_set_t set;
		FILE *f;
		pid_t tid = atoi(de->d_name);

		if (tid <= 0)
			continue;
		snprintf(path, sizeof(path), "%s/%d/comm", dirpath, tid);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(comm, sizeof(comm), f))
			comm[0] = 0;
		fclose(f);
		if (strncmp(comm, "iou-sqp-", 8))
			continue;
		found = 1;
		CHECK_SYS(sched_getaffinity(tid, sizeof(set), &set));
		CHECK_EQ(CPU_COUNT(&set), 1);
		CHECK(CPU_ISSET(0, &set));
	}
	closedir(d);
	CHECK(found);
	CHECK_EQ(c->p->sq_thread_idle, 20);
}

/*
 * IOPOLL: reads must be O_DIRECT on a device with poll queues. Whether the
 * file's block device has them (queue/io_poll; virtio-blk has none by
 * default) decides what a polled read may answer.
 */
static int device_polls(const char *path)
{
	char sys[128];
	struct stat st;
	FILE *f;
	int v = -1;

	if (stat(path, &st))
		return -1;
	snprintf(sys, sizeof(sys), "/sys/dev/block/%u:%u/queue/io_poll",
		 major(st.st_dev), minor(st.st_dev));
	f = fopen(sys, "r");
	if (!f) {
		/* A partition: the queue belongs to the parent disk. */
		snprintf(sys, sizeof(sys),
			 "/sys/dev/block/%u:%u/../queue/io_poll",
			 major(st.st_dev), minor(st.st_dev));
		f = fopen(sys, "r");
	}
	if (!f)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static void check_iopoll(struct ctx *c)
{
	void *buf;
	int dfd, res, polls;

	/* NOP completes on a polled ring too, reaped through enter. */
	io_uring_prep_nop(t_sqe(c->ring));
	CHECK_EQ(t_submit_one(c->ring), 0);

	CHECK_EQ(pwrite(c->fd, "x", 1, 8191), 1);
	dfd = open(c->path, O_RDONLY | O_DIRECT);
	if (dfd < 0) {
		printf("iopoll: %s has no O_DIRECT (%s): ring and NOP only\n",
		       c->path, strerror(errno));
		return;
	}
	CHECK(!posix_memalign(&buf, 4096, 4096));
	io_uring_prep_read(t_sqe(c->ring), dfd, buf, 4096, 4096);
	res = t_submit_one(c->ring);
	polls = device_polls(c->path);
	printf("iopoll: O_DIRECT read res %d, device io_poll %d\n", res, polls);
	/*
	 * A device with poll queues must serve the read. One without: newer
	 * kernels refuse the polled read (-EOPNOTSUPP), older ones (6.1)
	 * quietly complete it by interrupt instead.
	 */
	if (polls == 1)
		CHECK_EQ(res, 4096);
	else
		CHECK(res == 4096 || res == -EOPNOTSUPP);
	if (res == 4096)
		CHECK_EQ(((char *)buf)[4095], 'x');
	free(buf);
	close(dfd);
}

/* CQSIZE: the CQ gets cq_entries rounded up to a power of two. */
static void params_cqsize(struct io_uring_params *p)
{
	p->cq_entries = 100;
}

static void check_cqsize(struct ctx *c)
{
	struct io_uring_params bad = { .flags = IORING_SETUP_CQSIZE };
	struct io_uring r;

	CHECK_EQ(c->ring->cq.ring_entries, 128);
	CHECK_EQ(c->p->cq_entries, 128);
	CHECK_EQ(c->ring->sq.ring_entries, 8);
	/* Zero CQ entries, or fewer than SQ entries, are refused. */
	CHECK_EQ(io_uring_queue_init_params(8, &r, &bad), -EINVAL);
	bad.cq_entries = 4;
	CHECK_EQ(io_uring_queue_init_params(8, &r, &bad), -EINVAL);
}

/* CLAMP: sizes past the maximum are cut to it instead of refused. */
static void params_clamp(struct io_uring_params *p)
{
	p->cq_entries = 1U << 30;
}

static void check_clamp(struct ctx *c)
{
	struct io_uring_params p = { .flags = IORING_SETUP_CQSIZE,
				     .cq_entries = 1U << 30 };
	struct io_uring r;

	CHECK_EQ(c->ring->cq.ring_entries, 65536);
	CHECK_EQ(io_uring_queue_init_params(8, &r, &p), -EINVAL);
	CHECK_EQ(io_uring_queue_init(65536, &r, 0), -EINVAL);
	/* An SQ asked too big is clamped to the kernel's 32768. */
	p.flags = IORING_SETUP_CLAMP;
	CHECK_OK(io_uring_queue_init_params(65536, &r, &p));
	CHECK_EQ(r.sq.ring_entries, 32768);
	CHECK_EQ(r.cq.ring_entries, 65536);
	io_uring_queue_exit(&r);
}

/* ATTACH_WQ: share another ring's async workers; wq_fd must be a ring. */
static struct io_uring attach_peer;

static void params_attach(struct io_uring_params *p)
{
	CHECK_OK(io_uring_queue_init(4, &attach_peer, 0));
	p->wq_fd = (__u32)attach_peer.ring_fd;
}

static void check_attach(struct ctx *c)
{
	struct io_uring_params p = { .flags = IORING_SETUP_ATTACH_WQ };
	struct io_uring_sqe *sqe;
	struct io_uring r;
	int fds[2];

	/* Forced to the (shared) io-wq: IOSQE_ASYNC. */
	sqe = t_sqe(c->ring);
	io_uring_prep_write(sqe, c->fd, "async", 5, 0);
	io_uring_sqe_set_flags(sqe, IOSQE_ASYNC);
	CHECK_EQ(t_submit_one(c->ring), 5);

	CHECK_SYS(pipe(fds));
	p.wq_fd = (__u32)fds[0];
	CHECK_EQ(io_uring_queue_init_params(4, &r, &p), -EINVAL);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&attach_peer);
}

/* R_DISABLED: nothing is accepted until io_uring_enable_rings(). */
static void check_disabled(struct ctx *c)
{
	io_uring_prep_nop(t_sqe(c->ring));
	CHECK_EQ(io_uring_submit(c->ring), -EBADFD);
	CHECK_EQ(io_uring_enable_rings(c->ring), 0);
	/* The refused SQE is still queued: it goes now. */
	CHECK_EQ(t_submit_one(c->ring), 0);
	CHECK_EQ(io_uring_enable_rings(c->ring), -EBADFD);
}

/*
 * SUBMIT_ALL: an SQE that fails at submission (an opcode no kernel has)
 * does not stop the batch. Without the flag the kernel stops right after it.
 */
static unsigned submit_bad_batch(struct io_uring *ring, int fd)
{
	static const char data[] = "ABC";
	struct io_uring_sqe *sqe;
	unsigned i;

	for (i = 0; i < 3; i++) {
		sqe = t_sqe(ring);
		io_uring_prep_write(sqe, fd, data + i, 1, i);
		io_uring_sqe_set_data64(sqe, i);
		/* The middle one: an opcode past every kernel's last. */
		if (i == 1)
			sqe->opcode = 0xff;
	}
	return (unsigned)io_uring_submit(ring);
}

static void check_submit_all(struct ctx *c)
{
	int res[3] = { 1, 1, 1 };
	unsigned i;

	CHECK_SYS(ftruncate(c->fd, 0));
	CHECK_EQ(submit_bad_batch(c->ring, c->fd), 3);
	for (i = 0; i < 3; i++) {
		struct io_uring_cqe *cqe = t_wait(c->ring);

		res[cqe->user_data] = cqe->res;
		io_uring_cqe_seen(c->ring, cqe);
	}
	CHECK_EQ(res[0], 1);
	CHECK_EQ(res[1], -EINVAL);
	CHECK_EQ(res[2], 1);
	{
		char buf[4] = { 0 };

		CHECK_EQ(pread(c->fd, buf, 3, 0), 3);
		CHECK(buf[0] == 'A' && buf[1] == 0 && buf[2] == 'C');
	}
}

/* The same batch on a ring without SUBMIT_ALL stops after the bad SQE. */
static void check_no_submit_all(void)
{
	struct io_uring ring;
	char path[256];
	int fd, res[3] = { 1, 1, 1 };

	fd = t_tmpfile(path, NULL, 0);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	CHECK_EQ(submit_bad_batch(&ring, fd), 2);
	CHECK_EQ(io_uring_sq_ready(&ring), 1);
	/* The third is left in the SQ; the next submit takes it. */
	t_submit_reap(&ring, 1, res, 3);
	{
		struct io_uring_cqe *cqe;

		while (io_uring_peek_cqe(&ring, &cqe) == 0) {
			res[cqe->user_data] = cqe->res;
			io_uring_cqe_seen(&ring, cqe);
		}
	}
	CHECK_EQ(res[0], 1);
	CHECK_EQ(res[1], -EINVAL);
	CHECK_EQ(res[2], 1);
	io_uring_queue_exit(&ring);
	close(fd);
	unlink(path);
}

/*
 * TASKRUN_FLAG: a completion that needs task work raises IORING_SQ_TASKRUN,
 * and a plain peek must then enter the kernel to run it. A poll on a pipe
 * is the completion: our own write() wakes it, so the task work is queued
 * before write() returns (a read might be finished by an io-wq worker at
 * some later moment instead). With DEFER_TASKRUN the work waits for us, so
 * the flag is certain to be up; with COOP_TASKRUN the kernel may already
 * have run it on our way back from write(), and then the CQE is simply
 * there. Either way peek finds it.
 */
static void check_taskrun_flag(struct ctx *c)
{
	struct io_uring_cqe *cqe;
	int fds[2];

	CHECK_SYS(pipe(fds));
	io_uring_prep_poll_add(t_sqe(c->ring), fds[0], POLLIN);
	CHECK_EQ(io_uring_submit(c->ring), 1);
	CHECK_EQ(io_uring_cq_ready(c->ring), 0);
	CHECK_EQ(write(fds[1], "tw", 2), 2);
	if (c->ring->flags & IORING_SETUP_DEFER_TASKRUN) {
		CHECK(IO_URING_READ_ONCE(*c->ring->sq.kflags) &
		      IORING_SQ_TASKRUN);
		CHECK_EQ(io_uring_cq_ready(c->ring), 0);
	}
	CHECK_EQ(io_uring_peek_cqe(c->ring, &cqe), 0);
	CHECK(cqe->res & POLLIN);
	io_uring_cqe_seen(c->ring, cqe);
	CHECK(!(IO_URING_READ_ONCE(*c->ring->sq.kflags) & IORING_SQ_TASKRUN));
	close(fds[0]);
	close(fds[1]);
}

/* SQE128: SQEs are 128 bytes apart and handed out fully cleared. */
static void check_sqe128(struct ctx *c)
{
	struct io_uring_sqe *a, *b;
	unsigned i, n = c->ring->sq.ring_entries;

	/* Dirty every slot, both halves, then take them all. */
	memset(c->ring->sq.sqes, 0xa5, 2 * n * sizeof(struct io_uring_sqe));
	a = t_sqe(c->ring);
	b = t_sqe(c->ring);
	CHECK_EQ((char *)b - (char *)a, 128);
	for (i = 0; i < 128; i++)
		CHECK_EQ(((unsigned char *)a)[i], 0);
	io_uring_prep_nop(a);
	io_uring_prep_nop(b);
	CHECK_EQ(io_uring_submit_and_wait(c->ring, 2), 2);
	io_uring_cq_advance(c->ring, 2);
}

/* CQE32: CQEs are 32 bytes apart; a plain CQE's extra half is zero. */
static void check_cqe32(struct ctx *c)
{
	struct io_uring_cqe *cqes[2];

	io_uring_prep_nop(t_sqe(c->ring));
	io_uring_prep_nop(t_sqe(c->ring));
	CHECK_EQ(io_uring_submit_and_wait(c->ring, 2), 2);
	CHECK_EQ(io_uring_peek_batch_cqe(c->ring, cqes, 2), 2);
	CHECK_EQ((char *)cqes[1] - (char *)cqes[0], 32);
	CHECK_EQ(cqes[0]->big_cqe[0], 0);
	CHECK_EQ(cqes[0]->big_cqe[1], 0);
	/* The CQE loop and the iterator step 32 bytes as well. */
	{
		struct io_uring_cqe_iter it = io_uring_cqe_iter_init(c->ring);
		struct io_uring_cqe *cqe;
		unsigned head, n = 0;

		io_uring_for_each_cqe(c->ring, head, cqe)
			CHECK(cqe == cqes[n++]);
		CHECK_EQ(n, 2);
		n = 0;
		while (io_uring_cqe_iter_next(&it, &cqe))
			CHECK(cqe == cqes[n++]);
		CHECK_EQ(n, 2);
	}
	io_uring_cq_advance(c->ring, 2);
}

/* SINGLE_ISSUER: a second task submitting gets -EEXIST. */
static void *submit_from_thread(void *arg)
{
	return (void *)(intptr_t)io_uring_submit(arg);
}

static void check_single_issuer(struct ctx *c)
{
	pthread_t t;
	void *ret;

	/* We submitted first (generic check), so we are the issuer. */
	io_uring_prep_nop(t_sqe(c->ring));
	CHECK(!pthread_create(&t, NULL, submit_from_thread, c->ring));
	CHECK(!pthread_join(t, &ret));
	CHECK_EQ((intptr_t)ret, -EEXIST);
	/* The refused NOP is still queued; its owner submits it. */
	CHECK_EQ(t_submit_one(c->ring), 0);
}

/*
 * DEFER_TASKRUN: completions that need task work are only posted when we
 * enter the kernel asking for events (a poll woken by our own write()).
 */
static void check_defer(struct ctx *c)
{
	int fds[2];

	CHECK_SYS(pipe(fds));
	io_uring_prep_poll_add(t_sqe(c->ring), fds[0], POLLIN);
	CHECK_EQ(io_uring_submit(c->ring), 1);
	CHECK_EQ(write(fds[1], "dt", 2), 2);
	CHECK_EQ(io_uring_cq_ready(c->ring), 0);
	CHECK_EQ(io_uring_get_events(c->ring), 0);
	CHECK_EQ(io_uring_cq_ready(c->ring), 1);
	io_uring_cq_advance(c->ring, 1);
	close(fds[0]);
	close(fds[1]);
	{
		struct io_uring_params p = {
			.flags = IORING_SETUP_DEFER_TASKRUN };
		struct io_uring r;

		/* DEFER_TASKRUN without SINGLE_ISSUER is refused. */
		CHECK_EQ(io_uring_queue_init_params(4, &r, &p), -EINVAL);
	}
}

/* NO_MMAP: the rings live in our memory; the fd has nothing to map. */
static void check_no_mmap(struct ctx *c)
{
	void *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, c->ring->ring_fd,
		       IORING_OFF_SQ_RING);

	/* 6.5-6.12 say EINVAL; the region code of 6.13+ says ENOMEM. */
	CHECK(m == MAP_FAILED);
	CHECK(errno == EINVAL || errno == ENOMEM);
}

/* NO_MMAP in memory the caller hands over: io_uring_queue_init_mem. */
static void *init_mem_buf;
static size_t init_mem_size;

static int init_mem(unsigned entries, struct io_uring *ring,
		    struct io_uring_params *p)
{
	ssize_t size = io_uring_memory_size_params(entries, p);
	int ret;

	CHECK_OK(size);
	init_mem_size = (size_t)size;
	init_mem_buf = mmap(NULL, init_mem_size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(init_mem_buf != MAP_FAILED);
	ret = io_uring_queue_init_mem(entries, ring, p, init_mem_buf,
				      init_mem_size);
	if (ret >= 0) {
		CHECK_EQ(ret, size);
		CHECK(ring->sq.sqes == init_mem_buf);
		return 0;
	}
	munmap(init_mem_buf, init_mem_size);
	init_mem_buf = NULL;
	return ret;
}

/* REGISTERED_FD_ONLY: no ring fd at all, only the registered index. */
static void check_fd_only(struct ctx *c)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_REGISTERED_FD_ONLY };
	struct io_uring r;

	CHECK_EQ(c->ring->ring_fd, -1);
	CHECK(c->ring->enter_ring_fd >= 0);
	/* Registering and probing go through the index too. */
	{
		struct io_uring_probe *probe = io_uring_get_probe_ring(c->ring);

		CHECK(probe != NULL);
		CHECK(io_uring_opcode_supported(probe, IORING_OP_WRITE));
		io_uring_free_probe(probe);
	}
	/* Without NO_MMAP there would be nothing to map the rings from. */
	CHECK_EQ(io_uring_queue_init_params(4, &r, &p), -EINVAL);
}

/* NO_SQARRAY: slot i is SQE i; there is no index array to fill. */
static void check_no_sqarray(struct ctx *c)
{
	CHECK(c->ring->sq.array == NULL);
	CHECK_EQ(c->p->sq_off.array, 0);
}

/* Single mmap: one mapping holds both rings (IORING_FEAT_SINGLE_MMAP). */
static void check_single_mmap(struct ctx *c)
{
	CHECK(c->ring->features & IORING_FEAT_SINGLE_MMAP);
	CHECK(c->ring->sq.ring_ptr == c->ring->cq.ring_ptr);
	CHECK(c->ring->sq.ring_sz == c->ring->cq.ring_sz);
}

#define SQ_AFF_FLAGS	(IORING_SETUP_SQPOLL | IORING_SETUP_SQ_AFF)
#define DEFER_FLAGS	(IORING_SETUP_SINGLE_ISSUER | \
			 IORING_SETUP_DEFER_TASKRUN)

static const struct row rows[] = {
	{ "plain", 0, 5, 1, NULL, check_single_mmap, false },
	{ "SQPOLL+SQ_AFF+idle", SQ_AFF_FLAGS, 5, 11, params_sqpoll,
	  check_sqpoll, false },
	{ "IOPOLL", IORING_SETUP_IOPOLL, 5, 1, NULL, check_iopoll, true },
	{ "CQSIZE", IORING_SETUP_CQSIZE, 5, 5, params_cqsize, check_cqsize,
	  false },
	{ "CLAMP", IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP, 5, 6,
	  params_clamp, check_clamp, false },
	{ "ATTACH_WQ", IORING_SETUP_ATTACH_WQ, 5, 6, params_attach,
	  check_attach, false },
	{ "R_DISABLED", IORING_SETUP_R_DISABLED, 5, 10, NULL, check_disabled,
	  true },
	{ "SUBMIT_ALL", IORING_SETUP_SUBMIT_ALL, 5, 18, NULL,
	  check_submit_all, false },
	{ "COOP_TASKRUN", IORING_SETUP_COOP_TASKRUN, 5, 19, NULL, NULL,
	  false },
	{ "COOP_TASKRUN+TASKRUN_FLAG",
	  IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG, 5, 19, NULL,
	  check_taskrun_flag, false },
	{ "SQE128", IORING_SETUP_SQE128, 5, 19, NULL, check_sqe128, false },
	{ "CQE32", IORING_SETUP_CQE32, 5, 19, NULL, check_cqe32, false },
	{ "SINGLE_ISSUER", IORING_SETUP_SINGLE_ISSUER, 6, 0, NULL,
	  check_single_issuer, false },
	{ "DEFER_TASKRUN", DEFER_FLAGS, 6, 1, NULL, check_defer, false },
	{ "DEFER_TASKRUN+TASKRUN_FLAG", DEFER_FLAGS |
	  IORING_SETUP_TASKRUN_FLAG, 6, 1, NULL, check_taskrun_flag, false },
	{ "NO_MMAP", IORING_SETUP_NO_MMAP, 6, 5, NULL, check_no_mmap, false },
	{ "NO_MMAP+REGISTERED_FD_ONLY", IORING_SETUP_NO_MMAP |
	  IORING_SETUP_REGISTERED_FD_ONLY, 6, 5, NULL, check_fd_only, false },
	{ "NO_SQARRAY", IORING_SETUP_NO_SQARRAY, 6, 6, NULL,
	  check_no_sqarray, false },
	{ "SQPOLL+NO_SQARRAY", IORING_SETUP_SQPOLL | IORING_SETUP_NO_SQARRAY,
	  6, 6, NULL, check_no_sqarray, false },
	{ "DEFER_TASKRUN+NO_MMAP+SQE128+CQE32", DEFER_FLAGS |
	  IORING_SETUP_NO_MMAP | IORING_SETUP_SQE128 | IORING_SETUP_CQE32, 6,
	  5, NULL, check_cqe32, false },
};

/* Rows that create their ring with io_uring_queue_init_mem instead. */
static const struct row mem_rows[] = {
	{ "NO_MMAP via io_uring_queue_init_mem", IORING_SETUP_NO_MMAP, 6, 5,
	  NULL, check_no_mmap, false },
	{ "NO_MMAP+REGISTERED_FD_ONLY via io_uring_queue_init_mem",
	  IORING_SETUP_NO_MMAP | IORING_SETUP_REGISTERED_FD_ONLY, 6, 5, NULL,
	  check_fd_only, false },
};

static void run_row(const struct row *r, bool use_mem)
{
	struct io_uring_params p = { .flags = r->flags };
	struct io_uring ring;
	char path[256];
	struct ctx c = { &ring, &p, -1, path };
	int ret;

	if (r->params)
		r->params(&p);
	ret = use_mem ? init_mem(8, &ring, &p) :
			io_uring_queue_init_params(8, &ring, &p);
	if (ret < 0 && t_lacks(ret, r->name, r->major, r->minor)) {
		printf("%-55s kernel lacks it\n", r->name);
		if (r->params == params_attach)
			io_uring_queue_exit(&attach_peer);
		return;
	}
	if (ret < 0)
		FAIL("%s: setup: %s", r->name, strerror(-ret));
	/* The ring records what it was made with. */
	if ((ring.flags & r->flags) != r->flags)
		FAIL("%s: ring.flags %#x lacks %#x", r->name, ring.flags,
		     r->flags);
	c.fd = t_tmpfile(path, NULL, 0);
	if (!r->no_io)
		check_io(&c, r->name);
	if (r->check)
		r->check(&c);
	io_uring_queue_exit(&ring);
	CHECK_EQ(ring.ring_fd, -1);
	if (use_mem && init_mem_buf) {
		munmap(init_mem_buf, init_mem_size);
		init_mem_buf = NULL;
	}
	close(c.fd);
	unlink(path);
	printf("%-55s ok\n", r->name);
}

int main(int argc, char **argv)
{
	size_t i;

	(void)argc;
	t_init(argv[0]);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		run_row(&rows[i], false);
	for (i = 0; i < sizeof(mem_rows) / sizeof(mem_rows[0]); i++)
		run_row(&mem_rows[i], true);
	check_no_submit_all();
	return t_done();
}
