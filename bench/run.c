// SPDX-License-Identifier: MIT
/*
 * One engine run under the meter, and the bookkeeping of results: adding
 * runs into a row, and turning an engine's -errno into the row's state.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

int job_fail(struct job *job, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(job->why, sizeof(job->why), fmt, ap);
	va_end(ap);
	return err;
}

/* One engine loop on one CPU of --cpus. */
struct cpu_share {
	const struct engine *e;
	struct job job;
	struct hist hist;
	int cpu;
	int ret;
	pthread_t thread;
};

static void *share_main(void *arg)
{
	struct cpu_share *s = arg;

	s->ret = cpu_pin(s->cpu, NULL);
	if (s->ret)
		job_fail(&s->job, s->ret, "cannot pin to CPU %d", s->cpu);
	else
		s->ret = s->e->run(&s->job);
	return NULL;
}

/*
 * e once per CPU: share k gets CPU k, connections [k*n/N, (k+1)*n/N) and
 * its own seed; share 0 runs in the calling thread. The first failure
 * (in CPU order) is the job's.
 */
static int run_spread(const struct engine *e, struct job *job)
{
	unsigned n = job->o->ncpus, started;
	struct cpu_share *s = calloc(n, sizeof(*s));
	int ret = 0;

	if (!s)
		return job_fail(job, -ENOMEM, "per-CPU state");
	for (unsigned k = 0; k < n; k++) {
		unsigned from = (unsigned)((uint64_t)job->nconns * k / n);
		unsigned to = (unsigned)((uint64_t)job->nconns * (k + 1) / n);

		s[k].e = e;
		s[k].cpu = job->o->cpus[k];
		s[k].job = *job;
		s[k].job.hist = &s[k].hist;
		s[k].job.seed = 0x9e3779b97f4a7c15ULL * k;
		s[k].job.ops = s[k].job.calls = 0;
		s[k].job.why[0] = '\0';
		if (job->conns) {
			s[k].job.conns = job->conns + from;
			s[k].job.nconns = to - from;
		}
	}
	for (started = 1; started < n; started++) {
		ret = -pthread_create(&s[started].thread, NULL, share_main,
				      &s[started]);
		if (ret) {
			/* the others run on; their answers still count */
			job_fail(job, ret, "pthread_create: %s",
				 strerror(-ret));
			break;
		}
	}
	s[0].ret = e->run(&s[0].job);
	for (unsigned k = 1; k < started; k++)
		pthread_join(s[k].thread, NULL);
	for (unsigned k = 0; k < started; k++) {
		job->ops += s[k].job.ops;
		job->calls += s[k].job.calls;
		hist_merge(job->hist, &s[k].hist);
		if (s[k].ret && !ret) {
			ret = s[k].ret;
			snprintf(job->why, sizeof(job->why), "CPU %d: %s",
				 s[k].cpu, s[k].job.why);
		}
	}
	free(s);
	return ret;
}

int run_measured(const struct engine *e, struct job *job, struct result *r)
{
	struct meter m;
	int ret;

	meter_start(&m, job->o->count_syscalls);
	/* the clock starts once the meter runs: opening counters takes time */
	if (!job->deadline)
		job->deadline = now_ns() + job->o->time_ns;
	ret = job->go ? job->go(job) : 0;
	if (!ret && job->o->ncpus > 1 && !e->one_cpu)
		ret = run_spread(e, job);
	else if (!ret)
		ret = e->run(job);
	meter_stop(&m, r, job);
	r->ops = job->ops;
	return ret;
}

void result_reset(struct result *r)
{
	memset(r, 0, sizeof(*r));
}

void result_set_error(struct result *r, int err, const char *why)
{
	/* a missing kernel or file-system feature skips the row */
	if (err == -EOPNOTSUPP || err == -ENOSYS)
		r->state = ROW_SKIP;
	else
		r->state = ROW_FAIL;
	snprintf(r->why, sizeof(r->why), "%s",
		 why && why[0] ? why : strerror(-err));
}

/* The worst state wins, with its reason; true if run is usable. */
static bool add_state(struct result *t, const struct result *run)
{
	if (run->state == ROW_OK)
		return true;
	if (t->state == ROW_OK || t->state < run->state) {
		t->state = run->state;
		memcpy(t->why, run->why, sizeof(t->why));
	}
	return false;
}

void result_add_count(struct result *t, const struct result *run)
{
	if (!add_state(t, run) || run->sc == SC_NONE)
		return;
	t->syscalls += run->syscalls;
	t->sc_ops += run->ops;
	t->sc = run->sc;
}

void result_add(struct result *t, const struct result *run)
{
	double rate;

	if (!add_state(t, run))
		return;
	rate = run->wall_ns ? (double)run->ops * 1e9 / (double)run->wall_ns : 0;
	if (!t->runs || rate < t->rate_min)
		t->rate_min = rate;
	if (!t->runs || rate > t->rate_max)
		t->rate_max = rate;
	if (t->runs < MAX_ROUNDS)
		t->run_rate[t->runs] = rate;
	t->runs++;
	t->ops += run->ops;
	t->bytes += run->bytes;
	t->wall_ns += run->wall_ns;
	t->utime_ns += run->utime_ns;
	t->stime_ns += run->stime_ns;
	t->helper_cpu_ns += run->helper_cpu_ns;
	t->wait_ns += run->wait_ns;
	t->server_demand += run->server_demand;
	t->helper_demand += run->helper_demand;
	t->ext_p50_ns += run->ext_p50_ns;
	t->ext_p99_ns += run->ext_p99_ns;
	hist_merge(&t->hist, &run->hist);
	result_add_count(t, run);
}

int run_pinned(const struct engine *e, struct job *job, struct result *r)
{
	cpu_set_t saved;
	int ret;

	ret = cpu_pin(job->o->cpus[0], &saved);
	if (ret) {
		result_set_error(r, ret, "cannot pin to the engine's CPU");
		return ret;
	}
	ret = run_measured(e, job, r);
	cpu_restore(&saved);
	if (ret)
		result_set_error(r, ret, job->why);
	return ret;
}
