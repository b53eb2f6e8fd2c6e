// SPDX-License-Identifier: MIT
/*
 * Description: every CQE walker steps one CQE, not one slot, and sees only
 * the CQEs ready when it started. io_uring_for_each_cqe on a CQ of 8 with
 * one NOP done and a loop body that submits a NOP per CQE runs once (not 8
 * times into a CQ overflow). On an IORING_SETUP_CQE_MIXED ring (6.18):
 * small, 32-byte (IORING_NOP_CQE32), small NOPs are 3 visits over 4 slots;
 * io_uring_peek_batch_cqe gives one pointer per CQE (small, small, big,
 * big, small, small: 6 over 8 slots), consumes a leading IORING_CQE_F_SKIP
 * filler and stops at a later one; peek and wait skip fillers; cqe_seen
 * frees 2 slots for a big CQE. Neighbours: a plain ring, a CQE32 ring.
 */
#include "helpers.h"

/* One NOP per letter of kinds: 's' a 16-byte CQE, 'b' a 32-byte one. */
static void queue_nops(struct io_uring *ring, const char *kinds, __u64 tag)
{
	for (; *kinds; kinds++, tag++) {
		struct io_uring_sqe *sqe = t_sqe(ring);

		io_uring_prep_nop(sqe);
		if (*kinds == 'b')
			sqe->nop_flags = IORING_NOP_CQE32;
		sqe->user_data = tag;
	}
}

/* Submit one NOP per letter of kinds and wait until all have completed. */
static void complete_nops(struct io_uring *ring, const char *kinds, __u64 tag)
{
	unsigned n = (unsigned)strlen(kinds);

	queue_nops(ring, kinds, tag);
	CHECK_EQ(io_uring_submit_and_wait(ring, n), n);
}

/* A ring with an SQ of 8 and a CQ of cq_entries; 1 if the kernel lacks it. */
static int ring_init(struct io_uring *ring, unsigned cq_entries,
		     unsigned flags)
{
	struct io_uring_params p = {
		.flags = flags | IORING_SETUP_CQSIZE,
		.cq_entries = cq_entries,
	};
	int ret = io_uring_queue_init_params(8, ring, &p);

	if (ret < 0 && (flags & IORING_SETUP_CQE_MIXED))
		return t_lacks(ret, "IORING_SETUP_CQE_MIXED", 6, 18) ? 1 : ret;
	CHECK_OK(ret);
	CHECK_EQ(ring->cq.ring_entries, cq_entries);
	return 0;
}

/* The input: the body submits a NOP per CQE; 1 visit, no overflow. */
static void snapshot_walk(void)
{
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	unsigned head, visits = 0, slots = 0;

	ring_init(&ring, 8, 0);
	complete_nops(&ring, "s", 1);
	io_uring_for_each_cqe(&ring, head, cqe) {
		CHECK_EQ(head, visits);
		CHECK_EQ(cqe->user_data, 1);
		/* Completes inline, moving the tail under the walk. */
		queue_nops(&ring, "s", 2);
		CHECK_EQ(io_uring_submit(&ring), 1);
		visits++;
		slots += io_uring_cqe_nr(cqe);
	}
	CHECK_EQ(visits, 1);
	io_uring_cq_advance(&ring, slots);
	CHECK_EQ(io_uring_cq_ready(&ring), 1);
	CHECK(!io_uring_cq_has_overflow(&ring));
	CHECK_EQ(*ring.cq.koverflow, 0);

	/* The iterator is the same walk. */
	{
		struct io_uring_cqe_iter it = io_uring_cqe_iter_init(&ring);

		CHECK(io_uring_cqe_iter_next(&it, &cqe));
		CHECK_EQ(cqe->user_data, 2);
		complete_nops(&ring, "s", 3);
		CHECK(!io_uring_cqe_iter_next(&it, &cqe));
		io_uring_cq_advance(&ring, 2);
	}
	io_uring_queue_exit(&ring);
}

/* Plain and CQE32 rings: one slot per CQE; CQE32 slots are 32 bytes. */
static void fixed_size_walk(unsigned flags)
{
	struct io_uring_cqe *cqe, *cqes[8];
	size_t cqe_size = flags & IORING_SETUP_CQE32 ? 32 : 16;
	struct io_uring ring;
	unsigned head, visits = 0, n, i;

	ring_init(&ring, 8, flags);
	complete_nops(&ring, "sss", 10);
	io_uring_for_each_cqe(&ring, head, cqe) {
		CHECK_EQ(head, visits);
		CHECK_EQ(cqe->user_data, 10 + visits);
		CHECK_EQ(io_uring_cqe_nr(cqe), 1);
		CHECK_EQ((char *)cqe - (char *)ring.cq.cqes,
			 visits * cqe_size);
		visits++;
	}
	CHECK_EQ(visits, 3);

	/* peek_batch: the same three, never more than asked for. */
	CHECK_EQ(io_uring_peek_batch_cqe(&ring, cqes, 2), 2);
	CHECK_EQ(io_uring_peek_batch_cqe(&ring, cqes, 8), 3);
	for (i = 0; i < 3; i++)
		CHECK_EQ(cqes[i]->user_data, 10 + i);
	io_uring_cq_advance(&ring, 3);
	CHECK_EQ(io_uring_peek_batch_cqe(&ring, cqes, 8), 0);

	/* Around the end of the array: 6 more, then 4 that wrap. */
	for (n = 0; n < 2; n++) {
		complete_nops(&ring, n ? "ssss" : "ssssss", 20 + 10 * n);
		CHECK_EQ(io_uring_peek_batch_cqe(&ring, cqes, 8), n ? 4 : 6);
		for (i = 0; i < (n ? 4 : 6); i++)
			CHECK_EQ(cqes[i]->user_data, 20 + 10 * n + i);
		io_uring_cq_advance(&ring, n ? 4 : 6);
	}
	io_uring_queue_exit(&ring);
}

/* Mixed ring: small, big, small is 3 visits over 4 slots. */
static void mixed_walk(struct io_uring *ring)
{
	static const unsigned want_head[] = { 0, 1, 3 };
	struct io_uring_cqe *cqe;
	unsigned head, visits = 0, slots = 0;

	complete_nops(ring, "sbs", 40);
	CHECK_EQ(io_uring_cq_ready(ring), 4);
	io_uring_for_each_cqe(ring, head, cqe) {
		CHECK(visits < 3);
		CHECK_EQ(head, want_head[visits]);
		CHECK_EQ(cqe->user_data, 40 + visits);
		CHECK_EQ(cqe->res, 0);
		CHECK_EQ(io_uring_cqe_nr(cqe), visits == 1 ? 2 : 1);
		CHECK(!(cqe->flags & IORING_CQE_F_SKIP));
		visits++;
		slots += io_uring_cqe_nr(cqe);
	}
	CHECK_EQ(visits, 3);
	CHECK_EQ(slots, 4);
	io_uring_cq_advance(ring, slots);
	CHECK_EQ(io_uring_cq_ready(ring), 0);
}

/* Mixed ring: peek_batch small, small, big, big, small, small is 6. */
static void mixed_batch(struct io_uring *ring)
{
	struct io_uring_cqe *cqes[16];
	unsigned i, n, slots = 0;

	complete_nops(ring, "ssbbss", 50);
	CHECK_EQ(io_uring_cq_ready(ring), 8);
	n = io_uring_peek_batch_cqe(ring, cqes, 16);
	CHECK_EQ(n, 6);
	for (i = 0; i < n; i++) {
		CHECK_EQ(cqes[i]->user_data, 50 + i);
		CHECK_EQ(io_uring_cqe_nr(cqes[i]), (i == 2 || i == 3) ? 2 : 1);
		slots += io_uring_cqe_nr(cqes[i]);
	}
	CHECK_EQ(slots, 8);
	/* A shorter batch stops after whole CQEs. */
	CHECK_EQ(io_uring_peek_batch_cqe(ring, cqes, 3), 3);
	CHECK_EQ(cqes[2]->user_data, 52);
	io_uring_cq_advance(ring, slots);
	CHECK_EQ(io_uring_cq_ready(ring), 0);
}

/* Fill and reap n small CQEs, so the next CQE lands in slot (head + n). */
static void move_head(struct io_uring *ring, unsigned n)
{
	char kinds[16];

	memset(kinds, 's', n);
	kinds[n] = 0;
	complete_nops(ring, kinds, 900);
	io_uring_cq_advance(ring, n);
	CHECK_EQ(io_uring_cq_ready(ring), 0);
}

/* The filler a big CQE leaves in the last slot, seen by every walker. */
static void mixed_wrap(void)
{
	struct io_uring_cqe *cqe, *cqes[8];
	struct io_uring ring;
	unsigned head, visits, slots;

	/* Head at 7 of 8: filler in slot 7, the big CQE in slots 0 and 1. */
	if (ring_init(&ring, 8, IORING_SETUP_CQE_MIXED))
		return;
	move_head(&ring, 7);
	complete_nops(&ring, "b", 60);
	CHECK_EQ(io_uring_cq_ready(&ring), 3);

	/* for_each hands the filler over like liburing; it carries no result. */
	visits = slots = 0;
	io_uring_for_each_cqe(&ring, head, cqe) {
		if (!visits) {
			CHECK_EQ(head, 7);
			CHECK(cqe->flags & IORING_CQE_F_SKIP);
			CHECK_EQ(io_uring_cqe_nr(cqe), 1);
		} else {
			CHECK_EQ(head, 8);
			CHECK_EQ(cqe->user_data, 60);
			CHECK(cqe == &ring.cq.cqes[0]);
		}
		visits++;
		slots += io_uring_cqe_nr(cqe);
	}
	CHECK_EQ(visits, 2);
	CHECK_EQ(slots, 3);

	/* peek skips it; cqe_seen frees both slots of the big CQE. */
	CHECK_OK(io_uring_peek_cqe(&ring, &cqe));
	CHECK_EQ(cqe->user_data, 60);
	CHECK(cqe->flags & IORING_CQE_F_32);
	CHECK_EQ(io_uring_cq_ready(&ring), 2);
	io_uring_cqe_seen(&ring, cqe);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);

	/* Again at 7 of 8 (head 10 -> 15): peek_batch eats a leading filler. */
	move_head(&ring, 5);
	complete_nops(&ring, "b", 61);
	CHECK_EQ(io_uring_peek_batch_cqe(&ring, cqes, 8), 1);
	CHECK_EQ(cqes[0]->user_data, 61);
	CHECK_EQ(io_uring_cq_ready(&ring), 2);
	io_uring_cq_advance(&ring, io_uring_cqe_nr(cqes[0]));

	/* Head at 6 of 8 (18 -> 22): small in 6, filler in 7, big in 0-1. */
	move_head(&ring, 4);
	complete_nops(&ring, "sb", 62);
	CHECK_EQ(io_uring_cq_ready(&ring), 4);
	CHECK_EQ(io_uring_peek_batch_cqe(&ring, cqes, 8), 1);
	CHECK_EQ(cqes[0]->user_data, 62);
	io_uring_cq_advance(&ring, 1);
	/* The filler is next: the following batch consumes it. */
	CHECK_EQ(io_uring_peek_batch_cqe(&ring, cqes, 8), 1);
	CHECK_EQ(cqes[0]->user_data, 63);
	io_uring_cq_advance(&ring, 2);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);

	/* wait_cqe skips a filler too (head 26 -> 31). */
	move_head(&ring, 5);
	complete_nops(&ring, "b", 64);
	cqe = t_wait(&ring);
	CHECK_EQ(cqe->user_data, 64);
	io_uring_cqe_seen(&ring, cqe);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	struct io_uring ring;

	(void)argc;
	t_init(argv[0]);
	snapshot_walk();
	fixed_size_walk(0);
	fixed_size_walk(IORING_SETUP_CQE32);
	if (!ring_init(&ring, 16, IORING_SETUP_CQE_MIXED)) {
		mixed_walk(&ring);
		mixed_batch(&ring);
		io_uring_queue_exit(&ring);
		mixed_wrap();
	}
	return t_done();
}
