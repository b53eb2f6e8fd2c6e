/* SPDX-License-Identifier: MIT */
/*
 * ringzero/buf_ring.h - filling and recycling provided-buffer rings.
 *
 * A buffer ring (5.19) is an array of struct io_uring_buf shared with the
 * kernel: the application adds buffers at the tail, the kernel takes them
 * from the head when a request with IOSQE_BUFFER_SELECT needs one and names
 * the buffer id in the CQE. Adding is two steps, so that a batch costs one
 * barrier: io_uring_buf_ring_add() fills entries past the tail (buf_offset
 * 0, 1, ...), io_uring_buf_ring_advance() publishes them.
 *
 * With IOU_PBUF_RING_INC (6.12) the kernel may consume a buffer in parts:
 * CQEs carry IORING_CQE_F_BUF_MORE while the buffer still has room, and
 * the next part starts where the previous one ended.
 * Included by ringzero.h; not meant to be included on its own.
 */
#ifndef RINGZERO_BUF_RING_H
#define RINGZERO_BUF_RING_H

#ifdef __cplusplus
extern "C" {
#endif

/* Entries are a power of two: index & mask wraps around the ring. */
static inline int io_uring_buf_ring_mask(__u32 ring_entries)
{
	return (int)(ring_entries - 1);
}

/* An empty ring; io_uring_setup_buf_ring() already did this. */
static inline void io_uring_buf_ring_init(struct io_uring_buf_ring *br)
{
	br->tail = 0;
}

/*
 * Put buffer (addr, len, bid) buf_offset entries past the current tail.
 * Not visible to the kernel until io_uring_buf_ring_advance().
 */
static inline void io_uring_buf_ring_add(struct io_uring_buf_ring *br,
					 void *addr, unsigned int len,
					 unsigned short bid, int mask,
					 int buf_offset)
{
	/* Unsigned: any tail and offset wrap instead of overflowing. */
	struct io_uring_buf *buf =
		&br->bufs[((unsigned)br->tail + (unsigned)buf_offset) &
			  (unsigned)mask];

	buf->addr = (__u64)(uintptr_t)addr;
	buf->len = len;
	buf->bid = bid;
}

/* Publish count added buffers. */
static inline void io_uring_buf_ring_advance(struct io_uring_buf_ring *br,
					     int count)
{
	__u16 tail = (__u16)((unsigned)br->tail + (unsigned)count);

	/*
	 * Release: the entries written by buf_ring_add are visible before
	 * the tail that covers them (pairs with the kernel's acquire load).
	 */
	io_uring_smp_store_release(&br->tail, tail);
}

/*
 * Publish buf_count buffers and mark cq_count CQEs seen: the usual step
 * after handing buffers named by CQEs back to the ring.
 */
static inline void __io_uring_buf_ring_cq_advance(struct io_uring *ring,
						  struct io_uring_buf_ring *br,
						  int cq_count, int buf_count)
{
	io_uring_buf_ring_advance(br, buf_count);
	io_uring_cq_advance(ring, (unsigned)cq_count);
}

static inline void io_uring_buf_ring_cq_advance(struct io_uring *ring,
						struct io_uring_buf_ring *br,
						int count)
{
	__io_uring_buf_ring_cq_advance(ring, br, count, count);
}

/*
 * Buffers of group bgid the kernel has not consumed yet (6.8: needs
 * IORING_REGISTER_PBUF_STATUS), or -errno.
 */
static inline int io_uring_buf_ring_available(struct io_uring *ring,
					      struct io_uring_buf_ring *br,
					      unsigned short bgid)
{
	uint16_t head;
	int ret = io_uring_buf_ring_head(ring, bgid, &head);

	if (ret)
		return ret;
	/* Acquire is not needed: only our own tail stores race with this. */
	return (uint16_t)(br->tail - head);
}

#ifdef __cplusplus
}
#endif

#endif /* RINGZERO_BUF_RING_H */
