// SPDX-License-Identifier: MIT
/*
 * zero_diag.c - the causes behind `ringzero zero`'s errors (see
 * zero_diag.h). The same errno means different things on different
 * targets: EPERM from an immutable file, a read-only device or io_uring
 * being refused; ENOSPC from the end of a device or a full filesystem;
 * EFBIG from RLIMIT_FSIZE or the filesystem's largest file. Each rule
 * below names its errno, the fact that tells its cause apart, and what to
 * say; the table is walked in order, most likely cause first.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <linux/fs.h>

#include "cmd.h"
#include "quote.h"
#include "size.h"
#include "zero_diag.h"

/*
 * The largest ring the command sets up (the write method's depth): the
 * ring tried when gathering facts, and the size named when the library
 * explains a setup failure.
 */
#define ZERO_DIAG_RING_ENTRIES	8U

/*
 * Gathering the facts
 */

/*
 * The largest offset lseek(SEEK_SET) accepts on fd, found by bisection.
 * The kernel refuses offsets past the filesystem's largest file size
 * (s_maxbytes: generic_file_llseek_size() and every filesystem's llseek
 * built on it), which no other interface tells. Moves fd's file position,
 * which the command never uses (io_uring takes explicit offsets). 0 when
 * fd cannot seek.
 */
static uint64_t probe_max_bytes(int fd)
{
	uint64_t lo = 0, hi = INT64_MAX;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return 0;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo + 1) / 2;

		if (lseek(fd, (off_t)mid, SEEK_SET) >= 0)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

void zero_facts_read(const struct zero_request *req, struct zero_facts *f)
{
	struct io_uring ring;
	struct statvfs vfs;
	struct rlimit rl;
	struct stat st;
	int fd = req->fd, own = -1, flags, ro;

	memset(f, 0, sizeof(*f));
	f->dev_ro = -1;
	f->attrs = -1;
	f->fsize_limit = UINT64_MAX;
	if (fd < 0) {
		/* Read-only: what an immutable or append-only file allows. */
		own = open(req->path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
			   O_CLOEXEC);
		fd = own;
	}
	if (fd >= 0 && !fstat(fd, &st)) {
		f->is_blk = S_ISBLK(st.st_mode);
		f->size = (uint64_t)st.st_size;
	}
	if (fd >= 0 && f->is_blk) {
		uint64_t bytes;
		int lbs;

		if (!ioctl(fd, BLKGETSIZE64, &bytes))
			f->size = bytes;
		if (!ioctl(fd, BLKSSZGET, &lbs) && lbs > 0)
			f->block_size = (unsigned)lbs;
		if (!ioctl(fd, BLKROGET, &ro))
			f->dev_ro = ro != 0;
		f->max_bytes = f->size;
	} else if (fd >= 0) {
		if (!ioctl(fd, FS_IOC_GETFLAGS, &flags))
			f->attrs = flags;
		f->max_bytes = probe_max_bytes(fd);
	}
	if (fd >= 0 ? !fstatvfs(fd, &vfs) : !statvfs(req->path, &vfs)) {
		f->fs_known = true;
		f->fs_ro = vfs.f_flag & ST_RDONLY;
		f->fs_avail = (uint64_t)vfs.f_bavail * vfs.f_frsize;
		f->fs_total = (uint64_t)vfs.f_blocks * vfs.f_frsize;
	}
	if (own >= 0)
		close(own);
	if (!getrlimit(RLIMIT_FSIZE, &rl) && rl.rlim_cur != RLIM_INFINITY)
		f->fsize_limit = rl.rlim_cur;
	f->uring_err = io_uring_queue_init(ZERO_DIAG_RING_ENTRIES, &ring, 0);
	if (!f->uring_err)
		io_uring_queue_exit(&ring);
	ringzero_sysinfo_read(&f->si);
}

/*
 * The rules
 */

struct ctx {
	int err;			/* positive errno */
	const struct zero_request *req;
	const struct zero_facts *f;
	struct zero_diagnosis *d;
};

static void add(struct ctx *c, const char *remedy, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add(struct ctx *c, const char *remedy, const char *fmt, ...)
{
	struct zero_cause *cause;
	va_list ap;

	if (c->d->nr >= ZERO_DIAG_MAX_CAUSES)
		return;
	cause = &c->d->causes[c->d->nr++];
	va_start(ap, fmt);
	vsnprintf(cause->what, sizeof(cause->what), fmt, ap);
	va_end(ap);
	snprintf(cause->remedy, sizeof(cause->remedy), "%s", remedy);
}

/* The first byte past the range, saturated: the range may be unknown. */
static uint64_t range_end(const struct zero_request *req)
{
	return req->length > UINT64_MAX - req->offset ? UINT64_MAX :
	       req->offset + req->length;
}

bool zero_range_problem(const struct zero_request *req,
			const struct zero_facts *f, bool aligned,
			struct zero_cause *c)
{
	uint64_t end = range_end(req), size = f->size;
	unsigned bs = f->block_size;

	if (!f->is_blk)
		return false;
	if (req->offset >= size) {
		snprintf(c->what, sizeof(c->what), "offset %" PRIu64 " is at "
			 "or past the end of the device, which holds %" PRIu64
			 " bytes", req->offset, size);
		snprintf(c->remedy, sizeof(c->remedy), "give an offset below %"
			 PRIu64, size);
		return true;
	}
	if (end > size && !req->keep_size) {
		snprintf(c->what, sizeof(c->what), "the range ends at byte %"
			 PRIu64 ", past the end of the device, which holds %"
			 PRIu64 " bytes", end, size);
		snprintf(c->remedy, sizeof(c->remedy), "give --length %" PRIu64
			 " to zero up to the end, or --keep-size to stop there",
			 size - req->offset);
		return true;
	}
	/* With --keep-size the kernel cuts the range at the (whole) end. */
	if (end > size)
		end = size;
	if (aligned && bs && ((req->offset | end) & (bs - 1))) {
		snprintf(c->what, sizeof(c->what), "offset %" PRIu64 " and "
			 "length %" PRIu64 " are not whole %u-byte blocks, the "
			 "device's logical block size, which FALLOCATE and the "
			 "native ZERO need", req->offset, end - req->offset,
			 bs);
		snprintf(c->remedy, sizeof(c->remedy), "give an offset and a "
			 "length that are multiples of %u, or --method write, "
			 "which zeroes any byte range", bs);
		return true;
	}
	return false;
}

/* Conditions, one per rule that has one. */

static bool immutable(const struct ctx *c)
{
	return c->f->attrs >= 0 && (c->f->attrs & FS_IMMUTABLE_FL);
}

static bool append_only(const struct ctx *c)
{
	return c->f->attrs >= 0 && (c->f->attrs & FS_APPEND_FL);
}

static bool device_read_only(const struct ctx *c)
{
	return c->f->is_blk && c->f->dev_ro == 1;
}

/* io_uring itself refuses this process now, with the same errno. */
static bool uring_refused(const struct ctx *c)
{
	return c->f->uring_err == -c->err;
}

/* The file was open, so opening is not what io_uring's refusal broke. */
static bool uring_refused_after_open(const struct ctx *c)
{
	return c->req->fd >= 0 && uring_refused(c);
}

/* The error came from opening the file, not from zeroing it. */
static bool open_failed(const struct ctx *c)
{
	return c->req->fd < 0;
}

static bool uring_works(const struct ctx *c)
{
	return !uring_refused(c);
}

static bool fs_read_only(const struct ctx *c)
{
	return c->f->fs_known && c->f->fs_ro;
}

static bool is_blk(const struct ctx *c)
{
	return c->f->is_blk;
}

static bool is_file_on_known_fs(const struct ctx *c)
{
	return !c->f->is_blk && c->f->fs_known;
}

static bool past_fsize_limit(const struct ctx *c)
{
	return range_end(c->req) > c->f->fsize_limit;
}

static bool past_max_bytes(const struct ctx *c)
{
	return c->f->max_bytes && range_end(c->req) > c->f->max_bytes;
}

static bool nothing_yet(const struct ctx *c)
{
	return c->d->nr == 0;
}

/* Explanations whose text carries values. */

/* The library's diagnosis of io_uring_setup() failing with this errno. */
static void explain_uring(struct ctx *c)
{
	struct ringzero_diagnosis d;
	unsigned i;

	ringzero_diagnose(-c->err, ZERO_DIAG_RING_ENTRIES, NULL, &c->f->si,
			  &d);
	for (i = 0; i < d.nr; i++)
		add(c, d.causes[i].remedy, "io_uring is refused: %s",
		    d.causes[i].what);
}

/* What the device cannot take; aligned as for zero_range_problem(). */
static void explain_device(struct ctx *c, bool aligned)
{
	struct zero_cause cause;

	if (zero_range_problem(c->req, c->f, aligned, &cause))
		add(c, cause.remedy, "%s", cause.what);
}

/* ENOSPC: writes past the end of a device. */
static void explain_device_end(struct ctx *c)
{
	explain_device(c, false);
}

/* EINVAL: FALLOCATE/ZERO past the end, or not in whole blocks. */
static void explain_device_range(struct ctx *c)
{
	explain_device(c, true);
}

static void explain_full(struct ctx *c)
{
	const char *remedy = "free space on that filesystem, or zero a "
			     "smaller range";

	/* A range larger than the free room fails on a filesystem far from
	 * full: saying "full" there would send the user looking in vain. */
	if (c->f->fs_avail && c->req->length > c->f->fs_avail) {
		add(c, remedy, "the range needs more room than the filesystem "
		    "has: zeroing it allocates up to %" PRIu64 " bytes, and %"
		    PRIu64 " bytes are free for this user, of %" PRIu64
		    " (statvfs)", c->req->length, c->f->fs_avail,
		    c->f->fs_total);
		return;
	}
	add(c, remedy,
	    "the filesystem holding the file is full: %" PRIu64 " bytes free "
	    "for this user, of %" PRIu64 " (statvfs), and zeroing a range "
	    "allocates its blocks", c->f->fs_avail, c->f->fs_total);
}

static void explain_fsize(struct ctx *c)
{
	add(c, "raise the limit (ulimit -f unlimited, prlimit "
	       "--fsize=unlimited), or zero a range that ends sooner",
	    "RLIMIT_FSIZE (ulimit -f) lets this process write files up to %"
	    PRIu64 " %s, and the range ends at byte %" PRIu64,
	    c->f->fsize_limit, bytes_word(c->f->fsize_limit),
	    range_end(c->req));
}

static void explain_max_bytes(struct ctx *c)
{
	add(c, "zero a range that ends sooner, or use a filesystem that "
	       "takes larger files (xfs and btrfs: 8 EiB)",
	    "the largest file this filesystem takes is %" PRIu64 " bytes "
	    "(its s_maxbytes: lseek refuses offsets past it), and the range "
	    "ends at byte %" PRIu64, c->f->max_bytes, range_end(c->req));
}

/*
 * Every rule, by errno, most likely cause first. A rule applies when its
 * condition holds (no condition: always); its text is fixed, or written by
 * its explain function when it carries values.
 */
static const struct zero_rule {
	int err;
	bool (*applies)(const struct ctx *c);
	const char *what;
	const char *remedy;
	void (*explain)(struct ctx *c);
} rules[] = {
	/* open(O_WRONLY) and every write: an attribute, then the device. */
	{ EPERM, immutable,
	  "the file is immutable (attribute 'i', see lsattr): no one may "
	  "change it, root included",
	  "as root, chattr -i FILE, if it should change", NULL },
	{ EPERM, append_only,
	  "the file is append-only (attribute 'a', see lsattr): data may be "
	  "added at its end, but no byte of it may be overwritten",
	  "as root, chattr -a FILE, if it should change", NULL },
	{ EPERM, device_read_only,
	  "the block device is read-only (BLKROGET: a loop device set up "
	  "with losetup -r, or blockdev --setro)",
	  "blockdev --setrw DEVICE, if it should be written", NULL },
	{ EPERM, uring_refused_after_open, NULL, NULL, explain_uring },
	{ EPERM, nothing_yet,
	  "neither the file's attributes, the device nor io_uring's settings "
	  "explain it: a security module (SELinux, AppArmor) or a seal on "
	  "the file may refuse the write",
	  "look for a denial in the audit log (ausearch -m avc, dmesg)",
	  NULL },

	/*
	 * The file is opened with O_NONBLOCK (a FIFO swapped in must not
	 * hang it), so a lease that a write open has to break answers
	 * EAGAIN at once instead of waiting up to lease-break-time.
	 */
	{ EAGAIN, open_failed,
	  "another process holds a lease on the file (fcntl F_SETLEASE, as "
	  "Samba and NFS servers take), which a write open must break",
	  "try again once it is given up; /proc/locks lists the LEASE and "
	  "the process holding it", NULL },

	/* deny_write_access(): a program running, or swapon's hold. */
	{ ETXTBSY, NULL,
	  "the file is a program that is running, or an active swap file: "
	  "the kernel lets no one write to it meanwhile",
	  "end the processes running it (fuser -v FILE), or swapoff FILE",
	  NULL },

	{ EROFS, fs_read_only,
	  "the filesystem holding the file is mounted read-only",
	  "mount -o remount,rw MOUNTPOINT, if it should be written", NULL },

	{ ENOSPC, is_blk, NULL, NULL, explain_device_end },
	{ ENOSPC, is_file_on_known_fs, NULL, NULL, explain_full },
	{ EDQUOT, NULL,
	  "the disk quota of the file's owner (user, group or project) on "
	  "this filesystem is used up",
	  "see quota -v; free space, or have the quota raised", NULL },

	{ EFBIG, past_fsize_limit, NULL, NULL, explain_fsize },
	{ EFBIG, past_max_bytes, NULL, NULL, explain_max_bytes },
	{ EFBIG, nothing_yet,
	  "the range passes a limit on the file's size",
	  "zero a range that ends sooner", NULL },

	{ EINVAL, is_blk, NULL, NULL, explain_device_range },

	{ EOPNOTSUPP, NULL,
	  "this filesystem cannot zero a range in place "
	  "(FALLOC_FL_ZERO_RANGE)",
	  "--method write (or auto) writes zeroes instead", NULL },

	/* Not the file's fault: io_uring, or memory. */
	{ ENOMEM, uring_refused, NULL, NULL, explain_uring },
	{ ENOMEM, uring_works,
	  "the kernel ran out of memory, or this cgroup reached its "
	  "memory.max, during the operation",
	  "free memory, or raise the cgroup's memory.max", NULL },
	{ ENOSYS, NULL, NULL, NULL, explain_uring },
};

unsigned zero_diagnose(const struct zero_request *req, int err,
		       const struct zero_facts *f, struct zero_diagnosis *d)
{
	struct ctx c = {
		.err = err < 0 ? -err : err,
		.req = req,
		.f = f,
		.d = d,
	};
	unsigned i;

	memset(d, 0, sizeof(*d));
	if (err == INT_MIN)
		return 0;	/* no errno; and -INT_MIN has no value */
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct zero_rule *r = &rules[i];

		if (r->err != c.err || (r->applies && !r->applies(&c)))
			continue;
		if (r->explain)
			r->explain(&c);
		else
			add(&c, r->remedy, "%s", r->what);
	}
	return d->nr;
}

/*
 * For the command
 */

void zero_explain(const char *prog, const struct zero_request *req, int err)
{
	struct zero_diagnosis d;
	struct zero_facts f;
	unsigned i;

	zero_facts_read(req, &f);
	zero_diagnose(req, err, &f, &d);
	for (i = 0; i < d.nr; i++)
		fprintf(stderr, "%s: cause: %s\n%s: remedy: %s\n", prog,
			d.causes[i].what, prog, d.causes[i].remedy);
}

int zero_check_request(const char *prog, const struct zero_request *req,
		       bool aligned)
{
	struct zero_facts f = { .dev_ro = -1, .attrs = -1 };
	struct zero_cause c;
	struct stat st;
	uint64_t bytes;
	int lbs;

	/* Only what a block device's ioctls say; the rest is not needed. */
	if (fstat(req->fd, &st) || !S_ISBLK(st.st_mode) ||
	    ioctl(req->fd, BLKGETSIZE64, &bytes))
		return 0;	/* the kernel will judge */
	f.is_blk = true;
	f.size = bytes;
	if (!ioctl(req->fd, BLKSSZGET, &lbs) && lbs > 0)
		f.block_size = (unsigned)lbs;
	if (!zero_range_problem(req, &f, aligned, &c))
		return 0;
	/* Quoted as every other message: a newline in a name stays \n. */
	fprintf(stderr, "%s: %s: %s\n%s: remedy: %s\n", prog,
		quote_name(req->path, true), c.what, prog, c.remedy);
	return EXIT_USAGE;
}
