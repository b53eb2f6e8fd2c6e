// SPDX-License-Identifier: MIT
/*
 * Description: provided-buffer rings (5.19): io_uring_setup_buf_ring and
 * io_uring_free_buf_ring, register/unregister_buf_ring, buf_ring_init,
 * add, advance, mask and cq_advance. Receives with IOSQE_BUFFER_SELECT
 * get the buffers in ring order with their ids in the CQE; a dry ring
 * gives -ENOBUFS and leaves the data queued; buffers handed back are used
 * again; the kernel's argument checks (-EEXIST, -EINVAL, -ENOENT) hold.
 */
#include <sys/mman.h>
#include "ringmodes.h"
#include "sockets.h"

#define NBUFS	8
#define BUFSZ	64
#define BGID	3

static void send_msg(int fd, unsigned seed, size_t len)
{
	unsigned char msg[BUFSZ];

	t_fill(msg, len, seed, 0);
	CHECK_EQ(write(fd, msg, len), (ssize_t)len);
}

static void queue_select_recv(struct io_uring *ring, int fd, int bgid,
			      __u64 ud)
{
	struct io_uring_sqe *sqe = t_sqe(ring);

	io_uring_prep_recv(sqe, fd, NULL, BUFSZ, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	io_uring_sqe_set_buf_group(sqe, bgid);
	sqe->user_data = ud;
}

static unsigned cqe_bid(const struct io_uring_cqe *cqe)
{
	CHECK(cqe->flags & IORING_CQE_F_BUFFER);
	return cqe->flags >> IORING_CQE_BUFFER_SHIFT;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	static unsigned char bufs[NBUFS][BUFSZ];
	int mask = io_uring_buf_ring_mask(NBUFS), fds[2], err = 0, i;
	struct io_uring_buf_ring *br;
	struct io_uring_cqe *cqe;

	(void)mode;
	(void)arg;
	br = io_uring_setup_buf_ring(ring, NBUFS, BGID, 0, &err);
	if (!br)
		t_skip_if_unsupported(err, "provided buffer rings", "5.19");
	CHECK(br != NULL);
	CHECK_EQ(mask, NBUFS - 1);
	CHECK_EQ(br->tail, 0);
	for (i = 0; i < NBUFS; i++)
		io_uring_buf_ring_add(br, bufs[i], BUFSZ, (unsigned short)i,
				      mask, i);
	/* Nothing is visible to the kernel before advance. */
	CHECK_EQ(br->tail, 0);
	io_uring_buf_ring_advance(br, NBUFS);
	CHECK_EQ(br->tail, NBUFS);

	/* The same group id twice: -EEXIST. */
	{
		struct io_uring_buf_reg reg = {
			.ring_addr = (__u64)(uintptr_t)br,
			.ring_entries = NBUFS,
			.bgid = BGID,
		};

		CHECK_EQ(io_uring_register_buf_ring(ring, &reg, 0), -EEXIST);
		/* A size that is not a power of two: -EINVAL. */
		reg.bgid = BGID + 1;
		reg.ring_entries = 6;
		CHECK_EQ(io_uring_register_buf_ring(ring, &reg, 0), -EINVAL);
	}

	/* Datagrams, so each receive takes exactly one message. */
	t_socketpair(SOCK_SEQPACKET, fds);
	for (i = 0; i < NBUFS; i++)
		send_msg(fds[0], (unsigned)i, 10 + (size_t)i);
	for (i = 0; i < NBUFS; i++)
		queue_select_recv(ring, fds[1], BGID, (__u64)i);
	t_submit(ring, NBUFS);
	for (i = 0; i < NBUFS; i++) {
		unsigned bid;

		cqe = t_wait_ms(ring, 5000);
		/* Requests on one socket complete in order, buffers likewise. */
		CHECK_EQ(cqe->user_data, i);
		CHECK_EQ(cqe->res, 10 + i);
		bid = cqe_bid(cqe);
		CHECK_EQ(bid, i);
		t_check_bytes(bufs[bid], (size_t)cqe->res, (unsigned)i, 0);
		io_uring_cqe_seen(ring, cqe);
	}

	/* The ring is dry: -ENOBUFS, and the message stays in the socket. */
	send_msg(fds[0], 100, 30);
	queue_select_recv(ring, fds[1], BGID, 100);
	t_submit(ring, 1);
	cqe = t_wait_ms(ring, 5000);
	CHECK_EQ(cqe->res, -ENOBUFS);
	CHECK(!(cqe->flags & IORING_CQE_F_BUFFER));
	/*
	 * Hand back buffers 5 and 2 while marking this CQE seen, in one step.
	 * The new ids come out next, in the order they were added.
	 */
	io_uring_buf_ring_add(br, bufs[5], BUFSZ, 5, mask, 0);
	io_uring_buf_ring_add(br, bufs[2], BUFSZ, 2, mask, 1);
	{
		unsigned before = io_uring_cq_ready(ring);

		__io_uring_buf_ring_cq_advance(ring, br, 1, 2);
		CHECK_EQ(io_uring_cq_ready(ring), before - 1);
	}
	CHECK_EQ(br->tail, NBUFS + 2);

	queue_select_recv(ring, fds[1], BGID, 101);
	t_submit(ring, 1);
	cqe = t_wait_ms(ring, 5000);
	CHECK_EQ(cqe->res, 30);
	CHECK_EQ(cqe_bid(cqe), 5);
	t_check_bytes(bufs[5], 30, 100, 0);
	/* Recycle it right away with the cq_advance shorthand. */
	io_uring_buf_ring_add(br, bufs[5], BUFSZ, 5, mask, 0);
	io_uring_buf_ring_cq_advance(ring, br, 1);

	send_msg(fds[0], 101, 20);
	send_msg(fds[0], 102, 21);
	queue_select_recv(ring, fds[1], BGID, 102);
	queue_select_recv(ring, fds[1], BGID, 103);
	t_submit(ring, 2);
	cqe = t_wait_ms(ring, 5000);
	CHECK_EQ(cqe->res, 20);
	CHECK_EQ(cqe_bid(cqe), 2);
	t_check_bytes(bufs[2], 20, 101, 0);
	io_uring_cqe_seen(ring, cqe);
	cqe = t_wait_ms(ring, 5000);
	CHECK_EQ(cqe->res, 21);
	CHECK_EQ(cqe_bid(cqe), 5);
	t_check_bytes(bufs[5], 21, 102, 0);
	io_uring_cqe_seen(ring, cqe);

	/*
	 * Gone: unregistering again is refused (-ENOENT; 6.1 says -EINVAL
	 * for a group it keeps in its array), and receives get -ENOBUFS.
	 */
	CHECK_EQ(io_uring_free_buf_ring(ring, br, NBUFS, BGID), 0);
	{
		int ret = io_uring_unregister_buf_ring(ring, BGID);

		CHECK(ret == -ENOENT || ret == -EINVAL);
	}
	send_msg(fds[0], 103, 5);
	queue_select_recv(ring, fds[1], BGID, 104);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, -ENOBUFS);

	/*
	 * The raw pair, on memory of our own; re-initialised with init. A
	 * fresh group id: 6.1 keeps a reused low id's old head.
	 */
	{
		size_t sz = NBUFS * sizeof(struct io_uring_buf);
		void *mem = mmap(NULL, sz, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		struct io_uring_buf_reg reg = {
			.ring_entries = NBUFS,
			.bgid = BGID + 2,
		};

		CHECK(mem != MAP_FAILED);
		br = mem;
		reg.ring_addr = (__u64)(uintptr_t)br;
		CHECK_EQ(io_uring_register_buf_ring(ring, &reg, 0), 0);
		io_uring_buf_ring_init(br);
		io_uring_buf_ring_add(br, bufs[7], BUFSZ, 7, mask, 0);
		io_uring_buf_ring_advance(br, 1);
		queue_select_recv(ring, fds[1], BGID + 2, 105);
		t_submit(ring, 1);
		cqe = t_wait_ms(ring, 5000);
		CHECK_EQ(cqe->res, 5);
		CHECK_EQ(cqe_bid(cqe), 7);
		t_check_bytes(bufs[7], 5, 103, 0);
		io_uring_cqe_seen(ring, cqe);
		CHECK_EQ(io_uring_unregister_buf_ring(ring, BGID + 2), 0);
		munmap(mem, sz);
	}
	t_close_pair(fds);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
