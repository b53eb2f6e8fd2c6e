// SPDX-License-Identifier: MIT
/*
 * Description: syncing and space management through the ring. fsync (plain
 * and DATASYNC) and sync_file_range return 0 on a file with dirty data and
 * -EBADF/-EINVAL for a bad fd or flags; fallocate reserves blocks and grows
 * the size (or not, with KEEP_SIZE) and punches holes that read back as
 * zeroes; ftruncate (Linux 6.9) shrinks and grows the file; fadvise and
 * madvise return 0, MADV_DONTNEED really drops anonymous pages (they read
 * back zero), and a bad advice is -EINVAL; the 64-bit-length forms work
 * where the kernel takes them (6.12).
 */
#include <sys/mman.h>
#include "helpers.h"

static int fd;

static off_t size_of(void)
{
	struct stat st;

	CHECK_SYS(fstat(fd, &st));
	return st.st_size;
}

static blkcnt_t blocks_of(void)
{
	struct stat st;

	CHECK_SYS(fstat(fd, &st));
	return st.st_blocks;
}

static void check_sync(struct io_uring *ring)
{

	CHECK_EQ(pwrite(fd, "dirty", 5, 0), 5);
	io_uring_prep_fsync(t_sqe(ring), fd, 0);
	CHECK_EQ(t_submit_one(ring), 0);
	CHECK_EQ(pwrite(fd, "DIRTY", 5, 0), 5);
	io_uring_prep_fsync(t_sqe(ring), fd, IORING_FSYNC_DATASYNC);
	CHECK_EQ(t_submit_one(ring), 0);
	io_uring_prep_fsync(t_sqe(ring), 9999, 0);
	CHECK_EQ(t_submit_one(ring), -EBADF);
	/* Unknown fsync flags are refused. */
	io_uring_prep_fsync(t_sqe(ring), fd, 0x80);
	CHECK_EQ(t_submit_one(ring), -EINVAL);

	CHECK_EQ(pwrite(fd, "range", 5, 4096), 5);
	io_uring_prep_sync_file_range(t_sqe(ring), fd, 4096, 4096,
				      SYNC_FILE_RANGE_WAIT_BEFORE |
				      SYNC_FILE_RANGE_WRITE |
				      SYNC_FILE_RANGE_WAIT_AFTER);
	CHECK_EQ(t_submit_one(ring), 0);
	io_uring_prep_sync_file_range(t_sqe(ring), fd, 4096, 0, 0x80);
	CHECK_EQ(t_submit_one(ring), -EINVAL);
}

static void check_fallocate(struct io_uring *ring)
{
	char buf[4096];
	blkcnt_t before;

	CHECK_SYS(ftruncate(fd, 0));
	io_uring_prep_fallocate(t_sqe(ring), fd, 0, 0, 1 << 20);
	CHECK_EQ(t_submit_one(ring), 0);
	CHECK_EQ(size_of(), 1 << 20);
	CHECK(blocks_of() >= (1 << 20) / 512);

	/* KEEP_SIZE past the end: blocks, but no size change. */
	before = blocks_of();
	io_uring_prep_fallocate(t_sqe(ring), fd, FALLOC_FL_KEEP_SIZE,
				1 << 20, 1 << 20);
	CHECK_EQ(t_submit_one(ring), 0);
	CHECK_EQ(size_of(), 1 << 20);
	CHECK(blocks_of() >= before + (1 << 20) / 512);

	/* A punched hole reads back as zeroes. */
	memset(buf, 'd', sizeof(buf));
	CHECK_EQ(pwrite(fd, buf, sizeof(buf), 8192), sizeof(buf));
	io_uring_prep_fallocate(t_sqe(ring), fd,
				FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				8192, 4096);
	CHECK_EQ(t_submit_one(ring), 0);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 8192), sizeof(buf));
	{
		size_t i;

		for (i = 0; i < sizeof(buf); i++)
			if (buf[i])
				FAIL("byte %zu of the hole is %d", i, buf[i]);
	}
	/* A mode no filesystem knows. */
	io_uring_prep_fallocate(t_sqe(ring), fd, 0x40000000, 0, 4096);
	CHECK_EQ(t_submit_one(ring), -EOPNOTSUPP);
}

static void check_ftruncate(struct io_uring *ring)
{
	char buf[8];
	int ret;

	CHECK_SYS(ftruncate(fd, 0));
	CHECK_EQ(pwrite(fd, "truncate me", 11, 0), 11);
	io_uring_prep_ftruncate(t_sqe(ring), fd, 5);
	ret = t_submit_one(ring);
	if (t_lacks(ret, "IORING_OP_FTRUNCATE", 6, 9))
		return;
	CHECK_EQ(ret, 0);
	CHECK_EQ(size_of(), 5);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 5);
	CHECK(!memcmp(buf, "trunc", 5));
	io_uring_prep_ftruncate(t_sqe(ring), fd, 100000);
	CHECK_EQ(t_submit_one(ring), 0);
	CHECK_EQ(size_of(), 100000);
	io_uring_prep_ftruncate(t_sqe(ring), fd, -1);
	CHECK_EQ(t_submit_one(ring), -EINVAL);
}

static void check_advise(struct io_uring *ring)
{
	size_t len = 4 * (size_t)sysconf(_SC_PAGESIZE);
	unsigned char *mem;
	int ret;

	io_uring_prep_fadvise(t_sqe(ring), fd, 0, 4096,
			      POSIX_FADV_WILLNEED);
	CHECK_EQ(t_submit_one(ring), 0);
	io_uring_prep_fadvise(t_sqe(ring), fd, 0, 0,
			      POSIX_FADV_DONTNEED);
	CHECK_EQ(t_submit_one(ring), 0);
	io_uring_prep_fadvise(t_sqe(ring), fd, 0, 4096, 1234);
	CHECK_EQ(t_submit_one(ring), -EINVAL);

	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(mem != MAP_FAILED);
	memset(mem, 0x77, len);
	io_uring_prep_madvise(t_sqe(ring), mem, (__u32)len,
			      MADV_DONTNEED);
	CHECK_EQ(t_submit_one(ring), 0);
	CHECK_EQ(mem[0], 0);
	CHECK_EQ(mem[len - 1], 0);
	io_uring_prep_madvise(t_sqe(ring), mem, (__u32)len, 1234);
	CHECK_EQ(t_submit_one(ring), -EINVAL);

	/* The 64-bit-length forms (length in another SQE field). */
	memset(mem, 0x77, len);
	io_uring_prep_madvise64(t_sqe(ring), mem, (off_t)len,
				MADV_DONTNEED);
	ret = t_submit_one(ring);
	if (!t_lacks(ret, "64-bit madvise/fadvise lengths", 6, 12)) {
		CHECK_EQ(ret, 0);
		CHECK_EQ(mem[len / 2], 0);
		io_uring_prep_fadvise64(t_sqe(ring), fd, 0,
					(off_t)1 << 33, POSIX_FADV_DONTNEED);
		CHECK_EQ(t_submit_one(ring), 0);
	}
	munmap(mem, len);
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	char path[256];

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	fd = t_tmpfile(path, NULL, 0);
	check_sync(&ring);
	check_fallocate(&ring);
	check_ftruncate(&ring);
	check_advise(&ring);
	io_uring_queue_exit(&ring);
	close(fd);
	unlink(path);
	return t_done();
}
