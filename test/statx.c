// SPDX-License-Identifier: MIT
/*
 * Description: statx through the ring matches fstat(): size, mode, inode
 * and link count of a file by path, relative to a directory fd, and by fd
 * with AT_EMPTY_PATH; AT_SYMLINK_NOFOLLOW reports the link itself; a
 * missing path is -ENOENT and the buffer is left alone.
 */
#include <sys/stat.h>
#include "helpers.h"

static struct io_uring ring;

static int do_statx(int dfd, const char *path, int flags, struct statx *stx)
{
	memset(stx, 0xee, sizeof(*stx));
	io_uring_prep_statx(t_sqe(&ring), dfd, path, flags,
			    STATX_BASIC_STATS, stx);
	return t_submit_one(&ring);
}

static void same_file(const struct statx *stx, const struct stat *st)
{
	CHECK(stx->stx_mask & STATX_SIZE);
	CHECK_EQ(stx->stx_size, st->st_size);
	CHECK_EQ(stx->stx_ino, st->st_ino);
	CHECK_EQ(stx->stx_mode, st->st_mode);
	CHECK_EQ(stx->stx_nlink, st->st_nlink);
	CHECK_EQ(stx->stx_uid, st->st_uid);
}

int main(int argc, char **argv)
{
	char path[256], link[256], *base;
	struct statx stx;
	struct stat st;
	int fd, dfd;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	fd = t_tmpfile(path, NULL, 12345);
	CHECK_SYS(fchmod(fd, 0604));
	CHECK_SYS(fstat(fd, &st));

	CHECK_EQ(do_statx(AT_FDCWD, path, 0, &stx), 0);
	same_file(&stx, &st);
	CHECK_EQ(stx.stx_size, 12345);
	CHECK_EQ(stx.stx_mode & 07777, 0604);
	CHECK(S_ISREG(stx.stx_mode));

	/* Relative to the directory. */
	base = strrchr(path, '/');
	*base = 0;
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	CHECK_SYS(dfd);
	*base = '/';
	CHECK_EQ(do_statx(dfd, base + 1, 0, &stx), 0);
	same_file(&stx, &st);

	/* By fd alone. */
	CHECK_EQ(do_statx(fd, "", AT_EMPTY_PATH, &stx), 0);
	same_file(&stx, &st);

	/* A symlink, followed and not. */
	t_path(link, sizeof(link), "link");
	CHECK_SYS(symlink(path, link));
	CHECK_EQ(do_statx(AT_FDCWD, link, 0, &stx), 0);
	same_file(&stx, &st);
	CHECK_EQ(do_statx(AT_FDCWD, link, AT_SYMLINK_NOFOLLOW, &stx), 0);
	CHECK(S_ISLNK(stx.stx_mode));
	CHECK_EQ(stx.stx_size, strlen(path));

	/* Missing: -ENOENT, buffer untouched. */
	unlink(link);
	CHECK_EQ(do_statx(AT_FDCWD, link, 0, &stx), -ENOENT);
	CHECK_EQ(stx.stx_mask, 0xeeeeeeee);

	io_uring_queue_exit(&ring);
	close(dfd);
	close(fd);
	unlink(path);
	return T_EXIT_PASS;
}
