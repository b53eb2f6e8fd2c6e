// SPDX-License-Identifier: MIT
/*
 * net engine "uring-multishot": io_uring as its authors suggest for
 * servers. One multishot RECV per connection stays armed and posts a
 * completion per arrival, the kernel picking a buffer from a provided buffer
 * ring; the buffer is echoed with a SEND and handed back to the ring when
 * the send completes. The ring is SINGLE_ISSUER | DEFER_TASKRUN, so
 * completion work runs only when this thread enters the kernel to wait,
 * its fd is registered (no file lookup per io_uring_enter), and every
 * completion there is is reaped in one pass before the next enter.
 * Needs Linux 6.1 (DEFER_TASKRUN; multishot RECV 6.0, buffer rings 5.19).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "uring.h"

#define BGID 0
#define NO_BUF 0xffffU

enum { OP_RECV, OP_SEND };

/*
 * A connection's echoes go out in order, one SEND in flight at a time:
 * buffers that arrive meanwhile wait in a list threaded through next[].
 */
struct conn {
	uint16_t sending;	/* buffer being sent, or NO_BUF */
	uint16_t head, tail;	/* buffers waiting to be sent */
	size_t off;		/* bytes of `sending` sent so far */
	bool eof;		/* the client is done: close when idle */
};

struct server {
	struct io_uring ring;
	struct io_uring_buf_ring *br;
	size_t br_size;
	char *bufs;
	size_t size;		/* one buffer */
	unsigned nbufs;
	uint16_t *next;		/* per buffer: the next one waiting */
	uint32_t *len;		/* per buffer: bytes received into it */
	struct conn *c;
	struct job *job;
	unsigned live;
};

static struct io_uring_sqe *sqe_for(struct server *s, unsigned i, int op)
{
	/* at most a RECV and a SEND per connection: the SQ has room */
	struct io_uring_sqe *sqe = io_uring_get_sqe(&s->ring);

	if (!sqe) {
		job_fail(s->job, -EBUSY, "submission queue full");
		return NULL;
	}
	io_uring_sqe_set_data64(sqe, (uint64_t)i << 1 | (unsigned)op);
	return sqe;
}

static int arm_recv(struct server *s, unsigned i)
{
	struct io_uring_sqe *sqe = sqe_for(s, i, OP_RECV);

	if (!sqe)
		return -EBUSY;
	io_uring_prep_recv_multishot(sqe, s->job->conns[i], NULL, 0, 0);
	io_uring_sqe_set_flags(sqe, IOSQE_BUFFER_SELECT);
	sqe->buf_group = BGID;
	return 0;
}

static int post_send(struct server *s, unsigned i)
{
	struct io_uring_sqe *sqe = sqe_for(s, i, OP_SEND);
	struct conn *c = &s->c[i];
	uint16_t bid = c->sending;

	if (!sqe)
		return -EBUSY;
	io_uring_prep_send(sqe, s->job->conns[i],
			   s->bufs + (size_t)bid * s->size + c->off,
			   s->len[bid] - c->off, MSG_NOSIGNAL);
	return 0;
}

static void recycle(struct server *s, uint16_t bid)
{
	io_uring_buf_ring_add(s->br, s->bufs + (size_t)bid * s->size,
			      (unsigned)s->size, bid,
			      io_uring_buf_ring_mask(s->nbufs), 0);
	io_uring_buf_ring_advance(s->br, 1);
}

static void close_conn(struct server *s, unsigned i)
{
	close(s->job->conns[i]);
	s->job->calls++;
	s->job->conns[i] = -1;
	s->live--;
}

/* Start sending the next waiting buffer, if idle; close after the last. */
static int kick(struct server *s, unsigned i)
{
	struct conn *c = &s->c[i];

	if (c->sending != NO_BUF)
		return 0;
	if (c->head == NO_BUF) {
		if (c->eof)
			close_conn(s, i);
		return 0;
	}
	c->sending = c->head;
	c->head = s->next[c->head];
	if (c->head == NO_BUF)
		c->tail = NO_BUF;
	c->off = 0;
	return post_send(s, i);
}

static int received(struct server *s, unsigned i, const struct io_uring_cqe *cqe)
{
	struct conn *c = &s->c[i];
	uint16_t bid;
	int res = cqe->res;

	if (res > 0) {
		if (!(cqe->flags & IORING_CQE_F_BUFFER))
			return job_fail(s->job, -EPROTO, "connection %u: RECV "
					"completed without a buffer", i);
		bid = (uint16_t)(cqe->flags >> IORING_CQE_BUFFER_SHIFT);
		s->len[bid] = (uint32_t)res;
		s->next[bid] = NO_BUF;
		if (c->tail == NO_BUF)
			c->head = bid;
		else
			s->next[c->tail] = bid;
		c->tail = bid;
	} else if (res == 0) {
		c->eof = true;
	} else if (res != -ENOBUFS && res != -EINTR && res != -EAGAIN) {
		return job_fail(s->job, res, "connection %u: recv: %s", i,
				strerror(-res));
	}
	/*
	 * The kernel ends a multishot RECV at end of stream, on an error, or
	 * when the buffer ring ran dry (-ENOBUFS): re-arm unless finished.
	 */
	if (!(cqe->flags & IORING_CQE_F_MORE) && !c->eof) {
		int ret = arm_recv(s, i);

		if (ret)
			return ret;
	}
	return kick(s, i);
}

static int sent(struct server *s, unsigned i, int res)
{
	struct conn *c = &s->c[i];
	uint16_t bid = c->sending;

	if (res == -EINTR || res == -EAGAIN)
		return post_send(s, i);
	if (res < 0)
		return job_fail(s->job, res, "connection %u: send: %s", i,
				strerror(-res));
	c->off += (size_t)res;
	if (c->off < s->len[bid])
		return post_send(s, i);
	recycle(s, bid);
	c->sending = NO_BUF;
	return kick(s, i);
}

static int serve(struct server *s)
{
	struct io_uring_cqe *cqe;
	unsigned head, seen;
	int ret = 0;

	for (unsigned i = 0; i < s->job->nconns && !ret; i++)
		ret = arm_recv(s, i);
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
			uint64_t data = io_uring_cqe_get_data64(cqe);
			unsigned i = (unsigned)(data >> 1);

			seen++;
			if (ret)
				continue;
			if ((data & 1) == OP_RECV)
				ret = received(s, i, cqe);
			else
				ret = sent(s, i, cqe->res);
		}
		io_uring_cq_advance(&s->ring, seen);
	}
	return ret;
}

static int setup_bufs(struct server *s)
{
	struct io_uring_buf_reg reg;
	int ret;

	/* enough that a closed loop never runs dry; a power of two */
	s->nbufs = 64;
	while (s->nbufs < 4 * s->job->nconns && s->nbufs < 32768)
		s->nbufs <<= 1;
	s->br_size = s->nbufs * sizeof(struct io_uring_buf);
	/* the ring must be page aligned: mmap gives that */
	s->br = mmap(NULL, s->br_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s->br == MAP_FAILED) {
		s->br = NULL;
		return job_fail(s->job, -ENOMEM, "buffer ring");
	}
	s->bufs = malloc((size_t)s->nbufs * s->size);
	s->next = calloc(s->nbufs, sizeof(*s->next));
	s->len = calloc(s->nbufs, sizeof(*s->len));
	if (!s->bufs || !s->next || !s->len)
		return job_fail(s->job, -ENOMEM, "buffers");
	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (uint64_t)(uintptr_t)s->br;
	reg.ring_entries = s->nbufs;
	reg.bgid = BGID;
	s->job->calls++;
	ret = io_uring_register_buf_ring(&s->ring, &reg, 0);
	if (ret == -EINVAL)
		return job_fail(s->job, -EOPNOTSUPP, "the kernel has no "
				"provided buffer rings (needs 5.19)");
	if (ret)
		return job_fail(s->job, ret, "io_uring_register_buf_ring: %s",
				strerror(-ret));
	io_uring_buf_ring_init(s->br);
	for (unsigned b = 0; b < s->nbufs; b++)
		io_uring_buf_ring_add(s->br, s->bufs + (size_t)b * s->size,
				      (unsigned)s->size, (unsigned short)b,
				      io_uring_buf_ring_mask(s->nbufs),
				      (int)b);
	io_uring_buf_ring_advance(s->br, (int)s->nbufs);
	return 0;
}

static int multishot_run(struct job *job)
{
	struct server s = { .job = job, .live = job->nconns };
	struct io_uring_params p;
	int ret;

	s.size = net_buf_size(job->o);
	s.c = calloc(job->nconns, sizeof(*s.c));
	if (!s.c)
		return job_fail(job, -ENOMEM, "connection table");
	for (unsigned i = 0; i < job->nconns; i++)
		s.c[i] = (struct conn){ NO_BUF, NO_BUF, NO_BUF, 0, false };
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
	ret = uring_init(job, 2 * job->nconns, &s.ring, &p);
	if (ret)
		goto out;
	/*
	 * The ring's fd registered with itself: io_uring_enter then skips
	 * the file lookup (fget/fput) on every call. A kernel before 5.18
	 * says -EINVAL and the loop runs without it.
	 */
	job->calls++;
	ret = io_uring_register_ring_fd(&s.ring);
	if (ret < 0 && ret != -EINVAL) {
		job_fail(job, ret, "io_uring_register_ring_fd: %s",
			 strerror(-ret));
		io_uring_queue_exit(&s.ring);
		goto out;
	}
	ret = setup_bufs(&s);
	if (!ret)
		ret = serve(&s);
	/* the ring goes first: it may still own buffers after a failure */
	io_uring_queue_exit(&s.ring);
out:
	if (s.br)
		munmap(s.br, s.br_size);
	free(s.bufs);
	free(s.next);
	free(s.len);
	free(s.c);
	return ret;
}

const struct engine net_uring_multishot = {
	.name = "uring-multishot",
	.what = URING_LIB " io_uring, multishot RECV, buffer ring, "
		"DEFER_TASKRUN",
	.run = multishot_run,
};
