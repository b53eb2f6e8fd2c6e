// SPDX-License-Identifier: MIT
/*
 * diagnose.c - libFuzzer target for the diagnosis decoder: the parsers
 * that read the system (/proc/self/status, sysctl values, kernel release
 * strings) and the rules and formatter that turn a setup failure into
 * text, fed arbitrary bytes.
 *
 * Input layout: a 24-byte header (errno, entries, setup flags, cq_entries,
 * memlock limit, the sysctl/group/output-size knobs), then three texts
 * separated by NUL bytes: a kernel release, /proc/self/status, a sysctl
 * value. Every buffer handed to the library is exactly as large as the
 * library is told, so AddressSanitizer catches any write past it; the
 * snprintf contract of the formatters is checked on every run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/internal.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static uint32_t take32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* The next NUL-terminated piece of [*p, end), copied to the heap. */
static char *take_text(const uint8_t **p, const uint8_t *end, size_t *len)
{
	const uint8_t *nul = memchr(*p, 0, (size_t)(end - *p));
	size_t n = nul ? (size_t)(nul - *p) : (size_t)(end - *p);
	char *s = malloc(n + 1);

	CHECK(s);
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += nul ? n + 1 : n;
	*len = n;
	return s;
}

/* Call a snprintf-style formatter into an exact-size buffer; check it. */
static void check_snprintf(int full, const char *buf, size_t len)
{
	CHECK(full >= 0);
	if (!len)
		return;
	/* Always terminated; a whole text when it fit, else a full prefix. */
	if ((size_t)full < len)
		CHECK(strlen(buf) == (size_t)full);
	else
		CHECK(strlen(buf) == len - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + 24, *end = data + size;
	struct io_uring_params params;
	struct ringzero_diagnosis d;
	struct ringzero_sysinfo si;
	char *release, *status, *sysctl, *out;
	size_t rlen, slen, clen, outlen;
	long long value;
	unsigned version, i;
	int ret, full;

	if (size < 24)
		return 0;

	/* The parsers. */
	release = take_text(&p, end, &rlen);
	status = take_text(&p, end, &slen);
	sysctl = take_text(&p, end, &clen);

	memset(&si, 0, sizeof(si));
	if (!ringzero_parse_kernel_release(release, &version)) {
		char again[16];

		/* What parsed prints back and parses to the same. */
		snprintf(again, sizeof(again), "%u.%u",
			 RINGZERO_KVER_MAJOR(version),
			 RINGZERO_KVER_MINOR(version));
		CHECK(!ringzero_parse_kernel_release(again, &si.kernel_version));
		CHECK(si.kernel_version == version);
	}
	memcpy(si.release, release, rlen < 64 ? rlen : 64);
	__rz_parse_status(status, slen, &si.seccomp, &si.cap_sys_admin,
			  &si.cap_ipc_lock);
	CHECK(si.seccomp >= -1 && si.seccomp <= 2);
	CHECK(si.cap_sys_admin >= -1 && si.cap_sys_admin <= 1);
	CHECK(si.cap_ipc_lock >= -1 && si.cap_ipc_lock <= 1);
	ret = __rz_parse_long(sysctl, clen, &value);
	CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	si.io_uring_disabled = ret ? -1 : (int)(value % 4) - 1;
	si.io_uring_group = ret ? -1 : value;
	si.in_io_uring_group = data[20] & 1;
	si.memlock_cur = data[21] == 0xff ? ~0ULL : (unsigned long long)
			 take32(data + 16) << (data[21] & 15);
	si.memlock_max = si.memlock_cur;

	/* The rules, with and without parameters. */
	memset(&params, 0, sizeof(params));
	params.flags = take32(data + 8);
	params.cq_entries = take32(data + 12);
	params.resv[0] = data[22] & 1;
	for (i = 0; i < 2; i++) {
		unsigned c;

		ret = ringzero_diagnose((int)take32(data), take32(data + 4),
					i ? &params : NULL, &si, &d);
		CHECK(ret >= 1 && ret <= RINGZERO_DIAG_MAX_CAUSES);
		CHECK((unsigned)ret == d.nr);
		for (c = 0; c < d.nr; c++) {
			CHECK(ringzero_cause_name(d.causes[c].cause));
			CHECK(memchr(d.causes[c].what, 0,
				     sizeof(d.causes[c].what)));
			CHECK(memchr(d.causes[c].remedy, 0,
				     sizeof(d.causes[c].remedy)));
			CHECK(d.causes[c].what[0] && d.causes[c].remedy[0]);
		}

		/* The formatter, into a buffer of a size from the input. */
		outlen = data[23] * 8U;
		out = malloc(outlen ? outlen : 1);
		CHECK(out);
		full = ringzero_diagnosis_format(&d, outlen ? out : NULL,
						 outlen);
		check_snprintf(full, out, outlen);
		free(out);
	}

	free(release);
	free(status);
	free(sysctl);
	return 0;
}
