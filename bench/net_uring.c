// SPDX-License-Identifier: MIT
/*
 * net engine "uring": io_uring with one request per connection at a time,
 * a RECV into the connection's buffer, then a SEND of what came, then the
 * next RECV. All requests ready in a pass go in with one io_uring_enter,
 * which also waits for the next completion: readiness and the copy are one
 * step, where epoll needs a wait and then a call per socket.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "uring.h"

enum { OP_RECV, OP_SEND };

struct conn {
	char *buf;
	size_t len, off;	/* bytes to echo, bytes echoed */
};

struct server {
	struct io_uring ring;
	struct job *job;
	struct conn *c;
	size_t size;
	unsigned live;
};

static struct io_uring_sqe *sqe_for(struct server *s, unsigned i, int op)
{
	/* one request per connection: the SQ (>= connections) has room */
	struct io_uring_sqe *sqe = io_uring_get_sqe(&s->ring);

	if (sqe)
		io_uring_sqe_set_data64(sqe, (uint64_t)i << 1 | (unsigned)op);
	return sqe;
}

static int post_recv(struct server *s, unsigned i)
{
	struct io_uring_sqe *sqe = sqe_for(s, i, OP_RECV);

	if (!sqe)
		return job_fail(s->job, -EBUSY, "submission queue full");
	io_uring_prep_recv(sqe, s->job->conns[i], s->c[i].buf, s->size, 0);
	return 0;
}

static int post_send(struct server *s, unsigned i)
{
	struct io_uring_sqe *sqe = sqe_for(s, i, OP_SEND);
	struct conn *c = &s->c[i];

	if (!sqe)
		return job_fail(s->job, -EBUSY, "submission queue full");
	/* MSG_NOSIGNAL: a client gone away is an error, not SIGPIPE */
	io_uring_prep_send(sqe, s->job->conns[i], c->buf + c->off,
			   c->len - c->off, MSG_NOSIGNAL);
	return 0;
}

static int complete(struct server *s, const struct io_uring_cqe *cqe)
{
	uint64_t data = io_uring_cqe_get_data64(cqe);
	unsigned i = (unsigned)(data >> 1);
	struct conn *c = &s->c[i];
	int res = cqe->res;

	if (res == -EINTR || res == -EAGAIN)
		return (data & 1) == OP_RECV ? post_recv(s, i) : post_send(s, i);
	if (res < 0)
		return job_fail(s->job, res, "connection %u: %s: %s", i,
				(data & 1) == OP_RECV ? "recv" : "send",
				strerror(-res));
	if ((data & 1) == OP_RECV) {
		if (res == 0) {
			close(s->job->conns[i]);
			s->job->calls++;
			s->job->conns[i] = -1;
			s->live--;
			return 0;
		}
		c->len = (size_t)res;
		c->off = 0;
		return post_send(s, i);
	}
	c->off += (size_t)res;
	return c->off < c->len ? post_send(s, i) : post_recv(s, i);
}

static int serve(struct server *s)
{
	struct io_uring_cqe *cqe;
	unsigned head, seen;
	int ret = 0;

	for (unsigned i = 0; i < s->job->nconns && !ret; i++)
		ret = post_recv(s, i);
	while (s->live && !ret) {
		s->job->calls++;
		ret = io_uring_submit_and_wait(&s->ring, 1);
		if (ret < 0 && ret != -EINTR)
			return job_fail(s->job, ret,
					"io_uring_submit_and_wait: %s",
					strerror(-ret));
		ret = 0;
		seen = 0;
		io_uring_for_each_cqe(&s->ring, head, cqe) {
			seen++;
			if (!ret)
				ret = complete(s, cqe);
		}
		io_uring_cq_advance(&s->ring, seen);
	}
	return ret;
}

static int uring_run(struct job *job)
{
	struct server s = { .job = job, .live = job->nconns };
	struct io_uring_params p;
	int ret;

	s.size = net_buf_size(job->o);
	s.c = calloc(job->nconns, sizeof(*s.c));
	if (!s.c)
		return job_fail(job, -ENOMEM, "connection table");
	for (unsigned i = 0; i < job->nconns; i++) {
		s.c[i].buf = malloc(s.size);
		if (!s.c[i].buf) {
			ret = job_fail(job, -ENOMEM, "buffers");
			goto out;
		}
	}
	memset(&p, 0, sizeof(p));
	ret = uring_init(job, job->nconns, &s.ring, &p);
	if (ret)
		goto out;
	ret = serve(&s);
	/* the ring goes first: it may still own buffers after a failure */
	io_uring_queue_exit(&s.ring);
out:
	for (unsigned i = 0; i < job->nconns; i++)
		free(s.c[i].buf);
	free(s.c);
	return ret;
}

const struct engine net_uring = {
	.name = "uring",
	.what = URING_LIB " io_uring, RECV then SEND per connection",
	.run = uring_run,
};
