// SPDX-License-Identifier: MIT
/*
 * sandboxed-copy.c - copy a file through a ring that can do nothing but
 * READ and WRITE.
 *
 * The files are opened with plain open(2) first; the ring is then created
 * with ringzero_sandbox_init(), which allows IORING_OP_READ and
 * IORING_OP_WRITE, no SQE flags and no register calls. Whatever SQE
 * reaches this ring later, it cannot open, unlink, connect or register
 * anything. To show it, after the copy the program asks the ring to open
 * the source file again and prints the kernel's refusal (-EACCES).
 *
 *	usage: sandboxed-copy SRC DST
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ringzero.h"

#define BLOCK	(64 * 1024)

/*
 * Submit the one prepared SQE and return its CQE's res. One SQE at a time
 * on a ring of four: io_uring_get_sqe() always has a free slot.
 */
static int run_one(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;
	int ret;

	ret = io_uring_submit_and_wait(ring, 1);
	if (ret < 0)
		return ret;
	ret = io_uring_wait_cqe(ring, &cqe);
	if (ret < 0)
		return ret;
	ret = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return ret;
}

/* Copy in through the ring; bytes copied, or -errno (*side: which file). */
static long long copy(struct io_uring *ring, int in, int out,
		      const char **side, const char *src, const char *dst)
{
	static char buf[BLOCK];
	unsigned long long off = 0;

	for (;;) {
		int got, put, done;

		io_uring_prep_read(io_uring_get_sqe(ring), in, buf, BLOCK, off);
		got = run_one(ring);
		if (got < 0) {
			*side = src;
			return got;
		}
		if (!got)
			return (long long)off;
		/* A write may be short: write the rest. */
		for (done = 0; done < got; done += put) {
			io_uring_prep_write(io_uring_get_sqe(ring), out,
					    buf + done, (unsigned)(got - done),
					    off + (unsigned)done);
			put = run_one(ring);
			if (put <= 0) {
				*side = dst;
				return put < 0 ? put : -EIO;
			}
		}
		off += (unsigned)got;
	}
}

int main(int argc, char **argv)
{
	static const __u8 allowed[] = { IORING_OP_READ, IORING_OP_WRITE };
	const struct ringzero_sandbox policy = {
		.ops = allowed,
		.nr_ops = sizeof(allowed) / sizeof(allowed[0]),
	};
	const char *side = NULL;
	struct io_uring ring;
	long long copied;
	int in, out, ret;

	if (argc != 3) {
		fprintf(stderr, "usage: %s SRC DST\n", argv[0]);
		return 2;
	}
	in = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		fprintf(stderr, "sandboxed-copy: %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		fprintf(stderr, "sandboxed-copy: %s: %s\n", argv[2],
			strerror(errno));
		return 1;
	}

	ret = ringzero_sandbox_init(4, &ring, &policy);
	if (ret < 0) {
		char why[2048];

		io_uring_diagnose(ret, 4, NULL, why, sizeof(why));
		fprintf(stderr, "sandboxed-copy: cannot create the sandboxed "
			"ring: %s\n%s", strerror(-ret), why);
		return 1;
	}

	copied = copy(&ring, in, out, &side, argv[1], argv[2]);
	if (copied < 0) {
		fprintf(stderr, "sandboxed-copy: %s: %s\n", side,
			strerror((int)-copied));
		return 1;
	}
	printf("copied %lld bytes from %s to %s through a ring that allows "
	       "only READ and WRITE\n", copied, argv[1], argv[2]);

	/* The ring itself cannot open anything: the kernel says EACCES. */
	io_uring_prep_openat(io_uring_get_sqe(&ring), AT_FDCWD, argv[1],
			     O_RDONLY, 0);
	ret = run_one(&ring);
	if (ret != -EACCES) {
		fprintf(stderr, "sandboxed-copy: the sandbox let OPENAT "
			"through (res %d)\n", ret);
		if (ret >= 0)
			close(ret);
		return 1;
	}
	printf("OPENAT through the same ring: refused, %s (-EACCES)\n",
	       strerror(-ret));

	io_uring_queue_exit(&ring);
	if (close(out)) {
		fprintf(stderr, "sandboxed-copy: %s: %s\n", argv[2],
			strerror(errno));
		return 1;
	}
	close(in);
	return 0;
}
