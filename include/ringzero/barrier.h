/* SPDX-License-Identifier: MIT */
/*
 * ringzero/barrier.h - the memory-ordering primitives the rings need.
 *
 * The SQ and CQ rings are shared with the kernel (or the SQPOLL thread) with
 * no lock: one side publishes entries and then moves an index, the other
 * reads the index and then the entries. C11 atomics express exactly that:
 * a store-release of the index after filling entries, a load-acquire of the
 * index before reading them. The names are liburing's, so code that reaches
 * for io_uring_smp_load_acquire() (buffer rings, hand-rolled rings) builds.
 */
#ifndef RINGZERO_BARRIER_H
#define RINGZERO_BARRIER_H

#ifndef __cplusplus
#include <stdatomic.h>

#define IO_URING_WRITE_ONCE(var, val) \
	atomic_store_explicit((_Atomic __typeof__(var) *)&(var), (val), \
			      memory_order_relaxed)
#define IO_URING_READ_ONCE(var) \
	atomic_load_explicit((_Atomic __typeof__(var) *)&(var), \
			     memory_order_relaxed)

#define io_uring_smp_store_release(p, v) \
	atomic_store_explicit((_Atomic __typeof__(*(p)) *)(p), (v), \
			      memory_order_release)
#define io_uring_smp_load_acquire(p) \
	atomic_load_explicit((_Atomic __typeof__(*(p)) *)(p), \
			     memory_order_acquire)
#define io_uring_smp_mb() atomic_thread_fence(memory_order_seq_cst)

#else /* C++: the same orderings through the compiler's builtins */

#define IO_URING_WRITE_ONCE(var, val) \
	__atomic_store_n(&(var), (val), __ATOMIC_RELAXED)
#define IO_URING_READ_ONCE(var) __atomic_load_n(&(var), __ATOMIC_RELAXED)
#define io_uring_smp_store_release(p, v) \
	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define io_uring_smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define io_uring_smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

#endif

#endif /* RINGZERO_BARRIER_H */
