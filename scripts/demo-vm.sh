#!/bin/bash
# SPDX-License-Identifier: MIT
# demo-vm.sh KERNEL BUILD_DIR VM_DIR - the seed's scenario on the patched
# kernel: build Linux KERNEL with kernel/KERNEL/'s IORING_OP_ZERO patch, or
# take it from the cache (vm/kernel.sh), saying how far a build has got;
# pack BUILD_DIR's static ringzero into the guest's initramfs; boot it in
# QEMU with RZ_VM_DEMO=1, where vm/init runs scripts/demo.sh on ext4: a
# file holding "1234567890\n" is dumped, has its first 5 bytes zeroed by
# `ringzero zero -o 0 -l 5`, and is dumped again. Shows the guest's demo
# output (the whole console is in VM_DIR/console.log) and fails unless the
# bytes are right and the method was native.

set -uo pipefail

die() { echo "demo-vm: $*" >&2; exit 1; }

kernel=${1:?usage: demo-vm.sh KERNEL BUILD_DIR VM_DIR}
build=${2:?usage: demo-vm.sh KERNEL BUILD_DIR VM_DIR}
dir=${3:?usage: demo-vm.sh KERNEL BUILD_DIR VM_DIR}
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${RZ_VM_CACHE:-/var/cache/ringzero-vm}
log=$cache/build-$kernel.log

mkdir -p "$dir"

# The kernel: kernel.sh prints the bzImage's path when it is done. A build
# takes minutes (TCG needs none of KVM, but compiling is compiling); while
# it runs, the number of files compiled so far, every 20 seconds.
"$repo/vm/kernel.sh" "$kernel" >"$dir/kernel-path" &
pid=$!
last=-1 next=20
while kill -0 "$pid" 2>/dev/null; do
	sleep 1
	[ "$SECONDS" -ge "$next" ] && [ -f "$log" ] || continue
	next=$((SECONDS + 20))
	n=$(grep -c '^  CC ' "$log" 2>/dev/null)
	if [ "${n:-0}" != "$last" ]; then
		echo "demo-vm: Linux $kernel: ${n:-0} files compiled after $SECONDS s (log: $log)" >&2
		last=${n:-0}
	fi
done
wait "$pid" || die "no kernel (vm/kernel.sh $kernel failed)"
bzimage=$(cat "$dir/kernel-path")
[ -f "$bzimage" ] || die "vm/kernel.sh gave no bzImage"

"$repo/vm/initramfs.sh" "$build" "$dir/initramfs.cpio" || die "initramfs failed"
"$repo/vm/disks.sh" "$dir" || die "disk images failed"

# The guest's demo output, between its markers; boot.sh's verdict follows.
echo "demo-vm: booting the patched kernel in QEMU (TCG)..." >&2
RZ_VM_DEMO=1 "$repo/vm/boot.sh" "$bzimage" "$dir" |
	tr -d '\r' | sed -u -n '/^RZ-DEMO-BEGIN$/,/^RZ-DEMO-END$/{/^RZ-DEMO-/d;p;}'
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || die "the demo failed in the guest, see $dir/console.log"
grep -a -q "method: native" "$dir/console.log" ||
	die "the guest did not use the native IORING_OP_ZERO"
echo "demo-vm: method: native (IORING_OP_ZERO on the patched Linux $kernel)"
