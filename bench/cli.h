/* SPDX-License-Identifier: MIT */
/*
 * The CLI half of the lab (not in the peer): the table of rows each
 * workload shows, the two kinds of rows that run another program (the
 * liburing peer and fio), and the output (table, JSON, SVG chart).
 */
#ifndef RINGZERO_BENCH_CLI_H
#define RINGZERO_BENCH_CLI_H

#include <stdio.h>

#include "bench.h"

/*
 * One row of a workload: an engine run in this process, the same loop run
 * by ringzero-peer-liburing against liburing, or fio as a reference.
 */
struct row_spec {
	const char *name;	/* peer and fio rows; engines name themselves */
	const struct engine *engine;	/* in process */
	const char *peer;	/* engine name for the liburing peer */
	const char *fio;	/* fio --ioengine */
	const char *what;	/* for peer and fio rows */
};

/* "a / b" printed under the table, at every point of a sweep. */
struct ratio {
	const char *a, *b;
	const char *meaning;
};

struct lab_table {
	const struct workload *wl;
	const struct row_spec *rows;
	unsigned nrows;
	const struct ratio *ratios;
	unsigned nratios;
};

const struct lab_table *lab_table_find(const char *workload);
extern const struct lab_table lab_tables[];
extern const unsigned lab_ntables;

static inline const char *row_name(const struct row_spec *row)
{
	return row->engine ? row->engine->name : row->name;
}

static inline const char *row_what(const struct row_spec *row)
{
	return row->engine ? row->engine->what : row->what;
}

/* Run the peer for one row (peer.c); a missing peer gives ROW_MISSING. */
void peer_run(struct lab *lab, const char *engine, unsigned batch,
	      struct result *r);
/* Run fio on the lab's file (fio.c); no fio gives ROW_MISSING. */
void fio_run(struct lab *lab, const char *ioengine, struct result *r);
/* Read a child process's stdout to EOF (peer.c; used by fio.c too). */
char *read_child_output(int fd);

/* What the output needs: the rows picked, and a result per row x batch. */
struct report {
	const struct lab_table *t;
	const struct opts *o;
	const struct row_spec **rows;
	unsigned nrows;
	struct result *res;	/* [batch index * nrows + row index] */
	unsigned npoints;	/* values of the swept option (o->points) */
};

/* Rows are engine x point: a sweep, or nop's batch sizes. */
static inline bool report_swept(const struct report *rp)
{
	return rp->npoints > 1 || rp->t->wl->per_batch;
}

static inline struct result *report_result(const struct report *rp,
					   unsigned b, unsigned r)
{
	return &rp->res[b * rp->nrows + r];
}

/* One line that says what was measured, with the settings. */
void report_title(const struct report *rp, char *buf, size_t size);
double result_rate(const struct result *r);
double syscalls_per_op(const struct result *r);
/*
 * a / b for a ratio at batch index b, from all runs together; 0 when either
 * row has no number. Also the median and range of the ratios of runs that
 * ran next to each other (round k of a against round k of b), which a
 * machine whose speed drifts disturbs much less, and the ratio of operations
 * per CPU second, which time lost to other tenants of the CPU does not
 * disturb at all.
 */
struct paired {
	unsigned n;
	double median, min, max;
	double cpu;
};

double report_ratio(const struct report *rp, const struct ratio *q,
		    unsigned b, struct paired *paired);
/*
 * net: which side limited a row's rate. Each side's demand is the share of
 * the run it wanted a CPU (ran, or was runnable and waited for one: the
 * machine may be shared), the server's per CPU of --cpus. In a closed loop
 * the side that limits the rate is the one the other waits for: the busier
 * side is the bottleneck when it wanted a CPU for BOUND_BUSY of the run or
 * more and for BOUND_MARGIN more of it than the other side; otherwise
 * neither was (the two took turns: too little in flight, or both waiting on
 * the machine). NULL for rows without a load generator.
 */
#define BOUND_BUSY	0.7
#define BOUND_MARGIN	0.1
const char *report_bound(const struct report *rp, const struct result *r,
			 double *server, double *client);
/* Operations per second of CPU time (user + system) the row used. */
double result_cpu_rate(const struct result *r);
void report_table(const struct report *rp, FILE *out);
void report_json(const struct report *rp, FILE *out);
/*
 * The chart into f: bars, or with a sweep curves of the rate and the CPU
 * time per operation against the swept option. 0, or -EIO if a write
 * failed.
 */
int report_svg(const struct report *rp, FILE *f);

/* Human units: 812.3k, 1.10us, 4 KiB */
void fmt_count(double v, char *buf, size_t size);
void fmt_bytes(uint64_t v, char *buf, size_t size);
void fmt_ns(double ns, char *buf, size_t size);

#endif
