// SPDX-License-Identifier: MIT
/*
 * Description: reads and writes with registered buffers. write_fixed and
 * read_fixed move bytes between a file and any part of a registered buffer
 * (res = bytes, data on disk checked); a range outside the buffer is
 * -EFAULT and an unregistered index -EFAULT; the vectored fixed forms
 * (Linux 6.15) take iovecs inside the registered buffer.
 */
#include <sys/uio.h>
#include "helpers.h"

#define BUFSZ	8192

/*
 * Register bufs as buffers 0 and 1 with the raw call: the library's
 * io_uring_register_buffers() comes with the registration work of another
 * part, and this test should depend on the core alone.
 */
static int register_buffers(struct io_uring *ring, struct iovec *iov,
			    unsigned nr)
{
	return io_uring_register((unsigned)ring->ring_fd,
				 IORING_REGISTER_BUFFERS, iov, nr);
}

int main(int argc, char **argv)
{
	static char a[BUFSZ] __attribute__((aligned(4096)));
	static char b[BUFSZ] __attribute__((aligned(4096)));
	struct iovec iov[2] = { { a, BUFSZ }, { b, BUFSZ } };
	struct io_uring ring;
	char path[256], disk[BUFSZ];
	int fd, ret;
	size_t i;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	fd = t_tmpfile(path, NULL, 0);
	CHECK_EQ(register_buffers(&ring, iov, 2), 0);

	for (i = 0; i < BUFSZ; i++)
		a[i] = (char)t_pattern(i);
	/* The whole of buffer 0, then a slice from the middle of it. */
	io_uring_prep_write_fixed(t_sqe(&ring), fd, a, BUFSZ, 0, 0);
	CHECK_EQ(t_submit_one(&ring), BUFSZ);
	io_uring_prep_write_fixed(t_sqe(&ring), fd, a + 100, 50, BUFSZ, 0);
	CHECK_EQ(t_submit_one(&ring), 50);
	CHECK_EQ(pread(fd, disk, BUFSZ, 0), BUFSZ);
	CHECK(!memcmp(disk, a, BUFSZ));
	CHECK_EQ(pread(fd, disk, 50, BUFSZ), 50);
	CHECK(!memcmp(disk, a + 100, 50));

	/* Read into buffer 1 at an offset inside it. */
	memset(b, 0, BUFSZ);
	io_uring_prep_read_fixed(t_sqe(&ring), fd, b + 4096, 4096, 1000, 1);
	CHECK_EQ(t_submit_one(&ring), 4096);
	CHECK(!memcmp(b + 4096, a + 1000, 4096));
	CHECK_EQ(b[4095], 0);

	/* Outside the registered range, or a buffer index never registered. */
	io_uring_prep_read_fixed(t_sqe(&ring), fd, b + 4096, 8192, 0, 1);
	CHECK_EQ(t_submit_one(&ring), -EFAULT);
	io_uring_prep_read_fixed(t_sqe(&ring), fd, a, 16, 0, 1);
	CHECK_EQ(t_submit_one(&ring), -EFAULT);
	io_uring_prep_read_fixed(t_sqe(&ring), fd, a, 16, 0, 7);
	CHECK_EQ(t_submit_one(&ring), -EFAULT);

	/* Vectored: two pieces of buffer 1 written, read back into 0. */
	{
		struct iovec w[2] = { { b + 4096, 10 }, { b + 4106, 20 } };
		struct iovec r[2] = { { a, 5 }, { a + 10, 25 } };

		memcpy(b + 4096, "0123456789abcdefghijklmnopqrst", 30);
		io_uring_prep_writev_fixed(t_sqe(&ring), fd, w, 2, 0, 0, 1);
		ret = t_submit_one(&ring);
		if (!t_lacks(ret, "IORING_OP_WRITEV_FIXED", 6, 15)) {
			CHECK_EQ(ret, 30);
			CHECK_EQ(pread(fd, disk, 30, 0), 30);
			CHECK(!memcmp(disk, b + 4096, 30));
			io_uring_prep_readv_fixed(t_sqe(&ring), fd, r, 2, 0, 0,
						  0);
			CHECK_EQ(t_submit_one(&ring), 30);
			CHECK(!memcmp(a, "01234", 5));
			CHECK(!memcmp(a + 10, "56789abcdefghijklmnopqrst",
				      25));
		}
	}

	io_uring_queue_exit(&ring);
	close(fd);
	unlink(path);
	return t_done();
}
