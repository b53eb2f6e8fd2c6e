// SPDX-License-Identifier: MIT
/*
 * zero_report.c - the lines `ringzero zero` prints about a job: the
 * outcome, the progress on a terminal, an interruption (zero_report.h).
 * File names go through quote_name(), as GNU tools print them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quote.h"
#include "size.h"
#include "zero_report.h"
#include "zero_wait.h"

#define PROG	"ringzero zero"
#define ULL(x)	((unsigned long long)(x))

/* How each step did its part, for the line that reports success. */
static void step_detail(const struct zero_job *job, enum zero_step s,
			char *buf, size_t size)
{
	switch (s) {
	case ZS_NATIVE:
		snprintf(buf, size, "IORING_OP_ZERO, opcode %d",
			 job->native_opcode);
		break;
	case ZS_FALLOCATE:
		snprintf(buf, size, "IORING_OP_FALLOCATE with "
			 "FALLOC_FL_ZERO_RANGE");
		break;
	case ZS_PUNCH:
		snprintf(buf, size, "IORING_OP_FALLOCATE with "
			 "FALLOC_FL_PUNCH_HOLE");
		break;
	case ZS_WRITE:
		snprintf(buf, size, "%llu %s of zeroes written by "
			 "IORING_OP_WRITE over the data, holes left as holes",
			 ULL(job->written), bytes_word(job->written));
		break;
	case ZS_EXTEND:
		snprintf(buf, size, "ftruncate from %llu to %llu %s",
			 ULL(job->size), ULL(job->grown_to),
			 bytes_word(job->grown_to));
		break;
	default:
		buf[0] = '\0';
	}
}

void zero_report_done(FILE *out, const struct zero_job *job)
{
	char names[64] = "", details[512] = "", one[160];
	uint64_t end = job->offset + job->length;
	unsigned s;

	for (s = 0; s < ZS_NR; s++) {
		if (!(job->used & (1U << s)))
			continue;
		step_detail(job, (enum zero_step)s, one, sizeof(one));
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%s%s", names[0] ? "+" : "",
			 zero_step_name((enum zero_step)s));
		snprintf(details + strlen(details),
			 sizeof(details) - strlen(details), ", %s", one);
	}
	fprintf(out, "%s: zeroed %llu %s at offset %llu (method: %s%s",
		quote_name(job->path, false), ULL(job->zeroed),
		bytes_word(job->zeroed), ULL(job->offset),
		names[0] ? names : "none, nothing of the range is inside the "
				   "file", details);
	if (job->fallback[0])
		fprintf(out, "; %s", job->fallback);
	if (job->offset + job->zeroed < end)
		fprintf(out, "; %llu %s past the end of the %s left alone "
			"(--keep-size)", ULL(end - job->offset - job->zeroed),
			bytes_word(end - job->offset - job->zeroed),
			job->is_blk ? "device" : "file");
	fprintf(out, ")\n");
}

void zero_report_stopped(const struct zero_job *job, int ret, int signo)
{
	const char *name = quote_name(job->path, true);
	const char *sig = sigabbrev_np(signo);

	if (!ret) {
		fprintf(stderr, PROG ": %s: interrupted by SIG%s, after the "
			"whole range was zeroed\n", name, sig ? sig : "?");
		return;
	}
	if (ret != -EINTR) {
		/* It failed on its own; the error is already printed. */
		fprintf(stderr, PROG ": %s: interrupted by SIG%s\n", name,
			sig ? sig : "?");
		return;
	}
	if (!job->interrupted) {
		/* -EINTR before a write began: nothing changed, or undone. */
		fprintf(stderr, PROG ": %s: interrupted by SIG%s before "
			"anything was zeroed\n", name, sig ? sig : "?");
		return;
	}
	fprintf(stderr, PROG ": %s: interrupted by SIG%s: zeroed %llu %s "
		"from offset %llu up to offset %llu (%llu %s of zeroes "
		"written); not zeroed from %llu to %llu\n", name,
		sig ? sig : "?", ULL(job->done_to - job->offset),
		bytes_word(job->done_to - job->offset), ULL(job->offset),
		ULL(job->done_to), ULL(job->written),
		bytes_word(job->written), ULL(job->done_to),
		ULL(job->offset + job->length));
	if (job->grown_to)
		fprintf(stderr, PROG ": %s: its size is now %llu %s (it "
			"was %llu)\n", name, ULL(job->grown_to),
			bytes_word(job->grown_to), ULL(job->size));
	else
		fprintf(stderr, PROG ": %s: its size is %llu %s, as "
			"before\n", name, ULL(job->size),
			bytes_word(job->size));
}

void zero_report_failed_write(const struct zero_job *job)
{
	const char *name = quote_name(job->path, true);
	uint64_t done = job->done_to - job->offset;

	/* Failing before any write (io_uring setup, say) changed nothing. */
	if (!job->writing)
		return;
	/*
	 * Below done_to every piece finished; past it, writes in flight when
	 * one failed may have finished too, so that part is not all zero.
	 */
	if (done)
		fprintf(stderr, PROG ": %s: before the failure, the range was "
			"zeroed from offset %llu up to offset %llu (%llu %s); "
			"from there up to %llu it is not, or only in part\n",
			name, ULL(job->offset), ULL(job->done_to), ULL(done),
			bytes_word(done), ULL(job->work_end));
	else if (!job->written)
		fprintf(stderr, PROG ": %s: every write failed: no byte of "
			"the range was zeroed\n", name);
	else
		fprintf(stderr, PROG ": %s: the range is not zeroed from "
			"offset %llu on: only %llu %s of it, in pieces written "
			"beside the one that failed, up to %llu\n", name,
			ULL(job->offset), ULL(job->written),
			bytes_word(job->written), ULL(job->work_end));
}

bool zero_progress_init(struct zero_progress *p, const struct zero_job *job)
{
	const char *env = getenv("RINGZERO_PROGRESS_DELAY");
	char *end;
	unsigned long secs;

	memset(p, 0, sizeof(*p));
	if (!isatty(STDERR_FILENO))
		return false;
	p->job = job;
	p->start_ms = zero_now_ms();
	p->delay_ms = 1000;
	if (env && *env) {
		errno = 0;
		secs = strtoul(env, &end, 10);
		if (!errno && !*end && secs < 86400)
			p->delay_ms = secs * 1000;
	}
	return true;
}

/* n bytes in the largest binary unit that keeps it >= 1, one decimal. */
static void human(uint64_t n, char *buf, size_t size)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB",
					     "PiB", "EiB" };
	double v = (double)n;
	unsigned u = 0;

	while (v >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1024;
		u++;
	}
	snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", v, units[u]);
}

void zero_progress_tick(void *arg)
{
	struct zero_progress *p = arg;
	const struct zero_job *job = p->job;
	uint64_t elapsed = zero_now_ms() - p->start_ms;
	char line[256], done[32], total[32];
	int n;

	if (elapsed < p->delay_ms)
		return;
	if (job->work_end > job->offset) {
		uint64_t span = job->work_end - job->offset;
		uint64_t got = job->done_to - job->offset;

		human(got, done, sizeof(done));
		human(span, total, sizeof(total));
		n = snprintf(line, sizeof(line), PROG ": %s: %s of %s zeroed "
			     "(%.0f%%), %llu s", quote_name(job->path, true),
			     done, total, (double)got * 100 / (double)span,
			     ULL(elapsed / 1000));
	} else {
		n = snprintf(line, sizeof(line), PROG ": %s: waiting for %s, "
			     "%llu s", quote_name(job->path, true), job->step,
			     ULL(elapsed / 1000));
	}
	if (n < 0)
		return;
	if (n >= (int)sizeof(line))
		n = (int)sizeof(line) - 1;
	/* Overwrite the last line, padding over what is longer. */
	fprintf(stderr, "\r%s%*s", line, p->width > n ? p->width - n : 0, "");
	fflush(stderr);
	p->width = n;
}

void zero_progress_end(struct zero_progress *p)
{
	if (!p->width)
		return;
	fprintf(stderr, "\r%*s\r", p->width, "");
	fflush(stderr);
	p->width = 0;
}
