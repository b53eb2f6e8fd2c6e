// SPDX-License-Identifier: MIT
/*
 * Description: vectored I/O on registered buffers (6.15): writev_fixed
 * gathers three pieces of a registered buffer into a file, readv_fixed
 * scatters the file back into other pieces; an iovec outside the buffer
 * is -EFAULT; sendmsg_zc_fixed sends iovecs of a registered buffer over
 * TCP with result and notification CQEs, and the peer gets every byte.
 */
#include "ringmodes.h"
#include "sockets.h"

#define BSZ	(64 * 1024)

static unsigned char *mem;
static char path[256];
static int fd;

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct iovec reg = { mem, BSZ };
	struct iovec iov[3];
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	unsigned char out[7000];
	int res, fds[2];

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_WRITEV_FIXED, "IORING_OP_WRITEV_FIXED",
		     "6.15");
	CHECK_OK(io_uring_register_buffers(ring, &reg, 1));

	t_fill(mem, 7000, 1, 0);
	iov[0] = (struct iovec){ mem, 1000 };
	iov[1] = (struct iovec){ mem + 1000, 2000 };
	iov[2] = (struct iovec){ mem + 3000, 4000 };
	io_uring_prep_writev_fixed(t_sqe(ring), fd, iov, 3, 0, 0, 0);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 7000);
	CHECK_EQ(pread(fd, out, sizeof(out), 0), 7000);
	t_check_bytes(out, 7000, 1, 0);

	/* Scatter back into the upper half, in pieces of other sizes. */
	memset(mem + 32768, 0, 7000);
	iov[0] = (struct iovec){ mem + 32768, 3500 };
	iov[1] = (struct iovec){ mem + 32768 + 3500, 3400 };
	iov[2] = (struct iovec){ mem + 32768 + 6900, 100 };
	io_uring_prep_readv_fixed(t_sqe(ring), fd, iov, 3, 0, 0, 0);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, 7000);
	t_check_bytes(mem + 32768, 7000, 1, 0);

	/* A piece outside the registered buffer. */
	iov[0] = (struct iovec){ out, 100 };
	io_uring_prep_readv_fixed(t_sqe(ring), fd, iov, 1, 0, 0, 0);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, -EFAULT);

	/* sendmsg_zc_fixed: two pieces of the buffer, one stream. */
	t_tcp_pair(fds);
	{
		struct msghdr msg;
		size_t got = 0;

		t_fill(mem + 1000, 5000, 2, 0);
		iov[0] = (struct iovec){ mem + 1000, 2500 };
		iov[1] = (struct iovec){ mem + 3500, 2500 };
		memset(&msg, 0, sizeof(msg));
		msg.msg_iov = iov;
		msg.msg_iovlen = 2;
		sqe = t_sqe(ring);
		io_uring_prep_sendmsg_zc_fixed(sqe, fds[0], &msg, MSG_WAITALL,
					       0);
		sqe->user_data = 5;
		t_submit(ring, 1);
		cqe = t_reap(ring, 5000);
		res = cqe.res;
		CHECK_EQ(cqe.user_data, 5);
		CHECK_EQ(res, 5000);
		CHECK(cqe.flags & IORING_CQE_F_MORE);
		cqe = t_reap(ring, 5000);
		CHECK(cqe.flags & IORING_CQE_F_NOTIF);
		while (got < 5000) {
			ssize_t n = read(fds[1], out + got, 5000 - got);

			CHECK(n > 0);
			got += (size_t)n;
		}
		t_check_bytes(out, 5000, 2, 0);
	}
	t_close_pair(fds);
	CHECK_OK(io_uring_unregister_buffers(ring));
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	mem = aligned_alloc(4096, BSZ);
	CHECK(mem);
	fd = t_tmpfile(path, NULL, 0);
	t_for_each_ring_mode(NULL, run, NULL);
	close(fd);
	unlink(path);
	free(mem);
	return T_EXIT_PASS;
}
