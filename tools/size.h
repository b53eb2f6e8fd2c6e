/* SPDX-License-Identifier: MIT */
/*
 * size.h - parsing byte counts and offsets given on the command line, and
 * naming them in messages.
 */
#ifndef RINGZERO_TOOLS_SIZE_H
#define RINGZERO_TOOLS_SIZE_H

#include <stdint.h>

/* The largest value parse_size() accepts: the largest file offset. */
#define SIZE_MAX_OFFSET	((uint64_t)INT64_MAX)

/*
 * Parse text as a byte count: decimal digits, then optionally one binary
 * suffix, any case: K or KiB (2^10), M or MiB (2^20), G or GiB (2^30),
 * T or TiB (2^40). "4K" is 4096; "0" is 0.
 *
 * Returns 0 and stores the value in *out, or a negative errno and leaves
 * *out alone:
 *   -EINVAL  text is NULL or empty, has a sign, space, or any character
 *            that is not a digit, no digits before the suffix, or an
 *            unknown suffix ("4KB", "1X", "0x10", "1.5G")
 *   -ERANGE  the value is larger than SIZE_MAX_OFFSET (2^63 - 1), the
 *            largest offset a file can have
 */
int parse_size(const char *text, uint64_t *out);

/* "byte" for a count of 1, else "bytes": for "N byte(s)" in messages. */
const char *bytes_word(uint64_t count);

#endif /* RINGZERO_TOOLS_SIZE_H */
