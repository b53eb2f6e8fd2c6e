// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_prep_zero() zeroes exactly the bytes asked for:
 * the seed's scenario ("1234567890\n", first 5 bytes) leaves 5 zero bytes
 * then "67890\n"; unaligned ranges, single bytes and block-crossing ranges
 * change nothing outside themselves; a range past EOF extends the file with
 * zeroes unless IORING_ZERO_KEEP_SIZE, and with it the size stays; a range
 * over a hole reads as zeroes. On a filesystem without ZERO_RANGE (tmpfs)
 * every request gives -EOPNOTSUPP and the file is untouched.
 *
 * Then the same property for every method of `ringzero zero`'s chain
 * (tools/zero_chain.c, linked in): native (where verified), fallocate and
 * punch (where the filesystem has them), write and auto. Each zeroes
 * fixed and random ranges of a pattern file, straddles and passes EOF
 * with and without keep-size, and runs over holes; after each, every byte
 * must equal a model (zero inside the range, the pattern outside), the
 * size must be what the method promises, and punch, write and auto must
 * leave a hole a hole. The runs go wherever $TMPDIR is: test/zero-fs.sh
 * repeats them on tmpfs, ramfs and loop-mounted ext4, xfs and btrfs.
 */
#include <sys/vfs.h>

#include "zero-helpers.h"
#include "zero_chain.h"

#define FILE_SIZE	(256 * 1024)

static struct io_uring ring;
static bool fs_zeroes;

static int zero(int fd, __u64 off, __u64 len, unsigned flags)
{
	zt_prep_zero(t_sqe(&ring), fd, off, len, flags);
	return t_submit_one(&ring);
}

/* The seed's example, byte for byte. */
static void seed_scenario(void)
{
	static const char want[] = "\0\0\0\0\0" "67890\n";
	char path[256], buf[32];
	int fd = t_tmpfile(path, "1234567890\n", 11);

	CHECK_EQ(zero(fd, 0, 5, 0), zt_ok(fs_zeroes));
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 11);
	if (fs_zeroes)
		CHECK(!memcmp(buf, want, 11));
	else
		CHECK(!memcmp(buf, "1234567890\n", 11));
	close(fd);
	unlink(path);
}

/*
 * The i-th random range of a run: offsets anywhere in the file, lengths up
 * to 64 bytes or up to max_len, from a fixed seed so that a failure can be
 * replayed; cut at the end of the file.
 */
static void random_range(unsigned *seed, unsigned i, size_t max_len,
			 size_t *off, size_t *len)
{
	*seed = *seed * 1103515245 + 12345;
	*off = (*seed >> 8) % FILE_SIZE;
	*seed = *seed * 1103515245 + 12345;
	*len = 1 + (*seed >> 8) % (i % 2 ? 64 : max_len);
	if (*off + *len > FILE_SIZE)
		*len = FILE_SIZE - *off;
}

/*
 * Zero [off, off + len) of a pattern file and compare every byte with a
 * model: zero inside the range, the pattern outside.
 */
static void check_range(int fd, unsigned char *model, unsigned char *buf,
			size_t off, size_t len)
{
	size_t i, n;

	CHECK_EQ(zero(fd, off, len, 0), zt_ok(fs_zeroes));
	if (fs_zeroes)
		memset(model + off, 0, len);
	n = zt_read_all(fd, buf, FILE_SIZE);
	CHECK_EQ(n, FILE_SIZE);
	for (i = 0; i < FILE_SIZE; i++)
		if (buf[i] != model[i])
			FAIL("after zeroing [%zu, %zu): byte %zu is %#x, "
			     "expected %#x", off, off + len, i, buf[i],
			     model[i]);
}

static void unaligned_ranges(void)
{
	/* Edges that straddle sectors, pages and 4 KiB blocks. */
	static const size_t fixed[][2] = {
		{ 1, 1 }, { 511, 2 }, { 4095, 1 }, { 4096, 1 }, { 4097, 4094 },
		{ 8191, 8194 }, { 3, 65533 }, { FILE_SIZE - 1, 1 },
		{ 100000, 12345 },
	};
	unsigned char *model = malloc(FILE_SIZE), *buf = malloc(FILE_SIZE);
	unsigned seed = 12345, rounds = t_quick() ? 8 : 64, i;
	char path[256];
	int fd;

	CHECK(model && buf);
	fd = t_tmpfile(path, NULL, FILE_SIZE);
	for (i = 0; i < FILE_SIZE; i++)
		model[i] = t_pattern(i);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		check_range(fd, model, buf, fixed[i][0], fixed[i][1]);
	for (i = 0; i < rounds; i++) {
		size_t off, len;

		random_range(&seed, i, 20000, &off, &len);
		check_range(fd, model, buf, off, len);
	}
	CHECK_EQ(zt_size(fd), FILE_SIZE);
	close(fd);
	unlink(path);
	free(model);
	free(buf);
}

/* Ranges past EOF: grow with zeroes, or keep the size with KEEP_SIZE. */
static void past_eof(void)
{
	char path[256], buf[64];
	int fd = t_tmpfile(path, "abcdef", 6);
	size_t i;

	/* Entirely past EOF, keeping the size: nothing visible changes. */
	CHECK_EQ(zero(fd, 100, 50, IORING_ZERO_KEEP_SIZE), zt_ok(fs_zeroes));
	CHECK_EQ(zt_size(fd), 6);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 6);
	CHECK(!memcmp(buf, "abcdef", 6));

	/* Straddling EOF, keeping the size: the inside part is zeroed. */
	CHECK_EQ(zero(fd, 4, 20, IORING_ZERO_KEEP_SIZE), zt_ok(fs_zeroes));
	CHECK_EQ(zt_size(fd), 6);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 6);
	CHECK(!memcmp(buf, fs_zeroes ? "abcd\0\0" : "abcdef", 6));

	/* Straddling EOF without KEEP_SIZE: grows to off + len. */
	CHECK_EQ(zero(fd, 2, 10, 0), zt_ok(fs_zeroes));
	if (!fs_zeroes) {
		CHECK_EQ(zt_size(fd), 6);
		goto out;
	}
	CHECK_EQ(zt_size(fd), 12);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 12);
	CHECK(!memcmp(buf, "ab", 2));
	for (i = 2; i < 12; i++)
		CHECK_EQ(buf[i], 0);

	/* Entirely past EOF: the gap and the range read as zeroes. */
	CHECK_EQ(zero(fd, 40, 8, 0), 0);
	CHECK_EQ(zt_size(fd), 48);
	CHECK_EQ(zt_read_all(fd, buf, sizeof(buf)), 48);
	for (i = 2; i < 48; i++)
		CHECK_EQ(buf[i], 0);
out:
	close(fd);
	unlink(path);
}

/* A range over a hole and data, on a sparse file. */
static void over_hole(void)
{
	char path[256], buf[8];
	int fd = t_tmpfile(path, NULL, 0);
	off_t far = 1 << 20;

	CHECK_EQ(pwrite(fd, "XYZ", 3, far), 3);
	CHECK_EQ(zero(fd, 0, (__u64)far + 1, 0), zt_ok(fs_zeroes));
	CHECK_EQ(zt_size(fd), far + 3);
	CHECK_EQ(pread(fd, buf, 3, far), 3);
	CHECK(!memcmp(buf, fs_zeroes ? "\0YZ" : "XYZ", 3));
	CHECK_EQ(pread(fd, buf, 4, 4096), 4);
	CHECK(!memcmp(buf, "\0\0\0\0", 4));
	close(fd);
	unlink(path);
}

/* Which methods of the chain this filesystem can run. */
static bool fs_punches(void)
{
	char path[256];
	int fd = t_tmpfile(path, "abcdefgh", 8), res;

	io_uring_prep_fallocate(t_sqe(&ring), fd, FALLOC_FL_PUNCH_HOLE |
				FALLOC_FL_KEEP_SIZE, 2, 2);
	res = t_submit_one(&ring);
	close(fd);
	unlink(path);
	if (res && res != -EOPNOTSUPP)
		FAIL("punching a hole: %s", strerror(-res));
	return res == 0;
}

static bool method_runs_here(enum zero_method_id m, bool punches)
{
	switch (m) {
	case ZERO_NATIVE:
		return zt_native() && fs_zeroes;
	case ZERO_FALLOCATE:
		return fs_zeroes;
	case ZERO_PUNCH:
		return punches;
	default:
		return true;
	}
}

/* Run the chain's method m over [off, off + len) of fd; its result. */
static int chain_zero(enum zero_method_id m, int fd, const char *path,
		      uint64_t off, uint64_t len, bool keep_size,
		      struct zero_job *job)
{
	struct statfs sfs;

	memset(job, 0, sizeof(*job));
	job->path = path;
	job->fd = fd;
	job->offset = off;
	job->length = len;
	job->keep_size = keep_size;
	job->size = (uint64_t)zt_size(fd);
	CHECK_SYS(fstatfs(fd, &sfs));
	job->fs_magic = (unsigned long)sfs.f_type;
	job->data_fs = zero_fs_find(job->fs_magic) != NULL;
	return zero_run(job, m);
}

/* Every byte of fd equals model[0, size), and the size is size. */
static void check_model(int fd, const unsigned char *model, size_t size,
			const char *what)
{
	unsigned char *buf = malloc(size + 1);
	size_t i, n;

	CHECK(buf != NULL);
	CHECK_EQ(zt_size(fd), (off_t)size);
	n = zt_read_all(fd, buf, size + 1);
	CHECK_EQ(n, size);
	for (i = 0; i < size; i++)
		if (buf[i] != model[i])
			FAIL("%s: byte %zu is %#x, expected %#x", what, i,
			     buf[i], model[i]);
	free(buf);
}

/* Zero, and check against the model; the report counts what reads zero. */
static void chain_check(enum zero_method_id m, int fd, const char *path,
			unsigned char *model, size_t *size, uint64_t off,
			uint64_t len, bool keep_size)
{
	uint64_t end = off + len, vend = end;
	struct zero_job job;
	char what[128];
	int ret;

	snprintf(what, sizeof(what), "--method %s [%llu, %llu)%s",
		 zero_method_name(m), (unsigned long long)off,
		 (unsigned long long)end, keep_size ? " keep-size" : "");
	ret = chain_zero(m, fd, path, off, len, keep_size, &job);
	if (ret < 0)
		FAIL("%s: %s: %s", what, job.step, strerror(-ret));
	if (keep_size && end > *size)
		vend = off < *size ? *size : off;
	if (!keep_size && end > *size) {
		memset(model + *size, 0, end - *size);
		*size = end;
	}
	if (vend > off)
		memset(model + off, 0, vend - off);
	if (job.zeroed != vend - off)
		FAIL("%s: reports %llu bytes zeroed, expected %llu", what,
		     (unsigned long long)job.zeroed,
		     (unsigned long long)(vend - off));
	check_model(fd, model, *size, what);
}

#define CHAIN_SPAN	(FILE_SIZE + 64 * 1024)

static void chain_ranges(enum zero_method_id m)
{
	static const size_t fixed[][2] = {
		{ 0, 1 }, { 1, 1 }, { 511, 2 }, { 4095, 1 }, { 4096, 4096 },
		{ 4097, 4094 }, { 8191, 8194 }, { 3, 65533 },
		{ FILE_SIZE - 1, 1 }, { 100000, 300000 },
	};
	unsigned char *model = malloc(CHAIN_SPAN);
	unsigned seed = 4242, rounds = t_quick() ? 6 : 40, i;
	size_t size = FILE_SIZE;
	char path[256];
	int fd;

	CHECK(model != NULL);
	fd = t_tmpfile(path, NULL, FILE_SIZE);
	for (i = 0; i < FILE_SIZE; i++)
		model[i] = t_pattern(i);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		size_t off = fixed[i][0], len = fixed[i][1];

		/* The last range passes EOF: once kept, once grown. */
		chain_check(m, fd, path, model, &size, off, len, true);
		if (off + len <= size)
			chain_check(m, fd, path, model, &size, off, len, false);
	}
	CHECK_EQ(size, FILE_SIZE);
	for (i = 0; i < rounds; i++) {
		size_t off, len;

		random_range(&seed, i, 40000, &off, &len);
		chain_check(m, fd, path, model, &size, off, len, i % 3 == 0);
	}
	/* Growth: straddling EOF, then entirely past it. */
	chain_check(m, fd, path, model, &size, FILE_SIZE - 10, 4106, false);
	chain_check(m, fd, path, model, &size, size + 5000, 3000, false);
	CHECK_EQ(size, FILE_SIZE + 4096 + 8000);
	close(fd);
	unlink(path);
	free(model);
}

/*
 * Over a sparse file: data, a hole, data. The hole must stay a hole for
 * the methods that cost nothing (punch) or write only over data (write,
 * and auto, which comes to one of them or to fallocate).
 */
static void chain_hole(enum zero_method_id m)
{
	const off_t far = 1 << 20;
	char path[256], buf[8];
	struct zero_job job;
	off_t data;
	int fd = t_tmpfile(path, NULL, 0), ret;

	CHECK_EQ(pwrite(fd, "ABC", 3, 0), 3);
	CHECK_EQ(pwrite(fd, "XYZ", 3, far), 3);
	ret = chain_zero(m, fd, path, 1, (uint64_t)far + 1, false, &job);
	if (ret < 0)
		FAIL("--method %s over a hole: %s: %s", zero_method_name(m),
		     job.step, strerror(-ret));
	CHECK_EQ(zt_size(fd), far + 3);
	CHECK_EQ(pread(fd, buf, 3, 0), 3);
	CHECK(!memcmp(buf, "A\0\0", 3));
	CHECK_EQ(pread(fd, buf, 3, far), 3);
	CHECK(!memcmp(buf, "\0\0Z", 3));
	/* Where the filesystem has holes, the middle is still one. */
	data = lseek(fd, 4096, SEEK_DATA);
	if (m != ZERO_FALLOCATE && m != ZERO_NATIVE &&
	    lseek(fd, 0, SEEK_HOLE) < far && data >= 0 && data < far - 4096)
		FAIL("--method %s filled the hole: data at %lld",
		     zero_method_name(m), (long long)data);
	close(fd);
	unlink(path);
}

/*
 * Where neither ZERO_RANGE nor holes work (ramfs), auto writes only on a
 * filesystem known to store data: told otherwise, it refuses and writes
 * nothing.
 */
static void chain_auto_unknown_fs(void)
{
	char path[256], buf[8];
	struct zero_job job;
	int fd = t_tmpfile(path, "abcdefgh", 8), ret;

	memset(&job, 0, sizeof(job));
	job.path = path;
	job.fd = fd;
	job.offset = 2;
	job.length = 10;
	job.size = 8;
	job.fs_magic = 0x12345678;	/* not in zero_fs.c's table */
	ret = zero_run(&job, ZERO_AUTO);
	CHECK_EQ(ret, -EOPNOTSUPP);
	CHECK(strstr(job.why, "not writing zeroes to it unasked") != NULL);
	CHECK_EQ(job.written, 0);
	CHECK_EQ(zt_size(fd), 8);
	CHECK_EQ(pread(fd, buf, 8, 0), 8);
	CHECK(!memcmp(buf, "abcdefgh", 8));
	close(fd);
	unlink(path);
	printf("chain: auto refuses to write on an unknown filesystem\n");
}

static void chain_methods(void)
{
	bool punches = fs_punches();
	unsigned m;

	if (!fs_zeroes && !punches)
		chain_auto_unknown_fs();

	for (m = 0; m < ZERO_METHOD_NR; m++) {
		if (!method_runs_here(m, punches)) {
			printf("chain: --method %s: not on this filesystem\n",
			       zero_method_name(m));
			continue;
		}
		chain_ranges(m);
		chain_hole(m);
		printf("chain: --method %s: every byte as the model says\n",
		       zero_method_name(m));
	}
}

int main(int argc, char **argv)
{
	char path[256];
	int fd;

	(void)argc;
	t_init(argv[0]);
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	zt_expected_opcode();
	fd = t_tmpfile(path, NULL, 0);
	fs_zeroes = zt_fs_zeroes(&ring, fd);
	close(fd);
	unlink(path);
	printf("method %s, filesystem %s\n",
	       io_uring_zero_method_name(io_uring_zero_method(&ring)),
	       fs_zeroes ? "zeroes ranges" : "refuses ZERO_RANGE");

	seed_scenario();
	unaligned_ranges();
	past_eof();
	over_hole();
	chain_methods();
	io_uring_queue_exit(&ring);
	return T_EXIT_PASS;
}
