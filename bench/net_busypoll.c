// SPDX-License-Identifier: MIT
/*
 * net engine "busypoll": every socket non-blocking, one thread sweeping all
 * of them with recv() again and again. No waiting anywhere: latency is as
 * low as a single core allows, and the core is always 100% busy, most of it
 * on recv() calls that return EAGAIN.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

static int busypoll_run(struct job *job)
{
	size_t size = net_buf_size(job->o);
	unsigned live = job->nconns;
	char *buf;
	int ret = 0;

	buf = malloc(size);
	if (!buf)
		return job_fail(job, -ENOMEM, "buffer");
	for (unsigned i = 0; i < job->nconns && !ret; i++)
		ret = net_set_nonblock(job->conns[i], true);
	if (ret) {
		free(buf);
		return job_fail(job, ret, "O_NONBLOCK: %s", strerror(-ret));
	}
	while (live && !ret) {
		for (unsigned i = 0; i < job->nconns && !ret; i++) {
			if (job->conns[i] < 0)
				continue;
			ret = net_serve(job, i, buf, size);
			if (ret == 1) {
				live--;
				ret = 0;
			}
		}
	}
	free(buf);
	return ret;
}

const struct engine net_busypoll = {
	.name = "busypoll",
	.what = "non-blocking sockets, one thread polling recv() on all",
	.run = busypoll_run,
};
