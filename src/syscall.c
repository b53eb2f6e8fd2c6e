// SPDX-License-Identifier: MIT
/*
 * syscall.c - the three io_uring system calls, raw.
 *
 * On x86-64 and arm64 the calls are issued with inline assembly: the result
 * comes back as -errno and errno is left alone, and the submit path does not
 * pay for libc's errno bookkeeping. Other architectures use syscall(2) and
 * translate errno back to -errno.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "internal.h"

#if defined(__x86_64__)
long __rz_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	/* The kernel clobbers rcx (return address) and r11 (flags). */
	__asm__ volatile ("syscall"
			  : "=a"(ret)
			  : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10),
			    "r"(r8), "r"(r9)
			  : "rcx", "r11", "memory");
	return ret;
}
#elif defined(__aarch64__)
long __rz_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ volatile ("svc 0"
			  : "+r"(x0)
			  : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
			    "r"(x5)
			  : "memory");
	return x0;
}
#else
long __rz_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	long ret = syscall(nr, a, b, c, d, e, f);

	return ret < 0 ? -errno : ret;
}
#endif

int io_uring_setup(unsigned int entries, struct io_uring_params *p)
{
	return (int)__rz_syscall6(__NR_io_uring_setup, entries, (long)p,
				  0, 0, 0, 0);
}

int io_uring_enter2(unsigned int fd, unsigned int to_submit,
		    unsigned int min_complete, unsigned int flags,
		    void *arg, size_t sz)
{
	return (int)__rz_syscall6(__NR_io_uring_enter, fd, to_submit,
				  min_complete, flags, (long)arg, (long)sz);
}

int io_uring_enter(unsigned int fd, unsigned int to_submit,
		   unsigned int min_complete, unsigned int flags,
		   sigset_t *sig)
{
	/* Without EXT_ARG the last argument is the sigmask and its size. */
	return io_uring_enter2(fd, to_submit, min_complete, flags, sig,
			       _NSIG / 8);
}

int io_uring_register(unsigned int fd, unsigned int opcode, const void *arg,
		      unsigned int nr_args)
{
	return (int)__rz_syscall6(__NR_io_uring_register, fd, opcode,
				  (long)arg, nr_args, 0, 0);
}
