// SPDX-License-Identifier: MIT
/*
 * register_creds.c - who may do what on a ring: registered personalities
 * (credentials a request can run with) and restrictions (the opcodes, SQE
 * flags and register ops a sandboxed ring allows).
 */
#include "internal.h"

/* Returns the new personality id (> 0), or -errno. */
int io_uring_register_personality(struct io_uring *ring)
{
	return __rz_register(ring, IORING_REGISTER_PERSONALITY, NULL, 0);
}

/* The id travels in nr_args. -EINVAL if no such personality. */
int io_uring_unregister_personality(struct io_uring *ring, int id)
{
	return __rz_register(ring, IORING_UNREGISTER_PERSONALITY, NULL,
			     (unsigned)id);
}

int io_uring_register_restrictions(struct io_uring *ring,
				   struct io_uring_restriction *res,
				   unsigned int nr_res)
{
	return __rz_register(ring, IORING_REGISTER_RESTRICTIONS, res, nr_res);
}
