#!/bin/sh
# SPDX-License-Identifier: MIT
# deps.sh KERNEL - install the Debian packages the VM test needs, and only
# those that are missing: the kernel source of the version under test, the
# kernel build tools, QEMU, a static busybox for the guest and the mkfs tools
# of the filesystems the guest tests. Non-interactive; runs apt-get update
# only when an install fails (a fresh machine may have no package lists).

set -eu

kernel=${1:?usage: deps.sh KERNEL (6.12 or 6.1)}

pkgs="linux-source-$kernel build-essential flex bison bc libelf-dev \
libssl-dev cpio xz-utils patch qemu-system-x86 busybox-static \
e2fsprogs xfsprogs btrfs-progs"

missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "vm: missing Debian packages:$missing" >&2
	echo "vm: run as root, or: sudo apt-get install -y$missing" >&2
	exit 1
fi

echo "vm: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # word splitting of the package list is wanted
if ! apt-get install -y --no-install-recommends $missing >&2; then
	apt-get update >&2
	apt-get install -y --no-install-recommends $missing >&2
fi
