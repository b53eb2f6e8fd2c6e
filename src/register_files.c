// SPDX-License-Identifier: MIT
/*
 * register_files.c - the registered file table: register (plain, tagged,
 * sparse), update, unregister, and the range direct descriptors are
 * allocated from.
 *
 * The kernel refuses a table larger than RLIMIT_NOFILE with -EMFILE. Like
 * liburing, we then raise the soft limit once (never past the hard limit)
 * and retry, so a program needs no setrlimit() of its own for big tables.
 * If the retry fails too, the limit is put back: a failed call leaves the
 * process as it found it.
 */
#include <errno.h>
#include <stdbool.h>
#include <sys/resource.h>

#include "internal.h"

/*
 * Make room for nr more descriptors in the soft limit, if the hard allows.
 * True when the limit changed; *old is then what it was.
 */
static bool raise_nofile_limit(unsigned nr, struct rlimit *old)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, old))
		return false;
	rl = *old;
	if (rl.rlim_cur >= nr)
		return false;
	rl.rlim_cur += nr;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
		rl.rlim_cur = rl.rlim_max;
	if (rl.rlim_cur == old->rlim_cur)
		return false;
	return setrlimit(RLIMIT_NOFILE, &rl) == 0;
}

/*
 * Register, retrying once after raising RLIMIT_NOFILE on -EMFILE; the
 * raised limit stays only if the retry succeeded.
 */
static int register_table(struct io_uring *ring, unsigned opcode,
			  const void *arg, unsigned nr_args, unsigned nr_files)
{
	int ret = __rz_register(ring, opcode, arg, nr_args);
	struct rlimit old;

	if (ret == -EMFILE && raise_nofile_limit(nr_files, &old)) {
		ret = __rz_register(ring, opcode, arg, nr_args);
		if (ret < 0)
			setrlimit(RLIMIT_NOFILE, &old);
	}
	return ret;
}

int io_uring_register_files(struct io_uring *ring, const int *files,
			    unsigned nr_files)
{
	return register_table(ring, IORING_REGISTER_FILES, files, nr_files,
			      nr_files);
}

/* FILES2 (5.13) takes a struct whose size is passed as nr_args. */
static int register_files2(struct io_uring *ring, const int *files,
			   const __u64 *tags, unsigned nr, unsigned flags)
{
	struct io_uring_rsrc_register reg = {
		.nr = nr,
		.flags = flags,
		.data = (__u64)(uintptr_t)files,
		.tags = (__u64)(uintptr_t)tags,
	};

	return register_table(ring, IORING_REGISTER_FILES2, &reg, sizeof(reg),
			      nr);
}

int io_uring_register_files_tags(struct io_uring *ring, const int *files,
				 const __u64 *tags, unsigned nr)
{
	return register_files2(ring, files, tags, nr, 0);
}

int io_uring_register_files_sparse(struct io_uring *ring, unsigned nr)
{
	return register_files2(ring, NULL, NULL, nr,
			       IORING_RSRC_REGISTER_SPARSE);
}

int io_uring_register_files_update(struct io_uring *ring, unsigned off,
				   const int *files, unsigned nr_files)
{
	struct io_uring_files_update up = {
		.offset = off,
		.fds = (__u64)(uintptr_t)files,
	};

	return __rz_register(ring, IORING_REGISTER_FILES_UPDATE, &up,
			     nr_files);
}

int io_uring_register_files_update_tag(struct io_uring *ring, unsigned off,
				       const int *files, const __u64 *tags,
				       unsigned nr_files)
{
	struct io_uring_rsrc_update2 up = {
		.offset = off,
		.data = (__u64)(uintptr_t)files,
		.tags = (__u64)(uintptr_t)tags,
		.nr = nr_files,
	};

	return __rz_register(ring, IORING_REGISTER_FILES_UPDATE2, &up,
			     sizeof(up));
}

int io_uring_unregister_files(struct io_uring *ring)
{
	return __rz_register(ring, IORING_UNREGISTER_FILES, NULL, 0);
}

int io_uring_register_file_alloc_range(struct io_uring *ring,
				       unsigned off, unsigned len)
{
	struct io_uring_file_index_range range = {
		.off = off,
		.len = len,
	};

	return __rz_register(ring, IORING_REGISTER_FILE_ALLOC_RANGE, &range,
			     0);
}
