// SPDX-License-Identifier: MIT
/*
 * io-models.c - one small job done in each of Linux's I/O models (tour,
 * chapter 3).
 *
 * Usage: io-models
 *
 * The job: wait for a message on a pipe and read it. A second thread
 * writes "ping" into the pipe 20 ms after each model says it is about to
 * wait (start_waiting()), so every model really has to wait. Each model is a short function that
 * counts its calls into the kernel (for POSIX AIO, into the library) from
 * the start of the wait to the data in hand; setting up (an epoll set, a
 * ring, an AIO context) is done once per program in real life and is not
 * counted. The program prints one line per model:
 *
 *   blocking      read(2) sleeps until the data is there
 *   nonblocking   read(2) fails with EAGAIN until it succeeds: ask again
 *   select        sleep in select(2) until readable, then read(2)
 *   poll          the same with poll(2)
 *   epoll         register once, sleep in epoll_wait(2), then read(2)
 *   sigio         the kernel sends SIGIO when readable; then read(2)
 *   posix-aio     aio_read(3): glibc hands a blocking read to a thread
 *   linux-aio     io_submit(2); on a pipe it does the read synchronously
 *   io_uring      one SQE; one io_uring_enter(2) submits it and waits
 */
#include <aio.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/aio_abi.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>

#include "ringzero.h"

#define MESSAGE		"ping"
#define DELAY_MS	20

// @tour-begin job
/* The writer's side: it sets written just before it writes. */
struct writer {
	int fd;
	sem_t go;		/* posted when the model is about to wait */
	atomic_bool written;
};

/* One run of a model: what it reads from, and what it reports. */
struct job {
	int fd;			/* the pipe's read end */
	char *buf;
	size_t len;
	struct writer *w;
	int res;		/* bytes read, or -errno */
	unsigned calls;		/* calls while waiting */
	const char *note;	/* something worth knowing, or NULL */
	bool started;		/* start_waiting() was called */
};
// @tour-end job

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = ms * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void *write_later(void *arg)
{
	struct writer *w = arg;

	while (sem_wait(&w->go) < 0 && errno == EINTR)
		;
	sleep_ms(DELAY_MS);
	atomic_store(&w->written, true);
	if (write(w->fd, MESSAGE, strlen(MESSAGE)) < 0)
		perror("io-models: write");
	return NULL;
}

// @tour-begin count
/* Each model counts with COUNT(): one more call, then the call itself. */
#define COUNT(j, call)	((j)->calls++, (call))

/* Set up, about to wait: the writer's 20 ms start now. */
static void start_waiting(struct job *j)
{
	j->started = true;
	sem_post(&j->w->go);
}
// @tour-end count

// @tour-begin blocking
static void model_blocking(struct job *j)
{
	ssize_t n;

	start_waiting(j);
	n = COUNT(j, read(j->fd, j->buf, j->len));	/* sleeps in here */
	j->res = n < 0 ? -errno : (int)n;
}
// @tour-end blocking

// @tour-begin nonblocking
static void model_nonblocking(struct job *j)
{
	ssize_t n;

	fcntl(j->fd, F_SETFL, fcntl(j->fd, F_GETFL) | O_NONBLOCK);
	start_waiting(j);
	/* Nothing there yet: EAGAIN. Ask again a millisecond later. */
	while ((n = COUNT(j, read(j->fd, j->buf, j->len))) < 0 &&
	       errno == EAGAIN)
		sleep_ms(1);
	j->res = n < 0 ? -errno : (int)n;
	j->note = "every read(2) but the last was a system call for nothing";
}
// @tour-end nonblocking

// @tour-begin select
static void model_select(struct job *j)
{
	fd_set readable;
	ssize_t n;

	FD_ZERO(&readable);
	FD_SET(j->fd, &readable);	/* rebuilt and copied in for every call */
	start_waiting(j);
	if (COUNT(j, select(j->fd + 1, &readable, NULL, NULL, NULL)) < 0) {
		j->res = -errno;
		return;
	}
	n = COUNT(j, read(j->fd, j->buf, j->len));
	j->res = n < 0 ? -errno : (int)n;
}
// @tour-end select

// @tour-begin poll
static void model_poll(struct job *j)
{
	struct pollfd pfd = { .fd = j->fd, .events = POLLIN };
	ssize_t n;

	start_waiting(j);
	if (COUNT(j, poll(&pfd, 1, -1)) < 0) {
		j->res = -errno;
		return;
	}
	n = COUNT(j, read(j->fd, j->buf, j->len));
	j->res = n < 0 ? -errno : (int)n;
}
// @tour-end poll

// @tour-begin epoll
static void model_epoll(struct job *j)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = j->fd };
	int ep = epoll_create1(EPOLL_CLOEXEC);
	ssize_t n;

	/* Setup: the set lives in the kernel; a server fills it once. */
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, j->fd, &ev) < 0) {
		j->res = -errno;
		goto out;
	}
	start_waiting(j);
	if (COUNT(j, epoll_wait(ep, &ev, 1, -1)) < 0) {
		j->res = -errno;
		goto out;
	}
	n = COUNT(j, read(j->fd, j->buf, j->len));
	j->res = n < 0 ? -errno : (int)n;
out:
	if (ep >= 0)
		close(ep);
}
// @tour-end epoll

// @tour-begin sigio
static void model_sigio(struct job *j)
{
	struct timespec none = { 0 }, limit = { .tv_sec = 10 };
	sigset_t sigio;
	ssize_t n;

	/* SIGIO is blocked in every thread (main did it): we wait for it. */
	sigemptyset(&sigio);
	sigaddset(&sigio, SIGIO);
	/* Setup: send SIGIO to this process when the pipe turns readable. */
	if (fcntl(j->fd, F_SETOWN, getpid()) < 0 ||
	    fcntl(j->fd, F_SETFL, O_ASYNC | O_NONBLOCK) < 0) {
		j->res = -errno;
		return;
	}
	start_waiting(j);
	/* A bounded wait: a signal that never comes must not hang us. */
	if (COUNT(j, sigtimedwait(&sigio, NULL, &limit)) < 0) {
		j->res = -errno;
		return;
	}
	n = COUNT(j, read(j->fd, j->buf, j->len));
	j->res = n < 0 ? -errno : (int)n;
	/* Stop the signals, and take any that came meanwhile. */
	fcntl(j->fd, F_SETFL, O_NONBLOCK);
	while (sigtimedwait(&sigio, NULL, &none) == SIGIO)
		;
}
// @tour-end sigio

// @tour-begin posix-aio
static void model_posix_aio(struct job *j)
{
	struct aiocb cb = {
		.aio_fildes = j->fd, .aio_buf = j->buf, .aio_nbytes = j->len,
	};
	const struct aiocb *list[1] = { &cb };
	int err;

	start_waiting(j);
	if (COUNT(j, aio_read(&cb)) < 0) {
		j->res = -errno;
		return;
	}
	while ((err = COUNT(j, aio_error(&cb))) == EINPROGRESS)
		COUNT(j, aio_suspend(list, 1, NULL));
	j->res = (int)COUNT(j, aio_return(&cb));
	if (j->res < 0)
		j->res = -err;
	j->note = "library calls: glibc runs a thread that blocks in read(2)";
}
// @tour-end posix-aio

// @tour-begin linux-aio
static void model_linux_aio(struct job *j)
{
	aio_context_t ctx = 0;
	struct iocb cb = {
		.aio_lio_opcode = IOCB_CMD_PREAD, .aio_fildes = (__u32)j->fd,
		.aio_buf = (__u64)(uintptr_t)j->buf, .aio_nbytes = j->len,
	};
	struct iocb *list[1] = { &cb };
	struct io_event ev;
	bool early;

	if (syscall(SYS_io_setup, 1, &ctx) < 0) {	/* setup */
		j->res = -errno;
		return;
	}
	start_waiting(j);
	/* Asynchronous only where the file supports it (O_DIRECT files). */
	if (COUNT(j, syscall(SYS_io_submit, ctx, 1, list)) != 1) {
		j->res = -errno;
	} else {
		early = !atomic_load(&j->w->written);
		if (COUNT(j, syscall(SYS_io_getevents, ctx, 1, 1, &ev,
				     NULL)) != 1)
			j->res = -errno;
		else
			j->res = (int)ev.res;
		j->note = early ? "io_submit returned before the data came" :
			  "io_submit itself waited: on a pipe it reads "
			  "synchronously";
	}
	syscall(SYS_io_destroy, ctx);
}
// @tour-end linux-aio

// @tour-begin io_uring
static void model_io_uring(struct job *j)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	int ret = io_uring_queue_init(1, &ring, 0);	/* setup */

	if (ret < 0) {
		j->res = ret;
		return;
	}
	/* Offset -1: a pipe has no offsets, read from where it is. */
	io_uring_prep_read(io_uring_get_sqe(&ring), j->fd, j->buf,
			   (unsigned)j->len, (__u64)-1);
	start_waiting(j);
	/* One io_uring_enter(2): submit, and sleep until the CQE is there. */
	ret = COUNT(j, io_uring_submit_and_wait(&ring, 1));
	if (ret >= 0)
		ret = io_uring_wait_cqe(&ring, &cqe);	/* no system call */
	j->res = ret < 0 ? ret : cqe->res;
	if (ret >= 0)
		io_uring_cqe_seen(&ring, cqe);
	io_uring_queue_exit(&ring);
	j->note = "and one call can carry many requests";
}
// @tour-end io_uring

/* The models, in the order the tour discusses them. */
static const struct model {
	const char *name;
	void (*run)(struct job *j);
} models[] = {
	{ "blocking", model_blocking },
	{ "nonblocking", model_nonblocking },
	{ "select", model_select },
	{ "poll", model_poll },
	{ "epoll", model_epoll },
	{ "sigio", model_sigio },
	{ "posix-aio", model_posix_aio },
	{ "linux-aio", model_linux_aio },
	{ "io_uring", model_io_uring },
};

int main(void)
{
	sigset_t sigio;
	unsigned i;
	int failed = 0;

	/* Before any thread exists, so that all of them block SIGIO. */
	sigemptyset(&sigio);
	sigaddset(&sigio, SIGIO);
	pthread_sigmask(SIG_BLOCK, &sigio, NULL);

	printf("%-12s %-14s %s\n", "model", "result", "calls while waiting");
	for (i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
		char buf[64] = "";
		struct job j = { .buf = buf, .len = sizeof(buf) - 1 };
		struct writer w;
		pthread_t thread;
		int fds[2], ret;

		if (pipe(fds) < 0) {
			perror("io-models: pipe");
			return 1;
		}
		j.fd = fds[0];
		j.w = &w;
		w.fd = fds[1];
		atomic_init(&w.written, false);
		sem_init(&w.go, 0, 0);
		ret = pthread_create(&thread, NULL, write_later, &w);
		if (ret) {
			fprintf(stderr, "io-models: pthread_create: %s\n",
				strerror(ret));
			return 1;
		}
		models[i].run(&j);
		if (!j.started)
			start_waiting(&j);	/* it failed before waiting */
		pthread_join(thread, NULL);
		sem_destroy(&w.go);
		close(fds[0]);
		close(fds[1]);

		if (j.res < 0) {
			printf("%-12s %-14s %u\n", models[i].name,
			       strerror(-j.res), j.calls);
			failed = 1;
			continue;
		}
		buf[j.res] = '\0';
		printf("%-12s got \"%s\"%*s %3u%s%s\n", models[i].name, buf,
		       (int)(8 - strlen(buf)), "", j.calls,
		       j.note ? "  " : "", j.note ? j.note : "");
	}
	return failed;
}
