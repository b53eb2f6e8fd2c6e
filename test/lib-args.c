// SPDX-License-Identifier: MIT
/*
 * Description: arguments in and out behave as liburing 2.15's.
 * io_uring_register_buf_ring() adds its flags argument to reg->flags
 * (IOU_PBUF_RING_INC there gives CQEs with IORING_CQE_F_BUF_MORE);
 * io_uring_setup_buf_ring() sets *err to 0 on success and refuses an
 * entry count the kernel cannot take (0, not a power of two, over 32768)
 * and a group id outside 0..65535 with -EINVAL, as do unregister, head
 * and free; the prep helpers turn such an id into an SQE that completes
 * with -EINVAL rather than naming another group; io_uring_resize_rings()
 * leaves p->flags 0, so the same p works twice; after a failed
 * io_uring_queue_init*() ring_fd is -1 and io_uring_queue_exit() closes
 * nothing (fd 0 stays open); io_uring_submit_and_wait_reg() on a ring
 * without IORING_FEAT_EXT_ARG, or with a negative index, is -EINVAL and
 * submits nothing, and so are the timeout waits that cannot be honoured;
 * a failing io_uring_register_files() puts back the RLIMIT_NOFILE it
 * raised, a succeeding one keeps it.
 */
#include <sys/mman.h>
#include <sys/resource.h>

#include "ringmodes.h"
#include "sockets.h"

#define BGID	9
#define BSZ	1024

/* IOU_PBUF_RING_INC passed as the flags argument, reg->flags left 0. */
static void test_register_flags(void)
{
	static unsigned char buf[BSZ];
	struct io_uring_buf_reg reg = { .ring_entries = 2, .bgid = BGID };
	struct io_uring_buf_ring *br;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct io_uring ring;
	int fds[2], ret;

	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	br = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(br != MAP_FAILED);
	reg.ring_addr = (__u64)(uintptr_t)br;

	/* reg->flags is 16 bits: wider flags are refused, not cut. */
	CHECK_EQ(io_uring_register_buf_ring(&ring, &reg, 0x10000 |
					    IOU_PBUF_RING_INC), -EINVAL);
	CHECK_EQ(reg.flags, 0);

	ret = io_uring_register_buf_ring(&ring, &reg, IOU_PBUF_RING_INC);
	if (ret < 0 && t_lacks(ret, "IOU_PBUF_RING_INC", 6, 12))
		goto out;
	CHECK_EQ(ret, 0);
	CHECK_EQ(reg.flags, IOU_PBUF_RING_INC);	/* as liburing: added */

	io_uring_buf_ring_init(br);
	io_uring_buf_ring_add(br, buf, BSZ, 1, io_uring_buf_ring_mask(2), 0);
	io_uring_buf_ring_advance(br, 1);
	t_tcp_pair(fds);
	CHECK_EQ(write(fds[0], "0123456789", 10), 10);
	sqe = t_sqe(&ring);
	io_uring_prep_recv(sqe, fds[1], NULL, 100, 0);
	io_uring_sqe_set_flags(sqe, IOSQE_BUFFER_SELECT);
	io_uring_sqe_set_buf_group(sqe, BGID);
	CHECK_EQ(io_uring_submit(&ring), 1);
	cqe = t_reap(&ring, 5000);
	CHECK_EQ(cqe.res, 10);
	CHECK(cqe.flags & IORING_CQE_F_BUFFER);
	/* Only an incremental ring keeps a part-used buffer: BUF_MORE. */
	CHECK(cqe.flags & IORING_CQE_F_BUF_MORE);
	CHECK(!memcmp(buf, "0123456789", 10));
	t_close_pair(fds);
	CHECK_OK(io_uring_unregister_buf_ring(&ring, BGID));
out:
	munmap(br, 4096);
	io_uring_queue_exit(&ring);
}

/* What setup/free/unregister/head make of counts and group ids. */
static void test_setup_args(void)
{
	struct io_uring_buf_ring *br, *br5, *br6;
	struct io_uring ring;
	uint16_t head = 77;
	int err;

	CHECK_OK(io_uring_queue_init(8, &ring, 0));

	/* Success clears *err (callers test err, not only the pointer). */
	err = 12345;
	br5 = io_uring_setup_buf_ring(&ring, 8, 5, 0, &err);
	CHECK(br5);
	CHECK_EQ(err, 0);
	/* NULL err is allowed. */
	br6 = io_uring_setup_buf_ring(&ring, 8, 6, 0, NULL);
	CHECK(br6);

	/* Counts the kernel cannot take never reach mmap. */
	{
		static const unsigned bad[] = {
			0, 3, 65536, 1U << 30, 0x80000000U, 0xffffffffU,
		};
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			err = 0;
			CHECK(!io_uring_setup_buf_ring(&ring, bad[i], 20, 0,
						       &err));
			CHECK_EQ(err, -EINVAL);
		}
	}
	/* The largest ring the kernel allows works. */
	br = io_uring_setup_buf_ring(&ring, 32768, 21, 0, &err);
	CHECK(br);
	CHECK_EQ(err, 0);
	CHECK_OK(io_uring_free_buf_ring(&ring, br, 32768, 21));

	/* 65536 + 5 is refused, not taken as group 5 (which is in use). */
	err = 0;
	CHECK(!io_uring_setup_buf_ring(&ring, 8, 65536 + 5, 0, &err));
	CHECK_EQ(err, -EINVAL);
	CHECK(!io_uring_setup_buf_ring(&ring, 8, -1, 0, &err));
	CHECK_EQ(err, -EINVAL);
	CHECK(!io_uring_setup_buf_ring(&ring, 8, 30, 0x10000, &err));
	CHECK_EQ(err, -EINVAL);
	/* Group 65535 is the last valid one. */
	br = io_uring_setup_buf_ring(&ring, 8, 65535, 0, &err);
	CHECK(br);
	CHECK_OK(io_uring_free_buf_ring(&ring, br, 8, 65535));

	/* Unregister and head: no truncation into group 5 either. */
	CHECK_EQ(io_uring_unregister_buf_ring(&ring, 65536 + 5), -EINVAL);
	CHECK_EQ(io_uring_unregister_buf_ring(&ring, -1), -EINVAL);
	CHECK_EQ(io_uring_buf_ring_head(&ring, 65536 + 5, &head), -EINVAL);
	CHECK_EQ(head, 77);
	/* A count setup would have refused is refused by free too. */
	CHECK_EQ(io_uring_free_buf_ring(&ring, br5, 3, 5), -EINVAL);
	/* Group 5 is still there: registering it again is -EEXIST. */
	CHECK(!io_uring_setup_buf_ring(&ring, 8, 5, 0, &err));
	CHECK_EQ(err, -EEXIST);
	{
		int ret = io_uring_buf_ring_head(&ring, 5, &head);

		if (!t_lacks(ret, "IORING_REGISTER_PBUF_STATUS", 6, 8)) {
			CHECK_EQ(ret, 0);
			CHECK_EQ(head, 0);
		}
	}
	CHECK_OK(io_uring_free_buf_ring(&ring, br5, 8, 5));
	CHECK_OK(io_uring_free_buf_ring(&ring, br6, 8, 6));
	{
		/* Gone: -ENOENT on 6.12 and later; 6.1 answers -EINVAL. */
		int ret = io_uring_unregister_buf_ring(&ring, 5);

		CHECK(ret == -ENOENT || ret == -EINVAL);
	}
	io_uring_queue_exit(&ring);
}

/* Prep helpers cannot return an error: the SQE completes with -EINVAL. */
static void test_prep_bgid(void)
{
	static char bufs[4][64];
	struct io_uring ring;
	int fds[2];

	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	CHECK_SYS(pipe(fds));

	/* 65536 + 3 would provide to group 3: refused instead. */
	io_uring_prep_provide_buffers(t_sqe(&ring), bufs, 64, 4, 65536 + 3,
				      0);
	CHECK_EQ(t_submit_one(&ring), -EINVAL);
	io_uring_prep_provide_buffers(t_sqe(&ring), bufs, 64, 4, 3, 0);
	CHECK_EQ(t_submit_one(&ring), 0);
	io_uring_prep_remove_buffers(t_sqe(&ring), 4, 65536 + 3);
	CHECK_EQ(t_submit_one(&ring), -EINVAL);
	/* Group 3 still holds its 4 buffers. */
	io_uring_prep_remove_buffers(t_sqe(&ring), 8, 3);
	CHECK_EQ(t_submit_one(&ring), 4);

	io_uring_prep_read_multishot(t_sqe(&ring), fds[0], 0, 0, -1);
	CHECK_EQ(t_submit_one(&ring), -EINVAL);
	{
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_read(sqe, fds[0], NULL, 64, 0);
		io_uring_sqe_set_flags(sqe, IOSQE_BUFFER_SELECT);
		io_uring_sqe_set_buf_group(sqe, 0x10000);
		CHECK_EQ(t_submit_one(&ring), -EINVAL);
	}
	t_close_pair(fds);
	io_uring_queue_exit(&ring);
}

/* The same params passed to io_uring_resize_rings() twice. */
static void test_resize_twice(void)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SINGLE_ISSUER |
			 IORING_SETUP_DEFER_TASKRUN,
	};
	struct io_uring ring;
	int ret;

	ret = io_uring_queue_init_params(8, &ring, &p);
	if (ret < 0 && t_lacks(ret, "IORING_SETUP_DEFER_TASKRUN", 6, 1))
		return;
	CHECK_EQ(ret, 0);
	ret = t_resize(&ring, &p, 16, 64);
	if (ret == 1) {
		io_uring_queue_exit(&ring);
		return;
	}
	CHECK_EQ(ret, 0);
	CHECK_EQ(p.flags, 0);		/* cleared for the next call */
	CHECK_EQ(ring.cq.ring_entries, 64);
	CHECK_EQ(io_uring_resize_rings(&ring, &p), 0);
	CHECK_EQ(p.flags, 0);
	CHECK_EQ(ring.sq.ring_entries, 16);
	/* Without CQSIZE the CQ is twice the SQ, as at setup. */
	CHECK_EQ(ring.cq.ring_entries, 32);
	/* A refused resize clears it too (liburing's "out:" path). */
	p.sq_entries = 0;
	p.flags = IORING_SETUP_CQSIZE;
	CHECK_EQ(io_uring_resize_rings(&ring, &p), -EINVAL);
	CHECK_EQ(p.flags, 0);
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(t_submit_one(&ring), 0);
	io_uring_queue_exit(&ring);
}

/* Is descriptor fd open? */
static int fd_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

/* queue_exit after a failed init must not close descriptor 0. */
static void test_failed_init(void)
{
	struct io_uring_params p;
	struct io_uring ring;
	static char mem[2 * 4096];
	int opened = -1;

	if (!fd_open(0)) {
		opened = open("/dev/null", O_RDONLY);
		CHECK_EQ(opened, 0);
	}
	memset(&ring, 0x5a, sizeof(ring));
	CHECK_EQ(io_uring_queue_init(0, &ring, 0), -EINVAL);
	CHECK_EQ(ring.ring_fd, -1);
	CHECK_EQ(ring.enter_ring_fd, -1);
	io_uring_queue_exit(&ring);
	CHECK(fd_open(0));

	memset(&p, 0, sizeof(p));
	p.flags = 1U << 31;		/* no such setup flag */
	CHECK_EQ(io_uring_queue_init_params(8, &ring, &p), -EINVAL);
	CHECK_EQ(p.flags, 1U << 31);	/* the caller's flags, unchanged */
	CHECK_EQ(ring.ring_fd, -1);
	io_uring_queue_exit(&ring);
	io_uring_queue_exit(&ring);	/* twice is harmless too */
	CHECK(fd_open(0));

	/* queue_init_mem: misaligned memory, and too little of it. */
	memset(&p, 0, sizeof(p));
	CHECK_EQ(io_uring_queue_init_mem(8, &ring, &p, mem + 1, 4096),
		 -EINVAL);
	CHECK_EQ(ring.ring_fd, -1);
	io_uring_queue_exit(&ring);
	CHECK(fd_open(0));
	if (opened == 0)
		close(0);
}

/* SQ state a refused call must leave alone. */
struct sq_snapshot {
	unsigned ktail, sqe_head, sqe_tail;
};

static struct sq_snapshot sq_snap(struct io_uring *ring)
{
	struct sq_snapshot s = {
		.ktail = *ring->sq.ktail,
		.sqe_head = ring->sq.sqe_head,
		.sqe_tail = ring->sq.sqe_tail,
	};

	return s;
}

static void check_sq_unchanged(struct io_uring *ring, struct sq_snapshot s)
{
	CHECK_EQ(*ring->sq.ktail, s.ktail);
	CHECK_EQ(ring->sq.sqe_head, s.sqe_head);
	CHECK_EQ(ring->sq.sqe_tail, s.sqe_tail);
	CHECK_EQ(io_uring_sq_ready(ring), 1);
}

/*
 * A ring without EXT_ARG (before 5.11) or MIN_TIMEOUT (before 6.12):
 * the host kernel has both, so the features word is edited the way
 * such a kernel would have filled it.
 */
static void test_wait_refusals(void)
{
	struct __kernel_timespec ts = { .tv_sec = 1 };
	struct io_uring_cqe *cqe = NULL;
	struct io_uring ring;
	struct sq_snapshot s;
	unsigned features;

	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	features = ring.features;
	io_uring_prep_nop(t_sqe(&ring));
	s = sq_snap(&ring);

	CHECK_EQ(io_uring_submit_and_wait_reg(&ring, &cqe, 1, -1), -EINVAL);
	check_sq_unchanged(&ring, s);

	ring.features = features & ~IORING_FEAT_EXT_ARG;
	CHECK_EQ(io_uring_submit_and_wait_reg(&ring, &cqe, 1, 0), -EINVAL);
	check_sq_unchanged(&ring, s);
	CHECK_EQ(io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &ts, NULL),
		 -EINVAL);
	check_sq_unchanged(&ring, s);

	ring.features = features & ~IORING_FEAT_MIN_TIMEOUT;
	CHECK_EQ(io_uring_submit_and_wait_min_timeout(&ring, &cqe, 1, &ts, 0,
						      NULL), -EINVAL);
	check_sq_unchanged(&ring, s);

	/* The NOP is still there to submit, once. */
	ring.features = features;
	CHECK_EQ(io_uring_submit_and_wait(&ring, 1), 1);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->res, 0);
	io_uring_cqe_seen(&ring, cqe);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	io_uring_queue_exit(&ring);
}

/*
 * register_files raises RLIMIT_NOFILE for a table larger than it, and
 * must put it back when the registration fails anyway. Only this
 * process's soft limit changes, and only downwards from what it had.
 */
static void test_files_rlimit(void)
{
	enum { NR = 200, LOW = 64 };
	struct rlimit saved, rl;
	struct io_uring ring;
	int files[NR], fds[2], i;

	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &saved));
	if (saved.rlim_max != RLIM_INFINITY && saved.rlim_max < LOW + NR)
		t_skip("hard RLIMIT_NOFILE %llu is below %d",
		       (unsigned long long)saved.rlim_max, LOW + NR);
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	CHECK_SYS(pipe(fds));
	rl = saved;
	rl.rlim_cur = LOW;
	CHECK_SYS(setrlimit(RLIMIT_NOFILE, &rl));

	/* Descriptor numbers nobody has open: the retry fails -EBADF. */
	for (i = 0; i < NR; i++)
		files[i] = LOW + NR + 1000 + i;
	CHECK_EQ(io_uring_register_files(&ring, files, NR), -EBADF);
	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK_EQ(rl.rlim_cur, LOW);
	CHECK_EQ(io_uring_register_files_tags(&ring, files, NULL, NR),
		 -EBADF);
	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK_EQ(rl.rlim_cur, LOW);

	/* A table that registers keeps the raised limit it needed. */
	for (i = 0; i < NR; i++)
		files[i] = fds[0];
	CHECK_EQ(io_uring_register_files(&ring, files, NR), 0);
	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK(rl.rlim_cur >= NR);
	CHECK_OK(io_uring_unregister_files(&ring));

	CHECK_SYS(setrlimit(RLIMIT_NOFILE, &saved));
	t_close_pair(fds);
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	test_register_flags();
	test_setup_args();
	test_prep_bgid();
	test_resize_twice();
	test_failed_init();
	test_wait_refusals();
	test_files_rlimit();
	return t_done();
}
