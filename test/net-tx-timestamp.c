// SPDX-License-Identifier: MIT
/*
 * Description: TX timestamps through io_uring (6.17): a UDP socket with
 * SO_TIMESTAMPING (software TX stamps, keyed by OPT_ID, stamp only) and a
 * SOCKET_URING_OP_TX_TIMESTAMP command on a ring with 32-byte CQEs; two
 * datagrams sent give two CQEs with IORING_CQE_F_MORE, res the keys 0 and
 * 1, the SCM_TSTAMP_SND type from bit IORING_TIMESTAMP_TYPE_SHIFT, no
 * IORING_CQE_F_TSTAMP_HW (loopback stamps in software), and a struct
 * io_timespec in the CQE's second half that lies between the clock read
 * before the send and after the completion. Cancelling ends the command
 * with -ECANCELED. A ring with 16-byte CQEs gets -EINVAL.
 */
#include <time.h>
#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include "ringmodes.h"
#include "sockets.h"

#define TSTAMP_UDATA	7
#define CANCEL_UDATA	8

static __u64 realtime_ns(void)
{
	struct timespec ts;

	CHECK_SYS(clock_gettime(CLOCK_REALTIME, &ts));
	return (__u64)ts.tv_sec * 1000000000ULL + (__u64)ts.tv_nsec;
}

static void prep_tstamp(struct io_uring *ring, int fd)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_cmd_sock(sqe, SOCKET_URING_OP_TX_TIMESTAMP, fd, 0, 0,
			       NULL, 0);
	io_uring_sqe_set_data64(sqe, TSTAMP_UDATA);
}

/* The kernel wants CQE32 (or CQE_MIXED) rings for this command. */
static void check_small_cqe_ring(int fd)
{
	struct io_uring ring;
	struct io_uring_cqe cqe;

	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	prep_tstamp(&ring, fd);
	t_submit(&ring, 1);
	cqe = t_reap(&ring, 5000);
	CHECK_EQ(cqe.user_data, TSTAMP_UDATA);
	CHECK_EQ(cqe.res, -EINVAL);
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	unsigned flags = SOF_TIMESTAMPING_TX_SOFTWARE |
			 SOF_TIMESTAMPING_SOFTWARE | SOF_TIMESTAMPING_OPT_ID |
			 SOF_TIMESTAMPING_OPT_TSONLY;
	struct io_uring_params p = { .flags = IORING_SETUP_CQE32 };
	struct sockaddr_in addrs[2];
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	__u64 before, after;
	int fds[2], i, got_cancel = 0, got_end = 0;

	(void)argc;
	t_init(argv[0]);
	t_udp_pair(fds, addrs);
	CHECK_SYS(connect(fds[0], (struct sockaddr *)&addrs[1],
			  sizeof(addrs[1])));
	CHECK_SYS(setsockopt(fds[0], SOL_SOCKET, SO_TIMESTAMPING, &flags,
			     sizeof(flags)));
	t_ring_init(&ring, 8, &p, NULL);

	prep_tstamp(&ring, fds[0]);
	t_submit(&ring, 1);
	before = realtime_ns();
	CHECK_EQ(send(fds[0], "one", 3, 0), 3);
	CHECK_EQ(send(fds[0], "two", 3, 0), 3);

	for (i = 0; i < 2; i++) {
		const struct io_timespec *ts;
		__u64 stamp;

		cqe = t_wait_ms(&ring, 5000);
		CHECK_EQ(cqe->user_data, TSTAMP_UDATA);
		/* Before 6.17 a socket knows no such command. */
		if (i == 0 && cqe->res < 0 &&
		    t_lacks(cqe->res, "SOCKET_URING_OP_TX_TIMESTAMP", 6, 17)) {
			io_uring_queue_exit(&ring);
			return t_done();
		}
		after = realtime_ns();
		CHECK_EQ(cqe->res, i);		/* the OPT_ID key */
		CHECK(cqe->flags & IORING_CQE_F_MORE);
		CHECK(!(cqe->flags & IORING_CQE_F_TSTAMP_HW));
		CHECK_EQ(cqe->flags >> IORING_TIMESTAMP_TYPE_SHIFT,
			 SCM_TSTAMP_SND);
		ts = (const struct io_timespec *)cqe->big_cqe;
		CHECK(ts->tv_nsec < 1000000000ULL);
		stamp = ts->tv_sec * 1000000000ULL + ts->tv_nsec;
		/* A second of slack either way for clock adjustments. */
		if (stamp + 1000000000ULL < before ||
		    stamp > after + 1000000000ULL)
			FAIL("stamp %llu ns outside [%llu, %llu]",
			     (unsigned long long)stamp,
			     (unsigned long long)before,
			     (unsigned long long)after);
		io_uring_cqe_seen(&ring, cqe);
	}

	/* Cancelling the command ends it without IORING_CQE_F_MORE. */
	sqe = t_sqe(&ring);
	io_uring_prep_cancel64(sqe, TSTAMP_UDATA, 0);
	io_uring_sqe_set_data64(sqe, CANCEL_UDATA);
	t_submit(&ring, 1);
	for (i = 0; i < 2; i++) {
		cqe = t_wait_ms(&ring, 5000);
		if (cqe->user_data == TSTAMP_UDATA) {
			CHECK_EQ(cqe->res, -ECANCELED);
			CHECK(!(cqe->flags & IORING_CQE_F_MORE));
			got_end++;
		} else {
			CHECK_EQ(cqe->user_data, CANCEL_UDATA);
			CHECK_EQ(cqe->res, 0);
			got_cancel++;
		}
		io_uring_cqe_seen(&ring, cqe);
	}
	CHECK_EQ(got_end, 1);
	CHECK_EQ(got_cancel, 1);
	io_uring_queue_exit(&ring);

	check_small_cqe_ring(fds[0]);
	t_close_pair(fds);
	return t_done();
}
