// SPDX-License-Identifier: MIT
/*
 * net engine "epoll": one thread, the interest list kept in the kernel
 * (epoll_ctl once per socket), epoll_wait returning only ready sockets,
 * then recv + send on each: the usual Linux event loop (libevent, nginx,
 * Redis). Level-triggered, one recv per readiness.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "bench.h"

#define EVENTS 64

static int epoll_run(struct job *job)
{
	size_t size = net_buf_size(job->o);
	unsigned live = job->nconns;
	struct epoll_event ev[EVENTS];
	int ret = 0, n, epfd;
	char *buf;

	for (unsigned i = 0; i < job->nconns && !ret; i++)
		ret = net_set_nonblock(job->conns[i], true);
	if (ret)
		return job_fail(job, ret, "O_NONBLOCK: %s", strerror(-ret));
	job->calls++;
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		return job_fail(job, -errno, "epoll_create1: %s",
				strerror(errno));
	buf = malloc(size);
	if (!buf) {
		close(epfd);
		return job_fail(job, -ENOMEM, "buffer");
	}
	for (unsigned i = 0; i < job->nconns && !ret; i++) {
		struct epoll_event e = { .events = EPOLLIN, .data.u32 = i };

		job->calls++;
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, job->conns[i], &e))
			ret = job_fail(job, -errno, "epoll_ctl: %s",
				       strerror(errno));
	}
	while (live && !ret) {
		job->calls++;
		n = epoll_wait(epfd, ev, EVENTS, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = job_fail(job, -errno, "epoll_wait: %s",
				       strerror(errno));
			break;
		}
		for (int k = 0; k < n && !ret; k++) {
			unsigned i = ev[k].data.u32;

			/* closing the socket also drops it from the epoll set */
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
	close(epfd);
	return ret;
}

const struct engine net_epoll = {
	.name = "epoll",
	.what = "one thread, epoll_wait then recv + send on each ready socket",
	.run = epoll_run,
};
