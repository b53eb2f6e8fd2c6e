// SPDX-License-Identifier: MIT
/*
 * file engine "posix-aio": POSIX AIO as glibc implements it, aio_read(3)
 * with --depth requests in flight and aio_suspend(3) to wait. glibc has no
 * kernel AIO behind this: its helper threads do ordinary blocking preads,
 * and requests on one file descriptor are served one after another.
 */
#include <aio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

struct slot {
	struct aiocb cb;
	void *buf;
	uint64_t off;
	uint64_t t0;
};

static int submit(struct job *job, struct slot *s, uint64_t *rng, uint64_t t)
{
	s->off = file_pick(rng, job);
	s->t0 = t;
	s->cb.aio_fildes = job->fd;
	s->cb.aio_buf = s->buf;
	s->cb.aio_nbytes = job->o->bs;
	s->cb.aio_offset = (off_t)s->off;
	s->cb.aio_sigevent.sigev_notify = SIGEV_NONE;
	job->calls++;
	if (aio_read(&s->cb))
		return job_fail(job, -errno, "aio_read: %s", strerror(errno));
	return 0;
}

static int posix_aio_run(struct job *job)
{
	unsigned depth = job->o->depth, inflight = 0;
	const struct aiocb **list;
	uint64_t rng = 0x5eed0003 ^ job->seed, now;
	struct slot *slots;
	int ret = 0, err;
	long res;

	slots = calloc(depth, sizeof(*slots));
	list = calloc(depth, sizeof(*list));
	if (!slots || !list) {
		ret = job_fail(job, -ENOMEM, "request table");
		goto out;
	}
	now = now_ns();
	for (unsigned i = 0; i < depth && !ret; i++) {
		slots[i].buf = file_buf_alloc(job->o->bs);
		if (!slots[i].buf) {
			ret = job_fail(job, -ENOMEM, "read buffer");
			break;
		}
		ret = submit(job, &slots[i], &rng, now);
		if (!ret) {
			list[i] = &slots[i].cb;
			inflight++;
		}
	}
	while (inflight) {
		job->calls++;
		/* on a hard failure, fall through and poll until all are done */
		if (aio_suspend(list, (int)depth, NULL) && errno != EINTR &&
		    errno != EAGAIN && !ret)
			ret = job_fail(job, -errno, "aio_suspend: %s",
				       strerror(errno));
		now = now_ns();
		for (unsigned i = 0; i < depth; i++) {
			struct slot *s = &slots[i];

			if (!list[i])
				continue;
			err = aio_error(&s->cb);
			if (err == EINPROGRESS)
				continue;
			res = aio_return(&s->cb);
			if (!ret)
				ret = file_check(job, s->buf, s->off,
						 err ? -err : res);
			if (!ret) {
				hist_add(job->hist, now - s->t0);
				job->ops++;
			}
			if (!ret && now < job->deadline) {
				ret = submit(job, s, &rng, now);
				if (!ret)
					continue;
			}
			list[i] = NULL;
			inflight--;
		}
	}
out:
	/* everything submitted has completed: buffers are ours again */
	for (unsigned i = 0; slots && i < depth; i++)
		free(slots[i].buf);
	free(slots);
	free(list);
	return ret;
}

const struct engine file_posix_aio = {
	.name = "posix-aio",
	.what = "glibc POSIX AIO: aio_read + aio_suspend (helper threads)",
	.run = posix_aio_run,
};
