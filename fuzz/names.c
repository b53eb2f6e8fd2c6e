// SPDX-License-Identifier: MIT
/*
 * names.c - libFuzzer target for the probe decoder: flag words decoded to
 * names ("SQPOLL|SQ_AFF|0x80000000"), values looked up in the name tables,
 * and errno names, for arbitrary values and output sizes.
 *
 * Input: a table number, a 64-bit flag word, an output size, repeated.
 * Checks the snprintf contract, that the decoded text names exactly the
 * bits given (every known bit by name, the rest as one hex number), and
 * that a lookup finds the row whose value it asked for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/internal.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

/* Rebuild the flag word from its decoded text; ~0ULL if not parseable. */
static unsigned long long reparse(int table, const char *text)
{
	unsigned long long flags = 0;
	const char *s = text;

	if (!strcmp(text, "0"))
		return 0;
	while (*s) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		const struct ringzero_name *rows;
		unsigned nr, i;
		int found = 0;

		if (n > 2 && s[0] == '0' && s[1] == 'x') {
			flags |= strtoull(s, NULL, 16);
			found = 1;
		}
		rows = ringzero_names(table, &nr);
		for (i = 0; !found && i < nr; i++) {
			if (strlen(rows[i].name) == n &&
			    !memcmp(rows[i].name, s, n)) {
				flags |= rows[i].value;
				found = 1;
			}
		}
		if (!found)
			return ~0ULL;
		s += n + (bar ? 1 : 0);
	}
	return flags;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	while (size >= 10) {
		int table = data[0] % (RINGZERO_NAMES_NR + 2) - 1;
		unsigned long long flags = 0;
		const struct ringzero_name *row;
		size_t len = data[9], i;
		char *buf;
		int full;

		for (i = 0; i < 8; i++)
			flags |= (unsigned long long)data[1 + i] << (8 * i);
		data += 10;
		size -= 10;

		row = ringzero_name_find(table, flags);
		if (row)
			CHECK(row->value == flags && row->name[0]);
		CHECK(!ringzero_names(table, NULL) == (table < 0 ||
						       table >= RINGZERO_NAMES_NR));
		if (flags <= 0x7fffffff) {
			const char *name = ringzero_op_name((int)flags);

			CHECK(!name || flags < IORING_OP_LAST);
		}
		ringzero_errno_name((int)flags);
		ringzero_cause_name((int)flags);

		/* An exact-size buffer: ASan sees any byte written past it. */
		buf = malloc(len ? len : 1);
		CHECK(buf);
		full = ringzero_flags_name(table, flags, len ? buf : NULL, len);
		if (full < 0) {
			CHECK(full == -EINVAL);
			free(buf);
			continue;
		}
		if (len) {
			CHECK(strlen(buf) == ((size_t)full < len ?
					      (size_t)full : len - 1));
		}
		if (len > (size_t)full)
			CHECK(reparse(table, buf) == flags);
		free(buf);
	}
	return 0;
}
