// SPDX-License-Identifier: MIT
/*
 * Description: splice and tee through the ring. splice moves bytes from a
 * file (at an offset) into a pipe and from a pipe into a file (at an
 * offset, or at the file position with -1), res being the count; tee
 * copies a pipe's contents into a second pipe without consuming them; a
 * splice between two files, or with a bad fd, fails with the kernel's
 * errno (-EINVAL, -EBADF).
 */
#include "helpers.h"

int main(int argc, char **argv)
{
	char src_path[256], dst_path[256], buf[64];
	int src, dst, p1[2], p2[2];
	struct io_uring ring;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	src = t_tmpfile(src_path, "0123456789abcdef", 16);
	dst = t_tmpfile(dst_path, NULL, 0);
	CHECK_SYS(pipe(p1));
	CHECK_SYS(pipe(p2));

	/* file[4..12) -> pipe */
	io_uring_prep_splice(t_sqe(&ring), src, 4, p1[1], -1, 8, 0);
	CHECK_EQ(t_submit_one(&ring), 8);

	/* tee: p1's 8 bytes appear in p2 as well, and stay in p1. */
	io_uring_prep_tee(t_sqe(&ring), p1[0], p2[1], 8, 0);
	CHECK_EQ(t_submit_one(&ring), 8);
	CHECK_EQ(read(p2[0], buf, sizeof(buf)), 8);
	CHECK(!memcmp(buf, "456789ab", 8));

	/* pipe -> file at offset 2, then the rest at the file position. */
	io_uring_prep_splice(t_sqe(&ring), p1[0], -1, dst, 2, 5, 0);
	CHECK_EQ(t_submit_one(&ring), 5);
	CHECK_SYS(lseek(dst, 10, SEEK_SET));
	io_uring_prep_splice(t_sqe(&ring), p1[0], -1, dst, -1, 8, 0);
	CHECK_EQ(t_submit_one(&ring), 3);
	CHECK_EQ(lseek(dst, 0, SEEK_CUR), 13);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(dst, buf, sizeof(buf), 0), 13);
	CHECK(!memcmp(buf, "\0\0" "45678" "\0\0\0" "9ab", 13));

	/* Neither end a pipe: -EINVAL. A bad fd: -EBADF. */
	io_uring_prep_splice(t_sqe(&ring), src, 0, dst, 0, 4, 0);
	CHECK_EQ(t_submit_one(&ring), -EINVAL);
	io_uring_prep_splice(t_sqe(&ring), 9999, 0, p1[1], -1, 4, 0);
	CHECK_EQ(t_submit_one(&ring), -EBADF);
	io_uring_prep_tee(t_sqe(&ring), p1[0], dst, 4, 0);
	CHECK_EQ(t_submit_one(&ring), -EINVAL);

	io_uring_queue_exit(&ring);
	close(p1[0]);
	close(p1[1]);
	close(p2[0]);
	close(p2[1]);
	close(src);
	close(dst);
	unlink(src_path);
	unlink(dst_path);
	return T_EXIT_PASS;
}
