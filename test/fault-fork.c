// SPDX-License-Identifier: MIT
/*
 * Description: fork() with a live ring, with and without
 * io_uring_ring_dontfork(). The parent has reads parked on a pipe and
 * completions it has not reaped yet; the child runs a ring of its own and
 * exits. Afterwards the parent's unreaped CQEs are all still there, its
 * parked reads complete with the bytes written (not cancelled by the
 * child's exit), and the ring keeps working. With dontfork the child must
 * not even see the ring's memory; without it, it sees it mapped.
 */
#include <sys/wait.h>

#include "helpers.h"

#define PARKED		8
#define NOPS		4
#define CHILD_NOPS	1000
#define READ_TAG	0x1000

/* Is addr inside a mapping listed in /proc/self/maps? -1 if unreadable. */
static int mapped(const void *addr)
{
	unsigned long a = (unsigned long)addr, lo, hi;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && a >= lo && a < hi)
			found = 1;
	fclose(f);
	return found;
}

/* The child: look at (never touch) the parent's ring, use its own. */
static int child(const struct io_uring *parent, int dontfork)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	int i;

	if (mapped(parent->sq.sqes) != !dontfork ||
	    mapped(parent->cq.ring_ptr) != !dontfork) {
		fprintf(stderr, "child: the parent's ring is %smapped here\n",
			dontfork ? "" : "not ");
		return 1;
	}
	if (io_uring_queue_init(8, &ring, 0))
		return 1;
	for (i = 0; i < CHILD_NOPS; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		if (!sqe)
			return 1;
		io_uring_prep_nop(sqe);
		sqe->user_data = (__u64)i;
		if (io_uring_submit_and_wait(&ring, 1) != 1 ||
		    io_uring_wait_cqe(&ring, &cqe) ||
		    cqe->user_data != (__u64)i || cqe->res)
			return 1;
		io_uring_cqe_seen(&ring, cqe);
	}
	/* Leave the inherited ring fd open: exit closes it. */
	io_uring_queue_exit(&ring);
	return 0;
}

static void run(int dontfork)
{
	static char bufs[PARKED][8];
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	unsigned nops = 0, reads = 0, i;
	int fds[2], status;
	pid_t pid;

	CHECK_SYS(pipe(fds));
	CHECK_OK(io_uring_queue_init(32, &ring, 0));
	if (dontfork)
		CHECK_OK(io_uring_ring_dontfork(&ring));

	/* Parked reads, then NOPs whose CQEs stay unreaped across fork. */
	for (i = 0; i < PARKED; i++) {
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_read(sqe, fds[0], bufs[i], 4, 0);
		sqe->user_data = READ_TAG + i;
	}
	for (i = 0; i < NOPS; i++) {
		struct io_uring_sqe *sqe = t_sqe(&ring);

		io_uring_prep_nop(sqe);
		sqe->user_data = i;
	}
	CHECK_EQ(io_uring_submit(&ring), PARKED + NOPS);
	CHECK_EQ(io_uring_cq_ready(&ring), NOPS);

	fflush(NULL);
	pid = fork();
	CHECK_SYS(pid);
	if (!pid)
		_exit(child(&ring, dontfork));
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		FAIL("child (dontfork=%d) failed: status %#x", dontfork,
		     status);

	/* The unreaped CQEs are exactly as they were. */
	CHECK_EQ(io_uring_cq_ready(&ring), NOPS);
	for (i = 0; i < NOPS; i++) {
		cqe = t_wait(&ring);
		CHECK_EQ(cqe->user_data, i);
		CHECK_EQ(cqe->res, 0);
		io_uring_cqe_seen(&ring, cqe);
		nops++;
	}
	/* The parked reads are the parent's: the child's exit left them. */
	for (i = 0; i < PARKED; i++)
		CHECK_EQ(write(fds[1], "abcd", 4), 4);
	for (i = 0; i < PARKED; i++) {
		cqe = t_wait(&ring);
		if (cqe->user_data < READ_TAG ||
		    cqe->user_data >= READ_TAG + PARKED)
			FAIL("unexpected CQE %llu",
			     (unsigned long long)cqe->user_data);
		if (cqe->res != 4)
			FAIL("parked read %llu: res %d (%s), expected 4",
			     (unsigned long long)cqe->user_data - READ_TAG,
			     cqe->res, cqe->res < 0 ? strerror(-cqe->res) : "");
		CHECK(!memcmp(bufs[cqe->user_data - READ_TAG], "abcd", 4));
		io_uring_cqe_seen(&ring, cqe);
		reads++;
	}
	/* And the ring goes on: its indices are still in step. */
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(t_submit_one(&ring), 0);
	CHECK_EQ(*ring.sq.khead, ring.sq.sqe_tail);
	CHECK_EQ(*ring.cq.khead, *ring.cq.ktail);

	io_uring_queue_exit(&ring);
	close(fds[0]);
	close(fds[1]);
	printf("fork %s dontfork: %u unreaped CQEs kept, %u parked reads "
	       "completed, child ran %d NOPs on its own ring\n",
	       dontfork ? "with" : "without", nops, reads, CHILD_NOPS);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	run(0);
	run(1);
	return T_EXIT_PASS;
}
