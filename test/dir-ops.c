// SPDX-License-Identifier: MIT
/*
 * Description: directory operations through the ring (Linux 5.15), each in
 * its *at form (relative to a directory fd) and its short form (a path from
 * the working directory): mkdir creates with the asked mode and -EEXIST
 * when there already is one; symlink points where asked; link adds a name
 * to the same inode; rename moves (RENAME_NOREPLACE refuses to clobber:
 * -EEXIST); unlink removes files and, with AT_REMOVEDIR, directories
 * (-ENOENT for a missing name, -EISDIR/-ENOTDIR for the wrong kind).
 */
#include <linux/fs.h>
#include "helpers.h"

static struct io_uring ring;
static char dir[256];

static int run(void)
{
	return t_submit_one(&ring);
}

/* An absolute path inside the test directory. */
static const char *in_dir(const char *name)
{
	static char bufs[4][512];
	static int next;
	char *p = bufs[next++ & 3];

	snprintf(p, 512, "%s/%s", dir, name);
	return p;
}

static void check_stat(const char *name, mode_t type, mode_t perm)
{
	struct stat st;

	if (lstat(in_dir(name), &st))
		FAIL("%s: %s", name, strerror(errno));
	CHECK_EQ(st.st_mode & S_IFMT, type);
	if (perm)
		CHECK_EQ(st.st_mode & 07777, perm);
}

static void check_gone(const char *name)
{
	struct stat st;

	CHECK_EQ(lstat(in_dir(name), &st), -1);
	CHECK_EQ(errno, ENOENT);
}

int main(int argc, char **argv)
{
	struct stat a, b;
	char target[64];
	int dfd, ret;

	(void)argc;
	t_init(argv[0]);
	umask(022);
	t_path(dir, sizeof(dir), "dir");
	CHECK_SYS(mkdir(dir, 0755));
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK_SYS(dfd);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));

	/* mkdir */
	io_uring_prep_mkdirat(t_sqe(&ring), dfd, "d1", 0750);
	ret = run();
	if (t_lacks(ret, "IORING_OP_MKDIRAT", 5, 15))
		goto out;
	CHECK_EQ(ret, 0);
	check_stat("d1", S_IFDIR, 0750);
	io_uring_prep_mkdir(t_sqe(&ring), in_dir("d2"), 0700);
	CHECK_EQ(run(), 0);
	check_stat("d2", S_IFDIR, 0700);
	io_uring_prep_mkdirat(t_sqe(&ring), dfd, "d1", 0750);
	CHECK_EQ(run(), -EEXIST);

	/* symlink */
	io_uring_prep_symlinkat(t_sqe(&ring), "d1", dfd, "s1");
	CHECK_EQ(run(), 0);
	check_stat("s1", S_IFLNK, 0);
	CHECK_EQ(readlink(in_dir("s1"), target, sizeof(target)), 2);
	CHECK(!memcmp(target, "d1", 2));
	io_uring_prep_symlink(t_sqe(&ring), "nowhere", in_dir("s2"));
	CHECK_EQ(run(), 0);
	CHECK_EQ(readlink(in_dir("s2"), target, sizeof(target)), 7);
	CHECK(!memcmp(target, "nowhere", 7));

	/* link */
	{
		int fd = openat(dfd, "f", O_CREAT | O_WRONLY, 0644);

		CHECK_SYS(fd);
		CHECK_EQ(write(fd, "file", 4), 4);
		close(fd);
	}
	io_uring_prep_linkat(t_sqe(&ring), dfd, "f", dfd, "h1", 0);
	CHECK_EQ(run(), 0);
	io_uring_prep_link(t_sqe(&ring), in_dir("f"), in_dir("h2"), 0);
	CHECK_EQ(run(), 0);
	CHECK_SYS(stat(in_dir("f"), &a));
	CHECK_SYS(stat(in_dir("h2"), &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_nlink, 3);
	io_uring_prep_linkat(t_sqe(&ring), dfd, "f", dfd, "h1", 0);
	CHECK_EQ(run(), -EEXIST);
	/* AT_SYMLINK_FOLLOW links what the symlink points at. */
	io_uring_prep_symlinkat(t_sqe(&ring), "f", dfd, "sf");
	CHECK_EQ(run(), 0);
	io_uring_prep_linkat(t_sqe(&ring), dfd, "sf", dfd, "h3",
			     AT_SYMLINK_FOLLOW);
	CHECK_EQ(run(), 0);
	check_stat("h3", S_IFREG, 0644);

	/* rename */
	io_uring_prep_renameat(t_sqe(&ring), dfd, "h1", dfd, "r1", 0);
	CHECK_EQ(run(), 0);
	check_gone("h1");
	check_stat("r1", S_IFREG, 0644);
	io_uring_prep_rename(t_sqe(&ring), in_dir("r1"), in_dir("r2"));
	CHECK_EQ(run(), 0);
	check_gone("r1");
	io_uring_prep_renameat(t_sqe(&ring), dfd, "r2", dfd, "f",
			       RENAME_NOREPLACE);
	CHECK_EQ(run(), -EEXIST);
	check_stat("r2", S_IFREG, 0644);

	/* unlink */
	io_uring_prep_unlinkat(t_sqe(&ring), dfd, "r2", 0);
	CHECK_EQ(run(), 0);
	check_gone("r2");
	io_uring_prep_unlinkat(t_sqe(&ring), dfd, "r2", 0);
	CHECK_EQ(run(), -ENOENT);
	io_uring_prep_unlinkat(t_sqe(&ring), dfd, "d1", 0);
	CHECK_EQ(run(), -EISDIR);
	io_uring_prep_unlinkat(t_sqe(&ring), dfd, "f", AT_REMOVEDIR);
	CHECK_EQ(run(), -ENOTDIR);
	io_uring_prep_unlinkat(t_sqe(&ring), dfd, "d1", AT_REMOVEDIR);
	CHECK_EQ(run(), 0);
	check_gone("d1");
	io_uring_prep_unlink(t_sqe(&ring), in_dir("d2"), AT_REMOVEDIR);
	CHECK_EQ(run(), 0);
	check_gone("d2");
	{
		static const char *const names[] = {
			"s1", "s2", "f", "h2", "sf", "h3",
		};
		size_t i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			io_uring_prep_unlink(t_sqe(&ring), in_dir(names[i]),
					     0);
			CHECK_EQ(run(), 0);
			check_gone(names[i]);
		}
	}
out:
	io_uring_queue_exit(&ring);
	close(dfd);
	CHECK_SYS(rmdir(dir));
	return t_done();
}
