// SPDX-License-Identifier: MIT
/*
 * compat/ffi.c - the body of liburing-ffi.so.2: every inline helper of
 * ringzero.h as a real function, for languages that cannot compile C
 * inline functions (what liburing ships as liburing-ffi.so).
 *
 * mk/compat.mk compiles this file against a copy of include/ in which each
 * "static inline" that starts a line was removed, so that the headers'
 * helpers become ordinary external definitions here, from the very text C
 * programs inline. RINGZERO_INTERNAL keeps io_uring_get_sqe() a
 * declaration: it is a real function of the library (src/queue.c).
 * compat/nodes.txt gives each one its version node.
 */
#define RINGZERO_INTERNAL
#include <ringzero.h>
