// SPDX-License-Identifier: MIT
/*
 * zero.c - IORING_OP_ZERO: detecting the native opcode, and
 * io_uring_prep_zero(), which uses it only where detection verified it and
 * otherwise emits IORING_OP_FALLOCATE with FALLOC_FL_ZERO_RANGE.
 *
 * The native opcode has no fixed number: ringzero's kernel patch puts it
 * right before IORING_OP_LAST, where upstream kernels have other opcodes
 * (49 is READ_MULTISHOT since 6.7, 58 is RECV_ZC since 6.15). Sending that
 * number to an unpatched kernel would run a different operation, so the
 * number is trusted only once the kernel itself has named it "ZERO".
 *
 * The kernel names opcodes in one place user space can read without
 * running anything: /proc/<pid>/fdinfo/<ring fd> lists the SQEs that sit
 * between the SQ head and tail, each as "IDX: opcode:NAME, fd:..., ...
 * user_data:N" (io_uring/fdinfo.c, the same in 6.1, 6.12 and 6.18). An SQE
 * published by moving the tail but never passed to io_uring_enter() stays
 * there, unconsumed, until the ring is closed. So: a private ring (never
 * the caller's: an SQPOLL ring would consume the entry), one SQE with the
 * candidate opcode and a recognisable user_data, the tail published, the
 * fdinfo read, the ring closed.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/falloc.h>

#include "internal.h"

/* The name ringzero's kernel patch gives IORING_OP_ZERO in opdef.c. */
#define ZERO_OPCODE_NAME	"ZERO"

/* user_data of the queued SQE, to find its line: "RINGZERO" in ASCII. */
#define NAME_COOKIE		0x52494e475a45524fULL

/* fdinfo of a ring with no registered resources is well under 2 KiB. */
#define FDINFO_MAX		(1U << 20)

#define PROBE_OPS		256

/*
 * Read all of path into a NUL-terminated malloc'd buffer. 0 and *text, or
 * -errno: -ENOENT (no /proc), -EACCES, -ENOMEM, -EFBIG (absurdly large).
 */
static int read_text_file(const char *path, char **text)
{
	size_t cap = 4096, used = 0;
	char *buf = NULL, *bigger;
	ssize_t n;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		if (!buf || used + 1 == cap) {
			if (buf)
				cap *= 2;
			if (cap > FDINFO_MAX) {
				ret = -EFBIG;
				break;
			}
			bigger = realloc(buf, cap);
			if (!bigger) {
				ret = -ENOMEM;
				break;
			}
			buf = bigger;
		}
		n = read(fd, buf + used, cap - used - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (ret < 0) {
		free(buf);
		return ret;
	}
	buf[used] = '\0';
	*text = buf;
	return 0;
}

/* Kernel opcode names are C identifiers in capitals: IORING_OP_<NAME>. */
static bool is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Split one fdinfo line [line, end) that lists a pending SQE,
 *	"<spaces><index>: opcode:<NAME>, fd:<n>, ... user_data:<n>[, ...]"
 * into the name (*name, *len: possibly empty or not followed by a comma,
 * for the caller to judge) and the user_data. False for any other line.
 */
static bool split_sqe_line(const char *line, const char *end,
			   const char **name, size_t *len, __u64 *user_data)
{
	const char *p = line, *ud;
	char *num_end;

	while (p < end && *p == ' ')
		p++;
	if (p == end || *p < '0' || *p > '9')
		return false;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (end - p < 9 || strncmp(p, ": opcode:", 9))
		return false;
	*name = p + 9;
	for (p = *name; p < end && is_name_char(*p); p++)
		;
	*len = (size_t)(p - *name);
	if (p == end || *p != ',')
		*len = 0;	/* not a name we can trust: let the caller fail */

	ud = memmem(p, (size_t)(end - p), "user_data:", 10);
	if (!ud)
		return false;
	errno = 0;
	*user_data = strtoull(ud + 10, &num_end, 0);
	if (errno || num_end == ud + 10 ||
	    (num_end < end && *num_end != ',' && *num_end != ' '))
		return false;
	return true;
}

/*
 * Find, in fdinfo text, the pending-SQE line whose user_data is cookie and
 * copy its opcode name into name[size]. Anything unexpected (no such line,
 * two of them, an empty or malformed name) is -EPROTO: a kernel that prints
 * another format is a kernel we cannot vouch for. Returns the name's
 * length, or -ERANGE if it does not fit.
 */
static int parse_sqe_opcode_name(const char *text, __u64 cookie,
				 char *name, size_t size)
{
	const char *line, *end, *found = NULL, *n;
	size_t found_len = 0, len;
	int matches = 0;
	__u64 ud;

	for (line = text; *line; line = *end ? end + 1 : end) {
		end = strchrnul(line, '\n');
		if (!split_sqe_line(line, end, &n, &len, &ud) || ud != cookie)
			continue;
		found = n;
		found_len = len;
		matches++;
	}
	if (matches != 1 || !found_len)
		return -EPROTO;
	if (found_len + 1 > size)
		return -ERANGE;
	memcpy(name, found, found_len);
	name[found_len] = '\0';
	return (int)found_len;
}

/*
 * Queue (never submit) one SQE with opcode on ring, a private ring nobody
 * else enters, and read its name back from fdinfo.
 */
static int queued_opcode_name(struct io_uring *ring, int opcode,
			      char *name, size_t size)
{
	struct io_uring_sqe *sqe;
	char path[64];
	char *text = NULL;
	int ret;

	sqe = io_uring_get_sqe(ring);
	if (!sqe)
		return -EBUSY;
	/* Only the opcode matters: nobody will ever execute this SQE. */
	io_uring_prep_rw(opcode, sqe, -1, NULL, 0, 0);
	sqe->user_data = NAME_COOKIE;
	/*
	 * Publish the tail as io_uring_submit() would, and stop there:
	 * release orders the SQE's contents before the tail, for the kernel's
	 * fdinfo reader (which loads the tail with READ_ONCE). No enter, no
	 * SQPOLL: the kernel never consumes it.
	 */
	io_uring_smp_store_release(ring->sq.ktail, ring->sq.sqe_tail);

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", ring->ring_fd);
	ret = read_text_file(path, &text);
	if (ret == -ENOENT && access("/proc/self", F_OK))
		return -ENOENT;		/* /proc not mounted */
	if (ret == -ENOENT || ret == -EFBIG)
		return -EPROTO;		/* /proc without io_uring fdinfo */
	if (ret < 0)
		return ret;
	ret = parse_sqe_opcode_name(text, NAME_COOKIE, name, size);
	free(text);
	return ret;
}

/*
 * A ring for one question: plain flags, so that the SQ has an index array
 * (fdinfo of 6.12 lists no SQEs without one) and no SQ thread.
 */
static int private_ring(struct io_uring *ring)
{
	struct io_uring_params p = { 0 };
	int fd, ret;

	/*
	 * Not io_uring_queue_init(): it adds NO_SQARRAY where the kernel has
	 * it. setup + queue_mmap keeps exactly the flags asked for.
	 */
	fd = io_uring_setup(1, &p);
	if (fd < 0)
		return fd;
	ret = io_uring_queue_mmap(fd, &p, ring);
	if (ret < 0)
		close(fd);
	return ret;
}

int ringzero_kernel_opcode_name(int opcode, char *name, size_t size)
{
	struct io_uring ring;
	int ret;

	if (opcode < 0 || opcode > 255 || !name || !size)
		return -EINVAL;
	ret = private_ring(&ring);
	if (ret < 0)
		return ret;
	ret = queued_opcode_name(&ring, opcode, name, size);
	io_uring_queue_exit(&ring);
	return ret;
}

/*
 * The detection itself: the kernel's last opcode is the only candidate,
 * since the patch always adds ZERO right before IORING_OP_LAST. It must be
 * supported by the probe and named ZERO by the kernel.
 */
static int detect_zero_opcode(void)
{
	struct io_uring_probe *probe;
	struct io_uring ring;
	char name[32];
	int ret, candidate;

	ret = private_ring(&ring);
	if (ret < 0)
		return ret;
	probe = calloc(1, sizeof(*probe) +
			  PROBE_OPS * sizeof(struct io_uring_probe_op));
	if (!probe) {
		ret = -ENOMEM;
		goto out;
	}
	ret = io_uring_register_probe(&ring, probe, PROBE_OPS);
	if (ret < 0)
		goto out;
	candidate = probe->last_op;
	if (!io_uring_opcode_supported(probe, candidate)) {
		ret = -EOPNOTSUPP;
		goto out;
	}
	ret = queued_opcode_name(&ring, candidate, name, sizeof(name));
	if (ret == -ERANGE) {
		ret = -EOPNOTSUPP;	/* longer than any ZERO */
		goto out;
	}
	if (ret < 0)
		goto out;
	ret = strcmp(name, ZERO_OPCODE_NAME) ? -EOPNOTSUPP : candidate;
out:
	free(probe);
	io_uring_queue_exit(&ring);
	return ret;
}

static pthread_once_t zero_once = PTHREAD_ONCE_INIT;
/* Written once inside pthread_once, which orders it before every reader. */
static int zero_opcode;

static void zero_detect_once(void)
{
	zero_opcode = detect_zero_opcode();
}

int io_uring_zero_opcode(void)
{
	pthread_once(&zero_once, zero_detect_once);
	return zero_opcode;
}

int io_uring_zero_method(struct io_uring *ring)
{
	(void)ring;	/* one kernel per process: same answer for all rings */
	return io_uring_zero_opcode() >= 0 ? RINGZERO_ZERO_NATIVE :
					     RINGZERO_ZERO_FALLOCATE;
}

static const char *const method_names[] = {
	[RINGZERO_ZERO_FALLOCATE]	= "fallocate",
	[RINGZERO_ZERO_NATIVE]		= "native",
};

const char *io_uring_zero_method_name(int method)
{
	if (method < 0 ||
	    (size_t)method >= sizeof(method_names) / sizeof(method_names[0]))
		return NULL;
	return method_names[method];
}

void io_uring_prep_zero(struct io_uring_sqe *sqe, int fd, __u64 offset,
			__u64 len, unsigned flags)
{
	int native = io_uring_zero_opcode();

	if (native >= 0) {
		/* The patch's ABI: length in addr, flags in zero_flags. */
		io_uring_prep_rw(native, sqe, fd, NULL, 0, offset);
		sqe->addr = len;
		sqe->zero_flags = flags;
		return;
	}
	/* fallocate(2)'s ABI: mode in len, length in addr. */
	io_uring_prep_fallocate(sqe, fd, FALLOC_FL_ZERO_RANGE |
				((flags & IORING_ZERO_KEEP_SIZE) ?
				 FALLOC_FL_KEEP_SIZE : 0), offset, len);
	/*
	 * Unknown flags land in the op-flags word, which FALLOCATE's prep
	 * requires to be zero (since 5.6): the CQE says -EINVAL, as the
	 * native opcode's would, instead of the bits being dropped.
	 */
	sqe->rw_flags = flags & ~IORING_ZERO_KEEP_SIZE;
}
