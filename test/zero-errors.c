// SPDX-License-Identifier: MIT
/*
 * Description: IORING_OP_ZERO (or its FALLOCATE fallback) refuses what it
 * must, with the exact errno, and leaves the file as it was: -EBADF on a
 * read-only fd and on a closed fd, -EINVAL on unknown flags (both methods),
 * on a zero length, a negative offset, and on every SQE field the native
 * opcode does not use (len, ioprio, buf_index, splice_fd_in, addr3; the
 * ones FALLOCATE checks on the fallback), -ESPIPE or -ENODEV on a pipe,
 * -EFBIG past the largest file size, -EOPNOTSUPP on tmpfs.
 */
#include "zero-helpers.h"

static struct io_uring ring;
static bool fs_zeroes;

/* An SQE with one reserved field set to a nonzero value. */
enum reserved { R_LEN, R_IOPRIO, R_BUF_INDEX, R_SPLICE_FD_IN, R_ADDR3 };

struct reserved_field {
	enum reserved field;
	const char *name;
	bool fallocate_checks;	/* does IORING_OP_FALLOCATE refuse it too */
};

static const struct reserved_field reserved_fields[] = {
	{ R_LEN, "len", false },		/* FALLOCATE's mode */
	{ R_IOPRIO, "ioprio", true },		/* io_init_req() refuses it */
	{ R_BUF_INDEX, "buf_index", true },
	{ R_SPLICE_FD_IN, "splice_fd_in", true },
	{ R_ADDR3, "addr3", false },		/* FALLOCATE ignores it */
};

static void set_reserved(struct io_uring_sqe *sqe, enum reserved field)
{
	switch (field) {
	case R_LEN:
		sqe->len = 1;
		break;
	case R_IOPRIO:
		sqe->ioprio = 1;
		break;
	case R_BUF_INDEX:
		sqe->buf_index = 1;
		break;
	case R_SPLICE_FD_IN:
		sqe->splice_fd_in = 1;
		break;
	case R_ADDR3:
		sqe->addr3 = 1;
		break;
	}
}

static int zero_sqe(int fd, __u64 off, __u64 len, unsigned flags,
		    const struct reserved_field *r)
{
	struct io_uring_sqe *sqe = t_sqe(&ring);

	zt_prep_zero(sqe, fd, off, len, flags);
	if (r)
		set_reserved(sqe, r->field);
	return t_submit_one(&ring);
}

static int zero(int fd, __u64 off, __u64 len, unsigned flags)
{
	return zero_sqe(fd, off, len, flags, NULL);
}

/* The file still holds "0123456789". */
static void check_untouched(int fd)
{
	char buf[16];

	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 10);
	CHECK(!memcmp(buf, "0123456789", 10));
}

static void bad_fds(const char *path)
{
	int ro = open(path, O_RDONLY | O_CLOEXEC), closed;

	CHECK_SYS(ro);
	CHECK_EQ(zero(ro, 0, 4, 0), -EBADF);
	check_untouched(ro);
	close(ro);

	closed = dup(0);
	CHECK_SYS(closed);
	close(closed);
	CHECK_EQ(zero(closed, 0, 4, 0), -EBADF);
}

static void bad_flags_and_fields(int fd)
{
	static const unsigned bad_flags[] = { 1U << 1, 1U << 7, 1U << 31 };
	size_t i;

	for (i = 0; i < sizeof(bad_flags) / sizeof(bad_flags[0]); i++) {
		CHECK_EQ(zero(fd, 0, 4, bad_flags[i]), -EINVAL);
		CHECK_EQ(zero(fd, 0, 4, bad_flags[i] | IORING_ZERO_KEEP_SIZE),
			 -EINVAL);
		check_untouched(fd);
	}
	for (i = 0; i < sizeof(reserved_fields) / sizeof(reserved_fields[0]);
	     i++) {
		const struct reserved_field *r = &reserved_fields[i];
		int res;

		if (!zt_native() && !r->fallocate_checks)
			continue;	/* the fallback gives it a meaning */
		res = zero_sqe(fd, 0, 4, 0, r);
		if (res != -EINVAL)
			FAIL("%s set: res %d (%s), expected -EINVAL", r->name,
			     res, strerror(-res));
		check_untouched(fd);
	}
	/* A zero length, a negative offset. */
	CHECK_EQ(zero(fd, 0, 0, 0), -EINVAL);
	CHECK_EQ(zero(fd, (__u64)-4096, 4, 0), -EINVAL);
	check_untouched(fd);
	/* Past the largest file size: 2^63 - 2 + 4 wraps loff_t. */
	CHECK_EQ(zero(fd, (1ULL << 63) - 2, 4, 0), -EFBIG);
	check_untouched(fd);
}

static void pipes(void)
{
	int p[2], res;

	CHECK_SYS(pipe(p));
	res = zero(p[1], 0, 4, 0);
	if (res != -ESPIPE && res != -ENODEV)
		FAIL("zero on a pipe: res %d (%s), expected -ESPIPE or -ENODEV",
		     res, strerror(-res));
	/* Nothing went into the pipe. */
	CHECK_SYS(fcntl(p[0], F_SETFL, O_NONBLOCK));
	{
		char c;

		CHECK(read(p[0], &c, 1) < 0 && errno == EAGAIN);
	}
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	char path[256];
	int fd;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	zt_expected_opcode();
	fd = t_tmpfile(path, "0123456789", 10);
	fs_zeroes = zt_fs_zeroes(&ring, fd);
	printf("method %s, filesystem %s\n",
	       io_uring_zero_method_name(io_uring_zero_method(&ring)),
	       fs_zeroes ? "zeroes ranges" : "refuses ZERO_RANGE");

	bad_fds(path);
	bad_flags_and_fields(fd);
	pipes();

	/* tmpfs: a valid request is refused, and nothing changes. */
	if (!fs_zeroes) {
		CHECK_EQ(zero(fd, 2, 3, 0), -EOPNOTSUPP);
		CHECK_EQ(zero(fd, 2, 30, IORING_ZERO_KEEP_SIZE), -EOPNOTSUPP);
		check_untouched(fd);
		CHECK_EQ(zt_size(fd), 10);
	} else {
		/* And after all the refusals, a good request still works. */
		CHECK_EQ(zero(fd, 2, 3, 0), 0);
		{
			char buf[16];

			CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 10);
			CHECK(!memcmp(buf, "01\0\0\0" "56789", 10));
		}
	}
	close(fd);
	unlink(path);
	io_uring_queue_exit(&ring);
	return T_EXIT_PASS;
}
