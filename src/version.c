// SPDX-License-Identifier: MIT
/*
 * version.c - the liburing API level ringzero implements, and its own
 * release. Compiled into the library, so a program can tell at run time
 * which library it was linked against, not only which header it saw.
 */
#include "internal.h"

int io_uring_major_version(void)
{
	return IO_URING_VERSION_MAJOR;
}

int io_uring_minor_version(void)
{
	return IO_URING_VERSION_MINOR;
}

/* true when the library is OLDER than major.minor (liburing's sense). */
bool io_uring_check_version(int major, int minor)
{
	return IO_URING_CHECK_VERSION(major, minor);
}

const char *ringzero_version(void)
{
	return RINGZERO_VERSION_STRING;
}
