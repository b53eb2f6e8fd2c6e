// SPDX-License-Identifier: MIT
/*
 * zero-file.c - zero the first 5 bytes of a file through io_uring (tour,
 * chapter 5: the program that drives the new opcode).
 *
 * Usage: zero-file [FILE]    (default: file_with_stuff)
 *
 * The driver program of the ZERO walk-through, on libringzero: one ring,
 * one SQE from io_uring_prep_zero(), one CQE. A file holding "1234567890\n"
 * afterwards holds five zero bytes and "67890\n".
 *
 * On a kernel with the ZERO patch, io_uring_prep_zero() emits the native
 * IORING_OP_ZERO; elsewhere the equivalent IORING_OP_FALLOCATE with
 * FALLOC_FL_ZERO_RANGE. Either way the program says which, and why not
 * native. A filesystem that cannot zero ranges at all (tmpfs answers
 * -EOPNOTSUPP) gets the zeroes written through the ring instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ringzero.h"

#define ZERO_OFFSET	0
#define ZERO_LENGTH	5

/* Submit the one SQE queued on ring and return its CQE's res. */
static int submit_one(struct io_uring *ring)
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

// @tour-begin zero
/* Zero len bytes of fd at off: 0 or -errno from the CQE. */
static int zero_range(struct io_uring *ring, int fd, __u64 off, __u64 len)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	/* IORING_OP_ZERO if this kernel has it, else FALLOCATE. */
	io_uring_prep_zero(sqe, fd, off, len, 0);
	return submit_one(ring);
}
// @tour-end zero

/* The last resort: write len zero bytes at off through the ring. */
static int write_zeroes(struct io_uring *ring, int fd, __u64 off,
			unsigned len)
{
	static const char zeroes[ZERO_LENGTH];
	int ret;

	while (len) {
		io_uring_prep_write(io_uring_get_sqe(ring), fd, zeroes, len,
				    off);
		ret = submit_one(ring);
		if (ret < 0)
			return ret;
		if (ret == 0)
			return -EIO;
		off += (unsigned)ret;
		len -= (unsigned)ret;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "file_with_stuff";
	struct io_uring ring;
	int fd, ret, method, opcode;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "Usage: zero-file [FILE]\n");
		return 2;
	}
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "zero-file: %s: %s\n", path, strerror(errno));
		return 1;
	}
	ret = io_uring_queue_init(1, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "zero-file: io_uring_queue_init: %s\n",
			strerror(-ret));
		return 1;
	}

	method = io_uring_zero_method(&ring);
	opcode = io_uring_zero_opcode();
	if (method == RINGZERO_ZERO_NATIVE)
		printf("method: native IORING_OP_ZERO (opcode %d)\n", opcode);
	else
		/* The reasons are listed in io_uring_zero_opcode(3). */
		printf("method: IORING_OP_FALLOCATE with FALLOC_FL_ZERO_RANGE "
		       "(io_uring_zero_opcode: %s)\n", strerror(-opcode));

	ret = zero_range(&ring, fd, ZERO_OFFSET, ZERO_LENGTH);
	if (ret == -EOPNOTSUPP) {
		printf("%s: the filesystem cannot zero ranges; "
		       "writing zeroes instead\n", path);
		ret = write_zeroes(&ring, fd, ZERO_OFFSET, ZERO_LENGTH);
	}
	io_uring_queue_exit(&ring);
	if (ret < 0) {
		fprintf(stderr, "zero-file: %s: %s\n", path, strerror(-ret));
		close(fd);
		return 1;
	}
	if (close(fd) < 0) {
		fprintf(stderr, "zero-file: %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("zeroed %d bytes at offset %d of %s\n", ZERO_LENGTH,
	       ZERO_OFFSET, path);
	return 0;
}
