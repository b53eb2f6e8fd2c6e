// SPDX-License-Identifier: MIT
/*
 * Description: opcode probing. io_uring_get_probe() and
 * io_uring_get_probe_ring() agree; io_uring_opcode_supported() is true for
 * the opcodes every kernel has, false past last_op and for negative or
 * out-of-range numbers; what the probe says matches what the kernel does
 * (an opcode past last_op completes with -EINVAL, a supported one runs);
 * io_uring_register_probe() fills only the ops asked for and wants zeroed
 * memory (-EINVAL otherwise).
 */
#include "helpers.h"

static struct io_uring_probe *alloc_probe(unsigned nr)
{
	struct io_uring_probe *p = calloc(1, sizeof(*p) +
					  nr * sizeof(p->ops[0]));

	CHECK(p != NULL);
	return p;
}

int main(int argc, char **argv)
{
	struct io_uring_probe *a, *b, *small;
	struct io_uring ring;
	int op;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));

	a = io_uring_get_probe();
	b = io_uring_get_probe_ring(&ring);
	CHECK(a != NULL && b != NULL);
	CHECK_EQ(a->last_op, b->last_op);
	CHECK_EQ(a->ops_len, b->ops_len);
	CHECK_EQ(a->ops_len, a->last_op + 1);
	CHECK(!memcmp(a->ops, b->ops, a->ops_len * sizeof(a->ops[0])));
	/* Kernels ringzero runs on (6.1+) have everything up to 6.1's last. */
	CHECK(a->last_op >= IORING_OP_SENDMSG_ZC);
	for (op = 0; op <= IORING_OP_SENDMSG_ZC; op++) {
		if (!io_uring_opcode_supported(a, op))
			FAIL("opcode %d reported unsupported", op);
		CHECK_EQ(a->ops[op].op, op);
	}
	CHECK(!io_uring_opcode_supported(a, a->last_op + 1));
	CHECK(!io_uring_opcode_supported(a, 255));
	CHECK(!io_uring_opcode_supported(a, 256));
	CHECK(!io_uring_opcode_supported(a, -1));
	printf("kernel's last opcode: %d (ringzero's ABI knows %d)\n",
	       a->last_op, IORING_OP_LAST - 1);

	/* The kernel agrees: past last_op is -EINVAL, NOP runs. */
	{
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_nop(sqe);
		sqe->opcode = (__u8)(a->last_op + 1);
		CHECK_EQ(t_submit_one(&ring), -EINVAL);
		io_uring_prep_nop(t_sqe(&ring));
		CHECK_EQ(t_submit_one(&ring), 0);
	}

	/* Asking for 4 ops gets 4. */
	small = alloc_probe(4);
	CHECK_EQ(io_uring_register_probe(&ring, small, 4), 0);
	CHECK_EQ(small->ops_len, 4);
	CHECK_EQ(small->last_op, a->last_op);
	CHECK(io_uring_opcode_supported(small, IORING_OP_READV));
	CHECK(!io_uring_opcode_supported(small, IORING_OP_READ));
	/* Memory must come zeroed: the kernel checks. */
	memset(small, 0xff, sizeof(*small) + 4 * sizeof(small->ops[0]));
	CHECK_EQ(io_uring_register_probe(&ring, small, 4), -EINVAL);

	io_uring_free_probe(a);
	io_uring_free_probe(b);
	free(small);
	io_uring_queue_exit(&ring);
	return T_EXIT_PASS;
}
