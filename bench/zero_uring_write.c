// SPDX-License-Identifier: MIT
/*
 * zero engine "uring-write": io_uring WRITE requests of zeroes from one
 * shared buffer, --depth in flight: the pwrite loop's work, asynchronous,
 * every byte still going through the page cache to the disk.
 */
#include "uring.h"

static int write_run(struct job *job)
{
	return zero_uring_run(job, true);
}

const struct engine zero_uring_write = {
	.name = "uring-write",
	.what = URING_LIB " io_uring WRITE of zeroes",
	.run = write_run,
	.one_cpu = true,	/* one range, zeroed once */
};
