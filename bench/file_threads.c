// SPDX-License-Identifier: MIT
/*
 * file engine "threads": a pool of --depth threads, each doing blocking
 * pread(2) in a loop. Concurrency the classic way: the kernel blocks a
 * thread per outstanding read. The threads share the engine's CPU, like the
 * single-threaded engines do, so the row shows the cost of the model and not
 * a second core.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

struct worker {
	pthread_t thread;
	struct job job;		/* a private copy: own counts, histogram */
	atomic_bool *stop;
	uint64_t seed;
	int ret;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct job *job = &w->job;
	size_t bs = job->o->bs;
	uint64_t rng = w->seed, off, t0, t1;
	ssize_t n;
	void *buf;

	buf = file_buf_alloc(bs);
	if (!buf) {
		w->ret = job_fail(job, -ENOMEM, "read buffer");
		return NULL;
	}
	for (t0 = now_ns(); t0 < job->deadline && !atomic_load(w->stop);
	     t0 = now_ns()) {
		off = file_pick(&rng, job);
		n = pread(job->fd, buf, bs, (off_t)off);
		job->calls++;
		t1 = now_ns();
		w->ret = file_check(job, buf, off, n < 0 ? -errno : n);
		if (w->ret) {
			atomic_store(w->stop, true);
			break;
		}
		hist_add(job->hist, t1 - t0);
		job->ops++;
	}
	free(buf);
	return NULL;
}

static int threads_run(struct job *job)
{
	unsigned n = job->o->depth, started;
	atomic_bool stop = false;
	struct worker *w;
	int ret = 0;

	w = calloc(n, sizeof(*w));
	if (!w)
		return job_fail(job, -ENOMEM, "thread table");
	for (started = 0; started < n; started++) {
		struct worker *me = &w[started];

		me->job = *job;
		me->job.ops = me->job.calls = 0;
		me->job.hist = calloc(1, sizeof(struct hist));
		me->stop = &stop;
		me->seed = (0x5eed1000 + started) ^ job->seed;
		if (!me->job.hist) {
			ret = job_fail(job, -ENOMEM, "histogram");
			break;
		}
		ret = -pthread_create(&me->thread, NULL, worker_main, me);
		job->calls++;
		if (ret) {
			free(me->job.hist);
			job_fail(job, ret, "pthread_create: %s", strerror(-ret));
			break;
		}
	}
	if (ret)
		atomic_store(&stop, true);
	for (unsigned i = 0; i < started; i++) {
		pthread_join(w[i].thread, NULL);
		job->ops += w[i].job.ops;
		job->calls += w[i].job.calls;
		hist_merge(job->hist, w[i].job.hist);
		free(w[i].job.hist);
		if (w[i].ret && !ret) {
			ret = w[i].ret;
			memcpy(job->why, w[i].job.why, sizeof(job->why));
		}
	}
	free(w);
	return ret;
}

const struct engine file_threads = {
	.name = "threads",
	.what = "a pool of --depth threads, each a blocking pread(2) loop",
	.run = threads_run,
};
