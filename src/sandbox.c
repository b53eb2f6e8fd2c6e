// SPDX-License-Identifier: MIT
/*
 * sandbox.c - a ring that runs only an allow-list of opcodes and SQE flags
 * (and register calls): disabled at setup, restricted, then enabled.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The policy as the kernel's list of io_uring_restriction entries. */
static struct io_uring_restriction *
build_restrictions(const struct ringzero_sandbox *policy, unsigned *nr)
{
	struct io_uring_restriction *res;
	unsigned i, n = 0;

	/* Every op and register op, one flag entry each way. */
	res = calloc(policy->nr_ops + policy->nr_register_ops + 2,
		     sizeof(*res));
	if (!res)
		return NULL;
	for (i = 0; i < policy->nr_ops; i++) {
		res[n].opcode = IORING_RESTRICTION_SQE_OP;
		res[n++].sqe_op = policy->ops[i];
	}
	for (i = 0; i < policy->nr_register_ops; i++) {
		res[n].opcode = IORING_RESTRICTION_REGISTER_OP;
		res[n++].register_op = policy->register_ops[i];
	}
	/*
	 * Always state the allowed flags, even none: that is what makes an
	 * SQE with any flag outside the list fail rather than pass.
	 */
	res[n].opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED;
	res[n++].sqe_flags = policy->sqe_flags_allowed;
	if (policy->sqe_flags_required) {
		res[n].opcode = IORING_RESTRICTION_SQE_FLAGS_REQUIRED;
		res[n++].sqe_flags = policy->sqe_flags_required;
	}
	*nr = n;
	return res;
}

int ringzero_sandbox_init_params(unsigned entries, struct io_uring *ring,
				 struct io_uring_params *p,
				 const struct ringzero_sandbox *policy)
{
	struct io_uring_restriction *res;
	unsigned asked, nr;
	int ret;

	if (!policy || !p || (policy->nr_ops && !policy->ops) ||
	    (policy->nr_register_ops && !policy->register_ops))
		return -EINVAL;
	res = build_restrictions(policy, &nr);
	if (!res)
		return -ENOMEM;

	/* Restrictions are accepted only while the ring is disabled. */
	asked = p->flags;
	p->flags |= IORING_SETUP_R_DISABLED;
	ret = io_uring_queue_init_params(entries, ring, p);
	p->flags = asked;
	if (ret) {
		free(res);
		return ret;
	}

	ret = __rz_register(ring, IORING_REGISTER_RESTRICTIONS, res, nr);
	free(res);
	if (ret < 0)
		goto fail;
	/* Register is unrestricted until the ring is enabled. */
	if (policy->prepare) {
		ret = policy->prepare(ring, policy->prepare_arg);
		if (ret < 0)
			goto fail;
	}
	ret = io_uring_enable_rings(ring);
	if (ret < 0)
		goto fail;
	return 0;
fail:
	io_uring_queue_exit(ring);
	return ret;
}

int ringzero_sandbox_init(unsigned entries, struct io_uring *ring,
			  const struct ringzero_sandbox *policy)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	return ringzero_sandbox_init_params(entries, ring, &p, policy);
}
