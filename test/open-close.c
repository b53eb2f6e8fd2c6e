// SPDX-License-Identifier: MIT
/*
 * Description: opening and closing through the ring. openat/open/openat2
 * return a working fd, create files with the asked mode, resolve relative
 * to a directory fd, and give -ENOENT, -EEXIST and (openat2 with
 * RESOLVE_BENEATH) -EXDEV exactly; close really closes (-EBADF after).
 * The direct forms open into a sparse fixed-file table (5.15): a given
 * slot, or one the kernel allocates (IORING_FILE_INDEX_ALLOC, res = slot),
 * usable with IOSQE_FIXED_FILE; close_direct empties a slot. files_update
 * installs ordinary fds into the table, at an offset or allocated.
 */
#include <linux/openat2.h>
#include "helpers.h"

#define SLOTS	8

static struct io_uring ring;

/*
 * A sparse fixed-file table of SLOTS entries. The library's
 * io_uring_register_files_sparse() belongs to the registration work of
 * another part; the raw call keeps this test on the core alone.
 */
static int register_sparse(void)
{
	struct io_uring_rsrc_register reg = {
		.nr = SLOTS,
		.flags = IORING_RSRC_REGISTER_SPARSE,
	};

	return io_uring_register((unsigned)ring.ring_fd,
				 IORING_REGISTER_FILES2, &reg, sizeof(reg));
}

static void write_fixed(int slot, const char *s, int want)
{
	struct io_uring_sqe *sqe = t_sqe(&ring);

	io_uring_prep_write(sqe, slot, s, (unsigned)strlen(s), 0);
	io_uring_sqe_set_flags(sqe, IOSQE_FIXED_FILE);
	CHECK_EQ(t_submit_one(&ring), want);
}

static void file_is(const char *path, const char *want)
{
	char buf[64] = { 0 };
	int fd = open(path, O_RDONLY);

	CHECK_SYS(fd);
	CHECK_EQ(read(fd, buf, sizeof(buf)), strlen(want));
	CHECK(!strcmp(buf, want));
	close(fd);
}

static void check_plain(const char *dir, int dfd)
{
	char path[512];
	struct open_how how;
	struct stat st;
	int fd;

	/* openat relative to a directory fd, creating with mode 0640. */
	io_uring_prep_openat(t_sqe(&ring), dfd, "a", O_CREAT | O_EXCL |
			     O_RDWR, 0640);
	fd = t_submit_one(&ring);
	CHECK_OK(fd);
	CHECK_EQ(write(fd, "via openat", 10), 10);
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 0777, 0640);
	io_uring_prep_close(t_sqe(&ring), fd);
	CHECK_EQ(t_submit_one(&ring), 0);
	CHECK_EQ(fcntl(fd, F_GETFD), -1);
	CHECK_EQ(errno, EBADF);
	io_uring_prep_close(t_sqe(&ring), fd);
	CHECK_EQ(t_submit_one(&ring), -EBADF);

	io_uring_prep_openat(t_sqe(&ring), dfd, "a", O_CREAT | O_EXCL |
			     O_RDWR, 0640);
	CHECK_EQ(t_submit_one(&ring), -EEXIST);
	io_uring_prep_openat(t_sqe(&ring), dfd, "nope", O_RDONLY, 0);
	CHECK_EQ(t_submit_one(&ring), -ENOENT);

	/* open: an absolute path. */
	snprintf(path, sizeof(path), "%s/a", dir);
	io_uring_prep_open(t_sqe(&ring), path, O_RDONLY, 0);
	fd = t_submit_one(&ring);
	CHECK_OK(fd);
	{
		char buf[16] = { 0 };

		CHECK_EQ(read(fd, buf, sizeof(buf)), 10);
		CHECK(!strcmp(buf, "via openat"));
	}
	close(fd);

	/* openat2: resolve flags are honoured. */
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY;
	how.resolve = RESOLVE_BENEATH;
	io_uring_prep_openat2(t_sqe(&ring), dfd, "../x", &how);
	CHECK_EQ(t_submit_one(&ring), -EXDEV);
	how.flags = O_CREAT | O_WRONLY | O_TRUNC;
	how.mode = 0600;
	io_uring_prep_openat2(t_sqe(&ring), dfd, "b", &how);
	fd = t_submit_one(&ring);
	CHECK_OK(fd);
	CHECK_EQ(write(fd, "via openat2", 11), 11);
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 0777, 0600);
	close(fd);
	snprintf(path, sizeof(path), "%s/b", dir);
	file_is(path, "via openat2");
}

static void check_direct(const char *dir, int dfd)
{
	char path[512];
	struct open_how how;
	int ret, slot;

	ret = register_sparse();
	if (t_lacks(ret, "sparse fixed-file tables", 5, 13))
		return;
	CHECK_EQ(ret, 0);

	/* Into slot 2; then used as fixed file 2. */
	io_uring_prep_openat_direct(t_sqe(&ring), dfd, "c", O_CREAT | O_RDWR,
				    0600, 2);
	ret = t_submit_one(&ring);
	if (t_lacks(ret, "direct open", 5, 15))
		return;
	CHECK_EQ(ret, 0);
	write_fixed(2, "slot two", 8);
	snprintf(path, sizeof(path), "%s/c", dir);
	file_is(path, "slot two");
	/* Slot 3 is empty. */
	write_fixed(3, "nothing", -EBADF);

	/* Kernel-allocated slots: res is the slot. */
	io_uring_prep_open_direct(t_sqe(&ring), path, O_RDWR, 0,
				  IORING_FILE_INDEX_ALLOC);
	slot = t_submit_one(&ring);
	CHECK(slot >= 0 && slot < SLOTS && slot != 2);
	write_fixed(slot, "ALLOC", 5);
	file_is(path, "ALLOCtwo");

	memset(&how, 0, sizeof(how));
	how.flags = O_RDWR;
	io_uring_prep_openat2_direct(t_sqe(&ring), dfd, "c", &how, 5);
	CHECK_EQ(t_submit_one(&ring), 0);
	write_fixed(5, "five", 4);
	file_is(path, "fiveCtwo");
	how.resolve = RESOLVE_BENEATH;
	io_uring_prep_openat2_direct(t_sqe(&ring), dfd, "../c", &how, 6);
	CHECK_EQ(t_submit_one(&ring), -EXDEV);

	/* close_direct empties the slot; closing it again is -EBADF. */
	io_uring_prep_close_direct(t_sqe(&ring), 2);
	CHECK_EQ(t_submit_one(&ring), 0);
	write_fixed(2, "gone", -EBADF);
	io_uring_prep_close_direct(t_sqe(&ring), 2);
	CHECK_EQ(t_submit_one(&ring), -EBADF);
	io_uring_prep_close_direct(t_sqe(&ring), (unsigned)slot);
	CHECK_EQ(t_submit_one(&ring), 0);

	/* files_update: ordinary fds into slots. */
	{
		int fds[2], fd = open(path, O_RDWR);

		CHECK_SYS(fd);
		fds[0] = fd;
		fds[1] = fd;
		io_uring_prep_files_update(t_sqe(&ring), fds, 2, 0);
		CHECK_EQ(t_submit_one(&ring), 2);
		write_fixed(0, "0", 1);
		write_fixed(1, "1", 1);
		file_is(path, "1iveCtwo");
		/* Allocated slots: the kernel writes them into fds[]. */
		fds[0] = fd;
		fds[1] = fd;
		io_uring_prep_files_update(t_sqe(&ring), fds, 2,
					   (int)IORING_FILE_INDEX_ALLOC);
		ret = t_submit_one(&ring);
		if (!t_lacks(ret, "files_update with allocated slots", 5,
			     19)) {
			CHECK_EQ(ret, 2);
			CHECK(fds[0] >= 0 && fds[0] < SLOTS);
			CHECK(fds[1] >= 0 && fds[1] < SLOTS);
			CHECK(fds[0] != fds[1]);
			write_fixed(fds[1], "F", 1);
			file_is(path, "FiveCtwo");
		}
		/* -1 empties a slot. */
		fds[0] = -1;
		io_uring_prep_files_update(t_sqe(&ring), fds, 1, 0);
		CHECK_EQ(t_submit_one(&ring), 1);
		write_fixed(0, "x", -EBADF);
		close(fd);
	}
}

int main(int argc, char **argv)
{
	char dir[256], path[512];
	int dfd;

	(void)argc;
	t_init(argv[0]);
	umask(022);
	t_path(dir, sizeof(dir), "dir");
	CHECK_SYS(mkdir(dir, 0700));
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK_SYS(dfd);
	CHECK_OK(io_uring_queue_init(8, &ring, 0));

	check_plain(dir, dfd);
	check_direct(dir, dfd);

	io_uring_queue_exit(&ring);
	close(dfd);
	snprintf(path, sizeof(path), "%s/a", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/c", dir);
	unlink(path);
	CHECK_SYS(rmdir(dir));
	return t_done();
}
