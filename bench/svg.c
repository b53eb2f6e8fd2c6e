// SPDX-License-Identifier: MIT
/*
 * --svg: the results as a horizontal bar chart, one bar per row in table
 * order, coloured by family (ringzero io_uring, liburing, kernel AIO,
 * classic system calls, fio), each bar labelled with its rate, p99 latency
 * and system calls per operation, so it reads at a glance without the table.
 * A sweep (--depth 1,2,4 ...) is drawn as curves instead: the rate and the
 * CPU time per operation against the swept option, one line per engine,
 * both on log scales; a line that stops says why under the chart.
 */
#include <errno.h>
#include <math.h>
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
	char rate[16], p99[16], cpu[16], val[192];
	const char *bound;
	double srv, gen;
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
		n += snprintf(val + n, sizeof(val) - (size_t)n, " \u00b7 %.2f "
			      "calls/op", syscalls_per_op(r));
	/* net: which side the rate belongs to */
	bound = report_bound(rp, r, &srv, &gen);
	if (bound && n > 0 && (size_t)n < sizeof(val))
		snprintf(val + n, sizeof(val) - (size_t)n, " \u00b7 bound: %s",
			 bound);
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

/* The <svg> element, a white page, the heading and the settings line. */
static void svg_head(FILE *f, const struct report *rp, int h,
		     const char *heading)
{
	char title[512];

	report_title(rp, title, sizeof(title));
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\""
		" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" "
		"fill=\"white\"/>\n", W, h, W, h);
	fprintf(f, "<text x=\"16\" y=\"26\" font-size=\"16\" "
		"font-weight=\"bold\">ringzero bench %s: ", rp->t->wl->name);
	esc(f, heading);
	fprintf(f, "</text>\n<text x=\"16\" y=\"46\" fill=\"#444\">");
	esc(f, title);
	fprintf(f, "</text>\n");
}

/* ---- curves ------------------------------------------------------------- */

#define PLOT_X 90
#define PLOT_W 560
#define PLOT_H 250
#define PLOT_GAP 70
#define LEGEND_X (PLOT_X + PLOT_W + 30)

static const char *const line_colors[] = {
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
	"#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939",
};

/* What a curve shows at one point; 0 where the row has no number. */
typedef double (*curve_value)(const struct report *rp, const struct result *r);

static double cpu_per_op(const struct report *rp, const struct result *r)
{
	(void)rp;
	if (r->state != ROW_OK || !r->ops)
		return 0;
	return (double)(r->utime_ns + r->stime_ns) / (double)r->ops;
}

/* A log-scale axis from lo to hi (both > 0), rounded out to decades. */
struct log_axis {
	double lo, hi;
};

static struct log_axis log_axis_of(double min, double max)
{
	struct log_axis a = { 1, 10 };

	if (max > 0) {
		a.lo = pow(10, floor(log10(min)));
		a.hi = pow(10, ceil(log10(max)));
		if (a.hi <= a.lo)
			a.hi = a.lo * 10;
	}
	return a;
}

static double log_pos(const struct log_axis *a, double v, double len)
{
	return (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo)) * len;
}

static double point_x(const struct report *rp, unsigned b)
{
	struct log_axis a = log_axis_of(rp->o->points[0],
					rp->o->points[rp->npoints - 1]);
	double lo = rp->o->points[0], hi = rp->o->points[0];

	for (unsigned k = 0; k < rp->npoints; k++) {
		if (rp->o->points[k] < lo)
			lo = rp->o->points[k];
		if (rp->o->points[k] > hi)
			hi = rp->o->points[k];
	}
	if (hi <= lo)
		return PLOT_X + PLOT_W / 2.0;
	a.lo = lo;
	a.hi = hi;
	return PLOT_X + log_pos(&a, rp->o->points[b], PLOT_W);
}

/* One panel: axes, grid, a line per row of value(). */
static void panel(FILE *f, const struct report *rp, int top,
		  const char *ylabel, curve_value value, bool ns)
{
	double min = 0, max = 0;
	struct log_axis a;
	char tick[16];

	for (unsigned b = 0; b < rp->npoints; b++)
		for (unsigned i = 0; i < rp->nrows; i++) {
			double v = value(rp, report_result(rp, b, i));

			if (v > 0 && (min == 0 || v < min))
				min = v;
			if (v > max)
				max = v;
		}
	a = log_axis_of(min, max);
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">", PLOT_X,
		top - 8);
	esc(f, ylabel);
	fprintf(f, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" "
		"height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n", PLOT_X, top,
		PLOT_W, PLOT_H);
	/* decades, with 2 and 5 between them when there are few */
	for (double d = a.lo; d <= a.hi * 1.0001; d *= 10) {
		static const double steps[] = { 1, 2, 5 };

		for (unsigned s = 0; s < 3; s++) {
			double v = d * steps[s];
			double y = top + PLOT_H - log_pos(&a, v, PLOT_H);

			if (v > a.hi * 1.0001 || (s && a.hi / a.lo > 1000))
				continue;
			if (ns)
				fmt_ns(v, tick, sizeof(tick));
			else
				fmt_count(v, tick, sizeof(tick));
			fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
				"y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n<text x=\"%d\" "
				"y=\"%.1f\" text-anchor=\"end\" fill=\"#666\">%s"
				"</text>\n", PLOT_X, y, PLOT_X + PLOT_W, y,
				PLOT_X - 6, y + 4, tick);
		}
	}
	for (unsigned b = 0; b < rp->npoints; b++)
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
			"fill=\"#666\">%u</text>\n", point_x(rp, b),
			top + PLOT_H + 16, rp->o->points[b]);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		"fill=\"#444\">--%s</text>\n", PLOT_X + PLOT_W / 2,
		top + PLOT_H + 34, opts_axis(rp->o));
	for (unsigned i = 0; i < rp->nrows; i++) {
		const char *color = line_colors[i % (sizeof(line_colors) /
						     sizeof(*line_colors))];
		bool open = false;

		/* a polyline per run of points that have a number */
		for (unsigned b = 0; b <= rp->npoints; b++) {
			double v = b < rp->npoints ?
				   value(rp, report_result(rp, b, i)) : 0;

			if (v <= 0) {
				if (open)
					fprintf(f, "\"/>\n");
				open = false;
				continue;
			}
			if (!open)
				fprintf(f, "<polyline fill=\"none\" "
					"stroke-width=\"2\" stroke=\"%s\" "
					"points=\"", color);
			fprintf(f, "%s%.1f,%.1f", open ? " " : "",
				point_x(rp, b), top + PLOT_H -
				log_pos(&a, v, PLOT_H));
			open = true;
		}
		for (unsigned b = 0; b < rp->npoints; b++) {
			double v = value(rp, report_result(rp, b, i));

			if (v > 0)
				fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" "
					"r=\"3\" fill=\"%s\"/>\n",
					point_x(rp, b), top + PLOT_H -
					log_pos(&a, v, PLOT_H), color);
		}
	}
}

/*
 * The curves of a sweep: rate on top, CPU per operation below, a legend of
 * the rows, and a line for each row that stops before the last point.
 */
static int curves(const struct report *rp, FILE *f)
{
	const char *unit = rp->t->wl->bytes_rate ? "GiB/s" : "ops/s";
	int top = 78, notes_y, h, nnotes = 0;
	char heading[64], rate_label[64];

	/* how many notes: rows that stop or skip somewhere */
	for (unsigned i = 0; i < rp->nrows; i++)
		for (unsigned b = 0; b < rp->npoints; b++)
			if (report_result(rp, b, i)->state != ROW_OK) {
				nnotes++;
				break;
			}
	notes_y = top + 2 * (PLOT_H + PLOT_GAP) + 10;
	h = notes_y + 18 * nnotes + 30;
	snprintf(heading, sizeof(heading), "how cost grows with --%s",
		 opts_axis(rp->o));
	svg_head(f, rp, h, heading);
	snprintf(rate_label, sizeof(rate_label), "%s (log scale; higher is "
		 "better)", unit);
	panel(f, rp, top, rate_label, headline, false);
	panel(f, rp, top + PLOT_H + PLOT_GAP, "CPU time per operation (log "
	      "scale; lower is better)", cpu_per_op, true);
	for (unsigned i = 0; i < rp->nrows; i++) {
		int y = top + 18 * (int)i;

		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\""
			" fill=\"%s\"/>\n<text x=\"%d\" y=\"%d\">", LEGEND_X,
			y + 4, line_colors[i % (sizeof(line_colors) /
						sizeof(*line_colors))],
			LEGEND_X + 20, y + 9);
		esc(f, row_name(rp->rows[i]));
		fprintf(f, "</text>\n");
	}
	/* where a line stops, and why: the first point without a number */
	for (unsigned i = 0; i < rp->nrows; i++)
		for (unsigned b = 0; b < rp->npoints; b++) {
			const struct result *r = report_result(rp, b, i);
			char note[64];

			if (r->state == ROW_OK)
				continue;
			snprintf(note, sizeof(note), "%s at --%s %u: ",
				 row_name(rp->rows[i]), opts_axis(rp->o),
				 rp->o->points[b]);
			fprintf(f, "<text x=\"16\" y=\"%d\" fill=\"#a33\">",
				notes_y);
			esc(f, note);
			esc(f, r->why);
			fprintf(f, "</text>\n");
			notes_y += 18;
			break;
		}
	fprintf(f, "</svg>\n");
	return ferror(f) ? -EIO : 0;
}

int report_svg(const struct report *rp, FILE *f)
{
	const char *unit = rp->t->wl->bytes_rate ? "GiB/s" : "ops/s";
	int rows = (int)(rp->nrows * rp->npoints), y, h;
	char heading[64], tick[16];
	double max = 0, step;

	if (rp->npoints > 1)
		return curves(rp, f);
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
	snprintf(heading, sizeof(heading), "%s, longer is better", unit);
	svg_head(f, rp, h, heading);
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
