// SPDX-License-Identifier: MIT
/*
 * Description: a ZERO through io_uring is reported to inotify watchers as
 * IN_MODIFY of the file, like a write; a refused one (bad flags, or
 * -EOPNOTSUPP on tmpfs) reports nothing.
 */
#include <poll.h>
#include <sys/inotify.h>

#include "zero-helpers.h"

/* Collect the event masks queued on the inotify fd, without blocking. */
static unsigned pending_events(int in_fd, int wd)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	unsigned mask = 0;
	ssize_t n;
	char *p;

	while ((n = read(in_fd, buf, sizeof(buf))) > 0) {
		for (p = buf; p < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)p;

			if (ev->wd == wd)
				mask |= ev->mask;
			p += sizeof(*ev) + ev->len;
		}
	}
	if (n < 0 && errno != EAGAIN)
		FAIL("read inotify: %s", strerror(errno));
	return mask;
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	char path[256];
	int fd, in_fd, wd;
	bool fs_zeroes;
	unsigned mask;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	zt_expected_opcode();
	fd = t_tmpfile(path, "0123456789", 10);
	fs_zeroes = zt_fs_zeroes(&ring, fd);

	in_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	CHECK_SYS(in_fd);
	wd = inotify_add_watch(in_fd, path, IN_MODIFY | IN_ATTRIB);
	CHECK_SYS(wd);
	CHECK_EQ(pending_events(in_fd, wd), 0);

	/* Refused: unknown flag. No event. */
	zt_prep_zero(t_sqe(&ring), fd, 0, 4, 1U << 9);
	CHECK_EQ(t_submit_one(&ring), -EINVAL);
	CHECK_EQ(pending_events(in_fd, wd) & IN_MODIFY, 0);

	zt_prep_zero(t_sqe(&ring), fd, 2, 4, 0);
	CHECK_EQ(t_submit_one(&ring), zt_ok(fs_zeroes));
	/* The event is queued before the CQE is posted: no waiting needed. */
	mask = pending_events(in_fd, wd);
	printf("events after ZERO: %#x\n", mask);
	if (fs_zeroes)
		CHECK(mask & IN_MODIFY);
	else
		CHECK_EQ(mask & IN_MODIFY, 0);

	close(in_fd);
	close(fd);
	unlink(path);
	io_uring_queue_exit(&ring);
	return T_EXIT_PASS;
}
