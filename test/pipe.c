// SPDX-License-Identifier: MIT
/*
 * Description: IORING_OP_PIPE (6.16) makes a pipe: as normal fds (data
 * written to fds[1] comes out of fds[0], O_CLOEXEC honoured) and as direct
 * descriptors, in chosen slots or in slots the kernel allocates, usable
 * for reads and writes through the ring.
 */
#include "ringmodes.h"

static int one(struct io_uring *ring)
{
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void fixed_roundtrip(struct io_uring *ring, int wslot, int rslot,
			    char c)
{
	struct io_uring_sqe *sqe = t_sqe(ring);
	char in = 0;

	io_uring_prep_write(sqe, wslot, &c, 1, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(one(ring), 1);
	sqe = t_sqe(ring);
	io_uring_prep_read(sqe, rslot, &in, 1, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(one(ring), 1);
	CHECK_EQ(in, c);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	int fds[2] = { -1, -1 };
	char c = 'p';

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_PIPE, "IORING_OP_PIPE", "6.16");
	io_uring_prep_pipe(t_sqe(ring), fds, O_CLOEXEC);
	CHECK_EQ(one(ring), 0);
	CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
	CHECK(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
	CHECK_EQ(write(fds[1], &c, 1), 1);
	c = 0;
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(c, 'p');
	close(fds[0]);
	close(fds[1]);

	CHECK_OK(io_uring_register_files_sparse(ring, 8));
	/* Slots 4 and 5, as asked. */
	fds[0] = fds[1] = -1;
	io_uring_prep_pipe_direct(t_sqe(ring), fds, 0, 4);
	CHECK_EQ(one(ring), 0);
	CHECK_EQ(fds[0], 4);
	CHECK_EQ(fds[1], 5);
	fixed_roundtrip(ring, 5, 4, 'q');
	/* Two free slots of the kernel's choice. */
	fds[0] = fds[1] = -1;
	io_uring_prep_pipe_direct(t_sqe(ring), fds, 0, IORING_FILE_INDEX_ALLOC);
	CHECK_EQ(one(ring), 0);
	CHECK(fds[0] >= 0 && fds[0] < 8 && fds[0] != 4 && fds[0] != 5);
	CHECK(fds[1] >= 0 && fds[1] < 8 && fds[1] != 4 && fds[1] != 5);
	CHECK(fds[0] != fds[1]);
	fixed_roundtrip(ring, fds[1], fds[0], 'r');
	CHECK_OK(io_uring_unregister_files(ring));
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
