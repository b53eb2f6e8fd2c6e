/* SPDX-License-Identifier: MIT */
/*
 * zero_diag.h - why `ringzero zero` failed, in words: the cause behind an
 * errno, found by asking the system (the file's attributes, the device,
 * the filesystem, this process's limits, whether io_uring is refused),
 * and the checks a block device's known size and block size allow before
 * anything is submitted.
 *
 * Same shape as the library's io_uring_diagnose() (src/diag.c): facts are
 * gathered by one function, and a table of rules, each naming the errno it
 * explains and when it applies, turns them into causes. The rules are
 * pure, so test/zero-diag.c feeds them whatever system it likes.
 */
#ifndef RINGZERO_ZERO_DIAG_H
#define RINGZERO_ZERO_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ringzero.h"

/* The request that failed, as the command understood it. */
struct zero_request {
	const char *path;
	int fd;			/* open for writing; -1 when opening failed */
	uint64_t offset;	/* bytes */
	uint64_t length;	/* bytes; 0 when not known yet */
	bool keep_size;
};

/* What the system shows about the target and this process. */
struct zero_facts {
	bool is_blk;		/* a block device */
	uint64_t size;		/* the file's or the device's size, bytes */
	unsigned block_size;	/* the device's logical block size; 0 unknown */
	int dev_ro;		/* the device is read-only: 1, 0, -1 unknown */
	int attrs;		/* FS_IOC_GETFLAGS (FS_*_FL); -1 unknown */
	bool fs_known;		/* statvfs answered */
	bool fs_ro;		/* mounted read-only */
	uint64_t fs_avail;	/* bytes free for this user */
	uint64_t fs_total;	/* bytes in the filesystem */
	uint64_t fsize_limit;	/* RLIMIT_FSIZE in bytes; UINT64_MAX none */
	uint64_t max_bytes;	/* largest offset lseek accepts; 0 unknown */
	int uring_err;		/* setting up a ring now: 0 or -errno */
	struct ringzero_sysinfo si;	/* for the library's diagnosis */
};

#define ZERO_DIAG_MAX_CAUSES	4

struct zero_diagnosis {
	unsigned nr;		/* causes found, most likely first */
	struct zero_cause {
		char what[256];		/* the cause, in a sentence */
		char remedy[256];	/* what to do about it */
	} causes[ZERO_DIAG_MAX_CAUSES];
};

/*
 * Gather the facts about req's target: from req->fd, or when that is -1
 * from a read-only descriptor of req->path (which an append-only or
 * immutable file still grants). Facts that cannot be read are marked
 * unknown; never fails.
 */
void zero_facts_read(const struct zero_request *req, struct zero_facts *f);

/*
 * The causes of errno err (either sign) for req on the system f, most
 * likely first. Pure. Returns d->nr, 0 when no rule knows more than
 * strerror() says.
 */
unsigned zero_diagnose(const struct zero_request *req, int err,
		       const struct zero_facts *f, struct zero_diagnosis *d);

/*
 * Whether a block device of f->size bytes and f->block_size-byte logical
 * blocks can take req: false, or true with the problem and its remedy
 * written to c. aligned: the method is FALLOCATE or the native ZERO, which
 * the kernel refuses (-EINVAL) for a range not made of whole blocks.
 * Regular files always pass. Pure.
 */
bool zero_range_problem(const struct zero_request *req,
			const struct zero_facts *f, bool aligned,
			struct zero_cause *c);

/*
 * For the command: read the facts, diagnose err and print each cause as
 * "PROG: cause: ..." and "PROG: remedy: ..." on stderr.
 */
void zero_explain(const char *prog, const struct zero_request *req, int err);

/*
 * For the command, before anything is submitted: on a block device, a
 * range past its end, or one the method would need block-aligned and is
 * not, is refused with the device's size or block size in the message.
 * Returns 0 to go ahead, or 2 (bad usage) after printing why.
 */
int zero_check_request(const char *prog, const struct zero_request *req,
		       bool aligned);

#endif /* RINGZERO_ZERO_DIAG_H */
