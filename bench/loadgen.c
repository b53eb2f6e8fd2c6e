// SPDX-License-Identifier: MIT
/*
 * The load generator of the net workload: one process on the helper CPU,
 * o->conns connections, o->inflight messages in flight on each (a closed
 * loop per connection: an echo that comes back lets the next message go),
 * every echo checked byte for byte. The messages a connection may send are
 * written with one send() and its echoes read with one recv() per wake-up,
 * and one epoll_wait serves every connection, so that the generator spends
 * less per message than a server does and the server, not the generator,
 * sets the rate. It is the same for every server engine, so that the
 * servers are what differs; both sides' CPU time says which one was busy.
 *
 * Message n on connection c holds bytes derived from (c, n), so an echo that
 * comes back on the wrong connection, out of order, or altered, fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define IDLE_LIMIT_MS 5000
/* ready connections taken per epoll_wait: one call serves many */
#define GEN_EVENTS 256

struct client {
	int fd;
	uint32_t id;
	uint64_t sent_seq;	/* messages queued to send (1, 2, ...) */
	uint64_t recv_seq;	/* messages echoed and checked */
	size_t out_len, out_off;	/* obuf: bytes to send, bytes sent */
	size_t got;		/* rbuf: bytes of unchecked echo */
	uint64_t *t0;		/* send time of message seq, at seq % inflight */
	bool draining;	/* our side shut down, waiting for the server's */
	bool want_out;	/* EPOLLOUT armed */
	uint8_t *obuf, *rbuf;	/* inflight messages each */
	uint8_t *sent;		/* message seq as sent, at seq % inflight */
};

struct gen {
	const struct opts *o;
	struct loadgen_report *rep;
	struct client *c;
	int epfd;
	unsigned live;
	uint64_t start, last;
};

static int gen_fail(struct gen *g, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int gen_fail(struct gen *g, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->rep->why, sizeof(g->rep->why), fmt, ap);
	va_end(ap);
	g->rep->err = err;
	return err;
}

static void fill(uint8_t *p, size_t len, uint32_t id, uint64_t seq)
{
	uint64_t s = ((uint64_t)id << 40 ^ seq) * 0x9e3779b97f4a7c15ULL + 1;
	uint64_t v;

	for (size_t i = 0; i < len; i += 8) {
		v = rng_next(&s);
		memcpy(p + i, &v, len - i < 8 ? len - i : 8);
	}
}

static int arm(struct gen *g, struct client *c, bool out)
{
	struct epoll_event ev = {
		.events = EPOLLIN | (out ? EPOLLOUT : 0),
		.data.u32 = c->id,
	};

	if (c->want_out == out)
		return 0;
	c->want_out = out;
	if (epoll_ctl(g->epfd, EPOLL_CTL_MOD, c->fd, &ev))
		return gen_fail(g, -errno, "epoll_ctl: %s", strerror(errno));
	return 0;
}

/* Send what is queued in obuf, as far as the socket takes it. */
static int push(struct gen *g, struct client *c)
{
	ssize_t n;

	while (c->out_off < c->out_len) {
		n = send(c->fd, c->obuf + c->out_off, c->out_len - c->out_off,
			 MSG_NOSIGNAL);
		if (n < 0 && errno == EAGAIN)
			return arm(g, c, true);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return gen_fail(g, -errno, "connection %u: send: %s",
					c->id, strerror(errno));
		c->out_off += (size_t)n;
	}
	c->out_off = c->out_len = 0;
	return arm(g, c, false);
}

/*
 * Queue new messages until o->inflight are out (none once time is up, and
 * then shut our side down when the last echo is in), and send them all.
 */
static int top_up(struct gen *g, struct client *c, uint64_t now)
{
	size_t size = g->o->size;
	unsigned inflight = g->o->inflight;

	if (now >= g->start + g->o->time_ns) {
		if (c->sent_seq != c->recv_seq || c->draining)
			return 0;
		/* time is up and all is echoed: let the server see our end */
		c->draining = true;
		if (shutdown(c->fd, SHUT_WR))
			return gen_fail(g, -errno, "shutdown: %s",
					strerror(errno));
		return 0;
	}
	/* obuf has room for inflight messages; whatever was unsent stays */
	if (c->out_off) {
		memmove(c->obuf, c->obuf + c->out_off, c->out_len - c->out_off);
		c->out_len -= c->out_off;
		c->out_off = 0;
	}
	while (c->sent_seq - c->recv_seq < inflight &&
	       c->out_len + size <= inflight * size) {
		uint8_t *keep = c->sent + (c->sent_seq + 1) % inflight * size;

		/* kept until its echo is checked: made once, compared once */
		c->sent_seq++;
		fill(keep, size, c->id, c->sent_seq);
		memcpy(c->obuf + c->out_len, keep, size);
		c->out_len += size;
		c->t0[c->sent_seq % inflight] = now;
	}
	return push(g, c);
}

/* Check every whole message in rbuf; keep a partial one for later. */
static int check_echoes(struct gen *g, struct client *c, uint64_t now)
{
	size_t size = g->o->size, off = 0;
	unsigned inflight = g->o->inflight;

	for (; c->got - off >= size; off += size) {
		uint64_t seq = c->recv_seq + 1;

		if (seq > c->sent_seq)
			return gen_fail(g, -EBADMSG, "connection %u: bytes "
					"nobody sent", c->id);
		const uint8_t *want = c->sent + seq % inflight * size;

		if (memcmp(c->rbuf + off, want, size)) {
			size_t i = 0;

			while (c->rbuf[off + i] == want[i])
				i++;
			return gen_fail(g, -EBADMSG, "connection %u, message "
					"%llu: echo differs from what was sent "
					"at byte %zu", c->id,
					(unsigned long long)seq, i);
		}
		c->recv_seq = seq;
		hist_add(&g->rep->hist, now - c->t0[seq % inflight]);
		g->rep->ops++;
		g->last = now;
	}
	if (off) {
		memmove(c->rbuf, c->rbuf + off, c->got - off);
		c->got -= off;
	}
	return 0;
}

static int readable(struct gen *g, struct client *c)
{
	size_t size = g->o->size, room = (size_t)g->o->inflight * size;
	uint64_t now;
	ssize_t n;
	int ret;

	/*
	 * One recv per wake-up, like the servers: epoll is level-triggered
	 * here, so what arrives after it wakes us again, and a recv that
	 * would only say EAGAIN is never made.
	 */
	n = recv(c->fd, c->rbuf + c->got, room - c->got, 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n < 0)
		return gen_fail(g, -errno, "connection %u: recv: %s", c->id,
				strerror(errno));
	if (n == 0) {
		if (!c->draining || c->got)
			return gen_fail(g, -ECONNRESET, "connection %u: the "
					"server closed it with echoes missing",
					c->id);
		close(c->fd);
		c->fd = -1;
		g->live--;
		return 0;
	}
	c->got += (size_t)n;
	now = now_ns();
	ret = check_echoes(g, c, now);
	return ret ? ret : top_up(g, c, now);
}

static int connect_all(struct gen *g, uint16_t port)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct epoll_event ev;
	int one = 1;

	g->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (g->epfd < 0)
		return gen_fail(g, -errno, "epoll_create1: %s", strerror(errno));
	for (unsigned i = 0; i < g->o->conns; i++) {
		struct client *c = &g->c[i];

		c->id = i;
		c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (c->fd < 0)
			return gen_fail(g, -errno, "socket: %s",
					strerror(errno));
		if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)))
			return gen_fail(g, -errno, "connect to 127.0.0.1:%u: "
					"%s", port, strerror(errno));
		setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (net_set_nonblock(c->fd, true))
			return gen_fail(g, -errno, "O_NONBLOCK: %s",
					strerror(errno));
		ev.events = EPOLLIN;
		ev.data.u32 = i;
		if (epoll_ctl(g->epfd, EPOLL_CTL_ADD, c->fd, &ev))
			return gen_fail(g, -errno, "epoll_ctl: %s",
					strerror(errno));
		g->live++;
	}
	return 0;
}

static int gen_loop(struct gen *g)
{
	struct epoll_event ev[GEN_EVENTS];
	int n, ret = 0;

	g->start = g->last = now_ns();
	for (unsigned i = 0; i < g->o->conns && !ret; i++)
		ret = top_up(g, &g->c[i], g->start);
	while (!ret && g->live) {
		n = epoll_wait(g->epfd, ev, GEN_EVENTS, IDLE_LIMIT_MS);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return gen_fail(g, -errno, "epoll_wait: %s",
					strerror(errno));
		if (n == 0)
			return gen_fail(g, -ETIMEDOUT, "no echo for %d ms "
					"(server stuck?)", IDLE_LIMIT_MS);
		for (int i = 0; i < n && !ret; i++) {
			struct client *c = &g->c[ev[i].data.u32];

			if (ev[i].events & EPOLLOUT)
				ret = push(g, c);
			if (!ret && c->fd >= 0 &&
			    ev[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
				ret = readable(g, c);
		}
	}
	return ret;
}

/*
 * The generator's own CPU time: if it is near the elapsed time, the client
 * and not the server limited the rate.
 */
static uint64_t cpu_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

static int gen_main(struct gen *g, uint16_t port, int go_fd)
{
	size_t room = (size_t)g->o->size * g->o->inflight;
	uint64_t cpu0, wait0;
	char go;
	int ret;

	g->c = calloc(g->o->conns, sizeof(*g->c));
	if (!g->c)
		return gen_fail(g, -ENOMEM, "client table");
	for (unsigned i = 0; i < g->o->conns; i++) {
		g->c[i].fd = -1;
		g->c[i].obuf = malloc(room);
		g->c[i].rbuf = malloc(room);
		g->c[i].sent = malloc(room);
		g->c[i].t0 = calloc(g->o->inflight, sizeof(uint64_t));
		if (!g->c[i].obuf || !g->c[i].rbuf || !g->c[i].sent ||
		    !g->c[i].t0)
			return gen_fail(g, -ENOMEM, "message buffers");
	}
	ret = connect_all(g, port);
	if (ret)
		return ret;
	if (read(go_fd, &go, 1) != 1)
		return gen_fail(g, -EPIPE, "the server went away before go");
	cpu0 = cpu_time_ns();
	wait0 = sched_wait_ns();
	ret = gen_loop(g);
	g->rep->elapsed_ns = g->last - g->start;
	g->rep->cpu_ns = cpu_time_ns() - cpu0;
	g->rep->wait_ns = sched_wait_ns() - wait0;
	g->rep->busy_ns = now_ns() - g->start;
	return ret;
}

int loadgen_start(struct loadgen *lg, const struct opts *o, uint16_t port)
{
	int pipefd[2];
	pid_t pid;

	lg->pid = -1;
	lg->go_fd = -1;
	lg->rep = mmap(NULL, sizeof(*lg->rep), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (lg->rep == MAP_FAILED) {
		lg->rep = NULL;
		return -errno;
	}
	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -errno;
	}
	if (pid == 0) {
		struct gen g = { .o = o, .rep = lg->rep, .epfd = -1 };

		close(pipefd[1]);
		/* the parent's CPU must stay the server's alone */
		cpu_pin(o->helper_cpu, NULL);
		_exit(gen_main(&g, port, pipefd[0]) ? 1 : 0);
	}
	close(pipefd[0]);
	lg->pid = pid;
	cleanup_child(pid);	/* Ctrl-C or kill: the generator goes too */
	lg->go_fd = pipefd[1];
	return 0;
}

int loadgen_go(struct loadgen *lg)
{
	char go = 'g';

	return write(lg->go_fd, &go, 1) == 1 ? 0 : -errno;
}

int loadgen_wait(struct loadgen *lg)
{
	int status;

	if (lg->go_fd >= 0) {
		close(lg->go_fd);
		lg->go_fd = -1;
	}
	if (lg->pid <= 0)
		return -ECHILD;
	while (waitpid(lg->pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	lg->pid = -1;
	cleanup_child(0);
	if (!lg->rep->err && !(WIFEXITED(status) && !WEXITSTATUS(status))) {
		lg->rep->err = -ECHILD;
		snprintf(lg->rep->why, sizeof(lg->rep->why),
			 "the load generator died (status 0x%x)", status);
	}
	return lg->rep->err;
}

void loadgen_kill(struct loadgen *lg)
{
	/* killed on purpose: its report says only what it found itself */
	if (lg->pid > 0) {
		kill(lg->pid, SIGKILL);
		while (waitpid(lg->pid, NULL, 0) < 0 && errno == EINTR)
			;
		lg->pid = -1;
		cleanup_child(0);
	}
}

void loadgen_free(struct loadgen *lg)
{
	loadgen_kill(lg);
	if (lg->go_fd >= 0)
		close(lg->go_fd);
	if (lg->rep)
		munmap(lg->rep, sizeof(*lg->rep));
	lg->rep = NULL;
}
