// SPDX-License-Identifier: MIT
/*
 * nop engine "uring": the io_uring library's own overhead. Queue a batch of
 * NOPs, submit them and wait for all with one io_uring_enter, reap the batch
 * and check every CQE. The kernel does next to nothing for a NOP, so the
 * rate measures get_sqe, prep, submit and the CQ walk: the library's
 * submit and reap path, the same text for ringzero and for liburing.
 */
#include <errno.h>
#include <string.h>

#include "uring.h"

#define NOP_TAG 0x6e6f7000ULL	/* "nop" in the high bytes, index below */

static int reap(struct job *job, struct io_uring *ring, unsigned batch)
{
	struct io_uring_cqe *cqe;
	unsigned head, seen = 0;
	int ret = 0;

	io_uring_for_each_cqe(ring, head, cqe) {
		/* each NOP comes back once, with res 0 and its own tag */
		if (!ret && (cqe->res != 0 ||
			     io_uring_cqe_get_data64(cqe) != NOP_TAG + seen))
			ret = job_fail(job, -EBADMSG, "NOP %u of a batch of %u "
				       "completed with res %d, user_data 0x%llx",
				       seen, batch, cqe->res,
				       (unsigned long long)
				       io_uring_cqe_get_data64(cqe));
		seen++;
	}
	io_uring_cq_advance(ring, seen);
	if (!ret && seen != batch)
		ret = job_fail(job, -EBADMSG, "%u completions for a batch of %u",
			       seen, batch);
	return ret;
}

static int nop_loop(struct job *job, struct io_uring *ring)
{
	unsigned batch = job->batch;
	struct io_uring_sqe *sqe;
	uint64_t t0, t1;
	int ret;

	for (t0 = now_ns(); t0 < job->deadline; t0 = t1) {
		for (unsigned i = 0; i < batch; i++) {
			sqe = io_uring_get_sqe(ring);
			if (!sqe)
				return job_fail(job, -EBUSY, "no SQE for NOP %u",
						i);
			io_uring_prep_nop(sqe);
			io_uring_sqe_set_data64(sqe, NOP_TAG + i);
		}
		job->calls++;
		ret = io_uring_submit_and_wait(ring, batch);
		if (ret != (int)batch)
			return job_fail(job, ret < 0 ? ret : -EIO,
					"io_uring_submit_and_wait: %s",
					ret < 0 ? strerror(-ret) :
					"short submit");
		ret = reap(job, ring, batch);
		if (ret)
			return ret;
		t1 = now_ns();
		hist_add_n(job->hist, t1 - t0, batch);
		job->ops += batch;
	}
	return 0;
}

static int nop_run(struct job *job)
{
	struct io_uring_params p;
	struct io_uring ring;
	int ret;

	memset(&p, 0, sizeof(p));
	ret = uring_init(job, job->batch, &ring, &p);
	if (ret)
		return ret;
	ret = nop_loop(job, &ring);
	io_uring_queue_exit(&ring);
	return ret;
}

const struct engine nop_uring = {
	.name = "uring",
	.what = URING_LIB ": a batch of NOPs per io_uring_enter, all checked",
	.run = nop_run,
};
