/* SPDX-License-Identifier: MIT */
/*
 * seccomp.h - for tests that put io_uring's system calls behind a seccomp
 * filter: one helper builds the filter and installs it.
 */
#ifndef RINGZERO_TEST_SECCOMP_H
#define RINGZERO_TEST_SECCOMP_H

#include <stddef.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "helpers.h"

#if defined(__x86_64__)
#define AUDIT_ARCH_HERE	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define AUDIT_ARCH_HERE	AUDIT_ARCH_AARCH64
#endif

#define T_SECCOMP_MAX_NRS	8

/*
 * Filter the calling thread (and the threads it creates afterwards): each
 * system call in nrs[0..n) gets action (SECCOMP_RET_*), every other one
 * runs. filter_flags are seccomp(2)'s SECCOMP_FILTER_FLAG_*. Returns what
 * seccomp() returns (0, or a listener fd with
 * SECCOMP_FILTER_FLAG_NEW_LISTENER), or -1 with errno set.
 */
static inline long t_seccomp_filter(const unsigned *nrs, unsigned n,
				    __u32 action, unsigned filter_flags)
{
	struct sock_filter code[T_SECCOMP_MAX_NRS + 6];
	struct sock_fprog prog = { .filter = code };
	unsigned i, len = 0;

	CHECK(n >= 1 && n <= T_SECCOMP_MAX_NRS);
#ifdef AUDIT_ARCH_HERE
	/* Another ABI's numbers mean other syscalls: let them run. */
	code[len++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, arch));
	code[len++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			AUDIT_ARCH_HERE, 1, 0);
	code[len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW);
#endif
	code[len++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, nr));
	/* A match jumps over the later tests and the ALLOW, to action. */
	for (i = 0; i < n; i++)
		code[len++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
				BPF_K, nrs[i], (__u8)(n - i), 0);
	code[len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW);
	code[len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, action);
	prog.len = (unsigned short)len;

	/* Unprivileged filters need no_new_privs; as root it costs nothing. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		FAIL("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, filter_flags,
		       &prog);
}

#endif /* RINGZERO_TEST_SECCOMP_H */
