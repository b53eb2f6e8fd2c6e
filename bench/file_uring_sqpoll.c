// SPDX-License-Identifier: MIT
/*
 * file engine "uring-sqpoll": the uring loop on a ring whose submission
 * queue a kernel thread polls, pinned to the helper CPU (SQPOLL, SQ_AFF),
 * while the submitter spins on the completion queue: while both are busy no
 * system call is made at all, for the price of a second core.
 */
#include "uring.h"

static int sqpoll_run(struct job *job)
{
	static const struct file_uring_variant sqpoll = { .sqpoll = true };

	return file_uring_run(job, &sqpoll);
}

const struct engine file_uring_sqpoll = {
	.name = "uring-sqpoll",
	.what = URING_LIB " io_uring, SQPOLL thread pinned to the helper CPU",
	.run = sqpoll_run,
};
