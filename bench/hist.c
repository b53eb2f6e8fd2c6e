// SPDX-License-Identifier: MIT
/*
 * Latency histogram: merging, quantiles, and a text form so that the liburing
 * peer can hand its histogram back to the CLI. Adding a sample is inline in
 * bench.h because it sits in every engine's hot loop.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* The lowest value that lands in bucket i, and the bucket's width. */
static uint64_t bucket_low(unsigned i, uint64_t *width)
{
	unsigned shift;

	if (i < 2 * HIST_SUB) {
		*width = 1;
		return i;
	}
	shift = i / HIST_SUB - 1;
	*width = 1ULL << shift;
	return (uint64_t)(i % HIST_SUB + HIST_SUB) << shift;
}

void hist_merge(struct hist *dst, const struct hist *src)
{
	for (unsigned i = 0; i < HIST_BUCKETS; i++)
		dst->n[i] += src->n[i];
	dst->count += src->count;
}

uint64_t hist_quantile(const struct hist *h, double q)
{
	uint64_t want, seen = 0, width, low;

	if (!h->count)
		return 0;
	/* the rank of the sample at q, counting from 1 */
	want = (uint64_t)(q * (double)h->count + 0.999999);
	if (want < 1)
		want = 1;
	for (unsigned i = 0; i < HIST_BUCKETS; i++) {
		seen += h->n[i];
		if (seen >= want) {
			low = bucket_low(i, &width);
			return low + width / 2;
		}
	}
	return 0;
}

int hist_encode(const struct hist *h, char *buf, size_t size)
{
	size_t used = 0;
	int n;

	buf[0] = '\0';
	for (unsigned i = 0; i < HIST_BUCKETS; i++) {
		if (!h->n[i])
			continue;
		n = snprintf(buf + used, size - used, "%s%u:%llu",
			     used ? "," : "", i, (unsigned long long)h->n[i]);
		if (n < 0 || (size_t)n >= size - used)
			return -ENOSPC;
		used += (size_t)n;
	}
	return 0;
}

int hist_decode(struct hist *h, const char *text)
{
	const char *p = text;
	char *end;
	unsigned long i;
	unsigned long long n;

	memset(h, 0, sizeof(*h));
	while (*p && *p != ' ' && *p != '\n') {
		i = strtoul(p, &end, 10);
		if (end == p || *end != ':' || i >= HIST_BUCKETS)
			return -EINVAL;
		p = end + 1;
		n = strtoull(p, &end, 10);
		if (end == p)
			return -EINVAL;
		h->n[i] += n;
		h->count += n;
		p = *end == ',' ? end + 1 : end;
	}
	return 0;
}
