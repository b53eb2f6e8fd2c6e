// SPDX-License-Identifier: MIT
/*
 * register_bpf.c - BPF filters on requests (IORING_REGISTER_BPF_FILTER,
 * 7.0): classic BPF programs that allow or deny each request of an
 * opcode, installed on one ring or on every ring of the calling task.
 */
#include "internal.h"

/*
 * Install bpf->filter on the ring. 0, or -errno: -EINVAL before 7.0 (an
 * unknown register opcode) or for a malformed filter, -EACCES without
 * CAP_SYS_ADMIN or no_new_privs, -EFAULT for a bad filter_ptr.
 */
int io_uring_register_bpf_filter(struct io_uring *ring, struct io_uring_bpf *bpf)
{
	return __rz_register(ring, IORING_REGISTER_BPF_FILTER, bpf, 1);
}

/*
 * The same for the calling task: the filter applies to every ring it
 * creates from now on, and is inherited by its children. Needs no ring:
 * the kernel takes it with fd -1. Errors as above.
 */
int io_uring_register_bpf_filter_task(struct io_uring_bpf *bpf)
{
	return io_uring_register((unsigned)-1, IORING_REGISTER_BPF_FILTER, bpf,
				 1);
}
