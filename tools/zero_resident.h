/* SPDX-License-Identifier: MIT */
/*
 * zero_resident.h - the holes of a ramfs file, for `ringzero zero`'s write
 * method.
 *
 * ramfs keeps a file only in the page cache, and its lseek() calls the
 * whole file data (SEEK_DATA at any offset below the size is that offset),
 * yet a page that was never written does not exist and reads as zeroes.
 * Writing zeroes there would allocate memory that ramfs never gives back
 * and has no size limit to refuse: a 1 GiB sparse file would take 1 GiB of
 * RAM. Which pages exist is what mincore() reports for a shared mapping of
 * the file, without faulting any in.
 */
#ifndef RINGZERO_TOOLS_ZERO_RESIDENT_H
#define RINGZERO_TOOLS_ZERO_RESIDENT_H

#include <stdint.h>

/*
 * The first run of existing pages of rfd (open for reading; the caller
 * may write the file, which mincore() requires of file mappings since
 * Linux 5.0) at or after byte pos and before byte end: 0 with
 * [*data, *hole) that run, cut to [pos, end); -ENXIO when no page exists
 * there; or -errno from mmap() or mincore().
 */
int zero_resident_find(int rfd, uint64_t pos, uint64_t end, uint64_t *data,
		       uint64_t *hole);

#endif /* RINGZERO_TOOLS_ZERO_RESIDENT_H */
