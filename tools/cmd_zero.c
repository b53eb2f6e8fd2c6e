// SPDX-License-Identifier: MIT
/*
 * cmd_zero.c - `ringzero zero`: the options, the target, and turning the
 * outcome into messages and an exit code.
 *
 * The methods and the automatic chain over them (native ZERO, fallocate
 * ZERO_RANGE, punching a hole, writing zeroes) are in zero_chain.c, the
 * waits and signals in zero_wait.c, the lines that report the outcome in
 * zero_report.c, which filesystems store data in zero_fs.c.
 *
 * Promises: only bytes inside [offset, offset + length) change; the file
 * is never truncated; it grows only when the range goes past its end and
 * --keep-size is not given. Every error names the file and the cause.
 * Nothing is synced to disk: run sync(1) or fsync if that matters.
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
#include <locale.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/fs.h>

#include "ringzero.h"
#include "cmd.h"
#include "quote.h"
#include "size.h"
#include "zero_chain.h"
#include "zero_diag.h"
#include "zero_report.h"
#include "zero_wait.h"

#define PROG "ringzero zero"

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

	if (job->why[0]) {
		/* Refused up front, by the chain's own checks. */
		fprintf(stderr, PROG ": %s: %s\n", quote_name(job->path, true),
			job->why);
		return;
	}
	fprintf(stderr, PROG ": %s: %s: %s\n", quote_name(job->path, true),
		job->step, strerror(-err));
	zero_report_failed_write(job);
	if (job->grown_to)
		fprintf(stderr, PROG ": %s: it was grown from %llu to %llu "
			"%s and could not be given its size back\n",
			quote_name(job->path, true),
			(unsigned long long)job->size,
			(unsigned long long)job->grown_to,
			bytes_word(job->grown_to));
	zero_explain(PROG, &req, err);
}

/* Why the native opcode is missing, in words, for --method native. */
static void explain_no_native(const char *path, int why)
{
	struct io_uring_probe *probe;
	char name[32];

	if (why != -EOPNOTSUPP) {
		fprintf(stderr, PROG ": %s: cannot verify IORING_OP_ZERO on "
			"this kernel (%s); it is never sent unverified\n",
			quote_name(path, true), strerror(-why));
		return;
	}
	probe = io_uring_get_probe();
	if (probe && ringzero_kernel_opcode_name(probe->last_op, name,
						  sizeof(name)) > 0)
		fprintf(stderr, PROG ": %s: this kernel has no "
			"IORING_OP_ZERO: its last opcode, %d, is %s\n",
			quote_name(path, true), probe->last_op, name);
	else
		fprintf(stderr, PROG ": %s: this kernel has no "
			"IORING_OP_ZERO\n", quote_name(path, true));
	io_uring_free_probe(probe);
}

static void usage(FILE *out)
{
	unsigned m;

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
	for (m = 0; m < ZERO_METHOD_NR; m++)
		fprintf(out, "                        %-10s %s\n",
			zero_method_name(m), zero_method_help(m));
	fprintf(out,
		"  -h, --help          display this help and exit\n"
		"  -V, --version       output version information and exit\n"
		"\n"
		"SIZE is a number of bytes with an optional K, M, G or T suffix "
		"(powers of 1024;\nKiB, MiB, GiB and TiB mean the same).\n"
		"\n"
		"Prints the range zeroed and every method used; on a terminal, "
		"a progress line\nfor work that takes over a second. Exit "
		"status: 0 if the range was zeroed,\n1 if it could not be "
		"(see the manual for what may be left), 2 for bad usage,\n"
		"130 if interrupted (SIGINT; 143 for SIGTERM).\n");
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
 * Where the regular file job->path lives: a filesystem that stores data,
 * one that does not (its files are kernel interfaces: refused), or one
 * ringzero does not know (allowed, but auto will not write zeroes there).
 * 0, or -1 after printing why.
 */
static int check_filesystem(struct zero_job *job)
{
	const struct zero_fs *fs;
	struct statfs sfs;

	if (statfs(job->path, &sfs) < 0) {
		fprintf(stderr, PROG ": cannot access %s: %s\n",
			quote_name(job->path, true), strerror(errno));
		return -1;
	}
	job->fs_magic = (unsigned long)sfs.f_type;
	fs = zero_fs_find(job->fs_magic);
	if (fs && !fs->stores_data) {
		fprintf(stderr, PROG ": %s is on %s, a filesystem whose files "
			"are kernel interfaces, not stored data: writing zeroes "
			"there would be a command to the kernel, not zeroing\n",
			quote_name(job->path, true), fs->name);
		return -1;
	}
	job->fs_name = fs ? fs->name : NULL;
	job->data_fs = fs != NULL;
	return 0;
}

/*
 * Open job->path for writing, refusing what cannot be zeroed before it is
 * opened (opening a FIFO for writing would block until a reader comes).
 * 0, or an exit code after printing why.
 */
static int open_target(struct zero_job *job)
{
	struct stat st, fst;
	struct statfs sfs;
	int flags;

	if (stat(job->path, &st) < 0) {
		fprintf(stderr, PROG ": cannot access %s: %s\n",
			quote_name(job->path, true), strerror(errno));
		return EXIT_FAIL;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		fprintf(stderr, PROG ": %s is %s; only regular files and "
			"block devices can be zeroed\n",
			quote_name(job->path, true), file_type(st.st_mode));
		return EXIT_FAIL;
	}
	/* Before opening it: a write to /proc or /sys is a command. */
	if (S_ISREG(st.st_mode) && check_filesystem(job) < 0)
		return EXIT_FAIL;
	/*
	 * O_NONBLOCK: never hang if the path became a FIFO meanwhile.
	 * O_EXCL on a block device claims it as mkfs(8) does: the open fails
	 * with EBUSY while a filesystem on it is mounted or md, LVM, swap or
	 * another exclusive user holds it. Without it the kernel lets the
	 * zeroes land under a live filesystem. (Ignored for regular files.)
	 */
	job->fd = open(job->path, O_WRONLY | O_NONBLOCK | O_NOCTTY |
		       O_CLOEXEC | (S_ISBLK(st.st_mode) ? O_EXCL : 0));
	if (job->fd < 0) {
		int err = errno;
		struct zero_request req = request_of(job);

		if (err == EBUSY && S_ISBLK(st.st_mode)) {
			fprintf(stderr, PROG ": %s is in use: a filesystem on "
				"it is mounted, it is part of a RAID, LVM "
				"volume or swap, or a program opened it "
				"exclusively (open with O_EXCL: %s); not "
				"zeroing it\n",
				quote_name(job->path, true), strerror(err));
			return EXIT_FAIL;
		}
		fprintf(stderr, PROG ": cannot open %s for writing: %s\n",
			quote_name(job->path, true), strerror(err));
		zero_explain(PROG, &req, err);
		return EXIT_FAIL;
	}
	if (fstat(job->fd, &fst) < 0 || fst.st_dev != st.st_dev ||
	    fst.st_ino != st.st_ino) {
		fprintf(stderr, PROG ": %s changed while being opened\n",
			quote_name(job->path, true));
		return EXIT_FAIL;
	}
	/* io_uring would pass O_NONBLOCK's -EAGAIN up instead of waiting. */
	flags = fcntl(job->fd, F_GETFL);
	if (flags < 0 || fcntl(job->fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		fprintf(stderr, PROG ": %s: fcntl: %s\n",
			quote_name(job->path, true), strerror(errno));
		return EXIT_FAIL;
	}
	if (S_ISBLK(fst.st_mode)) {
		uint64_t bytes;

		if (ioctl(job->fd, BLKGETSIZE64, &bytes) < 0) {
			fprintf(stderr, PROG ": %s: BLKGETSIZE64: %s\n",
				quote_name(job->path, true), strerror(errno));
			return EXIT_FAIL;
		}
		job->size = bytes;
		job->is_blk = true;
	} else {
		job->size = (uint64_t)fst.st_size;
		/* The same filesystem as checked before the open? */
		if (fstatfs(job->fd, &sfs) < 0 ||
		    (unsigned long)sfs.f_type != job->fs_magic) {
			fprintf(stderr, PROG ": %s changed while being "
				"opened\n", quote_name(job->path, true));
			return EXIT_FAIL;
		}
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
	struct zero_job job = { .fd = -1 };
	enum zero_method_id method = ZERO_AUTO;
	struct zero_progress progress;
	bool have_length = false;
	const char *method_arg = NULL;
	int opt, ret, signo;

	/* Names print their printable multibyte characters as they are. */
	setlocale(LC_CTYPE, "");
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
		ret = zero_method_find(method_arg);
		if (ret < 0)
			return usage_error("invalid --method '%s': choose auto,"
					   " native, fallocate, punch or write",
					   method_arg);
		method = (enum zero_method_id)ret;
	}
	if (optind == argc)
		return usage_error("missing FILE operand");
	if (optind + 1 < argc)
		return usage_error("extra operand '%s'", argv[optind + 1]);
	job.path = argv[optind];
	if (have_length && !job.length)
		return usage_error("invalid --length '0': nothing to zero");
	if (have_length && job.offset > SIZE_MAX_OFFSET - job.length) {
		fprintf(stderr, PROG ": %s: offset %llu + length %llu is past"
			" the largest file offset (%llu)\n",
			quote_name(job.path, true),
			(unsigned long long)job.offset,
			(unsigned long long)job.length,
			(unsigned long long)SIZE_MAX_OFFSET);
		return EXIT_USAGE;
	}

	/* From here on a stop signal is noticed, and acted on in between. */
	ret = zero_signals_init();
	if (ret < 0) {
		fprintf(stderr, PROG ": setting up signal handling: %s\n",
			strerror(-ret));
		return EXIT_FAIL;
	}
	ret = open_target(&job);
	if (ret)
		goto out;
	if (!have_length) {
		if (job.is_blk) {
			fprintf(stderr, PROG ": %s is a block device: give "
				"--length to zero it\n",
				quote_name(job.path, true));
			ret = EXIT_USAGE;
			goto out;
		}
		if (job.offset >= job.size) {
			fprintf(stderr, PROG ": %s: nothing to zero: offset "
				"%llu is at or past its end (%llu %s); give "
				"--length\n", quote_name(job.path, true),
				(unsigned long long)job.offset,
				(unsigned long long)job.size,
				bytes_word(job.size));
			ret = EXIT_USAGE;
			goto out;
		}
		job.length = job.size - job.offset;
	}

	{
		struct zero_request req = request_of(&job);

		/* A device's size and block size are known: check them now. */
		ret = zero_check_request(PROG, &req, method != ZERO_WRITE);
		if (ret)
			goto out;
	}
	if (zero_progress_init(&progress, &job))
		zero_wait_set_tick(zero_progress_tick, &progress);
	ret = zero_run(&job, method);
	zero_wait_set_tick(NULL, NULL);
	zero_progress_end(&progress);
	signo = zero_signals_finish();
	if (signo) {
		/* Stopped by the user: what was done, then 128 + signal. */
		if (!ret)
			zero_report_done(stdout, &job);
		else if (ret != -EINTR)
			print_error(&job, ret);
		zero_report_stopped(&job, ret, signo);
		ret = 128 + signo;
		goto out;
	}
	if (ret < 0) {
		if (job.no_native)
			explain_no_native(job.path, ret);
		else
			print_error(&job, ret);
		ret = EXIT_FAIL;
		goto out;
	}
	zero_report_done(stdout, &job);
	ret = EXIT_OK;
out:
	if (job.fd >= 0)
		close(job.fd);
	return ret;
}
