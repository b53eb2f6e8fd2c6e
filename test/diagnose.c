// SPDX-License-Identifier: MIT
/*
 * Description: ringzero_diagnose() names the right cause, most likely
 * first, for each way io_uring_setup() fails (-EPERM by sysctl, group,
 * seccomp or policy; -ENOSYS by seccomp, old kernel or no io_uring;
 * -ENOMEM by RLIMIT_MEMLOCK (before 5.12 and since 6.14, without
 * CAP_IPC_LOCK) or memory; -EINVAL by entries, too-new,
 * unknown, companion-less or conflicting flags), on made-up systems; its
 * text says error, cause and remedy; and on this machine a real -EINVAL
 * from the kernel is explained by the flag that caused it.
 */
#include <limits.h>

#include "helpers.h"

/* A healthy 6.18 system; each case changes what it needs. */
static struct ringzero_sysinfo healthy(void)
{
	struct ringzero_sysinfo si = {
		.release = "6.18.0",
		.kernel_version = RINGZERO_KVER(6, 18),
		.io_uring_disabled = 0,
		.io_uring_group = -1,
		.cap_sys_admin = 0,
		.seccomp = 0,
		.memlock_cur = 8 << 20,
		.memlock_max = 8 << 20,
	};
	return si;
}

static struct ringzero_diagnosis d;

static void diagnose(int err, unsigned entries, unsigned flags,
		     const struct ringzero_sysinfo *si)
{
	struct io_uring_params p = { .flags = flags };

	CHECK(ringzero_diagnose(err, entries, &p, si, &d) >= 1);
	CHECK(d.nr >= 1 && d.nr <= RINGZERO_DIAG_MAX_CAUSES);
	CHECK_EQ(d.err, err);
}

/* Cause number i is cause, and its text mentions needle. */
static void expect(unsigned i, int cause, const char *needle)
{
	if (i >= d.nr)
		FAIL("expected cause %u (%s), only %u found", i,
		     ringzero_cause_name(cause), d.nr);
	if (d.causes[i].cause != cause)
		FAIL("cause %u is %s (\"%s\"), expected %s", i,
		     ringzero_cause_name(d.causes[i].cause), d.causes[i].what,
		     ringzero_cause_name(cause));
	if (needle && !strstr(d.causes[i].what, needle))
		FAIL("cause %u says \"%s\", which lacks \"%s\"", i,
		     d.causes[i].what, needle);
	CHECK(d.causes[i].remedy[0]);
}

static void check_eperm(void)
{
	struct ringzero_sysinfo si = healthy();

	si.io_uring_disabled = 2;
	diagnose(-EPERM, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_SYSCTL_DISABLED, "io_uring_disabled is 2");
	CHECK_EQ(d.nr, 1);

	si.io_uring_disabled = 1;
	diagnose(-EPERM, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_SYSCTL_GROUP, "io_uring_group is -1");
	si.io_uring_group = 4242;
	diagnose(-EPERM, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_SYSCTL_GROUP, "group 4242");
	/* Members of the group, and CAP_SYS_ADMIN, pass the sysctl. */
	si.in_io_uring_group = 1;
	diagnose(-EPERM, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_LSM, NULL);
	si.in_io_uring_group = 0;
	si.cap_sys_admin = 1;
	si.seccomp = 2;
	diagnose(-EPERM, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_SECCOMP, "seccomp");
	CHECK_EQ(d.nr, 1);

	/* Both the sysctl and a filter: the sysctl comes first. */
	si.io_uring_disabled = 2;
	diagnose(-EPERM, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_SYSCTL_DISABLED, NULL);
	expect(1, RINGZERO_CAUSE_SECCOMP, NULL);

	/* SQPOLL unprivileged on 5.10. */
	si = healthy();
	si.kernel_version = RINGZERO_KVER(5, 10);
	diagnose(-EPERM, 8, IORING_SETUP_SQPOLL, &si);
	expect(0, RINGZERO_CAUSE_PARAMS, "SQPOLL");
	si.kernel_version = RINGZERO_KVER(5, 11);
	diagnose(-EPERM, 8, IORING_SETUP_SQPOLL, &si);
	expect(0, RINGZERO_CAUSE_LSM, "security module");
}

static void check_enosys(void)
{
	struct ringzero_sysinfo si = healthy();

	si.seccomp = 2;
	diagnose(-ENOSYS, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_SECCOMP, "seccomp");
	expect(1, RINGZERO_CAUSE_NO_SYSCALL, "CONFIG_IO_URING");

	si = healthy();
	diagnose(-ENOSYS, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_NO_SYSCALL, "CONFIG_IO_URING");
	CHECK_EQ(d.nr, 1);

	si.kernel_version = RINGZERO_KVER(4, 19);
	diagnose(-ENOSYS, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_OLD_KERNEL, "4.19");
	CHECK_EQ(d.nr, 1);
}

static void check_enomem(void)
{
	struct ringzero_sysinfo si = healthy();

	/* 6.18 without CAP_IPC_LOCK: the rings count against the limit. */
	si.memlock_cur = 64 * 1024;
	diagnose(-ENOMEM, 4096, 0, &si);
	expect(0, RINGZERO_CAUSE_MEMLOCK, "64 KiB");
	expect(0, RINGZERO_CAUSE_MEMLOCK, "since 6.14");
	expect(1, RINGZERO_CAUSE_MEMORY, "4096 entries");
	/* CAP_IPC_LOCK (root) is never charged: memory it is. */
	si.cap_ipc_lock = 1;
	diagnose(-ENOMEM, 4096, 0, &si);
	expect(0, RINGZERO_CAUSE_MEMORY, "4096 entries");
	CHECK_EQ(d.nr, 1);
	/* 5.12 to 6.13 charge the memory cgroup only. */
	si.cap_ipc_lock = 0;
	si.kernel_version = RINGZERO_KVER(6, 13);
	diagnose(-ENOMEM, 4096, 0, &si);
	expect(0, RINGZERO_CAUSE_MEMORY, NULL);
	CHECK_EQ(d.nr, 1);
	si.kernel_version = RINGZERO_KVER(6, 14);
	diagnose(-ENOMEM, 4096, 0, &si);
	expect(0, RINGZERO_CAUSE_MEMLOCK, NULL);

	si.kernel_version = RINGZERO_KVER(5, 10);
	diagnose(-ENOMEM, 4096, 0, &si);
	expect(0, RINGZERO_CAUSE_MEMLOCK, "64 KiB");
	expect(1, RINGZERO_CAUSE_MEMORY, NULL);
	/* An unlimited memlock cannot be the cause. */
	si.memlock_cur = ~0ULL;
	diagnose(-ENOMEM, 4096, 0, &si);
	expect(0, RINGZERO_CAUSE_MEMORY, NULL);
}

static void check_einval(void)
{
	struct ringzero_sysinfo si = healthy();
	struct io_uring_params p = { 0 };

	diagnose(-EINVAL, 0, 0, &si);
	expect(0, RINGZERO_CAUSE_ENTRIES, "entries is 0");
	diagnose(-EINVAL, 40000, 0, &si);
	expect(0, RINGZERO_CAUSE_ENTRIES, "40000");
	/* CLAMP makes a large count fine: something else is wrong. */
	diagnose(-EINVAL, 40000, IORING_SETUP_CLAMP, &si);
	expect(0, RINGZERO_CAUSE_UNKNOWN, NULL);

	diagnose(-EINVAL, 8, IORING_SETUP_DEFER_TASKRUN, &si);
	expect(0, RINGZERO_CAUSE_FLAG_NEEDS, "DEFER_TASKRUN needs SINGLE_ISSUER");
	diagnose(-EINVAL, 8, IORING_SETUP_TASKRUN_FLAG, &si);
	expect(0, RINGZERO_CAUSE_FLAG_NEEDS,
	       "needs one of COOP_TASKRUN|DEFER_TASKRUN");
	diagnose(-EINVAL, 8, IORING_SETUP_SQPOLL | IORING_SETUP_COOP_TASKRUN,
		 &si);
	expect(0, RINGZERO_CAUSE_FLAG_CONFLICT,
	       "SQPOLL and IORING_SETUP_COOP_TASKRUN exclude");
	CHECK_EQ(d.nr, 1);
	diagnose(-EINVAL, 8, 1U << 30, &si);
	expect(0, RINGZERO_CAUSE_FLAG_UNKNOWN, "0x40000000");

	si.kernel_version = RINGZERO_KVER(6, 12);
	diagnose(-EINVAL, 8, IORING_SETUP_CQE_MIXED | IORING_SETUP_NO_SQARRAY,
		 &si);
	expect(0, RINGZERO_CAUSE_FLAG_TOO_NEW,
	       "CQE_MIXED needs Linux 6.18; this kernel is 6.12");
	CHECK_EQ(d.nr, 1);

	/* Parameters: CQSIZE without cq_entries, reserved fields. */
	p.flags = IORING_SETUP_CQSIZE;
	ringzero_diagnose(-EINVAL, 8, &p, &si, &d);
	expect(0, RINGZERO_CAUSE_ENTRIES, "cq_entries 0");
	p.cq_entries = 4;
	ringzero_diagnose(-EINVAL, 8, &p, &si, &d);
	expect(0, RINGZERO_CAUSE_ENTRIES, "smaller than entries");
	memset(&p, 0, sizeof(p));
	p.resv[1] = 1;
	ringzero_diagnose(-EINVAL, 8, &p, &si, &d);
	expect(0, RINGZERO_CAUSE_PARAMS, "resv");
	/* Unknown parameters: point at the probe. */
	ringzero_diagnose(-EINVAL, 8, NULL, &si, &d);
	expect(0, RINGZERO_CAUSE_FLAG_UNKNOWN, NULL);
}

static void check_others_and_text(void)
{
	struct ringzero_sysinfo si = healthy();
	char text[2048], small[16];
	int n;

	diagnose(0, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_NONE, "works");
	diagnose(-EMFILE, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_FD_LIMIT, NULL);
	diagnose(-EFAULT, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_FAULT, NULL);
	diagnose(-EXDEV, 8, 0, &si);
	expect(0, RINGZERO_CAUSE_UNKNOWN, NULL);
	/* No errno at all, not even one with a positive twin (fuzz find). */
	CHECK_EQ(ringzero_diagnose(INT_MIN, 8, NULL, &si, &d), 1);
	expect(0, RINGZERO_CAUSE_UNKNOWN, NULL);
	CHECK(ringzero_diagnosis_format(&d, text, sizeof(text)) > 0);
	CHECK(ringzero_errno_name(INT_MIN) == NULL);
	/* errno's sign does not matter. */
	si.io_uring_disabled = 2;
	CHECK_EQ(ringzero_diagnose(EPERM, 8, NULL, &si, &d), 1);
	expect(0, RINGZERO_CAUSE_SYSCTL_DISABLED, NULL);
	CHECK_EQ(d.err, -EPERM);

	n = ringzero_diagnosis_format(&d, text, sizeof(text));
	CHECK_EQ((size_t)n, strlen(text));
	CHECK(strstr(text, "io_uring_setup failed: Operation not permitted "
		      "(EPERM)\n"));
	CHECK(strstr(text, "  cause: kernel.io_uring_disabled is 2"));
	CHECK(strstr(text, "  remedy: as root: sysctl -w "
		      "kernel.io_uring_disabled=0"));
	CHECK_EQ(ringzero_diagnosis_format(&d, small, sizeof(small)), n);
	CHECK_EQ(strlen(small), sizeof(small) - 1);
	CHECK(!strncmp(small, text, sizeof(small) - 1));
	CHECK_EQ(ringzero_diagnosis_format(&d, NULL, 0), n);

	CHECK_EQ(strcmp(ringzero_errno_name(-ENOSYS), "ENOSYS"), 0);
	CHECK(ringzero_errno_name(0) == NULL);
	CHECK(ringzero_cause_name(RINGZERO_CAUSE_NR) == NULL);
}

/* The real thing: a flag the kernel refuses, explained by that flag. */
static void check_real_einval(void)
{
	struct io_uring_params p = { .flags = IORING_SETUP_DEFER_TASKRUN };
	struct ringzero_sysinfo si;
	struct io_uring ring;
	char text[2048];
	int ret;

	CHECK_OK(ringzero_sysinfo_read(&si));
	CHECK(si.release[0]);
	CHECK(si.kernel_version >= RINGZERO_KVER(5, 1));
	CHECK(si.seccomp >= 0 && si.seccomp <= 2);
	CHECK(si.cap_sys_admin == 0 || si.cap_sys_admin == 1);
	CHECK(si.cap_ipc_lock == 0 || si.cap_ipc_lock == 1);

	ret = io_uring_queue_init_params(4, &ring, &p);
	CHECK_EQ(ret, -EINVAL);
	CHECK(io_uring_diagnose(ret, 4, &p, text, sizeof(text)) > 0);
	if (si.kernel_version >= RINGZERO_KVER(6, 1) &&
	    !strstr(text, "DEFER_TASKRUN needs SINGLE_ISSUER"))
		FAIL("diagnosis of DEFER_TASKRUN alone: %s", text);
	if (si.kernel_version < RINGZERO_KVER(6, 1) &&
	    !strstr(text, "DEFER_TASKRUN needs Linux 6.1"))
		FAIL("diagnosis of DEFER_TASKRUN on an old kernel: %s", text);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	check_eperm();
	check_enosys();
	check_enomem();
	check_einval();
	check_others_and_text();
	check_real_einval();
	return T_EXIT_PASS;
}
