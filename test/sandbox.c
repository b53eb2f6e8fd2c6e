// SPDX-License-Identifier: MIT
/*
 * Description: ringzero_sandbox_init() makes a ring that runs only the
 * listed opcodes with the listed SQE flags: allowed SQEs do their work,
 * every other opcode, flag and register call gets -EACCES, required flags
 * are enforced, files registered in prepare() work, and a bad policy is
 * refused before any ring exists.
 */
#include "helpers.h"

static int submit_res(struct io_uring *ring)
{
	return t_submit_one(ring);
}

static void read_write_only(int fd)
{
	static const __u8 ops[] = { IORING_OP_READ, IORING_OP_WRITE };
	static const __u8 reg_ops[] = { IORING_REGISTER_PROBE };
	const struct ringzero_sandbox policy = {
		.ops = ops, .nr_ops = 2,
		.sqe_flags_allowed = IOSQE_IO_LINK,
		.register_ops = reg_ops, .nr_register_ops = 1,
	};
	struct io_uring_restriction again = {
		.opcode = IORING_RESTRICTION_SQE_OP,
		.sqe_op = IORING_OP_NOP,
	};
	struct io_uring_probe *probe;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	char buf[16], back[16];
	int ret;

	ret = ringzero_sandbox_init(8, &ring, &policy);
	if (ret == -EINVAL &&
	    ringzero_kernel_version() < RINGZERO_KVER(5, 10))
		t_skip("kernel lacks io_uring restrictions (5.10)");
	CHECK_OK(ret);

	/* Allowed: the bytes land on disk and come back. */
	memcpy(buf, "sandboxed bytes", 16);
	io_uring_prep_write(t_sqe(&ring), fd, buf, 16, 100);
	CHECK_EQ(submit_res(&ring), 16);
	io_uring_prep_read(t_sqe(&ring), fd, back, 16, 100);
	CHECK_EQ(submit_res(&ring), 16);
	CHECK(!memcmp(buf, back, 16));
	CHECK_EQ(pread(fd, back, 16, 100), 16);
	CHECK(!memcmp(buf, back, 16));

	/* An allowed flag on an allowed op: a linked pair. */
	sqe = t_sqe(&ring);
	io_uring_prep_write(sqe, fd, "AB", 2, 0);
	sqe->flags = IOSQE_IO_LINK;
	io_uring_prep_read(t_sqe(&ring), fd, back, 2, 0);
	CHECK_EQ(io_uring_submit(&ring), 2);
	{
		struct io_uring_cqe *cqe = t_wait(&ring);

		CHECK_EQ(cqe->res, 2);
		io_uring_cqe_seen(&ring, cqe);
		cqe = t_wait(&ring);
		CHECK_EQ(cqe->res, 2);
		io_uring_cqe_seen(&ring, cqe);
		CHECK(!memcmp(back, "AB", 2));
	}

	/* Refused opcodes. */
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(submit_res(&ring), -EACCES);
	io_uring_prep_openat(t_sqe(&ring), AT_FDCWD, "/", O_RDONLY, 0);
	CHECK_EQ(submit_res(&ring), -EACCES);
	io_uring_prep_fsync(t_sqe(&ring), fd, 0);
	CHECK_EQ(submit_res(&ring), -EACCES);

	/* A flag not on the list, on an allowed op. */
	sqe = t_sqe(&ring);
	io_uring_prep_read(sqe, fd, back, 2, 0);
	sqe->flags = IOSQE_ASYNC;
	CHECK_EQ(submit_res(&ring), -EACCES);

	/* Register: PROBE is allowed, anything else is not. */
	probe = io_uring_get_probe_ring(&ring);
	CHECK(probe != NULL);
	io_uring_free_probe(probe);
	CHECK_EQ(io_uring_register(ring.ring_fd, IORING_REGISTER_FILES, &fd, 1),
		 -EACCES);
	/* The allow-list is fixed once the ring runs. */
	ret = io_uring_register(ring.ring_fd, IORING_REGISTER_RESTRICTIONS,
				&again, 1);
	CHECK(ret == -EACCES || ret == -EBUSY || ret == -EBADFD);

	/* Nothing above broke the ring: allowed work still goes through. */
	io_uring_prep_read(t_sqe(&ring), fd, back, 16, 100);
	CHECK_EQ(submit_res(&ring), 16);
	io_uring_queue_exit(&ring);
}

static int register_file(struct io_uring *ring, void *arg)
{
	return io_uring_register(ring->ring_fd, IORING_REGISTER_FILES, arg, 1);
}

/* Required flags: only fixed files, registered before the lock. */
static void fixed_files_only(int fd)
{
	static const __u8 ops[] = { IORING_OP_READ };
	const struct ringzero_sandbox policy = {
		.ops = ops, .nr_ops = 1,
		.sqe_flags_allowed = IOSQE_FIXED_FILE,
		.sqe_flags_required = IOSQE_FIXED_FILE,
		.prepare = register_file, .prepare_arg = &fd,
	};
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	char back[16];

	CHECK_OK(ringzero_sandbox_init(4, &ring, &policy));
	sqe = t_sqe(&ring);
	io_uring_prep_read(sqe, 0, back, 16, 100);	/* slot 0 */
	sqe->flags = IOSQE_FIXED_FILE;
	CHECK_EQ(submit_res(&ring), 16);
	CHECK(!memcmp(back, "sandboxed bytes", 16));

	/* The same read on the plain fd lacks the required flag. */
	io_uring_prep_read(t_sqe(&ring), fd, back, 16, 100);
	CHECK_EQ(submit_res(&ring), -EACCES);
	io_uring_queue_exit(&ring);
}

static int failing_prepare(struct io_uring *ring, void *arg)
{
	(void)ring;
	(void)arg;
	return -EMLINK;
}

static int count_fds(void)
{
	int n = 0, fd;

	for (fd = 0; fd < 1024; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static void bad_policies(void)
{
	static const __u8 ops[] = { IORING_OP_READ };
	struct ringzero_sandbox policy = { .ops = NULL, .nr_ops = 1 };
	struct io_uring ring;
	int before = count_fds();

	CHECK_EQ(ringzero_sandbox_init(4, &ring, NULL), -EINVAL);
	CHECK_EQ(ringzero_sandbox_init(4, &ring, &policy), -EINVAL);
	policy.ops = ops;
	policy.nr_register_ops = 2;
	CHECK_EQ(ringzero_sandbox_init(4, &ring, &policy), -EINVAL);
	/* A prepare that fails: its error comes back, no ring stays open. */
	policy.nr_register_ops = 0;
	policy.prepare = failing_prepare;
	CHECK_EQ(ringzero_sandbox_init(4, &ring, &policy), -EMLINK);
	/* Setup errors come back as they are. */
	policy.prepare = NULL;
	CHECK_EQ(ringzero_sandbox_init(0, &ring, &policy), -EINVAL);
	CHECK_EQ(count_fds(), before);
}

int main(int argc, char **argv)
{
	char path[256];
	int fd;

	(void)argc;
	t_init(argv[0]);
	fd = t_tmpfile(path, NULL, 4096);
	unlink(path);
	read_write_only(fd);
	fixed_files_only(fd);
	bad_policies();
	close(fd);
	return T_EXIT_PASS;
}
