// SPDX-License-Identifier: MIT
/*
 * Description: NAPI busy polling (6.9): io_uring_register_napi takes the
 * settings and writes back the ones they replace; a second registration
 * replaces the first; io_uring_unregister_napi hands back those in force
 * (busy_poll_to, prefer_busy_poll), zeroes once off; socket traffic keeps
 * flowing while it is on.
 */
#include "ringmodes.h"
#include "sockets.h"

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring_napi napi = { .busy_poll_to = 50,
				      .prefer_busy_poll = 1 };
	struct io_uring_napi out;
	char buf[16];
	int fds[2], ret;

	(void)mode;
	(void)arg;
	ret = io_uring_register_napi(ring, &napi);
	t_skip_if_unsupported(ret, "IORING_REGISTER_NAPI", "6.9");
	CHECK_EQ(ret, 0);
	/* The struct comes back holding the settings it replaced: none. */
	CHECK_EQ(napi.busy_poll_to, 0);
	CHECK_EQ(napi.prefer_busy_poll, 0);

	t_tcp_pair(fds);
	CHECK_EQ(write(fds[0], "napi", 4), 4);
	io_uring_prep_recv(t_sqe(ring), fds[1], buf, sizeof(buf), 0);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 4);
	CHECK(!memcmp(buf, "napi", 4));
	t_close_pair(fds);

	memset(&napi, 0, sizeof(napi));
	napi.busy_poll_to = 70;
	CHECK_EQ(io_uring_register_napi(ring, &napi), 0);
	CHECK_EQ(napi.busy_poll_to, 50);
	CHECK_EQ(napi.prefer_busy_poll, 1);
	memset(&out, 0xff, sizeof(out));
	CHECK_EQ(io_uring_unregister_napi(ring, &out), 0);
	CHECK_EQ(out.busy_poll_to, 70);
	CHECK_EQ(out.prefer_busy_poll, 0);
	/* Off now: unregister reports zeroes. */
	memset(&out, 0xff, sizeof(out));
	CHECK_EQ(io_uring_unregister_napi(ring, &out), 0);
	CHECK_EQ(out.busy_poll_to, 0);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
