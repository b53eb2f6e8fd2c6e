/* SPDX-License-Identifier: MIT */
/*
 * ringzero/io_uring.h - the io_uring kernel ABI, as ringzero uses it.
 *
 * Written from the kernel's documented user ABI up to Linux 6.18: SQE/CQE
 * layout, setup parameters, mmap offsets, every opcode, setup/enter/register
 * flags and the structures the register calls take; plus what liburing
 * 2.15's copy carries from later kernels (6.19: mixed SQEs, NOP128 and
 * URING_CMD128, zcrx control and queries; 7.0: SQ_REWIND, BPF filters;
 * 7.1: immediate timeouts, buf_reg.min_left), each marked with its kernel.
 * Its query and BPF-filter parts are the kernel's <linux/io_uring/query.h>
 * and <linux/io_uring/bpf_filter.h>. We carry our own copy because the
 * system's <linux/io_uring.h> is whatever the distribution ships (Debian
 * bookworm: 6.1) and lacks half of what the host kernel has.
 *
 * The only addition beyond upstream is IORING_OP_ZERO's SQE flags; the
 * ZERO opcode number itself is not fixed (see ringzero.h, io_uring_prep_zero).
 */
#ifndef RINGZERO_IO_URING_H
#define RINGZERO_IO_URING_H

/*
 * The kernel's own headers, <linux/io_uring.h>, <linux/io_uring/query.h>
 * and <linux/io_uring/bpf_filter.h>, guard themselves with these names,
 * and so do liburing's copies of them: a program that includes one of them
 * after <ringzero.h> (as liburing programs may) gets nothing twice.
 */
#define LINUX_IO_URING_H
#define LINUX_IO_URING_QUERY_H
#define LINUX_IO_URING_BPF_FILTER_H

#include <stddef.h>
/*
 * The kernel's <linux/io_uring.h> includes <linux/fs.h> (for
 * __kernel_rwf_t), and so does liburing's copy: programs written for
 * liburing get BLKGETSIZE64, FS_IOC_* and RWF_* through it.
 */
#include <linux/fs.h>
#include <linux/types.h>
#include <linux/time_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The submission queue entry: 64 bytes, 128 with IORING_SETUP_SQE128. */
struct io_uring_sqe {
	__u8	opcode;		/* IORING_OP_* */
	__u8	flags;		/* IOSQE_* */
	__u16	ioprio;		/* request priority, or per-opcode flags */
	__s32	fd;		/* file descriptor (or fixed-file index) */
	union {
		__u64	off;	/* file offset */
		__u64	addr2;
		struct {
			__u32	cmd_op;
			__u32	__pad1;
		};
	};
	union {
		__u64	addr;	/* buffer or iovec pointer */
		__u64	splice_off_in;
		struct {
			__u32	level;
			__u32	optname;
		};
	};
	__u32	len;		/* buffer size or number of iovecs */
	union {			/* per-opcode flags word */
		__u32		rw_flags;	/* RWF_*, as __kernel_rwf_t */
		__u32		fsync_flags;
		__u16		poll_events;	/* compatibility */
		__u32		poll32_events;	/* word-reversed for BE */
		__u32		sync_range_flags;
		__u32		msg_flags;
		__u32		timeout_flags;
		__u32		accept_flags;
		__u32		cancel_flags;
		__u32		open_flags;
		__u32		statx_flags;
		__u32		fadvise_advice;
		__u32		splice_flags;
		__u32		rename_flags;
		__u32		unlink_flags;
		__u32		hardlink_flags;
		__u32		xattr_flags;
		__u32		msg_ring_flags;
		__u32		uring_cmd_flags;
		__u32		waitid_flags;
		__u32		futex_flags;
		__u32		install_fd_flags;
		__u32		nop_flags;
		__u32		pipe_flags;
		__u32		zero_flags;	/* ringzero: IORING_OP_ZERO */
	};
	__u64	user_data;	/* passed back in the CQE */
	union {
		__u16	buf_index;	/* fixed buffer index */
		__u16	buf_group;	/* provided-buffer group */
	} __attribute__((packed));
	__u16	personality;
	union {
		__s32	splice_fd_in;
		__u32	file_index;
		__u32	zcrx_ifq_idx;
		__u32	optlen;
		struct {
			__u16	addr_len;
			__u16	__pad3[1];
		};
		struct {
			__u8	write_stream;
			__u8	__pad4[3];
		};
	};
	union {
		struct {
			__u64	addr3;
			__u64	__pad2[1];
		};
		struct {
			__u64	attr_ptr;
			__u64	attr_type_mask;
		};
		__u64	optval;
		/* With SQE128, the command payload of URING_CMD (80 bytes). */
		__u8	cmd[0];
	};
};

/* Which file-descriptor slot to allocate for direct open/accept/socket. */
#define IORING_FILE_INDEX_ALLOC		(~0U)

/* sqe->flags bits */
enum io_uring_sqe_flags_bit {
	IOSQE_FIXED_FILE_BIT,
	IOSQE_IO_DRAIN_BIT,
	IOSQE_IO_LINK_BIT,
	IOSQE_IO_HARDLINK_BIT,
	IOSQE_ASYNC_BIT,
	IOSQE_BUFFER_SELECT_BIT,
	IOSQE_CQE_SKIP_SUCCESS_BIT,
};
#define IOSQE_FIXED_FILE	(1U << IOSQE_FIXED_FILE_BIT)
#define IOSQE_IO_DRAIN		(1U << IOSQE_IO_DRAIN_BIT)
#define IOSQE_IO_LINK		(1U << IOSQE_IO_LINK_BIT)
#define IOSQE_IO_HARDLINK	(1U << IOSQE_IO_HARDLINK_BIT)
#define IOSQE_ASYNC		(1U << IOSQE_ASYNC_BIT)
#define IOSQE_BUFFER_SELECT	(1U << IOSQE_BUFFER_SELECT_BIT)
#define IOSQE_CQE_SKIP_SUCCESS	(1U << IOSQE_CQE_SKIP_SUCCESS_BIT)

/* io_uring_setup() flags; the comment names the first kernel with each. */
#define IORING_SETUP_IOPOLL		(1U << 0)	/* 5.1 busy-poll completions */
#define IORING_SETUP_SQPOLL		(1U << 1)	/* 5.1 kernel submission thread */
#define IORING_SETUP_SQ_AFF		(1U << 2)	/* 5.1 sq_thread_cpu is valid */
#define IORING_SETUP_CQSIZE		(1U << 3)	/* 5.5 cq_entries is valid */
#define IORING_SETUP_CLAMP		(1U << 4)	/* 5.6 clamp sizes to the max */
#define IORING_SETUP_ATTACH_WQ		(1U << 5)	/* 5.6 share wq_fd's async backend */
#define IORING_SETUP_R_DISABLED		(1U << 6)	/* 5.10 start disabled */
#define IORING_SETUP_SUBMIT_ALL		(1U << 7)	/* 5.18 keep submitting on error */
#define IORING_SETUP_COOP_TASKRUN	(1U << 8)	/* 5.19 no IPI for task work */
#define IORING_SETUP_TASKRUN_FLAG	(1U << 9)	/* 5.19 IORING_SQ_TASKRUN hint */
#define IORING_SETUP_SQE128		(1U << 10)	/* 5.19 128-byte SQEs */
#define IORING_SETUP_CQE32		(1U << 11)	/* 5.19 32-byte CQEs */
#define IORING_SETUP_SINGLE_ISSUER	(1U << 12)	/* 6.0 one submitting task */
#define IORING_SETUP_DEFER_TASKRUN	(1U << 13)	/* 6.1 task work only on enter */
#define IORING_SETUP_NO_MMAP		(1U << 14)	/* 6.5 caller provides memory */
#define IORING_SETUP_REGISTERED_FD_ONLY	(1U << 15)	/* 6.5 ring fd only registered */
#define IORING_SETUP_NO_SQARRAY		(1U << 16)	/* 6.6 no SQ index array */
#define IORING_SETUP_HYBRID_IOPOLL	(1U << 17)	/* 6.13 sleep before polling */
#define IORING_SETUP_CQE_MIXED		(1U << 18)	/* 6.18 16- and 32-byte CQEs */
#define IORING_SETUP_SQE_MIXED		(1U << 19)	/* 6.19 64- and 128-byte SQEs */
/*
 * 7.0: the kernel ignores the SQ head and tail and takes the SQEs from
 * index 0 on each submission. Needs NO_SQARRAY, excludes SQPOLL.
 */
#define IORING_SETUP_SQ_REWIND		(1U << 20)

/* Per-opcode flags that live in sqe->ioprio or sqe->*_flags. */
#define IORING_FSYNC_DATASYNC		(1U << 0)

#define IORING_TIMEOUT_ABS		(1U << 0)
#define IORING_TIMEOUT_UPDATE		(1U << 1)
#define IORING_TIMEOUT_BOOTTIME		(1U << 2)
#define IORING_TIMEOUT_REALTIME		(1U << 3)
#define IORING_LINK_TIMEOUT_UPDATE	(1U << 4)
#define IORING_TIMEOUT_ETIME_SUCCESS	(1U << 5)
#define IORING_TIMEOUT_MULTISHOT	(1U << 6)
/*
 * 7.1: the relative timeout is in sqe->addr (sqe->addr2 for an update) in
 * nanoseconds, not behind a timespec pointer that must outlive submission.
 */
#define IORING_TIMEOUT_IMMEDIATE_ARG	(1U << 7)
#define IORING_TIMEOUT_CLOCK_MASK	(IORING_TIMEOUT_BOOTTIME | IORING_TIMEOUT_REALTIME)
#define IORING_TIMEOUT_UPDATE_MASK	(IORING_TIMEOUT_UPDATE | IORING_LINK_TIMEOUT_UPDATE)

#define SPLICE_F_FD_IN_FIXED		(1U << 31)

/* POLL_ADD: in sqe->len */
#define IORING_POLL_ADD_MULTI		(1U << 0)
#define IORING_POLL_UPDATE_EVENTS	(1U << 1)
#define IORING_POLL_UPDATE_USER_DATA	(1U << 2)
#define IORING_POLL_ADD_LEVEL		(1U << 3)

/* ASYNC_CANCEL: in sqe->cancel_flags */
#define IORING_ASYNC_CANCEL_ALL		(1U << 0)
#define IORING_ASYNC_CANCEL_FD		(1U << 1)
#define IORING_ASYNC_CANCEL_ANY		(1U << 2)
#define IORING_ASYNC_CANCEL_FD_FIXED	(1U << 3)
#define IORING_ASYNC_CANCEL_USERDATA	(1U << 4)
#define IORING_ASYNC_CANCEL_OP		(1U << 5)

/* send/recv: in sqe->ioprio */
#define IORING_RECVSEND_POLL_FIRST	(1U << 0)
#define IORING_RECV_MULTISHOT		(1U << 1)
#define IORING_RECVSEND_FIXED_BUF	(1U << 2)
#define IORING_SEND_ZC_REPORT_USAGE	(1U << 3)
#define IORING_RECVSEND_BUNDLE		(1U << 4)
#define IORING_SEND_VECTORIZED		(1U << 5)

#define IORING_NOTIF_USAGE_ZC_COPIED	(1U << 31)

/* accept: in sqe->ioprio */
#define IORING_ACCEPT_MULTISHOT		(1U << 0)
#define IORING_ACCEPT_DONTWAIT		(1U << 1)
#define IORING_ACCEPT_POLL_FIRST	(1U << 2)

/* MSG_RING: command in sqe->addr, flags in sqe->msg_ring_flags */
enum io_uring_msg_ring_flags {
	IORING_MSG_DATA,
	IORING_MSG_SEND_FD,
};
#define IORING_MSG_RING_CQE_SKIP	(1U << 0)
#define IORING_MSG_RING_FLAGS_PASS	(1U << 1)

/* FIXED_FD_INSTALL: in sqe->install_fd_flags */
#define IORING_FIXED_FD_NO_CLOEXEC	(1U << 0)

/* NOP: in sqe->nop_flags */
#define IORING_NOP_INJECT_RESULT	(1U << 0)
#define IORING_NOP_FILE			(1U << 1)
#define IORING_NOP_FIXED_FILE		(1U << 2)
#define IORING_NOP_FIXED_BUFFER		(1U << 3)
#define IORING_NOP_TW			(1U << 4)
#define IORING_NOP_CQE32		(1U << 5)

/*
 * IORING_OP_ZERO (ringzero's kernel patch): in sqe->zero_flags.
 * KEEP_SIZE zeroes past EOF without growing i_size, like FALLOC_FL_KEEP_SIZE.
 */
#define IORING_ZERO_KEEP_SIZE		(1U << 0)

/* URING_CMD: in sqe->uring_cmd_flags */
#define IORING_URING_CMD_FIXED		(1U << 0)
#define IORING_URING_CMD_MULTISHOT	(1U << 1)
/* The flags user space may set (liburing's definition). */
#define IORING_URING_CMD_MASK		IORING_URING_CMD_FIXED

/* Socket commands for IORING_OP_URING_CMD on a socket (sqe->cmd_op). */
enum io_uring_socket_op {
	SOCKET_URING_OP_SIOCINQ = 0,
	SOCKET_URING_OP_SIOCOUTQ,
	SOCKET_URING_OP_GETSOCKOPT,
	SOCKET_URING_OP_SETSOCKOPT,
	SOCKET_URING_OP_TX_TIMESTAMP,
	SOCKET_URING_OP_GETSOCKNAME,
};

/*
 * Every opcode of the 6.18 kernel, in kernel order. The number of an opcode
 * is its ABI: never reorder. Versions are the first mainline kernel with it.
 */
enum io_uring_op {
	IORING_OP_NOP,			/* 5.1 */
	IORING_OP_READV,		/* 5.1 */
	IORING_OP_WRITEV,		/* 5.1 */
	IORING_OP_FSYNC,		/* 5.1 */
	IORING_OP_READ_FIXED,		/* 5.1 */
	IORING_OP_WRITE_FIXED,		/* 5.1 */
	IORING_OP_POLL_ADD,		/* 5.1 */
	IORING_OP_POLL_REMOVE,		/* 5.1 */
	IORING_OP_SYNC_FILE_RANGE,	/* 5.2 */
	IORING_OP_SENDMSG,		/* 5.3 */
	IORING_OP_RECVMSG,		/* 5.3 */
	IORING_OP_TIMEOUT,		/* 5.4 */
	IORING_OP_TIMEOUT_REMOVE,	/* 5.5 */
	IORING_OP_ACCEPT,		/* 5.5 */
	IORING_OP_ASYNC_CANCEL,		/* 5.5 */
	IORING_OP_LINK_TIMEOUT,		/* 5.5 */
	IORING_OP_CONNECT,		/* 5.5 */
	IORING_OP_FALLOCATE,		/* 5.6 */
	IORING_OP_OPENAT,		/* 5.6 */
	IORING_OP_CLOSE,		/* 5.6 */
	IORING_OP_FILES_UPDATE,		/* 5.6 */
	IORING_OP_STATX,		/* 5.6 */
	IORING_OP_READ,			/* 5.6 */
	IORING_OP_WRITE,		/* 5.6 */
	IORING_OP_FADVISE,		/* 5.6 */
	IORING_OP_MADVISE,		/* 5.6 */
	IORING_OP_SEND,			/* 5.6 */
	IORING_OP_RECV,			/* 5.6 */
	IORING_OP_OPENAT2,		/* 5.6 */
	IORING_OP_EPOLL_CTL,		/* 5.6 */
	IORING_OP_SPLICE,		/* 5.7 */
	IORING_OP_PROVIDE_BUFFERS,	/* 5.7 */
	IORING_OP_REMOVE_BUFFERS,	/* 5.7 */
	IORING_OP_TEE,			/* 5.8 */
	IORING_OP_SHUTDOWN,		/* 5.11 */
	IORING_OP_RENAMEAT,		/* 5.11 */
	IORING_OP_UNLINKAT,		/* 5.11 */
	IORING_OP_MKDIRAT,		/* 5.15 */
	IORING_OP_SYMLINKAT,		/* 5.15 */
	IORING_OP_LINKAT,		/* 5.15 */
	IORING_OP_MSG_RING,		/* 5.18 */
	IORING_OP_FSETXATTR,		/* 5.19 */
	IORING_OP_SETXATTR,		/* 5.19 */
	IORING_OP_FGETXATTR,		/* 5.19 */
	IORING_OP_GETXATTR,		/* 5.19 */
	IORING_OP_SOCKET,		/* 5.19 */
	IORING_OP_URING_CMD,		/* 5.19 */
	IORING_OP_SEND_ZC,		/* 6.0 */
	IORING_OP_SENDMSG_ZC,		/* 6.1 */
	IORING_OP_READ_MULTISHOT,	/* 6.7 */
	IORING_OP_WAITID,		/* 6.7 */
	IORING_OP_FUTEX_WAIT,		/* 6.7 */
	IORING_OP_FUTEX_WAKE,		/* 6.7 */
	IORING_OP_FUTEX_WAITV,		/* 6.7 */
	IORING_OP_FIXED_FD_INSTALL,	/* 6.8 */
	IORING_OP_FTRUNCATE,		/* 6.9 */
	IORING_OP_BIND,			/* 6.11 */
	IORING_OP_LISTEN,		/* 6.11 */
	IORING_OP_RECV_ZC,		/* 6.15 */
	IORING_OP_EPOLL_WAIT,		/* 6.15 */
	IORING_OP_READV_FIXED,		/* 6.15 */
	IORING_OP_WRITEV_FIXED,		/* 6.15 */
	IORING_OP_PIPE,			/* 6.16 */
	IORING_OP_NOP128,		/* 6.19: NOP in a 128-byte SQE */
	IORING_OP_URING_CMD128,		/* 6.19: URING_CMD in a 128-byte SQE */

	IORING_OP_LAST,
};

/* The completion queue entry: 16 bytes, 32 with IORING_SETUP_CQE32. */
struct io_uring_cqe {
	__u64	user_data;	/* sqe->user_data, unchanged */
	__s32	res;		/* result: >= 0, or -errno */
	__u32	flags;		/* IORING_CQE_F_* and the buffer id */
	__u64	big_cqe[];	/* 16 more bytes with CQE32 */
};

#define IORING_CQE_F_BUFFER		(1U << 0)	/* upper 16 bits: buffer id */
#define IORING_CQE_F_MORE		(1U << 1)	/* multishot: more will come */
#define IORING_CQE_F_SOCK_NONEMPTY	(1U << 2)	/* socket has more data */
#define IORING_CQE_F_NOTIF		(1U << 3)	/* zero-copy notification */
#define IORING_CQE_F_BUF_MORE		(1U << 4)	/* incremental buffer not done */
#define IORING_CQE_F_SKIP		(1U << 5)	/* CQE_MIXED: padding, skip */
#define IORING_CQE_F_32			(1U << 15)	/* CQE_MIXED: a 32-byte CQE */
#define IORING_CQE_BUFFER_SHIFT		16

/* mmap offsets for the rings, the SQE array and provided-buffer rings. */
#define IORING_OFF_SQ_RING		0ULL
#define IORING_OFF_CQ_RING		0x8000000ULL
#define IORING_OFF_SQES			0x10000000ULL
#define IORING_OFF_PBUF_RING		0x80000000ULL
#define IORING_OFF_PBUF_SHIFT		16
#define IORING_OFF_MMAP_MASK		0xf8000000ULL

/* Where the SQ ring's fields sit in its mapping (filled in by setup). */
struct io_sqring_offsets {
	__u32	head;
	__u32	tail;
	__u32	ring_mask;
	__u32	ring_entries;
	__u32	flags;
	__u32	dropped;
	__u32	array;
	__u32	resv1;
	__u64	user_addr;	/* NO_MMAP: the caller's memory */
};

/* sq ring flags, written by the kernel */
#define IORING_SQ_NEED_WAKEUP		(1U << 0)	/* SQPOLL thread sleeps */
#define IORING_SQ_CQ_OVERFLOW		(1U << 1)	/* CQEs wait in overflow */
#define IORING_SQ_TASKRUN		(1U << 2)	/* task work is pending */

struct io_cqring_offsets {
	__u32	head;
	__u32	tail;
	__u32	ring_mask;
	__u32	ring_entries;
	__u32	overflow;
	__u32	cqes;
	__u32	flags;
	__u32	resv1;
	__u64	user_addr;
};

/* cq ring flags, written by the application */
#define IORING_CQ_EVENTFD_DISABLED	(1U << 0)

/* io_uring_enter() flags */
#define IORING_ENTER_GETEVENTS		(1U << 0)
#define IORING_ENTER_SQ_WAKEUP		(1U << 1)
#define IORING_ENTER_SQ_WAIT		(1U << 2)
#define IORING_ENTER_EXT_ARG		(1U << 3)	/* 5.11 */
#define IORING_ENTER_REGISTERED_RING	(1U << 4)	/* 5.18 */
#define IORING_ENTER_ABS_TIMER		(1U << 5)	/* 6.12 */
#define IORING_ENTER_EXT_ARG_REG	(1U << 6)	/* 6.13 */
#define IORING_ENTER_NO_IOWAIT		(1U << 7)	/* 6.15 */

/* io_uring_setup() parameters: 120 bytes. */
struct io_uring_params {
	__u32	sq_entries;
	__u32	cq_entries;
	__u32	flags;
	__u32	sq_thread_cpu;
	__u32	sq_thread_idle;
	__u32	features;
	__u32	wq_fd;
	__u32	resv[3];
	struct io_sqring_offsets	sq_off;
	struct io_cqring_offsets	cq_off;
};

/* io_uring_params.features, reported by the kernel */
#define IORING_FEAT_SINGLE_MMAP		(1U << 0)	/* 5.4 */
#define IORING_FEAT_NODROP		(1U << 1)	/* 5.5 */
#define IORING_FEAT_SUBMIT_STABLE	(1U << 2)	/* 5.5 */
#define IORING_FEAT_RW_CUR_POS		(1U << 3)	/* 5.6 */
#define IORING_FEAT_CUR_PERSONALITY	(1U << 4)	/* 5.6 */
#define IORING_FEAT_FAST_POLL		(1U << 5)	/* 5.7 */
#define IORING_FEAT_POLL_32BITS		(1U << 6)	/* 5.9 */
#define IORING_FEAT_SQPOLL_NONFIXED	(1U << 7)	/* 5.11 */
#define IORING_FEAT_EXT_ARG		(1U << 8)	/* 5.11 */
#define IORING_FEAT_NATIVE_WORKERS	(1U << 9)	/* 5.12 */
#define IORING_FEAT_RSRC_TAGS		(1U << 10)	/* 5.13 */
#define IORING_FEAT_CQE_SKIP		(1U << 11)	/* 5.17 */
#define IORING_FEAT_LINKED_FILE		(1U << 12)	/* 5.17 */
#define IORING_FEAT_REG_REG_RING	(1U << 13)	/* 6.3 */
#define IORING_FEAT_RECVSEND_BUNDLE	(1U << 14)	/* 6.10 */
#define IORING_FEAT_MIN_TIMEOUT		(1U << 15)	/* 6.12 */
#define IORING_FEAT_RW_ATTR		(1U << 16)	/* 6.14 */
#define IORING_FEAT_NO_IOWAIT		(1U << 17)	/* 6.15 */

/* io_uring_register() opcodes */
enum io_uring_register_op {
	IORING_REGISTER_BUFFERS			= 0,	/* 5.1 */
	IORING_UNREGISTER_BUFFERS		= 1,	/* 5.1 */
	IORING_REGISTER_FILES			= 2,	/* 5.1 */
	IORING_UNREGISTER_FILES			= 3,	/* 5.1 */
	IORING_REGISTER_EVENTFD			= 4,	/* 5.2 */
	IORING_UNREGISTER_EVENTFD		= 5,	/* 5.2 */
	IORING_REGISTER_FILES_UPDATE		= 6,	/* 5.5 */
	IORING_REGISTER_EVENTFD_ASYNC		= 7,	/* 5.6 */
	IORING_REGISTER_PROBE			= 8,	/* 5.6 */
	IORING_REGISTER_PERSONALITY		= 9,	/* 5.6 */
	IORING_UNREGISTER_PERSONALITY		= 10,	/* 5.6 */
	IORING_REGISTER_RESTRICTIONS		= 11,	/* 5.10 */
	IORING_REGISTER_ENABLE_RINGS		= 12,	/* 5.10 */
	IORING_REGISTER_FILES2			= 13,	/* 5.13 */
	IORING_REGISTER_FILES_UPDATE2		= 14,	/* 5.13 */
	IORING_REGISTER_BUFFERS2		= 15,	/* 5.13 */
	IORING_REGISTER_BUFFERS_UPDATE		= 16,	/* 5.13 */
	IORING_REGISTER_IOWQ_AFF		= 17,	/* 5.14 */
	IORING_UNREGISTER_IOWQ_AFF		= 18,	/* 5.14 */
	IORING_REGISTER_IOWQ_MAX_WORKERS	= 19,	/* 5.15 */
	IORING_REGISTER_RING_FDS		= 20,	/* 5.18 */
	IORING_UNREGISTER_RING_FDS		= 21,	/* 5.18 */
	IORING_REGISTER_PBUF_RING		= 22,	/* 5.19 */
	IORING_UNREGISTER_PBUF_RING		= 23,	/* 5.19 */
	IORING_REGISTER_SYNC_CANCEL		= 24,	/* 6.0 */
	IORING_REGISTER_FILE_ALLOC_RANGE	= 25,	/* 6.0 */
	IORING_REGISTER_PBUF_STATUS		= 26,	/* 6.8 */
	IORING_REGISTER_NAPI			= 27,	/* 6.9 */
	IORING_UNREGISTER_NAPI			= 28,	/* 6.9 */
	IORING_REGISTER_CLOCK			= 29,	/* 6.12 */
	IORING_REGISTER_CLONE_BUFFERS		= 30,	/* 6.12 */
	IORING_REGISTER_SEND_MSG_RING		= 31,	/* 6.13 */
	IORING_REGISTER_ZCRX_IFQ		= 32,	/* 6.15 */
	IORING_REGISTER_RESIZE_RINGS		= 33,	/* 6.13 */
	IORING_REGISTER_MEM_REGION		= 34,	/* 6.13 */
	IORING_REGISTER_QUERY			= 35,	/* 6.18 */
	IORING_REGISTER_ZCRX_CTRL		= 36,	/* 6.19 */
	IORING_REGISTER_BPF_FILTER		= 37,	/* 7.0 */

	IORING_REGISTER_LAST,

	/* Flag: the fd argument is a registered-ring index. */
	IORING_REGISTER_USE_REGISTERED_RING	= 1U << 31,
};

/* io-wq worker categories (IORING_REGISTER_IOWQ_MAX_WORKERS) */
enum io_wq_type {
	IO_WQ_BOUND,
	IO_WQ_UNBOUND,
};

/* Deprecated: use io_uring_rsrc_update2 */
struct io_uring_files_update {
	__u32	offset;
	__u32	resv;
	__aligned_u64 fds;
};

/* IORING_REGISTER_MEM_REGION */
enum {
	IORING_MEM_REGION_TYPE_USER = 1,
};

struct io_uring_region_desc {
	__u64	user_addr;
	__u64	size;
	__u32	flags;
	__u32	id;
	__u64	mmap_offset;
	__u64	__resv[4];
};

enum {
	IORING_MEM_REGION_REG_WAIT_ARG = 1,
};

struct io_uring_mem_region_reg {
	__u64	region_uptr;	/* struct io_uring_region_desc * */
	__u64	flags;
	__u64	__resv[2];
};

/* Register a fully sparse file space */
#define IORING_RSRC_REGISTER_SPARSE	(1U << 0)

struct io_uring_rsrc_register {
	__u32	nr;
	__u32	flags;
	__u64	resv2;
	__aligned_u64 data;
	__aligned_u64 tags;
};

struct io_uring_rsrc_update {
	__u32	offset;
	__u32	resv;
	__aligned_u64 data;
};

struct io_uring_rsrc_update2 {
	__u32	offset;
	__u32	resv;
	__aligned_u64 data;
	__aligned_u64 tags;
	__u32	nr;
	__u32	resv2;
};

/* Skip updating fd indexes set to this value in the fd table */
#define IORING_REGISTER_FILES_SKIP	(-2)

/* IORING_REGISTER_PROBE result */
#define IO_URING_OP_SUPPORTED	(1U << 0)

struct io_uring_probe_op {
	__u8	op;
	__u8	resv;
	__u16	flags;		/* IO_URING_OP_* flags */
	__u32	resv2;
};

struct io_uring_probe {
	__u8	last_op;	/* last opcode supported */
	__u8	ops_len;	/* length of ops[] array below */
	__u16	resv;
	__u32	resv2[3];
	struct io_uring_probe_op ops[];
};

struct io_uring_restriction {
	__u16	opcode;		/* IORING_RESTRICTION_* */
	union {
		__u8	register_op;	/* IORING_REGISTER_* */
		__u8	sqe_op;		/* IORING_OP_* */
		__u8	sqe_flags;	/* IOSQE_* flags */
	};
	__u8	resv;
	__u32	resv2[3];
};

/* Restrictions for a task rather than a ring (liburing 2.15 declares it). */
struct io_uring_task_restriction {
	__u16	flags;
	__u16	nr_res;
	__u32	resv[3];
	struct io_uring_restriction restrictions[0];
};

/* IORING_REGISTER_CLOCK */
struct io_uring_clock_register {
	__u32	clockid;
	__u32	__resv[3];
};

/* IORING_REGISTER_CLONE_BUFFERS flags */
enum {
	IORING_REGISTER_SRC_REGISTERED	= (1U << 0),
	IORING_REGISTER_DST_REPLACE	= (1U << 1),
};

struct io_uring_clone_buffers {
	__u32	src_fd;
	__u32	flags;
	__u32	src_off;
	__u32	dst_off;
	__u32	nr;
	__u32	pad[3];
};

/* One provided buffer, as it sits in a buffer ring. */
struct io_uring_buf {
	__u64	addr;
	__u32	len;
	__u16	bid;
	__u16	resv;
};

/*
 * A provided-buffer ring: an array of io_uring_buf whose first entry's last
 * 16 bits double as the ring's tail (the kernel never reads that slot's resv).
 */
struct io_uring_buf_ring {
	union {
		struct {
			__u64	resv1;
			__u32	resv2;
			__u16	resv3;
			__u16	tail;
		};
#ifdef __cplusplus
		/*
		 * An empty struct is 1 byte in C++ and would push bufs[] to
		 * offset 8; a zero-length array keeps it at 0 there.
		 */
		struct io_uring_buf bufs[0];
#else
		struct {
			struct {} __empty_bufs;
			struct io_uring_buf bufs[];
		};
#endif
	};
};

/* io_uring_buf_reg.flags */
enum io_uring_register_pbuf_ring_flags {
	/* The kernel allocates the ring; map it at IORING_OFF_PBUF_RING. */
	IOU_PBUF_RING_MMAP	= 1,
	/* Buffers may be consumed in part (6.12). */
	IOU_PBUF_RING_INC	= 2,
};

/* IORING_(UN)REGISTER_PBUF_RING argument */
struct io_uring_buf_reg {
	__u64	ring_addr;
	__u32	ring_entries;
	__u16	bgid;
	__u16	flags;
	/*
	 * Incremental rings (IOU_PBUF_RING_INC) only: a buffer with fewer
	 * than min_left bytes left is retired (7.1 and 6.18.y stable; older
	 * kernels take these bytes for reserved ones and answer -EINVAL).
	 */
	__u32	min_left;
	__u32	resv[5];
};

/* IORING_REGISTER_PBUF_STATUS argument */
struct io_uring_buf_status {
	__u32	buf_group;	/* input */
	__u32	head;		/* output */
	__u32	resv[8];
};

/* IORING_REGISTER_NAPI */
enum io_uring_napi_op {
	IO_URING_NAPI_REGISTER_OP = 0,
	IO_URING_NAPI_STATIC_ADD_ID = 1,
	IO_URING_NAPI_STATIC_DEL_ID = 2,
};

enum io_uring_napi_tracking_strategy {
	IO_URING_NAPI_TRACKING_DYNAMIC = 0,
	IO_URING_NAPI_TRACKING_STATIC = 1,
	IO_URING_NAPI_TRACKING_INACTIVE = 255,
};

struct io_uring_napi {
	__u32	busy_poll_to;
	__u8	prefer_busy_poll;
	__u8	opcode;
	__u8	pad[2];
	__u32	op_param;
	__u32	resv;
};

/* io_uring_restriction.opcode */
enum io_uring_register_restriction_op {
	IORING_RESTRICTION_REGISTER_OP		= 0,
	IORING_RESTRICTION_SQE_OP		= 1,
	IORING_RESTRICTION_SQE_FLAGS_ALLOWED	= 2,
	IORING_RESTRICTION_SQE_FLAGS_REQUIRED	= 3,
	IORING_RESTRICTION_LAST
};

/* io_uring_enter() EXT_ARG argument */
enum {
	IORING_REG_WAIT_TS = (1U << 0),
};

struct io_uring_reg_wait {
	struct __kernel_timespec ts;
	__u32	min_wait_usec;
	__u32	flags;
	__u64	sigmask;
	__u32	sigmask_sz;
	__u32	pad[3];
	__u64	pad2[2];
};

struct io_uring_getevents_arg {
	__u64	sigmask;
	__u32	sigmask_sz;
	__u32	min_wait_usec;	/* 6.12; was padding before */
	__u64	ts;
};

/* IORING_REGISTER_SYNC_CANCEL argument */
struct io_uring_sync_cancel_reg {
	__u64	addr;
	__s32	fd;
	__u32	flags;
	struct __kernel_timespec timeout;
	__u8	opcode;
	__u8	pad[7];
	__u64	pad2[3];
};

/* IORING_REGISTER_FILE_ALLOC_RANGE argument */
struct io_uring_file_index_range {
	__u32	off;
	__u32	len;
	__u64	resv;
};

/* The header at the start of a multishot recvmsg buffer. */
struct io_uring_recvmsg_out {
	__u32	namelen;
	__u32	controllen;
	__u32	payloadlen;
	__u32	flags;
};

/*
 * TX timestamps (6.17): IORING_OP_URING_CMD with SOCKET_URING_OP_TX_TIMESTAMP
 * on a socket with SO_TIMESTAMPING, on a ring with 32-byte CQEs. Each
 * timestamp the socket's error queue holds becomes one 32-byte CQE with
 * IORING_CQE_F_MORE: res is the timestamp key (SOF_TIMESTAMPING_OPT_ID),
 * flags carry the SCM_TSTAMP_* type from bit IORING_TIMESTAMP_TYPE_SHIFT
 * and IORING_CQE_F_TSTAMP_HW for a hardware stamp, and the second half of
 * the CQE (cqe->big_cqe) is a struct io_timespec.
 */
#define IORING_TIMESTAMP_HW_SHIFT	16
#define IORING_TIMESTAMP_TYPE_SHIFT	(IORING_TIMESTAMP_HW_SHIFT + 1)
#define IORING_CQE_F_TSTAMP_HW		((__u32)1 << IORING_TIMESTAMP_HW_SHIFT)

struct io_timespec {
	__u64	tv_sec;
	__u64	tv_nsec;
};

/*
 * Zero-copy receive (IORING_REGISTER_ZCRX_IFQ, 6.15): a NIC hardware RX
 * queue delivers into an area of user memory; the application hands
 * consumed buffers back through a refill ring of io_uring_zcrx_rqe.
 */
struct io_uring_zcrx_rqe {
	__u64	off;		/* area id << IORING_ZCRX_AREA_SHIFT | offset */
	__u32	len;
	__u32	__pad;
};

/* The second half of a 32-byte CQE from IORING_OP_RECV_ZC. */
struct io_uring_zcrx_cqe {
	__u64	off;
	__u64	__pad;
};

#define IORING_ZCRX_AREA_SHIFT	48
#define IORING_ZCRX_AREA_MASK	(~(((__u64)1 << IORING_ZCRX_AREA_SHIFT) - 1))

/* Where the refill ring's fields sit in its region (filled by the kernel). */
struct io_uring_zcrx_offsets {
	__u32	head;
	__u32	tail;
	__u32	rqes;
	__u32	__resv2;
	__u64	__resv[2];
};

enum io_uring_zcrx_area_flags {
	IORING_ZCRX_AREA_DMABUF	= 1,	/* 6.16: area is a dma-buf fd */
};

/* io_uring_zcrx_ifq_reg.flags */
enum zcrx_reg_flags {
	ZCRX_REG_IMPORT	= 1,	/* 6.19: import the zcrx of another ring */
	ZCRX_REG_NODEV	= 2,	/* 7.0: no net device, data is copied */
};

/* io_uring_query_zcrx.features */
enum zcrx_features {
	/* io_uring_zcrx_ifq_reg.rx_buf_len asks for an rx page size. */
	ZCRX_FEATURE_RX_PAGE_SIZE	= 1 << 0,
};

struct io_uring_zcrx_area_reg {
	__u64	addr;
	__u64	len;
	__u64	rq_area_token;	/* out: the area's id for rqe.off */
	__u32	flags;
	__u32	dmabuf_fd;
	__u64	__resv2[2];
};

/* IORING_REGISTER_ZCRX_IFQ argument */
struct io_uring_zcrx_ifq_reg {
	__u32	if_idx;		/* network interface index */
	__u32	if_rxq;		/* its hardware RX queue */
	__u32	rq_entries;
	__u32	flags;
	__u64	area_ptr;	/* struct io_uring_zcrx_area_reg * */
	__u64	region_ptr;	/* struct io_uring_region_desc * */
	struct io_uring_zcrx_offsets offsets;	/* out */
	__u32	zcrx_id;	/* out (6.16) */
	__u32	rx_buf_len;	/* must be 0 before 6.19 */
	__u64	__resv[3];
};

/* IORING_REGISTER_ZCRX_CTRL (6.19): operations on a registered zcrx. */
enum zcrx_ctrl_op {
	ZCRX_CTRL_FLUSH_RQ,	/* consume the refill queue now */
	ZCRX_CTRL_EXPORT,	/* an fd another ring imports with */
	__ZCRX_CTRL_LAST,
};

struct zcrx_ctrl_flush_rq {
	__u64	__resv[6];
};

struct zcrx_ctrl_export {
	__u32	zcrx_fd;	/* out */
	__u32	__resv1[11];
};

struct zcrx_ctrl {
	__u32	zcrx_id;
	__u32	op;		/* enum zcrx_ctrl_op */
	__u64	__resv[2];
	union {
		struct zcrx_ctrl_export		zc_export;
		struct zcrx_ctrl_flush_rq	zc_flush;
	};
};

/*
 * Block device commands for IORING_OP_URING_CMD (sqe->cmd_op), 6.12, in
 * the space of the BLK* ioctls. Spelled as <linux/blkdev.h> spells it, so
 * that a program including that header as well gets no redefinition.
 */
#include <linux/ioctl.h>
#ifndef BLOCK_URING_CMD_DISCARD
#define BLOCK_URING_CMD_DISCARD			_IO(0x12, 0)
#endif

/* Attributes for read/write (IORING_FEAT_RW_ATTR, 6.14) */
#define IORING_RW_ATTR_FLAG_PI	(1U << 0)
struct io_uring_attr_pi {
	__u16	flags;
	__u16	app_tag;
	__u32	len;
	__u64	addr;
	__u64	seed;
	__u64	rsvd;
};

/* IORING_REGISTER_QUERY (6.18): a chain of query headers. */
struct io_uring_query_hdr {
	__u64	next_entry;
	__u64	query_data;
	__u32	query_op;
	__u32	size;
	__s32	result;
	__u32	__resv[3];
};

enum {
	IO_URING_QUERY_OPCODES = 0,
	IO_URING_QUERY_ZCRX = 1,	/* 6.19 */
	IO_URING_QUERY_SCQ = 2,		/* 6.19 */
	__IO_URING_QUERY_MAX,
};

struct io_uring_query_opcode {
	__u32	nr_request_opcodes;	/* number of IORING_OP_* */
	__u32	nr_register_opcodes;	/* number of IORING_REGISTER_* */
	__u64	feature_flags;		/* IORING_FEAT_* */
	__u64	ring_setup_flags;	/* IORING_SETUP_* */
	__u64	enter_flags;		/* IORING_ENTER_* */
	__u64	sqe_flags;		/* IOSQE_* */
	__u32	nr_query_opcodes;	/* number of IO_URING_QUERY_* */
	__u32	__pad;
};

/* IO_URING_QUERY_ZCRX: what zero-copy receive supports. */
struct io_uring_query_zcrx {
	__u64	register_flags;		/* ZCRX_REG_* */
	__u64	area_flags;		/* IORING_ZCRX_AREA_* */
	__u32	nr_ctrl_opcodes;	/* ZCRX_CTRL_* */
	__u32	features;		/* ZCRX_FEATURE_* */
	__u32	rq_hdr_size;		/* refill ring header bytes */
	__u32	rq_hdr_alignment;
	__u64	__resv2;
};

/* IO_URING_QUERY_SCQ: the SQ/CQ ring header's size and alignment. */
struct io_uring_query_scq {
	__u64	hdr_size;
	__u64	hdr_alignment;
};

/*
 * BPF filters (IORING_REGISTER_BPF_FILTER, 7.0): classic BPF programs run
 * on each request of an opcode, on struct io_uring_bpf_ctx, to allow or
 * deny it; registered on a ring or, with fd -1, on the calling task.
 */
struct io_uring_bpf_ctx {
	__u64	user_data;
	__u8	opcode;
	__u8	sqe_flags;
	__u8	pdu_size;	/* bytes of the per-opcode union below */
	__u8	pad[5];
	union {
		struct {
			__u32	family;
			__u32	type;
			__u32	protocol;
		} socket;
		struct {
			__u64	flags;
			__u64	mode;
			__u64	resolve;
		} open;
	};
};

/* io_uring_bpf_filter.flags */
enum {
	/* Deny every opcode that has no filter of its own. */
	IO_URING_BPF_FILTER_DENY_REST	= 1,
	/* Fail if the kernel's pdu_size for the opcode differs. */
	IO_URING_BPF_FILTER_SZ_STRICT	= 2,
};

struct io_uring_bpf_filter {
	__u32	opcode;		/* IORING_OP_* the filter runs on */
	__u32	flags;
	__u32	filter_len;	/* number of struct sock_filter */
	__u8	pdu_size;
	__u8	resv[3];
	__u64	filter_ptr;	/* struct sock_filter * */
	__u64	resv2[5];
};

/* io_uring_bpf.cmd_type */
enum {
	IO_URING_BPF_CMD_FILTER = 1,
};

struct io_uring_bpf {
	__u16	cmd_type;	/* IO_URING_BPF_CMD_* */
	__u16	cmd_flags;
	__u32	resv;
	union {
		struct io_uring_bpf_filter	filter;
	};
};

/* Pin the layout: these are ABI, a wrong size is a silent corruption. */
/* C++ (which ringzero.h supports, like liburing.h) spells it static_assert. */
#ifdef __cplusplus
#define RZ_ABI_ASSERT(cond, msg)	static_assert(cond, msg)
#else
#define RZ_ABI_ASSERT(cond, msg)	_Static_assert(cond, msg)
#endif
RZ_ABI_ASSERT(sizeof(struct io_uring_sqe) == 64, "SQE is 64 bytes");
RZ_ABI_ASSERT(sizeof(struct io_uring_cqe) == 16, "CQE is 16 bytes");
RZ_ABI_ASSERT(sizeof(struct io_uring_params) == 120, "params are 120 bytes");
RZ_ABI_ASSERT(sizeof(struct io_sqring_offsets) == 40, "sq_off is 40 bytes");
RZ_ABI_ASSERT(sizeof(struct io_cqring_offsets) == 40, "cq_off is 40 bytes");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, off) == 8, "sqe.off");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, addr) == 16, "sqe.addr");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, len) == 24, "sqe.len");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, rw_flags) == 28, "sqe.rw_flags");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, user_data) == 32, "sqe.user_data");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, buf_index) == 40, "sqe.buf_index");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, personality) == 42, "sqe.personality");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, splice_fd_in) == 44, "sqe.splice_fd_in");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, addr3) == 48, "sqe.addr3");
RZ_ABI_ASSERT(offsetof(struct io_uring_sqe, cmd) == 48, "sqe.cmd");
RZ_ABI_ASSERT(sizeof(struct io_uring_probe) == 16, "probe header");
RZ_ABI_ASSERT(sizeof(struct io_uring_probe_op) == 8, "probe op");
RZ_ABI_ASSERT(sizeof(struct io_uring_restriction) == 16, "restriction");
RZ_ABI_ASSERT(sizeof(struct io_uring_buf) == 16, "buf");
RZ_ABI_ASSERT(sizeof(struct io_uring_buf_reg) == 40, "buf_reg");
RZ_ABI_ASSERT(sizeof(struct io_uring_getevents_arg) == 24, "getevents_arg");
RZ_ABI_ASSERT(sizeof(struct io_uring_rsrc_register) == 32, "rsrc_register");
RZ_ABI_ASSERT(sizeof(struct io_uring_rsrc_update2) == 32, "rsrc_update2");
RZ_ABI_ASSERT(sizeof(struct io_uring_sync_cancel_reg) == 64, "sync_cancel_reg");
RZ_ABI_ASSERT(sizeof(struct io_uring_napi) == 16, "napi");
RZ_ABI_ASSERT(sizeof(struct io_uring_clone_buffers) == 32, "clone_buffers");
RZ_ABI_ASSERT(sizeof(struct io_uring_reg_wait) == 64, "reg_wait");
RZ_ABI_ASSERT(sizeof(struct io_uring_region_desc) == 64, "region_desc");
RZ_ABI_ASSERT(sizeof(struct io_uring_zcrx_ifq_reg) == 96, "zcrx_ifq_reg");
RZ_ABI_ASSERT(sizeof(struct io_uring_zcrx_area_reg) == 48, "zcrx_area_reg");
RZ_ABI_ASSERT(sizeof(struct io_uring_query_hdr) == 40, "query_hdr");
RZ_ABI_ASSERT(sizeof(struct io_uring_recvmsg_out) == 16, "recvmsg_out");
RZ_ABI_ASSERT(sizeof(struct io_timespec) == 16, "io_timespec is a CQE half");
RZ_ABI_ASSERT(offsetof(struct io_uring_buf_reg, min_left) == 16, "buf_reg.min_left");
RZ_ABI_ASSERT(sizeof(struct io_uring_query_opcode) == 48, "query_opcode");
RZ_ABI_ASSERT(sizeof(struct io_uring_query_zcrx) == 40, "query_zcrx");
RZ_ABI_ASSERT(sizeof(struct zcrx_ctrl) == 72, "zcrx_ctrl");
RZ_ABI_ASSERT(sizeof(struct io_uring_bpf_ctx) == 40, "bpf_ctx");
RZ_ABI_ASSERT(sizeof(struct io_uring_bpf_filter) == 64, "bpf_filter");
RZ_ABI_ASSERT(sizeof(struct io_uring_bpf) == 72, "bpf");
RZ_ABI_ASSERT(offsetof(struct io_uring_buf_ring, tail) == 14, "buf ring tail");
RZ_ABI_ASSERT(offsetof(struct io_uring_buf_ring, bufs) == 0, "buf ring bufs");
RZ_ABI_ASSERT(IORING_OP_PIPE == 62, "opcode numbering");
RZ_ABI_ASSERT(IORING_OP_URING_CMD128 == 64, "opcode numbering");
RZ_ABI_ASSERT(IORING_OP_RECV_ZC == 58, "opcode numbering");
RZ_ABI_ASSERT(IORING_OP_READ_MULTISHOT == 49, "opcode numbering");

#ifdef __cplusplus
}
#endif

#endif /* RINGZERO_IO_URING_H */
