/* SPDX-License-Identifier: MIT */
/*
 * zero_chain.h - the ways `ringzero zero` can make a byte range read as
 * zeroes, cheapest first, and the job they work on.
 *
 *   native     IORING_OP_ZERO, only where the library verified the kernel
 *              names that opcode ZERO (io_uring_zero_opcode())
 *   fallocate  IORING_OP_FALLOCATE with FALLOC_FL_ZERO_RANGE
 *   punch      IORING_OP_FALLOCATE with FALLOC_FL_PUNCH_HOLE |
 *              FALLOC_FL_KEEP_SIZE over the part inside the file (tmpfs
 *              has no ZERO_RANGE, but holes), and ftruncate() to grow the
 *              file where the range passes its end
 *   write      IORING_OP_WRITE of zeroes over the parts of the range that
 *              hold data (SEEK_DATA / SEEK_HOLE, on ramfs mincore():
 *              holes already read as zeroes and stay holes), and
 *              ftruncate() to grow
 *   auto       native if verified, else fallocate; where the filesystem
 *              refuses ZERO_RANGE (-EOPNOTSUPP), punch; where it cannot
 *              punch either, write, but only on a filesystem known to
 *              store data
 *
 * Promises, for every method: nothing outside [offset, offset + length)
 * changes; the file never shrinks below its size before the command; it
 * grows only to offset + length, only without keep_size, and never on a
 * block device; with keep_size no method is asked to touch what lies past
 * the end (no blocks are allocated there). Before punch or write grow a
 * file they check that RLIMIT_FSIZE allows the new size and the
 * filesystem has room for it (statvfs; fallocate would reserve it), and
 * refuse otherwise without changing anything. If writing fails or is interrupted midway, the file
 * gets back the size it had.
 */
#ifndef RINGZERO_TOOLS_ZERO_CHAIN_H
#define RINGZERO_TOOLS_ZERO_CHAIN_H

#include <stdbool.h>
#include <stdint.h>

enum zero_method_id {
	ZERO_AUTO,
	ZERO_NATIVE,
	ZERO_FALLOCATE,
	ZERO_PUNCH,
	ZERO_WRITE,
	ZERO_METHOD_NR,
};

/* The steps that may do work, one bit each in zero_job.used. */
enum zero_step {
	ZS_NATIVE,
	ZS_FALLOCATE,
	ZS_PUNCH,
	ZS_WRITE,
	ZS_EXTEND,
	ZS_NR,
};

/* One run: the target, the range, and what happened. */
struct zero_job {
	/* Set by the caller. */
	const char *path;
	int fd;			/* open for writing, blocking */
	uint64_t offset;
	uint64_t length;	/* > 0, offset + length <= INT64_MAX */
	bool keep_size;

	/* The target, from zero_target_open(). */
	uint64_t size;		/* the file's (device's) size before */
	bool is_blk;		/* a block device */
	bool data_fs;		/* on a filesystem known to store data */
	const char *fs_name;	/* its name, or NULL if unknown */
	unsigned long fs_magic;

	/* What happened. */
	unsigned used;		/* 1 << enum zero_step for each step done */
	int native_opcode;	/* the ZERO opcode, when ZS_NATIVE was used */
	uint64_t zeroed;	/* bytes of the range that now read as zeroes */
	uint64_t written;	/* bytes of zeroes written (write method) */
	uint64_t done_to;	/* write: [offset, done_to) is zeroed so far */
	uint64_t work_end;	/* write: where its work ends */
	uint64_t grown_to;	/* the size ZS_EXTEND gave, while it holds */
	bool no_native;		/* native asked for, but not verified */
	bool interrupted;	/* a stop signal ended the write early */
	bool writing;		/* write: writes of zeroes were submitted */
	const char *step;	/* what failed, for the message */
	char why[256];		/* an up-front refusal, in words, or "" */
	char fallback[256];	/* why auto moved down the chain, or "" */
};

/* The methods' names ("auto", "native", ...) and one line of help each. */
const char *zero_method_name(enum zero_method_id m);
const char *zero_method_help(enum zero_method_id m);

/* The method called name, or -1. */
int zero_method_find(const char *name);

/* A step's name ("punch", "extend", ...). */
const char *zero_step_name(enum zero_step s);

/*
 * Zero job's range with method m. Returns 0, or -errno with job->step
 * naming what failed (and job->why set for a refusal decided up front):
 *   -EOPNOTSUPP  the filesystem cannot do what m needs; for auto, the
 *                target is on a filesystem not known to store data and
 *                no cheaper method worked
 *   -ENOSPC      growing the file needs more room than the filesystem has
 *   -EFBIG       the new size passes RLIMIT_FSIZE or the filesystem's
 *                largest file, or data inside the range lies past
 *                RLIMIT_FSIZE (write)
 *   -EINVAL      write: the range passes the end of a block device
 *   -EINTR       write: a stop signal ended it; job->done_to says how far
 *   and what the kernel answered the io_uring requests or ftruncate().
 * job->used, zeroed and written say what was done, also on failure.
 */
int zero_run(struct zero_job *job, enum zero_method_id m);

/* A filesystem type: does it keep what is written to its files? */
struct zero_fs {
	unsigned long magic;	/* statfs's f_type */
	const char *name;
	bool stores_data;	/* false: its files are kernel interfaces */
};

/*
 * The filesystem with this f_type, or NULL for one ringzero does not
 * know. Files of proc, sysfs, cgroup, debugfs and their kind are commands
 * to the kernel: zeroing them means nothing and writing zeroes to them
 * may do harm. In zero_fs.c.
 */
const struct zero_fs *zero_fs_find(unsigned long magic);

#endif /* RINGZERO_TOOLS_ZERO_CHAIN_H */
