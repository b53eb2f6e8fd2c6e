/* SPDX-License-Identifier: MIT */
/*
 * helpers.h - what every test program shares: checks that say what failed
 * and where, temp files that clean up after themselves, the skip exit code,
 * and ring setup that tells "the kernel lacks this" from "we are broken".
 *
 * Exit codes: 0 pass, 1 fail, 77 skip (only when the kernel truly lacks
 * the feature under test; say which).
 */
#ifndef RINGZERO_TEST_HELPERS_H
#define RINGZERO_TEST_HELPERS_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "ringzero.h"

#define T_EXIT_PASS	0
#define T_EXIT_FAIL	1
#define T_EXIT_SKIP	77

static const char *t_name = "test";

static inline void t_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
static inline void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: FAIL at %s:%d: ", t_name, file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(T_EXIT_FAIL);
}

static inline void t_skip(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
static inline void t_skip(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: SKIP: ", t_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(T_EXIT_SKIP);
}

#define FAIL(...) t_fail(__FILE__, __LINE__, __VA_ARGS__)

/* Assert a condition; the message says what was expected. */
#define CHECK(cond) do {						\
	if (!(cond))							\
		FAIL("check failed: %s", #cond);			\
} while (0)

/* Compare two integers and print both on mismatch. */
#define CHECK_EQ(got, want) do {					\
	long long __g = (long long)(got), __w = (long long)(want);	\
	if (__g != __w)							\
		FAIL("%s == %lld, expected %s == %lld (%s)", #got, __g,	\
		     #want, __w, __g < 0 ? strerror((int)-__g) : "");	\
} while (0)

/* A library call that must succeed (return >= 0). */
#define CHECK_OK(expr) do {						\
	long long __r = (long long)(expr);				\
	if (__r < 0)							\
		FAIL("%s failed: %s", #expr, strerror((int)-__r));	\
} while (0)

/* A libc call that must succeed (-1 + errno convention). */
#define CHECK_SYS(expr) do {						\
	if ((long long)(expr) < 0)					\
		FAIL("%s failed: %s", #expr, strerror(errno));		\
} while (0)

static inline void t_init(const char *name)
{
	const char *slash = strrchr(name, '/');

	t_name = slash ? slash + 1 : name;
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* True when RZ_QUICK is set (slow emulated machines): shrink long loops. */
static inline int t_quick(void)
{
	const char *q = getenv("RZ_QUICK");

	return q && *q && strcmp(q, "0");
}

static inline const char *t_tmpdir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : "/tmp";
}

/*
 * Create a temp file in $TMPDIR holding len bytes of data (NULL: a
 * repeating pattern), return an O_RDWR fd and its path in path[256].
 */
static inline int t_tmpfile(char *path, const void *data, size_t len)
{
	int fd;

	snprintf(path, 256, "%s/rz-%s-XXXXXX", t_tmpdir(), t_name);
	fd = mkstemp(path);
	if (fd < 0)
		FAIL("mkstemp %s: %s", path, strerror(errno));
	if (len) {
		unsigned char *buf = malloc(len);
		size_t i;

		if (!buf)
			FAIL("malloc");
		for (i = 0; i < len; i++)
			buf[i] = data ? ((const unsigned char *)data)[i] :
					(unsigned char)(i * 7 + 1);
		if (pwrite(fd, buf, len, 0) != (ssize_t)len)
			FAIL("pwrite %s: %s", path, strerror(errno));
		free(buf);
	}
	return fd;
}

/* The pattern byte t_tmpfile(…, NULL, …) puts at offset i. */
static inline unsigned char t_pattern(size_t i)
{
	return (unsigned char)(i * 7 + 1);
}

/*
 * Set up a ring; if the kernel rejects the flags with -EINVAL (too old for
 * them), skip with the feature name; any other failure fails the test.
 */
static inline void t_ring_init(struct io_uring *ring, unsigned entries,
			       struct io_uring_params *p, const char *feature)
{
	int ret = io_uring_queue_init_params(entries, ring, p);

	if (ret == -EINVAL && feature)
		t_skip("kernel rejects %s (-EINVAL)", feature);
	if (ret < 0)
		FAIL("io_uring_queue_init_params(%u, flags=%#x): %s", entries,
		     p->flags, strerror(-ret));
}

/* Wait for one CQE and return it (fails the test on error). */
static inline struct io_uring_cqe *t_wait(struct io_uring *ring)
{
	struct io_uring_cqe *cqe = NULL;
	int ret = io_uring_wait_cqe(ring, &cqe);

	if (ret < 0)
		FAIL("io_uring_wait_cqe: %s", strerror(-ret));
	if (!cqe)
		FAIL("io_uring_wait_cqe returned no CQE");
	return cqe;
}

/* Submit all and reap one CQE; return its res. */
static inline int t_submit_one(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;
	int ret = io_uring_submit(ring), res;

	if (ret != 1)
		FAIL("io_uring_submit returned %d, expected 1", ret);
	cqe = t_wait(ring);
	res = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return res;
}

static inline struct io_uring_sqe *t_sqe(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (!sqe)
		FAIL("io_uring_get_sqe: SQ full");
	return sqe;
}

/*
 * Kernel version gates. A test skips a feature only when the kernel both
 * refuses it and is older than the release that brought it: a 6.18 kernel
 * answering -EINVAL to a 6.6 flag is a failure, not a skip.
 */
#include <sys/utsname.h>

/* True when the running kernel is older than major.minor. */
static inline int t_kernel_before(int major, int minor)
{
	struct utsname u;
	int ma = 0, mi = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
		return 0;
	return ma < major || (ma == major && mi < minor);
}

/* Features this run had to leave out; t_done() reports them. */
static char t_missing_list[512];

/*
 * The kernel answered ret to a feature that needs Linux major.minor. If
 * that answer is -EINVAL (or -EOPNOTSUPP) from a kernel older than that,
 * note the feature as missing and return 1 (the caller skips that part);
 * return 0 when the feature is there. Any other answer fails the test.
 */
static inline int t_lacks(int ret, const char *feature, int major, int minor)
{
	size_t used = strlen(t_missing_list);

	if (ret != -EINVAL && ret != -EOPNOTSUPP)
		return 0;
	if (!t_kernel_before(major, minor))
		FAIL("%s: kernel said %s, but it is %d.%d or newer", feature,
		     strerror(-ret), major, minor);
	snprintf(t_missing_list + used, sizeof(t_missing_list) - used,
		 "%s%s (Linux %d.%d)", used ? ", " : "", feature, major, minor);
	return 1;
}

/* Exit status at the end of main: skip (77) if any feature was missing. */
static inline int t_done(void)
{
	if (t_missing_list[0]) {
		fprintf(stderr, "%s: SKIP: kernel lacks %s\n", t_name,
			t_missing_list);
		return T_EXIT_SKIP;
	}
	return T_EXIT_PASS;
}

/* Like t_ring_init, but skips only if the kernel predates the flag. */
static inline void t_ring_init_since(struct io_uring *ring, unsigned entries,
				     struct io_uring_params *p,
				     const char *feature, int major, int minor)
{
	int ret = io_uring_queue_init_params(entries, ring, p);

	if (ret < 0 && t_lacks(ret, feature, major, minor))
		exit(t_done());
	if (ret < 0)
		FAIL("io_uring_queue_init_params(%u, flags=%#x): %s", entries,
		     p->flags, strerror(-ret));
}

/*
 * io_uring_resize_rings to sq_entries/cq_entries (IORING_SETUP_CQSIZE) with
 * *p cleared first: its result, or 1 when the kernel predates resizing
 * (6.13), which is noted for t_done() and leaves the ring as it was.
 */
static inline int t_resize(struct io_uring *ring, struct io_uring_params *p,
			   unsigned sq_entries, unsigned cq_entries)
{
	int ret;

	memset(p, 0, sizeof(*p));
	p->sq_entries = sq_entries;
	p->cq_entries = cq_entries;
	p->flags = IORING_SETUP_CQSIZE;
	ret = io_uring_resize_rings(ring, p);
	if (ret < 0 && t_lacks(ret, "io_uring_resize_rings", 6, 13))
		return 1;
	return ret;
}

/* Submit all queued SQEs (exactly n) and reap n CQEs into res[] by user_data. */
static inline void t_submit_reap(struct io_uring *ring, unsigned n,
				 int *res, unsigned nres)
{
	unsigned i;

	CHECK_EQ(io_uring_submit(ring), n);
	for (i = 0; i < n; i++) {
		struct io_uring_cqe *cqe = t_wait(ring);

		if (cqe->user_data >= nres)
			FAIL("unexpected user_data %llu",
			     (unsigned long long)cqe->user_data);
		res[cqe->user_data] = cqe->res;
		io_uring_cqe_seen(ring, cqe);
	}
}

/*
 * Waits for room in an SQPOLL ring's SQ. One io_uring_sqring_wait() is one
 * IORING_ENTER_SQ_WAIT, and the kernel ends that wait early, returning 0,
 * when the task has a signal or task work pending (io_sqpoll_wait_sq()
 * stops on signal_pending(), which TIF_NOTIFY_SIGNAL sets too); liburing
 * does not retry, so a caller that needs the room asks again. Bounded: a
 * thread that never frees a slot fails the test instead of hanging it.
 */
static inline void t_sqring_wait_room(struct io_uring *ring)
{
	int tries = 0;

	while (!io_uring_sq_space_left(ring) && tries++ < 1000)
		CHECK_EQ(io_uring_sqring_wait(ring), 0);
	CHECK(io_uring_sq_space_left(ring) > 0);
}

/* A path in $TMPDIR unique to this test: rz-NAME-PID-SUFFIX. */
static inline void t_path(char *path, size_t len, const char *suffix)
{
	snprintf(path, len, "%s/rz-%s-%d-%s", t_tmpdir(), t_name,
		 (int)getpid(), suffix);
}

#endif /* RINGZERO_TEST_HELPERS_H */
