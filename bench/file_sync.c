// SPDX-License-Identifier: MIT
/*
 * file engine "sync": one thread, one blocking pread(2) at a time. The
 * baseline every other model is measured against; fio calls it psync.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench.h"

static int sync_run(struct job *job)
{
	size_t bs = job->o->bs;
	uint64_t rng = 0x5eed0001 ^ job->seed, off, t0, t1;
	ssize_t n;
	void *buf;
	int ret = 0;

	buf = file_buf_alloc(bs);
	if (!buf)
		return job_fail(job, -ENOMEM, "read buffer");
	for (t0 = now_ns(); t0 < job->deadline; t0 = now_ns()) {
		off = file_pick(&rng, job);
		n = pread(job->fd, buf, bs, (off_t)off);
		job->calls++;
		t1 = now_ns();
		ret = file_check(job, buf, off, n < 0 ? -errno : n);
		if (ret)
			break;
		hist_add(job->hist, t1 - t0);
		job->ops++;
	}
	free(buf);
	return ret;
}

const struct engine file_sync = {
	.name = "sync",
	.what = "one thread, blocking pread(2), one read at a time",
	.run = sync_run,
};
