// SPDX-License-Identifier: MIT
/*
 * Description: the parsers of multishot recvmsg buffers and the
 * buffer-ring index helpers on hostile input (no kernel needed).
 * io_uring_recvmsg_payload_length() is 0 for a negative res and for a
 * buffer too short for its name and control areas (name 40 + control 30
 * in 64 bytes), never a wrapped-around 4294967xxx; validate() refuses
 * both, and sizes whose sum wraps a size_t; the cmsg walk stops at a
 * cmsg_len of 0, below the header size, or running past the control data,
 * never trusts a kernel controllen above what msghdr reserved, visits a
 * well-formed chain in order and handles a control area at an odd
 * offset; buf_ring_add/advance take any offset and count without signed
 * overflow, wrapping inside the ring.
 */
#include <limits.h>

#include "helpers.h"

/* A buffer as the kernel lays it out, 8-byte aligned. */
static union {
	struct io_uring_recvmsg_out out;
	unsigned char bytes[512];
	__u64 align;
} buf;

static struct msghdr layout(socklen_t namelen, size_t controllen)
{
	struct msghdr m;

	memset(&m, 0, sizeof(m));
	m.msg_namelen = namelen;
	m.msg_controllen = controllen;
	return m;
}

/* Write a cmsg header at byte off of the control area. */
static void put_cmsg(struct msghdr *m, size_t off, size_t len, int type)
{
	struct cmsghdr c = { .cmsg_len = len, .cmsg_level = SOL_SOCKET,
			     .cmsg_type = type };

	memcpy(buf.bytes + sizeof(buf.out) + m->msg_namelen + off, &c,
	       sizeof(c));
}

static void test_lengths(void)
{
	struct msghdr m = layout(16, 0);
	struct io_uring_recvmsg_out *o = &buf.out;

	/* An error CQE: res -1. */
	CHECK_EQ(io_uring_recvmsg_payload_length(o, -1, &m), 0);
	CHECK(!io_uring_recvmsg_validate(buf.bytes, -1, &m));
	CHECK(!io_uring_recvmsg_validate(buf.bytes, INT_MIN, &m));

	/* Name 40 + control 30 do not fit 64 bytes with the header. */
	m = layout(40, 30);
	CHECK(!io_uring_recvmsg_validate(buf.bytes, 64, &m));
	CHECK_EQ(io_uring_recvmsg_payload_length(o, 64, &m), 0);
	/* Exactly header + name + control: valid, empty payload. */
	CHECK(io_uring_recvmsg_validate(buf.bytes, 16 + 40 + 30, &m) == o);
	CHECK_EQ(io_uring_recvmsg_payload_length(o, 16 + 40 + 30, &m), 0);
	CHECK_EQ(io_uring_recvmsg_payload_length(o, 16 + 40 + 30 + 7, &m), 7);
	CHECK((unsigned char *)io_uring_recvmsg_payload(o, &m) ==
	      buf.bytes + 86);

	/* Sizes whose sum wraps around: nothing fits them. */
	m = layout(UINT_MAX, SIZE_MAX - 8);
	CHECK(!io_uring_recvmsg_validate(buf.bytes, INT_MAX, &m));
	CHECK_EQ(io_uring_recvmsg_payload_length(o, INT_MAX, &m), 0);
	m = layout(0, SIZE_MAX);
	CHECK(!io_uring_recvmsg_validate(buf.bytes, INT_MAX, &m));
	CHECK_EQ(io_uring_recvmsg_payload_length(o, INT_MAX, &m), 0);
	/* Large but sane: payload is what is left. */
	m = layout(16, 0);
	CHECK_EQ(io_uring_recvmsg_payload_length(o, INT_MAX, &m),
		 (unsigned)INT_MAX - 32);
}

/* Walk the cmsgs; return how many, failing if one leaves the buffer. */
static unsigned walk(struct msghdr *m, int buf_len)
{
	struct io_uring_recvmsg_out *o;
	struct cmsghdr *c;
	unsigned n = 0;

	o = io_uring_recvmsg_validate(buf.bytes, buf_len, m);
	CHECK(o);
	for (c = io_uring_recvmsg_cmsg_firsthdr(o, m); c;
	     c = io_uring_recvmsg_cmsg_nexthdr(o, m, c)) {
		unsigned char *start = (unsigned char *)c;
		size_t len;

		memcpy(&len, &c->cmsg_len, sizeof(len));
		CHECK(start >= buf.bytes + sizeof(*o) + m->msg_namelen);
		CHECK(start + len <= buf.bytes + sizeof(*o) + m->msg_namelen +
				     m->msg_controllen);
		CHECK(++n <= 64);
	}
	return n;
}

static void test_cmsg_walk(void)
{
	struct msghdr m = layout(16, 96);
	int len = 16 + 16 + 96;

	memset(buf.bytes, 0, sizeof(buf.bytes));
	/* Two well-formed cmsgs of 20 bytes each (CMSG_LEN(4)), aligned. */
	buf.out.controllen = 2 * CMSG_SPACE(4);
	put_cmsg(&m, 0, CMSG_LEN(4), 1);
	put_cmsg(&m, CMSG_SPACE(4), CMSG_LEN(4), 2);
	CHECK_EQ(walk(&m, len), 2);
	CHECK_EQ(io_uring_recvmsg_cmsg_firsthdr(&buf.out, &m)->cmsg_type, 1);

	/* cmsg_len 0 would make the walk stand still: it ends there. */
	put_cmsg(&m, CMSG_SPACE(4), 0, 2);
	CHECK_EQ(walk(&m, len), 1);
	put_cmsg(&m, 0, 0, 1);
	CHECK_EQ(walk(&m, len), 0);
	put_cmsg(&m, 0, sizeof(struct cmsghdr) - 1, 1);
	CHECK_EQ(walk(&m, len), 0);

	/* A cmsg_len past the control data, or near SIZE_MAX. */
	put_cmsg(&m, 0, CMSG_LEN(4), 1);
	put_cmsg(&m, CMSG_SPACE(4), 1000, 2);
	CHECK_EQ(walk(&m, len), 1);
	put_cmsg(&m, CMSG_SPACE(4), SIZE_MAX, 2);
	CHECK_EQ(walk(&m, len), 1);
	put_cmsg(&m, 0, SIZE_MAX - 3, 1);
	CHECK_EQ(walk(&m, len), 0);

	/*
	 * The kernel's controllen says more than msghdr reserved: only the
	 * reserved 24 bytes count, so the second cmsg (at 24) is not there.
	 */
	m = layout(16, 24);
	len = 16 + 16 + 24;
	buf.out.controllen = 4096;
	put_cmsg(&m, 0, CMSG_LEN(4), 1);
	put_cmsg(&m, CMSG_SPACE(4), CMSG_LEN(4), 2);
	CHECK_EQ(walk(&m, len), 1);
	/* ...and a first cmsg longer than the reserved area is refused. */
	put_cmsg(&m, 0, 40, 1);
	CHECK_EQ(walk(&m, len), 0);
	/* controllen below one header: no cmsg at all. */
	buf.out.controllen = sizeof(struct cmsghdr) - 1;
	put_cmsg(&m, 0, CMSG_LEN(4), 1);
	CHECK_EQ(walk(&m, len), 0);

	/* A name of 3 bytes puts the control area at an odd offset. */
	m = layout(3, 48);
	len = 16 + 3 + 48;
	buf.out.controllen = 2 * CMSG_SPACE(4);
	put_cmsg(&m, 0, CMSG_LEN(4), 7);
	put_cmsg(&m, CMSG_SPACE(4), CMSG_LEN(4), 8);
	CHECK_EQ(walk(&m, len), 2);

	/* A cmsg pointer outside the control area is the end, not a step. */
	m = layout(16, 96);
	buf.out.controllen = 96;
	CHECK(!io_uring_recvmsg_cmsg_nexthdr(&buf.out, &m,
					     (struct cmsghdr *)buf.bytes));
	CHECK(!io_uring_recvmsg_cmsg_nexthdr(&buf.out, &m,
			(struct cmsghdr *)(buf.bytes + 16 + 16 + 96)));
}

static void test_buf_ring_index(void)
{
	static union {
		struct io_uring_buf_ring br;
		struct io_uring_buf bufs[8];
	} r;
	int mask = io_uring_buf_ring_mask(8);
	char data[4];

	memset(&r, 0, sizeof(r));
	io_uring_buf_ring_init(&r.br);
	CHECK_EQ(mask, 7);
	/* The tail wraps at 65536 and indexes wrap at the ring size. */
	r.br.tail = 65535;
	io_uring_buf_ring_add(&r.br, data, 4, 3, mask, 1);
	CHECK_EQ(r.bufs[0].bid, 3);	/* (65535 + 1) & 7 */
	CHECK_EQ(r.bufs[0].len, 4);
	/* Offsets at the ends of int: no signed overflow, still in ring. */
	io_uring_buf_ring_add(&r.br, data, 5, 4, mask, INT_MAX);
	CHECK_EQ(r.bufs[(65535U + (unsigned)INT_MAX) & 7].bid, 4);
	io_uring_buf_ring_add(&r.br, data, 6, 5, mask, INT_MIN);
	CHECK_EQ(r.bufs[(65535U + (unsigned)INT_MIN) & 7].bid, 5);
	io_uring_buf_ring_advance(&r.br, 1);
	CHECK_EQ(r.br.tail, 0);
	io_uring_buf_ring_advance(&r.br, INT_MAX);
	CHECK_EQ(r.br.tail, (__u16)INT_MAX);
	io_uring_buf_ring_advance(&r.br, INT_MIN);
	CHECK_EQ(r.br.tail, (__u16)((unsigned)INT_MAX + (unsigned)INT_MIN));
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	test_lengths();
	test_cmsg_walk();
	test_buf_ring_index();
	return T_EXIT_PASS;
}
