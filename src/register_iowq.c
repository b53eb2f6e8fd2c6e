// SPDX-License-Identifier: MIT
/*
 * register_iowq.c - tuning io-wq, the kernel's pool of worker threads for
 * requests that must block: which CPUs they run on and how many there
 * may be.
 */
#include <errno.h>

#include "internal.h"

int io_uring_register_iowq_aff(struct io_uring *ring, size_t cpusz,
			       const cpu_set_t *mask)
{
	/* The size travels in the 32-bit nr_args; the kernel wants it sane. */
	if (cpusz >= (1U << 31))
		return -EINVAL;
	return __rz_register(ring, IORING_REGISTER_IOWQ_AFF, mask,
			     (unsigned)cpusz);
}

int io_uring_unregister_iowq_aff(struct io_uring *ring)
{
	return __rz_register(ring, IORING_UNREGISTER_IOWQ_AFF, NULL, 0);
}

/* values[IO_WQ_BOUND], values[IO_WQ_UNBOUND]: in new limits, out old ones. */
int io_uring_register_iowq_max_workers(struct io_uring *ring,
				       unsigned int *values)
{
	return __rz_register(ring, IORING_REGISTER_IOWQ_MAX_WORKERS, values, 2);
}
