// SPDX-License-Identifier: MIT
/*
 * Measuring one run: wall clock, CPU time (getrusage of the whole process,
 * so engine threads, glibc's AIO threads and io_uring's SQPOLL thread are
 * included), and system calls.
 *
 * System calls are counted by the kernel where it lets us: a perf counter on
 * the tracepoint raw_syscalls:sys_enter for every thread of the process,
 * inherited by threads started during the run. That needs tracefs (to learn
 * the tracepoint's id) and perf permission (root, or perf_event_paranoid
 * <= -1). Without them the engines' own call-site counts are used instead,
 * and the output says so.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

static const char *const tracefs_dirs[] = {
	"/sys/kernel/tracing",
	"/sys/kernel/debug/tracing",
};

static long read_id(const char *dir)
{
	char path[256], buf[32];
	long id = -1;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/events/raw_syscalls/sys_enter/id",
		 dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = '\0';
		id = strtol(buf, NULL, 10);
	}
	close(fd);
	return id;
}

/*
 * The tracepoint's id, or -1. If tracefs is not mounted where it belongs
 * (some minimal systems), mount it: as root that is harmless and it is what
 * systemd does at boot.
 */
static long tracepoint_id(void)
{
	static long id = -2;

	if (id != -2)
		return id;
	for (size_t i = 0; i < sizeof(tracefs_dirs) / sizeof(*tracefs_dirs);
	     i++) {
		id = read_id(tracefs_dirs[i]);
		if (id >= 0)
			return id;
	}
	if (mount("nodev", tracefs_dirs[0], "tracefs", 0, NULL) == 0)
		id = read_id(tracefs_dirs[0]);
	return id;
}

static int open_counter_attr(long id, pid_t tid, bool on_exec)
{
	struct perf_event_attr attr;
	long fd;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.size = sizeof(attr);
	attr.config = (uint64_t)id;
	attr.inherit = 1;	/* threads this one starts count too */
	if (on_exec) {
		attr.disabled = 1;
		attr.enable_on_exec = 1;
	}
	fd = syscall(SYS_perf_event_open, &attr, tid, -1, -1,
		     PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : (int)fd;
}

static int open_counter(long id, pid_t tid)
{
	return open_counter_attr(id, tid, false);
}

int syscall_counter_exec(pid_t pid)
{
	if (meter_method() != SC_KERNEL)
		return -EOPNOTSUPP;
	return open_counter_attr(tracepoint_id(), pid, true);
}

enum sc_method meter_method(void)
{
	static int method = -1;
	long id;
	int fd;

	if (method >= 0)
		return (enum sc_method)method;
	method = SC_ENGINE;
	id = tracepoint_id();
	if (id >= 0) {
		fd = open_counter(id, 0);
		if (fd >= 0) {
			method = SC_KERNEL;
			/*
			 * Not kept: while any counter is open every system
			 * call on the machine takes the tracing slow path.
			 */
			close(fd);
		}
	}
	return (enum sc_method)method;
}

const char *sc_method_name(enum sc_method m)
{
	switch (m) {
	case SC_KERNEL:
		return "kernel: perf tracepoint raw_syscalls:sys_enter, "
		       "all threads of the process";
	case SC_ENGINE:
		return "engine: counted at each call site (no perf access); "
		       "io_uring calls that may not enter the kernel count "
		       "as one";
	default:
		return "not counted";
	}
}

static void cpu_times(uint64_t *user, uint64_t *sys)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	*user = (uint64_t)ru.ru_utime.tv_sec * NSEC_PER_SEC +
		(uint64_t)ru.ru_utime.tv_usec * 1000;
	*sys = (uint64_t)ru.ru_stime.tv_sec * NSEC_PER_SEC +
	       (uint64_t)ru.ru_stime.tv_usec * 1000;
}

/* One counter per thread that exists now; later ones are inherited. */
static void open_all(struct meter *m)
{
	long id = tracepoint_id();
	struct dirent *de;
	DIR *dir;
	int fd;

	m->nfds = 0;
	dir = opendir("/proc/self/task");
	if (!dir)
		return;
	while ((de = readdir(dir)) && m->nfds < METER_MAX_THREADS) {
		if (de->d_name[0] == '.')
			continue;
		fd = open_counter(id, (pid_t)atoi(de->d_name));
		if (fd >= 0)
			m->fds[m->nfds++] = fd;
	}
	closedir(dir);
}

uint64_t sched_wait_ns(void)
{
	unsigned long long run, wait = 0;
	FILE *f = fopen("/proc/thread-self/schedstat", "re");

	/* "time on a CPU, time runnable but waiting for one, timeslices" */
	if (f) {
		if (fscanf(f, "%llu %llu", &run, &wait) != 2)
			wait = 0;
		fclose(f);
	}
	return wait;
}

uint64_t cpu_steal_ns(const int *cpus, unsigned n)
{
	unsigned long long v[8], total = 0;
	long hz = sysconf(_SC_CLK_TCK);
	char line[256];
	FILE *f = fopen("/proc/stat", "re");
	int cpu;

	if (!f || hz <= 0) {
		if (f)
			fclose(f);
		return 0;
	}
	/* "cpuN user nice system idle iowait irq softirq steal ..." */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "cpu%d %llu %llu %llu %llu %llu %llu %llu %llu",
			   &cpu, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
			   &v[6], &v[7]) != 9)
			continue;
		for (unsigned k = 0; k < n; k++)
			if (cpus[k] == cpu)
				total += v[7];
	}
	fclose(f);
	return total * (NSEC_PER_SEC / (unsigned long long)hz);
}

void meter_start(struct meter *m, bool count)
{
	m->nfds = 0;
	m->counting = count && meter_method() == SC_KERNEL;
	if (m->counting)
		open_all(m);
	cpu_times(&m->utime0, &m->stime0);
	m->wait0 = sched_wait_ns();
	m->t0 = now_ns();
}

void meter_stop(struct meter *m, struct result *r, const struct job *job)
{
	uint64_t user, sys, count, total = 0;

	r->wall_ns = now_ns() - m->t0;
	cpu_times(&user, &sys);
	r->utime_ns = user - m->utime0;
	r->stime_ns = sys - m->stime0;
	r->wait_ns = sched_wait_ns() - m->wait0;
	for (int i = 0; i < m->nfds; i++) {
		/* a read sums the thread and its (inherited) children */
		if (read(m->fds[i], &count, sizeof(count)) == sizeof(count))
			total += count;
		close(m->fds[i]);
	}
	if (m->counting) {
		r->sc = m->nfds ? SC_KERNEL : SC_NONE;
		r->syscalls = total;
	} else if (meter_method() == SC_ENGINE) {
		r->sc = SC_ENGINE;
		r->syscalls = job->calls;
	} else {
		r->sc = SC_NONE;	/* counted in a run of its own */
	}
	m->nfds = 0;
}
