// SPDX-License-Identifier: MIT
/*
 * register_eventfd.c - completion notification through an eventfd, for
 * programs whose main loop waits in poll/epoll rather than in the ring.
 * Switching the notification off and on without unregistering is done in
 * the CQ ring's flags (io_uring_cq_eventfd_toggle() in ringzero.h).
 */
#include "internal.h"

int io_uring_register_eventfd(struct io_uring *ring, int fd)
{
	return __rz_register(ring, IORING_REGISTER_EVENTFD, &fd, 1);
}

int io_uring_register_eventfd_async(struct io_uring *ring, int fd)
{
	return __rz_register(ring, IORING_REGISTER_EVENTFD_ASYNC, &fd, 1);
}

int io_uring_unregister_eventfd(struct io_uring *ring)
{
	return __rz_register(ring, IORING_UNREGISTER_EVENTFD, NULL, 0);
}
