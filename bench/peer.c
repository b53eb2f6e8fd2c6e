// SPDX-License-Identifier: MIT
/*
 * The liburing rows. liburing and ringzero export the same symbols, so they
 * cannot share a process: the same engine sources are built a second time
 * against liburing into ringzero-peer-liburing, which this file runs once
 * per run, with the same settings, taking turns with the in-process rows.
 * The peer measures itself exactly as we do (same meter, same workload code)
 * and answers with one line:
 *   rzpeer state=S ops=N bytes=N wall=NS user=NS sys=NS syscalls=N sc=M
 *          helper=NS wait=NS sdemand=F hdemand=F hist=BUCKET:COUNT,...
 *          why=TEXT
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

#define PEER_NAME "ringzero-peer-liburing"
#define MAX_ARGS 32

/*
 * $RINGZERO_PEER, else beside this program (the build tree), else in
 * ../libexec/ringzero/ beside it (an installed tree).
 */
static int peer_find(char *path, size_t size)
{
	static const char *const places[] = {
		"%s/" PEER_NAME,
		"%s/../libexec/ringzero/" PEER_NAME,
	};
	const char *env = getenv("RINGZERO_PEER");
	char self[PATH_MAX], *slash;
	ssize_t n;

	if (env && env[0]) {
		snprintf(path, size, "%s", env);
		return access(path, X_OK) ? -errno : 0;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return -ENOENT;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	for (size_t i = 0; i < sizeof(places) / sizeof(*places); i++) {
		if (snprintf(path, size, places[i], self) >= (int)size)
			continue;
		if (!access(path, X_OK))
			return 0;
	}
	return -ENOENT;
}

/* All of a child's stdout, NUL-terminated; NULL on failure. */
char *read_child_output(int fd)
{
	size_t len = 0, cap = 65536;
	char *buf = malloc(cap);
	ssize_t n;

	while (buf) {
		if (len + 1 == cap) {
			char *bigger = realloc(buf, cap * 2);

			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			buf[len] = '\0';
			return buf;
		}
		len += (size_t)n;
	}
	free(buf);
	return NULL;
}

static int parse_line(const char *out, struct result *r)
{
	const char *line = strstr(out, "rzpeer ");
	unsigned long long ops, bytes, wall, user, sys, sc_count, helper;
	unsigned long long wait;
	double sdemand, hdemand;
	const char *hist, *why;
	int state, sc;

	if (!line)
		return -EPROTO;
	if (sscanf(line, "rzpeer state=%d ops=%llu bytes=%llu wall=%llu "
		   "user=%llu sys=%llu syscalls=%llu sc=%d helper=%llu wait=%llu "
		   "sdemand=%lf hdemand=%lf", &state, &ops, &bytes, &wall, &user,
		   &sys, &sc_count, &sc, &helper, &wait, &sdemand,
		   &hdemand) != 12 || !(sdemand >= 0 && sdemand <= 64) ||
	    !(hdemand >= 0 && hdemand <= 64))
		return -EPROTO;
	hist = strstr(line, " hist=");
	why = strstr(line, " why=");
	if (!hist || !why || hist_decode(&r->hist, hist + 6))
		return -EPROTO;
	r->state = (enum row_state)state;
	r->ops = ops;
	r->bytes = bytes;
	r->wall_ns = wall;
	r->utime_ns = user;
	r->stime_ns = sys;
	r->syscalls = sc_count;
	r->sc = (enum sc_method)sc;
	r->helper_cpu_ns = helper;
	r->wait_ns = wait;
	r->server_demand = sdemand;
	r->helper_demand = hdemand;
	snprintf(r->why, sizeof(r->why), "%.*s", (int)strcspn(why + 5, "\n"),
		 why + 5);
	return 0;
}

void peer_run(struct lab *lab, const char *engine, unsigned batch,
	      struct result *r)
{
	char path[PATH_MAX], store[8192], *argv[MAX_ARGS], *out;
	struct opts o = lab->o;
	int pipefd[2], status, n;
	pid_t pid;

	if (peer_find(path, sizeof(path))) {
		r->state = ROW_MISSING;
		snprintf(r->why, sizeof(r->why), "no " PEER_NAME " beside "
			 "this program: install liburing-dev and rebuild "
			 "(make bench does both)");
		return;
	}
	o.batch = batch;
	o.points[0] = batch;
	o.npoints = 1;
	if (lab->path[0])
		o.file = lab->path;	/* the same file, already pinned */
	argv[0] = path;
	argv[1] = (char *)engine;
	n = opts_to_argv(&o, store, sizeof(store), argv + 2, MAX_ARGS - 3);
	if (n < 0) {
		result_set_error(r, n, "peer arguments too long");
		return;
	}
	argv[n + 2] = NULL;
	if (pipe2(pipefd, O_CLOEXEC)) {
		result_set_error(r, -errno, "pipe for the peer");
		return;
	}
	pid = fork();
	if (pid < 0) {
		result_set_error(r, -errno, "cannot fork the peer");
		close(pipefd[0]);
		close(pipefd[1]);
		return;
	}
	if (pid == 0) {
		dup2(pipefd[1], STDOUT_FILENO);
		execv(path, argv);
		_exit(127);
	}
	cleanup_child(pid);	/* Ctrl-C or kill: the peer goes too */
	close(pipefd[1]);
	out = read_child_output(pipefd[0]);
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	cleanup_child(0);
	if (!out || parse_line(out, r)) {
		r->state = ROW_FAIL;
		snprintf(r->why, sizeof(r->why), "%.120s gave no result "
			 "(exit status 0x%x)", path, status);
	}
	free(out);
}
