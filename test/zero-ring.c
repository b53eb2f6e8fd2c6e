// SPDX-License-Identifier: MIT
/*
 * Description: IORING_OP_ZERO among other io_uring features: on a
 * registered file (IOSQE_FIXED_FILE); in a link chain, where a READ linked
 * after the ZERO sees the zeroes, and is cancelled when the ZERO is refused
 * at prep (-EINVAL); on a restricted ring, which refuses it with -EACCES
 * unless its opcode is allowed; and on an SQPOLL ring, whose SQ thread
 * must not matter to detection.
 */
#include "zero-helpers.h"

static bool fs_zeroes;

static void fixed_file(const char *path)
{
	struct io_uring ring;
	char buf[16];
	int fd, files[2];

	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	fd = open(path, O_RDWR | O_CLOEXEC);
	CHECK_SYS(fd);
	/* Slot 1, so that a wrong index (fd number, slot 0) cannot pass. */
	files[0] = -1;
	files[1] = fd;
	CHECK_EQ(io_uring_register(ring.ring_fd, IORING_REGISTER_FILES, files,
				   2), 0);
	{
		struct io_uring_sqe *sqe = t_sqe(&ring);

		zt_prep_zero(sqe, 1, 1, 2, 0);
		io_uring_sqe_set_flags(sqe, IOSQE_FIXED_FILE);
	}
	CHECK_EQ(t_submit_one(&ring), zt_ok(fs_zeroes));
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 10);
	CHECK(!memcmp(buf, fs_zeroes ? "0\0\0" "3456789" : "0123456789", 10));

	/* An empty slot is -EBADF, as for any fixed-file request. */
	{
		struct io_uring_sqe *sqe = t_sqe(&ring);

		zt_prep_zero(sqe, 0, 1, 2, 0);
		io_uring_sqe_set_flags(sqe, IOSQE_FIXED_FILE);
	}
	CHECK_EQ(t_submit_one(&ring), -EBADF);
	close(fd);
	io_uring_queue_exit(&ring);
}

/*
 * ZERO, then a READ linked to it; returns the READ's res. A ZERO that the
 * kernel refuses at prep time (bad flags) cancels the READ. One that fails
 * while running does not on the fallback: IORING_OP_FALLOCATE does not
 * mark itself failed for the link (Linux up to 6.18 at least), and the
 * native opcode may go either way; the data must be untouched either way.
 */
static int zero_then_read(struct io_uring *ring, int fd, unsigned flags,
			  int want_zero, char *buf)
{
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	int i, read_res = 0;

	memset(buf, 'x', 6);
	sqe = t_sqe(ring);
	zt_prep_zero(sqe, fd, 3, 4, flags);
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	io_uring_sqe_set_data64(sqe, 1);
	sqe = t_sqe(ring);
	io_uring_prep_read(sqe, fd, buf, 6, 2);
	io_uring_sqe_set_data64(sqe, 2);
	CHECK_EQ(io_uring_submit_and_wait(ring, 2), 2);
	/* Links complete in order. */
	for (i = 1; i <= 2; i++) {
		cqe = t_wait(ring);
		CHECK_EQ(cqe->user_data, i);
		if (i == 1)
			CHECK_EQ(cqe->res, want_zero);
		else
			read_res = cqe->res;
		io_uring_cqe_seen(ring, cqe);
	}
	return read_res;
}

static void link_chain(const char *path)
{
	struct io_uring ring;
	char buf[8];
	int fd, res;

	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	fd = open(path, O_RDWR | O_CLOEXEC);
	CHECK_SYS(fd);
	CHECK_EQ(pwrite(fd, "abcdefghij", 10, 0), 10);

	/* Refused at prep: the READ is cancelled and never touches buf. */
	CHECK_EQ(zero_then_read(&ring, fd, 1U << 3, -EINVAL, buf), -ECANCELED);
	CHECK(!memcmp(buf, "xxxxxx", 6));

	res = zero_then_read(&ring, fd, 0, zt_ok(fs_zeroes), buf);
	if (fs_zeroes) {
		CHECK_EQ(res, 6);
		CHECK(!memcmp(buf, "c\0\0\0\0h", 6));
	} else if (!zt_native()) {
		CHECK_EQ(res, 6);	/* FALLOCATE does not break the link */
		CHECK(!memcmp(buf, "cdefgh", 6));
	} else if (res != -ECANCELED) {
		CHECK_EQ(res, 6);
		CHECK(!memcmp(buf, "cdefgh", 6));
	}
	close(fd);
	io_uring_queue_exit(&ring);
}

/*
 * A ring restricted to READ and WRITE refuses the ZERO (whatever opcode
 * the library chose) with -EACCES and the file stays; a ring that allows
 * the library's opcode runs it.
 */
static int restricted_zero(const char *path, __u8 allowed_op)
{
	struct io_uring_restriction res[2];
	struct io_uring_params p = { .flags = IORING_SETUP_R_DISABLED };
	struct io_uring ring;
	int fd, ret;

	t_ring_init(&ring, 4, &p, "IORING_SETUP_R_DISABLED");
	memset(res, 0, sizeof(res));
	res[0].opcode = IORING_RESTRICTION_SQE_OP;
	res[0].sqe_op = IORING_OP_READ;
	res[1].opcode = IORING_RESTRICTION_SQE_OP;
	res[1].sqe_op = allowed_op;
	CHECK_EQ(io_uring_register(ring.ring_fd, IORING_REGISTER_RESTRICTIONS,
				   res, 2), 0);
	CHECK_OK(io_uring_enable_rings(&ring));
	fd = open(path, O_RDWR | O_CLOEXEC);
	CHECK_SYS(fd);
	zt_prep_zero(t_sqe(&ring), fd, 0, 1, 0);
	ret = t_submit_one(&ring);
	close(fd);
	io_uring_queue_exit(&ring);
	return ret;
}

static void restrictions(const char *path)
{
	char buf[16];
	int fd;

	fd = open(path, O_RDWR | O_CLOEXEC);
	CHECK_SYS(fd);
	CHECK_EQ(pwrite(fd, "0123456789", 10, 0), 10);
	CHECK_EQ(restricted_zero(path, IORING_OP_WRITE), -EACCES);
	/* Natively, allowing FALLOCATE does not allow ZERO. */
	if (zt_native())
		CHECK_EQ(restricted_zero(path, IORING_OP_FALLOCATE), -EACCES);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 10);
	CHECK(!memcmp(buf, "0123456789", 10));

	CHECK_EQ(restricted_zero(path, (__u8)zt_expected_opcode()),
		 zt_ok(fs_zeroes));
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 10);
	CHECK(!memcmp(buf, fs_zeroes ? "\0" "123456789" : "0123456789", 10));
	close(fd);
}

/* An SQPOLL ring: the kernel thread runs the ZERO; detection unaffected. */
static void sqpoll(const char *path)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
				     .sq_thread_idle = 100 };
	struct io_uring ring;
	char buf[16];
	int fd;

	t_ring_init(&ring, 4, &p, "IORING_SETUP_SQPOLL");
	fd = open(path, O_RDWR | O_CLOEXEC);
	CHECK_SYS(fd);
	CHECK_EQ(pwrite(fd, "0123456789", 10, 0), 10);
	zt_prep_zero(t_sqe(&ring), fd, 8, 2, 0);
	CHECK_EQ(t_submit_one(&ring), zt_ok(fs_zeroes));
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 10);
	CHECK(!memcmp(buf, fs_zeroes ? "01234567\0\0" : "0123456789", 10));
	CHECK_EQ(io_uring_zero_method(&ring), zt_native() ?
		 RINGZERO_ZERO_NATIVE : RINGZERO_ZERO_FALLOCATE);
	close(fd);
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	char path[256];
	int fd;

	(void)argc;
	t_init(argv[0]);
	zt_expected_opcode();
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	fd = t_tmpfile(path, "0123456789", 10);
	fs_zeroes = zt_fs_zeroes(&ring, fd);
	io_uring_queue_exit(&ring);
	close(fd);

	fixed_file(path);
	link_chain(path);
	restrictions(path);
	sqpoll(path);
	unlink(path);
	return T_EXIT_PASS;
}
