// SPDX-License-Identifier: MIT
/*
 * Description: io_uring_register_ifq (zero-copy receive, 6.15) reaches the
 * kernel's zcrx registration and gets its answers: a ring without
 * DEFER_TASKRUN + CQE32 is -EINVAL, an unknown interface -ENODEV, zero
 * refill entries or unknown flags -EINVAL, a bad area pointer -EFAULT, and
 * the loopback device, which has no hardware RX queues to lend, is
 * -EOPNOTSUPP; the memory offered stays ours. Receiving with zcrx needs a
 * NIC with header split and queue management, which test machines lack.
 */
#include <net/if.h>
#include <sys/mman.h>
#include "ringmodes.h"

#define AREA	(1 << 20)

struct zcrx_args {
	struct io_uring_zcrx_area_reg area;
	struct io_uring_region_desc rd;
	struct io_uring_zcrx_ifq_reg reg;
	void *mem, *ring_mem;
	size_t ring_sz;
};

/* A complete, valid-looking request for if_idx: area, refill region. */
static void build(struct zcrx_args *z, unsigned if_idx)
{
	memset(&z->area, 0, sizeof(z->area));
	z->area.addr = (__u64)(uintptr_t)z->mem;
	z->area.len = AREA;
	memset(&z->rd, 0, sizeof(z->rd));
	z->rd.user_addr = (__u64)(uintptr_t)z->ring_mem;
	z->rd.size = z->ring_sz;
	z->rd.flags = IORING_MEM_REGION_TYPE_USER;
	memset(&z->reg, 0, sizeof(z->reg));
	z->reg.if_idx = if_idx;
	z->reg.if_rxq = 0;
	z->reg.rq_entries = 64;
	z->reg.area_ptr = (__u64)(uintptr_t)&z->area;
	z->reg.region_ptr = (__u64)(uintptr_t)&z->rd;
}

static void run(struct io_uring *ring, const struct t_ring_mode *mode,
		void *arg)
{
	struct zcrx_args *z = arg;
	unsigned lo = if_nametoindex("lo");
	int ret;

	(void)mode;
	CHECK(lo > 0);
	/* The kernel's answer decides: no such device means zcrx is there. */
	build(z, 0x7fffffff);
	ret = io_uring_register_ifq(ring, &z->reg);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_ZCRX_IFQ (Linux 6.15)");
	if (ret == -EOPNOTSUPP)
		t_skip("kernel built without zero-copy receive "
		       "(CONFIG_IO_URING_ZCRX, Linux 6.15)");
	if (ret == -EPERM && geteuid() != 0)
		return;	/* all an unprivileged user is told */
	CHECK_EQ(ret, -ENODEV);

	build(z, lo);
	z->reg.rq_entries = 0;
	CHECK_EQ(io_uring_register_ifq(ring, &z->reg), -EINVAL);
	build(z, lo);
	z->reg.flags = 0x80;
	CHECK_EQ(io_uring_register_ifq(ring, &z->reg), -EINVAL);
	build(z, lo);
	z->reg.area_ptr = 0;
	CHECK_EQ(io_uring_register_ifq(ring, &z->reg), -EFAULT);
	build(z, lo);
	CHECK_EQ(io_uring_register_ifq(ring, &z->reg), -EOPNOTSUPP);

	/* A ring without DEFER_TASKRUN and CQE32 does not qualify. */
	{
		struct io_uring plain;

		CHECK_OK(io_uring_queue_init(4, &plain, 0));
		CHECK_EQ(io_uring_register_ifq(&plain, &z->reg), -EINVAL);
		io_uring_queue_exit(&plain);
	}
}

int main(int argc, char **argv)
{
	struct t_ring_opts opts = {
		.flags = IORING_SETUP_CQE32,
		.modes = T_MODE_DEFER,
	};
	struct zcrx_args z;

	(void)argc;
	t_init(argv[0]);
	z.ring_sz = 4 * (size_t)sysconf(_SC_PAGESIZE);
	z.mem = mmap(NULL, AREA, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	z.ring_mem = mmap(NULL, z.ring_sz, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(z.mem != MAP_FAILED && z.ring_mem != MAP_FAILED);
	t_for_each_ring_mode(&opts, run, &z);
	CHECK_EQ(munmap(z.mem, AREA), 0);
	CHECK_EQ(munmap(z.ring_mem, z.ring_sz), 0);
	return T_EXIT_PASS;
}
