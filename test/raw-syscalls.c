// SPDX-License-Identifier: MIT
/*
 * Description: the raw system calls. io_uring_setup(), io_uring_enter(),
 * io_uring_enter2() and io_uring_register() return the kernel's answer as
 * a value or -errno and leave errno alone; a ring made with the raw
 * io_uring_setup() (classic layout, with an SQ index array) is mapped by
 * io_uring_queue_mmap() and works; bad fds, flags and sizes give the exact
 * errno the kernel documents.
 */
#include "helpers.h"

#define ERRNO_MARK	4242

int main(int argc, char **argv)
{
	struct io_uring_params p;
	struct io_uring_probe *probe;
	struct io_uring ring;
	int fd, fds[2];

	(void)argc;
	t_init(argv[0]);
	CHECK_SYS(pipe(fds));

	/* setup: bad sizes and flags; errno untouched. */
	memset(&p, 0, sizeof(p));
	errno = ERRNO_MARK;
	CHECK_EQ(io_uring_setup(0, &p), -EINVAL);
	CHECK_EQ(io_uring_setup(4, NULL), -EFAULT);
	p.flags = 1U << 31;
	CHECK_EQ(io_uring_setup(4, &p), -EINVAL);
	memset(&p, 0, sizeof(p));
	p.resv[0] = 1;		/* reserved fields must be zero */
	CHECK_EQ(io_uring_setup(4, &p), -EINVAL);
	CHECK_EQ(errno, ERRNO_MARK);

	/* A ring the hard way: setup, then map it. */
	memset(&p, 0, sizeof(p));
	fd = io_uring_setup(4, &p);
	CHECK(fd >= 0);
	CHECK_EQ(p.sq_entries, 4);
	CHECK_EQ(p.cq_entries, 8);
	CHECK(p.features & IORING_FEAT_NODROP);
	CHECK_EQ(io_uring_queue_mmap(9999, &p, &ring), -EBADF);
	CHECK_EQ(io_uring_queue_mmap(fd, &p, &ring), 0);
	CHECK_EQ(ring.ring_fd, fd);
	CHECK(ring.sq.array != NULL);
	CHECK_EQ(ring.sq.ring_entries, 4);
	{
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, 7);
		CHECK_EQ(io_uring_submit(&ring), 1);
	}

	/* enter: wait for that CQE by hand. */
	errno = ERRNO_MARK;
	CHECK_EQ(io_uring_enter((unsigned)fd, 0, 1, IORING_ENTER_GETEVENTS,
				NULL), 0);
	CHECK_EQ(io_uring_cq_ready(&ring), 1);
	CHECK_EQ(ring.cq.cqes[*ring.cq.khead & ring.cq.ring_mask].user_data,
		 7);
	io_uring_cq_advance(&ring, 1);
	CHECK_EQ(io_uring_enter(9999, 0, 0, 0, NULL), -EBADF);
	CHECK_EQ(io_uring_enter((unsigned)fds[0], 0, 0, 0, NULL),
		 -EOPNOTSUPP);
	CHECK_EQ(io_uring_enter((unsigned)fd, 0, 0, 1U << 30, NULL), -EINVAL);
	{
		/* A sigmask of the wrong size is refused. */
		sigset_t set;

		sigemptyset(&set);
		CHECK_EQ(io_uring_enter2((unsigned)fd, 0, 1,
					 IORING_ENTER_GETEVENTS, &set, 4),
			 -EINVAL);
	}

	/* enter2 with EXT_ARG: a timeout bounds the wait. */
	{
		struct __kernel_timespec ts = { 0, 10 * 1000 * 1000 };
		struct io_uring_getevents_arg arg = {
			.ts = (__u64)(uintptr_t)&ts,
		};

		CHECK_EQ(io_uring_enter2((unsigned)fd, 0, 1,
					 IORING_ENTER_GETEVENTS |
					 IORING_ENTER_EXT_ARG,
					 &arg, sizeof(arg)), -ETIME);
		CHECK_EQ(io_uring_enter2((unsigned)fd, 0, 1,
					 IORING_ENTER_GETEVENTS |
					 IORING_ENTER_EXT_ARG,
					 &arg, sizeof(arg) - 1), -EINVAL);
	}
	CHECK_EQ(errno, ERRNO_MARK);

	/* register: the probe, a bad opcode, a bad fd. */
	probe = calloc(1, sizeof(*probe) + 256 * sizeof(probe->ops[0]));
	CHECK(probe != NULL);
	CHECK_EQ(io_uring_register((unsigned)fd, IORING_REGISTER_PROBE, probe,
				   256), 0);
	CHECK(probe->last_op >= IORING_OP_LINKAT);
	CHECK(probe->ops[IORING_OP_NOP].flags & IO_URING_OP_SUPPORTED);
	CHECK_EQ(io_uring_register((unsigned)fd, 9999, NULL, 0), -EINVAL);
	CHECK_EQ(io_uring_register(9999, IORING_REGISTER_PROBE, probe, 256),
		 -EBADF);
	CHECK_EQ(io_uring_register((unsigned)fds[0], IORING_REGISTER_PROBE,
				   probe, 256), -EOPNOTSUPP);
	CHECK_EQ(errno, ERRNO_MARK);
	free(probe);

	io_uring_queue_exit(&ring);
	CHECK_EQ(fcntl(fd, F_GETFD), -1);

	/*
	 * The params io_uring_queue_init_params() hands back describe the
	 * ring it made: mapping that ring again from them gives a second,
	 * consistent view (same indices, same CQEs).
	 */
	{
		struct io_uring again;
		int dupfd;

		memset(&p, 0, sizeof(p));
		CHECK_OK(io_uring_queue_init_params(4, &ring, &p));
		CHECK_EQ(p.flags & IORING_SETUP_NO_SQARRAY,
			 ring.flags & IORING_SETUP_NO_SQARRAY);
		dupfd = dup(ring.ring_fd);
		CHECK_SYS(dupfd);
		CHECK_EQ(io_uring_queue_mmap(dupfd, &p, &again), 0);
		CHECK_EQ(*again.sq.khead, 0);
		CHECK_EQ(*again.sq.ktail, 0);
		CHECK_EQ(*again.cq.khead, 0);
		CHECK_EQ(*again.cq.ktail, 0);
		io_uring_prep_nop(t_sqe(&ring));
		io_uring_prep_nop(t_sqe(&ring));
		CHECK_EQ(io_uring_submit_and_wait(&ring, 2), 2);
		CHECK_EQ(io_uring_cq_ready(&again), 2);
		CHECK_EQ(again.cq.cqes[0].res, 0);
		io_uring_queue_exit(&again);
		io_uring_cq_advance(&ring, 2);
		/* Params that do not match the ring are refused. */
		p.flags &= ~IORING_SETUP_NO_SQARRAY;
		p.sq_off.array = 0;
		CHECK_EQ(io_uring_queue_mmap(ring.ring_fd, &p, &again),
			 -EINVAL);
		io_uring_queue_exit(&ring);
	}
	close(fds[0]);
	close(fds[1]);
	return T_EXIT_PASS;
}
