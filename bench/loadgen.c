// SPDX-License-Identifier: MIT
/*
 * The load generator of the net workload: one process on the helper CPU,
 * o->conns connections, one message in flight on each (a closed loop), every
 * echo checked byte for byte. It is deliberately one plain epoll loop, the
 * same for every server engine, so that the servers are what differs.
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

struct client {
	int fd;
	uint32_t id;
	uint64_t seq;
	size_t sent, got;
	uint64_t t0;
	bool draining;	/* shut down for writing, waiting for the server's end */
	bool want_out;	/* EPOLLOUT armed */
	uint8_t *expect, *rbuf;
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

static int push(struct gen *g, struct client *c)
{
	size_t size = g->o->size;
	ssize_t n;

	while (c->sent < size) {
		n = send(c->fd, c->expect + c->sent, size - c->sent,
			 MSG_NOSIGNAL);
		if (n < 0 && errno == EAGAIN)
			return arm(g, c, true);
		if (n < 0)
			return gen_fail(g, -errno, "connection %u: send: %s",
					c->id, strerror(errno));
		c->sent += (size_t)n;
	}
	return arm(g, c, false);
}

static int next_message(struct gen *g, struct client *c, uint64_t now)
{
	c->seq++;
	c->sent = c->got = 0;
	c->t0 = now;
	fill(c->expect, g->o->size, c->id, c->seq);
	return push(g, c);
}

static int echoed(struct gen *g, struct client *c)
{
	uint64_t now = now_ns();
	size_t size = g->o->size;

	for (size_t i = 0; i < size; i++)
		if (c->rbuf[i] != c->expect[i])
			return gen_fail(g, -EBADMSG,
					"connection %u, message %llu: echo "
					"differs from what was sent at byte %zu",
					c->id, (unsigned long long)c->seq, i);
	hist_add(&g->rep->hist, now - c->t0);
	g->rep->ops++;
	g->last = now;
	if (now < g->start + g->o->time_ns)
		return next_message(g, c, now);
	/* time is up: no new message, let the server see our end */
	c->draining = true;
	if (shutdown(c->fd, SHUT_WR))
		return gen_fail(g, -errno, "shutdown: %s", strerror(errno));
	return 0;
}

static int readable(struct gen *g, struct client *c)
{
	size_t size = g->o->size;
	ssize_t n;

	for (;;) {
		if (c->draining) {
			uint8_t extra;

			n = recv(c->fd, &extra, 1, 0);
			if (n > 0)
				return gen_fail(g, -EBADMSG, "connection %u: "
						"bytes nobody sent", c->id);
		} else {
			n = recv(c->fd, c->rbuf + c->got, size - c->got, 0);
		}
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n < 0)
			return gen_fail(g, -errno, "connection %u: recv: %s",
					c->id, strerror(errno));
		if (n == 0) {
			if (!c->draining)
				return gen_fail(g, -ECONNRESET, "connection %u:"
						" the server closed it in the "
						"middle of a message", c->id);
			close(c->fd);
			c->fd = -1;
			g->live--;
			return 0;
		}
		c->got += (size_t)n;
		if (c->got == size) {
			int ret = echoed(g, c);

			if (ret || c->draining)
				return ret;
		}
	}
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
	struct epoll_event ev[64];
	int n, ret = 0;

	g->start = g->last = now_ns();
	for (unsigned i = 0; i < g->o->conns && !ret; i++)
		ret = next_message(g, &g->c[i], g->start);
	while (!ret && g->live) {
		n = epoll_wait(g->epfd, ev, 64, IDLE_LIMIT_MS);
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

static int gen_main(struct gen *g, uint16_t port, int go_fd)
{
	size_t size = g->o->size;
	char go;
	int ret;

	g->c = calloc(g->o->conns, sizeof(*g->c));
	if (!g->c)
		return gen_fail(g, -ENOMEM, "client table");
	for (unsigned i = 0; i < g->o->conns; i++) {
		g->c[i].fd = -1;
		g->c[i].expect = malloc(size + 8);
		g->c[i].rbuf = malloc(size + 8);
		if (!g->c[i].expect || !g->c[i].rbuf)
			return gen_fail(g, -ENOMEM, "message buffers");
	}
	ret = connect_all(g, port);
	if (ret)
		return ret;
	if (read(go_fd, &go, 1) != 1)
		return gen_fail(g, -EPIPE, "the server went away before go");
	ret = gen_loop(g);
	g->rep->elapsed_ns = g->last - g->start;
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
		cpu_pin(o->cpu[1], NULL);
		_exit(gen_main(&g, port, pipefd[0]) ? 1 : 0);
	}
	close(pipefd[0]);
	lg->pid = pid;
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
