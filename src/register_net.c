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

/*
 * Control a registered zero-copy receive queue (6.19): ZCRX_CTRL_FLUSH_RQ
 * makes the kernel consume the refill ring now, ZCRX_CTRL_EXPORT returns
 * an fd in ctrl->zc_export.zcrx_fd that another ring can import with
 * ZCRX_REG_IMPORT. -ENXIO for a zcrx_id the ring has not registered.
 */
int io_uring_register_zcrx_ctrl(struct io_uring *ring, struct zcrx_ctrl *ctrl)
{
	return __rz_register(ring, IORING_REGISTER_ZCRX_CTRL, ctrl, 0);
}
