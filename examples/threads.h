/* SPDX-License-Identifier: MIT */
/*
 * threads.h - look at this process's threads through /proc, for the
 * examples that show where io_uring runs a request.
 *
 * The kernel threads io_uring starts for a process are threads of that
 * process, named after it: "iou-wrk-PID" for io-wq workers (blocking
 * work), "iou-sqp-PID" for an SQ polling thread. /proc/self/task lists
 * them with the process's own threads; /proc/self/task/TID/comm holds the
 * name and /proc/self/task/TID/stat the scheduler state (R running or
 * runnable, S asleep until woken, D asleep and unkillable).
 */
#ifndef RINGZERO_EXAMPLES_THREADS_H
#define RINGZERO_EXAMPLES_THREADS_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>

/*
 * Count this process's threads whose name starts with prefix ("" counts
 * them all). If state is not NULL, *state receives the scheduler state of
 * the last one counted ('?' if none). Returns the count, or -1 when
 * /proc/self/task cannot be read.
 */
static inline int count_threads(const char *prefix, char *state)
{
	char path[64], name[32], line[256];
	struct dirent *de;
	DIR *dir = opendir("/proc/self/task");
	int n = 0;

	if (state)
		*state = '?';
	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		FILE *f;
		char *paren;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%.16s/comm",
			 de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;	/* the thread has just exited */
		if (!fgets(name, sizeof(name), f))
			name[0] = '\0';
		fclose(f);
		if (strncmp(name, prefix, strlen(prefix)))
			continue;
		n++;
		if (!state)
			continue;
		/* "TID (comm) S ...": the state follows the last ')'. */
		snprintf(path, sizeof(path), "/proc/self/task/%.16s/stat",
			 de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(line, sizeof(line), f) &&
		    (paren = strrchr(line, ')')) && paren[1] == ' ')
			*state = paren[2];
		fclose(f);
	}
	closedir(dir);
	return n;
}

#endif
