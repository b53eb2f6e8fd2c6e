// SPDX-License-Identifier: MIT
/*
 * Which rows each workload shows, in order, and which ratios are printed
 * under the table. Adding an engine is a line here and a file beside it.
 */
#include <string.h>

#include "cli.h"

extern const struct engine file_sync, file_threads, file_posix_aio,
	file_linux_aio, file_uring, file_uring_reg, file_uring_sqpoll;
extern const struct engine net_threads, net_busypoll, net_select, net_poll,
	net_epoll, net_sigio, net_uring, net_uring_multishot;
extern const struct engine nop_uring;
extern const struct engine zero_uring_zero, zero_fallocate, zero_pwrite,
	zero_uring_write, zero_punch;

#define ENGINE(e) { .engine = &(e) }
#define ARRAY_SIZE(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

static const struct row_spec file_rows[] = {
	ENGINE(file_sync),
	ENGINE(file_threads),
	ENGINE(file_posix_aio),
	ENGINE(file_linux_aio),
	ENGINE(file_uring),
	ENGINE(file_uring_reg),
	ENGINE(file_uring_sqpoll),
	{ .name = "liburing", .peer = "uring",
	  .what = "the uring loop built against liburing (separate process)" },
	{ .name = "fio-psync", .fio = "psync",
	  .what = "fio --ioengine=psync on the same file (reference)" },
	{ .name = "fio-libaio", .fio = "libaio",
	  .what = "fio --ioengine=libaio on the same file (reference)" },
	{ .name = "fio-io_uring", .fio = "io_uring",
	  .what = "fio --ioengine=io_uring on the same file (reference)" },
};

static const struct ratio file_ratios[] = {
	{ "uring", "liburing", "ringzero vs liburing, same loop" },
	{ "sync", "fio-psync", "our pread loop vs fio psync" },
	{ "linux-aio", "fio-libaio", "our kernel AIO vs fio libaio" },
	{ "uring", "fio-io_uring", "our io_uring vs fio io_uring" },
};

static const struct row_spec net_rows[] = {
	ENGINE(net_threads),
	ENGINE(net_busypoll),
	ENGINE(net_select),
	ENGINE(net_poll),
	ENGINE(net_epoll),
	ENGINE(net_sigio),
	ENGINE(net_uring),
	ENGINE(net_uring_multishot),
	{ .name = "liburing", .peer = "uring-multishot",
	  .what = "the uring-multishot loop built against liburing "
		  "(separate process)" },
};

static const struct ratio net_ratios[] = {
	{ "uring-multishot", "epoll", "multishot io_uring vs epoll" },
	{ "uring-multishot", "liburing", "ringzero vs liburing, same loop" },
};

static const struct row_spec nop_rows[] = {
	ENGINE(nop_uring),
	{ .name = "liburing", .peer = "uring",
	  .what = "the same NOP loop built against liburing "
		  "(separate process)" },
};

static const struct ratio nop_ratios[] = {
	{ "uring", "liburing", "ringzero vs liburing NOP rate" },
};

static const struct row_spec zero_rows[] = {
	ENGINE(zero_uring_zero),
	ENGINE(zero_fallocate),
	ENGINE(zero_pwrite),
	ENGINE(zero_uring_write),
	ENGINE(zero_punch),
};

static const struct ratio zero_ratios[] = {
	{ "zero", "pwrite", "ZERO vs writing zeroes" },
};

#define TABLE(w, rows, ratios) \
	{ &(w), rows, ARRAY_SIZE(rows), ratios, ARRAY_SIZE(ratios) }

const struct lab_table lab_tables[] = {
	TABLE(wl_file, file_rows, file_ratios),
	TABLE(wl_net, net_rows, net_ratios),
	TABLE(wl_nop, nop_rows, nop_ratios),
	TABLE(wl_zero, zero_rows, zero_ratios),
};

const unsigned lab_ntables = ARRAY_SIZE(lab_tables);

const struct lab_table *lab_table_find(const char *workload)
{
	for (unsigned i = 0; i < lab_ntables; i++)
		if (!strcmp(lab_tables[i].wl->name, workload))
			return &lab_tables[i];
	return NULL;
}
