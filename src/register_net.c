// SPDX-License-Identifier: MIT
/*
 * register_net.c - ring-wide networking setup: NAPI busy polling of the
 * ring's sockets, and zero-copy receive queues bound to a NIC RX queue.
 */
#include "internal.h"

int io_uring_register_napi(struct io_uring *ring, struct io_uring_napi *napi)
{
	return __rz_register(ring, IORING_REGISTER_NAPI, napi, 1);
}

int io_uring_unregister_napi(struct io_uring *ring, struct io_uring_napi *napi)
{
	return __rz_register(ring, IORING_UNREGISTER_NAPI, napi, 1);
}

int io_uring_register_ifq(struct io_uring *ring,
			  struct io_uring_zcrx_ifq_reg *reg)
{
	return __rz_register(ring, IORING_REGISTER_ZCRX_IFQ, reg, 1);
}
