/* SPDX-License-Identifier: MIT */
/*
 * capture.h - for tests that run the ringzero CLI (or any program) and
 * look at what it printed: run it with standard output and standard error
 * in files, tell a clean exit from a crash, read the files back.
 */
#ifndef RINGZERO_TEST_CAPTURE_H
#define RINGZERO_TEST_CAPTURE_H

#include <sys/wait.h>

#include "helpers.h"

/* What one run of a program left. */
struct t_run {
	int status;		/* waitpid() status */
	char out[65536];	/* standard output, NUL-terminated */
	char err[16384];	/* standard error */
};

static inline void t_slurp(int fd, char *buf, size_t len)
{
	ssize_t n;
	size_t used = 0;

	lseek(fd, 0, SEEK_SET);
	while (used < len - 1 && (n = read(fd, buf + used, len - 1 - used)) > 0)
		used += (size_t)n;
	buf[used] = '\0';
}

/* Run argv (argv[0] a path) with no input; fill *r. Fails on fork/exec. */
static inline void t_run_capture(char *const argv[], struct t_run *r)
{
	char out_path[256], err_path[256];
	int out = t_tmpfile(out_path, NULL, 0);
	int err = t_tmpfile(err_path, NULL, 0);
	pid_t pid;

	unlink(out_path);
	unlink(err_path);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		FAIL("fork: %s", strerror(errno));
	if (!pid) {
		int in = open("/dev/null", O_RDONLY);

		if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
		    dup2(err, 2) < 0)
			_exit(126);
		execv(argv[0], argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &r->status, 0) != pid)
		FAIL("waitpid: %s", strerror(errno));
	t_slurp(out, r->out, sizeof(r->out));
	t_slurp(err, r->err, sizeof(r->err));
	close(out);
	close(err);
	if (WIFEXITED(r->status) && WEXITSTATUS(r->status) == 127)
		FAIL("%s did not run: %s", argv[0], r->err);
}

/* Fail unless the run exited (no signal) with code. */
static inline void t_expect_exit(const struct t_run *r, const char *what,
				 int code)
{
	if (WIFSIGNALED(r->status))
		FAIL("%s crashed: signal %d\nstderr: %s", what,
		     WTERMSIG(r->status), r->err);
	if (!WIFEXITED(r->status) || WEXITSTATUS(r->status) != code)
		FAIL("%s exited %d, expected %d\nstdout: %s\nstderr: %s", what,
		     WEXITSTATUS(r->status), code, r->out, r->err);
}

/* Fail unless text (named what) contains needle. */
static inline void t_expect_text(const char *text, const char *what,
				 const char *needle)
{
	if (!strstr(text, needle))
		FAIL("%s lacks \"%s\":\n%s", what, needle, text);
}

/* The CLI under test, from the runner's environment. */
static inline char *t_cli(void)
{
	char *cli = getenv("RINGZERO");

	if (!cli || !*cli)
		FAIL("RINGZERO is not set (run through test/run.sh)");
	if (access(cli, X_OK))
		FAIL("%s: %s", cli, strerror(errno));
	return cli;
}

/* Wait for a child running checks; fail if it failed or crashed. */
static inline void t_wait_child(pid_t pid, const char *what)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		FAIL("waitpid: %s", strerror(errno));
	if (WIFSIGNALED(status))
		FAIL("%s: crashed with signal %d", what, WTERMSIG(status));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		FAIL("%s: failed (exit %d)", what, WEXITSTATUS(status));
}

/*
 * Run fn(arg) in a child process and wait for it: for checks that change
 * the process for good (dropped privileges, a seccomp filter, limits).
 * The child passes by returning from fn; what names it in a failure.
 */
static inline void t_in_child(void (*fn)(int), int arg, const char *what)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		FAIL("fork: %s", strerror(errno));
	if (!pid) {
		fn(arg);
		exit(T_EXIT_PASS);
	}
	t_wait_child(pid, what);
}

#endif /* RINGZERO_TEST_CAPTURE_H */
