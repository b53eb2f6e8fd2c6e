// SPDX-License-Identifier: MIT
/*
 * zero engine "punch": fallocate(2) with FALLOC_FL_PUNCH_HOLE (and
 * KEEP_SIZE), one call per request. The blocks are given back to the file
 * system and the range reads as zeroes because it is a hole; writing there
 * later allocates again, and can fail for want of space.
 */
#include <fcntl.h>
#include <linux/falloc.h>

#include "bench.h"

static int punch_run(struct job *job)
{
	return zero_fallocate_loop(job,
				   FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				   "FALLOC_FL_PUNCH_HOLE");
}

const struct engine zero_punch = {
	.name = "punch",
	.what = "fallocate(2) FALLOC_FL_PUNCH_HOLE | KEEP_SIZE",
	.run = punch_run,
	.one_cpu = true,	/* one range, zeroed once */
};
