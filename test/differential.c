// SPDX-License-Identifier: MIT
/*
 * Description: randomized differential test. Random sequences of write,
 * writev, fallocate (allocate, keep-size, punch), zero (io_uring_prep_zero:
 * native IORING_OP_ZERO or FALLOCATE + ZERO_RANGE; the syscall side is
 * fallocate with FALLOC_FL_ZERO_RANGE),
 * ftruncate, fsync/fdatasync and linked chains of them (some with a
 * failing link, whose followers must be cancelled) go through ringzero to
 * one file and through plain syscalls to another; every result must match
 * the syscall's, and after every step the two files must have the same
 * size and bytes. The seed is printed; RZ_SEED=N replays a run, RZ_STEPS=N
 * sets its length.
 *
 * Which failures break a chain is the kernel's choice per opcode: a bad
 * file descriptor fails any request before it runs and cancels what is
 * linked after it, but FALLOCATE, FTRUNCATE and FSYNC post their -errno
 * without marking the request failed (io_uring/sync.c, truncate.c as of
 * 6.18), so the next link still runs. Chains here break on a bad fd;
 * argument errors (len 0, size -1) come alone or as a chain's last link,
 * where the two readings agree.
 */
#include <time.h>
#include <linux/falloc.h>

#include "helpers.h"

#define SPAN		(256U * 1024)	/* offsets fall in [0, SPAN) */
#define MAX_LEN		(16U * 1024)
#define MAX_CHAIN	5
#define MAX_IOV		4
#define FULL_STEPS	6000
#define QUICK_STEPS	600

enum op { OP_WRITE, OP_WRITEV, OP_FALLOCATE, OP_ZERO, OP_FTRUNCATE,
	  OP_FSYNC, OP_NR };
static const char *const op_names[OP_NR] = {
	"write", "writev", "fallocate", "zero", "ftruncate", "fsync"
};

/* One operation, described once and applied to both files. */
struct action {
	enum op op;
	unsigned long long off;
	long long len;		/* bytes, new size (ftruncate), or range */
	int mode;		/* fallocate mode, fsync flags */
	struct iovec iov[MAX_IOV];
	unsigned nr_iov;
	int fd_bad;		/* aimed at a closed descriptor */
	int expect;		/* what the syscall said (-errno or count) */
};

/* How an action is made to fail, if at all. */
enum { GOOD, BAD_FD, BAD_ARG };

static unsigned long long rng, seed;
static unsigned long step;
static unsigned long per_op[OP_NR], chains, cancelled, broken_chains;
static unsigned long failures;
static unsigned char data[MAX_CHAIN][MAX_IOV][MAX_LEN];
static int have_ftruncate;

#define DFAIL(fmt, ...) FAIL("seed %llu, step %lu: " fmt, seed, step, \
			     ##__VA_ARGS__)

static unsigned long long rnd(unsigned long long n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * 2685821657736338717ULL >> 11) % n;
}

static void fill(unsigned char *p, size_t len)
{
	unsigned char b = (unsigned char)rnd(256);
	size_t i;

	/* Runs of one byte value: cheap, and misplaced bytes still show. */
	for (i = 0; i < len; i++) {
		if (!(i % 97))
			b = (unsigned char)rnd(256);
		p[i] = b;
	}
}

/* A random action; bad says whether and how it fails. */
static void pick(struct action *a, unsigned slot, int bad)
{
	static const int fl_modes[] = {
		0, FALLOC_FL_KEEP_SIZE,
		FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
	};
	unsigned i;

	memset(a, 0, sizeof(*a));
	do
		a->op = (enum op)rnd(OP_NR);
	while (a->op == OP_FTRUNCATE && !have_ftruncate);
	a->off = rnd(SPAN);
	a->len = 1 + (long long)rnd(MAX_LEN);
	switch (a->op) {
	case OP_WRITE:
		fill(data[slot][0], (size_t)a->len);
		break;
	case OP_WRITEV:
		a->nr_iov = 1 + (unsigned)rnd(MAX_IOV);
		for (i = 0; i < a->nr_iov; i++) {
			a->iov[i].iov_base = data[slot][i];
			a->iov[i].iov_len = rnd(MAX_LEN / MAX_IOV) + 1;
			fill(data[slot][i], a->iov[i].iov_len);
		}
		break;
	case OP_FALLOCATE:
		a->mode = fl_modes[rnd(3)];
		break;
	case OP_ZERO:
		a->mode = FALLOC_FL_ZERO_RANGE |
			  (rnd(2) ? FALLOC_FL_KEEP_SIZE : 0);
		break;
	case OP_FTRUNCATE:
		a->len = (long long)rnd(SPAN + MAX_LEN);
		break;
	case OP_FSYNC:
		a->mode = rnd(2) ? IORING_FSYNC_DATASYNC : 0;
		break;
	case OP_NR:
		break;
	}
	/* Failures both paths must report alike. */
	if (bad == BAD_FD) {
		a->fd_bad = 1;
	} else if (bad == BAD_ARG) {
		if (a->op == OP_FTRUNCATE)
			a->len = -1;		/* -EINVAL */
		else if (a->op == OP_FALLOCATE || a->op == OP_ZERO)
			a->len = 0;		/* -EINVAL */
		else
			a->op = OP_FALLOCATE, a->mode = 0, a->len = 0;
	}
}

/* The syscall path: what the action does to fd, as -errno or a count. */
static int apply_sys(int fd, const struct action *a, unsigned slot)
{
	long ret;

	if (a->fd_bad)
		fd = -1;
	switch (a->op) {
	case OP_WRITE:
		ret = pwrite(fd, data[slot][0], (size_t)a->len, (off_t)a->off);
		break;
	case OP_WRITEV:
		ret = pwritev(fd, a->iov, (int)a->nr_iov, (off_t)a->off);
		break;
	case OP_FALLOCATE:
	case OP_ZERO:
		ret = fallocate(fd, a->mode, (off_t)a->off, (off_t)a->len);
		break;
	case OP_FTRUNCATE:
		ret = ftruncate(fd, (off_t)a->len);
		break;
	case OP_FSYNC:
		ret = a->mode ? fdatasync(fd) : fsync(fd);
		break;
	default:
		ret = -1;
		errno = EINVAL;
	}
	return ret < 0 ? -errno : (int)ret;
}

/* The ring path: the same action as an SQE. */
static void prep_ring(struct io_uring_sqe *sqe, int fd,
		      const struct action *a, unsigned slot)
{
	if (a->fd_bad)
		fd = -1;
	switch (a->op) {
	case OP_WRITE:
		io_uring_prep_write(sqe, fd, data[slot][0], (unsigned)a->len,
				    a->off);
		break;
	case OP_WRITEV:
		io_uring_prep_writev(sqe, fd, a->iov, a->nr_iov, a->off);
		break;
	case OP_FALLOCATE:
		io_uring_prep_fallocate(sqe, fd, a->mode, a->off,
					(__u64)a->len);
		break;
	case OP_ZERO:
		/* Native IORING_OP_ZERO where the kernel has it, else FALLOCATE. */
		io_uring_prep_zero(sqe, fd, a->off, (__u64)a->len,
				   (a->mode & FALLOC_FL_KEEP_SIZE) ?
				   IORING_ZERO_KEEP_SIZE : 0);
		break;
	case OP_FTRUNCATE:
		io_uring_prep_ftruncate(sqe, fd, a->len);
		break;
	case OP_FSYNC:
		io_uring_prep_fsync(sqe, fd, (unsigned)a->mode);
		break;
	case OP_NR:
		break;
	}
	sqe->user_data = slot;
}

static unsigned char buf_a[SPAN + 2 * MAX_LEN], buf_b[SPAN + 2 * MAX_LEN];

static void compare_files(int fa, int fb)
{
	struct stat sa, sb;
	ssize_t na, nb;

	CHECK_SYS(fstat(fa, &sa));
	CHECK_SYS(fstat(fb, &sb));
	if (sa.st_size != sb.st_size)
		DFAIL("sizes differ: ring %lld, syscalls %lld",
		      (long long)sa.st_size, (long long)sb.st_size);
	if ((size_t)sa.st_size > sizeof(buf_a))
		DFAIL("file grew to %lld, beyond what the test writes",
		      (long long)sa.st_size);
	na = pread(fa, buf_a, sizeof(buf_a), 0);
	nb = pread(fb, buf_b, sizeof(buf_b), 0);
	if (na != sa.st_size || nb != sb.st_size)
		DFAIL("short read back: %zd, %zd of %lld", na, nb,
		      (long long)sa.st_size);
	if (memcmp(buf_a, buf_b, (size_t)na)) {
		ssize_t i = 0;

		while (buf_a[i] == buf_b[i])
			i++;
		DFAIL("contents differ from byte %zd: ring %#x, syscalls %#x",
		      i, buf_a[i], buf_b[i]);
	}
}

/* One step: a single action, or a linked chain of them. */
static void do_step(struct io_uring *ring, int fa, int fb)
{
	struct action acts[MAX_CHAIN];
	unsigned n = 1, i, seen = 0;
	int broken = 0, bad_at = -1, bad = GOOD;

	if (rnd(4) == 0) {
		n = 2 + (unsigned)rnd(MAX_CHAIN - 1);
		chains++;
		/* A third of the chains carry a link that fails. */
		if (rnd(3) == 0) {
			bad_at = (int)rnd(n);
			bad = (unsigned)bad_at + 1 == n && rnd(2) ? BAD_ARG :
								    BAD_FD;
		}
	} else if (rnd(20) == 0) {
		bad_at = 0;
		bad = rnd(2) ? BAD_ARG : BAD_FD;
	}
	for (i = 0; i < n; i++) {
		struct io_uring_sqe *sqe = t_sqe(ring);

		pick(&acts[i], i, (int)i == bad_at ? bad : GOOD);
		per_op[acts[i].op]++;
		prep_ring(sqe, fa, &acts[i], i);
		if (i + 1 < n)
			sqe->flags |= IOSQE_IO_LINK;
	}
	/* The model: the syscalls in order, the rest cancelled on failure. */
	for (i = 0; i < n; i++) {
		if (broken) {
			acts[i].expect = -ECANCELED;
			cancelled++;
			continue;
		}
		acts[i].expect = apply_sys(fb, &acts[i], i);
		if (acts[i].expect < 0)
			failures++;
		if (acts[i].fd_bad && n > 1 && i + 1 < n) {
			broken = 1;
			broken_chains++;
		}
	}
	if (io_uring_submit(ring) != (int)n)
		DFAIL("submit of %u SQEs failed", n);
	for (i = 0; i < n; i++) {
		struct io_uring_cqe *cqe = t_wait(ring);
		unsigned slot = (unsigned)cqe->user_data;

		if (slot >= n || (seen & (1U << slot)))
			DFAIL("unexpected CQE user_data %llu",
			      (unsigned long long)cqe->user_data);
		seen |= 1U << slot;
		if (cqe->res != acts[slot].expect) {
			unsigned j;

			for (j = 0; j < n; j++)
				fprintf(stderr, "  #%u %s off %llu len %lld "
					"mode %#x: syscalls %d\n", j,
					op_names[acts[j].op], acts[j].off,
					acts[j].len, acts[j].mode,
					acts[j].expect);
			DFAIL("%s #%u of %u (off %llu, len %lld, mode %#x): "
			      "ring res %d, syscalls %d",
			      op_names[acts[slot].op], slot, n,
			      acts[slot].off, acts[slot].len, acts[slot].mode,
			      cqe->res, acts[slot].expect);
		}
		io_uring_cqe_seen(ring, cqe);
	}
	compare_files(fa, fb);
}

int main(int argc, char **argv)
{
	unsigned long steps = t_quick() ? QUICK_STEPS : FULL_STEPS;
	struct io_uring_probe *probe;
	char pa[256], pb[256];
	struct io_uring ring;
	int fa, fb, k;

	(void)argc;
	t_init(argv[0]);
#if defined(__SANITIZE_ADDRESS__)
	steps = QUICK_STEPS;
#endif
	if (getenv("RZ_STEPS"))
		steps = strtoul(getenv("RZ_STEPS"), NULL, 0);
	seed = getenv("RZ_SEED") ? strtoull(getenv("RZ_SEED"), NULL, 0) :
				   (unsigned long long)time(NULL) ^
				   (unsigned long long)getpid() << 20;
	printf("differential: seed %llu (replay with RZ_SEED=%llu)\n", seed,
	       seed);
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;

	CHECK_OK(io_uring_queue_init(2 * MAX_CHAIN, &ring, 0));
	probe = io_uring_get_probe_ring(&ring);
	CHECK(probe != NULL);
	if (!io_uring_opcode_supported(probe, IORING_OP_FALLOCATE))
		t_skip("kernel lacks IORING_OP_FALLOCATE (5.6)");
	have_ftruncate = io_uring_opcode_supported(probe,
						   IORING_OP_FTRUNCATE);
	if (!have_ftruncate)
		printf("differential: kernel lacks IORING_OP_FTRUNCATE (6.9): "
		       "ftruncate left out\n");
	io_uring_free_probe(probe);

	fa = t_tmpfile(pa, NULL, 0);
	fb = t_tmpfile(pb, NULL, 0);
	unlink(pa);
	unlink(pb);
	for (step = 0; step < steps; step++)
		do_step(&ring, fa, fb);

	printf("differential: zero went through %s\n",
	       io_uring_zero_method_name(io_uring_zero_method(&ring)));
	printf("differential: %lu steps, files identical after each (", steps);
	for (k = 0; k < OP_NR; k++)
		printf("%s%s %lu", k ? ", " : "", op_names[k], per_op[k]);
	printf("; %lu failed alike; %lu linked chains, %lu broken by a "
	       "failing link, %lu links cancelled)\n", failures, chains,
	       broken_chains, cancelled);
	io_uring_queue_exit(&ring);
	close(fa);
	close(fb);
	return T_EXIT_PASS;
}
