// SPDX-License-Identifier: MIT
/*
 * ringzero-peer-liburing: the io_uring engines of the lab built against
 * liburing, run by `ringzero bench` for its liburing rows.
 *   ringzero-peer-liburing ENGINE [bench options] WORKLOAD
 * runs one measured run and prints one line (format in bench/peer.c). It
 * shares everything with the CLI except the library under the engines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../bench.h"

extern const struct engine file_uring, file_uring_reg, file_uring_sqpoll,
	net_uring, net_uring_multishot, nop_uring;

static const struct {
	const struct workload *wl;
	const struct engine *e;
} engines[] = {
	{ &wl_file, &file_uring },
	{ &wl_file, &file_uring_reg },
	{ &wl_file, &file_uring_sqpoll },
	{ &wl_net, &net_uring },
	{ &wl_net, &net_uring_multishot },
	{ &wl_nop, &nop_uring },
};

static void answer(const struct result *r)
{
	static char hist[64 * 1024];

	if (hist_encode(&r->hist, hist, sizeof(hist)))
		hist[0] = '\0';
	printf("rzpeer state=%d ops=%llu bytes=%llu wall=%llu user=%llu "
	       "sys=%llu syscalls=%llu sc=%d helper=%llu wait=%llu "
	       "sdemand=%.6f hdemand=%.6f hist=%s why=%s\n",
	       (int)r->state, (unsigned long long)r->ops,
	       (unsigned long long)r->bytes, (unsigned long long)r->wall_ns,
	       (unsigned long long)r->utime_ns,
	       (unsigned long long)r->stime_ns,
	       (unsigned long long)r->syscalls, (int)r->sc,
	       (unsigned long long)r->helper_cpu_ns,
	       (unsigned long long)r->wait_ns,
	       r->server_demand, r->helper_demand, hist, r->why);
}

int main(int argc, char **argv)
{
	static struct result r;
	static struct lab lab;
	const char *name;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s ENGINE [ringzero bench options] "
			"WORKLOAD\n", argv[0]);
		return 2;
	}
	name = argv[1];
	ret = opts_parse(&lab.o, argc - 1, argv + 1);
	if (ret)
		return ret > 0 ? 0 : 2;
	for (size_t i = 0; i < sizeof(engines) / sizeof(*engines); i++) {
		if (strcmp(engines[i].wl->name, lab.o.workload) ||
		    strcmp(engines[i].e->name, name))
			continue;
		lab.wl = engines[i].wl;
		lab.fd = lab.fd_direct = -1;
		ret = lab.wl->setup(&lab);
		if (ret)
			result_set_error(&r, ret, lab.why);
		else
			lab.wl->run(&lab, engines[i].e, lab.o.batch, &r);
		lab.wl->teardown(&lab);
		answer(&r);
		return 0;
	}
	fprintf(stderr, "%s: no engine '%s' for workload '%s'\n", argv[0],
		name, lab.o.workload);
	return 2;
}
