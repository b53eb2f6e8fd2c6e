// SPDX-License-Identifier: MIT
/*
 * probe.c - asking the kernel which opcodes it supports.
 *
 * IORING_REGISTER_PROBE (5.6) fills one io_uring_probe_op per opcode the
 * kernel knows, up to the count we give. We always ask for 256, the most an
 * 8-bit opcode can name, so a newer kernel's opcodes are never cut off.
 */
#include <stdlib.h>

#include "internal.h"

#define PROBE_OPS	256

int io_uring_register_probe(struct io_uring *ring, struct io_uring_probe *p,
			    unsigned nr_ops)
{
	return __rz_register(ring, IORING_REGISTER_PROBE, p, nr_ops);
}

static struct io_uring_probe *alloc_probe(void)
{
	return calloc(1, sizeof(struct io_uring_probe) +
			 PROBE_OPS * sizeof(struct io_uring_probe_op));
}

/* NULL if allocation fails or the kernel has no probe (before 5.6). */
struct io_uring_probe *io_uring_get_probe_ring(struct io_uring *ring)
{
	struct io_uring_probe *probe = alloc_probe();

	if (!probe)
		return NULL;
	if (io_uring_register_probe(ring, probe, PROBE_OPS) < 0) {
		free(probe);
		return NULL;
	}
	return probe;
}

/* The same, on a throwaway ring. NULL if io_uring itself is unavailable. */
struct io_uring_probe *io_uring_get_probe(void)
{
	struct io_uring_probe *probe;
	struct io_uring ring;

	if (io_uring_queue_init(2, &ring, 0) < 0)
		return NULL;
	probe = io_uring_get_probe_ring(&ring);
	io_uring_queue_exit(&ring);
	return probe;
}

void io_uring_free_probe(struct io_uring_probe *probe)
{
	free(probe);
}
