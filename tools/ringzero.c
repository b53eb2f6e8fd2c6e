// SPDX-License-Identifier: MIT
/*
 * ringzero.c - the `ringzero` command: finds the subcommand in a table and
 * runs it. Adding a subcommand is one row here and one cmd_NAME.c file.
 */
#include <stdio.h>
#include <string.h>

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
 * `ringzero version` takes no operands; it answers --help and --version
 * like every subcommand, and rejects anything else as bad usage.
 */
int cmd_version(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf("Usage: ringzero version\n"
		       "Print the version of ringzero, and the liburing API "
		       "level its library implements.\n");
		return EXIT_OK;
	}
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--version"))) {
		fprintf(stderr, "ringzero version: unexpected argument '%s'\n"
			"Try 'ringzero version --help' for more information.\n",
			argv[1]);
		return EXIT_USAGE;
	}
	print_version("ringzero");
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct subcommand *c;

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
	for (c = ringzero_subcommands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "ringzero: '%s' is not a ringzero command\n"
		"Try 'ringzero --help' for the list of commands.\n", argv[1]);
	return EXIT_USAGE;
}
