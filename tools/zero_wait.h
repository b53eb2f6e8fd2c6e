/* SPDX-License-Identifier: MIT */
/*
 * zero_wait.h - how `ringzero zero` waits for the kernel: every wait
 * survives EINTR (Ctrl-Z then fg, any handled signal), the signals that
 * ask the command to stop (SIGINT, SIGTERM, SIGHUP) are noticed without a
 * race, and a caller-supplied progress hook runs about every quarter of a
 * second while a wait lasts.
 *
 * The stop signals are blocked outside the waits and unblocked only inside
 * io_uring_enter(), through its sigmask argument (as pselect does): one
 * arriving between two waits stays pending until the next wait, which then
 * returns -EINTR at once instead of sleeping through it.
 */
#ifndef RINGZERO_TOOLS_ZERO_WAIT_H
#define RINGZERO_TOOLS_ZERO_WAIT_H

#include <stdint.h>

#include "ringzero.h"

/* Called while a wait lasts; arg is the caller's. */
typedef void (*zero_tick_fn)(void *arg);

/*
 * Install the stop-signal handlers, except for a signal ignored on entry
 * (nohup, a shell's background job), which stays ignored; block those
 * signals, and ignore
 * SIGXFSZ, so that a write past RLIMIT_FSIZE fails with -EFBIG instead of
 * killing the process with the file half written. 0 or -errno.
 */
int zero_signals_init(void);

/*
 * Unblock the stop signals again (a pending one is taken now) and return
 * the number of the first one that arrived, or 0.
 */
int zero_signals_finish(void);

/*
 * The first stop signal that arrived so far, counting one that is pending
 * (blocked since it came outside a wait), or 0: ask this before starting
 * anything that changes the file.
 */
int zero_stop_requested(void);

/*
 * Call tick(arg) about every 250 ms during waits, or never if tick is
 * NULL. The hook decides itself whether to print anything.
 */
void zero_wait_set_tick(zero_tick_fn tick, void *arg);

/*
 * Submit what is queued on ring and wait for one CQE: *cqe is set and 0 is
 * returned, or -errno from io_uring_enter() other than EINTR and ETIME.
 * An interruption never ends the wait, since the request is in the kernel
 * and its result must be collected; the caller asks zero_stop_requested()
 * afterwards whether to go on.
 */
int zero_wait_cqe(struct io_uring *ring, struct io_uring_cqe **cqe);

/* Milliseconds on CLOCK_MONOTONIC, for progress reports. */
uint64_t zero_now_ms(void);

#endif /* RINGZERO_TOOLS_ZERO_WAIT_H */
