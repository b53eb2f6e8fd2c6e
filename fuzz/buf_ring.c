// SPDX-License-Identifier: MIT
/*
 * buf_ring.c - libFuzzer target for the provided-buffer ring helpers
 * (io_uring_buf_ring_mask, _init, _add, _advance, _cq_advance and
 * __io_uring_buf_ring_cq_advance) with every ring size the kernel takes,
 * any starting tail (the ring is shared memory) and any offset and count.
 *
 * Input: log2 of the entries (1 byte), the starting tail (2), then
 * operations of 5 bytes each: a kind and a 32-bit argument. The ring is a
 * heap block of exactly its size, so ASan sees any index outside it;
 * UBSan any signed overflow. Each add must land on entry
 * (tail + offset) mod entries, each advance move the tail by count mod
 * 65536, each cq_advance move the CQ head by its count.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ringzero.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct io_uring_buf_ring *br;
	struct io_uring ring;
	unsigned entries, khead = 0, want_head = 0;
	uint16_t tail;
	size_t pos;
	int mask;

	if (size < 3)
		return 0;
	entries = 1U << (data[0] % 16);		/* 1 .. 32768 */
	br = malloc(entries * sizeof(struct io_uring_buf));
	CHECK(br);
	memset(br, 0, entries * sizeof(struct io_uring_buf));
	io_uring_buf_ring_init(br);
	CHECK(br->tail == 0);
	memcpy(&tail, data + 1, 2);
	br->tail = tail;
	mask = io_uring_buf_ring_mask(entries);
	CHECK((unsigned)mask == entries - 1);

	/* A ring with only the CQ head: all cq_advance touches. */
	memset(&ring, 0, sizeof(ring));
	ring.cq.khead = &khead;

	for (pos = 3; pos + 5 <= size; pos += 5) {
		int32_t arg;
		unsigned char kind = data[pos];
		uint16_t before = br->tail;

		memcpy(&arg, data + pos + 1, 4);
		switch (kind % 4) {
		case 0: {
			unsigned idx = ((unsigned)before + (unsigned)arg) &
				       (entries - 1);
			unsigned short bid = (unsigned short)(pos & 0xffff);

			io_uring_buf_ring_add(br, (void *)(uintptr_t)pos,
					      (unsigned)arg, bid, mask, arg);
			CHECK(br->bufs[idx].addr == pos);
			CHECK(br->bufs[idx].len == (unsigned)arg);
			CHECK(br->bufs[idx].bid == bid);
			/* Entry 0's resv is the tail: add must not touch it. */
			CHECK(br->tail == before);
			break;
		}
		case 1:
			io_uring_buf_ring_advance(br, arg);
			CHECK(br->tail ==
			      (uint16_t)((unsigned)before + (unsigned)arg));
			break;
		case 2:
			io_uring_buf_ring_cq_advance(&ring, br, arg);
			want_head += (unsigned)arg;
			CHECK(br->tail ==
			      (uint16_t)((unsigned)before + (unsigned)arg));
			CHECK(khead == want_head);
			break;
		default:
			__io_uring_buf_ring_cq_advance(&ring, br, arg,
						       (int)(arg >> 3));
			want_head += (unsigned)arg;
			CHECK(br->tail == (uint16_t)((unsigned)before +
						     (unsigned)(arg >> 3)));
			CHECK(khead == want_head);
			break;
		}
	}
	free(br);
	return 0;
}
