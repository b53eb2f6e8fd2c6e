// SPDX-License-Identifier: MIT
/*
 * cp.c - copy a file with a queue of linked read/write pairs (tour,
 * chapter 2: links).
 *
 * Usage: cp [-d DEPTH] [-b BYTES] SOURCE DEST
 *
 * The copy is cut into blocks of BYTES (default 128 KiB). Up to DEPTH
 * blocks (default 16) are in flight at once, each as a pair of SQEs: a
 * read into the block's buffer carrying IOSQE_IO_LINK, and a write of that
 * buffer, which the kernel starts only once the read has completed in
 * full. One submission per round trip keeps DEPTH pairs busy; the program
 * never waits for a read before queueing the write that depends on it.
 *
 * A link is broken when its first request does not do all it was asked:
 * a read that comes back short (the end of the file, usually) completes
 * with the bytes it got, and the write linked to it with -ECANCELED. The
 * block then writes what it did read on its own and reads on from there.
 * Blocks past the end of the file read 0 bytes and simply retire.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ringzero.h"

#define DEFAULT_DEPTH	16
#define DEFAULT_BLOCK	(128 * 1024)
#define MAX_DEPTH	1024
#define MAX_BLOCK	(64 * 1024 * 1024)

// @tour-begin slot
/* One block of the copy and the requests in flight for it. */
struct slot {
	char *buf;
	__u64 off;		/* file offset of buf[0] */
	unsigned len;		/* bytes this block still has to copy */
	unsigned have;		/* bytes of buf the read filled */
	unsigned done;		/* bytes of buf written so far */
	int read_res, write_res;
	unsigned pending;	/* CQEs still to come */
	enum { SLOT_FREE, SLOT_PAIR, SLOT_WRITE } state;
};

struct copy {
	struct io_uring ring;
	int in, out;
	struct slot *slots;
	unsigned depth, block;
	__u64 next_off;		/* where the next new block starts */
	bool eof;		/* a read returned 0: start no new blocks */
	unsigned active;	/* slots not SLOT_FREE */
};

/* user_data: the slot's index, and whether this is its write. */
#define UDATA(idx, is_write)	(((__u64)(idx) << 1) | (is_write))
#define UDATA_SLOT(ud)		((unsigned)((ud) >> 1))
#define UDATA_IS_WRITE(ud)	((unsigned)((ud) & 1))
// @tour-end slot

// @tour-begin pair
/* Queue "read len bytes at off into buf, then write them to off". */
static void queue_pair(struct copy *c, struct slot *s)
{
	unsigned idx = (unsigned)(s - c->slots);
	struct io_uring_sqe *sqe;

	/* Two SQEs per slot at most, and the ring has 2 * depth. */
	sqe = io_uring_get_sqe(&c->ring);
	io_uring_prep_read(sqe, c->in, s->buf, s->len, s->off);
	/* The next SQE starts only after this one completes in full. */
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	io_uring_sqe_set_data64(sqe, UDATA(idx, 0));

	sqe = io_uring_get_sqe(&c->ring);
	io_uring_prep_write(sqe, c->out, s->buf, s->len, s->off);
	io_uring_sqe_set_data64(sqe, UDATA(idx, 1));

	s->state = SLOT_PAIR;
	s->pending = 2;
}
// @tour-end pair

/* Queue a lone write of the part of buf not yet written. */
static void queue_write(struct copy *c, struct slot *s)
{
	unsigned idx = (unsigned)(s - c->slots);
	struct io_uring_sqe *sqe = io_uring_get_sqe(&c->ring);

	io_uring_prep_write(sqe, c->out, s->buf + s->done, s->have - s->done,
			    s->off + s->done);
	io_uring_sqe_set_data64(sqe, UDATA(idx, 1));
	s->state = SLOT_WRITE;
	s->pending = 1;
}

/* Give a free slot the next block of the file. */
static void start_block(struct copy *c, struct slot *s)
{
	s->off = c->next_off;
	s->len = c->block;
	c->next_off += c->block;
	c->active++;
	queue_pair(c, s);
}

// @tour-begin settle
/*
 * All CQEs of a slot are in: decide what the block needs next.
 * 0, or -errno when the copy has failed.
 */
static int settle(struct copy *c, struct slot *s)
{
	if (s->state == SLOT_PAIR) {
		if (s->read_res < 0)
			return s->read_res;
		if (s->read_res == 0) {
			/* At or past the end of the file: nothing to copy. */
			c->eof = true;
			s->state = SLOT_FREE;
			c->active--;
			return 0;
		}
		s->have = (unsigned)s->read_res;
		s->done = 0;
		/* -ECANCELED: the read came back short, the link broke. */
		if (s->write_res != -ECANCELED) {
			if (s->write_res < 0)
				return s->write_res;
			s->done = (unsigned)s->write_res;
		}
	} else {
		if (s->write_res < 0)
			return s->write_res;
		if (s->write_res == 0)
			return -EIO;	/* a regular file took nothing */
		s->done += (unsigned)s->write_res;
	}

	if (s->done < s->have) {
		queue_write(c, s);		/* finish what we read */
	} else {
		s->off += s->have;
		s->len -= s->have;
		if (s->len)
			queue_pair(c, s);	/* the rest of the block */
		else {
			s->state = SLOT_FREE;
			c->active--;
		}
	}
	return 0;
}
// @tour-end settle

// @tour-begin loop
static int copy_file(struct copy *c)
{
	struct io_uring_cqe *cqe;
	unsigned head, seen, i;
	int ret, err = 0;

	while (c->active || !c->eof) {
		for (i = 0; i < c->depth && !c->eof; i++)
			if (c->slots[i].state == SLOT_FREE)
				start_block(c, &c->slots[i]);

		/* Hand over every new SQE; sleep until a CQE is there. */
		ret = io_uring_submit_and_wait(&c->ring, 1);
		if (ret < 0)
			return ret;

		seen = 0;
		io_uring_for_each_cqe(&c->ring, head, cqe) {
			struct slot *s = &c->slots[UDATA_SLOT(cqe->user_data)];

			if (UDATA_IS_WRITE(cqe->user_data))
				s->write_res = cqe->res;
			else
				s->read_res = cqe->res;
			if (--s->pending == 0 && !err)
				err = settle(c, s);
			seen++;
		}
		io_uring_cq_advance(&c->ring, seen);
		if (err)
			return err;
	}
	return 0;
}
// @tour-end loop

/* A positive number no larger than max, or 0. */
static unsigned parse_count(const char *arg, unsigned max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || v == 0 || v > max)
		return 0;
	return (unsigned)v;
}

static int usage(void)
{
	fprintf(stderr, "Usage: cp [-d DEPTH] [-b BYTES] SOURCE DEST\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct copy c = { .depth = DEFAULT_DEPTH, .block = DEFAULT_BLOCK };
	const char *src, *dst;
	unsigned i;
	int opt, ret;

	while ((opt = getopt(argc, argv, "d:b:")) != -1) {
		if (opt == 'd' && (c.depth = parse_count(optarg, MAX_DEPTH)))
			continue;
		if (opt == 'b' && (c.block = parse_count(optarg, MAX_BLOCK)))
			continue;
		return usage();
	}
	if (argc - optind != 2)
		return usage();
	src = argv[optind];
	dst = argv[optind + 1];

	c.in = open(src, O_RDONLY);
	if (c.in < 0) {
		fprintf(stderr, "cp: %s: %s\n", src, strerror(errno));
		return 1;
	}
	c.out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (c.out < 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		return 1;
	}

	ret = io_uring_queue_init(2 * c.depth, &c.ring, 0);
	if (ret < 0) {
		fprintf(stderr, "cp: io_uring_queue_init: %s\n",
			strerror(-ret));
		return 1;
	}
	c.slots = calloc(c.depth, sizeof(*c.slots));
	for (i = 0; c.slots && i < c.depth; i++) {
		c.slots[i].buf = malloc(c.block);
		if (!c.slots[i].buf)
			break;
	}
	if (!c.slots || i < c.depth) {
		fprintf(stderr, "cp: %u buffers of %u bytes: %s\n", c.depth,
			c.block, strerror(ENOMEM));
		return 1;
	}

	ret = copy_file(&c);
	/* Tear the ring down before the buffers it may still point into. */
	io_uring_queue_exit(&c.ring);
	for (i = 0; i < c.depth; i++)
		free(c.slots[i].buf);
	free(c.slots);
	if (ret < 0) {
		fprintf(stderr, "cp: %s to %s: %s\n", src, dst, strerror(-ret));
		return 1;
	}
	if (close(c.out) < 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		return 1;
	}
	close(c.in);
	return 0;
}
