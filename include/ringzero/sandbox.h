/* SPDX-License-Identifier: MIT */
/*
 * ringzero/sandbox.h - rings locked down to a list of operations.
 *
 * io_uring's restrictions (5.10) let a ring refuse every opcode, SQE flag
 * and register call not on an allow-list: a refused SQE completes with
 * -EACCES, a refused register call returns -EACCES. They only take on a
 * ring created disabled, and only once, so the order is fixed:
 *
 *	io_uring_setup(IORING_SETUP_R_DISABLED)
 *	io_uring_register(IORING_REGISTER_RESTRICTIONS, the allow-list)
 *	  ... register files/buffers while register is still unrestricted ...
 *	io_uring_register(IORING_REGISTER_ENABLE_RINGS)
 *
 * ringzero_sandbox_init() does exactly that from a policy. A program that
 * hands a ring to code it does not trust (a plugin, a parser, a request
 * handler) can then be sure that code cannot open, unlink or connect
 * through it, whatever SQEs it writes.
 *
 * Included by ringzero.h; not meant to be included on its own.
 */
#ifndef RINGZERO_SANDBOX_H
#define RINGZERO_SANDBOX_H

#ifdef __cplusplus
extern "C" {
#endif

struct ringzero_sandbox {
	const __u8 *ops;		/* IORING_OP_* the ring may run */
	unsigned nr_ops;
	__u8 sqe_flags_allowed;		/* IOSQE_* an SQE may carry */
	__u8 sqe_flags_required;	/* IOSQE_* every SQE must carry */
	const __u8 *register_ops;	/* IORING_REGISTER_* allowed once the
					 * ring runs (none: register is shut) */
	unsigned nr_register_ops;
	/*
	 * Optional: called after the restrictions are in place and before
	 * the ring is enabled, when register calls are not yet restricted:
	 * register the files and buffers the allowed SQEs will use here.
	 * Returns 0 or -errno (which aborts the setup).
	 */
	int (*prepare)(struct io_uring *ring, void *arg);
	void *prepare_arg;
};

/*
 * Create a ring of entries entries (p: its parameters, as for
 * io_uring_queue_init_params(); the R_DISABLED flag is added) that runs
 * only what policy allows, and enable it. Returns 0, or -errno with no ring
 * left behind:
 *   -EINVAL  policy is NULL, a list is NULL with a count, or the kernel
 *            has no restrictions (before 5.10: unknown register opcode)
 *   -EACCES  (later, per SQE or register call) what the policy refuses
 *   the errors of io_uring_queue_init_params() and of prepare
 */
int ringzero_sandbox_init_params(unsigned entries, struct io_uring *ring,
				 struct io_uring_params *p,
				 const struct ringzero_sandbox *policy);
int ringzero_sandbox_init(unsigned entries, struct io_uring *ring,
			  const struct ringzero_sandbox *policy);

#ifdef __cplusplus
}
#endif

#endif /* RINGZERO_SANDBOX_H */
