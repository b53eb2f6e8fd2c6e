// SPDX-License-Identifier: MIT
/*
 * register_buffers.c - the registered buffer table: register (plain,
 * tagged, sparse), update, unregister, and cloning another ring's table.
 */
#include <errno.h>

#include "internal.h"

int io_uring_register_buffers(struct io_uring *ring, const struct iovec *iovecs,
			      unsigned nr_iovecs)
{
	return __rz_register(ring, IORING_REGISTER_BUFFERS, iovecs, nr_iovecs);
}

/* BUFFERS2 (5.13) takes a struct whose size is passed as nr_args. */
static int register_buffers2(struct io_uring *ring, const struct iovec *iovecs,
			     const __u64 *tags, unsigned nr, unsigned flags)
{
	struct io_uring_rsrc_register reg = {
		.nr = nr,
		.flags = flags,
		.data = (__u64)(uintptr_t)iovecs,
		.tags = (__u64)(uintptr_t)tags,
	};

	return __rz_register(ring, IORING_REGISTER_BUFFERS2, &reg, sizeof(reg));
}

int io_uring_register_buffers_tags(struct io_uring *ring,
				   const struct iovec *iovecs,
				   const __u64 *tags, unsigned nr)
{
	return register_buffers2(ring, iovecs, tags, nr, 0);
}

int io_uring_register_buffers_sparse(struct io_uring *ring, unsigned nr)
{
	return register_buffers2(ring, NULL, NULL, nr,
				 IORING_RSRC_REGISTER_SPARSE);
}

int io_uring_register_buffers_update_tag(struct io_uring *ring, unsigned off,
					 const struct iovec *iovecs,
					 const __u64 *tags, unsigned nr)
{
	struct io_uring_rsrc_update2 up = {
		.offset = off,
		.data = (__u64)(uintptr_t)iovecs,
		.tags = (__u64)(uintptr_t)tags,
		.nr = nr,
	};

	return __rz_register(ring, IORING_REGISTER_BUFFERS_UPDATE, &up,
			     sizeof(up));
}

int io_uring_unregister_buffers(struct io_uring *ring)
{
	return __rz_register(ring, IORING_UNREGISTER_BUFFERS, NULL, 0);
}

int __io_uring_clone_buffers_offset(struct io_uring *dst,
				    struct io_uring *src,
				    unsigned int dst_off, unsigned int src_off,
				    unsigned int nr, unsigned int flags)
{
	struct io_uring_clone_buffers arg = {
		.flags = flags,
		.src_off = src_off,
		.dst_off = dst_off,
		.nr = nr,
	};

	/* The source is named by fd, or by its registered index if it has one. */
	if (src->int_flags & RINGZERO_INT_REG_REG_RING) {
		arg.src_fd = (__u32)src->enter_ring_fd;
		arg.flags |= IORING_REGISTER_SRC_REGISTERED;
	} else {
		arg.src_fd = (__u32)src->ring_fd;
	}
	return __rz_register(dst, IORING_REGISTER_CLONE_BUFFERS, &arg, 1);
}

int io_uring_clone_buffers_offset(struct io_uring *dst, struct io_uring *src,
				  unsigned int dst_off, unsigned int src_off,
				  unsigned int nr, unsigned int flags)
{
	return __io_uring_clone_buffers_offset(dst, src, dst_off, src_off, nr,
					       flags);
}

int __io_uring_clone_buffers(struct io_uring *dst, struct io_uring *src,
			     unsigned int flags)
{
	return __io_uring_clone_buffers_offset(dst, src, 0, 0, 0, flags);
}

int io_uring_clone_buffers(struct io_uring *dst, struct io_uring *src)
{
	return __io_uring_clone_buffers(dst, src, 0);
}
