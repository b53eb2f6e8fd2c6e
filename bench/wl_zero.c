// SPDX-License-Identifier: MIT
/*
 * The `zero` workload: make a range of a file read back as zeroes, in
 * requests of o->bs bytes, and make it durable (fdatasync, inside the
 * timing: a pwrite only dirties the page cache, fallocate changes extents,
 * and only the durable result is comparable). Before each run the range is
 * filled with non-zero bytes and synced; after it, the whole range is read
 * back and must be zeroes, and the file must keep its size.
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

#define CHUNK (1U << 20)

const void *zero_buffer(size_t size)
{
	static void *zeroes;
	static size_t have;

	if (size <= have)
		return zeroes;
	if (zeroes)
		munmap(zeroes, have);
	/* untouched anonymous memory reads as zeroes and costs no RAM */
	zeroes = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		      0);
	if (zeroes == MAP_FAILED) {
		zeroes = NULL;
		have = 0;
		return NULL;
	}
	have = size;
	return zeroes;
}

int zero_sync(struct job *job)
{
	job->calls++;
	if (fdatasync(job->fd))
		return job_fail(job, -errno, "fdatasync: %s", strerror(errno));
	return 0;
}

static int zero_setup(struct lab *lab)
{
	int fd = datafile_create(lab, "ringzero-zero");

	if (fd < 0)
		return fd;
	lab->fd = fd;
	return 0;
}

/* Non-zero bytes over the whole range, on disk. */
static int fill(struct lab *lab, char *why, size_t why_size)
{
	uint64_t left = lab->o.size, off = 0;
	char *buf = malloc(CHUNK);
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	memset(buf, 0xa5, CHUNK);
	while (left) {
		size_t len = left < CHUNK ? (size_t)left : CHUNK;

		n = pwrite(lab->fd, buf, len, (off_t)off);
		if (n <= 0) {
			int err = n < 0 ? -errno : -ENOSPC;

			free(buf);
			snprintf(why, why_size, "%." PATH_SHOWN "s: filling: %s",
				 lab->path, strerror(-err));
			return err;
		}
		off += (uint64_t)n;
		left -= (uint64_t)n;
	}
	free(buf);
	if (fdatasync(lab->fd)) {
		int err = -errno;

		snprintf(why, why_size, "%." PATH_SHOWN "s: fdatasync: %s",
			 lab->path, strerror(-err));
		return err;
	}
	return 0;
}

static int verify(struct lab *lab, char *why, size_t why_size)
{
	const void *zeroes = zero_buffer(CHUNK);
	uint64_t off = 0;
	char *buf = malloc(CHUNK);
	struct stat st;
	ssize_t n;
	int ret = 0;

	if (!buf || !zeroes) {
		free(buf);
		return -ENOMEM;
	}
	if (fstat(lab->fd, &st) || (uint64_t)st.st_size != lab->o.size) {
		snprintf(why, why_size, "the file is %lld bytes after zeroing, "
			 "not %" PRIu64, (long long)st.st_size, lab->o.size);
		ret = -EBADMSG;
	}
	while (!ret && off < lab->o.size) {
		n = pread(lab->fd, buf, CHUNK, (off_t)off);
		if (n <= 0) {
			ret = n ? -errno : -EIO;
			snprintf(why, why_size, "reading back at %" PRIu64
				 ": %s", off, n ? strerror(-ret) : "end of file");
			break;
		}
		if (memcmp(buf, zeroes, (size_t)n)) {
			for (ssize_t i = 0; i < n; i++)
				if (buf[i]) {
					off += (uint64_t)i;
					break;
				}
			snprintf(why, why_size, "byte %" PRIu64 " reads back "
				 "as non-zero", off);
			ret = -EBADMSG;
		}
		off += (uint64_t)n;
	}
	free(buf);
	return ret;
}

static void zero_run(struct lab *lab, const struct engine *e, unsigned batch,
		     struct result *r)
{
	struct job job = {
		.o = &lab->o,
		.batch = batch,
		.fd = lab->fd,
		.span = lab->o.size,
		.hist = &r->hist,
		.deadline = UINT64_MAX,	/* one pass over the range */
	};
	char why[WHY_LEN] = "";
	int ret;

	ret = fill(lab, why, sizeof(why));
	if (ret) {
		result_set_error(r, ret, why);
		return;
	}
	if (run_pinned(e, &job, r))
		return;
	ret = verify(lab, why, sizeof(why));
	if (ret) {
		result_set_error(r, ret, why);
		return;
	}
	r->bytes = lab->o.size;
}

static void zero_teardown(struct lab *lab)
{
	if (lab->fd >= 0)
		close(lab->fd);
	datafile_remove(lab);
}

const struct workload wl_zero = {
	.name = "zero",
	.about = "zeroing a range of a file, each method verified",
	.unit = "request",
	.bytes_rate = true,
	.count_inline = true,
	.setup = zero_setup,
	.run = zero_run,
	.teardown = zero_teardown,
};
