/* SPDX-License-Identifier: MIT */
/*
 * zero-helpers.h - what the IORING_OP_ZERO tests (test/zero-*.c) share:
 * which method the library must be using here, a prep wrapper that checks
 * the SQE it got, and what the filesystem under $TMPDIR is expected to do
 * with a zero range.
 *
 * In the VM with the patched kernel the harness sets RZ_EXPECT_NATIVE_ZERO=1
 * and the tests then insist that the native opcode was detected and used.
 * Elsewhere a detected ZERO must still be named ZERO by the kernel, and
 * anything not detected must go out as IORING_OP_FALLOCATE.
 */
#ifndef RINGZERO_TEST_ZERO_HELPERS_H
#define RINGZERO_TEST_ZERO_HELPERS_H

#include <sys/vfs.h>
#include <linux/falloc.h>
#include <linux/magic.h>

#include "helpers.h"

#ifndef XFS_SUPER_MAGIC
#define XFS_SUPER_MAGIC		0x58465342
#endif

static inline bool zt_expect_native(void)
{
	const char *e = getenv("RZ_EXPECT_NATIVE_ZERO");

	return e && !strcmp(e, "1");
}

/* The kernel's own name for op (see ringzero_kernel_opcode_name()). */
static inline const char *zt_kernel_name(int op, char *buf, size_t size)
{
	int ret = ringzero_kernel_opcode_name(op, buf, size);

	if (ret < 0)
		FAIL("ringzero_kernel_opcode_name(%d): %s", op, strerror(-ret));
	CHECK_EQ(ret, strlen(buf));
	return buf;
}

/*
 * Check the detection against what this machine must give, and return
 * the opcode io_uring_prep_zero() has to emit here.
 */
static inline int zt_expected_opcode(void)
{
	static int expected = -1;
	struct io_uring_probe *probe;
	char name[32];
	int op;

	if (expected >= 0)
		return expected;
	op = io_uring_zero_opcode();
	if (zt_expect_native() && op < 0)
		FAIL("RZ_EXPECT_NATIVE_ZERO=1 but IORING_OP_ZERO was not "
		     "detected: %s", strerror(-op));
	if (op < 0) {
		CHECK_EQ(io_uring_zero_method(NULL), RINGZERO_ZERO_FALLOCATE);
		expected = IORING_OP_FALLOCATE;
		return expected;
	}
	/* Native: it must be the kernel's last opcode, and named ZERO. */
	probe = io_uring_get_probe();
	CHECK(probe != NULL);
	CHECK_EQ(op, probe->last_op);
	CHECK(io_uring_opcode_supported(probe, op));
	io_uring_free_probe(probe);
	zt_kernel_name(op, name, sizeof(name));
	if (strcmp(name, "ZERO"))
		FAIL("detected opcode %d is named %s by the kernel", op, name);
	CHECK_EQ(io_uring_zero_method(NULL), RINGZERO_ZERO_NATIVE);
	expected = op;
	return expected;
}

static inline bool zt_native(void)
{
	return zt_expected_opcode() != IORING_OP_FALLOCATE;
}

/* io_uring_prep_zero() plus a check that it emitted the right opcode. */
static inline void zt_prep_zero(struct io_uring_sqe *sqe, int fd,
				__u64 offset, __u64 len, unsigned flags)
{
	io_uring_prep_zero(sqe, fd, offset, len, flags);
	CHECK_EQ(sqe->opcode, zt_expected_opcode());
}

/*
 * Whether the filesystem of fd zeroes ranges. ext4, xfs and btrfs must;
 * tmpfs must refuse with -EOPNOTSUPP. Any other filesystem is asked, once,
 * with a real one-byte zero on a scratch file.
 */
static inline bool zt_fs_zeroes(struct io_uring *ring, int fd)
{
	struct statfs sfs;
	char path[256];
	int scratch, res;

	CHECK_SYS(fstatfs(fd, &sfs));
	switch ((unsigned long)sfs.f_type) {
	case EXT4_SUPER_MAGIC:
	case XFS_SUPER_MAGIC:
	case BTRFS_SUPER_MAGIC:
		return true;
	case TMPFS_MAGIC:
		return false;
	}
	scratch = t_tmpfile(path, "x", 1);
	zt_prep_zero(t_sqe(ring), scratch, 0, 1, 0);
	res = t_submit_one(ring);
	close(scratch);
	unlink(path);
	if (res != 0 && res != -EOPNOTSUPP)
		FAIL("zeroing one byte on filesystem %#lx: %s",
		     (unsigned long)sfs.f_type, strerror(-res));
	printf("filesystem %#lx %s zero ranges\n", (unsigned long)sfs.f_type,
	       res ? "cannot" : "can");
	return res == 0;
}

/* What a valid zero request must complete with on this filesystem. */
static inline int zt_ok(bool fs_zeroes)
{
	return fs_zeroes ? 0 : -EOPNOTSUPP;
}

/* Read all of fd (up to size bytes) into buf; return the byte count. */
static inline size_t zt_read_all(int fd, void *buf, size_t size)
{
	ssize_t n = pread(fd, buf, size, 0);

	if (n < 0)
		FAIL("pread: %s", strerror(errno));
	return (size_t)n;
}

static inline off_t zt_size(int fd)
{
	struct stat st;

	CHECK_SYS(fstat(fd, &st));
	return st.st_size;
}

#endif /* RINGZERO_TEST_ZERO_HELPERS_H */
