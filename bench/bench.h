/* SPDX-License-Identifier: MIT */
/*
 * The I/O-models lab behind `ringzero bench`: the contract between workloads
 * (what is measured: file reads, a TCP echo, NOPs, zeroing a range) and
 * engines (how: one I/O model each), plus the shared measuring kit.
 *
 * Everything declared here except the CLI half (cmd_bench, the tables, the
 * output) is also compiled into build/ringzero-peer-liburing, where the
 * io_uring engines are built against liburing (-DRZ_PEER_LIBURING).
 */
#ifndef RINGZERO_BENCH_H
#define RINGZERO_BENCH_H

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "../tools/size.h"	/* parse_size(), shared with ringzero zero */

/* Room for a reason; paths in reasons are cut at PATH_SHOWN characters. */
#define WHY_LEN 512
#define PATH_SHOWN "256"

/* ---- time ---------------------------------------------------------------- */

#define NSEC_PER_SEC 1000000000ULL

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* ---- latency histogram (hist.c) -------------------------------------------
 * Log-linear buckets: one per nanosecond below 64 ns, then every power of two
 * split into 32, so a percentile is within ~3% at any scale up to 2^40 ns.
 */
#define HIST_SUB_BITS 5
#define HIST_SUB (1U << HIST_SUB_BITS)
#define HIST_MAX_BITS 40
#define HIST_BUCKETS ((HIST_MAX_BITS - HIST_SUB_BITS + 2) * HIST_SUB)

struct hist {
	uint64_t count;
	uint64_t n[HIST_BUCKETS];
};

static inline unsigned hist_bucket(uint64_t ns)
{
	unsigned msb, shift;

	if (ns >= (1ULL << HIST_MAX_BITS))
		ns = (1ULL << HIST_MAX_BITS) - 1;
	if (ns < 2 * HIST_SUB)
		return (unsigned)ns;
	msb = 63 - (unsigned)__builtin_clzll(ns);
	shift = msb - HIST_SUB_BITS;
	return (shift + 1) * HIST_SUB + (unsigned)(ns >> shift) - HIST_SUB;
}

static inline void hist_add(struct hist *h, uint64_t ns)
{
	h->n[hist_bucket(ns)]++;
	h->count++;
}

static inline void hist_add_n(struct hist *h, uint64_t ns, uint64_t times)
{
	h->n[hist_bucket(ns)] += times;
	h->count += times;
}

void hist_merge(struct hist *dst, const struct hist *src);
/* The value at quantile q (0..1), as the middle of its bucket; 0 if empty. */
uint64_t hist_quantile(const struct hist *h, double q);
/* Text form "bucket:count,..." of the non-empty buckets, for the peer. */
int hist_encode(const struct hist *h, char *buf, size_t size);
int hist_decode(struct hist *h, const char *text);

/* ---- options (opts.c) ---------------------------------------------------- */

/* How many values one swept option (--depth 1,2,4 ...) may list. */
#define MAX_POINTS 16
#define MAX_ROUNDS 64
/* How many CPUs --cpus may list: one engine thread or ring each. */
#define MAX_CPUS 64

/* How a file read is checked (--verify). */
enum verify {
	VERIFY_HEADER,	/* each 4 KiB block's header: its offset and seed */
	VERIFY_FULL,	/* every byte, against the file's mapping */
};

struct opts {
	const char *workload;
	const char *engines;	/* comma-separated names, NULL: all */
	/*
	 * The swept option's values (file, zero: --depth; net: --conns;
	 * nop: --batch). opts_at_point() copies one of them into depth,
	 * conns or batch below, which is what a run uses.
	 */
	unsigned points[MAX_POINTS];
	unsigned npoints;
	unsigned depth;		/* requests in flight (file, zero) */
	unsigned conns;		/* net: connections */
	unsigned batch;		/* nop: NOPs per submission */
	uint64_t size;		/* file: its size; net: a message; zero: range */
	uint64_t bs;		/* file: read size; zero: request size */
	uint64_t time_ns;	/* length of one measured run */
	unsigned rounds;	/* runs per engine, engines alternating */
	unsigned inflight;	/* net: messages in flight per connection */
	/*
	 * file, fio's batching knobs (0: our default): submit once this many
	 * reads are queued (iodepth_batch_submit), wait for at least
	 * complete_min completions (iodepth_batch_complete_min) and reap at
	 * most complete_max at once (iodepth_batch_complete_max).
	 */
	unsigned batch_submit, complete_min, complete_max;
	enum verify verify;
	bool verify_set;	/* --verify given (else chosen per file) */
	bool direct;		/* file: O_DIRECT */
	bool json;
	bool count_syscalls;	/* count with perf this run (costs time) */
	const char *svg;
	const char *dir;	/* where the data files go */
	const char *file;	/* file: use this file instead of a new one */
	int cpus[MAX_CPUS];	/* the engine's CPUs: a thread or ring each */
	unsigned ncpus;
	int helper_cpu;		/* load generator, SQPOLL thread */
};

/* The limits the options are checked against (the help text names them). */
#define MAX_DEPTH	4096
#define MAX_CONNS	10000
#define MAX_BATCH	4096
#define MAX_INFLIGHT	256
#define MAX_BS		(64ULL << 20)
#define MAX_MESSAGE	(16ULL << 20)
/* net: size x inflight x conns; the generator keeps three times that */
#define MAX_GEN_BYTES	(256ULL << 20)
/* file: a --bs buffer per read in flight, per CPU, zeroed (so in RAM) */
#define MAX_READ_BUF_BYTES	(1ULL << 30)
#define MIN_TIME_NS	1000000ULL		/* 1 ms */
#define MAX_TIME_NS	(3600ULL * NSEC_PER_SEC)	/* 1 h */

/* Fill in defaults for o->workload; explicit settings stay. */
void opts_defaults(struct opts *o);
/*
 * Parse the bench command line into o and check every value against its
 * limits and the others (--bs at most --size, CPUs that exist here, enough
 * file descriptors for --conns), so that a run never starts with settings
 * it cannot finish. Returns 0 to run, OPTS_HELP after printing --help,
 * OPTS_VERSION for --version (the caller prints it: the peer program has no
 * version text of its own), or -EINVAL after a message naming the option,
 * the value and the limit.
 */
#define OPTS_HELP	1
#define OPTS_VERSION	2
int opts_parse(struct opts *o, int argc, char **argv);
/* The option the workload sweeps ("depth", "conns", "batch"). */
const char *opts_axis(const struct opts *o);
/* Make point i of the sweep the current setting. */
void opts_at_point(struct opts *o, unsigned i);
/* The engine's CPUs as a list "0,1,2", for titles and the peer. */
void cpus_text(const struct opts *o, char *buf, size_t size);
/* The settings as peer arguments; returns the count placed in argv. */
int opts_to_argv(const struct opts *o, char *store, size_t size,
		 char **argv, int max);
/*
 * "1", "0.5", "200ms", "50us", "1000ns" into nanoseconds: decimal digits
 * with an optional fraction and unit, nothing else (no sign, exponent, nan
 * or inf). 0 or -EINVAL (malformed), -ERANGE (beyond 2^63 ns).
 */
int parse_seconds(const char *s, uint64_t *ns);
/*
 * Whether list is a comma-separated list that fits in size bytes (with its
 * NUL) and has no empty item ("", "1,,2", ",1", "1,"), which strtok_r()
 * would skip, running something other than what was typed.
 */
bool list_shape_ok(const char *list, size_t size);

/* ---- jobs and engines ---------------------------------------------------- */

/*
 * One measured run as an engine sees it. The workload fills the settings and
 * the target; the engine does the I/O, checks every answer, and fills in the
 * results. Engines never print.
 */
struct job {
	const struct opts *o;
	/* CLOCK_MONOTONIC ns: issue nothing after it; 0: o->time_ns from start */
	uint64_t deadline;
	/* called once the meter runs, before the engine (net: start clients) */
	int (*go)(struct job *job);
	void *go_arg;
	unsigned batch;		/* nop: NOPs per submission */
	uint64_t seed;		/* mixed into the engine's offsets: per CPU */

	int fd;			/* file, zero: the open data file */
	const uint8_t *map;	/* file: its bytes, mapped, to check reads */
	uint64_t span;		/* file: its size; zero: bytes to zero */
	int *conns;		/* net: accepted sockets; the engine closes them */
	unsigned nconns;

	uint64_t ops;		/* operations completed and checked */
	uint64_t calls;		/* system calls made, counted by the engine */
	struct hist *hist;	/* per-operation latency */
	char why[WHY_LEN];		/* on failure: what went wrong, for people */
};

/*
 * An I/O model behind one small contract. run() returns 0, or -errno with
 * job->why saying what failed; -EBADMSG means a wrong answer (bytes read or
 * echoed that differ from what they must be), -EOPNOTSUPP that the kernel or
 * the file system lacks what the engine needs (the row is skipped, not
 * failed).
 */
struct engine {
	const char *name;
	const char *what;	/* the model in one line */
	int (*run)(struct job *job);
	/*
	 * Runs on one CPU only, whatever --cpus says (the engine is
	 * process-wide by nature: glibc's AIO threads, a zeroed range).
	 */
	bool one_cpu;
};

/* Print into job->why; returns err so a failure is one statement. */
int job_fail(struct job *job, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- results ------------------------------------------------------------- */

enum sc_method {
	SC_NONE,
	SC_KERNEL,	/* perf tracepoint raw_syscalls:sys_enter, per thread */
	SC_ENGINE,	/* counted by the engine at each call site */
};

enum row_state {
	ROW_OK,
	ROW_SKIP,	/* the kernel or file system lacks a feature */
	ROW_MISSING,	/* a helper program (peer, fio) is not installed */
	ROW_FAIL,	/* an error or a wrong answer */
};

struct result {
	enum row_state state;
	char why[WHY_LEN];
	uint64_t ops;
	uint64_t bytes;
	uint64_t wall_ns;
	uint64_t utime_ns;
	uint64_t stime_ns;
	uint64_t syscalls;	/* counted over sc_ops operations */
	uint64_t sc_ops;
	enum sc_method sc;	/* SC_NONE: not counted in this run */
	unsigned runs;
	double rate_min, rate_max;	/* ops/s of the slowest, fastest run */
	double run_rate[MAX_ROUNDS];	/* ops/s of each run, in order */
	/* time the engine's first thread waited for a CPU (runnable) */
	uint64_t wait_ns;
	/*
	 * net: the load generator's CPU time, and each side's demand, summed
	 * over runs: the share of its run it wanted a CPU (CPU time plus time
	 * runnable but waiting, over its wall time; the server's per CPU of
	 * --cpus, counting the wait of its first thread), to tell which side
	 * limited the rate.
	 */
	uint64_t helper_cpu_ns;
	double server_demand, helper_demand;
	/* percentiles a helper program reported itself (fio), summed per run */
	uint64_t ext_p50_ns, ext_p99_ns;
	struct hist hist;
};

void result_reset(struct result *r);
/* Add one run to a row's total; keeps the first failure. */
void result_add(struct result *total, const struct result *run);
/* Add only the system call count of a run made to count them. */
void result_add_count(struct result *total, const struct result *run);
/* -errno from a workload into a row state, with job->why as the reason. */
void result_set_error(struct result *r, int err, const char *why);
const char *sc_method_name(enum sc_method m);

/* ---- measuring (meter.c) -------------------------------------------------- */

#define METER_MAX_THREADS 64

struct meter {
	uint64_t t0;
	uint64_t utime0, stime0;
	uint64_t wait0;
	int fds[METER_MAX_THREADS];
	int nfds;
	bool counting;
};

/*
 * Start measuring: wall clock, the process's CPU time, and with count its
 * system calls through one perf counter per thread (inherited by threads
 * started later). Counting costs ~0.1 us per system call, machine-wide, so
 * the lab counts in runs of their own and times runs that do not count.
 */
void meter_start(struct meter *m, bool count);
/* Stop and store wall, CPU and syscalls into r (engine counts if no perf). */
void meter_stop(struct meter *m, struct result *r, const struct job *job);
/*
 * How long the calling thread has been runnable but not running (waiting
 * for a CPU another program holds), from /proc/thread-self/schedstat; 0
 * without schedstats. CPU time plus this is how much the thread wanted.
 */
uint64_t sched_wait_ns(void);
/*
 * Time the hypervisor took the listed CPUs away from this machine (steal
 * in /proc/stat), summed, in ns at the clock tick's resolution; 0 on bare
 * metal. A task neither runs nor waits meanwhile, so a side's demand is
 * counted over the time its CPU was there.
 */
uint64_t cpu_steal_ns(const int *cpus, unsigned n);
/* How syscalls are counted on this machine, for the output's footnote. */
enum sc_method meter_method(void);

/*
 * A syscall counter for another process (and the threads it starts) that
 * starts counting when it calls execve: for fio. A perf fd, or -errno.
 */
int syscall_counter_exec(pid_t pid);

/*
 * Run e on job between meter_start and meter_stop, calling job->go first
 * and setting a zero job->deadline to o->time_ns from then. With several
 * CPUs in --cpus (and an engine that is not one_cpu) e runs once per CPU,
 * in a thread pinned there (the caller's thread takes the first CPU, and
 * must be pinned to it), each with its own ring or server loop, its share
 * of job->conns and its own offsets; the counts and latencies are summed.
 */
int run_measured(const struct engine *e, struct job *job, struct result *r);

/*
 * run_measured() with the calling thread pinned to the engine's first CPU
 * for the run and its affinity restored after. On failure r carries the error and why; returns
 * 0 or -errno.
 */
int run_pinned(const struct engine *e, struct job *job, struct result *r);

/* ---- cleanup on a fatal signal (cleanup.c) -------------------------------- */

enum cleanup_slot { CLEANUP_DATA, CLEANUP_SVG, CLEANUP_SLOTS };

/*
 * Install the handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT (those not
 * ignored already): on one, remove the registered files, SIGKILL and reap the
 * registered child, then die of the signal. Only the CLI calls it; in the
 * peer the calls below just record.
 */
void cleanup_arm(void);
/* Remove path (copied) on a fatal signal; NULL forgets the slot. */
void cleanup_path(enum cleanup_slot slot, const char *path);
/* Kill and reap pid on a fatal signal; 0 forgets it. One child at a time. */
void cleanup_child(pid_t pid);

/* ---- CPUs and randomness (cpu.c) ----------------------------------------- */

/* Pick two distinct CPUs from the allowed set (same twice on one CPU). */
void cpu_pick_two(int cpu[2]);
/* Pin the calling thread to cpu; *saved (if non-NULL) gets the old mask. */
int cpu_pin(int cpu, cpu_set_t *saved);
int cpu_restore(const cpu_set_t *saved);

static inline uint64_t rng_next(uint64_t *s)
{
	/* xorshift64*: cheap, and good enough to pick offsets */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

/* ---- the data file in --dir (datafile.c) --------------------------------- */

struct lab;

/*
 * Create lab->path as DIR/PREFIX-XXXXXX in --dir, registered for removal
 * (teardown, fatal signal). Returns the descriptor (O_RDWR, O_CLOEXEC), or
 * -errno with lab->why set: mkostemp's error, or -ENOSPC when the file
 * system has fewer bytes free than --size (nothing is written then).
 */
int datafile_create(struct lab *lab, const char *prefix);
/* Remove the file datafile_create() made, if any. */
void datafile_remove(struct lab *lab);

/* ---- workloads ----------------------------------------------------------- */

struct lab;

struct workload {
	const char *name;
	const char *about;	/* one line for the help text */
	const char *unit;	/* what one operation is */
	bool per_batch;		/* rows are engine x batch size (nop) */
	bool bytes_rate;	/* headline figure is MiB/s, not ops/s */
	/*
	 * Operations so long (zero: a MiB each) that counting system calls
	 * costs nothing measurable: count in the timed runs themselves.
	 */
	bool count_inline;
	/* Once per command: create and pin the data file and so on. */
	int (*setup)(struct lab *lab);
	/* One measured run of e, answers checked, into r. */
	void (*run)(struct lab *lab, const struct engine *e, unsigned batch,
		    struct result *r);
	void (*teardown)(struct lab *lab);
};

/* What a workload keeps between runs. */
struct lab {
	const struct workload *wl;
	struct opts o;
	char path[4096];	/* file, zero: the data file */
	bool own_file;		/* we created it: remove at teardown */
	int fd;
	int fd_direct;
	uint8_t *map;
	uint64_t map_len;
	bool pinned;		/* map is mlock()ed */
	char why[WHY_LEN];		/* setup failure reason */
};

extern const struct workload wl_file, wl_net, wl_nop, wl_zero;

/*
 * The net load generator (loadgen.c): a child process pinned to the helper
 * CPU, the same for every server engine. It opens o->conns connections and
 * runs a closed loop on each (send a message, wait for its echo, check it
 * byte for byte, send the next) for o->time_ns, then shuts its side down.
 */
struct loadgen_report {
	int err;		/* 0, or -errno (-EBADMSG: a wrong echo) */
	char why[WHY_LEN];
	uint64_t ops;		/* echoes received and checked */
	uint64_t elapsed_ns;	/* from go to the last echo */
	uint64_t cpu_ns;	/* its own CPU time (user + system) meanwhile */
	uint64_t wait_ns;	/* time it waited for its CPU meanwhile */
	uint64_t busy_ns;	/* from go until its last connection closed */
	struct hist hist;	/* round-trip latency */
};

struct loadgen {
	int pid;
	int go_fd;		/* write end of the "start now" pipe */
	struct loadgen_report *rep;	/* shared memory */
};

/* Fork the generator; it connects to port and waits for loadgen_go(). */
int loadgen_start(struct loadgen *lg, const struct opts *o, uint16_t port);
int loadgen_go(struct loadgen *lg);
/* Wait for the generator to finish; its report is in lg->rep. */
int loadgen_wait(struct loadgen *lg);
/* Stop it now (the report stays readable), and release it. */
void loadgen_kill(struct loadgen *lg);
void loadgen_free(struct loadgen *lg);

/*
 * Shared by the net engines (wl_net.c). An engine serves job->conns until the
 * client closes each one; it closes a connection at its end of stream and
 * sets its slot to -1 (the workload closes whatever is left).
 */
int net_set_nonblock(int fd, bool on);
/*
 * Echo what is readable on fd once: read up to size bytes into buf and write
 * them all back. Returns bytes echoed, 0 at end of stream, -EAGAIN if nothing
 * was readable (non-blocking sockets), or -errno.
 */
ssize_t net_echo(struct job *job, int fd, char *buf, size_t size);
/*
 * Serve connection i once it is readable (a non-blocking socket): echo what
 * is there. Returns 0 while it stays open, 1 when it was closed at the end of
 * the stream (its slot set to -1), or -errno with job->why filled.
 */
int net_serve(struct job *job, unsigned i, char *buf, size_t size);
/* Write all of buf, waiting out a full socket buffer. */
int net_write_all(struct job *job, int fd, const char *buf, size_t len);
/* Size of the engines' receive buffers for one connection. */
size_t net_buf_size(const struct opts *o);

/* Shared by the file engines (wl_file.c). */
static inline uint64_t file_pick(uint64_t *rng, const struct job *job)
{
	uint64_t blocks = job->span / job->o->bs;

	return (rng_next(rng) % blocks) * job->o->bs;
}

/*
 * How the asynchronous file engines (io_uring, Linux AIO) and fio batch,
 * in fio's terms. Every completed read is replaced at once; the
 * replacements are submitted each time `submit` of them are queued
 * (iodepth_batch_submit), the rest together with the wait; a wait is for at
 * least `complete_min` completions (iodepth_batch_complete_min) and a
 * reaping pass takes at most `complete_max` (iodepth_batch_complete_max).
 * Defaults: submit and complete_max the depth, complete_min 1: one
 * io_uring_enter (or io_submit + io_getevents) per pass. All at most the
 * depth.
 */
struct batching {
	unsigned submit, complete_min, complete_max;
};

static inline unsigned clamp_depth(unsigned v, unsigned dflt, unsigned depth)
{
	return !v ? dflt : v > depth ? depth : v;
}

static inline struct batching file_batching(const struct opts *o)
{
	struct batching b = {
		.submit = clamp_depth(o->batch_submit, o->depth, o->depth),
		.complete_min = clamp_depth(o->complete_min, 1, o->depth),
		.complete_max = clamp_depth(o->complete_max, o->depth,
					    o->depth),
	};

	if (b.complete_min > b.complete_max)
		b.complete_min = b.complete_max;
	return b;
}

/* Check a completed read: res must be bs and the bytes the file's. */
int file_check(struct job *job, const void *buf, uint64_t off, long res);
/* A buffer for reads, aligned for O_DIRECT; free() it. */
void *file_buf_alloc(size_t size);

/* Shared by the zero engines (wl_zero.c): a buffer of size zeroes. */
const void *zero_buffer(size_t size);
/* fallocate(2) with mode over the range, request by request, then sync. */
int zero_fallocate_loop(struct job *job, int mode, const char *name);
/* fdatasync the zeroed file: part of every zero engine's timed work. */
int zero_sync(struct job *job);
/* Length of the request at off: bs, or what is left of the range. */
static inline uint64_t zero_len(const struct job *job, uint64_t off)
{
	uint64_t left = job->span - off;

	return left < job->o->bs ? left : job->o->bs;
}

#endif
