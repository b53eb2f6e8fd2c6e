// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_prep_cmd_discard (BLOCK_URING_CMD_DISCARD, 6.12)
 * on a loop device over a temp file: the discarded range reads back as
 * zeroes while the bytes around it are untouched; a misaligned range is
 * -EINVAL. Needs root and loop devices (CONFIG_BLK_DEV_LOOP) to build the
 * block device.
 */
#include <linux/loop.h>
#include <sys/ioctl.h>
#include "ringmodes.h"
#include "sockets.h"

#define DEV_SIZE	(4 << 20)
#define DISC_OFF	(1 << 20)
#define DISC_LEN	(1 << 20)

static char backing[256];
static char devpath[64];

/* Attach a free loop device to fd; it detaches itself on last close. */
static int loop_attach(int backing_fd)
{
	struct loop_info64 info;
	int ctl, nr, dev;

	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0)
		t_skip("no /dev/loop-control (%s): kernel without loop "
		       "devices, or not root", strerror(errno));
	nr = ioctl(ctl, LOOP_CTL_GET_FREE);
	CHECK_SYS(nr);
	close(ctl);
	snprintf(devpath, sizeof(devpath), "/dev/loop%d", nr);
	dev = open(devpath, O_RDWR | O_CLOEXEC);
	CHECK_SYS(dev);
	CHECK_SYS(ioctl(dev, LOOP_SET_FD, backing_fd));
	memset(&info, 0, sizeof(info));
	info.lo_flags = LO_FLAGS_AUTOCLEAR;
	CHECK_SYS(ioctl(dev, LOOP_SET_STATUS64, &info));
	return dev;
}

static int discard(struct io_uring *ring, int dev, __u64 off, __u64 len)
{
	io_uring_prep_cmd_discard(t_sqe(ring), dev, off, len);
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	int dev = *(int *)arg, res;
	unsigned char *buf = malloc(DEV_SIZE);
	size_t i;

	(void)mode;
	CHECK(buf);
	t_fill(buf, DEV_SIZE, 5, 0);
	CHECK_EQ(pwrite(dev, buf, DEV_SIZE, 0), DEV_SIZE);
	CHECK_SYS(fsync(dev));

	res = discard(ring, dev, DISC_OFF, DISC_LEN);
	t_skip_if_unsupported(res, "BLOCK_URING_CMD_DISCARD", "6.12");
	CHECK_EQ(res, 0);
	/* Read past the page cache, which the discard invalidated anyway. */
	CHECK_EQ(pread(dev, buf, DEV_SIZE, 0), DEV_SIZE);
	t_check_bytes(buf, DISC_OFF, 5, 0);
	for (i = DISC_OFF; i < DISC_OFF + DISC_LEN; i++)
		if (buf[i])
			FAIL("byte %zu is %#x after discard", i, buf[i]);
	t_check_bytes(buf + DISC_OFF + DISC_LEN,
		      DEV_SIZE - DISC_OFF - DISC_LEN, 5, DISC_OFF + DISC_LEN);
	CHECK_EQ(discard(ring, dev, 100, 4096), -EINVAL);
	free(buf);
}

int main(int argc, char **argv)
{
	int fd, dev;

	(void)argc;
	t_init(argv[0]);
	fd = t_tmpfile(backing, NULL, 0);
	CHECK_SYS(ftruncate(fd, DEV_SIZE));
	dev = loop_attach(fd);
	t_for_each_ring_mode(NULL, run, &dev);
	close(dev);
	close(fd);
	unlink(backing);
	return T_EXIT_PASS;
}
