// SPDX-License-Identifier: MIT
/*
 * Description: a ring whose fd was closed behind the library's back.
 * Submitting, waiting and registering return -EBADF (nothing crashes, the
 * SQEs stay queued); with another file reusing the fd number the kernel
 * refuses it as no ring (-EOPNOTSUPP) rather than writing through it. A
 * ring entered through its registered index keeps working after
 * io_uring_close_ring_fd(), and then refuses to close twice.
 */
#include "helpers.h"

static void closed_under_us(void)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000000 };
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	int fd, other;

	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	fd = ring.ring_fd;
	CHECK_SYS(close(fd));

	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(io_uring_submit(&ring), -EBADF);
	CHECK_EQ(io_uring_submit_and_wait(&ring, 1), -EBADF);
	CHECK_EQ(io_uring_wait_cqe_timeout(&ring, &cqe, &ts), -EBADF);
	CHECK_EQ(io_uring_get_events(&ring), -EBADF);
	CHECK(io_uring_get_probe_ring(&ring) == NULL);
	CHECK_EQ(io_uring_register_ring_fd(&ring), -EBADF);
	/* The SQE is still queued, not lost or half-sent. */
	CHECK_EQ(io_uring_sq_ready(&ring), 1);

	/* Another file takes the number: it is not a ring. */
	other = open("/dev/null", O_RDWR);
	CHECK_SYS(other);
	if (other != fd)
		CHECK_SYS(dup2(other, fd));
	CHECK_EQ(io_uring_submit(&ring), -EOPNOTSUPP);
	CHECK_EQ(io_uring_wait_cqe_timeout(&ring, &cqe, &ts), -EOPNOTSUPP);
	CHECK(io_uring_get_probe_ring(&ring) == NULL);
	if (other != fd)
		close(other);
	close(fd);

	/* Teardown still unmaps cleanly (ASan/LSan watch for the rest). */
	io_uring_queue_exit(&ring);
	CHECK_EQ(ring.ring_fd, -1);
}

static void registered_index(void)
{
	struct io_uring ring;
	int i, ret;

	CHECK_OK(io_uring_queue_init(8, &ring, 0));
	ret = io_uring_register_ring_fd(&ring);
	if (ret == -EINVAL && ringzero_kernel_version() < RINGZERO_KVER(5, 18))
		t_skip("kernel lacks registered ring fds (5.18)");
	CHECK_EQ(ret, 1);
	ret = io_uring_close_ring_fd(&ring);
	if (ret == -EOPNOTSUPP) {
		CHECK(ringzero_kernel_version() < RINGZERO_KVER(6, 3));
		io_uring_queue_exit(&ring);
		printf("kernel lacks IORING_FEAT_REG_REG_RING (6.3): ring fd "
		       "kept open\n");
		return;
	}
	CHECK_EQ(ret, 1);
	CHECK_EQ(ring.ring_fd, -1);
	CHECK_EQ(io_uring_close_ring_fd(&ring), -EBADF);
	for (i = 0; i < 100; i++) {
		io_uring_prep_nop(t_sqe(&ring));
		CHECK_EQ(t_submit_one(&ring), 0);
	}
	/* Register calls go through the index too. */
	{
		struct io_uring_probe *probe = io_uring_get_probe_ring(&ring);

		CHECK(probe != NULL);
		io_uring_free_probe(probe);
	}
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	closed_under_us();
	registered_index();
	return T_EXIT_PASS;
}
