// SPDX-License-Identifier: MIT
/*
 * Description: the echo-server example under load, on each ring mode it
 * offers (plain, SQPOLL, DEFER_TASKRUN): 200 clients at once on
 * 127.0.0.1 stream data through it and get every byte back unchanged and
 * in order, while the server (given only 16 buffers) runs its buffer ring
 * dry again and again and recovers each time; then thousands of short
 * connections come and go, some closing without reading the echo, some
 * with a reset; the server keeps answering, and SIGTERM stops it with
 * exit status 0.
 */
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include "ringmodes.h"
#include "sockets.h"

#define NCLIENTS	200

struct client {
	int fd;
	unsigned seed;
	size_t sent, rcvd;
};

static char server_path[512];

static void find_server(const char *argv0)
{
	const char *build = getenv("RZ_BUILD");

	if (build && *build) {
		snprintf(server_path, sizeof(server_path),
			 "%s/examples/echo-server", build);
	} else {
		/* BUILD/test/echo-server -> BUILD/examples/echo-server */
		const char *slash = strrchr(argv0, '/');
		int dir = slash ? (int)(slash - argv0) : 1;

		snprintf(server_path, sizeof(server_path),
			 "%.*s/../examples/echo-server", dir,
			 slash ? argv0 : ".");
	}
	if (access(server_path, X_OK))
		FAIL("echo server %s: %s (build the examples first)",
		     server_path, strerror(errno));
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Start the server in mode; its stdout's first line names the port. */
static pid_t start_server(const char *mode, int *out_fd, unsigned short *port)
{
	char line[256];
	struct pollfd pfd;
	size_t len = 0;
	int pfds[2];
	pid_t pid;

	CHECK_SYS(pipe(pfds));
	pid = fork();
	CHECK_SYS(pid);
	if (pid == 0) {
		dup2(pfds[1], 1);
		close(pfds[0]);
		close(pfds[1]);
		execl(server_path, server_path, "-m", mode, "-b", "16", "0",
		      (char *)NULL);
		_exit(127);
	}
	close(pfds[1]);
	pfd.fd = pfds[0];
	pfd.events = POLLIN;
	while (!memchr(line, '\n', len)) {
		ssize_t n;

		if (poll(&pfd, 1, 10000) != 1)
			FAIL("echo server (%s) printed no port in 10 s", mode);
		n = read(pfds[0], line + len, sizeof(line) - 1 - len);
		if (n <= 0)
			FAIL("echo server (%s) exited before listening", mode);
		len += (size_t)n;
	}
	line[len] = 0;
	{
		const char *p = strstr(line, " port ");
		unsigned v;

		if (!p || sscanf(p, " port %u", &v) != 1 || !v || v > 65535)
			FAIL("cannot find the port in '%s'", line);
		*port = (unsigned short)v;
	}
	*out_fd = pfds[0];
	return pid;
}

/* One echo on a fresh connection, checked byte for byte. */
static void echo_once(unsigned short port, unsigned seed, size_t len)
{
	unsigned char out[512], in[512];
	struct timeval tv = { 5, 0 };
	size_t got = 0;
	int fd = t_tcp_connect(port);

	CHECK_SYS(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	t_fill(out, len, seed, 0);
	CHECK_EQ(send(fd, out, len, MSG_NOSIGNAL), (ssize_t)len);
	while (got < len) {
		ssize_t n = read(fd, in + got, len - got);

		if (n <= 0)
			FAIL("echo of %zu bytes: read returned %zd (%s)", len,
			     n, n < 0 ? strerror(errno) : "end of stream");
		got += (size_t)n;
	}
	t_check_bytes(in, len, seed, 0);
	close(fd);
}

/* NCLIENTS concurrent streams of total bytes each, all echoed exactly. */
static void concurrent(unsigned short port, size_t total)
{
	static struct client cl[NCLIENTS];
	static unsigned char buf[16384];
	struct epoll_event ev, evs[64];
	double deadline = now() + 120;
	int epfd = epoll_create1(EPOLL_CLOEXEC), done = 0, i;

	CHECK_SYS(epfd);
	for (i = 0; i < NCLIENTS; i++) {
		struct sockaddr_in a = t_loopback(port);

		cl[i] = (struct client){ .seed = 1000u + (unsigned)i };
		cl[i].fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK |
				  SOCK_CLOEXEC, 0);
		CHECK_SYS(cl[i].fd);
		if (connect(cl[i].fd, (struct sockaddr *)&a, sizeof(a)) &&
		    errno != EINPROGRESS)
			FAIL("connect client %d: %s", i, strerror(errno));
		ev.events = EPOLLIN | EPOLLOUT;
		ev.data.u32 = (unsigned)i;
		CHECK_SYS(epoll_ctl(epfd, EPOLL_CTL_ADD, cl[i].fd, &ev));
	}
	while (done < NCLIENTS) {
		int n = epoll_wait(epfd, evs, 64, 1000), k;

		CHECK_SYS(n);
		if (now() > deadline)
			FAIL("%d of %d clients still incomplete after 120 s",
			     NCLIENTS - done, NCLIENTS);
		for (k = 0; k < n; k++) {
			struct client *c = &cl[evs[k].data.u32];

			if (evs[k].events & EPOLLERR)
				FAIL("client %u: socket error",
				     evs[k].data.u32);
			if ((evs[k].events & EPOLLOUT) && c->sent < total) {
				/* Writes of varying size, 1 to 16 KiB. */
				size_t len = 1 + (c->sent * 7 + c->seed) %
						 sizeof(buf);
				ssize_t w;

				if (len > total - c->sent)
					len = total - c->sent;
				t_fill(buf, len, c->seed, c->sent);
				w = send(c->fd, buf, len, MSG_NOSIGNAL);
				if (w < 0 && errno != EAGAIN)
					FAIL("client send: %s",
					     strerror(errno));
				if (w > 0)
					c->sent += (size_t)w;
				if (c->sent == total) {
					ev.events = EPOLLIN;
					ev.data.u32 = evs[k].data.u32;
					CHECK_SYS(epoll_ctl(epfd,
							    EPOLL_CTL_MOD,
							    c->fd, &ev));
				}
			}
			if (evs[k].events & (EPOLLIN | EPOLLHUP)) {
				ssize_t r = read(c->fd, buf, sizeof(buf));

				if (r < 0 && errno == EAGAIN)
					continue;
				if (r <= 0)
					FAIL("client %u: read %zd after %zu "
					     "of %zu bytes", evs[k].data.u32,
					     r, c->rcvd, total);
				t_check_bytes(buf, (size_t)r, c->seed,
					      c->rcvd);
				c->rcvd += (size_t)r;
				CHECK(c->rcvd <= c->sent);
				if (c->rcvd == total) {
					close(c->fd);
					done++;
				}
			}
		}
	}
	close(epfd);
}

/* Short connections: normal, abandoned without reading, reset. */
static void churn(unsigned short port, unsigned cycles)
{
	unsigned i;

	for (i = 0; i < cycles; i++) {
		size_t len = 1 + i % 300;

		if (i % 5 == 1) {
			/* Send and leave at once: the echo has no reader. */
			unsigned char out[300];
			int fd = t_tcp_connect(port);

			t_fill(out, len, i, 0);
			CHECK_EQ(send(fd, out, len, MSG_NOSIGNAL),
				 (ssize_t)len);
			close(fd);
		} else if (i % 7 == 2) {
			/* Connect and reset without a word. */
			struct linger lg = { 1, 0 };
			int fd = t_tcp_connect(port);

			CHECK_SYS(setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg,
					     sizeof(lg)));
			close(fd);
		} else {
			echo_once(port, i, len);
		}
	}
}

static void stop_server(pid_t pid, int out_fd, const char *mode)
{
	char rest[512];
	ssize_t n;
	int status, waited;

	CHECK_SYS(kill(pid, SIGTERM));
	for (waited = 0; waitpid(pid, &status, WNOHANG) == 0; waited++) {
		if (waited > 1000)
			FAIL("echo server (%s) still running 10 s after "
			     "SIGTERM", mode);
		usleep(10000);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		FAIL("echo server (%s) ended with status %#x, expected "
		     "exit 0", mode, status);
	n = read(out_fd, rest, sizeof(rest) - 1);
	rest[n > 0 ? n : 0] = 0;
	if (!strstr(rest, "stopped after"))
		FAIL("echo server (%s) did not report a clean stop: '%s'",
		     mode, rest);
	printf("%s", rest);
	/*
	 * With 16 buffers for 200 clients the ring usually runs dry and the
	 * server recovers from -ENOBUFS, but whether it does is a matter of
	 * scheduling (a DEFER_TASKRUN server that keeps up never does), so
	 * the count is reported, not required. The -ENOBUFS path and the
	 * recovery after refilling are asserted deterministically by the
	 * buffer-ring tests; here the stream checks above are what must hold.
	 */
	if (!strstr(rest, "echoed, "))
		FAIL("no buffer statistics in '%s'", rest);
	close(out_fd);
}

int main(int argc, char **argv)
{
	size_t total = t_loops(64 << 10, 8 << 10);
	unsigned cycles = t_loops(3000, 300);
	size_t m;

	(void)argc;
	t_init(argv[0]);
	find_server(argv[0]);
	signal(SIGPIPE, SIG_IGN);
	for (m = 0; m < sizeof(t_ring_modes) / sizeof(t_ring_modes[0]); m++) {
		const char *mode = t_ring_modes[m].name;
		unsigned short port;
		int out_fd;
		pid_t pid = start_server(mode, &out_fd, &port);
		char name[128];

		snprintf(name, sizeof(name), "echo-server[%s]", mode);
		t_name = name;
		echo_once(port, 1, 100);
		concurrent(port, total);
		churn(port, cycles);
		echo_once(port, 2, 200);	/* still serving */
		stop_server(pid, out_fd, mode);
	}
	return T_EXIT_PASS;
}
