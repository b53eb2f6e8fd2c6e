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
#include <stdbool.h>
#include <sys/mman.h>

#include "internal.h"

/*
 * The kernel's limits (io_uring/kbuf.c): a group id is 16 bits, a ring
 * holds a power of two of entries below 65536. Checked here so that an
 * out-of-range id is refused rather than truncated into another group,
 * and an absurd count never reaches mmap.
 */
#define BUF_RING_MAX_ENTRIES	32768U

static bool bgid_valid(int bgid)
{
	return bgid >= 0 && bgid <= 0xffff;
}

static bool entries_valid(unsigned int nentries)
{
	return nentries && nentries <= BUF_RING_MAX_ENTRIES &&
	       !(nentries & (nentries - 1));
}

/*
 * As liburing 2.15: flags (IOU_PBUF_RING_MMAP, IOU_PBUF_RING_INC) are
 * added to reg->flags, which the kernel reads, so either place works.
 */
int io_uring_register_buf_ring(struct io_uring *ring,
			       struct io_uring_buf_reg *reg,
			       unsigned int flags)
{
	if (flags & ~0xffffU)
		return -EINVAL;	/* reg->flags is 16 bits wide */
	reg->flags |= (__u16)flags;
	return __rz_register(ring, IORING_REGISTER_PBUF_RING, reg, 1);
}

int io_uring_unregister_buf_ring(struct io_uring *ring, int bgid)
{
	struct io_uring_buf_reg reg = { .bgid = (__u16)bgid };

	if (!bgid_valid(bgid))
		return -EINVAL;
	return __rz_register(ring, IORING_UNREGISTER_PBUF_RING, &reg, 1);
}

int io_uring_buf_ring_head(struct io_uring *ring, int buf_group,
			   uint16_t *head)
{
	struct io_uring_buf_status status = { .buf_group = (__u32)buf_group };
	int ret;

	if (!bgid_valid(buf_group))
		return -EINVAL;
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

/*
 * liburing 2.15's contract: *err is 0 on success, the -errno on failure
 * (-EINVAL for a bad count or group id before anything is allocated).
 */
struct io_uring_buf_ring *io_uring_setup_buf_ring(struct io_uring *ring,
						  unsigned int nentries,
						  int bgid, unsigned int flags,
						  int *err)
{
	struct io_uring_buf_reg reg = {
		.ring_entries = nentries,
		.bgid = (__u16)bgid,
	};
	size_t size = ring_bytes(nentries);
	struct io_uring_buf_ring *br = NULL;
	int ret;

	if (!entries_valid(nentries) || !bgid_valid(bgid) ||
	    (flags & ~0xffffU)) {
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
	set_err(err, 0);
	return br;
}

/*
 * Unregister group bgid and unmap br, nentries being what setup was given.
 * 0, -EINVAL for a count setup could not have accepted (unmapping by it
 * could take the caller's other memory) or a bad group id, or the
 * kernel's -errno (-ENOENT: no such group); br stays mapped on failure.
 */
int io_uring_free_buf_ring(struct io_uring *ring, struct io_uring_buf_ring *br,
			   unsigned int nentries, int bgid)
{
	int ret;

	if (!entries_valid(nentries))
		return -EINVAL;
	ret = io_uring_unregister_buf_ring(ring, bgid);
	if (ret)
		return ret;
	munmap(br, ring_bytes(nentries));
	return 0;
}
