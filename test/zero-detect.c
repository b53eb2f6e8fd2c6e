// SPDX-License-Identifier: MIT
/*
 * Description: IORING_OP_ZERO detection. The kernel's names for opcodes,
 * read back from fdinfo, are the real ones (NOP, FALLOCATE, and the
 * probe's last opcode: PIPE on a stock 6.18, ZERO on a patched kernel);
 * the native opcode is used only where the kernel calls it ZERO, and on
 * any other kernel io_uring_prep_zero() emits IORING_OP_FALLOCATE and never
 * the ZERO number (49 or 58); without /proc there is no native method; the
 * answer is the same from many threads at once; detection leaks no fds.
 */
#include <pthread.h>
#include <sched.h>
#include <dirent.h>
#include <sys/mount.h>
#include <sys/wait.h>

#include "zero-helpers.h"

/*
 * Upstream's names for opcodes 0..62 (io_uring/opdef.c up to 6.18), to
 * check that what the library reads from fdinfo is the kernel's table.
 */
static const char *const upstream_names[] = {
	"NOP", "READV", "WRITEV", "FSYNC", "READ_FIXED", "WRITE_FIXED",
	"POLL_ADD", "POLL_REMOVE", "SYNC_FILE_RANGE", "SENDMSG", "RECVMSG",
	"TIMEOUT", "TIMEOUT_REMOVE", "ACCEPT", "ASYNC_CANCEL", "LINK_TIMEOUT",
	"CONNECT", "FALLOCATE", "OPENAT", "CLOSE", "FILES_UPDATE", "STATX",
	"READ", "WRITE", "FADVISE", "MADVISE", "SEND", "RECV", "OPENAT2",
	"EPOLL", "SPLICE", "PROVIDE_BUFFERS", "REMOVE_BUFFERS", "TEE",
	"SHUTDOWN", "RENAMEAT", "UNLINKAT", "MKDIRAT", "SYMLINKAT", "LINKAT",
	"MSG_RING", "FSETXATTR", "SETXATTR", "FGETXATTR", "GETXATTR",
	"SOCKET", "URING_CMD", "SEND_ZC", "SENDMSG_ZC", "READ_MULTISHOT",
	"WAITID", "FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_WAITV",
	"FIXED_FD_INSTALL", "FTRUNCATE", "BIND", "LISTEN", "RECV_ZC",
	"EPOLL_WAIT", "READV_FIXED", "WRITEV_FIXED", "PIPE",
};
#define NR_UPSTREAM	(int)(sizeof(upstream_names) / sizeof(upstream_names[0]))

static int count_open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		FAIL("opendir /proc/self/fd: %s", strerror(errno));
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/*
 * Every opcode up to the probe's last must carry upstream's name, except
 * the last one on a patched kernel, which must be ZERO; one past the last
 * is INVALID. Returns the last opcode.
 */
static int check_kernel_names(void)
{
	struct io_uring_probe *probe = io_uring_get_probe();
	char name[32];
	int op, last, step;

	CHECK(probe != NULL);
	last = probe->last_op;
	io_uring_free_probe(probe);
	/* Slow emulated machines: a sample, always including the ends. */
	step = t_quick() ? 7 : 1;
	for (op = 0; op < last; op += step) {
		zt_kernel_name(op, name, sizeof(name));
		if (op < NR_UPSTREAM && strcmp(name, upstream_names[op]))
			FAIL("kernel names opcode %d %s, upstream says %s", op,
			     name, upstream_names[op]);
	}
	zt_kernel_name(IORING_OP_FALLOCATE, name, sizeof(name));
	CHECK(!strcmp(name, "FALLOCATE"));
	zt_kernel_name(last, name, sizeof(name));
	printf("probe's last opcode: %d, named %s by the kernel\n", last, name);
	if (zt_expect_native() && strcmp(name, "ZERO"))
		FAIL("patched kernel expected, but opcode %d is %s", last,
		     name);
	if (strcmp(name, "ZERO") && last < NR_UPSTREAM &&
	    strcmp(name, upstream_names[last]))
		FAIL("last opcode %d is %s, upstream says %s", last, name,
		     upstream_names[last]);
	if (last < 255) {
		zt_kernel_name(last + 1, name, sizeof(name));
		CHECK(!strcmp(name, "INVALID"));
	}

	/* Argument checks, and a buffer too small for the name. */
	CHECK_EQ(ringzero_kernel_opcode_name(-1, name, sizeof(name)), -EINVAL);
	CHECK_EQ(ringzero_kernel_opcode_name(256, name, sizeof(name)),
		 -EINVAL);
	CHECK_EQ(ringzero_kernel_opcode_name(0, NULL, 8), -EINVAL);
	CHECK_EQ(ringzero_kernel_opcode_name(0, name, 0), -EINVAL);
	CHECK_EQ(ringzero_kernel_opcode_name(IORING_OP_FALLOCATE, name, 9),
		 -ERANGE);
	CHECK_EQ(ringzero_kernel_opcode_name(IORING_OP_FALLOCATE, name, 10),
		 9);
	return last;
}

/* The SQE io_uring_prep_zero() builds, field by field. */
static void check_prep(int last)
{
	static const unsigned flag_sets[] = {
		0, IORING_ZERO_KEEP_SIZE, 1U << 1, 1U << 31,
		IORING_ZERO_KEEP_SIZE | (1U << 5),
	};
	struct io_uring_sqe sqe;
	char name[32];
	unsigned i;
	int op = zt_expected_opcode();

	for (i = 0; i < sizeof(flag_sets) / sizeof(flag_sets[0]); i++) {
		unsigned flags = flag_sets[i];

		memset(&sqe, 0, sizeof(sqe));
		io_uring_prep_zero(&sqe, 7, 12345, 6789, flags);
		CHECK_EQ(sqe.opcode, op);
		CHECK_EQ(sqe.fd, 7);
		CHECK_EQ(sqe.off, 12345);
		CHECK_EQ(sqe.addr, 6789);
		CHECK_EQ(sqe.flags, 0);
		CHECK_EQ(sqe.ioprio, 0);
		CHECK_EQ(sqe.buf_index, 0);
		CHECK_EQ(sqe.splice_fd_in, 0);
		CHECK_EQ(sqe.addr3, 0);
		if (op != IORING_OP_FALLOCATE) {
			CHECK_EQ(sqe.len, 0);
			CHECK_EQ(sqe.zero_flags, flags);
			continue;
		}
		/* The fallback never carries the ZERO number of any kernel. */
		CHECK(sqe.opcode != last || last == IORING_OP_FALLOCATE);
		CHECK(sqe.opcode != 49 && sqe.opcode != 58);
		CHECK_EQ(sqe.len, FALLOC_FL_ZERO_RANGE |
			 ((flags & IORING_ZERO_KEEP_SIZE) ?
			  FALLOC_FL_KEEP_SIZE : 0));
		/* Unknown bits stay visible, for the kernel to refuse. */
		CHECK_EQ(sqe.rw_flags, flags & ~IORING_ZERO_KEEP_SIZE);
	}
	/* And the kernel itself names what the library emits. */
	zt_kernel_name(op, name, sizeof(name));
	printf("io_uring_prep_zero emits opcode %d (%s), method %s\n", op,
	       name, io_uring_zero_method_name(io_uring_zero_method(NULL)));
	CHECK(!strcmp(name, op == IORING_OP_FALLOCATE ? "FALLOCATE" : "ZERO"));

	CHECK(!strcmp(io_uring_zero_method_name(RINGZERO_ZERO_NATIVE),
		      "native"));
	CHECK(!strcmp(io_uring_zero_method_name(RINGZERO_ZERO_FALLOCATE),
		      "fallocate"));
	CHECK(io_uring_zero_method_name(2) == NULL);
	CHECK(io_uring_zero_method_name(-1) == NULL);
}

/*
 * In a child with an empty filesystem over /proc: the name cannot be
 * checked, so there must be no native method, even on a patched kernel.
 * Needs a private mount namespace (root); returns false if none.
 */
static bool check_without_proc(void)
{
	int status;
	pid_t pid = fork();

	CHECK_SYS(pid);
	if (pid == 0) {
		struct io_uring_sqe sqe;

		if (unshare(CLONE_NEWNS) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
		    mount("none", "/proc", "tmpfs", 0, NULL) < 0)
			_exit(T_EXIT_SKIP);
		CHECK_EQ(io_uring_zero_opcode(), -ENOENT);
		CHECK_EQ(io_uring_zero_method(NULL), RINGZERO_ZERO_FALLOCATE);
		memset(&sqe, 0, sizeof(sqe));
		io_uring_prep_zero(&sqe, 3, 0, 1, 0);
		CHECK_EQ(sqe.opcode, IORING_OP_FALLOCATE);
		_exit(T_EXIT_PASS);
	}
	CHECK_SYS(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status));
	if (WEXITSTATUS(status) == T_EXIT_SKIP)
		return false;
	CHECK_EQ(WEXITSTATUS(status), T_EXIT_PASS);
	return true;
}

#define NR_THREADS	8

static pthread_barrier_t start_line;

static void *detect_thread(void *arg)
{
	pthread_barrier_wait(&start_line);
	*(int *)arg = io_uring_zero_opcode();
	return NULL;
}

/* A cold cache raced by many threads: one answer for all. */
static void check_threads(void)
{
	int status;
	pid_t pid = fork();

	CHECK_SYS(pid);
	if (pid == 0) {
		pthread_t th[NR_THREADS];
		int res[NR_THREADS], i;

		pthread_barrier_init(&start_line, NULL, NR_THREADS);
		for (i = 0; i < NR_THREADS; i++)
			CHECK(!pthread_create(&th[i], NULL, detect_thread,
					      &res[i]));
		for (i = 0; i < NR_THREADS; i++)
			pthread_join(th[i], NULL);
		for (i = 0; i < NR_THREADS; i++)
			CHECK_EQ(res[i], io_uring_zero_opcode());
		_exit(T_EXIT_PASS);
	}
	CHECK_SYS(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == T_EXIT_PASS);
}

int main(int argc, char **argv)
{
	int fds_before, last, op;
	char name[32];

	(void)argc;
	t_init(argv[0]);

	/* Before this process detects anything: children start cold. */
	if (!check_without_proc())
		printf("no private mount namespace (not root?): "
		       "the no-/proc check did not run\n");
	check_threads();

	fds_before = count_open_fds();
	last = check_kernel_names();
	op = io_uring_zero_opcode();
	printf("io_uring_zero_opcode() = %d%s%s\n", op, op < 0 ? ": " : "",
	       op < 0 ? strerror(-op) : "");
	if (op < 0 && op != -EOPNOTSUPP)
		FAIL("detection failed for a reason other than a kernel "
		     "without ZERO: %s", strerror(-op));
	check_prep(last);
	/* Cached: a second call answers the same, and no ring stays open. */
	CHECK_EQ(io_uring_zero_opcode(), op);
	ringzero_kernel_opcode_name(0, name, sizeof(name));
	CHECK_EQ(count_open_fds(), fds_before);
	return T_EXIT_PASS;
}
