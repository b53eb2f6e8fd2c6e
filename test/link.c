// SPDX-License-Identifier: MIT
/*
 * Description: linked SQEs. A chain runs in order; when one link fails
 * (a bad fd, or a short read) every later link completes with -ECANCELED
 * and never touches the file; a hard link keeps the chain going past a
 * failure; the flags set with io_uring_sqe_set_flags() are what the kernel
 * acts on.
 */
#include "helpers.h"

#define N	4

static void queue_write(struct io_uring *ring, int fd, const char *s,
			__u64 off, unsigned flags, __u64 ud)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_write(sqe, fd, s, (unsigned)strlen(s), off);
	io_uring_sqe_set_flags(sqe, flags);
	io_uring_sqe_set_data64(sqe, ud);
}

static void file_is(int fd, const char *want, size_t len)
{
	char buf[64];

	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), len);
	if (memcmp(buf, want, len))
		FAIL("file holds \"%.*s\", expected \"%.*s\"", (int)len, buf,
		     (int)len, want);
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	char path[256], rbuf[64];
	int fd, res[N];

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	fd = t_tmpfile(path, NULL, 0);

	/* A good chain: all run, in order (the last write wins). */
	queue_write(&ring, fd, "aaaa", 0, IOSQE_IO_LINK, 0);
	queue_write(&ring, fd, "bb", 0, IOSQE_IO_LINK, 1);
	queue_write(&ring, fd, "c", 0, 0, 2);
	t_submit_reap(&ring, 3, res, N);
	CHECK_EQ(res[0], 4);
	CHECK_EQ(res[1], 2);
	CHECK_EQ(res[2], 1);
	file_is(fd, "cbaa", 4);

	/* A failing link cancels the rest of the chain. */
	CHECK_SYS(ftruncate(fd, 0));
	queue_write(&ring, fd, "one", 0, IOSQE_IO_LINK, 0);
	queue_write(&ring, 9999, "bad", 3, IOSQE_IO_LINK, 1);
	queue_write(&ring, fd, "three", 3, IOSQE_IO_LINK, 2);
	queue_write(&ring, fd, "four", 8, 0, 3);
	t_submit_reap(&ring, 4, res, N);
	CHECK_EQ(res[0], 3);
	CHECK_EQ(res[1], -EBADF);
	CHECK_EQ(res[2], -ECANCELED);
	CHECK_EQ(res[3], -ECANCELED);
	file_is(fd, "one", 3);

	/* A short read breaks a chain too. */
	{
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_read(sqe, fd, rbuf, 10, 0);
		io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
		io_uring_sqe_set_data64(sqe, 0);
	}
	queue_write(&ring, fd, "never", 0, 0, 1);
	t_submit_reap(&ring, 2, res, N);
	CHECK_EQ(res[0], 3);
	CHECK_EQ(res[1], -ECANCELED);
	file_is(fd, "one", 3);

	/* A hard link goes on regardless. */
	queue_write(&ring, 9999, "bad", 0, IOSQE_IO_HARDLINK, 0);
	queue_write(&ring, fd, "ONE", 0, IOSQE_IO_HARDLINK, 1);
	queue_write(&ring, fd, "!", 3, 0, 2);
	t_submit_reap(&ring, 3, res, N);
	CHECK_EQ(res[0], -EBADF);
	CHECK_EQ(res[1], 3);
	CHECK_EQ(res[2], 1);
	file_is(fd, "ONE!", 4);

	/* Two chains in one submit: the failure stays in its own chain. */
	queue_write(&ring, 9999, "x", 0, IOSQE_IO_LINK, 0);
	queue_write(&ring, fd, "y", 0, 0, 1);
	queue_write(&ring, fd, "z", 1, IOSQE_IO_LINK, 2);
	queue_write(&ring, fd, "w", 2, 0, 3);
	t_submit_reap(&ring, 4, res, N);
	CHECK_EQ(res[0], -EBADF);
	CHECK_EQ(res[1], -ECANCELED);
	CHECK_EQ(res[2], 1);
	CHECK_EQ(res[3], 1);
	file_is(fd, "Ozw!", 4);

	io_uring_queue_exit(&ring);
	close(fd);
	unlink(path);
	return T_EXIT_PASS;
}
