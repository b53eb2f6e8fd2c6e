// SPDX-License-Identifier: MIT
/*
 * Description: multishot accept (5.19) on 127.0.0.1: one SQE accepts
 * connection after connection, each CQE carrying a working socket and
 * IORING_CQE_F_MORE; cancelling it posts -ECANCELED without F_MORE. The
 * direct form (6.0) puts each connection in a slot the kernel allocates;
 * when the table is full the request ends with -ENFILE.
 */
#include "ringmodes.h"
#include "sockets.h"

#define UD_ACCEPT	5
#define UD_CANCEL	6

static void arm(struct io_uring *ring, int lfd, bool direct)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	if (direct)
		io_uring_prep_multishot_accept_direct(sqe, lfd, NULL, NULL, 0);
	else
		io_uring_prep_multishot_accept(sqe, lfd, NULL, NULL,
					       SOCK_CLOEXEC);
	sqe->user_data = UD_ACCEPT;
	t_submit(ring, 1);
}

/* Cancel the accept by user_data; both CQEs must say the right thing. */
static void cancel_accept(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = t_sqe(ring);
	int i;

	io_uring_prep_cancel64(sqe, UD_ACCEPT, 0);
	sqe->user_data = UD_CANCEL;
	t_submit(ring, 1);
	for (i = 0; i < 2; i++) {
		struct io_uring_cqe cqe = t_reap(ring, 5000);

		if (cqe.user_data == UD_ACCEPT) {
			CHECK_EQ(cqe.res, -ECANCELED);
			CHECK(!(cqe.flags & IORING_CQE_F_MORE));
		} else {
			CHECK_EQ(cqe.user_data, UD_CANCEL);
			CHECK_EQ(cqe.res, 0);
		}
	}
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	unsigned nconn = t_loops(64, 16), i;
	int *clients = calloc(nconn, sizeof(int));
	unsigned short port;
	int lfd, slots_seen = 0;

	(void)mode;
	(void)arg;
	CHECK(clients);
	lfd = t_tcp_listener(&port);
	arm(ring, lfd, false);
	for (i = 0; i < nconn; i++) {
		struct io_uring_cqe cqe;
		unsigned char c = t_byte(i, 0), d = 0;

		clients[i] = t_tcp_connect(port);
		cqe = t_reap(ring, 5000);
		t_skip_if_unsupported(cqe.res, "multishot accept", "5.19");
		CHECK_EQ(cqe.user_data, UD_ACCEPT);
		CHECK(cqe.res >= 0);
		CHECK(cqe.flags & IORING_CQE_F_MORE);
		/* The accepted fd is the server end of this very client. */
		CHECK_EQ(write(clients[i], &c, 1), 1);
		CHECK_EQ(read(cqe.res, &d, 1), 1);
		CHECK_EQ(d, c);
		CHECK_EQ(t_local_port(clients[i]), t_peer_port(cqe.res));
		close(cqe.res);
	}
	cancel_accept(ring);
	for (i = 0; i < nconn; i++)
		close(clients[i]);

	/* Direct: each connection in its own allocated slot, until full. */
	CHECK_OK(io_uring_register_files_sparse(ring, 4));
	arm(ring, lfd, true);
	for (i = 0; i < 5; i++) {
		struct io_uring_cqe cqe;

		clients[i] = t_tcp_connect(port);
		cqe = t_reap(ring, 5000);
		CHECK_EQ(cqe.user_data, UD_ACCEPT);
		if (i < 4) {
			t_skip_if_unsupported(cqe.res,
					      "multishot accept into direct "
					      "descriptors", "6.0");
			CHECK(cqe.res >= 0 && cqe.res < 4);
			CHECK(!(slots_seen & (1 << cqe.res)));
			slots_seen |= 1 << cqe.res;
			CHECK(cqe.flags & IORING_CQE_F_MORE);
		} else {
			/* No free slot: the request ends. */
			CHECK_EQ(cqe.res, -ENFILE);
			CHECK(!(cqe.flags & IORING_CQE_F_MORE));
		}
	}
	CHECK_EQ(slots_seen, 0xf);
	/* Each slot holds a working connection: echo through slot 0..3. */
	for (i = 0; i < 4; i++) {
		struct io_uring_sqe *sqe = t_sqe(ring);
		char c = (char)('A' + i);

		io_uring_prep_send(sqe, (int)i, &c, 1, 0);
		sqe->flags |= IOSQE_FIXED_FILE;
		t_submit(ring, 1);
		CHECK_EQ(t_reap(ring, 5000).res, 1);
	}
	{
		int got = 0;

		/* Whichever client got whichever slot, all four letters come. */
		for (i = 0; i < 4; i++) {
			char c;

			CHECK_EQ(read(clients[i], &c, 1), 1);
			CHECK(c >= 'A' && c <= 'D');
			got |= 1 << (c - 'A');
		}
		CHECK_EQ(got, 0xf);
	}
	for (i = 0; i < 5; i++)
		close(clients[i]);
	CHECK_OK(io_uring_unregister_files(ring));
	close(lfd);
	free(clients);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
