// SPDX-License-Identifier: MIT
/*
 * Description: a registered ring fd (5.18) is what every later call uses:
 * io_uring_register_ring_fd returns 1 (-EEXIST the second time), and with
 * the ring's real fd number pointing at /dev/null instead, submitting,
 * waiting and (with IORING_FEAT_REG_REG_RING, 6.3) registering still work,
 * so they must go by IORING_ENTER_REGISTERED_RING / the registered index.
 * After io_uring_close_ring_fd (6.3) the ring lives on through the index;
 * unregistering twice is -EINVAL.
 */
#include "ringmodes.h"

static void nop_roundtrip(struct io_uring *ring, __u64 ud)
{
	struct io_uring_sqe *sqe = t_sqe(ring);
	struct io_uring_cqe cqe;

	io_uring_prep_nop(sqe);
	sqe->user_data = ud;
	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.user_data, ud);
	CHECK_EQ(cqe.res, 0);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	int ret, saved, null_fd, i;

	(void)mode;
	(void)arg;
	ret = io_uring_register_ring_fd(ring);
	t_skip_if_unsupported(ret, "IORING_REGISTER_RING_FDS", "5.18");
	CHECK_EQ(ret, 1);
	CHECK_EQ(io_uring_register_ring_fd(ring), -EEXIST);
	CHECK(ring->int_flags & RINGZERO_INT_REG_RING);

	/* The fd number now names /dev/null; the ring must not care. */
	saved = dup(ring->ring_fd);
	CHECK_SYS(saved);
	null_fd = open("/dev/null", O_RDWR);
	CHECK_SYS(null_fd);
	CHECK_SYS(dup2(null_fd, ring->ring_fd));
	for (i = 0; i < 8; i++)
		nop_roundtrip(ring, 100 + (unsigned)i);
	if (ring->features & IORING_FEAT_REG_REG_RING) {
		struct io_uring_probe *p = io_uring_get_probe_ring(ring);

		CHECK(p != NULL);
		io_uring_free_probe(p);
	}
	/* Proof that the fd number really is no ring now. */
	CHECK_EQ(io_uring_enter((unsigned)ring->ring_fd, 0, 0, 0, NULL),
		 -EOPNOTSUPP);
	CHECK_SYS(dup2(saved, ring->ring_fd));
	close(saved);
	close(null_fd);

	CHECK_EQ(io_uring_unregister_ring_fd(ring), 1);
	CHECK_EQ(io_uring_unregister_ring_fd(ring), -EINVAL);
	nop_roundtrip(ring, 1);

	/* Register again and close the fd for good: the index carries on. */
	if (!(ring->features & IORING_FEAT_REG_REG_RING))
		return;
	CHECK_EQ(io_uring_register_ring_fd(ring), 1);
	CHECK_EQ(io_uring_close_ring_fd(ring), 1);
	CHECK_EQ(ring->ring_fd, -1);
	CHECK_EQ(io_uring_close_ring_fd(ring), -EBADF);
	nop_roundtrip(ring, 2);
	{
		struct io_uring_probe *p = io_uring_get_probe_ring(ring);

		CHECK(p != NULL);
		io_uring_free_probe(p);
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
