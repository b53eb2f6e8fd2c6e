// SPDX-License-Identifier: MIT
/*
 * net engine "threads": a thread per connection, blocking recv and send.
 * The oldest server model: simple code, and the kernel's scheduler does the
 * multiplexing, at the price of a context switch for every message.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"

struct conn_thread {
	pthread_t thread;
	struct job *job;
	unsigned index;
	uint64_t calls;
	int ret;
	char why[WHY_LEN];
};

static void *serve(void *arg)
{
	struct conn_thread *t = arg;
	struct job mine = { .o = t->job->o };
	size_t size = net_buf_size(t->job->o);
	int fd = t->job->conns[t->index];
	ssize_t n;
	char *buf;

	buf = malloc(size);
	if (!buf) {
		t->ret = -ENOMEM;
		return NULL;
	}
	for (;;) {
		n = net_echo(&mine, fd, buf, size);
		if (n == -EINTR)
			continue;
		if (n <= 0)
			break;
	}
	if (n < 0) {
		t->ret = (int)n;
		snprintf(t->why, sizeof(t->why), "connection %u: %s", t->index,
			 strerror((int)-n));
	} else {
		close(fd);
		mine.calls++;
		t->job->conns[t->index] = -1;
	}
	t->calls = mine.calls;
	free(buf);
	return NULL;
}

static int threads_run(struct job *job)
{
	struct conn_thread *t;
	unsigned started;
	int ret = 0;

	t = calloc(job->nconns, sizeof(*t));
	if (!t)
		return job_fail(job, -ENOMEM, "thread table");
	for (started = 0; started < job->nconns; started++) {
		t[started].job = job;
		t[started].index = started;
		job->calls++;
		ret = -pthread_create(&t[started].thread, NULL, serve,
				      &t[started]);
		if (ret) {
			job_fail(job, ret, "pthread_create: %s",
				 strerror(-ret));
			/* the clients stall; shut the rest down so all end */
			for (unsigned i = 0; i < job->nconns; i++)
				if (job->conns[i] >= 0)
					shutdown(job->conns[i], SHUT_RDWR);
			break;
		}
	}
	for (unsigned i = 0; i < started; i++) {
		pthread_join(t[i].thread, NULL);
		job->calls += t[i].calls;
		if (t[i].ret && !ret) {
			ret = t[i].ret;
			snprintf(job->why, sizeof(job->why), "%s", t[i].why);
		}
	}
	free(t);
	return ret;
}

const struct engine net_threads = {
	.name = "threads",
	.what = "a thread per connection, blocking recv + send",
	.run = threads_run,
};
