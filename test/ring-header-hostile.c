// SPDX-License-Identifier: MIT
/*
 * Description: the shared ring header never sizes what the library maps,
 * unmaps or indexes. A forked child maps the parent's ring (mmap of the
 * ring fd at IORING_OFF_SQ_RING) and fills its header with 0x5a; the
 * parent's io_uring_queue_exit() then unmaps exactly the ring's mappings
 * and nothing else (checked in /proc/self/maps), where it used to munmap
 * ~97 GB. The same for io_uring_resize_rings() (6.13) after the child
 * rewrote the entry counts and masks; for a NO_MMAP ring in caller memory
 * shared with the child (io_uring_queue_init_mem, 6.5); and for a NO_MMAP
 * ring in library memory. A CQ tail pushed 1000 ahead is walked no
 * further than the CQ's size, fillers (CQE_MIXED, 6.18) included.
 */
#include <inttypes.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "helpers.h"

#define HOSTILE		0x5a
#define MAX_MAPS	4096

struct range {
	uintptr_t start, end;
	bool io_uring;		/* a mapping of an io_uring fd */
};

struct maps {
	struct range r[MAX_MAPS];
	unsigned n;
};

static char maps_text[1 << 20];

/*
 * This process's mappings. Read with read(2) into a static buffer: stdio
 * or malloc here could themselves map or unmap memory between snapshots.
 * [heap] is left out, since malloc may trim it in between.
 */
static void maps_read(struct maps *m)
{
	size_t len = 0;
	ssize_t got;
	char *line;
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		t_skip("/proc/self/maps: %s (no /proc)", strerror(errno));
	while ((got = read(fd, maps_text + len,
			   sizeof(maps_text) - 1 - len)) > 0)
		len += (size_t)got;
	CHECK_SYS(got);
	close(fd);
	CHECK(len < sizeof(maps_text) - 1);
	maps_text[len] = 0;

	m->n = 0;
	for (line = maps_text; *line; ) {
		char *nl = strchr(line, '\n');
		unsigned long long s, e;

		if (nl)
			*nl = 0;
		CHECK_EQ(sscanf(line, "%llx-%llx", &s, &e), 2);
		if (!strstr(line, "[heap]")) {
			CHECK(m->n < MAX_MAPS);
			m->r[m->n].start = (uintptr_t)s;
			m->r[m->n].end = (uintptr_t)e;
			m->r[m->n].io_uring = strstr(line, "io_uring") != NULL;
			m->n++;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
}

/* The mapping that contains addr, or NULL. */
static const struct range *maps_find(const struct maps *m, uintptr_t addr)
{
	unsigned i;

	for (i = 0; i < m->n; i++)
		if (m->r[i].start <= addr && addr < m->r[i].end)
			return &m->r[i];
	return NULL;
}

/* Every byte mapped in before is still mapped in after. */
static void maps_check_kept(const struct maps *before, const struct maps *after)
{
	unsigned i;

	for (i = 0; i < before->n; i++) {
		uintptr_t at = before->r[i].start;

		while (at < before->r[i].end) {
			const struct range *r = maps_find(after, at);

			if (!r)
				FAIL("%#" PRIxPTR "-%#" PRIxPTR " was unmapped "
				     "(at %#" PRIxPTR ")", before->r[i].start,
				     before->r[i].end, at);
			at = r->end;
		}
	}
}

static unsigned maps_count_io_uring(const struct maps *m)
{
	unsigned i, n = 0;

	for (i = 0; i < m->n; i++)
		n += m->r[i].io_uring;
	return n;
}

static struct maps before, during, after;

static size_t page_round(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (n + page - 1) / page * page;
}

/* The ring's mappings are exactly where and as big as the library says. */
static void check_ring_mapped(const struct io_uring *ring, size_t sqes_sz)
{
	const struct range *r;

	maps_read(&during);
	r = maps_find(&during, (uintptr_t)ring->sq.ring_ptr);
	CHECK(r && r->io_uring);
	CHECK_EQ(r->start, (uintptr_t)ring->sq.ring_ptr);
	CHECK_EQ(r->end - r->start, page_round(ring->sq.ring_sz));
	r = maps_find(&during, (uintptr_t)ring->sq.sqes);
	CHECK(r && r->io_uring);
	CHECK_EQ(r->start, (uintptr_t)ring->sq.sqes);
	CHECK_EQ(r->end - r->start, page_round(sqes_sz));
}

/*
 * In a child process, map ring_fd's SQ ring as any process may, and fill
 * len bytes from off with HOSTILE. Returns once the child has done so.
 */
static void child_scribbles(int ring_fd, size_t off, size_t len)
{
	int status;
	pid_t pid = fork();

	CHECK_SYS(pid);
	if (!pid) {
		char *p = mmap(NULL, off + len, PROT_READ | PROT_WRITE,
			       MAP_SHARED, ring_fd, IORING_OFF_SQ_RING);

		if (p == MAP_FAILED)
			_exit(2);
		memset(p + off, HOSTILE, len);
		_exit(0);
	}
	CHECK_SYS(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* One NOP through the ring: it still works with a hostile header. */
static void nop_round_trip(struct io_uring *ring, __u64 tag)
{
	struct io_uring_sqe *sqe = t_sqe(ring);
	struct io_uring_cqe *cqe;

	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, tag);
	CHECK_EQ(io_uring_submit(ring), 1);
	cqe = t_wait(ring);
	CHECK_EQ(cqe->user_data, tag);
	io_uring_cqe_seen(ring, cqe);
}

/*
 * The input: the whole header 0x5a. Then the ring is mapped a second time
 * (io_uring_queue_mmap() on a dup of its fd, as a process that was handed
 * the fd does) and both mappings are torn down. With classic (SQ index
 * array) and NO_SQARRAY rings.
 */
static void teardown_after_scribble(bool sq_array)
{
	struct io_uring_params p = { 0 };
	struct io_uring ring, again;
	uintptr_t again_ring, again_sqes;
	size_t sqes_sz;
	int fd;

	maps_read(&before);
	CHECK_EQ(maps_count_io_uring(&before), 0);
	if (sq_array) {
		fd = io_uring_setup(8, &p);
		CHECK_OK(fd);
		CHECK_OK(io_uring_queue_mmap(fd, &p, &ring));
		CHECK(ring.sq.array != NULL);
	} else {
		CHECK_OK(io_uring_queue_init_params(8, &ring, &p));
	}
	sqes_sz = p.sq_entries * sizeof(struct io_uring_sqe);
	check_ring_mapped(&ring, sqes_sz);

	child_scribbles(ring.ring_fd, 0, p.cq_off.cqes);
	/* The child really reached our ring... */
	CHECK_EQ(*ring.sq.kring_entries, 0x5a5a5a5aU);
	CHECK_EQ(*ring.cq.kring_mask, 0x5a5a5a5aU);
	/* ...and the library's own sizes did not move. */
	CHECK_EQ(ring.sq.ring_entries, 8);
	CHECK_EQ(ring.sq.ring_mask, 7);
	CHECK_EQ(ring.cq.ring_entries, 16);
	CHECK_EQ(ring.cq.ring_mask, 15);

	/* A second mapping sized from params, not from the 0x5a header. */
	fd = dup(ring.ring_fd);
	CHECK_SYS(fd);
	{
		/* Sizes no kernel makes are refused, not mapped. */
		struct io_uring_params bad = p;

		bad.sq_entries = 0x5a5a5a5a;
		CHECK_EQ(io_uring_queue_mmap(fd, &bad, &again), -EINVAL);
		bad = p;
		bad.cq_entries = 0;
		CHECK_EQ(io_uring_queue_mmap(fd, &bad, &again), -EINVAL);
	}
	CHECK_OK(io_uring_queue_mmap(fd, &p, &again));
	CHECK_EQ(again.sq.ring_entries, 8);
	CHECK_EQ(again.cq.ring_mask, 15);
	check_ring_mapped(&again, sqes_sz);
	again_ring = (uintptr_t)again.sq.ring_ptr;
	again_sqes = (uintptr_t)again.sq.sqes;
	io_uring_queue_exit(&again);
	/* Exactly the second mapping went; the first is whole. */
	maps_read(&during);
	CHECK(!maps_find(&during, again_ring));
	CHECK(!maps_find(&during, again_sqes));
	check_ring_mapped(&ring, sqes_sz);

	io_uring_queue_exit(&ring);
	maps_read(&after);
	CHECK_EQ(maps_count_io_uring(&after), 0);
	maps_check_kept(&before, &after);
}

/* Entry counts, masks and counters 0x5a; resize, use, tear down. */
static void resize_after_scribble(void)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SINGLE_ISSUER |
			 IORING_SETUP_DEFER_TASKRUN,
	};
	struct io_uring ring;
	void *old_ring, *old_sqes;
	int ret;

	maps_read(&before);
	t_ring_init_since(&ring, 8, &p, "IORING_SETUP_DEFER_TASKRUN", 6, 1);
	/* ring_mask .. ring_entries of both rings, then dropped. */
	child_scribbles(ring.ring_fd, p.sq_off.ring_mask,
			p.sq_off.dropped + 4 - p.sq_off.ring_mask);
	child_scribbles(ring.ring_fd, p.cq_off.overflow, 4);
	CHECK_EQ(*ring.sq.kring_entries, 0x5a5a5a5aU);
	CHECK_EQ(*ring.cq.kring_entries, 0x5a5a5a5aU);
	nop_round_trip(&ring, 1);

	old_ring = ring.sq.ring_ptr;
	old_sqes = ring.sq.sqes;
	ret = t_resize(&ring, &p, 16, 64);
	if (ret == 1) {
		io_uring_queue_exit(&ring);
		return;
	}
	CHECK_EQ(ret, 0);
	CHECK_EQ(ring.sq.ring_entries, 16);
	CHECK_EQ(ring.sq.ring_mask, 15);
	CHECK_EQ(ring.cq.ring_entries, 64);
	CHECK_EQ(ring.cq.ring_mask, 63);
	check_ring_mapped(&ring, 16 * sizeof(struct io_uring_sqe));
	/* The old rings are gone, unless the new ones reuse the addresses. */
	if (old_ring != ring.sq.ring_ptr && old_ring != ring.sq.sqes)
		CHECK(!maps_find(&during, (uintptr_t)old_ring));
	if (old_sqes != ring.sq.ring_ptr && old_sqes != ring.sq.sqes)
		CHECK(!maps_find(&during, (uintptr_t)old_sqes));
	CHECK_EQ(maps_count_io_uring(&during), 2);
	nop_round_trip(&ring, 2);

	io_uring_queue_exit(&ring);
	maps_read(&after);
	CHECK_EQ(maps_count_io_uring(&after), 0);
	maps_check_kept(&before, &after);
}

/*
 * NO_MMAP: in caller memory shared with a child (MAP_SHARED), which
 * scribbles over the header; and in the library's own memory, where the
 * kernel (or a debugger) is the only other writer, simulated here.
 */
static void no_mmap_after_scribble(bool caller_memory)
{
	struct io_uring_params p = { .flags = IORING_SETUP_NO_MMAP };
	ssize_t size = io_uring_memory_size(8, 0);
	struct io_uring ring;
	void *buf = NULL;
	int ret;

	CHECK_OK(size);
	maps_read(&before);
	if (caller_memory) {
		buf = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		CHECK(buf != MAP_FAILED);
		ret = io_uring_queue_init_mem(8, &ring, &p, buf, (size_t)size);
	} else {
		ret = io_uring_queue_init_params(8, &ring, &p);
	}
	if (ret < 0 && t_lacks(ret, "IORING_SETUP_NO_MMAP", 6, 5)) {
		if (buf)
			munmap(buf, (size_t)size);
		return;
	}
	CHECK_OK(ret);
	nop_round_trip(&ring, 3);

	if (caller_memory) {
		int status;
		pid_t pid = fork();

		CHECK_SYS(pid);
		if (!pid) {
			memset(ring.sq.ring_ptr, HOSTILE, p.cq_off.cqes);
			_exit(0);
		}
		CHECK_SYS(waitpid(pid, &status, 0));
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	} else {
		memset(ring.sq.ring_ptr, HOSTILE, p.cq_off.cqes);
	}
	CHECK_EQ(*ring.sq.kring_entries, 0x5a5a5a5aU);
	CHECK_EQ(ring.sq.ring_entries, 8);
	CHECK_EQ(ring.cq.ring_mask, 15);

	io_uring_queue_exit(&ring);
	if (caller_memory) {
		/* The caller's memory is the caller's: still mapped, freed here. */
		maps_read(&during);
		CHECK(maps_find(&during, (uintptr_t)buf));
		CHECK_SYS(munmap(buf, (size_t)size));
	}
	maps_read(&after);
	maps_check_kept(&before, &after);
}

/* A tail 1000 ahead of the head: walks stop at the CQ's size. */
static void runaway_tail(void)
{
	struct io_uring_cqe *cqe, *cqes[64];
	struct io_uring ring;
	unsigned head, visits = 0;

	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	IO_URING_WRITE_ONCE(*ring.cq.ktail, *ring.cq.khead + 1000);
	io_uring_for_each_cqe(&ring, head, cqe)
		visits++;
	CHECK_EQ(visits, ring.cq.ring_entries);
	CHECK_EQ(io_uring_peek_batch_cqe(&ring, cqes, 64),
		 ring.cq.ring_entries);
	io_uring_queue_exit(&ring);

	/* A CQE_MIXED ring of nothing but fillers: peek stops after 8. */
	{
		struct io_uring_params p = {
			.flags = IORING_SETUP_CQE_MIXED | IORING_SETUP_CQSIZE,
			.cq_entries = 8,
		};
		unsigned i;
		int ret = io_uring_queue_init_params(4, &ring, &p);

		if (ret < 0 && t_lacks(ret, "IORING_SETUP_CQE_MIXED", 6, 18))
			return;
		CHECK_OK(ret);
		for (i = 0; i < 8; i++)
			ring.cq.cqes[i].flags = IORING_CQE_F_SKIP;
		IO_URING_WRITE_ONCE(*ring.cq.ktail, *ring.cq.khead + 1000);
		CHECK_OK(io_uring_peek_cqe(&ring, &cqe));
		CHECK(cqe->flags & IORING_CQE_F_SKIP);
		CHECK_EQ(io_uring_cq_ready(&ring), 1000 - 8);
		io_uring_queue_exit(&ring);
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	teardown_after_scribble(false);
	teardown_after_scribble(true);
	resize_after_scribble();
	no_mmap_after_scribble(true);
	no_mmap_after_scribble(false);
	runaway_tail();
	return t_done();
}
