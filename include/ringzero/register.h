/* SPDX-License-Identifier: MIT */
/*
 * ringzero/register.h - io_uring_register() wrappers: registered files and
 * buffers, provided-buffer rings, eventfd, credentials and restrictions,
 * io-wq tuning, NAPI busy polling, synchronous cancel and messages, wait
 * clocks and regions, zero-copy receive queues and kernel queries.
 *
 * Every wrapper returns what the kernel returned: 0 (or a count) on
 * success, -errno on failure. Errors common to all of them: -EINVAL for a
 * register opcode or argument the running kernel does not know (this is how
 * an older kernel says "not supported"), -EFAULT for a bad pointer, -ENXIO
 * when the ring is going away. Each wrapper names its kernel version and
 * the errors of its own. All of them take the ring's registered index when
 * the ring fd is registered (see io_uring_register_ring_fd()).
 * Included by ringzero.h; not meant to be included on its own.
 */
#ifndef RINGZERO_REGISTER_H
#define RINGZERO_REGISTER_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Registered files (5.1): requests then name a file by its index with
 * IOSQE_FIXED_FILE, skipping the per-request fd lookup. -EMFILE if nr is
 * over RLIMIT_NOFILE after the library raised the soft limit once; -EBUSY
 * if a table is already registered; -EBADF for an fd that is not open.
 * The update calls return how many slots they changed.
 */
int io_uring_register_files(struct io_uring *ring, const int *files,
			    unsigned nr_files);
/* With a tag per file: a CQE with user_data = tag when one is released. */
int io_uring_register_files_tags(struct io_uring *ring, const int *files,
				 const __u64 *tags, unsigned nr);
/* nr empty slots (5.19), for direct descriptors and later updates. */
int io_uring_register_files_sparse(struct io_uring *ring, unsigned nr);
/* files[i] goes to slot off + i; -1 empties, IORING_REGISTER_FILES_SKIP skips. */
int io_uring_register_files_update(struct io_uring *ring, unsigned off,
				   const int *files, unsigned nr_files);
int io_uring_register_files_update_tag(struct io_uring *ring, unsigned off,
				       const int *files, const __u64 *tags,
				       unsigned nr_files);
int io_uring_unregister_files(struct io_uring *ring);
/* Restrict the slots the kernel allocates from to [off, off + len) (6.0). */
int io_uring_register_file_alloc_range(struct io_uring *ring,
				       unsigned off, unsigned len);

/*
 * Registered buffers (5.1): pinned once, then used by the *_fixed requests
 * by index. -ENOMEM past RLIMIT_MEMLOCK (on every kernel, for a process
 * without CAP_IPC_LOCK: the pinned pages count as the user's locked
 * memory) or out of memory,
 * -EOVERFLOW/-EINVAL for a buffer over 1 GiB or not valid user memory,
 * -EBUSY if a table is already registered.
 */
int io_uring_register_buffers(struct io_uring *ring, const struct iovec *iovecs,
			      unsigned nr_iovecs);
int io_uring_register_buffers_tags(struct io_uring *ring,
				   const struct iovec *iovecs,
				   const __u64 *tags, unsigned nr);
int io_uring_register_buffers_sparse(struct io_uring *ring, unsigned nr);
int io_uring_register_buffers_update_tag(struct io_uring *ring, unsigned off,
					 const struct iovec *iovecs,
					 const __u64 *tags, unsigned nr);
int io_uring_unregister_buffers(struct io_uring *ring);

/*
 * Share src's registered buffers with dst without pinning them again
 * (6.12). The offset form copies nr buffers from src slot src_off to dst
 * slot dst_off (nr 0: all); flags IORING_REGISTER_DST_REPLACE allows
 * overwriting dst's existing table (-EBUSY otherwise). The __ forms pass
 * flags straight through.
 */
int io_uring_clone_buffers(struct io_uring *dst, struct io_uring *src);
int __io_uring_clone_buffers(struct io_uring *dst, struct io_uring *src,
			     unsigned int flags);
int io_uring_clone_buffers_offset(struct io_uring *dst, struct io_uring *src,
				  unsigned int dst_off, unsigned int src_off,
				  unsigned int nr, unsigned int flags);
int __io_uring_clone_buffers_offset(struct io_uring *dst,
				    struct io_uring *src,
				    unsigned int dst_off, unsigned int src_off,
				    unsigned int nr, unsigned int flags);

/*
 * Provided-buffer rings (5.19). register/unregister take the raw kernel
 * description; setup/free allocate, register and map in one step (see
 * ringzero/buf_ring.h for filling the ring). -EEXIST if bgid is in use,
 * -EINVAL for a size that is not a power of two or over 32768, and for a
 * group id outside 0..65535 (refused here, never truncated into another
 * group). register_buf_ring adds flags to reg->flags, as liburing 2.15
 * does: IOU_PBUF_RING_INC there makes the ring incremental (6.12); flags
 * wider than 16 bits are -EINVAL.
 */
int io_uring_register_buf_ring(struct io_uring *ring,
			       struct io_uring_buf_reg *reg,
			       unsigned int flags);
int io_uring_unregister_buf_ring(struct io_uring *ring, int bgid);
/* The kernel's consumer index of group buf_group (6.8). */
int io_uring_buf_ring_head(struct io_uring *ring, int buf_group,
			   uint16_t *head);
/*
 * A ring of nentries buffers for group bgid, ready to fill; NULL on
 * failure. *err (may be NULL) is 0 on success, else the -errno: -EINVAL
 * for nentries 0, not a power of two or over 32768, bgid outside
 * 0..65535 or flags wider than 16 bits; -ENOMEM; the kernel's answer.
 * flags: IOU_PBUF_RING_INC for incremental consumption (6.12),
 * IOU_PBUF_RING_MMAP to let the kernel allocate the memory (6.4).
 * io_uring_free_buf_ring() takes the same nentries and bgid (-EINVAL for
 * values setup would have refused).
 */
struct io_uring_buf_ring *io_uring_setup_buf_ring(struct io_uring *ring,
						  unsigned int nentries,
						  int bgid, unsigned int flags,
						  int *err);
int io_uring_free_buf_ring(struct io_uring *ring, struct io_uring_buf_ring *br,
			   unsigned int nentries, int bgid);

/*
 * eventfd (5.2): the kernel signals fd when it posts CQEs; the async form
 * (5.6) only for completions that happened out of line. -EBUSY if one is
 * registered already; -ENXIO from unregister if none is.
 */
int io_uring_register_eventfd(struct io_uring *ring, int fd);
int io_uring_register_eventfd_async(struct io_uring *ring, int fd);
int io_uring_unregister_eventfd(struct io_uring *ring);

/*
 * Credentials (5.6): register the caller's current credentials and get an
 * id for sqe->personality; requests with it run as those credentials.
 */
int io_uring_register_personality(struct io_uring *ring);
int io_uring_unregister_personality(struct io_uring *ring, int id);

/*
 * Restrictions (5.10): on a ring created with IORING_SETUP_R_DISABLED,
 * allow only the listed opcodes, SQE flags and register ops; everything
 * else then fails with -EACCES. Once per ring (-EBUSY after), before
 * io_uring_enable_rings() (-EBADFD after).
 */
int io_uring_register_restrictions(struct io_uring *ring,
				   struct io_uring_restriction *res,
				   unsigned int nr_res);

/*
 * io-wq, the kernel's worker pool for blocking work. Affinity (5.14): the
 * CPUs workers may run on; cpusz is the size of *mask in bytes.
 * Max workers (5.15): values[0] bounded, values[1] unbounded; 0 keeps a
 * limit and reads it back, the old limits are returned in values[].
 */
#ifdef _GNU_SOURCE	/* cpu_set_t */
int io_uring_register_iowq_aff(struct io_uring *ring, size_t cpusz,
			       const cpu_set_t *mask);
#endif
int io_uring_unregister_iowq_aff(struct io_uring *ring);
int io_uring_register_iowq_max_workers(struct io_uring *ring,
				       unsigned int *values);

/*
 * NAPI busy polling (6.9): the ring busy-polls the NAPI instances of its
 * sockets for up to busy_poll_to usec while waiting. Both calls copy the
 * settings that were in force before back into *napi, so reinitialise it
 * before reusing it.
 */
int io_uring_register_napi(struct io_uring *ring, struct io_uring_napi *napi);
int io_uring_unregister_napi(struct io_uring *ring,
			     struct io_uring_napi *napi);

/*
 * Cancel synchronously (6.0): like IORING_OP_ASYNC_CANCEL, but waits until
 * the matching requests are gone (bounded by reg->timeout, -1/-1 for none);
 * their -ECANCELED CQEs are posted by then. 0 when the one match was
 * cancelled, the count with IORING_ASYNC_CANCEL_ALL/ANY, -ENOENT when
 * nothing matched, -EALREADY when a match was running and could not be
 * stopped, -ETIME when the timeout ran out.
 */
int io_uring_register_sync_cancel(struct io_uring *ring,
				  struct io_uring_sync_cancel_reg *reg);

/*
 * Post a MSG_RING message (sqe prepared with io_uring_prep_msg_ring) with
 * no ring of our own (6.13): the kernel handles it inline. Only
 * IORING_MSG_DATA is supported this way.
 */
int io_uring_register_sync_msg(struct io_uring_sqe *sqe);

/*
 * Clock for wait timeouts (6.12): CLOCK_MONOTONIC (the default) or
 * CLOCK_BOOTTIME.
 */
int io_uring_register_clock(struct io_uring *ring,
			    struct io_uring_clock_register *arg);

/*
 * Memory regions (6.13), today only the wait-argument region: an array of
 * struct io_uring_reg_wait the kernel reads at wait time, so that waiting
 * with a timeout passes an index instead of copying arguments in. Must be
 * registered while the ring is still disabled (IORING_SETUP_R_DISABLED).
 */
int io_uring_register_region(struct io_uring *ring,
			     struct io_uring_mem_region_reg *reg);
/*
 * Register nr wait arguments at reg as that region: reg must be
 * page-aligned (-EINVAL), and the pages the array touches are pinned
 * whole. -EBUSY if the ring has a wait region already.
 */
int io_uring_register_wait_reg(struct io_uring *ring,
			       struct io_uring_reg_wait *reg, int nr);
/*
 * Submit, then wait as entry reg_index of the wait region says (its
 * timeout, min_wait_usec and sigmask). Returns as io_uring_wait_cqes();
 * -EINVAL, with nothing submitted, for a negative reg_index or a ring
 * without IORING_FEAT_EXT_ARG.
 */
int io_uring_submit_and_wait_reg(struct io_uring *ring,
				 struct io_uring_cqe **cqe_ptr,
				 unsigned wait_nr, int reg_index);

/*
 * Whether waits count as iowait for the CPU governor (6.15,
 * IORING_FEAT_NO_IOWAIT); on by default. -EOPNOTSUPP on older kernels.
 */
int io_uring_set_iowait(struct io_uring *ring, bool enable_iowait);

/*
 * Zero-copy receive (6.15): attach a NIC hardware RX queue to the ring.
 * Needs CAP_NET_ADMIN (-EPERM), a ring with DEFER_TASKRUN and CQE32, and a
 * driver with header split and queue management (-EOPNOTSUPP otherwise).
 */
int io_uring_register_ifq(struct io_uring *ring,
			  struct io_uring_zcrx_ifq_reg *reg);

/* The refill ring of a zero-copy receive queue, as mapped by the caller. */
struct io_uring_zcrx_rq {
	__u32 *khead;
	__u32 *ktail;
	__u32 rq_tail;
	unsigned ring_entries;
	struct io_uring_zcrx_rqe *rqes;
	void *ring_ptr;
};

/*
 * Control a registered zero-copy receive queue (6.19): flush its refill
 * ring (ZCRX_CTRL_FLUSH_RQ) or export it to another ring (ZCRX_CTRL_EXPORT).
 */
int io_uring_register_zcrx_ctrl(struct io_uring *ring, struct zcrx_ctrl *ctrl);

/*
 * Query the kernel (6.18): a chain of io_uring_query_hdr, each answered in
 * its ->result. Needs no ring.
 */
int io_uring_register_query(struct io_uring_query_hdr *query);

/*
 * BPF filters (7.0): classic BPF programs that allow or deny requests of
 * an opcode, on this ring or (the _task form) on every ring the calling
 * task creates. -EINVAL on kernels before 7.0.
 */
int io_uring_register_bpf_filter(struct io_uring *ring,
				 struct io_uring_bpf *bpf);
int io_uring_register_bpf_filter_task(struct io_uring_bpf *bpf);

#ifdef __cplusplus
}
#endif

#endif /* RINGZERO_REGISTER_H */
