// SPDX-License-Identifier: MIT
/*
 * What a bench run leaves behind when it is stopped by a signal (Ctrl-C,
 * kill, a closed terminal): the data file it created in --dir (256M for
 * file, 1G for zero by default, in RAM when --dir is a tmpfs), the chart it
 * created for --svg, and the child it runs (fio, the liburing peer, the
 * load generator: a fio child would otherwise read on for up to --time).
 * The handler removes the files, kills and reaps the child, then dies of the
 * same signal so that the shell sees how the run ended.
 *
 * Only async-signal-safe calls run in the handler; the state it reads is
 * written before the handler can need it (a path is copied in full before
 * its slot is marked set).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static char paths[CLEANUP_SLOTS][4096];
static volatile sig_atomic_t path_set[CLEANUP_SLOTS];
static volatile pid_t child;
/* a forked child (before exec) inherits the handler: it removes nothing */
static volatile pid_t owner;

static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void on_fatal_signal(int sig)
{
	int saved = errno;

	if (getpid() == owner) {
		for (unsigned i = 0; i < CLEANUP_SLOTS; i++)
			if (path_set[i])
				unlink(paths[i]);
		if (child > 0) {
			kill(child, SIGKILL);
			while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
				;
		}
	}
	errno = saved;
	/* SA_RESETHAND put the default back; delivered once we return */
	raise(sig);
}

void cleanup_arm(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	sigfillset(&sa.sa_mask);	/* one handler at a time */
	owner = getpid();
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(*fatal_signals);
	     i++) {
		struct sigaction old;

		/* a signal the caller ignores (nohup, a background job) stays so */
		if (sigaction(fatal_signals[i], NULL, &old) ||
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal_signals[i], &sa, NULL);
	}
}

void cleanup_path(enum cleanup_slot slot, const char *path)
{
	path_set[slot] = 0;
	if (!path)
		return;
	snprintf(paths[slot], sizeof(paths[slot]), "%s", path);
	path_set[slot] = 1;
}

void cleanup_child(pid_t pid)
{
	child = pid;
}
