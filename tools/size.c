// SPDX-License-Identifier: MIT
/*
 * size.c - parse_size(): "4096", "4K", "1GiB" into a byte count.
 *
 * Strict on purpose: a size typed wrong must be refused, never read as
 * something else. strtoull() would accept leading spaces, a '+' or '-'
 * (wrapping "-1" to 2^64 - 1) and hex, so the digits are converted here,
 * with an overflow check on every step.
 */
#include <errno.h>
#include <stddef.h>
#include <strings.h>

#include "size.h"

struct size_suffix {
	const char *text;	/* compared without regard to case */
	unsigned shift;		/* the value is multiplied by 2^shift */
};

static const struct size_suffix suffixes[] = {
	{ "",    0 },
	{ "K",   10 }, { "KiB", 10 },
	{ "M",   20 }, { "MiB", 20 },
	{ "G",   30 }, { "GiB", 30 },
	{ "T",   40 }, { "TiB", 40 },
};

int parse_size(const char *text, uint64_t *out)
{
	const char *p = text;
	uint64_t value = 0;
	size_t i;

	if (!text || *p < '0' || *p > '9')
		return -EINVAL;		/* empty, signed, spaced, or no digits */
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned digit = (unsigned)(*p - '0');

		if (value > (SIZE_MAX_OFFSET - digit) / 10)
			return -ERANGE;
		value = value * 10 + digit;
	}
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (strcasecmp(p, suffixes[i].text))
			continue;
		if (value > SIZE_MAX_OFFSET >> suffixes[i].shift)
			return -ERANGE;
		*out = value << suffixes[i].shift;
		return 0;
	}
	return -EINVAL;
}

const char *bytes_word(uint64_t count)
{
	return count == 1 ? "byte" : "bytes";
}
