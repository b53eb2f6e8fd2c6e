// SPDX-License-Identifier: MIT
/*
 * The `nop` workload: io_uring NOP throughput at each batch size, for the
 * library comparison of issue 2 (ringzero in process, liburing in the peer,
 * taking turns). Latency is the time of the whole batch, given to each NOP.
 */
#include <errno.h>

#include "bench.h"

static int nop_setup(struct lab *lab)
{
	(void)lab;
	return 0;
}

static void nop_run(struct lab *lab, const struct engine *e, unsigned batch,
		    struct result *r)
{
	struct job job = {
		.o = &lab->o,
		.batch = batch,
		.fd = -1,
		.hist = &r->hist,
	};

	run_pinned(e, &job, r);
}

static void nop_teardown(struct lab *lab)
{
	(void)lab;
}

const struct workload wl_nop = {
	.name = "nop",
	.about = "io_uring NOP throughput by batch size, ringzero vs liburing",
	.unit = "NOP",
	.per_batch = true,
	.setup = nop_setup,
	.run = nop_run,
	.teardown = nop_teardown,
};
