// SPDX-License-Identifier: MIT
/*
 * net engine "poll": one thread, poll(2) over an array of every open
 * socket. No FD_SETSIZE limit, but still the whole interest list copied in
 * and scanned on every call.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

static int poll_run(struct job *job)
{
	size_t size = net_buf_size(job->o);
	unsigned live = job->nconns;
	struct pollfd *pfd;
	int ret = 0, n;
	char *buf;

	for (unsigned i = 0; i < job->nconns && !ret; i++)
		ret = net_set_nonblock(job->conns[i], true);
	if (ret)
		return job_fail(job, ret, "O_NONBLOCK: %s", strerror(-ret));
	buf = malloc(size);
	pfd = calloc(job->nconns, sizeof(*pfd));
	if (!buf || !pfd) {
		free(buf);
		free(pfd);
		return job_fail(job, -ENOMEM, "buffers");
	}
	for (unsigned i = 0; i < job->nconns; i++) {
		pfd[i].fd = job->conns[i];
		pfd[i].events = POLLIN;
	}
	while (live && !ret) {
		job->calls++;
		n = poll(pfd, job->nconns, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = job_fail(job, -errno, "poll: %s", strerror(errno));
			break;
		}
		for (unsigned i = 0; i < job->nconns && n > 0 && !ret; i++) {
			if (!pfd[i].revents)
				continue;
			n--;
			ret = net_serve(job, i, buf, size);
			if (ret == 1) {
				/* a negative fd is skipped by poll */
				pfd[i].fd = -1;
				live--;
				ret = 0;
			}
		}
	}
	free(pfd);
	free(buf);
	return ret;
}

const struct engine net_poll = {
	.name = "poll",
	.what = "one thread, poll(2) then recv + send on each ready socket",
	.run = poll_run,
};
