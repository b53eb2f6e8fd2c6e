// SPDX-License-Identifier: MIT
/*
 * Description: the bytes every io_uring_prep_* helper writes, as the
 * kernel reads them, on little- and big-endian machines alike (make check
 * also builds this for s390x and runs it under qemu-user). A table gives,
 * per helper call, each SQE field the kernel reads for that opcode, by its
 * offset and width in the kernel's SQE (not through our struct), with the
 * value the kernel must find there; every other byte must be zero. The
 * poll mask is checked as the kernel decodes it (swahw32 on big-endian)
 * and byte by byte (POLLIN is 01 00 00 00 on x86-64, 00 01 00 00 on
 * s390x). Needs no kernel.
 */
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/xattr.h>

#include "helpers.h"

/* futex2 (6.7): Debian's 6.1 headers lack it; the kernel ABI's value. */
#ifndef FUTEX2_SIZE_U32
#define FUTEX2_SIZE_U32		0x02
#endif

/*
 * A field of the kernel's struct io_uring_sqe: byte offset, width, and the
 * value the kernel must read there. Offsets are the kernel ABI's, written
 * out here so that a wrong struct in our header cannot hide itself.
 */
struct field {
	unsigned char off, width;
	unsigned long long value;
};

/* Width code: a u32 the kernel swaps half-word-wise on big-endian. */
#define W_POLL32	0xff

#define OPCODE(v)	{ 0, 1, (v) }
#define FLAGS(v)	{ 1, 1, (v) }
#define IOPRIO(v)	{ 2, 2, (v) }
#define FD(v)		{ 4, 4, (unsigned)(v) }
#define OFF(v)		{ 8, 8, (v) }		/* also addr2 */
#define CMD_OP(v)	{ 8, 4, (v) }
#define ADDR(v)		{ 16, 8, (v) }		/* also splice_off_in */
#define LEVEL(v)	{ 16, 4, (v) }
#define OPTNAME(v)	{ 20, 4, (v) }
#define LEN(v)		{ 24, 4, (unsigned)(v) }
#define OPFLAGS(v)	{ 28, 4, (unsigned)(v) }	/* rw_flags, ... */
#define POLL32(v)	{ 28, W_POLL32, (v) }
#define UDATA(v)	{ 32, 8, (v) }
#define BUF(v)		{ 40, 2, (v) }		/* buf_index, buf_group */
#define FILE_INDEX(v)	{ 44, 4, (unsigned)(v) }	/* splice_fd_in, optlen */
#define ADDR_LEN(v)	{ 44, 2, (v) }
#define ADDR3(v)	{ 48, 8, (v) }		/* also optval */

/* Pointers are only stored, never followed. */
#define P1	0x11110000ULL
#define P2	0x22220000ULL
#define P3	0x33330000ULL
#define PTR(p)	((void *)(uintptr_t)(p))
#define CWD	((unsigned)AT_FDCWD)
#define ALLOC	IORING_FILE_INDEX_ALLOC

static unsigned checked, failures;

static int big_endian(void)
{
	const unsigned one = 1;

	return *(const unsigned char *)&one == 0;
}

/* The field at off as the kernel's load of that width sees it. */
static unsigned long long load(const unsigned char *b, unsigned off,
			       unsigned width)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (width) {
	case 1:
		memcpy(&u8, b + off, 1);
		return u8;
	case 2:
		memcpy(&u16, b + off, 2);
		return u16;
	case 4:
		memcpy(&u32, b + off, 4);
		return u32;
	case W_POLL32:
		/* io_poll_parse_events(): swahw32() on big-endian. */
		memcpy(&u32, b + off, 4);
		if (big_endian())
			u32 = (u32 << 16) | (u32 >> 16);
		return u32;
	default:
		memcpy(&u64, b + off, 8);
		return u64;
	}
}

static void check(const char *call, const struct io_uring_sqe *sqe,
		  const struct field *want, size_t n)
{
	const unsigned char *b = (const unsigned char *)sqe;
	unsigned char covered[64] = { 0 };
	size_t i, k;

	checked++;
	for (i = 0; i < n; i++) {
		unsigned width = want[i].width == W_POLL32 ? 4 : want[i].width;
		unsigned long long got = load(b, want[i].off, want[i].width);

		for (k = 0; k < width; k++)
			covered[want[i].off + k] = 1;
		if (got != want[i].value) {
			fprintf(stderr, "%s: FAIL %s: byte %u (%u bytes) "
				"reads %#llx, kernel needs %#llx\n", t_name,
				call, want[i].off, width, got, want[i].value);
			failures++;
		}
	}
	for (k = 0; k < sizeof(*sqe); k++) {
		if (!covered[k] && b[k]) {
			fprintf(stderr, "%s: FAIL %s: byte %zu is %#x, "
				"expected 0\n", t_name, call, k, b[k]);
			failures++;
		}
	}
}

/* One table row: a helper call on a cleared SQE, and what it must write. */
#define EXPECT(call, ...) do {						\
	static const struct field want_[] = { __VA_ARGS__ };		\
	struct io_uring_sqe sqe_, *sqe = &sqe_;				\
									\
	memset(sqe, 0, sizeof(*sqe));					\
	call;								\
	check(#call, sqe, want_, sizeof(want_) / sizeof(want_[0]));	\
} while (0)

static void files_and_rw(void)
{
	EXPECT(io_uring_prep_rw(IORING_OP_READ, sqe, 3, PTR(P1), 100, 7),
	       OPCODE(IORING_OP_READ), FD(3), ADDR(P1), LEN(100), OFF(7));
	EXPECT(io_uring_prep_nop(sqe), OPCODE(IORING_OP_NOP), FD(-1));
	EXPECT(io_uring_prep_nop128(sqe), OPCODE(IORING_OP_NOP128), FD(-1));
	EXPECT(io_uring_prep_nop_res(sqe, -5), OPCODE(IORING_OP_NOP), FD(-1),
	       LEN(-5), OPFLAGS(IORING_NOP_INJECT_RESULT));
	EXPECT(io_uring_prep_read(sqe, 3, PTR(P1), 100, 7),
	       OPCODE(IORING_OP_READ), FD(3), ADDR(P1), LEN(100), OFF(7));
	EXPECT(io_uring_prep_write(sqe, 3, PTR(P1), 100, 1ULL << 40),
	       OPCODE(IORING_OP_WRITE), FD(3), ADDR(P1), LEN(100),
	       OFF(1ULL << 40));
	EXPECT(io_uring_prep_readv(sqe, 3, PTR(P1), 2, 7),
	       OPCODE(IORING_OP_READV), FD(3), ADDR(P1), LEN(2), OFF(7));
	EXPECT(io_uring_prep_writev(sqe, 3, PTR(P1), 2, 7),
	       OPCODE(IORING_OP_WRITEV), FD(3), ADDR(P1), LEN(2), OFF(7));
	EXPECT(io_uring_prep_readv2(sqe, 3, PTR(P1), 2, 7, RWF_NOWAIT),
	       OPCODE(IORING_OP_READV), FD(3), ADDR(P1), LEN(2), OFF(7),
	       OPFLAGS(RWF_NOWAIT));
	EXPECT(io_uring_prep_writev2(sqe, 3, PTR(P1), 2, 7, RWF_DSYNC),
	       OPCODE(IORING_OP_WRITEV), FD(3), ADDR(P1), LEN(2), OFF(7),
	       OPFLAGS(RWF_DSYNC));
	EXPECT(io_uring_prep_read_fixed(sqe, 3, PTR(P1), 100, 7, 5),
	       OPCODE(IORING_OP_READ_FIXED), FD(3), ADDR(P1), LEN(100),
	       OFF(7), BUF(5));
	EXPECT(io_uring_prep_write_fixed(sqe, 3, PTR(P1), 100, 7, 0x1234),
	       OPCODE(IORING_OP_WRITE_FIXED), FD(3), ADDR(P1), LEN(100),
	       OFF(7), BUF(0x1234));
	EXPECT(io_uring_prep_readv_fixed(sqe, 3, PTR(P1), 2, 7, RWF_NOWAIT, 5),
	       OPCODE(IORING_OP_READV_FIXED), FD(3), ADDR(P1), LEN(2),
	       OFF(7), OPFLAGS(RWF_NOWAIT), BUF(5));
	EXPECT(io_uring_prep_writev_fixed(sqe, 3, PTR(P1), 2, 7, 0, 5),
	       OPCODE(IORING_OP_WRITEV_FIXED), FD(3), ADDR(P1), LEN(2),
	       OFF(7), BUF(5));
	EXPECT(io_uring_prep_read_multishot(sqe, 3, 100, 7, 9),
	       OPCODE(IORING_OP_READ_MULTISHOT), FLAGS(IOSQE_BUFFER_SELECT),
	       FD(3), LEN(100), OFF(7), BUF(9));
	EXPECT(io_uring_prep_fsync(sqe, 3, IORING_FSYNC_DATASYNC),
	       OPCODE(IORING_OP_FSYNC), FD(3),
	       OPFLAGS(IORING_FSYNC_DATASYNC));
	EXPECT(io_uring_prep_sync_file_range(sqe, 3, 100, 7, 2),
	       OPCODE(IORING_OP_SYNC_FILE_RANGE), FD(3), LEN(100), OFF(7),
	       OPFLAGS(2));
	/* fallocate: mode in len, length in addr. */
	EXPECT(io_uring_prep_fallocate(sqe, 3, 0x10, 7, 1ULL << 33),
	       OPCODE(IORING_OP_FALLOCATE), FD(3), LEN(0x10), OFF(7),
	       ADDR(1ULL << 33));
	EXPECT(io_uring_prep_ftruncate(sqe, 3, 1LL << 33),
	       OPCODE(IORING_OP_FTRUNCATE), FD(3), OFF(1ULL << 33));
	EXPECT(io_uring_prep_fadvise(sqe, 3, 7, 100, POSIX_FADV_DONTNEED),
	       OPCODE(IORING_OP_FADVISE), FD(3), OFF(7), LEN(100),
	       OPFLAGS(POSIX_FADV_DONTNEED));
	EXPECT(io_uring_prep_fadvise64(sqe, 3, 7, 1LL << 33,
				       POSIX_FADV_DONTNEED),
	       OPCODE(IORING_OP_FADVISE), FD(3), OFF(7), ADDR(1ULL << 33),
	       OPFLAGS(POSIX_FADV_DONTNEED));
	EXPECT(io_uring_prep_madvise(sqe, PTR(P1), 100, MADV_DONTNEED),
	       OPCODE(IORING_OP_MADVISE), FD(-1), ADDR(P1), LEN(100),
	       OPFLAGS(MADV_DONTNEED));
	EXPECT(io_uring_prep_madvise64(sqe, PTR(P1), 1LL << 33, MADV_DONTNEED),
	       OPCODE(IORING_OP_MADVISE), FD(-1), ADDR(P1), OFF(1ULL << 33),
	       OPFLAGS(MADV_DONTNEED));
	EXPECT(io_uring_prep_files_update(sqe, PTR(P1), 4, 2),
	       OPCODE(IORING_OP_FILES_UPDATE), FD(-1), ADDR(P1), LEN(4),
	       OFF(2));
}

static void paths(void)
{
	EXPECT(io_uring_prep_openat(sqe, 5, PTR(P1), O_RDONLY | O_CLOEXEC,
				    0644),
	       OPCODE(IORING_OP_OPENAT), FD(5), ADDR(P1), LEN(0644),
	       OPFLAGS(O_RDONLY | O_CLOEXEC));
	/* Direct descriptors: slot + 1; ALLOC stays ALLOC. */
	EXPECT(io_uring_prep_openat_direct(sqe, 5, PTR(P1), O_RDONLY, 0, 3),
	       OPCODE(IORING_OP_OPENAT), FD(5), ADDR(P1), FILE_INDEX(4));
	EXPECT(io_uring_prep_openat_direct(sqe, 5, PTR(P1), O_RDONLY, 0,
					   ALLOC),
	       OPCODE(IORING_OP_OPENAT), FD(5), ADDR(P1), FILE_INDEX(ALLOC));
	EXPECT(io_uring_prep_open(sqe, PTR(P1), O_WRONLY, 0600),
	       OPCODE(IORING_OP_OPENAT), FD(CWD), ADDR(P1), LEN(0600),
	       OPFLAGS(O_WRONLY));
	EXPECT(io_uring_prep_open_direct(sqe, PTR(P1), O_WRONLY, 0600, 0),
	       OPCODE(IORING_OP_OPENAT), FD(CWD), ADDR(P1), LEN(0600),
	       OPFLAGS(O_WRONLY), FILE_INDEX(1));
	EXPECT(io_uring_prep_openat2(sqe, 5, PTR(P1), PTR(P2)),
	       OPCODE(IORING_OP_OPENAT2), FD(5), ADDR(P1),
	       LEN(sizeof(struct open_how)), OFF(P2));
	EXPECT(io_uring_prep_openat2_direct(sqe, 5, PTR(P1), PTR(P2), 3),
	       OPCODE(IORING_OP_OPENAT2), FD(5), ADDR(P1),
	       LEN(sizeof(struct open_how)), OFF(P2), FILE_INDEX(4));
	EXPECT(io_uring_prep_close(sqe, 3), OPCODE(IORING_OP_CLOSE), FD(3));
	EXPECT(io_uring_prep_close_direct(sqe, 3), OPCODE(IORING_OP_CLOSE),
	       FD(0), FILE_INDEX(4));
	EXPECT(io_uring_prep_statx(sqe, 5, PTR(P1), AT_EMPTY_PATH, STATX_SIZE,
				   PTR(P2)),
	       OPCODE(IORING_OP_STATX), FD(5), ADDR(P1), LEN(STATX_SIZE),
	       OFF(P2), OPFLAGS(AT_EMPTY_PATH));
	EXPECT(io_uring_prep_unlinkat(sqe, 5, PTR(P1), AT_REMOVEDIR),
	       OPCODE(IORING_OP_UNLINKAT), FD(5), ADDR(P1),
	       OPFLAGS(AT_REMOVEDIR));
	EXPECT(io_uring_prep_unlink(sqe, PTR(P1), 0),
	       OPCODE(IORING_OP_UNLINKAT), FD(CWD), ADDR(P1));
	/* renameat/linkat: new dirfd in len, new path in addr2. */
	EXPECT(io_uring_prep_renameat(sqe, 5, PTR(P1), 6, PTR(P2),
				      RENAME_NOREPLACE),
	       OPCODE(IORING_OP_RENAMEAT), FD(5), ADDR(P1), LEN(6), OFF(P2),
	       OPFLAGS(RENAME_NOREPLACE));
	EXPECT(io_uring_prep_rename(sqe, PTR(P1), PTR(P2)),
	       OPCODE(IORING_OP_RENAMEAT), FD(CWD), ADDR(P1), LEN(CWD),
	       OFF(P2));
	EXPECT(io_uring_prep_mkdirat(sqe, 5, PTR(P1), 0755),
	       OPCODE(IORING_OP_MKDIRAT), FD(5), ADDR(P1), LEN(0755));
	EXPECT(io_uring_prep_mkdir(sqe, PTR(P1), 0700),
	       OPCODE(IORING_OP_MKDIRAT), FD(CWD), ADDR(P1), LEN(0700));
	EXPECT(io_uring_prep_symlinkat(sqe, PTR(P1), 5, PTR(P2)),
	       OPCODE(IORING_OP_SYMLINKAT), FD(5), ADDR(P1), OFF(P2));
	EXPECT(io_uring_prep_symlink(sqe, PTR(P1), PTR(P2)),
	       OPCODE(IORING_OP_SYMLINKAT), FD(CWD), ADDR(P1), OFF(P2));
	EXPECT(io_uring_prep_linkat(sqe, 5, PTR(P1), 6, PTR(P2),
				    AT_SYMLINK_FOLLOW),
	       OPCODE(IORING_OP_LINKAT), FD(5), ADDR(P1), LEN(6), OFF(P2),
	       OPFLAGS(AT_SYMLINK_FOLLOW));
	EXPECT(io_uring_prep_link(sqe, PTR(P1), PTR(P2), 0),
	       OPCODE(IORING_OP_LINKAT), FD(CWD), ADDR(P1), LEN(CWD),
	       OFF(P2));
	/* xattr: name in addr, value in addr2, path in addr3. */
	EXPECT(io_uring_prep_getxattr(sqe, PTR(P1), PTR(P2), PTR(P3), 100),
	       OPCODE(IORING_OP_GETXATTR), FD(0), ADDR(P1), OFF(P2),
	       ADDR3(P3), LEN(100));
	EXPECT(io_uring_prep_setxattr(sqe, PTR(P1), PTR(P2), PTR(P3),
				      XATTR_CREATE, 100),
	       OPCODE(IORING_OP_SETXATTR), FD(0), ADDR(P1), OFF(P2),
	       ADDR3(P3), LEN(100), OPFLAGS(XATTR_CREATE));
	EXPECT(io_uring_prep_fgetxattr(sqe, 3, PTR(P1), PTR(P2), 100),
	       OPCODE(IORING_OP_FGETXATTR), FD(3), ADDR(P1), OFF(P2),
	       LEN(100));
	EXPECT(io_uring_prep_fsetxattr(sqe, 3, PTR(P1), PTR(P2), XATTR_REPLACE,
				       100),
	       OPCODE(IORING_OP_FSETXATTR), FD(3), ADDR(P1), OFF(P2),
	       LEN(100), OPFLAGS(XATTR_REPLACE));
}

static void control(void)
{
	/* splice: fd_in in splice_fd_in, off_in in splice_off_in (addr). */
	EXPECT(io_uring_prep_splice(sqe, 3, 11, 4, 22, 100, SPLICE_F_MOVE),
	       OPCODE(IORING_OP_SPLICE), FD(4), OFF(22), ADDR(11), LEN(100),
	       FILE_INDEX(3), OPFLAGS(SPLICE_F_MOVE));
	EXPECT(io_uring_prep_splice(sqe, 3, -1, 4, -1, 100, 0),
	       OPCODE(IORING_OP_SPLICE), FD(4), OFF(~0ULL), ADDR(~0ULL),
	       LEN(100), FILE_INDEX(3));
	EXPECT(io_uring_prep_tee(sqe, 3, 4, 100, SPLICE_F_NONBLOCK),
	       OPCODE(IORING_OP_TEE), FD(4), LEN(100), FILE_INDEX(3),
	       OPFLAGS(SPLICE_F_NONBLOCK));
	EXPECT(io_uring_prep_timeout(sqe, PTR(P1), 2, IORING_TIMEOUT_ABS),
	       OPCODE(IORING_OP_TIMEOUT), FD(-1), ADDR(P1), LEN(1), OFF(2),
	       OPFLAGS(IORING_TIMEOUT_ABS));
	EXPECT(io_uring_prep_timeout_remove(sqe, 0x1234, 0),
	       OPCODE(IORING_OP_TIMEOUT_REMOVE), FD(-1), ADDR(0x1234));
	EXPECT(io_uring_prep_timeout_update(sqe, PTR(P1), 0x1234,
					    IORING_TIMEOUT_ABS),
	       OPCODE(IORING_OP_TIMEOUT_REMOVE), FD(-1), ADDR(0x1234),
	       OFF(P1), OPFLAGS(IORING_TIMEOUT_UPDATE | IORING_TIMEOUT_ABS));
	EXPECT(io_uring_prep_link_timeout(sqe, PTR(P1), 0),
	       OPCODE(IORING_OP_LINK_TIMEOUT), FD(-1), ADDR(P1), LEN(1));
	EXPECT(io_uring_prep_cancel64(sqe, 0x123456789ULL,
				      IORING_ASYNC_CANCEL_ALL),
	       OPCODE(IORING_OP_ASYNC_CANCEL), FD(-1), ADDR(0x123456789ULL),
	       OPFLAGS(IORING_ASYNC_CANCEL_ALL));
	EXPECT(io_uring_prep_cancel(sqe, PTR(P1), 0),
	       OPCODE(IORING_OP_ASYNC_CANCEL), FD(-1), ADDR(P1));
	EXPECT(io_uring_prep_cancel_fd(sqe, 3, 0),
	       OPCODE(IORING_OP_ASYNC_CANCEL), FD(3),
	       OPFLAGS(IORING_ASYNC_CANCEL_FD));
	EXPECT(io_uring_prep_msg_ring(sqe, 5, 100, 0x1234, 0),
	       OPCODE(IORING_OP_MSG_RING), FD(5), LEN(100), OFF(0x1234));
	EXPECT(io_uring_prep_msg_ring_cqe_flags(sqe, 5, 100, 0x1234, 0, 7),
	       OPCODE(IORING_OP_MSG_RING), FD(5), LEN(100), OFF(0x1234),
	       OPFLAGS(IORING_MSG_RING_FLAGS_PASS), FILE_INDEX(7));
	EXPECT(io_uring_prep_msg_ring_fd(sqe, 5, 3, 2, 0x1234, 0),
	       OPCODE(IORING_OP_MSG_RING), FD(5), ADDR(IORING_MSG_SEND_FD),
	       OFF(0x1234), ADDR3(3), FILE_INDEX(3));
	EXPECT(io_uring_prep_msg_ring_fd_alloc(sqe, 5, 3, 0x1234, 0),
	       OPCODE(IORING_OP_MSG_RING), FD(5), ADDR(IORING_MSG_SEND_FD),
	       OFF(0x1234), ADDR3(3), FILE_INDEX(ALLOC));
	EXPECT(io_uring_prep_fixed_fd_install(sqe, 3,
					      IORING_FIXED_FD_NO_CLOEXEC),
	       OPCODE(IORING_OP_FIXED_FD_INSTALL), FLAGS(IOSQE_FIXED_FILE),
	       FD(3), OPFLAGS(IORING_FIXED_FD_NO_CLOEXEC));
	/* waitid: id in fd, idtype in len, options in file_index. */
	EXPECT(io_uring_prep_waitid(sqe, P_PID, 1234, PTR(P1), WEXITED, 0),
	       OPCODE(IORING_OP_WAITID), FD(1234), LEN(P_PID),
	       FILE_INDEX(WEXITED), OFF(P1));
	/* futex: futex2 flags in fd, value in addr2, mask in addr3. */
	EXPECT(io_uring_prep_futex_wake(sqe, PTR(P1), 1, 0xffffffffULL,
					FUTEX2_SIZE_U32, 0),
	       OPCODE(IORING_OP_FUTEX_WAKE), FD(FUTEX2_SIZE_U32), ADDR(P1),
	       OFF(1), ADDR3(0xffffffffULL));
	EXPECT(io_uring_prep_futex_wait(sqe, PTR(P1), 7, 0x0f0f0f0f0f0fULL,
					FUTEX2_SIZE_U32, 0),
	       OPCODE(IORING_OP_FUTEX_WAIT), FD(FUTEX2_SIZE_U32), ADDR(P1),
	       OFF(7), ADDR3(0x0f0f0f0f0f0fULL));
	EXPECT(io_uring_prep_futex_waitv(sqe, PTR(P1), 3, 0),
	       OPCODE(IORING_OP_FUTEX_WAITV), FD(0), ADDR(P1), LEN(3));
	EXPECT(io_uring_prep_epoll_ctl(sqe, 5, 3, EPOLL_CTL_MOD, PTR(P1)),
	       OPCODE(IORING_OP_EPOLL_CTL), FD(5), ADDR(P1),
	       LEN(EPOLL_CTL_MOD), OFF(3));
	EXPECT(io_uring_prep_epoll_wait(sqe, 5, PTR(P1), 16, 0),
	       OPCODE(IORING_OP_EPOLL_WAIT), FD(5), ADDR(P1), LEN(16));
	EXPECT(io_uring_prep_pipe(sqe, PTR(P1), O_CLOEXEC),
	       OPCODE(IORING_OP_PIPE), FD(0), ADDR(P1), OPFLAGS(O_CLOEXEC));
	EXPECT(io_uring_prep_pipe_direct(sqe, PTR(P1), 0, 3),
	       OPCODE(IORING_OP_PIPE), FD(0), ADDR(P1), FILE_INDEX(4));
	EXPECT(io_uring_prep_provide_buffers(sqe, PTR(P1), 64, 4, 9, 2),
	       OPCODE(IORING_OP_PROVIDE_BUFFERS), FD(4), ADDR(P1), LEN(64),
	       OFF(2), BUF(9));
	EXPECT(io_uring_prep_remove_buffers(sqe, 4, 0xffff),
	       OPCODE(IORING_OP_REMOVE_BUFFERS), FD(4), BUF(0xffff));
	/* A group id that does not fit 16 bits: an opcode no kernel has. */
	EXPECT(io_uring_prep_provide_buffers(sqe, PTR(P1), 64, 4, 0x10009, 2),
	       OPCODE(RINGZERO_OP_REFUSED), FD(4), ADDR(P1), LEN(64), OFF(2),
	       BUF(9));
}

static void polling(void)
{
	/* The kernel must decode exactly the mask given, high bits too. */
	EXPECT(io_uring_prep_poll_add(sqe, 3, POLLIN),
	       OPCODE(IORING_OP_POLL_ADD), FD(3), POLL32(POLLIN));
	EXPECT(io_uring_prep_poll_add(sqe, 3, POLLOUT | EPOLLET),
	       OPCODE(IORING_OP_POLL_ADD), FD(3),
	       POLL32(POLLOUT | (unsigned)EPOLLET));
	EXPECT(io_uring_prep_poll_multishot(sqe, 3, POLLIN | POLLRDHUP),
	       OPCODE(IORING_OP_POLL_ADD), FD(3), LEN(IORING_POLL_ADD_MULTI),
	       POLL32(POLLIN | POLLRDHUP));
	EXPECT(io_uring_prep_poll_remove(sqe, 0x1234),
	       OPCODE(IORING_OP_POLL_REMOVE), FD(-1), ADDR(0x1234));
	EXPECT(io_uring_prep_poll_update(sqe, 0x1234, 0x5678,
					 POLLIN | EPOLLONESHOT,
					 IORING_POLL_UPDATE_EVENTS),
	       OPCODE(IORING_OP_POLL_REMOVE), FD(-1), ADDR(0x1234),
	       OFF(0x5678), LEN(IORING_POLL_UPDATE_EVENTS),
	       POLL32(POLLIN | (unsigned)EPOLLONESHOT));

	/* Byte by byte, as the issue states it for s390x. */
	{
		static const unsigned char le[4] = { 0x01, 0, 0, 0 };
		static const unsigned char be[4] = { 0, 0x01, 0, 0 };
		struct io_uring_sqe sqe;

		memset(&sqe, 0, sizeof(sqe));
		io_uring_prep_poll_add(&sqe, 3, POLLIN);
		checked++;
		if (memcmp((unsigned char *)&sqe + 28,
			   big_endian() ? be : le, 4)) {
			const unsigned char *b = (unsigned char *)&sqe + 28;

			fprintf(stderr, "%s: FAIL poll_add(POLLIN) stores "
				"%02x %02x %02x %02x\n", t_name, b[0], b[1],
				b[2], b[3]);
			failures++;
		}
	}
}

static void sockets(void)
{
	EXPECT(io_uring_prep_socket(sqe, AF_INET, SOCK_STREAM, IPPROTO_TCP, 0),
	       OPCODE(IORING_OP_SOCKET), FD(AF_INET), OFF(SOCK_STREAM),
	       LEN(IPPROTO_TCP));
	EXPECT(io_uring_prep_socket_direct(sqe, AF_INET6, SOCK_DGRAM, 0, 3, 0),
	       OPCODE(IORING_OP_SOCKET), FD(AF_INET6), OFF(SOCK_DGRAM),
	       FILE_INDEX(4));
	EXPECT(io_uring_prep_socket_direct_alloc(sqe, AF_UNIX, SOCK_STREAM, 0,
						 0),
	       OPCODE(IORING_OP_SOCKET), FD(AF_UNIX), OFF(SOCK_STREAM),
	       FILE_INDEX(ALLOC));
	EXPECT(io_uring_prep_bind(sqe, 3, PTR(P1), 16),
	       OPCODE(IORING_OP_BIND), FD(3), ADDR(P1), OFF(16));
	EXPECT(io_uring_prep_listen(sqe, 3, 128),
	       OPCODE(IORING_OP_LISTEN), FD(3), LEN(128));
	EXPECT(io_uring_prep_connect(sqe, 3, PTR(P1), 16),
	       OPCODE(IORING_OP_CONNECT), FD(3), ADDR(P1), OFF(16));
	EXPECT(io_uring_prep_accept(sqe, 3, PTR(P1), PTR(P2), SOCK_CLOEXEC),
	       OPCODE(IORING_OP_ACCEPT), FD(3), ADDR(P1), OFF(P2),
	       OPFLAGS(SOCK_CLOEXEC));
	EXPECT(io_uring_prep_accept_direct(sqe, 3, PTR(P1), PTR(P2), 0, 3),
	       OPCODE(IORING_OP_ACCEPT), FD(3), ADDR(P1), OFF(P2),
	       FILE_INDEX(4));
	EXPECT(io_uring_prep_multishot_accept(sqe, 3, NULL, NULL, 0),
	       OPCODE(IORING_OP_ACCEPT), FD(3),
	       IOPRIO(IORING_ACCEPT_MULTISHOT));
	EXPECT(io_uring_prep_multishot_accept_direct(sqe, 3, NULL, NULL, 0),
	       OPCODE(IORING_OP_ACCEPT), FD(3),
	       IOPRIO(IORING_ACCEPT_MULTISHOT), FILE_INDEX(ALLOC));
	EXPECT(io_uring_prep_shutdown(sqe, 3, SHUT_WR),
	       OPCODE(IORING_OP_SHUTDOWN), FD(3), LEN(SHUT_WR));
	EXPECT(io_uring_prep_send(sqe, 3, PTR(P1), 100, MSG_DONTWAIT),
	       OPCODE(IORING_OP_SEND), FD(3), ADDR(P1), LEN(100),
	       OPFLAGS(MSG_DONTWAIT));
	/* A destination: addr2 and the 16-bit addr_len. */
	EXPECT((io_uring_prep_send(sqe, 3, PTR(P1), 100, 0),
		io_uring_prep_send_set_addr(sqe, PTR(P2), 28)),
	       OPCODE(IORING_OP_SEND), FD(3), ADDR(P1), LEN(100), OFF(P2),
	       ADDR_LEN(28));
	EXPECT(io_uring_prep_sendto(sqe, 3, PTR(P1), 100, 0, PTR(P2), 16),
	       OPCODE(IORING_OP_SEND), FD(3), ADDR(P1), LEN(100), OFF(P2),
	       ADDR_LEN(16));
	EXPECT(io_uring_prep_send_bundle(sqe, 3, 100, 0),
	       OPCODE(IORING_OP_SEND), FD(3), LEN(100),
	       IOPRIO(IORING_RECVSEND_BUNDLE));
	EXPECT(io_uring_prep_send_zc(sqe, 3, PTR(P1), 100, 0,
				     IORING_RECVSEND_POLL_FIRST),
	       OPCODE(IORING_OP_SEND_ZC), FD(3), ADDR(P1), LEN(100),
	       IOPRIO(IORING_RECVSEND_POLL_FIRST));
	EXPECT(io_uring_prep_send_zc_fixed(sqe, 3, PTR(P1), 100, 0, 0, 5),
	       OPCODE(IORING_OP_SEND_ZC), FD(3), ADDR(P1), LEN(100),
	       IOPRIO(IORING_RECVSEND_FIXED_BUF), BUF(5));
	EXPECT(io_uring_prep_sendmsg(sqe, 3, PTR(P1), MSG_DONTWAIT),
	       OPCODE(IORING_OP_SENDMSG), FD(3), ADDR(P1), LEN(1),
	       OPFLAGS(MSG_DONTWAIT));
	EXPECT(io_uring_prep_sendmsg_zc(sqe, 3, PTR(P1), 0),
	       OPCODE(IORING_OP_SENDMSG_ZC), FD(3), ADDR(P1), LEN(1));
	EXPECT(io_uring_prep_sendmsg_zc_fixed(sqe, 3, PTR(P1), 0, 5),
	       OPCODE(IORING_OP_SENDMSG_ZC), FD(3), ADDR(P1), LEN(1),
	       IOPRIO(IORING_RECVSEND_FIXED_BUF), BUF(5));
	EXPECT(io_uring_prep_recv(sqe, 3, PTR(P1), 100, MSG_WAITALL),
	       OPCODE(IORING_OP_RECV), FD(3), ADDR(P1), LEN(100),
	       OPFLAGS(MSG_WAITALL));
	EXPECT(io_uring_prep_recv_multishot(sqe, 3, NULL, 0, 0),
	       OPCODE(IORING_OP_RECV), FD(3), IOPRIO(IORING_RECV_MULTISHOT));
	EXPECT(io_uring_prep_recvmsg(sqe, 3, PTR(P1), MSG_PEEK),
	       OPCODE(IORING_OP_RECVMSG), FD(3), ADDR(P1), LEN(1),
	       OPFLAGS(MSG_PEEK));
	EXPECT(io_uring_prep_recvmsg_multishot(sqe, 3, PTR(P1), 0),
	       OPCODE(IORING_OP_RECVMSG), FD(3), ADDR(P1), LEN(1),
	       IOPRIO(IORING_RECV_MULTISHOT));
	/* uring_cmd: cmd_op is the u32 at 8, level/optname u32s at 16/20. */
	EXPECT(io_uring_prep_uring_cmd128(sqe, 0x55, 3),
	       OPCODE(IORING_OP_URING_CMD128), FD(3), CMD_OP(0x55));
	EXPECT(io_uring_prep_uring_cmd(sqe, 0x55, 3),
	       OPCODE(IORING_OP_URING_CMD), FD(3), CMD_OP(0x55));
	EXPECT(io_uring_prep_cmd_sock(sqe, SOCKET_URING_OP_SETSOCKOPT, 3,
				      SOL_SOCKET, SO_REUSEADDR, PTR(P1), 4),
	       OPCODE(IORING_OP_URING_CMD), FD(3),
	       CMD_OP(SOCKET_URING_OP_SETSOCKOPT), LEVEL(SOL_SOCKET),
	       OPTNAME(SO_REUSEADDR), ADDR3(P1), FILE_INDEX(4));
	EXPECT(io_uring_prep_cmd_getsockname(sqe, 3, PTR(P1), PTR(P2), 1),
	       OPCODE(IORING_OP_URING_CMD), FD(3),
	       CMD_OP(SOCKET_URING_OP_GETSOCKNAME), ADDR(P1), ADDR3(P2),
	       FILE_INDEX(1));
	EXPECT(io_uring_prep_cmd_discard(sqe, 3, 4096, 1ULL << 33),
	       OPCODE(IORING_OP_URING_CMD), FD(3),
	       CMD_OP(BLOCK_URING_CMD_DISCARD), ADDR(4096),
	       ADDR3(1ULL << 33));
}

/* The SQE setters a program applies after a prep helper. */
static void setters(void)
{
	EXPECT(io_uring_sqe_set_data64(sqe, 0x0123456789abcdefULL),
	       UDATA(0x0123456789abcdefULL));
	EXPECT(io_uring_sqe_set_data(sqe, PTR(P3)), UDATA(P3));
	EXPECT(io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK | IOSQE_ASYNC),
	       FLAGS(IOSQE_IO_LINK | IOSQE_ASYNC));
	EXPECT(io_uring_sqe_set_buf_group(sqe, 0xabcd), BUF(0xabcd));
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	files_and_rw();
	paths();
	control();
	polling();
	sockets();
	setters();
	printf("%u helper calls checked on a %s-endian machine\n", checked,
	       big_endian() ? "big" : "little");
	if (failures) {
		fprintf(stderr, "%s: %u mismatches\n", t_name, failures);
		return T_EXIT_FAIL;
	}
	return T_EXIT_PASS;
}
