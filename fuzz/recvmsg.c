// SPDX-License-Identifier: MIT
/*
 * recvmsg.c - libFuzzer target for the multishot recvmsg parsers
 * (io_uring_recvmsg_validate, _name, _cmsg_firsthdr, _cmsg_nexthdr,
 * _payload, _payload_length): a buffer a peer and the kernel filled, with
 * any layout the msghdr may describe and any CQE res.
 *
 * Input: msg_namelen (4 bytes), msg_controllen (8), res (4), then the
 * buffer's bytes. validate and payload_length are checked against 128-bit
 * arithmetic for the raw res; the cmsg walk runs over a heap copy exactly
 * as long as res (so ASan sees any read past it) and must stay inside the
 * control area, move forward on every step and end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ringzero.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

struct input {
	uint32_t namelen;
	uint64_t controllen;
	int32_t res;
};

static void check_lengths(void *buf, const struct msghdr *m, int res)
{
	unsigned __int128 fixed = (unsigned __int128)
		sizeof(struct io_uring_recvmsg_out) + m->msg_namelen +
		m->msg_controllen;
	int fits = res >= 0 && (unsigned __int128)res >= fixed;
	struct msghdr copy = *m;

	CHECK((io_uring_recvmsg_validate(buf, res, &copy) != NULL) == fits);
	CHECK(io_uring_recvmsg_payload_length(buf, res, &copy) ==
	      (fits ? (unsigned)(res - (int)fixed) : 0U));
	/* The helpers take msghdr by pointer; they must not change it. */
	CHECK(!memcmp(&copy, m, sizeof(copy)));
}

static void walk(unsigned char *buf, int res, struct msghdr *m)
{
	struct io_uring_recvmsg_out *o = io_uring_recvmsg_validate(buf, res, m);
	unsigned char *ctrl, *ctrl_end, *prev = NULL;
	struct cmsghdr *c;
	size_t steps = 0;

	if (!o)
		return;
	CHECK((unsigned char *)io_uring_recvmsg_name(o) == buf + sizeof(*o));
	ctrl = buf + sizeof(*o) + m->msg_namelen;
	ctrl_end = ctrl + (o->controllen < m->msg_controllen ?
			   o->controllen : m->msg_controllen);
	CHECK((unsigned char *)io_uring_recvmsg_payload(o, m) +
	      io_uring_recvmsg_payload_length(o, res, m) == buf + res);

	for (c = io_uring_recvmsg_cmsg_firsthdr(o, m); c;
	     c = io_uring_recvmsg_cmsg_nexthdr(o, m, c)) {
		unsigned char *p = (unsigned char *)c;
		size_t len;

		memcpy(&len, p + offsetof(struct cmsghdr, cmsg_len),
		       sizeof(len));
		CHECK(p >= ctrl && p + sizeof(struct cmsghdr) <= ctrl_end);
		CHECK(len >= sizeof(struct cmsghdr) &&
		      len <= (size_t)(ctrl_end - p));
		CHECK(!prev || p > prev);
		CHECK(++steps <= m->msg_controllen / sizeof(struct cmsghdr));
		/* Touch every byte the cmsg claims: ASan checks the bound. */
		{
			volatile unsigned char sink = 0;
			size_t i;

			for (i = 0; i < len; i++)
				sink ^= p[i];
			(void)sink;
		}
		prev = p;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in;
	struct msghdr m;
	unsigned char *buf;
	size_t n, len;
	int res;

	if (size < 16)
		return 0;
	memcpy(&in.namelen, data, 4);
	memcpy(&in.controllen, data + 4, 8);
	memcpy(&in.res, data + 12, 4);
	data += 16;
	n = size - 16;

	memset(&m, 0, sizeof(m));
	m.msg_namelen = in.namelen;
	m.msg_controllen = (size_t)in.controllen;
	check_lengths((void *)data, &m, in.res);

	/* A res the kernel could give for an n-byte buffer: <= n. */
	res = in.res < 0 ? in.res : (int)((uint32_t)in.res % (n + 1));
	len = res < 0 ? 0 : (size_t)res;
	buf = malloc(len ? len : 1);
	CHECK(buf);
	memcpy(buf, data, len);
	check_lengths(buf, &m, res);
	walk(buf, res, &m);
	free(buf);
	return 0;
}
