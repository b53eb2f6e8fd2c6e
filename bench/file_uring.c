// SPDX-License-Identifier: MIT
/*
 * file engines on io_uring: --depth reads in flight, every completion
 * reaped in one pass and its replacement queued, all of them submitted with
 * one io_uring_enter. Three set-ups of the same loop:
 *   uring         plain: file descriptor and buffer passed with each read
 *   uring-reg     registered file and buffers (READ_FIXED, IOSQE_FIXED_FILE):
 *                 the kernel skips the per-request fd lookup and page pinning
 *   uring-sqpoll  a kernel thread pinned to the helper CPU polls the SQ, the
 *                 submitter polls the CQ: no system call while both are busy
 * Built against ringzero here, and against liburing for the peer's row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "uring.h"

struct variant {
	bool registered;
	bool sqpoll;
};

struct slot {
	void *buf;
	uint64_t off;
	uint64_t t0;
};

struct reader {
	struct io_uring ring;
	struct job *job;
	const struct variant *v;
	struct slot *slots;
	uint64_t rng;
	bool ring_up;
};

static int queue_read(struct reader *r, unsigned i, uint64_t t)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&r->ring);
	struct slot *s = &r->slots[i];
	unsigned bs = (unsigned)r->job->o->bs;

	/*
	 * Never NULL: at most --depth reads are out, and the SQ has room for
	 * twice that, because an SQ thread posts completions of a batch
	 * before it moves the SQ head past that batch.
	 */
	if (!sqe)
		return job_fail(r->job, -EBUSY, "submission queue full");
	s->off = file_pick(&r->rng, r->job);
	s->t0 = t;
	if (r->v->registered) {
		io_uring_prep_read_fixed(sqe, 0, s->buf, bs, s->off, (int)i);
		io_uring_sqe_set_flags(sqe, IOSQE_FIXED_FILE);
	} else {
		io_uring_prep_read(sqe, r->job->fd, s->buf, bs, s->off);
	}
	io_uring_sqe_set_data64(sqe, i);
	return 0;
}

static int setup(struct reader *r)
{
	struct job *job = r->job;
	unsigned depth = job->o->depth;
	struct io_uring_params p;
	struct iovec *iov;
	int ret;

	memset(&p, 0, sizeof(p));
	if (r->v->sqpoll) {
		p.flags = IORING_SETUP_SQPOLL | IORING_SETUP_SQ_AFF;
		p.sq_thread_cpu = (unsigned)job->o->cpu[1];
		p.sq_thread_idle = 100;	/* ms */
	}
	ret = uring_init(job, 2 * depth, &r->ring, &p);
	if (ret)
		return ret;
	r->ring_up = true;
	if (!r->v->registered)
		return 0;
	iov = calloc(depth, sizeof(*iov));
	if (!iov)
		return job_fail(job, -ENOMEM, "iovec table");
	for (unsigned i = 0; i < depth; i++) {
		iov[i].iov_base = r->slots[i].buf;
		iov[i].iov_len = job->o->bs;
	}
	job->calls += 2;
	ret = io_uring_register_buffers(&r->ring, iov, depth);
	free(iov);
	if (ret)
		return job_fail(job, ret, "io_uring_register_buffers: %s",
				strerror(-ret));
	ret = io_uring_register_files(&r->ring, &job->fd, 1);
	if (ret)
		return job_fail(job, ret, "io_uring_register_files: %s",
				strerror(-ret));
	return 0;
}

/*
 * Wait for at least one completion. With SQPOLL spin on the CQ for a while
 * first: entering the kernel to sleep is what SQPOLL is there to avoid.
 */
static int wait_one(struct reader *r)
{
	struct io_uring_cqe *cqe;

	if (r->v->sqpoll) {
		for (unsigned spin = 0; spin < (1U << 16); spin++)
			if (io_uring_cq_ready(&r->ring))
				return 0;
	}
	r->job->calls++;
	return io_uring_wait_cqe(&r->ring, &cqe);
}

static int uring_loop(struct reader *r)
{
	struct job *job = r->job;
	unsigned depth = job->o->depth, inflight = 0, head, seen;
	struct io_uring_cqe *cqe;
	uint64_t now = now_ns();
	int ret = 0, err;

	for (unsigned i = 0; i < depth && !ret; i++)
		if (!(ret = queue_read(r, i, now)))
			inflight++;
	while (inflight) {
		job->calls++;
		if (r->v->sqpoll)
			err = io_uring_submit(&r->ring);
		else
			err = io_uring_submit_and_wait(&r->ring, 1);
		if (err >= 0)
			err = wait_one(r);
		if (err < 0 && err != -EINTR && err != -EAGAIN) {
			/* cannot reap: the kernel still owns the buffers */
			job_fail(job, err, "io_uring_submit_and_wait: %s",
				 strerror(-err));
			return err;
		}
		now = now_ns();
		seen = 0;
		io_uring_for_each_cqe(&r->ring, head, cqe) {
			unsigned i = (unsigned)io_uring_cqe_get_data64(cqe);
			struct slot *s = &r->slots[i];

			seen++;
			if (!ret)
				ret = file_check(job, s->buf, s->off, cqe->res);
			if (!ret) {
				hist_add(job->hist, now - s->t0);
				job->ops++;
			}
			if (!ret && now < job->deadline) {
				ret = queue_read(r, i, now);
				if (!ret)
					continue;
			}
			inflight--;
		}
		io_uring_cq_advance(&r->ring, seen);
	}
	return ret;
}

static int run_variant(struct job *job, const struct variant *v)
{
	struct reader r = { .job = job, .v = v, .rng = 0x5eed0005 };
	unsigned depth = job->o->depth;
	int ret = 0;

	r.slots = calloc(depth, sizeof(*r.slots));
	if (!r.slots)
		return job_fail(job, -ENOMEM, "request table");
	for (unsigned i = 0; i < depth && !ret; i++) {
		r.slots[i].buf = file_buf_alloc(job->o->bs);
		if (!r.slots[i].buf)
			ret = job_fail(job, -ENOMEM, "read buffer");
	}
	if (!ret)
		ret = setup(&r);
	if (!ret)
		ret = uring_loop(&r);
	if (r.ring_up)
		io_uring_queue_exit(&r.ring);
	for (unsigned i = 0; i < depth; i++)
		free(r.slots[i].buf);
	free(r.slots);
	return ret;
}

static int plain_run(struct job *job)
{
	static const struct variant v = { 0 };

	return run_variant(job, &v);
}

static int reg_run(struct job *job)
{
	static const struct variant v = { .registered = true };

	return run_variant(job, &v);
}

static int sqpoll_run(struct job *job)
{
	static const struct variant v = { .sqpoll = true };

	return run_variant(job, &v);
}

const struct engine file_uring = {
	.name = "uring",
	.what = URING_LIB " io_uring, batched submit and reap",
	.run = plain_run,
};

const struct engine file_uring_reg = {
	.name = "uring-reg",
	.what = URING_LIB " io_uring, registered file and buffers",
	.run = reg_run,
};

const struct engine file_uring_sqpoll = {
	.name = "uring-sqpoll",
	.what = URING_LIB " io_uring, SQPOLL thread pinned to the helper CPU",
	.run = sqpoll_run,
};
