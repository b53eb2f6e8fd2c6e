// SPDX-License-Identifier: MIT
/*
 * Description: the registered ring fd. io_uring_register_ring_fd() returns
 * 1 and makes enter use the registered index (a second call is -EEXIST);
 * io_uring_close_ring_fd() then really closes the fd (-EINVAL before
 * registering, -EBADF the second time, -EOPNOTSUPP before Linux 6.3) while I/O, probing and teardown go
 * on through the index; io_uring_unregister_ring_fd() undoes registering
 * (-EINVAL when nothing is registered).
 */
#include "helpers.h"

static void write_read(struct io_uring *ring, int fd, const char *s)
{
	size_t len = strlen(s);
	char buf[32] = { 0 };

	io_uring_prep_write(t_sqe(ring), fd, s, (unsigned)len, 0);
	CHECK_EQ(t_submit_one(ring), len);
	io_uring_prep_read(t_sqe(ring), fd, buf, (unsigned)len, 0);
	CHECK_EQ(t_submit_one(ring), len);
	CHECK(!memcmp(buf, s, len));
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	char path[256];
	int fd, ring_fd, ret;

	(void)argc;
	t_init(argv[0]);
	fd = t_tmpfile(path, NULL, 0);

	/* Register and unregister. */
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	ring_fd = ring.ring_fd;
	CHECK_EQ(io_uring_unregister_ring_fd(&ring), -EINVAL);
	/* Nothing registered yet (or, before 6.3, no closing at all). */
	CHECK_EQ(io_uring_close_ring_fd(&ring),
		 ring.features & IORING_FEAT_REG_REG_RING ? -EINVAL :
							    -EOPNOTSUPP);
	ret = io_uring_register_ring_fd(&ring);
	if (ret < 0 && t_lacks(ret, "registered ring fds", 5, 18))
		return t_done();
	CHECK_EQ(ret, 1);
	CHECK_EQ(io_uring_register_ring_fd(&ring), -EEXIST);
	CHECK(ring.enter_ring_fd != ring_fd);
	CHECK(ring.enter_ring_fd >= 0);
	CHECK_EQ(ring.ring_fd, ring_fd);
	write_read(&ring, fd, "registered");
	CHECK_EQ(io_uring_unregister_ring_fd(&ring), 1);
	CHECK_EQ(io_uring_unregister_ring_fd(&ring), -EINVAL);
	CHECK_EQ(ring.enter_ring_fd, ring_fd);
	write_read(&ring, fd, "unregistered");
	io_uring_queue_exit(&ring);

	/* Register, then close the fd: the ring lives on, fd-less. */
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	ring_fd = ring.ring_fd;
	CHECK_EQ(io_uring_register_ring_fd(&ring), 1);
	ret = io_uring_close_ring_fd(&ring);
	if (ret < 0 && t_lacks(ret, "io_uring_close_ring_fd", 6, 3)) {
		io_uring_queue_exit(&ring);
		return t_done();
	}
	CHECK_EQ(ret, 1);
	CHECK_EQ(ring.ring_fd, -1);
	CHECK_EQ(fcntl(ring_fd, F_GETFD), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(io_uring_close_ring_fd(&ring), -EBADF);
	write_read(&ring, fd, "fd closed");
	{
		/* io_uring_register() goes through the index as well. */
		struct io_uring_probe *probe = io_uring_get_probe_ring(&ring);

		CHECK(probe != NULL);
		CHECK(io_uring_opcode_supported(probe, IORING_OP_READ));
		io_uring_free_probe(probe);
	}
	/* Many SQEs through the index, reaped with waits that enter. */
	{
		unsigned i;

		for (i = 0; i < 4; i++)
			io_uring_prep_nop(t_sqe(&ring));
		CHECK_EQ(io_uring_submit_and_wait(&ring, 4), 4);
		io_uring_cq_advance(&ring, 4);
	}
	io_uring_queue_exit(&ring);
	CHECK_EQ(ring.enter_ring_fd, -1);

	close(fd);
	unlink(path);
	return t_done();
}
