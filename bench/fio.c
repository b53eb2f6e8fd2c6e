// SPDX-License-Identifier: MIT
/*
 * fio's rows of the file workload: fio reading the same pinned file with the
 * same block size, depth, batching and CPU as our engines, as a check that
 * our numbers are what the standard tool measures. fio's own figures are
 * used (rate, CPU, and the percentiles of its "lat", slat + clat: from
 * queueing an I/O to reaping its completion, which is what our engines
 * time); its system calls are counted by the same perf tracepoint, armed
 * to start at its exec.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

#define MAX_ARGS 40

static int find_in_path(const char *name, char *path, size_t size)
{
	const char *dirs = getenv("PATH");
	const char *p, *end;

	if (!dirs || !dirs[0])
		dirs = "/usr/local/bin:/usr/bin:/bin";
	for (p = dirs; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		snprintf(path, size, "%.*s/%s", (int)(end - p), p, name);
		if (!access(path, X_OK))
			return 0;
	}
	return -ENOENT;
}

/* The number after "key" : somewhere after from; NAN-free: 0 if absent. */
static double json_num(const char *from, const char *key)
{
	char pattern[64];
	const char *at;

	if (!from)
		return 0;
	snprintf(pattern, sizeof(pattern), "\"%s\" :", key);
	at = strstr(from, pattern);
	return at ? strtod(at + strlen(pattern), NULL) : 0;
}

static int parse(const char *out, struct result *r)
{
	const char *rd = strstr(out, "\"read\" :");
	const char *lat = rd ? strstr(rd, "\"lat_ns\" :") : NULL;
	const char *pct = lat ? strstr(lat, "\"percentile\" :") : NULL;
	double iops = json_num(rd, "iops"), ios = json_num(rd, "total_ios");
	double runtime_ms = json_num(out, "job_runtime");

	if (!rd || iops <= 0 || ios <= 0)
		return -EPROTO;
	r->ops = (uint64_t)ios;
	r->wall_ns = (uint64_t)(ios / iops * 1e9);
	r->ext_p50_ns = (uint64_t)json_num(pct, "50.000000");
	r->ext_p99_ns = (uint64_t)json_num(pct, "99.000000");
	r->utime_ns = (uint64_t)(json_num(out, "usr_cpu") / 100 * runtime_ms *
				 1e6);
	r->stime_ns = (uint64_t)(json_num(out, "sys_cpu") / 100 * runtime_ms *
				 1e6);
	return 0;
}

void fio_run(struct lab *lab, const char *ioengine, struct result *r)
{
	const struct opts *o = &lab->o;
	char fio[PATH_MAX], store[4096], *argv[MAX_ARGS], *out, *s = store;
	char cpus[MAX_CPUS * 4 + 1];
	int outp[2], gate[2], status, counter, argc = 0;
	uint64_t count;
	bool sync = !strcmp(ioengine, "psync");
	struct batching b = file_batching(o);
	pid_t pid;

	if (find_in_path("fio", fio, sizeof(fio))) {
		r->state = ROW_MISSING;
		snprintf(r->why, sizeof(r->why), "fio is not installed "
			 "(apt-get install fio; make bench does it)");
		return;
	}
#define ARG(...) do { \
		argv[argc++] = s; \
		s += snprintf(s, sizeof(store) - (size_t)(s - store), \
			      __VA_ARGS__) + 1; \
	} while (0)
	ARG("%s", fio);
	ARG("--name=ringzero");
	ARG("--filename=%s", lab->path);
	ARG("--size=%llu", (unsigned long long)lab->map_len);
	ARG("--rw=randread");
	ARG("--bs=%llu", (unsigned long long)o->bs);
	ARG("--ioengine=%s", ioengine);
	/* the batching our engines were given (file_batching()) */
	ARG("--iodepth=%u", sync ? 1 : o->depth);
	ARG("--iodepth_batch_submit=%u", sync ? 1 : b.submit);
	ARG("--iodepth_batch_complete_min=%u", sync ? 1 : b.complete_min);
	ARG("--iodepth_batch_complete_max=%u", sync ? 1 : b.complete_max);
	ARG("--direct=%d", o->direct ? 1 : 0);
	ARG("--time_based");
	ARG("--runtime=%llums", (unsigned long long)(o->time_ns / 1000000));
	ARG("--thread");
	/* one job per engine CPU, as our engines run a loop per CPU */
	cpus_text(o, cpus, sizeof(cpus));
	ARG("--cpus_allowed=%s", cpus);
	ARG("--cpus_allowed_policy=split");
	ARG("--numjobs=%u", o->ncpus);
	ARG("--group_reporting");
	/* keep our pinned page cache, pick offsets like we do */
	ARG("--invalidate=0");
	ARG("--norandommap");
	ARG("--randrepeat=0");
	ARG("--clat_percentiles=0");
	ARG("--lat_percentiles=1");
	ARG("--output-format=json");
#undef ARG
	argv[argc] = NULL;
	if (pipe2(outp, O_CLOEXEC) || pipe2(gate, O_CLOEXEC)) {
		result_set_error(r, -errno, "pipes for fio");
		return;
	}
	pid = fork();
	if (pid < 0) {
		result_set_error(r, -errno, "cannot fork fio");
		return;
	}
	if (pid == 0) {
		char go;

		dup2(outp[1], STDOUT_FILENO);
		/* wait until the parent has the syscall counter on us */
		if (read(gate[0], &go, 1) == 1)
			execv(fio, argv);
		_exit(127);
	}
	cleanup_child(pid);	/* Ctrl-C or kill: fio must not read on */
	close(outp[1]);
	close(gate[0]);
	counter = o->count_syscalls ? syscall_counter_exec(pid) : -1;
	if (write(gate[1], "g", 1) != 1)
		kill(pid, SIGKILL);
	close(gate[1]);
	out = read_child_output(outp[0]);
	close(outp[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	cleanup_child(0);
	if (!out || !WIFEXITED(status) || WEXITSTATUS(status) ||
	    parse(out, r)) {
		r->state = ROW_FAIL;
		snprintf(r->why, sizeof(r->why), "fio --ioengine=%s failed "
			 "(exit status 0x%x)", ioengine, status);
	}
	r->sc = SC_NONE;
	if (counter >= 0) {
		if (read(counter, &count, sizeof(count)) == sizeof(count)) {
			r->syscalls = count;
			r->sc = SC_KERNEL;
		}
		close(counter);
	}
	r->bytes = r->ops * o->bs;
	free(out);
}
