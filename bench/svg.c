// SPDX-License-Identifier: MIT
/*
 * --svg: the results as a horizontal bar chart, one bar per row in table
 * order, coloured by family (ringzero io_uring, liburing, kernel AIO,
 * classic system calls, fio), each bar labelled with its rate, p99 latency
 * and system calls per operation, so it reads at a glance without the table.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define W 1020
#define LABEL_X 200		/* right edge of the row labels */
#define BAR_X 210
#define BAR_W 430
#define ROW_H 24
#define TOP 78

static const struct family {
	const char *prefix;
	const char *color;
	const char *legend;
} families[] = {
	{ "uring", "#2b6cb0", "ringzero io_uring" },
	{ "zero", "#2b6cb0", NULL },
	{ "liburing", "#e8833a", "liburing (peer process)" },
	{ "posix-aio", "#8e6bbf", "AIO (glibc, kernel)" },
	{ "linux-aio", "#8e6bbf", NULL },
	{ "fio-", "#b4b4b4", "fio (reference)" },
	{ "", "#5f9e6e", "classic system calls" },
};

static const struct family *family_of(const char *name)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(*families); i++)
		if (!strncmp(name, families[i].prefix,
			     strlen(families[i].prefix)))
			return &families[i];
	return &families[sizeof(families) / sizeof(*families) - 1];
}

static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else
			fputc(*s, f);
	}
}

static double headline(const struct report *rp, const struct result *r)
{
	if (r->state != ROW_OK || !r->wall_ns)
		return 0;
	if (rp->t->wl->bytes_rate)
		return (double)r->bytes / (1 << 30) * 1e9 / (double)r->wall_ns;
	return result_rate(r);
}

/* A round step for about five grid lines up to max. */
static double grid_step(double max)
{
	double step = 1;

	while (step * 10 <= max)
		step *= 10;
	while (step > max / 2 && step > 1e-9)
		step = step >= 2 ? step / 2 : step / 2.5;
	if (max / step > 8)
		step *= 2;
	return step;
}

static void bar(FILE *f, const struct report *rp, const struct result *r,
		const char *name, int y, double max)
{
	char rate[16], p99[16], cpu[16], val[160];
	int n;
	const char *unit = rp->t->wl->bytes_rate ? "GiB/s" : "ops/s";
	double v = headline(rp, r), w;

	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_X,
		y + 13);
	esc(f, name);
	fprintf(f, "</text>\n");
	if (r->state != ROW_OK) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#a33\" "
			"font-style=\"italic\">", BAR_X, y + 13);
		esc(f, r->state == ROW_SKIP ? "skipped: " :
		       r->state == ROW_MISSING ? "missing: " : "FAILED: ");
		esc(f, r->why);
		fprintf(f, "</text>\n");
		return;
	}
	w = max > 0 ? v / max * BAR_W : 0;
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" "
		"fill=\"%s\"/>\n", BAR_X, y + 1, w < 1 ? 1 : w,
		family_of(name)->color);
	fmt_count(v, rate, sizeof(rate));
	if (r->ext_p99_ns)
		fmt_ns((double)r->ext_p99_ns / r->runs, p99, sizeof(p99));
	else
		fmt_ns((double)hist_quantile(&r->hist, 0.99), p99, sizeof(p99));
	fmt_ns(r->ops ? (double)(r->utime_ns + r->stime_ns) / (double)r->ops :
	       0, cpu, sizeof(cpu));
	n = snprintf(val, sizeof(val), "%s %s \u00b7 p99 %s \u00b7 CPU %s/op",
		     rate, unit, p99, cpu);
	if (r->sc != SC_NONE && n > 0 && (size_t)n < sizeof(val))
		snprintf(val + n, sizeof(val) - (size_t)n, " \u00b7 %.2f "
			 "calls/op", syscalls_per_op(r));
	fprintf(f, "<text x=\"%.1f\" y=\"%d\">", BAR_X + w + 6, y + 13);
	esc(f, val);
	fprintf(f, "</text>\n");
}

/* A key for the colours the chart uses, on one line under it. */
static void legend(FILE *f, const struct report *rp, int y)
{
	int x = 16;

	for (size_t i = 0; i < sizeof(families) / sizeof(*families); i++) {
		bool used = false;

		for (unsigned r = 0; r < rp->nrows; r++)
			used |= family_of(row_name(rp->rows[r]))->color ==
				families[i].color;
		if (!families[i].legend || !used)
			continue;
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
			"fill=\"%s\"/>\n<text x=\"%d\" y=\"%d\">%s</text>\n", x,
			y, families[i].color, x + 16, y + 11,
			families[i].legend);
		x += 16 + 7 * (int)strlen(families[i].legend) + 14;
	}
}

int report_svg(const struct report *rp, FILE *f)
{
	const char *unit = rp->t->wl->bytes_rate ? "GiB/s" : "ops/s";
	int rows = (int)(rp->nrows * rp->npoints), y, h;
	char title[256], tick[16];
	double max = 0, step;

	if (report_swept(rp))
		rows += (int)rp->npoints;	/* a heading per batch */
	for (unsigned b = 0; b < rp->npoints; b++)
		for (unsigned i = 0; i < rp->nrows; i++) {
			double v = headline(rp, report_result(rp, b, i));

			if (v > max)
				max = v;
		}
	step = max > 0 ? grid_step(max) : 1;
	if (max > 0)
		max = step * (int)(max / step + 0.999);
	h = TOP + rows * ROW_H + 86;
	report_title(rp, title, sizeof(title));
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\""
		" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" "
		"fill=\"white\"/>\n", W, h, W, h);
	fprintf(f, "<text x=\"16\" y=\"26\" font-size=\"16\" "
		"font-weight=\"bold\">ringzero bench %s: %s, longer is "
		"better</text>\n<text x=\"16\" y=\"46\" fill=\"#444\">",
		rp->t->wl->name, unit);
	esc(f, title);
	fprintf(f, "</text>\n");
	/* grid lines, labelled at the bottom */
	for (double g = 0; max > 0 && g <= max * 1.0001; g += step) {
		int x = BAR_X + (int)(g / max * BAR_W);

		fmt_count(g, tick, sizeof(tick));
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"#e4e4e4\"/>\n<text x=\"%d\" y=\"%d\" "
			"text-anchor=\"middle\" fill=\"#666\">%s</text>\n", x,
			TOP - 6, x, TOP + rows * ROW_H, x,
			TOP + rows * ROW_H + 16, tick);
	}
	y = TOP;
	for (unsigned b = 0; b < rp->npoints; b++) {
		if (report_swept(rp)) {
			fprintf(f, "<text x=\"16\" y=\"%d\" font-weight=\"bold\""
				">%s %u</text>\n", y + 13, opts_axis(rp->o),
				rp->o->points[b]);
			y += ROW_H;
		}
		for (unsigned i = 0; i < rp->nrows; i++) {
			const char *name = row_name(rp->rows[i]);

			bar(f, rp, report_result(rp, b, i), name, y, max);
			y += ROW_H;
		}
	}
	legend(f, rp, y + 28);
	fprintf(f, "<text x=\"16\" y=\"%d\" fill=\"#666\" font-size=\"11\">"
		"calls/op: system calls per operation, ", y + 62);
	esc(f, sc_method_name(meter_method()));
	if (meter_method() == SC_KERNEL && !rp->t->wl->count_inline)
		fprintf(f, ", in a pass of its own");
	fprintf(f, "</text>\n</svg>\n");
	return ferror(f) ? -EIO : 0;
}
