// SPDX-License-Identifier: MIT
/*
 * register_query.c - asking the kernel what it supports (6.18): opcode and
 * register-op counts, and the setup, enter, feature and SQE flags it knows,
 * as a chain of query headers answered in one call.
 */
#include "internal.h"

/*
 * 0 once the chain was walked (each header's result says how its own
 * query went: 0, or -EOPNOTSUPP for a query this kernel does not know),
 * or -errno for the call itself: -EINVAL before 6.18. A query needs no
 * ring, so it goes to the kernel with fd -1, as liburing 2.15 sends it.
 */
int io_uring_register_query(struct io_uring_query_hdr *query)
{
	return io_uring_register((unsigned)-1, IORING_REGISTER_QUERY, query, 0);
}
