// SPDX-License-Identifier: MIT
/*
 * zero engine "fallocate": fallocate(2) with FALLOC_FL_ZERO_RANGE, one call
 * per request. The file system marks the extents unwritten (ext4, xfs)
 * instead of writing zeroes, and the range stays allocated, so later writes
 * to it cannot fail for want of space. The loop is shared with "punch"
 * (zero_punch.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <string.h>

#include "bench.h"

int zero_fallocate_loop(struct job *job, int mode, const char *name)
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
	return zero_fallocate_loop(job, FALLOC_FL_ZERO_RANGE,
				   "FALLOC_FL_ZERO_RANGE");
}

const struct engine zero_fallocate = {
	.name = "fallocate",
	.what = "fallocate(2) FALLOC_FL_ZERO_RANGE",
	.run = zero_range_run,
	.one_cpu = true,	/* one range, zeroed once */
};
