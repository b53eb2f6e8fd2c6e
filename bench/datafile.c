// SPDX-License-Identifier: MIT
/*
 * The data file a file or zero run creates in --dir: a fresh name, removed
 * at teardown and on a fatal signal (cleanup.c), and refused up front when
 * --dir has no room for --size bytes. Filling a file system (a tmpfs is
 * RAM) until write() fails would starve everything else on the machine
 * before the row failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "bench.h"

int datafile_create(struct lab *lab, const char *prefix)
{
	struct statvfs sv;
	uint64_t room;
	int fd, err;

	snprintf(lab->path, sizeof(lab->path), "%s/%s-XXXXXX", lab->o.dir,
		 prefix);
	fd = mkostemp(lab->path, O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		snprintf(lab->why, sizeof(lab->why), "%." PATH_SHOWN "s: "
			 "cannot create: %s", lab->path, strerror(-err));
		return err;
	}
	lab->own_file = true;
	cleanup_path(CLEANUP_DATA, lab->path);	/* Ctrl-C removes it too */
	if (fstatvfs(fd, &sv))
		return fd;	/* no answer: write() will say */
	/* blocks free to us, not to root's reserve; saturated, not wrapped */
	room = sv.f_bavail > UINT64_MAX / (sv.f_frsize ? sv.f_frsize : 1) ?
	       UINT64_MAX : (uint64_t)sv.f_bavail * sv.f_frsize;
	if (lab->o.size > room) {
		snprintf(lab->why, sizeof(lab->why), "%." PATH_SHOWN "s: "
			 "--size %" PRIu64 " bytes does not fit: %" PRIu64
			 " bytes free there (use a smaller --size or another "
			 "--dir)", lab->o.dir, lab->o.size, room);
		close(fd);
		datafile_remove(lab);
		return -ENOSPC;
	}
	return fd;
}

void datafile_remove(struct lab *lab)
{
	if (!lab->own_file)
		return;
	unlink(lab->path);
	cleanup_path(CLEANUP_DATA, NULL);
	lab->own_file = false;
}
