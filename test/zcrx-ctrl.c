// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_register_zcrx_ctrl (IORING_REGISTER_ZCRX_CTRL,
 * 6.19) reaches the kernel: on a ring that has registered no zero-copy
 * receive queue, flushing queue 0 is -ENXIO (or -EOPNOTSUPP from a kernel
 * built without zcrx). A real queue needs a NIC with header split; see
 * test/zcrx-ifq.c. Kernels before 6.19 answer -EINVAL.
 */
#include "helpers.h"

int main(int argc, char **argv)
{
	struct zcrx_ctrl ctrl;
	struct io_uring ring;
	int ret;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	memset(&ctrl, 0, sizeof(ctrl));
	ctrl.zcrx_id = 0;
	ctrl.op = ZCRX_CTRL_FLUSH_RQ;
	ret = io_uring_register_zcrx_ctrl(&ring, &ctrl);
	if (ret != -EINVAL || !t_lacks(ret, "IORING_REGISTER_ZCRX_CTRL", 6, 19))
		CHECK(ret == -ENXIO || ret == -EOPNOTSUPP);
	io_uring_queue_exit(&ring);
	return t_done();
}
