// SPDX-License-Identifier: MIT
/*
 * ringzero.c - the `ringzero` command: finds the subcommand in a table and
 * runs it. Adding a subcommand is one row here and one cmd_NAME.c file.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <unistd.h>

#include "ringzero.h"
#include "cmd.h"

const struct subcommand ringzero_subcommands[] = {
	{ "probe", "report what this kernel's io_uring supports, or why it "
	  "is unavailable", cmd_probe },
	{ "version", "print the version of ringzero and of its library",
	  cmd_version },
	{ "zero", "zero a byte range of a file through io_uring", cmd_zero },
	{ "bench", "measure the Linux I/O models side by side", cmd_bench },
	{ NULL, NULL, NULL },
};

static void usage(FILE *out)
{
	const struct subcommand *c;

	fprintf(out,
		"Usage: ringzero COMMAND [OPTION]...\n"
		"io_uring from the syscall up: probe the kernel, zero file "
		"ranges, benchmark I/O models.\n\nCommands:\n");
	for (c = ringzero_subcommands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out,
		"\nOptions:\n"
		"  -h, --help     display this help and exit\n"
		"  -V, --version  output version information and exit\n"
		"\nRun 'ringzero COMMAND --help' for a command's options.\n");
}

void print_version(const char *program)
{
	printf("%s (ringzero) %s\n"
	       "liburing API level %d.%d\n"
	       "License: MIT.\n"
	       "This is free software: you are free to change and "
	       "redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n",
	       program, ringzero_version(), io_uring_major_version(),
	       io_uring_minor_version());
}

/*
 * `ringzero version` takes no operands; it answers -h/--help and
 * -V/--version like every subcommand, and rejects anything else as bad
 * usage.
 */
int cmd_version(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help",	no_argument,	NULL, 'h' },
		{ "version",	no_argument,	NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	opterr = 0;	/* our message, with the command's name */
	optind = 1;
	while ((opt = getopt_long(argc, argv, "hV", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			printf("Usage: ringzero version [OPTION]\n"
			       "Print the version of ringzero, and the liburing "
			       "API level its library implements.\n"
			       "\n"
			       "  -h, --help     display this help and exit\n"
			       "  -V, --version  output version information "
			       "and exit\n");
			return EXIT_OK;
		case 'V':
			print_version("ringzero");
			return EXIT_OK;
		default:
			fprintf(stderr, "ringzero version: unrecognized option "
				"'%s'\n", argv[optind - 1]);
			goto usage;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ringzero version: unexpected argument '%s'\n",
			argv[optind]);
		goto usage;
	}
	print_version("ringzero");
	return EXIT_OK;
usage:
	fprintf(stderr, "Try 'ringzero version --help' for more "
		"information.\n");
	return EXIT_USAGE;
}

/*
 * Flush and close standard output before exiting, and fail when that does
 * not work: a report that never reached its reader (a full disk, a closed
 * pipe, /dev/full) is a failure, not a success, whatever the command did.
 * stdio remembers an earlier failed write in ferror() but not its errno;
 * fclose() flushes what is still buffered and so usually fails again,
 * with the cause. A stdout that was closed before we started (EBADF with
 * nothing to write) is not an error. Returns status, or EXIT_FAIL after
 * saying why the output was lost. In the manner of gnulib's close_stdout.
 */
static int close_stdout(const char *program, int status)
{
	bool lost = ferror(stdout);
	bool pending = __fpending(stdout) != 0;
	int err = 0;

	if (fclose(stdout)) {
		err = errno;
		/* Closed before we started, and nothing to write: no loss. */
		if (err != EBADF || pending || lost)
			lost = true;
	}
	if (!lost)
		return status;
	if (err)
		fprintf(stderr, "%s: write error on standard output: %s\n",
			program, strerror(err));
	else
		fprintf(stderr, "%s: write error on standard output\n",
			program);
	return EXIT_FAIL;
}

/*
 * Make sure descriptors 0, 1 and 2 are open before any file is: the first
 * file opened takes the lowest free number, so with stderr closed
 * (`2>&-`), `ringzero zero` would open the file it zeroes as descriptor 2
 * and write its error messages over the file's first bytes. A closed one
 * is opened on /dev/null in the direction that fails, as gnulib's stdopen
 * does: standard input write-only, standard output and error read-only,
 * so that output to them still fails with EBADF and close_stdout() tells
 * it as before. 0, or -1 if /dev/null cannot be opened.
 */
static int std_fds_open(void)
{
	int fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		int got;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		got = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY :
			   O_RDONLY);
		/* The lowest free number: fd itself, as lower ones are open. */
		if (got != fd) {
			if (got >= 0)
				close(got);
			return -1;
		}
	}
	return 0;
}

/* Run the subcommand argv[1] (or answer --help/--version); an exit code. */
static int dispatch(int argc, char **argv, const char **program)
{
	const struct subcommand *c;
	static char name[64];

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		print_version("ringzero");
		return EXIT_OK;
	}
	for (c = ringzero_subcommands; c->name; c++) {
		if (strcmp(argv[1], c->name))
			continue;
		snprintf(name, sizeof(name), "ringzero %s", c->name);
		*program = name;
		return c->run(argc - 1, argv + 1);
	}
	fprintf(stderr, "ringzero: '%s' is not a ringzero command\n"
		"Try 'ringzero --help' for the list of commands.\n", argv[1]);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const char *program = "ringzero";
	int status;

	/*
	 * A write past RLIMIT_FSIZE sends SIGXFSZ, whose default action
	 * kills with a core dump, before the failing call can return
	 * -EFBIG; whether it reaches us depends on which task io_uring ran
	 * the write in. Ignored, every write fails with EFBIG instead, which
	 * the commands report with the limit's name.
	 */
	signal(SIGXFSZ, SIG_IGN);
	if (std_fds_open() < 0)
		return EXIT_FAIL;	/* nowhere safe to say so */
	status = dispatch(argc, argv, &program);

	return close_stdout(program, status);
}
