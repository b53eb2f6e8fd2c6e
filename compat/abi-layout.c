// SPDX-License-Identifier: MIT
/*
 * compat/abi-layout.c - print the layout of liburing's public structs: one
 * line "struct.field offset size" per field, then "struct sizeof N".
 *
 * test/compat-abi.sh builds this one file twice, against Debian's liburing
 * headers (-DABI_LIBURING, liburing 2.3) and against ringzero's, and
 * requires the "common" sections to be identical. Fields liburing added
 * after 2.3 exist only in ringzero's build ("since-2.3" section); the test
 * compares those with compat/abi-2.15.txt, liburing 2.15's layout, and
 * so the values of the private io_uring.int_flags bits ("int_flags"),
 * which no header of liburing shows. Fields 2.15 renamed print under their
 * 2.15 name with the 2.3 name in brackets.
 */
#include <stddef.h>
#include <stdio.h>

#ifdef ABI_LIBURING
#include <liburing.h>
#define LIB23(name23, name215)	name23
#else
#include <ringzero.h>
#define LIB23(name23, name215)	name215
#endif

/* A field: its offset and size. */
#define F(type, field) \
	printf("%s.%s %zu %zu\n", #type, #field, offsetof(struct type, field), \
	       sizeof(((struct type *)0)->field))
/* A field 2.15 renamed: printed under the 2.15 name. */
#define R(type, name23, name215) \
	printf("%s.%s(2.3:%s) %zu %zu\n", #type, #name215, #name23, \
	       offsetof(struct type, LIB23(name23, name215)), \
	       sizeof(((struct type *)0)->LIB23(name23, name215)))
/* A flexible array member: only its offset means something. */
#define FLEX(type, field) \
	printf("%s.%s %zu flexible\n", #type, #field, offsetof(struct type, field))
#define SIZE(type) \
	printf("%s sizeof %zu align %zu\n", #type, sizeof(struct type), \
	       _Alignof(struct type))

static void common(void)
{
	printf("[common]\n");
	F(io_uring_sqe, opcode); F(io_uring_sqe, flags);
	F(io_uring_sqe, ioprio); F(io_uring_sqe, fd);
	F(io_uring_sqe, off); F(io_uring_sqe, addr2);
	F(io_uring_sqe, cmd_op); F(io_uring_sqe, __pad1);
	F(io_uring_sqe, addr); F(io_uring_sqe, splice_off_in);
	F(io_uring_sqe, len); F(io_uring_sqe, rw_flags);
	F(io_uring_sqe, fsync_flags); F(io_uring_sqe, poll_events);
	F(io_uring_sqe, poll32_events); F(io_uring_sqe, sync_range_flags);
	F(io_uring_sqe, msg_flags); F(io_uring_sqe, timeout_flags);
	F(io_uring_sqe, accept_flags); F(io_uring_sqe, cancel_flags);
	F(io_uring_sqe, open_flags); F(io_uring_sqe, statx_flags);
	F(io_uring_sqe, fadvise_advice); F(io_uring_sqe, splice_flags);
	F(io_uring_sqe, rename_flags); F(io_uring_sqe, unlink_flags);
	F(io_uring_sqe, hardlink_flags); F(io_uring_sqe, xattr_flags);
	F(io_uring_sqe, msg_ring_flags); F(io_uring_sqe, uring_cmd_flags);
	F(io_uring_sqe, user_data); F(io_uring_sqe, buf_index);
	F(io_uring_sqe, buf_group); F(io_uring_sqe, personality);
	F(io_uring_sqe, splice_fd_in); F(io_uring_sqe, file_index);
	F(io_uring_sqe, addr_len); F(io_uring_sqe, __pad3);
	F(io_uring_sqe, addr3); F(io_uring_sqe, __pad2);
	F(io_uring_sqe, cmd);
	SIZE(io_uring_sqe);

	F(io_uring_cqe, user_data); F(io_uring_cqe, res);
	F(io_uring_cqe, flags); FLEX(io_uring_cqe, big_cqe);
	SIZE(io_uring_cqe);

	F(io_uring_sq, khead); F(io_uring_sq, ktail);
	F(io_uring_sq, kring_mask); F(io_uring_sq, kring_entries);
	F(io_uring_sq, kflags); F(io_uring_sq, kdropped);
	F(io_uring_sq, array); F(io_uring_sq, sqes);
	F(io_uring_sq, sqe_head); F(io_uring_sq, sqe_tail);
	F(io_uring_sq, ring_sz); F(io_uring_sq, ring_ptr);
	F(io_uring_sq, ring_mask); F(io_uring_sq, ring_entries);
	SIZE(io_uring_sq);

	F(io_uring_cq, khead); F(io_uring_cq, ktail);
	F(io_uring_cq, kring_mask); F(io_uring_cq, kring_entries);
	F(io_uring_cq, kflags); F(io_uring_cq, koverflow);
	F(io_uring_cq, cqes); F(io_uring_cq, ring_sz);
	F(io_uring_cq, ring_ptr); F(io_uring_cq, ring_mask);
	F(io_uring_cq, ring_entries); F(io_uring_cq, pad);
	SIZE(io_uring_cq);

	F(io_uring, sq); F(io_uring, cq); F(io_uring, flags);
	F(io_uring, ring_fd); F(io_uring, features);
	F(io_uring, enter_ring_fd); F(io_uring, int_flags);
	F(io_uring, pad); F(io_uring, pad2);
	SIZE(io_uring);

	F(io_sqring_offsets, head); F(io_sqring_offsets, tail);
	F(io_sqring_offsets, ring_mask); F(io_sqring_offsets, ring_entries);
	F(io_sqring_offsets, flags); F(io_sqring_offsets, dropped);
	F(io_sqring_offsets, array); F(io_sqring_offsets, resv1);
	R(io_sqring_offsets, resv2, user_addr);
	SIZE(io_sqring_offsets);
	F(io_cqring_offsets, head); F(io_cqring_offsets, tail);
	F(io_cqring_offsets, ring_mask); F(io_cqring_offsets, ring_entries);
	F(io_cqring_offsets, overflow); F(io_cqring_offsets, cqes);
	F(io_cqring_offsets, flags); F(io_cqring_offsets, resv1);
	R(io_cqring_offsets, resv2, user_addr);
	SIZE(io_cqring_offsets);
	F(io_uring_params, sq_entries); F(io_uring_params, cq_entries);
	F(io_uring_params, flags); F(io_uring_params, sq_thread_cpu);
	F(io_uring_params, sq_thread_idle); F(io_uring_params, features);
	F(io_uring_params, wq_fd); F(io_uring_params, resv);
	F(io_uring_params, sq_off); F(io_uring_params, cq_off);
	SIZE(io_uring_params);

	F(io_uring_probe, last_op); F(io_uring_probe, ops_len);
	F(io_uring_probe, resv); F(io_uring_probe, resv2);
	FLEX(io_uring_probe, ops);
	SIZE(io_uring_probe);
	F(io_uring_probe_op, op); F(io_uring_probe_op, resv);
	F(io_uring_probe_op, flags); F(io_uring_probe_op, resv2);
	SIZE(io_uring_probe_op);

	F(io_uring_buf, addr); F(io_uring_buf, len);
	F(io_uring_buf, bid); F(io_uring_buf, resv);
	SIZE(io_uring_buf);
	F(io_uring_buf_ring, resv1); F(io_uring_buf_ring, resv2);
	F(io_uring_buf_ring, resv3); F(io_uring_buf_ring, tail);
	FLEX(io_uring_buf_ring, bufs);
	SIZE(io_uring_buf_ring);
	F(io_uring_buf_reg, ring_addr); F(io_uring_buf_reg, ring_entries);
	F(io_uring_buf_reg, bgid); R(io_uring_buf_reg, pad, flags);
	SIZE(io_uring_buf_reg);

	F(io_uring_recvmsg_out, namelen); F(io_uring_recvmsg_out, controllen);
	F(io_uring_recvmsg_out, payloadlen); F(io_uring_recvmsg_out, flags);
	SIZE(io_uring_recvmsg_out);

	F(io_uring_rsrc_register, nr); F(io_uring_rsrc_register, flags);
	F(io_uring_rsrc_register, resv2); F(io_uring_rsrc_register, data);
	F(io_uring_rsrc_register, tags);
	SIZE(io_uring_rsrc_register);
	F(io_uring_rsrc_update, offset); F(io_uring_rsrc_update, resv);
	F(io_uring_rsrc_update, data);
	SIZE(io_uring_rsrc_update);
	F(io_uring_rsrc_update2, offset); F(io_uring_rsrc_update2, resv);
	F(io_uring_rsrc_update2, data); F(io_uring_rsrc_update2, tags);
	F(io_uring_rsrc_update2, nr); F(io_uring_rsrc_update2, resv2);
	SIZE(io_uring_rsrc_update2);
	F(io_uring_files_update, offset); F(io_uring_files_update, resv);
	F(io_uring_files_update, fds);
	SIZE(io_uring_files_update);

	F(io_uring_getevents_arg, sigmask); F(io_uring_getevents_arg, sigmask_sz);
	R(io_uring_getevents_arg, pad, min_wait_usec);
	F(io_uring_getevents_arg, ts);
	SIZE(io_uring_getevents_arg);
	F(io_uring_sync_cancel_reg, addr); F(io_uring_sync_cancel_reg, fd);
	F(io_uring_sync_cancel_reg, flags); F(io_uring_sync_cancel_reg, timeout);
	SIZE(io_uring_sync_cancel_reg);
	F(io_uring_file_index_range, off); F(io_uring_file_index_range, len);
	F(io_uring_file_index_range, resv);
	SIZE(io_uring_file_index_range);
	F(io_uring_restriction, opcode); F(io_uring_restriction, register_op);
	F(io_uring_restriction, sqe_op); F(io_uring_restriction, sqe_flags);
	F(io_uring_restriction, resv); F(io_uring_restriction, resv2);
	SIZE(io_uring_restriction);
}

#ifndef ABI_LIBURING
/* Fields and structs liburing added after 2.3, against compat/abi-2.15.txt. */
static void since_23(void)
{
	printf("[since-2.3]\n");
	F(io_uring_sqe, level); F(io_uring_sqe, optname);
	F(io_uring_sqe, waitid_flags); F(io_uring_sqe, futex_flags);
	F(io_uring_sqe, install_fd_flags); F(io_uring_sqe, nop_flags);
	F(io_uring_sqe, pipe_flags);
	F(io_uring_sqe, zcrx_ifq_idx); F(io_uring_sqe, optlen);
	F(io_uring_sqe, write_stream); F(io_uring_sqe, __pad4);
	F(io_uring_sqe, attr_ptr); F(io_uring_sqe, attr_type_mask);
	F(io_uring_sqe, optval);
	/* 2.3's sq.pad[2] became sqes_sz and pad; buf_reg.resv[3] min_left, resv[5]. */
	F(io_uring_sq, sqes_sz); F(io_uring_sq, pad);
	F(io_uring_buf_reg, min_left); F(io_uring_buf_reg, resv);
	/* 2.3's pad[4] became opcode, pad[7] and pad2[3]. */
	F(io_uring_sync_cancel_reg, opcode); F(io_uring_sync_cancel_reg, pad);
	F(io_uring_sync_cancel_reg, pad2);
	F(io_uring_napi, busy_poll_to); F(io_uring_napi, prefer_busy_poll);
	F(io_uring_napi, opcode); F(io_uring_napi, pad);
	F(io_uring_napi, op_param); F(io_uring_napi, resv);
	SIZE(io_uring_napi);
	F(io_uring_reg_wait, ts); F(io_uring_reg_wait, min_wait_usec);
	F(io_uring_reg_wait, flags); F(io_uring_reg_wait, sigmask);
	F(io_uring_reg_wait, sigmask_sz); F(io_uring_reg_wait, pad);
	F(io_uring_reg_wait, pad2);
	SIZE(io_uring_reg_wait);
	F(io_uring_clock_register, clockid); F(io_uring_clock_register, __resv);
	SIZE(io_uring_clock_register);
	F(io_uring_clone_buffers, src_fd); F(io_uring_clone_buffers, flags);
	F(io_uring_clone_buffers, src_off); F(io_uring_clone_buffers, dst_off);
	F(io_uring_clone_buffers, nr); F(io_uring_clone_buffers, pad);
	SIZE(io_uring_clone_buffers);
	F(io_uring_buf_status, buf_group); F(io_uring_buf_status, head);
	F(io_uring_buf_status, resv);
	SIZE(io_uring_buf_status);
	F(io_uring_region_desc, user_addr); F(io_uring_region_desc, size);
	F(io_uring_region_desc, flags); F(io_uring_region_desc, id);
	F(io_uring_region_desc, mmap_offset); F(io_uring_region_desc, __resv);
	SIZE(io_uring_region_desc);
	F(io_uring_mem_region_reg, region_uptr); F(io_uring_mem_region_reg, flags);
	F(io_uring_mem_region_reg, __resv);
	SIZE(io_uring_mem_region_reg);
}

/*
 * The private io_uring.int_flags bits (liburing's src/int_flags.h): their
 * values, then what a live ring holds after the calls that set them.
 */
static void int_flags(void)
{
	struct io_uring ring;

	printf("[int_flags]\n");
	printf("INT_FLAG_REG_RING %u\n", RINGZERO_INT_REG_RING);
	printf("INT_FLAG_NO_IOWAIT %u\n", RINGZERO_INT_NO_IOWAIT);
	printf("INT_FLAG_REG_REG_RING %u\n", RINGZERO_INT_REG_REG_RING);
	printf("INT_FLAG_APP_MEM %u\n", RINGZERO_INT_APP_MEM);
	printf("INT_FLAG_CQ_ENTER %u\n", RINGZERO_INT_CQ_ENTER);
	if (io_uring_queue_init(2, &ring, 0) == 0) {
		int ret;

		printf("plain ring 0x%x\n", ring.int_flags);
		/* REG_REG_RING too, where the kernel has FEAT_REG_REG_RING (6.3) */
		ret = io_uring_register_ring_fd(&ring);
		printf("after io_uring_register_ring_fd: %d, 0x%x\n", ret,
		       ring.int_flags);
		io_uring_queue_exit(&ring);
	}
	if (io_uring_queue_init(2, &ring, IORING_SETUP_IOPOLL) == 0) {
		printf("IOPOLL ring 0x%x\n", ring.int_flags);
		io_uring_queue_exit(&ring);
	}
}
#endif

int main(void)
{
	common();
#ifndef ABI_LIBURING
	since_23();
	int_flags();
#endif
	return 0;
}
