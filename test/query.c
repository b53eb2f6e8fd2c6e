// SPDX-License-Identifier: MIT
/*
 * Description: IORING_REGISTER_QUERY (6.18) through
 * io_uring_register_query (liburing 2.15: no ring argument): the opcode
 * query reports as many request opcodes as the probe knows, as many
 * register opcodes as there are, and the ring's feature flags; a chain of
 * two headers is answered in one call; an unknown query gets -EOPNOTSUPP
 * in its own result while the call succeeds; the zero-copy receive query
 * (6.19) is answered or, before 6.19, refused the same way.
 */
#include "ringmodes.h"

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring_query_opcode op, op2;
	struct io_uring_query_hdr hdr, hdr2, bad;
	struct io_uring_probe *probe;
	char junk[16];
	int ret;

	(void)mode;
	(void)arg;
	memset(&hdr, 0, sizeof(hdr));
	memset(&op, 0, sizeof(op));
	hdr.query_op = IO_URING_QUERY_OPCODES;
	hdr.query_data = (__u64)(uintptr_t)&op;
	hdr.size = sizeof(op);
	/*
	 * An older kernel says -EINVAL; one before 6.13, which takes no
	 * register call without a ring, says -EBADF to the fd -1.
	 */
	ret = io_uring_register_query(&hdr);
	if (ret == -EBADF && t_kernel_before(6, 13))
		ret = -EINVAL;
	t_skip_if_unsupported(ret, "IORING_REGISTER_QUERY", "6.18");
	CHECK_EQ(ret, 0);
	CHECK_EQ(hdr.result, 0);
	probe = io_uring_get_probe_ring(ring);
	CHECK(probe);
	CHECK_EQ(op.nr_request_opcodes, probe->last_op + 1U);
	io_uring_free_probe(probe);
	CHECK(op.nr_register_opcodes > IORING_REGISTER_MEM_REGION);
	CHECK_EQ(op.feature_flags, ring->features);
	CHECK(op.ring_setup_flags & IORING_SETUP_SQPOLL);
	CHECK(op.enter_flags & IORING_ENTER_GETEVENTS);
	CHECK(op.sqe_flags & IOSQE_CQE_SKIP_SUCCESS);

	/* Chained with an unknown query. */
	memset(&hdr2, 0, sizeof(hdr2));
	memset(&op2, 0, sizeof(op2));
	memset(&bad, 0, sizeof(bad));
	hdr2.query_op = IO_URING_QUERY_OPCODES;
	hdr2.query_data = (__u64)(uintptr_t)&op2;
	hdr2.size = sizeof(op2);
	hdr2.next_entry = (__u64)(uintptr_t)&bad;
	bad.query_op = 200;
	bad.query_data = (__u64)(uintptr_t)junk;
	bad.size = sizeof(junk);
	CHECK_EQ(io_uring_register_query(&hdr2), 0);
	CHECK_EQ(hdr2.result, 0);
	CHECK_EQ(op2.nr_request_opcodes, op.nr_request_opcodes);
	CHECK_EQ(bad.result, -EOPNOTSUPP);

	/*
	 * The zero-copy receive query: answered where the kernel counts it
	 * among its query opcodes (6.19 on); 6.18 knows only the first.
	 */
	{
		struct io_uring_query_zcrx zq;

		memset(&hdr2, 0, sizeof(hdr2));
		memset(&zq, 0, sizeof(zq));
		hdr2.query_op = IO_URING_QUERY_ZCRX;
		hdr2.query_data = (__u64)(uintptr_t)&zq;
		hdr2.size = sizeof(zq);
		CHECK_EQ(io_uring_register_query(&hdr2), 0);
		if (op.nr_query_opcodes > IO_URING_QUERY_ZCRX) {
			CHECK_EQ(hdr2.result, 0);
			CHECK(zq.nr_ctrl_opcodes >= ZCRX_CTRL_EXPORT + 1U);
		} else {
			CHECK_EQ(op.nr_query_opcodes, IO_URING_QUERY_OPCODES + 1);
			CHECK_EQ(hdr2.result, -EOPNOTSUPP);
		}
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
