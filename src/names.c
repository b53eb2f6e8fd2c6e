// SPDX-License-Identifier: MIT
/*
 * names.c - the name and first mainline kernel of every io_uring opcode,
 * register opcode, feature, setup flag, enter flag and SQE flag, as tables.
 *
 * Numbered tables are indexed by the number itself (designated
 * initialisers), so row i is value i and a gap is a compile-time hole the
 * static asserts catch. Names are the ABI's enum names without their
 * prefix (IORING_OP_READ is "READ"). For opcodes they are also what the
 * kernel itself prints in /proc/<pid>/fdinfo and its tracepoints, with one
 * exception: the kernel calls IORING_OP_EPOLL_CTL "EPOLL".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "internal.h"

#define KV(major, minor)	RINGZERO_KVER(major, minor)

#define OP(name, major, minor) \
	[IORING_OP_##name] = { IORING_OP_##name, #name, KV(major, minor), 0, 0 }

static const struct ringzero_name op_names[] = {
	OP(NOP, 5, 1),
	OP(READV, 5, 1),
	OP(WRITEV, 5, 1),
	OP(FSYNC, 5, 1),
	OP(READ_FIXED, 5, 1),
	OP(WRITE_FIXED, 5, 1),
	OP(POLL_ADD, 5, 1),
	OP(POLL_REMOVE, 5, 1),
	OP(SYNC_FILE_RANGE, 5, 2),
	OP(SENDMSG, 5, 3),
	OP(RECVMSG, 5, 3),
	OP(TIMEOUT, 5, 4),
	OP(TIMEOUT_REMOVE, 5, 5),
	OP(ACCEPT, 5, 5),
	OP(ASYNC_CANCEL, 5, 5),
	OP(LINK_TIMEOUT, 5, 5),
	OP(CONNECT, 5, 5),
	OP(FALLOCATE, 5, 6),
	OP(OPENAT, 5, 6),
	OP(CLOSE, 5, 6),
	OP(FILES_UPDATE, 5, 6),
	OP(STATX, 5, 6),
	OP(READ, 5, 6),
	OP(WRITE, 5, 6),
	OP(FADVISE, 5, 6),
	OP(MADVISE, 5, 6),
	OP(SEND, 5, 6),
	OP(RECV, 5, 6),
	OP(OPENAT2, 5, 6),
	OP(EPOLL_CTL, 5, 6),
	OP(SPLICE, 5, 7),
	OP(PROVIDE_BUFFERS, 5, 7),
	OP(REMOVE_BUFFERS, 5, 7),
	OP(TEE, 5, 8),
	OP(SHUTDOWN, 5, 11),
	OP(RENAMEAT, 5, 11),
	OP(UNLINKAT, 5, 11),
	OP(MKDIRAT, 5, 15),
	OP(SYMLINKAT, 5, 15),
	OP(LINKAT, 5, 15),
	OP(MSG_RING, 5, 18),
	OP(FSETXATTR, 5, 19),
	OP(SETXATTR, 5, 19),
	OP(FGETXATTR, 5, 19),
	OP(GETXATTR, 5, 19),
	OP(SOCKET, 5, 19),
	OP(URING_CMD, 5, 19),
	OP(SEND_ZC, 6, 0),
	OP(SENDMSG_ZC, 6, 1),
	OP(READ_MULTISHOT, 6, 7),
	OP(WAITID, 6, 7),
	OP(FUTEX_WAIT, 6, 7),
	OP(FUTEX_WAKE, 6, 7),
	OP(FUTEX_WAITV, 6, 7),
	OP(FIXED_FD_INSTALL, 6, 8),
	OP(FTRUNCATE, 6, 9),
	OP(BIND, 6, 11),
	OP(LISTEN, 6, 11),
	OP(RECV_ZC, 6, 15),
	OP(EPOLL_WAIT, 6, 15),
	OP(READV_FIXED, 6, 15),
	OP(WRITEV_FIXED, 6, 15),
	OP(PIPE, 6, 16),
	OP(NOP128, 6, 19),
	OP(URING_CMD128, 6, 19),
};
_Static_assert(sizeof(op_names) / sizeof(op_names[0]) == IORING_OP_LAST,
	       "one name per opcode");

/* Register opcode names keep the UN of UNREGISTER: "UNREGISTER_FILES". */
#define REG(name, major, minor) \
	[IORING_##name] = { IORING_##name, #name, KV(major, minor), 0, 0 }

static const struct ringzero_name register_names[] = {
	REG(REGISTER_BUFFERS, 5, 1),
	REG(UNREGISTER_BUFFERS, 5, 1),
	REG(REGISTER_FILES, 5, 1),
	REG(UNREGISTER_FILES, 5, 1),
	REG(REGISTER_EVENTFD, 5, 2),
	REG(UNREGISTER_EVENTFD, 5, 2),
	REG(REGISTER_FILES_UPDATE, 5, 5),
	REG(REGISTER_EVENTFD_ASYNC, 5, 6),
	REG(REGISTER_PROBE, 5, 6),
	REG(REGISTER_PERSONALITY, 5, 6),
	REG(UNREGISTER_PERSONALITY, 5, 6),
	REG(REGISTER_RESTRICTIONS, 5, 10),
	REG(REGISTER_ENABLE_RINGS, 5, 10),
	REG(REGISTER_FILES2, 5, 13),
	REG(REGISTER_FILES_UPDATE2, 5, 13),
	REG(REGISTER_BUFFERS2, 5, 13),
	REG(REGISTER_BUFFERS_UPDATE, 5, 13),
	REG(REGISTER_IOWQ_AFF, 5, 14),
	REG(UNREGISTER_IOWQ_AFF, 5, 14),
	REG(REGISTER_IOWQ_MAX_WORKERS, 5, 15),
	REG(REGISTER_RING_FDS, 5, 18),
	REG(UNREGISTER_RING_FDS, 5, 18),
	REG(REGISTER_PBUF_RING, 5, 19),
	REG(UNREGISTER_PBUF_RING, 5, 19),
	REG(REGISTER_SYNC_CANCEL, 6, 0),
	REG(REGISTER_FILE_ALLOC_RANGE, 6, 0),
	REG(REGISTER_PBUF_STATUS, 6, 8),
	REG(REGISTER_NAPI, 6, 9),
	REG(UNREGISTER_NAPI, 6, 9),
	REG(REGISTER_CLOCK, 6, 12),
	REG(REGISTER_CLONE_BUFFERS, 6, 12),
	REG(REGISTER_SEND_MSG_RING, 6, 13),
	REG(REGISTER_ZCRX_IFQ, 6, 15),
	REG(REGISTER_RESIZE_RINGS, 6, 13),
	REG(REGISTER_MEM_REGION, 6, 13),
	REG(REGISTER_QUERY, 6, 18),
	REG(REGISTER_ZCRX_CTRL, 6, 19),
	REG(REGISTER_BPF_FILTER, 7, 0),
};
_Static_assert(sizeof(register_names) / sizeof(register_names[0]) ==
	       IORING_REGISTER_LAST, "one name per register opcode");

#define FEAT(name, major, minor) \
	{ IORING_FEAT_##name, #name, KV(major, minor), 0, 0 }

static const struct ringzero_name feature_names[] = {
	FEAT(SINGLE_MMAP, 5, 4),
	FEAT(NODROP, 5, 5),
	FEAT(SUBMIT_STABLE, 5, 5),
	FEAT(RW_CUR_POS, 5, 6),
	FEAT(CUR_PERSONALITY, 5, 6),
	FEAT(FAST_POLL, 5, 7),
	FEAT(POLL_32BITS, 5, 9),
	FEAT(SQPOLL_NONFIXED, 5, 11),
	FEAT(EXT_ARG, 5, 11),
	FEAT(NATIVE_WORKERS, 5, 12),
	FEAT(RSRC_TAGS, 5, 13),
	FEAT(CQE_SKIP, 5, 17),
	FEAT(LINKED_FILE, 5, 17),
	FEAT(REG_REG_RING, 6, 3),
	FEAT(RECVSEND_BUNDLE, 6, 10),
	FEAT(MIN_TIMEOUT, 6, 12),
	FEAT(RW_ATTR, 6, 14),
	FEAT(NO_IOWAIT, 6, 15),
};

/*
 * Setup flags, with what io_uring_create() demands around them: the
 * companions one of which must come along, and the flags that exclude it
 * (SQPOLL's thread runs task work itself, so the task-work modes make no
 * sense with it; a ring has either all-32-byte or mixed CQEs).
 */
#define SETUP(name, major, minor, needs, conflicts) \
	{ IORING_SETUP_##name, #name, KV(major, minor), needs, conflicts }
#define SQPOLL_EXCLUDES	(IORING_SETUP_COOP_TASKRUN | \
			 IORING_SETUP_TASKRUN_FLAG | \
			 IORING_SETUP_DEFER_TASKRUN)

static const struct ringzero_name setup_names[] = {
	SETUP(IOPOLL, 5, 1, 0, 0),
	SETUP(SQPOLL, 5, 1, 0, SQPOLL_EXCLUDES),
	SETUP(SQ_AFF, 5, 1, IORING_SETUP_SQPOLL, 0),
	SETUP(CQSIZE, 5, 5, 0, 0),
	SETUP(CLAMP, 5, 6, 0, 0),
	SETUP(ATTACH_WQ, 5, 6, 0, 0),
	SETUP(R_DISABLED, 5, 10, 0, 0),
	SETUP(SUBMIT_ALL, 5, 18, 0, 0),
	SETUP(COOP_TASKRUN, 5, 19, 0, IORING_SETUP_SQPOLL),
	SETUP(TASKRUN_FLAG, 5, 19,
	      IORING_SETUP_COOP_TASKRUN | IORING_SETUP_DEFER_TASKRUN,
	      IORING_SETUP_SQPOLL),
	SETUP(SQE128, 5, 19, 0, 0),
	SETUP(CQE32, 5, 19, 0, IORING_SETUP_CQE_MIXED),
	SETUP(SINGLE_ISSUER, 6, 0, 0, 0),
	SETUP(DEFER_TASKRUN, 6, 1, IORING_SETUP_SINGLE_ISSUER,
	      IORING_SETUP_SQPOLL),
	SETUP(NO_MMAP, 6, 5, 0, 0),
	SETUP(REGISTERED_FD_ONLY, 6, 5, IORING_SETUP_NO_MMAP, 0),
	SETUP(NO_SQARRAY, 6, 6, 0, 0),
	SETUP(HYBRID_IOPOLL, 6, 13, IORING_SETUP_IOPOLL, 0),
	SETUP(CQE_MIXED, 6, 18, 0, IORING_SETUP_CQE32),
	SETUP(SQE_MIXED, 6, 19, 0, IORING_SETUP_SQE128),
	SETUP(SQ_REWIND, 7, 0, IORING_SETUP_NO_SQARRAY, IORING_SETUP_SQPOLL),
};

#define ENTER(name, major, minor) \
	{ IORING_ENTER_##name, #name, KV(major, minor), 0, 0 }

static const struct ringzero_name enter_names[] = {
	ENTER(GETEVENTS, 5, 1),
	ENTER(SQ_WAKEUP, 5, 1),
	ENTER(SQ_WAIT, 5, 10),
	ENTER(EXT_ARG, 5, 11),
	ENTER(REGISTERED_RING, 5, 18),
	ENTER(ABS_TIMER, 6, 12),
	ENTER(EXT_ARG_REG, 6, 13),
	ENTER(NO_IOWAIT, 6, 15),
};

#define SQE_FLAG(name, major, minor) \
	{ IOSQE_##name, #name, KV(major, minor), 0, 0 }

static const struct ringzero_name sqe_flag_names[] = {
	SQE_FLAG(FIXED_FILE, 5, 1),
	SQE_FLAG(IO_DRAIN, 5, 2),
	SQE_FLAG(IO_LINK, 5, 3),
	SQE_FLAG(IO_HARDLINK, 5, 5),
	SQE_FLAG(ASYNC, 5, 6),
	SQE_FLAG(BUFFER_SELECT, 5, 7),
	SQE_FLAG(CQE_SKIP_SUCCESS, 5, 17),
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const struct ringzero_name *rows;
	unsigned nr;
	int bits;		/* a table of flag bits, not of numbers */
} tables[RINGZERO_NAMES_NR] = {
	[RINGZERO_NAMES_OP] = { op_names, ARRAY_SIZE(op_names), 0 },
	[RINGZERO_NAMES_REGISTER] = { register_names,
				      ARRAY_SIZE(register_names), 0 },
	[RINGZERO_NAMES_FEATURE] = { feature_names,
				     ARRAY_SIZE(feature_names), 1 },
	[RINGZERO_NAMES_SETUP] = { setup_names, ARRAY_SIZE(setup_names), 1 },
	[RINGZERO_NAMES_ENTER] = { enter_names, ARRAY_SIZE(enter_names), 1 },
	[RINGZERO_NAMES_SQE_FLAG] = { sqe_flag_names,
				      ARRAY_SIZE(sqe_flag_names), 1 },
};

const struct ringzero_name *ringzero_names(int table, unsigned *nr)
{
	if (table < 0 || table >= RINGZERO_NAMES_NR)
		return NULL;
	if (nr)
		*nr = tables[table].nr;
	return tables[table].rows;
}

const struct ringzero_name *ringzero_name_find(int table,
					       unsigned long long value)
{
	unsigned i;

	if (table < 0 || table >= RINGZERO_NAMES_NR)
		return NULL;
	if (!tables[table].bits)
		return value < tables[table].nr ? &tables[table].rows[value] :
						  NULL;
	for (i = 0; i < tables[table].nr; i++)
		if (tables[table].rows[i].value == value)
			return &tables[table].rows[i];
	return NULL;
}

const char *ringzero_op_name(int opcode)
{
	const struct ringzero_name *row;

	if (opcode < 0)
		return NULL;
	row = ringzero_name_find(RINGZERO_NAMES_OP, (unsigned)opcode);
	return row ? row->name : NULL;
}

/* Append text at *used, snprintf-style: count all, store what fits. */
static void put(char *buf, size_t len, size_t *used, const char *text)
{
	size_t n = strlen(text);

	if (*used < len) {
		size_t room = len - *used - 1;

		memcpy(buf + *used, text, n < room ? n : room);
		buf[*used + (n < room ? n : room)] = '\0';
	}
	*used += n;
}

int ringzero_flags_name(int table, unsigned long long flags, char *buf,
			size_t len)
{
	unsigned long long known = 0;
	size_t used = 0;
	unsigned i;

	if (table < 0 || table >= RINGZERO_NAMES_NR || !tables[table].bits)
		return -EINVAL;
	if (len)
		buf[0] = '\0';
	for (i = 0; i < tables[table].nr; i++) {
		const struct ringzero_name *row = &tables[table].rows[i];

		known |= row->value;
		if (!(flags & row->value))
			continue;
		if (used)
			put(buf, len, &used, "|");
		put(buf, len, &used, row->name);
	}
	if (flags & ~known) {
		char hex[24];

		snprintf(hex, sizeof(hex), "%#llx", flags & ~known);
		if (used)
			put(buf, len, &used, "|");
		put(buf, len, &used, hex);
	}
	if (!used)
		put(buf, len, &used, "0");
	return (int)used;
}

int ringzero_parse_kernel_release(const char *release, unsigned *version)
{
	unsigned long part[2] = { 0, 0 };
	const char *s = release;
	int i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < 2; i++) {
		unsigned digits = 0;

		while (*s >= '0' && *s <= '9') {
			part[i] = part[i] * 10 + (unsigned long)(*s++ - '0');
			/* 255 is the most a minor fits; majors are small. */
			if (++digits > 3)
				return -EINVAL;
		}
		if (!digits || (i == 0 && *s++ != '.'))
			return -EINVAL;
	}
	if (part[0] > 255 || part[1] > 255)
		return -EINVAL;
	*version = RINGZERO_KVER((unsigned)part[0], (unsigned)part[1]);
	return 0;
}

int ringzero_kernel_version(void)
{
	struct utsname u;
	unsigned v;
	int ret;

	if (uname(&u))
		return -errno;
	ret = ringzero_parse_kernel_release(u.release, &v);
	return ret ? ret : (int)v;
}
