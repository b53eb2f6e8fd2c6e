// SPDX-License-Identifier: MIT
/*
 * zero engine "pwrite": the portable way, writing zeroes with pwrite(2),
 * one request after another. Every byte goes through the page cache and
 * then to the disk.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

static int pwrite_run(struct job *job)
{
	const void *zeroes = zero_buffer(job->o->bs);
	uint64_t off, len, t0, t1;
	ssize_t n;

	if (!zeroes)
		return job_fail(job, -ENOMEM, "zero buffer");
	for (off = 0; off < job->span; off += (uint64_t)n) {
		len = zero_len(job, off);
		t0 = now_ns();
		job->calls++;
		n = pwrite(job->fd, zeroes, len, (off_t)off);
		if (n <= 0)
			return job_fail(job, n ? -errno : -ENOSPC, "pwrite: %s",
					n ? strerror(errno) : "no space");
		t1 = now_ns();
		hist_add(job->hist, t1 - t0);
		job->ops++;
	}
	return zero_sync(job);
}

const struct engine zero_pwrite = {
	.name = "pwrite",
	.what = "a pwrite(2) loop of zeroes",
	.run = pwrite_run,
	.one_cpu = true,	/* one range, zeroed once */
};
