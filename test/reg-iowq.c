// SPDX-License-Identifier: MIT
/*
 * Description: io-wq tuning: io_uring_register_iowq_aff (5.14) pins the
 * workers to a CPU set and io_uring_unregister_iowq_aff lifts it, with
 * work still completing; io_uring_register_iowq_max_workers (5.15) sets
 * the bounded/unbounded limits and returns the previous ones, and 0 reads
 * a limit without changing it.
 */
#include "ringmodes.h"

static void async_nop(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_ASYNC;
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 0);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	unsigned vals[2];
	cpu_set_t set;
	int ret;

	(void)mode;
	(void)arg;
	CPU_ZERO(&set);
	CHECK_SYS(sched_getaffinity(0, sizeof(set), &set));
	{
		/* The first CPU we may run on, alone. */
		int cpu = 0;

		while (!CPU_ISSET(cpu, &set))
			cpu++;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
	}
	ret = io_uring_register_iowq_aff(ring, sizeof(set), &set);
	t_skip_if_unsupported(ret, "IORING_REGISTER_IOWQ_AFF", "5.14");
	CHECK_EQ(ret, 0);
	async_nop(ring);
	CHECK_EQ(io_uring_unregister_iowq_aff(ring), 0);
	async_nop(ring);
	CHECK_EQ(io_uring_register_iowq_aff(ring, (size_t)1 << 31, &set),
		 -EINVAL);

	/* Read the limits, set new ones, read them back. */
	vals[0] = vals[1] = 0;
	ret = io_uring_register_iowq_max_workers(ring, vals);
	t_skip_if_unsupported(ret, "IORING_REGISTER_IOWQ_MAX_WORKERS", "5.15");
	CHECK_EQ(ret, 0);
	CHECK(vals[0] > 0 && vals[1] > 0);
	vals[0] = 2;
	vals[1] = 3;
	CHECK_EQ(io_uring_register_iowq_max_workers(ring, vals), 0);
	vals[0] = vals[1] = 0;
	CHECK_EQ(io_uring_register_iowq_max_workers(ring, vals), 0);
	CHECK_EQ(vals[0], 2);
	CHECK_EQ(vals[1], 3);
	async_nop(ring);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
