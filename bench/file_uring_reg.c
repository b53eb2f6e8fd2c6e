// SPDX-License-Identifier: MIT
/*
 * file engine "uring-reg": the uring loop with the file and the buffers
 * registered with the ring (IOSQE_FIXED_FILE, READ_FIXED), so the kernel
 * neither looks the descriptor up nor pins the buffer's pages per read.
 */
#include "uring.h"

static int reg_run(struct job *job)
{
	static const struct file_uring_variant reg = { .registered = true };

	return file_uring_run(job, &reg);
}

const struct engine file_uring_reg = {
	.name = "uring-reg",
	.what = URING_LIB " io_uring, registered file and buffers",
	.run = reg_run,
};
