// SPDX-License-Identifier: MIT
/*
 * accept.c - what the running kernel accepts: each setup flag tried on a
 * throwaway ring, the kernel's own account through IORING_REGISTER_QUERY
 * (6.18), and the register opcodes it knows.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* A CPU this thread may run on, for SQ_AFF; 0 if the mask is unreadable. */
static unsigned allowed_cpu(void)
{
	cpu_set_t set;
	unsigned cpu;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 0;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			return cpu;
	return 0;
}

int ringzero_try_setup_flag(unsigned flag)
{
	const struct ringzero_name *row;
	struct io_uring_params p;
	struct io_uring ring, wq_ring;
	int ret, have_wq = 0;

	/* One flag at a time: a mask of several has no single answer. */
	if (!flag || (flag & (flag - 1)))
		return -EINVAL;
	memset(&p, 0, sizeof(p));
	p.flags = flag;
	row = ringzero_name_find(RINGZERO_NAMES_SETUP, flag);
	if (row && row->needs)
		/* The lowest companion will do: any of them satisfies it. */
		p.flags |= (unsigned)(row->needs & -row->needs);
	if (p.flags & IORING_SETUP_CQSIZE)
		p.cq_entries = 8;
	if (p.flags & IORING_SETUP_SQ_AFF)
		p.sq_thread_cpu = allowed_cpu();
	if (p.flags & IORING_SETUP_ATTACH_WQ) {
		/* Sharing needs a ring to share with. */
		ret = io_uring_queue_init(2, &wq_ring, 0);
		if (ret < 0)
			return ret;
		p.wq_fd = (unsigned)wq_ring.ring_fd;
		have_wq = 1;
	}
	/*
	 * Through the library, so that NO_MMAP gets its memory; asking for
	 * NO_SQARRAY ourselves keeps it from retrying without the flag.
	 */
	ret = io_uring_queue_init_params(4, &ring, &p);
	if (!ret)
		io_uring_queue_exit(&ring);
	if (have_wq)
		io_uring_queue_exit(&wq_ring);
	return ret;
}

int ringzero_query_opcodes(struct io_uring_query_opcode *out)
{
	struct io_uring_query_hdr hdr;
	int ret;

	memset(out, 0, sizeof(*out));
	memset(&hdr, 0, sizeof(hdr));
	hdr.query_op = IO_URING_QUERY_OPCODES;
	hdr.query_data = (unsigned long)out;
	hdr.size = sizeof(*out);
	/* A "blind" register call: fd -1 and no ring (6.18). */
	ret = io_uring_register(-1U, IORING_REGISTER_QUERY, &hdr, 0);
	if (ret < 0)
		return ret;
	/* The header carries the query's own result. */
	if (hdr.result < 0)
		return hdr.result;
	return 0;
}

/* The newest kernel version the SQE opcodes this kernel supports imply. */
static unsigned version_from_probe(void)
{
	struct io_uring_probe *probe = io_uring_get_probe();
	unsigned v = 0, op;

	if (!probe)
		return 0;
	for (op = 0; op <= probe->last_op && op < probe->ops_len; op++) {
		const struct ringzero_name *row =
			ringzero_name_find(RINGZERO_NAMES_OP, op);

		if (row && (probe->ops[op].flags & IO_URING_OP_SUPPORTED) &&
		    row->since > v)
			v = row->since;
	}
	io_uring_free_probe(probe);
	return v;
}

int ringzero_register_ops(unsigned long long *known, int *method)
{
	struct io_uring_query_opcode q;
	const struct ringzero_name *rows;
	unsigned nr, i, version, probed;
	int ret, count = 0;

	*known = 0;
	ret = ringzero_query_opcodes(&q);
	if (!ret) {
		*method = RINGZERO_REGISTER_BY_QUERY;
		for (i = 0; i < q.nr_register_opcodes && i < 64; i++)
			*known |= 1ULL << i;
		return (int)q.nr_register_opcodes;
	}
	/* io_uring refused outright: there is nothing to estimate. */
	if (ret == -EPERM || ret == -ENOSYS)
		return ret;

	ret = ringzero_kernel_version();
	version = ret > 0 ? (unsigned)ret : 0;
	probed = version_from_probe();
	if (probed > version)
		version = probed;
	/*
	 * Row by row, not a count: numbers were not always handed out in
	 * order (32, ZCRX_IFQ, was reserved in 6.13 and filled in 6.15).
	 */
	rows = ringzero_names(RINGZERO_NAMES_REGISTER, &nr);
	for (i = 0; i < nr && i < 64; i++) {
		if (rows[i].since <= version) {
			*known |= 1ULL << i;
			count++;
		}
	}
	*method = RINGZERO_REGISTER_BY_VERSION;
	return count;
}
