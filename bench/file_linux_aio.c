// SPDX-License-Identifier: MIT
/*
 * file engine "linux-aio": the kernel's native AIO (io_setup, io_submit,
 * io_getevents) as raw system calls, --depth reads in flight, everything
 * ready submitted in one io_submit (or in batches of --batch-submit, with
 * --batch-complete-min/max for io_getevents: fio's knobs). Only O_DIRECT
 * reads are asynchronous here; a buffered read is done in full inside
 * io_submit, which is why io_uring replaced this interface.
 */
#include <errno.h>
#include <linux/aio_abi.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

/* The raw calls return -errno, like everything else in ringzero. */
static long sys_io_setup(unsigned nr, aio_context_t *ctx)
{
	return syscall(SYS_io_setup, nr, ctx) ? -errno : 0;
}

static long sys_io_destroy(aio_context_t ctx)
{
	return syscall(SYS_io_destroy, ctx) ? -errno : 0;
}

static long sys_io_submit(aio_context_t ctx, long nr, struct iocb **iocbs)
{
	long ret = syscall(SYS_io_submit, ctx, nr, iocbs);

	return ret < 0 ? -errno : ret;
}

static long sys_io_getevents(aio_context_t ctx, long min, long max,
			     struct io_event *events)
{
	long ret = syscall(SYS_io_getevents, ctx, min, max, events, NULL);

	return ret < 0 ? -errno : ret;
}

struct slot {
	struct iocb cb;
	void *buf;
	uint64_t t0;
};

static void prep(struct job *job, struct slot *s, uint64_t *rng, uint64_t t)
{
	memset(&s->cb, 0, sizeof(s->cb));
	s->cb.aio_data = (uint64_t)(uintptr_t)s;
	s->cb.aio_lio_opcode = IOCB_CMD_PREAD;
	s->cb.aio_fildes = (uint32_t)job->fd;
	s->cb.aio_buf = (uint64_t)(uintptr_t)s->buf;
	s->cb.aio_nbytes = job->o->bs;
	s->cb.aio_offset = (int64_t)file_pick(rng, job);
	s->t0 = t;
}

/*
 * Submit pending[0..n), at most `batch` per io_submit (fio's
 * iodepth_batch_submit); io_submit may take fewer than asked. *done says how
 * many went in, also on failure.
 */
static int submit_all(struct job *job, aio_context_t ctx, struct iocb **pending,
		      long n, long batch, long *done)
{
	long ret;

	for (*done = 0; *done < n; *done += ret) {
		job->calls++;
		ret = sys_io_submit(ctx, n - *done < batch ? n - *done : batch,
				    pending + *done);
		if (ret == -EINTR || ret == -EAGAIN) {
			ret = 0;
			continue;
		}
		if (ret <= 0)
			return job_fail(job, ret ? (int)ret : -EIO,
					"io_submit: %s",
					strerror(ret ? (int)-ret : EIO));
	}
	return 0;
}

static int linux_aio_run(struct job *job)
{
	unsigned depth = job->o->depth, inflight = 0;
	struct batching b = file_batching(job->o);
	uint64_t rng = 0x5eed0004 ^ job->seed, now;
	aio_context_t ctx = 0;
	struct io_event *events = NULL;
	struct iocb **pending = NULL;
	struct slot *slots = NULL;
	long got, npend = 0, done;
	int ret;

	job->calls++;
	ret = (int)sys_io_setup(depth, &ctx);
	if (ret)
		return job_fail(job, ret == -ENOSYS ? -EOPNOTSUPP : ret,
				"io_setup(%u): %s", depth, strerror(-ret));
	slots = calloc(depth, sizeof(*slots));
	events = calloc(depth, sizeof(*events));
	pending = calloc(depth, sizeof(*pending));
	if (!slots || !events || !pending) {
		ret = job_fail(job, -ENOMEM, "request table");
		goto out;
	}
	now = now_ns();
	for (unsigned i = 0; i < depth; i++) {
		slots[i].buf = file_buf_alloc(job->o->bs);
		if (!slots[i].buf) {
			ret = job_fail(job, -ENOMEM, "read buffer");
			goto out;
		}
		prep(job, &slots[i], &rng, now);
		pending[npend++] = &slots[i].cb;
	}
	ret = submit_all(job, ctx, pending, npend, b.submit, &done);
	inflight = (unsigned)done;
	while (inflight) {
		job->calls++;
		got = sys_io_getevents(ctx, b.complete_min < inflight ?
				       b.complete_min : inflight,
				       b.complete_max, events);
		if (got == -EINTR)
			continue;
		if (got < 0) {
			ret = job_fail(job, (int)got, "io_getevents: %s",
				       strerror((int)-got));
			break;
		}
		now = now_ns();
		npend = 0;
		for (long i = 0; i < got; i++) {
			struct slot *s = (void *)(uintptr_t)events[i].data;

			if (!ret)
				ret = file_check(job, s->buf,
						 (uint64_t)s->cb.aio_offset,
						 (long)events[i].res);
			if (!ret) {
				hist_add(job->hist, now - s->t0);
				job->ops++;
			}
			if (!ret && now < job->deadline) {
				prep(job, s, &rng, now);
				pending[npend++] = &s->cb;
			} else {
				inflight--;
			}
		}
		if (npend) {
			ret = submit_all(job, ctx, pending, npend, b.submit,
					 &done);
			inflight -= (unsigned)(npend - done);
		}
	}
out:
	/* io_destroy waits for anything still in flight */
	sys_io_destroy(ctx);
	job->calls++;
	for (unsigned i = 0; slots && i < depth; i++)
		free(slots[i].buf);
	free(slots);
	free(events);
	free(pending);
	return ret;
}

const struct engine file_linux_aio = {
	.name = "linux-aio",
	.what = "kernel AIO: io_submit of all ready reads, io_getevents",
	.run = linux_aio_run,
};
