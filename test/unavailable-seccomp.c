// SPDX-License-Identifier: MIT
/*
 * Description: io_uring blocked by a seccomp filter, first answering
 * ENOSYS (a hidden syscall), then EPERM (a container's default profile):
 * every library entry point that needs a ring returns that -errno and does
 * not crash, io_uring_diagnose() names seccomp, `ringzero probe` (text
 * and --json) exits 1 naming seccomp as the cause, and so does `ringzero
 * zero` on a writable file: the EPERM is io_uring's, not the file's.
 */
#include "capture.h"
#include "seccomp.h"

/* Make the three io_uring syscalls fail with err; allow all else. */
static void block_io_uring(int err)
{
	static const unsigned nrs[] = {
		__NR_io_uring_setup, __NR_io_uring_enter,
		__NR_io_uring_register,
	};

	if (t_seccomp_filter(nrs, 3, SECCOMP_RET_ERRNO |
			     ((unsigned)err & SECCOMP_RET_DATA), 0))
		FAIL("seccomp(SET_MODE_FILTER): %s", strerror(errno));
}

/* The library, inside the filter: -err everywhere, seccomp named. */
static void library_under_filter(int err)
{
	static const __u8 ops[] = { IORING_OP_READ };
	const struct ringzero_sandbox policy = { .ops = ops, .nr_ops = 1 };
	struct io_uring_params p = { 0 };
	struct io_uring_query_opcode q;
	struct ringzero_sysinfo si;
	struct io_uring ring;
	unsigned long long known;
	char text[4096];
	int method;

	CHECK_EQ(io_uring_queue_init(4, &ring, 0), -err);
	CHECK_EQ(io_uring_queue_init_params(4, &ring, &p), -err);
	CHECK_EQ(io_uring_setup(4, &p), -err);
	CHECK(io_uring_get_probe() == NULL);
	CHECK_EQ(io_uring_mlock_size(64, 0), -err);
	CHECK_EQ(ringzero_query_opcodes(&q), -err);
	CHECK_EQ(ringzero_register_ops(&known, &method), -err);
	CHECK_EQ(ringzero_try_setup_flag(IORING_SETUP_SQPOLL), -err);
	CHECK_EQ(ringzero_sandbox_init(4, &ring, &policy), -err);

	CHECK_OK(ringzero_sysinfo_read(&si));
	CHECK_EQ(si.seccomp, 2);
	CHECK(io_uring_diagnose(-err, 4, NULL, text, sizeof(text)) > 0);
	t_expect_text(text, "io_uring_diagnose", "seccomp filter");
	t_expect_text(text, "io_uring_diagnose",
		      err == ENOSYS ? "(ENOSYS)" : "(EPERM)");
	t_expect_text(text, "io_uring_diagnose", "remedy: allow io_uring_setup");
}

/*
 * `ringzero zero` on a plain writable file: exit 1, the file unchanged,
 * and seccomp, not the file, named as the cause.
 */
static void zero_under_filter(void)
{
	char path[256], buf[8];
	char *argv[] = { t_cli(), "zero", "--length", "1", path, NULL };
	static struct t_run r;
	int fd = t_tmpfile(path, "1234", 4);

	t_run_capture(argv, &r);
	t_expect_exit(&r, "ringzero zero", 1);
	t_expect_text(r.err, "zero's error", "cause: io_uring is refused: a "
		      "seccomp filter");
	if (strstr(r.err, "immutable") || strstr(r.err, "append-only") ||
	    strstr(r.err, "read-only"))
		FAIL("zero blames the file: %s", r.err);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 4);
	CHECK(!memcmp(buf, "1234", 4));
	close(fd);
	unlink(path);
}

/* The CLI, inside the filter: exit 1, the cause on both outputs. */
static void cli_under_filter(int err)
{
	char *text_argv[] = { t_cli(), "probe", NULL };
	char *json_argv[] = { t_cli(), "probe", "--json", NULL };
	static struct t_run r;

	t_run_capture(text_argv, &r);
	t_expect_exit(&r, "ringzero probe", 1);
	t_expect_text(r.out, "probe's report", "io_uring:    UNAVAILABLE");
	t_expect_text(r.out, "probe's report", "seccomp=filter");
	t_expect_text(r.out, "probe's report",
		      err == ENOSYS ? "(ENOSYS)" : "(EPERM)");
	t_expect_text(r.out, "probe's report", "cause: a seccomp filter");
	t_expect_text(r.err, "probe's error", "io_uring is unavailable");
	t_expect_text(r.err, "probe's error", "seccomp");

	zero_under_filter();

	t_run_capture(json_argv, &r);
	t_expect_exit(&r, "ringzero probe --json", 1);
	t_expect_text(r.out, "probe --json", "\"works\": false");
	t_expect_text(r.out, "probe --json", err == ENOSYS ?
		      "\"error\": \"ENOSYS\"" : "\"error\": \"EPERM\"");
	t_expect_text(r.out, "probe --json", "{\"cause\": \"seccomp\"");
	t_expect_text(r.out, "probe --json", "\"seccomp\": \"filter\"");
	/* The JSON closes: the last line is the closing brace. */
	t_expect_text(r.out, "probe --json", "\n}\n");
}

/* A filter answering err, then every check under it (in a child). */
static void under_filter(int err)
{
	block_io_uring(err);
	library_under_filter(err);
	cli_under_filter(err);
}

int main(int argc, char **argv)
{
	static const int errs[] = { ENOSYS, EPERM };
	unsigned i;

	(void)argc;
	t_init(argv[0]);
	t_cli();
	{
		unsigned action = SECCOMP_RET_ERRNO;

		/* Kernels built without CONFIG_SECCOMP_FILTER cannot do this. */
		if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) &&
		    (errno == EINVAL || errno == ENOSYS))
			t_skip("kernel lacks seccomp filters "
			       "(CONFIG_SECCOMP_FILTER): %s", strerror(errno));
	}
	for (i = 0; i < 2; i++) {
		t_in_child(under_filter, errs[i], errs[i] == ENOSYS ?
			   "under an ENOSYS filter" : "under an EPERM filter");
		printf("seccomp %s: library and CLI name the cause\n",
		       ringzero_errno_name(errs[i]));
	}
	return T_EXIT_PASS;
}
