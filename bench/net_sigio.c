// SPDX-License-Identifier: MIT
/*
 * net engine "sigio": signal-driven I/O. Each socket gets O_ASYNC, an owner
 * (this thread) and a real-time signal (F_SETSIG), so the kernel queues a
 * signal carrying the ready descriptor in si_fd; the thread blocks the
 * signal and collects it with sigwaitinfo(2), then drains that socket.
 * Signals say "something happened", like an edge trigger, so each socket is
 * read until EAGAIN. If the real-time queue overflows the kernel sends plain
 * SIGIO instead, and every socket is swept.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

struct sigio {
	struct job *job;
	char *buf;
	size_t size;
	unsigned live;
	unsigned *index;	/* file descriptor -> connection */
	int maxfd;
};

/* Echo everything readable on connection i. */
static int drain(struct sigio *s, unsigned i)
{
	struct job *job = s->job;
	ssize_t n;

	if (job->conns[i] < 0)
		return 0;	/* a late signal for a closed socket */
	for (;;) {
		n = net_echo(job, job->conns[i], s->buf, s->size);
		if (n == -EAGAIN)
			return 0;
		if (n == -EINTR || n > 0)
			continue;
		if (n < 0)
			return job_fail(job, (int)n, "connection %u: %s", i,
					strerror((int)-n));
		close(job->conns[i]);
		job->calls++;
		job->conns[i] = -1;
		s->live--;
		return 0;
	}
}

static int sweep(struct sigio *s)
{
	int ret = 0;

	for (unsigned i = 0; i < s->job->nconns && !ret; i++)
		ret = drain(s, i);
	return ret;
}

static int arm(struct job *job, int fd, int sig)
{
	struct f_owner_ex owner = { .type = F_OWNER_TID, .pid = gettid() };
	int fl;

	job->calls += 4;
	if (fcntl(fd, F_SETOWN_EX, &owner) || fcntl(fd, F_SETSIG, sig))
		return -errno;
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_ASYNC | O_NONBLOCK))
		return -errno;
	return 0;
}

static int serve(struct sigio *s, const sigset_t *set, int sig)
{
	struct job *job = s->job;
	siginfo_t si;
	int ret;

	/* bytes that came before O_ASYNC was on raised no signal */
	ret = sweep(s);
	while (s->live && !ret) {
		job->calls++;
		if (sigwaitinfo(set, &si) < 0) {
			if (errno == EINTR)
				continue;
			return job_fail(job, -errno, "sigwaitinfo: %s",
					strerror(errno));
		}
		if (si.si_signo != sig) {
			ret = sweep(s);	/* SIGIO: the queue overflowed */
			continue;
		}
		/* only input matters; POLLOUT signals come as space frees */
		if (si.si_fd < 0 || si.si_fd > s->maxfd ||
		    !(si.si_band & (POLLIN | POLLHUP | POLLERR)))
			continue;
		ret = drain(s, s->index[si.si_fd]);
	}
	return ret;
}

static int sigio_run(struct job *job)
{
	struct sigio s = { .job = job, .live = job->nconns, .maxfd = -1 };
	int sig = SIGRTMIN + 1, ret = 0;
	struct timespec zero = { 0, 0 };
	sigset_t set, old;

	s.size = net_buf_size(job->o);
	for (unsigned i = 0; i < job->nconns; i++)
		if (job->conns[i] > s.maxfd)
			s.maxfd = job->conns[i];
	s.buf = malloc(s.size);
	s.index = calloc((size_t)s.maxfd + 1, sizeof(*s.index));
	if (!s.buf || !s.index) {
		free(s.buf);
		free(s.index);
		return job_fail(job, -ENOMEM, "buffers");
	}
	for (unsigned i = 0; i < job->nconns; i++)
		s.index[job->conns[i]] = i;
	/* blocked, so they queue for sigwaitinfo instead of running handlers */
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigaddset(&set, SIGIO);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	for (unsigned i = 0; i < job->nconns && !ret; i++) {
		ret = arm(job, job->conns[i], sig);
		if (ret)
			job_fail(job, ret, "fcntl O_ASYNC/F_SETSIG: %s",
				 strerror(-ret));
	}
	if (!ret)
		ret = serve(&s, &set, sig);
	/*
	 * Once unblocked, an unhandled real-time signal kills the process:
	 * sockets still open (after a failure) must stop raising them, and
	 * none may stay queued.
	 */
	for (unsigned i = 0; i < job->nconns; i++) {
		int fl;

		if (job->conns[i] < 0)
			continue;
		fl = fcntl(job->conns[i], F_GETFL);
		if (fl >= 0)
			fcntl(job->conns[i], F_SETFL, fl & ~O_ASYNC);
	}
	while (sigtimedwait(&set, NULL, &zero) > 0)
		;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	free(s.buf);
	free(s.index);
	return ret;
}

const struct engine net_sigio = {
	.name = "sigio",
	.what = "O_ASYNC + F_SETSIG real-time signals, sigwaitinfo, recv + send",
	.run = sigio_run,
};
