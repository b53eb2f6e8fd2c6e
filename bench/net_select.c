// SPDX-License-Identifier: MIT
/*
 * net engine "select": one thread, select(2) over every open socket, then a
 * recv + send on each readable one. The fd_set is rebuilt and copied into
 * the kernel on every call and scanned linearly on both sides, and no file
 * descriptor may reach FD_SETSIZE (1024).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include "bench.h"

static int select_run(struct job *job)
{
	size_t size = net_buf_size(job->o);
	unsigned live = job->nconns;
	int ret = 0, maxfd, n;
	fd_set rd;
	char *buf;

	/* the model's limit, not a failure: the row (a curve) ends here */
	for (unsigned i = 0; i < job->nconns; i++)
		if (job->conns[i] >= FD_SETSIZE)
			return job_fail(job, -EOPNOTSUPP, "socket %d is beyond "
					"select's FD_SETSIZE (%d): select cannot "
					"watch it", job->conns[i], FD_SETSIZE);
	for (unsigned i = 0; i < job->nconns && !ret; i++)
		ret = net_set_nonblock(job->conns[i], true);
	if (ret)
		return job_fail(job, ret, "O_NONBLOCK: %s", strerror(-ret));
	buf = malloc(size);
	if (!buf)
		return job_fail(job, -ENOMEM, "buffer");
	while (live && !ret) {
		FD_ZERO(&rd);
		maxfd = -1;
		for (unsigned i = 0; i < job->nconns; i++) {
			if (job->conns[i] < 0)
				continue;
			FD_SET(job->conns[i], &rd);
			if (job->conns[i] > maxfd)
				maxfd = job->conns[i];
		}
		job->calls++;
		n = select(maxfd + 1, &rd, NULL, NULL, NULL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = job_fail(job, -errno, "select: %s",
				       strerror(errno));
			break;
		}
		for (unsigned i = 0; i < job->nconns && n > 0 && !ret; i++) {
			if (job->conns[i] < 0 || !FD_ISSET(job->conns[i], &rd))
				continue;
			n--;
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

const struct engine net_select = {
	.name = "select",
	.what = "one thread, select(2) then recv + send on each ready socket",
	.run = select_run,
};
