// SPDX-License-Identifier: MIT
/*
 * no-io-uring.c - run a command in a process where io_uring is refused,
 * the way a container runtime's seccomp profile refuses it (tour,
 * chapter 6).
 *
 * Usage: no-io-uring [-e EPERM|ENOSYS] COMMAND [ARG...]
 *
 * Installs a seccomp filter in which io_uring_setup(2), io_uring_enter(2)
 * and io_uring_register(2) fail with the errno given (EPERM by default,
 * which is what Docker's default profile answers; ENOSYS is what a filter
 * that hides the calls answers), then executes COMMAND, which inherits the
 * filter, as do its children. Every other system call is allowed. The
 * filter checks the architecture of each call and refuses (EPERM) any
 * call not made in this program's own architecture, or made through
 * x86-64's x32 numbers, so another entry into the kernel cannot get
 * around it.
 *
 * This is a demonstration of what programs see, not a sandbox: a real
 * profile refuses much more. Setting a filter needs no privilege once the
 * process has given up gaining any (PR_SET_NO_NEW_PRIVS, so setuid
 * programs run by COMMAND no longer gain privileges).
 *
 * Exit status: COMMAND's, or 127 when it cannot be found, 126 when it
 * cannot be run, 2 for bad usage, 1 when the filter cannot be installed.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

/* The AUDIT_ARCH_* value seccomp reports for calls of this build. */
#if defined(__x86_64__) && !defined(__ILP32__)
#define NATIVE_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH	AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define NATIVE_ARCH	AUDIT_ARCH_I386
#elif defined(__riscv) && __riscv_xlen == 64
#define NATIVE_ARCH	AUDIT_ARCH_RISCV64
#else
#error "no-io-uring: add this architecture's AUDIT_ARCH_ value"
#endif

/* The errnos the filter may answer, by name. */
static const struct {
	const char *name;
	unsigned err;
} answers[] = {
	{ "EPERM", EPERM },
	{ "ENOSYS", ENOSYS },
};

// @tour-begin filter
/* Refuse the three io_uring calls with err; 0 or -errno. */
static int refuse_io_uring(unsigned err)
{
	struct sock_filter insns[] = {
		/* A call from another architecture numbers its calls apart. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		/* x86-64's x32 calls: the same numbers with bit 30 set. */
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		/* The three numbers are consecutive: setup, enter, register. */
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, __NR_io_uring_setup, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, __NR_io_uring_register,
			 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | err),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(insns) / sizeof(insns[0]),
		.filter = insns,
	};

	_Static_assert(__NR_io_uring_enter == __NR_io_uring_setup + 1 &&
		       __NR_io_uring_register == __NR_io_uring_setup + 2,
		       "the io_uring calls are not consecutive here");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0)
		return -errno;
	return 0;
}
// @tour-end filter

static int usage(void)
{
	fprintf(stderr, "Usage: no-io-uring [-e EPERM|ENOSYS] COMMAND "
		"[ARG...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned err = EPERM;
	int first = 1, ret;
	size_t i;

	if (argc > 2 && !strcmp(argv[1], "-e")) {
		for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
			if (!strcmp(argv[2], answers[i].name))
				break;
		if (i == sizeof(answers) / sizeof(answers[0])) {
			fprintf(stderr, "no-io-uring: -e %s: not one of EPERM, "
				"ENOSYS\n", argv[2]);
			return usage();
		}
		err = answers[i].err;
		first = 3;
	}
	if (first >= argc || argv[first][0] == '-')
		return usage();
	ret = refuse_io_uring(err);
	if (ret < 0) {
		fprintf(stderr, "no-io-uring: cannot install the seccomp "
			"filter: %s\n", strerror(-ret));
		return 1;
	}
	execvp(argv[first], argv + first);
	ret = errno;
	fprintf(stderr, "no-io-uring: %s: %s\n", argv[first], strerror(ret));
	return ret == ENOENT ? 127 : 126;
}
