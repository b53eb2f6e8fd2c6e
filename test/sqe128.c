// SPDX-License-Identifier: MIT
/*
 * Description: 128-byte SQEs (liburing 2.15): io_uring_get_sqe128() hands
 * out nothing on a ring with 64-byte SQEs, a whole SQE on an SQE128 ring,
 * and on a SQE_MIXED ring two adjacent slots, padding the ring's last slot
 * with a NOP that posts no CQE so the pair never wraps, and consuming
 * nothing when the pair does not fit (checked on a ring laid out in test
 * memory, since the logic is the library's alone). Against the kernel:
 * io_uring_prep_nop128() and io_uring_prep_uring_cmd128() write their
 * opcodes, a NOP128 completes with 0 on an SQE128 ring (6.19; 6.18 answers
 * -EINVAL, an opcode it does not know), and a SQE_MIXED ring (6.19) runs
 * three NOPs and then a NOP128 padded across the wrap, with one CQE for
 * the NOP128 and none for the padding.
 */
#include "helpers.h"

#define FAKE_ENTRIES	8

/* A SQE_MIXED ring's SQ as the library sees it, in test memory. */
struct fake_ring {
	struct io_uring ring;
	unsigned khead;
	struct io_uring_sqe sqes[FAKE_ENTRIES];
};

static void fake_init(struct fake_ring *f, unsigned flags)
{
	memset(f, 0, sizeof(*f));
	f->ring.flags = flags;
	f->ring.sq.khead = &f->khead;
	f->ring.sq.sqes = f->sqes;
	f->ring.sq.ring_mask = FAKE_ENTRIES - 1;
	f->ring.sq.ring_entries = FAKE_ENTRIES;
}

static void check_mixed_layout(void)
{
	struct fake_ring f;
	struct io_uring_sqe *sqe;
	unsigned i;

	/* 64-byte SQEs only: no 128-byte SQE to give. */
	fake_init(&f, 0);
	CHECK(io_uring_get_sqe128(&f.ring) == NULL);
	CHECK_EQ(f.ring.sq.sqe_tail, 0);

	fake_init(&f, IORING_SETUP_SQE_MIXED);
	memset(f.sqes, 0xa5, sizeof(f.sqes));
	/* Two slots each, cleared both. */
	sqe = io_uring_get_sqe128(&f.ring);
	CHECK(sqe == &f.sqes[0]);
	CHECK_EQ(f.ring.sq.sqe_tail, 2);
	for (i = 0; i < 2 * sizeof(*sqe); i++)
		CHECK_EQ(((unsigned char *)sqe)[i], 0);
	CHECK_EQ(f.sqes[2].opcode, 0xa5);
	/* A 64-byte SQE, then pairs up to the last slot. */
	CHECK(io_uring_get_sqe(&f.ring) == &f.sqes[2]);
	CHECK(io_uring_get_sqe128(&f.ring) == &f.sqes[3]);
	CHECK(io_uring_get_sqe128(&f.ring) == &f.sqes[5]);
	CHECK_EQ(f.ring.sq.sqe_tail, 7);
	/* Full: the kernel has consumed nothing. */
	CHECK(io_uring_get_sqe128(&f.ring) == NULL);
	CHECK_EQ(f.ring.sq.sqe_tail, 7);

	/*
	 * Slot 7 is the last: a pair would wrap, so 7 becomes a NOP and the
	 * pair starts at 0. With head at 1 that needs 3 slots of the 2 free.
	 */
	f.khead = 1;
	CHECK(io_uring_get_sqe128(&f.ring) == NULL);
	CHECK_EQ(f.ring.sq.sqe_tail, 7);
	f.khead = 2;
	memset(&f.sqes[7], 0xa5, sizeof(f.sqes[7]));
	sqe = io_uring_get_sqe128(&f.ring);
	CHECK(sqe == &f.sqes[0]);
	CHECK_EQ(f.ring.sq.sqe_tail, 10);
	CHECK_EQ(f.sqes[7].opcode, IORING_OP_NOP);
	CHECK_EQ(f.sqes[7].flags, IOSQE_CQE_SKIP_SUCCESS);
	CHECK_EQ(f.sqes[7].fd, -1);
	CHECK_EQ(f.sqes[7].user_data, 0);

	/* The prep helpers name the 128-byte opcodes. */
	io_uring_prep_nop128(sqe);
	CHECK_EQ(sqe->opcode, IORING_OP_NOP128);
	CHECK_EQ(sqe->fd, -1);
	io_uring_prep_uring_cmd128(sqe, 0x1234, 5);
	CHECK_EQ(sqe->opcode, IORING_OP_URING_CMD128);
	CHECK_EQ(sqe->cmd_op, 0x1234);
	CHECK_EQ(sqe->fd, 5);

	/* An SQE128 ring's SQEs are all big: the plain path. */
	fake_init(&f, IORING_SETUP_SQE128);
	f.ring.sq.ring_entries = FAKE_ENTRIES / 2;
	f.ring.sq.ring_mask = FAKE_ENTRIES / 2 - 1;
	CHECK(io_uring_get_sqe128(&f.ring) == &f.sqes[0]);
	CHECK(io_uring_get_sqe128(&f.ring) == &f.sqes[2]);
	CHECK_EQ(f.ring.sq.sqe_tail, 2);
}

/* NOP128 on an SQE128 ring: 0, or -EINVAL from a kernel before 6.19. */
static void check_nop128_sqe128(void)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQE128 };
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int res;

	t_ring_init(&ring, 4, &p, NULL);
	sqe = io_uring_get_sqe128(&ring);
	CHECK(sqe != NULL);
	io_uring_prep_nop128(sqe);
	io_uring_sqe_set_data64(sqe, 128);
	res = t_submit_one(&ring);
	if (!t_lacks(res, "IORING_OP_NOP128", 6, 19))
		CHECK_EQ(res, 0);
	io_uring_queue_exit(&ring);
}

/*
 * A SQE_MIXED ring of 4: NOPs in slots 0-2, then a NOP128 that cannot
 * start at 3 (the last slot): 3 is padding, the pair takes 0-1 once the
 * NOPs are consumed. One CQE for it, none from the padding.
 */
static void check_mixed_ring(void)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQE_MIXED };
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned seen = 0, i;
	int ret;

	ret = io_uring_queue_init_params(4, &ring, &p);
	if (ret < 0 && t_lacks(ret, "IORING_SETUP_SQE_MIXED", 6, 19))
		return;
	CHECK_OK(ret);
	for (i = 0; i < 3; i++) {
		sqe = t_sqe(&ring);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, i);
	}
	CHECK_EQ(io_uring_submit(&ring), 3);
	for (i = 0; i < 3; i++)
		io_uring_cqe_seen(&ring, t_wait(&ring));
	/* The SQ tail now sits on slot 3, the last one. */
	sqe = io_uring_get_sqe128(&ring);
	CHECK(sqe == &ring.sq.sqes[0]);
	io_uring_prep_nop128(sqe);
	io_uring_sqe_set_data64(sqe, 128);
	/* Three slots went out; how the kernel counts them is its own. */
	CHECK(io_uring_submit(&ring) > 0);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->user_data, 128);
	CHECK_EQ(cqe->res, 0);
	io_uring_cqe_seen(&ring, cqe);
	while (io_uring_peek_cqe(&ring, &cqe) == 0) {
		seen++;
		io_uring_cqe_seen(&ring, cqe);
	}
	CHECK_EQ(seen, 0);
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	check_mixed_layout();
	check_nop128_sqe128();
	check_mixed_ring();
	return t_done();
}
