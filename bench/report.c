// SPDX-License-Identifier: MIT
/*
 * The results as people and programs read them: an aligned table with the
 * ratios under it, or JSON. Per operation: CPU time (user, system) and
 * system calls; rates are totals over all runs of a row (ops / seconds).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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
	else
		snprintf(buf, size, "%.1f", v);
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

void report_title(const struct report *rp, char *buf, size_t size)
{
	const struct opts *o = rp->o;
	const char *w = rp->t->wl->name;
	char time[32], sz[32], bs[32];
	int n;

	fmt_ns((double)o->time_ns, time, sizeof(time));
	fmt_bytes(o->size, sz, sizeof(sz));
	fmt_bytes(o->bs, bs, sizeof(bs));
	if (!strcmp(w, "file"))
		n = snprintf(buf, size, "%s random reads of a %s file, %s, "
			     "depth %u", bs, sz, o->direct ? "O_DIRECT" :
			     "page cache pinned", o->depth);
	else if (!strcmp(w, "net"))
		n = snprintf(buf, size, "loopback TCP echo, %u connections, "
			     "%s messages", o->conns, sz);
	else if (!strcmp(w, "nop"))
		n = snprintf(buf, size, "io_uring NOPs, a batch per enter");
	else
		n = snprintf(buf, size, "zeroing %s in %s requests (io_uring:"
			     " depth %u), fdatasync included", sz, bs,
			     o->depth);
	if (n < 0 || (size_t)n >= size)
		return;
	if (rp->t->wl->bytes_rate)
		snprintf(buf + n, size - (size_t)n, "; %u run(s) per row, "
			 "CPU %d", o->rounds, o->cpu[0]);
	else
		snprintf(buf + n, size - (size_t)n, "; %u x %s runs per row, "
			 "CPU %d (helper CPU %d)", o->rounds, time, o->cpu[0],
			 o->cpu[1]);
}

static int find_row(const struct report *rp, const char *name)
{
	for (unsigned i = 0; i < rp->nrows; i++)
		if (!strcmp(row_name(rp->rows[i]), name))
			return (int)i;
	return -1;
}

double report_ratio(const struct report *rp, const struct ratio *q,
		    unsigned b)
{
	int a = find_row(rp, q->a), c = find_row(rp, q->b);
	const struct result *ra, *rb;

	if (a < 0 || c < 0)
		return 0;
	ra = report_result(rp, b, (unsigned)a);
	rb = report_result(rp, b, (unsigned)c);
	if (ra->state != ROW_OK || rb->state != ROW_OK || !result_rate(rb))
		return 0;
	return result_rate(ra) / result_rate(rb);
}

static void table_row(const struct result *r, const char *label, FILE *out)
{
	char rate[16], mib[16], p50[16], p99[16], usr[16], sys[16], sc[16];
	double spread;

	if (r->state != ROW_OK) {
		fprintf(out, "%-20s %s: %s\n", label, state_names[r->state],
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
		snprintf(sc, sizeof(sc), "%.3f", per_op(r->syscalls, r));
	/* half the gap between the slowest and fastest run, in percent */
	spread = r->rate_max > 0 ?
		 50 * (r->rate_max - r->rate_min) / result_rate(r) : 0;
	fprintf(out, "%-20s %9s %5.1f%% %9s %9s %9s %9s %9s %9s%s\n", label,
		rate, spread, mib, p50, p99, usr, sys, sc,
		r->sc == SC_ENGINE ? "*" : "");
}

static void row_label(const struct report *rp, unsigned b, unsigned i,
		      char *buf, size_t size)
{
	if (rp->t->wl->per_batch)
		snprintf(buf, size, "%s batch=%u", row_name(rp->rows[i]),
			 rp->o->batches[b]);
	else
		snprintf(buf, size, "%s", row_name(rp->rows[i]));
}

void report_table(const struct report *rp, FILE *out)
{
	char title[256], label[64];
	bool engine_counted = false;

	report_title(rp, title, sizeof(title));
	fprintf(out, "ringzero bench %s: %s\n\n", rp->t->wl->name, title);
	fprintf(out, "%-20s %9s %6s %9s %9s %9s %9s %9s %9s\n", "engine",
		"ops/s", "+-", "MiB/s", "p50", "p99", "user/op", "sys/op",
		"calls/op");
	for (unsigned b = 0; b < rp->nbatches; b++) {
		for (unsigned i = 0; i < rp->nrows; i++) {
			const struct result *r = report_result(rp, b, i);

			row_label(rp, b, i, label, sizeof(label));
			table_row(r, label, out);
			engine_counted |= r->state == ROW_OK &&
					  r->sc == SC_ENGINE;
		}
	}
	fprintf(out, "\nops/s: all runs of a row together; +-: half the "
		"spread between its slowest and fastest run.\n");
	fprintf(out, "calls/op: system calls per operation, %s.\n",
		sc_method_name(meter_method()));
	if (engine_counted)
		fprintf(out, "*: counted by the engine: %s.\n",
			sc_method_name(SC_ENGINE));
	for (unsigned q = 0; q < rp->t->nratios; q++) {
		const struct ratio *ra = &rp->t->ratios[q];

		for (unsigned b = 0; b < rp->nbatches; b++) {
			double v = report_ratio(rp, ra, b);

			if (!v)
				continue;
			if (rp->t->wl->per_batch)
				fprintf(out, "ratio %s / %s at batch %u: %.3f "
					"(%s)\n", ra->a, ra->b,
					rp->o->batches[b], v, ra->meaning);
			else
				fprintf(out, "ratio %s / %s: %.3f (%s)\n",
					ra->a, ra->b, v, ra->meaning);
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

	fprintf(out, "    {\"engine\": ");
	json_str(out, row_name(rp->rows[i]));
	if (rp->t->wl->per_batch)
		fprintf(out, ", \"batch\": %u", rp->o->batches[b]);
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
		", \"ops_per_s\": %.1f, \"mib_per_s\": %.2f"
		", \"ops_per_s_min\": %.1f, \"ops_per_s_max\": %.1f"
		", \"p50_ns\": %" PRIu64 ", \"p99_ns\": %" PRIu64
		", \"user_ns_per_op\": %.2f, \"sys_ns_per_op\": %.2f",
		r->runs, r->ops, (double)r->wall_ns / 1e9, result_rate(r),
		mib_rate(r), r->rate_min, r->rate_max, pct(r, 0.5),
		pct(r, 0.99), per_op(r->utime_ns, r),
		per_op(r->stime_ns, r));
	if (r->sc != SC_NONE)
		fprintf(out, ", \"syscalls_per_op\": %.4f, \"syscalls_counted_"
			"by\": \"%s\"", per_op(r->syscalls, r),
			r->sc == SC_KERNEL ? "kernel" : "engine");
	fprintf(out, "}");
}

void report_json(const struct report *rp, FILE *out)
{
	const struct opts *o = rp->o;
	char title[256];
	bool first = true;

	report_title(rp, title, sizeof(title));
	fprintf(out, "{\n  \"workload\": \"%s\",\n  \"title\": ",
		rp->t->wl->name);
	json_str(out, title);
	fprintf(out, ",\n  \"settings\": {\"size\": %" PRIu64 ", \"bs\": %"
		PRIu64 ", \"depth\": %u, \"direct\": %s, \"conns\": %u"
		", \"run_seconds\": %.3f, \"rounds\": %u, \"cpus\": [%d, %d]},\n",
		o->size, o->bs, o->depth, o->direct ? "true" : "false",
		o->conns, (double)o->time_ns / 1e9, o->rounds, o->cpu[0],
		o->cpu[1]);
	fprintf(out, "  \"syscall_counting\": ");
	json_str(out, sc_method_name(meter_method()));
	fprintf(out, ",\n  \"rows\": [\n");
	for (unsigned b = 0; b < rp->nbatches; b++)
		for (unsigned i = 0; i < rp->nrows; i++) {
			fprintf(out, "%s", first ? "" : ",\n");
			first = false;
			json_row(rp, b, i, out);
		}
	fprintf(out, "\n  ],\n  \"ratios\": [");
	first = true;
	for (unsigned q = 0; q < rp->t->nratios; q++)
		for (unsigned b = 0; b < rp->nbatches; b++) {
			const struct ratio *ra = &rp->t->ratios[q];
			double v = report_ratio(rp, ra, b);

			if (!v)
				continue;
			fprintf(out, "%s\n    {\"a\": \"%s\", \"b\": \"%s\"",
				first ? "" : ",", ra->a, ra->b);
			if (rp->t->wl->per_batch)
				fprintf(out, ", \"batch\": %u",
					o->batches[b]);
			fprintf(out, ", \"ratio\": %.4f}", v);
			first = false;
		}
	fprintf(out, "\n  ]\n}\n");
}
