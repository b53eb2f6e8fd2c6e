// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_clone_buffers_offset (6.13): nr buffers from the
 * source's slot src_off go to the destination's slot dst_off; a table the
 * destination already has is only overwritten with
 * IORING_REGISTER_DST_REPLACE (-EBUSY without); ranges past the source's
 * table are -EOVERFLOW.
 */
#include "ringmodes.h"
#include "sockets.h"

static unsigned char (*mem)[4096];	/* 4 buffers, anonymous memory */

/* Read through dst's fixed index; the bytes must land in mem[want]. */
static void check_maps(struct io_uring *ring, int index, int want,
		       unsigned seed)
{
	unsigned char out[256];
	struct io_uring_sqe *sqe;
	int pfd[2];

	CHECK_SYS(pipe(pfd));
	t_fill(out, sizeof(out), seed, 0);
	CHECK_EQ(write(pfd[1], out, sizeof(out)), sizeof(out));
	memset(mem[want], 0, sizeof(out));
	sqe = t_sqe(ring);
	io_uring_prep_read_fixed(sqe, pfd[0], mem[want], sizeof(out), 0,
				 index);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, sizeof(out));
	t_check_bytes(mem[want], sizeof(out), seed, 0);
	close(pfd[0]);
	close(pfd[1]);
}

static void run(struct io_uring *src, const struct t_ring_mode *mode,
		void *arg)
{
	struct iovec iov[4];
	struct io_uring dst;
	int ret, i;

	(void)arg;
	for (i = 0; i < 4; i++)
		iov[i] = (struct iovec){ mem[i], 4096 };
	CHECK_EQ(t_ring_init_mode(&dst, 8, mode, 0, 0), 0);
	CHECK_OK(io_uring_register_buffers(src, iov, 4));

	/* src 1..2 -> dst 2..3 on a dst without a table. */
	ret = io_uring_clone_buffers_offset(&dst, src, 2, 1, 2, 0);
	t_skip_if_unsupported(ret, "IORING_REGISTER_CLONE_BUFFERS with "
			      "offsets", "6.13");
	CHECK_EQ(ret, 0);
	check_maps(&dst, 2, 1, 1);
	check_maps(&dst, 3, 2, 2);

	/* dst has a table now: overwrite slot 0 only with DST_REPLACE. */
	CHECK_EQ(io_uring_clone_buffers_offset(&dst, src, 0, 3, 1, 0), -EBUSY);
	CHECK_EQ(__io_uring_clone_buffers_offset(&dst, src, 0, 3, 1,
						 IORING_REGISTER_DST_REPLACE),
		 0);
	check_maps(&dst, 0, 3, 3);
	check_maps(&dst, 3, 2, 4);	/* untouched */

	/* Past the end of the source's table. */
	CHECK_EQ(io_uring_clone_buffers_offset(&dst, src, 0, 3, 2,
					       IORING_REGISTER_DST_REPLACE),
		 -EOVERFLOW);
	io_uring_queue_exit(&dst);
	CHECK_OK(io_uring_unregister_buffers(src));
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	mem = t_anon_alloc(4 * 4096);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
