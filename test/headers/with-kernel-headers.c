// SPDX-License-Identifier: MIT
/*
 * A liburing program that includes the kernel's own headers after the
 * library's, as liburing allows (its copies share the kernel's include
 * guards): <linux/io_uring.h> adds nothing twice, and <sys/syscall.h>
 * redefines __NR_io_uring_* to the same values. Built by
 * test/header-includes.sh as C and C++.
 */
#include <ringzero.h>
#include <linux/io_uring.h>
#include <sys/syscall.h>

int main(void)
{
	struct io_uring_sqe sqe;

	memset(&sqe, 0, sizeof(sqe));
	/* ringzero's definitions, with the 6.18 and later names. */
	sqe.opcode = IORING_OP_PIPE;
	return (sizeof(sqe) == 64 && __NR_io_uring_setup == SYS_io_uring_setup &&
		sqe.opcode == 62 && IORING_SETUP_SQ_REWIND) ? 0 : 1;
}
