// SPDX-License-Identifier: MIT
/*
 * The settings of a bench run: command-line parsing, per-workload defaults,
 * and the reverse (settings back into arguments) for the liburing peer, so
 * that both processes always run with exactly the same settings.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

/* Descriptors a net run needs besides its connections. */
#define NOFILE_SPARE 64

static const char usage[] =
"Usage: ringzero bench WORKLOAD [OPTION]...\n"
"\n"
"Workloads:\n"
"  file   4 KiB random reads of a file pinned in the page cache (or --direct)\n"
"  net    loopback TCP echo: N connections, M-byte messages, one load\n"
"         generator on the helper CPU\n"
"  nop    io_uring NOP throughput by batch size, ringzero vs liburing\n"
"  zero   zeroing a range: ZERO, fallocate, pwrite, io_uring WRITE, punch\n"
"\n"
"Options (a LIST is comma-separated; the swept option, --depth for file\n"
"and zero, --conns for net, --batch for nop, runs every engine at each):\n"
"  -e, --engines LIST  engines to run (default: all); --engines list\n"
"                      prints them\n"
"  -d, --depth LIST    requests in flight, 1 to 4096 (file, zero; 32)\n"
"  -s, --size S        file: file size (256M); net: message size, at most\n"
"                      16M (64); zero: range to zero (1G)\n"
"  -b, --bs S          file: read size (4K); zero: request size (1M); at\n"
"                      most 64M and at most --size\n"
"  -t, --time T        length of one run, 1ms to 1h: 1, 0.5, 200ms (1s)\n"
"  -r, --rounds N      runs per engine, engines taking turns, 1 to 64\n"
"                      (3; zero: 1)\n"
"  -c, --conns LIST    net: connections, 1 to 10000 (50)\n"
"  -i, --inflight N    net: messages in flight per connection, 1 to 256 (32)\n"
"      --batch LIST    nop: batch sizes, 1 to 4096 (1,8,32,128)\n"
"      --batch-submit N       file: submit once N reads are queued\n"
"      --batch-complete-min N file: wait for at least N completions (1)\n"
"      --batch-complete-max N file: reap at most N at once (the depth)\n"
"                      (fio's iodepth_batch_*; given to the fio rows too)\n"
"      --verify MODE   file: header (each 4 KiB block's offset and seed,\n"
"                      the default) or full (every byte)\n"
"      --direct        file: O_DIRECT reads instead of the page cache\n"
"      --dir DIR       where data files go (default $TMPDIR, else /tmp)\n"
"      --file PATH     file: read this file instead of creating one\n"
"      --cpus LIST     the engine's CPUs, one thread or ring each: 0,1 or\n"
"                      0-3 (default: one)\n"
"      --helper-cpu N  the load generator's and SQ thread's CPU\n"
"      --json          JSON on stdout instead of the table\n"
"      --svg FILE      also draw a chart into FILE (curves for a sweep)\n"
"      --count-syscalls  count system calls in the timed runs too (slower)\n"
"  -h, --help          display this help and exit\n"
"  -V, --version       output version information and exit\n";

enum {
	OPT_BATCH = 256,
	OPT_BATCH_SUBMIT,
	OPT_COMPLETE_MIN,
	OPT_COMPLETE_MAX,
	OPT_VERIFY,
	OPT_DIRECT,
	OPT_DIR,
	OPT_FILE,
	OPT_CPUS,
	OPT_HELPER_CPU,
	OPT_JSON,
	OPT_SVG,
	OPT_COUNT,
};

static const struct option long_opts[] = {
	{ "engines", required_argument, NULL, 'e' },
	{ "depth", required_argument, NULL, 'd' },
	{ "size", required_argument, NULL, 's' },
	{ "bs", required_argument, NULL, 'b' },
	{ "time", required_argument, NULL, 't' },
	{ "rounds", required_argument, NULL, 'r' },
	{ "conns", required_argument, NULL, 'c' },
	{ "inflight", required_argument, NULL, 'i' },
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "batch-submit", required_argument, NULL, OPT_BATCH_SUBMIT },
	{ "batch-complete-min", required_argument, NULL, OPT_COMPLETE_MIN },
	{ "batch-complete-max", required_argument, NULL, OPT_COMPLETE_MAX },
	{ "verify", required_argument, NULL, OPT_VERIFY },
	{ "direct", no_argument, NULL, OPT_DIRECT },
	{ "dir", required_argument, NULL, OPT_DIR },
	{ "file", required_argument, NULL, OPT_FILE },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "helper-cpu", required_argument, NULL, OPT_HELPER_CPU },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "count-syscalls", no_argument, NULL, OPT_COUNT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int parse_seconds(const char *s, uint64_t *ns)
{
	static const struct { const char *suffix; uint64_t scale; } units[] = {
		{ "", NSEC_PER_SEC }, { "s", NSEC_PER_SEC },
		{ "ms", 1000000 }, { "us", 1000 }, { "ns", 1 },
	};
	uint64_t whole = 0, frac = 0, frac_scale = 1;
	const char *p = s;
	bool digits = false;

	/*
	 * Digits, an optional fraction, a unit: converted here with checked
	 * arithmetic, because strtod() takes "nan", "inf", "1e10" and " -0",
	 * and a double out of range converts to an undefined integer.
	 */
	for (; is_digit(*p); p++, digits = true) {
		if (whole > (UINT64_MAX - 9) / 10)
			return -ERANGE;
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.')
		for (p++; is_digit(*p); p++, digits = true)
			if (frac_scale < NSEC_PER_SEC) {	/* finer is noise */
				frac = frac * 10 + (uint64_t)(*p - '0');
				frac_scale *= 10;
			}
	if (!digits)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++) {
		uint64_t scale = units[i].scale;

		if (strcmp(p, units[i].suffix))
			continue;
		if (whole > (uint64_t)INT64_MAX / scale)
			return -ERANGE;
		*ns = whole * scale + frac * scale / frac_scale;
		return 0;
	}
	return -EINVAL;
}

/* Decimal digits only (no sign, space or hex), within [min, max]. */
static int parse_uint(const char *s, unsigned *out, unsigned min,
		      unsigned max)
{
	uint64_t v = 0;
	const char *p = s;

	if (!is_digit(*p))
		return -EINVAL;
	for (; is_digit(*p); p++) {
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > max)
			return -ERANGE;
	}
	if (*p)
		return -EINVAL;
	if (v < min)
		return -ERANGE;
	*out = (unsigned)v;
	return 0;
}

/* strtok_r() would skip the empty item in "1,,2" or "0,": refused instead */
bool list_shape_ok(const char *list, size_t size)
{
	size_t len = strlen(list);

	return len && len < size && list[0] != ',' && list[len - 1] != ',' &&
	       !strstr(list, ",,");
}

/* A list "1,2,4" of at most MAX_POINTS values, each within [min, max]. */
static int parse_list(const char *list, unsigned *v, unsigned *n,
		      unsigned min, unsigned max)
{
	char copy[256], *save = NULL, *tok;

	if (!list_shape_ok(list, sizeof(copy)))
		return -EINVAL;
	strcpy(copy, list);
	*n = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (*n == MAX_POINTS)
			return -E2BIG;
		if (parse_uint(tok, &v[*n], min, max))
			return -ERANGE;
		(*n)++;
	}
	return 0;
}

/* The CPUs this process may run on. */
static int allowed_cpus(cpu_set_t *set)
{
	return sched_getaffinity(0, sizeof(*set), set) ? -errno : 0;
}

/* "0,2" or "0-3" or "1": CPUs that exist and that we may run on. */
static int parse_cpus(struct opts *o, const char *list, char *why,
		      size_t whylen)
{
	char copy[256], *save = NULL, *tok, *dash;
	unsigned a, b;
	cpu_set_t set;

	if (allowed_cpus(&set))
		CPU_ZERO(&set);
	if (!list_shape_ok(list, sizeof(copy)))
		return -EINVAL;
	strcpy(copy, list);
	o->ncpus = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		dash = strchr(tok, '-');
		if (dash)
			*dash = '\0';
		if (parse_uint(tok, &a, 0, INT_MAX) ||
		    parse_uint(dash ? dash + 1 : tok, &b, 0, INT_MAX) || b < a)
			return -EINVAL;
		for (unsigned c = a; c <= b; c++) {
			if (c >= CPU_SETSIZE || !CPU_ISSET(c, &set)) {
				snprintf(why, whylen, "CPU %u does not exist "
					 "or is not ours to use (%d usable)",
					 c, CPU_COUNT(&set));
				return -ERANGE;
			}
			for (unsigned k = 0; k < o->ncpus; k++)
				if (o->cpus[k] == (int)c) {
					snprintf(why, whylen, "CPU %u listed "
						 "twice", c);
					return -ERANGE;
				}
			if (o->ncpus == MAX_CPUS) {
				snprintf(why, whylen, "at most %d CPUs",
					 MAX_CPUS);
				return -ERANGE;
			}
			o->cpus[o->ncpus++] = (int)c;
		}
	}
	return 0;
}

/* Which option each workload sweeps, and where the current value goes. */
static const struct sweep {
	const char *workload;
	const char *axis;
	size_t field;
} sweeps[] = {
	{ "file", "depth", offsetof(struct opts, depth) },
	{ "zero", "depth", offsetof(struct opts, depth) },
	{ "net", "conns", offsetof(struct opts, conns) },
	{ "nop", "batch", offsetof(struct opts, batch) },
};

static const struct sweep *sweep_of(const struct opts *o)
{
	for (size_t i = 0; i < sizeof(sweeps) / sizeof(*sweeps); i++)
		if (o->workload && !strcmp(o->workload, sweeps[i].workload))
			return &sweeps[i];
	return NULL;
}

const char *opts_axis(const struct opts *o)
{
	const struct sweep *sw = sweep_of(o);

	return sw ? sw->axis : "";
}

void opts_at_point(struct opts *o, unsigned i)
{
	const struct sweep *sw = sweep_of(o);

	if (sw && i < o->npoints)
		*(unsigned *)((char *)o + sw->field) = o->points[i];
}

void opts_defaults(struct opts *o)
{
	const char *w = o->workload ? o->workload : "";
	bool zero = !strcmp(w, "zero");

	if (!o->depth)
		o->depth = 32;
	if (!o->size) {
		if (!strcmp(w, "net"))
			o->size = 64;
		else if (zero)
			o->size = 1ULL << 30;
		else
			o->size = 256ULL << 20;
	}
	if (!o->bs)
		o->bs = zero ? 1ULL << 20 : 4096;
	if (!o->time_ns)
		o->time_ns = NSEC_PER_SEC;
	if (!o->rounds)
		o->rounds = zero ? 1 : 3;
	if (!o->conns)
		o->conns = 50;
	if (!o->inflight)
		o->inflight = 32;
	if (!o->npoints) {
		static const unsigned nop_def[] = { 1, 8, 32, 128 };

		if (!strcmp(w, "nop")) {
			memcpy(o->points, nop_def, sizeof(nop_def));
			o->npoints = 4;
		} else {
			o->points[0] = !strcmp(w, "net") ? o->conns : o->depth;
			o->npoints = 1;
		}
	}
	if (!o->batch)
		o->batch = !strcmp(w, "nop") ? o->points[0] : 1;
	if (!o->verify_set)
		o->verify = o->file || o->bs % 4096 ? VERIFY_FULL :
			    VERIFY_HEADER;
	if (!o->dir) {
		o->dir = getenv("TMPDIR");
		if (!o->dir || !o->dir[0])
			o->dir = "/tmp";
	}
	if (!o->ncpus || o->helper_cpu < 0) {
		int two[2];

		cpu_pick_two(two);
		if (!o->ncpus) {
			o->cpus[0] = two[0];
			o->ncpus = 1;
		}
		if (o->helper_cpu < 0)
			o->helper_cpu = two[0] == o->cpus[0] ? two[1] :
					two[0];
	}
}

static int bad(const char *opt, const char *arg, const char *rule)
{
	fprintf(stderr, "ringzero bench: bad %s '%s': %s\n", opt, arg, rule);
	return -EINVAL;
}

static int conflict(const char *what)
{
	fprintf(stderr, "ringzero bench: %s\n", what);
	return -EINVAL;
}

/*
 * What a list option gave before the workload is known: the sweep takes
 * the workload's own, and every other one must be a single value.
 */
struct lists {
	unsigned v[3][MAX_POINTS];
	unsigned n[3];
	const char *text[3];
};

static const char *const list_names[3] = { "depth", "conns", "batch" };

/* Number options: the name in messages, the limits, where it goes. */
static const struct num_opt {
	int key;
	const char *name;
	unsigned min, max;
	size_t field;
	const char *rule;
} num_opts[] = {
	{ 'r', "--rounds", 1, MAX_ROUNDS, offsetof(struct opts, rounds),
	  "a whole number from 1 to 64" },
	{ 'i', "--inflight", 1, MAX_INFLIGHT, offsetof(struct opts, inflight),
	  "a whole number from 1 to 256" },
	{ OPT_BATCH_SUBMIT, "--batch-submit", 1, MAX_DEPTH,
	  offsetof(struct opts, batch_submit),
	  "a whole number from 1 to 4096" },
	{ OPT_COMPLETE_MIN, "--batch-complete-min", 1, MAX_DEPTH,
	  offsetof(struct opts, complete_min),
	  "a whole number from 1 to 4096" },
	{ OPT_COMPLETE_MAX, "--batch-complete-max", 1, MAX_DEPTH,
	  offsetof(struct opts, complete_max),
	  "a whole number from 1 to 4096" },
};

static const struct list_opt {
	int key;
	unsigned which;
	unsigned min, max;
	const char *rule;
} list_opts[] = {
	{ 'd', 0, 1, MAX_DEPTH, "whole numbers from 1 to 4096 (at most 16)" },
	{ 'c', 1, 1, MAX_CONNS, "whole numbers from 1 to 10000 (at most 16)" },
	{ OPT_BATCH, 2, 1, MAX_BATCH, "whole numbers from 1 to 4096 (at most "
	  "16)" },
};

/* Switches and strings taken as they are. */
static const struct plain_opt {
	int key;
	bool is_flag;	/* a bool set to true, else a string */
	size_t field;
} plain_opts[] = {
	{ 'e', false, offsetof(struct opts, engines) },
	{ OPT_DIR, false, offsetof(struct opts, dir) },
	{ OPT_FILE, false, offsetof(struct opts, file) },
	{ OPT_SVG, false, offsetof(struct opts, svg) },
	{ OPT_DIRECT, true, offsetof(struct opts, direct) },
	{ OPT_JSON, true, offsetof(struct opts, json) },
	{ OPT_COUNT, true, offsetof(struct opts, count_syscalls) },
};

static int parse_one(struct opts *o, struct lists *l, int c)
{
	char why[128];
	int ret;

	for (size_t i = 0; i < sizeof(num_opts) / sizeof(*num_opts); i++) {
		const struct num_opt *n = &num_opts[i];

		if (n->key != c)
			continue;
		if (parse_uint(optarg, (unsigned *)((char *)o + n->field),
			       n->min, n->max))
			return bad(n->name, optarg, n->rule);
		return 0;
	}
	for (size_t i = 0; i < sizeof(list_opts) / sizeof(*list_opts); i++) {
		const struct list_opt *lo = &list_opts[i];

		if (lo->key != c)
			continue;
		if (parse_list(optarg, l->v[lo->which], &l->n[lo->which],
			       lo->min, lo->max))
			return bad(c == OPT_BATCH ? "--batch" : c == 'd' ?
				   "--depth" : "--conns", optarg, lo->rule);
		l->text[lo->which] = optarg;
		return 0;
	}
	switch (c) {
	case 's':
		ret = parse_size(optarg, &o->size);
		if (ret || !o->size)
			return bad("--size", optarg, ret == -ERANGE ?
				   "at most 2^63-1 bytes" : "a byte count "
				   "above 0: 4096, 64K, 256M, 1G");
		return 0;
	case 'b':
		ret = parse_size(optarg, &o->bs);
		if (ret || !o->bs || o->bs > MAX_BS)
			return bad("--bs", optarg, "a byte count from 1 to 64M");
		return 0;
	case 't':
		ret = parse_seconds(optarg, &o->time_ns);
		if (ret || o->time_ns < MIN_TIME_NS || o->time_ns > MAX_TIME_NS)
			return bad("--time", optarg, "a time from 1ms to 1h: "
				   "1, 0.5, 200ms, 3600s");
		return 0;
	case OPT_VERIFY:
		if (!strcmp(optarg, "header"))
			o->verify = VERIFY_HEADER;
		else if (!strcmp(optarg, "full"))
			o->verify = VERIFY_FULL;
		else
			return bad("--verify", optarg, "header or full");
		o->verify_set = true;
		return 0;
	case OPT_CPUS:
		snprintf(why, sizeof(why), "CPU numbers or ranges: 0,1 or 0-3");
		if (parse_cpus(o, optarg, why, sizeof(why)))
			return bad("--cpus", optarg, why);
		return 0;
	case OPT_HELPER_CPU: {
		cpu_set_t set;
		unsigned cpu;

		if (parse_uint(optarg, &cpu, 0, INT_MAX) || cpu >= CPU_SETSIZE ||
		    allowed_cpus(&set) || !CPU_ISSET(cpu, &set))
			return bad("--helper-cpu", optarg, "a CPU that exists "
				   "and is ours to use");
		o->helper_cpu = (int)cpu;
		return 0;
	}
	}
	for (size_t i = 0; i < sizeof(plain_opts) / sizeof(*plain_opts); i++) {
		const struct plain_opt *po = &plain_opts[i];

		if (po->key != c)
			continue;
		if (po->is_flag)
			*(bool *)((char *)o + po->field) = true;
		else
			*(const char **)((char *)o + po->field) = optarg;
		return 0;
	}
	fputs(usage, stderr);
	return -EINVAL;
}

/* A sweep runs in increasing order, each value once (a curve's x axis). */
static void sort_unique(unsigned *v, unsigned *n)
{
	unsigned k = 0;

	for (unsigned i = 1; i < *n; i++)
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			unsigned t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (unsigned i = 0; i < *n; i++)
		if (!k || v[i] != v[k - 1])
			v[k++] = v[i];
	*n = k;
}

/* The sweep, and single values for the other list options. */
static int resolve_lists(struct opts *o, struct lists *l)
{
	const struct sweep *sw = sweep_of(o);
	unsigned *single[3] = { &o->depth, &o->conns, &o->batch };
	char msg[160];

	for (unsigned i = 0; i < 3; i++) {
		if (!l->n[i])
			continue;
		if (sw && !strcmp(sw->axis, list_names[i])) {
			sort_unique(l->v[i], &l->n[i]);
			memcpy(o->points, l->v[i], sizeof(o->points));
			o->npoints = l->n[i];
			*single[i] = l->v[i][0];
			continue;
		}
		if (l->n[i] > 1) {
			snprintf(msg, sizeof(msg), "--%s %s: %s sweeps --%s "
				 "only; --%s takes one value here",
				 list_names[i], l->text[i], o->workload,
				 sw ? sw->axis : "nothing", list_names[i]);
			return conflict(msg);
		}
		*single[i] = l->v[i][0];
	}
	return 0;
}

/* Settings that are fine alone but not together, or not on this machine. */
static int check_together(struct opts *o)
{
	bool sized = !strcmp(o->workload, "file") ||
		     !strcmp(o->workload, "zero");
	char msg[256];
	struct rlimit rl;
	unsigned max = 0;

	/* the data file goes there: a typo'd or read-only --dir, now */
	if (sized && !o->file) {
		struct stat st;
		int err = 0;

		if (stat(o->dir, &st))
			err = errno;
		else if (!S_ISDIR(st.st_mode))
			err = ENOTDIR;
		else if (access(o->dir, W_OK | X_OK))
			err = errno;
		if (err) {
			snprintf(msg, sizeof(msg), "--dir %.200s: %s (the data "
				 "file is made there)", o->dir, strerror(err));
			return conflict(msg);
		}
	}
	if (sized && !o->file && o->bs > o->size) {
		snprintf(msg, sizeof(msg), "--bs (%" PRIu64 " bytes) is larger "
			 "than --size (%" PRIu64 " bytes): a request must fit in "
			 "the %s", o->bs, o->size, !strcmp(o->workload, "file") ?
			 "file" : "range");
		return conflict(msg);
	}
	if (!strcmp(o->workload, "net") && o->size > MAX_MESSAGE)
		return conflict("--size: a net message is at most 16M");
	for (unsigned i = 0; i < o->npoints; i++)
		if (!strcmp(o->workload, "net") &&
		    o->size * o->inflight * o->points[i] > MAX_GEN_BYTES)
			return conflict("the load generator's buffers, --size x "
					"--inflight x --conns, would pass 256M: "
					"use fewer or smaller messages");
	/*
	 * Every file engine (and fio) holds a zeroed --bs buffer per read in
	 * flight on each CPU: --depth 4096 --bs 64M would touch 256 GiB and
	 * wake the OOM killer, on a machine that others share too.
	 */
	for (unsigned i = 0; i < o->npoints; i++)
		if (!strcmp(o->workload, "file") &&
		    (uint64_t)o->points[i] * o->bs * o->ncpus >
		    MAX_READ_BUF_BYTES) {
			snprintf(msg, sizeof(msg), "the read buffers, --depth "
				 "%u x --bs %" PRIu64 " x %u CPU(s), would pass "
				 "1G: use a smaller depth or read size",
				 o->points[i], o->bs, o->ncpus);
			return conflict(msg);
		}
	if (o->verify == VERIFY_HEADER && o->bs % 4096)
		return conflict("--verify header needs --bs a multiple of 4K "
				"(each 4 KiB block has a header); use "
				"--verify full");
	if (o->complete_min && o->complete_max &&
	    o->complete_min > o->complete_max)
		return conflict("--batch-complete-min is larger than "
				"--batch-complete-max");
	if (strcmp(o->workload, "net"))
		return 0;
	/* both ends of every connection live in one of our processes */
	for (unsigned i = 0; i < o->npoints; i++)
		if (o->points[i] > max)
			max = o->points[i];
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 0;
	if (rl.rlim_max != RLIM_INFINITY && max + NOFILE_SPARE > rl.rlim_max) {
		snprintf(msg, sizeof(msg), "--conns %u needs %u file "
			 "descriptors per process, and RLIMIT_NOFILE allows "
			 "%llu (ulimit -Hn): raise it, or use fewer "
			 "connections", max, max + NOFILE_SPARE,
			 (unsigned long long)rl.rlim_max);
		return conflict(msg);
	}
	/* the soft limit is ours to raise up to the hard one */
	if (rl.rlim_cur < max + NOFILE_SPARE) {
		rl.rlim_cur = max + NOFILE_SPARE;
		if (setrlimit(RLIMIT_NOFILE, &rl))
			return conflict("cannot raise RLIMIT_NOFILE");
	}
	return 0;
}

int opts_parse(struct opts *o, int argc, char **argv)
{
	struct lists l = { 0 };
	int c;

	memset(o, 0, sizeof(*o));
	o->helper_cpu = -1;
	optind = 0;	/* glibc: start over, whoever parsed before us */
	while ((c = getopt_long(argc, argv, "e:d:s:b:t:r:c:i:hV", long_opts,
				NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return OPTS_HELP;
		}
		if (c == 'V')
			return OPTS_VERSION;
		if (c == '?' || c == ':') {
			fputs(usage, stderr);
			return -EINVAL;
		}
		if (parse_one(o, &l, c))
			return -EINVAL;
	}
	if (optind >= argc) {
		fputs(usage, stderr);
		return -EINVAL;
	}
	o->workload = argv[optind++];
	if (optind < argc)
		return bad("argument", argv[optind], "one workload only");
	if (resolve_lists(o, &l))
		return -EINVAL;
	opts_defaults(o);
	return check_together(o);
}

void cpus_text(const struct opts *o, char *buf, size_t size)
{
	size_t k = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < o->ncpus && k < size; i++) {
		int n = snprintf(buf + k, size - k, "%s%d", i ? "," : "",
				 o->cpus[i]);

		if (n < 0)
			break;
		k += (size_t)n;
	}
}

static int add(char **argv, int *n, int max, char **store, size_t *left,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int add(char **argv, int *n, int max, char **store, size_t *left,
	       const char *fmt, ...)
{
	va_list ap;
	int len;

	if (*n >= max)
		return -ENOSPC;
	va_start(ap, fmt);
	len = vsnprintf(*store, *left, fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= *left)
		return -ENOSPC;
	argv[(*n)++] = *store;
	*store += len + 1;
	*left -= (size_t)len + 1;
	return 0;
}

int opts_to_argv(const struct opts *o, char *store, size_t size, char **argv,
		 int max)
{
	char cpus[MAX_CPUS * 4 + 1];
	size_t left = size;
	int n = 0, ret = 0;

#define ADD(...) do { \
		if (!ret) \
			ret = add(argv, &n, max, &store, &left, __VA_ARGS__); \
	} while (0)
	ADD("--depth=%u", o->depth);
	ADD("--size=%" PRIu64, o->size);
	ADD("--bs=%" PRIu64, o->bs);
	ADD("--time=%" PRIu64 "ns", o->time_ns);
	ADD("--rounds=1");
	ADD("--conns=%u", o->conns);
	ADD("--inflight=%u", o->inflight);
	ADD("--batch=%u", o->batch);
	if (o->batch_submit)
		ADD("--batch-submit=%u", o->batch_submit);
	if (o->complete_min)
		ADD("--batch-complete-min=%u", o->complete_min);
	if (o->complete_max)
		ADD("--batch-complete-max=%u", o->complete_max);
	ADD("--verify=%s", o->verify == VERIFY_FULL ? "full" : "header");
	ADD("--dir=%s", o->dir);
	cpus_text(o, cpus, sizeof(cpus));
	ADD("--cpus=%s", cpus);
	ADD("--helper-cpu=%d", o->helper_cpu);
	if (o->file)
		ADD("--file=%s", o->file);
	if (o->direct)
		ADD("--direct");
	if (o->count_syscalls)
		ADD("--count-syscalls");
	ADD("%s", o->workload);
#undef ADD
	return ret ? ret : n;
}
