// SPDX-License-Identifier: MIT
/*
 * hello-writev.c - write "Hello world" to FILE with one io_uring writev:
 * queue the request, submit it, wait for its completion, check the result.
 *
 * Written as a liburing program: it builds against liburing unchanged
 * except for the #include below (<liburing.h>) and -luring instead of
 * -lringzero; test/hello-writev.sh builds and runs it both ways.
 *
 * Usage: hello-writev FILE   (FILE is created with mode 0644, or truncated)
 * Exit status: 0 written, 1 failure (the message says what failed), 2 usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include <ringzero.h>

/* What a failed io_uring_queue_init() most likely means, and the remedy. */
static const struct {
	int err;
	const char *hint;
} setup_hints[] = {
	{ ENOSYS, "this kernel has no io_uring (CONFIG_IO_URING)" },
	{ EPERM, "io_uring is disabled (sysctl kernel.io_uring_disabled) "
		 "or blocked by a seccomp filter (containers)" },
	{ ENOMEM, "not enough locked memory (raise ulimit -l)" },
};

static const char *setup_hint(int err)
{
	size_t i;

	for (i = 0; i < sizeof(setup_hints) / sizeof(setup_hints[0]); i++)
		if (setup_hints[i].err == err)
			return setup_hints[i].hint;
	return NULL;
}

int main(int argc, char **argv)
{
	static const char msg[] = "Hello world";
	struct iovec iov = {
		.iov_base = (void *)msg,
		.iov_len = sizeof(msg) - 1,
	};
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int fd, ret, status = 1;

	if (argc != 2) {
		fprintf(stderr, "Usage: %s FILE\n", argv[0]);
		return 2;
	}
	/* O_CREAT needs the mode argument: without it the mode is garbage. */
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "hello-writev: %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	ret = io_uring_queue_init(8, &ring, 0);
	if (ret < 0) {
		const char *hint = setup_hint(-ret);

		fprintf(stderr, "hello-writev: io_uring_queue_init: %s%s%s\n",
			strerror(-ret), hint ? ": " : "", hint ? hint : "");
		close(fd);
		return 1;
	}

	sqe = io_uring_get_sqe(&ring);
	if (!sqe) {
		fprintf(stderr, "hello-writev: submission queue full\n");
		goto out;
	}
	io_uring_prep_writev(sqe, fd, &iov, 1, 0);
	ret = io_uring_submit(&ring);
	if (ret != 1) {
		fprintf(stderr, "hello-writev: io_uring_submit: %s\n",
			ret < 0 ? strerror(-ret) : "request not submitted");
		goto out;
	}

	/* Sleep in the kernel until the write completes: no busy-waiting. */
	ret = io_uring_wait_cqe(&ring, &cqe);
	if (ret < 0) {
		fprintf(stderr, "hello-writev: io_uring_wait_cqe: %s\n",
			strerror(-ret));
		goto out;
	}
	if (cqe->res < 0)
		fprintf(stderr, "hello-writev: writev %s: %s\n", argv[1],
			strerror(-cqe->res));
	else if ((size_t)cqe->res != iov.iov_len)
		fprintf(stderr, "hello-writev: writev %s: wrote %d of %zu "
			"bytes\n", argv[1], cqe->res, iov.iov_len);
	else
		status = 0;
	io_uring_cqe_seen(&ring, cqe);
out:
	io_uring_queue_exit(&ring);
	/* close() can report a deferred write error: it counts as failure. */
	if (close(fd) && status == 0) {
		fprintf(stderr, "hello-writev: %s: %s\n", argv[1],
			strerror(errno));
		status = 1;
	}
	return status;
}
