// SPDX-License-Identifier: MIT
/*
 * One engine run under the meter, and the bookkeeping of results: adding
 * runs into a row, and turning an engine's -errno into the row's state.
 */
#include <errno.h>
#include <stdarg.h>
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

int run_measured(const struct engine *e, struct job *job, struct result *r)
{
	struct meter m;
	int ret;

	meter_start(&m, job->o->count_syscalls);
	/* the clock starts once the meter runs: opening counters takes time */
	if (!job->deadline)
		job->deadline = now_ns() + job->o->time_ns;
	ret = job->go ? job->go(job) : 0;
	if (!ret)
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
	t->ext_p50_ns += run->ext_p50_ns;
	t->ext_p99_ns += run->ext_p99_ns;
	hist_merge(&t->hist, &run->hist);
	result_add_count(t, run);
}

int run_pinned(const struct engine *e, struct job *job, int cpu,
	       struct result *r)
{
	cpu_set_t saved;
	int ret;

	ret = cpu_pin(cpu, &saved);
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
