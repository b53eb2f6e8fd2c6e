// SPDX-License-Identifier: MIT
/*
 * register.c - the one path every io_uring_register() call takes, and the
 * registered ring fd that changes how every later call addresses the ring.
 *
 * The other register wrappers (files, buffers, buffer rings, eventfd, ...)
 * are thin: each fills the kernel's argument struct and calls
 * __rz_register(), which picks the fd or the registered index.
 */
#include <errno.h>

#include "internal.h"

int __rz_register(struct io_uring *ring, unsigned int opcode,
		  const void *arg, unsigned int nr_args)
{
	int fd = ring->ring_fd;

	/* A registered index skips the fd lookup, and works after close. */
	if (ring->int_flags & RINGZERO_INT_REG_REG_RING) {
		opcode |= IORING_REGISTER_USE_REGISTERED_RING;
		fd = ring->enter_ring_fd;
	}
	return io_uring_register((unsigned)fd, opcode, arg, nr_args);
}

/*
 * Register the ring's own fd (5.18). From then on io_uring_enter() gets the
 * registered index and IORING_ENTER_REGISTERED_RING; with
 * IORING_FEAT_REG_REG_RING (6.3) io_uring_register() does too. Returns 1,
 * -EEXIST if already registered, or the kernel's -errno.
 */
int io_uring_register_ring_fd(struct io_uring *ring)
{
	struct io_uring_rsrc_update up = {
		.offset = -1U,		/* let the kernel pick a slot */
		.data = (__u64)ring->ring_fd,
	};
	int ret;

	if (ring->int_flags & RINGZERO_INT_REG_RING)
		return -EEXIST;
	ret = __rz_register(ring, IORING_REGISTER_RING_FDS, &up, 1);
	if (ret != 1)
		return ret < 0 ? ret : -EIO;
	ring->enter_ring_fd = (int)up.offset;
	ring->int_flags |= RINGZERO_INT_REG_RING;
	if (ring->features & IORING_FEAT_REG_REG_RING)
		ring->int_flags |= RINGZERO_INT_REG_REG_RING;
	return 1;
}

/* Undo io_uring_register_ring_fd(). Returns 1, -EINVAL if not registered. */
int io_uring_unregister_ring_fd(struct io_uring *ring)
{
	struct io_uring_rsrc_update up = {
		.offset = (__u32)ring->enter_ring_fd,
	};
	int ret;

	if (!(ring->int_flags & RINGZERO_INT_REG_RING))
		return -EINVAL;
	/* The index must be named by the real fd here, if we still have it. */
	if (ring->ring_fd >= 0)
		ret = io_uring_register((unsigned)ring->ring_fd,
					IORING_UNREGISTER_RING_FDS, &up, 1);
	else
		ret = io_uring_register((unsigned)ring->enter_ring_fd,
					IORING_UNREGISTER_RING_FDS |
					IORING_REGISTER_USE_REGISTERED_RING,
					&up, 1);
	if (ret != 1)
		return ret < 0 ? ret : -EIO;
	ring->enter_ring_fd = ring->ring_fd;
	ring->int_flags &= (__u8)~(RINGZERO_INT_REG_RING |
				   RINGZERO_INT_REG_REG_RING);
	return 1;
}
