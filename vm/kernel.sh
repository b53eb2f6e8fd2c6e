#!/bin/bash
# SPDX-License-Identifier: MIT
# kernel.sh KERNEL - build Debian's Linux KERNEL (6.12 or 6.1) with the
# patches in kernel/KERNEL/ and the config fragment vm/kernel.config, and
# print the path of its bzImage. Kernels are cached outside the work tree, in
# $RZ_VM_CACHE (default /var/cache/ringzero-vm), under a key that hashes the
# source package version, the patches, the fragment, this script and the
# compiler: the same inputs never build twice, a changed input always does.
# Old kernels are never removed; deleting $RZ_VM_CACHE/kernels/* is safe.
# Progress goes to stderr, the build log to $RZ_VM_CACHE/build-KERNEL.log.
# RZ_VM_JOBS sets make -j (default 2, the CI machine's core count).

set -euo pipefail

die() { echo "vm: $*" >&2; exit 1; }

kernel=${1:?usage: kernel.sh KERNEL (6.12 or 6.1)}
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${RZ_VM_CACHE:-/var/cache/ringzero-vm}
jobs=${RZ_VM_JOBS:-2}
tarball=/usr/src/linux-source-$kernel.tar.xz
fragment=$repo/vm/kernel.config
shopt -s nullglob
patches=("$repo/kernel/$kernel"/*.patch)

[ ${#patches[@]} -gt 0 ] || die "no patches in kernel/$kernel/"
[ -f "$tarball" ] || die "$tarball missing: install linux-source-$kernel"
srcver=$(dpkg-query -W -f '${Version}' "linux-source-$kernel") ||
	die "linux-source-$kernel is not installed"

key=$({
	echo "linux-source-$kernel $srcver"
	cat "${patches[@]}" "$fragment" "$0"
	gcc --version | head -n 1
} | sha256sum | cut -c1-16)
out=$cache/kernels/$kernel-$key

if [ -f "$out/bzImage" ]; then
	echo "vm: Linux $srcver, cached kernel $out" >&2
	echo "$out/bzImage"
	exit 0
fi

mkdir -p "$cache/kernels"
# One build per version at a time; a second caller waits and then finds
# the kernel the first one built.
exec 9>"$cache/lock-$kernel"
flock 9
if [ -f "$out/bzImage" ]; then
	echo "$out/bzImage"
	exit 0
fi

src=$cache/src/$kernel
log=$cache/build-$kernel.log
start=$(date +%s)
echo "vm: building Linux $srcver (key $key), log in $log" >&2

rm -rf "$src"
mkdir -p "$src"
tar -xf "$tarball" -C "$src" --strip-components=1
for p in "${patches[@]}"; do
	patch -d "$src" -p1 --forward --batch --quiet <"$p" ||
		die "$p does not apply to linux-source-$kernel $srcver"
done

kmake() { make -C "$src" KBUILD_BUILD_USER=ringzero KBUILD_BUILD_HOST=vm "$@"; }
{
	kmake tinyconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$src" "$src/.config" \
		"$fragment"
	kmake olddefconfig
} >"$log" 2>&1 || die "configuring failed, see $log"

# Kconfig silently drops a symbol whose dependencies are not met: insist
# that the final config holds every line of the fragment.
dropped=
while read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$src/.config" || dropped="$dropped $line" ;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		! grep -q "^$sym=" "$src/.config" || dropped="$dropped $line" ;;
	esac
done <"$fragment"
[ -z "$dropped" ] || die "config lost:$dropped (see $src/.config)"

if ! kmake -j"$jobs" bzImage >>"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "kernel build failed, see $log"
fi

rm -rf "$out.tmp"
mkdir -p "$out.tmp"
cp "$src/arch/x86/boot/bzImage" "$src/.config" "$out.tmp/"
echo "linux-source-$kernel $srcver" >"$out.tmp/version"
mv "$out.tmp" "$out"
# The 2 GB build tree has served; RZ_VM_KEEP_SRC=1 keeps it for debugging.
# Kernels built from other inputs stay: at 4 MB each they cost little, and
# another work tree may be using one right now.
[ -n "${RZ_VM_KEEP_SRC:-}" ] || rm -rf "$src"

echo "vm: built Linux $srcver in $(($(date +%s) - start)) s" >&2
echo "$out/bzImage"
