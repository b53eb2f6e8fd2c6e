// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_register_bpf_filter and
 * io_uring_register_bpf_filter_task (IORING_REGISTER_BPF_FILTER, 7.0)
 * reach the kernel with liburing's arguments: an allow-all classic BPF
 * program on IORING_OP_NOP registers on a ring, a NOP still completes
 * with 0, and the same filter registers on the task (in a child, so this
 * process keeps no filter). The process sets no_new_privs first, which
 * the kernel asks of callers without CAP_SYS_ADMIN. Kernels before 7.0
 * answer -EINVAL.
 */
#include <sys/prctl.h>
#include <sys/wait.h>
#include "helpers.h"

static const struct sock_filter allow_all[] = {
	BPF_STMT(BPF_RET | BPF_K, 1),
};

static void fill(struct io_uring_bpf *bpf)
{
	memset(bpf, 0, sizeof(*bpf));
	bpf->cmd_type = IO_URING_BPF_CMD_FILTER;
	bpf->filter.opcode = IORING_OP_NOP;
	bpf->filter.filter_len = sizeof(allow_all) / sizeof(allow_all[0]);
	bpf->filter.filter_ptr = (__u64)(uintptr_t)allow_all;
}

int main(int argc, char **argv)
{
	struct io_uring_bpf bpf;
	struct io_uring ring;
	int ret, status;
	pid_t pid;

	(void)argc;
	t_init(argv[0]);
	CHECK_SYS(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	CHECK_OK(io_uring_queue_init(4, &ring, 0));
	fill(&bpf);
	ret = io_uring_register_bpf_filter(&ring, &bpf);
	if (t_lacks(ret, "IORING_REGISTER_BPF_FILTER", 7, 0)) {
		io_uring_queue_exit(&ring);
		/*
		 * The task form goes to the same register opcode with fd -1,
		 * which kernels before 6.13 call a bad descriptor.
		 */
		ret = io_uring_register_bpf_filter_task(&bpf);
		CHECK(ret == -EINVAL ||
		      (ret == -EBADF && t_kernel_before(6, 13)));
		return t_done();
	}
	CHECK_EQ(ret, 0);
	io_uring_prep_nop(t_sqe(&ring));
	CHECK_EQ(t_submit_one(&ring), 0);
	io_uring_queue_exit(&ring);

	pid = fork();
	CHECK_SYS(pid);
	if (pid == 0)
		_exit(io_uring_register_bpf_filter_task(&bpf) == 0 ? 0 : 1);
	CHECK_SYS(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return t_done();
}
