// SPDX-License-Identifier: MIT
/*
 * zero engine "zero": io_uring ZERO, --depth requests in flight, each made
 * by io_uring_prep_zero: the native IORING_OP_ZERO where the library has
 * verified that the running kernel has it, else IORING_OP_FALLOCATE with
 * FALLOC_FL_ZERO_RANGE. The loop is shared with "uring-write"
 * (zero_uring_write.c), which writes zeroes instead. ringzero only:
 * liburing has no ZERO, so the peer builds neither.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "uring.h"

struct zeroer {
	struct io_uring ring;
	struct job *job;
	bool write;
	const void *zeroes;
	uint64_t next;		/* the next offset to request */
	uint64_t *t0;		/* per slot: when it was queued */
	uint64_t *len;		/* per slot: its length */
};

static void queue(struct zeroer *z, unsigned slot, uint64_t now)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&z->ring);
	uint64_t len = zero_len(z->job, z->next);

	/* never NULL: the SQ has --depth entries, one per slot */
	if (z->write)
		io_uring_prep_write(sqe, z->job->fd, z->zeroes, (unsigned)len,
				    z->next);
	else
		io_uring_prep_zero(sqe, z->job->fd, z->next, len, 0);
	io_uring_sqe_set_data64(sqe, slot);
	z->t0[slot] = now;
	z->len[slot] = len;
	z->next += len;
}

static int check(struct zeroer *z, int res, unsigned slot)
{
	if (res == -EOPNOTSUPP)
		return job_fail(z->job, res, "this file system has no "
				"FALLOC_FL_ZERO_RANGE");
	if (res < 0)
		return job_fail(z->job, res, "%s: %s",
				z->write ? "WRITE" : "ZERO", strerror(-res));
	/* a write must be whole, a ZERO returns 0 */
	if (z->write && (uint64_t)res != z->len[slot])
		return job_fail(z->job, -EIO, "short WRITE: %d of %llu bytes",
				res, (unsigned long long)z->len[slot]);
	return 0;
}

static int zero_loop(struct zeroer *z)
{
	struct job *job = z->job;
	unsigned depth = job->o->depth, inflight = 0, head, seen;
	struct io_uring_cqe *cqe;
	uint64_t now = now_ns();
	int ret = 0, err;

	for (unsigned s = 0; s < depth && z->next < job->span; s++, inflight++)
		queue(z, s, now);
	while (inflight) {
		job->calls++;
		err = io_uring_submit_and_wait(&z->ring, 1);
		if (err < 0 && err != -EINTR)
			return job_fail(job, err, "io_uring_submit_and_wait: "
					"%s", strerror(-err));
		now = now_ns();
		seen = 0;
		io_uring_for_each_cqe(&z->ring, head, cqe) {
			unsigned s = (unsigned)io_uring_cqe_get_data64(cqe);

			seen++;
			if (!ret)
				ret = check(z, cqe->res, s);
			if (!ret) {
				hist_add(job->hist, now - z->t0[s]);
				job->ops++;
			}
			if (!ret && z->next < job->span)
				queue(z, s, now);
			else
				inflight--;
		}
		io_uring_cq_advance(&z->ring, seen);
	}
	return ret ? ret : zero_sync(job);
}

int zero_uring_run(struct job *job, bool write)
{
	struct zeroer z = { .job = job, .write = write };
	unsigned depth = job->o->depth;
	struct io_uring_params p;
	int ret;

	z.zeroes = zero_buffer(job->o->bs);
	z.t0 = calloc(depth, sizeof(*z.t0));
	z.len = calloc(depth, sizeof(*z.len));
	if (!z.zeroes || !z.t0 || !z.len) {
		ret = job_fail(job, -ENOMEM, "request table");
		goto out;
	}
	memset(&p, 0, sizeof(p));
	ret = uring_init(job, depth, &z.ring, &p);
	if (ret)
		goto out;
	ret = zero_loop(&z);
	io_uring_queue_exit(&z.ring);
out:
	free(z.t0);
	free(z.len);
	return ret;
}

static int zero_op_run(struct job *job)
{
	return zero_uring_run(job, false);
}

const struct engine zero_uring_zero = {
	.name = "zero",
	.what = "io_uring ZERO via io_uring_prep_zero (native, or FALLOCATE "
		"ZERO_RANGE)",
	.run = zero_op_run,
	.one_cpu = true,	/* one range, zeroed once */
};
