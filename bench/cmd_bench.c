// SPDX-License-Identifier: MIT
/*
 * `ringzero bench WORKLOAD`: run the chosen rows of a workload for a number
 * of rounds, the rows taking turns (forwards, then backwards, so that no row
 * always runs first or last on a machine that drifts), then print the table
 * or JSON and draw the chart. A progress line goes to stderr on a terminal.
 * Exit status: 0, 1 if any row failed (an error or a wrong answer), 2 for bad
 * usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../tools/cmd.h"

static void list_rows(const struct lab_table *t)
{
	printf("%s: %s\n", t->wl->name, t->wl->about);
	for (unsigned i = 0; i < t->nrows; i++)
		printf("  %-16s %s\n", row_name(&t->rows[i]), row_what(&t->rows[i]));
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

static void progress(bool tty, const struct report *rp, unsigned round,
		     unsigned step, unsigned steps, const char *label)
{
	if (!tty)
		return;
	fprintf(stderr, "\r\033[K%s: round %u/%u, %u/%u: %s", rp->t->wl->name,
		round + 1, rp->o->rounds, step + 1, steps, label);
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

static void run_all(struct lab *lab, struct report *rp)
{
	unsigned steps = rp->nbatches * rp->nrows;
	bool tty = isatty(STDERR_FILENO);
	static struct result run;
	char label[96];

	for (unsigned round = 0; round < rp->o->rounds; round++) {
		for (unsigned k = 0; k < steps; k++) {
			/* odd rounds run the list backwards */
			unsigned s = round % 2 ? steps - 1 - k : k;
			unsigned b = s / rp->nrows, i = s % rp->nrows;
			struct result *total = report_result(rp, b, i);

			/* a row that cannot run is not tried again */
			if (total->state != ROW_OK)
				continue;
			snprintf(label, sizeof(label), "%s", row_name(rp->rows[i]));
			if (lab->wl->per_batch)
				snprintf(label + strlen(label),
					 sizeof(label) - strlen(label),
					 " batch %u", rp->o->batches[b]);
			progress(tty, rp, round, k, steps, label);
			run_one(lab, rp->rows[i], rp->o->batches[b], &run);
			result_add(total, &run);
		}
	}
	if (tty)
		fprintf(stderr, "\r\033[K");
}

int cmd_bench(int argc, char **argv)
{
	const struct row_spec *rows[64];
	struct report rp = { 0 };
	static struct lab lab;
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
	rp.nbatches = rp.t->wl->per_batch ? lab.o.nbatches : 1;
	rp.res = calloc(rp.nbatches * rp.nrows, sizeof(*rp.res));
	if (!rp.res) {
		fprintf(stderr, "ringzero bench: out of memory\n");
		return 1;
	}
	lab.wl = rp.t->wl;
	lab.fd = lab.fd_direct = -1;
	ret = lab.wl->setup(&lab);
	if (ret) {
		/* nothing can run: every row says why */
		for (unsigned i = 0; i < rp.nbatches * rp.nrows; i++)
			result_set_error(&rp.res[i], ret, lab.why);
	} else {
		run_all(&lab, &rp);
	}
	lab.wl->teardown(&lab);
	if (lab.o.json)
		report_json(&rp, stdout);
	else
		report_table(&rp, stdout);
	if (lab.o.svg) {
		ret = report_svg(&rp, lab.o.svg);
		if (ret) {
			fprintf(stderr, "ringzero bench: %s: %s\n", lab.o.svg,
				strerror(-ret));
			status = 1;
		}
	}
	for (unsigned i = 0; i < rp.nbatches * rp.nrows; i++)
		if (rp.res[i].state == ROW_FAIL)
			status = 1;
	free(rp.res);
	return status;
}
