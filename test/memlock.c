// SPDX-License-Identifier: MIT
/*
 * Description: what RLIMIT_MEMLOCK limits, for a process without
 * CAP_IPC_LOCK. Registered buffers are pinned and charged to the user's
 * locked memory on every kernel: under a 64 KiB limit 16 KiB registers and
 * 1 MiB is -ENOMEM. The rings are charged too before 5.12 and again since
 * 6.14 (their memory became "regions"): under a limit of 0, setup is
 * -ENOMEM and io_uring_diagnose() names RLIMIT_MEMLOCK, not the memory
 * cgroup; from 5.12 to 6.13 setup works. With CAP_IPC_LOCK nothing is
 * charged: the same 1 MiB registers. Needs root to drop to uid 65534
 * (which loses CAP_IPC_LOCK) in child processes; skips otherwise.
 */
#include <grp.h>
#include <sys/resource.h>

#include "capture.h"

static void set_memlock(rlim_t bytes)
{
	struct rlimit rl = { .rlim_cur = bytes, .rlim_max = bytes };

	if (setrlimit(RLIMIT_MEMLOCK, &rl))
		FAIL("setrlimit(RLIMIT_MEMLOCK, %lu): %s", (unsigned long)bytes,
		     strerror(errno));
}

/* Become uid/gid 65534: no capabilities left, CAP_IPC_LOCK included. */
static void drop_root(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		FAIL("dropping to uid 65534: %s", strerror(errno));
}

/* Register a page-aligned buffer of len bytes on a fresh ring. */
static int register_buffer(size_t len)
{
	struct io_uring ring;
	struct iovec iov;
	void *buf = NULL;
	int ret;

	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	CHECK_OK(posix_memalign(&buf, 4096, len));
	memset(buf, 0, len);
	iov.iov_base = buf;
	iov.iov_len = len;
	ret = io_uring_register_buffers(&ring, &iov, 1);
	io_uring_queue_exit(&ring);
	free(buf);
	return ret;
}

static void unprivileged_buffers(int unused)
{
	(void)unused;
	set_memlock(64 * 1024);
	drop_root();
	CHECK_EQ(register_buffer(16 * 1024), 0);
	CHECK_EQ(register_buffer(1024 * 1024), -ENOMEM);
}

static void unprivileged_rings(int unused)
{
	struct io_uring ring;
	char text[2048];
	int ret;

	(void)unused;
	set_memlock(0);
	drop_root();
	ret = io_uring_queue_init(4, &ring, 0);
	if (t_kernel_before(5, 12) || !t_kernel_before(6, 14)) {
		CHECK_EQ(ret, -ENOMEM);
		CHECK(io_uring_diagnose(ret, 4, NULL, text, sizeof(text)) > 0);
		t_expect_text(text, "io_uring_diagnose",
			      "cause: without CAP_IPC_LOCK, ring memory counts "
			      "against RLIMIT_MEMLOCK");
	} else {
		CHECK_EQ(ret, 0);
		io_uring_queue_exit(&ring);
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	if (geteuid())
		t_skip("needs root to drop to uid 65534 (running as uid %u)",
		       (unsigned)geteuid());
	t_in_child(unprivileged_buffers, 0, "buffers under a 64 KiB memlock");
	t_in_child(unprivileged_rings, 0, "rings under a memlock of 0");
	/* Root has CAP_IPC_LOCK: nothing is charged. */
	set_memlock(64 * 1024);
	CHECK_EQ(register_buffer(1024 * 1024), 0);
	printf("memlock: buffers charged always, rings %s, CAP_IPC_LOCK "
	       "never\n", t_kernel_before(5, 12) || !t_kernel_before(6, 14) ?
	       "charged on this kernel" : "not charged on this kernel");
	return T_EXIT_PASS;
}
