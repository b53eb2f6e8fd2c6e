// SPDX-License-Identifier: MIT
/*
 * Description: write, read, writev, readv and the v2 forms against a real
 * file: the bytes on disk match what was written, CQE res is the byte count,
 * offset -1 uses and advances the file position, RWF_* flags reach the
 * kernel (RWF_APPEND appends), and a bad fd gives -EBADF.
 */
#include <sys/uio.h>
#include "helpers.h"

int main(int argc, char **argv)
{
	char path[256], buf[64], a[] = "hello ", b[] = "world";
	struct iovec iov[2] = { { a, 6 }, { b, 5 } };
	struct io_uring ring;
	int fd;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	fd = t_tmpfile(path, NULL, 0);

	io_uring_prep_write(t_sqe(&ring), fd, "0123456789", 10, 0);
	CHECK_EQ(t_submit_one(&ring), 10);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 10);
	CHECK(!memcmp(buf, "0123456789", 10));

	memset(buf, 0, sizeof(buf));
	io_uring_prep_read(t_sqe(&ring), fd, buf, 4, 3);
	CHECK_EQ(t_submit_one(&ring), 4);
	CHECK(!memcmp(buf, "3456", 4));

	io_uring_prep_writev(t_sqe(&ring), fd, iov, 2, 10);
	CHECK_EQ(t_submit_one(&ring), 11);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 21);
	CHECK(!memcmp(buf, "0123456789hello world", 21));

	{
		char x[3], y[4];
		struct iovec riov[2] = { { x, 3 }, { y, 4 } };

		io_uring_prep_readv(t_sqe(&ring), fd, riov, 2, 8);
		CHECK_EQ(t_submit_one(&ring), 7);
		CHECK(!memcmp(x, "89h", 3) && !memcmp(y, "ello", 4));
	}

	/* Short read at EOF: res is what was there. */
	io_uring_prep_read(t_sqe(&ring), fd, buf, sizeof(buf), 18);
	CHECK_EQ(t_submit_one(&ring), 3);

	/* offset -1: the file position, which then advances. */
	CHECK_SYS(lseek(fd, 2, SEEK_SET));
	io_uring_prep_read(t_sqe(&ring), fd, buf, 3, (__u64)-1);
	CHECK_EQ(t_submit_one(&ring), 3);
	CHECK(!memcmp(buf, "234", 3));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);

	/* RWF_APPEND through writev2 ignores the offset and appends. */
	{
		struct iovec one = { (void *)"!", 1 };

		io_uring_prep_writev2(t_sqe(&ring), fd, &one, 1, 0,
				      RWF_APPEND);
		CHECK_EQ(t_submit_one(&ring), 1);
		CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 22);
		CHECK(!memcmp(buf, "0123456789hello world!", 22));
	}
	{
		char x[2];
		struct iovec one = { x, 2 };

		/* HIPRI needs an IOPOLL ring: the kernel must see the flag. */
		io_uring_prep_readv2(t_sqe(&ring), fd, &one, 1, 0, RWF_HIPRI);
		CHECK_EQ(t_submit_one(&ring), -EINVAL);
		io_uring_prep_readv2(t_sqe(&ring), fd, &one, 1, 0, 0);
		CHECK_EQ(t_submit_one(&ring), 2);
		CHECK(!memcmp(x, "01", 2));
	}

	/* Bad fd: -EBADF in res, nothing else breaks. */
	io_uring_prep_read(t_sqe(&ring), 9999, buf, 4, 0);
	CHECK_EQ(t_submit_one(&ring), -EBADF);

	close(fd);
	unlink(path);
	io_uring_queue_exit(&ring);
	return T_EXIT_PASS;
}
