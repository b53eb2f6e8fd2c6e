// SPDX-License-Identifier: MIT
/*
 * Description: registered files: register (plain 5.1, tagged 5.13, sparse
 * 5.19), update and update_tag, unregister, and the direct-descriptor
 * allocation range (6.0). Reads through a fixed index see the file in that
 * slot; updates replace, empty (-1) or skip (IORING_REGISTER_FILES_SKIP)
 * slots; a replaced file's tag arrives as a CQE (and on newer kernels
 * those still registered at unregister); a second table is
 * -EBUSY, no table -ENXIO; allocations stay inside the range, -ENFILE when
 * it is full; a table bigger than RLIMIT_NOFILE is registered after the
 * library raises the soft limit.
 */
#include <sys/resource.h>
#include "ringmodes.h"

#define NF	4

static char paths[NF + 1][256];
static int fds[NF + 1];

/* Read 1 byte from fixed slot; returns res, byte in *c. */
static int fixed_read(struct io_uring *ring, int slot, char *c)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_read(sqe, slot, c, 1, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	sqe->user_data = 1;
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void expect_slot(struct io_uring *ring, int slot, int file)
{
	char c = 0;

	CHECK_EQ(fixed_read(ring, slot, &c), 1);
	CHECK_EQ(c, 'A' + file);
}

/* The tag CQE of a released file: user_data is the tag, res 0. */
static void expect_tag(struct io_uring *ring, __u64 tag)
{
	struct io_uring_cqe cqe = t_reap(ring, 5000);

	CHECK_EQ(cqe.user_data, tag);
	CHECK_EQ(cqe.res, 0);
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	__u64 tags[NF] = { 101, 102, 0, 104 };
	int skip = IORING_REGISTER_FILES_SKIP, none = -1, ret, i;
	char c;

	(void)mode;
	(void)arg;
	/* Plain table: slot i is file i. */
	CHECK_EQ(io_uring_register_files(ring, fds, NF), 0);
	for (i = 0; i < NF; i++)
		expect_slot(ring, i, i);
	CHECK_EQ(io_uring_register_files(ring, fds, NF), -EBUSY);
	CHECK_EQ(io_uring_register_files_update(ring, 1, &fds[NF], 1), 1);
	expect_slot(ring, 1, NF);
	CHECK_EQ(io_uring_register_files_update(ring, 1, &skip, 1), 1);
	expect_slot(ring, 1, NF);
	CHECK_EQ(io_uring_register_files_update(ring, 1, &none, 1), 1);
	CHECK_EQ(fixed_read(ring, 1, &c), -EBADF);
	CHECK_EQ(io_uring_unregister_files(ring), 0);
	CHECK_EQ(fixed_read(ring, 0, &c), -EBADF);
	CHECK_EQ(io_uring_unregister_files(ring), -ENXIO);

	/* Tagged: replacing or dropping a file posts its tag (0: none). */
	ret = io_uring_register_files_tags(ring, fds, tags, NF);
	t_skip_if_unsupported(ret, "tagged file registration", "5.13");
	CHECK_EQ(ret, 0);
	{
		__u64 newtag = 105;

		CHECK_EQ(io_uring_register_files_update_tag(ring, 0, &fds[NF],
							    &newtag, 1), 1);
		expect_tag(ring, 101);
		expect_slot(ring, 0, NF);
	}
	CHECK_EQ(io_uring_unregister_files(ring), 0);
	/* 105, 102 and 104 come back (6.18, not 6.12); 0 never does. */
	t_unregister_tags(ring, 100, (1U << 2) | (1U << 4) | (1U << 5));
	t_expect_no_cqe(ring, 20);

	/* Sparse: empty slots until updated. */
	CHECK_EQ(io_uring_register_files_sparse(ring, 16), 0);
	CHECK_EQ(fixed_read(ring, 3, &c), -EBADF);
	CHECK_EQ(io_uring_register_files_update_tag(ring, 3, &fds[2], NULL, 1),
		 1);
	expect_slot(ring, 3, 2);

	/* Allocation range [8, 12): direct opens land there, then -ENFILE. */
	ret = io_uring_register_file_alloc_range(ring, 8, 4);
	t_skip_if_unsupported(ret, "IORING_REGISTER_FILE_ALLOC_RANGE", "6.0");
	CHECK_EQ(ret, 0);
	for (i = 0; i < 5; i++) {
		io_uring_prep_openat_direct(t_sqe(ring), AT_FDCWD, paths[i],
					    O_RDONLY, 0,
					    IORING_FILE_INDEX_ALLOC);
		t_submit(ring, 1);
		ret = t_reap(ring, 5000).res;
		if (i < 4) {
			CHECK(ret >= 8 && ret < 12);
			expect_slot(ring, ret, i);
		} else {
			CHECK_EQ(ret, -ENFILE);
		}
	}
	CHECK_EQ(io_uring_register_file_alloc_range(ring, 10, 10), -EINVAL);
	CHECK_EQ(io_uring_unregister_files(ring), 0);
}

/* A sparse table over the soft RLIMIT_NOFILE: the library raises it. */
static void rlimit_raise(void)
{
	struct rlimit old, rl;
	struct io_uring ring;

	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &old));
	if (old.rlim_max != RLIM_INFINITY && old.rlim_max < 1024 + 64)
		return;	/* the hard limit leaves no room to show it */
	rl = old;
	rl.rlim_cur = 64;
	CHECK_SYS(setrlimit(RLIMIT_NOFILE, &rl));
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	CHECK_EQ(io_uring_register_files_sparse(&ring, 1024), 0);
	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK(rl.rlim_cur >= 1024);
	io_uring_queue_exit(&ring);
	CHECK_SYS(setrlimit(RLIMIT_NOFILE, &old));
}

int main(int argc, char **argv)
{
	int i;

	(void)argc;
	t_init(argv[0]);
	for (i = 0; i <= NF; i++) {
		char c = (char)('A' + i);

		fds[i] = t_tmpfile(paths[i], &c, 1);
	}
	t_for_each_ring_mode(NULL, run, NULL);
	rlimit_raise();
	for (i = 0; i <= NF; i++) {
		close(fds[i]);
		unlink(paths[i]);
	}
	return T_EXIT_PASS;
}
