// SPDX-License-Identifier: MIT
/*
 * CPU placement. The lab runs an engine on one CPU and its helper (the net
 * load generator, the SQPOLL kernel thread) on another, so that on a small
 * machine they do not take turns on one core and measure the scheduler.
 */
#include <errno.h>
#include <sched.h>

#include "bench.h"

void cpu_pick_two(int cpu[2])
{
	cpu_set_t set;
	int found = 0;

	cpu[0] = cpu[1] = 0;
	if (sched_getaffinity(0, sizeof(set), &set))
		return;
	for (int i = 0; i < CPU_SETSIZE && found < 2; i++)
		if (CPU_ISSET(i, &set))
			cpu[found++] = i;
	if (found == 1)
		cpu[1] = cpu[0];
}

int cpu_pin(int cpu, cpu_set_t *saved)
{
	cpu_set_t set;

	if (saved && sched_getaffinity(0, sizeof(*saved), saved))
		return -errno;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return -errno;
	return 0;
}

int cpu_restore(const cpu_set_t *saved)
{
	return sched_setaffinity(0, sizeof(*saved), saved) ? -errno : 0;
}
