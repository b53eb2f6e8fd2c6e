/* SPDX-License-Identifier: MIT */
/*
 * Which io_uring library the io_uring engines are built against. The same
 * engine sources become the ringzero rows of `ringzero bench` and, compiled
 * with -DRZ_PEER_LIBURING, the liburing rows (in ringzero-peer-liburing):
 * the two libraries share an API, so the loops are the same text.
 *
 * Only helpers that both ringzero and Debian's liburing 2.3 have are used.
 */
#ifndef RINGZERO_BENCH_URING_H
#define RINGZERO_BENCH_URING_H

#ifdef RZ_PEER_LIBURING
#include <liburing.h>
#define URING_LIB "liburing"
#else
#include "ringzero.h"
#define URING_LIB "ringzero"
#endif

#include <errno.h>
#include <string.h>

#include "bench.h"

/*
 * io_uring_queue_init_params, with the reasons it fails told apart: a kernel
 * without io_uring (or with it switched off) or without a setup flag skips
 * the row rather than failing it.
 */
static inline int uring_init(struct job *job, unsigned entries,
			     struct io_uring *ring, struct io_uring_params *p)
{
	int ret = io_uring_queue_init_params(entries, ring, p);

	job->calls++;
	if (ret == -ENOSYS || ret == -EPERM)
		return job_fail(job, -EOPNOTSUPP,
				"io_uring is not available (%s): kernel built "
				"without it, or sysctl kernel.io_uring_disabled",
				strerror(-ret));
	if (ret == -EINVAL && p->flags)
		return job_fail(job, -EOPNOTSUPP,
				"the kernel refuses setup flags 0x%x (too old?)",
				p->flags);
	if (ret < 0)
		return job_fail(job, ret, "io_uring_queue_init_params: %s",
				strerror(-ret));
	return 0;
}

#endif
