// SPDX-License-Identifier: MIT
/*
 * register_sync.c - operations that would be SQEs but complete inside the
 * register call itself: cancel-and-wait, and posting a message to a ring
 * from a thread that has no ring.
 */
#include "internal.h"

int io_uring_register_sync_cancel(struct io_uring *ring,
				  struct io_uring_sync_cancel_reg *reg)
{
	return __rz_register(ring, IORING_REGISTER_SYNC_CANCEL, reg, 1);
}

/*
 * A "blind" register op (6.13): fd -1, because there is no ring of ours.
 * The target ring is sqe->fd. Returns 0 or -errno.
 */
int io_uring_register_sync_msg(struct io_uring_sqe *sqe)
{
	return io_uring_register((unsigned)-1, IORING_REGISTER_SEND_MSG_RING,
				 sqe, 1);
}
