// SPDX-License-Identifier: MIT
/*
 * Description: IORING_OP_FIXED_FD_INSTALL (6.8) turns a direct descriptor
 * into a normal fd of the process: res is the new fd, it refers to the same
 * file (data written through it comes out of the pipe), it is O_CLOEXEC
 * unless IORING_FIXED_FD_NO_CLOEXEC is given; an empty slot is -EBADF.
 */
#include "ringmodes.h"

static int install(struct io_uring *ring, int slot, unsigned flags)
{
	io_uring_prep_fixed_fd_install(t_sqe(ring), slot, flags);
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	int pfd[2], files[3], fd;
	char c;

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_FIXED_FD_INSTALL,
		     "IORING_OP_FIXED_FD_INSTALL", "6.8");
	CHECK_SYS(pipe(pfd));
	files[0] = -1;
	files[1] = pfd[1];
	files[2] = -1;
	CHECK_OK(io_uring_register_files(ring, files, 3));
	close(pfd[1]);	/* only the registered slot holds it now */

	fd = install(ring, 1, 0);
	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	CHECK_EQ(write(fd, "i", 1), 1);
	CHECK_EQ(read(pfd[0], &c, 1), 1);
	CHECK_EQ(c, 'i');
	close(fd);

	fd = install(ring, 1, IORING_FIXED_FD_NO_CLOEXEC);
	CHECK(fd >= 0);
	CHECK_EQ(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
	close(fd);

	CHECK_EQ(install(ring, 0, 0), -EBADF);
	CHECK_OK(io_uring_unregister_files(ring));
	close(pfd[0]);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
