// SPDX-License-Identifier: MIT
/*
 * The `file` workload: random reads of bs bytes (4 KiB) from a file of
 * random bytes, with the page cache pinned (buffered) or bypassed (--direct).
 *
 * The file is mapped and mlock()ed for the whole command, so buffered reads
 * never touch the disk even on a machine that evicts page cache in the
 * background; without mlock permission every run re-warms the mapping first.
 * Every read is checked against the mapping: the bytes must be the file's
 * bytes at that offset, and since the file is random a read from the wrong
 * offset cannot pass.
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

static int setup_fail(struct lab *lab, int err, const char *what)
{
	snprintf(lab->why, sizeof(lab->why), "%." PATH_SHOWN "s: %s: %s",
		 lab->path, what, strerror(-err));
	return err;
}

static int create_file(struct lab *lab)
{
	uint64_t rng = 0x9e3779b97f4a7c15ULL, *chunk;
	uint64_t left = lab->o.size;
	ssize_t n;
	int fd;

	snprintf(lab->path, sizeof(lab->path), "%s/ringzero-bench-XXXXXX",
		 lab->o.dir);
	fd = mkostemp(lab->path, O_CLOEXEC);
	if (fd < 0)
		return setup_fail(lab, -errno, "cannot create");
	lab->own_file = true;
	chunk = malloc(FILL_CHUNK);
	if (!chunk) {
		close(fd);
		return setup_fail(lab, -ENOMEM, "fill buffer");
	}
	while (left) {
		size_t len = left < FILL_CHUNK ? (size_t)left : FILL_CHUNK;

		for (size_t i = 0; i < FILL_CHUNK / 8; i++)
			chunk[i] = rng_next(&rng);
		n = write(fd, chunk, len);
		if (n <= 0) {
			free(chunk);
			close(fd);
			return setup_fail(lab, n < 0 ? -errno : -ENOSPC,
					  "write");
		}
		left -= (uint64_t)n;
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
	if (run_pinned(e, &job, lab->o.cpu[0], r))
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
	if (lab->own_file)
		unlink(lab->path);
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
	if (memcmp(buf, job->map + off, job->o->bs))
		return job_fail(job, -EBADMSG, "read at offset %" PRIu64
				" returned bytes that are not the file's", off);
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
