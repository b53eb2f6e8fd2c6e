// SPDX-License-Identifier: MIT
/*
 * The `file` workload: random reads of bs bytes (4 KiB) from a file of
 * random bytes, with the page cache pinned (buffered) or bypassed (--direct).
 *
 * The file is mapped and mlock()ed for the whole command, so buffered reads
 * never touch the disk even on a machine that evicts page cache in the
 * background; without mlock permission every run re-warms the mapping first.
 * Every read is checked. The file we create is made of 4 KiB blocks, each
 * with a header (its own offset and the seed of its pattern) and a tail word
 * derived from the seed, around random bytes from that seed; checking the
 * header and the tail of each block costs nanoseconds and catches a read
 * from the wrong offset, a short read and a buffer the kernel never filled
 * (--verify header, the default). --verify full compares every byte with
 * the mapping instead (~1 us per 4 KiB: the mapping's page is cold), as does
 * a file given with --file, which has no headers.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define FILL_CHUNK (1U << 20)
#define BLOCK 4096

/* What a block of our file starts with. */
struct block_header {
	uint64_t off;	/* where the block is in the file */
	uint64_t seed;	/* block_seed(off): seeds the bytes after the header */
};

/* splitmix64 of the offset: a seed per block, the same in every process. */
static uint64_t block_seed(uint64_t off)
{
	uint64_t z = off + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The last 8 bytes of a block: a short or torn read misses them. */
static uint64_t block_tail(uint64_t seed)
{
	return ~seed;
}

/* Fill the block at file offset off: header, random bytes, tail. */
static void block_fill(uint64_t *w, uint64_t off)
{
	struct block_header h = { .off = off, .seed = block_seed(off) };
	uint64_t rng = h.seed | 1;

	memcpy(w, &h, sizeof(h));
	for (size_t i = sizeof(h) / 8; i < BLOCK / 8 - 1; i++)
		w[i] = rng_next(&rng);
	w[BLOCK / 8 - 1] = block_tail(h.seed);
}

/* The header check of one block read from off: 0 or where it differs. */
static const char *block_wrong(const uint8_t *p, uint64_t off)
{
	struct block_header h;
	uint64_t tail;

	memcpy(&h, p, sizeof(h));
	memcpy(&tail, p + BLOCK - 8, sizeof(tail));
	if (h.off != off)
		return "its header names another offset";
	if (h.seed != block_seed(off))
		return "its header has the wrong seed";
	if (tail != block_tail(h.seed))
		return "its last 8 bytes are not the block's";
	return NULL;
}

static int setup_fail(struct lab *lab, int err, const char *what)
{
	snprintf(lab->why, sizeof(lab->why), "%." PATH_SHOWN "s: %s: %s",
		 lab->path, what, strerror(-err));
	return err;
}

static int create_file(struct lab *lab)
{
	uint64_t *chunk, pos = 0;
	uint64_t left = lab->o.size;
	ssize_t n;
	int fd;

	fd = datafile_create(lab, "ringzero-bench");
	if (fd < 0)
		return fd;
	chunk = malloc(FILL_CHUNK);
	if (!chunk) {
		close(fd);
		return setup_fail(lab, -ENOMEM, "fill buffer");
	}
	while (left) {
		size_t len = left < FILL_CHUNK ? (size_t)left : FILL_CHUNK;

		for (size_t b = 0; b < FILL_CHUNK / BLOCK; b++)
			block_fill(chunk + b * BLOCK / 8, pos + b * BLOCK);
		n = write(fd, chunk, len);
		if (n <= 0) {
			free(chunk);
			close(fd);
			return setup_fail(lab, n < 0 ? -errno : -ENOSPC,
					  "write");
		}
		left -= (uint64_t)n;
		pos += (uint64_t)n;
		/* a short write leaves the chunk's blocks out of step */
		if ((size_t)n != len && left) {
			free(chunk);
			close(fd);
			return setup_fail(lab, -EIO, "short write");
		}
	}
	free(chunk);
	/* on the disk too, so that O_DIRECT reads see the same bytes */
	if (fsync(fd)) {
		close(fd);
		return setup_fail(lab, -errno, "fsync");
	}
	close(fd);
	return 0;
}

static int file_setup(struct lab *lab)
{
	struct stat st;
	int ret;

	if (lab->o.file) {
		snprintf(lab->path, sizeof(lab->path), "%s", lab->o.file);
	} else {
		ret = create_file(lab);
		if (ret)
			return ret;
	}
	lab->fd = open(lab->path, O_RDONLY | O_CLOEXEC);
	if (lab->fd < 0)
		return setup_fail(lab, -errno, "cannot open");
	if (fstat(lab->fd, &st))
		return setup_fail(lab, -errno, "fstat");
	lab->map_len = (uint64_t)st.st_size / lab->o.bs * lab->o.bs;
	if (!lab->map_len)
		return setup_fail(lab, -EINVAL, "file smaller than one block");
	lab->o.size = lab->map_len;
	lab->map = mmap(NULL, lab->map_len, PROT_READ, MAP_SHARED | MAP_POPULATE,
			lab->fd, 0);
	if (lab->map == MAP_FAILED) {
		lab->map = NULL;
		return setup_fail(lab, -errno, "mmap");
	}
	lab->pinned = mlock(lab->map, lab->map_len) == 0;
	/* someone else's file has no headers to check */
	if (lab->o.verify == VERIFY_HEADER && (lab->map_len < BLOCK ||
	    block_wrong(lab->map, 0)))
		return setup_fail(lab, -EINVAL, "no ringzero block headers "
				  "(not made by ringzero bench): use --verify "
				  "full");
	if (lab->o.direct) {
		lab->fd_direct = open(lab->path, O_RDONLY | O_DIRECT | O_CLOEXEC);
		if (lab->fd_direct < 0) {
			ret = -errno;
			snprintf(lab->why, sizeof(lab->why),
				 "%." PATH_SHOWN "s: O_DIRECT: %s (the file "
				 "system may not support direct I/O; try "
				 "--dir)", lab->path, strerror(-ret));
			return ret == -EINVAL ? -EOPNOTSUPP : ret;
		}
	}
	return 0;
}

/* Without mlock, fault every page back in before a run. */
static void rewarm(struct lab *lab)
{
	volatile uint8_t sink = 0;

	if (lab->pinned)
		return;
	for (uint64_t off = 0; off < lab->map_len; off += 4096)
		sink ^= lab->map[off];
	(void)sink;
}

static void file_run(struct lab *lab, const struct engine *e, unsigned batch,
		     struct result *r)
{
	struct job job = {
		.o = &lab->o,
		.batch = batch,
		.fd = lab->o.direct ? lab->fd_direct : lab->fd,
		.map = lab->map,
		.span = lab->map_len,
		.hist = &r->hist,
	};

	rewarm(lab);
	if (run_pinned(e, &job, r))
		return;
	r->bytes = r->ops * lab->o.bs;
}

static void file_teardown(struct lab *lab)
{
	if (lab->map)
		munmap(lab->map, lab->map_len);
	if (lab->fd >= 0)
		close(lab->fd);
	if (lab->fd_direct >= 0)
		close(lab->fd_direct);
	datafile_remove(lab);
}

int file_check(struct job *job, const void *buf, uint64_t off, long res)
{
	if (res < 0)
		return job_fail(job, (int)res, "read at offset %" PRIu64 ": %s",
				off, strerror((int)-res));
	if ((uint64_t)res != job->o->bs)
		return job_fail(job, -EIO, "read at offset %" PRIu64
				" returned %ld bytes, not %" PRIu64, off, res,
				job->o->bs);
	if (job->o->verify == VERIFY_FULL) {
		if (memcmp(buf, job->map + off, job->o->bs))
			return job_fail(job, -EBADMSG, "read at offset %"
					PRIu64 " returned bytes that are not "
					"the file's", off);
		return 0;
	}
	/* --verify header: bs is a multiple of BLOCK (opts.c checks) */
	for (uint64_t b = 0; b < job->o->bs; b += BLOCK) {
		const char *wrong = block_wrong((const uint8_t *)buf + b,
						off + b);

		if (wrong)
			return job_fail(job, -EBADMSG, "read at offset %"
					PRIu64 ": the block at %" PRIu64
					" is not the file's: %s", off, off + b,
					wrong);
	}
	return 0;
}

void *file_buf_alloc(size_t size)
{
	void *p;

	/* 4096 suits O_DIRECT on every block size Linux file systems use */
	if (posix_memalign(&p, 4096, size))
		return NULL;
	memset(p, 0, size);
	return p;
}

const struct workload wl_file = {
	.name = "file",
	.about = "random reads of a file, page cache pinned or O_DIRECT",
	.unit = "read",
	.setup = file_setup,
	.run = file_run,
	.teardown = file_teardown,
};
