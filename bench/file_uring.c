// SPDX-License-Identifier: MIT
/*
 * file engine "uring": io_uring with --depth reads in flight, every
 * completion reaped in one pass and its replacement queued, all of them
 * submitted with the one io_uring_enter that also waits (or in batches of
 * --batch-submit, waiting for --batch-complete-min: fio's knobs). The loop is shared
 * with uring-reg (file_uring_reg.c) and uring-sqpoll (file_uring_sqpoll.c),
 * which set the ring up differently. Built against ringzero here, and
 * against liburing for the peer's row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "uring.h"

struct slot {
	void *buf;
	uint64_t off;
	uint64_t t0;
};

struct reader {
	struct io_uring ring;
	struct job *job;
	const struct file_uring_variant *v;
	struct slot *slots;
	struct io_uring_cqe **cqes;	/* one reaping pass */
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
		p.sq_thread_cpu = (unsigned)job->o->helper_cpu;
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

/*
 * Queue the read for slot i, and submit what is queued once there are
 * b->submit reads waiting (fio's iodepth_batch_submit); the rest go in with
 * the next wait. When this is the last read queued before that wait (last),
 * the wait's io_uring_enter submits them at the same moment, one system
 * call instead of two. Under SQPOLL the SQ thread submits: nothing to call.
 */
static int refill(struct reader *r, const struct batching *b, unsigned i,
		  uint64_t now, unsigned *queued, bool last)
{
	int ret = queue_read(r, i, now);

	if (ret || r->v->sqpoll || ++*queued < b->submit || last)
		return ret;
	*queued = 0;
	r->job->calls++;
	ret = io_uring_submit(&r->ring);
	if (ret < 0 && ret != -EINTR && ret != -EAGAIN)
		return job_fail(r->job, ret, "io_uring_submit: %s",
				strerror(-ret));
	return 0;
}

/*
 * Reap what has completed by now, as one snapshot (io_uring_peek_batch_cqe,
 * at most b.complete_max), queue a replacement for each, and submit them
 * while waiting for at least b.complete_min more: fio's schedule with the
 * same knobs. Walking the CQ until it is empty instead would keep reaping
 * reads that finish while we check the earlier ones, and leave the device
 * short of requests all that time.
 */
static int uring_loop(struct reader *r)
{
	struct job *job = r->job;
	struct batching b = file_batching(job->o);
	unsigned depth = job->o->depth, inflight = 0, queued = 0, seen, want;
	uint64_t now = now_ns();
	int ret = 0, err;

	for (unsigned i = 0; i < depth && !ret; i++)
		if (!(ret = refill(r, &b, i, now, &queued, i + 1 == depth)))
			inflight++;
	while (inflight) {
		want = b.complete_min < inflight ? b.complete_min : inflight;
		job->calls++;
		if (r->v->sqpoll)
			err = io_uring_submit(&r->ring);
		else
			err = io_uring_submit_and_wait(&r->ring, want);
		queued = 0;
		if (err >= 0 && r->v->sqpoll)
			err = wait_one(r);
		if (err < 0 && err != -EINTR && err != -EAGAIN) {
			/* cannot reap: the kernel still owns the buffers */
			job_fail(job, err, "io_uring_submit_and_wait: %s",
				 strerror(-err));
			return err;
		}
		now = now_ns();
		seen = io_uring_peek_batch_cqe(&r->ring, r->cqes,
					       b.complete_max);
		for (unsigned k = 0; k < seen; k++) {
			struct io_uring_cqe *cqe = r->cqes[k];
			unsigned i = (unsigned)io_uring_cqe_get_data64(cqe);
			struct slot *s = &r->slots[i];

			if (!ret)
				ret = file_check(job, s->buf, s->off, cqe->res);
			if (!ret) {
				hist_add(job->hist, now - s->t0);
				job->ops++;
			}
			if (!ret && now < job->deadline) {
				ret = refill(r, &b, i, now, &queued,
					     k + 1 == seen);
				if (!ret)
					continue;
			}
			inflight--;
		}
		io_uring_cq_advance(&r->ring, seen);
	}
	return ret;
}

int file_uring_run(struct job *job, const struct file_uring_variant *v)
{
	struct reader r = { .job = job, .v = v, .rng = 0x5eed0005 ^ job->seed };
	unsigned depth = job->o->depth;
	int ret = 0;

	r.slots = calloc(depth, sizeof(*r.slots));
	r.cqes = calloc(depth, sizeof(*r.cqes));
	if (!r.slots || !r.cqes) {
		free(r.slots);
		free(r.cqes);
		return job_fail(job, -ENOMEM, "request table");
	}
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
	free(r.cqes);
	return ret;
}

static int plain_run(struct job *job)
{
	static const struct file_uring_variant plain = { 0 };

	return file_uring_run(job, &plain);
}

const struct engine file_uring = {
	.name = "uring",
	.what = URING_LIB " io_uring, batched submit and reap",
	.run = plain_run,
};
