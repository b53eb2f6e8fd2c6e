// SPDX-License-Identifier: MIT
/*
 * A program written for liburing 2.15 that relies on the system headers
 * liburing.h brings: it includes <ringzero.h> and nothing else, and is
 * built as C and as C++ by test/header-includes.sh. Each line names the
 * header liburing.h (or its kernel header) pulls the name in from.
 */
#include <ringzero.h>

/* <inttypes.h> */
static const char fmt[] = "%" PRIu64 " %" PRId32 " %" PRIx64;
/* <linux/fs.h>, through the kernel io_uring header */
static const unsigned long blk_ioctl = BLKGETSIZE64;
static const int rwf = RWF_NOWAIT | RWF_HIPRI;
/* <linux/filter.h>: classic BPF programs for io_uring_register_bpf_filter */
static const struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, 1);

int main(void)
{
	/* <linux/limits.h>, through <linux/fs.h> */
	char path[PATH_MAX];
	/* <time.h> */
	struct timespec now;
	/* <sys/stat.h>, <fcntl.h> */
	struct stat st;
	int flags = O_RDONLY | O_DIRECT | O_CLOEXEC;
	/* <sched.h> with _GNU_SOURCE, <signal.h> */
	cpu_set_t cpus;
	sigset_t mask;
	/* <sys/wait.h>: waitid()'s arguments for io_uring_prep_waitid */
	idtype_t which = P_PID;
	siginfo_t info;
	/* <sys/socket.h>, <sys/uio.h>, <string.h>, <stdbool.h>, <errno.h> */
	struct msghdr msg;
	struct iovec iov = { path, sizeof(path) };
	bool ok;
	/* <linux/swab.h>: what __io_uring_prep_poll_mask swaps with */
	__u32 swapped = __swahw32(0x00010002U);
	/* A const timespec for the timeout preps, as liburing 2.15 takes. */
	static const struct __kernel_timespec ts = { 1, 0 };
	struct io_uring_sqe sqe;

	CPU_ZERO(&cpus);
	sigemptyset(&mask);
	memset(&msg, 0, sizeof(msg));
	memset(&info, 0, sizeof(info));
	msg.msg_iov = &iov;
	io_uring_prep_timeout(&sqe, &ts, 0, 0);
	io_uring_prep_link_timeout(&sqe, &ts, 0);
	io_uring_prep_timeout_update(&sqe, &ts, 1, 0);
	io_uring_prep_waitid(&sqe, which, 0, &info, WEXITED, 0);
	ok = clock_gettime(CLOCK_MONOTONIC, &now) == 0 && errno >= 0 &&
	     stat("/", &st) == 0 && sizeof(fmt) > 1 && blk_ioctl && rwf &&
	     allow.k == 1 && flags && swapped == 0x00020001U &&
	     !CPU_ISSET(0, &cpus) && strlen("x") == 1 &&
	     sqe.opcode == IORING_OP_WAITID;
	return ok ? 0 : 1;
}
