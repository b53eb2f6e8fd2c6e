// SPDX-License-Identifier: MIT
/*
 * Description: restrictions (5.10) on a ring started disabled: after
 * allowing NOP and SEND, the IO_LINK flag and the PROBE register op, those
 * work, while READ, an SQE with IOSQE_ASYNC and registering files are
 * refused with -EACCES. Restrictions register once (-EBUSY the second
 * time), never on a ring that was not started disabled (-EBADFD), and
 * once the ring runs, registering them again is itself a refused op.
 */
#include "ringmodes.h"
#include "sockets.h"

static int one(struct io_uring *ring)
{
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring_restriction res[4];
	struct io_uring_probe *probe;
	struct io_uring_sqe *sqe;
	char buf[8] = "abcdefg", in[8];
	int fds[2], ret;

	(void)mode;
	(void)arg;
	memset(res, 0, sizeof(res));
	res[0].opcode = IORING_RESTRICTION_SQE_OP;
	res[0].sqe_op = IORING_OP_NOP;
	res[1].opcode = IORING_RESTRICTION_SQE_OP;
	res[1].sqe_op = IORING_OP_SEND;
	res[2].opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED;
	res[2].sqe_flags = IOSQE_IO_LINK;
	res[3].opcode = IORING_RESTRICTION_REGISTER_OP;
	res[3].register_op = IORING_REGISTER_PROBE;

	ret = io_uring_register_restrictions(ring, res, 4);
	t_skip_if_unsupported(ret, "ring restrictions", "5.10");
	CHECK_EQ(ret, 0);
	CHECK_EQ(io_uring_register_restrictions(ring, res, 4), -EBUSY);
	CHECK_OK(io_uring_enable_rings(ring));
	/* Now RESTRICTIONS itself is a register op that was not allowed. */
	CHECK_EQ(io_uring_register_restrictions(ring, res, 4), -EACCES);

	/* Allowed: NOP, and two linked NOPs. */
	io_uring_prep_nop(t_sqe(ring));
	CHECK_EQ(one(ring), 0);
	sqe = t_sqe(ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_prep_nop(t_sqe(ring));
	t_submit(ring, 2);
	CHECK_EQ(t_reap(ring, 5000).res, 0);
	CHECK_EQ(t_reap(ring, 5000).res, 0);

	/* Allowed: SEND, and the bytes arrive. */
	t_socketpair(SOCK_STREAM, fds);
	io_uring_prep_send(t_sqe(ring), fds[0], buf, sizeof(buf), 0);
	CHECK_EQ(one(ring), sizeof(buf));
	CHECK_EQ(read(fds[1], in, sizeof(in)), sizeof(in));
	CHECK(!memcmp(in, buf, sizeof(buf)));

	/* Not allowed: READ, and an allowed opcode with a disallowed flag. */
	io_uring_prep_read(t_sqe(ring), fds[1], in, sizeof(in), 0);
	CHECK_EQ(one(ring), -EACCES);
	sqe = t_sqe(ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_ASYNC;
	CHECK_EQ(one(ring), -EACCES);

	/* Register ops: PROBE allowed, FILES refused. */
	probe = io_uring_get_probe_ring(ring);
	CHECK(probe != NULL);
	io_uring_free_probe(probe);
	CHECK_EQ(io_uring_register_files(ring, fds, 2), -EACCES);
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	struct t_ring_opts opts = { .flags = IORING_SETUP_R_DISABLED };
	struct io_uring plain;
	struct io_uring_restriction r = {
		.opcode = IORING_RESTRICTION_SQE_OP,
		.sqe_op = IORING_OP_NOP,
	};
	int ret;

	(void)argc;
	t_init(argv[0]);
	/* A ring that was never disabled cannot be restricted. */
	CHECK_OK(io_uring_queue_init(4, &plain, 0));
	ret = io_uring_register_restrictions(&plain, &r, 1);
	t_skip_if_unsupported(ret, "ring restrictions", "5.10");
	CHECK_EQ(ret, -EBADFD);
	io_uring_queue_exit(&plain);

	t_for_each_ring_mode(&opts, run, NULL);
	return T_EXIT_PASS;
}
