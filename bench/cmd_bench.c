// SPDX-License-Identifier: MIT
/*
 * `ringzero bench WORKLOAD`: run the chosen rows of a workload for a number
 * of rounds, the rows taking turns (forwards, then backwards, so that no row
 * always runs first or last on a machine that drifts), then print the table
 * or JSON and draw the chart. A progress line goes to stderr on a terminal.
 * System calls are counted in a pass of their own before the timed rounds.
 * Exit status: 0, 1 if any row failed (an error or a wrong answer), 2 for bad
 * usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../tools/cmd.h"

static void list_rows(const struct lab_table *t)
{
	printf("%s: %s\n", t->wl->name, t->wl->about);
	for (unsigned i = 0; i < t->nrows; i++)
		printf("  %-16s %s\n", row_name(&t->rows[i]),
		       row_what(&t->rows[i]));
}

/* Pick the rows --engines names, in the table's order; -EINVAL if unknown. */
static int pick_rows(const struct lab_table *t, const char *list,
		     const struct row_spec **rows, unsigned *n)
{
	char copy[512], *save = NULL, *tok;
	bool want[64] = { false };

	*n = 0;
	if (!list) {
		for (unsigned i = 0; i < t->nrows; i++)
			rows[(*n)++] = &t->rows[i];
		return 0;
	}
	/* "" or "uring,,sync" is a typo, not "none" or "uring,sync" */
	if (!list_shape_ok(list, sizeof(copy))) {
		fprintf(stderr, "ringzero bench: bad --engines '%s': engine "
			"names separated by single commas (--engines list "
			"shows them)\n", list);
		return -EINVAL;
	}
	snprintf(copy, sizeof(copy), "%s", list);
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		unsigned i;

		for (i = 0; i < t->nrows; i++)
			if (!strcmp(row_name(&t->rows[i]), tok))
				break;
		if (i == t->nrows) {
			fprintf(stderr, "ringzero bench: %s has no engine '%s' "
				"(--engines list shows them)\n", t->wl->name,
				tok);
			return -EINVAL;
		}
		want[i] = true;
	}
	for (unsigned i = 0; i < t->nrows; i++)
		if (want[i])
			rows[(*n)++] = &t->rows[i];
	return 0;
}

/*
 * The --svg file, opened before the run to prove it can be written, but not
 * truncated: a chart already there survives a run that is interrupted. A file
 * we create is removed on Ctrl-C. NULL with errno on failure.
 */
static FILE *open_svg(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	bool created = fd >= 0;
	FILE *f;

	if (created)
		cleanup_path(CLEANUP_SVG, path);
	else if (errno == EEXIST)
		fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w");
	if (!f) {
		int err = errno;

		close(fd);
		if (created)
			unlink(path);
		cleanup_path(CLEANUP_SVG, NULL);
		errno = err;
	}
	return f;
}

/*
 * The old chart (open_svg kept it) gives way only now. Only a regular file
 * is truncated: --svg /dev/stdout or a pipe takes the chart as it is.
 */
static int svg_empty(FILE *f)
{
	struct stat st;

	if (fstat(fileno(f), &st))
		return -errno;
	if (S_ISREG(st.st_mode) && ftruncate(fileno(f), 0))
		return -errno;
	return 0;
}

static void progress(bool tty, const struct report *rp, const char *pass,
		     unsigned step, unsigned steps, const char *label)
{
	if (!tty)
		return;
	fprintf(stderr, "\r\033[K%s: %s, %u/%u: %s", rp->t->wl->name, pass,
		step + 1, steps, label);
	fflush(stderr);
}

static void run_one(struct lab *lab, const struct row_spec *row,
		    unsigned batch, struct result *r)
{
	result_reset(r);
	if (row->engine)
		lab->wl->run(lab, row->engine, batch, r);
	else if (row->peer)
		peer_run(lab, row->peer, batch, r);
	else
		fio_run(lab, row->fio, r);
}

/*
 * One pass over every row x batch, backwards if asked. A counting pass only
 * counts system calls (and warms everything up); the others are timed.
 */
static void run_pass(struct lab *lab, struct report *rp, const char *pass,
		     bool backwards, bool counting)
{
	unsigned steps = rp->npoints * rp->nrows;
	bool tty = isatty(STDERR_FILENO);
	static struct result run;
	char label[96];

	lab->o.count_syscalls = counting || lab->wl->count_inline;
	for (unsigned k = 0; k < steps; k++) {
		unsigned s = backwards ? steps - 1 - k : k;
		unsigned b = s / rp->nrows, i = s % rp->nrows;
		struct result *total = report_result(rp, b, i);

		/* a row that cannot run is not tried again */
		if (total->state != ROW_OK)
			continue;
		snprintf(label, sizeof(label), "%s", row_name(rp->rows[i]));
		if (report_swept(rp))
			snprintf(label + strlen(label),
				 sizeof(label) - strlen(label), " %s %u",
				 opts_axis(rp->o), rp->o->points[b]);
		progress(tty, rp, pass, k, steps, label);
		opts_at_point(&lab->o, b);
		run_one(lab, rp->rows[i], lab->o.batch, &run);
		if (counting)
			result_add_count(total, &run);
		else
			result_add(total, &run);
	}
}

/*
 * With the kernel counting system calls, a first pass counts them (the
 * counter slows every call, so timed runs must not count); then the timed
 * rounds, the rows taking turns, odd rounds backwards.
 */
static void run_all(struct lab *lab, struct report *rp)
{
	char pass[64];

	if (meter_method() == SC_KERNEL && !lab->wl->count_inline)
		run_pass(lab, rp, "counting system calls", false, true);
	for (unsigned round = 0; round < rp->o->rounds; round++) {
		snprintf(pass, sizeof(pass), "round %u/%u", round + 1,
			 rp->o->rounds);
		run_pass(lab, rp, pass, round % 2, false);
	}
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K");
}

int cmd_bench(int argc, char **argv)
{
	const struct row_spec *rows[64];
	struct report rp = { 0 };
	static struct lab lab;
	FILE *svg = NULL;
	int ret, status = 0;

	ret = opts_parse(&lab.o, argc, argv);
	if (ret == OPTS_VERSION)
		print_version("ringzero bench");
	if (ret)
		return ret > 0 ? 0 : 2;
	rp.o = &lab.o;
	rp.t = lab_table_find(lab.o.workload);
	if (!rp.t) {
		fprintf(stderr, "ringzero bench: no workload '%s' (file, net, "
			"nop, zero)\n", lab.o.workload);
		return 2;
	}
	if (lab.o.engines && !strcmp(lab.o.engines, "list")) {
		list_rows(rp.t);
		return 0;
	}
	if (pick_rows(rp.t, lab.o.engines, rows, &rp.nrows))
		return 2;
	rp.rows = rows;
	/* from here on, Ctrl-C removes what the run created and kills its child */
	cleanup_arm();
	/* now, not after the whole run: a chart that cannot be written */
	if (lab.o.svg) {
		svg = open_svg(lab.o.svg);
		if (!svg) {
			fprintf(stderr, "ringzero bench: --svg %s: %s\n",
				lab.o.svg, strerror(errno));
			return 2;
		}
	}
	rp.npoints = lab.o.npoints;
	rp.res = calloc(rp.npoints * rp.nrows, sizeof(*rp.res));
	if (!rp.res) {
		fprintf(stderr, "ringzero bench: out of memory\n");
		if (svg)
			fclose(svg);
		return 1;
	}
	lab.wl = rp.t->wl;
	lab.fd = lab.fd_direct = -1;
	ret = lab.wl->setup(&lab);
	if (ret) {
		/* nothing can run: every row says why */
		for (unsigned i = 0; i < rp.npoints * rp.nrows; i++)
			result_set_error(&rp.res[i], ret, lab.why);
	} else {
		run_all(&lab, &rp);
	}
	lab.wl->teardown(&lab);
	if (lab.o.json)
		report_json(&rp, stdout);
	else
		report_table(&rp, stdout);
	if (svg) {
		ret = svg_empty(svg);
		if (!ret)
			ret = report_svg(&rp, svg);
		if (fclose(svg) && !ret)
			ret = -errno;
		cleanup_path(CLEANUP_SVG, NULL);
		if (ret) {
			fprintf(stderr, "ringzero bench: %s: %s\n", lab.o.svg,
				strerror(-ret));
			status = 1;
		}
	}
	for (unsigned i = 0; i < rp.npoints * rp.nrows; i++)
		if (rp.res[i].state == ROW_FAIL)
			status = 1;
	free(rp.res);
	return status;
}
