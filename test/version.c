// SPDX-License-Identifier: MIT
/*
 * Description: version functions. io_uring_major/minor_version() return the
 * liburing API level the header announces; io_uring_check_version() and
 * IO_URING_CHECK_VERSION() are true exactly when the library is older than
 * the version asked about; ringzero_version() is this build's release.
 */
#include "helpers.h"

static const struct {
	int major, minor;
	bool older;	/* is the library older than major.minor? */
} cases[] = {
	{ 0, 0, false },
	{ 1, 99, false },
	{ IO_URING_VERSION_MAJOR, 0, false },
	{ IO_URING_VERSION_MAJOR, IO_URING_VERSION_MINOR, false },
	{ IO_URING_VERSION_MAJOR, IO_URING_VERSION_MINOR + 1, true },
	{ IO_URING_VERSION_MAJOR + 1, 0, true },
};

int main(int argc, char **argv)
{
	size_t i;

	(void)argc;
	t_init(argv[0]);
	CHECK_EQ(io_uring_major_version(), IO_URING_VERSION_MAJOR);
	CHECK_EQ(io_uring_minor_version(), IO_URING_VERSION_MINOR);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ma = cases[i].major, mi = cases[i].minor;

		if (io_uring_check_version(ma, mi) != cases[i].older)
			FAIL("io_uring_check_version(%d, %d) != %d", ma, mi,
			     cases[i].older);
		if (IO_URING_CHECK_VERSION(ma, mi) != cases[i].older)
			FAIL("IO_URING_CHECK_VERSION(%d, %d) != %d", ma, mi,
			     cases[i].older);
	}
	CHECK(!strcmp(ringzero_version(), RINGZERO_VERSION_STRING));
	{
		int ma = -1, mi = -1;

		CHECK_EQ(sscanf(ringzero_version(), "%d.%d", &ma, &mi), 2);
		CHECK_EQ(ma, RINGZERO_VERSION_MAJOR_PUBLIC);
		CHECK_EQ(mi, RINGZERO_VERSION_MINOR_PUBLIC);
	}
	return T_EXIT_PASS;
}
