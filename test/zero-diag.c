// SPDX-License-Identifier: MIT
/*
 * Description: `ringzero zero`'s diagnosis rules (tools/zero_diag.c) tell
 * apart the causes one errno can have, on made-up systems: EPERM from an
 * immutable or append-only file, a read-only device or io_uring refused
 * (the library's causes, sysctl first); ENOSPC past a device's end versus
 * a full filesystem; EFBIG from RLIMIT_FSIZE versus s_maxbytes; EINVAL
 * from a device range not in whole blocks; ENOMEM from RLIMIT_MEMLOCK on
 * 6.18 without CAP_IPC_LOCK. Then, on this machine, the facts of a real
 * file: its size, the filesystem's largest offset, RLIMIT_FSIZE.
 */
#include <limits.h>
#include <sys/resource.h>
#include <linux/fs.h>

#include "helpers.h"
#include "zero_diag.h"

static struct zero_diagnosis d;

/* A writable 4 KiB file on a roomy filesystem, io_uring working. */
static struct zero_facts plain_file(void)
{
	struct zero_facts f = {
		.size = 4096,
		.dev_ro = -1,
		.attrs = 0,
		.fs_known = true,
		.fs_avail = 1ULL << 30,
		.fs_total = 2ULL << 30,
		.fsize_limit = UINT64_MAX,
		.max_bytes = (1ULL << 44) - 4096,
		.si = {
			.kernel_version = RINGZERO_KVER(6, 18),
			.io_uring_disabled = 0,
			.io_uring_group = -1,
			.cap_sys_admin = 1,
			.cap_ipc_lock = 1,
			.memlock_cur = ~0ULL,
			.memlock_max = ~0ULL,
		},
	};
	return f;
}

/* A 1 MiB device with 512-byte blocks. */
static struct zero_facts device(void)
{
	struct zero_facts f = plain_file();

	f.is_blk = true;
	f.size = 1 << 20;
	f.block_size = 512;
	f.dev_ro = 0;
	f.attrs = -1;
	f.max_bytes = f.size;
	return f;
}

static struct zero_request request(int fd, uint64_t off, uint64_t len)
{
	struct zero_request r = {
		.path = "target", .fd = fd, .offset = off, .length = len,
	};
	return r;
}

/* Diagnose; cause i must exist and mention needle. */
static void expect(const struct zero_request *r, int err,
		   const struct zero_facts *f, unsigned i, const char *needle)
{
	zero_diagnose(r, err, f, &d);
	if (i >= d.nr)
		FAIL("%s: expected cause %u with \"%s\", found %u",
		     strerror(err < 0 ? -err : err), i, needle, d.nr);
	if (!strstr(d.causes[i].what, needle))
		FAIL("%s: cause %u says \"%s\", which lacks \"%s\"",
		     strerror(err < 0 ? -err : err), i, d.causes[i].what,
		     needle);
	CHECK(d.causes[i].remedy[0]);
}

/* No cause may mention needle. */
static void expect_none(const char *needle)
{
	unsigned i;

	for (i = 0; i < d.nr; i++)
		if (strstr(d.causes[i].what, needle))
			FAIL("cause %u mentions \"%s\": %s", i, needle,
			     d.causes[i].what);
}

static void check_eperm(void)
{
	struct zero_request opening = request(-1, 0, 1);
	struct zero_request open_file = request(3, 0, 1);
	struct zero_facts f = plain_file();

	f.attrs = FS_IMMUTABLE_FL;
	expect(&opening, EPERM, &f, 0, "immutable");
	f.attrs = FS_APPEND_FL;
	expect(&opening, -EPERM, &f, 0, "append-only");
	expect_none("immutable");

	/* io_uring off by the sysctl: the library's cause, not the file. */
	f = plain_file();
	f.uring_err = -EPERM;
	f.si.io_uring_disabled = 2;
	expect(&open_file, -EPERM, &f, 0, "io_uring is refused: "
	       "kernel.io_uring_disabled is 2");
	expect_none("read-only");
	expect_none("immutable");
	/* ... which cannot make open(2) fail. */
	zero_diagnose(&opening, -EPERM, &f, &d);
	CHECK_EQ(d.nr, 1);
	expect_none("io_uring is refused");

	/* A read-only device, io_uring working. */
	f = device();
	f.dev_ro = 1;
	expect(&open_file, -EPERM, &f, 0, "block device is read-only");
	expect_none("io_uring is refused");
	CHECK_EQ(d.nr, 1);

	/* Nothing found: the security module, never silence. */
	f = plain_file();
	expect(&open_file, -EPERM, &f, 0, "security module");
}

static void check_enospc(void)
{
	struct zero_request r = request(3, (1 << 20) - 512, 4096);
	struct zero_facts f = device();

	expect(&r, -ENOSPC, &f, 0, "past the end of the device, which holds "
	       "1048576 bytes");
	CHECK(strstr(d.causes[0].remedy, "--length 512"));
	expect_none("full");

	f = plain_file();
	f.fs_avail = 0;
	f.fs_total = 65536;
	r = request(3, 0, 1 << 20);
	expect(&r, -ENOSPC, &f, 0, "is full: 0 bytes free");
	expect(&r, -ENOSPC, &f, 0, "of 65536");
	expect_none("device");

	/* Far from full, but the range is larger than the room left. */
	f.fs_avail = 1 << 20;
	f.fs_total = 1 << 30;
	r = request(3, 0, 100 << 20);
	expect(&r, -ENOSPC, &f, 0, "the range needs more room than the "
	       "filesystem has: zeroing it allocates up to 104857600 bytes, "
	       "and 1048576 bytes are free");
	expect_none("is full");
}

/* ETXTBSY: a running program or a swap file. */
static void check_txtbsy(void)
{
	struct zero_request r = request(-1, 0, 1);
	struct zero_facts f = plain_file();

	expect(&r, -ETXTBSY, &f, 0, "a program that is running, or an "
	       "active swap file");
	CHECK(strstr(d.causes[0].remedy, "fuser"));
}

/* EAGAIN from the open (O_NONBLOCK): a lease, named as such. */
static void check_lease(void)
{
	struct zero_request r = request(-1, 0, 1);
	struct zero_facts f = plain_file();

	expect(&r, -EAGAIN, &f, 0, "holds a lease on the file");
	CHECK(strstr(d.causes[0].remedy, "/proc/locks"));
	/* Once the file is open, EAGAIN is not about a lease. */
	r = request(3, 0, 1);
	zero_diagnose(&r, -EAGAIN, &f, &d);
	expect_none("lease");
}

static void check_efbig(void)
{
	struct zero_request r = request(3, 0, 4096);
	struct zero_facts f = plain_file();

	f.fsize_limit = 1024;
	expect(&r, -EFBIG, &f, 0, "RLIMIT_FSIZE");
	expect(&r, -EFBIG, &f, 0, "up to 1024 bytes");
	expect_none("s_maxbytes");

	f = plain_file();
	r = request(3, 17ULL << 40, 1);
	expect(&r, -EFBIG, &f, 0, "s_maxbytes");
	expect(&r, -EFBIG, &f, 0, "17592186040320 bytes");
	expect_none("RLIMIT_FSIZE");

	/* Neither: still a cause, and not a made-up one. */
	r = request(3, 0, 1);
	expect(&r, -EFBIG, &f, 0, "limit on the file's size");
	CHECK_EQ(d.nr, 1);
}

static void check_device_range(void)
{
	struct zero_facts f = device();
	struct zero_request r = request(3, 1, 512);
	struct zero_cause c;

	/* FALLOCATE and ZERO need whole blocks; writes do not. */
	CHECK(zero_range_problem(&r, &f, true, &c));
	CHECK(strstr(c.what, "512-byte blocks"));
	CHECK(strstr(c.remedy, "--method write"));
	CHECK(!zero_range_problem(&r, &f, false, &c));
	expect(&r, -EINVAL, &f, 0, "512-byte blocks");

	r = request(3, 1 << 20, 512);
	CHECK(zero_range_problem(&r, &f, false, &c));
	CHECK(strstr(c.what, "at or past the end"));
	r = request(3, 512 * 1024, 1 << 20);
	CHECK(zero_range_problem(&r, &f, false, &c));
	CHECK(strstr(c.what, "ends at byte 1572864"));
	/* --keep-size: the kernel stops at the (block-aligned) end. */
	r.keep_size = true;
	CHECK(!zero_range_problem(&r, &f, true, &c));

	/* A regular file has no such limits. */
	f = plain_file();
	r = request(3, 1, 1ULL << 40);
	CHECK(!zero_range_problem(&r, &f, true, &c));
}

static void check_enomem(void)
{
	struct zero_request r = request(3, 0, 1);
	struct zero_facts f = plain_file();

	/* 6.18, no CAP_IPC_LOCK, ulimit -l 0: the rings need locked memory. */
	f.uring_err = -ENOMEM;
	f.si.cap_ipc_lock = 0;
	f.si.cap_sys_admin = 0;
	f.si.memlock_cur = 0;
	expect(&r, -ENOMEM, &f, 0, "RLIMIT_MEMLOCK");
	expect(&r, -ENOMEM, &f, 0, "since 6.14");

	/* io_uring works now: the operation itself ran out. */
	f = plain_file();
	expect(&r, -ENOMEM, &f, 0, "out of memory");
	expect_none("RLIMIT_MEMLOCK");
}

/* The facts of a real file in $TMPDIR. */
static void check_real_facts(void)
{
	struct zero_request r;
	struct zero_facts f;
	struct rlimit rl;
	char path[256];
	int fd = t_tmpfile(path, NULL, 1000);

	r = request(fd, 0, 1);
	r.path = path;
	zero_facts_read(&r, &f);
	CHECK(!f.is_blk);
	CHECK_EQ(f.size, 1000);
	CHECK(f.fs_known && f.fs_total > 0);
	/* Every filesystem takes files of 2 GiB and seeks within them. */
	CHECK(f.max_bytes >= (1ULL << 31));
	CHECK(f.max_bytes <= (uint64_t)INT64_MAX);
	CHECK_OK(getrlimit(RLIMIT_FSIZE, &rl));
	CHECK(rl.rlim_cur == RLIM_INFINITY ? f.fsize_limit == UINT64_MAX :
	      f.fsize_limit == rl.rlim_cur);
	CHECK(f.si.kernel_version >= RINGZERO_KVER(5, 1));

	/* Opening failed: the facts come from the path. */
	r.fd = -1;
	zero_facts_read(&r, &f);
	CHECK_EQ(f.size, 1000);
	CHECK(f.max_bytes >= (1ULL << 31));
	close(fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	check_eperm();
	check_enospc();
	check_efbig();
	check_lease();
	check_txtbsy();
	check_device_range();
	check_enomem();
	check_real_facts();
	printf("zero-diag: EPERM, ENOSPC, EFBIG, EINVAL and ENOMEM each "
	       "name their cause\n");
	return T_EXIT_PASS;
}
