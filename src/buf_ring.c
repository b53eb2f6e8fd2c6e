// SPDX-License-Identifier: MIT
/*
 * buf_ring.c - provided-buffer rings: registering them with the kernel,
 * asking where the kernel's head is, and the allocate-register-map
 * convenience pair io_uring_setup_buf_ring() / io_uring_free_buf_ring().
 *
 * The ring memory is either ours (anonymous pages, registered by address)
 * or, with IOU_PBUF_RING_MMAP (6.4), allocated by the kernel and mapped
 * from the ring fd at IORING_OFF_PBUF_RING plus the group id.
 */
#include <errno.h>
#include <sys/mman.h>

#include "internal.h"

int io_uring_register_buf_ring(struct io_uring *ring,
			       struct io_uring_buf_reg *reg,
			       unsigned int flags)
{
	/* The ring's own flags travel in reg->flags; this one is unused. */
	(void)flags;
	return __rz_register(ring, IORING_REGISTER_PBUF_RING, reg, 1);
}

int io_uring_unregister_buf_ring(struct io_uring *ring, int bgid)
{
	struct io_uring_buf_reg reg = { .bgid = (__u16)bgid };

	return __rz_register(ring, IORING_UNREGISTER_PBUF_RING, &reg, 1);
}

int io_uring_buf_ring_head(struct io_uring *ring, int buf_group,
			   uint16_t *head)
{
	struct io_uring_buf_status status = { .buf_group = (__u32)buf_group };
	int ret;

	ret = __rz_register(ring, IORING_REGISTER_PBUF_STATUS, &status, 1);
	if (ret)
		return ret;
	*head = (uint16_t)status.head;
	return 0;
}

static size_t ring_bytes(unsigned int nentries)
{
	return (size_t)nentries * sizeof(struct io_uring_buf);
}

/* Map the ring the kernel allocated for group bgid. */
static void *map_kernel_ring(struct io_uring *ring, int bgid, size_t size)
{
	__u64 off = IORING_OFF_PBUF_RING |
		    ((__u64)(__u16)bgid << IORING_OFF_PBUF_SHIFT);
	void *ptr;

	if (ring->ring_fd < 0)
		return MAP_FAILED;	/* no fd left to map from */
	ptr = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_POPULATE, ring->ring_fd, (off_t)off);
	return ptr;
}

static void set_err(int *err, int value)
{
	if (err)
		*err = value;
}

struct io_uring_buf_ring *io_uring_setup_buf_ring(struct io_uring *ring,
						  unsigned int nentries,
						  int bgid, unsigned int flags,
						  int *err)
{
	struct io_uring_buf_reg reg = {
		.ring_entries = nentries,
		.bgid = (__u16)bgid,
		.flags = (__u16)flags,
	};
	size_t size = ring_bytes(nentries);
	struct io_uring_buf_ring *br = NULL;
	int ret;

	if (!nentries || (flags & ~0xffffU)) {
		set_err(err, -EINVAL);
		return NULL;
	}
	if (!(flags & IOU_PBUF_RING_MMAP)) {
		void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
				 MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);

		if (mem == MAP_FAILED) {
			set_err(err, -errno);
			return NULL;
		}
		br = mem;
		reg.ring_addr = (__u64)(uintptr_t)br;
	}

	ret = io_uring_register_buf_ring(ring, &reg, flags);
	if (ret) {
		if (br)
			munmap(br, size);
		set_err(err, ret);
		return NULL;
	}

	if (flags & IOU_PBUF_RING_MMAP) {
		void *mem = map_kernel_ring(ring, bgid, size);

		if (mem == MAP_FAILED) {
			ret = ring->ring_fd < 0 ? -EBADF : -errno;
			io_uring_unregister_buf_ring(ring, bgid);
			set_err(err, ret);
			return NULL;
		}
		br = mem;
	}
	io_uring_buf_ring_init(br);
	return br;
}

int io_uring_free_buf_ring(struct io_uring *ring, struct io_uring_buf_ring *br,
			   unsigned int nentries, int bgid)
{
	int ret = io_uring_unregister_buf_ring(ring, bgid);

	if (ret)
		return ret;
	munmap(br, ring_bytes(nentries));
	return 0;
}
