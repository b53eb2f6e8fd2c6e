// SPDX-License-Identifier: MIT
/*
 * zero_resident.c - which pages of a ramfs file exist, by mincore() over
 * a read-only shared mapping (the contract is in zero_resident.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <unistd.h>
#include <sys/mman.h>

#include "zero_resident.h"

/* Bytes mapped and asked about per mincore() call: bounds the vector. */
#define WINDOW		(64ULL << 20)
#define MIN_PAGE	4096ULL

int zero_resident_find(int rfd, uint64_t pos, uint64_t end, uint64_t *data,
		       uint64_t *hole)
{
	unsigned char vec[WINDOW / MIN_PAGE];
	long sc = sysconf(_SC_PAGESIZE);
	uint64_t page = sc >= (long)MIN_PAGE ? (uint64_t)sc : MIN_PAGE;
	uint64_t base = pos - pos % page;
	bool in_data = false;

	while (base < end) {
		/* The window: whole pages, aligned, covering up to end. */
		uint64_t left = end - base, len, i, pages;
		void *map;
		int ret, err;

		len = left > WINDOW ? WINDOW : left + (page - left % page) % page;
		/* Past EOF is mapped without harm: never touched, not resident. */
		map = mmap(NULL, len, PROT_READ, MAP_SHARED, rfd, (off_t)base);
		if (map == MAP_FAILED)
			return -errno;
		ret = mincore(map, len, vec);
		err = errno;
		munmap(map, len);
		if (ret < 0)
			return -err;
		pages = len / page;
		for (i = 0; i < pages; i++) {
			uint64_t at = base + i * page;
			bool exists = vec[i] & 1;

			if (!in_data && exists) {
				*data = at > pos ? at : pos;
				in_data = true;
			} else if (in_data && !exists) {
				*hole = at < end ? at : end;
				return 0;
			}
		}
		base += len;
	}
	if (!in_data)
		return -ENXIO;
	*hole = end;
	return 0;
}
