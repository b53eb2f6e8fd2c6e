// SPDX-License-Identifier: MIT
/*
 * echo-server.c - a TCP echo server on one io_uring.
 *
 * One multishot accept takes every connection; each connection has one
 * multishot recv that picks its buffers from a shared provided-buffer
 * ring; every received buffer is sent straight back from where it landed
 * and returns to the ring once the send is done. Nothing is copied, and in
 * the steady state the only syscall is one io_uring_enter per batch.
 *
 * Per connection, sends go out one at a time in arrival order (a short
 * send is finished before the next starts), so the echo is byte-exact. A
 * receive that finds the buffer ring empty ends with -ENOBUFS; the
 * connection then waits until a send hands a buffer back and re-arms.
 * A connection is closed once its receive has ended (end of stream or
 * error) and its last send has completed.
 *
 *   echo-server [-m plain|sqpoll|defer] [-b BUFFERS] [PORT [ADDRESS]]
 *
 * PORT 0 (the default) picks a free port; the chosen one is printed as
 * "echo-server: listening on ADDRESS port N (...)". ADDRESS defaults to
 * 127.0.0.1. SIGINT or SIGTERM stops the server cleanly (exit 0) and it
 * reports how many receives found the buffer ring empty.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ringzero.h"

#define NR_BUFS		1024		/* default buffer ring entries */
#define BUF_SIZE	4096
#define BGID		0
#define SQ_ENTRIES	256

/* @tour-begin state */
/* user_data: what the request was, and for which fd. */
enum op { OP_ACCEPT = 1, OP_RECV, OP_SEND, OP_SIGNAL };
#define UD(op, fd)	(((__u64)(op) << 32) | (__u32)(fd))
#define UD_OP(ud)	((enum op)((ud) >> 32))
#define UD_FD(ud)	((int)(__u32)(ud))

/* A received buffer waiting to be (fully) sent back. */
struct chunk {
	unsigned short bid;
	unsigned off, len;
};

struct conn {
	bool open;
	bool recv_armed;	/* a multishot recv is in flight */
	bool send_busy;		/* a send is in flight */
	bool done;		/* no more receiving: close when sends end */
	bool starved;		/* recv ended with -ENOBUFS: re-arm later */
	int next_starved;	/* next fd in the starved FIFO, or -1 */
	struct chunk *q;	/* FIFO of chunks to echo */
	unsigned qhead, qlen, qcap;
};

struct server {
	struct io_uring ring;
	struct io_uring_buf_ring *br;
	unsigned char *bufs;
	int lfd, sigfd;
	struct signalfd_siginfo si;
	struct conn *conns;	/* indexed by fd */
	int nconns;
	unsigned nbufs;		/* buffer ring entries, a power of two */
	unsigned held;		/* buffers CQEs gave us, not yet returned */
	int starved_head;	/* FIFO of connections waiting for a buffer */
	int starved_tail;
	bool stop;
	unsigned long accepted, bytes, dry;	/* dry: -ENOBUFS seen */
};
/* @tour-end state */

/* @tour-begin modes */
struct mode {
	const char *name;
	unsigned flags;
};

static const struct mode modes[] = {
	{ "plain",	0 },
	{ "sqpoll",	IORING_SETUP_SQPOLL },
	{ "defer",	IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SINGLE_ISSUER |
			IORING_SETUP_COOP_TASKRUN },
};
/* @tour-end modes */

/* An SQE, submitting what is queued first if the SQ is full. */
static struct io_uring_sqe *get_sqe(struct server *s)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&s->ring);

	while (!sqe) {
		io_uring_submit(&s->ring);
		if (s->ring.flags & IORING_SETUP_SQPOLL)
			io_uring_sqring_wait(&s->ring);
		sqe = io_uring_get_sqe(&s->ring);
	}
	return sqe;
}

/* @tour-begin arm */
static void arm_accept(struct server *s)
{
	struct io_uring_sqe *sqe = get_sqe(s);

	io_uring_prep_multishot_accept(sqe, s->lfd, NULL, NULL, SOCK_CLOEXEC);
	io_uring_sqe_set_data64(sqe, UD(OP_ACCEPT, s->lfd));
}

static void arm_recv(struct server *s, int fd)
{
	struct io_uring_sqe *sqe = get_sqe(s);

	io_uring_prep_recv_multishot(sqe, fd, NULL, 0, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	io_uring_sqe_set_buf_group(sqe, BGID);
	io_uring_sqe_set_data64(sqe, UD(OP_RECV, fd));
	s->conns[fd].recv_armed = true;
}
/* @tour-end arm */

static void arm_signal(struct server *s)
{
	struct io_uring_sqe *sqe = get_sqe(s);

	io_uring_prep_read(sqe, s->sigfd, &s->si, sizeof(s->si), 0);
	io_uring_sqe_set_data64(sqe, UD(OP_SIGNAL, s->sigfd));
}

static unsigned char *buf_addr(struct server *s, unsigned bid)
{
	return s->bufs + (size_t)bid * BUF_SIZE;
}

/* Queue a connection whose receive ran out of buffers. */
static void starve(struct server *s, int fd)
{
	struct conn *c = &s->conns[fd];

	c->starved = true;
	c->next_starved = -1;
	if (s->starved_tail >= 0)
		s->conns[s->starved_tail].next_starved = fd;
	else
		s->starved_head = fd;
	s->starved_tail = fd;
}

/* Take fd out of the starved FIFO (it is closing). */
static void unstarve(struct server *s, int fd)
{
	int *link = &s->starved_head, prev = -1;

	while (*link != fd) {
		prev = *link;
		link = &s->conns[*link].next_starved;
	}
	*link = s->conns[fd].next_starved;
	if (s->starved_tail == fd)
		s->starved_tail = prev;
	s->conns[fd].starved = false;
}

/* @tour-begin recycle */
/*
 * Re-arm the connection that has waited longest for a buffer. Only
 * connections with data waiting are parked (see on_recv), so the woken
 * one either takes a buffer, whose return wakes the next, or starves
 * again while buffers we hold are still to come back, or finds its peer
 * gone, which wakes the next at once: the chain cannot stop while anyone
 * waits. Waking them all instead would only make most fail again.
 */
static void wake_one(struct server *s)
{
	int fd = s->starved_head;

	if (fd < 0 || s->stop)
		return;
	unstarve(s, fd);
	arm_recv(s, fd);
}

/* Hand buffer bid back to the kernel; it may feed a starved connection. */
static void recycle(struct server *s, unsigned bid)
{
	io_uring_buf_ring_add(s->br, buf_addr(s, bid), BUF_SIZE,
			      (unsigned short)bid,
			      io_uring_buf_ring_mask(s->nbufs), 0);
	io_uring_buf_ring_advance(s->br, 1);
	s->held--;
	wake_one(s);
}
/* @tour-end recycle */

/* Bytes waiting in fd's receive queue (0 if unknown). */
static int pending_bytes(int fd)
{
	int n = 0;

	if (ioctl(fd, FIONREAD, &n))
		return 0;
	return n;
}

/* @tour-begin send */
static void send_head(struct server *s, int fd)
{
	struct conn *c = &s->conns[fd];
	struct chunk *ch = &c->q[c->qhead];
	struct io_uring_sqe *sqe = get_sqe(s);

	io_uring_prep_send(sqe, fd, buf_addr(s, ch->bid) + ch->off,
			   ch->len - ch->off, MSG_NOSIGNAL);
	io_uring_sqe_set_data64(sqe, UD(OP_SEND, fd));
	c->send_busy = true;
}
/* @tour-end send */

static int conn_slot(struct server *s, int fd)
{
	if (fd >= s->nconns) {
		int n = s->nconns ? s->nconns : 64;
		struct conn *grown;

		while (n <= fd)
			n *= 2;
		grown = realloc(s->conns, (size_t)n * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		memset(grown + s->nconns, 0,
		       (size_t)(n - s->nconns) * sizeof(*grown));
		s->conns = grown;
		s->nconns = n;
	}
	memset(&s->conns[fd], 0, sizeof(s->conns[fd]));
	s->conns[fd].open = true;
	return 0;
}

static int enqueue(struct conn *c, unsigned bid, unsigned len)
{
	if (c->qlen == c->qcap) {
		unsigned cap = c->qcap ? c->qcap * 2 : 8, i;
		struct chunk *q = malloc(cap * sizeof(*q));

		if (!q)
			return -ENOMEM;
		for (i = 0; i < c->qlen; i++)
			q[i] = c->q[(c->qhead + i) % c->qcap];
		free(c->q);
		c->q = q;
		c->qcap = cap;
		c->qhead = 0;
	}
	c->q[(c->qhead + c->qlen) % c->qcap] =
		(struct chunk){ (unsigned short)bid, 0, len };
	c->qlen++;
	return 0;
}

/* Close once nothing is in flight any more. */
static void maybe_close(struct server *s, int fd)
{
	struct conn *c = &s->conns[fd];

	if (!c->done || c->recv_armed || c->send_busy)
		return;
	while (c->qlen) {
		recycle(s, c->q[c->qhead].bid);
		c->qhead = (c->qhead + 1) % c->qcap;
		c->qlen--;
	}
	if (c->starved)
		unstarve(s, fd);
	free(c->q);
	c->q = NULL;
	c->open = false;
	close(fd);
}

static int on_accept(struct server *s, const struct io_uring_cqe *cqe)
{
	int ret;

	if (!(cqe->flags & IORING_CQE_F_MORE) && !s->stop)
		arm_accept(s);
	if (cqe->res < 0) {
		/* Out of fds, a connection reset before accept: go on. */
		if (cqe->res != -ECANCELED)
			fprintf(stderr, "echo-server: accept: %s\n",
				strerror(-cqe->res));
		return 0;
	}
	ret = conn_slot(s, cqe->res);
	if (ret) {
		close(cqe->res);
		return ret;
	}
	s->accepted++;
	arm_recv(s, cqe->res);
	return 0;
}

/* @tour-begin recv */
static int on_recv(struct server *s, const struct io_uring_cqe *cqe)
{
	int fd = UD_FD(cqe->user_data);
	struct conn *c = &s->conns[fd];

	if (!(cqe->flags & IORING_CQE_F_MORE))
		c->recv_armed = false;
	if (cqe->flags & IORING_CQE_F_BUFFER) {
		s->held++;
		/* A buffer with nothing in it goes straight back. */
		if (cqe->res <= 0)
			recycle(s, cqe->flags >> IORING_CQE_BUFFER_SHIFT);
	}
	if (cqe->res > 0) {
		int ret = enqueue(c, cqe->flags >> IORING_CQE_BUFFER_SHIFT,
				  (unsigned)cqe->res);

		if (ret)
			return ret;
		s->bytes += (unsigned long)cqe->res;
		if (!c->send_busy)
			send_head(s, fd);
		/* Ended although data flowed: re-arm to keep receiving. */
		if (!c->recv_armed && !s->stop)
			arm_recv(s, fd);
	} else if (cqe->res == -ENOBUFS) {
		/*
		 * The ring was empty when the kernel wanted a buffer, which
		 * it also tries after draining the socket. Park the
		 * connection only if data is really waiting and buffers we
		 * hold will come back; otherwise just re-arm: with no data
		 * it waits for some, and if we hold no buffers the kernel
		 * has them all again by now.
		 */
		s->dry++;
		if (!c->recv_armed && !c->starved && !s->stop) {
			if (s->held && pending_bytes(fd) > 0)
				starve(s, fd);
			else
				arm_recv(s, fd);
		}
	} else if (!c->recv_armed) {
		/* End of stream, reset, or cancelled: no more receiving. */
		c->done = true;
		/* If this was a woken connection, pass the wake-up on. */
		wake_one(s);
	}
	maybe_close(s, fd);
	return 0;
}
/* @tour-end recv */

/* @tour-begin sent */
static int on_send(struct server *s, const struct io_uring_cqe *cqe)
{
	int fd = UD_FD(cqe->user_data);
	struct conn *c = &s->conns[fd];
	struct chunk *ch = &c->q[c->qhead];

	c->send_busy = false;
	if (cqe->res < 0) {
		/* The peer is gone: stop receiving, which ends the recv. */
		c->done = true;
		shutdown(fd, SHUT_RDWR);
		maybe_close(s, fd);
		return 0;
	}
	ch->off += (unsigned)cqe->res;
	if (ch->off == ch->len) {
		unsigned bid = ch->bid;

		c->qhead = (c->qhead + 1) % c->qcap;
		c->qlen--;
		recycle(s, bid);
	}
	if (c->qlen)
		send_head(s, fd);
	else
		maybe_close(s, fd);
	return 0;
}
/* @tour-end sent */

static int on_signal(struct server *s, const struct io_uring_cqe *cqe)
{
	if (cqe->res < 0)
		return cqe->res;
	s->stop = true;
	return 0;
}

/* @tour-begin loop */
/* What to do with a CQE, by the op in its user_data. */
static int (*const handlers[])(struct server *, const struct io_uring_cqe *) = {
	[OP_ACCEPT]	= on_accept,
	[OP_RECV]	= on_recv,
	[OP_SEND]	= on_send,
	[OP_SIGNAL]	= on_signal,
};

static int handle(struct server *s, const struct io_uring_cqe *cqe)
{
	unsigned op = UD_OP(cqe->user_data);

	if (op >= sizeof(handlers) / sizeof(handlers[0]) || !handlers[op])
		return -EINVAL;
	return handlers[op](s, cqe);
}

static int serve(struct server *s)
{
	while (!s->stop) {
		struct io_uring_cqe *cqe;
		unsigned head, seen = 0;
		int ret = io_uring_submit_and_wait(&s->ring, 1);

		if (ret < 0 && ret != -EINTR && ret != -EAGAIN &&
		    ret != -EBUSY)
			return ret;
		io_uring_for_each_cqe(&s->ring, head, cqe) {
			ret = handle(s, cqe);
			seen++;
			if (ret) {
				io_uring_cq_advance(&s->ring, seen);
				return ret;
			}
		}
		io_uring_cq_advance(&s->ring, seen);
	}
	return 0;
}
/* @tour-end loop */

static int listen_on(const char *addr, unsigned port, unsigned *bound)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd, one = 1;

	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		return -EINVAL;
	sa.sin_port = htons((unsigned short)port);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(fd, 4096) ||
	    getsockname(fd, (struct sockaddr *)&sa, &len)) {
		int err = -errno;

		close(fd);
		return err;
	}
	*bound = ntohs(sa.sin_port);
	return fd;
}

/* Ring, buffer ring and signal fd; each step names what failed in *what. */
static int setup(struct server *s, const struct mode *m, const char **what)
{
	struct io_uring_params p = { .flags = m->flags };
	sigset_t mask;
	unsigned i;
	int ret;

	if (p.flags & IORING_SETUP_SQPOLL)
		p.sq_thread_idle = 100;
	*what = "io_uring_queue_init_params";
	ret = io_uring_queue_init_params(SQ_ENTRIES, &s->ring, &p);
	if (ret)
		return ret;
	/* @tour-begin bufring */
	*what = "provided-buffer ring (needs Linux 5.19)";
	s->br = io_uring_setup_buf_ring(&s->ring, s->nbufs, BGID, 0, &ret);
	if (!s->br)
		return ret;
	*what = "buffer memory";
	s->bufs = aligned_alloc(4096, (size_t)s->nbufs * BUF_SIZE);
	if (!s->bufs)
		return -ENOMEM;
	for (i = 0; i < s->nbufs; i++)
		io_uring_buf_ring_add(s->br, buf_addr(s, i), BUF_SIZE,
				      (unsigned short)i,
				      io_uring_buf_ring_mask(s->nbufs),
				      (int)i);
	io_uring_buf_ring_advance(s->br, (int)s->nbufs);
	/* @tour-end bufring */

	/* Signals arrive as reads of a signalfd, like any other event. */
	*what = "signalfd";
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &mask, NULL))
		return -errno;
	s->sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (s->sigfd < 0)
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static void teardown(struct server *s)
{
	int fd;

	for (fd = 0; fd < s->nconns; fd++)
		if (s->conns[fd].open) {
			close(fd);
			free(s->conns[fd].q);
		}
	free(s->conns);
	if (s->lfd >= 0)
		close(s->lfd);
	if (s->sigfd >= 0)
		close(s->sigfd);
	/* Closing the ring cancels what is still in flight. */
	if (s->br)
		io_uring_free_buf_ring(&s->ring, s->br, s->nbufs, BGID);
	if (s->ring.ring_fd >= 0)
		io_uring_queue_exit(&s->ring);
	free(s->bufs);
}

static void usage(FILE *out)
{
	fprintf(out, "Usage: echo-server [-m plain|sqpoll|defer] [-b BUFFERS] "
		"[PORT [ADDRESS]]\n"
		"TCP echo server on io_uring: multishot accept, multishot "
		"recv into a\nprovided-buffer ring, send.\n"
		"  -m MODE     ring kind (default defer: DEFER_TASKRUN)\n"
		"  -b BUFFERS  4 KiB receive buffers, a power of two "
		"(default %d)\n"
		"PORT 0 (default) picks a free port; ADDRESS defaults to "
		"127.0.0.1.\nStop with SIGINT or SIGTERM.\n", NR_BUFS);
}

struct options {
	const struct mode *mode;
	unsigned nbufs;
	unsigned long port;
	const char *addr;
};

/* 0, or 2 (bad usage, already reported), or 1 for -h (usage printed). */
static int parse_args(int argc, char **argv, struct options *o)
{
	unsigned long v;
	char *end;
	size_t i;
	int opt;

	*o = (struct options){ &modes[2], NR_BUFS, 0, "127.0.0.1" };
	while ((opt = getopt(argc, argv, "hm:b:")) != -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			return 1;
		case 'm':
			for (i = 0, o->mode = NULL;
			     i < sizeof(modes) / sizeof(modes[0]); i++)
				if (!strcmp(optarg, modes[i].name))
					o->mode = &modes[i];
			if (!o->mode) {
				fprintf(stderr, "echo-server: unknown mode "
					"'%s'\n", optarg);
				return 2;
			}
			break;
		case 'b':
			v = strtoul(optarg, &end, 10);
			if (*end || !v || v > 32768 || (v & (v - 1))) {
				fprintf(stderr, "echo-server: -b wants a power "
					"of two up to 32768, not '%s'\n",
					optarg);
				return 2;
			}
			o->nbufs = (unsigned)v;
			break;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		o->port = strtoul(argv[optind], &end, 10);
		if (*end || o->port > 65535) {
			fprintf(stderr, "echo-server: bad port '%s'\n",
				argv[optind]);
			return 2;
		}
		if (++optind < argc)
			o->addr = argv[optind++];
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct server s = { .lfd = -1, .sigfd = -1, .starved_head = -1,
			    .starved_tail = -1 };
	const char *what = "";
	struct options o;
	const struct mode *m;
	unsigned bound = 0;
	int ret;

	s.ring.ring_fd = -1;
	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret == 1 ? 0 : 2;
	m = o.mode;
	s.nbufs = o.nbufs;

	ret = setup(&s, m, &what);
	if (ret) {
		fprintf(stderr, "echo-server: %s (%s ring): %s\n", what,
			m->name, strerror(-ret));
		if (ret == -EINVAL)
			fprintf(stderr, "echo-server: the kernel may be too "
				"old for this mode; try -m plain\n");
		teardown(&s);
		return 1;
	}
	s.lfd = listen_on(o.addr, (unsigned)o.port, &bound);
	if (s.lfd < 0) {
		fprintf(stderr, "echo-server: listen on %s port %lu: %s\n",
			o.addr, o.port, strerror(-s.lfd));
		teardown(&s);
		return 1;
	}
	printf("echo-server: listening on %s port %u (%s ring, %u buffers)\n",
	       o.addr, bound, m->name, s.nbufs);
	fflush(stdout);

	arm_accept(&s);
	arm_signal(&s);
	ret = serve(&s);
	if (ret) {
		fprintf(stderr, "echo-server: %s\n", strerror(-ret));
		teardown(&s);
		return 1;
	}
	printf("echo-server: stopped after %lu connections, %lu bytes echoed, "
	       "%lu receives out of buffers\n", s.accepted, s.bytes, s.dry);
	teardown(&s);
	return 0;
}
