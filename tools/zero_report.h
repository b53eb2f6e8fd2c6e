/* SPDX-License-Identifier: MIT */
/*
 * zero_report.h - what `ringzero zero` tells the user about a job: the
 * line that says what was zeroed and how, the progress line on a
 * terminal, and how far an interrupted job got.
 */
#ifndef RINGZERO_TOOLS_ZERO_REPORT_H
#define RINGZERO_TOOLS_ZERO_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "zero_chain.h"

/*
 * "FILE: zeroed N bytes at offset O (method: M[+M...], how; why auto
 * moved on; what --keep-size left alone)" on out. N is what reads as
 * zeroes now, which with --keep-size past the end is less than asked.
 */
void zero_report_done(FILE *out, const struct zero_job *job);

/*
 * On stderr, after stop signal signo ended a job that returned ret: that
 * the range was zeroed anyway (ret 0), that nothing was (-EINTR before a
 * write began), how far an interrupted write got (the stretch zeroed, the
 * one not, the file's size), or only the signal, for a job that failed on
 * its own (the caller printed that error).
 */
void zero_report_stopped(const struct zero_job *job, int ret, int signo);

/*
 * On stderr, after the error of a job whose writing of zeroes (the write
 * method) failed: how far it got, so that the user knows what the file
 * holds; nothing for a job that wrote nothing.
 */
void zero_report_failed_write(const struct zero_job *job);

/* A progress line on stderr for a job, shown only on a terminal. */
struct zero_progress {
	const struct zero_job *job;
	uint64_t start_ms;
	uint64_t delay_ms;	/* nothing is shown before this much time */
	int width;		/* of the line shown last, to clear it */
};

/*
 * Set p up for job if stderr is a terminal (true), else do nothing
 * (false). The delay is 1 s, or RINGZERO_PROGRESS_DELAY seconds.
 */
bool zero_progress_init(struct zero_progress *p, const struct zero_job *job);

/* zero_wait's tick hook: redraw the line (arg is a struct zero_progress). */
void zero_progress_tick(void *arg);

/* Clear the line, if one was shown. */
void zero_progress_end(struct zero_progress *p);

#endif /* RINGZERO_TOOLS_ZERO_REPORT_H */
