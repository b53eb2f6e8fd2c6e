// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_ring_dontfork() keeps the ring's memory out of
 * fork()ed children. Without it a child has the SQ ring, CQ ring and SQE
 * array mapped; with it none of them is there (mincore() says ENOMEM), for
 * mmap'ed and for NO_MMAP rings alike, and the parent's ring still works.
 * A ring with nothing mapped is -EINVAL.
 */
#include <sys/mman.h>
#include <sys/wait.h>
#include "helpers.h"

/* Is every page of [addr, addr+len) mapped in this process? */
static int mapped(const void *addr, size_t len)
{
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t start = (uintptr_t)addr & ~((uintptr_t)page - 1);
	size_t span = (uintptr_t)addr + len - start;
	unsigned char vec[64];

	if (span > sizeof(vec) * (size_t)page)
		span = sizeof(vec) * (size_t)page;
	if (mincore((void *)start, span, vec) == 0)
		return 1;
	if (errno != ENOMEM)
		FAIL("mincore: %s", strerror(errno));
	return 0;
}

/*
 * Fork and report, from the child, which of the three regions it still has
 * mapped: bit 0 SQ ring, bit 1 CQ ring, bit 2 SQEs.
 */
static int child_view(struct io_uring *ring)
{
	int status;
	pid_t pid = fork();

	CHECK_SYS(pid);
	if (pid == 0) {
		int bits = mapped(ring->sq.ring_ptr, ring->sq.ring_sz) |
			   mapped(ring->cq.ring_ptr, ring->cq.ring_sz) << 1 |
			   mapped(ring->sq.sqes, 64) << 2;
		_exit(bits);
	}
	CHECK_SYS(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void run(unsigned flags, const char *what)
{
	struct io_uring_params p = { .flags = flags };
	struct io_uring ring;
	int ret = io_uring_queue_init_params(8, &ring, &p);

	if (ret < 0 && what && t_lacks(ret, what, 6, 5))
		return;
	CHECK_OK(ret);
	CHECK_EQ(child_view(&ring), 7);
	CHECK_EQ(io_uring_ring_dontfork(&ring), 0);
	CHECK_EQ(child_view(&ring), 0);
	/* The parent keeps its ring. */
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(t_submit_one(&ring), 0);
	io_uring_queue_exit(&ring);
}

int main(int argc, char **argv)
{
	struct io_uring none;

	(void)argc;
	t_init(argv[0]);
	run(0, NULL);
	run(IORING_SETUP_NO_MMAP, "IORING_SETUP_NO_MMAP");
	memset(&none, 0, sizeof(none));
	CHECK_EQ(io_uring_ring_dontfork(&none), -EINVAL);
	return t_done();
}
