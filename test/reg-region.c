// SPDX-License-Identifier: MIT
/*
 * Description: registered wait arguments (memory regions, 6.13):
 * io_uring_register_wait_reg puts an array of io_uring_reg_wait in a
 * region while the ring is still disabled; io_uring_submit_and_wait_reg
 * then waits as an entry says: entry 1's 30 ms timeout expires with
 * -ETIME, and completions end the wait with their CQEs. A second region
 * is -EBUSY; misaligned memory is -EINVAL.
 */
#include <sys/mman.h>
#include "ringmodes.h"

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct io_uring_reg_wait *reg;
	struct io_uring_cqe *cqe = NULL;
	int ret;

	(void)mode;
	(void)arg;
	reg = mmap(NULL, page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(reg != MAP_FAILED);
	memset(reg, 0, page);
	CHECK_EQ(io_uring_register_wait_reg(ring,
			(struct io_uring_reg_wait *)((char *)reg + 64), 2),
		 -EINVAL);
	ret = io_uring_register_wait_reg(ring, reg, 4);
	t_skip_if_unsupported(ret, "IORING_REGISTER_MEM_REGION", "6.13");
	CHECK_EQ(ret, 0);
	CHECK_EQ(io_uring_register_wait_reg(ring, reg, 4), -EBUSY);
	CHECK_OK(io_uring_enable_rings(ring));

	reg[1].ts.tv_sec = 0;
	reg[1].ts.tv_nsec = 30 * 1000 * 1000;
	reg[1].flags = IORING_REG_WAIT_TS;
	CHECK_EQ(io_uring_submit_and_wait_reg(ring, &cqe, 1, 1), -ETIME);
	CHECK(cqe == NULL);

	/* Two NOPs, wait for both (the timeout is far longer than that). */
	reg[1].ts.tv_sec = 5;
	io_uring_prep_nop(t_sqe(ring));
	io_uring_prep_nop(t_sqe(ring));
	ret = io_uring_submit_and_wait_reg(ring, &cqe, 2, 1);
	CHECK(ret >= 0);
	CHECK(cqe != NULL);
	CHECK_EQ(io_uring_cq_ready(ring), 2);
	io_uring_cq_advance(ring, 2);
	munmap(reg, page);
}

int main(int argc, char **argv)
{
	struct t_ring_opts opts = { .flags = IORING_SETUP_R_DISABLED };

	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(&opts, run, NULL);
	return T_EXIT_PASS;
}
