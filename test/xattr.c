// SPDX-License-Identifier: MIT
/*
 * Description: extended attributes through the ring (Linux 5.19), on a file
 * in $TMPDIR. fsetxattr/setxattr store a user.* value that fgetxattr/
 * getxattr (and the getxattr(2) syscall) read back, res being its length;
 * XATTR_CREATE on an existing name is -EEXIST, XATTR_REPLACE on a missing
 * one and reading a missing one -ENODATA, a too-small buffer -ERANGE, and
 * a zero-length read returns the size. Skips only when the filesystem
 * itself refuses user xattrs (the setxattr(2) syscall says EOPNOTSUPP).
 */
#include <sys/xattr.h>
#include "helpers.h"

int main(int argc, char **argv)
{
	struct io_uring ring;
	char path[256], buf[64];
	int fd, ret;

	(void)argc;
	t_init(argv[0]);
	fd = t_tmpfile(path, NULL, 0);
	if (fsetxattr(fd, "user.rz.probe", "1", 1, 0) && errno == EOPNOTSUPP)
		t_skip("the filesystem of %s refuses user xattrs", t_tmpdir());
	CHECK_OK(io_uring_queue_init(4, &ring, 0));

	io_uring_prep_fsetxattr(t_sqe(&ring), fd, "user.rz.f", "by-fd", 0, 5);
	ret = t_submit_one(&ring);
	if (t_lacks(ret, "xattr opcodes", 5, 19)) {
		io_uring_queue_exit(&ring);
		close(fd);
		unlink(path);
		return t_done();
	}
	CHECK_EQ(ret, 0);
	CHECK_EQ(fgetxattr(fd, "user.rz.f", buf, sizeof(buf)), 5);
	CHECK(!memcmp(buf, "by-fd", 5));

	memset(buf, 0, sizeof(buf));
	io_uring_prep_fgetxattr(t_sqe(&ring), fd, "user.rz.f", buf,
				sizeof(buf));
	CHECK_EQ(t_submit_one(&ring), 5);
	CHECK(!memcmp(buf, "by-fd", 5));

	io_uring_prep_setxattr(t_sqe(&ring), "user.rz.p", "by-path", path, 0,
			       7);
	CHECK_EQ(t_submit_one(&ring), 0);
	memset(buf, 0, sizeof(buf));
	io_uring_prep_getxattr(t_sqe(&ring), "user.rz.p", buf, path,
			       sizeof(buf));
	CHECK_EQ(t_submit_one(&ring), 7);
	CHECK(!memcmp(buf, "by-path", 7));
	CHECK_EQ(getxattr(path, "user.rz.p", buf, sizeof(buf)), 7);

	/* Flags and errors. */
	io_uring_prep_setxattr(t_sqe(&ring), "user.rz.p", "again", path,
			       XATTR_CREATE, 5);
	CHECK_EQ(t_submit_one(&ring), -EEXIST);
	io_uring_prep_fsetxattr(t_sqe(&ring), fd, "user.rz.none", "x",
				XATTR_REPLACE, 1);
	CHECK_EQ(t_submit_one(&ring), -ENODATA);
	io_uring_prep_fsetxattr(t_sqe(&ring), fd, "user.rz.f", "new",
				XATTR_REPLACE, 3);
	CHECK_EQ(t_submit_one(&ring), 0);
	CHECK_EQ(fgetxattr(fd, "user.rz.f", buf, sizeof(buf)), 3);
	CHECK(!memcmp(buf, "new", 3));
	io_uring_prep_getxattr(t_sqe(&ring), "user.rz.none", buf, path,
			       sizeof(buf));
	CHECK_EQ(t_submit_one(&ring), -ENODATA);
	io_uring_prep_fgetxattr(t_sqe(&ring), fd, "user.rz.p", buf, 3);
	CHECK_EQ(t_submit_one(&ring), -ERANGE);
	io_uring_prep_fgetxattr(t_sqe(&ring), fd, "user.rz.p", NULL, 0);
	CHECK_EQ(t_submit_one(&ring), 7);

	io_uring_queue_exit(&ring);
	close(fd);
	unlink(path);
	return T_EXIT_PASS;
}
