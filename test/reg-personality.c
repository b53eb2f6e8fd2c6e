// SPDX-License-Identifier: MIT
/*
 * Description: registered personalities (5.6): register returns an id for
 * sqe->personality; requests carrying it run with the credentials of the
 * registration (as root: a root-only file opens with the personality even
 * after dropping to an unprivileged euid, and is -EACCES without it); an
 * unknown id is -EINVAL, also for unregister.
 */
#include "ringmodes.h"

static char path[256];

static int open_with(struct io_uring *ring, int personality)
{
	struct io_uring_sqe *sqe = t_sqe(ring);
	int res;

	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY, 0);
	sqe->personality = (__u16)personality;
	t_submit(ring, 1);
	res = t_reap(ring, 5000).res;
	if (res >= 0)
		close(res);
	return res;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct io_uring_sqe *sqe;
	int id, res;

	(void)mode;
	(void)arg;
	id = io_uring_register_personality(ring);
	t_skip_if_unsupported(id, "IORING_REGISTER_PERSONALITY", "5.6");
	CHECK(id > 0);
	sqe = t_sqe(ring);
	io_uring_prep_nop(sqe);
	sqe->personality = (__u16)id;
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 0);

	/*
	 * As root, drop to nobody's euid: the file is 0600 root, so only
	 * the registered (root) personality may open it. The SQPOLL thread
	 * always runs as the ring's creator, so the check needs the other
	 * modes.
	 */
	if (geteuid() == 0 && !(ring->flags & IORING_SETUP_SQPOLL)) {
		CHECK_SYS(seteuid(65534));
		res = open_with(ring, 0);
		CHECK_EQ(res, -EACCES);
		res = open_with(ring, id);
		CHECK(res >= 0);
		CHECK_SYS(seteuid(0));
	}

	CHECK_EQ(io_uring_unregister_personality(ring, id), 0);
	sqe = t_sqe(ring);
	io_uring_prep_nop(sqe);
	sqe->personality = (__u16)id;
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, -EINVAL);
	CHECK_EQ(io_uring_unregister_personality(ring, id), -EINVAL);
}

int main(int argc, char **argv)
{
	int fd;

	(void)argc;
	t_init(argv[0]);
	fd = t_tmpfile(path, "secret", 6);
	CHECK_SYS(fchmod(fd, 0600));
	close(fd);
	t_for_each_ring_mode(NULL, run, NULL);
	unlink(path);
	return T_EXIT_PASS;
}
