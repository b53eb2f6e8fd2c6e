/* SPDX-License-Identifier: MIT */
/*
 * cmd.h - the ringzero command's subcommands and what they share.
 *
 * Each subcommand is `int cmd_NAME(int argc, char **argv)` in its own file,
 * argv[0] being the subcommand name; it returns the process exit code:
 * 0 success, 1 failure, 2 bad usage. Only these functions print errors.
 */
#ifndef RINGZERO_CMD_H
#define RINGZERO_CMD_H

#include <stdio.h>

#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

struct subcommand {
	const char *name;
	const char *summary;	/* one line for `ringzero --help` */
	int (*run)(int argc, char **argv);
};

/* The table, in tools/ringzero.c. */
extern const struct subcommand ringzero_subcommands[];

/* Print the standard --version text for program (GNU style). */
void print_version(const char *program);

int cmd_version(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_zero(int argc, char **argv);
int cmd_probe(int argc, char **argv);

#endif /* RINGZERO_CMD_H */
