// SPDX-License-Identifier: MIT
/*
 * register_wait.c - how a ring waits: the clock its timeouts use, memory
 * regions (the registered wait arguments that io_uring_submit_and_wait_reg()
 * points at), and whether waiting counts as iowait.
 */
#include <errno.h>
#include <unistd.h>

#include "internal.h"

int io_uring_register_clock(struct io_uring *ring,
			    struct io_uring_clock_register *arg)
{
	return __rz_register(ring, IORING_REGISTER_CLOCK, arg, 0);
}

int io_uring_register_region(struct io_uring *ring,
			     struct io_uring_mem_region_reg *reg)
{
	return __rz_register(ring, IORING_REGISTER_MEM_REGION, reg, 1);
}

/*
 * The wait-argument array as a user-memory region. The kernel maps whole
 * pages, so the region covers the pages the array spans. -EINVAL for a
 * misaligned or empty array; -EINVAL from the kernel if the ring is not
 * disabled any more or already has a region.
 */
int io_uring_register_wait_reg(struct io_uring *ring,
			       struct io_uring_reg_wait *reg, int nr)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t bytes = (size_t)nr * sizeof(*reg);
	struct io_uring_region_desc desc = {
		.user_addr = (__u64)(uintptr_t)reg,
		.size = (bytes + page - 1) / page * page,
		.flags = IORING_MEM_REGION_TYPE_USER,
	};
	struct io_uring_mem_region_reg mr = {
		.region_uptr = (__u64)(uintptr_t)&desc,
		.flags = IORING_MEM_REGION_REG_WAIT_ARG,
	};

	if (nr <= 0 || ((uintptr_t)reg & (page - 1)))
		return -EINVAL;
	return io_uring_register_region(ring, &mr);
}

/*
 * Not a register call, but a property of every later wait: __rz_enter()
 * adds IORING_ENTER_NO_IOWAIT while the flag is set.
 */
int io_uring_set_iowait(struct io_uring *ring, bool enable_iowait)
{
	if (!(ring->features & IORING_FEAT_NO_IOWAIT))
		return -EOPNOTSUPP;
	if (enable_iowait)
		ring->int_flags &= (__u8)~RINGZERO_INT_NO_IOWAIT;
	else
		ring->int_flags |= RINGZERO_INT_NO_IOWAIT;
	return 0;
}
