// SPDX-License-Identifier: MIT
/*
 * cat.c - concatenate files to standard output through io_uring (tour,
 * chapter 2: submit, wait, batch).
 *
 * Usage: cat [FILE]...    (no FILE, or "-": standard input)
 *
 * A seekable file is read a batch at a time: BATCH reads of BLOCK bytes at
 * consecutive offsets go to the kernel in one io_uring_submit_and_wait(),
 * then the blocks are written out in file order. A pipe or terminal has no
 * offsets to spread reads over, so it is read one block at a time from
 * its current position (offset -1). Writing to standard output stays a
 * plain write(2), so that the order of the output is obvious.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ringzero.h"

#define BATCH	8		/* reads in flight per trip to the kernel */
#define BLOCK	(64 * 1024)	/* bytes per read */

/* write(2) until all of buf is out: 0 or -errno. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

// @tour-begin batch
/*
 * Queue nr reads, the i-th into bufs[i] at offset off + i * BLOCK (or at
 * the file position when off is -1), submit them with one system call and
 * wait until all have completed. res[i] receives the i-th read's result.
 * Returns 0 or -errno from the ring itself.
 */
static int read_batch(struct io_uring *ring, int fd, char *bufs, int *res,
		      unsigned nr, __s64 off)
{
	struct io_uring_cqe *cqe;
	unsigned i;
	int ret;

	for (i = 0; i < nr; i++) {
		/* The ring has BATCH slots and we submit every batch. */
		struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
		__u64 at = off < 0 ? (__u64)-1 : (__u64)off + i * BLOCK;

		io_uring_prep_read(sqe, fd, bufs + i * BLOCK, BLOCK, at);
		/* The CQEs may come back in any order: tag each with i. */
		io_uring_sqe_set_data64(sqe, i);
	}

	/* One io_uring_enter(): submit nr SQEs and sleep until nr CQEs. */
	ret = io_uring_submit_and_wait(ring, nr);
	if (ret < 0)
		return ret;

	for (i = 0; i < nr; i++) {
		ret = io_uring_wait_cqe(ring, &cqe);	/* already there */
		if (ret < 0)
			return ret;
		res[io_uring_cqe_get_data64(cqe)] = cqe->res;
		io_uring_cqe_seen(ring, cqe);		/* free the CQ slot */
	}
	return 0;
}
// @tour-end batch

// @tour-begin cat
/* Copy fd to standard output: 0 or -errno. */
static int cat_fd(struct io_uring *ring, int fd, char *bufs)
{
	/* A pipe cannot seek: then one read at a time, at its position. */
	int seekable = lseek(fd, 0, SEEK_CUR) >= 0;
	unsigned nr = seekable ? BATCH : 1;
	__s64 off = seekable ? 0 : -1;
	int res[BATCH];
	unsigned i;
	int ret;

	for (;;) {
		ret = read_batch(ring, fd, bufs, res, nr, off);
		if (ret < 0)
			return ret;
		for (i = 0; i < nr; i++) {
			if (res[i] < 0)
				return res[i];
			if (res[i] == 0)
				return 0;		/* end of file */
			ret = write_all(STDOUT_FILENO, bufs + i * BLOCK,
					(size_t)res[i]);
			if (ret < 0)
				return ret;
			if (seekable)
				off += res[i];
			/*
			 * A short read ends the batch: what the later reads
			 * got does not follow on, so read again from off.
			 */
			if (res[i] < BLOCK)
				break;
		}
	}
}
// @tour-end cat

int main(int argc, char **argv)
{
	static const char *stdin_only[] = { "-" };
	const char **files = stdin_only;
	int nfiles = 1, status = 0, i, ret;
	struct io_uring ring;
	char *bufs;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
		fprintf(stderr, "Usage: cat [FILE]...\n");
		return 2;
	}
	if (argc > 1) {
		files = (const char **)argv + 1;
		nfiles = argc - 1;
	}

	ret = io_uring_queue_init(BATCH, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "cat: io_uring_queue_init: %s\n",
			strerror(-ret));
		return 1;
	}
	bufs = malloc((size_t)BATCH * BLOCK);
	if (!bufs) {
		fprintf(stderr, "cat: %s\n", strerror(ENOMEM));
		io_uring_queue_exit(&ring);
		return 1;
	}

	for (i = 0; i < nfiles; i++) {
		int is_stdin = !strcmp(files[i], "-");
		int fd = is_stdin ? STDIN_FILENO : open(files[i], O_RDONLY);

		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", files[i],
				strerror(errno));
			status = 1;
			continue;
		}
		ret = cat_fd(&ring, fd, bufs);
		if (ret < 0) {
			fprintf(stderr, "cat: %s: %s\n",
				is_stdin ? "standard input" : files[i],
				strerror(-ret));
			status = 1;
		}
		if (!is_stdin)
			close(fd);
	}

	/* Tear the ring down first: no read can still target bufs then. */
	io_uring_queue_exit(&ring);
	free(bufs);
	return status;
}
