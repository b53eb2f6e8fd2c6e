/* SPDX-License-Identifier: MIT */
/*
 * ringzero/prep_net.h - io_uring_prep_* for everything beyond files:
 * sockets, the send/recv families, provided buffers, messages between rings,
 * futexes, waitid, epoll, pipes and uring_cmd, plus the parsers for
 * multishot recvmsg results.
 *
 * Like ringzero/prep.h, every helper fills an SQE that io_uring_get_sqe()
 * already cleared, writing only the fields its opcode reads, on top of
 * io_uring_prep_rw(). The kernel version that first has each opcode is in
 * ringzero/io_uring.h; a kernel without it completes the SQE with -EINVAL.
 * Included by ringzero.h; not meant to be included on its own.
 */
#ifndef RINGZERO_PREP_NET_H
#define RINGZERO_PREP_NET_H

#include <sys/wait.h>

struct futex_waitv;

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A direct-descriptor slot for the *_direct helpers: IORING_FILE_INDEX_ALLOC
 * asks the kernel to pick a free slot (the CQE's res says which), anything
 * else names slot file_index.
 */
static inline void __io_uring_set_target_slot(struct io_uring_sqe *sqe,
					      unsigned file_index)
{
	/* ALLOC must reach the kernel unchanged, the others as slot + 1. */
	if (file_index == IORING_FILE_INDEX_ALLOC)
		sqe->file_index = IORING_FILE_INDEX_ALLOC;
	else
		__io_uring_set_target_fixed_file(sqe, file_index);
}

/*
 * Sockets.
 */

/* socket(2) (5.19): domain in fd, type in off, protocol in len. */
static inline void io_uring_prep_socket(struct io_uring_sqe *sqe, int domain,
					int type, int protocol,
					unsigned int flags)
{
	io_uring_prep_rw(IORING_OP_SOCKET, sqe, domain, NULL,
			 (unsigned)protocol, (__u64)type);
	sqe->rw_flags = flags;
}

/* socket(2) straight into direct-descriptor slot file_index (or ALLOC). */
static inline void io_uring_prep_socket_direct(struct io_uring_sqe *sqe,
					       int domain, int type,
					       int protocol,
					       unsigned file_index,
					       unsigned int flags)
{
	io_uring_prep_socket(sqe, domain, type, protocol, flags);
	__io_uring_set_target_slot(sqe, file_index);
}

/* The same into a slot the kernel picks; the CQE's res is the slot. */
static inline void io_uring_prep_socket_direct_alloc(struct io_uring_sqe *sqe,
						     int domain, int type,
						     int protocol,
						     unsigned int flags)
{
	io_uring_prep_socket_direct(sqe, domain, type, protocol,
				    IORING_FILE_INDEX_ALLOC, flags);
}

/* bind(2) and listen(2) (6.11). */
static inline void io_uring_prep_bind(struct io_uring_sqe *sqe, int fd,
				      const struct sockaddr *addr,
				      socklen_t addrlen)
{
	io_uring_prep_rw(IORING_OP_BIND, sqe, fd, addr, 0, addrlen);
}

static inline void io_uring_prep_listen(struct io_uring_sqe *sqe, int fd,
					int backlog)
{
	io_uring_prep_rw(IORING_OP_LISTEN, sqe, fd, NULL, (unsigned)backlog,
			 0);
}

/* connect(2): the address length travels in off. */
static inline void io_uring_prep_connect(struct io_uring_sqe *sqe, int fd,
					 const struct sockaddr *addr,
					 socklen_t addrlen)
{
	io_uring_prep_rw(IORING_OP_CONNECT, sqe, fd, addr, 0, addrlen);
}

/* accept4(2): addrlen is a pointer, carried in off; flags are SOCK_*. */
static inline void io_uring_prep_accept(struct io_uring_sqe *sqe, int fd,
					struct sockaddr *addr,
					socklen_t *addrlen, int flags)
{
	io_uring_prep_rw(IORING_OP_ACCEPT, sqe, fd, addr, 0,
			 (__u64)(uintptr_t)addrlen);
	sqe->accept_flags = (__u32)flags;
}

static inline void io_uring_prep_accept_direct(struct io_uring_sqe *sqe,
					       int fd, struct sockaddr *addr,
					       socklen_t *addrlen, int flags,
					       unsigned int file_index)
{
	io_uring_prep_accept(sqe, fd, addr, addrlen, flags);
	__io_uring_set_target_slot(sqe, file_index);
}

/*
 * One SQE, one CQE per connection (5.19) until cancelled or an error:
 * every CQE but the last carries IORING_CQE_F_MORE.
 */
static inline void io_uring_prep_multishot_accept(struct io_uring_sqe *sqe,
						  int fd, struct sockaddr *addr,
						  socklen_t *addrlen, int flags)
{
	io_uring_prep_accept(sqe, fd, addr, addrlen, flags);
	sqe->ioprio |= IORING_ACCEPT_MULTISHOT;
}

/* Multishot accept into slots the kernel allocates (always ALLOC). */
static inline void
io_uring_prep_multishot_accept_direct(struct io_uring_sqe *sqe, int fd,
				      struct sockaddr *addr,
				      socklen_t *addrlen, int flags)
{
	io_uring_prep_multishot_accept(sqe, fd, addr, addrlen, flags);
	__io_uring_set_target_slot(sqe, IORING_FILE_INDEX_ALLOC);
}

/* shutdown(2) (5.11): how in len. */
static inline void io_uring_prep_shutdown(struct io_uring_sqe *sqe, int fd,
					  int how)
{
	io_uring_prep_rw(IORING_OP_SHUTDOWN, sqe, fd, NULL, (unsigned)how, 0);
}

/*
 * Sending. flags are MSG_*; res is the number of bytes sent. A stream
 * socket may send less than asked unless MSG_WAITALL is given.
 */
static inline void io_uring_prep_send(struct io_uring_sqe *sqe, int sockfd,
				      const void *buf, size_t len, int flags)
{
	io_uring_prep_rw(IORING_OP_SEND, sqe, sockfd, buf, (__u32)len, 0);
	sqe->msg_flags = (__u32)flags;
}

/* Add a destination to a send or send_zc (6.0), for unconnected sockets. */
static inline void io_uring_prep_send_set_addr(struct io_uring_sqe *sqe,
					       const struct sockaddr *dest_addr,
					       __u16 addr_len)
{
	sqe->addr2 = (__u64)(uintptr_t)dest_addr;
	sqe->addr_len = addr_len;
}

static inline void io_uring_prep_sendto(struct io_uring_sqe *sqe, int sockfd,
					const void *buf, size_t len, int flags,
					const struct sockaddr *addr,
					socklen_t addrlen)
{
	io_uring_prep_send(sqe, sockfd, buf, len, flags);
	io_uring_prep_send_set_addr(sqe, addr, (__u16)addrlen);
}

/*
 * Send from as many buffers of a provided-buffer group as are queued, in
 * one go (IORING_FEAT_RECVSEND_BUNDLE, 6.10). Set the group with
 * io_uring_sqe_set_buf_group() and IOSQE_BUFFER_SELECT; len 0 means "all".
 */
static inline void io_uring_prep_send_bundle(struct io_uring_sqe *sqe,
					     int sockfd, size_t len, int flags)
{
	io_uring_prep_send(sqe, sockfd, NULL, len, flags);
	sqe->ioprio |= IORING_RECVSEND_BUNDLE;
}

/*
 * Zero-copy send (6.0). Two CQEs: the result (with IORING_CQE_F_MORE), then
 * a notification (IORING_CQE_F_NOTIF) once the kernel no longer touches
 * buf; only then may the buffer be reused. zc_flags: IORING_RECVSEND_*,
 * IORING_SEND_ZC_REPORT_USAGE.
 */
static inline void io_uring_prep_send_zc(struct io_uring_sqe *sqe, int sockfd,
					 const void *buf, size_t len, int flags,
					 unsigned zc_flags)
{
	io_uring_prep_rw(IORING_OP_SEND_ZC, sqe, sockfd, buf, (__u32)len, 0);
	sqe->msg_flags = (__u32)flags;
	sqe->ioprio = (__u16)zc_flags;
}

/* The same from registered buffer buf_index (buf lies inside it). */
static inline void io_uring_prep_send_zc_fixed(struct io_uring_sqe *sqe,
					       int sockfd, const void *buf,
					       size_t len, int flags,
					       unsigned zc_flags,
					       unsigned buf_index)
{
	io_uring_prep_send_zc(sqe, sockfd, buf, len, flags, zc_flags);
	sqe->ioprio |= IORING_RECVSEND_FIXED_BUF;
	sqe->buf_index = (__u16)buf_index;
}

/* sendmsg(2): one msghdr, len is always 1. */
static inline void io_uring_prep_sendmsg(struct io_uring_sqe *sqe, int fd,
					 const struct msghdr *msg,
					 unsigned flags)
{
	io_uring_prep_rw(IORING_OP_SENDMSG, sqe, fd, msg, 1, 0);
	sqe->msg_flags = flags;
}

/* Zero-copy sendmsg (6.1): CQEs as for send_zc. */
static inline void io_uring_prep_sendmsg_zc(struct io_uring_sqe *sqe, int fd,
					    const struct msghdr *msg,
					    unsigned flags)
{
	io_uring_prep_sendmsg(sqe, fd, msg, flags);
	sqe->opcode = IORING_OP_SENDMSG_ZC;
}

/* ...with the iovecs pointing into registered buffer buf_index (6.15). */
static inline void io_uring_prep_sendmsg_zc_fixed(struct io_uring_sqe *sqe,
						  int fd,
						  const struct msghdr *msg,
						  unsigned flags,
						  unsigned buf_index)
{
	io_uring_prep_sendmsg_zc(sqe, fd, msg, flags);
	sqe->ioprio |= IORING_RECVSEND_FIXED_BUF;
	sqe->buf_index = (__u16)buf_index;
}

/*
 * Receiving. res is the byte count, 0 at end of stream. With
 * IOSQE_BUFFER_SELECT (buf NULL) the kernel picks a buffer of the group in
 * sqe->buf_group and names it in the CQE: IORING_CQE_F_BUFFER and the id
 * in flags >> IORING_CQE_BUFFER_SHIFT.
 */
static inline void io_uring_prep_recv(struct io_uring_sqe *sqe, int sockfd,
				      void *buf, size_t len, int flags)
{
	io_uring_prep_rw(IORING_OP_RECV, sqe, sockfd, buf, (__u32)len, 0);
	sqe->msg_flags = (__u32)flags;
}

/*
 * Multishot recv (6.0): needs IOSQE_BUFFER_SELECT; one CQE per arrival,
 * IORING_CQE_F_MORE on all but the last. It ends on EOF (res 0), an error,
 * or -ENOBUFS when the group has no buffer left: re-arm after refilling.
 */
static inline void io_uring_prep_recv_multishot(struct io_uring_sqe *sqe,
						int sockfd, void *buf,
						size_t len, int flags)
{
	io_uring_prep_recv(sqe, sockfd, buf, len, flags);
	sqe->ioprio |= IORING_RECV_MULTISHOT;
}

static inline void io_uring_prep_recvmsg(struct io_uring_sqe *sqe, int fd,
					 struct msghdr *msg, unsigned flags)
{
	io_uring_prep_rw(IORING_OP_RECVMSG, sqe, fd, msg, 1, 0);
	sqe->msg_flags = flags;
}

/*
 * Multishot recvmsg (6.0): each selected buffer starts with a struct
 * io_uring_recvmsg_out, then msg_namelen bytes of name, msg_controllen of
 * control data, then the payload. Parse with io_uring_recvmsg_*() below.
 */
static inline void io_uring_prep_recvmsg_multishot(struct io_uring_sqe *sqe,
						   int fd, struct msghdr *msg,
						   unsigned flags)
{
	io_uring_prep_recvmsg(sqe, fd, msg, flags);
	sqe->ioprio |= IORING_RECV_MULTISHOT;
}

/*
 * Reading a multishot recvmsg buffer. msgh is the msghdr the request was
 * prepared with: its msg_namelen and msg_controllen fix the layout (the
 * header, then that many bytes of name, then of control data, then the
 * payload); buf_len is the CQE's res. The buffer was filled by the kernel
 * with what a peer sent, so nothing in it is trusted: every size is
 * checked against the space the layout reserves, in integer arithmetic
 * that cannot wrap, and no helper returns a pointer past that space.
 * io_uring_recvmsg_validate() must succeed before the others are used.
 */

/*
 * Bytes before the payload: header + name + control. SIZE_MAX when that
 * does not fit a size_t (which then fits no buffer).
 */
static inline size_t __io_uring_recvmsg_fixed(const struct msghdr *msgh)
{
	size_t fixed = sizeof(struct io_uring_recvmsg_out);

	if (msgh->msg_namelen > SIZE_MAX - fixed)
		return SIZE_MAX;
	fixed += msgh->msg_namelen;
	if (msgh->msg_controllen > SIZE_MAX - fixed)
		return SIZE_MAX;
	return fixed + msgh->msg_controllen;
}

/*
 * The header, or NULL if buf_len is negative (an error CQE) or cannot hold
 * header, name and control area (as liburing 2.15).
 */
static inline struct io_uring_recvmsg_out *
io_uring_recvmsg_validate(void *buf, int buf_len, struct msghdr *msgh)
{
	if (buf_len < 0 ||
	    (size_t)(unsigned int)buf_len < __io_uring_recvmsg_fixed(msgh))
		return NULL;
	return (struct io_uring_recvmsg_out *)buf;
}

/*
 * The source address. The kernel reports the address's full length in
 * o->namelen; only min(o->namelen, msgh->msg_namelen) bytes are there.
 */
static inline void *io_uring_recvmsg_name(struct io_uring_recvmsg_out *o)
{
	return (void *)(o + 1);
}

/*
 * Bytes of control data actually in the buffer: what the kernel says it
 * wrote, but never more than the area msgh reserved.
 */
static inline size_t
__io_uring_recvmsg_control_bytes(const struct io_uring_recvmsg_out *o,
				 const struct msghdr *msgh)
{
	return o->controllen < msgh->msg_controllen ? o->controllen :
						      msgh->msg_controllen;
}

/*
 * A cmsg's length. The control area starts msg_namelen bytes after the
 * header, so a cmsg need not be aligned: read the field bytewise.
 */
static inline size_t __io_uring_cmsg_len(const struct cmsghdr *cmsg)
{
	__typeof__(((struct cmsghdr *)0)->cmsg_len) len;

	memcpy(&len, (const unsigned char *)cmsg +
		     offsetof(struct cmsghdr, cmsg_len), sizeof(len));
	return (size_t)len;
}

/*
 * The control message at byte off of the control area, or NULL where no
 * whole header fits there or its cmsg_len is below the header size or
 * runs past the control data. A cmsg returned here can be read for
 * cmsg_len bytes (it may be unaligned when msg_namelen is not a multiple
 * of 8; the kernel places it there all the same).
 */
static inline struct cmsghdr *
__io_uring_recvmsg_cmsg_at(struct io_uring_recvmsg_out *o,
			   struct msghdr *msgh, size_t off)
{
	size_t bytes = __io_uring_recvmsg_control_bytes(o, msgh);
	struct cmsghdr *cmsg;

	if (off > bytes || bytes - off < sizeof(struct cmsghdr))
		return NULL;
	cmsg = (struct cmsghdr *)((unsigned char *)io_uring_recvmsg_name(o) +
				  msgh->msg_namelen + off);
	if (__io_uring_cmsg_len(cmsg) < sizeof(struct cmsghdr) ||
	    __io_uring_cmsg_len(cmsg) > bytes - off)
		return NULL;
	return cmsg;
}

static inline struct cmsghdr *
io_uring_recvmsg_cmsg_firsthdr(struct io_uring_recvmsg_out *o,
			       struct msghdr *msgh)
{
	return __io_uring_recvmsg_cmsg_at(o, msgh, 0);
}

/*
 * The control message after cmsg (one this family returned), or NULL at
 * the end of the control data. Each step moves forward by at least one
 * header, so a walk ends after at most controllen / 16 steps.
 */
static inline struct cmsghdr *
io_uring_recvmsg_cmsg_nexthdr(struct io_uring_recvmsg_out *o,
			      struct msghdr *msgh, struct cmsghdr *cmsg)
{
	uintptr_t first = (uintptr_t)io_uring_recvmsg_name(o) +
			  msgh->msg_namelen;
	size_t off = (size_t)((uintptr_t)cmsg - first);
	size_t bytes = __io_uring_recvmsg_control_bytes(o, msgh);
	size_t len;

	/* A cmsg outside the control area (or before it: off wraps). */
	if ((uintptr_t)cmsg < first || off >= bytes ||
	    bytes - off < sizeof(struct cmsghdr))
		return NULL;
	len = __io_uring_cmsg_len(cmsg);
	if (len < sizeof(struct cmsghdr) || len > bytes - off)
		return NULL;
	/* len <= bytes here, so aligning it cannot wrap. */
	return __io_uring_recvmsg_cmsg_at(o, msgh, off + CMSG_ALIGN(len));
}

/* The payload: right after the name and control areas msgh reserved. */
static inline void *io_uring_recvmsg_payload(struct io_uring_recvmsg_out *o,
					     struct msghdr *msgh)
{
	return (unsigned char *)io_uring_recvmsg_name(o) +
	       msgh->msg_namelen + msgh->msg_controllen;
}

/*
 * Payload bytes in this buffer, buf_len being the CQE's res: 0 when
 * buf_len is negative or does not even cover the name and control areas.
 */
static inline unsigned int
io_uring_recvmsg_payload_length(struct io_uring_recvmsg_out *o, int buf_len,
				struct msghdr *msgh)
{
	size_t fixed = __io_uring_recvmsg_fixed(msgh);

	(void)o;
	if (buf_len < 0 || (size_t)(unsigned int)buf_len < fixed)
		return 0;
	return (unsigned int)((size_t)(unsigned int)buf_len - fixed);
}

/*
 * Classic provided buffers (5.7): nr buffers of len bytes each, back to
 * back at addr, ids bid, bid+1, ... in group bgid. Buffer rings
 * (ringzero/buf_ring.h) do the same job without an SQE per refill. A
 * bgid outside 0..65535 makes the SQE complete with -EINVAL (see
 * io_uring_sqe_set_buf_group()).
 */
static inline void io_uring_prep_provide_buffers(struct io_uring_sqe *sqe,
						 void *addr, int len, int nr,
						 int bgid, int bid)
{
	io_uring_prep_rw(IORING_OP_PROVIDE_BUFFERS, sqe, nr, addr,
			 (__u32)len, (__u64)bid);
	io_uring_sqe_set_buf_group(sqe, bgid);
}

/* Take back up to nr unused buffers of group bgid; res is how many. */
static inline void io_uring_prep_remove_buffers(struct io_uring_sqe *sqe,
						int nr, int bgid)
{
	io_uring_prep_rw(IORING_OP_REMOVE_BUFFERS, sqe, nr, NULL, 0, 0);
	io_uring_sqe_set_buf_group(sqe, bgid);
}

/*
 * Messages to another ring (5.18), whose fd (or, with IOSQE_FIXED_FILE, a
 * registered index) is fd. The target sees a CQE with res = len and
 * user_data = data; the sender's CQE says whether it was posted.
 */
static inline void io_uring_prep_msg_ring(struct io_uring_sqe *sqe, int fd,
					  unsigned int len, __u64 data,
					  unsigned int flags)
{
	io_uring_prep_rw(IORING_OP_MSG_RING, sqe, fd, NULL, len, data);
	sqe->msg_ring_flags = flags;
}

/* ...and choose the target CQE's flags too (6.3). */
static inline void io_uring_prep_msg_ring_cqe_flags(struct io_uring_sqe *sqe,
						    int fd, unsigned int len,
						    __u64 data,
						    unsigned int flags,
						    unsigned int cqe_flags)
{
	io_uring_prep_msg_ring(sqe, fd, len, data,
			       flags | IORING_MSG_RING_FLAGS_PASS);
	sqe->file_index = cqe_flags;
}

/*
 * Install our direct descriptor source_fd in the target ring's slot
 * target_fd (6.0), or a free slot with IORING_FILE_INDEX_ALLOC.
 */
static inline void io_uring_prep_msg_ring_fd(struct io_uring_sqe *sqe, int fd,
					     int source_fd, int target_fd,
					     __u64 data, unsigned int flags)
{
	io_uring_prep_rw(IORING_OP_MSG_RING, sqe, fd,
			 (void *)(uintptr_t)IORING_MSG_SEND_FD, 0, data);
	sqe->addr3 = (__u64)source_fd;
	__io_uring_set_target_slot(sqe, (unsigned)target_fd);
	sqe->msg_ring_flags = flags;
}

static inline void io_uring_prep_msg_ring_fd_alloc(struct io_uring_sqe *sqe,
						   int fd, int source_fd,
						   __u64 data,
						   unsigned int flags)
{
	io_uring_prep_msg_ring_fd(sqe, fd, source_fd,
				  (int)IORING_FILE_INDEX_ALLOC, data, flags);
}

/*
 * Turn direct descriptor fd into a normal one (6.8); res is the new fd.
 * flags: IORING_FIXED_FD_NO_CLOEXEC.
 */
static inline void io_uring_prep_fixed_fd_install(struct io_uring_sqe *sqe,
						  int fd, unsigned int flags)
{
	io_uring_prep_rw(IORING_OP_FIXED_FD_INSTALL, sqe, fd, NULL, 0, 0);
	sqe->flags = IOSQE_FIXED_FILE;
	sqe->install_fd_flags = flags;
}

/*
 * waitid(2) (6.7): idtype in len, id in fd, options in file_index; infop
 * (may be NULL) is filled in when the CQE arrives.
 */
static inline void io_uring_prep_waitid(struct io_uring_sqe *sqe,
					idtype_t idtype, id_t id,
					siginfo_t *infop, int options,
					unsigned int flags)
{
	io_uring_prep_rw(IORING_OP_WAITID, sqe, (int)id, NULL,
			 (unsigned)idtype, 0);
	sqe->waitid_flags = flags;
	sqe->file_index = (__u32)options;
	sqe->addr2 = (__u64)(uintptr_t)infop;
}

/*
 * futex2 operations (6.7). futex_flags (FUTEX2_SIZE_U32, FUTEX2_PRIVATE)
 * travel in fd, the value in off and the bitset mask in addr3; flags is
 * for the SQE itself and must be 0 today. Wait completes with 0 when woken,
 * -EAGAIN when *futex != val at arming time; wake's res is how many woke.
 */
static inline void io_uring_prep_futex_wake(struct io_uring_sqe *sqe,
					    const uint32_t *futex, uint64_t val,
					    uint64_t mask, uint32_t futex_flags,
					    unsigned int flags)
{
	io_uring_prep_rw(IORING_OP_FUTEX_WAKE, sqe, (int)futex_flags, futex, 0,
			 val);
	sqe->futex_flags = flags;
	sqe->addr3 = mask;
}

static inline void io_uring_prep_futex_wait(struct io_uring_sqe *sqe,
					    const uint32_t *futex, uint64_t val,
					    uint64_t mask, uint32_t futex_flags,
					    unsigned int flags)
{
	io_uring_prep_rw(IORING_OP_FUTEX_WAIT, sqe, (int)futex_flags, futex, 0,
			 val);
	sqe->futex_flags = flags;
	sqe->addr3 = mask;
}

/* Wait on nr_futex futexes at once; res is the index of the one woken. */
static inline void io_uring_prep_futex_waitv(struct io_uring_sqe *sqe,
					     const struct futex_waitv *futex,
					     uint32_t nr_futex,
					     unsigned int flags)
{
	io_uring_prep_rw(IORING_OP_FUTEX_WAITV, sqe, 0, futex, nr_futex, 0);
	sqe->futex_flags = flags;
}

/* epoll_ctl(2) (5.6): op in len, the target fd in off. */
static inline void io_uring_prep_epoll_ctl(struct io_uring_sqe *sqe, int epfd,
					   int fd, int op,
					   const struct epoll_event *ev)
{
	io_uring_prep_rw(IORING_OP_EPOLL_CTL, sqe, epfd, ev, (__u32)op,
			 (__u32)fd);
}

/* epoll_wait(2) without a timeout (6.15); res is the number of events. */
static inline void io_uring_prep_epoll_wait(struct io_uring_sqe *sqe, int fd,
					    struct epoll_event *events,
					    int maxevents, unsigned flags)
{
	io_uring_prep_rw(IORING_OP_EPOLL_WAIT, sqe, fd, events,
			 (unsigned)maxevents, 0);
	sqe->rw_flags = flags;
}

/* pipe2(2) (6.16): fds[0] and fds[1] are filled in. */
static inline void io_uring_prep_pipe(struct io_uring_sqe *sqe, int *fds,
				      int pipe_flags)
{
	io_uring_prep_rw(IORING_OP_PIPE, sqe, 0, fds, 0, 0);
	sqe->pipe_flags = (__u32)pipe_flags;
}

/*
 * Both ends as direct descriptors: slots file_index and file_index + 1, or
 * two free slots with IORING_FILE_INDEX_ALLOC; fds[] gets the slots.
 */
static inline void io_uring_prep_pipe_direct(struct io_uring_sqe *sqe,
					     int *fds, int pipe_flags,
					     unsigned int file_index)
{
	io_uring_prep_pipe(sqe, fds, pipe_flags);
	__io_uring_set_target_slot(sqe, file_index);
}

/*
 * Passthrough commands (5.19): cmd_op means what the file's driver says it
 * means. The first 16 bytes of command payload sit from sqe->addr3 on
 * (80 with IORING_SETUP_SQE128); fields are filled by the helpers below.
 */
static inline void __io_uring_prep_uring_cmd(struct io_uring_sqe *sqe,
					     int op, __u32 cmd_op, int fd)
{
	sqe->opcode = (__u8)op;
	sqe->fd = fd;
	sqe->cmd_op = cmd_op;
	sqe->__pad1 = 0;
	sqe->addr = 0;
	sqe->len = 0;
}

static inline void io_uring_prep_uring_cmd(struct io_uring_sqe *sqe,
					   int cmd_op, int fd)
{
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD, (__u32)cmd_op, fd);
}

/*
 * The same in a 128-byte SQE of a SQE_MIXED ring (6.19): sqe must come
 * from io_uring_get_sqe128(), and the payload has 80 bytes from addr3 on.
 * Older kernels complete it with -EINVAL.
 */
static inline void io_uring_prep_uring_cmd128(struct io_uring_sqe *sqe,
					      int cmd_op, int fd)
{
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD128, (__u32)cmd_op,
				  fd);
}

/*
 * Socket commands (6.7): cmd_op is a SOCKET_URING_OP_*; res is the value
 * (SIOCINQ, SIOCOUTQ), 0 (SETSOCKOPT) or the option's length (GETSOCKOPT).
 * Files without commands answer -EOPNOTSUPP.
 */
static inline void io_uring_prep_cmd_sock(struct io_uring_sqe *sqe,
					  int cmd_op, int fd, int level,
					  int optname, void *optval,
					  int optlen)
{
	io_uring_prep_uring_cmd(sqe, cmd_op, fd);
	sqe->optval = (__u64)(uintptr_t)optval;
	sqe->optname = (__u32)optname;
	sqe->optlen = (__u32)optlen;
	sqe->level = (__u32)level;
}

/*
 * getsockname(2) (peer 0) or getpeername(2) (peer 1) as a socket command;
 * *sockaddr_len is updated. Kernels without it answer -EINVAL.
 */
static inline void io_uring_prep_cmd_getsockname(struct io_uring_sqe *sqe,
						 int fd,
						 struct sockaddr *sockaddr,
						 socklen_t *sockaddr_len,
						 int peer)
{
	io_uring_prep_uring_cmd(sqe, SOCKET_URING_OP_GETSOCKNAME, fd);
	sqe->addr = (__u64)(uintptr_t)sockaddr;
	sqe->addr3 = (__u64)(uintptr_t)sockaddr_len;
	sqe->optlen = (__u32)peer;
}

/* Discard a byte range of a block device (6.12); both must be aligned. */
static inline void io_uring_prep_cmd_discard(struct io_uring_sqe *sqe,
					     int fd, uint64_t offset,
					     uint64_t nbytes)
{
	io_uring_prep_uring_cmd(sqe, (int)BLOCK_URING_CMD_DISCARD, fd);
	sqe->addr = offset;
	sqe->addr3 = nbytes;
}

#ifdef __cplusplus
}
#endif

#endif /* RINGZERO_PREP_NET_H */
