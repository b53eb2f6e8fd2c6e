#!/bin/sh
# SPDX-License-Identifier: MIT
# disks.sh DIR - make fresh, sparse 1 GiB disk images DIR/ext4.img,
# DIR/xfs.img and DIR/btrfs.img, each holding an empty filesystem of its
# name, for the guest to test on. mkfs works on the image files directly:
# no loop device, no mount on the host. 1 GiB because mkfs.xfs refuses
# filesystems under 300 MB.

set -eu
PATH=$PATH:/usr/sbin:/sbin

dir=${1:?usage: disks.sh DIR}
mkdir -p "$dir"

for fs in ext4 xfs btrfs; do
	img=$dir/$fs.img
	rm -f "$img"
	truncate -s 1G "$img"
	case $fs in
	# Initialise inode tables and journal now: ext4lazyinit would do it
	# in the guest, slowly, while the tests run.
	ext4) mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$img" ;;
	xfs) mkfs.xfs -q -f "$img" ;;
	btrfs) mkfs.btrfs -q -f "$img" >/dev/null ;;
	esac
done
