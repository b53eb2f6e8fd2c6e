// SPDX-License-Identifier: MIT
/*
 * Description: parse_size(), the CLI's parser of --offset and --length:
 * plain numbers and K/M/G/T (and KiB...) suffixes in any case give the
 * right byte counts up to 2^63 - 1; empty, signed, spaced, hex, decimal-
 * point and unknown-suffix input is -EINVAL; anything past 2^63 - 1, by
 * digits or by suffix, is -ERANGE; a refused input leaves the output alone.
 */
#include <stdint.h>

#include "helpers.h"
#include "size.h"

struct good {
	const char *text;
	uint64_t value;
};

struct bad {
	const char *text;
	int err;
};

static const struct good goods[] = {
	{ "0", 0 }, { "1", 1 }, { "007", 7 }, { "4096", 4096 },
	{ "1K", 1024 }, { "1k", 1024 }, { "3KiB", 3072 }, { "3kib", 3072 },
	{ "2M", 2ULL << 20 }, { "2MiB", 2ULL << 20 }, { "5G", 5ULL << 30 },
	{ "5gib", 5ULL << 30 }, { "7T", 7ULL << 40 }, { "0G", 0 },
	{ "9223372036854775807", INT64_MAX },
	{ "8388607T", 8388607ULL << 40 },
	{ "8589934591G", 8589934591ULL << 30 },
};

static const struct bad bads[] = {
	{ "", -EINVAL }, { "-1", -EINVAL }, { "+1", -EINVAL },
	{ " 1", -EINVAL }, { "1 ", -EINVAL }, { "K", -EINVAL },
	{ "1KB", -EINVAL }, { "1X", -EINVAL }, { "1Ki", -EINVAL },
	{ "1KiBB", -EINVAL }, { "0x10", -EINVAL }, { "1.5G", -EINVAL },
	{ "1e3", -EINVAL }, { "12abc", -EINVAL }, { "1E", -EINVAL },
	{ "1P", -EINVAL }, { "1\n", -EINVAL }, { "\xff", -EINVAL },
	{ "9223372036854775808", -ERANGE },
	{ "18446744073709551615", -ERANGE },
	{ "18446744073709551616", -ERANGE },
	{ "99999999999999999999999999999", -ERANGE },
	{ "8388608T", -ERANGE }, { "8589934592G", -ERANGE },
	{ "9007199254740992K", -ERANGE },
};

int main(int argc, char **argv)
{
	uint64_t v;
	size_t i;

	(void)argc;
	t_init(argv[0]);
	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		v = 12345;
		if (parse_size(goods[i].text, &v))
			FAIL("parse_size(\"%s\") refused", goods[i].text);
		if (v != goods[i].value)
			FAIL("parse_size(\"%s\") = %llu, expected %llu",
			     goods[i].text, (unsigned long long)v,
			     (unsigned long long)goods[i].value);
	}
	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		int ret;

		v = 12345;
		ret = parse_size(bads[i].text, &v);
		if (ret != bads[i].err)
			FAIL("parse_size(\"%s\") = %d, expected %d",
			     bads[i].text, ret, bads[i].err);
		CHECK_EQ(v, 12345);
	}
	CHECK_EQ(parse_size(NULL, &v), -EINVAL);
	return T_EXIT_PASS;
}
