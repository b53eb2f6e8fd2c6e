// SPDX-License-Identifier: MIT
/*
 * zero_chain.c - the methods of `ringzero zero` and the automatic chain
 * over them, cheapest first (the contract is in zero_chain.h).
 *
 * Each method is one function over a struct zero_job that returns 0 or
 * -errno and says which step failed; none of them prints anything. Growing
 * the file is shared by punch and write: checked first (RLIMIT_FSIZE, room
 * on the filesystem), done before anything is zeroed, so that a refusal
 * (-EFBIG, -ENOSPC) comes while the file is still untouched, and undone if
 * the zeroing after it fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <linux/falloc.h>
#include <linux/magic.h>

#include "ringzero.h"
#include "zero_chain.h"
#include "zero_resident.h"
#include "size.h"
#include "zero_wait.h"

/* The write method: this many zero-buffer writes in flight, each this big. */
#define WRITE_DEPTH	8U
#define WRITE_CHUNK	(256U * 1024U)

#define ULL(x)		((unsigned long long)(x))

struct zero_method {
	const char *name;
	const char *help;
	int (*run)(struct zero_job *job);
};

static const char *const step_names[ZS_NR] = {
	[ZS_NATIVE]	= "native",
	[ZS_FALLOCATE]	= "fallocate",
	[ZS_PUNCH]	= "punch",
	[ZS_WRITE]	= "write",
	[ZS_EXTEND]	= "extend",
};

const char *zero_step_name(enum zero_step s)
{
	return (unsigned)s < ZS_NR ? step_names[s] : NULL;
}

static uint64_t range_end(const struct zero_job *job)
{
	return job->offset + job->length;
}

/*
 * Where the part of the range that will read as zeroes ends: the range's
 * end, except that with keep_size nothing past the current end of a file
 * (or the end of a block device, where the kernel clamps) can be read.
 */
static uint64_t visible_end(const struct zero_job *job)
{
	uint64_t end = range_end(job);

	if (!job->keep_size || end <= job->size)
		return end;
	return job->offset < job->size ? job->size : job->offset;
}

/*
 * The length native and fallocate ask for: with keep_size, only the part
 * that can be read, [offset, visible_end). Passing the whole range with
 * KEEP_SIZE would make ext4, xfs and btrfs allocate blocks past the end
 * of the file, where nothing can read them: the space is used up unseen
 * (the size does not change), and a range longer than the free room
 * fills the filesystem before ENOSPC. 0 when nothing is inside the file.
 */
static uint64_t asked_length(const struct zero_job *job)
{
	return job->keep_size ? visible_end(job) - job->offset : job->length;
}

/* Will this method grow the file? Never a block device. */
static bool grows(const struct zero_job *job)
{
	return !job->is_blk && !job->keep_size && range_end(job) > job->size;
}

/*
 * One FALLOCATE (or, with native, ZERO) request through a ring of its
 * own, waited for through EINTR. The CQE's res: 0 or -errno.
 */
static int one_request(struct zero_job *job, bool native, int mode,
		       uint64_t off, uint64_t len)
{
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	const char *step = job->step;
	int ret;

	job->step = "io_uring setup";
	ret = io_uring_queue_init(1, &ring, 0);
	if (ret < 0)
		return ret;
	job->step = step;
	sqe = io_uring_get_sqe(&ring);
	if (native)
		io_uring_prep_zero(sqe, job->fd, off, len, job->keep_size ?
				   IORING_ZERO_KEEP_SIZE : 0);
	else
		io_uring_prep_fallocate(sqe, job->fd, mode, off, len);
	ret = zero_wait_cqe(&ring, &cqe);
	if (ret == 0) {
		ret = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
	return ret;
}

/*
 * Give the file back its size after a failure: after punch or write grew
 * it, and after native or fallocate failed, since the kernel may have
 * grown it part of the way first (ext4 out of space stops midway with the
 * size raised and the blocks past the old end allocated: shrinking frees
 * them). Only when the size now lies past the old one and within the
 * range: any other size is someone else's doing (a writer appending past
 * the range) and stays. If ftruncate fails, grown_to holds the size, for
 * the error message.
 */
static void shrink_back(struct zero_job *job)
{
	struct stat st;

	if (!grows(job) || fstat(job->fd, &st) < 0 ||
	    (uint64_t)st.st_size <= job->size ||
	    (uint64_t)st.st_size > range_end(job))
		return;
	if (ftruncate(job->fd, (off_t)job->size) < 0) {
		job->grown_to = (uint64_t)st.st_size;
		return;
	}
	job->grown_to = 0;
	job->used &= ~(1U << ZS_EXTEND);
}

static int method_native(struct zero_job *job)
{
	int op = io_uring_zero_opcode(), ret;

	job->step = "native IORING_OP_ZERO";
	if (op < 0) {
		/* Never send a number the kernel has not named ZERO. */
		job->no_native = true;
		return op;
	}
	/* Detection succeeded, so io_uring_prep_zero() emits ZERO itself. */
	job->step = "IORING_OP_ZERO";
	if (!asked_length(job))
		return 0;	/* all past the end, kept: nothing to do */
	ret = one_request(job, true, 0, job->offset, asked_length(job));
	if (ret < 0) {
		shrink_back(job);
		return ret;
	}
	job->native_opcode = op;
	job->used |= 1U << ZS_NATIVE;
	job->zeroed = visible_end(job) - job->offset;
	return 0;
}

static int method_fallocate(struct zero_job *job)
{
	int ret;

	job->step = "IORING_OP_FALLOCATE (FALLOC_FL_ZERO_RANGE)";
	if (!asked_length(job))
		return 0;	/* all past the end, kept: nothing to do */
	ret = one_request(job, false, FALLOC_FL_ZERO_RANGE |
			  (job->keep_size ? FALLOC_FL_KEEP_SIZE : 0),
			  job->offset, asked_length(job));
	if (ret < 0) {
		shrink_back(job);
		return ret;
	}
	job->used |= 1U << ZS_FALLOCATE;
	job->zeroed = visible_end(job) - job->offset;
	return 0;
}

/* The soft RLIMIT_FSIZE in bytes, or UINT64_MAX for none. */
static uint64_t fsize_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_FSIZE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return UINT64_MAX;
	return (uint64_t)rl.rlim_cur;
}

/*
 * Before growing the file to new_size: RLIMIT_FSIZE must allow it (or the
 * kernel would stop the file at the limit), and the filesystem must have
 * room for the growth, as fallocate(FALLOC_FL_ZERO_RANGE) would reserve
 * it. A filesystem that reports no size at all (tmpfs with size=0) has no
 * limit to check. 0, or -EFBIG / -ENOSPC with job->why.
 */
static int check_growth(struct zero_job *job, uint64_t new_size)
{
	uint64_t limit = fsize_limit(), need = new_size - job->size, avail;
	struct statvfs sv;

	job->step = "checking the file size limit";
	if (new_size > limit) {
		snprintf(job->why, sizeof(job->why), "growing it to %llu "
			 "%s would pass the file size limit of %llu %s "
			 "(ulimit -f, RLIMIT_FSIZE)", ULL(new_size),
			 bytes_word(new_size), ULL(limit),
			 bytes_word(limit));
		return -EFBIG;
	}
	job->step = "checking the room on the filesystem (statvfs)";
	if (fstatvfs(job->fd, &sv) < 0)
		return -errno;
	if (!sv.f_blocks || !sv.f_frsize)
		return 0;
	avail = sv.f_bavail > UINT64_MAX / sv.f_frsize ? UINT64_MAX :
		(uint64_t)sv.f_bavail * sv.f_frsize;
	if (need > avail) {
		snprintf(job->why, sizeof(job->why), "growing it by %llu "
			 "%s, to %llu, needs more room than the filesystem "
			 "has (%llu %s free)", ULL(need), bytes_word(need),
			 ULL(new_size), ULL(avail), bytes_word(avail));
		return -ENOSPC;
	}
	return 0;
}

/* Grow the file to the range's end with ftruncate: the new part is a hole. */
static int grow(struct zero_job *job)
{
	uint64_t end = range_end(job);
	int ret;

	ret = check_growth(job, end);
	if (ret < 0)
		return ret;
	job->step = "ftruncate to grow the file";
	if (ftruncate(job->fd, (off_t)end) < 0)
		return -errno;
	job->grown_to = end;
	job->used |= 1U << ZS_EXTEND;
	return 0;
}

/*
 * Punch a hole over the part of the range inside the file (a hole reads as
 * zeroes and costs nothing) and grow the file where the range passes its
 * end. PUNCH_HOLE always comes with KEEP_SIZE: the kernel requires it.
 */
static int method_punch(struct zero_job *job)
{
	uint64_t to = range_end(job) < job->size ? range_end(job) : job->size;
	int ret;

	if (grows(job)) {
		ret = grow(job);
		if (ret < 0)
			return ret;
	}
	if (to > job->offset) {
		job->step = "IORING_OP_FALLOCATE (FALLOC_FL_PUNCH_HOLE)";
		ret = one_request(job, false, FALLOC_FL_PUNCH_HOLE |
				  FALLOC_FL_KEEP_SIZE, job->offset,
				  to - job->offset);
		if (ret < 0) {
			shrink_back(job);
			return ret;
		}
		job->used |= 1U << ZS_PUNCH;
	}
	job->zeroed = visible_end(job) - job->offset;
	return 0;
}

/*
 * The parts of [pos, end) that hold data, in pieces of at most WRITE_CHUNK
 * bytes, found with SEEK_DATA and SEEK_HOLE, or on ramfs, whose lseek()
 * shows no holes, with zero_resident_find(). Where the filesystem cannot
 * tell (or on a block device) everything counts as data.
 */
struct data_pieces {
	int fd;
	int rfd;		/* ramfs: a read-only fd for mincore(), or -1 */
	uint64_t pos, end;
	uint64_t data_to;	/* the current data extent ends here */
	bool all_data;
};

/*
 * The next data extent at or after it->pos: 0 with [*data, *hole), -ENXIO
 * when only a hole is left, -EINVAL or -EOPNOTSUPP when the filesystem
 * cannot tell, or -errno.
 */
static int find_data(const struct data_pieces *it, uint64_t *data,
		     uint64_t *hole)
{
	off_t d, h;

	if (it->rfd >= 0)
		return zero_resident_find(it->rfd, it->pos, it->end, data,
					  hole);
	d = lseek(it->fd, (off_t)it->pos, SEEK_DATA);
	if (d < 0)
		return -errno;
	h = lseek(it->fd, d, SEEK_HOLE);
	if (h < 0)
		return -errno;
	*data = (uint64_t)d;
	*hole = (uint64_t)h;
	return 0;
}

/* 1 and the next piece, 0 when none is left, or -errno. */
static int next_piece(struct data_pieces *it, uint64_t *off, unsigned *len)
{
	uint64_t n;

	if (it->pos >= it->end)
		return 0;
	if (it->pos >= it->data_to) {
		uint64_t data, hole;
		int ret = it->all_data ? -EINVAL : find_data(it, &data, &hole);

		if (ret == -ENXIO) {	/* only a hole is left */
			it->pos = it->end;
			return 0;
		} else if (ret == -EINVAL || ret == -EOPNOTSUPP) {
			it->all_data = true;
			it->data_to = it->end;
		} else if (ret < 0) {
			return ret;
		} else {
			if (data >= it->end) {
				it->pos = it->end;
				return 0;
			}
			it->pos = data;
			it->data_to = hole < it->end ? hole : it->end;
		}
	}
	n = it->data_to - it->pos;
	*off = it->pos;
	*len = n < WRITE_CHUNK ? (unsigned)n : WRITE_CHUNK;
	it->pos += *len;
	return 1;
}

/* A write in flight: the rest of its piece. */
struct write_slot {
	uint64_t off;
	unsigned len;
	bool busy;
};

static void queue_write(struct io_uring *ring, const void *zeroes,
			const struct write_slot *slot, int fd, unsigned idx)
{
	/* One SQE per slot and WRITE_DEPTH entries: there is always one. */
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_write(sqe, fd, zeroes, slot->len, slot->off);
	io_uring_sqe_set_data64(sqe, idx);
}

/* Everything below this offset of [from, ...) is zeroed. */
static uint64_t zeroed_below(const struct write_slot *slots,
			     const struct data_pieces *it, uint64_t failed)
{
	uint64_t low = it->pos < failed ? it->pos : failed;
	unsigned i;

	for (i = 0; i < WRITE_DEPTH; i++)
		if (slots[i].busy && slots[i].off < low)
			low = slots[i].off;
	return low;
}

/*
 * Write zeroes over the data in [from, to), WRITE_DEPTH pieces in flight
 * from one zero buffer, short writes resumed. After a stop signal no new
 * piece starts, but those in flight are finished, so that what is zeroed
 * stays one stretch [from, job->done_to). rfd: see open_resident().
 */
static int write_zeroes(struct zero_job *job, int rfd, uint64_t from,
			uint64_t to)
{
	struct data_pieces it = { .fd = job->fd, .rfd = rfd, .pos = from,
				  .end = to, .data_to = from,
				  .all_data = job->is_blk };
	struct write_slot slots[WRITE_DEPTH] = { { 0 } };
	uint64_t failed = UINT64_MAX;
	unsigned idx, inflight = 0;
	struct io_uring ring;
	bool stop = false;
	void *zeroes;
	int ret, err = 0;

	job->done_to = from;
	job->work_end = to;
	if (from >= to)
		return 0;
	if (zero_stop_requested())
		return -EINTR;	/* nothing written yet */
	job->step = "allocating the zero buffer";
	zeroes = calloc(1, WRITE_CHUNK);
	if (!zeroes)
		return -ENOMEM;
	job->step = "io_uring setup";
	ret = io_uring_queue_init(WRITE_DEPTH, &ring, 0);
	if (ret < 0) {
		free(zeroes);
		return ret;
	}
	job->step = "finding the data in the range (SEEK_DATA)";
	for (idx = 0; idx < WRITE_DEPTH; idx++) {
		ret = next_piece(&it, &slots[idx].off, &slots[idx].len);
		if (ret <= 0) {
			err = ret;
			break;
		}
		queue_write(&ring, zeroes, &slots[idx], job->fd, idx);
		slots[idx].busy = true;
		inflight++;
	}
	job->step = "IORING_OP_WRITE of zeroes";
	job->writing = inflight > 0;
	while (inflight) {
		struct io_uring_cqe *cqe;
		struct write_slot *slot;
		int res;

		ret = zero_wait_cqe(&ring, &cqe);
		if (ret < 0) {
			/* Nothing more can be reaped: the exit cancels. */
			err = err ? err : ret;
			break;
		}
		idx = (unsigned)io_uring_cqe_get_data64(cqe);
		res = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
		if (idx >= WRITE_DEPTH)
			continue;	/* not ours: cannot happen */
		slot = &slots[idx];
		slot->busy = false;
		inflight--;
		if (res == -EINTR || res == -EAGAIN) {
			res = 0;	/* transient: the same piece again */
		} else if (res <= 0) {
			/* 0 is no progress at all: as good as an error. */
			err = err ? err : (res ? res : -EIO);
			failed = slot->off < failed ? slot->off : failed;
			continue;	/* drain the others, queue no more */
		}
		job->written += (unsigned)res;
		slot->off += (unsigned)res;
		slot->len -= (unsigned)res;
		if (err) {
			if (slot->len && slot->off < failed)
				failed = slot->off;
			continue;
		}
		if (!slot->len && !stop) {
			stop = zero_stop_requested() != 0;
			if (!stop) {
				ret = next_piece(&it, &slot->off, &slot->len);
				if (ret < 0) {
					job->step = "finding the data in the "
						    "range (SEEK_DATA)";
					err = ret;
				}
			}
		}
		if (slot->len) {
			queue_write(&ring, zeroes, slot, job->fd, idx);
			slot->busy = true;
			inflight++;
		}
		job->done_to = zeroed_below(slots, &it, failed);
	}
	job->done_to = zeroed_below(slots, &it, failed);
	io_uring_queue_exit(&ring);
	free(zeroes);
	if (!err && job->done_to < to) {
		/* Only a stop signal ends the loop before the end. */
		job->interrupted = true;
		err = -EINTR;
	}
	return err;
}

/*
 * On ramfs, a read-only fd of the same file for zero_resident_find(), in
 * *rfd; elsewhere -1. Opened through /proc/self/fd, so that it is the
 * file already open and not whatever the path names now. 0, or -errno
 * with job->why when the holes of a sparse file cannot be found (no read
 * permission, no /proc): writing over them would allocate them.
 */
static int open_resident(struct zero_job *job, int *rfd)
{
	struct stat st, rst;
	char path[64];
	int err;

	*rfd = -1;
	if (job->is_blk || job->fs_magic != RAMFS_MAGIC)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", job->fd);
	*rfd = open(path, O_RDONLY | O_CLOEXEC);
	err = *rfd < 0 ? errno : 0;
	if (*rfd >= 0 && (fstat(job->fd, &st) < 0 || fstat(*rfd, &rst) < 0 ||
			  st.st_dev != rst.st_dev || st.st_ino != rst.st_ino)) {
		close(*rfd);
		*rfd = -1;
		err = ESTALE;
	}
	if (*rfd >= 0)
		return 0;
	/* A file with every page there (none a hole) needs no map. */
	if (!fstat(job->fd, &st) &&
	    (uint64_t)st.st_blocks * 512 >= (uint64_t)st.st_size)
		return 0;
	job->step = "opening the file for reading, to find its holes";
	snprintf(job->why, sizeof(job->why), "it is a sparse file on ramfs, "
		 "whose holes only a read-only mapping shows, and it cannot "
		 "be opened for reading (%s): writing zeroes over its holes "
		 "would take memory that ramfs never gives back", strerror(err));
	return -err;
}

/*
 * The last resort: zeroes written where the range holds data, the file
 * grown past its end (a hole, or whatever the filesystem makes of an
 * ftruncate), the size restored if writing fails or is interrupted.
 */
static int method_write(struct zero_job *job)
{
	uint64_t end = range_end(job), to = visible_end(job), limit;
	int ret, rfd;

	if (job->is_blk && end > job->size && !job->keep_size) {
		job->step = "checking the range";
		snprintf(job->why, sizeof(job->why), "the range ends at %llu, "
			 "past the end of the device (%llu bytes); "
			 "--keep-size zeroes up to the end", ULL(end),
			 ULL(job->size));
		return -EINVAL;
	}
	/* Data lies only below the old size; the growth reads as zeroes. */
	if (to > job->size)
		to = job->size;
	limit = fsize_limit();
	if (!job->is_blk && to > limit) {
		off_t data = lseek(job->fd, (off_t)limit, SEEK_DATA);

		job->step = "checking the file size limit";
		if (data >= 0 && (uint64_t)data < to) {
			snprintf(job->why, sizeof(job->why), "it holds data at "
				 "offset %llu, past the file size limit of %llu "
				 "%s (ulimit -f, RLIMIT_FSIZE), where zeroes "
				 "cannot be written", ULL(data), ULL(limit),
				 bytes_word(limit));
			return -EFBIG;
		}
	}
	ret = open_resident(job, &rfd);
	if (ret < 0)
		return ret;
	if (grows(job)) {
		ret = grow(job);
		if (ret < 0)
			goto out;
	}
	ret = write_zeroes(job, rfd, job->offset, to);
	if (ret < 0)
		shrink_back(job);
out:
	if (rfd >= 0)
		close(rfd);
	if (ret < 0)
		return ret;
	if (to > job->offset)
		job->used |= 1U << ZS_WRITE;
	job->zeroed = visible_end(job) - job->offset;
	return 0;
}

/* Record why auto moves on, after any earlier reason, for the report. */
static void note_fallback(struct zero_job *job, int err)
{
	size_t used = strlen(job->fallback);

	snprintf(job->fallback + used, sizeof(job->fallback) - used, "%s%s: %s",
		 used ? "; " : "", job->step, strerror(-err));
}

/* auto's first step: the native opcode where verified, else fallocate. */
static int zero_range(struct zero_job *job)
{
	if (io_uring_zero_method(NULL) == RINGZERO_ZERO_NATIVE)
		return method_native(job);
	return method_fallocate(job);
}

/* auto's last resort: writing, on a filesystem known to store data. */
static int write_if_stored(struct zero_job *job)
{
	if (!job->is_blk && !job->data_fs) {
		job->step = "choosing a method";
		snprintf(job->why, sizeof(job->why), "its filesystem (type "
			 "%#lx) can neither zero ranges nor punch holes, and is "
			 "not one known to store data: not writing zeroes to it "
			 "unasked (--method write insists)", job->fs_magic);
		return -EOPNOTSUPP;
	}
	return method_write(job);
}

/*
 * auto, cheapest first; each step runs only where the one before answered
 * -EOPNOTSUPP. A block device skips punching: the kernel already backs
 * its ZERO_RANGE with writes of zeroes (BLKZEROOUT), as it always did.
 */
static const struct auto_step {
	int (*run)(struct zero_job *job);
	bool on_blk;
} auto_chain[] = {
	{ zero_range, true },
	{ method_punch, false },
	{ write_if_stored, true },
};

static int method_auto(struct zero_job *job)
{
	const size_t n = sizeof(auto_chain) / sizeof(auto_chain[0]);
	size_t i;
	int ret = -EOPNOTSUPP;

	for (i = 0; i < n; i++) {
		if (job->is_blk && !auto_chain[i].on_blk)
			continue;
		if (i && zero_stop_requested())
			return -EINTR;
		ret = auto_chain[i].run(job);
		if (ret != -EOPNOTSUPP || i + 1 == n)
			return ret;
		note_fallback(job, ret);
	}
	return ret;
}

/* The help texts fit an 80-column --help after their indent. */
static const struct zero_method methods[ZERO_METHOD_NR] = {
	[ZERO_AUTO] = { "auto", "native or fallocate; punch, then write",
			method_auto },
	[ZERO_NATIVE] = { "native", "IORING_OP_ZERO (ringzero's kernel patch)",
			  method_native },
	[ZERO_FALLOCATE] = { "fallocate", "FALLOCATE with FALLOC_FL_ZERO_RANGE",
			     method_fallocate },
	[ZERO_PUNCH] = { "punch", "FALLOCATE with FALLOC_FL_PUNCH_HOLE",
			 method_punch },
	[ZERO_WRITE] = { "write", "WRITE of zeroes, over the data only",
			 method_write },
};

const char *zero_method_name(enum zero_method_id m)
{
	return (unsigned)m < ZERO_METHOD_NR ? methods[m].name : NULL;
}

const char *zero_method_help(enum zero_method_id m)
{
	return (unsigned)m < ZERO_METHOD_NR ? methods[m].help : NULL;
}

int zero_method_find(const char *name)
{
	unsigned m;

	for (m = 0; m < ZERO_METHOD_NR; m++)
		if (!strcmp(methods[m].name, name))
			return (int)m;
	return -1;
}

int zero_run(struct zero_job *job, enum zero_method_id m)
{
	if ((unsigned)m >= ZERO_METHOD_NR)
		return -EINVAL;
	job->step = "starting";
	if (zero_stop_requested())
		return -EINTR;	/* stopped before anything changed */
	return methods[m].run(job);
}
