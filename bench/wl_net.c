// SPDX-License-Identifier: MIT
/*
 * The `net` workload: a TCP echo over loopback. The server engine runs on
 * the engine CPU and is handed o->conns accepted connections; the load
 * generator (loadgen.c) drives them from the helper CPU. Throughput and
 * latency are what the clients saw; CPU time and system calls are the
 * server's alone, since the generator is another process.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"

#define ACCEPT_TIMEOUT_MS 10000

int net_set_nonblock(int fd, bool on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -errno;
	fl = on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, fl) ? -errno : 0;
}

size_t net_buf_size(const struct opts *o)
{
	size_t size = (size_t)o->size;

	/* at least a page, at most 1 MiB: big messages arrive in pieces */
	if (size < 4096)
		return 4096;
	return size > (1U << 20) ? 1U << 20 : (size + 4095) & ~(size_t)4095;
}

int net_write_all(struct job *job, int fd, const char *buf, size_t len)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	ssize_t n;

	while (len) {
		job->calls++;
		/* MSG_NOSIGNAL: a client gone away is an error, not SIGPIPE */
		n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EAGAIN) {
			/*
			 * A full socket buffer: cannot happen in a closed
			 * loop with messages smaller than the buffer, and
			 * is waited out on this one socket if it does.
			 */
			job->calls++;
			poll(&pfd, 1, -1);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

ssize_t net_echo(struct job *job, int fd, char *buf, size_t size)
{
	ssize_t n;
	int ret;

	job->calls++;
	n = recv(fd, buf, size, 0);
	if (n < 0)
		return -errno;
	if (n == 0)
		return 0;
	ret = net_write_all(job, fd, buf, (size_t)n);
	return ret ? ret : n;
}

int net_serve(struct job *job, unsigned i, char *buf, size_t size)
{
	ssize_t n = net_echo(job, job->conns[i], buf, size);

	if (n > 0 || n == -EAGAIN || n == -EINTR)
		return 0;
	if (n < 0)
		return job_fail(job, (int)n, "connection %u: %s", i,
				strerror((int)-n));
	close(job->conns[i]);
	job->calls++;
	job->conns[i] = -1;
	return 1;
}

static int listen_loopback(uint16_t *port, unsigned backlog)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(sa);
	int fd, one = 1, ret;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(fd, (int)backlog) ||
	    getsockname(fd, (struct sockaddr *)&sa, &len)) {
		ret = -errno;
		close(fd);
		return ret;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

static int accept_all(int lfd, int *conns, unsigned n)
{
	struct pollfd pfd = { .fd = lfd, .events = POLLIN };
	int one = 1, ret;

	for (unsigned i = 0; i < n; i++) {
		/* bounded: a generator that failed to connect must not hang us */
		ret = poll(&pfd, 1, ACCEPT_TIMEOUT_MS);
		if (ret <= 0)
			return ret ? -errno : -ETIMEDOUT;
		conns[i] = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (conns[i] < 0)
			return -errno;
		setsockopt(conns[i], IPPROTO_TCP, TCP_NODELAY, &one,
			   sizeof(one));
	}
	return 0;
}

/* Called with the meter running: the clients start now. */
static int go(struct job *job)
{
	int ret = loadgen_go(job->go_arg);

	return ret ? job_fail(job, ret, "cannot start the load generator")
		   : 0;
}

/* wanted / (span - stolen), the stolen part at most nine tenths. */
static double demand(uint64_t wanted, uint64_t span, uint64_t stolen)
{
	if (stolen > span / 10 * 9)
		stolen = span / 10 * 9;
	return span ? (double)wanted / (double)(span - stolen) : 0;
}

static void net_run(struct lab *lab, const struct engine *e, unsigned batch,
		    struct result *r)
{
	struct job job = {
		.o = &lab->o,
		.batch = batch,
		.fd = -1,
		.nconns = lab->o.conns,
		.hist = &r->hist,
	};
	struct loadgen lg = { .pid = -1, .go_fd = -1 };
	int lfd = -1, ret;
	uint16_t port = 0;
	uint64_t steal_srv, steal_gen;
	cpu_set_t saved;
	struct result server;

	job.conns = malloc(job.nconns * sizeof(int));
	if (!job.conns) {
		result_set_error(r, -ENOMEM, "connection table");
		return;
	}
	for (unsigned i = 0; i < job.nconns; i++)
		job.conns[i] = -1;
	lfd = listen_loopback(&port, job.nconns);
	if (lfd < 0) {
		result_set_error(r, lfd, "cannot listen on 127.0.0.1");
		goto out;
	}
	ret = loadgen_start(&lg, &lab->o, port);
	if (ret) {
		result_set_error(r, ret, "cannot start the load generator");
		goto out;
	}
	ret = accept_all(lfd, job.conns, job.nconns);
	if (ret) {
		loadgen_kill(&lg);
		result_set_error(r, ret, lg.rep->err ? lg.rep->why :
				 "accepting the generator's connections");
		goto out;
	}
	ret = cpu_pin(lab->o.cpus[0], &saved);
	if (ret) {
		result_set_error(r, ret, "cannot pin to the engine's CPU");
		goto out;
	}
	result_reset(&server);
	steal_srv = cpu_steal_ns(lab->o.cpus, lab->o.ncpus);
	steal_gen = cpu_steal_ns(&lab->o.helper_cpu, 1);
	job.go = go;
	job.go_arg = &lg;
	ret = run_measured(e, &job, &server);
	cpu_restore(&saved);
	/* the server's failure first: it explains the client's */
	for (unsigned i = 0; i < job.nconns; i++)
		if (job.conns[i] >= 0) {
			close(job.conns[i]);
			job.conns[i] = -1;
		}
	if (ret) {
		loadgen_kill(&lg);
		result_set_error(r, ret, job.why);
		goto out;
	}
	ret = loadgen_wait(&lg);
	if (ret) {
		result_set_error(r, ret, lg.rep->why);
		goto out;
	}
	/* rate and latency from the clients, costs from the server */
	r->ops = lg.rep->ops;
	r->wall_ns = lg.rep->elapsed_ns;
	r->helper_cpu_ns = lg.rep->cpu_ns;
	r->wait_ns = server.wait_ns;
	/*
	 * Each side over its own span (the server's run, the generator's),
	 * less the time the hypervisor took its CPU away.
	 */
	steal_srv = cpu_steal_ns(lab->o.cpus, lab->o.ncpus) - steal_srv;
	steal_gen = cpu_steal_ns(&lab->o.helper_cpu, 1) - steal_gen;
	r->server_demand = demand(server.utime_ns + server.stime_ns +
				  server.wait_ns, server.wall_ns * lab->o.ncpus,
				  steal_srv);
	r->helper_demand = demand(lg.rep->cpu_ns + lg.rep->wait_ns,
				  lg.rep->busy_ns, steal_gen);
	r->bytes = r->ops * lab->o.size;
	r->utime_ns = server.utime_ns;
	r->stime_ns = server.stime_ns;
	r->syscalls = server.syscalls;
	r->sc = server.sc;
	hist_merge(&r->hist, &lg.rep->hist);
out:
	loadgen_free(&lg);
	if (lfd >= 0)
		close(lfd);
	for (unsigned i = 0; i < job.nconns; i++)
		if (job.conns[i] >= 0)
			close(job.conns[i]);
	free(job.conns);
}

/*
 * A machine without working loopback TCP (a kernel without IPv4, a VM guest
 * whose lo is down) skips the workload: one test connection says which.
 */
static int net_setup(struct lab *lab)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int lfd, cfd = -1, ret = 0;
	uint16_t port = 0;

	lfd = listen_loopback(&port, 1);
	if (lfd < 0) {
		ret = lfd;
	} else {
		sa.sin_port = htons(port);
		cfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (cfd < 0 || connect(cfd, (struct sockaddr *)&sa, sizeof(sa)))
			ret = -errno;
	}
	if (cfd >= 0)
		close(cfd);
	if (lfd >= 0)
		close(lfd);
	if (!ret)
		return 0;
	snprintf(lab->why, sizeof(lab->why), "no loopback TCP here: %s",
		 strerror(-ret));
	return ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL ||
	       ret == -ENETUNREACH ? -EOPNOTSUPP : ret;
}

static void net_teardown(struct lab *lab)
{
	(void)lab;
}

const struct workload wl_net = {
	.name = "net",
	.about = "loopback TCP echo, one load generator on the other CPU",
	.unit = "echo",
	.setup = net_setup,
	.run = net_run,
	.teardown = net_teardown,
};
