// SPDX-License-Identifier: MIT
/*
 * size.c - libFuzzer target for the CLI's size parser, parse_size()
 * (tools/size.c), checked against an independent oracle on every input:
 * 128-bit arithmetic over the leading digits and a case-blind suffix
 * match. The parser must agree on the result (0, -EINVAL or -ERANGE) and
 * the value, and must leave *out alone when it refuses.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../tools/size.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static const struct {
	const char *text;
	unsigned shift;
} oracle_suffixes[] = {
	{ "", 0 }, { "k", 10 }, { "kib", 10 }, { "m", 20 }, { "mib", 20 },
	{ "g", 30 }, { "gib", 30 }, { "t", 40 }, { "tib", 40 },
};

/* What parse_size() must answer for text, by other means. */
static int oracle(const char *text, uint64_t *value)
{
	unsigned __int128 v = 0;
	const char *p = text;
	size_t i;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned)(*p - '0');
		/* Too many digits is out of range before the suffix counts. */
		if (v > SIZE_MAX_OFFSET)
			return -ERANGE;
	}
	for (i = 0; i < sizeof(oracle_suffixes) / sizeof(oracle_suffixes[0]);
	     i++) {
		if (strcasecmp(p, oracle_suffixes[i].text))
			continue;
		v <<= oracle_suffixes[i].shift;
		if (v > SIZE_MAX_OFFSET)
			return -ERANGE;
		*value = (uint64_t)v;
		return 0;
	}
	return -EINVAL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint64_t untouched = 0x5a5a5a5a5a5a5a5aULL;
	uint64_t got = untouched, want = 0;
	char *text = malloc(size + 1);
	int ret, expect;

	CHECK(text);
	memcpy(text, data, size);
	text[size] = '\0';

	ret = parse_size(text, &got);
	expect = oracle(text, &want);
	CHECK(ret == expect);
	if (ret)
		CHECK(got == untouched);
	else
		CHECK(got == want && got <= SIZE_MAX_OFFSET);
	free(text);
	return 0;
}
