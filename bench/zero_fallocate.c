// SPDX-License-Identifier: MIT
/*
 * zero engines on fallocate(2), one call per request:
 *   fallocate  FALLOC_FL_ZERO_RANGE: the file system marks the extents
 *              unwritten (ext4, xfs) instead of writing zeroes; the range
 *              stays allocated, so later writes cannot fail for space
 *   punch      FALLOC_FL_PUNCH_HOLE | KEEP_SIZE: the blocks are freed and
 *              the range reads as zeroes because it is a hole
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <string.h>

#include "bench.h"

static int fallocate_loop(struct job *job, int mode, const char *name)
{
	uint64_t off, len, t0, t1;

	for (off = 0; off < job->span; off += len) {
		len = zero_len(job, off);
		t0 = now_ns();
		job->calls++;
		if (fallocate(job->fd, mode, (off_t)off, (off_t)len)) {
			if (errno == EOPNOTSUPP)
				return job_fail(job, -EOPNOTSUPP, "this file "
						"system has no %s", name);
			return job_fail(job, -errno, "fallocate(%s): %s", name,
					strerror(errno));
		}
		t1 = now_ns();
		hist_add(job->hist, t1 - t0);
		job->ops++;
	}
	return zero_sync(job);
}

static int zero_range_run(struct job *job)
{
	return fallocate_loop(job, FALLOC_FL_ZERO_RANGE,
			      "FALLOC_FL_ZERO_RANGE");
}

static int punch_run(struct job *job)
{
	return fallocate_loop(job, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			      "FALLOC_FL_PUNCH_HOLE");
}

const struct engine zero_fallocate = {
	.name = "fallocate",
	.what = "fallocate(2) FALLOC_FL_ZERO_RANGE",
	.run = zero_range_run,
};

const struct engine zero_punch = {
	.name = "punch",
	.what = "fallocate(2) FALLOC_FL_PUNCH_HOLE | KEEP_SIZE",
	.run = punch_run,
};
