// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_prep_zero() zeroes exactly the bytes asked for:
 * the seed's scenario ("1234567890\n", first 5 bytes) leaves 5 zero bytes
 * then "67890\n"; unaligned ranges, single bytes and block-crossing ranges
 * change nothing outside themselves; a range past EOF extends the file with
 * zeroes unless IORING_ZERO_KEEP_SIZE, and with it the size stays; a range
 * over a hole reads as zeroes. On a filesystem without ZERO_RANGE (tmpfs)
 * every request gives -EOPNOTSUPP and the file is untouched.
 */
#include "zero-helpers.h"

#define FILE_SIZE	(256 * 1024)

static struct io_uring ring;
static bool fs_zeroes;

static int zero(int fd, __u64 off, __u64 len, unsigned flags)
{
	zt_prep_zero(t_sqe(&ring), fd, off, len, flags);
	return t_submit_one(&ring);
}

/* The seed's example, byte for byte. */
static void seed_scenario(void)
{
	static const char want[] = "\0\0\0\0\0" "67890\n";
	char path[256], buf[32];
	int fd = t_tmpfile(path, "1234567890\n", 11);

	CHECK_EQ(zero(fd, 0, 5, 0), zt_ok(fs_zeroes));
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 11);
	if (fs_zeroes)
		CHECK(!memcmp(buf, want, 11));
	else
		CHECK(!memcmp(buf, "1234567890\n", 11));
	close(fd);
	unlink(path);
}

/*
 * Zero [off, off + len) of a pattern file and compare every byte with a
 * model: zero inside the range, the pattern outside.
 */
static void check_range(int fd, unsigned char *model, unsigned char *buf,
			size_t off, size_t len)
{
	size_t i, n;

	CHECK_EQ(zero(fd, off, len, 0), zt_ok(fs_zeroes));
	if (fs_zeroes)
		memset(model + off, 0, len);
	n = zt_read_all(fd, buf, FILE_SIZE);
	CHECK_EQ(n, FILE_SIZE);
	for (i = 0; i < FILE_SIZE; i++)
		if (buf[i] != model[i])
			FAIL("after zeroing [%zu, %zu): byte %zu is %#x, "
			     "expected %#x", off, off + len, i, buf[i],
			     model[i]);
}

static void unaligned_ranges(void)
{
	/* Edges that straddle sectors, pages and 4 KiB blocks. */
	static const size_t fixed[][2] = {
		{ 1, 1 }, { 511, 2 }, { 4095, 1 }, { 4096, 1 }, { 4097, 4094 },
		{ 8191, 8194 }, { 3, 65533 }, { FILE_SIZE - 1, 1 },
		{ 100000, 12345 },
	};
	unsigned char *model = malloc(FILE_SIZE), *buf = malloc(FILE_SIZE);
	unsigned seed = 12345, rounds = t_quick() ? 8 : 64, i;
	char path[256];
	int fd;

	CHECK(model && buf);
	fd = t_tmpfile(path, NULL, FILE_SIZE);
	for (i = 0; i < FILE_SIZE; i++)
		model[i] = t_pattern(i);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		check_range(fd, model, buf, fixed[i][0], fixed[i][1]);
	/* Random ranges, from a fixed seed so a failure can be replayed. */
	for (i = 0; i < rounds; i++) {
		size_t off, len;

		seed = seed * 1103515245 + 12345;
		off = (seed >> 8) % FILE_SIZE;
		seed = seed * 1103515245 + 12345;
		len = 1 + (seed >> 8) % (i % 2 ? 64 : 20000);
		if (off + len > FILE_SIZE)
			len = FILE_SIZE - off;
		check_range(fd, model, buf, off, len);
	}
	CHECK_EQ(zt_size(fd), FILE_SIZE);
	close(fd);
	unlink(path);
	free(model);
	free(buf);
}

/* Ranges past EOF: grow with zeroes, or keep the size with KEEP_SIZE. */
static void past_eof(void)
{
	char path[256], buf[64];
	int fd = t_tmpfile(path, "abcdef", 6);
	size_t i;

	/* Entirely past EOF, keeping the size: nothing visible changes. */
	CHECK_EQ(zero(fd, 100, 50, IORING_ZERO_KEEP_SIZE), zt_ok(fs_zeroes));
	CHECK_EQ(zt_size(fd), 6);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 6);
	CHECK(!memcmp(buf, "abcdef", 6));

	/* Straddling EOF, keeping the size: the inside part is zeroed. */
	CHECK_EQ(zero(fd, 4, 20, IORING_ZERO_KEEP_SIZE), zt_ok(fs_zeroes));
	CHECK_EQ(zt_size(fd), 6);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 6);
	CHECK(!memcmp(buf, fs_zeroes ? "abcd\0\0" : "abcdef", 6));

	/* Straddling EOF without KEEP_SIZE: grows to off + len. */
	CHECK_EQ(zero(fd, 2, 10, 0), zt_ok(fs_zeroes));
	if (!fs_zeroes) {
		CHECK_EQ(zt_size(fd), 6);
		goto out;
	}
	CHECK_EQ(zt_size(fd), 12);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 12);
	CHECK(!memcmp(buf, "ab", 2));
	for (i = 2; i < 12; i++)
		CHECK_EQ(buf[i], 0);

	/* Entirely past EOF: the gap and the range read as zeroes. */
	CHECK_EQ(zero(fd, 40, 8, 0), 0);
	CHECK_EQ(zt_size(fd), 48);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 48);
	for (i = 2; i < 48; i++)
		CHECK_EQ(buf[i], 0);
out:
	close(fd);
	unlink(path);
}

/* A range over a hole and data, on a sparse file. */
static void over_hole(void)
{
	char path[256], buf[8];
	int fd = t_tmpfile(path, NULL, 0);
	off_t far = 1 << 20;

	CHECK_EQ(pwrite(fd, "XYZ", 3, far), 3);
	CHECK_EQ(zero(fd, 0, (__u64)far + 1, 0), zt_ok(fs_zeroes));
	CHECK_EQ(zt_size(fd), far + 3);
	CHECK_EQ(pread(fd, buf, 3, far), 3);
	CHECK(!memcmp(buf, fs_zeroes ? "\0YZ" : "XYZ", 3));
	CHECK_EQ(pread(fd, buf, 4, 4096), 4);
	CHECK(!memcmp(buf, "\0\0\0\0", 4));
	close(fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	char path[256];
	int fd;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	zt_expected_opcode();
	fd = t_tmpfile(path, NULL, 0);
	fs_zeroes = zt_fs_zeroes(&ring, fd);
	close(fd);
	unlink(path);
	printf("method %s, filesystem %s\n",
	       io_uring_zero_method_name(io_uring_zero_method(&ring)),
	       fs_zeroes ? "zeroes ranges" : "refuses ZERO_RANGE");

	seed_scenario();
	unaligned_ranges();
	past_eof();
	over_hole();
	io_uring_queue_exit(&ring);
	return T_EXIT_PASS;
}
