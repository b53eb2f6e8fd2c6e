#!/bin/bash
# SPDX-License-Identifier: MIT
# initramfs.sh BUILD_DIR OUT - pack the guest's root filesystem as an
# uncompressed cpio archive (TCG unpacks it faster than it would inflate it):
# a static busybox with a link per applet, vm/init as /init, and the test
# suite laid out as in the source tree, so that /rz/test/run.sh /rz/build
# runs it: /rz/test (the scripts), /rz/build/test, /rz/build/examples and
# /rz/build/ringzero from BUILD_DIR, a `make STATIC=1` build; and
# /rz/scripts/demo.sh for `make demo-vm`. The guest has
# no shared libraries: a dynamically linked program is an error here, not a
# mysterious "not found" in the guest.

set -euo pipefail

die() { echo "vm: $*" >&2; exit 1; }

build=${1:?usage: initramfs.sh BUILD_DIR OUT}
out=${2:?usage: initramfs.sh BUILD_DIR OUT}
repo=$(cd "$(dirname "$0")/.." && pwd)
busybox=/bin/busybox

[ -x "$build/ringzero" ] || die "$build/ringzero missing: make O=$build STATIC=1"
[ -f "$repo/test/run.sh" ] || die "test/run.sh missing"

stage=$(mktemp -d "${TMPDIR:-/tmp}/rz-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,dev,proc,sys,tmp,mnt,rz/test,rz/build/test,rz/build/examples}

cp "$busybox" "$stage/bin/busybox"
for applet in $("$busybox" --list); do
	[ "$applet" = busybox ] || ln -s busybox "$stage/bin/$applet"
done
install -m 755 "$repo/vm/init" "$stage/init"

# Programs: every executable file the static build made.
copy_programs() {
	local from=$1 to=$2 f
	[ -d "$from" ] || return 0
	for f in "$from"/*; do
		if [ ! -f "$f" ] || [ ! -x "$f" ]; then
			continue
		fi
		if readelf -l "$f" 2>/dev/null | grep -q 'Requesting program interpreter'; then
			die "$f is dynamically linked; build with STATIC=1"
		fi
		cp "$f" "$to/"
	done
}
copy_programs "$build/test" "$stage/rz/build/test"
copy_programs "$build/examples" "$stage/rz/build/examples"
copy_programs "$build" "$stage/rz/build"

# The seed's scenario, for RZ_VM_DEMO=1 (make demo-vm).
mkdir -p "$stage/rz/scripts"
install -m 755 "$repo/scripts/demo.sh" "$stage/rz/scripts/demo.sh"

# Scripts and whatever data they read; C sources stay behind.
for f in "$repo"/test/*; do
	case $f in *.c | *.h) continue ;; esac
	[ -f "$f" ] && cp -p "$f" "$stage/rz/test/"
done

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
echo "vm: initramfs $out, $(du -h "$out" | cut -f1)," \
	"$(find "$stage/rz/build/test" -type f | wc -l) test programs" >&2
