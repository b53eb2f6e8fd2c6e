// SPDX-License-Identifier: MIT
/*
 * Description: registered buffers: register (plain 5.1, tagged 5.13,
 * sparse 5.19), update_tag and unregister. write_fixed/read_fixed move
 * bytes between a file and the registered memory; an address outside the
 * registered range is -EFAULT, an empty slot or no table -EFAULT; a
 * replaced buffer's tag arrives as a CQE (and on newer kernels those
 * still registered at unregister); a second table
 * is -EBUSY and unregistering nothing -ENXIO.
 */
#include "ringmodes.h"
#include "sockets.h"

#define BSZ	8192

static char path[256];
static int fd;
static unsigned char (*mem)[BSZ];	/* 4 buffers, anonymous memory */

static int fixed_rw(struct io_uring *ring, bool write, void *buf, size_t len,
		    __u64 off, int index)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	if (write)
		io_uring_prep_write_fixed(sqe, fd, buf, (unsigned)len, off,
					  index);
	else
		io_uring_prep_read_fixed(sqe, fd, buf, (unsigned)len, off,
					 index);
	sqe->user_data = 1;
	t_submit(ring, 1);
	return t_reap(ring, 5000).res;
}

/*
 * Write stream seed from memory wbuf (registered as index wi), read it
 * back into the middle of rbuf (index ri).
 */
static void roundtrip(struct io_uring *ring, unsigned char *wbuf, int wi,
		      unsigned char *rbuf, int ri, unsigned seed)
{
	t_fill(wbuf, BSZ, seed, 0);
	memset(rbuf + 100, 0, 1000);
	CHECK_EQ(fixed_rw(ring, true, wbuf, BSZ, 0, wi), BSZ);
	CHECK_EQ(fixed_rw(ring, false, rbuf + 100, 1000, 0, ri), 1000);
	t_check_bytes(rbuf + 100, 1000, seed, 0);
}

static void expect_tags(struct io_uring *ring, unsigned want_mask)
{
	unsigned seen = 0;

	while (seen != want_mask) {
		struct io_uring_cqe cqe = t_reap(ring, 5000);

		CHECK(cqe.user_data >= 10 && cqe.user_data < 16);
		CHECK_EQ(cqe.res, 0);
		CHECK(!(seen & (1U << (cqe.user_data - 10))));
		seen |= 1U << (cqe.user_data - 10);
		CHECK(!(seen & ~want_mask));
	}
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct iovec iov[4];
	__u64 tags[2] = { 11, 12 }, tag;
	int ret, i;

	(void)mode;
	(void)arg;
	for (i = 0; i < 4; i++)
		iov[i] = (struct iovec){ mem[i], BSZ };

	CHECK_EQ(io_uring_register_buffers(ring, iov, 2), 0);
	roundtrip(ring, mem[0], 0, mem[1], 1, 1);
	roundtrip(ring, mem[1], 1, mem[0], 0, 2);
	CHECK_EQ(io_uring_register_buffers(ring, iov, 2), -EBUSY);
	/* Buffer 0's index with buffer 2's memory: outside it, -EFAULT. */
	CHECK_EQ(fixed_rw(ring, false, mem[2], 10, 0, 0), -EFAULT);
	CHECK_EQ(io_uring_unregister_buffers(ring), 0);
	CHECK_EQ(fixed_rw(ring, false, mem[0], 10, 0, 0), -EFAULT);
	CHECK_EQ(io_uring_unregister_buffers(ring), -ENXIO);

	/* Tagged: replacing buffer 0 releases tag 11, unregister the rest. */
	ret = io_uring_register_buffers_tags(ring, iov, tags, 2);
	t_skip_if_unsupported(ret, "tagged buffer registration", "5.13");
	CHECK_EQ(ret, 0);
	tag = 13;
	CHECK_EQ(io_uring_register_buffers_update_tag(ring, 0, &iov[2], &tag,
						      1), 1);
	expect_tags(ring, 1U << 1);
	/* Index 0 is mem[2] now; mem[0] is outside every buffer. */
	roundtrip(ring, mem[2], 0, mem[1], 1, 3);
	CHECK_EQ(fixed_rw(ring, false, mem[0], 10, 0, 0), -EFAULT);
	CHECK_EQ(io_uring_unregister_buffers(ring), 0);
	/* Tags 12 and 13 at unregister: on 6.18, not on 6.12. */
	t_unregister_tags(ring, 10, (1U << 2) | (1U << 3));
	t_expect_no_cqe(ring, 20);

	/* Sparse: slot 3 is empty until an update fills it. */
	CHECK_EQ(io_uring_register_buffers_sparse(ring, 4), 0);
	CHECK_EQ(fixed_rw(ring, false, mem[3], 10, 0, 3), -EFAULT);
	CHECK_EQ(io_uring_register_buffers_update_tag(ring, 3, &iov[3], NULL,
						      1), 1);
	CHECK_EQ(fixed_rw(ring, false, mem[3], 10, 0, 3), 10);
	CHECK_EQ(io_uring_unregister_buffers(ring), 0);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	fd = t_tmpfile(path, NULL, 0);
	mem = t_anon_alloc(4 * BSZ);
	t_for_each_ring_mode(NULL, run, NULL);
	close(fd);
	unlink(path);
	return T_EXIT_PASS;
}
