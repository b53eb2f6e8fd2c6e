// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_clone_buffers (6.12): a second ring gets the first
 * ring's registered buffers without registering them itself; a fixed read
 * through the clone lands in the original memory. Cloning onto a ring
 * that has buffers is -EBUSY; a source without buffers is -ENXIO; a source
 * whose fd is registered is named by its index (SRC_REGISTERED).
 */
#include "ringmodes.h"
#include "sockets.h"

static unsigned char (*mem)[4096];	/* 2 buffers, anonymous memory */

/* Bytes written to the pipe, read with a fixed read into buf (index). */
static void fixed_read_pipe(struct io_uring *ring, const int pfd[2],
			    int index, void *buf, unsigned seed)
{
	unsigned char out[512];
	struct io_uring_sqe *sqe = t_sqe(ring);

	t_fill(out, sizeof(out), seed, 0);
	CHECK_EQ(write(pfd[1], out, sizeof(out)), sizeof(out));
	io_uring_prep_read_fixed(sqe, pfd[0], buf, sizeof(out), 0, index);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, sizeof(out));
	t_check_bytes(buf, sizeof(out), seed, 0);
}

static void run(struct io_uring *src, const struct t_ring_mode *mode,
		void *arg)
{
	struct iovec iov[2] = { { mem[0], 4096 }, { mem[1], 4096 } };
	struct io_uring dst, empty;
	int pfd[2], ret;

	(void)arg;
	CHECK_EQ(t_ring_init_mode(&dst, 8, mode, 0, 0), 0);
	CHECK_OK(io_uring_queue_init(4, &empty, 0));
	CHECK_SYS(pipe(pfd));

	CHECK_OK(io_uring_register_buffers(src, iov, 2));
	ret = io_uring_clone_buffers(&dst, src);
	t_skip_if_unsupported(ret, "IORING_REGISTER_CLONE_BUFFERS", "6.12");
	CHECK_EQ(ret, 0);
	/* dst's buffer 1 is src's memory. */
	memset(mem[1], 0, sizeof(mem[1]));
	fixed_read_pipe(&dst, pfd, 1, mem[1], 1);
	CHECK_EQ(io_uring_clone_buffers(&dst, src), -EBUSY);
	/* The original still works, and unregistering dst leaves src's. */
	CHECK_OK(io_uring_unregister_buffers(&dst));
	fixed_read_pipe(src, pfd, 0, mem[0], 2);

	/* Nothing to clone. */
	CHECK_EQ(io_uring_clone_buffers(&dst, &empty), -ENXIO);

	/* Source named by registered index (needs FEAT_REG_REG_RING). */
	if (src->features & IORING_FEAT_REG_REG_RING) {
		CHECK_EQ(io_uring_register_ring_fd(src), 1);
		CHECK_EQ(__io_uring_clone_buffers(&dst, src, 0), 0);
		fixed_read_pipe(&dst, pfd, 0, mem[0], 3);
		CHECK_EQ(io_uring_unregister_ring_fd(src), 1);
	}
	close(pfd[0]);
	close(pfd[1]);
	io_uring_queue_exit(&empty);
	io_uring_queue_exit(&dst);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	mem = t_anon_alloc(2 * 4096);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
