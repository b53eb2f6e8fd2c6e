// SPDX-License-Identifier: MIT
/*
 * cmd_zero.c - `ringzero zero`: zero a byte range of a file through
 * io_uring, with the native IORING_OP_ZERO where the kernel has it,
 * fallocate(FALLOC_FL_ZERO_RANGE) where it does not, and plain writes of
 * zeroes where the filesystem cannot zero ranges at all (tmpfs).
 *
 * Promises: only bytes inside [offset, offset + length) change; the file
 * is never truncated; it grows only when the range goes past its end and
 * --keep-size is not given. Every error names the file and the cause.
 * Nothing is synced to disk: run sync(1) or fsync if that matters.
 *
 * The methods sit in a table; each is one function over a `struct
 * zero_job` that returns 0 or -errno and says which step failed. Only
 * cmd_zero() turns that into a message and an exit code.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <linux/falloc.h>
#include <linux/fs.h>

#include "ringzero.h"
#include "cmd.h"
#include "size.h"
#include "zero_diag.h"

#define PROG "ringzero zero"

/* The write method: this many zero-buffer writes in flight, each this big. */
#define WRITE_DEPTH	8U
#define WRITE_CHUNK	(256U * 1024U)

/* One run of the command: the file, the range, and what happened. */
struct zero_job {
	const char *path;
	int fd;
	uint64_t offset;
	uint64_t length;
	bool keep_size;
	uint64_t size;		/* the file's size before we start */
	bool is_blk;		/* a block device, not a regular file */
	bool no_native;		/* native asked for, but not verified */
	uint64_t written;	/* bytes the write method wrote */
	const char *step;	/* what failed, for the message */
	const char *used;	/* the method that did the work */
	char note[160];		/* why auto fell back, for the report */
};

struct zero_method {
	const char *name;
	const char *help;
	int (*run)(struct zero_job *job);
};

/* Submit the one SQE on ring, wait, and return its CQE's res. */
static int run_one(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;
	int ret;

	ret = io_uring_submit_and_wait(ring, 1);
	if (ret < 0)
		return ret;
	ret = io_uring_wait_cqe(ring, &cqe);
	if (ret < 0)
		return ret;
	ret = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return ret;
}

/* One ZERO or FALLOCATE SQE through a fresh ring. */
static int zero_with_sqe(struct zero_job *job, bool native)
{
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int ret;

	job->step = "io_uring setup";
	ret = io_uring_queue_init(1, &ring, 0);
	if (ret < 0)
		return ret;
	sqe = io_uring_get_sqe(&ring);
	if (native)
		io_uring_prep_zero(sqe, job->fd, job->offset, job->length,
				   job->keep_size ? IORING_ZERO_KEEP_SIZE : 0);
	else
		io_uring_prep_fallocate(sqe, job->fd, FALLOC_FL_ZERO_RANGE |
					(job->keep_size ?
					 FALLOC_FL_KEEP_SIZE : 0),
					job->offset, job->length);
	job->step = native ? "IORING_OP_ZERO" :
			     "IORING_OP_FALLOCATE (FALLOC_FL_ZERO_RANGE)";
	ret = run_one(&ring);
	io_uring_queue_exit(&ring);
	return ret;
}

static int method_native(struct zero_job *job)
{
	int op = io_uring_zero_opcode();

	job->used = "native";
	if (op < 0) {
		/* Never send a number the kernel has not named ZERO. */
		job->step = "native IORING_OP_ZERO";
		job->no_native = true;
		return op;
	}
	/* Detection succeeded, so io_uring_prep_zero() emits ZERO itself. */
	snprintf(job->note, sizeof(job->note), "IORING_OP_ZERO, opcode %d",
		 op);
	return zero_with_sqe(job, true);
}

static int method_fallocate(struct zero_job *job)
{
	job->used = "fallocate";
	snprintf(job->note, sizeof(job->note),
		 "IORING_OP_FALLOCATE with FALLOC_FL_ZERO_RANGE");
	return zero_with_sqe(job, false);
}

/*
 * Write zeroes over the range with IORING_OP_WRITE, WRITE_DEPTH chunks in
 * flight from one shared zero buffer. A short write is resubmitted for
 * the rest of its chunk. With --keep-size the range stops at EOF: what
 * fallocate would zero beyond it cannot be read anyway.
 */
struct write_slot {
	uint64_t off;
	unsigned len;
};

static int queue_write(struct io_uring *ring, const void *zeroes,
		       struct write_slot *slot, int fd, unsigned idx)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (!sqe)
		return -EBUSY;	/* cannot happen: one SQE per free slot */
	io_uring_prep_write(sqe, fd, zeroes, slot->len, slot->off);
	io_uring_sqe_set_data64(sqe, idx);
	return 0;
}

static int method_write(struct zero_job *job)
{
	struct write_slot slots[WRITE_DEPTH];
	uint64_t next = job->offset, end = job->offset + job->length;
	unsigned idx, inflight = 0;
	struct io_uring ring;
	void *zeroes;
	int ret, err = 0;

	job->used = "write";
	if (job->keep_size && end > job->size)
		end = job->offset < job->size ? job->size : job->offset;
	if (next == end)
		return 0;
	job->step = "allocating the zero buffer";
	zeroes = calloc(1, WRITE_CHUNK);
	if (!zeroes)
		return -ENOMEM;
	job->step = "io_uring setup";
	ret = io_uring_queue_init(WRITE_DEPTH, &ring, 0);
	if (ret < 0) {
		free(zeroes);
		return ret;
	}
	job->step = "IORING_OP_WRITE of zeroes";
	/* Fill every slot, then refill each one as its CQE comes back. */
	for (idx = 0; idx < WRITE_DEPTH && next < end; idx++) {
		slots[idx].off = next;
		slots[idx].len = end - next < WRITE_CHUNK ?
				 (unsigned)(end - next) : WRITE_CHUNK;
		next += slots[idx].len;
		queue_write(&ring, zeroes, &slots[idx], job->fd, idx);
		inflight++;
	}
	while (inflight) {
		struct io_uring_cqe *cqe;
		struct write_slot *slot;
		int res;

		ret = io_uring_submit_and_wait(&ring, 1);
		if (ret < 0 && ret != -EINTR) {
			/* Nothing more can be reaped safely: give up. */
			err = err ? err : ret;
			break;
		}
		ret = io_uring_peek_cqe(&ring, &cqe);
		if (ret == -EAGAIN || ret == -EINTR)
			continue;
		if (ret < 0) {
			err = err ? err : ret;
			break;
		}
		idx = (unsigned)io_uring_cqe_get_data64(cqe);
		res = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
		slot = &slots[idx];
		inflight--;
		if (res == -EINTR || res == -EAGAIN) {
			res = 0;	/* transient: the same chunk again */
		} else if (res < 0) {
			err = err ? err : res;
			continue;	/* drain the others, queue no more */
		} else if (res == 0) {
			err = err ? err : -EIO;	/* no progress */
			continue;
		}
		job->written += (unsigned)res;
		slot->off += (unsigned)res;
		slot->len -= (unsigned)res;
		if (err)
			continue;
		if (!slot->len && next < end) {
			slot->off = next;
			slot->len = end - next < WRITE_CHUNK ?
				    (unsigned)(end - next) : WRITE_CHUNK;
			next += slot->len;
		}
		if (slot->len) {
			queue_write(&ring, zeroes, slot, job->fd, idx);
			inflight++;
		}
	}
	io_uring_queue_exit(&ring);
	free(zeroes);
	return err;
}

/*
 * auto: the native opcode if the kernel has it, else fallocate; if the
 * filesystem cannot zero ranges (-EOPNOTSUPP, tmpfs), writes.
 */
static int method_auto(struct zero_job *job)
{
	int ret;

	if (io_uring_zero_method(NULL) == RINGZERO_ZERO_NATIVE)
		ret = method_native(job);
	else
		ret = method_fallocate(job);
	if (ret != -EOPNOTSUPP)
		return ret;
	snprintf(job->note, sizeof(job->note),
		 "%s: %s on this filesystem", job->step, strerror(EOPNOTSUPP));
	return method_write(job);
}

static const struct zero_method methods[] = {
	{ "auto", "native if verified, else fallocate; write if the "
		  "fs refuses", method_auto },
	{ "native", "IORING_OP_ZERO (kernels with ringzero's patch)",
	  method_native },
	{ "fallocate", "IORING_OP_FALLOCATE with FALLOC_FL_ZERO_RANGE",
	  method_fallocate },
	{ "write", "IORING_OP_WRITE of a buffer of zeroes", method_write },
	{ NULL, NULL, NULL },
};

/* The zero_diag.c view of the job. */
static struct zero_request request_of(const struct zero_job *job)
{
	return (struct zero_request){
		.path = job->path, .fd = job->fd, .offset = job->offset,
		.length = job->length, .keep_size = job->keep_size,
	};
}

/* The failure, then its causes as zero_diag.c finds them. */
static void print_error(const struct zero_job *job, int err)
{
	struct zero_request req = request_of(job);

	fprintf(stderr, PROG ": '%s': %s: %s\n", job->path, job->step,
		strerror(-err));
	zero_explain(PROG, &req, err);
}

/* Why the native opcode is missing, in words, for --method native. */
static void explain_no_native(const char *path, int why)
{
	struct io_uring_probe *probe;
	char name[32];

	if (why != -EOPNOTSUPP) {
		fprintf(stderr, PROG ": '%s': cannot verify IORING_OP_ZERO on "
			"this kernel (%s); it is never sent unverified\n",
			path, strerror(-why));
		return;
	}
	probe = io_uring_get_probe();
	if (probe && ringzero_kernel_opcode_name(probe->last_op, name,
						  sizeof(name)) > 0)
		fprintf(stderr, PROG ": '%s': this kernel has no "
			"IORING_OP_ZERO: its last opcode, %d, is %s\n", path,
			probe->last_op, name);
	else
		fprintf(stderr, PROG ": '%s': this kernel has no "
			"IORING_OP_ZERO\n", path);
	io_uring_free_probe(probe);
}

static void usage(FILE *out)
{
	const struct zero_method *m;

	fprintf(out,
		"Usage: " PROG " [OPTION]... FILE\n"
		"Zero a byte range of FILE through io_uring. Bytes outside the "
		"range are never\nchanged and the file is never truncated.\n"
		"\n"
		"  -o, --offset=SIZE   first byte to zero (default 0)\n"
		"  -l, --length=SIZE   bytes to zero (default: from the offset "
		"to the end of\n"
		"                      FILE; required for block devices)\n"
		"  -k, --keep-size     do not grow FILE when the range ends "
		"past its end\n"
		"  -m, --method=M      how to zero (default auto):\n");
	for (m = methods; m->name; m++)
		fprintf(out, "                        %-10s %s\n", m->name,
			m->help);
	fprintf(out,
		"  -h, --help          display this help and exit\n"
		"  -V, --version       output version information and exit\n"
		"\n"
		"SIZE is a number of bytes with an optional K, M, G or T suffix "
		"(powers of 1024;\nKiB, MiB, GiB and TiB mean the same).\n"
		"\n"
		"Prints the range zeroed and the method used. Exit status: 0 "
		"if the range was\nzeroed, 1 if it could not be, 2 for bad "
		"usage.\n");
}

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '" PROG " --help' for more information.\n");
	return EXIT_USAGE;
}

static int parse_size_opt(const char *opt, const char *text, uint64_t *out)
{
	int ret = parse_size(text, out);

	if (ret == -ERANGE)
		return usage_error("invalid %s '%s': larger than the largest "
				   "file offset (%llu)", opt, text,
				   (unsigned long long)SIZE_MAX_OFFSET);
	if (ret < 0)
		return usage_error("invalid %s '%s': not a size (digits with an"
				   " optional K, M, G or T suffix)", opt,
				   text);
	return 0;
}

static const char *file_type(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISLNK(mode))
		return "a symbolic link";
	return "not a regular file";
}

/*
 * Open job->path for writing, refusing what cannot be zeroed before it is
 * opened (opening a FIFO for writing would block until a reader comes).
 * 0, or an exit code after printing why.
 */
static int open_target(struct zero_job *job)
{
	struct stat st, fst;
	int flags;

	if (stat(job->path, &st) < 0) {
		fprintf(stderr, PROG ": cannot access '%s': %s\n", job->path,
			strerror(errno));
		return EXIT_FAIL;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		fprintf(stderr, PROG ": '%s' is %s; only regular files and "
			"block devices can be zeroed\n", job->path,
			file_type(st.st_mode));
		return EXIT_FAIL;
	}
	/* O_NONBLOCK: never hang if the path became a FIFO meanwhile. */
	job->fd = open(job->path, O_WRONLY | O_NONBLOCK | O_NOCTTY |
		       O_CLOEXEC);
	if (job->fd < 0) {
		int err = errno;
		struct zero_request req = request_of(job);

		fprintf(stderr, PROG ": cannot open '%s' for writing: %s\n",
			job->path, strerror(err));
		zero_explain(PROG, &req, err);
		return EXIT_FAIL;
	}
	if (fstat(job->fd, &fst) < 0 || fst.st_dev != st.st_dev ||
	    fst.st_ino != st.st_ino) {
		fprintf(stderr, PROG ": '%s' changed while being opened\n",
			job->path);
		return EXIT_FAIL;
	}
	/* io_uring would pass O_NONBLOCK's -EAGAIN up instead of waiting. */
	flags = fcntl(job->fd, F_GETFL);
	if (flags < 0 || fcntl(job->fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		fprintf(stderr, PROG ": '%s': fcntl: %s\n", job->path,
			strerror(errno));
		return EXIT_FAIL;
	}
	if (S_ISBLK(fst.st_mode)) {
		uint64_t bytes;

		if (ioctl(job->fd, BLKGETSIZE64, &bytes) < 0) {
			fprintf(stderr, PROG ": '%s': BLKGETSIZE64: %s\n",
				job->path, strerror(errno));
			return EXIT_FAIL;
		}
		job->size = bytes;
		job->is_blk = true;
	} else {
		job->size = (uint64_t)fst.st_size;
	}
	return 0;
}

static const struct option long_options[] = {
	{ "offset",	required_argument,	NULL, 'o' },
	{ "length",	required_argument,	NULL, 'l' },
	{ "keep-size",	no_argument,		NULL, 'k' },
	{ "method",	required_argument,	NULL, 'm' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The long name of option letter c, or NULL. */
static const char *long_name(int c)
{
	const struct option *o;

	for (o = long_options; o->name; o++)
		if (o->val == c)
			return o->name;
	return NULL;
}

int cmd_zero(int argc, char **argv)
{
	const struct zero_method *method = &methods[0];
	struct zero_job job = { .fd = -1 };
	bool have_length = false;
	const char *method_arg = NULL;
	int opt, ret;

	opterr = 0;	/* our messages, with the command's name */
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":o:l:km:hV", long_options,
				  NULL)) != -1) {
		switch (opt) {
		case 'o':
			ret = parse_size_opt("--offset", optarg, &job.offset);
			if (ret)
				return ret;
			break;
		case 'l':
			ret = parse_size_opt("--length", optarg, &job.length);
			if (ret)
				return ret;
			have_length = true;
			break;
		case 'k':
			job.keep_size = true;
			break;
		case 'm':
			method_arg = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			print_version(PROG);
			return EXIT_OK;
		case ':':
			/* optopt is the option's letter, short or long. */
			return usage_error("option '--%s' (-%c) requires an "
					   "argument", long_name(optopt),
					   optopt);
		default:
			/*
			 * optopt: 0 for an unknown long option; the letter of
			 * a known one given a value it does not take; else
			 * the unknown short option.
			 */
			if (!optopt)
				return usage_error("unrecognized option '%s'",
						   argv[optind - 1]);
			if (long_name(optopt))
				return usage_error("option '--%s' doesn't allow"
						   " an argument",
						   long_name(optopt));
			return usage_error("invalid option -- '%c'", optopt);
		}
	}
	if (method_arg) {
		for (method = methods; method->name; method++)
			if (!strcmp(method->name, method_arg))
				break;
		if (!method->name)
			return usage_error("invalid --method '%s': choose auto,"
					   " native, fallocate or write",
					   method_arg);
	}
	if (optind == argc)
		return usage_error("missing FILE operand");
	if (optind + 1 < argc)
		return usage_error("extra operand '%s'", argv[optind + 1]);
	job.path = argv[optind];
	if (have_length && !job.length)
		return usage_error("invalid --length '0': nothing to zero");
	if (have_length && job.offset > SIZE_MAX_OFFSET - job.length) {
		fprintf(stderr, PROG ": '%s': offset %llu + length %llu is past"
			" the largest file offset (%llu)\n", job.path,
			(unsigned long long)job.offset,
			(unsigned long long)job.length,
			(unsigned long long)SIZE_MAX_OFFSET);
		return EXIT_USAGE;
	}

	ret = open_target(&job);
	if (ret)
		goto out;
	if (!have_length) {
		if (job.is_blk) {
			fprintf(stderr, PROG ": '%s' is a block device: give "
				"--length to zero it\n", job.path);
			ret = EXIT_USAGE;
			goto out;
		}
		if (job.offset >= job.size) {
			fprintf(stderr, PROG ": '%s': nothing to zero: offset "
				"%llu is at or past its end (%llu bytes); give "
				"--length\n", job.path,
				(unsigned long long)job.offset,
				(unsigned long long)job.size);
			ret = EXIT_USAGE;
			goto out;
		}
		job.length = job.size - job.offset;
	}

	{
		struct zero_request req = request_of(&job);

		/* A device's size and block size are known: check them now. */
		ret = zero_check_request(PROG, &req,
					 method->run != method_write);
		if (ret)
			goto out;
	}
	ret = method->run(&job);
	if (ret < 0) {
		if (job.no_native)
			explain_no_native(job.path, ret);
		else
			print_error(&job, ret);
		ret = EXIT_FAIL;
		goto out;
	}
	if (!strcmp(job.used, "write"))
		printf("%s: zeroed %llu bytes at offset %llu (method: write, "
		       "%llu bytes written%s%s)\n", job.path,
		       (unsigned long long)job.length,
		       (unsigned long long)job.offset,
		       (unsigned long long)job.written,
		       job.note[0] ? "; " : "", job.note);
	else
		printf("%s: zeroed %llu bytes at offset %llu (method: %s, "
		       "%s)\n", job.path, (unsigned long long)job.length,
		       (unsigned long long)job.offset, job.used, job.note);
	ret = EXIT_OK;
out:
	if (job.fd >= 0)
		close(job.fd);
	return ret;
}
