/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what libringzero's source files share and do not export.
 */
#ifndef RINGZERO_INTERNAL_H
#define RINGZERO_INTERNAL_H

#define RINGZERO_INTERNAL
#include "ringzero.h"

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/* Raw syscall without touching errno: returns the kernel's value or -errno. */
long __rz_syscall6(long nr, long a, long b, long c, long d, long e, long f);

/*
 * Every io_uring_register() call of the library goes through here, so that
 * a ring whose fd is registered (or closed, REGISTERED_FD_ONLY) is
 * addressed by its registered index. Returns the kernel's result or -errno.
 */
int __rz_register(struct io_uring *ring, unsigned int opcode,
		  const void *arg, unsigned int nr_args);

/* io_uring_enter() on this ring's fd or registered index. */
int __rz_enter(struct io_uring *ring, unsigned int to_submit,
	       unsigned int min_complete, unsigned int flags,
	       void *arg, size_t argsz);

/* Map the rings of fd as described by p into sq and cq. */
int __rz_mmap_rings(int fd, struct io_uring_params *p,
		    struct io_uring_sq *sq, struct io_uring_cq *cq);
void __rz_unmap_rings(struct io_uring *ring);

/*
 * Parsers behind ringzero_sysinfo_read(), apart so the fuzzer can reach
 * them. __rz_parse_long: a decimal sysctl value ("2\n"), 0 or -EINVAL /
 * -ERANGE. __rz_parse_status: Seccomp, CAP_SYS_ADMIN and CAP_IPC_LOCK out
 * of /proc/self/status text of len bytes (-1 each when absent or
 * malformed).
 */
int __rz_parse_long(const char *text, size_t len, long long *out);
void __rz_parse_status(const char *text, size_t len, int *seccomp,
		       int *cap_sys_admin, int *cap_ipc_lock);

#endif /* RINGZERO_INTERNAL_H */
