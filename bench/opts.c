// SPDX-License-Identifier: MIT
/*
 * The settings of a bench run: command-line parsing, per-workload defaults,
 * and the reverse (settings back into arguments) for the liburing peer, so
 * that both processes always run with exactly the same settings.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static const char usage[] =
"Usage: ringzero bench WORKLOAD [OPTION]...\n"
"\n"
"Workloads:\n"
"  file   4 KiB random reads of a file pinned in the page cache (or --direct)\n"
"  net    loopback TCP echo: N connections, M-byte messages, one load\n"
"         generator on the other CPU\n"
"  nop    io_uring NOP throughput by batch size, ringzero vs liburing\n"
"  zero   zeroing a range: ZERO, fallocate, pwrite, io_uring WRITE, punch\n"
"\n"
"Options:\n"
"  -e, --engines LIST  engines to run, comma-separated (default: all);\n"
"                      --engines list prints them\n"
"  -d, --depth N       requests in flight (file, zero; default 32)\n"
"  -s, --size S        file: file size (256M); net: message size (64);\n"
"                      zero: range to zero (1G)\n"
"  -b, --bs S          file: read size (4K); zero: request size (1M)\n"
"  -t, --time T        length of one run: 1, 0.5, 200ms (default 1s)\n"
"  -r, --rounds N      runs per engine, engines taking turns (3; zero: 1)\n"
"  -c, --conns N       net: connections (50)\n"
"      --batch LIST    nop: batch sizes (1,8,32,128)\n"
"      --direct        file: O_DIRECT reads instead of the page cache\n"
"      --dir DIR       where data files go (default $TMPDIR, else /tmp)\n"
"      --file PATH     file: read this file instead of creating one\n"
"      --cpus A,B      CPU for the engine, CPU for its helper\n"
"      --json          JSON on stdout instead of the table\n"
"      --svg FILE      also draw a bar chart into FILE\n"
"      --count-syscalls  count system calls in the timed runs too (slower)\n"
"  -h, --help          display this help and exit\n"
"  -V, --version       output version information and exit\n";

enum {
	OPT_BATCH = 256,
	OPT_DIRECT,
	OPT_DIR,
	OPT_FILE,
	OPT_CPUS,
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
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "direct", no_argument, NULL, OPT_DIRECT },
	{ "dir", required_argument, NULL, OPT_DIR },
	{ "file", required_argument, NULL, OPT_FILE },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "count-syscalls", no_argument, NULL, OPT_COUNT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int parse_seconds(const char *s, uint64_t *ns)
{
	static const struct { const char *suffix; double scale; } units[] = {
		{ "", 1e9 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 },
		{ "ns", 1 },
	};
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v < 0)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++) {
		if (!strcmp(end, units[i].suffix)) {
			*ns = (uint64_t)(v * units[i].scale);
			return 0;
		}
	}
	return -EINVAL;
}

static int parse_uint(const char *s, unsigned *out, unsigned min)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v < min || v > 1U << 20)
		return -EINVAL;
	*out = (unsigned)v;
	return 0;
}

static int parse_batches(struct opts *o, const char *list)
{
	char copy[256], *save = NULL, *tok;

	snprintf(copy, sizeof(copy), "%s", list);
	o->nbatches = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (o->nbatches == MAX_BATCHES ||
		    parse_uint(tok, &o->batches[o->nbatches], 1))
			return -EINVAL;
		if (o->batches[o->nbatches] > 4096)
			return -EINVAL;
		o->nbatches++;
	}
	return o->nbatches ? 0 : -EINVAL;
}

static int parse_cpus(struct opts *o, const char *s)
{
	if (sscanf(s, "%d,%d", &o->cpu[0], &o->cpu[1]) != 2 ||
	    o->cpu[0] < 0 || o->cpu[1] < 0 || o->cpu[0] >= CPU_SETSIZE ||
	    o->cpu[1] >= CPU_SETSIZE)
		return -EINVAL;
	return 0;
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
	if (!o->nbatches) {
		static const unsigned def[] = { 1, 8, 32, 128 };

		memcpy(o->batches, def, sizeof(def));
		o->nbatches = 4;
	}
	if (!o->dir) {
		o->dir = getenv("TMPDIR");
		if (!o->dir || !o->dir[0])
			o->dir = "/tmp";
	}
	if (o->cpu[0] < 0)
		cpu_pick_two(o->cpu);
}

static int bad(const char *what, const char *arg)
{
	fprintf(stderr, "ringzero bench: bad %s '%s' (see --help)\n", what,
		arg);
	return -EINVAL;
}

int opts_parse(struct opts *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->cpu[0] = o->cpu[1] = -1;
	optind = 0;	/* glibc: start over, whoever parsed before us */
	while ((c = getopt_long(argc, argv, "e:d:s:b:t:r:c:hV", long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'e':
			o->engines = optarg;
			break;
		case 'd':
			if (parse_uint(optarg, &o->depth, 1) || o->depth > 4096)
				return bad("depth", optarg);
			break;
		case 's':
			if (parse_size(optarg, &o->size) || !o->size)
				return bad("size", optarg);
			break;
		case 'b':
			if (parse_size(optarg, &o->bs) || !o->bs)
				return bad("block size", optarg);
			break;
		case 't':
			if (parse_seconds(optarg, &o->time_ns) || !o->time_ns)
				return bad("time", optarg);
			break;
		case 'r':
			if (parse_uint(optarg, &o->rounds, 1) ||
			    o->rounds > MAX_ROUNDS)
				return bad("rounds", optarg);
			break;
		case 'c':
			if (parse_uint(optarg, &o->conns, 1) ||
			    o->conns > 10000)
				return bad("connection count", optarg);
			break;
		case OPT_BATCH:
			if (parse_batches(o, optarg))
				return bad("batch list", optarg);
			break;
		case OPT_DIRECT:
			o->direct = true;
			break;
		case OPT_DIR:
			o->dir = optarg;
			break;
		case OPT_FILE:
			o->file = optarg;
			break;
		case OPT_CPUS:
			if (parse_cpus(o, optarg))
				return bad("CPU pair", optarg);
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_SVG:
			o->svg = optarg;
			break;
		case OPT_COUNT:
			o->count_syscalls = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return OPTS_HELP;
		case 'V':
			return OPTS_VERSION;
		default:
			fputs(usage, stderr);
			return -EINVAL;
		}
	}
	if (optind >= argc) {
		fputs(usage, stderr);
		return -EINVAL;
	}
	o->workload = argv[optind++];
	if (optind < argc)
		return bad("argument", argv[optind]);
	opts_defaults(o);
	return 0;
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
	ADD("--batch=%u", o->batches[0]);
	ADD("--dir=%s", o->dir);
	ADD("--cpus=%d,%d", o->cpu[0], o->cpu[1]);
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
