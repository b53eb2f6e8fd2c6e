// SPDX-License-Identifier: MIT
/*
 * Description: multishot recv (6.0) into a provided-buffer ring over TCP
 * on loopback: one SQE yields a CQE per arrival, each with
 * IORING_CQE_F_MORE and a buffer id, until the last; buffers handed back
 * are reused many times over; when the ring runs dry the request ends with
 * -ENOBUFS (no F_MORE) and the data waits until buffers are refilled and
 * the request re-armed; end of stream ends it with res 0; cancellation by
 * user_data ends it with -ECANCELED.
 */
#include "ringmodes.h"
#include "sockets.h"

#define NBUFS	16
#define BUFSZ	256
#define BGID	1
#define UD_RECV	77

struct state {
	struct io_uring_buf_ring *br;
	unsigned bids_seen;	/* bit per buffer id a CQE named */
	unsigned char bufs[NBUFS][BUFSZ];
};

static void arm(struct io_uring *ring, int fd)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_recv_multishot(sqe, fd, NULL, 0, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = BGID;
	sqe->user_data = UD_RECV;
	t_submit(ring, 1);
}

static void give_back(struct state *st, unsigned bid, int offset)
{
	io_uring_buf_ring_add(st->br, st->bufs[bid], BUFSZ,
			      (unsigned short)bid,
			      io_uring_buf_ring_mask(NBUFS), offset);
}

/*
 * Write one message and collect exactly its bytes from multishot CQEs,
 * which must all carry F_MORE. Buffers are recycled unless keep is set;
 * returns how many buffers the message took.
 */
static int echo_round(struct io_uring *ring, struct state *st, int wfd,
		      unsigned seed, size_t len, bool keep)
{
	unsigned char msg[BUFSZ * 2];
	size_t got = 0;
	int used = 0;

	t_fill(msg, len, seed, 0);
	CHECK_EQ(write(wfd, msg, len), (ssize_t)len);
	while (got < len) {
		struct io_uring_cqe *cqe = t_wait_ms(ring, 5000);
		unsigned bid;

		CHECK_EQ(cqe->user_data, UD_RECV);
		if (cqe->res <= 0)
			FAIL("multishot recv ended early: res %d (%s)",
			     cqe->res, strerror(-cqe->res));
		CHECK(cqe->flags & IORING_CQE_F_MORE);
		CHECK(cqe->flags & IORING_CQE_F_BUFFER);
		bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
		CHECK(bid < NBUFS);
		st->bids_seen |= 1U << bid;
		CHECK((size_t)cqe->res <= len - got);
		t_check_bytes(st->bufs[bid], (size_t)cqe->res, seed, got);
		got += (size_t)cqe->res;
		used++;
		if (keep) {
			io_uring_cqe_seen(ring, cqe);
		} else {
			give_back(st, bid, 0);
			io_uring_buf_ring_cq_advance(ring, st->br, 1);
		}
	}
	return used;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct state *st = calloc(1, sizeof(*st));
	unsigned rounds = t_loops(400, 60), i;
	struct io_uring_cqe *cqe;
	int fds[2], err, used, b;

	(void)mode;
	(void)arg;
	CHECK(st);
	st->br = io_uring_setup_buf_ring(ring, NBUFS, BGID, 0, &err);
	if (!st->br)
		t_skip_if_unsupported(err, "provided buffer rings", "5.19");
	CHECK(st->br);
	for (b = 0; b < NBUFS; b++)
		give_back(st, (unsigned)b, b);
	io_uring_buf_ring_advance(st->br, NBUFS);

	t_tcp_pair(fds);
	arm(ring, fds[1]);
	/* The first CQE tells whether the kernel knows multishot recv. */
	{
		unsigned char one = t_byte(0, 0);

		CHECK_EQ(write(fds[0], &one, 1), 1);
		cqe = t_wait_ms(ring, 5000);
		t_skip_if_unsupported(cqe->res, "multishot recv", "6.0");
		CHECK_EQ(cqe->res, 1);
		CHECK(cqe->flags & IORING_CQE_F_MORE);
		b = (int)(cqe->flags >> IORING_CQE_BUFFER_SHIFT);
		CHECK_EQ(st->bufs[b][0], one);
		give_back(st, (unsigned)b, 0);
		io_uring_buf_ring_cq_advance(ring, st->br, 1);
	}

	/* Many more messages than buffers: recycling keeps it going. */
	for (i = 1; i <= rounds; i++) {
		size_t len = 1 + (i * 37) % BUFSZ;

		echo_round(ring, st, fds[0], i, len, false);
	}
	/* Every buffer id took part: buffers really went round. */
	CHECK_EQ(st->bids_seen, (1U << NBUFS) - 1);

	/* Run the ring dry: keep every buffer. */
	used = 0;
	for (i = 0; used < NBUFS; i++)
		used += echo_round(ring, st, fds[0], 1000 + i, BUFSZ, true);
	CHECK_EQ(used, NBUFS);
	{
		unsigned char msg[100];

		t_fill(msg, sizeof(msg), 2000, 0);
		CHECK_EQ(write(fds[0], msg, sizeof(msg)), (ssize_t)sizeof(msg));
	}
	cqe = t_wait_ms(ring, 5000);
	CHECK_EQ(cqe->user_data, UD_RECV);
	CHECK_EQ(cqe->res, -ENOBUFS);
	CHECK(!(cqe->flags & IORING_CQE_F_MORE));	/* it was the last */
	io_uring_cqe_seen(ring, cqe);
	t_expect_no_cqe(ring, 50);

	/* Refill everything, re-arm: the waiting 100 bytes arrive intact. */
	for (b = 0; b < NBUFS; b++)
		give_back(st, (unsigned)b, b);
	io_uring_buf_ring_advance(st->br, NBUFS);
	arm(ring, fds[1]);
	{
		size_t got = 0;

		while (got < 100) {
			cqe = t_wait_ms(ring, 5000);
			CHECK(cqe->res > 0);
			CHECK(cqe->flags & IORING_CQE_F_MORE);
			b = (int)(cqe->flags >> IORING_CQE_BUFFER_SHIFT);
			t_check_bytes(st->bufs[b], (size_t)cqe->res, 2000,
				      got);
			got += (size_t)cqe->res;
			give_back(st, (unsigned)b, 0);
			io_uring_buf_ring_cq_advance(ring, st->br, 1);
		}
		CHECK_EQ(got, 100);
	}
	echo_round(ring, st, fds[0], 3000, 77, false);

	/* End of stream: res 0 and no F_MORE, the last CQE of the request. */
	close(fds[0]);
	cqe = t_wait_ms(ring, 5000);
	CHECK_EQ(cqe->user_data, UD_RECV);
	CHECK_EQ(cqe->res, 0);
	CHECK(!(cqe->flags & IORING_CQE_F_MORE));
	io_uring_cqe_seen(ring, cqe);
	t_expect_no_cqe(ring, 50);
	close(fds[1]);

	/* Cancelled by user_data: -ECANCELED, and that is the last CQE. */
	t_tcp_pair(fds);
	arm(ring, fds[1]);
	echo_round(ring, st, fds[0], 4000, 10, false);
	io_uring_prep_cancel64(t_sqe(ring), UD_RECV, 0);
	t_submit(ring, 1);
	for (i = 0; i < 2; i++) {
		cqe = t_wait_ms(ring, 5000);
		if (cqe->user_data == UD_RECV) {
			CHECK_EQ(cqe->res, -ECANCELED);
			CHECK(!(cqe->flags & IORING_CQE_F_MORE));
		} else {
			CHECK_EQ(cqe->res, 0);	/* the cancel found it */
		}
		io_uring_cqe_seen(ring, cqe);
	}
	t_expect_no_cqe(ring, 50);
	t_close_pair(fds);
	CHECK_EQ(io_uring_free_buf_ring(ring, st->br, NBUFS, BGID), 0);
	free(st);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
