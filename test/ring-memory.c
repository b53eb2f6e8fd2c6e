// SPDX-License-Identifier: MIT
/*
 * Description: how much memory a ring takes. io_uring_memory_size() is
 * whole pages, grows with the entries and with SQE128/CQE32, and is exactly
 * what io_uring_queue_init_mem() uses (one byte less is -ENOMEM, a buffer
 * not on a page boundary -EINVAL); the ring made there moves data. The
 * size is liburing 2.15's (no SQ index array), and a buffer of that size
 * takes a ring of up to 4096 entries.
 * io_uring_mlock_size() is 0 where the kernel charges rings to the memory
 * cgroup (IORING_FEAT_NATIVE_WORKERS) and the full size elsewhere.
 */
#include <sys/mman.h>
#include "helpers.h"

static void check_sizes(void)
{
	long page = sysconf(_SC_PAGESIZE);
	ssize_t s8 = io_uring_memory_size(8, 0);
	ssize_t s4k = io_uring_memory_size(4096, 0);
	struct io_uring_params p = { .flags = IORING_SETUP_SQE128 };

	CHECK(s8 > 0);
	CHECK_EQ(s8 % page, 0);
	CHECK(s4k > s8);
	/* 4096 SQEs of 64 bytes alone are 256 KiB; CQEs 8192 * 16 more. */
	CHECK(s4k >= 4096 * 64 + 8192 * 16);
	CHECK(io_uring_memory_size_params(4096, &p) >= s4k + 4096 * 64);
	p.flags = IORING_SETUP_CQE32;
	CHECK(io_uring_memory_size_params(4096, &p) >= s4k + 8192 * 16);
	/* A bigger CQ costs more. */
	p.flags = IORING_SETUP_CQSIZE;
	p.cq_entries = 65536;
	CHECK(io_uring_memory_size_params(4096, &p) >= s4k + 57344 * 16);

	/* Sizes the kernel would refuse are refused here too. */
	CHECK_EQ(io_uring_memory_size(0, 0), -EINVAL);
	CHECK_EQ(io_uring_memory_size(65536, 0), -EINVAL);
	CHECK(io_uring_memory_size(65536, IORING_SETUP_CLAMP) ==
	      io_uring_memory_size(32768, 0));
	p.flags = IORING_SETUP_CQSIZE;
	p.cq_entries = 2;
	CHECK_EQ(io_uring_memory_size_params(8, &p), -EINVAL);
	CHECK_EQ(io_uring_mlock_size(0, 0), -EINVAL);
}

/*
 * liburing 2.15's count: the CQEs plus the 64-byte ring header in whole
 * pages, the SQEs in whole pages; no SQ index array (its rings have none
 * where the kernel allows). A program may size its buffer this way.
 */
static size_t liburing_size(unsigned entries)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t cq = (size_t)entries * 2 * 16 + 64, sq = (size_t)entries * 64;

	return (cq + page - 1) / page * page + (sq + page - 1) / page * page;
}

/*
 * Regression: io_uring_memory_size() counted an SQ index array and
 * io_uring_queue_init_mem() made its ring with one, so from 1024 entries
 * up a buffer of liburing's size was -ENOMEM.
 */
static void check_liburing_sizes(void)
{
	static const unsigned entries[] = { 8, 256, 1024, 4096 };
	char path[256];
	unsigned i;
	int fd = t_tmpfile(path, NULL, 0);

	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		size_t size = liburing_size(entries[i]);
		struct io_uring_params p = { 0 };
		struct io_uring ring;
		char *buf;
		int ret;

		CHECK_EQ(io_uring_memory_size(entries[i], 0), size);
		buf = mmap(NULL, size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(buf != MAP_FAILED);
		ret = io_uring_queue_init_mem(entries[i], &ring, &p, buf, size);
		if (ret < 0 && t_lacks(ret, "IORING_SETUP_NO_MMAP", 6, 5)) {
			munmap(buf, size);
			break;
		}
		/* 6.5 has NO_MMAP but not NO_SQARRAY: the array needs room. */
		if (ret == -ENOMEM && t_kernel_before(6, 6)) {
			munmap(buf, size);
			continue;
		}
		CHECK_EQ(ret, size);
		CHECK(p.flags & IORING_SETUP_NO_SQARRAY);
		CHECK(ring.sq.array == NULL);
		io_uring_prep_write(t_sqe(&ring), fd, "sized", 5, 0);
		CHECK_EQ(t_submit_one(&ring), 5);
		io_uring_queue_exit(&ring);
		munmap(buf, size);
	}
	close(fd);
	unlink(path);
}

static void check_mlock(void)
{
	struct io_uring ring;
	ssize_t m = io_uring_mlock_size(64, 0);

	CHECK_OK(io_uring_queue_init(2, &ring, 0));
	if (ring.features & IORING_FEAT_NATIVE_WORKERS)
		CHECK_EQ(m, 0);
	else
		CHECK_EQ(m, io_uring_memory_size(64, 0));
	{
		struct io_uring_params p = { .flags = IORING_SETUP_SQE128 };

		CHECK_EQ(io_uring_mlock_size_params(64, &p),
			 m ? io_uring_memory_size_params(64, &p) : 0);
	}
	io_uring_queue_exit(&ring);
}

/* A ring in our own buffer; returns what io_uring_queue_init_mem said. */
static int ring_in(void *buf, size_t size, unsigned flags, int fd)
{
	struct io_uring_params p = { .flags = flags };
	struct io_uring ring;
	char out[8] = { 0 };
	int ret;

	ret = io_uring_queue_init_mem(8, &ring, &p, buf, size);
	if (ret < 0)
		return ret;
	CHECK(ring.flags & IORING_SETUP_NO_MMAP);
	CHECK(ring.sq.sqes == buf);
	CHECK((char *)ring.cq.ring_ptr > (char *)buf);
	CHECK((char *)ring.cq.ring_ptr < (char *)buf + size);
	io_uring_prep_write(t_sqe(&ring), fd, "in-mem", 6, 0);
	CHECK_EQ(t_submit_one(&ring), 6);
	io_uring_prep_read(t_sqe(&ring), fd, out, 6, 0);
	CHECK_EQ(t_submit_one(&ring), 6);
	CHECK(!memcmp(out, "in-mem", 6));
	io_uring_queue_exit(&ring);
	return ret;
}

static void check_init_mem(void)
{
	long page = sysconf(_SC_PAGESIZE);
	ssize_t size = io_uring_memory_size(8, IORING_SETUP_NO_MMAP);
	size_t big = (size_t)size + (size_t)page;
	struct io_uring_params p = { 0 };
	struct io_uring ring;
	char path[256];
	char *buf;
	int fd, ret;

	CHECK_OK(size);
	fd = t_tmpfile(path, NULL, 0);
	buf = mmap(NULL, big, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(buf != MAP_FAILED);

	ret = ring_in(buf, (size_t)size, 0, fd);
	if (ret < 0 && t_lacks(ret, "IORING_SETUP_NO_MMAP", 6, 5))
		goto out;
	CHECK_EQ(ret, size);
	/* A bigger buffer: still only size bytes used. */
	CHECK_EQ(ring_in(buf, big, 0, fd), size);
	/* The memory is ours again after exit: reuse it. */
	memset(buf, 0x5a, big);
	CHECK_EQ(ring_in(buf, (size_t)size, 0, fd), size);

	CHECK_EQ(io_uring_queue_init_mem(8, &ring, &p, buf, (size_t)size - 1),
		 -ENOMEM);
	CHECK_EQ(io_uring_queue_init_mem(8, &ring, &p, buf + 64,
					 (size_t)size), -EINVAL);
	CHECK_EQ(io_uring_queue_init_mem(8, &ring, &p, NULL, (size_t)size),
		 -EINVAL);
	{
		ssize_t s128 = io_uring_memory_size(8, IORING_SETUP_NO_MMAP |
						    IORING_SETUP_SQE128 |
						    IORING_SETUP_CQE32);
		char *b2 = mmap(NULL, (size_t)s128, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		CHECK(b2 != MAP_FAILED);
		CHECK_EQ(ring_in(b2, (size_t)s128, IORING_SETUP_SQE128 |
				 IORING_SETUP_CQE32, fd), s128);
		munmap(b2, (size_t)s128);
	}
out:
	munmap(buf, big);
	close(fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	check_sizes();
	check_mlock();
	check_init_mem();
	check_liburing_sizes();
	return t_done();
}
