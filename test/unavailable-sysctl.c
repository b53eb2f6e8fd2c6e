// SPDX-License-Identifier: MIT
/*
 * Description: io_uring switched off by kernel.io_uring_disabled (6.6).
 * At 2, setup fails with -EPERM for everyone, io_uring_diagnose(),
 * `ringzero probe` and `ringzero zero` name the sysctl and the remedy; at 1, root still gets a
 * ring, a process without CAP_SYS_ADMIN (outside io_uring_group) does not
 * and is told about the group. The sysctl's old value is put back however
 * the test ends (checks run in children; atexit and signal handlers cover
 * the parent). Needs root to write the sysctl: skips otherwise, saying so.
 *
 * While the sysctl is set, io_uring_setup fails machine-wide, for every
 * other job on the machine too. So the test runs only where that harms no
 * one: inside the VM guest (vm/init exports RZ_IN_VM=1), or where the
 * caller allows it with RZ_ALLOW_SYSCTL=1; elsewhere it skips, saying how
 * to allow it. Even then the window is kept to the few checks below.
 */
#include <signal.h>
#include <linux/capability.h>
#include <sys/syscall.h>

#include "capture.h"

#define SYSCTL	"/proc/sys/kernel/io_uring_disabled"

static char orig[16];		/* the value to put back */
static volatile sig_atomic_t armed;	/* orig needs putting back */

static int write_sysctl(const char *value)
{
	int fd = open(SYSCTL, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	if (n < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	close(fd);
	return 0;
}

/* Put the old value back. Async-signal-safe: open/write/close only. */
static void restore(void)
{
	if (armed && !write_sysctl(orig))
		armed = 0;
}

static void restore_on_signal(int sig)
{
	restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void set_sysctl(const char *value)
{
	int ret;

	armed = 1;
	ret = write_sysctl(value);

	if (ret)
		FAIL("writing %s to %s: %s", value, SYSCTL, strerror(-ret));
}

/* Drop CAP_SYS_ADMIN from this process's effective set. */
static void drop_sys_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		FAIL("capget: %s", strerror(errno));
	data[CAP_SYS_ADMIN / 32].effective &= ~(1U << (CAP_SYS_ADMIN % 32));
	if (syscall(SYS_capset, &hdr, data))
		FAIL("capset: %s", strerror(errno));
}

/* kernel.io_uring_disabled=2: refused for all, sysctl named. */
static void check_disabled(void)
{
	char *text_argv[] = { t_cli(), "probe", NULL };
	char *json_argv[] = { t_cli(), "probe", "--json", NULL };
	char path[256];
	char *zero_argv[] = { t_cli(), "zero", "--length", "1", path, NULL };
	struct ringzero_diagnosis d;
	struct ringzero_sysinfo si;
	static struct t_run r;
	struct io_uring ring;
	char text[4096];

	close(t_tmpfile(path, "1234", 4));
	CHECK_EQ(io_uring_queue_init(4, &ring, 0), -EPERM);
	CHECK_OK(ringzero_sysinfo_read(&si));
	CHECK_EQ(si.io_uring_disabled, 2);
	ringzero_diagnose(-EPERM, 4, NULL, &si, &d);
	CHECK_EQ(d.causes[0].cause, RINGZERO_CAUSE_SYSCTL_DISABLED);
	CHECK(io_uring_diagnose(-EPERM, 4, NULL, text, sizeof(text)) > 0);
	t_expect_text(text, "io_uring_diagnose",
		      "cause: kernel.io_uring_disabled is 2");
	t_expect_text(text, "io_uring_diagnose",
		      "sysctl -w kernel.io_uring_disabled=0");

	t_run_capture(text_argv, &r);
	t_expect_exit(&r, "ringzero probe", 1);
	t_expect_text(r.out, "probe's report", "kernel.io_uring_disabled=2");
	t_expect_text(r.out, "probe's report", "(EPERM)");
	t_expect_text(r.out, "probe's report",
		      "cause: kernel.io_uring_disabled is 2");
	t_expect_text(r.err, "probe's error", "io_uring_disabled is 2");

	t_run_capture(zero_argv, &r);
	t_expect_exit(&r, "ringzero zero", 1);
	t_expect_text(r.err, "zero's error", "cause: io_uring is refused: "
		      "kernel.io_uring_disabled is 2");
	if (strstr(r.err, "immutable") || strstr(r.err, "read-only"))
		FAIL("zero blames the file: %s", r.err);

	t_run_capture(json_argv, &r);
	t_expect_exit(&r, "ringzero probe --json", 1);
	t_expect_text(r.out, "probe --json", "\"io_uring_disabled\": 2");
	t_expect_text(r.out, "probe --json", "{\"cause\": \"sysctl_disabled\"");
	unlink(path);
}

/* kernel.io_uring_disabled=1: root passes, the unprivileged do not. */
static void check_group_only(int privileged)
{
	struct ringzero_sysinfo si;
	struct io_uring ring;
	char text[4096];

	armed = 0;	/* a child: the parent restores, not us */
	int ret;

	if (!privileged)
		drop_sys_admin();
	CHECK_OK(ringzero_sysinfo_read(&si));
	CHECK_EQ(si.io_uring_disabled, 1);
	CHECK_EQ(si.cap_sys_admin, privileged);
	ret = io_uring_queue_init(4, &ring, 0);
	if (privileged || si.in_io_uring_group) {
		CHECK_EQ(ret, 0);
		io_uring_queue_exit(&ring);
		return;
	}
	CHECK_EQ(ret, -EPERM);
	CHECK(io_uring_diagnose(ret, 4, NULL, text, sizeof(text)) > 0);
	t_expect_text(text, "io_uring_diagnose",
		      "cause: kernel.io_uring_disabled is 1");
	t_expect_text(text, "io_uring_diagnose", "io_uring_group");
}

/* Whether the environment variable name is set to "1". */
static bool env_is_one(const char *name)
{
	const char *v = getenv(name);

	return v && !strcmp(v, "1");
}

static void run_disabled(int unused)
{
	(void)unused;
	armed = 0;	/* a child: the parent restores, not us */
	check_disabled();
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = restore_on_signal };
	char now[16];
	int fd;
	ssize_t n;

	(void)argc;
	t_init(argv[0]);
	t_cli();
	fd = open(SYSCTL, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		t_skip("kernel lacks kernel.io_uring_disabled (Linux 6.6)");
	if (fd < 0)
		FAIL("%s: %s", SYSCTL, strerror(errno));
	n = read(fd, orig, sizeof(orig) - 1);
	close(fd);
	if (n <= 0)
		FAIL("reading %s: %s", SYSCTL, n ? strerror(errno) : "empty");
	orig[n] = '\0';
	if (!env_is_one("RZ_IN_VM") && !env_is_one("RZ_ALLOW_SYSCTL"))
		t_skip("not run outside the VM guest: writing %s would switch "
		       "io_uring off for every process on this machine; "
		       "RZ_ALLOW_SYSCTL=1 allows it (make vm-check runs it in "
		       "the guest)", SYSCTL);
	if (geteuid())
		t_skip("needs root to write %s (running as uid %u)", SYSCTL,
		       (unsigned)geteuid());
	if (access(SYSCTL, W_OK))
		t_skip("%s is read-only here (%s): a container's /proc/sys",
		       SYSCTL, strerror(errno));

	atexit(restore);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	set_sysctl("2");
	t_in_child(run_disabled, 0, "kernel.io_uring_disabled=2");
	restore();
	printf("io_uring_disabled=2: library and CLI name the sysctl\n");

	set_sysctl("1");
	t_in_child(check_group_only, 1, "io_uring_disabled=1, root");
	t_in_child(check_group_only, 0, "io_uring_disabled=1, no CAP_SYS_ADMIN");
	restore();
	printf("io_uring_disabled=1: root passes, the unprivileged are told "
	       "about the group\n");

	/* Back as it was, and io_uring works again. */
	fd = open(SYSCTL, O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0);
	n = read(fd, now, sizeof(now) - 1);
	close(fd);
	CHECK(n > 0);
	now[n] = '\0';
	if (strcmp(now, orig))
		FAIL("%s is %s after the test, was %s", SYSCTL, now, orig);
	{
		struct io_uring ring;

		CHECK_EQ(io_uring_queue_init(4, &ring, 0), 0);
		io_uring_queue_exit(&ring);
	}
	return T_EXIT_PASS;
}
