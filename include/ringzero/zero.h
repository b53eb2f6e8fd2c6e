/* SPDX-License-Identifier: MIT */
/*
 * ringzero/zero.h - zeroing a byte range of a file through io_uring.
 *
 * IORING_OP_ZERO exists only in kernels carrying ringzero's patch (kernel/
 * in the source tree), where it sits right before IORING_OP_LAST: number 49
 * on Linux 6.1, 58 on 6.12. Those numbers belong to READ_MULTISHOT (6.7+)
 * and RECV_ZC (6.15+) upstream, so the number alone proves nothing. The
 * library therefore uses the native opcode only after it has checked, once
 * per process, that the running kernel calls that opcode "ZERO"; everywhere
 * else io_uring_prep_zero() emits the equivalent IORING_OP_FALLOCATE with
 * FALLOC_FL_ZERO_RANGE, which every kernel since 5.6 has.
 *
 * How the check works (src/zero.c): on a private throwaway ring, ask the
 * probe for the kernel's last opcode, write one SQE with that opcode into
 * the SQ and publish the tail WITHOUT entering the kernel, then read the
 * ring's /proc/self/fdinfo entry, where the kernel lists pending SQEs with
 * their opcode names. The SQE is never submitted; the ring is torn down.
 * No /proc, an unreadable or unrecognised fdinfo, or any other doubt means
 * "not native".
 *
 * Included by ringzero.h; not meant to be included on its own.
 */
#ifndef RINGZERO_ZERO_H
#define RINGZERO_ZERO_H

#ifdef __cplusplus
extern "C" {
#endif

/* What io_uring_prep_zero() emits: io_uring_zero_method()'s answers. */
enum {
	RINGZERO_ZERO_FALLOCATE	= 0,	/* IORING_OP_FALLOCATE + ZERO_RANGE */
	RINGZERO_ZERO_NATIVE	= 1,	/* the verified IORING_OP_ZERO */
};

/*
 * Prepare an SQE that zeroes len bytes of fd at offset, as fallocate(2)
 * with FALLOC_FL_ZERO_RANGE does: afterwards the range reads as zeroes, a
 * range past EOF grows the file to offset + len unless flags has
 * IORING_ZERO_KEEP_SIZE, and nothing outside the range changes.
 *
 * Like every prep helper it writes only the fields it uses into an SQE
 * that io_uring_get_sqe() cleared; IOSQE_FIXED_FILE and the other sqe
 * flags are the caller's to set. It cannot fail: the first call in a
 * process runs the detection (one short-lived ring and one read of /proc);
 * later calls read the cached answer. Thread-safe.
 *
 * The CQE's res is 0, or -errno as fallocate(2) reports it:
 *   -EBADF       fd is not open for writing (or not a valid fd)
 *   -EINVAL      len is 0, offset is negative, flags holds an unknown bit,
 *                or (native only) a field the opcode does not use is set:
 *                len, ioprio, buf_index, splice_fd_in, addr3
 *   -EFBIG       offset + len is past the filesystem's largest file size
 *   -ESPIPE      fd is a pipe or FIFO; -ENODEV: not a file or block device
 *   -EISDIR      fd is a directory
 *   -EOPNOTSUPP  the filesystem cannot zero ranges (tmpfs, for one)
 *   -EPERM       the file is immutable or append-only
 *   -ENOSPC, -EIO, -EINTR ... as the filesystem reports them
 * Unknown flag bits are never dropped: natively they go to sqe->zero_flags,
 * which the kernel checks; on the fallback they go to the same word, which
 * IORING_OP_FALLOCATE requires to be zero. Either way the CQE says -EINVAL.
 */
void io_uring_prep_zero(struct io_uring_sqe *sqe, int fd, __u64 offset,
			__u64 len, unsigned flags);

/*
 * Which method io_uring_prep_zero() uses for SQEs of ring: RINGZERO_ZERO_
 * NATIVE or RINGZERO_ZERO_FALLOCATE. The answer depends on the running
 * kernel only, so it is the same for every ring of a process, and ring may
 * be NULL. It never fails: a detection that could not decide answers
 * FALLOCATE; io_uring_zero_opcode() tells why.
 */
int io_uring_zero_method(struct io_uring *ring);

/* "native" or "fallocate"; NULL for a value that is not a method. */
const char *io_uring_zero_method_name(int method);

/*
 * The verified opcode number of IORING_OP_ZERO on the running kernel
 * (0..255), or -errno saying why there is none:
 *   -EOPNOTSUPP  the kernel's last opcode is not ZERO: a kernel without
 *                the patch (or its probe reports the opcode unsupported)
 *   -ENOENT      /proc is not mounted, so the name cannot be checked
 *   -EACCES      /proc/self/fdinfo is not readable
 *   -EPROTO      fdinfo did not list the pending SQE in a known format
 *   -ENOSYS, -EPERM, -ENOMEM  io_uring_setup() failed: no io_uring, or
 *                it is disabled (kernel.io_uring_disabled, seccomp)
 *   -EINVAL      the kernel has no IORING_REGISTER_PROBE (before 5.6)
 * Detected once per process and cached. Thread-safe.
 */
int io_uring_zero_opcode(void);

/*
 * The name the running kernel gives opcode (what /proc/<pid>/fdinfo and
 * the io_uring tracepoints print, such as "READ" or "PIPE", and "INVALID"
 * past its last opcode), found as the ZERO detection does: an SQE queued on
 * a private ring and never submitted. Copies the NUL-terminated name into
 * name[size] and returns its length, or -errno: -EINVAL (opcode outside
 * 0..255, or no buffer), -ERANGE (size too small), and the io_uring and
 * /proc errors io_uring_zero_opcode() lists. Not cached: one ring per call.
 */
int ringzero_kernel_opcode_name(int opcode, char *name, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* RINGZERO_ZERO_H */
