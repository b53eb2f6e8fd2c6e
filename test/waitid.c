// SPDX-License-Identifier: MIT
/*
 * Description: waitid through the ring (6.7): it completes when the child
 * exits, filling siginfo with the child's pid and exit status; with
 * WNOHANG and no exited child it completes at once; waiting for a pid that
 * is not our child is -ECHILD.
 */
#include <sys/wait.h>
#include "ringmodes.h"

static pid_t spawn(int status, int go_fd)
{
	pid_t pid = fork();
	char c;

	CHECK_SYS(pid);
	if (pid == 0) {
		/* Exit only when told, so the parent's wait is armed first. */
		if (read(go_fd, &c, 1) != 1)
			_exit(100);
		_exit(status);
	}
	return pid;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	siginfo_t si;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	int go[2];
	pid_t pid;

	(void)mode;
	(void)arg;
	t_require_op(ring, IORING_OP_WAITID, "IORING_OP_WAITID", "6.7");
	CHECK_SYS(pipe(go));
	pid = spawn(42, go[0]);

	/* WNOHANG while the child still runs: done at once, no pid. */
	memset(&si, 0, sizeof(si));
	sqe = t_sqe(ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t)pid, &si, WEXITED | WNOHANG, 0);
	t_submit(ring, 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.res, 0);
	CHECK_EQ(si.si_pid, 0);

	/* A blocking wait: pending until the child exits. */
	memset(&si, 0, sizeof(si));
	sqe = t_sqe(ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t)pid, &si, WEXITED, 0);
	sqe->user_data = 7;
	t_submit(ring, 1);
	t_expect_no_cqe(ring, 30);
	CHECK_EQ(write(go[1], "x", 1), 1);
	cqe = t_reap(ring, 5000);
	CHECK_EQ(cqe.user_data, 7);
	CHECK_EQ(cqe.res, 0);
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_code, CLD_EXITED);
	CHECK_EQ(si.si_status, 42);

	/* Reaped: that pid is no child of ours any more. */
	sqe = t_sqe(ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t)pid, NULL, WEXITED, 0);
	t_submit(ring, 1);
	CHECK_EQ(t_reap(ring, 5000).res, -ECHILD);
	close(go[0]);
	close(go[1]);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	t_for_each_ring_mode(NULL, run, NULL);
	return T_EXIT_PASS;
}
