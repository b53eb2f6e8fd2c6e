// SPDX-License-Identifier: MIT
/*
 * The results as people and programs read them: an aligned table with the
 * ratios under it, or JSON. Per operation: CPU time (user, system) and
 * system calls; rates are totals over all runs of a row (ops / seconds).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ringzero.h"
#include "cli.h"

static const char *const state_names[] = {
	[ROW_OK] = "ok",
	[ROW_SKIP] = "skipped",
	[ROW_MISSING] = "missing",
	[ROW_FAIL] = "FAILED",
};

void fmt_count(double v, char *buf, size_t size)
{
	if (v >= 1e9)
		snprintf(buf, size, "%.2fG", v / 1e9);
	else if (v >= 1e6)
		snprintf(buf, size, "%.2fM", v / 1e6);
	else if (v >= 1e3)
		snprintf(buf, size, "%.1fk", v / 1e3);
	else if (v >= 10 || v == 0)
		snprintf(buf, size, "%.1f", v);
	else
		snprintf(buf, size, "%.2f", v);
}

void fmt_ns(double ns, char *buf, size_t size)
{
	if (ns >= 1e9)
		snprintf(buf, size, "%.2fs", ns / 1e9);
	else if (ns >= 1e6)
		snprintf(buf, size, "%.2fms", ns / 1e6);
	else if (ns >= 1e3)
		snprintf(buf, size, "%.2fus", ns / 1e3);
	else
		snprintf(buf, size, "%.0fns", ns);
}

void fmt_bytes(uint64_t v, char *buf, size_t size)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned u = 0;

	/* exact multiples only: 4 KiB, 256 MiB; anything else in bytes */
	while (u + 1 < sizeof(units) / sizeof(*units) && v >= 1024 &&
	       !(v % 1024)) {
		v /= 1024;
		u++;
	}
	snprintf(buf, size, "%" PRIu64 " %s", v, units[u]);
}

double result_rate(const struct result *r)
{
	return r->wall_ns ? (double)r->ops * 1e9 / (double)r->wall_ns : 0;
}

static double mib_rate(const struct result *r)
{
	return r->wall_ns ? (double)r->bytes / (1 << 20) * 1e9 /
			    (double)r->wall_ns : 0;
}

static uint64_t pct(const struct result *r, double q)
{
	/* fio's rows carry fio's own percentiles, averaged over its runs */
	if (r->ext_p50_ns || r->ext_p99_ns)
		return (q < 0.9 ? r->ext_p50_ns : r->ext_p99_ns) / r->runs;
	return hist_quantile(&r->hist, q);
}

static double per_op(uint64_t total, const struct result *r)
{
	return r->ops ? (double)total / (double)r->ops : 0;
}

double result_cpu_rate(const struct result *r)
{
	uint64_t cpu = r->utime_ns + r->stime_ns;

	return cpu ? (double)r->ops * 1e9 / (double)cpu : 0;
}

double syscalls_per_op(const struct result *r)
{
	return r->sc_ops ? (double)r->syscalls / (double)r->sc_ops : 0;
}

void report_title(const struct report *rp, char *buf, size_t size)
{
	const struct opts *o = rp->o;
	const char *w = rp->t->wl->name;
	char time[32], sz[32], bs[32], pts[MAX_POINTS * 6 + 1], cpus[256];
	int n;

	/* the swept value: all of them, else the one */
	pts[0] = '\0';
	for (unsigned i = 0, k = 0; i < o->npoints && k < sizeof(pts); i++)
		k += (unsigned)snprintf(pts + k, sizeof(pts) - k, "%s%u",
					i ? "," : "", o->points[i]);
	cpus_text(o, cpus, sizeof(cpus));
	fmt_ns((double)o->time_ns, time, sizeof(time));
	fmt_bytes(o->size, sz, sizeof(sz));
	fmt_bytes(o->bs, bs, sizeof(bs));
	if (!strcmp(w, "file"))
		n = snprintf(buf, size, "%s random reads of a %s file, %s, "
			     "depth %s, %s check", bs, sz, o->direct ?
			     "O_DIRECT" : "page cache pinned", pts,
			     o->verify == VERIFY_FULL ? "full" : "header");
	else if (!strcmp(w, "net"))
		n = snprintf(buf, size, "loopback TCP echo, %s connections, "
			     "%s messages, %u in flight each", pts, sz,
			     o->inflight);
	else if (!strcmp(w, "nop"))
		n = snprintf(buf, size, "io_uring NOPs, a batch per enter");
	else
		n = snprintf(buf, size, "zeroing %s in %s requests (io_uring:"
			     " depth %s), fdatasync included; ZERO method: %s",
			     sz, bs, pts, io_uring_zero_method_name(
			     io_uring_zero_method(NULL)));
	if (n < 0 || (size_t)n >= size)
		return;
	if (rp->t->wl->bytes_rate)
		snprintf(buf + n, size - (size_t)n, "; %u run(s) per row, "
			 "CPU %s", o->rounds, cpus);
	else
		snprintf(buf + n, size - (size_t)n, "; %u x %s runs per row, "
			 "CPU %s (helper CPU %d)", o->rounds, time, cpus,
			 o->helper_cpu);
}

static int find_row(const struct report *rp, const char *name)
{
	for (unsigned i = 0; i < rp->nrows; i++)
		if (!strcmp(row_name(rp->rows[i]), name))
			return (int)i;
	return -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double report_ratio(const struct report *rp, const struct ratio *q,
		    unsigned b, struct paired *paired)
{
	int a = find_row(rp, q->a), c = find_row(rp, q->b);
	const struct result *ra, *rb;
	double pairs[MAX_ROUNDS];
	unsigned n = 0;

	if (a < 0 || c < 0)
		return 0;
	ra = report_result(rp, b, (unsigned)a);
	rb = report_result(rp, b, (unsigned)c);
	if (ra->state != ROW_OK || rb->state != ROW_OK || !result_rate(rb))
		return 0;
	if (paired) {
		for (; n < ra->runs && n < rb->runs && n < MAX_ROUNDS; n++)
			pairs[n] = rb->run_rate[n] > 0 ?
				   ra->run_rate[n] / rb->run_rate[n] : 0;
		qsort(pairs, n, sizeof(*pairs), cmp_double);
		paired->n = n;
		paired->min = n ? pairs[0] : 0;
		paired->max = n ? pairs[n - 1] : 0;
		paired->median = !n ? 0 : n % 2 ? pairs[n / 2] :
				 (pairs[n / 2 - 1] + pairs[n / 2]) / 2;
		paired->cpu = result_cpu_rate(rb) > 0 ?
			      result_cpu_rate(ra) / result_cpu_rate(rb) : 0;
	}
	return result_rate(ra) / result_rate(rb);
}

const char *report_bound(const struct report *rp, const struct result *r,
			 double *server, double *client)
{
	(void)rp;
	if (r->state != ROW_OK || !r->helper_cpu_ns || !r->runs)
		return NULL;
	*server = r->server_demand / r->runs;
	*client = r->helper_demand / r->runs;
	if (*server >= BOUND_BUSY && *server >= *client + BOUND_MARGIN)
		return "server";
	if (*client >= BOUND_BUSY && *client >= *server + BOUND_MARGIN)
		return "client";
	return "neither";
}

static void table_row(const struct report *rp, const struct result *r,
		      const char *label, int width, FILE *out)
{
	const char *bound;
	double srv, gen;

	char rate[16], mib[16], p50[16], p99[16], usr[16], sys[16], sc[16];
	double spread;

	if (r->state != ROW_OK) {
		fprintf(out, "%-*s %s: %s\n", width, label,
			state_names[r->state],
			r->why);
		return;
	}
	fmt_count(result_rate(r), rate, sizeof(rate));
	if (r->bytes)
		snprintf(mib, sizeof(mib), "%.1f", mib_rate(r));
	else
		snprintf(mib, sizeof(mib), "-");
	fmt_ns((double)pct(r, 0.5), p50, sizeof(p50));
	fmt_ns((double)pct(r, 0.99), p99, sizeof(p99));
	fmt_ns(per_op(r->utime_ns, r), usr, sizeof(usr));
	fmt_ns(per_op(r->stime_ns, r), sys, sizeof(sys));
	if (r->sc == SC_NONE)
		snprintf(sc, sizeof(sc), "-");
	else
		snprintf(sc, sizeof(sc), "%.3f", syscalls_per_op(r));
	/* half the gap between the slowest and fastest run, in percent */
	spread = r->rate_max > 0 ?
		 50 * (r->rate_max - r->rate_min) / result_rate(r) : 0;
	fprintf(out, "%-*s %9s %5.1f%% %9s %9s %9s %9s %9s %9s%s", width, label,
		rate, spread, mib, p50, p99, usr, sys, sc,
		r->sc == SC_ENGINE ? "*" : " ");
	bound = report_bound(rp, r, &srv, &gen);
	if (bound)
		fprintf(out, " %5.0f%% %5.0f%% %-7s", 100 * srv, 100 * gen,
			bound);
	fputc('\n', out);
}

/* What p50/p99 measure, which is the same quantity on every row. */
static const char *latency_note(const struct report *rp)
{
	const char *w = rp->t->wl->name;

	if (!strcmp(w, "file"))
		return "p50, p99: from queueing a read to reaping its "
		       "completion (fio's rows: its lat, slat + clat).\n";
	if (!strcmp(w, "net"))
		return "p50, p99: from sending a message to receiving its "
		       "whole echo, at the load generator.\n";
	if (!strcmp(w, "nop"))
		return "p50, p99: per NOP, a batch's time divided by its "
		       "size.\n";
	return "p50, p99: per request, from queueing to completion.\n";
}

/* A ratio of two net rows either of which the load generator limited. */
static bool ratio_client_bound(const struct report *rp, const struct ratio *q,
			       unsigned b)
{
	int x = find_row(rp, q->a), y = find_row(rp, q->b);
	double srv, gen;
	const char *ba, *bb;

	if (x < 0 || y < 0)
		return false;
	ba = report_bound(rp, report_result(rp, b, (unsigned)x), &srv, &gen);
	bb = report_bound(rp, report_result(rp, b, (unsigned)y), &srv, &gen);
	return (ba && !strcmp(ba, "client")) || (bb && !strcmp(bb, "client"));
}

static void row_label(const struct report *rp, unsigned b, unsigned i,
		      char *buf, size_t size)
{
	if (report_swept(rp))
		snprintf(buf, size, "%s %s=%u", row_name(rp->rows[i]),
			 opts_axis(rp->o), rp->o->points[b]);
	else
		snprintf(buf, size, "%s", row_name(rp->rows[i]));
}

void report_table(const struct report *rp, FILE *out)
{
	char title[512], label[64];
	bool engine_counted = false, net = false;
	double srv, gen;
	int width = 20;

	/* the label column fits the longest "engine depth=N" */
	for (unsigned b = 0; b < rp->npoints; b++)
		for (unsigned i = 0; i < rp->nrows; i++) {
			row_label(rp, b, i, label, sizeof(label));
			if ((int)strlen(label) > width)
				width = (int)strlen(label);
		}

	for (unsigned i = 0; i < rp->npoints * rp->nrows; i++)
		net |= report_bound(rp, &rp->res[i], &srv, &gen) != NULL;

	report_title(rp, title, sizeof(title));
	fprintf(out, "ringzero bench %s: %s\n\n", rp->t->wl->name, title);
	fprintf(out, "%-*s %9s %6s %9s %9s %9s %9s %9s %9s%s\n", width, "engine",
		"ops/s", "+-", "MiB/s", "p50", "p99", "user/op", "sys/op",
		"calls/op", net ? "   server    gen bound" : "");
	for (unsigned b = 0; b < rp->npoints; b++) {
		for (unsigned i = 0; i < rp->nrows; i++) {
			const struct result *r = report_result(rp, b, i);

			row_label(rp, b, i, label, sizeof(label));
			table_row(rp, r, label, width, out);
			engine_counted |= r->state == ROW_OK &&
					  r->sc == SC_ENGINE;
		}
	}
	fprintf(out, "\nops/s: all runs of a row together; +-: half the "
		"spread between its slowest and fastest run.\n");
	fprintf(out, "calls/op: system calls per operation, %s%s.\n",
		sc_method_name(meter_method()),
		meter_method() == SC_KERNEL && !rp->t->wl->count_inline ?
		", in a pass of its own before the timed runs" : "");
	if (engine_counted)
		fprintf(out, "*: counted by the engine: %s.\n",
			sc_method_name(SC_ENGINE));
	fputs(latency_note(rp), out);
	if (net)
		fprintf(out, "server, gen: share of the run the server (per "
			"CPU) and the load generator wanted a CPU, running or\n"
			"waiting for one; bound: the side the other waited for "
			"(%.0f%%+, and %.0f points above the other),\nor "
			"neither.\n", 100 * BOUND_BUSY, 100 * BOUND_MARGIN);
	for (unsigned q = 0; q < rp->t->nratios; q++) {
		const struct ratio *ra = &rp->t->ratios[q];

		for (unsigned b = 0; b < rp->npoints; b++) {
			struct paired pr;
			double v = report_ratio(rp, ra, b, &pr);
			char at[32] = "";

			if (!v)
				continue;
			if (report_swept(rp))
				snprintf(at, sizeof(at), " at %s %u",
					 opts_axis(rp->o), rp->o->points[b]);
			fprintf(out, "ratio %s / %s%s: %.3f", ra->a, ra->b, at,
				v);
			if (pr.n > 1)
				fprintf(out, "; paired runs: median %.3f, "
					"%.3f..%.3f", pr.median, pr.min,
					pr.max);
			fprintf(out, "; per CPU second: %.3f (%s)%s\n", pr.cpu,
				ra->meaning, ratio_client_bound(rp, ra, b) ?
				" [client-bound: not a server comparison]" :
				"");
		}
	}
}

static void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(out, "\\u%04x", *s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

static void json_row(const struct report *rp, unsigned b, unsigned i,
		     FILE *out)
{
	const struct result *r = report_result(rp, b, i);
	const char *bound;
	double srv, gen;

	fprintf(out, "    {\"engine\": ");
	json_str(out, row_name(rp->rows[i]));
	if (report_swept(rp))
		fprintf(out, ", \"%s\": %u", opts_axis(rp->o),
			rp->o->points[b]);
	fprintf(out, ", \"what\": ");
	json_str(out, row_what(rp->rows[i]));
	fprintf(out, ", \"status\": \"%s\"", state_names[r->state]);
	if (r->state != ROW_OK) {
		fprintf(out, ", \"why\": ");
		json_str(out, r->why);
		fprintf(out, "}");
		return;
	}
	fprintf(out, ", \"runs\": %u, \"ops\": %" PRIu64 ", \"seconds\": %.6f"
		", \"ops_per_s\": %.1f, \"ops_per_cpu_s\": %.1f"
		", \"mib_per_s\": %.2f"
		", \"ops_per_s_min\": %.1f, \"ops_per_s_max\": %.1f"
		", \"p50_ns\": %" PRIu64 ", \"p99_ns\": %" PRIu64
		", \"user_ns_per_op\": %.2f, \"sys_ns_per_op\": %.2f",
		r->runs, r->ops, (double)r->wall_ns / 1e9, result_rate(r),
		result_cpu_rate(r), mib_rate(r), r->rate_min, r->rate_max,
		pct(r, 0.5),
		pct(r, 0.99), per_op(r->utime_ns, r),
		per_op(r->stime_ns, r));
	bound = report_bound(rp, r, &srv, &gen);
	if (bound)
		fprintf(out, ", \"load_generator_cpu_busy\": %.3f"
			", \"server_demand\": %.3f, \"load_generator_demand\":"
			" %.3f, \"bound\": \"%s\"",
			(double)r->helper_cpu_ns / (double)r->wall_ns, srv, gen,
			bound);
	if (r->sc != SC_NONE)
		fprintf(out, ", \"syscalls_per_op\": %.4f, \"syscalls_counted_"
			"by\": \"%s\"", syscalls_per_op(r),
			r->sc == SC_KERNEL ? "kernel" : "engine");
	fprintf(out, "}");
}

void report_json(const struct report *rp, FILE *out)
{
	const struct opts *o = rp->o;
	char title[512], cpus[256];
	bool first = true;

	cpus_text(o, cpus, sizeof(cpus));
	report_title(rp, title, sizeof(title));
	fprintf(out, "{\n  \"workload\": \"%s\",\n  \"title\": ",
		rp->t->wl->name);
	json_str(out, title);
	fprintf(out, ",\n  \"settings\": {\"size\": %" PRIu64 ", \"bs\": %"
		PRIu64 ", \"depth\": %u, \"direct\": %s, \"conns\": %u"
		", \"inflight\": %u, \"verify\": \"%s\""
		", \"run_seconds\": %.3f, \"rounds\": %u, \"cpus\": [%s]"
		", \"helper_cpu\": %d},\n",
		o->size, o->bs, o->depth, o->direct ? "true" : "false",
		o->conns, o->inflight, o->verify == VERIFY_FULL ? "full" :
		"header", (double)o->time_ns / 1e9, o->rounds, cpus,
		o->helper_cpu);
	fprintf(out, "  \"syscall_counting\": ");
	json_str(out, sc_method_name(meter_method()));
	fprintf(out, ",\n  \"rows\": [\n");
	for (unsigned b = 0; b < rp->npoints; b++)
		for (unsigned i = 0; i < rp->nrows; i++) {
			fprintf(out, "%s", first ? "" : ",\n");
			first = false;
			json_row(rp, b, i, out);
		}
	fprintf(out, "\n  ],\n  \"ratios\": [");
	first = true;
	for (unsigned q = 0; q < rp->t->nratios; q++)
		for (unsigned b = 0; b < rp->npoints; b++) {
			const struct ratio *ra = &rp->t->ratios[q];
			struct paired pr;
			double v = report_ratio(rp, ra, b, &pr);

			if (!v)
				continue;
			fprintf(out, "%s\n    {\"a\": \"%s\", \"b\": \"%s\"",
				first ? "" : ",", ra->a, ra->b);
			if (report_swept(rp))
				fprintf(out, ", \"%s\": %u",
					opts_axis(o), o->points[b]);
			fprintf(out, ", \"ratio\": %.4f, \"paired_median\": "
				"%.4f, \"paired_min\": %.4f, \"paired_max\": "
				"%.4f, \"cpu_ratio\": %.4f, \"client_bound\": "
				"%s}", v, pr.median, pr.min, pr.max, pr.cpu,
				ratio_client_bound(rp, ra, b) ? "true" :
				"false");
			first = false;
		}
	fprintf(out, "\n  ]\n}\n");
}
